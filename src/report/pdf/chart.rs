//! The body of a ```` ```chart ```` block: a small YAML description of a
//! horizontal bar, paired-bar, box or radar chart.
//!
//! It is kept free of anything PDF-specific so that the HTML renderer can
//! parse and validate the same blocks with the same rules. One geometry serves
//! both outputs: `chart_draw.rs` (bars and boxes) and `radar_draw.rs` (radar)
//! place every shape and label in points, the PDF paints those items and the
//! HTML writes the same items as inline SVG (`report/svg.rs`).

use serde::{Deserialize, Serialize};

/// What a row's `values` mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// One value per row.
    Bar,
    /// Two values per row (before/after, e.g. T0 -> T1).
    Paired,
    /// Five values per row: min, q1, median, q3, max (plus optional `mean`).
    Box,
    /// One axis per row, one value per series (`series`; one value when there is no series),
    /// an optional band (`band`) per axis; thresholds are drawn as labelled rings. Fewer
    /// than three rows are drawn as bars.
    Radar,
}

impl ChartKind {
    /// How many entries `values` must have for this kind (`series`: how many series the
    /// chart names; only radar charts depend on it).
    pub fn values_per_row(self, series: usize) -> usize {
        match self {
            ChartKind::Bar => 1,
            ChartKind::Paired => 2,
            ChartKind::Box => 5,
            ChartKind::Radar => series.max(1),
        }
    }
}

/// A vertical reference line (e.g. the minimum score of a maturity level).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// Position on the value axis.
    pub at: f64,
    /// Short label drawn next to the line.
    #[serde(default)]
    pub label: String,
}

/// One row of a chart.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChartRow {
    /// Row label, drawn on the left (wrapped when long).
    pub label: String,
    /// Values; `null` means "no value" (no bar; the note is shown instead).
    #[serde(default)]
    pub values: Vec<Option<f64>>,
    /// Shown where a value is missing, e.g. "Không áp dụng".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Box charts only: the mean, drawn as a marker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// Radar charts only: the low and high end of a band on this axis (e.g. the peers'
    /// quartiles), drawn behind the series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<[f64; 2]>,
}

/// A chart block as written in the report Markdown.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// `bar`, `paired` or `box`.
    #[serde(rename = "type")]
    pub kind: ChartKind,
    /// Optional title above the chart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Upper end of the value axis; 100 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Legend labels (paired charts: one per value).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<String>,
    /// Optional reference lines (bars: vertical lines; radar: rings), each labelled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<Threshold>,
    /// Radar charts: the legend label of the rows' bands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// The rows, drawn top to bottom.
    pub rows: Vec<ChartRow>,
}

/// Default upper end of the value axis (scores are 0..100).
pub const DEFAULT_MAX: f64 = 100.0;

impl ChartSpec {
    /// Parses and validates a chart block body.
    pub fn from_yaml(body: &str) -> Result<ChartSpec, String> {
        // The templates write JSON (`to_block`), which is YAML too: serde_json reads it ten
        // times faster. Anything it refuses goes to the YAML parser, whose messages stay.
        let json = body.trim_start().starts_with('{');
        let spec: ChartSpec = match json.then(|| serde_json::from_str(body).ok()).flatten() {
            Some(spec) => spec,
            None => serde_yaml::from_str(body).map_err(|e| e.to_string())?,
        };
        spec.validate()?;
        Ok(spec)
    }

    /// Checks what serde cannot: value counts per kind, finite numbers,
    /// ordered box values.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(max) = self.max
            && !(max.is_finite() && max > 0.0)
        {
            return Err(format!("max must be a positive number, got {max}"));
        }
        let want = self.kind.values_per_row(self.series.len());
        for (i, row) in self.rows.iter().enumerate() {
            let n = i + 1;
            if !row.values.is_empty() && row.values.len() != want {
                return Err(format!(
                    "row {n} ({:?}): a {:?} chart needs {want} value(s) per row, got {}",
                    row.label,
                    self.kind,
                    row.values.len()
                ));
            }
            if row.values.iter().flatten().any(|v| !v.is_finite())
                || row.mean.is_some_and(|m| !m.is_finite())
            {
                return Err(format!("row {n} ({:?}): values must be finite", row.label));
            }
            if let Some([lo, hi]) = row.band {
                if self.kind != ChartKind::Radar {
                    return Err(format!(
                        "row {n} ({:?}): only radar charts have bands",
                        row.label
                    ));
                }
                if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
                    return Err(format!(
                        "row {n} ({:?}): a band is [low, high] with low <= high",
                        row.label
                    ));
                }
            }
            if self.kind == ChartKind::Box {
                let present: Vec<f64> = row.values.iter().flatten().copied().collect();
                if !present.is_empty() && present.len() != 5 {
                    return Err(format!(
                        "row {n} ({:?}): box values must be all present or all null",
                        row.label
                    ));
                }
                if present.windows(2).any(|w| w[0] > w[1]) {
                    return Err(format!(
                        "row {n} ({:?}): box values must be [min, q1, median, q3, max] in order",
                        row.label
                    ));
                }
            }
        }
        if self.thresholds.iter().any(|t| !t.at.is_finite()) {
            return Err("threshold positions must be finite".to_string());
        }
        Ok(())
    }

    /// Whether every value (and the axis maximum) is a whole number, as counts are: the
    /// axis then has whole-number ticks only.
    pub fn whole_values(&self) -> bool {
        let whole = |v: f64| v.fract() == 0.0;
        whole(self.axis_max())
            && self.rows.iter().all(|r| {
                r.values.iter().flatten().all(|v| whole(*v))
                    && r.mean.is_none_or(whole)
                    && r.band.is_none_or(|[a, b]| whole(a) && whole(b))
            })
    }

    /// Upper end of the value axis.
    pub fn axis_max(&self) -> f64 {
        self.max
            .filter(|m| m.is_finite() && *m > 0.0)
            .unwrap_or(DEFAULT_MAX)
    }
}

