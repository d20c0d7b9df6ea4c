//! `batch --compare PREVIOUS_SUMMARY`: progress since an earlier batch. Each enterprise is
//! paired with the earlier summary's row of the same tax code (else the same name, compared
//! without case and extra spaces); the summary gains its earlier overall score and level and
//! the changes, and the cohort report a "T0 → T1" section ([`super::cohort::ProgressView`]).
//! Only the earlier summary's scores are kept (a few numbers per enterprise).

use std::collections::HashMap;

use crate::assessment::SummaryRow;
use crate::peers::SummaryCsv;
use crate::questionnaire::Questionnaire;

/// One enterprise of the earlier summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Earlier {
    pub overall: Option<f64>,
    /// The level's id.
    pub level: Option<u32>,
    /// Aligned with [`Previous::dimensions`].
    pub scores: Vec<Option<f64>>,
}

/// The earlier batch's summary, indexed for pairing.
#[derive(Clone, Debug, Default)]
pub struct Previous {
    /// The pillar ids of the earlier summary's columns.
    pub dimensions: Vec<String>,
    rows: Vec<Earlier>,
    by_tax_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

/// What a pair shows in the cohort report.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub level_before: Option<u32>,
    pub overall: Option<f64>,
    /// By pillar of the current questionnaire: now minus then, where both are scored.
    pub dimensions: Box<[Option<f64>]>,
}

fn tax_key(s: &str) -> Option<String> {
    let k: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (!k.is_empty()).then_some(k)
}

fn name_key(s: &str) -> Option<String> {
    let k = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    (!k.is_empty()).then_some(k)
}

fn two(x: f64) -> String {
    let s = format!("{:.2}", crate::text::round_half_away(x, 2));
    if s == "-0.00" { "0.00".into() } else { s }
}

impl Previous {
    /// Reads a `summary.csv` of `batch`; rows marked `duplicate_of` are left out, and the
    /// first row of a tax code or name is the one paired.
    pub fn from_summary_csv(text: &str) -> Result<Previous, String> {
        let (table, mut reader) = SummaryCsv::open(text)?;
        let (Some(enterprise), Some(level)) = (table.column("enterprise"), table.column("level"))
        else {
            return Err(format!(
                "line 1: not a dxready summary.csv: expected input,row,enterprise,overall,level,level_name, the pillars and recommended, found {}",
                table.header_line()
            ));
        };
        let tax = table.column("tax_code");
        let mut p = Previous::default();
        for row in table.rows(&mut reader) {
            let row = row?;
            let level = match row.cell(Some(level)) {
                None => None,
                Some(l) => Some(l.parse().map_err(|_| {
                    format!(
                        "line {}, column level: expected a level number, found {l:?}",
                        row.line
                    )
                })?),
            };
            let k = p.rows.len();
            if let Some(t) = row.cell(tax).and_then(tax_key) {
                p.by_tax_code.entry(t).or_insert(k);
            }
            if let Some(n) = row.cell(Some(enterprise)).and_then(name_key) {
                p.by_name.entry(n).or_insert(k);
            }
            p.rows.push(Earlier {
                overall: row.overall,
                level,
                scores: row.scores,
            });
        }
        p.dimensions = table.dimensions().to_vec();
        Ok(p)
    }

    /// The earlier row of an enterprise: by tax code when it has one, else by name.
    pub fn find(&self, tax_code: &str, enterprise: &str) -> Option<&Earlier> {
        let k = match tax_key(tax_code) {
            Some(t) => self.by_tax_code.get(&t),
            None => name_key(enterprise).and_then(|n| self.by_name.get(&n)),
        };
        k.map(|&k| &self.rows[k])
    }

    /// The summary columns added after the others.
    pub fn header(q: &Questionnaire) -> Vec<String> {
        let mut h = vec![
            "previous_overall".to_string(),
            "previous_level".to_string(),
            "delta_overall".to_string(),
        ];
        h.extend(q.dimensions.iter().map(|d| format!("delta_{}", d.id)));
        h
    }

    /// The pairing of one summary row: its cells under [`Previous::header`] (empty when no
    /// earlier row) and the change for the cohort.
    pub fn pair(&self, q: &Questionnaire, row: &SummaryRow) -> (Vec<String>, Option<Change>) {
        let width = 3 + q.dimensions.len();
        let Some(e) = self.find(&row.tax_code, &row.enterprise) else {
            return (vec![String::new(); width], None);
        };
        let delta = |now: Option<f64>, then: Option<f64>| now.zip(then).map(|(a, b)| a - b);
        let dimensions: Box<[Option<f64>]> = q
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let then = self
                    .dimensions
                    .iter()
                    .position(|x| *x == d.id)
                    .and_then(|k| e.scores[k]);
                delta(row.dimensions.get(i).copied().flatten(), then)
            })
            .collect();
        let overall = delta(row.overall, e.overall);
        let mut cells = vec![
            e.overall.map(two).unwrap_or_default(),
            e.level.map(|l| l.to_string()).unwrap_or_default(),
            overall.map(two).unwrap_or_default(),
        ];
        cells.extend(dimensions.iter().map(|d| d.map(two).unwrap_or_default()));
        (
            cells,
            Some(Change {
                level_before: e.level,
                overall,
                dimensions,
            }),
        )
    }
}
