//! What the page templates see: plain serialisable structs built from the questionnaire, the
//! answers (or what was just typed) and the problems found. Every text is raw here; the
//! templates escape it (tera autoescaping of `.html` templates).

use serde::Serialize;

use super::live;
use super::plan::Plan;
use crate::answers::{AnswerValue, Answers};
use crate::interview::input::NumberSpec;
use crate::interview::{FieldError, ScaleSpec};
use crate::questionnaire::{Kind, Questionnaire, Section, format_date};
use crate::words::Serve;
use crate::words::fill;

/// The frame every page shares.
#[derive(Debug, Serialize)]
pub struct Frame<'a> {
    pub lang: &'a str,
    pub w: &'static Serve,
    /// The workshop's title.
    pub title: &'a str,
}

impl<'a> Frame<'a> {
    pub fn new(lang: &'a str, title: &'a str) -> Self {
        Frame {
            lang,
            w: &crate::words::of(lang).serve,
            title,
        }
    }
}

/// One question on a page.
#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub help: Option<String>,
    pub required: bool,
    /// `single`, `multi`, `yesno`, `scale`, `number`, `text` or `date`.
    pub kind: &'static str,
    pub options: Vec<OptionView>,
    /// What the text, number or date box holds.
    pub value: String,
    pub unit: Option<String>,
    /// How to answer (number range, date form, length), in the page's language.
    pub hint: Option<String>,
    pub error: Option<String>,
    /// The condition for the script (JSON), when a gate on this page decides.
    pub show_if: Option<String>,
    /// The note shown without the script: answer only if … (names the gates on this page).
    pub only_if: Option<String>,
    /// Decimal numbers allowed (`inputmode="decimal"`).
    pub decimal: bool,
}

#[derive(Debug, Serialize)]
pub struct OptionView {
    pub value: String,
    pub label: String,
    pub checked: bool,
    pub exclusive: bool,
}

/// What was typed on a page that is shown again (field name → values).
pub type Typed<'a> = &'a [(String, String)];

/// Builds the questions of page `n`: the ones asked with the current answers and the ones a
/// gate on this page may open. `typed`: the values just sent (shown again as typed), else
/// the saved answers are filled in.
pub fn questions(
    q: &Questionnaire,
    plan: &Plan,
    n: usize,
    answers: &Answers,
    typed: Option<Typed>,
    errors: &[FieldError],
    lang: &str,
) -> Vec<QuestionView> {
    let page = &plan.pages[n].questions;
    let eval = answers.evaluate(q);
    let s = &crate::words::of(lang).interview;
    let mut out = Vec::new();
    for qi in page.clone() {
        let question = &q.questions[qi];
        let live = question
            .show_if
            .as_ref()
            .filter(|c| live::depends_on(c, page));
        if !eval.visible[qi] && live.is_none() {
            continue;
        }
        let typed_values: Option<Vec<&str>> = typed.map(|t| {
            t.iter()
                .filter(|(k, _)| *k == question.id)
                .map(|(_, v)| v.as_str())
                .collect()
        });
        let saved = answers.get(qi);
        let is_checked = |value: &str, index: usize| -> bool {
            match &typed_values {
                Some(vs) => vs.contains(&value),
                None => match saved {
                    Some(AnswerValue::Choice(i)) => *i == index,
                    Some(AnswerValue::Choices(list)) => list.contains(&index),
                    Some(AnswerValue::Bool(b)) => (index == 0) == *b,
                    Some(AnswerValue::Int(v)) => value == v.to_string(),
                    _ => false,
                },
            }
        };
        let mut options = Vec::new();
        let mut value = String::new();
        let mut unit = None;
        let mut hint = None;
        let mut decimal = false;
        match &question.kind {
            Kind::Single { options: opts } | Kind::Multi { options: opts, .. } => {
                for (i, o) in opts.iter().enumerate() {
                    options.push(OptionView {
                        checked: is_checked(&o.id, i),
                        value: o.id.clone(),
                        label: o.label.get(lang).to_string(),
                        exclusive: o.exclusive,
                    });
                }
                if matches!(question.kind, Kind::Multi { .. })
                    && !opts.iter().any(|o| o.exclusive)
                    && question.required
                {
                    hint = Some(s.multi_none_hint.to_string());
                }
            }
            Kind::YesNo { .. } => {
                for (i, id) in ["yes", "no"].iter().enumerate() {
                    options.push(OptionView {
                        checked: is_checked(id, i),
                        value: id.to_string(),
                        label: question.kind.option_label(i, lang),
                        exclusive: false,
                    });
                }
            }
            Kind::Scale { .. } => {
                if let Some(spec) = ScaleSpec::of(&question.kind, lang) {
                    for (i, v) in (spec.min..=spec.max).enumerate() {
                        options.push(OptionView {
                            checked: is_checked(&v.to_string(), i),
                            value: v.to_string(),
                            label: spec.entries[i].clone(),
                            exclusive: false,
                        });
                    }
                }
            }
            Kind::Number { .. } => {
                if let Some(spec) = NumberSpec::of(&question.kind, lang) {
                    hint = Some(spec.hint(lang));
                    decimal = !spec.integer;
                    unit = spec.unit.clone();
                }
                value = match (&typed_values, saved) {
                    (Some(vs), _) => vs.first().copied().unwrap_or("").to_string(),
                    (None, Some(v)) => v.as_number().map(plain_number).unwrap_or_default(),
                    _ => String::new(),
                };
            }
            Kind::Text => {
                value = match (&typed_values, saved) {
                    (Some(vs), _) => vs.first().copied().unwrap_or("").to_string(),
                    (None, Some(AnswerValue::Text(t))) => t.clone(),
                    _ => String::new(),
                };
            }
            Kind::Date => {
                value = match (&typed_values, saved) {
                    (Some(vs), _) => vs.first().copied().unwrap_or("").to_string(),
                    (None, Some(AnswerValue::Date(d))) => d.to_string(),
                    _ => String::new(),
                };
            }
        }
        let (show_if, only_if) = match live {
            Some(c) => {
                let mut gates = Vec::new();
                live::questions(c, &mut gates);
                gates.retain(|g| page.contains(g));
                gates.dedup();
                let names: Vec<String> = gates
                    .iter()
                    .map(|&g| format!("«{}»", q.questions[g].text.get(lang)))
                    .collect();
                (
                    Some(live::to_json(c, q, &eval, page).to_string()),
                    Some(fill(
                        crate::words::of(lang).serve.only_if,
                        &[("questions", &names.join(", "))],
                    )),
                )
            }
            None => (None, None),
        };
        out.push(QuestionView {
            id: question.id.clone(),
            text: question.text.get(lang).to_string(),
            help: question.help.as_ref().map(|h| h.get(lang).to_string()),
            required: question.required,
            kind: question.kind.name(),
            options,
            value,
            unit,
            hint,
            error: errors
                .iter()
                .find(|e| e.question == qi)
                .map(|e| e.message.clone()),
            show_if,
            only_if,
            decimal,
        });
    }
    out
}

