//! Answers from a CSV file (docs/reference/formats.md): one enterprise per row, a header of question ids
//! plus `assessed_on` and `language` (and optionally `notes`). Rows are read one at a time
//! so a batch never holds a whole file in memory.
//!
//! A row is named by its spreadsheet number (the header is row 1; blank lines count, as a
//! spreadsheet shows them). Columns whose header starts with `_` (KoboToolbox metadata such as
//! `_id`, `_uuid`, `_submission_time`) are ignored; any other unknown column makes the whole
//! file fail, since no row could be read the way its author meant.
//!
//! With a [`Mapping`] (`batch --map`, or without it the mapping built from the questionnaire,
//! [`Mapping::auto`]), field-survey exports are read too: headers are looked up in the
//! mapping, choice labels become option ids, multi-select cells may be separated by `;`, `,`
//! or spaces, one multi question may come as 0/1 columns `question/option`, and a group prefix
//! (`grp_sales/channels`) is dropped when what follows is a question id.
//!
//! Number and scale cells accept a decimal comma where it cannot be misread
//! ([`normalise_number`]); the same reader takes worksheet rows ([`CsvLayout::new`] from a
//! header, records built from cells), with the sheet named in every message.
//!
//! [`CsvAnswers`] reads raw records in order ([`CsvAnswers::next_raw`]); its [`CsvLayout`]
//! turns a record into answers and can be shared between threads, so a batch parses rows in
//! parallel. Iterating a [`CsvAnswers`] does both in one go.

use std::io::Read;
use std::sync::Arc;

use super::{AnswerValue, Answers, Completeness, parse_date, parse_text_answer};
use crate::answers::mapping::{Mapping, Target};
use crate::diagnostic::{Diagnostics, LoadError};
use crate::questionnaire::{Kind, Questionnaire};
use crate::words::msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Question(usize),
    /// 0/1 column: option `.1` of multi question `.0`.
    Flag(usize, usize),
    AssessedOn,
    /// A date read when the row has no `assessed_on` (KoboToolbox `_submission_time`,
    /// Google Forms `Timestamp`).
    DateFallback,
    Language,
    Notes,
    /// `questionnaire_version`: the version the row was answered to (the XLSForm's calculated
    /// field); the table reading the file picks the questionnaire by it
    /// ([`crate::batch::table`]).
    Version,
    /// The mapping's `identifier` column: names the row in error messages.
    Identifier,
    Ignored,
}

/// How one column is read, and how it is named in messages.
#[derive(Clone, Debug)]
struct ColumnPlan {
    column: Column,
    /// The header as written (trimmed, NFC).
    header: String,
    /// Spreadsheet column letter: A, B, …, Z, AA, …
    letter: String,
}

/// One data row: its spreadsheet row number and the answers, or every problem of the row.
#[derive(Debug)]
pub struct CsvRow {
    pub row: usize,
    pub result: Result<Answers, Vec<String>>,
    pub warnings: Vec<String>,
}

/// A record read but not yet parsed; `Err` when the row itself could not be read.
#[derive(Debug)]
pub struct RawRow {
    pub row: usize,
    pub record: Result<csv::StringRecord, String>,
}

/// How the columns of one CSV file are read: built from its header, then used for every row.
#[derive(Debug)]
pub struct CsvLayout<'q> {
    q: &'q Questionnaire,
    mapping: Option<&'q Mapping>,
    columns: Vec<ColumnPlan>,
    /// Multi questions given only as 0/1 columns.
    flag_questions: Vec<usize>,
    opts: ReadOptions,
}

/// How the cells of one file are read, beyond its header.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The file uses `;` between cells (a Vietnamese or European Excel): `4,5` is 4.5 and
    /// `1.234,5` is 1234.5. Otherwise a comma is read as a decimal comma only where nothing
    /// else is meant (`4,5`, but not `1,500`).
    pub semicolon: bool,
    /// The worksheet the rows come from, named in every message.
    pub sheet: Option<String>,
    /// The header's row number (1 for CSV files).
    pub header_row: usize,
}

