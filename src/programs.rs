//! The support-program catalog (docs/reference/formats.md) and the recommendations drawn from it.
//!
//! A catalog belongs to one questionnaire: its conditions use that questionnaire's ids and
//! may also test scores. [`recommend`] is pure: a scorecard and a catalog in, the eligible
//! and relevant programs (ordered by the weighted gap they address) and their reasons out.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::condition::{self, Condition, Env, RawCondition, Scope};
use crate::conditional::{self as cond_text, CondText, RawCondText};
use crate::diagnostic::{Diagnostics, LoadError};
use crate::lenient::Lenient;
use crate::questionnaire::Questionnaire;
use crate::scoring::Scorecard;
use crate::text::{RawText, Text};
use crate::yaml::{self, Limits, Path, index, key};

/// A support-program catalog (format 1).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dxready program catalog")]
pub struct RawCatalog {
    pub format: u32,
    /// The id of the questionnaire whose ids the conditions use.
    pub questionnaire: String,
    pub programs: Vec<Lenient<RawProgram>>,
}

/// One support program.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    /// `[a-z0-9_-]+`, unique in the catalog.
    pub id: String,
    pub name: RawText,
    /// Who runs it (conditional text: may depend on the answers, e.g. the province).
    pub provider: RawCondText,
    /// What the enterprise gets (conditional text).
    pub benefit: RawCondText,
    /// Conditional text.
    #[serde(default)]
    pub how_to_apply: Option<RawCondText>,
    /// Conditional text: a national program can name the office of the enterprise's province.
    #[serde(default)]
    pub contact: Option<RawCondText>,
    /// The document or announcement the program comes from.
    pub source: RawText,
    /// First day of validity (inclusive), YYYY-MM-DD.
    #[serde(default)]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub valid_from: Option<String>,
    /// Last day of validity (inclusive), YYYY-MM-DD.
    #[serde(default)]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub valid_until: Option<String>,
    /// `in_force` (default), `announced` (publicly committed, terms to be confirmed) or
    /// `draft` (a draft regulation); reports print announced and draft plainly.
    #[serde(default)]
    pub status: Option<Status>,
    /// Higher comes first among the recommendations (default 0); then the weighted gap.
    #[serde(default)]
    pub priority: Option<i64>,
    /// Dimension ids the program helps with.
    #[serde(default)]
    pub addresses: Vec<String>,
    /// Who may apply (profile and facts); default: everyone.
    #[serde(default)]
    pub eligible_if: Option<RawCondition>,
    /// When it is relevant (answers, gaps, scores); default: always.
    #[serde(default)]
    pub recommend_if: Option<RawCondition>,
}

/// How settled a program is (docs/reference/formats.md, "Program catalog").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force: a regulation or decision that applies.
    #[default]
    InForce,
    /// Publicly committed (a speech, a plan), terms to be confirmed.
    Announced,
    /// A draft regulation, not adopted.
    Draft,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::InForce => "in_force",
            Status::Announced => "announced",
            Status::Draft => "draft",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Program {
    pub id: String,
    pub name: Text,
    pub provider: CondText,
    pub benefit: CondText,
    pub how_to_apply: Option<CondText>,
    pub contact: Option<CondText>,
    pub source: Text,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub status: Status,
    pub priority: i64,
    /// Dimension indices.
    pub addresses: Vec<usize>,
    pub eligible_if: Option<Condition>,
    pub recommend_if: Option<Condition>,
}

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub questionnaire: String,
    pub programs: Vec<Program>,
}

impl Catalog {
    /// Loads a catalog for `q` from YAML/JSON text.
    pub fn from_str(
        q: &Questionnaire,
        file: &str,
        text: &str,
    ) -> Result<(Catalog, Diagnostics), LoadError> {
        Self::load(q, file, text, None)
    }

    /// Like [`Catalog::from_str`], with `text` also given as the JSON build.rs prepared from it
    /// (the embedded defaults): that is read first, by [`Catalog::from_prepared_json`], and
    /// `text` only when it will not do.
    pub fn load(
        q: &Questionnaire,
        file: &str,
        text: &str,
        prepared_json: Option<&str>,
    ) -> Result<(Catalog, Diagnostics), LoadError> {
        if let Some((c, mut warnings)) =
            prepared_json.and_then(|j| Self::from_prepared_json(q, file, j))
        {
            warnings.locate_if_needed(text);
            return Ok((c, warnings));
        }
        let parsed = prepared_json.and_then(crate::embedded::prepared);
        yaml::load(file, text, parsed, Limits::DEFINITION, |v, diags| {
            Self::from_value(q, v, diags)
        })
    }

    pub fn from_value(
        q: &Questionnaire,
        value: serde_yaml::Value,
        diags: &mut Diagnostics,
    ) -> Option<Catalog> {
        let raw: RawCatalog = crate::lenient::deserialize_all(value, diags, &Vec::new(), None)?;
        Self::build(q, raw, diags)
    }

