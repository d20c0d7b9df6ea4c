//! `dxready batch`: scoring many enterprises at once and summarising them as a cohort.
//!
//! The stages, in the order data flows:
//!
//! 1. [`input`]: the command-line inputs → answer files and tables (CSV/TSV, workbooks),
//!    folders walked in path order (lazily); [`table`] opens a table whatever its format.
//! 2. [`crate::answers::mapping`]: how a table's headers and cells read as answers: `--map` for a form made by
//!    hand, else the mapping built from the questionnaire (its own exports, Google Forms).
//! 3. [`mod@run`]: chunks of inputs parsed and scored in parallel, results written in input order
//!    to `summary.csv`/`summary.jsonl`, `summary.xlsx` and `errors.csv`; duplicates flagged,
//!    call lists `programs/<id>.csv` gathered and written at the end.
//! 4. [`cohort`]: the small per-enterprise entries kept while streaming → `CohortView` →
//!    Markdown (`templates/cohort.md.tera`, answer text escaped by [`crate::report::markdown`]).
//! 5. [`output`]: everything is rendered into a staging folder and put in place at the end,
//!    with a manifest, so a reader never sees two runs mixed.

pub mod cohort;
pub mod compare;
pub mod input;
pub mod output;
pub mod run;
pub mod table;

pub use run::{
    CohortFormat, Finished, Options, Progress, Reports, Silent, SummaryFormat, WriteReport, run,
};
