//! The questionnaire: what is asked, how answers score, the maturity levels and facts.
//!
//! A [`Questionnaire`] that exists is a valid one (see [`load`]): ids are unique, conditions
//! refer to earlier questions with fitting types, and every question knows its maximum points.
//! Later stages never re-check ids.

mod load;
pub mod raw;
mod value;

use std::collections::HashMap;

pub use load::{from_prepared_json, from_str, from_value, load};
pub use value::AnswerValue;

use crate::condition::Condition;
use crate::conditional::Advice;
use crate::text::Text;

/// The question ids with a role in outputs (docs/reference/formats.md).
pub const ENTERPRISE_NAME: &str = "enterprise_name";
pub const SECTOR: &str = "sector";
pub const PROVINCE: &str = "province";
pub const TAX_CODE: &str = "tax_code";
pub const COMMUNE: &str = "commune";
/// Not a role in docs/reference/formats.md, but the default questionnaire asks it and call lists show it.
pub const CONTACT: &str = "contact";
pub const SIZE_CLASS: &str = "size_class";

/// The largest text answer, in characters after NFC.
pub const MAX_TEXT_CHARS: usize = 2000;

#[derive(Clone, Debug)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub languages: Vec<String>,
    pub title: Text,
    pub description: Option<Text>,
    pub levels: Vec<Level>,
    /// Number of profile questions: `questions[..profile_len]`.
    pub profile_len: usize,
    pub facts: Vec<Fact>,
    pub dimensions: Vec<Dimension>,
    /// All questions in interview order: the profile, then each dimension's.
    pub questions: Vec<Question>,
    index: HashMap<String, usize>,
}

#[derive(Clone, Debug)]
pub struct Level {
    pub id: u32,
    pub min: f64,
    pub name: Text,
    pub description: Option<Text>,
}

/// A derived value (docs/reference/formats.md). Its value is one of `values`, whichever case
/// produced it: several cases may give the same value (one per sector group, say).
#[derive(Clone, Debug)]
pub struct Fact {
    pub id: String,
    /// The distinct values, in the order they first appear among the cases.
    pub values: Vec<FactValue>,
    pub cases: Vec<FactCase>,
}

/// One value a fact can take.
#[derive(Clone, Debug)]
pub struct FactValue {
    /// The id conditions and outputs use, e.g. `micro`.
    pub id: String,
    /// How the value is shown (the first case's `label` that gives one).
    pub label: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct FactCase {
    /// Index into `Fact::values`.
    pub value: usize,
    pub when: Option<Condition>,
}

#[derive(Clone, Debug)]
pub struct Dimension {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    pub weight: f64,
    pub applies_if: Option<Condition>,
    /// Indices into `Questionnaire::questions`.
    pub questions: std::ops::Range<usize>,
}

/// Where a question stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Profile,
    Dimension(usize),
}

#[derive(Clone, Debug)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub text: Text,
    pub help: Option<Text>,
    pub required: bool,
    pub weight: f64,
    pub show_if: Option<Condition>,
    pub section: Section,
    /// The question's own advice (docs/reference/formats.md: the fallback when nothing more specific applies).
    pub advice: Option<Advice>,
}

#[derive(Clone, Debug)]
pub struct Choice {
    pub id: String,
    pub label: Text,
    pub score: f64,
    pub exclusive: bool,
    pub advice: Option<Advice>,
}

#[derive(Clone, Debug)]
pub struct Band {
    pub min: f64,
    pub score: f64,
    pub advice: Option<Advice>,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Single {
        options: Vec<Choice>,
    },
    Multi {
        options: Vec<Choice>,
        max_points: Option<f64>,
    },
    YesNo {
        yes: f64,
        no: f64,
    },
    Scale {
        min: i64,
        max: i64,
        labels: Vec<Text>,
        /// Per value from `min`, when the labels carry advice (else empty).
        label_advice: Vec<Option<Advice>>,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        integer: bool,
        bands: Vec<Band>,
        unit: Option<Text>,
    },
    Text,
    Date,
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Single { .. } => "single",
            Kind::Multi { .. } => "multi",
            Kind::YesNo { .. } => "yesno",
            Kind::Scale { .. } => "scale",
            Kind::Number { .. } => "number",
            Kind::Text => "text",
            Kind::Date => "date",
        }
    }

    /// The options of a single/multi question (empty otherwise).
    pub fn options(&self) -> &[Choice] {
        match self {
            Kind::Single { options } | Kind::Multi { options, .. } => options,
            _ => &[],
        }
    }

    /// Index of an option id; for yesno, `yes` is 0 and `no` is 1.
    pub fn option_index(&self, id: &str) -> Option<usize> {
        match self {
            Kind::YesNo { .. } => match id {
                "yes" | "true" => Some(0),
                "no" | "false" => Some(1),
                _ => None,
            },
            _ => self.options().iter().position(|o| o.id == id),
        }
    }

    pub fn option_ids(&self) -> Vec<String> {
        match self {
            Kind::YesNo { .. } => vec!["yes".into(), "no".into()],
            _ => self.options().iter().map(|o| o.id.clone()).collect(),
        }
    }

    pub fn option_id(&self, i: usize) -> String {
        match self {
            Kind::YesNo { .. } => if i == 0 { "yes" } else { "no" }.to_string(),
            _ => self
                .options()
                .get(i)
                .map(|o| o.id.clone())
                .unwrap_or_default(),
        }
    }

    pub fn option_label(&self, i: usize, lang: &str) -> String {
        match self {
            Kind::YesNo { .. } => {
                let w = &crate::words::of(lang).common;
                if i == 0 { w.yes } else { w.no }
            }
            .to_string(),
            _ => self
                .options()
                .get(i)
                .map(|o| o.label.get(lang).to_string())
                .unwrap_or_default(),
        }
    }

    /// The question's maximum points; `None` for unscored questions.
    pub fn max_points(&self) -> Option<f64> {
        let max = match self {
            Kind::Single { options } => options.iter().map(|o| o.score).fold(0.0, f64::max),
            Kind::Multi {
                options,
                max_points,
            } => match max_points {
                Some(m) => *m,
                None => options.iter().map(|o| o.score.max(0.0)).sum(),
            },
            Kind::YesNo { yes, no } => yes.max(*no),
            Kind::Scale { min, max, .. } => (max - min) as f64,
            Kind::Number { bands, .. } => {
                if bands.is_empty() {
                    return None;
                }
                bands.iter().map(|b| b.score).fold(0.0, f64::max)
            }
            Kind::Text | Kind::Date => return None,
        };
        Some(max)
    }
}

