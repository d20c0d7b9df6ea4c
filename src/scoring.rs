//! Exact scoring (docs/reference/conditions.md): points per question, dimension and overall scores, levels.
//! Pure: `score(&Questionnaire, &Answers) -> Scorecard`.

use crate::answers::{AnswerValue, Answers};
use crate::evaluate::Evaluation;
use crate::questionnaire::{Kind, Question, Questionnaire, Section};

/// The result of scoring one set of answers.
#[derive(Clone, Debug)]
pub struct Scorecard<'a> {
    /// The answers scored.
    pub answers: &'a Answers,
    pub eval: Evaluation<'a>,
    /// By question index.
    pub questions: Vec<QuestionScore>,
    /// By dimension index.
    pub dimensions: Vec<DimensionScore>,
    /// `None` when no dimension applies (the overall is undefined, not 0).
    pub overall: Option<f64>,
    /// Index into `Questionnaire::levels`.
    pub overall_level: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuestionScore {
    /// Earned points `p` (0 when hidden or unanswered).
    pub points: f64,
    /// The question's maximum; `None` for unscored questions.
    pub max: Option<f64>,
    /// `r = p / max` for scored questions.
    pub ratio: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DimensionScore {
    pub applicable: bool,
    /// 0–100, full precision; `None` when not applicable.
    pub score: Option<f64>,
    /// Index into `Questionnaire::levels`.
    pub level: Option<usize>,
}

impl Scorecard<'_> {
    /// How many points the overall score gains when question `qi` earns `gain` more of its
    /// maximum (0–1): `100 · W_d / ΣW · w_q / Σw · gain`, over the applicable dimensions
    /// and the dimension's scored questions (formats.md §4). 0 for a profile question, an
    /// unscored one, or one whose dimension does not apply. The report's action plan orders
    /// its steps by this.
    pub fn overall_gain(&self, q: &Questionnaire, qi: usize, gain: f64) -> f64 {
        let Section::Dimension(d) = q.questions[qi].section else {
            return 0.0;
        };
        if !self.dimensions[d].applicable || self.questions[qi].ratio.is_none() {
            return 0.0;
        }
        let total: f64 = q
            .dimensions
            .iter()
            .zip(&self.dimensions)
            .filter(|(_, s)| s.applicable)
            .map(|(dim, _)| dim.weight)
            .sum();
        let scored: f64 = q.dimensions[d]
            .questions
            .clone()
            .filter(|&i| self.questions[i].ratio.is_some())
            .map(|i| q.questions[i].weight)
            .sum();
        if total <= 0.0 || scored <= 0.0 {
            return 0.0;
        }
        100.0 * q.dimensions[d].weight / total * q.questions[qi].weight / scored * gain
    }
}

/// Points earned by an answer (before the ratio).
pub fn points(question: &Question, answer: &AnswerValue) -> f64 {
    match (&question.kind, answer) {
        (Kind::Single { options }, AnswerValue::Choice(i)) => {
            options.get(*i).map_or(0.0, |o| o.score)
        }
        (
            Kind::Multi {
                options,
                max_points,
            },
            AnswerValue::Choices(list),
        ) => {
            let sum: f64 = list
                .iter()
                .filter_map(|&i| options.get(i))
                .map(|o| o.score)
                .sum();
            match max_points {
                Some(cap) => sum.min(*cap),
                None => sum,
            }
        }
        (Kind::YesNo { yes, no }, AnswerValue::Bool(b)) => {
            if *b {
                *yes
            } else {
                *no
            }
        }
        (Kind::Scale { min, .. }, AnswerValue::Int(v)) => (v - min) as f64,
        (Kind::Number { bands, .. }, AnswerValue::Number(n)) => bands
            .iter()
            .rev()
            .find(|b| b.min <= *n)
            .map_or(0.0, |b| b.score),
        _ => 0.0,
    }
}

/// Scores one set of answers.
pub fn score<'a>(q: &Questionnaire, answers: &'a Answers) -> Scorecard<'a> {
    let mut eval = answers.evaluate(q);
    let questions: Vec<QuestionScore> = q
        .questions
        .iter()
        .enumerate()
        .map(|(i, question)| {
            let max = question.kind.max_points().filter(|_| question.is_scored());
            let points = match (eval.visible[i], answers.get(i)) {
                (true, Some(a)) => points(question, a),
                _ => 0.0,
            };
            let ratio = max.map(|m| (points / m).clamp(0.0, 1.0));
            QuestionScore { points, max, ratio }
        })
        .collect();

    let mut dimensions = Vec::with_capacity(q.dimensions.len());
    let (mut weighted, mut weights) = (0.0, 0.0);
    for (d, dim) in q.dimensions.iter().enumerate() {
        if !eval.applicable[d] {
            dimensions.push(DimensionScore {
                applicable: false,
                score: None,
                level: None,
            });
            continue;
        }
        let (mut num, mut den) = (0.0, 0.0);
        for i in dim.questions.clone() {
            if let Some(r) = questions[i].ratio {
                let w = q.questions[i].weight;
                num += w * r;
                den += w;
            }
        }
        let s = if den > 0.0 { 100.0 * num / den } else { 0.0 };
        eval.scores[d] = Some(s);
        weighted += dim.weight * s;
        weights += dim.weight;
        dimensions.push(DimensionScore {
            applicable: true,
            score: Some(s),
            level: Some(level_index(q, s)),
        });
    }
    let overall = (weights > 0.0).then(|| weighted / weights);
    eval.overall = overall;
    Scorecard {
        answers,
        eval,
        questions,
        overall,
        overall_level: overall.map(|s| level_index(q, s)),
        dimensions,
    }
}

/// Index of the level a score reaches (last `min` ≤ score, with the 1e-9 allowance).
pub fn level_index(q: &Questionnaire, score: f64) -> usize {
    q.levels
        .iter()
        .rposition(|l| l.min <= score + crate::text::EPSILON)
        .unwrap_or(0)
}
