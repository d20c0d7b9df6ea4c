//! Peers: the enterprises one enterprise's report is compared with (`report --benchmark`,
//! `batch --pdf --benchmark`), and the group of them that is fair to compare with.
//!
//! A [`Peers`] set holds, per enterprise, only its sector, size class and scores: read from a
//! batch summary (`summary.csv`, `summary.jsonl`), made from the enterprises of a serve
//! workspace, or from a batch's own cohort. [`Peers::group`] then picks the group: the same
//! sector and size class when that group has at least [`MIN_GROUP`] enterprises, else
//! everyone, and gives the median and quartiles of the
//! overall score and of each pillar in it (R type 7 quantiles, as the cohort report). An
//! enterprise that is in the summary counts in its own group, as every other; rows marked as
//! duplicates of an earlier one are left out.

use std::collections::BTreeMap;

/// The smallest group compared with before a wider one is used.
pub const MIN_GROUP: usize = 10;

/// One enterprise among the peers.
#[derive(Clone, Debug, PartialEq)]
pub struct Peer {
    /// The `sector` answer's option id.
    pub sector: Option<String>,
    /// The `size_class` fact's value id.
    pub size_class: Option<String>,
    pub overall: Option<f64>,
    /// Aligned with [`Peers::dimensions`]; `None` where the pillar does not apply.
    pub scores: Vec<Option<f64>>,
}

/// The peers and the pillar ids their scores are for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Peers {
    pub dimensions: Vec<String>,
    pub rows: Vec<Peer>,
}

/// Which group was compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The same sector and size class.
    SectorAndSize,
    /// Every peer.
    All,
}

impl Scope {
    pub fn id(self) -> &'static str {
        match self {
            Scope::SectorAndSize => "sector_and_size",
            Scope::All => "all",
        }
    }
}

/// Median and quartiles of some scores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quartiles {
    /// How many scores (enterprises to which it applies).
    pub n: usize,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

impl Quartiles {
    /// The quartiles of `values` (any order); `None` for none.
    pub fn of(mut values: Vec<f64>) -> Option<Quartiles> {
        values.sort_by(f64::total_cmp);
        Some(Quartiles {
            n: values.len(),
            q1: quantile(&values, 0.25)?,
            median: quantile(&values, 0.5)?,
            q3: quantile(&values, 0.75)?,
        })
    }
}

/// The value at fraction `p` of sorted values, interpolating linearly (R type 7).
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// The group an enterprise is compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerGroup {
    pub scope: Scope,
    /// How many enterprises it has.
    pub size: usize,
    /// The narrower groups passed over, with their sizes (fewer than [`MIN_GROUP`]).
    pub passed_over: Vec<(Scope, usize)>,
    pub overall: Option<Quartiles>,
    /// By pillar id.
    pub dimensions: BTreeMap<String, Quartiles>,
}

/// A summary line as read: sector, size class, overall score, (pillar index, score).
type JsonRow = (
    Option<String>,
    Option<String>,
    Option<f64>,
    Vec<(usize, f64)>,
);

impl Peers {
    /// The group for an enterprise of `sector` and `size_class` (ids; `None` when unknown):
    /// the enterprises of the same sector and size class when there are at least
    /// [`MIN_GROUP`] of them, else every peer (docs/reference/report.md: "else a wider group"; issue 11
    /// names the whole cohort, which is also the group a reader understands at once).
    pub fn group(&self, sector: Option<&str>, size_class: Option<&str>) -> PeerGroup {
        let mut passed_over = Vec::new();
        if let (Some(sector), Some(size_class)) = (sector, size_class) {
            let members: Vec<&Peer> = self
                .rows
                .iter()
                .filter(|p| {
                    p.sector.as_deref() == Some(sector)
                        && p.size_class.as_deref() == Some(size_class)
                })
                .collect();
            if members.len() >= MIN_GROUP {
                return self.stats(Scope::SectorAndSize, members, passed_over);
            }
            passed_over.push((Scope::SectorAndSize, members.len()));
        }
        self.stats(Scope::All, self.rows.iter().collect(), passed_over)
    }