    /// The fast way to load the embedded default catalog (see
    /// [`crate::questionnaire::from_prepared_json`]): `None` when the JSON is not usable or the
    /// catalog has errors, and the caller takes [`Catalog::load`], which reports them in full.
    pub fn from_prepared_json(
        q: &Questionnaire,
        file: &str,
        json: &str,
    ) -> Option<(Catalog, Diagnostics)> {
        let raw: RawCatalog = crate::lenient::from_prepared_json(json)?;
        let mut diags = Diagnostics::new(file);
        match Self::build(q, raw, &mut diags) {
            Some(c) if !diags.has_errors() => Some((c, diags)),
            _ => None,
        }
    }

    /// A deserialised catalog, checked against `q`.
    fn build(q: &Questionnaire, raw: RawCatalog, diags: &mut Diagnostics) -> Option<Catalog> {
        let root: Path = Vec::new();
        diags.check_format(raw.format);
        if raw.questionnaire != q.id {
            diags.error(
                &key(&root, "questionnaire"),
                None,
                format!(
                    "this catalog is for questionnaire `{}`, but the questionnaire in use is `{}`",
                    raw.questionnaire, q.id
                ),
            );
            return None;
        }
        let scope = Scope {
            questions_before: q.questions.len(),
            facts: true,
            scores: true,
            context: "",
        };
        let mut programs: Vec<Program> = Vec::new();
        let ppath = key(&root, "programs");
        for (i, rp) in raw.programs.iter().enumerate() {
            let path = index(&ppath, i);
            let Some(rp) = rp.take(diags, &path) else {
                continue;
            };
            let id = rp.id.as_str();
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
            {
                diags.error(
                    &key(&path, "id"),
                    Some(id),
                    format!("program id `{id}` must match [a-z0-9_-]+"),
                );
            }
            if programs.iter().any(|p| p.id == id) {
                diags.error(
                    &key(&path, "id"),
                    Some(id),
                    format!("program id `{id}` is used twice"),
                );
            }
            let text = |t: &RawText, diags: &mut Diagnostics, k: &str| {
                Text::from_raw(t, &q.languages, diags, &key(&path, k), Some(id))
            };
            let date = |s: &Option<String>, diags: &mut Diagnostics, k: &str| {
                s.as_ref().and_then(|s| {
                    let d = crate::answers::parse_date(s);
                    if d.is_none() {
                        diags.error(
                            &key(&path, k),
                            Some(id),
                            format!("expected a date YYYY-MM-DD, found {s:?}"),
                        );
                    }
                    d
                })
            };
            let valid_from = date(&rp.valid_from, diags, "valid_from");
            let valid_until = date(&rp.valid_until, diags, "valid_until");
            if let (Some(a), Some(b)) = (valid_from, valid_until)
                && a > b
            {
                diags.error(
                    &key(&path, "valid_until"),
                    Some(id),
                    format!("valid_until {b} is before valid_from {a}"),
                );
            }
            let mut addresses = Vec::new();
            for (ai, d) in rp.addresses.iter().enumerate() {
                match q.dimension_index(d) {
                    Some(di) => addresses.push(di),
                    None => diags.error(
                        &index(&key(&path, "addresses"), ai),
                        Some(id),
                        format!(
                            "unknown dimension `{d}` (dimensions: {})",
                            q.dimensions
                                .iter()
                                .map(|d| d.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                }
            }
            let cond = |c: &Option<RawCondition>, diags: &mut Diagnostics, k: &str| {
                c.as_ref()
                    .and_then(|c| condition::validate(c, q, scope, diags, &key(&path, k), Some(id)))
            };
            let cond_text = |t: &RawCondText, diags: &mut Diagnostics, k: &str| {
                cond_text::text_now(t, q, scope, diags, &key(&path, k), Some(id))
            };
            programs.push(Program {
                id: id.to_string(),
                name: text(&rp.name, diags, "name"),
                provider: cond_text(&rp.provider, diags, "provider"),
                benefit: cond_text(&rp.benefit, diags, "benefit"),
                how_to_apply: rp
                    .how_to_apply
                    .as_ref()
                    .map(|t| cond_text(t, diags, "how_to_apply")),
                contact: rp.contact.as_ref().map(|t| cond_text(t, diags, "contact")),
                source: text(&rp.source, diags, "source"),
                valid_from,
                valid_until,
                status: rp.status.unwrap_or_default(),
                priority: rp.priority.unwrap_or(0),
                addresses,
                eligible_if: cond(&rp.eligible_if, diags, "eligible_if"),
                recommend_if: cond(&rp.recommend_if, diags, "recommend_if"),
            });
        }
        Some(Catalog {
            questionnaire: raw.questionnaire,
            programs,
        })
    }
}

/// A program drawn for one enterprise, with the sentences that explain why.
#[derive(Clone, Debug, PartialEq)]
pub struct Pick {
    /// Index into `Catalog::programs`.
    pub program: usize,
    pub reasons: Vec<String>,
    /// `Σ W_d·(100 − S_d)` over the applicable dimensions it addresses.
    pub gap: f64,
}

/// What the catalog offers one enterprise.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recommendations {
    /// Eligible, relevant and valid; highest `priority` first, then the largest weighted gap,
    /// ties in catalog order.
    pub recommended: Vec<Pick>,
    /// Relevant and valid, but the enterprise may not apply; reasons say why not.
    pub not_eligible: Vec<Pick>,
    /// Relevant, but past `valid_until` on the assessment date.
    pub expired: Vec<usize>,
    /// Relevant, but before `valid_from` on the assessment date.
    pub upcoming: Vec<usize>,
}

/// Draws the recommendations for a scored assessment; reasons are written in `lang`.
pub fn recommend(
    q: &Questionnaire,
    card: &Scorecard,
    catalog: &Catalog,
    lang: &str,
) -> Recommendations {
    let env = &card.eval;
    let on = card.eval.assessed_on;
    let mut out = Recommendations::default();
    for (pi, p) in catalog.programs.iter().enumerate() {
        let relevant = p.recommend_if.as_ref().is_none_or(|c| c.eval(env));
        if !relevant {
            continue;
        }
        if p.valid_until.is_some_and(|u| on > u) {
            out.expired.push(pi);
            continue;
        }
        if p.valid_from.is_some_and(|f| on < f) {
            out.upcoming.push(pi);
            continue;
        }
        let gap: f64 = p
            .addresses
            .iter()
            .filter_map(|&d| {
                card.dimensions[d]
                    .score
                    .map(|s| q.dimensions[d].weight * (100.0 - s))
            })
            .sum();
        let eligible = p.eligible_if.as_ref().is_none_or(|c| c.eval(env));
        if eligible {
            let mut reasons = Vec::new();
            for c in [&p.eligible_if, &p.recommend_if].into_iter().flatten() {
                reasons.extend(c.explain(env, q, lang));
            }
            out.recommended.push(Pick {
                program: pi,
                reasons,
                gap,
            });
        } else {
            let reasons = p
                .eligible_if
                .as_ref()
                .map(|c| c.explain(env, q, lang))
                .unwrap_or_default();
            out.not_eligible.push(Pick {
                program: pi,
                reasons,
                gap,
            });
        }
    }
    // Priority, then the weighted gap; the sort is stable, so ties keep catalog order.
    let order = |a: &Pick, b: &Pick| {
        let (pa, pb) = (
            catalog.programs[a.program].priority,
            catalog.programs[b.program].priority,
        );
        pb.cmp(&pa).then(b.gap.total_cmp(&a.gap))
    };
    out.recommended.sort_by(order);
    out.not_eligible.sort_by(order);
    out
}

impl Program {
    /// The program's texts for one assessment (conditional text resolved; `None` when no
    /// case applies, and the key is left out).
    pub fn texts(&self, env: &dyn Env, lang: &str) -> ProgramTexts {
        let get = |t: &CondText| t.resolve(env).map(|t| t.get(lang).to_string());
        ProgramTexts {
            provider: get(&self.provider),
            benefit: get(&self.benefit),
            how_to_apply: self.how_to_apply.as_ref().and_then(get),
            contact: self.contact.as_ref().and_then(get),
        }
    }
}

impl Program {
    /// The plain-words status for announced and draft programs (`None` when in force), e.g.
    /// "Đã công bố năm 2021 — cần xác nhận với Sở Khoa học và Công nghệ TP Hải Phòng".
    pub fn status_note(&self, texts: &ProgramTexts, lang: &str) -> Option<String> {
        let w = crate::words::of(lang);
        // The first office named in the contact (offices are separated by `;`).
        let office = texts
            .contact
            .as_deref()
            .or(texts.provider.as_deref())
            .and_then(|c| c.split(';').next())
            .map(str::trim)
            .filter(|c| !c.is_empty());
        match self.status {
            Status::InForce => None,
            Status::Announced => Some(w.announced(self.valid_from.map(|d| d.year()), office)),
            Status::Draft => Some(w.draft().to_string()),
        }
    }
}

/// A program's conditional texts, resolved for one enterprise in one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramTexts {
    pub provider: Option<String>,
    pub benefit: Option<String>,
    pub how_to_apply: Option<String>,
    pub contact: Option<String>,
}

impl ProgramTexts {
    /// The gist of the benefit: its first sentence (the one-line summary in lists).
    pub fn one_line(&self) -> Option<String> {
        self.benefit.as_deref().map(first_sentence)
    }
}

/// Text up to the end of its first sentence (`. ` or the end), without the full stop.
pub fn first_sentence(text: &str) -> String {
    let cut = text.find(". ").map_or(text.len(), |i| i);
    text[..cut].trim_end_matches('.').trim().to_string()
}
