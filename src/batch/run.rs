//! The batch pipeline: inputs are discovered and read in order, cut into chunks of a few
//! thousand, each chunk is parsed and scored in parallel (rayon), and its results are written
//! in input order — so the summary is the same whatever the thread scheduling, and memory
//! holds one chunk plus the cohort's small per-enterprise entries, however many inputs come.
//!
//! Every input ends up either in the summary (`summary.csv` / `summary.jsonl`) or in
//! `errors.csv`; outputs are rendered into a staging folder and put in place at the end, so a
//! reader never sees two runs mixed ([`super::output`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::cohort::{Cohort, Entry};
use super::input::{Discover, Source};
use super::output::{self, Counts, Staging};
use super::table::{self, Opened, Readers, Refused, Table, TableRow, reason};
use crate::answers::csv::CsvLayout;
use crate::answers::mapping::Mapping;
use crate::answers::{Answers, Completeness};
use crate::assessment::{Assessment, SummaryRow, csv_safe, file_stem, summary_header};
use crate::error::Error;
use crate::fsio::{AtomicWriter, write_new};
use crate::naming::{UniqueNames, safe_name};
use crate::programs::Catalog;
use crate::questionnaire::Questionnaire;
use crate::setup::{Edition, Editions};
use crate::sheets::summary::{CallRow, SummaryBook};

/// Inputs handled together; bounds memory (one chunk's answers and results at a time).
pub const CHUNK: usize = 2048;
pub use super::table::MAX_CSV_BYTES;

/// What a batch writes into its output folder (passed over when that folder is also an input).
pub const OUTPUT_NAMES: &[&str] = &[
    "summary.csv",
    "summary.jsonl",
    "summary.xlsx",
    "summary-excel.csv",
    "errors.csv",
    "cohort.md",
    "cohort.html",
    "cohort.pdf",
    "reports",
    "programs",
    output::MANIFEST,
    output::MARKER,
];

/// How the summary is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryFormat {
    /// `summary.csv`.
    Csv,
    /// `summary.jsonl`: one `score --format json` object per line.
    Json,
}

/// The format of the cohort report: the one output-format type of every document.
pub use crate::report::Format as CohortFormat;

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
    /// `--templates DIR`: a `cohort.md.tera` there replaces the embedded cohort template.
    pub templates: Option<PathBuf>,
    /// `--compare PREVIOUS_SUMMARY`: the earlier batch to pair enterprises with.
    pub compare: Option<&'a super::compare::Previous>,
    pub mapping: Option<&'a Mapping>,
    /// Paths never taken as inputs when found in a folder (the mapping file).
    pub skip: Vec<PathBuf>,
    /// Also write `summary.xlsx` (the default; `--no-xlsx` turns it off).
    pub xlsx: bool,
    /// Also write `summary-excel.csv` for Excel in Vietnamese settings (`--csv-excel`).
    pub csv_excel: bool,
    /// `--sheet NAME`: the worksheet to read in workbooks (default: the first).
    pub sheet: Option<String>,
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
    /// A file passed over, and why (a mapping file in an input folder, a form).
    fn notice(&self, _line: &str) {}
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

/// One input, as the producer hands it to the workers.
enum Work<'q> {
    File(PathBuf),
    Row {
        file: Arc<str>,
        layout: Arc<CsvLayout<'q>>,
        /// The questionnaire version the row is read as answers to.
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
    /// Not an input after all (a mapping file): `reason` is the notice, no error row.
    skipped: bool,
}

impl Failure {
    fn new(input: String, row: Option<usize>, reason: String) -> Failure {
        Failure {
            input,
            row,
            reason,
            skipped: false,
        }
    }
}

/// An input whose answers were read, with the edition they are scored with.
struct Loaded<'q> {
    input: String,
    row: Option<usize>,
    answers: Answers,
    edition: Edition<'q>,
}

