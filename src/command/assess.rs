//! `dxready assess [-o FILE] [--resume FILE]`: the owner's interview in a terminal.
//!
//! This file only decides where the answers go, which language is used and what happens at
//! the end; the interview itself is [`crate::interview`], and the terminal is
//! [`crate::interview::terminal`]. The answers file is written atomically after every answer.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{Common, print_warnings, setup};
use crate::answers::{Answers, Completeness};
use crate::error::{Error, Outcome};
use crate::interview::summary::finish;
use crate::interview::terminal::TerminalPrompter;
use crate::interview::{End, Interview, Prompter, choose_language};
use crate::setup::{Edition, Editions};
use crate::words::fill;

/// Where a new interview writes without `-o`.
pub const DEFAULT_FILE: &str = "assessment.answers.yaml";

/// Options of `assess`.
#[derive(Clone, Debug, Default)]
pub struct AssessOptions {
    pub output: Option<PathBuf>,
    pub resume: Option<PathBuf>,
}

pub fn run(common: &Common, opts: &AssessOptions) -> Result<Outcome, Error> {
    if !std::io::stdin().is_terminal() {
        let me = super::invocation();
        return Err(Error::Usage(format!(
            "`dxready assess` is an interactive interview and needs a terminal, but standard input is not one.\n\
             To score answers that are already in a file, run `{me} score FILE`; to write its report, `{me} report FILE`."
        )));
    }
    let setup = setup(common)?;
    let target = match (&opts.output, &opts.resume) {
        (Some(o), _) => o.clone(),
        (None, Some(r)) => r.clone(),
        (None, None) => PathBuf::from(DEFAULT_FILE),
    };
    if target.exists() && opts.resume.as_deref() != Some(target.as_path()) {
        let shown = target.display();
        let resume = command_line(
            common,
            &format!("assess --resume {}", quote(&shown.to_string())),
        );
        return Err(Error::Usage(
            crate::words::msg().already_exists(&shown.to_string(), &resume),
        ));
    }
    let mut prompter = TerminalPrompter::with_color(super::use_color());
    // A resumed interview goes on with the version it was started with (when this binary
    // ships it); a new one uses the questionnaire in use.
    let (answers, file_lang, edition) = match &opts.resume {
        Some(path) => {
            let loaded = crate::setup::load_answers(&setup, path, Completeness::Partial)
                .map_err(Error::from)?;
            if !common.quiet {
                print_warnings(&loaded.warnings);
            }
            let lang = loaded.answers.language.clone();
            super::follow_language(common, lang.as_deref());
            (loaded.answers, lang, loaded.edition)
        }
        None => {
            let q = &setup.questionnaire;
            (
                Answers::empty(q, jiff::Zoned::now().date(), None),
                None,
                setup.current(),
            )
        }
    };
    let q = edition.questionnaire;
    let lang = match (common.lang.clone(), file_lang) {
        (Some(l), _) => l,
        (None, Some(l)) => l,
        (None, None) if q.languages.len() > 1 => match choose_language(&mut prompter, q) {
            Some(l) => l,
            None => return stopped(&mut prompter, None, q.default_language(), common, &target),
        },
        (None, None) => q.default_language().to_string(),
    };
    let shown = target.display().to_string();
    let mut interview = Interview::new(q, answers, &lang);
    let mut saver = |a: &Answers| {
        crate::fsio::write_atomic(&target, a.to_yaml(q).as_bytes())
            .map_err(|e| crate::words::msg().io(&e))
    };
    let end = interview
        .conduct(&mut prompter, &mut saver, &shown, opts.resume.is_some())
        .map_err(|e| Error::Io(crate::words::msg().cannot_save_answers(&shown, &e.0)))?;
    match end {
        End::Interrupted => {
            let failure = prompter.failure.take();
            stopped(&mut prompter, failure, &lang, common, &target)
        }
        End::Finished => {
            let answers = interview.into_answers();
            if finish(&mut prompter, q, edition.catalog, &answers, &lang, &shown) {
                offer_report(
                    &mut prompter,
                    common,
                    &setup,
                    edition,
                    &answers,
                    &target,
                    &lang,
                );
            }
            Ok(Outcome::Success)
        }
    }
}

/// After Ctrl-C (or a terminal that went away): where the answers are and how to go on.
fn stopped(
    p: &mut dyn Prompter,
    failure: Option<String>,
    lang: &str,
    common: &Common,
    target: &Path,
) -> Result<Outcome, Error> {
    let s = &crate::words::of(lang).interview;
    let shown = target.display().to_string();
    if target.exists() {
        p.message(&fill(s.stopped, &[("file", &shown)]));
        let command = command_line(common, &format!("assess --resume {}", quote(&shown)));
        p.message(&fill(s.continue_with, &[("command", &command)]));
    }
    match failure {
        Some(f) => Err(Error::Io(format!("the terminal stopped answering: {f}"))),
        None => Ok(Outcome::Success),
    }
}

/// The end of the interview: writes the PDF report (named after the enterprise, in the
/// current folder). If it cannot, says why and prints the command to try again.
pub fn offer_report(
    p: &mut dyn Prompter,
    common: &Common,
    setup: &crate::setup::Setup,
    edition: Edition,
    answers: &crate::answers::Answers,
    answers_file: &Path,
    lang: &str,
) {
    let shown = answers_file.display().to_string();
    let job = super::report::Job {
        file: &shown,
        answers,
        edition: Some(edition),
        earlier: None,
        peers: None,
        appendix: false,
        lang: Some(lang),
        format: crate::report::Format::Pdf,
        output: None,
        templates: None,
        quiet: true,
    };
    match job.write(setup) {
        Ok(out) => p.message(&fill(
            crate::words::of(lang).interview.report_written,
            &[("file", &out.display().to_string())],
        )),
        Err(e) => {
            for line in e.lines() {
                p.message(&format!(
                    "{} {line}",
                    crate::messages::prefix(crate::messages::Level::Error)
                ));
            }
            let command = command_line(common, &format!("report {}", quote(&shown)));
            p.message(&fill(
                crate::words::of(lang).interview.report_command,
                &[("command", &command)],
            ));
        }
    }
}

/// `dxready [-q Q] [-p P] [--lang L] <rest>`, keeping the options this run was given and
/// starting the way this run was started ([`super::invocation`]).
fn command_line(common: &Common, rest: &str) -> String {
    let mut parts = vec![super::invocation()];
    if let Some(qf) = &common.sources.questionnaire {
        parts.push(format!("-q {}", quote(&qf.display().to_string())));
    }
    if let Some(pf) = &common.sources.programs {
        parts.push(format!("-p {}", quote(&pf.display().to_string())));
    }
    if let Some(l) = &common.lang {
        parts.push(format!("--lang {l}"));
    }
    parts.push(rest.to_string());
    parts.join(" ")
}

fn quote(s: &str) -> String {
    super::shell_word(s)
}
