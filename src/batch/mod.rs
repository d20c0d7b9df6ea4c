//! `dxready batch`: scoring many enterprises at once and summarising them as a cohort.
//!
//! The stages, in the order data flows:
//!
//! 1. [`input`]: the command-line inputs → answer files and CSV files, folders walked in path
//!    order (lazily).
//! 2. [`mapping`]: with `--map`, how a KoboToolbox or Google Forms export reads as answers
//!    (used by `answers::csv` while it streams rows).
//! 3. [`run`]: chunks of inputs parsed and scored in parallel, results written in input order
//!    to `summary.csv`/`summary.jsonl` and `errors.csv`; report names from [`names`].
//! 4. [`cohort`]: the small per-enterprise entries kept while streaming → `CohortView` →
//!    Markdown (`templates/cohort.md.tera`, answer text escaped by [`markdown`]).

pub mod cohort;
pub mod input;
pub mod mapping;
pub mod run;
pub mod table;

pub use run::{
    CohortFormat, Finished, Options, Progress, Reports, Silent, SummaryFormat, WriteReport, run,
};
