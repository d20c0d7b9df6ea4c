//! One file per subcommand. [`run`] converts the clap types into plain options and
//! dispatches; each command returns an [`Outcome`] or an [`Error`] carrying its exit code.

pub mod assess;
mod batch;
mod questionnaire;
mod report;
mod schema;
mod score;
mod serve;
mod validate;

use std::path::Path;

use crate::cli::{Cli, Command, QuestionnaireCommand};
use crate::error::{Error, Outcome};
use crate::setup::{Setup, Sources};

/// Options every command shares.
#[derive(Clone, Debug, Default)]
pub struct Common {
    pub sources: Sources,
    pub lang: Option<String>,
    pub quiet: bool,
}

pub use crate::messages::{print, print_bytes, print_warnings, use_color};

/// How to run dxready again, as this run was started, for the commands dxready suggests
/// ("to continue, run …"): `dxready` when that name on the PATH is this binary; under
/// `cargo run` (cargo sets `CARGO_MANIFEST_DIR` and the binary sits in its `target/`),
/// `cargo run --release --` (with `--manifest-path` from another folder); else the path the
/// binary was started by (`./target/release/dxready`).
pub fn invocation() -> String {
    let exe = std::env::current_exe().ok();
    let argv0 = std::env::args_os()
        .next()
        .map(|a| a.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dxready".into());
    if let (Some(exe), Some(manifest)) = (&exe, std::env::var_os("CARGO_MANIFEST_DIR")) {
        let manifest = Path::new(&manifest);
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| manifest.join("target"));
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        if let Some(profile) = canon(exe)
            .strip_prefix(canon(&target))
            .ok()
            .and_then(|rest| rest.components().next())
        {
            let mut cmd = String::from("cargo run");
            if profile.as_os_str() == "release" {
                cmd.push_str(" --release");
            }
            let here = std::env::current_dir().ok().map(|d| canon(&d));
            if here.as_deref() != Some(canon(manifest).as_path()) {
                cmd.push_str(" --manifest-path ");
                cmd.push_str(&shell_word(
                    &manifest.join("Cargo.toml").display().to_string(),
                ));
            }
            cmd.push_str(" --");
            return cmd;
        }
    }
    if !argv0.contains('/') {
        // Found on the PATH by that name.
        return argv0;
    }
    shell_word(&argv0)
}

/// A path as a shell word: quoted only when it needs to be.
pub fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@+,".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    crate::messages::set_color(match cli.global.color {
        crate::cli::Color::Always => Some(true),
        crate::cli::Color::Never => Some(false),
        crate::cli::Color::Auto => None,
    });
    // Messages follow --lang; until the questionnaire in use says otherwise ([`setup`]), the
    // language of the built-in one.
    crate::words::Lang::set_messages(crate::words::Lang::of(
        cli.global.lang.as_deref().unwrap_or("vi"),
    ));
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
        Command::Serve(a) => serve::run(&common, &a),
        Command::Completions(a) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(a.shell, &mut cmd, "dxready", &mut buf);
            print_bytes(&buf)?;
            Ok(Outcome::Success)
        }
    }
}

/// Messages in `lang` (an answers file's or the questionnaire's), unless `--lang` was given.
pub fn follow_language(common: &Common, lang: Option<&str>) {
    if common.lang.is_none()
        && let Some(l) = lang
    {
        crate::words::Lang::set_messages(crate::words::Lang::of(l));
    }
}

/// Loads the questionnaire and catalog in use, checks `--lang`, prints their warnings.
pub fn setup(common: &Common) -> Result<Setup, Error> {
    let setup = Setup::load(&common.sources)?;
    follow_language(common, Some(setup.questionnaire.default_language()));
    setup.check_lang(common.lang.as_deref())?;
    if !common.quiet {
        for w in &setup.warnings {
            print_warnings(w);
        }
    }
    Ok(setup)
}
