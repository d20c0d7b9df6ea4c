//! One tabular input — a CSV or tab-separated file, or a worksheet — opened as a header
//! ([`CsvLayout`]) and a stream of raw rows, whatever its format: `batch` and `validate` read
//! every such file through here, so they accept the same files with the same messages.
//!
//! Text files: UTF-8 (a byte-order mark accepted) and UTF-16 (Excel's "Unicode Text", with or
//! without a byte-order mark) are read, the latter decoded with encoding_rs. Any other
//! encoding (Windows-1258, the Vietnamese ANSI code page Excel's plain "CSV" uses) is refused
//! with what to do: guessing a legacy code page can turn `Đ` into `Ð` silently, so nothing is
//! guessed. The delimiter (`,`, `;` or tab) is read off the header line.

use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::mapping::Mapping;
use crate::answers::csv::{
    CsvAnswers, CsvLayout, RawRow, ReadOptions, SAVE_AS_UTF8, VERSION_COLUMN, detect_delimiter,
    read_header,
};
use crate::diagnostic::LoadError;
use crate::fsio::{self, ReadError};
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
    pub reason: String,
}

impl Refused {
    fn file(reason: impl Into<String>) -> Refused {
        Refused {
            row: None,
            reason: reason.into(),
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
        let (main, warnings) =
            choose(readers, &shown, &table.header, &opts, made_for).map_err(|e| Refused {
                row: Some(table.header_row),
                reason: reason(&e),
            })?;
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
    // A regular file only, every byte counted against the limit as it is read (fsio).
    let read_error = |e: ReadError| {
        Refused::file(match e {
            ReadError::TooLarge { .. } => format!("{e} for a CSV file"),
            e => e.to_string(),
        })
    };
    let mut file = fsio::open_bounded(path, MAX_CSV_BYTES)
        .map_err(read_error)?
        .with_max_line(MAX_CSV_LINE_BYTES);
    let mut head = Vec::with_capacity(8192);
    (&mut file)
        .take(64 << 10)
        .read_to_end(&mut head)
        .map_err(|e| read_error(ReadError::from(e)))?;
    if head.iter().all(|b| b.is_ascii_whitespace()) && head.len() < 64 << 10 {
        return Err(Refused::file("the file is empty (no header row)"));
    }
    let (reader, head): (Reader, Vec<u8>) = match encoding_of(&head) {
        TextEncoding::Utf8 => (Box::new(Cursor::new(head.clone()).chain(file)), head),
        TextEncoding::Utf16(enc) => {
            let mut all = head;
            file.read_to_end(&mut all)
                .map_err(|e| read_error(ReadError::from(e)))?;
            let (text, _, bad) = enc.decode(&all);
            if bad {
                return Err(Refused::file(format!(
                    "the file is UTF-16 text with invalid characters; {SAVE_AS_UTF8}"
                )));
            }
            let bytes = text.into_owned().into_bytes();
            let head = bytes[..bytes.len().min(64 << 10)].to_vec();
            (Box::new(Cursor::new(bytes)), head)
        }
        TextEncoding::Other(guess) => {
            return Err(Refused::file(format!(
                "the file is not UTF-8 text{guess}; {SAVE_AS_UTF8}"
            )));
        }
    };
    let text = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&head);
    let delimiter = if has_extension(path, &["tsv", "tab"]) {
        b'\t'
    } else {
        detect_delimiter(text)
    };
    let opts = ReadOptions {
        semicolon: delimiter == b';',
        sheet: None,
        header_row: 1,
    };
    let header_refused = |e: LoadError| {
        let reason = reason(&e);
        Refused {
            row: reason.starts_with("row 1:").then_some(1),
            reason,
        }
    };
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

enum TextEncoding {
    Utf8,
    Utf16(&'static encoding_rs::Encoding),
    /// Not UTF-8; the text says what it looks like, if anything.
    Other(&'static str),
}

/// The encoding of a text file from its first bytes.
fn encoding_of(head: &[u8]) -> TextEncoding {
    if head.starts_with(&[0xFF, 0xFE]) {
        return TextEncoding::Utf16(encoding_rs::UTF_16LE);
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return TextEncoding::Utf16(encoding_rs::UTF_16BE);
    }
    // UTF-16 without a mark: ASCII letters leave every other byte zero.
    let sample = &head[..head.len().min(4096) & !1];
    if sample.len() >= 4 {
        let zeros = |start: usize| {
            sample
                .iter()
                .skip(start)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let half = sample.len() / 2;
        if zeros(1) * 10 >= half * 3 && zeros(0) == 0 {
            return TextEncoding::Utf16(encoding_rs::UTF_16LE);
        }
        if zeros(0) * 10 >= half * 3 && zeros(1) == 0 {
            return TextEncoding::Utf16(encoding_rs::UTF_16BE);
        }
    }
    match std::str::from_utf8(head) {
        Ok(_) => TextEncoding::Utf8,
        // Cut in the middle of a character at the end of the sample: still UTF-8.
        Err(e) if e.error_len().is_none() => TextEncoding::Utf8,
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1258.decode(head);
            let vietnamese = text.chars().any(|c| {
                matches!(
                    c,
                    'Đ' | 'đ' | 'Ơ' | 'ơ' | 'Ư' | 'ư' | 'Ă' | 'ă' | '\u{300}'..='\u{323}'
                )
            });
            TextEncoding::Other(if vietnamese {
                " (it looks like Windows-1258, the Vietnamese ANSI code page that Excel's plain \"CSV\" format uses)"
            } else {
                " (perhaps a Windows ANSI code page)"
            })
        }
    }
}

/// Every problem of a header on one line (capped), without the file name (it is in the
/// `input` column).
pub fn reason(e: &LoadError) -> String {
    e.reason()
}

#[cfg(test)]
mod tests {
    use super::{TextEncoding, encoding_of};

    #[test]
    fn encodings_are_told_apart() {
        assert!(matches!(
            encoding_of("a,b\nCông ty".as_bytes()),
            TextEncoding::Utf8
        ));
        let utf16: Vec<u8> = "\u{feff}a\tb\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(encoding_of(&utf16), TextEncoding::Utf16(_)));
        let bare: Vec<u8> = "enterprise_name\tassessed_on\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(encoding_of(&bare), TextEncoding::Utf16(e) if e == encoding_rs::UTF_16LE));
        let (cp1258, _, _) = encoding_rs::WINDOWS_1258.encode("Công ty Đông Á");
        match encoding_of(&cp1258) {
            TextEncoding::Other(guess) => assert!(guess.contains("Windows-1258"), "{guess}"),
            _ => panic!("Windows-1258 read as something else"),
        }
        // A character cut at the end of the sample is still UTF-8.
        let cut = &"ôô".as_bytes()[..3];
        assert!(matches!(encoding_of(cut), TextEncoding::Utf8));
    }
}
