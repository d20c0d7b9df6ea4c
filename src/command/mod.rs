//! One file per subcommand. [`run`] converts the clap types into plain options and
//! dispatches; each command returns an [`Outcome`] or an [`Error`] carrying its exit code.

pub mod assess;
mod batch;
mod questionnaire;
mod report;
mod schema;
mod score;
mod validate;

use std::io::{self, Write};
use std::path::Path;

use crate::answers::{Answers, Completeness};
use crate::cli::{Cli, Command, QuestionnaireCommand};
use crate::diagnostic::{Diagnostics, LoadError};
use crate::error::{Error, Outcome};
use crate::questionnaire::Questionnaire;
use crate::setup::{Setup, Sources};

/// Options every command shares.
#[derive(Clone, Debug, Default)]
pub struct Common {
    pub sources: Sources,
    pub lang: Option<String>,
    pub quiet: bool,
}

static COLOR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// `error:` / `warning:` as printed on stderr, in colour when asked (`--color`) or when
/// stderr is a terminal (`auto`, honouring `NO_COLOR`).
pub fn prefix(kind: &str) -> String {
    let color = *COLOR.get_or_init(|| {
        use std::io::IsTerminal;
        std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
    });
    match (color, kind) {
        (true, "error") => "\x1b[1;31merror:\x1b[0m".into(),
        (true, "warning") => "\x1b[1;33mwarning:\x1b[0m".into(),
        _ => format!("{kind}:"),
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.global.color {
        crate::cli::Color::Always => {
            let _ = COLOR.set(true);
        }
        crate::cli::Color::Never => {
            let _ = COLOR.set(false);
        }
        crate::cli::Color::Auto => {}
    }
    let common = Common {
        sources: Sources {
            questionnaire: cli.global.questionnaire,
            programs: cli.global.programs,
        },
        lang: cli.global.lang,
        quiet: cli.global.quiet,
    };
    match cli.command {
        Command::Assess(a) => assess::run(
            &common,
            &assess::AssessOptions {
                output: a.output,
                resume: a.resume,
            },
        ),
        Command::Score(a) => score::run(&common, &a.files, a.format.into(), a.output.as_deref()),
        Command::Report(a) => report::run(&common, &a),
        Command::Batch(a) => batch::run(&common, a),
        Command::Validate(a) => validate::run(&common, &a.files, a.strict, a.sheet.as_deref()),
        Command::Schema(a) => schema::run(a.kind),
        Command::Questionnaire(QuestionnaireCommand::Show) => questionnaire::show(&common),
        Command::Questionnaire(QuestionnaireCommand::Export { dir }) => {
            questionnaire::export(&common, &dir)
        }
        Command::Questionnaire(QuestionnaireCommand::CsvTemplate) => {
            questionnaire::csv_template(&common)
        }
        Command::Questionnaire(QuestionnaireCommand::XlsxTemplate { output }) => {
            questionnaire::xlsx_template(&common, &output)
        }
        Command::Questionnaire(QuestionnaireCommand::Xlsform { output }) => {
            questionnaire::xlsform(&common, &output)
        }
        Command::Completions(a) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(a.shell, &mut cmd, "dxready", &mut buf);
            print_bytes(&buf)?;
            Ok(Outcome::Success)
        }
    }
}

/// Loads the questionnaire and catalog in use, checks `--lang`, prints their warnings.
pub fn setup(common: &Common) -> Result<Setup, Error> {
    let setup = Setup::load(&common.sources)?;
    setup.check_lang(common.lang.as_deref())?;
    if !common.quiet {
        for w in &setup.warnings {
            print_warnings(w);
        }
    }
    Ok(setup)
}

pub fn print_warnings(d: &Diagnostics) {
    for w in d.warnings() {
        eprintln!("{} {w}", prefix("warning"));
    }
}

/// Writes to stdout; a closed pipe (`dxready … | head`) is not an error.
pub fn print(text: &str) -> Result<(), Error> {
    print_bytes(text.as_bytes())
}

pub fn print_bytes(bytes: &[u8]) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Io(format!("cannot write to standard output: {e}"))),
    }
}

/// Reads and checks one answers file against `q` (1 MiB limit; missing or unreadable is an
/// input error). To score answers with the version they name, use [`crate::setup::load_answers`].
pub fn load_answers(
    q: &Questionnaire,
    path: &Path,
    completeness: Completeness,
) -> Result<(Answers, Diagnostics), LoadError> {
    let catalog = crate::programs::Catalog::default();
    let edition = crate::setup::Edition::new(q, &catalog);
    crate::setup::load_answers(&edition, path, completeness).map(|l| (l.answers, l.warnings))
}
