//! The `--map FILE` mapping of a field-survey export (KoboToolbox, Google Forms) onto the
//! questionnaire: which column holds which question, which choice label means which option,
//! how dates are written. docs/batch.md describes the YAML format; `examples/batch/` ships one
//! mapping per tool.
//!
//! A [`Mapping`] that exists is valid against the questionnaire in use: every target question
//! and option exists and every choice value is an answer its question accepts. The CSV reader
//! (`answers::csv`) asks it how to read each header and each cell.
//!
//! Without `--map`, [`Mapping::auto`] builds one from the questionnaire itself: question texts
//! and option labels in every language, the XLSForm and intake-workbook names, the metadata of
//! KoboToolbox/ODK and Google Forms. It is what lets `batch` read the exports of the forms
//! dxready generates without a hand-written map.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;
use serde_yaml::Value;

use crate::answers::parse_text_answer;
use crate::diagnostic::{Diagnostics, LoadError};
use crate::error::Error;
use crate::questionnaire::{Kind, Questionnaire};
use crate::yaml::{self, Limits, key};

/// What a column of the export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The answer to a question (index into `Questionnaire::questions`).
    Question(usize),
    /// A 0/1 column: whether option `.1` of multi question `.0` is ticked.
    Flag(usize, usize),
    AssessedOn,
    /// The assessment date when no `assessed_on` column gives one (a submission time).
    DateFallback,
    Language,
    Notes,
    /// Read past (an extra column of the survey tool).
    Ignore,
}

/// How day, month and year are ordered in date cells that are not `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// `2026-11-27`, `2026/11/27`, `2026-11-27T08:15:42+07:00` (KoboToolbox).
    #[default]
    Iso,
    /// `27/11/2026 10:15:42` (Google Forms in a Vietnamese locale).
    Dmy,
    /// `11/27/2026 10:15:42` (Google Forms in a US locale).
    Mdy,
    /// Without `--map`: `YYYY-MM-DD`, or `a/b/YYYY` only where one order is possible (a part
    /// above 12, or both the same); nothing is guessed.
    Unambiguous,
}

/// A validated mapping.
#[derive(Clone, Debug)]
pub struct Mapping {
    /// The mapping file as the user named it.
    pub file: String,
    columns: HashMap<String, Target>,
    /// By question index: choice label (or code) → the value written in an answers file.
    choices: HashMap<usize, Vec<(String, String)>>,
    ignore: Vec<String>,
    /// A column whose value names a row in error messages (e.g. KoboToolbox `_uuid`).
    pub identifier: Option<String>,
    pub dates: DateOrder,
    /// Built from the questionnaire ([`Mapping::auto`]): headers and labels are compared
    /// folded (case, spacing), and question texts in every language are headers.
    auto: bool,
}

/// A header or label as compared by the automatic mapping: NFC, lower case, runs of
/// white space as one space, trimmed.
pub fn fold(s: &str) -> String {
    let nfc = crate::yaml::nfc(s.trim());
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Kobo/ODK metadata and Google Forms columns that carry no answer.
const AUTO_IGNORE: &[&str] = &[
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "phonenumber",
    "simserial",
    "subscriberid",
    "audit",
    "instanceid",
    "meta/*",
    "formhub/*",
    "email address",
    "địa chỉ email",
    "score",
    "tổng điểm",
];

/// The mapping file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    format: u32,
    #[serde(default)]
    questionnaire: Option<String>,
    #[serde(default)]
    dates: Option<String>,
    #[serde(default)]
    identifier: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    choices: BTreeMap<String, BTreeMap<String, Value>>,
    #[serde(default)]
    ignore: Vec<String>,
}

impl Mapping {
    /// Reads a mapping file: unreadable is exit 3 (one of the tool's inputs), invalid exit 1.
    pub fn load(q: &Questionnaire, path: &Path) -> Result<Mapping, Error> {
        let text = crate::yaml::read_definition(path)?;
        let (m, _warnings) =
            Mapping::from_str(q, &path.display().to_string(), &text).map_err(Error::from)?;
        Ok(m)
    }

    /// Parses and validates a mapping, collecting every problem.
    pub fn from_str(
        q: &Questionnaire,
        file: &str,
        text: &str,
    ) -> Result<(Mapping, Diagnostics), LoadError> {
        yaml::load(file, text, None, Limits::DEFINITION, |v, d| {
            Self::from_value(q, file, v, d)
        })
    }

