//! `dxready questionnaire xlsx-template`: an Excel intake workbook for the questionnaire in
//! use, for agencies that collect answers in a spreadsheet. One row per enterprise, one
//! column per question; `batch` reads a filled workbook back (by labels or ids, in either
//! language) through the same reader as CSV files.
//!
//! Layout of the data sheet: row 1 the question texts in the chosen language, row 2 the
//! question ids (hidden: this is the header batch reads), row 3 a note per column (help, what
//! to enter, when to leave it empty), enterprises from row 4. Dropdown lists of option labels
//! for single, yes/no and scale questions (the lists live in a hidden `_lists` sheet, so long
//! lists fit), number validation with the question's min/max, date validation, text length.
//! A hidden `_dxready` sheet says where the header and the data are; a README sheet explains
//! how to fill it in.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatBorder, Formula, Workbook, XlsxError,
};

use crate::answers::mapping::scale_entry;
use crate::answers::{AnswerValue, Answers};
use crate::questionnaire::{Kind, MAX_TEXT_CHARS, Question, Questionnaire, Section};
use crate::sheets::read::META_SHEET;
use crate::text::trim_number;

/// Data validation covers this many enterprise rows.
pub const ROWS: u32 = 5000;
/// The first enterprise row (1-based, as Excel shows it).
pub const FIRST_ROW: u32 = 4;

/// One column of the data sheet.
enum Col<'a> {
    Question(&'a Question),
    AssessedOn,
    Language,
    Notes,
}

/// The labels a dropdown offers for a question, or `None` for free entry.
fn list_entries(question: &Question, lang: &str) -> Option<Vec<String>> {
    match &question.kind {
        Kind::Single { options } | Kind::Multi { options, .. } => Some(
            options
                .iter()
                .map(|o| o.label.get(lang).to_string())
                .collect(),
        ),
        Kind::YesNo { .. } => Some(vec![
            crate::words::of(lang).common.yes.to_string(),
            crate::words::of(lang).common.no.to_string(),
        ]),
        Kind::Scale {
            min, max, labels, ..
        } => Some(
            (*min..=*max)
                .enumerate()
                .map(|(i, v)| {
                    scale_entry(
                        &v.to_string(),
                        labels.get(i).map(|l| l.get(lang)).unwrap_or(""),
                    )
                })
                .collect(),
        ),
        _ => None,
    }
}

/// Excel's limits on validation messages.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// `A`, …, for a 0-based column.
fn letter(c: u16) -> String {
    crate::answers::csv::column_letter(c as usize)
}

/// An answer as a person fills it in: option labels (several joined by `; `), `Có`/`Không`,
/// a scale value with its label, numbers and dates as cells of their type.
fn write_answer(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    question: &Question,
    value: &AnswerValue,
    lang: &str,
    date_fmt: &Format,
) -> Result<(), XlsxError> {
    match (value, &question.kind) {
        (AnswerValue::Choices(list), _) if list.is_empty() => ws.write_string(row, col, "[]")?,
        (AnswerValue::Int(v), Kind::Scale { min, labels, .. }) => {
            let label = usize::try_from(v - min)
                .ok()
                .and_then(|i| labels.get(i))
                .map(|l| l.get(lang))
                .unwrap_or("");
            ws.write_string(row, col, scale_entry(&v.to_string(), label))?
        }
        (AnswerValue::Number(n), _) => ws.write_number(row, col, *n)?,
        (AnswerValue::Int(n), _) => ws.write_number(row, col, *n as f64)?,
        (AnswerValue::Date(d), _) => {
            let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(row, col, &date, date_fmt)?
        }
        (v, _) => ws.write_string(row, col, question.format_answer(v, lang))?,
    };
    Ok(())
}

