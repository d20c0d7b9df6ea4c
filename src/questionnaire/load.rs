//! Raw questionnaire → validated [`Questionnaire`], collecting every problem (docs/reference/).

use std::collections::{HashMap, HashSet};

use serde_yaml::Value;

use super::raw::{QuestionType, RawQuestion, RawQuestionnaire};
use super::*;
use crate::condition::{self, Scope};
use crate::conditional::{self as cond_text, Advice, Pending, RawAdvice};
use crate::diagnostic::{Diagnostics, LoadError};
use crate::lenient::{Lenient, deserialize_all};
use crate::text::Text;
use crate::yaml::{self, Limits, Path, index, key};

/// Loads a questionnaire from YAML/JSON text. `file` names it in messages.
/// Warnings (if any) are returned with the questionnaire.
pub fn from_str(file: &str, text: &str) -> Result<(Questionnaire, Diagnostics), LoadError> {
    load(file, text, None)
}

/// Like [`from_str`], with `text` also given as the JSON build.rs prepared from it (the
/// embedded defaults): that is read first, by [`from_prepared_json`], and `text` only when it
/// will not do.
pub fn load(
    file: &str,
    text: &str,
    prepared_json: Option<&str>,
) -> Result<(Questionnaire, Diagnostics), LoadError> {
    if let Some((q, mut warnings)) = prepared_json.and_then(|j| from_prepared_json(file, j)) {
        warnings.locate_if_needed(text);
        return Ok((q, warnings));
    }
    yaml::load(
        file,
        text,
        prepared_json.and_then(crate::embedded::prepared),
        Limits::DEFINITION,
        |v, diags| match from_value(file, v) {
            Ok((q, warnings)) => {
                *diags = warnings;
                Some(q)
            }
            Err(problems) => {
                *diags = problems;
                None
            }
        },
    )
}

/// The fast way to load an embedded default: `json` is the file as build.rs converted and
/// prepared it, read straight into the raw types. `None` when it is not usable or the
/// questionnaire has errors; the caller then takes [`load`], which reports them in full.
/// Warnings come back without their lines and columns.
pub fn from_prepared_json(file: &str, json: &str) -> Option<(Questionnaire, Diagnostics)> {
    let raw: RawQuestionnaire = crate::lenient::from_prepared_json(json)?;
    let mut diags = Diagnostics::new(file);
    match build(&raw, &mut diags) {
        Some(q) if !diags.has_errors() => Some((q, diags)),
        _ => None,
    }
}

/// Validates a parsed document. On failure returns every problem (without positions: the
/// caller that has the text fills them in).
pub fn from_value(file: &str, value: Value) -> Result<(Questionnaire, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new(file);
    let Some(raw) = deserialize_all::<RawQuestionnaire>(value, &mut diags, &Vec::new(), None)
    else {
        return Err(diags);
    };
    let q = build(&raw, &mut diags);
    match q {
        Some(q) if !diags.has_errors() => Ok((q, diags)),
        _ => Err(diags),
    }
}

fn id_ok(id: &str, allow_dash: bool) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || (allow_dash && b == b'-')
        })
}

/// The first phase of [`build`]: format, id, version and the declared languages.
fn header(raw: &RawQuestionnaire, diags: &mut Diagnostics) -> Vec<String> {
    let root: Path = Vec::new();
    diags.check_format(raw.format);
    if !id_ok(&raw.id, true) {
        diags.error(
            &key(&root, "id"),
            None,
            format!("id `{}` must match [a-z0-9_-]+", raw.id),
        );
    }
    if raw.version.trim().is_empty() {
        diags.error(&key(&root, "version"), None, "version must not be empty");
    }
    let languages = raw.languages.clone();
    if languages.is_empty() {
        diags.error(
            &key(&root, "languages"),
            None,
            "declare at least one language, e.g. `languages: [vi, en]`",
        );
    }
    let mut seen = HashSet::new();
    for (i, l) in languages.iter().enumerate() {
        let ok = (2..=3).contains(&l.split('-').next().unwrap_or("").len())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            diags.error(
                &index(&key(&root, "languages"), i),
                None,
                format!("`{l}` is not a language code like `vi` or `en`"),
            );
        }
        if !seen.insert(l) {
            diags.error(
                &index(&key(&root, "languages"), i),
                None,
                format!("language `{l}` is declared twice"),
            );
        }
    }
    languages
}

