//! Answers from a CSV file (formats.md §5): one enterprise per row, a header of question ids
//! plus `assessed_on` and `language` (and optionally `notes`). Rows are read one at a time
//! so a batch never holds a whole file in memory.
//!
//! A row is named by its spreadsheet number (the header is row 1). Columns whose header
//! starts with `_` (KoboToolbox metadata such as `_id`, `_uuid`, `_submission_time`) are
//! ignored; any other unknown column makes the whole file fail, since no row could be read
//! the way its author meant.

use std::io::Read;

use super::{AnswerValue, Answers, Completeness, parse_date, parse_text_answer};
use crate::diagnostic::{Diagnostics, LoadError};
use crate::questionnaire::Questionnaire;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Question(usize),
    AssessedOn,
    Language,
    Notes,
    Ignored,
}

/// One data row: its spreadsheet row number and the answers, or every problem of the row.
#[derive(Debug)]
pub struct CsvRow {
    pub row: usize,
    pub result: Result<Answers, Vec<String>>,
    pub warnings: Vec<String>,
}

/// Reads rows of a CSV file as answers to one questionnaire.
pub struct CsvAnswers<'q, R: Read> {
    q: &'q Questionnaire,
    reader: csv::Reader<R>,
    columns: Vec<(Column, String)>,
    record: csv::StringRecord,
    index: usize,
}

/// `,` unless the header line has more `;` than `,` (spreadsheets in Vietnamese locales
/// often export with `;`).
pub fn detect_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if semis > commas { b';' } else { b',' }
}

impl<'q, R: Read> CsvAnswers<'q, R> {
    /// Reads the header. Header problems fail the whole file.
    pub fn new(
        q: &'q Questionnaire,
        file: &str,
        reader: R,
        delimiter: u8,
    ) -> Result<Self, LoadError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(reader);
        let header = reader
            .headers()
            .map_err(|e| {
                LoadError::single(
                    file,
                    Some((1, 1)),
                    format!("cannot read the CSV header: {e}"),
                )
            })?
            .clone();
        let mut columns = Vec::with_capacity(header.len());
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, raw) in header.iter().enumerate() {
            let name = raw.trim_start_matches('\u{feff}').trim();
            let col = match name {
                "assessed_on" => Column::AssessedOn,
                "language" => Column::Language,
                "notes" => Column::Notes,
                n if n.starts_with('_') || n.is_empty() => Column::Ignored,
                n => match q.question_index(n) {
                    Some(qi) => Column::Question(qi),
                    None => {
                        problems.push(format!("column {} `{n}` is not a question id of `{}` (nor assessed_on, language, notes)", i + 1, q.id));
                        Column::Ignored
                    }
                },
            };
            if col != Column::Ignored && !seen.insert(name.to_string()) {
                problems.push(format!("column {} `{name}` appears twice", i + 1));
            }
            columns.push((col, name.to_string()));
        }
        if !columns.iter().any(|(c, _)| *c == Column::AssessedOn) {
            problems.push(
                "the header has no `assessed_on` column (the assessment date, YYYY-MM-DD)".into(),
            );
        }
        if !problems.is_empty() {
            let mut d = Diagnostics::new(file);
            for p in problems {
                d.error(&Vec::new(), None, format!("row 1: {p}"));
            }
            return Err(LoadError::Invalid(Box::new(d)));
        }
        Ok(CsvAnswers {
            q,
            reader,
            columns,
            record: csv::StringRecord::new(),
            index: 0,
        })
    }

    fn parse_row(&self) -> (Result<Answers, Vec<String>>, Vec<String>) {
        let q = self.q;
        let mut problems = Vec::new();
        let mut answers = Answers::empty(q, jiff::civil::Date::MIN, None);
        let mut date = None;
        if self.record.len() > self.columns.len() {
            problems.push(format!(
                "the row has {} cells but the header only {} columns",
                self.record.len(),
                self.columns.len()
            ));
        }
        for (cell, (col, name)) in self.record.iter().zip(&self.columns) {
            let value = crate::yaml::nfc(cell.trim());
            if value.is_empty() {
                continue;
            }
            match col {
                Column::AssessedOn => match parse_date(&value) {
                    Some(d) => date = Some(d),
                    None => problems.push(format!(
                        "column assessed_on: expected a date YYYY-MM-DD, found {value:?}"
                    )),
                },
                Column::Language => {
                    if q.languages.contains(&value) {
                        answers.language = Some(value);
                    } else {
                        problems.push(format!("column language: `{value}` is not one of the questionnaire's languages ({})", q.languages.join(", ")));
                    }
                }
                Column::Notes => answers.notes = Some(value),
                Column::Question(qi) => match parse_text_answer(&q.questions[*qi], &value) {
                    Ok(a) => answers.values[*qi] = Some(a),
                    Err(m) => problems.push(format!("column {name} ({name}): {m}")),
                },
                Column::Ignored => {}
            }
        }
        match date {
            Some(d) => answers.assessed_on = d,
            None if !problems.iter().any(|p| p.starts_with("column assessed_on")) => problems
                .push("column assessed_on: missing (the assessment date is required)".into()),
            None => {}
        }
        let mut d = Diagnostics::new("");
        if problems.is_empty() {
            answers.check_against_visibility(q, Completeness::Complete, &mut d, &Vec::new());
            problems.extend(d.errors().map(|e| {
                format!(
                    "{}: {}",
                    e.path.trim_start_matches('(').trim_end_matches(')'),
                    e.message
                )
                .replace(": missing answer", ": missing answer")
                .to_string()
            }));
        }
        let warnings = d
            .warnings()
            .map(|w| format!("{}: {}", w.path, w.message))
            .collect();
        if problems.is_empty() {
            (Ok(answers), warnings)
        } else {
            (Err(problems), warnings)
        }
    }
}

impl<R: Read> Iterator for CsvAnswers<'_, R> {
    type Item = CsvRow;

    fn next(&mut self) -> Option<CsvRow> {
        loop {
            self.index += 1;
            let row = self.index + 1;
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {
                    if self.record.iter().all(|c| c.trim().is_empty()) {
                        // Blank lines at the end of spreadsheet exports are not enterprises.
                        continue;
                    }
                    let (result, warnings) = self.parse_row();
                    return Some(CsvRow {
                        row,
                        result,
                        warnings,
                    });
                }
                Err(e) => {
                    let at = e
                        .position()
                        .map(|p| format!(" (line {})", p.line()))
                        .unwrap_or_default();
                    let message = match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".to_string(),
                        _ => format!("cannot read the row{at}: {e}"),
                    };
                    let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                    if fatal {
                        return None;
                    }
                    return Some(CsvRow {
                        row,
                        result: Err(vec![message]),
                        warnings: Vec::new(),
                    });
                }
            }
        }
    }
}

/// The answer of a row as a cell, for writing CSVs (csv-template, tests).
pub fn cell(q: &Questionnaire, qi: usize, a: &AnswerValue) -> String {
    a.to_cell(&q.questions[qi].kind)
}