/// Reads rows of a CSV file as answers to one questionnaire.
pub struct CsvAnswers<'q, R: Read> {
    layout: Arc<CsvLayout<'q>>,
    reader: csv::Reader<R>,
    record: csv::StringRecord,
    /// The last row number handed out (the header is row 1).
    row: usize,
    /// Set after a read failure the reader cannot recover from.
    done: bool,
}

/// A CSV file (256 MiB at most, docs/reference/commands.md), counted as it is read.
pub const MAX_CSV_BYTES: u64 = 256 << 20;

/// No line of a CSV of answers is this long; a longer one is refused rather than held whole.
pub const MAX_CSV_LINE_BYTES: u64 = 1 << 20;

/// `,` unless the header line has more `;` than `,` (spreadsheets in Vietnamese locales
/// and KoboToolbox often export with `;`), or more tabs than either.
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
    let tabs = line.iter().filter(|&&b| b == b'\t').count();
    if tabs > commas && tabs > semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

/// A number as typed in a spreadsheet cell, in the form Rust parses (`4,5` → `4.5`), or why
/// it cannot be read without a guess. Spaces (also no-break spaces) are dropped.
pub fn normalise_number(cell: &str, semicolon: bool) -> Result<String, String> {
    let t: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    let commas = t.matches(',').count();
    if commas == 0 {
        return Ok(t);
    }
    let (int, frac) = t.rsplit_once(',').unwrap_or((&t, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if semicolon {
        // Vietnamese settings: `.` groups thousands, `,` is the decimal mark.
        if commas == 1 && digits(frac) {
            let int = int.strip_prefix(['-', '+']).unwrap_or(int);
            let grouped = int.split('.').enumerate().all(|(i, g)| {
                digits(g) && (i == 0 && g.len() <= 3 || g.len() == 3) || (i == 0 && g.is_empty())
            });
            if !int.contains('.') || grouped {
                return Ok(t.replace('.', "").replacen(',', ".", 1));
            }
        }
        return Err(msg().not_a_number(cell));
    }
    if commas == 1 && !int.contains('.') && digits(frac) && frac.len() != 3 {
        let i = int.strip_prefix(['-', '+']).unwrap_or(int);
        if digits(i) {
            return Ok(t.replacen(',', ".", 1));
        }
    }
    if t.split(',').skip(1).all(|g| g.len() == 3 && digits(g)) {
        return Err(msg().two_readings(cell, &t.replace(',', ""), &t.replacen(',', ".", 1)));
    }
    Err(msg().not_a_number(cell))
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// How a header is read, or `None` when it is unknown.
fn resolve(q: &Questionnaire, mapping: Option<&Mapping>, header: &str) -> Option<Column> {
    if let Some(m) = mapping {
        if m.identifier.as_deref() == Some(header) {
            return Some(Column::Identifier);
        }
        if let Some(t) = m.column(header) {
            return Some(match t {
                Target::Question(qi) => Column::Question(qi),
                Target::Flag(qi, oi) => Column::Flag(qi, oi),
                Target::AssessedOn => Column::AssessedOn,
                Target::DateFallback => Column::DateFallback,
                Target::Language => Column::Language,
                Target::Notes => Column::Notes,
                Target::Ignore => Column::Ignored,
            });
        }
        if m.ignores(header) {
            return Some(Column::Ignored);
        }
    }
    match header {
        "assessed_on" => return Some(Column::AssessedOn),
        "language" => return Some(Column::Language),
        "notes" => return Some(Column::Notes),
        VERSION_COLUMN => return Some(Column::Version),
        h if h.starts_with('_') || h.is_empty() => return Some(Column::Ignored),
        _ => {}
    }
    if let Some(qi) = q.question_index(header) {
        return Some(Column::Question(qi));
    }
    // `question/option` (a KoboToolbox 0/1 column) before `group/question`: an option may
    // share its id with a question (`ds_econtract/employees` and `employees`).
    if let Some((prefix, last)) = header.rsplit_once('/')
        && let Some(qi) = question_of(q, mapping, prefix)
        && matches!(q.questions[qi].kind, Kind::Multi { .. })
    {
        let option = match mapping {
            Some(m) => m.option_for(q, qi, last),
            None => q.questions[qi].kind.option_index(last),
        };
        if let Some(oi) = option {
            return Some(Column::Flag(qi, oi));
        }
    }
    if let Some(c) = mapping.and_then(|m| m.column_by_suffix(header)) {
        return Some(match c {
            Target::Question(qi) => Column::Question(qi),
            Target::Flag(qi, oi) => Column::Flag(qi, oi),
            _ => Column::Ignored,
        });
    }
    let last = header.rsplit_once('/')?.1;
    // `group/question`: a KoboToolbox header with its group names.
    q.question_index(last)
        .or_else(|| mapping.and_then(|m| m.question_by_name(last)))
        .map(Column::Question)
}

/// The question a header (or a header's prefix) names: through the mapping, as an id, or as
/// an id after group names.
fn question_of(q: &Questionnaire, mapping: Option<&Mapping>, header: &str) -> Option<usize> {
    if let Some(Target::Question(qi)) = mapping.and_then(|m| m.column(header)) {
        return Some(qi);
    }
    if let Some(qi) = q.question_index(header) {
        return Some(qi);
    }
    if let Some(Target::Question(qi)) = mapping.and_then(|m| m.column_by_suffix(header)) {
        return Some(qi);
    }
    let last = header.rsplit_once('/')?.1;
    q.question_index(last)
        .or_else(|| mapping.and_then(|m| m.question_by_name(last)))
}

/// Opens a CSV reader and reads its header row.
pub fn read_header<R: Read>(
    file: &str,
    reader: R,
    delimiter: u8,
) -> Result<(csv::Reader<R>, csv::StringRecord), LoadError> {
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
                match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => {
                        format!(
                            "cannot read the CSV header: it is not UTF-8 text; {}",
                            crate::words::msg().save_as_csv_utf8()
                        )
                    }
                    _ => format!("cannot read the CSV header: {e}"),
                },
            )
        })?
        .clone();
    Ok((reader, header))
}