/// An input scored: its summary row (and JSON line), its cohort entry and its places on
/// the programs' call lists.
struct Scored {
    row: SummaryRow,
    line: Option<String>,
    entry: Entry,
    /// Whether the enterprise is named by its answers (not by a file or row).
    named: bool,
    /// (program index, gap, the enterprise as the call list shows it).
    calls: Vec<(usize, f64, CallRow)>,
    /// With `--compare`: the cells after the summary's own.
    compare: Vec<String>,
}

/// Reads the inputs in order: answer files as paths, tables row by row.
struct Producer<'q> {
    readers: &'q Readers<'q>,
    sheet: Option<&'q str>,
    discover: Discover,
    table: Option<(Arc<str>, Box<Table<'q>>, usize)>,
    progress: &'q dyn Progress,
}

impl<'q> Iterator for Producer<'q> {
    type Item = Work<'q>;

    fn next(&mut self) -> Option<Work<'q>> {
        loop {
            if let Some((file, table, rows)) = &mut self.table {
                match table.next_row() {
                    Some(TableRow {
                        row,
                        record,
                        layout,
                        edition,
                        warning,
                    }) => {
                        *rows += 1;
                        if let Some(w) = warning {
                            self.progress.warning(&format!("{file}: row {row}: {w}"));
                        }
                        return Some(match record {
                            Ok(record) => Work::Row {
                                file: file.clone(),
                                layout,
                                edition,
                                row,
                                record,
                            },
                            Err(reason) => {
                                Work::Failed(Failure::new(file.to_string(), Some(row), reason))
                            }
                        });
                    }
                    None => {
                        let empty = (*rows == 0).then(|| file.to_string());
                        self.table = None;
                        if let Some(input) = empty {
                            return Some(Work::Failed(Failure::new(
                                input,
                                None,
                                "no enterprise rows below the header".into(),
                            )));
                        }
                    }
                }
                continue;
            }
            return Some(match self.discover.next()? {
                Source::Answers(p) => Work::File(p),
                Source::Bad(p, reason) => {
                    Work::Failed(Failure::new(p.display().to_string(), None, reason))
                }
                Source::Skipped(p) => {
                    self.progress.notice(&format!(
                        "{}: passed over (not an answers file, a CSV file or a workbook)",
                        p.display()
                    ));
                    continue;
                }
                Source::Table(p) => match table::open(self.readers, &p, self.sheet) {
                    Ok(Opened::Table(t)) => {
                        for w in &t.warnings {
                            self.progress.warning(w);
                        }
                        self.table = Some((Arc::from(p.display().to_string()), t, 0));
                        continue;
                    }
                    Ok(Opened::Skip(notice)) => {
                        self.progress.notice(&notice);
                        continue;
                    }
                    Err(Refused { row, reason, .. }) => {
                        Work::Failed(Failure::new(p.display().to_string(), row, reason))
                    }
                },
            });
        }
    }
}

