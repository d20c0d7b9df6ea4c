//! The cohort (workshop, district) view of a batch (report.md "The cohort report"): counts,
//! the level distribution, per-dimension statistics, the programs most often recommended,
//! breakdowns by sector and size class, and every enterprise sorted by overall score.
//!
//! While a batch streams, [`Cohort`] keeps one small [`Entry`] per scored enterprise (scores
//! and indices, a few hundred bytes) and nothing else; [`Cohort::view`] then computes the
//! serialisable [`CohortView`], and [`render_markdown`] turns it into Markdown through the
//! embedded tera template `templates/cohort.md.tera` (charts as fenced `chart` blocks of YAML,
//! answer text escaped with [`crate::report::markdown::escape_str`]).

use serde::Serialize;

use crate::answers::AnswerValue;
use crate::assessment::Assessment;
use crate::error::Error;
use crate::programs::Catalog;
use crate::questionnaire::{Kind, Questionnaire, SECTOR, SIZE_CLASS};
use crate::report::markdown::escape_str as markdown_escape;
use crate::report::view::QuestionnaireInfo;
use crate::setup::Edition;
use crate::text::{label, one_decimal, round_half_away};

/// The cohort template, compiled into the binary.
pub const TEMPLATE: &str = include_str!("../../templates/cohort.md.tera");
const TEMPLATE_NAME: &str = "cohort.md";

/// What the cohort keeps of one scored enterprise.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Position among the batch's inputs (ties in the ranking keep input order).
    pub order: usize,
    pub input: String,
    pub row: Option<usize>,
    pub enterprise: String,
    pub overall: Option<f64>,
    /// Index into `Questionnaire::levels`.
    pub level: Option<usize>,
    /// By dimension index; `None` when not applicable.
    pub dimensions: Box<[Option<f64>]>,
    /// Indices into `Catalog::programs`.
    pub recommended: Box<[u32]>,
    /// Option index of the `sector` answer.
    pub sector: Option<u32>,
    /// Value index of the `size_class` fact (`Fact::values`).
    pub size_class: Option<u32>,
}

impl Entry {
    /// The entry of an assessment scored with `own`, laid out by `current` (the edition the
    /// cohort report describes): when they differ (answers to an earlier version), dimensions,
    /// levels, programs, sectors and size classes are matched by id, and what the current
    /// edition does not have is left out.
    pub fn new(current: Edition, own: Edition, a: &Assessment, order: usize) -> Entry {
        let (q, own_q) = (current.questionnaire, own.questionnaire);
        let same = current.same(&own);
        let sector = own_q
            .question_index(SECTOR)
            .and_then(|qi| match a.answers().get(qi) {
                Some(AnswerValue::Choice(i)) => Some(*i),
                _ => None,
            })
            .and_then(|i| {
                if same {
                    return Some(i as u32);
                }
                let id = own_q.question(SECTOR)?.kind.option_id(i);
                q.question(SECTOR)?.kind.option_index(&id).map(|i| i as u32)
            });
        let size_class = own_q
            .facts
            .iter()
            .position(|f| f.id == SIZE_CLASS)
            .and_then(|fi| a.card.eval.fact_value(own_q, fi))
            .and_then(|v| {
                q.facts
                    .iter()
                    .find(|f| f.id == SIZE_CLASS)?
                    .value_index(v)
                    .map(|i| i as u32)
            });
        let level = a.card.overall_level.and_then(|l| {
            if same {
                return Some(l);
            }
            q.levels.iter().position(|x| x.id == own_q.levels[l].id)
        });
        let dimensions = if same {
            a.card.dimensions.iter().map(|d| d.score).collect()
        } else {
            q.dimensions
                .iter()
                .map(|d| {
                    own_q
                        .dimension_index(&d.id)
                        .and_then(|i| a.card.dimensions[i].score)
                })
                .collect()
        };
        let recommended = a
            .recs
            .recommended
            .iter()
            .filter_map(|p| {
                if same {
                    return Some(p.program as u32);
                }
                let id = &own.catalog.programs[p.program].id;
                current
                    .catalog
                    .programs
                    .iter()
                    .position(|x| &x.id == id)
                    .map(|i| i as u32)
            })
            .collect();
        Entry {
            order,
            input: a.file.clone(),
            row: a.row,
            enterprise: a.enterprise(own_q),
            overall: a.card.overall,
            level,
            dimensions,
            recommended,
            sector,
            size_class,
        }
    }
}

