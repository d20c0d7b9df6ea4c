//! The batch pipeline: inputs are discovered and read in order, cut into chunks of a few
//! thousand, each chunk is parsed and scored in parallel (rayon), and its results are written
//! in input order — so the summary is the same whatever the thread scheduling, and memory
//! holds one chunk plus the cohort's small per-enterprise entries, however many inputs come.
//!
//! Every input ends up either in the summary (`summary.csv` / `summary.jsonl`) or in
//! `errors.csv`; outputs are written to temp files and renamed into place at the end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::cohort::{Cohort, Entry, render_markdown};
use super::input::{Discover, Source};
use super::mapping::Mapping;
use crate::answers::csv::{CsvAnswers, CsvLayout, CsvSource};
use crate::answers::{Answers, Completeness};
use crate::assessment::{Assessment, csv_safe, file_stem, summary_header};
use crate::diagnostic::LoadError;
use crate::error::Error;
use crate::fsio::{AtomicWriter, write_atomic};
use crate::naming::{UniqueNames, safe_name};
use crate::programs::Catalog;
use crate::questionnaire::Questionnaire;
use crate::setup::{Edition, Editions};

/// Inputs handled together; bounds memory (one chunk's answers and results at a time).
pub const CHUNK: usize = 2048;
/// A CSV input may be this large (cli.md "Untrusted input").
pub use crate::answers::csv::MAX_CSV_BYTES;

/// What a batch writes into its output folder (passed over when that folder is also an input).
pub const OUTPUT_NAMES: &[&str] = &[
    "summary.csv",
    "summary.jsonl",
    "summary.xlsx",
    "errors.csv",
    "cohort.md",
    "cohort.html",
    "cohort.pdf",
    "reports",
    "programs",
];

/// How the summary is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryFormat {
    /// `summary.csv`.
    Csv,
    /// `summary.jsonl`: one `score --format json` object per line.
    Json,
}

/// The format of the cohort report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CohortFormat {
    Md,
    Html,
    Pdf,
}

/// What a batch is asked to do (plain options; the CLI converts into these).
pub struct Options<'a> {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    /// Worker threads; `None`: every core.
    pub jobs: Option<usize>,
    pub format: SummaryFormat,
    pub cohort_format: CohortFormat,
    /// `--lang`: the language of level names and of the cohort report.
    pub lang: Option<String>,
    pub mapping: Option<&'a Mapping>,
    /// Paths never taken as inputs when found in a folder (the mapping file).
    pub skip: Vec<PathBuf>,
}

/// Writes one enterprise's report to the given path; an `Err` fails that input.
pub type WriteReport<'a> =
    dyn Fn(&Questionnaire, &Catalog, &Assessment, &Path) -> Result<(), String> + Sync + 'a;

/// Per-enterprise reports (`--pdf`): where, with which extension, written by what.
pub struct Reports<'a> {
    /// The extension of the files, without the dot (`pdf`).
    pub extension: &'static str,
    pub write: &'a WriteReport<'a>,
}

/// Told about each finished input, from worker threads.
pub trait Progress: Sync {
    /// One more input is done.
    fn advance(&self, failed: bool);
    /// A warning about one input (hidden answers, a version mismatch).
    fn warning(&self, line: &str);
}

/// Progress that goes nowhere.
pub struct Silent;

impl Progress for Silent {
    fn advance(&self, _: bool) {}
    fn warning(&self, _: &str) {}
}

/// How a batch went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finished {
    pub scored: usize,
    pub failed: usize,
    /// The files written, summary first.
    pub outputs: Vec<PathBuf>,
}

type CsvReader<'q> = CsvAnswers<'q, CsvSource>;

/// One input, as the producer hands it to the workers.
enum Work<'q> {
    File(PathBuf),
    Row {
        file: Arc<str>,
        layout: Arc<CsvLayout<'q>>,
        /// The questionnaire version the file's header was made for.
        edition: Edition<'q>,
        row: usize,
        record: csv::StringRecord,
    },
    Failed(Failure),
}

