//! The condition language (docs/reference/conditions.md): its raw form, validation against a questionnaire,
//! evaluation, and the readable "reasons" that explain why a condition held or failed.

use std::fmt::Write as _;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::Diagnostics;
use crate::questionnaire::{AnswerValue, Kind, Questionnaire};
use crate::text::{EPSILON, one_decimal, trim_number};
use crate::words::{Conditions, fill};
use crate::yaml::{Path, key};

/// A scalar written where an id is expected (`is: yes`, `is: 3`, `is: micro`).
#[derive(Clone, Debug, JsonSchema)]
#[schemars(untagged)]
pub enum RawScalar {
    Text(String),
    Bool(bool),
    Number(f64),
}

impl<'de> Deserialize<'de> for RawScalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_yaml::Value::deserialize(d)?;
        match v {
            serde_yaml::Value::String(s) => Ok(RawScalar::Text(s)),
            serde_yaml::Value::Bool(b) => Ok(RawScalar::Bool(b)),
            serde_yaml::Value::Number(n) => Ok(RawScalar::Number(n.as_f64().unwrap_or(0.0))),
            other => Err(serde::de::Error::custom(format!(
                "expected an option id or value, found {}",
                crate::yaml::kind(&other)
            ))),
        }
    }
}

impl RawScalar {
    /// As an id; `true`/`false` become `yes`/`no` (YAML booleans for yesno questions).
    pub fn as_id(&self) -> String {
        match self {
            RawScalar::Text(s) => s.clone(),
            RawScalar::Bool(true) => "yes".into(),
            RawScalar::Bool(false) => "no".into(),
            RawScalar::Number(n) => n.to_string(),
        }
    }
}

/// A condition as written: exactly one form, e.g. `{ question: ID, is: OPTION }`,
/// `{ fact: ID, in: [A, B] }`, `{ score: DIM, below: N }`, `{ all: […] }`, `{ not: … }`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    /// Question id the test applies to.
    #[serde(default)]
    pub question: Option<String>,
    /// Fact id the test applies to.
    #[serde(default)]
    pub fact: Option<String>,
    /// Dimension id (or `overall`) whose score is compared (program catalogs only).
    #[serde(default)]
    pub score: Option<String>,
    /// single / yesno / fact: equals this option id or value.
    #[serde(default)]
    pub is: Option<RawScalar>,
    /// single / yesno / fact: one of these.
    #[serde(default, rename = "in")]
    pub in_: Option<Vec<RawScalar>>,
    /// multi: contains this option.
    #[serde(default)]
    pub has: Option<RawScalar>,
    /// number / scale (or score) ≥ N.
    #[serde(default)]
    pub at_least: Option<f64>,
    /// number / scale ≤ N.
    #[serde(default)]
    pub at_most: Option<f64>,
    /// score < N.
    #[serde(default)]
    pub below: Option<f64>,
    /// date within the N months before the assessment date.
    #[serde(default)]
    pub within_months: Option<u32>,
    /// any answer given (true) or none (false).
    #[serde(default)]
    pub answered: Option<bool>,
    /// every condition holds.
    #[serde(default)]
    pub all: Option<Vec<RawCondition>>,
    /// at least one condition holds.
    #[serde(default)]
    pub any: Option<Vec<RawCondition>>,
    /// the condition does not hold.
    #[serde(default)]
    pub not: Option<Box<RawCondition>>,
}