    fn stats(
        &self,
        scope: Scope,
        members: Vec<&Peer>,
        passed_over: Vec<(Scope, usize)>,
    ) -> PeerGroup {
        let overall = Quartiles::of(members.iter().filter_map(|p| p.overall).collect());
        let dimensions = self
            .dimensions
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let values = members
                    .iter()
                    .filter_map(|p| p.scores.get(i).copied().flatten())
                    .collect();
                Quartiles::of(values).map(|q| (id.clone(), q))
            })
            .collect();
        PeerGroup {
            scope,
            size: members.len(),
            passed_over,
            overall,
            dimensions,
        }
    }

    /// Reads a `summary.csv` of `batch` (docs/reference/commands.md, "batch"): the pillar columns are those
    /// between `level_name` and `recommended`; `sector` and `size_class` are used when the
    /// summary has them; rows with a `duplicate_of` are left out.
    pub fn from_summary_csv(text: &str) -> Result<Peers, String> {
        let (table, mut reader) = SummaryCsv::open(text)?;
        let (sector, size_class) = (table.column("sector"), table.column("size_class"));
        let rows = table
            .rows(&mut reader)
            .map(|row| {
                row.map(|row| Peer {
                    sector: row.cell(sector).map(str::to_string),
                    size_class: row.cell(size_class).map(str::to_string),
                    overall: row.overall,
                    scores: row.scores,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Peers {
            dimensions: table.dimensions().to_vec(),
            rows,
        })
    }

    /// Reads a `summary.jsonl` of `batch` (one `score --format json` object per line; lines
    /// with an `error` or a `duplicate_of` are left out).
    pub fn from_summary_jsonl(text: &str) -> Result<Peers, String> {
        let mut peers = Peers::default();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut rows: Vec<JsonRow> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("line {n}: not JSON: {e}"))?;
            if v.get("error").is_some()
                || v.get("duplicate_of")
                    .and_then(|d| d.as_str())
                    .is_some_and(|d| !d.is_empty())
            {
                continue;
            }
            let Some(dims) = v.get("dimensions").and_then(|d| d.as_array()) else {
                return Err(format!(
                    "line {n}: not a dxready summary line: expected an object with \"dimensions\" as `score --format json` prints"
                ));
            };
            let score = |x: Option<&serde_json::Value>| -> Result<Option<f64>, String> {
                match x {
                    None | Some(serde_json::Value::Null) => Ok(None),
                    Some(x) => x
                        .as_f64()
                        .filter(|v| (0.0..=100.0).contains(v))
                        .map(Some)
                        .ok_or_else(|| {
                            format!("line {n}: expected a score from 0 to 100, found {x}")
                        }),
                }
            };
            let mut scores = Vec::new();
            for d in dims {
                let Some(id) = d.get("id").and_then(|i| i.as_str()) else {
                    return Err(format!("line {n}: a dimension without an id"));
                };
                let next = index.len();
                let k = *index.entry(id.to_string()).or_insert(next);
                if k == peers.dimensions.len() {
                    peers.dimensions.push(id.to_string());
                }
                if let Some(s) = score(d.get("score"))? {
                    scores.push((k, s));
                }
            }
            let text_at = |path: &[&str]| {
                let mut x = &v;
                for p in path {
                    x = x.get(*p)?;
                }
                x.as_str().filter(|s| !s.is_empty()).map(str::to_string)
            };
            rows.push((
                text_at(&["profile", "sector"]).or_else(|| text_at(&["sector"])),
                text_at(&["facts", "size_class"]).or_else(|| text_at(&["profile", "size_class"])),
                score(v.get("overall").and_then(|o| o.get("score")))?,
                scores,
            ));
        }
        let width = peers.dimensions.len();
        peers.rows = rows
            .into_iter()
            .map(|(sector, size_class, overall, scores)| {
                let mut s = vec![None; width];
                for (k, v) in scores {
                    s[k] = Some(v);
                }
                Peer {
                    sector,
                    size_class,
                    overall,
                    scores: s,
                }
            })
            .collect();
        Ok(peers)
    }
}

/// The header of a `summary.csv` of `batch`, as the readers of an earlier summary
/// (`--benchmark`, `batch --compare`) need it: the columns by name and the pillar columns,
/// those between `level_name` and `recommended`.
pub(crate) struct SummaryCsv {
    header: Vec<String>,
    overall: usize,
    /// The pillar columns: `first + 1 .. last`.
    first: usize,
    last: usize,
    duplicate: Option<usize>,
}