/// An input that failed, as a row of `errors.csv`.
#[derive(Debug)]
struct Failure {
    input: String,
    row: Option<usize>,
    reason: String,
}

/// An input whose answers were read, with the edition they are scored with.
struct Loaded<'q> {
    input: String,
    row: Option<usize>,
    answers: Answers,
    edition: Edition<'q>,
}

/// An input scored: its summary (CSV cells or a JSON line) and its cohort entry.
struct Scored {
    summary: Summary,
    entry: Entry,
}

enum Summary {
    Cells(Vec<String>),
    Line(String),
}

/// Reads the inputs in order: answer files as paths, CSV files row by row.
struct Producer<'q> {
    editions: &'q dyn Editions,
    mapping: Option<&'q Mapping>,
    discover: Discover,
    csv: Option<(Arc<str>, CsvReader<'q>, Edition<'q>, usize)>,
}

impl<'q> Producer<'q> {
    fn open_csv(&self, path: &Path) -> Result<(CsvReader<'q>, Edition<'q>), String> {
        let shown = path.display().to_string();
        let (reader, delimiter) = crate::answers::csv::open(path)?;
        // A sheet made for an earlier shipped version is read with it (a mapping is always
        // for the questionnaire in use).
        let edition = match self.mapping {
            Some(_) => self.editions.current(),
            None => {
                let head = reader.get_ref().0.get_ref();
                let text = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
                let header: Vec<String> = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .flexible(true)
                    .from_reader(text)
                    .headers()
                    .map(|h| h.iter().map(str::to_string).collect())
                    .unwrap_or_default();
                self.editions
                    .csv_edition(&header)
                    .map_err(|e| e.to_string())?
            }
        };
        CsvAnswers::with_mapping(
            edition.questionnaire,
            self.mapping,
            &shown,
            reader,
            delimiter,
        )
        .map(|r| (r, edition))
        .map_err(|e| reason(&e))
    }
}

impl<'q> Iterator for Producer<'q> {
    type Item = Work<'q>;

    fn next(&mut self) -> Option<Work<'q>> {
        loop {
            if let Some((file, reader, edition, rows)) = &mut self.csv {
                match reader.next_raw() {
                    Some(raw) => {
                        *rows += 1;
                        return Some(match raw.record {
                            Ok(record) => Work::Row {
                                file: file.clone(),
                                layout: reader.layout().clone(),
                                edition: *edition,
                                row: raw.row,
                                record,
                            },
                            Err(reason) => Work::Failed(Failure {
                                input: file.to_string(),
                                row: Some(raw.row),
                                reason,
                            }),
                        });
                    }
                    None => {
                        let empty = (*rows == 0).then(|| file.to_string());
                        self.csv = None;
                        if let Some(input) = empty {
                            return Some(Work::Failed(Failure {
                                input,
                                row: None,
                                reason: "no enterprise rows below the header".into(),
                            }));
                        }
                    }
                }
                continue;
            }
            return Some(match self.discover.next()? {
                Source::Answers(p) => Work::File(p),
                Source::Bad(p, reason) => Work::Failed(Failure {
                    input: p.display().to_string(),
                    row: None,
                    reason,
                }),
                Source::Csv(p) => match self.open_csv(&p) {
                    Ok((reader, edition)) => {
                        self.csv = Some((Arc::from(p.display().to_string()), reader, edition, 0));
                        continue;
                    }
                    Err(reason) => {
                        let row = reason.starts_with("row 1:").then_some(1);
                        Work::Failed(Failure {
                            input: p.display().to_string(),
                            row,
                            reason,
                        })
                    }
                },
            });
        }
    }
}

/// Every problem of a file that could not be loaded, on one line (capped), without the file
/// name (it is in the `input` column).
fn reason(e: &LoadError) -> String {
    e.reason()
}

