//! One enterprise's whole result: scorecard + recommendations, and its renderings for
//! `score` (table, JSON Lines, CSV) and the batch summary.

use std::path::Path;

use serde_json::{Value as Json, json};

use crate::answers::Answers;
use crate::programs::{Catalog, Recommendations, recommend};
use crate::questionnaire::{
    COMMUNE, CONTACT, PROVINCE, Questionnaire, SECTOR, SIZE_CLASS, TAX_CODE,
};
use crate::scoring::{Scorecard, score};
use crate::text::{one_decimal, round_half_away};

/// A scored and recommended assessment.
pub struct Assessment<'a> {
    /// The input as the user named it.
    pub file: String,
    /// CSV row (spreadsheet numbering), for CSV inputs.
    pub row: Option<usize>,
    pub card: Scorecard<'a>,
    pub recs: Recommendations,
    /// The language outputs are written in.
    pub lang: String,
}

impl<'a> Assessment<'a> {
    /// Scores and recommends. `lang`: `--lang`, else the answers' language, else the default.
    pub fn new(
        q: &Questionnaire,
        catalog: &Catalog,
        answers: &'a Answers,
        file: String,
        row: Option<usize>,
        lang: Option<&str>,
    ) -> Self {
        let lang = lang
            .map(str::to_string)
            .or_else(|| answers.language.clone())
            .unwrap_or_else(|| q.default_language().to_string());
        let card = score(q, answers);
        let recs = recommend(q, &card, catalog, &lang);
        Assessment {
            file,
            row,
            card,
            recs,
            lang,
        }
    }

    pub fn answers(&self) -> &Answers {
        self.card.answers
    }

    /// The enterprise's name: the `enterprise_name` answer, else the file's stem, else `row-N`.
    pub fn enterprise(&self, q: &Questionnaire) -> String {
        if let Some(n) = self.answers().enterprise_name(q) {
            return n.to_string();
        }
        if let Some(r) = self.row {
            return format!("row-{r}");
        }
        file_stem(&self.file)
    }

    /// The JSON object `score --format json` prints (docs/reference/commands.md).
    pub fn to_json(&self, q: &Questionnaire, catalog: &Catalog) -> Json {
        let a = self.answers();
        let level_json = |l: Option<usize>| match l {
            Some(i) => (
                json!(q.levels[i].id),
                json!(q.levels[i].name.get(&self.lang)),
            ),
            None => (Json::Null, Json::Null),
        };
        let (ol, oln) = level_json(self.card.overall_level);
        let dims: Vec<Json> = q
            .dimensions
            .iter()
            .zip(&self.card.dimensions)
            .map(|(d, s)| {
                let (l, ln) = level_json(s.level);
                json!({"id": d.id, "applicable": s.applicable, "score": s.score, "level": l, "level_name": ln})
            })
            .collect();
        let mut facts = serde_json::Map::new();
        for (fi, f) in q.facts.iter().enumerate() {
            facts.insert(f.id.clone(), json!(self.card.eval.fact_value(q, fi)));
        }
        let picks = |list: &[crate::programs::Pick]| -> Vec<Json> {
            list.iter()
                .map(|p| {
                    let prog = &catalog.programs[p.program];
                    json!({"id": prog.id, "name": prog.name.get(&self.lang), "status": prog.status.id(), "priority": prog.priority, "reasons": p.reasons, "gap": p.gap})
                })
                .collect()
        };
        let dated = |list: &[usize], key: &str| -> Vec<Json> {
            list.iter()
                .map(|&i| {
                    let p = &catalog.programs[i];
                    let d = if key == "valid_until" {
                        p.valid_until
                    } else {
                        p.valid_from
                    };
                    json!({"id": p.id, key: d.map(|d| d.to_string())})
                })
                .collect()
        };
        let mut obj = json!({
            "file": self.file,
            "enterprise": self.enterprise(q),
            "questionnaire": {"id": q.id, "version": q.version},
            "assessed_on": a.assessed_on.to_string(),
            "language": self.lang,
            "overall": {"score": self.card.overall, "level": ol, "level_name": oln},
            "dimensions": dims,
            "facts": facts,
            "recommended": picks(&self.recs.recommended),
            "not_eligible": picks(&self.recs.not_eligible),
            "expired": dated(&self.recs.expired, "valid_until"),
            "upcoming": dated(&self.recs.upcoming, "valid_from"),
        });
        if let Some(r) = self.row
            && let Some(m) = obj.as_object_mut()
        {
            m.insert("row".into(), json!(r));
        }
        obj
    }

