//! One tabular input — a CSV or tab-separated file, or a worksheet — opened as a header
//! ([`CsvLayout`]) and a stream of raw rows, whatever its format: `batch` and `validate` read
//! every such file through here, so they accept the same files with the same messages.
//!
//! Text files are opened by [`crate::answers::csv_file::open`] (which encodings are read, the
//! size limits, the delimiter).

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::answers::csv::{
    CsvAnswers, CsvLayout, RawRow, ReadOptions, VERSION_COLUMN, read_header,
};
use crate::answers::csv_file::{self, CsvFile};
use crate::answers::mapping::Mapping;
use crate::diagnostic::LoadError;
use crate::setup::{Edition, Editions};
use crate::sheets::read::{self, Workbook};

/// A text table may be this large (docs/reference/commands.md), counted as it is read; no line
/// may pass [`MAX_CSV_LINE_BYTES`].
pub use crate::answers::csv::{MAX_CSV_BYTES, MAX_CSV_LINE_BYTES};

/// The extensions read as worksheets.
pub const SHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];
/// The extensions read as delimited text.
pub const TEXT_EXTENSIONS: &[&str] = &["csv", "tsv", "tab"];

type Reader = Box<dyn Read + Send>;

/// The questionnaires a table can be read as answers to, each with its mapping.
///
/// With `--map`, only the questionnaire in use (a mapping is written for it). Without, the one
/// in use and the earlier shipped versions of the embedded default, each with the mapping
/// built from it ([`Mapping::auto`], on first use: an earlier version is loaded only for a
/// table that needs it). A table is read with the version its intake workbook names, else the
/// first of these whose questions fit every column of its header; a row whose
/// `questionnaire_version` cell names another version is read with that one.
pub struct Readers<'e> {
    editions: &'e dyn Editions,
    user: Option<&'e Mapping>,
    /// The current version first, then the earlier ones, newest first.
    slots: Vec<Slot<'e>>,
}

struct Slot<'e> {
    version: String,
    loaded: OnceLock<Result<(Edition<'e>, Option<Mapping>), String>>,
}

impl<'e> Readers<'e> {
    pub fn new(editions: &'e dyn Editions, user: Option<&'e Mapping>) -> Self {
        let mut slots = vec![Slot {
            version: editions.current().questionnaire.version.clone(),
            loaded: OnceLock::new(),
        }];
        if user.is_none() {
            slots.extend(editions.other_versions().into_iter().map(|version| Slot {
                version,
                loaded: OnceLock::new(),
            }));
        }
        Readers {
            editions,
            user,
            slots,
        }
    }

    /// The questionnaire tables are read with when nothing says otherwise.
    pub fn current(&self) -> Edition<'e> {
        self.editions.current()
    }

    fn slot(&self, version: &str) -> Option<usize> {
        self.slots.iter().position(|s| s.version == version)
    }

    /// The edition of slot `i` and the mapping to read it with.
    fn get(&self, i: usize) -> Result<(Edition<'e>, &Mapping), String> {
        let slot = &self.slots[i];
        let loaded = slot.loaded.get_or_init(|| {
            let edition = if i == 0 {
                self.editions.current()
            } else {
                match self.editions.version(&slot.version) {
                    Ok(Some(e)) => e,
                    Ok(None) => return Err(format!("version {} is not shipped", slot.version)),
                    Err(e) => return Err(e.to_string()),
                }
            };
            let auto = match self.user {
                Some(_) => None,
                None => Some(Mapping::auto(edition.questionnaire)),
            };
            Ok((edition, auto))
        });
        match loaded {
            Ok((edition, auto)) => match (self.user, auto) {
                (Some(m), _) | (None, Some(m)) => Ok((*edition, m)),
                (None, None) => Err("no mapping".into()),
            },
            Err(e) => Err(e.clone()),
        }
    }
}

/// A file opened for reading rows.
pub struct Table<'r> {
    readers: &'r Readers<'r>,
    file: String,
    header: Vec<String>,
    opts: ReadOptions,
    /// The edition the file is read with, and its layout.
    main: Reading<'r>,
    /// Layouts for the other versions rows name (`questionnaire_version`), built on first use.
    others: Vec<(String, Result<Reading<'r>, String>)>,
    version_column: Option<usize>,
    rows: Rows<'r>,
    /// Said once about the whole file (a workbook made for a version this dxready does not
    /// ship).
    pub warnings: Vec<String>,
}