/// The levels phase of [`build`]: ascending `min` from 0, ascending ids.
fn levels(raw: &RawQuestionnaire, languages: &[String], diags: &mut Diagnostics) -> Vec<Level> {
    let root: Path = Vec::new();
    let mut levels = Vec::new();
    let lpath = key(&root, "levels");
    for (i, l) in raw.levels.iter().enumerate() {
        let path = index(&lpath, i);
        let Some(l) = l.take(diags, &path) else {
            continue;
        };
        let id = l.id.to_string();
        if !(0.0..=100.0).contains(&l.min) {
            diags.error(
                &key(&path, "min"),
                Some(&id),
                format!("level min must be within 0–100, found {}", l.min),
            );
        }
        if let Some(prev) = levels.last() {
            let prev: &Level = prev;
            if l.min <= prev.min {
                diags.error(
                    &key(&path, "min"),
                    Some(&id),
                    format!(
                        "levels must have ascending `min`: {} is not above {}",
                        l.min, prev.min
                    ),
                );
            }
            if l.id <= prev.id {
                diags.error(
                    &key(&path, "id"),
                    Some(&id),
                    format!(
                        "level ids must ascend with `min`: {} follows {}",
                        l.id, prev.id
                    ),
                );
            }
        } else if l.min != 0.0 {
            diags.error(
                &key(&path, "min"),
                Some(&id),
                format!("the first level must have `min: 0`, found {}", l.min),
            );
        }
        levels.push(Level {
            id: l.id,
            min: l.min,
            name: Text::from_raw(&l.name, languages, diags, &key(&path, "name"), Some(&id)),
            description: l.description.as_ref().map(|t| {
                Text::from_raw(t, languages, diags, &key(&path, "description"), Some(&id))
            }),
        });
    }
    if raw.levels.is_empty() {
        diags.error(
            &lpath,
            None,
            "declare at least one level (the first with `min: 0`)",
        );
    }
    levels
}

fn build(raw: &RawQuestionnaire, diags: &mut Diagnostics) -> Option<Questionnaire> {
    let root: Path = Vec::new();
    let languages = header(raw, diags);
    let title = Text::from_raw(&raw.title, &languages, diags, &key(&root, "title"), None);
    let description = raw
        .description
        .as_ref()
        .map(|t| Text::from_raw(t, &languages, diags, &key(&root, "description"), None));
    let levels = levels(raw, &languages, diags);

    // Questions, in interview order, with their raw form kept for the condition pass.
    let mut found = Found::default();
    let ppath = key(&root, "profile");
    for (i, rq) in raw.profile.iter().enumerate() {
        found.question(rq, Section::Profile, &languages, diags, index(&ppath, i));
    }
    let profile_len = found.questions.len();
    let (dimensions, dim_raws) = dimensions(raw, &languages, diags, &mut found);

    // Facts: values first, conditions once the questionnaire can resolve ids.
    let (facts, fact_raws) = facts(raw, &languages, diags);

    let Found {
        questions,
        raws,
        pending_advice,
        ..
    } = found;
    let index_map = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.clone(), i))
        .collect();
    let mut q = Questionnaire {
        id: raw.id.clone(),
        version: raw.version.clone(),
        languages,
        title,
        description,
        levels,
        profile_len,
        facts,
        dimensions,
        questions,
        index: index_map,
    };

    // Conditions.
    fact_conditions(&mut q, &fact_raws, diags);
    applies_if_conditions(&mut q, &dim_raws, diags);
    show_if_conditions(&mut q, &raws, diags);
    advice_conditions(&mut q, pending_advice, diags);
    let paths: Vec<Path> = raws.iter().map(|(_, p)| p.clone()).collect();
    gate_warnings(&q, diags, &paths);
    roles(&q, diags);
    Some(q)
}

/// The questions read so far, in interview order: each with its raw form and path (kept for
/// the condition pass), the ids seen (a second use is an error), and the advice whose
/// conditions wait until the whole questionnaire can resolve ids.
#[derive(Default)]
struct Found<'a> {
    questions: Vec<Question>,
    raws: Vec<(&'a RawQuestion, Path)>,
    ids: HashMap<String, Path>,
    pending_advice: Vec<PendingAdvice>,
}

impl<'a> Found<'a> {
    /// Reads the question at `path` (its problems recorded) and keeps it if it can be built.
    fn question(
        &mut self,
        rq: &'a Lenient<RawQuestion>,
        section: Section,
        languages: &[String],
        diags: &mut Diagnostics,
        path: Path,
    ) {
        let Some(rq) = rq.take(diags, &path) else {
            return;
        };
        let at = QuestionAt {
            id: rq.id.as_str(),
            path: &path,
            languages,
            index: self.questions.len(),
        };
        if let Some(q) = question(
            rq,
            section,
            at,
            diags,
            &mut self.ids,
            &mut self.pending_advice,
        ) {
            self.questions.push(q);
            self.raws.push((rq, path));
        }
    }
}

/// A dimension's raw form and path, kept for the condition pass (`applies_if`).
type DimensionRaw<'a> = (&'a raw::RawDimension, Path);

