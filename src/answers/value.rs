//! Turning one written answer (a YAML value or a CSV cell) into an [`AnswerValue`] for its
//! question, with a message that says what was expected when it does not fit.

use serde_yaml::Value;

use super::{AnswerValue, parse_date};
use crate::questionnaire::{Kind, MAX_TEXT_CHARS, Question};
use crate::words::msg;

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
                        return Err(msg().option_ids_in_list(&crate::yaml::kind(other)));
                    }
                }
            }
            choices(q, ids.iter().map(String::as_str)).map(Some)
        }
        (_, Kind::Multi { .. }) => Err(msg().list_like(
            &q.kind.option_ids().first().cloned().unwrap_or_default(),
            &crate::yaml::kind(v),
        )),
        (Value::Sequence(_) | Value::Mapping(_), _) => {
            Err(msg().expected_found(&expected(q), &crate::yaml::kind(v)))
        }
        (Value::Bool(b), Kind::YesNo { .. }) => Ok(Some(AnswerValue::Bool(*b))),
        (Value::Bool(_), _) => Err(msg().expected_found(&expected(q), &crate::yaml::kind(v))),
        (Value::Number(_), Kind::Text) => Err(msg().text_not_number(&crate::yaml::kind(v))),
        (Value::Number(n), _) => parse_text_answer(q, &n.to_string()).map(Some),
        (Value::String(s), _) => parse_text_answer(q, s).map(Some),
        (Value::Tagged(_), _) => Err(msg().tagged(&expected(q))),
    }
}

/// A text cell (CSV, or a YAML string) as the answer to `q`. Empty text is an error here;
/// callers treat empty CSV cells as "no answer" before calling.
pub fn parse_text_answer(q: &Question, s: &str) -> Result<AnswerValue, String> {
    let t = s.trim();
    match &q.kind {
        Kind::Single { .. } => match q.kind.option_index(t) {
            Some(i) => Ok(AnswerValue::Choice(i)),
            None => Err(msg().not_an_option(t, &q.kind.option_ids().join(", "), true)),
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
            _ => Err(msg().yes_or_no(t)),
        },
        Kind::Scale { min, max, .. } => {
            let n: f64 = t.parse().map_err(|_| {
                msg().expected_found(&msg().whole_number_from(*min, *max), &format!("{t:?}"))
            })?;
            if n.fract() != 0.0 || n < *min as f64 || n > *max as f64 {
                return Err(msg().expected_found(&msg().whole_number_from(*min, *max), t));
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
                .ok_or_else(|| msg().expected_found(&expected(q), &format!("{t:?}")))?;
            if !crate::yaml::number_ok(n) {
                return Err(crate::yaml::number_problem(t, n));
            }
            if *integer && n.fract() != 0.0 {
                return Err(msg().whole_number(t));
            }
            if let Some(lo) = min
                && n < *lo
            {
                return Err(msg().below_minimum(t, &crate::text::trim_number(*lo)));
            }
            if let Some(hi) = max
                && n > *hi
            {
                return Err(msg().above_maximum(t, &crate::text::trim_number(*hi)));
            }
            Ok(AnswerValue::Number(n))
        }
        Kind::Text => {
            let count = s.chars().count();
            if count > MAX_TEXT_CHARS {
                return Err(msg().text_too_long(count, MAX_TEXT_CHARS));
            }
            Ok(AnswerValue::Text(crate::yaml::nfc(s)))
        }
        Kind::Date => parse_date(t)
            .map(AnswerValue::Date)
            .ok_or_else(|| msg().not_a_date(t)),
    }
}

fn choices<'a>(q: &Question, ids: impl Iterator<Item = &'a str>) -> Result<AnswerValue, String> {
    let options = q.kind.options();
    let mut chosen = Vec::new();
    for id in ids {
        let Some(i) = q.kind.option_index(id) else {
            return Err(msg().not_an_option(id, &q.kind.option_ids().join(", "), false));
        };
        if chosen.contains(&i) {
            return Err(msg().listed_twice(id));
        }
        chosen.push(i);
    }
    if chosen.len() > 1
        && let Some(&x) = chosen.iter().find(|&&i| options[i].exclusive)
    {
        return Err(msg().not_combinable(&options[x].id));
    }
    chosen.sort_unstable();
    Ok(AnswerValue::Choices(chosen))
}

fn expected(q: &Question) -> String {
    use crate::words::Expected;
    let ids = q.kind.option_ids().join(", ");
    msg().expected_answer(match &q.kind {
        Kind::Single { .. } => Expected::OneOf(&ids),
        Kind::Multi { .. } => Expected::OptionList,
        Kind::YesNo { .. } => Expected::YesNo,
        Kind::Scale { min, max, .. } => Expected::WholeFrom(*min, *max),
        Kind::Number { integer: true, .. } => Expected::Whole,
        Kind::Number { .. } => Expected::Number,
        Kind::Text => Expected::Text,
        Kind::Date => Expected::Date,
    })
}
