//! Turning one written answer (a YAML value or a CSV cell) into an [`AnswerValue`] for its
//! question, with a message that says what was expected when it does not fit.

use serde_yaml::Value;

use super::{AnswerValue, parse_date};
use crate::questionnaire::{Kind, MAX_TEXT_CHARS, Question};

/// A YAML value as the answer to `q`. `Ok(None)` for null (no answer).
pub fn parse_value_answer(q: &Question, v: &Value) -> Result<Option<AnswerValue>, String> {
    match (v, &q.kind) {
        (Value::Null, _) => Ok(None),
        (Value::Sequence(items), Kind::Multi { .. }) => {
            let mut ids = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) => ids.push(s.clone()),
                    Value::Number(n) => ids.push(n.to_string()),
                    other => {
                        return Err(format!(
                            "expected option ids in the list, found {}",
                            crate::yaml::kind(other)
                        ));
                    }
                }
            }
            choices(q, ids.iter().map(String::as_str)).map(Some)
        }
        (_, Kind::Multi { .. }) => Err(format!(
            "expected a list of option ids like [{}] (or [] for none), found {}",
            q.kind.option_ids().first().cloned().unwrap_or_default(),
            crate::yaml::kind(v)
        )),
        (Value::Sequence(_) | Value::Mapping(_), _) => Err(format!(
            "expected {}, found {}",
            expected(q),
            crate::yaml::kind(v)
        )),
        (Value::Bool(b), Kind::YesNo { .. }) => Ok(Some(AnswerValue::Bool(*b))),
        (Value::Bool(_), _) => Err(format!(
            "expected {}, found {}",
            expected(q),
            crate::yaml::kind(v)
        )),
        (Value::Number(_), Kind::Text) => Err(format!(
            "expected text, found {}; put it in quotes (\"…\") so leading zeros and digits are kept",
            crate::yaml::kind(v)
        )),
        (Value::Number(n), _) => parse_text_answer(q, &n.to_string()).map(Some),
        (Value::String(s), _) => parse_text_answer(q, s).map(Some),
        (Value::Tagged(_), _) => Err(format!("expected {}, found a tagged value", expected(q))),
    }
}

/// A text cell (CSV, or a YAML string) as the answer to `q`. Empty text is an error here;
/// callers treat empty CSV cells as "no answer" before calling.
pub fn parse_text_answer(q: &Question, s: &str) -> Result<AnswerValue, String> {
    let t = s.trim();
    match &q.kind {
        Kind::Single { .. } => match q.kind.option_index(t) {
            Some(i) => Ok(AnswerValue::Choice(i)),
            None => Err(format!(
                "`{t}` is not an option of this question (expected one of: {})",
                q.kind.option_ids().join(", ")
            )),
        },
        Kind::Multi { .. } => {
            if t == "[]" {
                return Ok(AnswerValue::Choices(Vec::new()));
            }
            choices(q, t.split(';').map(str::trim).filter(|s| !s.is_empty()))
        }
        Kind::YesNo { .. } => match t.to_ascii_lowercase().as_str() {
            "yes" | "true" => Ok(AnswerValue::Bool(true)),
            "no" | "false" => Ok(AnswerValue::Bool(false)),
            _ => Err(format!("expected yes or no, found {t:?}")),
        },
        Kind::Scale { min, max, .. } => {
            let n: f64 = t
                .parse()
                .map_err(|_| format!("expected a whole number from {min} to {max}, found {t:?}"))?;
            if n.fract() != 0.0 || n < *min as f64 || n > *max as f64 {
                return Err(format!(
                    "expected a whole number from {min} to {max}, found {t}"
                ));
            }
            Ok(AnswerValue::Int(n as i64))
        }
        Kind::Number {
            min, max, integer, ..
        } => {
            let n: f64 = t
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite())
                .ok_or_else(|| format!("expected {}, found {t:?}", expected(q)))?;
            if !crate::yaml::number_ok(n) {
                return Err(crate::yaml::number_problem(t, n));
            }
            if *integer && n.fract() != 0.0 {
                return Err(format!("expected a whole number, found {t}"));
            }
            if let Some(lo) = min
                && n < *lo
            {
                return Err(format!(
                    "{t} is below the minimum {}",
                    crate::condition::trim_number(*lo)
                ));
            }
            if let Some(hi) = max
                && n > *hi
            {
                return Err(format!(
                    "{t} is above the maximum {}",
                    crate::condition::trim_number(*hi)
                ));
            }
            Ok(AnswerValue::Number(n))
        }
        Kind::Text => {
            let count = s.chars().count();
            if count > MAX_TEXT_CHARS {
                return Err(format!(
                    "text is {count} characters, over the limit of {MAX_TEXT_CHARS}"
                ));
            }
            Ok(AnswerValue::Text(crate::yaml::nfc(s)))
        }
        Kind::Date => parse_date(t)
            .map(AnswerValue::Date)
            .ok_or_else(|| format!("expected a date YYYY-MM-DD, found {t:?}")),
    }
}

fn choices<'a>(q: &Question, ids: impl Iterator<Item = &'a str>) -> Result<AnswerValue, String> {
    let options = q.kind.options();
    let mut chosen = Vec::new();
    for id in ids {
        let Some(i) = q.kind.option_index(id) else {
            return Err(format!(
                "`{id}` is not an option of this question (expected some of: {})",
                q.kind.option_ids().join(", ")
            ));
        };
        if chosen.contains(&i) {
            return Err(format!("option `{id}` is listed twice"));
        }
        chosen.push(i);
    }
    if chosen.len() > 1
        && let Some(&x) = chosen.iter().find(|&&i| options[i].exclusive)
    {
        return Err(format!(
            "option `{}` cannot be combined with other options",
            options[x].id
        ));
    }
    chosen.sort_unstable();
    Ok(AnswerValue::Choices(chosen))
}

fn expected(q: &Question) -> String {
    match &q.kind {
        Kind::Single { .. } => format!("one option id ({})", q.kind.option_ids().join(", ")),
        Kind::Multi { .. } => "a list of option ids".into(),
        Kind::YesNo { .. } => "yes or no".into(),
        Kind::Scale { min, max, .. } => format!("a whole number from {min} to {max}"),
        Kind::Number { integer: true, .. } => "a whole number".into(),
        Kind::Number { .. } => "a number".into(),
        Kind::Text => "text".into(),
        Kind::Date => "a date YYYY-MM-DD".into(),
    }
}
