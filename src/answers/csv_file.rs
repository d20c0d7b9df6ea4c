//! Opening a CSV or tab-separated file of answers: the one place that decides which bytes a
//! text table is read as (`batch` and `validate` open every such file through [`open`]).
//!
//! A regular file only, every byte counted against [`MAX_CSV_BYTES`] as it is read and no line
//! longer than [`MAX_CSV_LINE_BYTES`] ([`crate::fsio`]). UTF-8 (a byte-order mark accepted) is
//! streamed; UTF-16 (Excel's "Unicode Text", with or without a byte-order mark) is decoded
//! whole with encoding_rs. Any other encoding (Windows-1258, the Vietnamese ANSI code page
//! Excel's plain "CSV" uses) is refused with what to do: guessing a legacy code page can turn
//! `Đ` into `Ð` silently, so nothing is guessed. The first 64 KiB tell the encoding and the
//! delimiter (`,`, `;` or tab, read off the header line; always tab for `.tsv` and `.tab`).

use std::fmt;
use std::io::{Cursor, Read};
use std::path::Path;

use super::csv::{MAX_CSV_BYTES, MAX_CSV_LINE_BYTES, detect_delimiter};
use crate::fsio::{self, ReadError};
use crate::words::{InputKind, msg};

/// How much of the file is read first, to tell its encoding and delimiter.
const HEAD_BYTES: u64 = 64 << 10;

/// A text table opened for reading: UTF-8 from the start of the file (a byte-order mark
/// included, as the CSV reader expects), and its delimiter.
pub struct CsvFile {
    pub reader: Box<dyn Read + Send>,
    pub delimiter: u8,
}

/// Why a text table was not opened. `Display` is the reason, without the file name.
#[derive(Debug)]
pub enum OpenError {
    /// Not a regular file, unreadable, or over [`MAX_CSV_BYTES`].
    Read(ReadError),
    /// Nothing but white space: no header row.
    Empty,
    /// UTF-16 with bytes that are not characters.
    BadUtf16,
    /// Neither UTF-8 nor UTF-16; `vietnamese`: it reads as Vietnamese in Windows-1258.
    NotUtf8 { vietnamese: bool },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Read(e @ ReadError::TooLarge { .. }) => {
                write!(f, "{e} {}", msg().for_input(InputKind::Csv))
            }
            OpenError::Read(e) => write!(f, "{e}"),
            OpenError::Empty => f.write_str(msg().csv_empty()),
            OpenError::BadUtf16 => f.write_str(&msg().csv_bad_utf16()),
            OpenError::NotUtf8 { vietnamese } => f.write_str(&msg().csv_not_utf8(*vietnamese)),
        }
    }
}

impl std::error::Error for OpenError {}

impl From<ReadError> for OpenError {
    fn from(e: ReadError) -> Self {
        OpenError::Read(e)
    }
}

impl From<std::io::Error> for OpenError {
    fn from(e: std::io::Error) -> Self {
        OpenError::Read(ReadError::from(e))
    }
}

/// Opens a CSV or TSV file of answers (see the module documentation).
pub fn open(path: &Path) -> Result<CsvFile, OpenError> {
    let mut file = fsio::open_bounded(path, MAX_CSV_BYTES)?.with_max_line(MAX_CSV_LINE_BYTES);
    let mut head = Vec::with_capacity(8192);
    (&mut file).take(HEAD_BYTES).read_to_end(&mut head)?;
    if head.iter().all(|b| b.is_ascii_whitespace()) && (head.len() as u64) < HEAD_BYTES {
        return Err(OpenError::Empty);
    }
    let (reader, head): (Box<dyn Read + Send>, Vec<u8>) = match encoding_of(&head) {
        TextEncoding::Utf8 => (Box::new(Cursor::new(head.clone()).chain(file)), head),
        TextEncoding::Utf16(enc) => {
            let mut all = head;
            file.read_to_end(&mut all)?;
            let (text, _, bad) = enc.decode(&all);
            if bad {
                return Err(OpenError::BadUtf16);
            }
            let bytes = text.into_owned().into_bytes();
            let head = bytes[..bytes.len().min(HEAD_BYTES as usize)].to_vec();
            (Box::new(Cursor::new(bytes)), head)
        }
        TextEncoding::Other { vietnamese } => return Err(OpenError::NotUtf8 { vietnamese }),
    };
    let tab_separated = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
    let delimiter = if tab_separated {
        b'\t'
    } else {
        detect_delimiter(head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&head))
    };
    Ok(CsvFile { reader, delimiter })
}

enum TextEncoding {
    Utf8,
    Utf16(&'static encoding_rs::Encoding),
    /// Not UTF-8; `vietnamese`: it reads as Vietnamese in Windows-1258.
    Other {
        vietnamese: bool,
    },
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
            TextEncoding::Other { vietnamese }
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
            TextEncoding::Other { vietnamese } => assert!(vietnamese),
            _ => panic!("Windows-1258 read as something else"),
        }
        // A character cut at the end of the sample is still UTF-8.
        let cut = &"ôô".as_bytes()[..3];
        assert!(matches!(encoding_of(cut), TextEncoding::Utf8));
    }
}
