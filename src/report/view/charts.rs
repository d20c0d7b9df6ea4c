//! The report's chart blocks, built from the scores (templates print them with `| safe`).

use super::{Benchmark, Charts, Comparison};
use crate::assessment::Assessment;
use crate::peers::PeerGroup;
use crate::questionnaire::{Questionnaire, format_date};
use crate::report::markdown::{ChartKind, ChartRow, ChartSpec, Threshold};

/// The level minimums above 0, as labelled thresholds (bars) or rings (radar).
fn level_lines(q: &Questionnaire, lang: &str) -> Vec<Threshold> {
    q.levels
        .iter()
        .filter(|l| l.min > 0.0)
        .map(|l| Threshold {
            at: l.min,
            label: l.name.get(lang).to_string(),
        })
        .collect()
}

fn row(label: String, values: Vec<Option<f64>>) -> ChartRow {
    ChartRow {
        label,
        values,
        note: None,
        mean: None,
        band: None,
    }
}

pub(super) fn charts(
    q: &Questionnaire,
    a: &Assessment,
    comparison: Option<&Comparison>,
    peers: Option<&PeerGroup>,
    benchmark: Option<&Benchmark>,
    lang: &str,
) -> Charts {
    let words = &crate::words::of(lang).report;
    let na = crate::words::of(lang).common.not_applicable;
    let thresholds = level_lines(q, lang);
    let card = &a.card;

    // The radar: the applicable pillars; T1 (now), T0, the peers' median.
    let mut series = Vec::new();
    if comparison.is_some() || peers.is_some() {
        series.push(match comparison {
            Some(_) => format!("T1 · {}", format_date(a.answers().assessed_on, lang)),
            None => words.enterprise_score.to_string(),
        });
    }
    if let Some(c) = comparison {
        series.push(format!("T0 · {}", c.earlier_assessed_on));
    }
    if let Some(b) = benchmark {
        series.push(b.legend.clone());
    }
    let rows: Vec<ChartRow> = q
        .dimensions
        .iter()
        .zip(&card.dimensions)
        .filter(|(_, s)| s.applicable)
        .map(|(d, s)| {
            let mut values = vec![s.score];
            if let Some(c) = comparison {
                values.push(
                    c.dimensions
                        .iter()
                        .find(|x| x.id == d.id)
                        .and_then(|x| x.before),
                );
            }
            let peer = peers.and_then(|g| g.dimensions.get(&d.id));
            if peers.is_some() {
                values.push(peer.map(|p| p.median));
            }
            let mut r = row(d.title.get(lang).to_string(), values);
            r.band = peer.map(|p| [p.q1, p.q3]);
            r
        })
        .collect();
    let banded = !rows.is_empty() && rows.iter().all(|r| r.band.is_some());
    let mut rows = rows;
    if !banded {
        rows.iter_mut().for_each(|r| r.band = None);
    }
    let radar = ChartSpec {
        kind: ChartKind::Radar,
        title: Some(words.scores.to_string()),
        max: Some(100.0),
        series,
        thresholds: thresholds.clone(),
        band: banded.then(|| words.peers_middle.to_string()),
        rows,
    };

    let dimensions = ChartSpec {
        kind: ChartKind::Bar,
        title: Some(words.scores.to_string()),
        max: Some(100.0),
        series: Vec::new(),
        thresholds: thresholds.clone(),
        band: None,
        rows: q
            .dimensions
            .iter()
            .zip(&card.dimensions)
            .map(|(d, s)| ChartRow {
                note: (!s.applicable).then(|| na.to_string()),
                ..row(d.title.get(lang).to_string(), vec![s.score])
            })
            .collect(),
    };
    let comparison = comparison.map(|c| {
        ChartSpec {
            kind: ChartKind::Paired,
            title: Some(words.comparison.to_string()),
            max: Some(100.0),
            series: vec![
                format!("T0 · {}", c.earlier_assessed_on),
                format!("T1 · {}", format_date(a.answers().assessed_on, lang)),
            ],
            thresholds,
            band: None,
            rows: c
                .dimensions
                .iter()
                .map(|d| row(d.title.clone(), vec![d.before, d.after]))
                .collect(),
        }
        .to_block()
    });
    Charts {
        radar: radar.to_block(),
        dimensions: dimensions.to_block(),
        comparison,
    }
}