/// The dimensions with their questions (added to `found`), in order.
fn dimensions<'a>(
    raw: &'a RawQuestionnaire,
    languages: &[String],
    diags: &mut Diagnostics,
    found: &mut Found<'a>,
) -> (Vec<Dimension>, Vec<DimensionRaw<'a>>) {
    let mut dimensions = Vec::new();
    let mut dim_raws = Vec::new();
    let dpath = key(&Vec::new(), "dimensions");
    let mut dim_ids = HashSet::new();
    for (di, rd) in raw.dimensions.iter().enumerate() {
        let path = index(&dpath, di);
        let Some(rd) = rd.take(diags, &path) else {
            continue;
        };
        let d = dimension(
            rd,
            dimensions.len(),
            languages,
            diags,
            &path,
            found,
            &mut dim_ids,
        );
        dimensions.push(d);
        dim_raws.push((rd, path));
    }
    if raw.dimensions.is_empty() {
        diags.error(&dpath, None, "declare at least one dimension");
    }
    (dimensions, dim_raws)
}

/// One dimension: its id and weight checked, its questions read into `found`, the weights of
/// its scored questions checked.
fn dimension<'a>(
    rd: &'a raw::RawDimension,
    dim_index: usize,
    languages: &[String],
    diags: &mut Diagnostics,
    path: &Path,
    found: &mut Found<'a>,
    dim_ids: &mut HashSet<String>,
) -> Dimension {
    let id = rd.id.as_str();
    if !id_ok(id, false) {
        diags.error(
            &key(path, "id"),
            Some(id),
            format!("dimension id `{id}` must match [a-z0-9_]+"),
        );
    }
    if id == "overall" {
        diags.error(
            &key(path, "id"),
            Some(id),
            "`overall` is reserved (it names the overall score in `score:` conditions)",
        );
    }
    if !dim_ids.insert(id.to_string()) {
        diags.error(
            &key(path, "id"),
            Some(id),
            format!("dimension id `{id}` is used twice"),
        );
    }
    let weight = rd.weight.unwrap_or(1.0);
    if weight.is_nan() || weight <= 0.0 {
        diags.error(
            &key(path, "weight"),
            Some(id),
            format!("dimension weight must be > 0, found {weight}"),
        );
    }
    let start = found.questions.len();
    let qpath = key(path, "questions");
    for (qi, rq) in rd.questions.iter().enumerate() {
        let section = Section::Dimension(dim_index);
        found.question(rq, section, languages, diags, index(&qpath, qi));
    }
    if rd.questions.is_empty() {
        diags.error(&qpath, Some(id), "a dimension needs at least one question");
    }
    let range = start..found.questions.len();
    let scored_weight: f64 = found.questions[range.clone()]
        .iter()
        .filter(|q| q.is_scored())
        .map(|q| q.weight)
        .sum();
    if !rd.questions.is_empty() && scored_weight <= 0.0 && range.len() == rd.questions.len() {
        diags.error(&qpath, Some(id), "the weights of this dimension's scored questions sum to 0 (it needs at least one question with points and weight > 0)");
    }
    let text = |t: &crate::text::RawText, diags: &mut Diagnostics, k: &str| {
        Text::from_raw(t, languages, diags, &key(path, k), Some(id))
    };
    Dimension {
        id: id.to_string(),
        title: text(&rd.title, diags, "title"),
        description: rd
            .description
            .as_ref()
            .map(|t| text(t, diags, "description")),
        weight,
        applies_if: None,
        questions: range,
    }
}

/// A fact's cases as written (with their paths), kept for the condition pass (`when`).
type FactRaws<'a> = Vec<(&'a raw::RawFactCase, Path)>;

/// The facts with their values; the cases' conditions come later ([`fact_conditions`]).
fn facts<'a>(
    raw: &'a RawQuestionnaire,
    languages: &[String],
    diags: &mut Diagnostics,
) -> (Vec<Fact>, Vec<FactRaws<'a>>) {
    let mut facts = Vec::new();
    let mut fact_raws = Vec::new();
    let fpath = key(&Vec::new(), "facts");
    for (fid, cases) in &raw.facts {
        let path = key(&fpath, fid);
        if !id_ok(fid, false) {
            diags.error(
                &path,
                Some(fid),
                format!("fact id `{fid}` must match [a-z0-9_]+"),
            );
        }
        let (fact, kept) = fact(fid, cases, languages, diags, &path);
        facts.push(fact);
        fact_raws.push(kept);
    }
    (facts, fact_raws)
}