/// A validated condition: ids resolved to indices into the questionnaire.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// single: option indices; yesno: 0 = yes, 1 = no.
    Is {
        q: usize,
        options: Vec<usize>,
    },
    Has {
        q: usize,
        option: usize,
    },
    AtLeast {
        q: usize,
        n: f64,
    },
    AtMost {
        q: usize,
        n: f64,
    },
    WithinMonths {
        q: usize,
        months: u32,
    },
    Answered {
        q: usize,
        answered: bool,
    },
    /// Value indices into `Fact::values`.
    Fact {
        fact: usize,
        values: Vec<usize>,
    },
    /// `dim: None` is the overall score.
    ScoreBelow {
        dim: Option<usize>,
        n: f64,
    },
    ScoreAtLeast {
        dim: Option<usize>,
        n: f64,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// What a condition may refer to where it stands.
#[derive(Clone, Copy, Debug)]
pub struct Scope {
    /// Questions with an index below this may be used.
    pub questions_before: usize,
    pub facts: bool,
    pub scores: bool,
    /// Why later questions are refused, for the message.
    pub context: &'static str,
}

/// Validates a raw condition, recording every problem.
pub fn validate(
    raw: &RawCondition,
    q: &Questionnaire,
    scope: Scope,
    diags: &mut Diagnostics,
    path: &Path,
    owner: Option<&str>,
) -> Option<Condition> {
    let mut forms: Vec<&str> = Vec::new();
    if raw.question.is_some() {
        forms.push("question");
    }
    if raw.fact.is_some() {
        forms.push("fact");
    }
    if raw.score.is_some() {
        forms.push("score");
    }
    if raw.all.is_some() {
        forms.push("all");
    }
    if raw.any.is_some() {
        forms.push("any");
    }
    if raw.not.is_some() {
        forms.push("not");
    }
    let ops: Vec<&str> = [
        ("is", raw.is.is_some()),
        ("in", raw.in_.is_some()),
        ("has", raw.has.is_some()),
        ("at_least", raw.at_least.is_some()),
        ("at_most", raw.at_most.is_some()),
        ("below", raw.below.is_some()),
        ("within_months", raw.within_months.is_some()),
        ("answered", raw.answered.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, present)| present.then_some(name))
    .collect();

    if forms.len() != 1 {
        let found = if forms.is_empty() {
            "none".to_string()
        } else {
            forms.join(" + ")
        };
        diags.error(
            path,
            owner,
            format!(
                "a condition needs exactly one of `question`, `fact`, `score`, `all`, `any`, `not` (found {found})"
            ),
        );
        return None;
    }
    let combinator = matches!(forms[0], "all" | "any" | "not");
    if combinator {
        if !ops.is_empty() {
            diags.error(
                path,
                owner,
                format!(
                    "`{}` cannot be combined with `{}`",
                    forms[0],
                    ops.join("`, `")
                ),
            );
            return None;
        }
        if let Some(list) = raw.all.as_ref().or(raw.any.as_ref()) {
            let name = forms[0];
            if list.is_empty() {
                diags.error(
                    &key(path, name),
                    owner,
                    format!("`{name}` needs at least one condition"),
                );
                return None;
            }
            let mut out = Vec::with_capacity(list.len());
            let mut ok = true;
            for (i, c) in list.iter().enumerate() {
                match validate(
                    c,
                    q,
                    scope,
                    diags,
                    &crate::yaml::index(&key(path, name), i),
                    owner,
                ) {
                    Some(c) => out.push(c),
                    None => ok = false,
                }
            }
            if !ok {
                return None;
            }
            return Some(if name == "all" {
                Condition::All(out)
            } else {
                Condition::Any(out)
            });
        }
        let inner = raw.not.as_ref()?;
        return validate(inner, q, scope, diags, &key(path, "not"), owner)
            .map(|c| Condition::Not(Box::new(c)));
    }
    if ops.len() != 1 {
        let found = if ops.is_empty() {
            "none".to_string()
        } else {
            ops.join(" + ")
        };
        diags.error(
            path,
            owner,
            format!("`{}` needs exactly one test (is, in, has, at_least, at_most, below, within_months, answered); found {found}", forms[0]),
        );
        return None;
    }
    let op = ops[0];
    match forms[0] {
        "question" => question_leaf(raw, op, q, scope, diags, path, owner),
        "fact" => fact_leaf(raw, op, q, scope, diags, path, owner),
        _ => score_leaf(raw, op, q, scope, diags, path, owner),
    }
}

fn question_leaf(
    raw: &RawCondition,
    op: &str,
    q: &Questionnaire,
    scope: Scope,
    diags: &mut Diagnostics,
    path: &Path,
    owner: Option<&str>,
) -> Option<Condition> {
    let id = raw.question.as_deref().unwrap_or_default();
    let Some(qi) = q.question_index(id) else {
        diags.error(
            &key(path, "question"),
            owner,
            format!("condition refers to unknown question `{id}`"),
        );
        return None;
    };
    if qi >= scope.questions_before {
        diags.error(
            &key(path, "question"),
            owner,
            format!(
                "condition refers to question `{id}`, which {}",
                scope.context
            ),
        );
        return None;
    }
    let question = &q.questions[qi];
    let type_name = question.kind.name();
    let wrong = |diags: &mut Diagnostics, fits: &str| {
        diags.error(
            &key(path, op),
            owner,
            format!("`{op}` does not fit question `{id}` of type `{type_name}` (it fits {fits})"),
        );
        None
    };
    match op {
        "is" | "in" => {
            let values: Vec<String> = match op {
                "is" => raw.is.iter().map(RawScalar::as_id).collect(),
                _ => raw.in_.iter().flatten().map(RawScalar::as_id).collect(),
            };
            if !matches!(question.kind, Kind::Single { .. } | Kind::YesNo { .. }) {
                return wrong(diags, "`single` and `yesno` questions");
            }
            if values.is_empty() {
                diags.error(&key(path, op), owner, "`in` needs at least one option");
                return None;
            }
            let mut options = Vec::new();
            for v in &values {
                match question.kind.option_index(v) {
                    Some(i) => options.push(i),
                    None => {
                        diags.error(
                            &key(path, op),
                            owner,
                            format!(
                                "`{v}` is not an option of question `{id}` (options: {})",
                                question.kind.option_ids().join(", ")
                            ),
                        );
                        return None;
                    }
                }
            }
            Some(Condition::Is { q: qi, options })
        }
        "has" => {
            let Kind::Multi { .. } = question.kind else {
                return wrong(diags, "`multi` questions");
            };
            let v = raw.has.as_ref().map(RawScalar::as_id).unwrap_or_default();
            match question.kind.option_index(&v) {
                Some(option) => Some(Condition::Has { q: qi, option }),
                None => {
                    diags.error(
                        &key(path, "has"),
                        owner,
                        format!(
                            "`{v}` is not an option of question `{id}` (options: {})",
                            question.kind.option_ids().join(", ")
                        ),
                    );
                    None
                }
            }
        }
        "at_least" | "at_most" => {
            if !matches!(question.kind, Kind::Number { .. } | Kind::Scale { .. }) {
                return wrong(diags, "`number` and `scale` questions");
            }
            if op == "at_least" {
                Some(Condition::AtLeast {
                    q: qi,
                    n: raw.at_least.unwrap_or_default(),
                })
            } else {
                Some(Condition::AtMost {
                    q: qi,
                    n: raw.at_most.unwrap_or_default(),
                })
            }
        }
        "within_months" => {
            if !matches!(question.kind, Kind::Date) {
                return wrong(diags, "`date` questions");
            }
            let months = raw.within_months.unwrap_or_default();
            if months > MAX_MONTHS {
                diags.error(
                    &key(path, "within_months"),
                    None,
                    format!(
                        "within_months must be from 0 to {MAX_MONTHS} (100 years), found {months}"
                    ),
                );
                return None;
            }
            Some(Condition::WithinMonths { q: qi, months })
        }
        "answered" => Some(Condition::Answered {
            q: qi,
            answered: raw.answered.unwrap_or(true),
        }),
        _ => {
            diags.error(
                &key(path, op),
                owner,
                format!("`{op}` does not apply to a question (use is, in, has, at_least, at_most, within_months or answered)"),
            );
            None
        }
    }
}

fn fact_leaf(
    raw: &RawCondition,
    op: &str,
    q: &Questionnaire,
    scope: Scope,
    diags: &mut Diagnostics,
    path: &Path,
    owner: Option<&str>,
) -> Option<Condition> {
    let id = raw.fact.as_deref().unwrap_or_default();
    if !scope.facts {
        diags.error(
            &key(path, "fact"),
            owner,
            "facts cannot be used here (facts' own conditions use profile questions only)",
        );
        return None;
    }
    let Some(fi) = q.facts.iter().position(|f| f.id == id) else {
        diags.error(
            &key(path, "fact"),
            owner,
            format!("condition refers to unknown fact `{id}`"),
        );
        return None;
    };
    let fact = &q.facts[fi];
    let values: Vec<String> = match op {
        "is" => raw.is.iter().map(RawScalar::as_id).collect(),
        "in" => raw.in_.iter().flatten().map(RawScalar::as_id).collect(),
        _ => {
            diags.error(
                &key(path, op),
                owner,
                format!("`{op}` does not apply to a fact (use is or in)"),
            );
            return None;
        }
    };
    let mut out = Vec::new();
    for v in values {
        match fact.value_index(&v) {
            Some(i) => out.push(i),
            None => {
                diags.error(
                    &key(path, op),
                    owner,
                    format!(
                        "`{v}` is not a value of fact `{id}` (values: {})",
                        fact.values
                            .iter()
                            .map(|v| v.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                return None;
            }
        }
    }
    Some(Condition::Fact {
        fact: fi,
        values: out,
    })
}

fn score_leaf(
    raw: &RawCondition,
    op: &str,
    q: &Questionnaire,
    scope: Scope,
    diags: &mut Diagnostics,
    path: &Path,
    owner: Option<&str>,
) -> Option<Condition> {
    let id = raw.score.as_deref().unwrap_or_default();
    if !scope.scores {
        diags.error(&key(path, "score"), owner, "`score:` conditions are allowed only in program catalogs, not inside the questionnaire");
        return None;
    }
    let dim = if id == "overall" {
        None
    } else {
        match q.dimensions.iter().position(|d| d.id == id) {
            Some(d) => Some(d),
            None => {
                diags.error(&key(path, "score"), owner, format!("condition refers to unknown dimension `{id}` (use a dimension id or `overall`)"));
                return None;
            }
        }
    };
    match op {
        "below" => Some(Condition::ScoreBelow {
            dim,
            n: raw.below.unwrap_or_default(),
        }),
        "at_least" => Some(Condition::ScoreAtLeast {
            dim,
            n: raw.at_least.unwrap_or_default(),
        }),
        _ => {
            diags.error(
                &key(path, op),
                owner,
                format!("`{op}` does not apply to a score (use below or at_least)"),
            );
            None
        }
    }
}

/// What evaluation needs to know about one assessment.
pub trait Env {
    /// The answer to question `q`, or `None` when it is hidden or unanswered.
    fn answer(&self, q: usize) -> Option<&AnswerValue>;
    /// The value index of fact `f`, if a case matched.
    fn fact(&self, f: usize) -> Option<usize>;
    /// A dimension's score (`None` dim: overall); `None` when not applicable or not scored yet.
    fn score(&self, dim: Option<usize>) -> Option<f64>;
    fn assessed_on(&self) -> Date;
}

impl Condition {
    pub fn eval(&self, env: &dyn Env) -> bool {
        match self {
            Condition::Is { q, options } => match env.answer(*q) {
                Some(AnswerValue::Choice(i)) => options.contains(i),
                Some(AnswerValue::Bool(b)) => options.contains(&if *b { 0 } else { 1 }),
                _ => false,
            },
            Condition::Has { q, option } => match env.answer(*q) {
                Some(AnswerValue::Choices(list)) => list.contains(option),
                _ => false,
            },
            Condition::AtLeast { q, n } => env
                .answer(*q)
                .and_then(AnswerValue::as_number)
                .is_some_and(|v| v >= *n),
            Condition::AtMost { q, n } => env
                .answer(*q)
                .and_then(AnswerValue::as_number)
                .is_some_and(|v| v <= *n),
            Condition::WithinMonths { q, months } => match env.answer(*q) {
                Some(AnswerValue::Date(d)) => within_months(*d, env.assessed_on(), *months),
                _ => false,
            },
            Condition::Answered { q, answered } => env.answer(*q).is_some() == *answered,
            Condition::Fact { fact, values } => {
                env.fact(*fact).is_some_and(|v| values.contains(&v))
            }
            Condition::ScoreBelow { dim, n } => env.score(*dim).is_some_and(|s| s < n - EPSILON),
            Condition::ScoreAtLeast { dim, n } => env.score(*dim).is_some_and(|s| s >= n - EPSILON),
            Condition::All(list) => list.iter().all(|c| c.eval(env)),
            Condition::Any(list) => list.iter().any(|c| c.eval(env)),
            Condition::Not(c) => !c.eval(env),
        }
    }

    /// The leaves that decided the outcome, as sentences in `lang`: for a condition that
    /// holds, the leaves that made it hold; for one that fails, the leaves that made it fail.
    pub fn explain(&self, env: &dyn Env, q: &Questionnaire, lang: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.explain_into(env, q, lang, &mut out);
        out.dedup();
        out
    }

    fn explain_into(&self, env: &dyn Env, q: &Questionnaire, lang: &str, out: &mut Vec<String>) {
        let holds = self.eval(env);
        match self {
            Condition::All(list) | Condition::Any(list) => {
                let is_all = matches!(self, Condition::All(_));
                for c in list {
                    // all+holds: every child; all+fails: failing children;
                    // any+holds: holding children; any+fails: every child.
                    let keep = if is_all == holds {
                        true
                    } else {
                        c.eval(env) == holds
                    };
                    if keep {
                        c.explain_into(env, q, lang, out);
                    }
                }
            }
            Condition::Not(c) => c.explain_into(env, q, lang, out),
            leaf => out.push(leaf.sentence(holds, env, q, lang)),
        }
    }

    fn sentence(&self, holds: bool, env: &dyn Env, q: &Questionnaire, lang: &str) -> String {
        let w = crate::words::of(lang);
        let question_answer = |qi: usize| {
            let question = &q.questions[qi];
            let text = crate::text::short_question(question.text.get(lang));
            match env.answer(qi) {
                Some(a) => (
                    text.to_string(),
                    Some(crate::text::short_labels(&question.format_answer(a, lang))),
                ),
                None => (text.to_string(), None),
            }
        };
        let unanswered = w.common.unanswered;
        match self {
            Condition::Is { q: qi, options } => {
                let (text, answer) = question_answer(*qi);
                let labels = options
                    .iter()
                    .map(|&i| {
                        crate::text::short_labels(&q.questions[*qi].kind.option_label(i, lang))
                    })
                    .collect::<Vec<_>>()
                    .join(" / ");
                match (holds, answer) {
                    (true, Some(a)) => format!("{text}: {a}"),
                    (false, Some(a)) => w.is_not(&text, &a, &labels),
                    (_, None) => format!("{text}: {unanswered}"),
                }
            }
            Condition::Has { q: qi, option } => {
                let (text, answer) = question_answer(*qi);
                let l =
                    crate::text::short_labels(&q.questions[*qi].kind.option_label(*option, lang));
                match (holds, answer) {
                    (true, _) => format!("{text}: {l}"),
                    (false, Some(_)) => w.not_chosen(&text, &l),
                    (false, None) => format!("{text}: {unanswered}"),
                }
            }
            Condition::AtLeast { q: qi, n } | Condition::AtMost { q: qi, n } => {
                let (text, answer) = question_answer(*qi);
                let at_least = matches!(self, Condition::AtLeast { .. });
                let n = trim_number(*n);
                let Some(a) = answer else {
                    return format!("{text}: {unanswered}");
                };
                let rel = match (holds, at_least) {
                    (true, true) => format!("≥ {n}"),
                    (true, false) => format!("≤ {n}"),
                    (false, true) => format!("< {n}"),
                    (false, false) => format!("> {n}"),
                };
                format!("{text}: {a} ({rel})")
            }
            Condition::WithinMonths { q: qi, months } => {
                let (text, answer) = question_answer(*qi);
                let Some(a) = answer else {
                    return format!("{text}: {unanswered}");
                };
                let date = match env.answer(*qi) {
                    Some(AnswerValue::Date(d)) => *d,
                    _ => return format!("{text}: {a}"),
                };
                let on = env.assessed_on();
                let elapsed = months_between(date, on);
                if date > on {
                    return w.after_assessment(&text, &a);
                }
                w.months_before(&text, &a, holds, elapsed, *months)
            }
            Condition::Answered { q: qi, .. } => {
                let (text, answer) = question_answer(*qi);
                match answer {
                    Some(a) => format!("{text}: {a}"),
                    None => format!("{text}: {unanswered}"),
                }
            }
            Condition::Fact { fact, values } => {
                let f = &q.facts[*fact];
                let name = f.title(lang);
                let actual = env.fact(*fact).map(|v| f.value_label(v, lang));
                let wanted = values
                    .iter()
                    .map(|&v| f.value_label(v, lang))
                    .collect::<Vec<_>>()
                    .join(" / ");
                match (holds, actual) {
                    (true, Some(a)) => format!("{name}: {a}"),
                    (false, Some(a)) => w.is_not(&name, &a, &wanted),
                    (_, None) => format!("{name}: {unanswered}"),
                }
            }
            Condition::ScoreBelow { dim, n } | Condition::ScoreAtLeast { dim, n } => {
                let name = match dim {
                    Some(d) => q.dimensions[*d].title.get(lang).to_string(),
                    None => w.common.overall.to_string(),
                };
                let Some(s) = env.score(*dim) else {
                    return format!("{name}: {}", w.common.not_applicable);
                };
                let is_below = matches!(self, Condition::ScoreBelow { .. });
                let s = one_decimal(s, lang);
                let n = trim_number(*n);
                // What the score says about the firm, in words, then the score out of 100;
                // the threshold only where it explains why a program is out of reach.
                let name = w.score_subject(dim.is_some().then_some(name.as_str()));
                w.score_reason(&name, is_below, holds, &n, &s)
            }
            Condition::All(_) | Condition::Any(_) | Condition::Not(_) => String::new(),
        }
    }

    /// Every question index the condition reads.
    pub fn questions(&self, out: &mut Vec<usize>) {
        match self {
            Condition::Is { q, .. }
            | Condition::Has { q, .. }
            | Condition::AtLeast { q, .. }
            | Condition::AtMost { q, .. }
            | Condition::WithinMonths { q, .. }
            | Condition::Answered { q, .. } => out.push(*q),
            Condition::All(l) | Condition::Any(l) => l.iter().for_each(|c| c.questions(out)),
            Condition::Not(c) => c.questions(out),
            Condition::Fact { .. }
            | Condition::ScoreBelow { .. }
            | Condition::ScoreAtLeast { .. } => {}
        }
    }

    /// A one-line rendering for `questionnaire show`, in `lang`'s words (ids stay as written).
    pub fn describe(&self, q: &Questionnaire, lang: &str) -> String {
        let mut s = String::new();
        self.describe_into(q, &crate::words::of(lang).conditions, &mut s);
        s
    }

    fn describe_into(&self, q: &Questionnaire, w: &Conditions, s: &mut String) {
        let qid = |i: &usize| q.questions[*i].id.as_str();
        let _ = match self {
            Condition::Is { q: i, options } => {
                let ids: Vec<String> = options
                    .iter()
                    .map(|&o| q.questions[*i].kind.option_id(o))
                    .collect();
                write!(s, "{} ∈ {{{}}}", qid(i), ids.join(", "))
            }
            Condition::Has { q: i, option } => write!(
                s,
                "{} {} {}",
                qid(i),
                w.has,
                q.questions[*i].kind.option_id(*option)
            ),
            Condition::AtLeast { q: i, n } => write!(s, "{} ≥ {}", qid(i), trim_number(*n)),
            Condition::AtMost { q: i, n } => write!(s, "{} ≤ {}", qid(i), trim_number(*n)),
            Condition::WithinMonths { q: i, months } => s.write_str(&fill(
                w.within_months,
                &[("q", qid(i)), ("months", &months.to_string())],
            )),
            Condition::Answered { q: i, answered } => write!(
                s,
                "{} {}",
                qid(i),
                match answered {
                    true => w.answered,
                    false => w.not_answered,
                }
            ),
            Condition::Fact { fact, values } => {
                let f = &q.facts[*fact];
                let v: Vec<&str> = values.iter().map(|&v| f.values[v].id.as_str()).collect();
                write!(s, "{} ∈ {{{}}}", f.id, v.join(", "))
            }
            Condition::ScoreBelow { dim, n } => write!(
                s,
                "{}({}) < {}",
                w.score,
                dim.map_or("overall", |d| q.dimensions[d].id.as_str()),
                trim_number(*n)
            ),
            Condition::ScoreAtLeast { dim, n } => write!(
                s,
                "{}({}) ≥ {}",
                w.score,
                dim.map_or("overall", |d| q.dimensions[d].id.as_str()),
                trim_number(*n)
            ),
            Condition::All(l) | Condition::Any(l) => {
                let sep = if matches!(self, Condition::All(_)) {
                    w.and
                } else {
                    w.or
                };
                s.push('(');
                for (i, c) in l.iter().enumerate() {
                    if i > 0 {
                        s.push_str(sep);
                    }
                    c.describe_into(q, w, s);
                }
                s.push(')');
                Ok(())
            }
            Condition::Not(c) => {
                s.push_str(w.not);
                c.describe_into(q, w, s);
                Ok(())
            }
        };
    }
}

/// `assessed_on − N months ≤ date ≤ assessed_on`, the day clamped to the month's end
/// (2026-03-31 − 1 month = 2026-02-28).
pub fn within_months(date: Date, assessed_on: Date, months: u32) -> bool {
    date <= assessed_on && date >= months_before(assessed_on, months)
}

/// The largest `within_months`: a century is more than any program's rule needs, and keeps
/// every date computed from it inside the calendar.
pub const MAX_MONTHS: u32 = 1200;

/// The date N months before, the day clamped to the end of that month (the earliest date
/// there is when N reaches before it).
pub fn months_before(d: Date, months: u32) -> Date {
    // jiff clamps the day to the end of a shorter month, as formats.md asks.
    jiff::Span::new()
        .try_months(i64::from(months))
        .and_then(|span| d.checked_sub(span))
        .unwrap_or(Date::MIN)
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
pub fn months_between(from: Date, to: Date) -> u32 {
    if to < from {
        return 0;
    }
    let mut m = (i32::from(to.year()) - i32::from(from.year())) * 12 + i32::from(to.month())
        - i32::from(from.month());
    if months_before(to, m.max(0) as u32) < from {
        m -= 1;
    }
    m.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(months_before(d("2026-03-31"), 1), d("2026-02-28"));
        assert_eq!(months_before(d("2024-03-31"), 1), d("2024-02-29"));
        assert_eq!(months_before(d("2026-11-27"), 12), d("2025-11-27"));
        assert_eq!(months_before(d("2026-01-15"), 2), d("2025-11-15"));
        assert!(within_months(d("2026-02-28"), d("2026-03-31"), 1));
        assert!(!within_months(d("2026-02-27"), d("2026-03-31"), 1));
        assert!(within_months(d("2025-11-27"), d("2026-11-27"), 12));
        assert!(!within_months(d("2025-11-26"), d("2026-11-27"), 12));
        assert!(!within_months(d("2026-11-28"), d("2026-11-27"), 12));
        assert_eq!(months_between(d("2026-05-20"), d("2026-11-27")), 6);
        assert_eq!(months_between(d("2026-05-28"), d("2026-11-27")), 5);
    }
}
