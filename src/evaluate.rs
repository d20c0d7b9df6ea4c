//! Which questions are asked, which dimensions apply and what the facts are, for one set
//! of answers. Conditions only ever look at earlier questions, so one pass in interview
//! order settles everything.

use jiff::civil::Date;

use crate::condition::Env;
use crate::questionnaire::{AnswerValue, Questionnaire, Section};

/// Visibility, applicability and facts for one set of answers.
#[derive(Clone, Debug)]
pub struct Evaluation<'a> {
    /// The answers given, by question index (whether asked or not; see [`Env::answer`]).
    pub given: &'a [Option<AnswerValue>],
    pub assessed_on: Date,
    /// By question index: asked (its dimension applies and its `show_if` holds).
    pub visible: Vec<bool>,
    /// By dimension index.
    pub applicable: Vec<bool>,
    /// By fact index: the index of its value (`Fact::values`), from the first matching case.
    pub facts: Vec<Option<usize>>,
    /// By dimension index, once scored (catalog `score:` conditions read them).
    pub scores: Vec<Option<f64>>,
    pub overall: Option<f64>,
}

impl<'a> Evaluation<'a> {
    /// The evaluation of `given` (by question index) on `assessed_on`. For an
    /// [`crate::answers::Answers`], `answers.evaluate(q)` says the same.
    pub fn new(q: &Questionnaire, given: &'a [Option<AnswerValue>], assessed_on: Date) -> Self {
        let mut e = Evaluation {
            given,
            assessed_on,
            visible: vec![false; q.questions.len()],
            applicable: vec![false; q.dimensions.len()],
            facts: vec![None; q.facts.len()],
            scores: vec![None; q.dimensions.len()],
            overall: None,
        };
        let mut current: Option<usize> = None;
        for (i, question) in q.questions.iter().enumerate() {
            if let Section::Dimension(d) = question.section
                && current != Some(d)
            {
                if current.is_none() {
                    e.compute_facts(q);
                }
                current = Some(d);
                e.applicable[d] = q.dimensions[d]
                    .applies_if
                    .as_ref()
                    .is_none_or(|c| c.eval(&e));
            }
            let in_scope = match question.section {
                Section::Profile => true,
                Section::Dimension(d) => e.applicable[d],
            };
            e.visible[i] = in_scope && question.show_if.as_ref().is_none_or(|c| c.eval(&e));
        }
        if current.is_none() {
            e.compute_facts(q);
        }
        // Dimensions without questions never reach the loop; validation forbids them.
        e
    }

    fn compute_facts(&mut self, q: &Questionnaire) {
        for (fi, fact) in q.facts.iter().enumerate() {
            self.facts[fi] = fact
                .cases
                .iter()
                .find(|c| c.when.as_ref().is_none_or(|w| w.eval(self)))
                .map(|c| c.value);
        }
    }

    /// The value id of a fact, e.g. `micro`.
    pub fn fact_value<'q>(&self, q: &'q Questionnaire, fi: usize) -> Option<&'q str> {
        self.facts[fi].map(|v| q.facts[fi].values[v].id.as_str())
    }
}

impl Env for Evaluation<'_> {
    fn answer(&self, q: usize) -> Option<&AnswerValue> {
        if *self.visible.get(q)? {
            self.given.get(q).and_then(Option::as_ref)
        } else {
            None
        }
    }

    fn fact(&self, f: usize) -> Option<usize> {
        self.facts.get(f).copied().flatten()
    }

    fn score(&self, dim: Option<usize>) -> Option<f64> {
        match dim {
            None => self.overall,
            Some(d) => self.scores.get(d).copied().flatten(),
        }
    }

    fn assessed_on(&self) -> Date {
        self.assessed_on
    }
}