/// Axis ticks from 0 to `max` in a "nice" step (1, 2, 2.5 or 5 times a power
/// of ten) giving at most `max_intervals` intervals; with `whole`, only steps
/// that are whole numbers (counts never get a tick at 2.5).
pub fn nice_ticks(max: f64, max_intervals: usize, whole: bool) -> Vec<f64> {
    if !(max.is_finite() && max > 0.0) {
        return vec![0.0];
    }
    let max_intervals = max_intervals.max(1) as f64;
    let raw = max / max_intervals;
    let mut magnitude = 10f64.powf(raw.log10().floor());
    let step = loop {
        if let Some(m) = [1.0, 2.0, 2.5, 5.0]
            .into_iter()
            .map(|m| m * magnitude)
            .filter(|s| !whole || ((s - s.round()).abs() < 1e-9 && *s >= 1.0 - 1e-9))
            .map(|s| if whole { s.round() } else { s })
            .find(|s| *s >= raw * (1.0 - 1e-9))
        {
            break m;
        }
        magnitude *= 10.0;
    };
    let count = (max / step + 1e-9).floor() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// A value printed as a whole number (halves round away from zero).
pub fn whole_number(v: f64) -> String {
    let r = v.round();
    if r == 0.0 {
        "0".to_string()
    } else {
        format!("{r:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let spec = ChartSpec::from_yaml(
            r#"
type: bar
title: "Điểm theo lĩnh vực"
max: 100
thresholds:
  - { at: 10, label: "Khởi động" }
rows:
  - { label: "Lãnh đạo & chiến lược số", values: [62.5] }
  - { label: "Truy xuất nguồn gốc", values: [null], note: "Không áp dụng" }
"#,
        )
        .expect("valid chart");
        assert_eq!(spec.kind, ChartKind::Bar);
        assert_eq!(spec.rows[1].values, vec![None]);
        assert_eq!(spec.axis_max(), 100.0);
    }

    #[test]
    fn json_bodies_read_as_yaml_reads_them() {
        let body = r#"{"type": "bar", "title": "Điểm \"số\"", "max": 100, "thresholds": [{"at": 10, "label": "Khởi động"}], "rows": [{"label": "a", "values": [62.5]}, {"label": "b", "values": [null], "note": "Không áp dụng"}]}"#;
        let via_yaml: ChartSpec = serde_yaml::from_str(body).unwrap();
        assert_eq!(ChartSpec::from_yaml(body).unwrap(), via_yaml);
        // JSON serde_json refuses still gets the YAML parser's message.
        let wrong = r#"{"type": "bar", "rows": [{"label": "a", "values": ["x"]}]}"#;
        let yaml_error = serde_yaml::from_str::<ChartSpec>(wrong)
            .unwrap_err()
            .to_string();
        assert_eq!(ChartSpec::from_yaml(wrong).unwrap_err(), yaml_error);
    }

    #[test]
    fn rejects_wrong_value_counts_and_unknown_keys() {
        assert!(
            ChartSpec::from_yaml("type: paired\nrows:\n  - {label: a, values: [1]}\n").is_err()
        );
        assert!(ChartSpec::from_yaml("type: bar\nrow: []\n").is_err());
        assert!(
            ChartSpec::from_yaml("type: box\nrows:\n  - {label: a, values: [5, 4, 3, 2, 1]}\n")
                .is_err()
        );
    }

    #[test]
    fn ticks_and_numbers() {
        assert_eq!(
            nice_ticks(100.0, 10, false),
            (0..=10).map(|i| i as f64 * 10.0).collect::<Vec<_>>()
        );
        assert_eq!(
            nice_ticks(100.0, 5, false),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(
            nice_ticks(7.0, 10, false),
            (0..=7).map(f64::from).collect::<Vec<_>>()
        );
        // Counts: 0 1 2 3 4, never 0 0.5 1 … or 2.5.
        assert_eq!(nice_ticks(4.0, 8, true), vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(nice_ticks(5.0, 2, true), vec![0.0, 5.0]);
        assert_eq!(nice_ticks(5.0, 2, false), vec![0.0, 2.5, 5.0]);
        assert_eq!(nice_ticks(30.0, 4, true), vec![0.0, 10.0, 20.0, 30.0]);
        assert_eq!(whole_number(62.5), "63");
        assert_eq!(whole_number(-0.2), "0");
    }
}
