//! The cohort (workshop, district) view of a batch (docs/batch.md, "The cohort report"):
//! counts, the level distribution, the median per pillar with its quartile band, per-pillar
//! box plots, the programs most often recommended, breakdowns by sector, size class, province
//! and legal form, and the highest and lowest scores.
//!
//! While a batch streams, [`Cohort`] keeps one small [`Entry`] per scored enterprise (scores
//! and indices, a few hundred bytes) and nothing else; [`Cohort::view`] then computes the
//! serialisable [`CohortView`] (with its chart blocks), which the report pipeline renders with
//! the template `cohort.md.tera` ([`crate::report::Template::Cohort`]; the embedded one or a
//! user's in `--templates DIR`), escaping answer text as for the enterprise report. The PDF
//! keeps to 8 pages whatever the cohort: the [`MAX_PROGRAMS`] programs most recommended,
//! [`MAX_GROUPS`] groups per breakdown, the [`RANKED`] highest and lowest; the full list of
//! enterprises is in the summary.

use serde::Serialize;

use crate::answers::AnswerValue;
use crate::assessment::Assessment;
use crate::error::Error;
use crate::peers::quantile;
use crate::programs::Catalog;
use crate::questionnaire::{Kind, PROVINCE, Questionnaire, SECTOR, SIZE_CLASS};

/// The `legal_form` profile question (enterprise, household business, cooperative).
pub const LEGAL_FORM: &str = "legal_form";
use crate::report::markdown::{ChartKind, ChartRow, ChartSpec, Threshold};
use crate::report::view::QuestionnaireInfo;
use crate::report::{Renderer, Template};
use crate::setup::Edition;
use crate::text::one_decimal;
use crate::words::fill;

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
    /// Option index of the `province` answer.
    pub province: Option<u32>,
    /// Option index of the `legal_form` answer.
    pub legal_form: Option<u32>,
    /// Value index of the `size_class` fact (`Fact::values`).
    pub size_class: Option<u32>,
    /// With `batch --compare`: the change since the earlier batch (`None`: not paired).
    pub change: Option<Box<crate::batch::compare::Change>>,
}