/// One fact: its values (one per distinct value id) and its cases, without conditions yet.
fn fact<'a>(
    fid: &str,
    cases: &'a [Lenient<raw::RawFactCase>],
    languages: &[String],
    diags: &mut Diagnostics,
    path: &Path,
) -> (Fact, FactRaws<'a>) {
    let mut values: Vec<FactValue> = Vec::new();
    let mut out = Vec::new();
    let mut kept = Vec::new();
    for (ci, c) in cases.iter().enumerate() {
        let cp = index(path, ci);
        let Some(c) = c.take(diags, &cp) else {
            continue;
        };
        let id = c.value.as_id();
        let label = c
            .label
            .as_ref()
            .map(|t| Text::from_raw(t, languages, diags, &key(&cp, "label"), Some(fid)));
        // Several cases may give the same value (e.g. one per sector group): the fact
        // then has that value whichever of them matched.
        let value = match values.iter().position(|v| v.id == id) {
            Some(v) => {
                match (&values[v].label, label) {
                    (None, Some(l)) => values[v].label = Some(l),
                    (Some(first), Some(l)) if *first != l => diags.warning(
                        &key(&cp, "label"),
                        Some(fid),
                        format!("value `{id}` already has another label in an earlier case; the first label is shown"),
                    ),
                    _ => {}
                }
                v
            }
            None => {
                values.push(FactValue { id, label });
                values.len() - 1
            }
        };
        out.push(FactCase { value, when: None });
        kept.push((c, cp));
    }
    if cases.is_empty() {
        diags.error(path, Some(fid), "a fact needs at least one case");
    }
    let fact = Fact {
        id: fid.to_string(),
        values,
        cases: out,
    };
    (fact, kept)
}

/// The facts' `when` conditions (profile questions only).
fn fact_conditions(q: &mut Questionnaire, fact_raws: &[FactRaws<'_>], diags: &mut Diagnostics) {
    for (fi, kept) in fact_raws.iter().enumerate() {
        let last = kept.len().saturating_sub(1);
        for (ci, (c, cp)) in kept.iter().enumerate() {
            let fid = q.facts[fi].id.clone();
            if let Some(when) = &c.when {
                let scope = Scope {
                    questions_before: q.profile_len,
                    facts: false,
                    scores: false,
                    context: "is not a profile question (facts use profile questions only)",
                };
                let cond = condition::validate(when, q, scope, diags, &key(cp, "when"), Some(&fid));
                q.facts[fi].cases[ci].when = cond;
            } else if ci != last {
                diags.warning(
                    cp,
                    Some(&fid),
                    "a case without `when` always matches, so the cases after it are never used",
                );
            }
        }
    }
}

/// The dimensions' `applies_if` (the profile, facts and earlier dimensions).
fn applies_if_conditions(
    q: &mut Questionnaire,
    dim_raws: &[DimensionRaw<'_>],
    diags: &mut Diagnostics,
) {
    for (di, (rd, path)) in dim_raws.iter().enumerate() {
        if let Some(c) = &rd.applies_if {
            let before = q.dimensions[di].questions.start;
            let scope = Scope {
                questions_before: before,
                facts: true,
                scores: false,
                context: "is not asked before this dimension (applies_if may use the profile, facts and earlier dimensions)",
            };
            let id = q.dimensions[di].id.clone();
            q.dimensions[di].applies_if =
                condition::validate(c, q, scope, diags, &key(path, "applies_if"), Some(&id));
        }
    }
}

/// The questions' `show_if` (earlier questions only; facts outside the profile).
fn show_if_conditions(
    q: &mut Questionnaire,
    raws: &[(&RawQuestion, Path)],
    diags: &mut Diagnostics,
) {
    for (qi, (rq, path)) in raws.iter().enumerate() {
        if let Some(c) = &rq.show_if {
            let in_profile = qi < q.profile_len;
            let scope = Scope {
                questions_before: qi,
                facts: !in_profile,
                scores: false,
                context: "does not come before it (show_if may refer only to earlier questions)",
            };
            let id = q.questions[qi].id.clone();
            q.questions[qi].show_if =
                condition::validate(c, q, scope, diags, &key(path, "show_if"), Some(&id));
        }
    }
}

/// The conditions inside advice (any question, facts), put back into their slots.
fn advice_conditions(q: &mut Questionnaire, pending: Vec<PendingAdvice>, diags: &mut Diagnostics) {
    let advice_scope = Scope {
        questions_before: q.questions.len(),
        facts: true,
        scores: false,
        context: "",
    };
    for p in pending {
        let owner = q.questions[p.question].id.clone();
        // Take the advice out while its conditions read the questionnaire, then put it back.
        let Some(mut advice) =
            advice_slot(&mut q.questions[p.question], p.slot).map(std::mem::take)
        else {
            continue;
        };
        Pending::resolve(
            &p.conditions,
            &mut advice,
            q,
            advice_scope,
            diags,
            Some(&owner),
        );
        if let Some(slot) = advice_slot(&mut q.questions[p.question], p.slot) {
            *slot = advice;
        }
    }
}

fn roles(q: &Questionnaire, diags: &mut Diagnostics) {
    let expect = [
        (ENTERPRISE_NAME, "text"),
        (SECTOR, "single"),
        (PROVINCE, "single"),
        ("tax_code", "text"),
        ("commune", "text"),
    ];
    for (id, ty) in expect {
        if let Some(i) = q.question_index(id) {
            let question = &q.questions[i];
            if i >= q.profile_len {
                diags.warning(
                    &Vec::new(),
                    Some(id),
                    format!("`{id}` has a role in outputs and belongs in the profile"),
                );
            } else if question.kind.name() != ty
                && !(id == PROVINCE && ty == "single" && question.kind.name() == "text")
            {
                diags.warning(&Vec::new(), Some(id), format!("`{id}` has a role in outputs and is expected to be a `{ty}` question, not `{}`", question.kind.name()));
            }
        }
    }
}

/// Where a question is read: its id, path, the declared languages and its index in
/// interview order (advice waiting for the condition pass names the question by it).
#[derive(Clone, Copy)]
struct QuestionAt<'a> {
    id: &'a str,
    path: &'a Path,
    languages: &'a [String],
    index: usize,
}

impl QuestionAt<'_> {
    fn err(&self, diags: &mut Diagnostics, k: &str, m: String) {
        diags.error(&key(self.path, k), Some(self.id), m);
    }

    fn text(&self, t: &crate::text::RawText, diags: &mut Diagnostics, k: &str) -> Text {
        Text::from_raw(t, self.languages, diags, &key(self.path, k), Some(self.id))
    }

    /// Advice at `at`; its conditions wait in `pending` for the whole questionnaire.
    fn advice(
        &self,
        raw: Option<&RawAdvice>,
        diags: &mut Diagnostics,
        at: Path,
        slot: Slot,
        pending: &mut Vec<PendingAdvice>,
    ) -> Option<Advice> {
        let raw = raw?;
        let (a, p) = cond_text::build_advice(raw, self.languages, diags, &at, Some(self.id));
        if !p.is_empty() {
            pending.push(PendingAdvice {
                question: self.index,
                slot,
                conditions: p,
            });
        }
        Some(a)
    }
}

