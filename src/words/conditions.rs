//! The words of conditions: the reasons a report gives for a program (one sentence per
//! condition, saying what the answers were) and the one-line form `questionnaire show` prints.

use super::Words;

/// The operators of a condition written on one line (`questionnaire show`).
#[derive(Debug)]
pub struct Conditions {
    /// `sells_online has website`.
    pub has: &'static str,
    /// `{q} within {months} months`.
    pub within_months: &'static str,
    pub answered: &'static str,
    pub not_answered: &'static str,
    /// `score(overall) < 40`.
    pub score: &'static str,
    /// Between the parts of `all`, with its spaces.
    pub and: &'static str,
    pub or: &'static str,
    /// Before a negated condition, with its space.
    pub not: &'static str,
}

pub const VI: Conditions = Conditions {
    has: "có",
    within_months: "{q} trong vòng {months} tháng",
    answered: "đã trả lời",
    not_answered: "chưa trả lời",
    score: "điểm",
    and: " và ",
    or: " hoặc ",
    not: "không phải ",
};

pub const EN: Conditions = Conditions {
    has: "has",
    within_months: "{q} within {months} months",
    answered: "answered",
    not_answered: "unanswered",
    score: "score",
    and: " and ",
    or: " or ",
    not: "not ",
};

/// A reason: what an answer (or a fact) was, and what the condition wanted. `subject` is the
/// question as a short label, or the fact's name.
impl Words {
    /// The answer is not one of `wanted`.
    pub fn is_not(&self, subject: &str, answer: &str, wanted: &str) -> String {
        if self.vi() {
            format!("{subject}: {answer} (không phải {wanted})")
        } else {
            format!("{subject}: {answer} (not {wanted})")
        }
    }

    /// The multi-choice answer does not tick `option`.
    pub fn not_chosen(&self, subject: &str, option: &str) -> String {
        if self.vi() {
            format!("{subject}: không có «{option}»")
        } else {
            format!("{subject}: «{option}» not chosen")
        }
    }

    /// The date answered is after the assessment date.
    pub fn after_assessment(&self, subject: &str, answer: &str) -> String {
        if self.vi() {
            format!("{subject}: {answer} (sau ngày đánh giá)")
        } else {
            format!("{subject}: {answer} (after the assessment date)")
        }
    }

    /// The date answered is `elapsed` months before the assessment: `within` (at most
    /// `months`) or more than `months`.
    pub fn months_before(
        &self,
        subject: &str,
        answer: &str,
        within: bool,
        elapsed: u32,
        months: u32,
    ) -> String {
        match (self.vi(), within) {
            (true, true) => format!(
                "{subject}: {answer} ({elapsed} tháng trước ngày đánh giá, trong vòng {months} tháng)"
            ),
            (false, true) => format!(
                "{subject}: {answer} ({elapsed} months before the assessment, within {months})"
            ),
            (true, false) => {
                format!("{subject}: {answer} (hơn {months} tháng trước ngày đánh giá)")
            }
            (false, false) => {
                format!("{subject}: {answer} (more than {months} months before the assessment)")
            }
        }
    }

    /// What a score condition is about: a pillar (`Some(title)`) or the overall readiness.
    pub fn score_subject(&self, pillar: Option<&str>) -> String {
        match (self.vi(), pillar) {
            (true, Some(name)) => format!("{} {name}", self.common.pillar),
            (false, Some(name)) => format!("The {name} pillar"),
            (true, None) => "Mức sẵn sàng số".to_string(),
            (false, None) => "Digital readiness".to_string(),
        }
    }

    /// A score condition: `below` (`score_below`) or at least `threshold`, and whether it
    /// `holds`; `score` is the score out of 100.
    pub fn score_reason(
        &self,
        subject: &str,
        below: bool,
        holds: bool,
        threshold: &str,
        score: &str,
    ) -> String {
        let (name, n, s) = (subject, threshold, score);
        match (below, holds, self.vi()) {
            (true, true, true) => format!("{name} còn thấp ({s}/100)"),
            (true, true, false) => format!("{name} is still low ({s}/100)"),
            (true, false, true) => format!("{name} đã từ {n} điểm trở lên ({s}/100)"),
            (true, false, false) => format!("{name} is already {n} or more ({s}/100)"),
            (false, true, true) => format!("{name} đã đạt từ {n} điểm trở lên ({s}/100)"),
            (false, true, false) => format!("{name} reaches {n} or more ({s}/100)"),
            (false, false, true) => format!("{name} chưa đạt {n} điểm ({s}/100)"),
            (false, false, false) => format!("{name} is below {n} ({s}/100)"),
        }
    }
}
