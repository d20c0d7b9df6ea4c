//! Reading what a person types or ticks: numbers (with a Vietnamese decimal comma or digit
//! groups), dates (`YYYY-MM-DD`, or day/month/year in Vietnamese), text length, and the
//! exclusive options of a multi-choice question. The terminal uses these as live validators,
//! and every reply, from a prompt or from a web form, is checked again by [`check_answer`]
//! (a web form's fields are first read by [`parse_field`]), so `assess` and `serve` accept
//! the same answers and say the same thing when they refuse one.

use jiff::civil::Date;

use crate::answers::AnswerValue;
use crate::questionnaire::{Kind, MAX_TEXT_CHARS, Question};
use crate::text::trim_number;
use crate::words::fill;

/// What a number question accepts.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberSpec {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub integer: bool,
    /// The unit in the interview's language (`người`, `tỷ đồng`).
    pub unit: Option<String>,
}

/// A multi-choice option as the prompt shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct MultiOption {
    pub label: String,
    /// Choosing it means "none of the others" (it cannot be combined).
    pub exclusive: bool,
}

/// A scale's values with their labels (`3 – Trung bình`, or just `3`).
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleSpec {
    pub min: i64,
    pub max: i64,
    /// One display line per value from `min` to `max`.
    pub entries: Vec<String>,
}

impl NumberSpec {
    pub fn of(kind: &Kind, lang: &str) -> Option<NumberSpec> {
        match kind {
            Kind::Number {
                min,
                max,
                integer,
                unit,
                ..
            } => Some(NumberSpec {
                min: *min,
                max: *max,
                integer: *integer,
                unit: unit.as_ref().map(|u| u.get(lang).to_string()),
            }),
            _ => None,
        }
    }

    /// A valid example answer (10, or 2.5 when decimals are allowed), kept inside min..max.
    pub fn example(&self) -> f64 {
        let mut x = if self.integer { 10.0 } else { 2.5 };
        if let Some(hi) = self.max
            && x > hi
        {
            x = if self.integer { hi.floor() } else { hi };
        }
        if let Some(lo) = self.min
            && x < lo
        {
            x = if self.integer { lo.ceil() } else { lo };
        }
        x
    }

    /// `Số nguyên, từ 0 đến 100 000 · ví dụ 10` (the unit is shown with the question).
    pub fn hint(&self, lang: &str) -> String {
        let s = &crate::words::of(lang).interview;
        let mut parts = vec![
            if self.integer {
                s.hint_integer
            } else {
                s.hint_number
            }
            .to_string(),
        ];
        let min = self.min.map(|m| format_number(m, lang));
        let max = self.max.map(|m| format_number(m, lang));
        match (&min, &max) {
            (Some(lo), Some(hi)) => {
                parts[0] = format!(
                    "{}, {}",
                    parts[0],
                    fill(s.hint_range, &[("min", lo), ("max", hi)])
                )
            }
            (Some(lo), None) => {
                parts[0] = format!("{}, {}", parts[0], fill(s.hint_at_least, &[("min", lo)]))
            }
            (None, Some(hi)) => {
                parts[0] = format!("{}, {}", parts[0], fill(s.hint_at_most, &[("max", hi)]))
            }
            (None, None) => {}
        }
        parts.push(fill(
            s.hint_example,
            &[("example", &format_number(self.example(), lang))],
        ));
        parts.join(" · ")
    }
}

impl ScaleSpec {
    pub fn of(kind: &Kind, lang: &str) -> Option<ScaleSpec> {
        match kind {
            Kind::Scale {
                min, max, labels, ..
            } => {
                let entries = (*min..=*max)
                    .map(|v| {
                        let i = usize::try_from(v - min).unwrap_or(usize::MAX);
                        match labels.get(i) {
                            Some(l) => format!("{v} – {}", l.get(lang)),
                            None => v.to_string(),
                        }
                    })
                    .collect();
                Some(ScaleSpec {
                    min: *min,
                    max: *max,
                    entries,
                })
            }
            _ => None,
        }
    }
}

