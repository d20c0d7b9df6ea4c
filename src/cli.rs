//! The command line, as clap types only. `command::run` turns these into plain options;
//! nothing below the command layer sees clap.

use std::path::PathBuf;

use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Measure an SME's digital-transformation readiness and find the support programs it can use.
///
/// Without -q/-p the default questionnaire and program catalog built into dxready are used
/// (Vietnamese and English; Hải Dương area programs and national ones).
#[derive(Debug, Parser)]
#[command(
    name = "dxready",
    version,
    about,
    long_about,
    max_term_width = 100,
    after_help = "Help is in English; error and warning messages follow --lang (default: the answers \
file's language, else the questionnaire's first language; Vietnamese for the built-in one)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Questionnaire file (YAML or JSON) instead of the built-in one
    #[arg(short = 'q', long, global = true, value_name = "FILE")]
    pub questionnaire: Option<PathBuf>,
    /// Program catalog file; default: the questionnaire's sibling `<stem>.programs.yaml`, or the built-in catalog
    #[arg(short = 'p', long, global = true, value_name = "FILE")]
    pub programs: Option<PathBuf>,
    /// Language of output, reports and messages (one the questionnaire declares, e.g. vi or en)
    #[arg(long, global = true, value_name = "LANG", value_parser = LangParser, hide_possible_values = true)]
    pub lang: Option<String>,
    /// Print only errors
    #[arg(long, global = true)]
    pub quiet: bool,
    /// When to use colour in terminal output
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// `--lang`: any language code (the questionnaire in use decides which it declares, checked
/// later); shell completion offers the default questionnaire's, never file names.
#[derive(Clone, Debug)]
pub struct LangParser;

impl clap::builder::TypedValueParser for LangParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::NonEmptyStringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            ["vi", "en"]
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Interview the enterprise in the terminal and save its answers (the main job)
    Assess(AssessArgs),
    /// Score answer files: overall and per-dimension scores, levels, recommended programs
    Score(ScoreArgs),
    /// Write the enterprise report (PDF by default, or HTML or Markdown)
    Report(ReportArgs),
    /// Score many enterprises (answer files, folders, CSV rows) into a summary and a cohort report
    Batch(BatchArgs),
    /// Check questionnaires, program catalogs and answer files, listing every problem
    Validate(ValidateArgs),
    /// Print the JSON Schema of a file format (for editors)
    Schema(SchemaArgs),
    /// Show, export or template the questionnaire in use
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// Run the workshop server: participants answer in their browsers, the organiser watches live
    Serve(ServeArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
}

