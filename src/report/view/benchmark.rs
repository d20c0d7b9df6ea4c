//! How the enterprise compares with its peers (`--benchmark`): the group used and its size,
//! the peers' median and middle half per pillar, and a short paragraph in words.

use serde::Serialize;

use crate::assessment::Assessment;
use crate::peers::{MIN_GROUP, PeerGroup, Quartiles, Scope};
use crate::questionnaire::{Questionnaire, SECTOR, SIZE_CLASS};
use crate::text::one_decimal;

#[derive(Clone, Debug, Serialize)]
pub struct Benchmark {
    /// `sector_and_size` or `all`.
    pub scope: &'static str,
    /// The group in words: "cùng ngành Thương mại và cùng quy mô (Doanh nghiệp nhỏ)".
    pub group: String,
    /// How many enterprises the group has.
    pub size: usize,
    /// "So với 24 doanh nghiệp cùng ngành …: …" — the group, the overall score against the
    /// group's median, and the pillars above and below it.
    pub paragraph: String,
    /// The chart legend of the peers' median: "Trung vị của 24 doanh nghiệp cùng ngành …".
    pub legend: String,
    pub overall: PeerLine,
    pub dimensions: Vec<PeerLine>,
}

/// One score against the group.
#[derive(Clone, Debug, Serialize)]
pub struct PeerLine {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub score_text: String,
    pub median: Option<f64>,
    pub median_text: String,
    /// The middle half of the group: "35,0–52,5".
    pub range_text: String,
    /// `above`, `level` or `below` the median; `none` when either is missing.
    pub position: &'static str,
    pub position_text: String,
}

/// Where `score` stands against `median` (within 0.05: level with it).
fn position(score: Option<f64>, median: Option<f64>) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering as O;
    match (score, median) {
        (Some(s), Some(m)) if s > m + 0.05 => Some(O::Greater),
        (Some(s), Some(m)) if s < m - 0.05 => Some(O::Less),
        (Some(_), Some(_)) => Some(O::Equal),
        _ => None,
    }
}

/// The position's id in the view.
fn position_id(at: Option<std::cmp::Ordering>) -> &'static str {
    use std::cmp::Ordering as O;
    match at {
        Some(O::Greater) => "above",
        Some(O::Less) => "below",
        Some(O::Equal) => "level",
        None => "none",
    }
}

fn line(
    id: &str,
    title: String,
    score: Option<f64>,
    q: Option<&Quartiles>,
    lang: &str,
) -> PeerLine {
    let p = position(score, q.map(|q| q.median));
    PeerLine {
        id: id.to_string(),
        title,
        score,
        score_text: score.map_or("—".into(), |s| one_decimal(s, lang)),
        median: q.map(|q| q.median),
        median_text: q.map_or("—".into(), |q| one_decimal(q.median, lang)),
        range_text: q.map_or("—".into(), |q| {
            format!("{}–{}", one_decimal(q.q1, lang), one_decimal(q.q3, lang))
        }),
        position: position_id(p),
        position_text: crate::words::of(lang).peer_position(p).to_string(),
    }
}

fn scope_words(scope: Scope, sector: &str, size: &str, lang: &str) -> String {
    crate::words::of(lang).peer_scope(match scope {
        Scope::SectorAndSize => Some((sector, size)),
        Scope::All => None,
    })
}

/// The enterprise's sector answer and size class in words (empty when unknown).
fn profile_words(q: &Questionnaire, a: &Assessment) -> (String, String) {
    let lang = a.lang.as_str();
    let sector = q
        .question_index(SECTOR)
        .and_then(|qi| {
            a.answers()
                .get(qi)
                .map(|v| q.questions[qi].format_answer(v, lang))
        })
        .unwrap_or_default();
    let size = q
        .facts
        .iter()
        .position(|f| f.id == SIZE_CLASS)
        .and_then(|fi| a.card.eval.facts[fi].map(|v| q.facts[fi].value_label(v, lang)))
        .unwrap_or_default();
    (sector, size)
}

/// The sector id and size-class id of an assessment, as [`crate::peers::Peers::group`]
/// takes them.
pub fn peer_keys(q: &Questionnaire, a: &Assessment) -> (Option<String>, Option<String>) {
    let sector = q.question_index(SECTOR).and_then(|qi| {
        a.answers()
            .get(qi)
            .map(|v| v.to_cell(&q.questions[qi].kind))
            .filter(|s| !s.is_empty())
    });
    let size = q
        .facts
        .iter()
        .position(|f| f.id == SIZE_CLASS)
        .and_then(|fi| a.card.eval.fact_value(q, fi))
        .map(str::to_string);
    (sector, size)
}

pub(super) fn benchmark(q: &Questionnaire, a: &Assessment, g: &PeerGroup, lang: &str) -> Benchmark {
    let w = crate::words::of(lang);
    let (sector, size) = profile_words(q, a);
    let group = scope_words(g.scope, &sector, &size, lang);
    let overall_title = w.common.overall.to_string();
    let overall = line(
        "overall",
        overall_title,
        a.card.overall,
        g.overall.as_ref(),
        lang,
    );
    let dimensions: Vec<PeerLine> = q
        .dimensions
        .iter()
        .zip(&a.card.dimensions)
        .filter(|(_, s)| s.applicable)
        .map(|(d, s)| {
            line(
                &d.id,
                d.title.get(lang).to_string(),
                s.score,
                g.dimensions.get(&d.id),
                lang,
            )
        })
        .collect();
    let list = |p: &str| -> Vec<&str> {
        dimensions
            .iter()
            .filter(|d| d.position == p)
            .map(|d| d.title.as_str())
            .collect()
    };
    let (above, below) = (list("above"), list("below"));
    let mut paragraph = String::new();
    // Say why a wider group is used.
    if let Some((scope, n)) = g.passed_over.first() {
        let narrow = scope_words(*scope, &sector, &size, lang);
        paragraph.push_str(&w.peer_group_too_small(&narrow, *n, MIN_GROUP));
    }
    let ov = &overall;
    paragraph.push_str(&w.peer_overall(
        g.size,
        &group,
        &ov.score_text,
        &ov.median_text,
        &ov.position_text,
        &ov.range_text,
    ));
    let join = |v: &[&str]| v.join(", ");
    if !above.is_empty() {
        paragraph.push_str(&w.peer_pillars(true, above.len(), &join(&above)));
    }
    if !below.is_empty() {
        paragraph.push_str(&w.peer_pillars(false, below.len(), &join(&below)));
    }
    let legend = w.peer_legend(g.size, &group);
    Benchmark {
        scope: g.scope.id(),
        group,
        size: g.size,
        paragraph,
        legend,
        overall,
        dimensions,
    }
}
