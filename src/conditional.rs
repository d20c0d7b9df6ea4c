//! Conditional text (docs/reference/formats.md): text that depends on the answers, such as a national
//! program's contact office that is the enterprise's own province, or advice that differs
//! for a household business. Written as plain text or as a list of `{ when, text }` cases;
//! the first case whose `when` holds wins, and a list where no case holds gives no text.
//!
//! Advice (docs/reference/formats.md) is conditional text whose cases may be marked `urgent: true`
//! (a legal obligation or a deadline: it comes first in the action plan).
//!
//! Conditions inside a questionnaire can only be checked once every question is known, so
//! building is in two steps: [`build_advice`] and [`build_text`] turn the raw form into
//! cases without conditions and return the pending ones, and [`Pending::resolve`] fills
//! them in.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use serde_yaml::Value;

use crate::condition::{self, Condition, Env, RawCondition, Scope};
use crate::diagnostic::Diagnostics;
use crate::questionnaire::Questionnaire;
use crate::text::{RawText, Text};
use crate::yaml::{Path, index, key};

/// Conditional text as written: text, or a list of cases (the first whose `when` holds wins).
#[derive(Clone, Debug, JsonSchema)]
#[schemars(untagged)]
pub enum RawCondText {
    Cases(Vec<RawTextCase>),
    Text(RawText),
}

/// One case of a conditional text.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTextCase {
    /// When this case applies; no `when`: always (usually the last case).
    #[serde(default)]
    pub when: Option<RawCondition>,
    pub text: RawText,
}

/// Advice as written: text; `{ text, urgent }`; or a list of `{ when, text, urgent }` cases.
#[derive(Clone, Debug, JsonSchema)]
#[schemars(untagged)]
pub enum RawAdvice {
    Cases(Vec<RawAdviceCase>),
    Marked(Box<RawAdviceCase>),
    Text(RawText),
}

/// One case of advice (or advice with `urgent`).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAdviceCase {
    /// When this case applies; no `when`: always.
    #[serde(default)]
    pub when: Option<RawCondition>,
    pub text: RawText,
    /// A legal obligation or a deadline: shown first in the action plan.
    #[serde(default)]
    pub urgent: Option<bool>,
}

fn cases_from<'de, D, C>(list: Vec<Value>, what: &str) -> Result<Vec<C>, D::Error>
where
    D: Deserializer<'de>,
    C: serde::de::DeserializeOwned,
{
    list.into_iter()
        .enumerate()
        .map(|(i, c)| {
            serde_yaml::from_value(c)
                .map_err(|e| serde::de::Error::custom(format!("{what} case {}: {e}", i + 1)))
        })
        .collect()
}

impl<'de> Deserialize<'de> for RawCondText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        if let Value::Sequence(list) = v {
            return cases_from::<D, RawTextCase>(list, "text").map(RawCondText::Cases);
        }
        serde_yaml::from_value(v)
            .map(RawCondText::Text)
            .map_err(|_| {
                serde::de::Error::custom(
                    "expected text: a string, a map of language → string, or a list of `{ when, text }` cases",
                )
            })
    }
}

impl<'de> Deserialize<'de> for RawAdvice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        if let Value::Sequence(list) = v {
            return cases_from::<D, RawAdviceCase>(list, "advice").map(RawAdvice::Cases);
        }
        if v.get("text").is_some() {
            return serde_yaml::from_value(v)
                .map(|c| RawAdvice::Marked(Box::new(c)))
                .map_err(|e| serde::de::Error::custom(format!("advice: {e}")));
        }
        serde_yaml::from_value(v).map(RawAdvice::Text).map_err(|_| {
            serde::de::Error::custom(
                "expected advice: a string, a map of language → string, `{ text, urgent }`, or a list of `{ when, text, urgent }` cases",
            )
        })
    }
}

/// One case of a validated conditional value.
#[derive(Clone, Debug, PartialEq)]
pub struct Case<T> {
    pub when: Option<Condition>,
    pub value: T,
}

/// A validated conditional value: the first case whose condition holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Conditional<T> {
    pub cases: Vec<Case<T>>,
}

impl<T> Default for Conditional<T> {
    fn default() -> Self {
        Conditional { cases: Vec::new() }
    }
}

/// A piece of advice.
#[derive(Clone, Debug, PartialEq)]
pub struct AdviceText {
    pub text: Text,
    /// A legal obligation or a deadline.
    pub urgent: bool,
}

/// Advice: conditional, each case possibly urgent.
pub type Advice = Conditional<AdviceText>;
/// Conditional text (program provider, benefit, how to apply, contact).
pub type CondText = Conditional<Text>;

impl<T> Conditional<T> {
    /// A value that does not depend on the answers.
    pub fn fixed(value: T) -> Self {
        Conditional {
            cases: vec![Case { when: None, value }],
        }
    }