/// The enterprises scored so far and the number of failed inputs.
#[derive(Debug, Default)]
pub struct Cohort {
    entries: Vec<Entry>,
    failed: usize,
    /// Inputs for an enterprise already counted (batch `duplicate_of`).
    duplicates: usize,
}

/// Everything the cohort report shows, ready to serialise. Numbers keep full precision;
/// the template rounds them once, for display (so a rounded value is never rounded again).
#[derive(Clone, Debug, Serialize)]
pub struct CohortView {
    pub language: String,
    /// The report's fixed wording in `language`.
    pub t: Labels,
    pub questionnaire: QuestionnaireInfo,
    pub inputs: usize,
    pub scored: usize,
    pub failed: usize,
    /// Inputs for an enterprise counted already; not in `scored` nor in any statistic.
    pub duplicates: usize,
    pub levels: Vec<LevelCount>,
    /// Scored enterprises to which no dimension applied (no overall score, no level).
    pub no_level: usize,
    /// The largest count in `levels` (for the chart scale).
    pub levels_max: usize,
    pub dimensions: Vec<DimensionStats>,
    pub programs: Vec<ProgramCount>,
    pub programs_max: usize,
    pub by_sector: Option<Breakdown>,
    pub by_size_class: Option<Breakdown>,
    pub enterprises: Vec<EnterpriseRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelCount {
    pub id: u32,
    pub name: String,
    /// The level's lower bound (chart thresholds).
    pub min: f64,
    pub count: usize,
    /// Percent of the scored enterprises.
    pub share: f64,
}

/// Statistics of one dimension over the enterprises it applies to.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DimensionStats {
    pub id: String,
    pub title: String,
    /// How many enterprises it applies to.
    pub count: usize,
    pub stats: Option<Stats>,
}

