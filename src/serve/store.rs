//! The sessions the server knows, in memory, each behind its own lock, with a small summary
//! kept up to date at every save for the consultant's live table and the cohort view; and
//! the limit on new sessions per client address.
//!
//! Memory holds each session's answers (a few kilobytes) and its summary; the answers files
//! are the truth, read once at start-up.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::id::Id;
use crate::answers::{Answers, Completeness};
use crate::assessment::{Assessment, csv_safe};
use crate::batch::cohort::Entry;
use crate::diagnostic::Diagnostics;
use crate::evaluate::Evaluation;
use crate::setup::Edition;

/// One participant.
pub struct Session {
    /// What the session is asked and scored with.
    pub ed: super::Ed,
    pub answers: Answers,
    pub modified: jiff::Timestamp,
    pub summary: Summary,
}

/// What the consultant's pages show of a session, computed when it changes.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The `enterprise_name` answer, if given.
    pub name: Option<String>,
    /// Questions answered / asked with the current answers.
    pub answered: usize,
    pub asked: usize,
    /// Every required question asked is answered: the file is a complete answers file,
    /// which `dxready batch` scores.
    pub finished: bool,
    pub overall: Option<f64>,
    /// `2 – Bắt đầu` in the consultant's language.
    pub level: Option<String>,
    /// For finished sessions: the cohort entry and the summary.csv cells (as batch writes them).
    pub entry: Option<Entry>,
    pub row: Option<Vec<String>>,
}

impl Summary {
    /// `input` is the answers file as `dxready batch WORKSPACE/answers` names it; `own` is
    /// what the answers are scored with, `current` what the summary and cohort are laid out
    /// by (as batch does); `lang` the consultant's language.
    pub fn of(
        current: Edition,
        own: Edition,
        answers: &Answers,
        input: &str,
        lang: &str,
    ) -> Summary {
        let (q, catalog) = (own.questionnaire, own.catalog);
        let visible = Evaluation::new(q, answers).visible;
        let asked = visible.iter().filter(|v| **v).count();
        let answered = (0..q.questions.len())
            .filter(|&i| visible[i] && answers.values[i].is_some())
            .count();
        let mut diags = Diagnostics::new(input);
        answers.check_against_visibility(q, Completeness::Complete, &mut diags, &Vec::new());
        let finished = !diags.has_errors();
        let name = answers.enterprise_name(q).map(str::to_string);
        if !finished {
            return Summary {
                name,
                answered,
                asked,
                finished,
                overall: None,
                level: None,
                entry: None,
                row: None,
            };
        }
        let a = Assessment::new(q, catalog, answers, input.to_string(), None, None);
        let row = a
            .summary_row(q, catalog, current.questionnaire)
            .iter()
            .map(|c| csv_safe(c))
            .collect();
        Summary {
            name,
            answered,
            asked,
            finished,
            overall: a.card.overall,
            level: a.card.overall_level.map(|l| {
                let level = &q.levels[l];
                format!("{} – {}", level.id, level.name.get(lang))
            }),
            entry: Some(Entry::new(current, own, &a, 0)),
            row: Some(row),
        }
    }
}

/// Every session, by id.
#[derive(Default)]
pub struct Store {
    sessions: RwLock<BTreeMap<Id, Arc<Mutex<Session>>>>,
}

impl Store {
    pub fn get(&self, id: &Id) -> Option<Arc<Mutex<Session>>> {
        read(&self.sessions).get(id).cloned()
    }

    pub fn len(&self) -> usize {
        read(&self.sessions).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds a session unless there are `max` already. `false`: refused.
    pub fn insert(&self, id: Id, session: Session, max: usize) -> bool {
        let mut map = self
            .sessions
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() >= max {
            return false;
        }
        map.insert(id, Arc::new(Mutex::new(session)));
        true
    }

    pub fn remove(&self, id: &Id) {
        self.sessions
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(id);
    }

    /// Every session's id, summary and last change, in id order (the answers files' order).
    pub fn summaries(&self) -> Vec<(Id, Summary, jiff::Timestamp)> {
        let all: Vec<(Id, Arc<Mutex<Session>>)> = read(&self.sessions)
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        all.into_iter()
            .map(|(id, s)| {
                let s = lock(&s);
                (id, s.summary.clone(), s.modified)
            })
            .collect()
    }

    /// The ids, context and answers of every finished session, in id order.
    pub fn finished(&self) -> Vec<(Id, super::Ed, Answers)> {
        let all: Vec<(Id, Arc<Mutex<Session>>)> = read(&self.sessions)
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        all.into_iter()
            .filter_map(|(id, s)| {
                let s = lock(&s);
                s.summary
                    .finished
                    .then(|| (id, s.ed.clone(), s.answers.clone()))
            })
            .collect()
    }
}

/// A lock that a panicking holder left poisoned is still usable: the data is replaced whole
/// at every change.
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// At most `per_minute` new sessions per client address in any minute.
pub struct RateLimit {
    per_minute: usize,
    seen: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl RateLimit {
    pub fn new(per_minute: usize) -> RateLimit {
        RateLimit {
            per_minute,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a new session for `ip`; `false` when it is over the limit (not counted).
    pub fn allow(&self, ip: IpAddr, now: Instant) -> bool {
        let window = Duration::from_secs(60);
        let mut seen = lock(&self.seen);
        if seen.len() > 10_000 {
            seen.retain(|_, v| v.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        let times = seen.entry(ip).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            times.pop_front();
        }
        if times.len() >= self.per_minute {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_a_minute_per_address() {
        let r = RateLimit::new(20);
        let t0 = Instant::now();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..20 {
            assert!(r.allow(a, t0));
        }
        assert!(!r.allow(a, t0 + Duration::from_secs(59)));
        assert!(r.allow(b, t0), "another address has its own allowance");
        assert!(r.allow(a, t0 + Duration::from_secs(60)));
    }
}