impl Entry {
    /// The entry of an assessment scored with `own`, laid out by `current` (the edition the
    /// cohort report describes): when they differ (answers to an earlier version), dimensions,
    /// levels, programs, sectors and size classes are matched by id, and what the current
    /// edition does not have is left out.
    pub fn new(current: Edition, own: Edition, a: &Assessment, order: usize) -> Entry {
        let (q, own_q) = (current.questionnaire, own.questionnaire);
        let same = current.same(&own);
        // A single-choice profile answer as an option index of the current questionnaire.
        let choice = |id: &str| {
            own_q
                .question_index(id)
                .and_then(|qi| match a.answers().get(qi) {
                    Some(AnswerValue::Choice(i)) => Some(*i),
                    _ => None,
                })
                .and_then(|i| {
                    if same {
                        return Some(i as u32);
                    }
                    let option = own_q.question(id)?.kind.option_id(i);
                    q.question(id)?.kind.option_index(&option).map(|i| i as u32)
                })
        };
        let (sector, province, legal_form) = (choice(SECTOR), choice(PROVINCE), choice(LEGAL_FORM));
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
            province,
            legal_form,
            size_class,
            change: None,
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
    /// `batch --compare`: the report has a T0 → T1 section.
    compared: bool,
}

/// How many programs, groups of a breakdown and enterprises at each end of the ranking the
/// report shows; the rest are in the summary and the call lists (the report stays within 8
/// pages whatever the size of the cohort or of the catalog).
pub const MAX_PROGRAMS: usize = 15;
pub const MAX_GROUPS: usize = 12;
pub const RANKED: usize = 10;

/// Everything the cohort report shows, ready to serialise. Numbers keep full precision for
/// templates that compute; each has a `*_text` twin rounded once for people.
#[derive(Clone, Debug, Serialize)]
pub struct CohortView {
    pub language: String,
    /// The report's fixed wording in `language`.
    pub t: &'static crate::words::Cohort,
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
    /// The overall score over the cohort.
    pub overall: Option<Stats>,
    pub overall_text: StatsText,
    pub dimensions: Vec<DimensionStats>,
    /// The [`MAX_PROGRAMS`] programs most often recommended.
    pub programs: Vec<ProgramCount>,
    pub programs_max: usize,
    /// Programs recommended to someone but not shown (see `programs/<id>.csv`).
    pub programs_more: usize,
    /// By sector, size class, province and legal form (those the questionnaire has).
    pub breakdowns: Vec<Breakdown>,
    /// The highest overall scores (all of them when the cohort has at most 2 × [`RANKED`]).
    pub top: Vec<EnterpriseRow>,
    /// The lowest, lowest last; empty when `top` holds everyone.
    pub bottom: Vec<EnterpriseRow>,
    /// With `batch --compare`: T0 → T1.
    pub progress: Option<ProgressView>,
    /// Ready-made chart blocks (print with `| safe`): `levels` (bars), `radar` (median per
    /// pillar with the quartile band; empty with fewer than 3 pillars), `dimensions` (box
    /// plots), `programs` (bars).
    pub charts: CohortCharts,
}

/// Progress since the earlier batch (`batch --compare`), over the paired enterprises.
#[derive(Clone, Debug, Serialize)]
pub struct ProgressView {
    /// Enterprises found in the earlier summary, and not found.
    pub paired: usize,
    pub unpaired: usize,
    /// Paired enterprises whose level went up, stayed, went down.
    pub moved_up: usize,
    pub same_level: usize,
    pub moved_down: usize,
    /// Mean change of the overall score, with its sign ("+4,2").
    pub overall_text: String,
    pub dimensions: Vec<ProgressLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProgressLine {
    pub id: String,
    pub title: String,
    /// Paired enterprises scored on the pillar both times.
    pub count: usize,
    pub mean_change: Option<f64>,
    pub mean_change_text: String,
}

fn signed(x: Option<f64>, lang: &str) -> String {
    match x {
        None => "—".into(),
        Some(x) => {
            let t = one_decimal(x.abs(), lang);
            if t.trim_start_matches(['0', ',', '.']).is_empty() {
                t
            } else if x > 0.0 {
                format!("+{t}")
            } else {
                format!("−{t}")
            }
        }
    }
}

fn progress(q: &Questionnaire, entries: &[Entry], lang: &str) -> ProgressView {
    let paired: Vec<&crate::batch::compare::Change> =
        entries.iter().filter_map(|e| e.change.as_deref()).collect();
    let (mut up, mut same, mut down) = (0, 0, 0);
    for (e, c) in entries
        .iter()
        .filter_map(|e| e.change.as_deref().map(|c| (e, c)))
    {
        let now = e.level.map(|l| q.levels[l].id);
        match (now, c.level_before) {
            (Some(a), Some(b)) if a > b => up += 1,
            (Some(a), Some(b)) if a < b => down += 1,
            (Some(_), Some(_)) => same += 1,
            _ => {}
        }
    }
    let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let dimensions = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v: Vec<f64> = paired
                .iter()
                .filter_map(|c| c.dimensions.get(i).copied().flatten())
                .collect();
            let count = v.len();
            let m = mean(v);
            ProgressLine {
                id: d.id.clone(),
                title: d.title.get(lang).to_string(),
                count,
                mean_change: m,
                mean_change_text: signed(m, lang),
            }
        })
        .collect();
    ProgressView {
        paired: paired.len(),
        unpaired: entries.len() - paired.len(),
        moved_up: up,
        same_level: same,
        moved_down: down,
        overall_text: signed(
            mean(paired.iter().filter_map(|c| c.overall).collect()),
            lang,
        ),
        dimensions,
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct CohortCharts {
    pub levels: String,
    pub radar: String,
    pub dimensions: String,
    pub programs: String,
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
    pub share_text: String,
}

/// Statistics of one dimension over the enterprises it applies to.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DimensionStats {
    pub id: String,
    pub title: String,
    /// How many enterprises it applies to.
    pub count: usize,
    pub stats: Option<Stats>,
    pub text: StatsText,
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

/// [`Stats`] with one decimal in the report's language; `—` for none.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StatsText {
    pub mean: String,
    pub min: String,
    pub q1: String,
    pub median: String,
    pub q3: String,
    pub max: String,
}

impl StatsText {
    fn of(s: Option<&Stats>, lang: &str) -> StatsText {
        let t = |f: fn(&Stats) -> f64| s.map_or("—".to_string(), |s| one_decimal(f(s), lang));
        StatsText {
            mean: t(|s| s.mean),
            min: t(|s| s.min),
            q1: t(|s| s.q1),
            median: t(|s| s.median),
            q3: t(|s| s.q3),
            max: t(|s| s.max),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ProgramCount {
    pub id: String,
    pub name: String,
    pub count: usize,
    pub share: f64,
    pub share_text: String,
}

/// Scored enterprises grouped by one profile answer or fact.
#[derive(Clone, Debug, Serialize)]
pub struct Breakdown {
    /// `sector`, `size_class`, `province` or `legal_form`.
    pub id: &'static str,
    pub title: String,
    /// Largest first; at most [`MAX_GROUPS`], the smaller ones joined in an "other" group
    /// (key `*`); the "not answered" group (key empty) last.
    pub groups: Vec<Group>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// The option id or fact value; empty for "not answered", `*` for the others joined.
    pub key: String,
    pub label: String,
    pub count: usize,
    pub share: f64,
    pub share_text: String,
    /// Over the group's enterprises that have an overall score.
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub mean_text: String,
    pub median_text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnterpriseRow {
    pub rank: usize,
    pub enterprise: String,
    pub input: String,
    pub row: Option<usize>,
    pub overall: Option<f64>,
    pub overall_text: String,
    pub level: Option<u32>,
    pub level_name: String,
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
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

    /// A cohort whose entries may carry a change since an earlier batch (`--compare`).
    pub fn comparing(compared: bool) -> Self {
        Cohort {
            compared,
            ..Cohort::default()
        }
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
        let t = &crate::words::of(lang).cohort;
        let scored = self.entries.len();
        let share = |part: usize| one_decimal(percent(part, scored), lang);
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
                share_text: share(count),
            })
            .collect();
        let overall = Stats::of(self.entries.iter().filter_map(|e| e.overall).collect());
        let dimensions: Vec<DimensionStats> = q
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, dim)| {
                let values: Vec<f64> = self
                    .entries
                    .iter()
                    .filter_map(|e| e.dimensions.get(d).copied().flatten())
                    .collect();
                let stats = Stats::of(values);
                DimensionStats {
                    id: dim.id.clone(),
                    title: dim.title.get(lang).to_string(),
                    count: stats.map_or(0, |_| {
                        self.entries
                            .iter()
                            .filter(|e| e.dimensions.get(d).copied().flatten().is_some())
                            .count()
                    }),
                    text: StatsText::of(stats.as_ref(), lang),
                    stats,
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
                share_text: share(count),
            })
            .collect();
        // Stable: ties stay in catalog order.
        programs.sort_by_key(|p| std::cmp::Reverse(p.count));
        let programs_more = programs.len().saturating_sub(MAX_PROGRAMS);
        programs.truncate(MAX_PROGRAMS);

        let mut breakdowns = Vec::new();
        let unanswered = crate::words::of(lang).common.unanswered;
        for (id, title, key_of) in [
            (
                SECTOR,
                t.by_sector,
                (|e: &Entry| e.sector) as fn(&Entry) -> Option<u32>,
            ),
            (PROVINCE, t.by_province, |e: &Entry| e.province),
            (LEGAL_FORM, t.by_legal_form, |e: &Entry| e.legal_form),
        ] {
            let Some(question) = q
                .question(id)
                .filter(|s| matches!(s.kind, Kind::Single { .. }))
            else {
                continue;
            };
            let keys: Vec<(String, String)> = question
                .kind
                .options()
                .iter()
                .map(|o| (o.id.clone(), o.label.get(lang).to_string()))
                .collect();
            breakdowns.push(breakdown(
                &self.entries,
                key_of,
                &keys,
                (id, title),
                unanswered,
                lang,
            ));
        }
        if let Some(f) = q.facts.iter().find(|f| f.id == SIZE_CLASS) {
            let keys: Vec<(String, String)> = (0..f.values.len())
                .map(|v| (f.values[v].id.clone(), f.value_label(v, lang)))
                .collect();
            let unknown = crate::words::of(lang).cohort.unknown;
            // Sector, size class, province, legal form.
            breakdowns.insert(
                breakdowns.len().min(1),
                breakdown(
                    &self.entries,
                    |e| e.size_class,
                    &keys,
                    (SIZE_CLASS, t.by_size_class),
                    unknown,
                    lang,
                ),
            );
        }
        let progress = self.compared.then(|| progress(q, &self.entries, lang));
        // Highest first; no overall score last; ties in input order.
        self.entries.sort_by(|a, b| match (a.overall, b.overall) {
            (Some(x), Some(y)) => y.total_cmp(&x).then(a.order.cmp(&b.order)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.order.cmp(&b.order),
        });
        let row = |i: usize, e: &Entry| EnterpriseRow {
            rank: i + 1,
            level: e.level.map(|l| q.levels[l].id),
            level_name: e
                .level
                .map(|l| q.levels[l].name.get(lang).to_string())
                .unwrap_or_default(),
            enterprise: e.enterprise.clone(),
            input: e.input.clone(),
            row: e.row,
            overall: e.overall,
            overall_text: e.overall.map_or("—".into(), |s| one_decimal(s, lang)),
        };
        let ranked: Vec<(usize, &Entry)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.overall.is_some())
            .collect();
        let (top, bottom) = if ranked.len() <= 2 * RANKED {
            (ranked.iter().map(|(i, e)| row(*i, e)).collect(), Vec::new())
        } else {
            (
                ranked[..RANKED].iter().map(|(i, e)| row(*i, e)).collect(),
                ranked[ranked.len() - RANKED..]
                    .iter()
                    .map(|(i, e)| row(*i, e))
                    .collect(),
            )
        };
        let levels_max = level_counts
            .iter()
            .copied()
            .max()
            .unwrap_or(0)
            .max(no_level);
        let charts = if scored == 0 {
            CohortCharts::default()
        } else {
            charts(q, t, &levels, no_level, &dimensions, &programs, lang)
        };
        CohortView {
            language: lang.to_string(),
            questionnaire: QuestionnaireInfo::of(q, lang),
            inputs: scored + self.failed + self.duplicates,
            scored,
            failed: self.failed,
            duplicates: self.duplicates,
            levels_max,
            levels,
            no_level,
            overall_text: StatsText::of(overall.as_ref(), lang),
            overall,
            dimensions,
            programs_max: programs.first().map_or(0, |p| p.count),
            programs,
            programs_more,
            breakdowns,
            top,
            bottom,
            progress,
            charts,
            t,
        }
    }
}

/// The chart blocks of the cohort report.
fn charts(
    q: &Questionnaire,
    t: &crate::words::Cohort,
    levels: &[LevelCount],
    no_level: usize,
    dimensions: &[DimensionStats],
    programs: &[ProgramCount],
    lang: &str,
) -> CohortCharts {
    let row = |label: String, values: Vec<Option<f64>>| ChartRow {
        label,
        values,
        note: None,
        mean: None,
        band: None,
    };
    let thresholds: Vec<Threshold> = q
        .levels
        .iter()
        .filter(|l| l.min > 0.0)
        .map(|l| Threshold {
            at: l.min,
            label: l.name.get(lang).to_string(),
        })
        .collect();
    let mut level_rows: Vec<ChartRow> = levels
        .iter()
        .map(|l| row(format!("{} · {}", l.id, l.name), vec![Some(l.count as f64)]))
        .collect();
    if no_level > 0 {
        level_rows.push(row(t.no_level.to_string(), vec![Some(no_level as f64)]));
    }
    let counts_max = |rows: &[ChartRow]| {
        rows.iter()
            .filter_map(|r| r.values.first().copied().flatten())
            .fold(1.0_f64, f64::max)
    };
    let levels = ChartSpec {
        kind: ChartKind::Bar,
        title: None,
        max: Some(counts_max(&level_rows)),
        series: vec![t.count.to_string()],
        thresholds: Vec::new(),
        band: None,
        rows: level_rows,
    };
    let with_stats: Vec<(&DimensionStats, &Stats)> = dimensions
        .iter()
        .filter_map(|d| d.stats.as_ref().map(|s| (d, s)))
        .collect();
    let radar = (with_stats.len() >= 3).then(|| ChartSpec {
        kind: ChartKind::Radar,
        title: None,
        max: Some(100.0),
        series: vec![t.median.to_string()],
        thresholds: thresholds.clone(),
        band: Some(t.middle_half.to_string()),
        rows: with_stats
            .iter()
            .map(|(d, s)| ChartRow {
                band: Some([s.q1, s.q3]),
                ..row(d.title.clone(), vec![Some(s.median)])
            })
            .collect(),
    });
    let boxes = ChartSpec {
        kind: ChartKind::Box,
        title: None,
        max: Some(100.0),
        series: Vec::new(),
        thresholds,
        band: None,
        rows: with_stats
            .iter()
            .map(|(d, s)| ChartRow {
                mean: Some(s.mean),
                ..row(
                    d.title.clone(),
                    vec![
                        Some(s.min),
                        Some(s.q1),
                        Some(s.median),
                        Some(s.q3),
                        Some(s.max),
                    ],
                )
            })
            .collect(),
    };
    let program_rows: Vec<ChartRow> = programs
        .iter()
        .map(|p| row(p.name.clone(), vec![Some(p.count as f64)]))
        .collect();
    let programs = (!program_rows.is_empty()).then(|| ChartSpec {
        kind: ChartKind::Bar,
        title: None,
        max: Some(counts_max(&program_rows)),
        series: vec![t.count.to_string()],
        thresholds: Vec::new(),
        band: None,
        rows: program_rows,
    });
    CohortCharts {
        levels: levels.to_block(),
        radar: radar.map(|c| c.to_block()).unwrap_or_default(),
        dimensions: if with_stats.is_empty() {
            String::new()
        } else {
            boxes.to_block()
        },
        programs: programs.map(|c| c.to_block()).unwrap_or_default(),
    }
}

/// Groups entries by `key_of` (an index into `keys`): the largest groups first (ties in
/// option order), at most [`MAX_GROUPS`] with the smaller ones joined, "not answered" last.
fn breakdown(
    entries: &[Entry],
    key_of: impl Fn(&Entry) -> Option<u32>,
    keys: &[(String, String)],
    (id, title): (&'static str, &str),
    missing: &str,
    lang: &str,
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
    let group = |key: String, label: String, count: usize, values: Vec<f64>| {
        let stats = Stats::of(values);
        let text = |x: Option<f64>| x.map_or("—".to_string(), |x| one_decimal(x, lang));
        Group {
            key,
            label,
            count,
            share: percent(count, entries.len()),
            share_text: one_decimal(percent(count, entries.len()), lang),
            mean: stats.map(|s| s.mean),
            median: stats.map(|s| s.median),
            mean_text: text(stats.map(|s| s.mean)),
            median_text: text(stats.map(|s| s.median)),
        }
    };
    let mut answered: Vec<usize> = (0..keys.len()).filter(|&i| counts[i] > 0).collect();
    answered.sort_by_key(|&i| std::cmp::Reverse(counts[i]));
    let shown = if answered.len() > MAX_GROUPS {
        MAX_GROUPS - 1
    } else {
        answered.len()
    };
    let mut groups: Vec<Group> = answered[..shown]
        .iter()
        .map(|&i| {
            group(
                keys[i].0.clone(),
                keys[i].1.clone(),
                counts[i],
                std::mem::take(&mut overall[i]),
            )
        })
        .collect();
    if shown < answered.len() {
        let rest = &answered[shown..];
        let label = fill(
            crate::words::of(lang).cohort.other_groups,
            &[("n", &rest.len().to_string())],
        );
        let values = rest
            .iter()
            .flat_map(|&i| std::mem::take(&mut overall[i]))
            .collect();
        groups.push(group(
            "*".into(),
            label,
            rest.iter().map(|&i| counts[i]).sum(),
            values,
        ));
    }
    if counts[keys.len()] > 0 {
        groups.push(group(
            String::new(),
            missing.to_string(),
            counts[keys.len()],
            std::mem::take(&mut overall[keys.len()]),
        ));
    }
    Breakdown {
        id,
        title: title.to_string(),
        groups,
    }
}

impl CohortView {
    /// The page frame: title, running header, footer with the tool and questionnaire.
    pub fn meta(&self) -> crate::report::Meta {
        crate::report::Meta {
            title: format!("{} · {}", self.t.title, self.questionnaire.title),
            header: format!("{} · {}", self.t.title, self.questionnaire.title),
            footer: format!(
                "dxready {} · {} {}",
                env!("CARGO_PKG_VERSION"),
                self.questionnaire.id,
                self.questionnaire.version
            ),
            lang: self.language.clone(),
        }
    }
}

/// The cohort report as Markdown with the embedded template (charts as fenced `chart`
/// blocks).
pub fn render_markdown(view: &CohortView) -> Result<String, Error> {
    Renderer::embedded()?.markdown(Template::Cohort.name(), view)
}

#[cfg(test)]
mod tests {
    use super::{Stats, quantile};

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
}
