//! dxready measures how ready a small or medium enterprise is for digital transformation and
//! tells it which public support programs it can use next.
//!
//! The stages, in the order data flows through them:
//!
//! 1. [`yaml`]: untrusted text → a normalised value tree (limits, NFC, `x-` keys dropped).
//! 2. [`questionnaire`], [`programs`]: value tree → validated questionnaire and catalog,
//!    every problem collected as a [`diagnostic::Diagnostic`] with file, line and path.
//! 3. [`answers`]: an answers file or CSV row → [`answers::Answers`] checked against the
//!    questionnaire.
//! 4. [`evaluate`], [`condition`]: which questions are asked, which dimensions apply, facts.
//! 5. [`scoring`]: exact scores and levels (docs/reference/conditions.md, "Scoring").
//! 6. [`programs::recommend`]: eligible and relevant programs with their reasons.
//! 7. [`assessment`]: the whole result for one enterprise, as JSON Lines, CSV or a table.
//! 8. [`report`]: view model → tera template → Markdown → PDF, HTML or Markdown.
//! 9. [`batch`]: many enterprises at once → summary, errors and the cohort report.
//!
//! The interview ([`interview`]) produces answers the same stages read: `dxready assess`
//! asks through a [`interview::Prompter`] (the terminal) and saves after every answer;
//! `dxready serve` ([`serve`]) asks through web pages, one section at a time, with the same
//! rules (visibility, dropped answers, checks and messages), and saves after every page.
//!
//! The binary (`src/main.rs`) only parses arguments ([`cli`]) and calls [`run`].
//!
//! # Layers
//!
//! Imports point down this list, never up (`tests/layers.rs` checks it):
//!
//! 1. Leaves: [`text`] (localised text, number formatting), [`words`] (dxready's own words in
//!    vi and en), [`diagnostic`] (problems and their paths), [`fsio`], [`naming`],
//!    [`error`], [`embedded`].
//! 2. Reading: [`yaml`] (parse, decode, locate; the shared first step of every loader),
//!    [`lenient`], [`messages`] (the one printer of `error:`/`warning:` lines).
//! 3. The model: [`questionnaire`] ⇄ [`condition`] and [`conditional`] — the one inherent
//!    cycle (a questionnaire holds conditions; a condition is checked against the questions
//!    before it). [`questionnaire::AnswerValue`] lives here, with the kinds it is a value of.
//! 4. [`answers`] (files, CSV rows, the `--map` mapping), then [`evaluate`] (which sees only
//!    answer values and a date), [`scoring`], [`advice`], [`programs`], [`assessment`].
//! 5. [`setup`] (which questionnaire and catalog), [`report`], [`sheets`], [`batch`],
//!    [`interview`], [`serve`].
//! 6. [`command`] and [`cli`]: they import the stages; no stage imports them.

pub mod advice;
pub mod answers;
pub mod assessment;
pub mod batch;
pub mod cli;
pub mod command;
pub mod condition;
pub mod conditional;
pub mod diagnostic;
pub mod embedded;
pub mod error;
pub mod evaluate;
pub mod fsio;
pub mod interview;
pub mod lenient;
pub mod messages;
pub mod naming;
pub mod peers;
pub mod programs;
pub mod questionnaire;
pub mod report;
pub mod scoring;
pub mod serve;
pub mod setup;
pub mod sheets;
pub mod text;
pub mod words;
pub mod yaml;

pub use command::run;
pub use error::{Error, Outcome};
