//! The next steps of one assessment (docs/reference/formats.md, "Advice: a next step wherever there is a
//! gap"): for every scored question short of full points, the advice that applies to its
//! answer — the chosen option's, the unticked `multi` options' (what to do to earn them), the
//! scale label's or number band's, else the question's own — resolved against the answers
//! (advice is conditional text). A question hidden by `show_if` gives its own advice only when
//! its gate question has none to give, so "sell online" and "which channels" do not repeat.

use crate::answers::AnswerValue;
use crate::conditional::{Advice, AdviceText};
use crate::evaluate::Evaluation;
use crate::questionnaire::{Kind, Questionnaire, Section};
use crate::scoring::Scorecard;
use crate::text::Text;

/// How many unticked `multi` options contribute advice at most.
pub const MULTI_STEPS: usize = 3;

/// One piece of advice for one question.
#[derive(Clone, Debug, PartialEq)]
pub struct Step<'q> {
    /// Index into `Questionnaire::questions`.
    pub question: usize,
    pub text: &'q Text,
    /// A legal obligation or a deadline (comes first in the action plan).
    pub urgent: bool,
    /// The share of the question's maximum this step can earn, 0–1.
    pub gain: f64,
}

/// The steps of every question, by question index (empty where there is no gap).
pub fn steps<'q>(q: &'q Questionnaire, card: &Scorecard) -> Vec<Vec<Step<'q>>> {
    let mut out: Vec<Vec<Step<'q>>> = Vec::with_capacity(q.questions.len());
    for qi in 0..q.questions.len() {
        let s = question_steps(q, card, qi, &out);
        out.push(s);
    }
    out
}

fn resolve<'q>(advice: &'q Option<Advice>, env: &Evaluation) -> Option<&'q AdviceText> {
    advice.as_ref().and_then(|a| a.resolve(env))
}

fn question_steps<'q>(
    q: &'q Questionnaire,
    card: &Scorecard,
    qi: usize,
    earlier: &[Vec<Step<'q>>],
) -> Vec<Step<'q>> {
    let question = &q.questions[qi];
    let (Some(ratio), Some(max)) = (card.questions[qi].ratio, card.questions[qi].max) else {
        return Vec::new();
    };
    let Section::Dimension(d) = question.section else {
        return Vec::new();
    };
    if !card.dimensions[d].applicable || ratio >= 1.0 - 1e-9 {
        return Vec::new();
    }
    let env = &card.eval;
    let step = |a: &'q AdviceText, gain: f64| Step {
        question: qi,
        text: &a.text,
        urgent: a.urgent,
        gain,
    };
    let fallback = || -> Vec<Step<'q>> {
        resolve(&question.advice, env)
            .map(|a| step(a, 1.0 - ratio))
            .into_iter()
            .collect()
    };
    if !card.eval.visible[qi] {
        // Hidden by show_if: the gate question speaks first.
        let mut gates = Vec::new();
        if let Some(c) = &question.show_if {
            c.questions(&mut gates);
        }
        let gate_speaks = gates
            .iter()
            .any(|&g| earlier.get(g).is_some_and(|s| !s.is_empty()));
        return if gate_speaks { Vec::new() } else { fallback() };
    }
    let Some(answer) = card.eval.answers.get(qi) else {
        return fallback();
    };
    let specific: Vec<Step<'q>> = match (&question.kind, answer) {
        (Kind::Single { options }, AnswerValue::Choice(i)) => options
            .get(*i)
            .and_then(|o| resolve(&o.advice, env))
            .map(|a| step(a, 1.0 - ratio))
            .into_iter()
            .collect(),
        (Kind::Multi { options, .. }, AnswerValue::Choices(chosen)) => {
            let points = card.questions[qi].points;
            let mut own: Vec<Step<'q>> = chosen
                .iter()
                .filter_map(|&i| options.get(i))
                .filter(|o| o.score <= 0.0)
                .filter_map(|o| resolve(&o.advice, env))
                .map(|a| step(a, 1.0 - ratio))
                .collect();
            let mut unticked: Vec<(f64, Step<'q>)> = options
                .iter()
                .enumerate()
                .filter(|(i, o)| o.score > 0.0 && !chosen.contains(i))
                .filter_map(|(_, o)| {
                    let a = resolve(&o.advice, env)?;
                    let gain = (o.score.min(max - points) / max).clamp(0.0, 1.0 - ratio);
                    Some((o.score, step(a, gain)))
                })
                .collect();
            // Highest score first; ties in option order (stable sort).
            unticked.sort_by(|a, b| b.0.total_cmp(&a.0));
            own.extend(unticked.into_iter().take(MULTI_STEPS).map(|(_, s)| s));
            own
        }
        (
            Kind::Scale {
                min, label_advice, ..
            },
            AnswerValue::Int(v),
        ) => usize::try_from(v - min)
            .ok()
            .and_then(|i| label_advice.get(i))
            .and_then(|a| resolve(a, env))
            .map(|a| step(a, 1.0 - ratio))
            .into_iter()
            .collect(),
        (Kind::Number { bands, .. }, AnswerValue::Number(n)) => bands
            .iter()
            .rev()
            .find(|b| b.min <= *n)
            .and_then(|b| resolve(&b.advice, env))
            .map(|a| step(a, 1.0 - ratio))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    if specific.is_empty() {
        fallback()
    } else {
        specific
    }
}