    fn from_value(
        q: &Questionnaire,
        file: &str,
        value: Value,
        d: &mut Diagnostics,
    ) -> Option<Mapping> {
        let root: yaml::Path = Vec::new();
        if !value.is_mapping() {
            d.error(
                &root,
                None,
                format!(
                    "expected a mapping file (a map with `format`, `columns`, `choices`), found {}",
                    yaml::kind(&value)
                ),
            );
            return None;
        }
        let raw: RawMapping = crate::lenient::deserialize_all(value, d, &root, None)?;
        if raw.format != 1 {
            d.error(
                &key(&root, "format"),
                None,
                format!(
                    "unsupported format {}; this version of dxready reads mapping format 1",
                    raw.format
                ),
            );
        }
        if let Some(id) = &raw.questionnaire
            && *id != q.id
        {
            d.error(&key(&root, "questionnaire"), None, format!("this mapping is for questionnaire `{id}`, but the questionnaire in use is `{}` (pass the right one with -q)", q.id));
        }
        let dates = match raw.dates.as_deref() {
            None | Some("iso") => DateOrder::Iso,
            Some("dmy") => DateOrder::Dmy,
            Some("mdy") => DateOrder::Mdy,
            Some(other) => {
                d.error(
                    &key(&root, "dates"),
                    None,
                    format!("expected iso, dmy or mdy, found {other:?}"),
                );
                DateOrder::Iso
            }
        };
        let mut columns = HashMap::with_capacity(raw.columns.len());
        let cpath = key(&root, "columns");
        for (header, target) in &raw.columns {
            match parse_target(q, target.trim()) {
                Ok(t) => {
                    columns.insert(header.trim().to_string(), t);
                }
                Err(m) => d.error(&key(&cpath, header), None, m),
            }
        }
        let mut choices = HashMap::new();
        let chpath = key(&root, "choices");
        for (qid, labels) in &raw.choices {
            let qpath = key(&chpath, qid);
            let Some(qi) = q.question_index(qid) else {
                d.error(
                    &qpath,
                    Some(qid),
                    format!(
                        "unknown question id `{qid}` (not in questionnaire `{}`)",
                        q.id
                    ),
                );
                continue;
            };
            let question = &q.questions[qi];
            if matches!(question.kind, Kind::Text | Kind::Date) {
                d.error(
                    &qpath,
                    Some(qid),
                    format!("a {} question has no choices to map", question.kind.name()),
                );
                continue;
            }
            let mut list = Vec::with_capacity(labels.len());
            for (label, v) in labels {
                let vpath = key(&qpath, label);
                let Some(value) = scalar(v) else {
                    d.error(
                        &vpath,
                        Some(qid),
                        format!("expected an option id, found {}", yaml::kind(v)),
                    );
                    continue;
                };
                let check = match &question.kind {
                    Kind::Multi { .. } if value == "[]" => Ok(()),
                    Kind::Multi { .. } => question
                        .kind
                        .option_index(&value)
                        .map(|_| ())
                        .ok_or_else(|| {
                            format!(
                                "`{value}` is not an option of `{qid}` (expected one of: {})",
                                question.kind.option_ids().join(", ")
                            )
                        }),
                    _ => parse_text_answer(question, &value).map(|_| ()),
                };
                match check {
                    Ok(()) => list.push((label.trim().to_string(), value)),
                    Err(m) => d.error(&vpath, Some(qid), m),
                }
            }
            // Longest labels first, so `Sàn TMĐT quốc tế` wins over `Sàn TMĐT` in a list cell.
            list.sort_by_key(|(label, _)| std::cmp::Reverse(label.len()));
            choices.insert(qi, list);
        }
        let identifier = raw
            .identifier
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        Some(Mapping {
            file: file.to_string(),
            columns,
            choices,
            ignore: raw.ignore.iter().map(|s| s.trim().to_string()).collect(),
            identifier,
            dates,
            auto: false,
        })
    }

