//! Raw questionnaire → validated [`Questionnaire`], collecting every problem (docs/reference/).

use std::collections::{HashMap, HashSet};

use serde_yaml::Value;

use super::raw::{QuestionType, RawQuestion, RawQuestionnaire};
use super::*;
use crate::condition::{self, Scope};
use crate::conditional::{self as cond_text, Advice, Pending, RawAdvice};
use crate::diagnostic::{Diagnostics, LoadError};
use crate::lenient::deserialize_all;
use crate::text::Text;
use crate::yaml::{self, Limits, Path, index, key};

/// Loads a questionnaire from YAML/JSON text. `file` names it in messages.
/// Warnings (if any) are returned with the questionnaire.
pub fn from_str(file: &str, text: &str) -> Result<(Questionnaire, Diagnostics), LoadError> {
    load(file, text, None)
}

/// Like [`from_str`], with the tree already parsed from `text` (the embedded defaults).
pub fn load(
    file: &str,
    text: &str,
    parsed: Option<Value>,
) -> Result<(Questionnaire, Diagnostics), LoadError> {
    let value = match parsed {
        Some(v) => yaml::prepare(file, v, Limits::DEFINITION)?,
        None => yaml::parse(file, text, Limits::DEFINITION)?,
    };
    from_value(file, value)
        .map_err(|mut d| {
            d.locate(text);
            LoadError::Invalid(Box::new(d))
        })
        .map(|(q, mut warnings)| {
            warnings.locate(text);
            (q, warnings)
        })
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

fn build(raw: &RawQuestionnaire, diags: &mut Diagnostics) -> Option<Questionnaire> {
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
    let text = |t: &crate::text::RawText,
                diags: &mut Diagnostics,
                path: &Path,
                id: Option<&str>| { Text::from_raw(t, &languages, diags, path, id) };
    let title = text(&raw.title, diags, &key(&root, "title"), None);
    let description = raw
        .description
        .as_ref()
        .map(|t| text(t, diags, &key(&root, "description"), None));

    // Levels.
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
            name: text(&l.name, diags, &key(&path, "name"), Some(&id)),
            description: l
                .description
                .as_ref()
                .map(|t| text(t, diags, &key(&path, "description"), Some(&id))),
        });
    }
    if raw.levels.is_empty() {
        diags.error(
            &lpath,
            None,
            "declare at least one level (the first with `min: 0`)",
        );
    }

    // Questions, in interview order, with their raw form kept for the condition pass.
    let mut questions: Vec<Question> = Vec::new();
    let mut raws: Vec<(&RawQuestion, Path)> = Vec::new();
    let mut ids: HashMap<String, Path> = HashMap::new();
    let mut pending_advice: Vec<PendingAdvice> = Vec::new();
    let ppath = key(&root, "profile");
    for (i, rq) in raw.profile.iter().enumerate() {
        let path = index(&ppath, i);
        if let Some(rq) = rq.take(diags, &path)
            && let Some(q) = question(
                rq,
                Section::Profile,
                &languages,
                diags,
                &path,
                &mut ids,
                (questions.len(), &mut pending_advice),
            )
        {
            questions.push(q);
            raws.push((rq, path));
        }
    }
    let profile_len = questions.len();

    let mut dimensions = Vec::new();
    let mut dim_raws = Vec::new();
    let dpath = key(&root, "dimensions");
    let mut dim_ids = HashSet::new();
    for (di, rd) in raw.dimensions.iter().enumerate() {
        let path = index(&dpath, di);
        let Some(rd) = rd.take(diags, &path) else {
            continue;
        };
        let id = rd.id.as_str();
        if !id_ok(id, false) {
            diags.error(
                &key(&path, "id"),
                Some(id),
                format!("dimension id `{id}` must match [a-z0-9_]+"),
            );
        }
        if id == "overall" {
            diags.error(
                &key(&path, "id"),
                Some(id),
                "`overall` is reserved (it names the overall score in `score:` conditions)",
            );
        }
        if !dim_ids.insert(id.to_string()) {
            diags.error(
                &key(&path, "id"),
                Some(id),
                format!("dimension id `{id}` is used twice"),
            );
        }
        let weight = rd.weight.unwrap_or(1.0);
        if weight.is_nan() || weight <= 0.0 {
            diags.error(
                &key(&path, "weight"),
                Some(id),
                format!("dimension weight must be > 0, found {weight}"),
            );
        }
        let dim_index = dimensions.len();
        let start = questions.len();
        let qpath = key(&path, "questions");
        for (qi, rq) in rd.questions.iter().enumerate() {
            let qp = index(&qpath, qi);
            if let Some(rq) = rq.take(diags, &qp)
                && let Some(q) = question(
                    rq,
                    Section::Dimension(dim_index),
                    &languages,
                    diags,
                    &qp,
                    &mut ids,
                    (questions.len(), &mut pending_advice),
                )
            {
                questions.push(q);
                raws.push((rq, qp));
            }
        }
        if rd.questions.is_empty() {
            diags.error(&qpath, Some(id), "a dimension needs at least one question");
        }
        let range = start..questions.len();
        let scored_weight: f64 = questions[range.clone()]
            .iter()
            .filter(|q| q.is_scored())
            .map(|q| q.weight)
            .sum();
        if !rd.questions.is_empty() && scored_weight <= 0.0 && range.len() == rd.questions.len() {
            diags.error(&qpath, Some(id), "the weights of this dimension's scored questions sum to 0 (it needs at least one question with points and weight > 0)");
        }
        dimensions.push(Dimension {
            id: id.to_string(),
            title: text(&rd.title, diags, &key(&path, "title"), Some(id)),
            description: rd
                .description
                .as_ref()
                .map(|t| text(t, diags, &key(&path, "description"), Some(id))),
            weight,
            applies_if: None,
            questions: range,
        });
        dim_raws.push((rd, path));
    }
    if raw.dimensions.is_empty() {
        diags.error(&dpath, None, "declare at least one dimension");
    }

    // Facts: values first, conditions once the questionnaire can resolve ids.
    let mut facts = Vec::new();
    let mut fact_raws = Vec::new();
    let fpath = key(&root, "facts");
    for (fid, cases) in &raw.facts {
        let path = key(&fpath, fid);
        if !id_ok(fid, false) {
            diags.error(
                &path,
                Some(fid),
                format!("fact id `{fid}` must match [a-z0-9_]+"),
            );
        }
        let mut values: Vec<FactValue> = Vec::new();
        let mut out = Vec::new();
        let mut kept = Vec::new();
        for (ci, c) in cases.iter().enumerate() {
            let cp = index(&path, ci);
            let Some(c) = c.take(diags, &cp) else {
                continue;
            };
            let id = c.value.as_id();
            let label = c
                .label
                .as_ref()
                .map(|t| text(t, diags, &key(&cp, "label"), Some(fid)));
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
            diags.error(&path, Some(fid), "a fact needs at least one case");
        }
        facts.push(Fact {
            id: fid.clone(),
            values,
            cases: out,
        });
        fact_raws.push(kept);
    }

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
                let cond =
                    condition::validate(when, &q, scope, diags, &key(cp, "when"), Some(&fid));
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
                condition::validate(c, &q, scope, diags, &key(path, "applies_if"), Some(&id));
        }
    }
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
                condition::validate(c, &q, scope, diags, &key(path, "show_if"), Some(&id));
        }
    }
    let advice_scope = Scope {
        questions_before: q.questions.len(),
        facts: true,
        scores: false,
        context: "",
    };
    for p in pending_advice {
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
            &q,
            advice_scope,
            diags,
            Some(&owner),
        );
        if let Some(slot) = advice_slot(&mut q.questions[p.question], p.slot) {
            *slot = advice;
        }
    }
    let paths: Vec<Path> = raws.iter().map(|(_, p)| p.clone()).collect();
    gate_warnings(&q, diags, &paths);
    roles(&q, diags);
    Some(q)
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