/// A saved number as a number box shows it: `2.5`, `12` (the box's own format).
fn plain_number(n: f64) -> String {
    crate::text::trim_number(n)
}

/// A section's title in `lang`.
pub fn section_title(q: &Questionnaire, section: Section, lang: &str) -> String {
    match section {
        Section::Profile => crate::words::of(lang).interview.profile_title.to_string(),
        Section::Dimension(d) => q.dimensions[d].title.get(lang).to_string(),
    }
}

/// A section's introduction in `lang`.
pub fn section_intro(q: &Questionnaire, section: Section, lang: &str) -> Option<String> {
    match section {
        Section::Profile => Some(crate::words::of(lang).interview.profile_intro.to_string()),
        Section::Dimension(d) => q.dimensions[d]
            .description
            .as_ref()
            .map(|t| t.get(lang).to_string()),
    }
}

/// One answered (or not) question on the review page.
#[derive(Debug, Serialize)]
pub struct ReviewItem {
    pub question: String,
    pub answer: Option<String>,
}

/// One page's answers on the review page, with the link to change them.
#[derive(Debug, Serialize)]
pub struct ReviewSection {
    pub title: String,
    pub page: usize,
    pub items: Vec<ReviewItem>,
}

/// Every shown page's questions with their answers.
pub fn review(q: &Questionnaire, plan: &Plan, answers: &Answers, lang: &str) -> Vec<ReviewSection> {
    let eval = answers.evaluate(q);
    let mut out = Vec::new();
    for (n, page) in plan.pages.iter().enumerate() {
        if !plan.shown(n, &eval.visible) {
            continue;
        }
        let mut title = section_title(q, page.section, lang);
        if page.parts > 1 {
            title = format!("{title} ({}/{})", page.part + 1, page.parts);
        }
        let items = page
            .questions
            .clone()
            .filter(|&i| eval.visible[i])
            .map(|i| ReviewItem {
                question: q.questions[i].text.get(lang).to_string(),
                answer: answers.get(i).map(|v| match v {
                    AnswerValue::Date(d) => format_date(*d, lang),
                    v => q.questions[i].format_answer(v, lang),
                }),
            })
            .collect();
        out.push(ReviewSection {
            title,
            page: n,
            items,
        });
    }
    out
}