/// The intake workbook's bytes, with `rows` already filled in (none for the template: the
/// prefilled form serves the examples and tests, and re-exports).
pub fn workbook(q: &Questionnaire, lang: &str, rows: &[Answers]) -> Result<Vec<u8>, XlsxError> {
    let w = &crate::words::of(lang).intake;
    let mut cols: Vec<Col> = q.profile().iter().map(Col::Question).collect();
    cols.push(Col::AssessedOn);
    cols.push(Col::Language);
    cols.extend(q.questions[q.profile_len..].iter().map(Col::Question));
    cols.push(Col::Notes);

    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(q.title.get(lang))
            .set_comment(format!("dxready intake workbook: {} {}", q.id, q.version))
            .set_creation_datetime(&created),
    );
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DDEBF7")
        .set_border_bottom(FormatBorder::Thin);
    let dim_head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#E2EFDA")
        .set_border_bottom(FormatBorder::Thin);
    let note = Format::new()
        .set_italic()
        .set_text_wrap()
        .set_font_color("#595959")
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let text_fmt = Format::new().set_num_format("@");
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let last = FIRST_ROW - 1 + ROWS - 1; // 0-based last data row

    // The hidden sheet of dropdown lists: one column per list.
    let mut lists: Vec<(u16, Vec<String>)> = Vec::new();
    {
        let data = wb.add_worksheet();
        data.set_name(w.sheet)?;
    }
    {
        let ls = wb.add_worksheet();
        ls.set_name("_lists")?;
        let mut c = 0u16;
        for col in &cols {
            let entries = match col {
                Col::Question(question) => list_entries(question, lang),
                Col::Language => Some(q.languages.clone()),
                _ => None,
            };
            if let Some(e) = entries {
                for (r, t) in e.iter().enumerate() {
                    ls.write_string(r as u32, c, t)?;
                }
                lists.push((c, e));
                c += 1;
            }
        }
        ls.set_hidden(true);
    }
    let mut list_iter = lists.iter();
    let data = wb.worksheet_from_index(0)?;
    for (c, col) in cols.iter().enumerate() {
        let c = c as u16;
        let (header, id, mut notes, dimension) = match col {
            Col::Question(question) => (
                question.text.get(lang).to_string(),
                question.id.clone(),
                question
                    .help
                    .as_ref()
                    .map(|h| h.get(lang).to_string())
                    .into_iter()
                    .collect::<Vec<_>>(),
                question.section != Section::Profile,
            ),
            Col::AssessedOn => (
                crate::words::of(lang).common.assessed_on.to_string(),
                "assessed_on".into(),
                Vec::new(),
                false,
            ),
            Col::Language => (
                crate::words::of(lang).common.language.to_string(),
                "language".into(),
                Vec::new(),
                false,
            ),
            Col::Notes => (
                crate::words::of(lang).common.notes.to_string(),
                "notes".into(),
                vec![w.optional.to_string()],
                false,
            ),
        };
        data.write_string_with_format(0, c, &header, if dimension { &dim_head } else { &head })?;
        data.write_string(1, c, &id)?;
        let range_list = |entries: &[String], lc: u16| {
            Formula::new(format!(
                "='_lists'!${}$1:${}${}",
                letter(lc),
                letter(lc),
                entries.len().max(1)
            ))
        };
        let mut dv: Option<DataValidation> = None;
        let width: f64;
        match col {
            Col::Question(question) => {
                match &question.kind {
                    Kind::Single { .. } | Kind::YesNo { .. } | Kind::Scale { .. } => {
                        let (lc, entries) = list_iter.next().expect("a list per choice column");
                        notes.push(w.pick.to_string());
                        width = entries
                            .iter()
                            .map(|e| e.chars().count())
                            .max()
                            .unwrap_or(10)
                            .clamp(10, 40) as f64;
                        dv = Some(
                            DataValidation::new().allow_list_formula(range_list(entries, *lc)),
                        );
                    }
                    Kind::Multi { .. } => {
                        let (lc, entries) = list_iter.next().expect("a list per choice column");
                        let example: Vec<&str> =
                            entries.iter().take(2).map(String::as_str).collect();
                        notes.push(w.multi.replace("{example}", &example.join("; ")));
                        width = 30.0;
                        dv = Some(
                            DataValidation::new()
                                .allow_list_formula(range_list(entries, *lc))
                                .set_error_style(DataValidationErrorStyle::Information),
                        );
                    }
                    Kind::Number {
                        min, max, integer, ..
                    } => {
                        let what = if *integer { w.whole } else { w.number };
                        let range = match (min, max) {
                            (Some(a), Some(b)) => {
                                format!(
                                    " {} {} {} {}",
                                    w.from,
                                    trim_number(*a),
                                    w.to,
                                    trim_number(*b)
                                )
                            }
                            (Some(a), None) => format!(" ≥ {}", trim_number(*a)),
                            (None, Some(b)) => format!(" ≤ {}", trim_number(*b)),
                            (None, None) => String::new(),
                        };
                        notes.push(format!("{what}{range}."));
                        let lo = min.unwrap_or(-1e15);
                        let hi = max.unwrap_or(1e15);
                        let fits = |x: f64| x.fract() == 0.0 && x.abs() <= i32::MAX as f64;
                        let v = if *integer && fits(lo) && fits(hi) {
                            DataValidation::new().allow_whole_number(DataValidationRule::Between(
                                lo as i32, hi as i32,
                            ))
                        } else {
                            DataValidation::new()
                                .allow_decimal_number(DataValidationRule::Between(lo, hi))
                        };
                        dv = Some(v);
                        width = 12.0;
                    }
                    Kind::Date => {
                        notes.push(w.date.to_string());
                        data.set_column_format(c, &date_fmt)?;
                        dv = Some(DataValidation::new().allow_date(
                            DataValidationRule::GreaterThanOrEqualTo(ExcelDateTime::from_ymd(
                                1900, 1, 1,
                            )?),
                        ));
                        width = 12.0;
                    }
                    Kind::Text => {
                        notes.push(w.text.to_string());
                        data.set_column_format(c, &text_fmt)?;
                        dv = Some(DataValidation::new().allow_text_length(
                            DataValidationRule::LessThanOrEqualTo(MAX_TEXT_CHARS as u32),
                        ));
                        width = if question.id == crate::questionnaire::ENTERPRISE_NAME {
                            36.0
                        } else {
                            20.0
                        };
                    }
                }
                if !question.required {
                    notes.push(w.optional.to_string());
                }
                if let Some(cond) = &question.show_if {
                    notes.push(format!("{}: {}", w.only_if, cond.describe(q, lang)));
                }
                if let Section::Dimension(d) = question.section
                    && let Some(cond) = &q.dimensions[d].applies_if
                {
                    notes.push(format!("{}: {}", w.only_if, cond.describe(q, lang)));
                }
            }
            Col::AssessedOn => {
                notes.push(w.date.to_string());
                data.set_column_format(c, &date_fmt)?;
                dv = Some(DataValidation::new().allow_date(
                    DataValidationRule::GreaterThanOrEqualTo(ExcelDateTime::from_ymd(2000, 1, 1)?),
                ));
                width = 12.0;
            }
            Col::Language => {
                let (lc, entries) = list_iter.next().expect("a list for the language");
                notes.push(w.pick.to_string());
                dv = Some(DataValidation::new().allow_list_formula(range_list(entries, *lc)));
                width = 8.0;
            }
            Col::Notes => {
                data.set_column_format(c, &text_fmt)?;
                width = 30.0;
            }
        }
        data.write_string_with_format(2, c, notes.join(" "), &note)?;
        data.set_column_width(c, width.max(header.chars().count().min(40) as f64 / 2.0))?;
        if let Some(v) = dv {
            let v = v
                .set_input_title(clip(&header, 32))?
                .set_input_message(clip(&notes.join(" "), 255))?
                .set_error_title(w.invalid)?;
            data.add_data_validation(FIRST_ROW - 1, c, last, c, &v)?;
        }
    }
    for (i, a) in rows.iter().enumerate() {
        let r = FIRST_ROW - 1 + i as u32;
        for (c, col) in cols.iter().enumerate() {
            let c = c as u16;
            match col {
                Col::Question(question) => {
                    if let Some(qi) = q.question_index(&question.id)
                        && let Some(v) = a.get(qi)
                    {
                        write_answer(data, r, c, question, v, lang, &date_fmt)?;
                    }
                }
                Col::AssessedOn => {
                    let d = a.assessed_on;
                    let date =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    data.write_datetime_with_format(r, c, &date, &date_fmt)?;
                }
                Col::Language => {
                    if let Some(l) = &a.language {
                        data.write_string(r, c, l)?;
                    }
                }
                Col::Notes => {
                    if let Some(n) = &a.notes {
                        data.write_string(r, c, n)?;
                    }
                }
            }
        }
    }
    data.set_row_hidden(1)?;
    data.set_row_height(0, 60)?;
    data.set_row_height(2, 75)?;
    data.set_freeze_panes(FIRST_ROW - 1, 1)?;

    {
        let readme = wb.add_worksheet();
        readme.set_name(w.readme)?;
        let title = Format::new().set_bold().set_font_size(14);
        let wrap = Format::new()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top);
        readme.set_column_width(0, 110)?;
        readme.write_string_with_format(
            0,
            0,
            format!("{} — {} {}", q.title.get(lang), q.id, q.version),
            &title,
        )?;
        for (i, line) in w.readme_lines.iter().enumerate() {
            readme.write_string_with_format(i as u32 + 2, 0, *line, &wrap)?;
        }
    }
    {
        let meta = wb.add_worksheet();
        meta.set_name(META_SHEET)?;
        let rows: [(&str, String); 6] = [
            ("format", "dxready intake workbook 1".into()),
            ("questionnaire", q.id.clone()),
            ("version", q.version.clone()),
            ("language", lang.to_string()),
            ("sheet", w.sheet.to_string()),
            ("header_row", "2".into()),
        ];
        for (r, (k, v)) in rows.iter().enumerate() {
            meta.write_string(r as u32, 0, *k)?;
            meta.write_string(r as u32, 1, v)?;
        }
        meta.write_string(6, 0, "first_row")?;
        meta.write_string(6, 1, FIRST_ROW.to_string())?;
        meta.set_hidden(true);
    }
    wb.save_to_buffer()
}