/// One row of a [`SummaryCsv`] that is not a duplicate: its scores read, its cells at hand.
pub(crate) struct SummaryCsvRow {
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    record: csv::StringRecord,
    pub overall: Option<f64>,
    /// Aligned with [`SummaryCsv::dimensions`].
    pub scores: Vec<Option<f64>>,
}

impl SummaryCsvRow {
    /// The trimmed cell of a column, `None` when the column is absent or the cell empty.
    pub fn cell(&self, column: Option<usize>) -> Option<&str> {
        column
            .and_then(|c| self.record.get(c))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// The largest summary read back (`report --benchmark`, `batch --compare`): as large as a CSV
/// input of `batch` may be.
pub const MAX_SUMMARY_BYTES: u64 = crate::answers::csv::MAX_CSV_BYTES;

/// A summary file written by `batch`, read whole within [`MAX_SUMMARY_BYTES`]; the error names
/// the file, and `expected` (what the command reads) ends the message for text that is not
/// UTF-8.
pub fn read_summary(path: &std::path::Path, expected: &str) -> Result<String, String> {
    let shown = path.display();
    let bytes =
        crate::fsio::read_bounded(path, MAX_SUMMARY_BYTES).map_err(|e| format!("{shown}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{shown}: not UTF-8 text; expected {expected}"))
}

impl SummaryCsv {
    /// Reads the header of a summary; [`SummaryCsv::rows`] then reads its rows.
    pub fn open(text: &str) -> Result<(SummaryCsv, csv::Reader<&[u8]>), String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| format!("cannot read the header: {e}"))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .collect();
        let col = |name: &str| header.iter().position(|h| h == name);
        let (Some(overall), Some(first), Some(last)) =
            (col("overall"), col("level_name"), col("recommended"))
        else {
            return Err(format!(
                "line 1: not a dxready summary: expected a header with input,row,enterprise,overall,level,level_name, one column per pillar and recommended, found {}",
                header.join(",")
            ));
        };
        if last <= first {
            return Err("line 1: `recommended` must come after the pillar columns".into());
        }
        let duplicate = col("duplicate_of");
        let table = SummaryCsv {
            header,
            overall,
            first,
            last,
            duplicate,
        };
        Ok((table, reader))
    }