fn question(
    rq: &RawQuestion,
    section: Section,
    at: QuestionAt<'_>,
    diags: &mut Diagnostics,
    ids: &mut HashMap<String, Path>,
    pending: &mut Vec<PendingAdvice>,
) -> Option<Question> {
    let (id, path) = (at.id, at.path);
    if !id_ok(id, false) {
        at.err(
            diags,
            "id",
            format!("question id `{id}` must match [a-z0-9_]+"),
        );
    }
    if let Some(first) = ids.get(id) {
        at.err(
            diags,
            "id",
            format!(
                "question id `{id}` is already used at {}",
                crate::diagnostic::render_path(first)
            ),
        );
    } else {
        ids.insert(id.to_string(), path.clone());
    }
    let weight = rq.weight.unwrap_or(1.0);
    if weight.is_nan() || weight < 0.0 {
        at.err(
            diags,
            "weight",
            format!("weight must be ≥ 0, found {weight}"),
        );
    }
    misplaced_keys(rq, at, diags);
    let kind = match rq.kind {
        QuestionType::Single | QuestionType::Multi => choice_kind(rq, at, diags, pending),
        QuestionType::Yesno => {
            let (yes, no) = rq.score.as_ref().map_or((1.0, 0.0), |s| (s.yes, s.no));
            if yes < 0.0 || no < 0.0 || yes.is_nan() || no.is_nan() {
                at.err(diags, "score", "yes/no scores must be ≥ 0".into());
            }
            Kind::YesNo { yes, no }
        }
        QuestionType::Scale => scale_kind(rq, at, diags, pending),
        QuestionType::Number => number_kind(rq, at, diags, pending),
        QuestionType::Text => Kind::Text,
        QuestionType::Date => Kind::Date,
    };
    let question = Question {
        id: id.to_string(),
        text: at.text(&rq.text, diags, "text"),
        help: rq.help.as_ref().map(|h| at.text(h, diags, "help")),
        required: rq.required.unwrap_or(true),
        weight,
        show_if: None,
        section,
        advice: at.advice(
            rq.advice.as_ref(),
            diags,
            key(path, "advice"),
            Slot::Question,
            pending,
        ),
        kind,
    };
    if question.is_scored() {
        advice_warnings(&question, diags, path);
    }
    Some(question)
}

/// The question's type as the YAML writes it (`single`, `yesno`, …).
fn type_name(t: QuestionType) -> String {
    format!("{t:?}").to_lowercase()
}