    /// The mapping a batch uses without `--map`, built from the questionnaire itself: it
    /// reads the exports of the forms dxready generates (XLSForm for KoboToolbox/ODK, the
    /// intake workbook) and of forms that use the questionnaire's own texts (Google Forms):
    ///
    /// - headers: question ids (also after group names, `grp/q`), the XLSForm names
    ///   (`q_<id>` for an id that does not start with a letter), question texts in every
    ///   language; `_submission_time`, `Timestamp` / `Dấu thời gian` give the date when no
    ///   `assessed_on` column does; Kobo/ODK and Google Forms metadata is read past;
    /// - cells: option ids as written, or option labels in any language (yes/no as
    ///   `Có`/`Không`/`Yes`/`No`; a scale value as `3` or `3 – label`).
    ///
    /// A text or label shared by two questions (or options) names neither: it is left out
    /// rather than guessed.
    pub fn auto(q: &Questionnaire) -> Mapping {
        let mut columns: HashMap<String, Target> = HashMap::new();
        let mut shared: Vec<String> = Vec::new();
        let mut add = |columns: &mut HashMap<String, Target>, key: String, t: Target| {
            if key.is_empty() || shared.contains(&key) {
                return;
            }
            match columns.get(&key) {
                Some(old) if *old != t => {
                    columns.remove(&key);
                    shared.push(key);
                }
                _ => {
                    columns.insert(key, t);
                }
            }
        };
        for (qi, question) in q.questions.iter().enumerate() {
            add(
                &mut columns,
                fold(&xlsform_name(&question.id)),
                Target::Question(qi),
            );
            for lang in &q.languages {
                add(
                    &mut columns,
                    fold(question.text.get(lang)),
                    Target::Question(qi),
                );
            }
        }
        for lang in ["vi", "en"] {
            add(
                &mut columns,
                fold(crate::words::of(lang).common.assessed_on),
                Target::AssessedOn,
            );
            add(
                &mut columns,
                fold(crate::words::of(lang).common.language),
                Target::Language,
            );
        }
        for h in ["_submission_time", "timestamp", "dấu thời gian"] {
            add(&mut columns, h.to_string(), Target::DateFallback);
        }
        let mut choices = HashMap::new();
        for (qi, question) in q.questions.iter().enumerate() {
            let mut list: Vec<(String, String)> = Vec::new();
            let mut dropped: Vec<String> = Vec::new();
            let ids = question.kind.option_ids();
            // A label that is another option's id would hide that id: left out.
            let mut put = |label: String, value: String| {
                if label.is_empty()
                    || dropped.contains(&label)
                    || (ids.contains(&label) && label != value)
                {
                    return;
                }
                match list.iter().position(|(l, _)| *l == label) {
                    Some(i) if list[i].1 != value => {
                        list.remove(i);
                        dropped.push(label);
                    }
                    Some(_) => {}
                    None => list.push((label, value)),
                }
            };
            match &question.kind {
                Kind::Single { options } | Kind::Multi { options, .. } => {
                    for o in options {
                        for lang in &q.languages {
                            put(fold(o.label.get(lang)), o.id.clone());
                        }
                    }
                }
                Kind::YesNo { .. } => {
                    for lang in q.languages.iter().map(String::as_str).chain(["vi", "en"]) {
                        put(fold(crate::words::of(lang).common.yes), "yes".into());
                        put(fold(crate::words::of(lang).common.no), "no".into());
                    }
                }
                Kind::Scale { min, labels, .. } => {
                    for (i, l) in labels.iter().enumerate() {
                        let v = (min + i as i64).to_string();
                        for lang in &q.languages {
                            put(fold(&scale_entry(&v, l.get(lang))), v.clone());
                            put(fold(l.get(lang)), v.clone());
                        }
                    }
                }
                _ => {}
            }
            if !list.is_empty() {
                list.sort_by_key(|(label, _)| std::cmp::Reverse(label.len()));
                choices.insert(qi, list);
            }
        }
        Mapping {
            file: String::new(),
            columns,
            choices,
            ignore: AUTO_IGNORE.iter().map(|s| s.to_string()).collect(),
            identifier: None,
            dates: DateOrder::Unambiguous,
            auto: true,
        }
    }

    /// Whether this is the mapping built from the questionnaire (no `--map`).
    pub fn is_auto(&self) -> bool {
        self.auto
    }

