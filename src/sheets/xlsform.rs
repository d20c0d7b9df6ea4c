//! `dxready questionnaire xlsform`: the questionnaire as an XLSForm (`survey`, `choices`,
//! `settings`), the spreadsheet form definition KoboToolbox, ODK Central and ODK Collect
//! import. `batch` reads the data exports of this form without `--map` (the mapping built
//! from the questionnaire, [`crate::answers::mapping::Mapping::auto`]): its field names are the
//! question ids, its choice names the option ids.
//!
//! - types: `single` → `select_one`, `multi` → `select_multiple`, `yesno` → `select_one yesno`,
//!   `scale` → `select_one` of its values, `number` → `integer`/`decimal`, `date`, `text`;
//! - `relevant`: `show_if` and the dimension's `applies_if` (on its group), translated to
//!   XPath; a fact is inlined as its cases' conditions (first matching case wins), and a
//!   condition on a question that is itself hidden is false, as in dxready;
//! - `constraint` for min/max, text length and exclusive options, with a message in every
//!   language; `required` from the question;
//! - a group per dimension (and one for the profile), labels and hints in every language
//!   (`label::Tiếng Việt (vi)`, `label::English (en)`, …);
//! - `assessed_on` is a `today` field (the form records the assessment date itself; batch
//!   falls back to the export's `_submission_time`), and `language` a question whose default
//!   is the chosen language; `form_id` and `version` come from the questionnaire, and a
//!   `calculate` field `questionnaire_version` holds the version, so every row of an export
//!   names the version it was answered to, whatever the server adds (KoboToolbox's
//!   `__version__` is its own deployment id, not the questionnaire's version).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::answers::csv::VERSION_COLUMN;
use crate::answers::mapping::{scale_entry, xlsform_name};
use crate::condition::Condition;
use crate::questionnaire::{Kind, MAX_TEXT_CHARS, Question, Questionnaire, Section};
use crate::text::trim_number;

/// `Tiếng Việt (vi)`: the language as XLSForm column suffixes name it.
pub fn language_name(code: &str) -> String {
    let name = crate::words::endonym(code).unwrap_or(code);
    format!("{name} ({code})")
}

/// An XPath string literal.
fn lit(s: &str) -> String {
    if s.contains('\'') {
        format!("\"{s}\"")
    } else {
        format!("'{s}'")
    }
}

/// Turns conditions into XPath for one questionnaire.
struct XPath<'q> {
    q: &'q Questionnaire,
}