/// `2,5` in Vietnamese, `2.5` otherwise; digit groups of three separated by spaces.
pub fn format_number(n: f64, lang: &str) -> String {
    let plain = trim_number(n);
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    if int.len() > 4 && int.bytes().all(|b| b.is_ascii_digit()) {
        for (k, ch) in int.chars().enumerate() {
            if k > 0 && (int.len() - k) % 3 == 0 {
                grouped.push(' ');
            }
            grouped.push(ch);
        }
    } else {
        grouped.push_str(int);
    }
    let point = if lang == "vi" { "," } else { "." };
    match frac {
        Some(f) => format!("{sign}{grouped}{point}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A typed number: spaces ignored; `2,5` is 2.5 in Vietnamese; `1.500` is 1500 in a
/// Vietnamese whole-number question and `1,500` is 1500 in English.
pub fn parse_number(input: &str, spec: &NumberSpec, lang: &str) -> Result<f64, String> {
    let s = &crate::words::of(lang).interview;
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'' && *c != '_')
        .collect();
    if compact.is_empty() {
        return Err(s.err_required.to_string());
    }
    let normalised = if lang == "vi" {
        if spec.integer && is_grouped(&compact, '.') {
            compact.replace('.', "")
        } else if compact.contains(',') {
            compact.replace('.', "").replacen(',', ".", 1)
        } else {
            compact
        }
    } else if is_grouped(compact.split('.').next().unwrap_or(""), ',') {
        compact.replace(',', "")
    } else {
        compact
    };
    let not_number = || {
        fill(
            s.err_not_number,
            &[("example", &format_number(spec.example(), lang))],
        )
    };
    let only_number_chars = normalised
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !only_number_chars {
        return Err(not_number());
    }
    let n: f64 = normalised.parse().map_err(|_| not_number())?;
    if !n.is_finite() {
        return Err(not_number());
    }
    check_number(n, spec, lang)?;
    Ok(n)
}

/// `1.234.567` with `sep = '.'`: groups of exactly three digits after the first.
fn is_grouped(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest
            .iter()
            .all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whole-number and min/max rules, in the interview's language.
pub fn check_number(n: f64, spec: &NumberSpec, lang: &str) -> Result<(), String> {
    let s = &crate::words::of(lang).interview;
    if !n.is_finite() {
        return Err(fill(
            s.err_not_number,
            &[("example", &format_number(spec.example(), lang))],
        ));
    }
    if spec.integer && n.fract() != 0.0 {
        return Err(s.err_not_integer.to_string());
    }
    if let Some(lo) = spec.min
        && n < lo
    {
        return Err(fill(s.err_below, &[("min", &format_number(lo, lang))]));
    }
    if let Some(hi) = spec.max
        && n > hi
    {
        return Err(fill(s.err_above, &[("max", &format_number(hi, lang))]));
    }
    Ok(())
}

/// A typed date: `YYYY-MM-DD` always; in Vietnamese also day/month/year (`27/11/2026`,
/// `27-11-2026`, `27.11.2026`).
pub fn parse_date(input: &str, lang: &str) -> Result<Date, String> {
    let t = input.trim();
    let err = || crate::words::of(lang).interview.err_date.to_string();
    if let Some(d) = crate::answers::parse_date(t) {
        return Ok(d);
    }
    if lang != "vi" {
        return Err(err());
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(err());
    };
    let num = |p: &str, max_len: usize| -> Option<i32> {
        if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let (Some(d), Some(m), Some(y)) = (num(d, 2), num(m, 2), num(y, 4)) else {
        return Err(err());
    };
    if y < 1000 {
        return Err(err());
    }
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
        return Err(err());
    };
    Date::new(y, m, d).map_err(|_| err())
}

/// The text length limit.
pub fn check_text(text: &str, lang: &str) -> Result<(), String> {
    let count = text.chars().count();
    if count > MAX_TEXT_CHARS {
        return Err(fill(
            crate::words::of(lang).interview.err_too_long,
            &[
                ("count", &count.to_string()),
                ("max", &MAX_TEXT_CHARS.to_string()),
            ],
        ));
    }
    Ok(())
}

/// A multi-choice selection: known options, each once, an exclusive option alone; and, when
/// the question has an exclusive ("none of these") option, at least one tick (so "none" is
/// said on purpose rather than by pressing Enter too early).
pub fn check_multi(options: &[MultiOption], chosen: &[usize], lang: &str) -> Result<(), String> {
    let s = &crate::words::of(lang).interview;
    for (k, &i) in chosen.iter().enumerate() {
        if i >= options.len() || chosen[..k].contains(&i) {
            return Err(s.err_choice.to_string());
        }
    }
    if chosen.is_empty()
        && let Some(x) = options.iter().find(|o| o.exclusive)
    {
        return Err(fill(s.err_multi_empty, &[("option", &x.label)]));
    }
    if chosen.len() > 1
        && let Some(&x) = chosen.iter().find(|&&i| options[i].exclusive)
    {
        return Err(fill(s.err_exclusive, &[("option", &options[x].label)]));
    }
    Ok(())
}

/// Checks an answer to `question` (from a prompt or a form) and returns it as it is stored:
/// choices in range, a multi-choice selection sorted and without an exclusive option
/// combined, a scale value in range, a number within its rules, text trimmed, within the
/// length limit and in NFC. The message is in `lang`, the words the person sees.
pub fn check_answer(
    question: &Question,
    value: AnswerValue,
    lang: &str,
) -> Result<AnswerValue, String> {
    let s = &crate::words::of(lang).interview;
    match (&question.kind, value) {
        (Kind::Single { options }, AnswerValue::Choice(i)) if i < options.len() => {
            Ok(AnswerValue::Choice(i))
        }
        (Kind::Multi { options, .. }, AnswerValue::Choices(mut list)) => {
            let opts: Vec<MultiOption> = options
                .iter()
                .map(|o| MultiOption {
                    label: o.label.get(lang).to_string(),
                    exclusive: o.exclusive,
                })
                .collect();
            check_multi(&opts, &list, lang)?;
            list.sort_unstable();
            Ok(AnswerValue::Choices(list))
        }
        (Kind::YesNo { .. }, AnswerValue::Bool(b)) => Ok(AnswerValue::Bool(b)),
        (Kind::Scale { min, max, .. }, AnswerValue::Int(v)) if (*min..=*max).contains(&v) => {
            Ok(AnswerValue::Int(v))
        }
        (Kind::Number { .. }, AnswerValue::Number(n)) => {
            let spec = NumberSpec::of(&question.kind, lang).ok_or(s.err_choice)?;
            check_number(n, &spec, lang)?;
            Ok(AnswerValue::Number(n))
        }
        (Kind::Text, AnswerValue::Text(t)) => {
            let t = crate::yaml::nfc(t.trim());
            if t.is_empty() {
                return Err(s.err_required.to_string());
            }
            check_text(&t, lang)?;
            Ok(AnswerValue::Text(t))
        }
        (Kind::Date, AnswerValue::Date(d)) => Ok(AnswerValue::Date(d)),
        _ => Err(s.err_choice.to_string()),
    }
}

/// What a web form sent for `question` (every value of its field, in order) as an answer,
/// checked by [`check_answer`]. `Ok(None)`: nothing was given. Radio buttons send an option
/// id (`yes`/`no` for yes/no questions), checkboxes one option id each, scales the value,
/// numbers and dates what was typed (read as [`parse_number`] and [`parse_date`] read it).
///
/// A form cannot tell "nothing ticked" from "not answered": for a required multi-choice
/// question nothing ticked is the answer `[]` ("none of these", refused when the question
/// has an exclusive option for that), for an optional one it is no answer.
pub fn parse_field(
    question: &Question,
    raw: &[&str],
    lang: &str,
) -> Result<Option<AnswerValue>, String> {
    let s = &crate::words::of(lang).interview;
    let given: Vec<&str> = raw
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    let value = match &question.kind {
        Kind::Multi { .. } => {
            if given.is_empty() && !question.required {
                return Ok(None);
            }
            let mut list = Vec::with_capacity(given.len());
            for id in &given {
                match question.kind.option_index(id) {
                    Some(i) if !list.contains(&i) => list.push(i),
                    _ => return Err(s.err_choice.to_string()),
                }
            }
            AnswerValue::Choices(list)
        }
        _ if given.is_empty() => return Ok(None),
        _ if given.len() > 1 => return Err(s.err_choice.to_string()),
        Kind::Single { .. } => match question.kind.option_index(given[0]) {
            Some(i) => AnswerValue::Choice(i),
            None => return Err(s.err_choice.to_string()),
        },
        Kind::YesNo { .. } => match given[0] {
            "yes" => AnswerValue::Bool(true),
            "no" => AnswerValue::Bool(false),
            _ => return Err(s.err_choice.to_string()),
        },
        Kind::Scale { .. } => match given[0].parse::<i64>() {
            Ok(v) => AnswerValue::Int(v),
            Err(_) => return Err(s.err_choice.to_string()),
        },
        Kind::Number { .. } => {
            let spec = NumberSpec::of(&question.kind, lang).ok_or(s.err_choice)?;
            AnswerValue::Number(parse_number(given[0], &spec, lang)?)
        }
        Kind::Text => AnswerValue::Text(given[0].to_string()),
        Kind::Date => AnswerValue::Date(parse_date(given[0], lang)?),
    };
    check_answer(question, value, lang).map(Some)
}

/// `?` alone asks for the question's explanation in a typed answer.
pub fn is_help_request(input: &str) -> bool {
    input.trim() == "?"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(min: Option<f64>, max: Option<f64>, integer: bool) -> NumberSpec {
        NumberSpec {
            min,
            max,
            integer,
            unit: None,
        }
    }

    #[test]
    fn numbers_in_both_languages() {
        let dec = spec(Some(0.0), None, false);
        assert_eq!(parse_number("2,5", &dec, "vi"), Ok(2.5));
        assert_eq!(parse_number("2.5", &dec, "vi"), Ok(2.5));
        assert_eq!(parse_number(" 12 ", &dec, "en"), Ok(12.0));
        assert_eq!(parse_number("1,500.5", &dec, "en"), Ok(1500.5));
        let int = spec(Some(0.0), Some(100_000.0), true);
        assert_eq!(parse_number("1.500", &int, "vi"), Ok(1500.0));
        assert_eq!(parse_number("12 000", &int, "vi"), Ok(12000.0));
        assert!(parse_number("2,5", &int, "vi").is_err());
        assert!(
            parse_number("abc", &int, "vi")
                .unwrap_err()
                .contains("ví dụ 10")
        );
        assert!(parse_number("inf", &dec, "en").is_err());
        assert!(parse_number("NaN", &dec, "en").is_err());
        assert!(
            parse_number("-1", &int, "en")
                .unwrap_err()
                .contains("must be 0 or more")
        );
        assert!(
            parse_number("200000", &int, "en")
                .unwrap_err()
                .contains("100 000")
        );
    }

    #[test]
    fn examples_fit_the_range() {
        assert_eq!(spec(Some(0.0), Some(100.0), true).example(), 10.0);
        assert_eq!(spec(Some(20.0), Some(100.0), true).example(), 20.0);
        assert_eq!(spec(None, Some(1.0), false).example(), 1.0);
        assert_eq!(format_number(2.5, "vi"), "2,5");
        assert_eq!(format_number(100000.0, "en"), "100 000");
        assert_eq!(format_number(-1234.5, "en"), "-1234.5");
    }

    #[test]
    fn dates() {
        let d: Date = "2026-03-02".parse().unwrap();
        assert_eq!(parse_date("2026-03-02", "en"), Ok(d));
        assert_eq!(parse_date("02/03/2026", "vi"), Ok(d));
        assert_eq!(parse_date("2/3/2026", "vi"), Ok(d));
        assert!(parse_date("02/03/2026", "en").is_err());
        assert!(parse_date("31/02/2026", "vi").is_err());
        assert!(parse_date("hôm qua", "vi").is_err());
    }

    #[test]
    fn exclusive_options() {
        let opts = vec![
            MultiOption {
                label: "A".into(),
                exclusive: false,
            },
            MultiOption {
                label: "B".into(),
                exclusive: false,
            },
            MultiOption {
                label: "None".into(),
                exclusive: true,
            },
        ];
        assert!(check_multi(&opts, &[0, 1], "en").is_ok());
        assert!(check_multi(&opts, &[2], "en").is_ok());
        assert!(
            check_multi(&opts, &[0, 2], "en")
                .unwrap_err()
                .contains("None")
        );
        assert!(check_multi(&opts, &[], "en").unwrap_err().contains("None"));
        assert!(check_multi(&opts, &[5], "en").is_err());
        assert!(check_multi(&opts[..2], &[], "en").is_ok());
    }
}