    /// For the automatic mapping: the question or 0/1 column a header names after group
    /// names or labels (`Bán hàng/Kênh bán hàng` → the question with that text).
    pub fn column_by_suffix(&self, header: &str) -> Option<Target> {
        if !self.auto {
            return None;
        }
        let mut rest = header;
        while let Some((_, tail)) = rest.split_once('/') {
            if let Some(t @ (Target::Question(_) | Target::Flag(..))) = self.column(tail) {
                return Some(t);
            }
            rest = tail;
        }
        None
    }

    /// For the automatic mapping: the question an XLSForm name stands for (`q_2fa` → `2fa`).
    pub fn question_by_name(&self, name: &str) -> Option<usize> {
        match self.column(name)? {
            Target::Question(qi) if self.auto => Some(qi),
            _ => None,
        }
    }

    /// The target of a header named in `columns`.
    pub fn column(&self, header: &str) -> Option<Target> {
        if self.auto {
            self.columns.get(&fold(header)).copied()
        } else {
            self.columns.get(header).copied()
        }
    }

    /// Whether `ignore` lists the header (an entry ending in `*` is a prefix).
    pub fn ignores(&self, header: &str) -> bool {
        let folded;
        let header = if self.auto {
            folded = fold(header);
            folded.as_str()
        } else {
            header
        };
        self.ignore.iter().any(|p| match p.strip_suffix('*') {
            Some(prefix) => header.starts_with(prefix),
            None => p == header,
        })
    }

    /// A cell of a one-value question with its choice label replaced by the mapped value.
    pub fn translate<'a>(&'a self, qi: usize, cell: &'a str) -> &'a str {
        let folded;
        let key = if self.auto {
            folded = fold(cell);
            folded.as_str()
        } else {
            cell
        };
        match self
            .choices
            .get(&qi)
            .and_then(|list| list.iter().find(|(l, _)| l == key))
        {
            Some((_, v)) => v.as_str(),
            None => cell,
        }
    }

    /// The option a label or code stands for (the last part of a `question/option` header).
    pub fn option_for(&self, q: &Questionnaire, qi: usize, label: &str) -> Option<usize> {
        let kind = &q.questions[qi].kind;
        let folded;
        let label = if self.auto {
            folded = fold(label);
            if let Some(i) = kind.option_index(&folded) {
                return Some(i);
            }
            folded.as_str()
        } else {
            label
        };
        let mapped = self
            .choices
            .get(&qi)
            .and_then(|list| list.iter().find(|(l, _)| l == label))
            .map(|(_, v)| v.as_str());
        kind.option_index(mapped.unwrap_or(label))
    }

    /// Splits a multi-select cell into option ids. Items may be separated by `;`, `,` or
    /// spaces, and may be option ids or mapped labels (labels may themselves contain spaces or
    /// commas: at each position the longest known label wins).
    pub fn split_choices(
        &self,
        q: &Questionnaire,
        qi: usize,
        cell: &str,
    ) -> Result<Vec<String>, String> {
        let folded;
        let cell = if self.auto {
            folded = fold(cell);
            folded.as_str()
        } else {
            cell.trim()
        };
        if cell == "[]" {
            return Ok(Vec::new());
        }
        if let Some(v) = self
            .choices
            .get(&qi)
            .and_then(|list| list.iter().find(|(l, _)| l == cell))
            .map(|(_, v)| v)
        {
            return Ok(if v == "[]" {
                Vec::new()
            } else {
                vec![v.clone()]
            });
        }
        let kind = &q.questions[qi].kind;
        let mut known: Vec<(&str, &str)> = self
            .choices
            .get(&qi)
            .map(|l| l.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect())
            .unwrap_or_default();
        let ids = kind.option_ids();
        known.extend(ids.iter().map(|id| (id.as_str(), id.as_str())));
        known.sort_by_key(|(label, _)| std::cmp::Reverse(label.len()));
        let is_sep = |c: char| c == ';' || c == ',' || c.is_whitespace();
        let mut out = Vec::new();
        let mut rest = cell;
        loop {
            rest = rest.trim_start_matches(is_sep);
            if rest.is_empty() {
                break;
            }
            let hit = known.iter().find(|(label, _)| {
                rest.starts_with(label) && rest[label.len()..].chars().next().is_none_or(is_sep)
            });
            match hit {
                Some((label, value)) => {
                    if *value != "[]" {
                        out.push((*value).to_string());
                    }
                    rest = &rest[label.len()..];
                }
                None => {
                    let stop = if cell.contains([';', ',']) {
                        rest.find([';', ','])
                    } else {
                        rest.find(char::is_whitespace)
                    };
                    let item = rest[..stop.unwrap_or(rest.len())].trim();
                    return Err(crate::words::msg().not_a_choice(item, &ids.join(", "), self.auto));
                }
            }
        }
        Ok(out)
    }

