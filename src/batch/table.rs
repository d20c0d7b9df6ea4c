//! One tabular input — a CSV or tab-separated file, or a worksheet — opened as a header
//! ([`CsvLayout`]) and a stream of raw rows, whatever its format: `batch` and `validate` read
//! every such file through here, so they accept the same files with the same messages.
//!
//! Text files: UTF-8 (a byte-order mark accepted) and UTF-16 (Excel's "Unicode Text", with or
//! without a byte-order mark) are read, the latter decoded with encoding_rs. Any other
//! encoding (Windows-1258, the Vietnamese ANSI code page Excel's plain "CSV" uses) is refused
//! with what to do: guessing a legacy code page can turn `Đ` into `Ð` silently, so nothing is
//! guessed. The delimiter (`,`, `;` or tab) is read off the header line.

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;

use super::mapping::Mapping;
use crate::answers::csv::{
    CsvAnswers, CsvLayout, RawRow, ReadOptions, SAVE_AS_UTF8, detect_delimiter,
};
use crate::diagnostic::LoadError;
use crate::questionnaire::Questionnaire;
use crate::sheets::read::{self, Workbook};

/// A text table may be this large (cli.md "Untrusted input").
pub const MAX_CSV_BYTES: u64 = 256 << 20;

/// The extensions read as worksheets.
pub const SHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];
/// The extensions read as delimited text.
pub const TEXT_EXTENSIONS: &[&str] = &["csv", "tsv", "tab"];

type Reader = Box<dyn Read + Send>;

/// A file opened for reading rows.
pub struct Table<'q> {
    layout: Arc<CsvLayout<'q>>,
    rows: Rows<'q>,
}

enum Rows<'q> {
    Text(Box<CsvAnswers<'q, Reader>>),
    Sheet(std::vec::IntoIter<(usize, Vec<String>)>),
}

/// What opening a file gave.
pub enum Opened<'q> {
    Table(Table<'q>),
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

impl<'q> Table<'q> {
    /// The layout, shared with the threads that parse the rows.
    pub fn layout(&self) -> &Arc<CsvLayout<'q>> {
        &self.layout
    }

    /// The next non-blank row, unparsed.
    pub fn next_raw(&mut self) -> Option<RawRow> {
        match &mut self.rows {
            Rows::Text(r) => r.next_raw(),
            Rows::Sheet(rows) => rows.next().map(|(row, cells)| RawRow {
                row,
                record: Ok(csv::StringRecord::from(cells)),
            }),
        }
    }
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
pub fn open<'q>(
    q: &'q Questionnaire,
    mapping: Option<&'q Mapping>,
    path: &Path,
    sheet: Option<&str>,
) -> Result<Opened<'q>, Refused> {
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
        let layout = CsvLayout::new(
            q,
            mapping,
            &shown,
            table.header.iter().map(String::as_str),
            opts,
        )
        .map_err(|e| Refused {
            row: Some(table.header_row),
            reason: reason(&e),
        })?;
        return Ok(Opened::Table(Table {
            layout: Arc::new(layout),
            rows: Rows::Sheet(table.rows.into_iter()),
        }));
    }
    let mut file = File::open(path).map_err(|e| Refused::file(format!("cannot read: {e}")))?;
    let len = file
        .metadata()
        .map_err(|e| Refused::file(format!("cannot read: {e}")))?
        .len();
    if len > MAX_CSV_BYTES {
        return Err(Refused::file(format!(
            "file is {len} bytes, over the limit of {MAX_CSV_BYTES} bytes for a CSV file"
        )));
    }
    let mut head = Vec::with_capacity(8192);
    (&mut file)
        .take(64 << 10)
        .read_to_end(&mut head)
        .map_err(|e| Refused::file(format!("cannot read: {e}")))?;
    if head.iter().all(|b| b.is_ascii_whitespace()) && len <= head.len() as u64 {
        return Err(Refused::file("the file is empty (no header row)"));
    }
    let (reader, head): (Reader, Vec<u8>) = match encoding_of(&head) {
        TextEncoding::Utf8 => (Box::new(Cursor::new(head.clone()).chain(file)), head),
        TextEncoding::Utf16(enc) => {
            let mut all = head;
            file.read_to_end(&mut all)
                .map_err(|e| Refused::file(format!("cannot read: {e}")))?;
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
    let rows =
        CsvAnswers::with_options(q, mapping, &shown, reader, delimiter, opts).map_err(|e| {
            let reason = reason(&e);
            Refused {
                row: reason.starts_with("row 1:").then_some(1),
                reason,
            }
        })?;
    Ok(Opened::Table(Table {
        layout: rows.layout().clone(),
        rows: Rows::Text(Box::new(rows)),
    }))
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

/// Every problem of a header on one line, without the file name.
pub fn reason(e: &LoadError) -> String {
    match e {
        LoadError::Io { source, .. } => format!("cannot read: {source}"),
        LoadError::Invalid(d) => {
            let parts: Vec<String> = d
                .errors()
                .map(|x| {
                    let mut s = String::new();
                    if let Some((line, col)) = x.location {
                        s.push_str(&format!("line {line}, column {col}: "));
                    }
                    if !x.path.is_empty() {
                        s.push_str(&x.path);
                        s.push_str(": ");
                    }
                    s.push_str(&x.message);
                    s
                })
                .collect();
            if parts.is_empty() {
                e.one_line()
            } else {
                parts.join(" | ")
            }
        }
    }
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
