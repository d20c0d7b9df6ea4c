//! `summary.xlsx` (batch) and `score --format xlsx`: the summary as a workbook a consultant
//! opens by double-click. Scores are numbers shown with one decimal, names and every answer
//! text are written as text cells (a name such as `=HYPERLINK(…)` is never a formula),
//! headers are in the report language, the header row is frozen with an autofilter.
//!
//! Sheets: the summary, the failed inputs, then one call list per recommended program.
//! Rows are streamed (rust_xlsxwriter's constant-memory mode), so a batch of 50,000 holds
//! none of them in memory; the file's creation date is fixed so the bytes are deterministic.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::assessment::SummaryRow;
use crate::questionnaire::Questionnaire;

/// One enterprise on a program's call list (also `programs/<id>.csv`).
#[derive(Clone, Debug, PartialEq)]
pub struct CallRow {
    pub enterprise: String,
    pub tax_code: String,
    pub contact: String,
    pub province: String,
    pub commune: String,
    pub sector: String,
    pub size_class: String,
    /// The reasons, joined by `; `.
    pub reasons: String,
    pub input: String,
    pub row: Option<usize>,
}

impl CallRow {
    /// The header of `programs/<id>.csv`.
    pub const HEADER: [&'static str; 10] = [
        "enterprise",
        "tax_code",
        "contact",
        "province",
        "commune",
        "sector",
        "size_class",
        "reasons",
        "input",
        "row",
    ];

    pub fn cells(&self) -> [String; 10] {
        [
            self.enterprise.clone(),
            self.tax_code.clone(),
            self.contact.clone(),
            self.province.clone(),
            self.commune.clone(),
            self.sector.clone(),
            self.size_class.clone(),
            self.reasons.clone(),
            self.input.clone(),
            self.row.map(|r| r.to_string()).unwrap_or_default(),
        ]
    }
}

/// The workbook while rows stream into it.
pub struct SummaryBook {
    wb: Workbook,
    lang: String,
    dims: usize,
    summary_rows: u32,
    error_rows: u32,
    score: Format,
    /// Signed changes (`batch --compare`): "+2.5", "-1.0".
    delta: Format,
    /// Whether rows carry the `batch --compare` cells.
    compare: bool,
    header: Format,
    wrap: Format,
    /// Sheet names taken so far (Excel compares them case-insensitively).
    names: Vec<String>,
}

/// Excel's limits on a sheet name: 31 characters, none of `[]:*?/\`, not empty, unique.
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "Sheet".into()
    } else {
        clean.chars().take(31).collect()
    };
    let free = |n: &str| !taken.iter().any(|t| t.to_lowercase() == n.to_lowercase());
    if free(&base) {
        return base;
    }
    for i in 2.. {
        let suffix = format!("-{i}");
        let stem: String = base.chars().take(31 - suffix.len()).collect();
        let name = format!("{stem}{suffix}");
        if free(&name) {
            return name;
        }
    }
    unreachable!("an unbounded range always finds a free name")
}

/// Column widths from the header, within reason (a width is in characters).
fn width_for(header: &str, min: f64) -> f64 {
    (header.chars().count() as f64 + 2.0).clamp(min, 60.0)
}

