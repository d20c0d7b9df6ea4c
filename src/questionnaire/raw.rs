//! The questionnaire as written in YAML: the serde types that load the file and that the
//! JSON Schema (`dxready schema questionnaire`) is generated from. Nothing here is checked
//! beyond shape; `load.rs` turns these into the validated model.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::condition::{RawCondition, RawScalar};
use crate::conditional::RawAdvice;
use crate::lenient::Lenient;
use crate::text::RawText;

/// A dxready questionnaire (format 1). Keys starting with `x-` are ignored anywhere.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dxready questionnaire")]
pub struct RawQuestionnaire {
    /// Version of the file format; always 1.
    pub format: u32,
    /// Stable id, `[a-z0-9_-]+`; answer files refer to it.
    pub id: String,
    /// The questionnaire's version, recorded in every answers file (quote it: "2026.1").
    pub version: String,
    /// Language codes; the first is the default.
    pub languages: Vec<String>,
    pub title: RawText,
    #[serde(default)]
    pub description: Option<RawText>,
    /// Maturity levels, ascending `min`; the first has `min: 0`.
    pub levels: Vec<Lenient<RawLevel>>,
    /// Facts about the enterprise, asked first, never scored.
    #[serde(default)]
    pub profile: Vec<Lenient<RawQuestion>>,
    /// Derived values: fact id → cases, the first matching case wins.
    #[serde(default)]
    pub facts: BTreeMap<String, Vec<Lenient<RawFactCase>>>,
    pub dimensions: Vec<Lenient<RawDimension>>,
}

/// A maturity level.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    /// Non-negative integer, ascending with `min`.
    pub id: u32,
    /// Lowest score (0–100) that reaches this level.
    pub min: f64,
    pub name: RawText,
    #[serde(default)]
    pub description: Option<RawText>,
}

/// One case of a fact.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFactCase {
    /// The fact's value when this case matches.
    pub value: RawScalar,
    /// When it matches; no `when` means always (the fallback).
    #[serde(default)]
    pub when: Option<RawCondition>,
    /// How the value is shown in reports (dxready extension; default: the value itself).
    #[serde(default)]
    pub label: Option<RawText>,
}

/// A scored area of digital readiness.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    /// `[a-z0-9_]+`, unique, not `overall`.
    pub id: String,
    pub title: RawText,
    #[serde(default)]
    pub description: Option<RawText>,
    /// Weight in the overall score, > 0 (default 1).
    #[serde(default)]
    pub weight: Option<f64>,
    /// When false, the dimension is not applicable: not asked, not scored.
    #[serde(default)]
    pub applies_if: Option<RawCondition>,
    pub questions: Vec<Lenient<RawQuestion>>,
}

/// The question types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    Single,
    Multi,
    Yesno,
    Scale,
    Number,
    Text,
    Date,
}

/// A question (profile or dimension).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Unique across the questionnaire, `[a-z0-9_]+`.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub text: RawText,
    /// Shown on request during the interview.
    #[serde(default)]
    pub help: Option<RawText>,
    /// Default true.
    #[serde(default)]
    pub required: Option<bool>,
    /// ≥ 0, default 1.
    #[serde(default)]
    pub weight: Option<f64>,
    /// Asked only when this holds; may refer only to earlier questions.
    #[serde(default)]
    pub show_if: Option<RawCondition>,
    /// single, multi.
    #[serde(default)]
    pub options: Option<Vec<Lenient<RawOption>>>,
    /// multi: cap on the sum of chosen option scores.
    #[serde(default)]
    pub max_points: Option<f64>,
    /// yesno: points for each answer (default yes: 1, no: 0).
    #[serde(default)]
    pub score: Option<RawYesNoScore>,
    /// scale, number: smallest allowed value.
    #[serde(default)]
    pub min: Option<f64>,
    /// scale, number: largest allowed value.
    #[serde(default)]
    pub max: Option<f64>,
    /// number: forbid fractions.
    #[serde(default)]
    pub integer: Option<bool>,
    /// number: score bands, ascending `min`.
    #[serde(default)]
    pub bands: Option<Vec<RawBand>>,
    /// scale: one label per value from min to max (text, or `{ label, advice }`).
    #[serde(default)]
    pub labels: Option<Vec<RawLabel>>,
    /// What to do next when the answer falls short of full points and nothing more specific
    /// (an option's, a label's or a band's advice) applies; also shown when the question is
    /// hidden by `show_if` and its gate question has no advice to give.
    #[serde(default)]
    pub advice: Option<RawAdvice>,
    /// number: the unit shown after the value, e.g. "tỷ đồng" (dxready extension).
    #[serde(default)]
    pub unit: Option<RawText>,
}

/// An option of a single or multi question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// `[a-z0-9_-]+`, unique within the question.
    pub id: RawScalar,
    pub label: RawText,
    /// Points when chosen, ≥ 0 (default 0).
    #[serde(default)]
    pub score: Option<f64>,
    /// multi only: cannot be combined with another option.
    #[serde(default)]
    pub exclusive: Option<bool>,
    /// What to do next: for `single`, when this option is chosen; for `multi`, when an option
    /// with points is left unticked (or a 0-point option such as `none` is ticked).
    #[serde(default)]
    pub advice: Option<RawAdvice>,
}

/// A scale value's label, optionally with the advice shown for that value.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum RawLabel {
    WithAdvice(Box<RawLabelAdvice>),
    Text(RawText),
}

/// `{ label, advice }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLabelAdvice {
    pub label: RawText,
    #[serde(default)]
    pub advice: Option<RawAdvice>,
}

impl<'de> Deserialize<'de> for RawLabel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_yaml::Value::deserialize(d)?;
        if v.get("label").is_some() {
            return serde_yaml::from_value(v)
                .map(|l| RawLabel::WithAdvice(Box::new(l)))
                .map_err(|e| serde::de::Error::custom(format!("scale label: {e}")));
        }
        serde_yaml::from_value(v).map(RawLabel::Text).map_err(|_| {
            serde::de::Error::custom(
                "expected a scale label: text, a map of language → text, or `{ label, advice }`",
            )
        })
    }
}

impl RawLabel {
    pub fn text(&self) -> &RawText {
        match self {
            RawLabel::WithAdvice(l) => &l.label,
            RawLabel::Text(t) => t,
        }
    }

    pub fn advice(&self) -> Option<&RawAdvice> {
        match self {
            RawLabel::WithAdvice(l) => l.advice.as_ref(),
            RawLabel::Text(_) => None,
        }
    }
}

/// Points of a yesno question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawYesNoScore {
    #[serde(default = "one")]
    pub yes: f64,
    #[serde(default)]
    pub no: f64,
}

fn one() -> f64 {
    1.0
}

/// A score band of a number question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub min: f64,
    pub score: f64,
    /// What to do next when the value falls in this band (and it scores below the maximum).
    #[serde(default)]
    pub advice: Option<RawAdvice>,
}