#[derive(Clone)]
struct Reading<'r> {
    edition: Edition<'r>,
    layout: Arc<CsvLayout<'r>>,
}

enum Rows<'r> {
    Text(Box<CsvAnswers<'r, Reader>>),
    Sheet(std::vec::IntoIter<(usize, Vec<String>)>),
}

/// One row of a table, unparsed, with the layout and edition to read it with.
pub struct TableRow<'r> {
    pub row: usize,
    pub record: Result<csv::StringRecord, String>,
    pub layout: Arc<CsvLayout<'r>>,
    pub edition: Edition<'r>,
    /// About this row (it names a version this dxready does not ship).
    pub warning: Option<String>,
}

/// What opening a file gave.
pub enum Opened<'r> {
    Table(Box<Table<'r>>),
    /// Not an input (an XLSForm): passed over with this notice.
    Skip(String),
}

/// Why a whole file cannot be read: the row it concerns (the header's) and the reason.
#[derive(Debug)]
pub struct Refused {
    pub row: Option<usize>,
    /// The problems on one line (`errors.csv`).
    pub reason: String,
    /// The same problems one by one (`validate` prints a line each).
    pub problems: Vec<String>,
}

impl Refused {
    fn file(reason: impl Into<String>) -> Refused {
        let reason = reason.into();
        Refused {
            row: None,
            problems: vec![reason.clone()],
            reason,
        }
    }

    /// A table whose header (in spreadsheet row `row`, when known) cannot be read.
    fn header(e: &LoadError, row: Option<usize>) -> Refused {
        Refused {
            row,
            reason: reason(e),
            problems: e.reasons(),
        }
    }
}

impl<'r> Table<'r> {
    /// The layout of the file's edition.
    pub fn layout(&self) -> &Arc<CsvLayout<'r>> {
        &self.main.layout
    }

    /// The edition the file is read with (a row may name another).
    pub fn edition(&self) -> Edition<'r> {
        self.main.edition
    }

    /// The next non-blank row, unparsed.
    pub fn next_row(&mut self) -> Option<TableRow<'r>> {
        let RawRow { row, record } = match &mut self.rows {
            Rows::Text(r) => r.next_raw()?,
            Rows::Sheet(rows) => rows.next().map(|(row, cells)| RawRow {
                row,
                record: Ok(csv::StringRecord::from(cells)),
            })?,
        };
        let named = match (&record, self.version_column) {
            (Ok(r), Some(c)) => r.get(c).map(|v| crate::yaml::nfc(v.trim())),
            _ => None,
        };
        let mut out = TableRow {
            row,
            record,
            layout: self.main.layout.clone(),
            edition: self.main.edition,
            warning: None,
        };
        let Some(version) = named.filter(|v| !v.is_empty()) else {
            return Some(out);
        };
        if version == self.main.edition.questionnaire.version {
            return Some(out);
        }
        match self.other(&version) {
            Some(Ok(reading)) => {
                out.layout = reading.layout;
                out.edition = reading.edition;
            }
            Some(Err(reason)) => out.record = Err(reason),
            None => {
                let q = self.main.edition.questionnaire;
                out.warning = Some(format!(
                    "answered to version {version} of `{}` (column `{VERSION_COLUMN}`); reading it as version {}",
                    q.id, q.version
                ));
            }
        }
        Some(out)
    }

    /// The reading for another version a row names; `None` when there is no such version.
    fn other(&mut self, version: &str) -> Option<Result<Reading<'r>, String>> {
        if let Some((_, r)) = self.others.iter().find(|(v, _)| v == version) {
            return Some(r.clone());
        }
        let slot = self.readers.slot(version)?;
        let q = self.main.edition.questionnaire;
        let reading = layout_for(self.readers, slot, &self.file, &self.header, &self.opts)
            .map_err(|e| {
                format!(
                    "answered to version {version} of `{}` (column `{VERSION_COLUMN}`), but the columns are not those of that version ({}); export the submissions of each form version separately",
                    q.id,
                    reason(&e)
                )
            });
        self.others.push((version.to_string(), reading.clone()));
        Some(reading)
    }
}