/// The shared, read-only state of the workers.
struct Ctx<'a> {
    editions: &'a dyn Editions,
    /// The edition in use: the summary and the cohort are laid out by it.
    current: Edition<'a>,
    lang: Option<&'a str>,
    format: SummaryFormat,
    reports: Option<(&'a Reports<'a>, PathBuf)>,
    progress: &'a dyn Progress,
}

impl<'a> Ctx<'a> {
    /// Reads one input's answers.
    fn load(&self, work: Work<'a>) -> Result<Loaded<'a>, Failure> {
        match work {
            Work::Failed(f) => Err(f),
            Work::File(path) => {
                let input = path.display().to_string();
                match crate::setup::load_answers(self.editions, &path, Completeness::Complete) {
                    Ok(loaded) => {
                        for w in loaded.warnings.warnings() {
                            self.progress.warning(&w.to_string());
                        }
                        Ok(Loaded {
                            input,
                            row: None,
                            answers: loaded.answers,
                            edition: loaded.edition,
                        })
                    }
                    Err(e) => Err(Failure {
                        reason: reason(&e),
                        input,
                        row: None,
                    }),
                }
            }
            Work::Row {
                file,
                layout,
                edition,
                row,
                record,
            } => {
                let parsed = layout.parse(row, &record);
                for w in &parsed.warnings {
                    self.progress.warning(&format!("{file}: row {row}: {w}"));
                }
                match parsed.result {
                    Ok(answers) => Ok(Loaded {
                        input: file.to_string(),
                        row: Some(row),
                        answers,
                        edition,
                    }),
                    Err(problems) => Err(Failure {
                        input: file.to_string(),
                        row: Some(row),
                        reason: crate::diagnostic::join_capped(problems),
                    }),
                }
            }
        }
    }

    /// Scores one input (and writes its report, under `name`, when reports are asked for).
    fn score(&self, loaded: Loaded, order: usize, name: Option<&str>) -> Result<Scored, Failure> {
        let Loaded {
            input,
            row,
            answers,
            edition,
        } = loaded;
        let (q, catalog) = (edition.questionnaire, edition.catalog);
        let a = Assessment::new(q, catalog, &answers, input, row, self.lang);
        if let (Some((reports, dir)), Some(name)) = (&self.reports, name) {
            let path = dir.join(format!("{name}.{}", reports.extension));
            if let Err(reason) = (reports.write)(q, catalog, &a, &path) {
                return Err(Failure {
                    input: a.file.clone(),
                    row: a.row,
                    reason: format!("report {}: {reason}", path.display()),
                });
            }
        }
        let summary = match self.format {
            SummaryFormat::Csv => Summary::Cells(
                a.summary_row(q, catalog, self.current.questionnaire)
                    .iter()
                    .map(|c| csv_safe(c))
                    .collect(),
            ),
            SummaryFormat::Json => Summary::Line(a.to_json(q, catalog).to_string()),
        };
        Ok(Scored {
            summary,
            entry: Entry::new(self.current, edition, &a, order),
        })
    }

    /// Loads and scores a chunk in parallel; results in input order. With reports, names are
    /// handed out in input order between a parallel load and a parallel score.
    fn chunk(
        &self,
        chunk: Vec<Work<'a>>,
        first: usize,
        names: &mut UniqueNames,
    ) -> Vec<Result<Scored, Failure>> {
        if self.reports.is_none() {
            return chunk
                .into_par_iter()
                .enumerate()
                .map(|(i, w)| self.done(self.load(w).and_then(|l| self.score(l, first + i, None))))
                .collect();
        }
        let loaded: Vec<Result<Loaded, Failure>> =
            chunk.into_par_iter().map(|w| self.load(w)).collect();
        let named: Vec<(Result<Loaded, Failure>, Option<String>)> = loaded
            .into_iter()
            .map(|l| {
                let name = l
                    .as_ref()
                    .ok()
                    .map(|l| report_name(l.edition.questionnaire, l, names));
                (l, name)
            })
            .collect();
        named
            .into_par_iter()
            .enumerate()
            .map(|(i, (l, name))| {
                self.done(l.and_then(|l| self.score(l, first + i, name.as_deref())))
            })
            .collect()
    }

    fn done<T>(&self, r: Result<T, Failure>) -> Result<T, Failure> {
        self.progress.advance(r.is_err());
        r
    }
}

/// The report file name (without extension) for an enterprise: safe and unique in input order.
fn report_name(q: &Questionnaire, loaded: &Loaded, names: &mut UniqueNames) -> String {
    let fallback = match loaded.row {
        Some(r) => format!("row-{r}"),
        None => file_stem(&loaded.input),
    };
    names.claim(&safe_name(
        loaded.answers.enterprise_name(q).unwrap_or(""),
        &fallback,
    ))
}

/// The summary and errors files while they are being written.
struct Sinks {
    summary: SummarySink,
    errors: csv::Writer<AtomicWriter>,
    cohort: Cohort,
}

/// Where summary rows go: `summary.csv` or `summary.jsonl`.
enum SummarySink {
    Csv(Box<csv::Writer<AtomicWriter>>),
    Json(AtomicWriter),
}

impl SummarySink {
    fn write(&mut self, s: Summary) -> std::io::Result<()> {
        match (self, s) {
            (SummarySink::Csv(w), Summary::Cells(cells)) => {
                w.write_record(&cells).map_err(std::io::Error::other)
            }
            (SummarySink::Json(w), Summary::Line(line)) => writeln!(w, "{line}"),
            _ => Err(std::io::Error::other(
                "internal error: a summary row of the other format",
            )),
        }
    }