/// Keys that belong to other types.
fn misplaced_keys(rq: &RawQuestion, at: QuestionAt<'_>, diags: &mut Diagnostics) {
    let t = rq.kind;
    let misplaced: &[(&str, bool, &[QuestionType])] = &[
        (
            "options",
            rq.options.is_some(),
            &[QuestionType::Single, QuestionType::Multi],
        ),
        (
            "max_points",
            rq.max_points.is_some(),
            &[QuestionType::Multi],
        ),
        ("score", rq.score.is_some(), &[QuestionType::Yesno]),
        (
            "min",
            rq.min.is_some(),
            &[QuestionType::Scale, QuestionType::Number],
        ),
        (
            "max",
            rq.max.is_some(),
            &[QuestionType::Scale, QuestionType::Number],
        ),
        ("integer", rq.integer.is_some(), &[QuestionType::Number]),
        ("bands", rq.bands.is_some(), &[QuestionType::Number]),
        ("labels", rq.labels.is_some(), &[QuestionType::Scale]),
        ("unit", rq.unit.is_some(), &[QuestionType::Number]),
    ];
    let type_name = type_name(t);
    for (k, present, types) in misplaced {
        if *present && !types.contains(&t) {
            at.err(
                diags,
                k,
                format!("`{k}` does not apply to a `{type_name}` question"),
            );
        }
    }
}

/// A `single` or `multi` question: its options, and a multi's `max_points`.
fn choice_kind(
    rq: &RawQuestion,
    at: QuestionAt<'_>,
    diags: &mut Diagnostics,
    pending: &mut Vec<PendingAdvice>,
) -> Kind {
    let t = rq.kind;
    let mut options = Vec::new();
    let opath = key(at.path, "options");
    match &rq.options {
        None => at.err(
            diags,
            "options",
            format!("a `{}` question needs `options`", type_name(t)),
        ),
        Some(list) if list.is_empty() => at.err(diags, "options", "`options` is empty".into()),
        Some(list) => {
            for (oi, o) in list.iter().enumerate() {
                let op = index(&opath, oi);
                let Some(o) = o.take(diags, &op) else {
                    continue;
                };
                let choice = option(o, &options, t, at, diags, &op, pending);
                options.push(choice);
            }
        }
    }
    if t == QuestionType::Single {
        return Kind::Single { options };
    }
    let positive: f64 = options.iter().map(|o| o.score.max(0.0)).sum();
    if let Some(m) = rq.max_points {
        if m.is_nan() || m < 0.0 {
            at.err(
                diags,
                "max_points",
                format!("max_points must be ≥ 0, found {m}"),
            );
        } else if m > positive + 1e-9 {
            diags.warning(&key(at.path, "max_points"), Some(at.id), format!("max_points {m} is above the sum of the option scores ({positive}), so the question can never reach full points"));
        }
    }
    Kind::Multi {
        options,
        max_points: rq.max_points,
    }
}

/// One option at `op`, after the `earlier` ones of its question.
fn option(
    o: &raw::RawOption,
    earlier: &[Choice],
    t: QuestionType,
    at: QuestionAt<'_>,
    diags: &mut Diagnostics,
    op: &Path,
    pending: &mut Vec<PendingAdvice>,
) -> Choice {
    let id = at.id;
    let oid = o.id.as_id();
    if !id_ok(&oid, true) {
        diags.error(
            &key(op, "id"),
            Some(id),
            format!("option id `{oid}` must match [a-z0-9_-]+"),
        );
    }
    if earlier.iter().any(|c: &Choice| c.id == oid) {
        diags.error(
            &key(op, "id"),
            Some(id),
            format!("option id `{oid}` is used twice in this question"),
        );
    }
    let score = o.score.unwrap_or(0.0);
    if score.is_nan() || score < 0.0 {
        diags.error(
            &key(op, "score"),
            Some(id),
            format!("option `{oid}`: score must be ≥ 0, found {score}"),
        );
    }
    if o.exclusive.is_some() && t == QuestionType::Single {
        diags.error(
            &key(op, "exclusive"),
            Some(id),
            format!("option `{oid}`: `exclusive` applies only to `multi` questions"),
        );
    }
    Choice {
        id: oid,
        label: Text::from_raw(&o.label, at.languages, diags, &key(op, "label"), Some(id)),
        score,
        exclusive: o.exclusive.unwrap_or(false),
        advice: at.advice(
            o.advice.as_ref(),
            diags,
            key(op, "advice"),
            Slot::Option(earlier.len()),
            pending,
        ),
    }
}