/// Participants open the printed address (or scan its QR code) and answer in their browser;
/// every page is saved in the workspace before it is acknowledged. The organiser's page is
/// the printed `admin:` address.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Folder of the workshop's files: answers/SESSION.answers.yaml and serve.yaml (created if missing)
    #[arg(long, value_name = "DIR", default_value = "workshop")]
    pub workspace: PathBuf,
    /// Address to listen on, HOST:PORT or a port; port 0 picks a free one [default: 127.0.0.1:8080, this computer only]
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Listen on every network interface (0.0.0.0), for phones on the same Wi-Fi; prints the LAN addresses
    #[arg(long)]
    pub lan: bool,
    /// Title shown on every page (kept in serve.yaml) [default: the questionnaire's title]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Most sessions the workspace may hold; new ones are refused beyond it
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_sessions: u32,
    /// Replace the admin token (the old admin address stops working)
    #[arg(long)]
    pub new_admin_token: bool,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Answers file to write [default: assessment.answers.yaml; never overwritten]
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Continue an interrupted assessment (or review a finished one) from its answers file
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Answer files (*.answers.yaml or .json)
    #[arg(required = true, value_name = "ANSWERS")]
    pub files: Vec<PathBuf>,
    /// Output format: a readable table, JSON Lines (one object per file), CSV, or an Excel workbook (needs -o)
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,
    /// Write to this file instead of standard output (required for xlsx)
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Table,
    Json,
    Csv,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The answers file to report on
    #[arg(value_name = "ANSWERS")]
    pub file: PathBuf,
    /// Output file; default: the enterprise name made safe for a file system, in the current folder
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,
    /// Folder with templates replacing the built-in ones by name (report.md.tera)
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// An earlier assessment of the same enterprise: adds the progress T0 → T1
    #[arg(long, value_name = "EARLIER_ANSWERS")]
    pub compare: Option<PathBuf>,
    /// Compare with peers: a batch summary (summary.csv or summary.jsonl) or a serve workspace folder; the same sector and size class when that group has 10 or more enterprises, else a wider group
    #[arg(long, value_name = "SUMMARY")]
    pub benchmark: Option<PathBuf>,
    /// Add every question asked with its answer at the end (always in --format md)
    #[arg(long)]
    pub appendix: bool,
    /// Print the data a template sees for these answers (JSON) instead of writing the report
    #[arg(long)]
    pub explain_template: bool,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Answer files (.yaml, .yml, .json), CSV/TSV files and workbooks (.xlsx, .xls, .ods; one enterprise per row), folders (searched recursively)
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Folder for summary.csv, errors.csv, the cohort report and reports/ (created if missing)
    #[arg(short = 'o', long, visible_alias = "output", value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub out: PathBuf,
    /// Also write one report per scored enterprise into DIR/reports/
    #[arg(long)]
    pub pdf: bool,
    /// Worker threads (default: every core)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024), value_hint = clap::ValueHint::Other)]
    pub jobs: Option<u16>,
    /// Summary format: summary.csv, or summary.jsonl (one `score --format json` object per line)
    #[arg(long, value_enum, default_value_t = BatchFormat::Csv)]
    pub format: BatchFormat,
    /// Format of the cohort report (DIR/cohort.pdf, .html or .md)
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub cohort_format: Format,
    /// An earlier batch's summary.csv: pair enterprises by tax code (else name), add the changes to the summary and a T0 → T1 page to the cohort report
    #[arg(long, value_name = "PREVIOUS_SUMMARY")]
    pub compare: Option<PathBuf>,
    /// With --pdf: compare every report with this batch's own enterprises (a second pass)
    #[arg(long)]
    pub benchmark: bool,
    /// Folder whose report.md.tera and cohort.md.tera replace the built-in templates
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub templates: Option<PathBuf>,
    /// Mapping of a field-survey export (KoboToolbox, Google Forms) onto question and option ids (YAML)
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Do not write summary.xlsx (the summary, errors and call lists as a workbook)
    #[arg(long)]
    pub no_xlsx: bool,
    /// Worksheet to read in .xlsx/.xls/.ods inputs (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Also write summary-excel.csv for Excel in Vietnamese settings (byte-order mark, `;`, decimal comma)
    #[arg(long)]
    pub csv_excel: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files to check (kind detected from content; CSV/TSV and workbooks as batch reads them); none: the questionnaire and catalog in use
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// Worksheet to check in .xlsx/.xls/.ods files (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which format
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Questionnaire,
    Answers,
    Programs,
}

#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// Print the questionnaire in use as readable text, with scores and conditions
    Show,
    /// Write the questionnaire and catalog in use as YAML files into DIR, to adapt them
    Export {
        /// Folder to write into (created if missing)
        dir: PathBuf,
    },
    /// Print the CSV header (and one example row) that batch accepts
    CsvTemplate,
    /// Write an Excel intake workbook (one row per enterprise, dropdown lists) that batch reads back
    XlsxTemplate {
        /// The workbook to write (.xlsx)
        #[arg(short = 'o', long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Write the questionnaire as an XLSForm for KoboToolbox/ODK; batch reads its exports without --map
    Xlsform {
        /// The XLSForm to write (.xlsx)
        #[arg(short = 'o', long, value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
