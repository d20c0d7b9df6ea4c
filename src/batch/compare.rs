//! `batch --compare PREVIOUS_SUMMARY`: progress since an earlier batch. Each enterprise is
//! paired with the earlier summary's row of the same tax code (else the same name, compared
//! without case and extra spaces); the summary gains its earlier overall score and level and
//! the changes, and the cohort report a "T0 → T1" section ([`super::cohort::ProgressView`]).
//! Only the earlier summary's scores are kept (a few numbers per enterprise).

use std::collections::HashMap;

use crate::assessment::SummaryRow;
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
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| format!("cannot read the header: {e}"))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .collect();
        let col = |n: &str| header.iter().position(|h| h == n);
        let (Some(enterprise), Some(overall), Some(level), Some(first), Some(last)) = (
            col("enterprise"),
            col("overall"),
            col("level"),
            col("level_name"),
            col("recommended"),
        ) else {
            return Err(format!(
                "line 1: not a dxready summary.csv: expected input,row,enterprise,overall,level,level_name, the pillars and recommended, found {}",
                header.join(",")
            ));
        };
        if last <= first {
            return Err("line 1: `recommended` must come after the pillar columns".into());
        }
        let (tax, duplicate) = (col("tax_code"), col("duplicate_of"));
        let mut p = Previous {
            dimensions: header[first + 1..last].to_vec(),
            ..Previous::default()
        };
        for (i, record) in reader.records().enumerate() {
            let line = i + 2;
            let r = record.map_err(|e| format!("line {line}: {e}"))?;
            let cell = |c: Option<usize>| c.and_then(|c| r.get(c)).map(str::trim).unwrap_or("");
            if !cell(duplicate).is_empty() {
                continue;
            }
            let number = |c: usize| -> Result<Option<f64>, String> {
                let s = cell(Some(c));
                if s.is_empty() {
                    return Ok(None);
                }
                s.replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|v| (0.0..=100.0).contains(v))
                    .map(Some)
                    .ok_or_else(|| {
                        format!(
                            "line {line}, column {}: expected a score from 0 to 100, found {s:?}",
                            header[c]
                        )
                    })
            };
            let level_cell = cell(Some(level));
            let row = Earlier {
                overall: number(overall)?,
                level: if level_cell.is_empty() {
                    None
                } else {
                    Some(level_cell.parse().map_err(|_| {
                        format!("line {line}, column level: expected a level number, found {level_cell:?}")
                    })?)
                },
                scores: (first + 1..last).map(number).collect::<Result<_, _>>()?,
            };
            let k = p.rows.len();
            p.rows.push(row);
            if let Some(t) = tax_key(cell(tax)) {
                p.by_tax_code.entry(t).or_insert(k);
            }
            if let Some(n) = name_key(cell(Some(enterprise))) {
                p.by_name.entry(n).or_insert(k);
            }
        }
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