impl XPath<'_> {
    fn field(&self, qi: usize) -> String {
        format!("${{{}}}", xlsform_name(&self.q.questions[qi].id))
    }

    /// When question `qi` is shown (its dimension applies and its `show_if` holds), or `None`
    /// when it always is.
    fn shown(&self, qi: usize) -> Option<String> {
        let question = &self.q.questions[qi];
        let mut parts = Vec::new();
        if let Section::Dimension(d) = question.section
            && let Some(c) = &self.q.dimensions[d].applies_if
        {
            parts.push(self.expr(c));
        }
        if let Some(c) = &question.show_if {
            parts.push(self.expr(c));
        }
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(format!("({})", parts.join(" and "))),
        }
    }

    /// A test on an answer, false when the question is hidden (as in dxready).
    fn on(&self, qi: usize, test: String) -> String {
        match self.shown(qi) {
            Some(s) => format!("({s} and {test})"),
            None => test,
        }
    }

    fn number(&self, qi: usize) -> String {
        format!("number({})", self.field(qi))
    }

    fn date_part(x: &str, part: &str) -> String {
        format!("number(format-date({x}, '{part}'))")
    }

    fn expr(&self, c: &Condition) -> String {
        match c {
            Condition::Is { q: qi, options } => {
                let kind = &self.q.questions[*qi].kind;
                let tests: Vec<String> = options
                    .iter()
                    .map(|&o| format!("{} = {}", self.field(*qi), lit(&kind.option_id(o))))
                    .collect();
                let t = if tests.len() == 1 {
                    tests.into_iter().next().unwrap_or_default()
                } else {
                    format!("({})", tests.join(" or "))
                };
                self.on(*qi, t)
            }
            Condition::Has { q: qi, option } => {
                let id = self.q.questions[*qi].kind.option_id(*option);
                self.on(*qi, format!("selected({}, {})", self.field(*qi), lit(&id)))
            }
            Condition::AtLeast { q: qi, n } => self.on(
                *qi,
                format!(
                    "(string-length({}) > 0 and {} >= {})",
                    self.field(*qi),
                    self.number(*qi),
                    trim_number(*n)
                ),
            ),
            Condition::AtMost { q: qi, n } => self.on(
                *qi,
                format!(
                    "(string-length({}) > 0 and {} <= {})",
                    self.field(*qi),
                    self.number(*qi),
                    trim_number(*n)
                ),
            ),
            Condition::WithinMonths { q: qi, months } => {
                // assessed_on − N months ≤ date ≤ assessed_on, the day clamped to the month's
                // end: whole months apart < N, or = N with the day reached or the month's last.
                let d = self.field(*qi);
                let a = "${assessed_on}".to_string();
                let months_apart = format!(
                    "(({} * 12 + {}) - ({} * 12 + {}))",
                    Self::date_part(&a, "%Y"),
                    Self::date_part(&a, "%n"),
                    Self::date_part(&d, "%Y"),
                    Self::date_part(&d, "%n")
                );
                let last_day = format!("format-date(date(decimal-date-time({d}) + 1), '%e') = '1'");
                self.on(
                    *qi,
                    format!(
                        "(string-length({d}) > 0 and decimal-date-time({d}) <= decimal-date-time({a}) and ({months_apart} < {months} or ({months_apart} = {months} and ({} >= {} or {last_day}))))",
                        Self::date_part(&d, "%e"),
                        Self::date_part(&a, "%e"),
                    ),
                )
            }
            Condition::Answered { q: qi, answered } => {
                let filled = self.on(*qi, format!("string-length({}) > 0", self.field(*qi)));
                if *answered {
                    filled
                } else {
                    format!("not({filled})")
                }
            }
            Condition::Fact { fact, values } => {
                // The first case whose `when` holds gives the value: the fact has one of
                // `values` when some case with such a value holds and no earlier case does
                // (several cases may give the same value).
                let f = &self.q.facts[*fact];
                let mut alternatives = Vec::new();
                let mut earlier: Vec<String> = Vec::new();
                for case in &f.cases {
                    let when = case.when.as_ref().map(|w| self.expr(w));
                    if values.contains(&case.value) {
                        let mut parts: Vec<String> =
                            earlier.iter().map(|e| format!("not({e})")).collect();
                        if let Some(w) = &when {
                            parts.push(w.clone());
                        }
                        alternatives.push(if parts.is_empty() {
                            "true()".to_string()
                        } else {
                            format!("({})", parts.join(" and "))
                        });
                    }
                    match when {
                        Some(w) => earlier.push(w),
                        None => break,
                    }
                }
                match alternatives.len() {
                    0 => "false()".into(),
                    1 => alternatives.pop().unwrap_or_default(),
                    _ => format!("({})", alternatives.join(" or ")),
                }
            }
            // Not allowed in a questionnaire (validation refuses them).
            Condition::ScoreBelow { .. } | Condition::ScoreAtLeast { .. } => "false()".into(),
            Condition::All(list) => join(list.iter().map(|c| self.expr(c)), " and ", "true()"),
            Condition::Any(list) => join(list.iter().map(|c| self.expr(c)), " or ", "false()"),
            Condition::Not(c) => format!("not({})", self.expr(c)),
        }
    }
}

fn join(parts: impl Iterator<Item = String>, sep: &str, empty: &str) -> String {
    let parts: Vec<String> = parts.collect();
    match parts.len() {
        0 => empty.to_string(),
        1 => parts.into_iter().next().unwrap_or_default(),
        _ => format!("({})", parts.join(sep)),
    }
}

/// One row of the survey sheet.
#[derive(Default)]
struct Row {
    kind: String,
    name: String,
    /// By language.
    label: Vec<String>,
    hint: Vec<String>,
    required: bool,
    relevant: String,
    constraint: String,
    constraint_message: Vec<String>,
    default: String,
    calculation: String,
}

/// A list of the choices sheet: (list name, [(choice name, label by language)]).
type ChoiceList = (String, Vec<(String, Vec<String>)>);