impl<'q, R: Read> CsvAnswers<'q, R> {
    /// Reads the header of a CSV in layout of docs/reference/formats.md. Header problems fail the whole file.
    pub fn new(
        q: &'q Questionnaire,
        file: &str,
        reader: R,
        delimiter: u8,
    ) -> Result<Self, LoadError> {
        Self::with_mapping(q, None, file, reader, delimiter)
    }

    /// Reads the header, looking columns up in `mapping` first.
    pub fn with_mapping(
        q: &'q Questionnaire,
        mapping: Option<&'q Mapping>,
        file: &str,
        reader: R,
        delimiter: u8,
    ) -> Result<Self, LoadError> {
        let opts = ReadOptions {
            semicolon: delimiter == b';',
            sheet: None,
            header_row: 1,
        };
        Self::with_options(q, mapping, file, reader, delimiter, opts)
    }

    /// Reads the header with the given reading options.
    pub fn with_options(
        q: &'q Questionnaire,
        mapping: Option<&'q Mapping>,
        file: &str,
        reader: R,
        delimiter: u8,
        opts: ReadOptions,
    ) -> Result<Self, LoadError> {
        let (reader, header) = read_header(file, reader, delimiter)?;
        let layout = CsvLayout::new(q, mapping, file, header.iter(), opts)?;
        Ok(Self::from_parts(Arc::new(layout), reader))
    }

    /// Rows read from `reader` (its header already read, see [`read_header`]) with a layout
    /// built from that header.
    pub fn from_parts(layout: Arc<CsvLayout<'q>>, reader: csv::Reader<R>) -> Self {
        CsvAnswers {
            layout,
            reader,
            record: csv::StringRecord::new(),
            row: 1,
            done: false,
        }
    }