    fn commit(self) -> std::io::Result<()> {
        match self {
            SummarySink::Csv(w) => w
                .into_inner()
                .map_err(|e| std::io::Error::other(e.to_string()))?
                .commit(),
            SummarySink::Json(w) => w.commit(),
        }
    }
}

impl Sinks {
    fn record(&mut self, r: Result<Scored, Failure>, out: &Path) -> Result<(), Error> {
        let io = |e: std::io::Error| Error::Io(format!("{}: cannot write: {e}", out.display()));
        match r {
            Ok(s) => {
                self.summary.write(s.summary).map_err(io)?;
                self.cohort.add(s.entry);
            }
            Err(f) => {
                let row = f.row.map(|r| r.to_string()).unwrap_or_default();
                self.errors
                    .write_record([csv_safe(&f.input), row, csv_safe(&f.reason)])
                    .map_err(|e| io(std::io::Error::other(e)))?;
                self.cohort.add_failed();
            }
        }
        Ok(())
    }
}

/// The cohort report's file name and bytes in the requested format: the Markdown from
/// [`render_markdown`], turned into HTML or PDF by the report pipeline.
pub fn cohort_output(
    md: String,
    format: CohortFormat,
    meta: &crate::report::Meta,
) -> Result<(&'static str, Vec<u8>), Error> {
    use crate::report::{Format, finish};
    match format {
        CohortFormat::Md => Ok(("cohort.md", md.into_bytes())),
        CohortFormat::Html => Ok(("cohort.html", finish(&md, Format::Html, meta)?)),
        CohortFormat::Pdf => Ok(("cohort.pdf", finish(&md, Format::Pdf, meta)?)),
    }
}

/// Runs a batch: writes the summary, `errors.csv` and the cohort report into `opts.out`.
/// Each input is scored with the edition for the version it names (`editions`); the summary
/// and the cohort report are laid out by the current one.
pub fn run(
    editions: &dyn Editions,
    opts: &Options,
    reports: Option<&Reports>,
    progress: &dyn Progress,
) -> Result<Finished, Error> {
    let current = editions.current();
    let (q, catalog) = (current.questionnaire, current.catalog);
    let out = &opts.out;
    let io = |what: &Path, e: std::io::Error| {
        Error::Io(format!("{}: cannot write: {e}", what.display()))
    };
    std::fs::create_dir_all(out).map_err(|e| {
        Error::Io(format!(
            "{}: cannot create the output folder: {e}",
            out.display()
        ))
    })?;
    let reports_dir = out.join("reports");
    if std::fs::symlink_metadata(&reports_dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::Io(format!(
            "{}: is a symbolic link; reports are written only into a real folder inside --out (remove the link, or choose another --out)",
            reports_dir.display()
        )));
    }
    if reports.is_some() {
        std::fs::create_dir_all(&reports_dir).map_err(|e| io(&reports_dir, e))?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Io(format!("cannot start worker threads: {e}")))?;

