//! How the interview is cut into web pages: the profile, then each dimension, one section per
//! page, a long section split into parts of at most [`MAX_PER_PAGE`] questions. The cut is
//! made once from the questionnaire, so a page's number (its address, `/s/<id>/p/<n>`) never
//! changes; which pages are shown, and the progress `Phần 3/8`, follow the answers given, as
//! the questions asked do in `assess`.

use std::ops::Range;

use crate::answers::Answers;
use crate::evaluate::Evaluation;
use crate::questionnaire::{Questionnaire, Section};

/// The most questions on one page (a phone screen or two).
pub const MAX_PER_PAGE: usize = 8;

/// One page: a section, or a part of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub section: Section,
    /// Indices into `Questionnaire::questions`.
    pub questions: Range<usize>,
    /// Which part of its section (0-based) and how many parts it has.
    pub part: usize,
    pub parts: usize,
}

/// Every page of a questionnaire, in interview order.
#[derive(Clone, Debug)]
pub struct Plan {
    pub pages: Vec<Page>,
}

impl Plan {
    pub fn new(q: &Questionnaire) -> Plan {
        let mut pages = Vec::new();
        let mut sections: Vec<(Section, Range<usize>)> = Vec::new();
        if q.profile_len > 0 {
            sections.push((Section::Profile, 0..q.profile_len));
        }
        for (d, dim) in q.dimensions.iter().enumerate() {
            if !dim.questions.is_empty() {
                sections.push((Section::Dimension(d), dim.questions.clone()));
            }
        }
        for (section, range) in sections {
            let n = range.len();
            let parts = n.div_ceil(MAX_PER_PAGE);
            // Parts of nearly equal size, the larger ones first.
            let (base, extra) = (n / parts, n % parts);
            let mut start = range.start;
            for part in 0..parts {
                let len = base + usize::from(part < extra);
                pages.push(Page {
                    section,
                    questions: start..start + len,
                    part,
                    parts,
                });
                start += len;
            }
        }
        Plan { pages }
    }

    /// Whether page `n` is shown with these answers: some question on it is asked.
    pub fn shown(&self, n: usize, visible: &[bool]) -> bool {
        self.pages
            .get(n)
            .is_some_and(|p| p.questions.clone().any(|i| visible[i]))
    }

    /// The first page shown at or after `n`.
    pub fn next_shown(&self, n: usize, visible: &[bool]) -> Option<usize> {
        (n..self.pages.len()).find(|&i| self.shown(i, visible))
    }

    /// The last page shown before `n`.
    pub fn prev_shown(&self, n: usize, visible: &[bool]) -> Option<usize> {
        (0..n.min(self.pages.len()))
            .rev()
            .find(|&i| self.shown(i, visible))
    }

    /// `(position, total)` of page `n` among the pages shown (1-based position).
    pub fn progress(&self, n: usize, visible: &[bool]) -> (usize, usize) {
        let total = (0..self.pages.len())
            .filter(|&i| self.shown(i, visible))
            .count();
        let pos = (0..=n.min(self.pages.len().saturating_sub(1)))
            .filter(|&i| self.shown(i, visible))
            .count();
        (pos.max(1), total.max(1))
    }

    /// The page holding question `qi`.
    pub fn page_of(&self, qi: usize) -> Option<usize> {
        self.pages.iter().position(|p| p.questions.contains(&qi))
    }

    /// Where an interview goes on: the page of the first question asked that is required and
    /// unanswered, else the page after the last one with an answer; `None` when every page
    /// shown has been answered (the review comes next).
    pub fn resume(&self, q: &Questionnaire, answers: &Answers) -> Option<usize> {
        let visible = Evaluation::new(q, answers).visible;
        let missing = (0..q.questions.len())
            .find(|&i| visible[i] && q.questions[i].required && answers.values[i].is_none())
            .and_then(|i| self.page_of(i));
        let last_answered = (0..q.questions.len())
            .rev()
            .find(|&i| visible[i] && answers.values[i].is_some())
            .and_then(|i| self.page_of(i));
        let after_last = match last_answered {
            // A page with an answer was submitted; an optional question left empty on it
            // is answered as far as the interview goes.
            Some(p) => self.next_shown(p + 1, &visible),
            None => self.next_shown(0, &visible),
        };
        match (missing, after_last) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_into_even_parts() {
        let setup = crate::setup::Setup::load(&Default::default()).unwrap();
        let q = &setup.questionnaire;
        let plan = Plan::new(q);
        let mut covered = 0;
        for p in &plan.pages {
            assert!(p.questions.len() <= MAX_PER_PAGE && !p.questions.is_empty());
            assert_eq!(
                p.questions.start, covered,
                "pages cover the questions in order"
            );
            covered = p.questions.end;
        }
        assert_eq!(covered, q.questions.len());
        for d in 0..q.dimensions.len() {
            let parts: Vec<&Page> = plan
                .pages
                .iter()
                .filter(|p| p.section == Section::Dimension(d))
                .collect();
            let sizes: Vec<usize> = parts.iter().map(|p| p.questions.len()).collect();
            let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(hi - lo <= 1, "parts of nearly equal size: {sizes:?}");
        }
    }

    #[test]
    fn a_new_interview_starts_on_the_first_page_and_ends_with_none() {
        let setup = crate::setup::Setup::load(&Default::default()).unwrap();
        let q = &setup.questionnaire;
        let plan = Plan::new(q);
        let date = "2026-11-27".parse().unwrap();
        let a = Answers::empty(q, date, None);
        assert_eq!(plan.resume(q, &a), Some(0));
        let visible = Evaluation::new(q, &a).visible;
        assert_eq!(plan.progress(0, &visible).0, 1);
    }
}
