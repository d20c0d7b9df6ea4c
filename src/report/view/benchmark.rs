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

fn position(score: Option<f64>, median: Option<f64>) -> &'static str {
    match (score, median) {
        (Some(s), Some(m)) if s > m + 0.05 => "above",
        (Some(s), Some(m)) if s < m - 0.05 => "below",
        (Some(_), Some(_)) => "level",
        _ => "none",
    }
}

fn position_text(p: &str, lang: &str) -> String {
    let vi = lang == "vi";
    match (p, vi) {
        ("above", true) => "cao hơn trung vị",
        ("above", false) => "above the median",
        ("below", true) => "thấp hơn trung vị",
        ("below", false) => "below the median",
        ("level", true) => "ngang trung vị",
        ("level", false) => "at the median",
        (_, true) => "—",
        _ => "—",
    }
    .to_string()
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
        position: p,
        position_text: position_text(p, lang),
    }
}

fn scope_words(scope: Scope, sector: &str, size: &str, lang: &str) -> String {
    match (scope, lang == "vi") {
        (Scope::SectorAndSize, true) => format!("cùng ngành {sector} và cùng quy mô ({size})"),
        (Scope::SectorAndSize, false) => format!("of the same sector ({sector}) and size ({size})"),
        (Scope::All, true) => "trong toàn bộ tệp so sánh".to_string(),
        (Scope::All, false) => "in the whole comparison file".to_string(),
    }
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
    let vi = lang == "vi";
    let (sector, size) = profile_words(q, a);
    let group = scope_words(g.scope, &sector, &size, lang);
    let overall_title = crate::words::of(lang).common.overall.to_string();
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
        paragraph.push_str(&if vi {
            format!(
                "Nhóm doanh nghiệp {narrow} chỉ có {n} doanh nghiệp (cần ít nhất {MIN_GROUP}), nên báo cáo so với toàn bộ tệp so sánh. "
            )
        } else {
            format!(
                "The group of enterprises {narrow} has only {n} (at least {MIN_GROUP} are needed), so the report compares with the whole comparison file. "
            )
        });
    }
    let ov = &overall;
    paragraph.push_str(&if vi {
        format!(
            "So với {} doanh nghiệp {group}: điểm tổng của doanh nghiệp là {}, trung vị của nhóm là {} ({}); một nửa số doanh nghiệp của nhóm có điểm tổng từ {}.",
            g.size, ov.score_text, ov.median_text, ov.position_text, ov.range_text.replace('–', " đến ")
        )
    } else {
        format!(
            "Compared with {} enterprises {group}: the enterprise's overall score is {}, the group's median {} ({}); half of the group scores between {}.",
            g.size, ov.score_text, ov.median_text, ov.position_text, ov.range_text.replace('–', " and ")
        )
    });
    let join = |v: &[&str]| v.join(", ");
    match (above.is_empty(), below.is_empty(), vi) {
        (false, _, true) => paragraph.push_str(&format!(
            " Cao hơn trung vị ở {} trụ cột ({}).",
            above.len(),
            join(&above)
        )),
        (false, _, false) => paragraph.push_str(&format!(
            " Above the median in {} pillar(s) ({}).",
            above.len(),
            join(&above)
        )),
        _ => {}
    }
    match (below.is_empty(), vi) {
        (false, true) => paragraph.push_str(&format!(
            " Thấp hơn trung vị ở {} trụ cột ({}).",
            below.len(),
            join(&below)
        )),
        (false, false) => paragraph.push_str(&format!(
            " Below the median in {} pillar(s) ({}).",
            below.len(),
            join(&below)
        )),
        _ => {}
    }
    let legend = if vi {
        format!("Trung vị của {} doanh nghiệp {group}", g.size)
    } else {
        format!("Median of {} enterprises {group}", g.size)
    };
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