impl SummaryBook {
    /// A workbook with the summary and error sheets and their headers. `tempdir`: where the
    /// streamed sheets wait (the output folder, so a batch never fills `/tmp`). `compare`:
    /// the rows carry `batch --compare`'s cells (the columns `summary.csv` has after its
    /// own: previous overall and level, then the changes).
    pub fn new(
        q: &Questionnaire,
        lang: &str,
        tempdir: Option<&std::path::Path>,
        compare: bool,
    ) -> Result<Self, XlsxError> {
        let mut wb = Workbook::new();
        if let Some(dir) = tempdir {
            wb.set_tempdir(dir)?;
        }
        let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
        wb.set_properties(
            &DocProperties::new()
                .set_title(q.title.get(lang))
                .set_creation_datetime(&created),
        );
        let h = &crate::words::of(lang).summary;
        let header = Format::new().set_bold().set_text_wrap();
        let score = Format::new().set_num_format("0.0");
        let wrap = Format::new().set_text_wrap();
        let mut names = vec![h.sheet_summary.to_string(), h.sheet_errors.to_string()];
        {
            let ws = wb.add_worksheet_with_constant_memory()?;
            ws.set_name(h.sheet_summary)?;
            let mut col = 0u16;
            let mut put = |ws: &mut Worksheet, text: &str, width: f64| -> Result<(), XlsxError> {
                ws.write_string_with_format(0, col, text, &header)?;
                ws.set_column_width(col, width)?;
                col += 1;
                Ok(())
            };
            put(ws, h.head[0], 28.0)?;
            put(ws, h.head[1], 7.0)?;
            put(ws, h.head[2], 36.0)?;
            put(ws, h.head[3], width_for(h.head[3], 10.0))?;
            put(ws, h.head[4], 6.0)?;
            put(ws, h.head[5], 16.0)?;
            for d in &q.dimensions {
                put(
                    ws,
                    d.title.get(lang),
                    width_for(d.title.get(lang), 10.0).min(18.0),
                )?;
            }
            put(ws, h.recommended, 40.0)?;
            for (i, t) in h.tail.iter().enumerate() {
                put(ws, t, if i == 5 { 30.0 } else { width_for(t, 12.0) })?;
            }
            if compare {
                for t in h.compare {
                    put(ws, t, width_for(t, 10.0).min(18.0))?;
                }
                for d in &q.dimensions {
                    let t = format!("{}: {}", h.change, d.title.get(lang));
                    put(ws, &t, width_for(&t, 10.0).min(18.0))?;
                }
            }
            ws.set_freeze_panes(1, 0)?;
            ws.set_row_height(0, 30)?;
        }
        {
            let ws = wb.add_worksheet_with_constant_memory()?;
            ws.set_name(h.sheet_errors)?;
            for (c, (t, w)) in h.errors.iter().zip([36.0, 7.0, 100.0]).enumerate() {
                ws.write_string_with_format(0, c as u16, *t, &header)?;
                ws.set_column_width(c as u16, w)?;
            }
            ws.set_freeze_panes(1, 0)?;
        }
        names.sort();
        Ok(SummaryBook {
            wb,
            lang: lang.to_string(),
            dims: q.dimensions.len(),
            summary_rows: 0,
            error_rows: 0,
            score,
            delta: Format::new().set_num_format("+0.0;-0.0;0.0"),
            compare,
            header,
            wrap,
            names,
        })
    }

    fn summary_sheet(&mut self) -> Result<&mut Worksheet, XlsxError> {
        self.wb.worksheet_from_index(0)
    }

    /// One enterprise; `compare`: its `batch --compare` cells (empty without `--compare`;
    /// an empty cell is an enterprise the earlier batch does not have).
    pub fn add_summary(&mut self, r: &SummaryRow, compare: &[String]) -> Result<(), XlsxError> {
        self.summary_rows += 1;
        let row = self.summary_rows;
        let score = self.score.clone();
        let delta = self.delta.clone();
        let with_compare = self.compare;
        let ws = self.summary_sheet()?;
        ws.write_string(row, 0, &r.input)?;
        if let Some(n) = r.row {
            ws.write_number(row, 1, n as f64)?;
        }
        ws.write_string(row, 2, &r.enterprise)?;
        if let Some(s) = r.overall {
            ws.write_number_with_format(row, 3, s, &score)?;
        }
        if let Some(l) = r.level {
            ws.write_number(row, 4, f64::from(l))?;
        }
        ws.write_string(row, 5, &r.level_name)?;
        let mut col = 6u16;
        for d in &r.dimensions {
            if let Some(s) = d {
                ws.write_number_with_format(row, col, *s, &score)?;
            }
            col += 1;
        }
        let texts = [
            r.recommended.join("; "),
            r.tax_code.clone(),
            r.sector_label.clone(),
            r.size_label.clone(),
            r.province_label.clone(),
            r.commune_label.clone(),
            r.report.clone(),
            r.duplicate_of.clone(),
        ];
        for t in &texts {
            if !t.is_empty() {
                ws.write_string(row, col, t)?;
            }
            col += 1;
        }
        if with_compare {
            // Previous overall (a score), previous level (a number), then the changes.
            for (i, cell) in compare.iter().enumerate() {
                if let Ok(n) = cell.parse::<f64>() {
                    match i {
                        0 => ws.write_number_with_format(row, col, n, &score)?,
                        1 => ws.write_number(row, col, n)?,
                        _ => ws.write_number_with_format(row, col, n, &delta)?,
                    };
                }
                col += 1;
            }
        }
        Ok(())
    }