impl Question {
    /// Scored questions count in their dimension: max > 0 and weight > 0, not in the profile.
    pub fn is_scored(&self) -> bool {
        matches!(self.section, Section::Dimension(_))
            && self.weight > 0.0
            && self.kind.max_points().is_some_and(|m| m > 0.0)
    }

    /// The answer as a person reads it, in `lang`.
    pub fn format_answer(&self, a: &AnswerValue, lang: &str) -> String {
        match (a, &self.kind) {
            (AnswerValue::Choice(i), _) => self.kind.option_label(*i, lang),
            (AnswerValue::Choices(list), _) => {
                if list.is_empty() {
                    crate::words::of(lang).common.none_chosen.into()
                } else {
                    list.iter()
                        .map(|&i| self.kind.option_label(i, lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                }
            }
            (AnswerValue::Bool(b), _) => {
                let w = &crate::words::of(lang).common;
                if *b { w.yes } else { w.no }
            }
            .into(),
            (AnswerValue::Int(v), Kind::Scale { min, labels, .. }) => {
                let idx = (*v - *min) as usize;
                match labels.get(idx) {
                    Some(l) => format!("{v} – {}", l.get(lang)),
                    None => v.to_string(),
                }
            }
            (AnswerValue::Int(v), _) => v.to_string(),
            (AnswerValue::Number(n), Kind::Number { unit, .. }) => {
                let s = crate::text::format_number(*n, lang);
                match unit {
                    // "15%", but "12 người", "2,5 tỷ đồng".
                    Some(u) if u.get(lang) == "%" => format!("{s}%"),
                    Some(u) => format!("{s} {}", u.get(lang)),
                    None => s,
                }
            }
            (AnswerValue::Number(n), _) => crate::text::format_number(*n, lang),
            (AnswerValue::Text(t), _) => t.clone(),
            (AnswerValue::Date(d), _) => format_date(*d, lang),
        }
    }
}

/// `27/11/2026` in Vietnamese, `2026-11-27` otherwise.
pub fn format_date(d: jiff::civil::Date, lang: &str) -> String {
    if lang == "vi" {
        format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
    } else {
        d.to_string()
    }
}

impl Fact {
    /// The fact's display name (built-in for `size_class`).
    pub fn title(&self, lang: &str) -> String {
        if self.id == SIZE_CLASS {
            crate::words::of(lang).common.size_class.to_string()
        } else {
            self.id.clone()
        }
    }

    /// The value's display text in `lang` (its id when it has no label).
    pub fn value_label(&self, value: usize, lang: &str) -> String {
        match self.values.get(value) {
            Some(FactValue { label: Some(t), .. }) => t.get(lang).to_string(),
            Some(v) => v.id.clone(),
            None => String::new(),
        }
    }

    /// Index of a value id.
    pub fn value_index(&self, id: &str) -> Option<usize> {
        self.values.iter().position(|v| v.id == id)
    }
}

impl Questionnaire {
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index(id).map(|i| &self.questions[i])
    }

    pub fn profile(&self) -> &[Question] {
        &self.questions[..self.profile_len]
    }

    pub fn default_language(&self) -> &str {
        self.languages.first().map(String::as_str).unwrap_or("en")
    }

    /// Number of scored questions (for `questionnaire show` and the interview).
    pub fn scored_questions(&self) -> usize {
        self.questions.iter().filter(|q| q.is_scored()).count()
    }

    pub fn dimension_index(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }
}