    /// The layout, to parse raw rows elsewhere (another thread).
    pub fn layout(&self) -> &Arc<CsvLayout<'q>> {
        &self.layout
    }

    /// The next non-blank record, unparsed. `None` at the end (or when the file cannot be read
    /// any further).
    pub fn next_raw(&mut self) -> Option<RawRow> {
        if self.done {
            return None;
        }
        loop {
            let start = self.reader.position().line();
            let result = self.reader.read_record(&mut self.record);
            let end = self.reader.position().line();
            // The reader skips empty lines, which a spreadsheet shows as empty rows: they are
            // the lines read that the record itself (with its quoted line breaks) does not span.
            let spanned = 1 + self
                .record
                .iter()
                .map(|f| f.matches('\n').count() as u64)
                .sum::<u64>();
            let blank = if result.is_ok() {
                end.saturating_sub(start).saturating_sub(spanned)
            } else {
                0
            };
            match result {
                Ok(false) => return None,
                Ok(true) => {
                    self.row += 1 + blank as usize;
                    if self.record.iter().all(|c| c.trim().is_empty()) {
                        // Blank rows (`,,,`) at the end of spreadsheet exports are not enterprises.
                        continue;
                    }
                    return Some(RawRow {
                        row: self.row,
                        record: Ok(self.record.clone()),
                    });
                }
                Err(e) => {
                    self.row += 1;
                    let message = match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => msg().row_not_utf8().to_string(),
                        csv::ErrorKind::Io(io) => msg().cannot_read_further(io),
                        _ => msg().cannot_read_row(&e.to_string()),
                    };
                    // An I/O failure is reported once; the reader cannot go on after it.
                    self.done = matches!(e.kind(), csv::ErrorKind::Io(_));
                    return Some(RawRow {
                        row: self.row,
                        record: Err(message),
                    });
                }
            }
        }
    }
}

/// The header of the column that names the questionnaire version a row was answered to.
pub const VERSION_COLUMN: &str = "questionnaire_version";

impl<'q> CsvLayout<'q> {
    /// Reads a header (the cells of the header row): every problem fails the whole file.
    pub fn new<'h>(
        q: &'q Questionnaire,
        mapping: Option<&'q Mapping>,
        file: &str,
        header: impl Iterator<Item = &'h str>,
        opts: ReadOptions,
    ) -> Result<Self, LoadError> {
        let mut columns = Vec::new();
        let mut problems = Vec::new();
        for (i, raw) in header.enumerate() {
            let name = crate::yaml::nfc(raw.trim_start_matches('\u{feff}').trim());
            let letter = column_letter(i);
            let column = match resolve(q, mapping, &name) {
                Some(c) => c,
                None => {
                    let hint = match mapping {
                        Some(m) if !m.is_auto() => crate::words::ColumnHint::Map(&m.file),
                        Some(_) => crate::words::ColumnHint::Auto,
                        None => crate::words::ColumnHint::Plain,
                    };
                    problems.push(msg().unknown_column(&letter, &name, &q.id, hint));
                    Column::Ignored
                }
            };
            if !matches!(column, Column::Ignored)
                && let Some(first) = columns.iter().find(|c: &&ColumnPlan| c.column == column)
            {
                problems.push(msg().same_answer_columns(
                    &letter,
                    &name,
                    &first.letter,
                    &first.header,
                ));
            }
            columns.push(ColumnPlan {
                column,
                header: name,
                letter,
            });
        }
        if !columns
            .iter()
            .any(|c| matches!(c.column, Column::AssessedOn | Column::DateFallback))
        {
            // A hand-written --map can name the column; the one built from the
            // questionnaire has no file to point to.
            problems.push(
                msg().no_date_column(mapping.filter(|m| !m.is_auto()).map(|m| m.file.as_str())),
            );
        }
        if !problems.is_empty() {
            let where_ = msg().header_row(opts.sheet.as_deref(), opts.header_row);
            let mut d = Diagnostics::new(file);
            for p in problems {
                d.row_error(opts.header_row, format!("{where_}{p}"));
            }
            return Err(LoadError::Invalid(Box::new(d)));
        }
        // A multi question with a whole column too (KoboToolbox exports both): the 0/1
        // columns say the same and are read past.
        let whole: Vec<usize> = columns
            .iter()
            .filter_map(|c| {
                if let Column::Question(qi) = c.column {
                    Some(qi)
                } else {
                    None
                }
            })
            .collect();
        let mut flag_questions = Vec::new();
        for c in &mut columns {
            if let Column::Flag(qi, _) = c.column {
                if whole.contains(&qi) {
                    c.column = Column::Ignored;
                } else if !flag_questions.contains(&qi) {
                    flag_questions.push(qi);
                }
            }
        }
        // A submission date (`DateFallback`) is read for the rows whose `assessed_on` is empty.
        Ok(CsvLayout {
            q,
            mapping,
            columns,
            flag_questions,
            opts,
        })
    }
}

