//! Reading a worksheet (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) as rows of text cells, so the
//! same reader as for CSV files ([`crate::answers::csv::CsvLayout`]) takes it: same header
//! rules, same per-row messages, with the sheet's name added.
//!
//! Cells keep what the spreadsheet stored: a date cell becomes `YYYY-MM-DD` (whatever its
//! display format), a number cell its number (`12`, `4.5`, never a display string with a
//! decimal comma), a boolean `true`/`false`, an error cell (`#N/A`) its code, which then fails
//! with the question's message. Rows are numbered as the spreadsheet shows them.
//!
//! Which sheet: `--sheet NAME`, else the data sheet an intake workbook names in its hidden
//! `_dxready` sheet, else the first visible worksheet. A workbook with `survey` and `choices`
//! sheets is an XLSForm (the form, not its answers) and is reported as such.

use std::path::Path;

use calamine::{Data, Reader, SheetType, SheetVisible, open_workbook_auto_from_rs};

/// The hidden sheet of an intake workbook that says where its data is.
pub const META_SHEET: &str = "_dxready";

/// A workbook may be this large (compressed); the cells it unpacks to are limited too.
pub const MAX_WORKBOOK_BYTES: u64 = 64 << 20;
/// The most cells one sheet may hold (rows × columns of its used range).
pub const MAX_CELLS: usize = 20_000_000;

/// One sheet's used rows as text.
#[derive(Debug)]
pub struct SheetTable {
    pub sheet: String,
    /// The header's row number (1-based, as the spreadsheet shows it).
    pub header_row: usize,
    pub header: Vec<String>,
    /// (row number, cells) of every row below the header, blank rows left out.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The questionnaire id and version an intake workbook was made for.
    pub made_for: Option<(String, String)>,
}

/// What a workbook turned out to be.
#[derive(Debug)]
pub enum Workbook {
    Table(SheetTable),
    /// An XLSForm: the questionnaire as a form, no answers in it.
    XlsForm,
}

/// A cell as text, the way the CSV reader expects it.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "true" } else { "false" }.to_string(),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                return number_text(dt.as_f64());
            }
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        // ODS stores dates as ISO text: the date part is the answer.
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e}"),
    }
}

/// `12` for 12.0, the shortest exact form otherwise (`4.5`, `0.1`).
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 9e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// What the hidden sheet of an intake workbook says.
struct Intake {
    sheet: String,
    header_row: usize,
    first_row: usize,
    /// (questionnaire id, version).
    made_for: Option<(String, String)>,
}

/// Where an intake workbook keeps its data, and what it was made for.
fn intake_layout(meta: &calamine::Range<Data>) -> Option<Intake> {
    let mut sheet = None;
    let mut header = None;
    let mut first = None;
    let mut id = None;
    let mut version = None;
    for row in meta.rows() {
        let key = row.first().map(cell_text).unwrap_or_default();
        let value = row.get(1).map(cell_text).unwrap_or_default();
        match key.as_str() {
            "sheet" => sheet = Some(value),
            "header_row" => header = value.parse().ok(),
            "first_row" => first = value.parse().ok(),
            "questionnaire" => id = Some(value),
            "version" => version = Some(value),
            _ => {}
        }
    }
    Some(Intake {
        sheet: sheet?,
        header_row: header?,
        first_row: first?,
        made_for: id.zip(version),
    })
}

/// Opens a workbook and reads the sheet to score.
pub fn read(path: &Path, wanted: Option<&str>) -> Result<Workbook, String> {
    // A regular file only, read whole within the limit (fsio): a FIFO named `x.xlsx` is
    // refused rather than waited on.
    let bytes = crate::fsio::read_bounded(path, MAX_WORKBOOK_BYTES).map_err(|e| match e {
        crate::fsio::ReadError::TooLarge { .. } => {
            format!(
                "{e} {}",
                crate::words::msg().for_input(crate::words::InputKind::Workbook)
            )
        }
        e => e.to_string(),
    })?;
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        format!("cannot read the workbook: {e} (expected an .xlsx, .xls or .ods file)")
    })?;
    let sheets = book.sheets_metadata().to_vec();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if wanted.is_none() && has("survey") && has("choices") {
        return Ok(Workbook::XlsForm);
    }
    let mut layout = None;
    if has(META_SHEET)
        && let Ok(meta) = book.worksheet_range(META_SHEET)
    {
        layout = intake_layout(&meta);
    }
    let name = match (wanted, &layout) {
        (Some(w), _) => {
            if !names.contains(&w) {
                return Err(format!(
                    "no sheet named `{w}` (the workbook has: {})",
                    names.join(", ")
                ));
            }
            w.to_string()
        }
        (None, Some(i)) if names.contains(&i.sheet.as_str()) => i.sheet.clone(),
        _ => sheets
            .iter()
            .find(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
            .or_else(|| sheets.iter().find(|s| s.typ == SheetType::WorkSheet))
            .map(|s| s.name.clone())
            .ok_or("the workbook has no worksheet")?,
    };
    let (header_row, first_row, made_for) = match layout {
        Some(i) if i.sheet == name && i.header_row >= 1 && i.first_row > i.header_row => {
            (i.header_row, i.first_row, i.made_for)
        }
        _ => (1, 2, None),
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("sheet `{name}`: cannot read it: {e}"))?;
    let (h, w) = range.get_size();
    if h.saturating_mul(w) > MAX_CELLS {
        return Err(format!(
            "sheet `{name}` spans {h} rows × {w} columns, over the limit of {MAX_CELLS} cells"
        ));
    }
    // The used range may start below row 1 or right of column A: rows and columns are
    // numbered from the sheet's corner, as the spreadsheet shows them.
    let (top, left) = range.start().unwrap_or((0, 0));
    let (top, left) = (top as usize, left as usize);
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let number = top + i + 1;
        if number < header_row || (number > header_row && number < first_row) {
            continue;
        }
        let mut text: Vec<String> = vec![String::new(); left];
        text.extend(cells.iter().map(cell_text));
        while text.last().is_some_and(|c| c.trim().is_empty()) {
            text.pop();
        }
        if number == header_row {
            header = text;
        } else if !text.is_empty() {
            rows.push((number, text));
        }
    }
    if header.is_empty() {
        return Err(format!(
            "sheet `{name}`: row {header_row} is empty (expected the header: question ids, assessed_on, language)"
        ));
    }
    Ok(Workbook::Table(SheetTable {
        sheet: name,
        header_row,
        header,
        rows,
        made_for,
    }))
}
