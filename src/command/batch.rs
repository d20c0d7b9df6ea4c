//! `dxready batch INPUT… --out DIR [--pdf] [--jobs N] [--format csv|json]
//! [--cohort-format pdf|html|md] [--map FILE]`: converts the options, shows progress on a
//! terminal and reports how it went; the work is `batch::run`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Common, setup};
use crate::batch::mapping::Mapping;
use crate::batch::{self, CohortFormat, Options, Progress, SummaryFormat};
use crate::cli::{BatchArgs, BatchFormat};
use crate::error::{Error, Outcome};

pub fn run(common: &Common, args: BatchArgs) -> Result<Outcome, Error> {
    if args.pdf {
        // The per-enterprise report renderer is not part of this build yet: `batch::Reports`
        // is where it plugs in.
        return Err(Error::Usage("--pdf is not available in this build (per-enterprise reports come with the report renderer)".into()));
    }
    let cohort_format = match args.cohort_format {
        crate::cli::CohortFormat::Md => CohortFormat::Md,
        crate::cli::CohortFormat::Html => CohortFormat::Html,
        crate::cli::CohortFormat::Pdf => CohortFormat::Pdf,
    };
    if cohort_format != CohortFormat::Md {
        // Refused before any work is done (batch::run would refuse it too).
        batch::run::cohort_output(String::new(), cohort_format)?;
    }
    let setup = setup(common)?;
    let q = &setup.questionnaire;
    let mapping = match &args.map {
        Some(path) => Some(Mapping::load(q, path)?),
        None => None,
    };
    let opts = Options {
        inputs: args.inputs,
        out: args.out,
        jobs: args.jobs.map(usize::from),
        format: match args.format {
            BatchFormat::Csv => SummaryFormat::Csv,
            BatchFormat::Json => SummaryFormat::Json,
        },
        cohort_format,
        lang: common.lang.clone(),
        mapping: mapping.as_ref(),
        skip: args.map.into_iter().collect(),
    };
    let bar = Bar::new(common.quiet);
    let result = batch::run(q, &setup.catalog, &opts, None, &bar);
    bar.bar.finish_and_clear();
    let finished = result?;
    if !common.quiet {
        let files: Vec<String> = finished
            .outputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        eprintln!(
            "scored {}, failed {} → {}",
            finished.scored,
            finished.failed,
            files.join(", ")
        );
    }
    if finished.failed > 0 {
        eprintln!(
            "error: {} input(s) could not be scored; the reasons are in {}",
            finished.failed,
            opts.out.join("errors.csv").display()
        );
        Ok(Outcome::SomeFailed)
    } else {
        Ok(Outcome::Success)
    }
}

/// A spinner with counts on a terminal's stderr; nothing otherwise.
struct Bar {
    bar: ProgressBar,
    quiet: bool,
    failed: AtomicUsize,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        let shown = !quiet && std::io::stderr().is_terminal();
        let target = if shown {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {human_pos} inputs · {msg} ({elapsed})")
        {
            bar.set_style(style);
        }
        bar.set_message("0 failed");
        if shown {
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        Bar {
            bar,
            quiet,
            failed: AtomicUsize::new(0),
        }
    }
}

impl Progress for Bar {
    fn advance(&self, failed: bool) {
        if failed {
            let n = self.failed.fetch_add(1, Ordering::Relaxed) + 1;
            self.bar.set_message(format!("{n} failed"));
        }
        self.bar.inc(1);
    }

    fn warning(&self, line: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("warning: {line}"));
        }
    }
}