    let summary_path = out.join(match opts.format {
        SummaryFormat::Csv => "summary.csv",
        SummaryFormat::Json => "summary.jsonl",
    });
    let errors_path = out.join("errors.csv");
    let summary = match opts.format {
        SummaryFormat::Csv => {
            let mut w = csv::Writer::from_writer(
                AtomicWriter::create(&summary_path).map_err(|e| io(&summary_path, e))?,
            );
            w.write_record(summary_header(q))
                .map_err(|e| io(&summary_path, std::io::Error::other(e)))?;
            SummarySink::Csv(Box::new(w))
        }
        SummaryFormat::Json => SummarySink::Json(
            AtomicWriter::create(&summary_path).map_err(|e| io(&summary_path, e))?,
        ),
    };
    let mut errors = csv::Writer::from_writer(
        AtomicWriter::create(&errors_path).map_err(|e| io(&errors_path, e))?,
    );
    errors
        .write_record(["input", "row", "reason"])
        .map_err(|e| io(&errors_path, std::io::Error::other(e)))?;
    let mut sinks = Sinks {
        summary,
        errors,
        cohort: Cohort::new(),
    };

    // The output folder, and the outputs in it should it be an input folder itself: a second
    // run never reads the first one's summary, errors or reports as inputs.
    let mut skip = opts.skip.clone();
    skip.push(out.clone());
    skip.extend(OUTPUT_NAMES.iter().map(|n| out.join(n)));
    let mut producer = Producer {
        editions,
        mapping: opts.mapping,
        discover: Discover::new(&opts.inputs, &skip),
        csv: None,
    };
    let ctx = Ctx {
        editions,
        current,
        lang: opts.lang.as_deref(),
        format: opts.format,
        reports: reports.map(|r| (r, reports_dir.clone())),
        progress,
    };
    let mut names = UniqueNames::new();
    let mut order = 0usize;
    let mut next: Vec<Work> = producer.by_ref().take(CHUNK).collect();
    while !next.is_empty() {
        let chunk = std::mem::take(&mut next);
        let first = order;
        order += chunk.len();
        // The next chunk is read while this one is scored.
        let (results, following) = pool.install(|| {
            rayon::join(
                || ctx.chunk(chunk, first, &mut names),
                || producer.by_ref().take(CHUNK).collect::<Vec<_>>(),
            )
        });
        next = following;
        for r in results {
            sinks.record(r, out)?;
        }
    }