fn question(
    rq: &RawQuestion,
    section: Section,
    languages: &[String],
    diags: &mut Diagnostics,
    path: &Path,
    ids: &mut HashMap<String, Path>,
    (qi, pending): (usize, &mut Vec<PendingAdvice>),
) -> Option<Question> {
    let id = rq.id.as_str();
    let mut advice = |raw: &Option<RawAdvice>,
                      diags: &mut Diagnostics,
                      at: Path,
                      slot: Slot|
     -> Option<Advice> {
        let raw = raw.as_ref()?;
        let (a, p) = cond_text::build_advice(raw, languages, diags, &at, Some(id));
        if !p.is_empty() {
            pending.push(PendingAdvice {
                question: qi,
                slot,
                conditions: p,
            });
        }
        Some(a)
    };
    let err = |diags: &mut Diagnostics, k: &str, m: String| diags.error(&key(path, k), Some(id), m);
    if !id_ok(id, false) {
        err(
            diags,
            "id",
            format!("question id `{id}` must match [a-z0-9_]+"),
        );
    }
    if let Some(first) = ids.get(id) {
        err(
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
    let text = |t: &crate::text::RawText, diags: &mut Diagnostics, k: &str| {
        Text::from_raw(t, languages, diags, &key(path, k), Some(id))
    };
    let weight = rq.weight.unwrap_or(1.0);
    if weight.is_nan() || weight < 0.0 {
        err(
            diags,
            "weight",
            format!("weight must be ≥ 0, found {weight}"),
        );
    }
    // Keys that belong to other types.
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
    let type_name = format!("{t:?}").to_lowercase();
    for (k, present, types) in misplaced {
        if *present && !types.contains(&t) {
            err(
                diags,
                k,
                format!("`{k}` does not apply to a `{type_name}` question"),
            );
        }
    }
    let kind = match t {
        QuestionType::Single | QuestionType::Multi => {
            let mut options = Vec::new();
            let opath = key(path, "options");
            match &rq.options {
                None => err(
                    diags,
                    "options",
                    format!("a `{type_name}` question needs `options`"),
                ),
                Some(list) if list.is_empty() => err(diags, "options", "`options` is empty".into()),
                Some(list) => {
                    for (oi, o) in list.iter().enumerate() {
                        let op = index(&opath, oi);
                        let Some(o) = o.take(diags, &op) else {
                            continue;
                        };
                        let oid = o.id.as_id();
                        if !id_ok(&oid, true) {
                            diags.error(
                                &key(&op, "id"),
                                Some(id),
                                format!("option id `{oid}` must match [a-z0-9_-]+"),
                            );
                        }
                        if options.iter().any(|c: &Choice| c.id == oid) {
                            diags.error(
                                &key(&op, "id"),
                                Some(id),
                                format!("option id `{oid}` is used twice in this question"),
                            );
                        }
                        let score = o.score.unwrap_or(0.0);
                        if score.is_nan() || score < 0.0 {
                            diags.error(
                                &key(&op, "score"),
                                Some(id),
                                format!("option `{oid}`: score must be ≥ 0, found {score}"),
                            );
                        }
                        if o.exclusive.is_some() && t == QuestionType::Single {
                            diags.error(
                                &key(&op, "exclusive"),
                                Some(id),
                                format!(
                                    "option `{oid}`: `exclusive` applies only to `multi` questions"
                                ),
                            );
                        }
                        options.push(Choice {
                            id: oid,
                            label: Text::from_raw(
                                &o.label,
                                languages,
                                diags,
                                &key(&op, "label"),
                                Some(id),
                            ),
                            score,
                            exclusive: o.exclusive.unwrap_or(false),
                            advice: advice(
                                &o.advice,
                                diags,
                                key(&op, "advice"),
                                Slot::Option(options.len()),
                            ),
                        });
                    }
                }
            }
            if t == QuestionType::Single {
                Kind::Single { options }
            } else {
                let positive: f64 = options.iter().map(|o| o.score.max(0.0)).sum();
                if let Some(m) = rq.max_points {
                    if m.is_nan() || m < 0.0 {
                        err(
                            diags,
                            "max_points",
                            format!("max_points must be ≥ 0, found {m}"),
                        );
                    } else if m > positive + 1e-9 {
                        diags.warning(&key(path, "max_points"), Some(id), format!("max_points {m} is above the sum of the option scores ({positive}), so the question can never reach full points"));
                    }
                }
                Kind::Multi {
                    options,
                    max_points: rq.max_points,
                }
            }
        }
        QuestionType::Yesno => {
            let (yes, no) = rq.score.as_ref().map_or((1.0, 0.0), |s| (s.yes, s.no));
            if yes < 0.0 || no < 0.0 || yes.is_nan() || no.is_nan() {
                err(diags, "score", "yes/no scores must be ≥ 0".into());
            }
            Kind::YesNo { yes, no }
        }
        QuestionType::Scale => {
            let (min, max) = (rq.min.unwrap_or(f64::NAN), rq.max.unwrap_or(f64::NAN));
            if rq.min.is_none() || rq.max.is_none() {
                err(
                    diags,
                    "max",
                    "a `scale` question needs integer `min` and `max`".into(),
                );
            } else if min.fract() != 0.0 || max.fract() != 0.0 || min >= max {
                err(
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
                let lp = index(&key(path, "labels"), i);
                let tp = match l {
                    raw::RawLabel::WithAdvice(_) => key(&lp, "label"),
                    raw::RawLabel::Text(_) => lp.clone(),
                };
                labels.push(Text::from_raw(l.text(), languages, diags, &tp, Some(id)));
                label_advice.push(advice(
                    &l.advice().cloned(),
                    diags,
                    key(&lp, "advice"),
                    Slot::Label(i),
                ));
            }
            if label_advice.iter().all(Option::is_none) {
                label_advice.clear();
            }
            if rq.labels.is_some() && labels.len() as i64 != max - min + 1 {
                err(
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
        QuestionType::Number => {
            if let (Some(a), Some(b)) = (rq.min, rq.max)
                && a > b
            {
                err(diags, "max", format!("min {a} is above max {b}"));
            }
            let mut bands = Vec::new();
            for (bi, b) in rq.bands.iter().flatten().enumerate() {
                let bp = index(&key(path, "bands"), bi);
                if b.score.is_nan() || b.score < 0.0 {
                    diags.error(
                        &key(&bp, "score"),
                        Some(id),
                        format!("band score must be ≥ 0, found {}", b.score),
                    );
                }
                if let Some(prev) = bands.last()
                    && b.min <= prev_min(prev)
                {
                    diags.error(
                        &key(&bp, "min"),
                        Some(id),
                        format!(
                            "bands must be sorted by ascending `min`: {} is not above {}",
                            b.min,
                            prev_min(prev)
                        ),
                    );
                }
                let band_advice = advice(&b.advice, diags, key(&bp, "advice"), Slot::Band(bi));
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
                unit: rq.unit.as_ref().map(|u| text(u, diags, "unit")),
            }
        }
        QuestionType::Text => Kind::Text,
        QuestionType::Date => Kind::Date,
    };
    let question = Question {
        id: id.to_string(),
        text: text(&rq.text, diags, "text"),
        help: rq.help.as_ref().map(|h| text(h, diags, "help")),
        required: rq.required.unwrap_or(true),
        weight,
        show_if: None,
        section,
        advice: advice(&rq.advice, diags, key(path, "advice"), Slot::Question),
        kind,
    };
    if question.is_scored() {
        advice_warnings(&question, diags, path);
    }
    Some(question)
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
    let mut warn = |at: Path, what: String| {
        diags.warning(
            &at,
            Some(&q.id),
            format!("{what}, and no `advice` would be shown for it{own}"),
        )
    };
    let has = |a: &Option<crate::conditional::Advice>| a.is_some();
    match &q.kind {
        Kind::Single { options } => {
            for (i, o) in options.iter().enumerate() {
                if o.score < max && !has(&o.advice) {
                    warn(
                        index(&key(path, "options"), i),
                        format!("option `{}` scores {} of {}", o.id, o.score, max),
                    );
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
                .filter(|o| o.score > 0.0 && has(&o.advice))
                .map(|o| o.score)
                .sum();
            let reachable = max_points.map_or(with_advice, |m| with_advice.min(m));
            if reachable < max - 1e-9 {
                let silent: Vec<&str> = options
                    .iter()
                    .filter(|o| o.score > 0.0 && !has(&o.advice))
                    .map(|o| o.id.as_str())
                    .collect();
                warn(
                    key(path, "options"),
                    format!(
                        "an answer can miss points while the options left unticked ({}) have no `advice`",
                        silent.join(", ")
                    ),
                );
            }
        }
        Kind::YesNo { yes, no } => {
            if yes.min(*no) < max {
                warn(
                    path.clone(),
                    "a yes/no answer can score below the maximum".to_string(),
                );
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
                warn(
                    path.clone(),
                    format!("the values {} score below the maximum", silent.join(", ")),
                );
            }
        }
        Kind::Number {
            bands, min: lowest, ..
        } => {
            if let Some(first) = bands.first()
                && lowest.is_none_or(|l| l < first.min)
            {
                warn(
                    key(path, "bands"),
                    format!("values below the first band ({}) score 0", first.min),
                );
            }
            for (i, b) in bands.iter().enumerate() {
                if b.score < max && !has(&b.advice) {
                    warn(
                        index(&key(path, "bands"), i),
                        format!("band from {} scores {} of {}", b.min, b.score, max),
                    );
                }
            }
        }
        Kind::Text | Kind::Date => {}
    }
    if q.advice.is_none() && !q.required {
        warn(
            path.clone(),
            "this optional question can be left unanswered (0 points)".to_string(),
        );
    }
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