    /// A date cell as the mapping says dates are written; a time after the date is ignored.
    pub fn parse_date(&self, cell: &str) -> Option<Date> {
        let cell = cell.trim();
        let date_part = cell.split(['T', ' ']).next().unwrap_or(cell);
        let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let num = |s: &str| -> Option<i32> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (y, m, d) = if a.len() == 4 {
            (num(a)?, num(b)?, num(c)?)
        } else {
            match self.dates {
                DateOrder::Iso => return None,
                DateOrder::Dmy => (num(c)?, num(b)?, num(a)?),
                DateOrder::Mdy => (num(c)?, num(a)?, num(b)?),
                DateOrder::Unambiguous => {
                    let (x, y) = (num(a)?, num(b)?);
                    if x == y || (x > 12 && y <= 12) {
                        (num(c)?, y, x)
                    } else if y > 12 && x <= 12 {
                        (num(c)?, x, y)
                    } else {
                        return None;
                    }
                }
            }
        };
        if !(1000..=9999).contains(&y) {
            return None;
        }
        Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok()
    }
}

/// `enterprise_name`, `channels/website`, `assessed_on`, `ignore`, …
fn parse_target(q: &Questionnaire, target: &str) -> Result<Target, String> {
    match target {
        "assessed_on" => return Ok(Target::AssessedOn),
        "assessed_on_fallback" => return Ok(Target::DateFallback),
        "language" => return Ok(Target::Language),
        "notes" => return Ok(Target::Notes),
        "ignore" => return Ok(Target::Ignore),
        _ => {}
    }
    if let Some(qi) = q.question_index(target) {
        return Ok(Target::Question(qi));
    }
    if let Some((qid, opt)) = target.split_once('/')
        && let Some(qi) = q.question_index(qid)
    {
        let kind = &q.questions[qi].kind;
        if !matches!(kind, Kind::Multi { .. }) {
            return Err(format!(
                "`{target}`: a 0/1 column needs a multi question, and `{qid}` is {}",
                kind.name()
            ));
        }
        return kind
            .option_index(opt)
            .map(|oi| Target::Flag(qi, oi))
            .ok_or_else(|| {
                format!(
                    "`{target}`: `{opt}` is not an option of `{qid}` (expected one of: {})",
                    kind.option_ids().join(", ")
                )
            });
    }
    Err(format!(
        "`{target}` is not a question id of `{}` (nor question/option, assessed_on, language, notes, ignore)",
        q.id
    ))
}

/// The name of a question in an XLSForm: its id, or `q_<id>` when the id does not start with
/// a letter (XML names cannot start with a digit).
pub fn xlsform_name(id: &str) -> String {
    if id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.to_string()
    } else {
        format!("q_{id}")
    }
}