    /// The rows of the summary that are not marked `duplicate_of`, in file order, with their
    /// scores read; an error names the line (and column) and what was expected.
    pub fn rows<'a>(
        &'a self,
        reader: &'a mut csv::Reader<&[u8]>,
    ) -> impl Iterator<Item = Result<SummaryCsvRow, String>> + 'a {
        reader.records().enumerate().filter_map(move |(i, record)| {
            let line = i + 2;
            let row = SummaryCsvRow {
                line,
                record: match record {
                    Ok(r) => r,
                    Err(e) => return Some(Err(format!("line {line}: {e}"))),
                },
                overall: None,
                scores: Vec::new(),
            };
            (row.cell(self.duplicate).is_none()).then(|| self.scored(row))
        })
    }

    fn scored(&self, mut row: SummaryCsvRow) -> Result<SummaryCsvRow, String> {
        let number = |c: usize| -> Result<Option<f64>, String> {
            match row.cell(Some(c)) {
                None => Ok(None),
                Some(s) => s
                    .replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|v| (0.0..=100.0).contains(v))
                    .map(Some)
                    .ok_or_else(|| {
                        format!(
                            "line {}, column {}: expected a score from 0 to 100, found {s:?}",
                            row.line, self.header[c]
                        )
                    }),
            }
        };
        let overall = number(self.overall)?;
        let scores = (self.first + 1..self.last)
            .map(number)
            .collect::<Result<Vec<_>, _>>()?;
        (row.overall, row.scores) = (overall, scores);
        Ok(row)
    }

    /// The header as it reads in the file, for messages.
    pub fn header_line(&self) -> String {
        self.header.join(",")
    }

    /// The index of a column, by its header.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The pillar ids of the summary's columns.
    pub fn dimensions(&self) -> &[String] {
        &self.header[self.first + 1..self.last]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(sector: &str, size: &str, overall: f64) -> Peer {
        Peer {
            sector: Some(sector.into()),
            size_class: Some(size.into()),
            overall: Some(overall),
            scores: vec![Some(overall), None],
        }
    }

    #[test]
    fn the_same_sector_and_size_when_ten_else_everyone() {
        let mut peers = Peers {
            dimensions: vec!["a".into(), "b".into()],
            rows: Vec::new(),
        };
        for i in 0..4 {
            peers.rows.push(peer("trade", "micro", f64::from(i)));
        }
        for i in 0..8 {
            peers.rows.push(peer("trade", "small", 50.0 + f64::from(i)));
        }
        for i in 0..20 {
            peers
                .rows
                .push(peer("manufacturing", "micro", 10.0 + f64::from(i)));
        }
        // 4 of trade/micro: too few, so everyone (32), and the smaller group is named.
        let g = peers.group(Some("trade"), Some("micro"));
        assert_eq!((g.scope, g.size), (Scope::All, 32));
        assert_eq!(g.passed_over, vec![(Scope::SectorAndSize, 4)]);
        let g = peers.group(Some("manufacturing"), Some("micro"));
        assert_eq!((g.scope, g.size), (Scope::SectorAndSize, 20));
        assert_eq!(g.dimensions["a"].median, 19.5);
        assert!(!g.dimensions.contains_key("b"));
        let g = peers.group(Some("services"), Some("small"));
        assert_eq!((g.scope, g.size), (Scope::All, 32));
        assert_eq!(g.passed_over, vec![(Scope::SectorAndSize, 0)]);
        // Unknown sector: everyone, nothing passed over.
        let g = peers.group(None, Some("micro"));
        assert_eq!((g.scope, g.size), (Scope::All, 32));
        assert!(g.passed_over.is_empty());
    }

    #[test]
    fn summaries_are_read_with_and_without_profile_columns() {
        let csv = "input,row,enterprise,overall,level,level_name,leadership,ecommerce,recommended,tax_code,sector,size_class,province,commune,report,duplicate_of\n\
                   a.yaml,,A,40.00,2,B,50.00,,p1,1,trade,micro,,,,\n\
                   b.yaml,,B,60.00,3,C,70.00,30.00,,2,trade,micro,,,,\n\
                   c.yaml,,B,60.00,3,C,70.00,30.00,,2,trade,micro,,,,b.yaml\n";
        let p = Peers::from_summary_csv(csv).unwrap();
        assert_eq!(p.dimensions, vec!["leadership", "ecommerce"]);
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[0].scores, vec![Some(50.0), None]);
        assert_eq!(p.rows[1].sector.as_deref(), Some("trade"));
        let old = "input,row,enterprise,overall,level,level_name,leadership,recommended\na,,A,40.00,2,B,50.00,\n";
        let p = Peers::from_summary_csv(old).unwrap();
        assert_eq!(p.rows[0].sector, None);
        let err = Peers::from_summary_csv("a,b\n1,2\n").unwrap_err();
        assert!(err.contains("not a dxready summary"), "{err}");
        let err = Peers::from_summary_csv(
            "input,row,enterprise,overall,level,level_name,x,recommended\na,,A,400,2,B,1,\n",
        )
        .unwrap_err();
        assert!(err.contains("line 2, column overall"), "{err}");

        let jsonl = r#"{"file":"a","overall":{"score":40.0},"dimensions":[{"id":"x","score":50.0},{"id":"y","score":null}],"facts":{"size_class":"micro"}}
{"file":"b","error":"bad"}
{"file":"c","overall":{"score":60.0},"dimensions":[{"id":"x","score":70.0},{"id":"y","score":20.0}],"facts":{"size_class":"small"},"profile":{"sector":"trade"}}
"#;
        let p = Peers::from_summary_jsonl(jsonl).unwrap();
        assert_eq!(p.dimensions, vec!["x", "y"]);
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[1].scores, vec![Some(70.0), Some(20.0)]);
        assert_eq!(p.rows[1].sector.as_deref(), Some("trade"));
        assert_eq!(p.rows[0].size_class.as_deref(), Some("micro"));
    }
}