/// A `scale` question: integer `min` < `max`, one label per value (with its advice).
fn scale_kind(
    rq: &RawQuestion,
    at: QuestionAt<'_>,
    diags: &mut Diagnostics,
    pending: &mut Vec<PendingAdvice>,
) -> Kind {
    let (min, max) = (rq.min.unwrap_or(f64::NAN), rq.max.unwrap_or(f64::NAN));
    if rq.min.is_none() || rq.max.is_none() {
        at.err(
            diags,
            "max",
            "a `scale` question needs integer `min` and `max`".into(),
        );
    } else if min.fract() != 0.0 || max.fract() != 0.0 || min >= max {
        at.err(
            diags,
            "max",
            format!("scale needs integer min < max, found {min}..{max}"),
        );
    }
    let (min, max) = (
        if min.is_finite() { min as i64 } else { 0 },
        if max.is_finite() { max as i64 } else { 1 },
    );
    let mut labels: Vec<Text> = Vec::new();
    let mut label_advice: Vec<Option<Advice>> = Vec::new();
    for (i, l) in rq.labels.iter().flatten().enumerate() {
        let lp = index(&key(at.path, "labels"), i);
        let tp = match l {
            raw::RawLabel::WithAdvice(_) => key(&lp, "label"),
            raw::RawLabel::Text(_) => lp.clone(),
        };
        labels.push(Text::from_raw(
            l.text(),
            at.languages,
            diags,
            &tp,
            Some(at.id),
        ));
        let advice = l.advice().cloned();
        let slot = Slot::Label(i);
        label_advice.push(at.advice(advice.as_ref(), diags, key(&lp, "advice"), slot, pending));
    }
    if label_advice.iter().all(Option::is_none) {
        label_advice.clear();
    }
    if rq.labels.is_some() && labels.len() as i64 != max - min + 1 {
        at.err(
            diags,
            "labels",
            format!(
                "a scale from {min} to {max} needs {} labels (one per value), found {}",
                max - min + 1,
                labels.len()
            ),
        );
    }
    Kind::Scale {
        min,
        max,
        labels,
        label_advice,
    }
}

/// A `number` question: `min` ≤ `max`, bands sorted by ascending `min` (with their advice).
fn number_kind(
    rq: &RawQuestion,
    at: QuestionAt<'_>,
    diags: &mut Diagnostics,
    pending: &mut Vec<PendingAdvice>,
) -> Kind {
    if let (Some(a), Some(b)) = (rq.min, rq.max)
        && a > b
    {
        at.err(diags, "max", format!("min {a} is above max {b}"));
    }
    let mut bands = Vec::new();
    for (bi, b) in rq.bands.iter().flatten().enumerate() {
        let bp = index(&key(at.path, "bands"), bi);
        if b.score.is_nan() || b.score < 0.0 {
            diags.error(
                &key(&bp, "score"),
                Some(at.id),
                format!("band score must be ≥ 0, found {}", b.score),
            );
        }
        if let Some(prev) = bands.last()
            && b.min <= prev_min(prev)
        {
            diags.error(
                &key(&bp, "min"),
                Some(at.id),
                format!(
                    "bands must be sorted by ascending `min`: {} is not above {}",
                    b.min,
                    prev_min(prev)
                ),
            );
        }
        let slot = Slot::Band(bi);
        let band_advice = at.advice(b.advice.as_ref(), diags, key(&bp, "advice"), slot, pending);
        bands.push(Band {
            min: b.min,
            score: b.score,
            advice: band_advice,
        });
    }
    Kind::Number {
        min: rq.min,
        max: rq.max,
        integer: rq.integer.unwrap_or(false),
        bands,
        unit: rq.unit.as_ref().map(|u| at.text(u, diags, "unit")),
    }
}

/// Where a piece of advice sits in its question.
#[derive(Clone, Copy, Debug)]
enum Slot {
    Question,
    Option(usize),
    Label(usize),
    Band(usize),
}

/// The advice at `slot` of a question.
fn advice_slot(question: &mut Question, slot: Slot) -> Option<&mut Advice> {
    match (slot, &mut question.kind) {
        (Slot::Question, _) => question.advice.as_mut(),
        (Slot::Option(o), Kind::Single { options } | Kind::Multi { options, .. }) => {
            options.get_mut(o).and_then(|c| c.advice.as_mut())
        }
        (Slot::Label(l), Kind::Scale { label_advice, .. }) => {
            label_advice.get_mut(l).and_then(Option::as_mut)
        }
        (Slot::Band(b), Kind::Number { bands, .. }) => {
            bands.get_mut(b).and_then(|x| x.advice.as_mut())
        }
        _ => None,
    }
}

/// Advice whose conditions are validated once every question is known.
struct PendingAdvice {
    question: usize,
    slot: Slot,
    conditions: Vec<Pending>,
}

fn prev_min(b: &Band) -> f64 {
    b.min
}