/// Group names: the dimension id, unless a question has that name (or it is no XML name).
fn group_name(q: &Questionnaire, id: &str) -> String {
    let taken = q.questions.iter().any(|x| x.id == id) || id == "assessed_on" || id == "language";
    if taken || !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("g_{id}")
    } else {
        id.to_string()
    }
}

fn messages(q: &Questionnaire, f: impl Fn(&str) -> String) -> Vec<String> {
    q.languages.iter().map(|l| f(l)).collect()
}

fn question_row(
    q: &Questionnaire,
    x: &XPath,
    question: &Question,
    lists: &mut Vec<ChoiceList>,
) -> Row {
    let name = xlsform_name(&question.id);
    let langs = &q.languages;
    let mut row = Row {
        name: name.clone(),
        label: langs
            .iter()
            .map(|l| question.text.get(l).to_string())
            .collect(),
        hint: langs
            .iter()
            .map(|l| {
                question
                    .help
                    .as_ref()
                    .map(|h| h.get(l).to_string())
                    .unwrap_or_default()
            })
            .collect(),
        required: question.required,
        relevant: question
            .show_if
            .as_ref()
            .map(|c| x.expr(c))
            .unwrap_or_default(),
        ..Row::default()
    };
    match &question.kind {
        Kind::Single { options } | Kind::Multi { options, .. } => {
            let multi = matches!(question.kind, Kind::Multi { .. });
            row.kind = format!(
                "{} {name}",
                if multi {
                    "select_multiple"
                } else {
                    "select_one"
                }
            );
            lists.push((
                name.clone(),
                options
                    .iter()
                    .map(|o| {
                        (
                            o.id.clone(),
                            langs.iter().map(|l| o.label.get(l).to_string()).collect(),
                        )
                    })
                    .collect(),
            ));
            let exclusive: Vec<_> = options.iter().filter(|o| o.exclusive).collect();
            if multi && !exclusive.is_empty() {
                row.constraint = join(
                    exclusive.iter().map(|o| {
                        format!("not(selected(., {}) and count-selected(.) > 1)", lit(&o.id))
                    }),
                    " and ",
                    "true()",
                );
                row.constraint_message = messages(q, |l| {
                    let names: Vec<&str> = exclusive.iter().map(|o| o.label.get(l)).collect();
                    crate::words::of(l).form_not_combinable(&names)
                });
            }
        }
        Kind::YesNo { .. } => row.kind = "select_one yesno".into(),
        Kind::Scale {
            min, max, labels, ..
        } => {
            row.kind = format!("select_one {name}");
            lists.push((
                name.clone(),
                (*min..=*max)
                    .enumerate()
                    .map(|(i, v)| {
                        (
                            v.to_string(),
                            langs
                                .iter()
                                .map(|l| {
                                    scale_entry(
                                        &v.to_string(),
                                        labels.get(i).map(|t| t.get(l)).unwrap_or(""),
                                    )
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            ));
        }
        Kind::Number {
            min, max, integer, ..
        } => {
            row.kind = if *integer { "integer" } else { "decimal" }.into();
            let mut parts = Vec::new();
            if let Some(a) = min {
                parts.push(format!(". >= {}", trim_number(*a)));
            }
            if let Some(b) = max {
                parts.push(format!(". <= {}", trim_number(*b)));
            }
            if !parts.is_empty() {
                row.constraint = parts.join(" and ");
                let (min, max) = (min.map(trim_number), max.map(trim_number));
                row.constraint_message = messages(q, |l| {
                    crate::words::of(l).form_number_bounds(min.as_deref(), max.as_deref())
                });
            }
        }
        Kind::Text => {
            row.kind = "text".into();
            row.constraint = format!("string-length(.) <= {MAX_TEXT_CHARS}");
            row.constraint_message =
                messages(q, |l| crate::words::of(l).form_max_chars(MAX_TEXT_CHARS));
        }
        Kind::Date => row.kind = "date".into(),
    }
    row
}

/// The XLSForm's bytes; `lang` is the form's default language.
pub fn workbook(q: &Questionnaire, lang: &str) -> Result<Vec<u8>, XlsxError> {
    let x = XPath { q };
    let langs = &q.languages;
    let mut rows: Vec<Row> = Vec::new();
    let mut lists: Vec<ChoiceList> = vec![
        (
            "yesno".into(),
            vec![
                (
                    "yes".into(),
                    langs
                        .iter()
                        .map(|l| crate::words::of(l).common.yes.to_string())
                        .collect(),
                ),
                (
                    "no".into(),
                    langs
                        .iter()
                        .map(|l| crate::words::of(l).common.no.to_string())
                        .collect(),
                ),
            ],
        ),
        (
            "languages".into(),
            langs
                .iter()
                .map(|code| {
                    (
                        code.clone(),
                        langs.iter().map(|_| language_name(code)).collect(),
                    )
                })
                .collect(),
        ),
    ];
    rows.push(Row {
        kind: "today".into(),
        name: "assessed_on".into(),
        label: vec![String::new(); langs.len()],
        ..Row::default()
    });
    rows.push(Row {
        kind: "select_one languages".into(),
        name: "language".into(),
        label: langs
            .iter()
            .map(|l| crate::words::of(l).xlsform.report_language.to_string())
            .collect(),
        required: true,
        default: lang.to_string(),
        ..Row::default()
    });
    // Every submission names the version it was answered to, so a batch reads an export of
    // this form with this version even after the default has moved on.
    if q.question_index(VERSION_COLUMN).is_none() {
        rows.push(Row {
            kind: "calculate".into(),
            name: VERSION_COLUMN.into(),
            label: vec![String::new(); langs.len()],
            calculation: lit(&q.version),
            ..Row::default()
        });
    }
    let group = |name: String, label: Vec<String>, relevant: String| Row {
        kind: "begin_group".into(),
        name,
        label,
        relevant,
        ..Row::default()
    };
    let end = || Row {
        kind: "end_group".into(),
        ..Row::default()
    };
    rows.push(group(
        group_name(q, "profile"),
        langs
            .iter()
            .map(|l| crate::words::of(l).xlsform.profile.to_string())
            .collect(),
        String::new(),
    ));
    for question in q.profile() {
        rows.push(question_row(q, &x, question, &mut lists));
    }
    rows.push(end());
    for d in &q.dimensions {
        rows.push(group(
            group_name(q, &d.id),
            langs.iter().map(|l| d.title.get(l).to_string()).collect(),
            d.applies_if.as_ref().map(|c| x.expr(c)).unwrap_or_default(),
        ));
        for question in &q.questions[d.questions.clone()] {
            rows.push(question_row(q, &x, question, &mut lists));
        }
        rows.push(end());
    }

    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(q.title.get(lang))
            .set_comment(format!(
                "XLSForm generated by dxready from {} {}",
                q.id, q.version
            ))
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let suffixes: Vec<String> = langs.iter().map(|l| language_name(l)).collect();
    {
        let ws = wb.add_worksheet();
        ws.set_name("survey")?;
        let mut header: Vec<String> = vec!["type".into(), "name".into()];
        header.extend(suffixes.iter().map(|s| format!("label::{s}")));
        header.extend(suffixes.iter().map(|s| format!("hint::{s}")));
        header.extend(["required".into(), "relevant".into(), "constraint".into()]);
        header.extend(suffixes.iter().map(|s| format!("constraint_message::{s}")));
        header.push("default".into());
        header.push("calculation".into());
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
        }
        let n = langs.len() as u16;
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            let mut put = |c: u16, s: &str| -> Result<(), XlsxError> {
                if !s.is_empty() {
                    ws.write_string(r, c, s)?;
                }
                Ok(())
            };
            put(0, &row.kind)?;
            put(1, &row.name)?;
            for i in 0..n {
                put(2 + i, row.label.get(i as usize).map_or("", String::as_str))?;
                put(
                    2 + n + i,
                    row.hint.get(i as usize).map_or("", String::as_str),
                )?;
                put(
                    5 + 2 * n + i,
                    row.constraint_message
                        .get(i as usize)
                        .map_or("", String::as_str),
                )?;
            }
            put(2 + 2 * n, if row.required { "yes" } else { "" })?;
            put(3 + 2 * n, &row.relevant)?;
            put(4 + 2 * n, &row.constraint)?;
            put(5 + 3 * n, &row.default)?;
            put(6 + 3 * n, &row.calculation)?;
        }
        ws.set_column_width(0, 28)?;
        ws.set_column_width(1, 22)?;
        for i in 0..(2 * n) {
            ws.set_column_width(2 + i, 40)?;
        }
        ws.set_freeze_panes(1, 2)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("choices")?;
        ws.write_string_with_format(0, 0, "list_name", &bold)?;
        ws.write_string_with_format(0, 1, "name", &bold)?;
        for (i, s) in suffixes.iter().enumerate() {
            ws.write_string_with_format(0, 2 + i as u16, format!("label::{s}"), &bold)?;
        }
        let mut r = 1u32;
        for (list, choices) in &lists {
            for (name, labels) in choices {
                ws.write_string(r, 0, list)?;
                ws.write_string(r, 1, name)?;
                for (i, l) in labels.iter().enumerate() {
                    ws.write_string(r, 2 + i as u16, l)?;
                }
                r += 1;
            }
        }
        ws.set_column_width(0, 22)?;
        ws.set_column_width(1, 22)?;
        ws.set_freeze_panes(1, 0)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("settings")?;
        let keys = ["form_title", "form_id", "version", "default_language"];
        let values = [
            q.title.get(lang).to_string(),
            q.id.clone(),
            q.version.clone(),
            language_name(lang),
        ];
        for (c, (k, v)) in keys.iter().zip(&values).enumerate() {
            ws.write_string_with_format(0, c as u16, *k, &bold)?;
            ws.write_string(1, c as u16, v)?;
        }
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::XPath;
    use crate::answers::{AnswerValue, Answers};

    /// A value of the XPath subset the generated `relevant` expressions use here.
    #[derive(Clone, Debug)]
    enum Val {
        Str(String),
        Num(f64),
        Bool(bool),
    }

    impl Val {
        fn num(&self) -> f64 {
            match self {
                Val::Str(s) => s.trim().parse().unwrap_or(f64::NAN),
                Val::Num(n) => *n,
                Val::Bool(b) => f64::from(u8::from(*b)),
            }
        }
        fn truth(&self) -> bool {
            match self {
                Val::Str(s) => !s.is_empty(),
                Val::Num(n) => *n != 0.0 && !n.is_nan(),
                Val::Bool(b) => *b,
            }
        }
    }

    /// Evaluates XPath 1.0 (the subset: `${field}`, string and number literals, `=`, `<`,
    /// `<=`, `>`, `>=`, `and`, `or`, `not()`, `number()`, `string-length()`, `true()`,
    /// `false()`) with the fields' values as strings, as an XForms engine reads them.
    struct Eval<'a> {
        tokens: Vec<String>,
        at: usize,
        field: &'a dyn Fn(&str) -> String,
    }

    impl Eval<'_> {
        fn tokenize(s: &str) -> Vec<String> {
            let c: Vec<char> = s.chars().collect();
            let (mut i, mut out) = (0, Vec::new());
            while i < c.len() {
                let start = i;
                match c[i] {
                    ' ' => {
                        i += 1;
                        continue;
                    }
                    '$' => {
                        while c[i] != '}' {
                            i += 1;
                        }
                        i += 1;
                    }
                    '\'' => {
                        i += 1;
                        while c[i] != '\'' {
                            i += 1;
                        }
                        i += 1;
                    }
                    '<' | '>' if c.get(i + 1) == Some(&'=') => i += 2,
                    '(' | ')' | ',' | '=' | '<' | '>' => i += 1,
                    _ => {
                        while i < c.len() && (c[i].is_alphanumeric() || "-._".contains(c[i])) {
                            i += 1;
                        }
                    }
                }
                out.push(c[start..i].iter().collect());
            }
            out
        }
        fn peek(&self) -> &str {
            self.tokens.get(self.at).map_or("", String::as_str)
        }
        fn take(&mut self) -> String {
            self.at += 1;
            self.tokens[self.at - 1].clone()
        }
        fn or(&mut self) -> Val {
            let mut v = self.and();
            while self.peek() == "or" {
                self.take();
                let r = self.and();
                v = Val::Bool(v.truth() | r.truth());
            }
            v
        }
        fn and(&mut self) -> Val {
            let mut v = self.cmp();
            while self.peek() == "and" {
                self.take();
                let r = self.cmp();
                v = Val::Bool(v.truth() & r.truth());
            }
            v
        }
        fn cmp(&mut self) -> Val {
            let a = self.primary();
            let op = self.peek().to_string();
            if !["=", "<", "<=", ">", ">="].contains(&op.as_str()) {
                return a;
            }
            self.take();
            let b = self.primary();
            Val::Bool(match (op.as_str(), &a, &b) {
                ("=", Val::Str(x), Val::Str(y)) => x == y,
                ("=", ..) => a.num() == b.num(),
                ("<", ..) => a.num() < b.num(),
                ("<=", ..) => a.num() <= b.num(),
                (">", ..) => a.num() > b.num(),
                _ => a.num() >= b.num(),
            })
        }
        fn primary(&mut self) -> Val {
            let t = self.take();
            if t == "(" {
                let v = self.or();
                assert_eq!(self.take(), ")");
                return v;
            }
            if let Some(name) = t.strip_prefix("${").and_then(|x| x.strip_suffix('}')) {
                return Val::Str((self.field)(name));
            }
            if let Some(s) = t.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')) {
                return Val::Str(s.to_string());
            }
            if let Ok(n) = t.parse::<f64>() {
                return Val::Num(n);
            }
            assert_eq!(self.take(), "(", "a function call after {t}");
            let arg = if self.peek() == ")" {
                None
            } else {
                Some(self.or())
            };
            assert_eq!(self.take(), ")");
            match (t.as_str(), arg) {
                ("true", None) => Val::Bool(true),
                ("false", None) => Val::Bool(false),
                ("not", Some(v)) => Val::Bool(!v.truth()),
                ("number", Some(v)) => Val::Num(v.num()),
                ("string-length", Some(Val::Str(s))) => Val::Num(s.chars().count() as f64),
                (f, a) => panic!("{f}({a:?}) is not in the subset"),
            }
        }
    }

    /// The `relevant` of a question whose `show_if` is a fact with several cases per value
    /// holds exactly when dxready shows the question, for every profile the cases tell apart.
    #[test]
    fn a_fact_with_several_cases_per_value_is_shown_as_dxready_shows_it() {
        let q = crate::questionnaire::from_str(
            "facts.yaml",
            include_str!("../../tests/fixtures/sheets/facts.yaml"),
        )
        .unwrap()
        .0;
        let x = XPath { q: &q };
        let (sector, employees) = (
            q.question_index("sector").unwrap(),
            q.question_index("employees").unwrap(),
        );
        for (id, expected) in [("wants_support", 5 + 3), ("has_plan", 9 + 2 + 6)] {
            let target = q.question_index(id).unwrap();
            let relevant = x.shown(target).unwrap();
            let mut shown = 0;
            for s in [None, Some(0), Some(1)] {
                for e in [None, Some(0.0), Some(3.0), Some(5.0), Some(6.0), Some(10.0)]
                    .into_iter()
                    .chain([Some(11.0), Some(100.0), Some(101.0)])
                {
                    let mut a = Answers::empty(&q, jiff::civil::date(2026, 11, 27), None);
                    a.values[sector] = s.map(AnswerValue::Choice);
                    a.values[employees] = e.map(AnswerValue::Number);
                    let dxready = a.evaluate(&q).visible[target];
                    let field = |name: &str| -> String {
                        let qi = q.question_index(name).unwrap();
                        a.values[qi]
                            .as_ref()
                            .map(|v| v.to_cell(&q.questions[qi].kind))
                            .unwrap_or_default()
                    };
                    let mut eval = Eval {
                        tokens: Eval::tokenize(&relevant),
                        at: 0,
                        field: &field,
                    };
                    let form = eval.or().truth();
                    assert_eq!(eval.at, eval.tokens.len(), "{relevant}");
                    assert_eq!(
                        form, dxready,
                        "{id}: sector {s:?}, employees {e:?}: the form says {form}, dxready {dxready}\n{relevant}"
                    );
                    shown += usize::from(dxready);
                }
            }
            // wants_support (micro): manufacturing ≤ 10 (first case) or trade ≤ 5 (third);
            // has_plan (other): no sector (9), manufacturing without a count or > 100 (2),
            // trade without a count or > 5 (6).
            assert_eq!(shown, expected, "{id}");
        }
    }
}