    /// One row of the summary (docs/reference/commands.md), typed: the CSV writes it as text, the
    /// workbook with numbers. `columns` is the questionnaire whose dimensions head the
    /// columns (the one in use): answers scored with another version fill them by dimension
    /// id (empty where that version has no such dimension). `report` is the report's file
    /// name (batch `--pdf`).
    pub fn summary(
        &self,
        q: &Questionnaire,
        catalog: &Catalog,
        columns: &Questionnaire,
        report: &str,
    ) -> SummaryRow {
        let answers = self.answers();
        let profile = |id: &str| -> (String, String) {
            let Some(qi) = q.question_index(id) else {
                return Default::default();
            };
            match answers.get(qi) {
                Some(v) => (
                    v.to_cell(&q.questions[qi].kind),
                    q.questions[qi].format_answer(v, &self.lang),
                ),
                None => Default::default(),
            }
        };
        // The `size_class` fact's value (its id and how it reads), whichever case gave it.
        let (size_class, size_label) = q
            .facts
            .iter()
            .position(|f| f.id == SIZE_CLASS)
            .and_then(|fi| {
                let v = self.card.eval.facts[fi]?;
                Some((
                    q.facts[fi].values[v].id.clone(),
                    q.facts[fi].value_label(v, &self.lang),
                ))
            })
            .unwrap_or_default();
        let (tax_code, _) = profile(TAX_CODE);
        let (sector, sector_label) = profile(SECTOR);
        let (province, province_label) = profile(PROVINCE);
        let (commune, commune_label) = profile(COMMUNE);
        let (_, contact) = profile(CONTACT);
        SummaryRow {
            input: self.file.clone(),
            row: self.row,
            enterprise: self.enterprise(q),
            overall: self.card.overall,
            level: self.card.overall_level.map(|l| q.levels[l].id),
            level_name: self
                .card
                .overall_level
                .map(|l| q.levels[l].name.get(&self.lang).to_string())
                .unwrap_or_default(),
            dimensions: columns
                .dimensions
                .iter()
                .map(|d| {
                    q.dimension_index(&d.id)
                        .and_then(|i| self.card.dimensions[i].score)
                })
                .collect(),
            recommended: self
                .recs
                .recommended
                .iter()
                .map(|p| catalog.programs[p.program].id.clone())
                .collect(),
            tax_code,
            sector,
            size_class,
            province,
            commune,
            report: report.to_string(),
            duplicate_of: String::new(),
            sector_label,
            size_label,
            province_label,
            commune_label,
            contact,
            assessed_on: answers.assessed_on,
        }
    }

    /// One row of the summary as CSV cells (not yet made spreadsheet-safe); `columns` as
    /// for [`Assessment::summary`].
    pub fn summary_row(
        &self,
        q: &Questionnaire,
        catalog: &Catalog,
        columns: &Questionnaire,
    ) -> Vec<String> {
        self.summary(q, catalog, columns, "").cells(false)
    }

    /// The score table as aligned lines: the overall, then each dimension indented, with
    /// their levels (`score` and the end of `assess` print it). `out_of` follows the overall
    /// score (`/100` in the interview).
    pub fn score_lines(&self, q: &Questionnaire, out_of: &str) -> String {
        let lang = self.lang.as_str();
        let level_text = |l: Option<usize>| match l {
            Some(i) => format!(
                "{} {} · {}",
                crate::words::of(lang).common.level,
                q.levels[i].id,
                q.levels[i].name.get(lang)
            ),
            None => String::new(),
        };
        let mut rows: Vec<(String, String, String)> = vec![(
            crate::words::of(lang).common.overall.to_string(),
            self.card
                .overall
                .map(|s| format!("{}{out_of}", one_decimal(s, lang)))
                .unwrap_or_else(|| "—".into()),
            match self.card.overall {
                Some(_) => level_text(self.card.overall_level),
                None => crate::words::of(lang).common.undefined.to_string(),
            },
        )];
        for (d, s) in q.dimensions.iter().zip(&self.card.dimensions) {
            rows.push((
                format!("  {}", d.title.get(lang)),
                s.score
                    .map(|x| one_decimal(x, lang))
                    .unwrap_or_else(|| "—".into()),
                if s.applicable {
                    level_text(s.level)
                } else {
                    crate::words::of(lang).common.not_applicable.to_string()
                },
            ));
        }
        let w0 = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        let w1 = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
        rows.iter()
            .map(|(a, b, c)| format!("{a:<w0$}  {b:>w1$}  {c}\n"))
            .collect()
    }