/// Every way a scored question can fall short of full points must show a next step
/// (docs/reference/formats.md): warns where a gap can occur and no advice would be shown.
fn advice_warnings(q: &Question, diags: &mut Diagnostics, path: &Path) {
    let Some(max) = q.kind.max_points() else {
        return;
    };
    if q.advice.as_ref().is_some_and(|a| a.always()) {
        return;
    }
    let own = if q.advice.is_some() {
        " (the question's `advice` does not apply in every case)"
    } else {
        ""
    };
    let mut silent = silent_answers(&q.kind, max, path);
    if q.advice.is_none() && !q.required {
        silent.push((
            path.clone(),
            "this optional question can be left unanswered (0 points)".to_string(),
        ));
    }
    for (at, what) in silent {
        diags.warning(
            &at,
            Some(&q.id),
            format!("{what}, and no `advice` would be shown for it{own}"),
        );
    }
}

/// The answers of a question that score below `max` with no advice of their own to show:
/// where each is written, and what it is.
fn silent_answers(kind: &Kind, max: f64, path: &Path) -> Vec<(Path, String)> {
    let mut out = Vec::new();
    match kind {
        Kind::Single { options } => {
            for (i, o) in options.iter().enumerate() {
                if o.score < max && o.advice.is_none() {
                    out.push((
                        index(&key(path, "options"), i),
                        format!("option `{}` scores {} of {}", o.id, o.score, max),
                    ));
                }
            }
        }
        Kind::Multi {
            options,
            max_points,
        } => {
            // Ticking every option that has advice leaves only the silent ones unticked.
            let with_advice: f64 = options
                .iter()
                .filter(|o| o.score > 0.0 && o.advice.is_some())
                .map(|o| o.score)
                .sum();
            let reachable = max_points.map_or(with_advice, |m| with_advice.min(m));
            if reachable < max - 1e-9 {
                let silent: Vec<&str> = options
                    .iter()
                    .filter(|o| o.score > 0.0 && o.advice.is_none())
                    .map(|o| o.id.as_str())
                    .collect();
                out.push((
                    key(path, "options"),
                    format!(
                        "an answer can miss points while the options left unticked ({}) have no `advice`",
                        silent.join(", ")
                    ),
                ));
            }
        }
        Kind::YesNo { yes, no } => {
            if yes.min(*no) < max {
                let what = "a yes/no answer can score below the maximum";
                out.push((path.clone(), what.to_string()));
            }
        }
        Kind::Scale {
            min,
            max: top,
            label_advice,
            ..
        } => {
            let silent: Vec<String> = (*min..*top)
                .filter(|v| {
                    usize::try_from(v - min)
                        .ok()
                        .and_then(|i| label_advice.get(i))
                        .is_none_or(|a| a.is_none())
                })
                .map(|v| v.to_string())
                .collect();
            if !silent.is_empty() {
                let what = format!("the values {} score below the maximum", silent.join(", "));
                out.push((path.clone(), what));
            }
        }
        Kind::Number {
            bands, min: lowest, ..
        } => {
            if let Some(first) = bands.first()
                && lowest.is_none_or(|l| l < first.min)
            {
                let what = format!("values below the first band ({}) score 0", first.min);
                out.push((key(path, "bands"), what));
            }
            for (i, b) in bands.iter().enumerate() {
                if b.score < max && b.advice.is_none() {
                    out.push((
                        index(&key(path, "bands"), i),
                        format!("band from {} scores {} of {}", b.min, b.score, max),
                    ));
                }
            }
        }
        Kind::Text | Kind::Date => {}
    }
    out
}

/// A question hidden by `show_if` scores 0; its own advice is shown when its gate question
/// has none to give. Warns when neither can speak: the question has no `advice` and no gate
/// question has any.
fn gate_warnings(q: &Questionnaire, diags: &mut Diagnostics, paths: &[Path]) {
    for (qi, question) in q.questions.iter().enumerate() {
        let (Some(show_if), true) = (&question.show_if, question.is_scored()) else {
            continue;
        };
        if question.advice.is_some() {
            continue;
        }
        let mut gates = Vec::new();
        show_if.questions(&mut gates);
        let gate_speaks = gates.iter().any(|&g| {
            let gq = &q.questions[g];
            gq.is_scored() && (gq.advice.is_some() || any_advice(&gq.kind))
        });
        if !gate_speaks {
            diags.warning(
                &paths[qi],
                Some(&question.id),
                "when `show_if` hides this question it scores 0, and neither it nor its gate question has `advice` to show",
            );
        }
    }
}

fn any_advice(kind: &Kind) -> bool {
    match kind {
        Kind::Single { options } | Kind::Multi { options, .. } => {
            options.iter().any(|o| o.advice.is_some())
        }
        Kind::Scale { label_advice, .. } => label_advice.iter().any(Option::is_some),
        Kind::Number { bands, .. } => bands.iter().any(|b| b.advice.is_some()),
        _ => false,
    }
}