impl CsvLayout<'_> {
    /// The questionnaire the rows are read as answers to.
    pub fn questionnaire(&self) -> &Questionnaire {
        self.q
    }

    /// The index of the `questionnaire_version` column, if the header has one.
    pub fn version_column(&self) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.column == Column::Version)
    }

    /// Reads one record (row number `row`) as answers.
    pub fn parse(&self, row: usize, record: &csv::StringRecord) -> CsvRow {
        let (result, warnings) = self.parse_record(record);
        CsvRow {
            row,
            result,
            warnings,
        }
    }

    /// How a column is named in messages: ``column D `sector` `` or
    /// ``column D `Ngành` (sector)`` when the header is not the question id.
    fn name(&self, c: &ColumnPlan) -> String {
        let id = match c.column {
            Column::Question(qi) => self.q.questions[qi].id.clone(),
            Column::Flag(qi, oi) => format!(
                "{}/{}",
                self.q.questions[qi].id,
                self.q.questions[qi].kind.option_id(oi)
            ),
            Column::AssessedOn => "assessed_on".into(),
            Column::DateFallback => "assessed_on, when no other column gives it".into(),
            Column::Language => "language".into(),
            Column::Notes => "notes".into(),
            Column::Version => VERSION_COLUMN.into(),
            Column::Identifier | Column::Ignored => String::new(),
        };
        let column = msg().column(self.opts.sheet.as_deref(), &c.letter, &c.header);
        if id.is_empty() || id == c.header {
            column
        } else {
            format!("{column} ({id})")
        }
    }

    fn date(&self, value: &str) -> Option<jiff::civil::Date> {
        match self.mapping {
            Some(m) => m.parse_date(value),
            None => parse_date(value),
        }
    }

    fn cell(&self, qi: usize, value: &str) -> Result<AnswerValue, String> {
        let question = &self.q.questions[qi];
        // The common case first: the cell is written as docs/reference/formats.md says (an option id,
        // ids joined by `;`), which every mapping reads as written.
        match &question.kind {
            Kind::Single { .. } | Kind::YesNo { .. }
                if question.kind.option_index(value).is_some() =>
            {
                return parse_text_answer(question, value);
            }
            Kind::Multi { .. }
                if !value.contains([',', ' '])
                    && value
                        .split(';')
                        .all(|id| question.kind.option_index(id.trim()).is_some()) =>
            {
                return parse_text_answer(question, value);
            }
            _ => {}
        }
        let value = match self.mapping {
            Some(m) => m.translate(qi, value),
            None => value,
        };
        if matches!(question.kind, Kind::Number { .. } | Kind::Scale { .. }) {
            let number = normalise_number(value, self.opts.semicolon)?;
            return parse_text_answer(question, &number);
        }
        let Some(m) = self.mapping else {
            return parse_text_answer(question, value);
        };
        match &question.kind {
            Kind::Multi { .. } => {
                let ids = m.split_choices(self.q, qi, value)?;
                parse_text_answer(
                    question,
                    &if ids.is_empty() {
                        "[]".to_string()
                    } else {
                        ids.join(";")
                    },
                )
            }
            Kind::Date => m
                .parse_date(value)
                .map(AnswerValue::Date)
                .ok_or_else(|| msg().date_cell(date_hint(m), value, true)),
            _ => parse_text_answer(question, value),
        }
    }

    fn parse_record(
        &self,
        record: &csv::StringRecord,
    ) -> (Result<Answers, Vec<String>>, Vec<String>) {
        let q = self.q;
        let mut problems = Vec::new();
        let mut answers = Answers::empty(q, jiff::civil::Date::MIN, None);
        let mut date = None;
        let mut fallback = None;
        let mut identifier = None;
        // By position in `flag_questions`: whether any of its cells is filled, and the ticks.
        let mut flags: Vec<(bool, Vec<usize>)> =
            vec![(false, Vec::new()); self.flag_questions.len()];
        if record.len() > self.columns.len() {
            problems.push(msg().too_many_cells(record.len(), self.columns.len()));
        }
        for (cell, c) in record.iter().zip(&self.columns) {
            let value = crate::yaml::nfc(cell.trim());
            if value.is_empty() {
                continue;
            }
            match c.column {
                Column::AssessedOn => match self.date(&value) {
                    Some(d) => date = Some(d),
                    None => problems.push(format!(
                        "{}: {}",
                        self.name(c),
                        msg().date_cell(
                            self.mapping.map_or("YYYY-MM-DD", date_hint),
                            &value,
                            false
                        )
                    )),
                },
                Column::DateFallback => match self.date(&value) {
                    Some(d) => fallback = Some(d),
                    None => problems.push(format!(
                        "{}: {}",
                        self.name(c),
                        msg().date_cell(
                            self.mapping.map_or("YYYY-MM-DD", date_hint),
                            &value,
                            false
                        )
                    )),
                },
                Column::Language => {
                    if q.languages.contains(&value) {
                        answers.language = Some(value);
                    } else {
                        problems.push(format!(
                            "{}: {}",
                            self.name(c),
                            msg().not_a_language(&value, &q.languages.join(", "))
                        ));
                    }
                }
                Column::Notes => answers.notes = Some(value),
                Column::Question(qi) => match self.cell(qi, &value) {
                    Ok(a) => answers.values[qi] = Some(a),
                    Err(m) => problems.push(format!("{}: {m}", self.name(c))),
                },
                Column::Flag(qi, oi) => {
                    let slot = self
                        .flag_questions
                        .iter()
                        .position(|&x| x == qi)
                        .unwrap_or(0);
                    match value.to_ascii_lowercase().as_str() {
                        "1" | "1.0" | "true" | "yes" | "x" => {
                            flags[slot].0 = true;
                            flags[slot].1.push(oi);
                        }
                        "0" | "0.0" | "false" | "no" => flags[slot].0 = true,
                        _ => {
                            problems.push(format!("{}: {}", self.name(c), msg().tick_cell(&value)))
                        }
                    }
                }
                Column::Identifier => identifier = Some(value),
                Column::Version | Column::Ignored => {}
            }
        }
        for (slot, &qi) in self.flag_questions.iter().enumerate() {
            let (filled, ticked) = &mut flags[slot];
            if !*filled {
                continue;
            }
            ticked.sort_unstable();
            let question = &q.questions[qi];
            let cell = if ticked.is_empty() {
                "[]".to_string()
            } else {
                ticked
                    .iter()
                    .map(|&oi| question.kind.option_id(oi))
                    .collect::<Vec<_>>()
                    .join(";")
            };
            match parse_text_answer(question, &cell) {
                Ok(a) => answers.values[qi] = Some(a),
                Err(m) => problems.push(format!("{}: {m}", msg().flag_columns(&question.id))),
            }
        }
        let date_column = self
            .columns
            .iter()
            .find(|c| matches!(c.column, Column::AssessedOn | Column::DateFallback));
        match date.or(fallback) {
            Some(d) => answers.assessed_on = d,
            None if !problems
                .iter()
                .any(|p| date_column.is_some_and(|c| p.starts_with(&self.name(c)))) =>
            {
                problems.push(format!(
                    "{}: {}",
                    date_column.map_or("assessed_on".to_string(), |c| self.name(c)),
                    msg().date_missing()
                ));
            }
            None => {}
        }
        let mut d = Diagnostics::new("");
        if problems.is_empty() {
            answers.check_against_visibility(q, Completeness::Complete, &mut d, &Vec::new());
            for e in d.errors() {
                let id = e.path.trim_start_matches('(').trim_end_matches(')');
                let column = q.question_index(id).and_then(|qi| {
                    self.columns
                        .iter()
                        .find(|c| c.column == Column::Question(qi))
                });
                problems.push(match column {
                    Some(c) => format!("{}: {}", self.name(c), e.message),
                    None => format!("{id}: {} {}", e.message, msg().no_column_for_it()),
                });
            }
        }
        let warnings = d
            .warnings()
            .map(|w| format!("{}: {}", w.path, w.message))
            .collect();
        if problems.is_empty() {
            (Ok(answers), warnings)
        } else {
            if let (Some(id), Some(m)) = (identifier, self.mapping)
                && let Some(first) = problems.first_mut()
            {
                *first = format!(
                    "[{} {id}] {first}",
                    m.identifier.as_deref().unwrap_or_default()
                );
            }
            (Err(problems), warnings)
        }
    }
}