/// A scale value with its label, as the intake workbook's dropdown lists it: `3 – Khá`.
pub fn scale_entry(value: &str, label: &str) -> String {
    if label.is_empty() {
        value.to_string()
    } else {
        format!("{value} – {label}")
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "yes" } else { "no" }.to_string()),
        Value::Sequence(s) if s.is_empty() => Some("[]".to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{DateOrder, Mapping, Target};
    use crate::questionnaire::Questionnaire;

    fn mini() -> Questionnaire {
        let text = include_str!("../../tests/fixtures/mini/mini.yaml");
        crate::questionnaire::from_str("mini.yaml", text).unwrap().0
    }

    const MAP: &str = r#"
format: 1
questionnaire: mini
dates: dmy
identifier: _uuid
columns:
  "Tên doanh nghiệp": enterprise_name
  "Dấu thời gian": assessed_on
  "Kênh bán hàng": channels
  "Kênh/Web": channels/website
  "Ngành": sector
choices:
  sector: { "Sản xuất": manufacturing, "Dịch vụ": services }
  channels: { "Website": website, "Sàn TMĐT": marketplace, "Mạng xã hội, Zalo": social, "Không có": none }
  sells_online: { "Có": "yes", "Không": "no" }
ignore: [start, "meta/*"]
"#;

    #[test]
    fn reads_columns_choices_and_ignores() {
        let q = mini();
        let (m, _) = Mapping::from_str(&q, "m.yaml", MAP).unwrap();
        let channels = q.question_index("channels").unwrap();
        assert_eq!(m.column("Kênh bán hàng"), Some(Target::Question(channels)));
        assert_eq!(m.column("Kênh/Web"), Some(Target::Flag(channels, 0)));
        assert_eq!(m.column("Dấu thời gian"), Some(Target::AssessedOn));
        assert!(m.ignores("start") && m.ignores("meta/instanceID") && !m.ignores("end"));
        assert_eq!(
            m.translate(q.question_index("sector").unwrap(), "Dịch vụ"),
            "services"
        );
        assert_eq!(
            m.translate(q.question_index("sector").unwrap(), "services"),
            "services"
        );
        assert_eq!(m.identifier.as_deref(), Some("_uuid"));
        assert_eq!(m.dates, DateOrder::Dmy);
    }

    #[test]
    fn multi_cells_split_on_any_separator_and_labels_with_commas() {
        let q = mini();
        let (m, _) = Mapping::from_str(&q, "m.yaml", MAP).unwrap();
        let qi = q.question_index("channels").unwrap();
        let ok = |cell: &str| m.split_choices(&q, qi, cell).unwrap();
        assert_eq!(ok("website;marketplace"), ["website", "marketplace"]);
        assert_eq!(ok("website marketplace"), ["website", "marketplace"]);
        assert_eq!(ok("website, marketplace"), ["website", "marketplace"]);
        assert_eq!(
            ok("Website, Sàn TMĐT, Mạng xã hội, Zalo"),
            ["website", "marketplace", "social"]
        );
        assert_eq!(ok("Không có"), ["none"]);
        assert!(ok("[]").is_empty());
        let err = m.split_choices(&q, qi, "Website, Tiktok shop").unwrap_err();
        assert!(err.contains("`Tiktok shop`"), "{err}");
    }

    #[test]
    fn dates_in_the_declared_order() {
        let q = mini();
        let (m, _) = Mapping::from_str(&q, "m.yaml", MAP).unwrap();
        assert_eq!(
            m.parse_date("27/11/2026 10:15:42").unwrap().to_string(),
            "2026-11-27"
        );
        assert_eq!(
            m.parse_date("2026-11-27T08:15:42.123+07:00")
                .unwrap()
                .to_string(),
            "2026-11-27"
        );
        assert!(m.parse_date("31/02/2026").is_none());
        assert!(m.parse_date("hôm qua").is_none());
        let us = Mapping {
            dates: DateOrder::Mdy,
            ..m.clone()
        };
        assert_eq!(
            us.parse_date("11/27/2026").unwrap().to_string(),
            "2026-11-27"
        );
        let iso = Mapping {
            dates: DateOrder::Iso,
            ..m
        };
        assert!(iso.parse_date("27/11/2026").is_none());
    }

    #[test]
    fn every_problem_is_reported() {
        let q = mini();
        let bad = r#"
format: 1
questionnaire: other
dates: ydm
columns:
  "A": nope
  "B": sector/manufacturing
  "C": channels/tiktok
choices:
  nope: { x: y }
  sector: { "Xây dựng": construction }
  enterprise_name: { a: b }
"#;
        let err = Mapping::from_str(&q, "m.yaml", bad).unwrap_err();
        let lines = err.lines();
        assert_eq!(lines.len(), 8, "{lines:#?}");
        let all = lines.join("\n");
        for needle in [
            "questionnaire `other`",
            "ydm",
            "`nope` is not a question id",
            "needs a multi question",
            "`tiktok` is not an option",
            "unknown question id `nope`",
            "`construction` is not an option",
            "no choices to map",
        ] {
            assert!(all.contains(needle), "missing {needle:?} in\n{all}");
        }
    }
}