/// The layout of a header for the edition in slot `i`.
fn layout_for<'r>(
    readers: &'r Readers<'r>,
    i: usize,
    file: &str,
    header: &[String],
    opts: &ReadOptions,
) -> Result<Reading<'r>, LoadError> {
    let (edition, mapping) = readers
        .get(i)
        .map_err(|e| LoadError::single(file, None, e))?;
    let layout = CsvLayout::new(
        edition.questionnaire,
        Some(mapping),
        file,
        header.iter().map(String::as_str),
        opts.clone(),
    )?;
    Ok(Reading {
        edition,
        layout: Arc::new(layout),
    })
}

/// The reading for a file: the version its workbook names (`made_for`), else the first
/// version whose questions fit the header (the current one first); when none does, the
/// current one's errors. Also what to say about the whole file.
fn choose<'r>(
    readers: &'r Readers<'r>,
    file: &str,
    header: &[String],
    opts: &ReadOptions,
    made_for: Option<(&str, &str)>,
) -> Result<(Reading<'r>, Vec<String>), LoadError> {
    let current = readers.current().questionnaire;
    let mut warnings = Vec::new();
    if let Some((id, version)) = made_for
        && (id != current.id || version != current.version)
    {
        match readers.slot(version).filter(|_| id == current.id) {
            Some(i) => return layout_for(readers, i, file, header, opts).map(|r| (r, warnings)),
            None => warnings.push(format!(
                "{file}: the workbook was made for {id} {version}; reading it as {} {}",
                current.id, current.version
            )),
        }
    }
    let first = match layout_for(readers, 0, file, header, opts) {
        Ok(r) => return Ok((r, warnings)),
        Err(e) => e,
    };
    if made_for.is_none() {
        for i in 1..readers.slots.len() {
            if let Ok(r) = layout_for(readers, i, file, header, opts) {
                return Ok((r, warnings));
            }
        }
    }
    Err(first)
}

/// Whether a path names a worksheet file.
pub fn is_sheet(path: &Path) -> bool {
    has_extension(path, SHEET_EXTENSIONS)
}

fn has_extension(path: &Path, list: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| list.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Opens a CSV/TSV file or a workbook (`sheet`: `--sheet NAME`).
pub fn open<'r>(
    readers: &'r Readers<'r>,
    path: &Path,
    sheet: Option<&str>,
) -> Result<Opened<'r>, Refused> {
    let shown = path.display().to_string();
    if is_sheet(path) {
        let table = match read::read(path, sheet).map_err(Refused::file)? {
            Workbook::XlsForm => {
                return Ok(Opened::Skip(format!(
                    "{shown}: an XLSForm (the form itself, with no answers): passed over; give batch the form's data export"
                )));
            }
            Workbook::Table(t) => t,
        };
        let opts = ReadOptions {
            semicolon: false,
            sheet: Some(table.sheet.clone()),
            header_row: table.header_row,
        };
        let made_for = table
            .made_for
            .as_ref()
            .map(|(id, v)| (id.as_str(), v.as_str()));
        let (main, warnings) = choose(readers, &shown, &table.header, &opts, made_for)
            .map_err(|e| Refused::header(&e, Some(table.header_row)))?;
        let version_column = main.layout.version_column();
        return Ok(Opened::Table(Box::new(Table {
            readers,
            file: shown,
            header: table.header,
            opts,
            main,
            others: Vec::new(),
            version_column,
            rows: Rows::Sheet(table.rows.into_iter()),
            warnings,
        })));
    }
    let CsvFile { reader, delimiter } =
        csv_file::open(path).map_err(|e| Refused::file(e.to_string()))?;
    let opts = ReadOptions {
        semicolon: delimiter == b';',
        sheet: None,
        header_row: 1,
    };
    let header_refused = |e: LoadError| Refused::header(&e, e.row());
    let (reader, header) = read_header(&shown, reader, delimiter).map_err(header_refused)?;
    let header: Vec<String> = header.iter().map(str::to_string).collect();
    let (main, warnings) = choose(readers, &shown, &header, &opts, None).map_err(header_refused)?;
    let version_column = main.layout.version_column();
    let rows = CsvAnswers::from_parts(main.layout.clone(), reader);
    Ok(Opened::Table(Box::new(Table {
        readers,
        file: shown,
        header,
        opts,
        main,
        others: Vec::new(),
        version_column,
        rows: Rows::Text(Box::new(rows)),
        warnings,
    })))
}

/// Every problem of a header on one line (capped), without the file name (it is in the
/// `input` column).
pub fn reason(e: &LoadError) -> String {
    e.reason()
}
