//! The T0 → T1 comparison of two assessments of one enterprise (`report --compare`), possibly
//! scored with two versions of the questionnaire: pillars are matched by id.

use super::{Comparison, Delta};
use crate::assessment::Assessment;
use crate::questionnaire::{Questionnaire, format_date};
use crate::text::one_decimal;

pub(super) fn comparison(
    q: &Questionnaire,
    now: &Assessment,
    eq: &Questionnaire,
    before: &Assessment,
    lang: &str,
) -> Comparison {
    let na = crate::words::of(lang).common.not_applicable;
    let words = &crate::words::of(lang).report;
    let delta = |id: &str, title: String, b: Option<f64>, a: Option<f64>, change: &'static str| {
        let delta_text = match (b, a) {
            (Some(b), Some(a)) => {
                let d = crate::text::round_half_away(a - b, 1);
                let body = one_decimal(d.abs(), lang);
                if d > 0.0 {
                    format!("+{body}")
                } else if d < 0.0 {
                    format!("−{body}")
                } else {
                    body
                }
            }
            _ => "—".into(),
        };
        let side = |x: Option<f64>, missing: &str| {
            x.map(|x| one_decimal(x, lang))
                .unwrap_or_else(|| missing.to_string())
        };
        let (before_missing, after_missing) = match change {
            "new" => (words.new, na),
            "dropped" => (na, words.dropped),
            _ => (na, na),
        };
        Delta {
            id: id.to_string(),
            title,
            change,
            before: b,
            after: a,
            before_text: side(b, before_missing),
            after_text: side(a, after_missing),
            delta_text,
        }
    };
    // Dimensions are matched by id: the later version's in its order, then the dropped ones.
    let mut dimensions: Vec<Delta> = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let title = d.title.get(lang).to_string();
            let after = now.card.dimensions[i].score;
            match eq.dimension_index(&d.id) {
                Some(j) => delta(&d.id, title, before.card.dimensions[j].score, after, "same"),
                None => delta(&d.id, title, None, after, "new"),
            }
        })
        .collect();
    for (j, d) in eq.dimensions.iter().enumerate() {
        if q.dimension_index(&d.id).is_none() {
            dimensions.push(delta(
                &d.id,
                d.title.get(lang).to_string(),
                before.card.dimensions[j].score,
                None,
                "dropped",
            ));
        }
    }
    let version_note = (eq.version != q.version)
        .then(|| crate::words::of(lang).versions_differ(&eq.version, &q.version));
    Comparison {
        earlier_assessed_on: format_date(before.answers().assessed_on, lang),
        earlier_version: eq.version.clone(),
        version_note,
        overall: delta(
            "overall",
            crate::words::of(lang).common.overall.to_string(),
            before.card.overall,
            now.card.overall,
            "same",
        ),
        dimensions,
    }
}