fn date_hint(m: &Mapping) -> &'static str {
    match m.dates {
        crate::answers::mapping::DateOrder::Iso => "YYYY-MM-DD",
        crate::answers::mapping::DateOrder::Dmy => "DD/MM/YYYY (dates: dmy)",
        crate::answers::mapping::DateOrder::Mdy => "MM/DD/YYYY (dates: mdy)",
        crate::answers::mapping::DateOrder::Unambiguous => {
            "YYYY-MM-DD (a/b/YYYY only where the day is above 12; otherwise pass --map with `dates: dmy` or `mdy`)"
        }
    }
}

impl<R: Read> Iterator for CsvAnswers<'_, R> {
    type Item = CsvRow;

    fn next(&mut self) -> Option<CsvRow> {
        let raw = self.next_raw()?;
        Some(match raw.record {
            Ok(record) => self.layout.parse(raw.row, &record),
            Err(message) => CsvRow {
                row: raw.row,
                result: Err(vec![message]),
                warnings: Vec::new(),
            },
        })
    }
}

/// The answer of a row as a cell, for writing CSVs (csv-template, tests).
pub fn cell(q: &Questionnaire, qi: usize, a: &AnswerValue) -> String {
    a.to_cell(&q.questions[qi].kind)
}

#[cfg(test)]
mod tests {
    use super::{CsvAnswers, column_letter};
    use crate::questionnaire::Questionnaire;