    /// One failed input.
    pub fn add_error(
        &mut self,
        input: &str,
        row: Option<usize>,
        reason: &str,
    ) -> Result<(), XlsxError> {
        self.error_rows += 1;
        let r = self.error_rows;
        let wrap = self.wrap.clone();
        let ws = self.wb.worksheet_from_index(1)?;
        ws.write_string(r, 0, input)?;
        if let Some(n) = row {
            ws.write_number(r, 1, n as f64)?;
        }
        ws.write_string_with_format(r, 2, reason, &wrap)?;
        Ok(())
    }

    /// A program's call list as its own sheet (after every summary and error row).
    pub fn add_call_list(&mut self, program_id: &str, rows: &[CallRow]) -> Result<(), XlsxError> {
        let h = &crate::words::of(&self.lang).summary;
        let name = sheet_name(program_id, &self.names);
        self.names.push(name.clone());
        let header = self.header.clone();
        let wrap = self.wrap.clone();
        let ws = self.wb.add_worksheet_with_constant_memory()?;
        ws.set_name(&name)?;
        let widths = [36.0, 14.0, 30.0, 18.0, 18.0, 18.0, 12.0, 60.0, 28.0, 7.0];
        for (c, (t, w)) in h.calls.iter().zip(widths).enumerate() {
            ws.write_string_with_format(0, c as u16, *t, &header)?;
            ws.set_column_width(c as u16, w)?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (i, r) in rows.iter().enumerate() {
            let row = i as u32 + 1;
            let cells = r.cells();
            for (c, t) in cells.iter().enumerate().take(9) {
                if t.is_empty() {
                    continue;
                }
                if c == 7 {
                    ws.write_string_with_format(row, c as u16, t, &wrap)?;
                } else {
                    ws.write_string(row, c as u16, t)?;
                }
            }
            if let Some(n) = r.row {
                ws.write_number(row, 9, n as f64)?;
            }
        }
        if !rows.is_empty() {
            ws.autofilter(0, 0, rows.len() as u32, 9)?;
        }
        Ok(())
    }

    /// The workbook's bytes (autofilters over what was written).
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        let last_col = (6 + self.dims + 8 - 1) as u16;
        let (rows, errors) = (self.summary_rows, self.error_rows);
        self.summary_sheet()?
            .autofilter(0, 0, rows.max(1), last_col)?;
        self.wb
            .worksheet_from_index(1)?
            .autofilter(0, 0, errors.max(1), 2)?;
        self.wb.save_to_buffer()
    }
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_fit_excel() {
        let taken = vec!["Tổng hợp".to_string(), "lỗi".to_string()];
        assert_eq!(
            sheet_name("hd-digital-signature-50", &taken),
            "hd-digital-signature-50"
        );
        assert_eq!(sheet_name("Lỗi", &taken), "Lỗi-2");
        assert_eq!(sheet_name("a/b:c", &taken), "a-b-c");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, &taken).chars().count(), 31);
        let mut t = taken.clone();
        t.push("x".repeat(31));
        assert_eq!(sheet_name(&long, &t), format!("{}-2", "x".repeat(29)));
    }
}