    let Sinks {
        summary,
        errors,
        cohort,
    } = sinks;
    let (scored, failed) = (cohort.scored(), cohort.failed());
    let lang = opts
        .lang
        .clone()
        .unwrap_or_else(|| q.default_language().to_string());
    let view = cohort.view(q, catalog, &lang);
    let md = render_markdown(&view)?;
    let meta = crate::report::Meta {
        title: view.t.title.to_string(),
        header: format!("{} · {}", view.t.title, view.questionnaire.title),
        footer: format!(
            "dxready {} · {} {}",
            env!("CARGO_PKG_VERSION"),
            q.id,
            q.version
        ),
        lang: lang.clone(),
    };
    let (cohort_name, bytes) = cohort_output(md, opts.cohort_format, &meta)?;
    let cohort_path = out.join(cohort_name);
    errors
        .into_inner()
        .map_err(|e| io(&errors_path, std::io::Error::other(e.to_string())))?
        .commit()
        .map_err(|e| io(&errors_path, e))?;
    summary.commit().map_err(|e| io(&summary_path, e))?;
    write_atomic(&cohort_path, &bytes).map_err(|e| io(&cohort_path, e))?;
    Ok(Finished {
        scored,
        failed,
        outputs: vec![summary_path, errors_path, cohort_path],
    })
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::{CohortFormat, Options, Reports, Silent, SummaryFormat, run};
    use crate::assessment::Assessment;
    use crate::programs::Catalog;
    use crate::questionnaire::Questionnaire;

    const ROW: &str = "2020-01-01,2026-11-27,5,services,other,no,,0,valid,3,";

    /// The `--pdf` seam: names are safe, unique in input order, and the writer sees every
    /// scored input once; a failing writer moves the input to errors.csv.
    #[test]
    fn reports_get_safe_unique_names_in_input_order() {
        let q = crate::questionnaire::from_str(
            "mini.yaml",
            include_str!("../../tests/fixtures/mini/mini.yaml"),
        )
        .unwrap()
        .0;
        let catalog = Catalog {
            questionnaire: q.id.clone(),
            programs: Vec::new(),
        };
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "An Phát",
            "An Phát",
            "../../etc/passwd",
            "***",
            "An-Phat",
            "Fail me",
            "=cmd|' /C calc'!A0",
        ];
        let mut csv = String::from(
            "enterprise_name,founded_on,assessed_on,employees,sector,province,sells_online,channels,online_share,has_certificate,skills,barcodes\n",
        );
        for n in names {
            csv.push_str(&format!("\"{n}\",{ROW}\n"));
        }
        let input = dir.path().join("in.csv");
        fs::write(&input, csv).unwrap();
        let out = dir.path().join("out");
        let write =
            |_: &Questionnaire, _: &Catalog, a: &Assessment, path: &Path| -> Result<(), String> {
                if a.enterprise(&q) == "Fail me" {
                    return Err("disk full".into());
                }
                fs::write(path, format!("{}", a.row.unwrap_or(0))).map_err(|e| e.to_string())
            };
        let reports = Reports {
            extension: "txt",
            write: &write,
        };
        for jobs in [1, 2] {
            let opts = Options {
                inputs: vec![input.clone()],
                out: out.clone(),
                jobs: Some(jobs),
                format: SummaryFormat::Csv,
                cohort_format: CohortFormat::Md,
                lang: None,
                mapping: None,
                skip: Vec::new(),
            };
            let done = run(
                &crate::setup::Edition::new(&q, &catalog),
                &opts,
                Some(&reports),
                &Silent,
            )
            .unwrap();
            assert_eq!((done.scored, done.failed), (6, 1));
            let mut files: Vec<(String, String)> = fs::read_dir(out.join("reports"))
                .unwrap()
                .map(|e| {
                    let e = e.unwrap();
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        fs::read_to_string(e.path()).unwrap(),
                    )
                })
                .collect();
            files.sort();
            let expected = [
                ("an-phat-2.txt", "3"),
                ("an-phat-3.txt", "6"),
                ("an-phat.txt", "2"),
                ("cmd-c-calc-a0.txt", "8"),
                ("etc-passwd.txt", "4"),
                ("row-5.txt", "5"),
            ];
            let got: Vec<(&str, &str)> = files
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            assert_eq!(got, expected);
            let errors = fs::read_to_string(out.join("errors.csv")).unwrap();
            assert!(
                errors.contains(",7,report ") && errors.contains("disk full"),
                "{errors}"
            );
            fs::remove_dir_all(out.join("reports")).unwrap();
        }
    }
}