    fn mini() -> Questionnaire {
        crate::questionnaire::from_str(
            "mini.yaml",
            include_str!("../../tests/fixtures/mini/mini.yaml"),
        )
        .unwrap()
        .0
    }

    const HEADER: &str = "enterprise_name,founded_on,assessed_on,employees,sector,province,sells_online,channels,online_share,has_certificate,skills,barcodes";

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let q = mini();
        let good = "A,2026-01-02,2026-11-27,5,services,other,no,,0,valid,3,";
        let text = format!(
            "{HEADER}\n{good}\n\n{good}\n\"Multi\nline\",2026-01-02,2026-11-27,5,services,other,no,,0,valid,3,\n,,,,,,,,,,,\n{good}\n"
        );
        let rows: Vec<_> = CsvAnswers::new(&q, "x.csv", text.as_bytes(), b',')
            .unwrap()
            .collect();
        let numbers: Vec<usize> = rows.iter().map(|r| r.row).collect();
        assert_eq!(numbers, [2, 4, 5, 7]);
        assert!(rows.iter().all(|r| r.result.is_ok()), "{rows:?}");
    }

    #[test]
    fn cell_errors_name_the_column_letter_and_question() {
        let q = mini();
        let text = format!("{HEADER}\nA,2026-01-02,2026-11-27,5,mining,other,no,,0,valid,9,\n");
        let row = CsvAnswers::new(&q, "x.csv", text.as_bytes(), b',')
            .unwrap()
            .next()
            .unwrap();
        let problems = row.result.unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("column E `sector`: `mining` is not an option"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].starts_with("column K `skills`: expected a whole number from 1 to 5"),
            "{}",
            problems[1]
        );
    }

    #[test]
    fn flag_columns_without_a_mapping() {
        let q = mini();
        let text = "enterprise_name,founded_on,assessed_on,employees,sector,province,sells_online,channels/website,channels/social,online_share,has_certificate,skills\nA,2026-01-02,2026-11-27,5,services,other,yes,1,0,0,valid,3\nB,2026-01-02,2026-11-27,5,services,other,yes,0,0,0,valid,3\n";
        let rows: Vec<_> = CsvAnswers::new(&q, "x.csv", text.as_bytes(), b',')
            .unwrap()
            .collect();
        let channels = q.question_index("channels").unwrap();
        let a = rows[0].result.as_ref().unwrap();
        assert_eq!(
            a.values[channels],
            Some(crate::answers::AnswerValue::Choices(vec![0]))
        );
        let b = rows[1].result.as_ref().unwrap();
        assert_eq!(
            b.values[channels],
            Some(crate::answers::AnswerValue::Choices(vec![]))
        );
    }
}
