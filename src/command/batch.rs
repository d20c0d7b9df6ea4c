//! `dxready batch INPUT… --out DIR [--pdf] [--jobs N] [--format csv|json]
//! [--cohort-format pdf|html|md] [--map FILE] [--templates DIR] [--compare PREVIOUS_SUMMARY]
//! [--benchmark]`: converts the options, shows progress on a
//! terminal and reports how it went; the work is `batch::run`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Common, setup};
use crate::answers::mapping::Mapping;
use crate::assessment::Assessment;
use crate::batch::{self, Options, Progress, SummaryFormat};
use crate::cli::{BatchArgs, BatchFormat};
use crate::error::{Error, Outcome};
use crate::programs::Catalog;
use crate::questionnaire::Questionnaire;
use crate::report::{Format, Renderer, view};
use std::path::Path;

pub fn run(common: &Common, args: BatchArgs) -> Result<Outcome, Error> {
    if args.benchmark && !args.pdf {
        return Err(Error::Usage(
            "--benchmark compares each enterprise's report with the batch: it needs --pdf".into(),
        ));
    }
    let setup = setup(common)?;
    let q = &setup.questionnaire;
    let previous = match &args.compare {
        Some(p) => Some(load_previous(p)?),
        None => None,
    };
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
        cohort_format: args.cohort_format,
        lang: common.lang.clone(),
        templates: args.templates.clone(),
        compare: previous.as_ref(),
        mapping: mapping.as_ref(),
        skip: args.map.into_iter().collect(),
        xlsx: !args.no_xlsx,
        csv_excel: args.csv_excel,
        sheet: args.sheet,
    };
    let bar = Bar::new(common.quiet);
    // `--benchmark`: a first pass scores the batch (and writes its summary); its enterprises
    // are then the peers of every report of the second pass. Both passes stream.
    let peers = if args.benchmark {
        batch::run(&setup, &opts, None, &bar)?;
        let summary = opts.out.join(match opts.format {
            SummaryFormat::Csv => "summary.csv",
            SummaryFormat::Json => "summary.jsonl",
        });
        Some(super::report::load_peers(&setup, &summary, common.quiet)?)
    } else {
        None
    };
    // Per-enterprise PDF reports: one renderer (templates compiled once, fonts parsed once)
    // shared by every worker thread.
    let renderer = if args.pdf {
        Some(Renderer::new(args.templates.as_deref())?)
    } else {
        None
    };
    let write =
        |q: &Questionnaire, catalog: &Catalog, a: &Assessment, path: &Path| -> Result<(), String> {
            let Some(renderer) = &renderer else {
                return Ok(());
            };
            let group = peers.as_ref().map(|p| {
                let (sector, size) = view::peer_keys(q, a);
                p.group(sector.as_deref(), size.as_deref())
            });
            let extras = view::Extras {
                peers: group.as_ref(),
                ..view::Extras::default()
            };
            let view = view::build(q, catalog, a, &extras);
            let bytes = renderer
                .report(&view, Format::Pdf)
                .map_err(|e| e.to_string())?;
            // Into the run's staging folder: a new file, put in place with the others.
            crate::fsio::write_new(path, &bytes).map_err(|e| format!("cannot write: {e}"))
        };
    let reports = batch::Reports {
        extension: "pdf",
        write: &write,
    };
    let result = batch::run(&setup, &opts, renderer.as_ref().map(|_| &reports), &bar);
    bar.bar.finish_and_clear();
    let finished = result?;
    if !common.quiet {
        let files: Vec<String> = finished
            .outputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        eprintln!(
            "{}",
            crate::words::msg().scored_failed(finished.scored, finished.failed, &files.join(", "))
        );
    }
    if finished.failed > 0 {
        crate::messages::error(&crate::words::msg().inputs_failed(
            finished.failed,
            &opts.out.join("errors.csv").display().to_string(),
        ));
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
            self.bar.suspend(|| crate::messages::warning(line));
        }
    }

    fn notice(&self, line: &str) {
        if !self.quiet {
            self.bar.suspend(|| crate::messages::note(line));
        }
    }
}

/// Reads the earlier batch's `summary.csv` of `--compare`.
fn load_previous(path: &Path) -> Result<batch::compare::Previous, Error> {
    let shown = path.display();
    let text = crate::peers::read_summary(path, "a summary.csv written by `dxready batch`")
        .map_err(|e| Error::Invalid(vec![e]))?;
    batch::compare::Previous::from_summary_csv(&text)
        .map_err(|e| Error::Invalid(vec![format!("{shown}: {e}")]))
}