    /// The value for one assessment: the first case whose `when` holds, if any.
    pub fn resolve(&self, env: &dyn Env) -> Option<&T> {
        self.cases
            .iter()
            .find(|c| c.when.as_ref().is_none_or(|w| w.eval(env)))
            .map(|c| &c.value)
    }

    /// Every case's value (what the text can be, whatever the answers).
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.cases.iter().map(|c| &c.value)
    }

    /// True when some case always holds (no `when`): the text is never missing.
    pub fn always(&self) -> bool {
        self.cases.iter().any(|c| c.when.is_none())
    }
}

/// A case's condition still to be validated (once the questionnaire exists).
#[derive(Clone, Debug)]
pub struct Pending {
    pub case: usize,
    pub raw: RawCondition,
    pub path: Path,
}

impl Pending {
    /// Validates the pending conditions into `target`'s cases.
    pub fn resolve<T>(
        pending: &[Pending],
        target: &mut Conditional<T>,
        q: &Questionnaire,
        scope: Scope,
        diags: &mut Diagnostics,
        owner: Option<&str>,
    ) {
        for p in pending {
            let c = condition::validate(&p.raw, q, scope, diags, &p.path, owner);
            if let Some(case) = target.cases.get_mut(p.case) {
                case.when = c;
            }
        }
    }
}

/// The parts of a raw conditional value: (when, text, urgent) per case.
type RawParts<'a> = Vec<(Option<&'a RawCondition>, &'a RawText, Option<bool>)>;

fn build_cases<T>(
    parts: RawParts,
    listed: bool,
    languages: &[String],
    diags: &mut Diagnostics,
    path: &Path,
    id: Option<&str>,
    make: impl Fn(Text, bool) -> T,
) -> (Conditional<T>, Vec<Pending>) {
    let mut cases = Vec::with_capacity(parts.len());
    let mut pending = Vec::new();
    if listed && parts.is_empty() {
        diags.error(
            path,
            id,
            "a list of cases needs at least one `{ when, text }` case",
        );
    }
    let last = parts.len().saturating_sub(1);
    for (i, (when, text, urgent)) in parts.into_iter().enumerate() {
        let cp = if listed { index(path, i) } else { path.clone() };
        let tp = if listed || urgent.is_some() || when.is_some() {
            key(&cp, "text")
        } else {
            cp.clone()
        };
        let t = Text::from_raw(text, languages, diags, &tp, id);
        match when {
            Some(w) => pending.push(Pending {
                case: i,
                raw: w.clone(),
                path: key(&cp, "when"),
            }),
            None if listed && i != last => diags.warning(
                &cp,
                id,
                "a case without `when` always applies, so the cases after it are never used",
            ),
            None => {}
        }
        cases.push(Case {
            when: None,
            value: make(t, urgent.unwrap_or(false)),
        });
    }
    (Conditional { cases }, pending)
}

/// Builds conditional text; conditions are returned pending.
pub fn build_text(
    raw: &RawCondText,
    languages: &[String],
    diags: &mut Diagnostics,
    path: &Path,
    id: Option<&str>,
) -> (CondText, Vec<Pending>) {
    let (parts, listed): (RawParts, bool) = match raw {
        RawCondText::Text(t) => (vec![(None, t, None)], false),
        RawCondText::Cases(list) => (
            list.iter()
                .map(|c| (c.when.as_ref(), &c.text, None))
                .collect(),
            true,
        ),
    };
    build_cases(parts, listed, languages, diags, path, id, |t, _| t)
}

/// Builds advice; conditions are returned pending.
pub fn build_advice(
    raw: &RawAdvice,
    languages: &[String],
    diags: &mut Diagnostics,
    path: &Path,
    id: Option<&str>,
) -> (Advice, Vec<Pending>) {
    let (parts, listed): (RawParts, bool) = match raw {
        RawAdvice::Text(t) => (vec![(None, t, None)], false),
        RawAdvice::Marked(c) => (vec![(c.when.as_ref(), &c.text, c.urgent)], false),
        RawAdvice::Cases(list) => (
            list.iter()
                .map(|c| (c.when.as_ref(), &c.text, c.urgent))
                .collect(),
            true,
        ),
    };
    build_cases(parts, listed, languages, diags, path, id, |text, urgent| {
        AdviceText { text, urgent }
    })
}

/// Builds conditional text and validates its conditions at once (the catalog, where the
/// questionnaire is known).
pub fn text_now(
    raw: &RawCondText,
    q: &Questionnaire,
    scope: Scope,
    diags: &mut Diagnostics,
    path: &Path,
    id: Option<&str>,
) -> CondText {
    let (mut t, pending) = build_text(raw, &q.languages, diags, path, id);
    Pending::resolve(&pending, &mut t, q, scope, diags, id);
    t
}
