//! The value an answer takes ([`AnswerValue`]): it lives with the question kinds it is a
//! value of, so conditions and the questionnaire can read answers without depending on how
//! answer files are loaded ([`crate::answers`]).

use jiff::civil::Date;
use serde_yaml::Value;

use super::Kind;

/// A validated answer.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerValue {
    /// single: the option's index.
    Choice(usize),
    /// multi: option indices in questionnaire order (`[]` is "none of these").
    Choices(Vec<usize>),
    /// yesno.
    Bool(bool),
    /// scale.
    Int(i64),
    /// number.
    Number(f64),
    Text(String),
    Date(Date),
}

impl AnswerValue {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            AnswerValue::Int(i) => Some(*i as f64),
            AnswerValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as written in an answers file.
    pub fn to_yaml(&self, kind: &Kind) -> Value {
        match self {
            AnswerValue::Choice(i) => Value::String(kind.option_id(*i)),
            AnswerValue::Choices(list) => Value::Sequence(
                list.iter()
                    .map(|&i| Value::String(kind.option_id(i)))
                    .collect(),
            ),
            AnswerValue::Bool(b) => Value::String(if *b { "yes" } else { "no" }.into()),
            AnswerValue::Int(i) => Value::Number((*i).into()),
            AnswerValue::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 9e15 {
                    Value::Number((*n as i64).into())
                } else {
                    Value::Number((*n).into())
                }
            }
            AnswerValue::Text(t) => Value::String(t.clone()),
            AnswerValue::Date(d) => Value::String(d.to_string()),
        }
    }

    /// The value as a CSV cell (docs/reference/formats.md, "CSV and spreadsheets").
    pub fn to_cell(&self, kind: &Kind) -> String {
        match self {
            AnswerValue::Choices(list) if list.is_empty() => "[]".into(),
            AnswerValue::Choices(list) => list
                .iter()
                .map(|&i| kind.option_id(i))
                .collect::<Vec<_>>()
                .join(";"),
            other => match other.to_yaml(kind) {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            },
        }
    }
}