    /// The human-readable summary `score` prints by default.
    pub fn to_table(&self, q: &Questionnaire, catalog: &Catalog) -> String {
        let lang = self.lang.as_str();
        let mut out = format!("{} — {}\n", self.file, self.enterprise(q));
        if let Some(r) = self.row {
            out = format!("{} (row {r}) — {}\n", self.file, self.enterprise(q));
        }
        out.push_str(&self.score_lines(q, ""));
        for (fi, f) in q.facts.iter().enumerate() {
            if let Some(c) = self.card.eval.facts[fi] {
                out.push_str(&format!("{}: {}\n", f.title(lang), f.value_label(c, lang)));
            }
        }
        if !self.recs.recommended.is_empty() {
            out.push_str(&format!("{}:\n", crate::words::of(lang).common.recommended));
            for (n, p) in self.recs.recommended.iter().enumerate() {
                let prog = &catalog.programs[p.program];
                let texts = prog.texts(&self.card.eval, lang);
                out.push_str(&format!(
                    "  {}. {} [{}]\n",
                    n + 1,
                    prog.name.get(lang),
                    prog.id
                ));
                if let Some(line) = texts.one_line() {
                    out.push_str(&format!("     {line}\n"));
                }
                if let Some(note) = prog.status_note(&texts, lang) {
                    out.push_str(&format!("     ({note})\n"));
                }
                for r in &p.reasons {
                    out.push_str(&format!("     · {r}\n"));
                }
            }
        }
        if !self.recs.not_eligible.is_empty() {
            out.push_str(&format!(
                "{}:\n",
                crate::words::of(lang).common.not_eligible
            ));
            for p in &self.recs.not_eligible {
                let prog = &catalog.programs[p.program];
                out.push_str(&format!("  - {} [{}]\n", prog.name.get(lang), prog.id));
                for r in &p.reasons {
                    out.push_str(&format!("     · {r}\n"));
                }
            }
        }
        out
    }
}

/// One enterprise in the batch summary; [`SummaryRow::cells`] is its `summary.csv` row.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub input: String,
    pub row: Option<usize>,
    pub enterprise: String,
    pub overall: Option<f64>,
    /// The level's id.
    pub level: Option<u32>,
    pub level_name: String,
    /// By dimension; `None` when it does not apply.
    pub dimensions: Vec<Option<f64>>,
    /// Program ids, in the order they are recommended (priority, then gap).
    pub recommended: Vec<String>,
    /// Profile answers as written in an answers file (option ids).
    pub tax_code: String,
    pub sector: String,
    /// The `size_class` fact's value id.
    pub size_class: String,
    pub province: String,
    pub commune: String,
    /// The report's file name under `reports/` (`--pdf`), else empty.
    pub report: String,
    /// The earlier input for the same enterprise, else empty (set by the batch).
    pub duplicate_of: String,
    /// The same profile values as a person reads them (workbook, call lists).
    pub sector_label: String,
    pub size_label: String,
    pub province_label: String,
    pub commune_label: String,
    /// The `contact` answer, if the questionnaire asks one.
    pub contact: String,
    pub assessed_on: jiff::civil::Date,
}

impl SummaryRow {
    /// The `summary.csv` cells; `decimal_comma` writes `47,25` (`--csv-excel`).
    pub fn cells(&self, decimal_comma: bool) -> Vec<String> {
        let score = |s: Option<f64>| {
            let t = s.map(two_decimals).unwrap_or_default();
            if decimal_comma {
                t.replace('.', ",")
            } else {
                t
            }
        };
        let mut row = vec![
            self.input.clone(),
            self.row.map(|r| r.to_string()).unwrap_or_default(),
            self.enterprise.clone(),
            score(self.overall),
            self.level.map(|l| l.to_string()).unwrap_or_default(),
            self.level_name.clone(),
        ];
        row.extend(self.dimensions.iter().map(|d| score(*d)));
        row.push(self.recommended.join(";"));
        row.extend([
            self.tax_code.clone(),
            self.sector.clone(),
            self.size_class.clone(),
            self.province.clone(),
            self.commune.clone(),
            self.report.clone(),
            self.duplicate_of.clone(),
        ]);
        row
    }
}

/// The columns after the dimensions and `recommended` (issue #11).
pub const SUMMARY_TAIL: [&str; 7] = [
    "tax_code",
    "sector",
    "size_class",
    "province",
    "commune",
    "report",
    "duplicate_of",
];

/// The summary header for a questionnaire.
pub fn summary_header(q: &Questionnaire) -> Vec<String> {
    let mut h: Vec<String> = [
        "input",
        "row",
        "enterprise",
        "overall",
        "level",
        "level_name",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    h.extend(q.dimensions.iter().map(|d| d.id.clone()));
    h.push("recommended".into());
    h.extend(SUMMARY_TAIL.iter().map(|s| s.to_string()));
    h
}

/// Two decimals, rounded half away from zero (CSV).
pub fn two_decimals(x: f64) -> String {
    format!("{:.2}", round_half_away(x, 2))
}

/// A file's name without folders and without `.answers.yaml`/`.yaml`/`.yml`/`.json`.
pub fn file_stem(file: &str) -> String {
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem = name.as_str();
    for ext in [".yaml", ".yml", ".json", ".csv"] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s;
            break;
        }
    }
    stem.strip_suffix(".answers").unwrap_or(stem).to_string()
}

/// Neutralises a CSV cell a spreadsheet would run as a formula (`= + - @`, also tab and CR).
pub fn csv_safe(cell: &str) -> String {
    // NUL, ESC and the other controls are data no spreadsheet should receive raw.
    let cell = &*crate::text::neutralise(cell);
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => {
            // A plain number such as -3.5 is data, not a formula.
            if cell.parse::<f64>().is_ok() {
                cell.to_string()
            } else {
                format!("'{cell}")
            }
        }
        _ => cell.to_string(),
    }
}