/// The shared, read-only state of the workers.
struct Ctx<'a> {
    editions: &'a dyn Editions,
    /// The edition in use: the summary, the cohort and the call lists are laid out by it.
    current: Edition<'a>,
    lang: Option<&'a str>,
    format: SummaryFormat,
    reports: Option<(&'a Reports<'a>, PathBuf)>,
    progress: &'a dyn Progress,
    previous: Option<&'a super::compare::Previous>,
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
                    Err(e) => Err(match mapping_notice(&path) {
                        Some(notice) => Failure {
                            reason: notice,
                            input,
                            row: None,
                            skipped: true,
                        },
                        None => Failure::new(input, None, reason(&e)),
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
                    Err(problems) => Err(Failure::new(
                        file.to_string(),
                        Some(row),
                        crate::diagnostic::join_capped(problems),
                    )),
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
        let answers_named = answers.enterprise_name(q).is_some();
        let a = Assessment::new(q, catalog, &answers, input, row, self.lang);
        let mut report = String::new();
        if let (Some((reports, dir)), Some(name)) = (&self.reports, name) {
            report = format!("{name}.{}", reports.extension);
            let path = dir.join(&report);
            if let Err(reason) = (reports.write)(q, catalog, &a, &path) {
                return Err(Failure::new(
                    a.file.clone(),
                    a.row,
                    // Named as it would be in the output folder, not the staging one.
                    format!("report reports/{report}: {reason}"),
                ));
            }
        }
        let current = self.current.catalog;
        let same = self.current.same(&edition);
        let row = a.summary(q, catalog, self.current.questionnaire, &report);
        // The JSON line is `score --format json`'s object plus the profile values the CSV
        // summary has after `recommended` (peers for `report --benchmark`, joins).
        let line = match self.format {
            SummaryFormat::Csv => None,
            SummaryFormat::Json => {
                let mut v = a.to_json(q, catalog);
                if let Some(o) = v.as_object_mut() {
                    o.insert(
                        "profile".into(),
                        serde_json::json!({
                            "tax_code": row.tax_code,
                            "sector": row.sector,
                            "size_class": row.size_class,
                            "province": row.province,
                            "commune": row.commune,
                            "report": row.report,
                        }),
                    );
                }
                Some(v.to_string())
            }
        };
        // Call lists are the current catalog's: answers to an earlier version join the lists
        // of the programs with the same id (a program the current catalog dropped has none).
        let calls = a
            .recs
            .recommended
            .iter()
            .filter_map(|p| {
                let program = if same {
                    p.program
                } else {
                    let id = &catalog.programs[p.program].id;
                    current.programs.iter().position(|x| &x.id == id)?
                };
                Some((
                    program,
                    p.gap,
                    CallRow {
                        enterprise: row.enterprise.clone(),
                        tax_code: row.tax_code.clone(),
                        contact: row.contact.clone(),
                        province: row.province_label.clone(),
                        commune: row.commune_label.clone(),
                        sector: row.sector_label.clone(),
                        size_class: row.size_label.clone(),
                        reasons: p.reasons.join("; "),
                        input: row.input.clone(),
                        row: row.row,
                    },
                ))
            })
            .collect();
        let mut entry = Entry::new(self.current, edition, &a, order);
        let compare = match self.previous {
            Some(p) => {
                let (cells, change) = p.pair(self.current.questionnaire, &row);
                entry.change = change.map(Box::new);
                cells
            }
            None => Vec::new(),
        };
        Ok(Scored {
            named: answers_named,
            row,
            line,
            entry,
            calls,
            compare,
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

/// The notice for a mapping file (`--map` format) found among the inputs, or `None` when the
/// file is not one. Only asked about files that failed as answers.
fn mapping_notice(path: &Path) -> Option<String> {
    let text = crate::fsio::read_bounded(path, 1 << 20).ok()?;
    let text = std::str::from_utf8(&text).ok()?;
    let value = crate::yaml::parse("", text, crate::yaml::Limits::DEFINITION).ok()?;
    let m = value.as_mapping()?;
    let has = |k: &str| m.contains_key(serde_yaml::Value::String(k.into()));
    (has("format") && (has("columns") || has("choices")) && !has("answers")).then(|| {
        format!(
            "{}: a mapping file (for --map), not answers: passed over",
            path.display()
        )
    })
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

/// The summary and errors files while they are being written, and what is gathered for the
/// outputs written at the end (cohort, call lists, duplicates).
struct Sinks {
    summary: SummarySink,
    errors: csv::Writer<AtomicWriter>,
    excel: Option<csv::Writer<AtomicWriter>>,
    book: Option<SummaryBook>,
    cohort: Cohort,
    /// By program index: (gap, input order, row) of every enterprise recommended it.
    calls: Vec<Vec<(f64, usize, CallRow)>>,
    duplicates: Duplicates,
    /// Summary rows written (duplicates included).
    rows: usize,
}

/// Where summary rows go: `summary.csv` or `summary.jsonl`.
enum SummarySink {
    Csv(Box<csv::Writer<AtomicWriter>>),
    Json(AtomicWriter),
}

impl SummarySink {
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

/// The enterprises seen so far, to flag a later input for the same one (docs/reference/commands.md:
/// the same tax code, else the same name and assessment date).
#[derive(Default)]
struct Duplicates {
    seen: std::collections::HashMap<String, String>,
}

impl Duplicates {
    /// The earlier input for this enterprise, or `None` (and it is remembered).
    fn check(&mut self, r: &SummaryRow, has_name: bool) -> Option<String> {
        let tax: String = r.tax_code.chars().filter(|c| !c.is_whitespace()).collect();
        let key = if !tax.is_empty() {
            format!("tax\u{0}{}", tax.to_lowercase())
        } else if has_name {
            let name: Vec<String> = r
                .enterprise
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            format!("name\u{0}{}\u{0}{}", name.join(" "), r.assessed_on)
        } else {
            return None;
        };
        let here = match r.row {
            Some(n) => format!("{}:{n}", r.input),
            None => r.input.clone(),
        };
        match self.seen.get(&key) {
            Some(first) => Some(first.clone()),
            None => {
                self.seen.insert(key, here);
                None
            }
        }
    }
}

impl Sinks {
    fn record(
        &mut self,
        r: Result<Scored, Failure>,
        order: usize,
        out: &Path,
        progress: &dyn Progress,
    ) -> Result<(), Error> {
        let io = |e: std::io::Error| {
            Error::Io(format!(
                "{}: cannot write: {e}; the outputs already there are left as they were",
                out.display()
            ))
        };
        let csv_io = |e: csv::Error| io(std::io::Error::other(e));
        let xlsx_io = |e: rust_xlsxwriter::XlsxError| io(std::io::Error::other(e));
        match r {
            Ok(mut s) => {
                let duplicate = self.duplicates.check(&s.row, s.named);
                if let Some(d) = &duplicate {
                    s.row.duplicate_of = d.clone();
                }
                self.rows += 1;
                match &mut self.summary {
                    SummarySink::Csv(w) => w
                        .write_record(
                            s.row
                                .cells(false)
                                .iter()
                                .chain(&s.compare)
                                .map(|c| csv_safe(c)),
                        )
                        .map_err(csv_io)?,
                    SummarySink::Json(w) => {
                        let mut line = s.line.take().unwrap_or_default();
                        if let Some(d) = &duplicate {
                            // The object is complete: add one key before its closing brace.
                            line.pop();
                            line.push_str(&format!(",\"duplicate_of\":{}}}", serde_json::json!(d)));
                        }
                        writeln!(w, "{line}").map_err(io)?;
                    }
                }
                if let Some(w) = &mut self.excel {
                    let compare = s.compare.iter().map(|c| c.replace('.', ","));
                    w.write_record(
                        s.row
                            .cells(true)
                            .into_iter()
                            .chain(compare)
                            .map(|c| csv_safe(&c)),
                    )
                    .map_err(csv_io)?;
                }
                if let Some(b) = &mut self.book {
                    unpanic(|| b.add_summary(&s.row, &s.compare)).map_err(xlsx_io)?;
                }
                if duplicate.is_some() {
                    self.cohort.add_duplicate();
                } else {
                    self.cohort.add(s.entry);
                    for (p, gap, call) in s.calls {
                        self.calls[p].push((gap, order, call));
                    }
                }
            }
            Err(f) if f.skipped => progress.notice(&f.reason),
            Err(f) => {
                let row = f.row.map(|r| r.to_string()).unwrap_or_default();
                self.errors
                    .write_record([csv_safe(&f.input), row, csv_safe(&f.reason)])
                    .map_err(csv_io)?;
                if let Some(b) = &mut self.book {
                    unpanic(|| b.add_error(&f.input, f.row, &f.reason)).map_err(xlsx_io)?;
                }
                self.cohort.add_failed();
            }
        }
        Ok(())
    }
}

/// Runs a step of the workbook writer, turning a panic into an error: rust_xlsxwriter's
/// constant-memory mode panics when its temp files cannot be written (a full disk).
fn unpanic<T>(
    f: impl FnOnce() -> Result<T, rust_xlsxwriter::XlsxError>,
) -> Result<T, rust_xlsxwriter::XlsxError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let why = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(rust_xlsxwriter::XlsxError::IoError(std::io::Error::other(
            why,
        )))
    })
}

/// A program's call list as CSV (`programs/<id>.csv`), cells made spreadsheet-safe.
fn call_list_csv(rows: &[CallRow]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CallRow::HEADER)?;
    for r in rows {
        w.write_record(r.cells().iter().map(|c| csv_safe(c)))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The cohort report's file name and bytes in the requested format, through the report
/// pipeline (the embedded templates, or those of `templates`).
pub fn cohort_output(
    view: &super::cohort::CohortView,
    format: CohortFormat,
    templates: Option<&Path>,
) -> Result<(String, Vec<u8>), Error> {
    use crate::report::Renderer;
    let bytes = match templates {
        Some(dir) => Renderer::new(Some(dir))?.cohort(view, &view.meta(), format)?,
        None => Renderer::embedded()?.cohort(view, &view.meta(), format)?,
    };
    Ok((format!("cohort.{}", format.extension()), bytes))
}

/// Runs a batch: writes the summary, `errors.csv` and the cohort report into `opts.out`.
/// Each input is scored with the edition for the version it names (`editions`); the summary,
/// the call lists and the cohort report are laid out by the current one.
pub fn run(
    editions: &dyn Editions,
    opts: &Options,
    reports: Option<&Reports>,
    progress: &dyn Progress,
) -> Result<Finished, Error> {
    let current = editions.current();
    let (q, catalog) = (current.questionnaire, current.catalog);
    let out = &opts.out;
    // Everything is rendered into the staging folder; `out` is touched only by the commit.
    let staging = Staging::begin(out)?;
    let stage = staging.path().to_path_buf();
    // Errors name the output as the user knows it (`DIR/summary.csv`), and say what is left.
    let io = |what: &Path, e: std::io::Error| {
        let shown = out.join(what.strip_prefix(&stage).unwrap_or(what));
        Error::Io(format!(
            "{}: cannot write: {e}; the outputs already in {} are left as they were",
            shown.display(),
            out.display()
        ))
    };
    let reports_dir = stage.join("reports");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Io(format!("cannot start worker threads: {e}")))?;

    let summary_path = stage.join(match opts.format {
        SummaryFormat::Csv => "summary.csv",
        SummaryFormat::Json => "summary.jsonl",
    });
    let errors_path = stage.join("errors.csv");
    let compare_header: Vec<String> = match opts.compare {
        Some(_) => super::compare::Previous::header(q),
        None => Vec::new(),
    };
    let summary = match opts.format {
        SummaryFormat::Csv => {
            let mut w = csv::Writer::from_writer(
                AtomicWriter::create(&summary_path).map_err(|e| io(&summary_path, e))?,
            );
            w.write_record(summary_header(q).into_iter().chain(compare_header.clone()))
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
    let lang = opts
        .lang
        .clone()
        .unwrap_or_else(|| q.default_language().to_string());
    let excel_path = stage.join("summary-excel.csv");
    let excel = if opts.csv_excel && opts.format == SummaryFormat::Csv {
        let mut file = AtomicWriter::create(&excel_path).map_err(|e| io(&excel_path, e))?;
        // A byte-order mark: Excel reads the file as UTF-8 only with it.
        file.write_all("\u{feff}".as_bytes())
            .map_err(|e| io(&excel_path, e))?;
        let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(file);
        w.write_record(summary_header(q).into_iter().chain(compare_header.clone()))
            .map_err(|e| io(&excel_path, std::io::Error::other(e)))?;
        Some(w)
    } else {
        None
    };
    let xlsx_path = stage.join("summary.xlsx");
    let book = if opts.xlsx {
        Some(
            SummaryBook::new(q, &lang, Some(&stage), opts.compare.is_some())
                .map_err(|e| io(&xlsx_path, std::io::Error::other(e)))?,
        )
    } else {
        None
    };
    let mut sinks = Sinks {
        summary,
        errors,
        excel,
        book,
        cohort: Cohort::comparing(opts.compare.is_some()),
        calls: vec![Vec::new(); catalog.programs.len()],
        duplicates: Duplicates::default(),
        rows: 0,
    };

    // The output folder, and the outputs in it should it be an input folder itself: a second
    // run never reads the first one's summary, errors or reports as inputs.
    let mut skip = opts.skip.clone();
    skip.push(out.clone());
    skip.extend(OUTPUT_NAMES.iter().map(|n| out.join(n)));
    let readers = Readers::new(editions, opts.mapping);
    let mut producer = Producer {
        readers: &readers,
        sheet: opts.sheet.as_deref(),
        discover: Discover::new(&opts.inputs, &skip),
        table: None,
        progress,
    };
    let ctx = Ctx {
        editions,
        current,
        lang: opts.lang.as_deref(),
        format: opts.format,
        reports: reports.map(|r| (r, reports_dir.clone())),
        progress,
        previous: opts.compare,
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
        for (i, r) in results.into_iter().enumerate() {
            sinks.record(r, first + i, out, progress)?;
        }
    }

    let Sinks {
        summary,
        errors,
        excel,
        mut book,
        cohort,
        mut calls,
        rows,
        ..
    } = sinks;
    let (scored, failed) = (rows, cohort.failed());
    // Call lists: every program of the catalog (a header only when nobody is recommended
    // it, so no list from an earlier run is left looking current), largest gap first.
    let programs_dir = stage.join("programs");
    let mut call_files = Vec::with_capacity(catalog.programs.len());
    for (p, list) in catalog.programs.iter().zip(&mut calls) {
        list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let path = programs_dir.join(format!("{}.csv", p.id));
        let rows: Vec<CallRow> = list.drain(..).map(|(_, _, r)| r).collect();
        let bytes = call_list_csv(&rows).map_err(|e| io(&path, std::io::Error::other(e)))?;
        call_files.push((path, bytes));
        if let Some(b) = &mut book
            && !rows.is_empty()
        {
            unpanic(|| b.add_call_list(&p.id, &rows))
                .map_err(|e| io(&xlsx_path, std::io::Error::other(e)))?;
        }
    }
    let xlsx_bytes = match book {
        Some(b) => {
            Some(unpanic(|| b.finish()).map_err(|e| io(&xlsx_path, std::io::Error::other(e)))?)
        }
        None => None,
    };
    let view = cohort.view(q, catalog, &lang);
    let (cohort_name, bytes) = cohort_output(&view, opts.cohort_format, opts.templates.as_deref())?;
    let cohort_path = stage.join(cohort_name);
    errors
        .into_inner()
        .map_err(|e| io(&errors_path, std::io::Error::other(e.to_string())))?
        .commit()
        .map_err(|e| io(&errors_path, e))?;
    summary.commit().map_err(|e| io(&summary_path, e))?;
    let mut outputs = vec![summary_path, errors_path];
    if let Some(w) = excel {
        w.into_inner()
            .map_err(|e| io(&excel_path, std::io::Error::other(e.to_string())))?
            .commit()
            .map_err(|e| io(&excel_path, e))?;
        outputs.push(excel_path);
    }
    if let Some(bytes) = xlsx_bytes {
        write_new(&xlsx_path, &bytes).map_err(|e| io(&xlsx_path, e))?;
        outputs.push(xlsx_path);
    }
    for (path, bytes) in &call_files {
        write_new(path, bytes).map_err(|e| io(path, e))?;
    }
    write_new(&cohort_path, &bytes).map_err(|e| io(&cohort_path, e))?;
    outputs.push(cohort_path);
    if !call_files.is_empty() {
        outputs.push(programs_dir);
    }
    let manifest = staging.commit(&Counts {
        inputs: scored + failed,
        scored,
        failed,
    })?;
    // The paths as they are now, in the output folder.
    let mut outputs: Vec<PathBuf> = outputs
        .iter()
        .map(|p| out.join(p.strip_prefix(&stage).unwrap_or(p)))
        .collect();
    outputs.push(manifest);
    Ok(Finished {
        scored,
        failed,
        outputs,
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
                templates: None,
                compare: None,
                mapping: None,
                skip: Vec::new(),
                xlsx: true,
                csv_excel: false,
                sheet: None,
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