/// Five-number summary and mean; quartiles by linear interpolation between order statistics
/// (Excel `QUARTILE.INC`, R type 7, NumPy's default).
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct Stats {
    pub mean: f64,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProgramCount {
    pub id: String,
    pub name: String,
    pub count: usize,
    pub share: f64,
}

/// Scored enterprises grouped by one profile answer or fact.
#[derive(Clone, Debug, Serialize)]
pub struct Breakdown {
    pub title: String,
    pub groups: Vec<Group>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// The option id or fact value; empty for "not answered".
    pub key: String,
    pub label: String,
    pub count: usize,
    pub share: f64,
    /// Over the group's enterprises that have an overall score.
    pub mean: Option<f64>,
    pub median: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnterpriseRow {
    pub rank: usize,
    pub enterprise: String,
    pub input: String,
    pub row: Option<usize>,
    pub overall: Option<f64>,
    pub level: Option<u32>,
    pub level_name: String,
}

/// The fixed wording of the report.
#[derive(Clone, Debug, Serialize)]
pub struct Labels {
    pub title: &'static str,
    pub questionnaire: &'static str,
    pub inputs: &'static str,
    pub scored: &'static str,
    pub failed: &'static str,
    pub failed_note: &'static str,
    pub duplicates_note: &'static str,
    pub nothing_scored: &'static str,
    pub levels: &'static str,
    pub level: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub no_level: &'static str,
    pub dimensions: &'static str,
    pub dimension: &'static str,
    pub applies_to: &'static str,
    pub mean: &'static str,
    pub median: &'static str,
    pub q1: &'static str,
    pub q3: &'static str,
    pub min: &'static str,
    pub max: &'static str,
    pub programs: &'static str,
    pub program: &'static str,
    pub no_programs: &'static str,
    pub by_sector: &'static str,
    pub by_size_class: &'static str,
    pub group: &'static str,
    pub mean_overall: &'static str,
    pub enterprises: &'static str,
    pub rank: &'static str,
    pub enterprise: &'static str,
    pub overall: &'static str,
    pub input: &'static str,
}

impl Labels {
    pub fn new(lang: &str) -> Labels {
        if lang == "vi" {
            Labels {
                title: "Báo cáo nhóm doanh nghiệp",
                questionnaire: "Bộ câu hỏi",
                inputs: "Hồ sơ",
                scored: "Đã chấm điểm",
                failed: "Lỗi",
                failed_note: "hồ sơ không chấm được; xem errors.csv",
                duplicates_note: "hồ sơ trùng với một doanh nghiệp đã tính (cùng mã số thuế, hoặc cùng tên và ngày đánh giá), chỉ tính một lần; xem cột duplicate_of của summary.csv",
                nothing_scored: "Chưa có doanh nghiệp nào được chấm điểm.",
                levels: "Phân bố mức sẵn sàng",
                level: label(lang, "level"),
                count: "Số doanh nghiệp",
                share: "Tỷ lệ (%)",
                no_level: "Không xác định (không trụ cột nào áp dụng)",
                dimensions: "Điểm theo trụ cột",
                dimension: label(lang, "dimension"),
                applies_to: "Áp dụng cho",
                mean: "Trung bình",
                median: "Trung vị",
                q1: "Tứ phân vị 1",
                q3: "Tứ phân vị 3",
                min: "Thấp nhất",
                max: "Cao nhất",
                programs: "Chương trình hỗ trợ được đề xuất nhiều nhất",
                program: "Chương trình",
                no_programs: "Không có chương trình nào được đề xuất.",
                by_sector: "Theo ngành",
                by_size_class: "Theo quy mô",
                group: "Nhóm",
                mean_overall: "Điểm tổng trung bình",
                enterprises: "Danh sách doanh nghiệp theo điểm tổng",
                rank: "STT",
                enterprise: label(lang, "enterprise"),
                overall: label(lang, "overall"),
                input: "Hồ sơ nguồn",
            }
        } else {
            Labels {
                title: "Cohort report",
                questionnaire: "Questionnaire",
                inputs: "Inputs",
                scored: "Scored",
                failed: "Failed",
                failed_note: "inputs could not be scored; see errors.csv",
                duplicates_note: "inputs repeat an enterprise already counted (same tax code, or same name and assessment date) and are counted once; see duplicate_of in summary.csv",
                nothing_scored: "No enterprise was scored.",
                levels: "Readiness levels",
                level: label(lang, "level"),
                count: "Enterprises",
                share: "Share (%)",
                no_level: "Undefined (no pillar applies)",
                dimensions: "Scores by pillar",
                dimension: label(lang, "dimension"),
                applies_to: "Applies to",
                mean: "Mean",
                median: "Median",
                q1: "Q1",
                q3: "Q3",
                min: "Min",
                max: "Max",
                programs: "Most recommended support programs",
                program: "Program",
                no_programs: "No program was recommended.",
                by_sector: "By sector",
                by_size_class: "By size class",
                group: "Group",
                mean_overall: "Mean overall score",
                enterprises: "Enterprises by overall score",
                rank: "#",
                enterprise: label(lang, "enterprise"),
                overall: label(lang, "overall"),
                input: "Input",
            }
        }
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
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

impl Stats {
    /// Statistics of some values (any order); `None` for none.
    pub fn of(mut values: Vec<f64>) -> Option<Stats> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        Some(Stats {
            mean,
            min: values[0],
            q1: quantile(&values, 0.25)?,
            median: quantile(&values, 0.5)?,
            q3: quantile(&values, 0.75)?,
            max: values[values.len() - 1],
        })
    }
}

impl Cohort {
    pub fn new() -> Self {
        Cohort::default()
    }

    pub fn add(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    pub fn add_failed(&mut self) {
        self.failed += 1;
    }

    /// An input scored but for an enterprise already in the cohort: counted once.
    pub fn add_duplicate(&mut self) {
        self.duplicates += 1;
    }

    pub fn scored(&self) -> usize {
        self.entries.len()
    }

    pub fn failed(&self) -> usize {
        self.failed
    }

    /// Computes the report's figures in `lang`.
    pub fn view(mut self, q: &Questionnaire, catalog: &Catalog, lang: &str) -> CohortView {
        let scored = self.entries.len();
        let mut level_counts = vec![0usize; q.levels.len()];
        let mut no_level = 0;
        for e in &self.entries {
            match e.level {
                Some(l) => level_counts[l] += 1,
                None => no_level += 1,
            }
        }
        let levels: Vec<LevelCount> = q
            .levels
            .iter()
            .zip(&level_counts)
            .map(|(l, &count)| LevelCount {
                id: l.id,
                name: l.name.get(lang).to_string(),
                min: l.min,
                count,
                share: percent(count, scored),
            })
            .collect();
        let dimensions = q
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, dim)| {
                let values: Vec<f64> = self
                    .entries
                    .iter()
                    .filter_map(|e| e.dimensions.get(d).copied().flatten())
                    .collect();
                DimensionStats {
                    id: dim.id.clone(),
                    title: dim.title.get(lang).to_string(),
                    count: values.len(),
                    stats: Stats::of(values),
                }
            })
            .collect();
        let mut program_counts = vec![0usize; catalog.programs.len()];
        for e in &self.entries {
            for &p in e.recommended.iter() {
                if let Some(c) = program_counts.get_mut(p as usize) {
                    *c += 1;
                }
            }
        }
        let mut programs: Vec<ProgramCount> = catalog
            .programs
            .iter()
            .zip(&program_counts)
            .filter(|(_, c)| **c > 0)
            .map(|(p, &count)| ProgramCount {
                id: p.id.clone(),
                name: p.name.get(lang).to_string(),
                count,
                share: percent(count, scored),
            })
            .collect();
        // Stable: ties stay in catalog order.
        programs.sort_by_key(|p| std::cmp::Reverse(p.count));
        let by_sector = q
            .question(SECTOR)
            .filter(|s| matches!(s.kind, Kind::Single { .. }))
            .map(|s| {
                let keys: Vec<(String, String)> = s
                    .kind
                    .options()
                    .iter()
                    .map(|o| (o.id.clone(), o.label.get(lang).to_string()))
                    .collect();
                breakdown(
                    &self.entries,
                    |e| e.sector,
                    &keys,
                    Labels::new(lang).by_sector,
                    label(lang, "unanswered"),
                )
            });
        let by_size_class = q.facts.iter().find(|f| f.id == SIZE_CLASS).map(|f| {
            let keys: Vec<(String, String)> = (0..f.values.len())
                .map(|v| (f.values[v].id.clone(), f.value_label(v, lang)))
                .collect();
            let unknown = if lang == "vi" {
                "không xác định"
            } else {
                "unknown"
            };
            breakdown(
                &self.entries,
                |e| e.size_class,
                &keys,
                Labels::new(lang).by_size_class,
                unknown,
            )
        });
        // Highest first; no overall score last; ties in input order.
        self.entries.sort_by(|a, b| match (a.overall, b.overall) {
            (Some(x), Some(y)) => y.total_cmp(&x).then(a.order.cmp(&b.order)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.order.cmp(&b.order),
        });
        let enterprises = self
            .entries
            .into_iter()
            .enumerate()
            .map(|(i, e)| EnterpriseRow {
                rank: i + 1,
                level: e.level.map(|l| q.levels[l].id),
                level_name: e
                    .level
                    .map(|l| q.levels[l].name.get(lang).to_string())
                    .unwrap_or_default(),
                enterprise: e.enterprise,
                input: e.input,
                row: e.row,
                overall: e.overall,
            })
            .collect();
        CohortView {
            language: lang.to_string(),
            t: Labels::new(lang),
            questionnaire: QuestionnaireInfo::of(q, lang),
            inputs: scored + self.failed + self.duplicates,
            scored,
            failed: self.failed,
            duplicates: self.duplicates,
            levels_max: level_counts
                .iter()
                .copied()
                .max()
                .unwrap_or(0)
                .max(no_level),
            levels,
            no_level,
            dimensions,
            programs_max: programs.first().map_or(0, |p| p.count),
            programs,
            by_sector,
            by_size_class,
            enterprises,
        }
    }
}

/// Groups entries by `key_of` (an index into `keys`); empty groups are left out, the
/// "not answered" group comes last.
fn breakdown(
    entries: &[Entry],
    key_of: impl Fn(&Entry) -> Option<u32>,
    keys: &[(String, String)],
    title: &str,
    missing: &str,
) -> Breakdown {
    let mut overall: Vec<Vec<f64>> = vec![Vec::new(); keys.len() + 1];
    let mut counts = vec![0usize; keys.len() + 1];
    for e in entries {
        let slot = key_of(e)
            .map(|k| k as usize)
            .filter(|&k| k < keys.len())
            .unwrap_or(keys.len());
        counts[slot] += 1;
        if let Some(s) = e.overall {
            overall[slot].push(s);
        }
    }
    let groups = (0..=keys.len())
        .filter(|&i| counts[i] > 0)
        .map(|i| {
            let (key, label) = keys
                .get(i)
                .cloned()
                .unwrap_or_else(|| (String::new(), missing.to_string()));
            let stats = Stats::of(std::mem::take(&mut overall[i]));
            Group {
                key,
                label,
                count: counts[i],
                share: percent(counts[i], entries.len()),
                mean: stats.map(|s| s.mean),
                median: stats.map(|s| s.median),
            }
        })
        .collect();
    Breakdown {
        title: title.to_string(),
        groups,
    }
}

/// The cohort report as Markdown (charts as fenced `chart` blocks of YAML).
pub fn render_markdown(view: &CohortView) -> Result<String, Error> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    let lang = view.language.clone();
    // Answer text into Markdown: escaped.
    tera.register_filter("md", |v: &tera::Value, _: tera::Kwargs, _: &tera::State| {
        markdown_escape(&plain(v))
    });
    // A score for people: one decimal in the language's style, `—` when there is none.
    tera.register_filter(
        "dec",
        move |v: &tera::Value, _: tera::Kwargs, _: &tera::State| match v.as_f64() {
            Some(x) => one_decimal(x, &lang),
            None => "—".to_string(),
        },
    );
    // A number inside chart YAML.
    tera.register_filter(
        "num",
        |v: &tera::Value, _: tera::Kwargs, _: &tera::State| match v.as_f64() {
            Some(x) => yaml_number(x),
            None => "null".to_string(),
        },
    );
    // A string inside chart YAML (JSON strings are YAML double-quoted scalars).
    tera.register_filter(
        "yaml",
        |v: &tera::Value, _: tera::Kwargs, _: &tera::State| {
            serde_json::Value::String(plain(v)).to_string()
        },
    );
    let template_error = |e: tera::Error| Error::Io(format!("the cohort template: {e}"));
    tera.add_raw_template(TEMPLATE_NAME, TEMPLATE)
        .map_err(template_error)?;
    let context = tera::Context::from_serialize(view).map_err(template_error)?;
    let mut md = tera
        .render(TEMPLATE_NAME, &context)
        .map_err(template_error)?;
    if !md.ends_with('\n') {
        md.push('\n');
    }
    Ok(md)
}

fn plain(v: &tera::Value) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None if v.is_none() => String::new(),
        None => v.to_string(),
    }
}

/// `62.5`, `40`, `33.33`: at most two decimals, no trailing zeros.
pub fn yaml_number(x: f64) -> String {
    let s = format!("{:.2}", round_half_away(x, 2));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{Stats, quantile, yaml_number};

    #[test]
    fn quartiles_interpolate_between_order_statistics() {
        let v = [10.0, 20.0, 30.0, 40.0];
        assert_eq!(quantile(&v, 0.25), Some(17.5));
        assert_eq!(quantile(&v, 0.5), Some(25.0));
        assert_eq!(quantile(&v, 0.75), Some(32.5));
        let s = Stats::of(vec![40.0, 10.0, 30.0, 20.0, 100.0]).unwrap();
        assert_eq!(
            (s.min, s.q1, s.median, s.q3, s.max, s.mean),
            (10.0, 20.0, 30.0, 40.0, 100.0, 40.0)
        );
        let one = Stats::of(vec![62.5]).unwrap();
        assert_eq!(
            (one.min, one.q1, one.median, one.q3, one.max, one.mean),
            (62.5, 62.5, 62.5, 62.5, 62.5, 62.5)
        );
        assert_eq!(Stats::of(Vec::new()), None);
    }

    #[test]
    fn chart_numbers() {
        assert_eq!(yaml_number(62.5), "62.5");
        assert_eq!(yaml_number(40.0), "40");
        assert_eq!(yaml_number(100.0 / 3.0), "33.33");
        assert_eq!(yaml_number(0.0), "0");
    }
}
