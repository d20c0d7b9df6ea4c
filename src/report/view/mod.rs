//! The report's view model: everything a template may show, and nothing else.
//!
//! Field by field documentation is in docs/templates.md (and `dxready report --explain-template`
//! prints an example as JSON). Numbers come both raw (`score`, full precision or `null`) and as
//! ready-to-print text (`score_text`, one decimal in the report language).
//!
//! [`build`] goes in phases: the profile, the pillars with their next steps (the action plan
//! comes from the same steps, ordered by what each can add to the overall score — computed by
//! [`crate::scoring::Scorecard::overall_gain`]), the programs, the appendix, then the page-1
//! summary, the comparison (`compare.rs`), the peers (`benchmark.rs`) and the charts
//! (`charts.rs`).

mod benchmark;
mod charts;
mod compare;

use serde::Serialize;

use crate::assessment::Assessment;
use crate::peers::PeerGroup;
use crate::programs::{Catalog, Pick, first_sentence};
use crate::questionnaire::{Questionnaire, format_date};
use crate::text::{one_decimal, short_question};

pub use benchmark::{Benchmark, PeerLine, peer_keys};

#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    pub lang: String,
    /// The tool's own words in the report language ([`crate::words::Report`]).
    pub labels: &'static crate::words::Report,
    pub tool: Tool,
    pub questionnaire: QuestionnaireInfo,
    pub enterprise: Enterprise,
    pub assessed_on: String,
    pub overall: Score,
    pub levels: Vec<LevelInfo>,
    pub dimensions: Vec<DimensionView>,
    /// Sentences about the strongest and weakest pillars.
    pub findings: Vec<String>,
    /// Titles of the pillars that do not apply (not on the radar).
    pub not_applicable: Vec<String>,
    /// The first three steps of the action plan (page 1, "3 việc cần làm ngay").
    pub top_actions: Vec<Action>,
    /// The first recommended programs (at most three), for page 1.
    pub top_programs: Vec<ProgramView>,
    /// "…và 6 chương trình khác …" when more programs are recommended than page 1 shows.
    pub more_programs: Option<String>,
    pub recommended: Vec<ProgramView>,
    pub not_eligible: Vec<ProgramView>,
    /// Every next step: urgent ones first, then by the overall score it can add.
    pub actions: Vec<Action>,
    pub comparison: Option<Comparison>,
    /// How the enterprise compares with its peers (`--benchmark`).
    pub benchmark: Option<Benchmark>,
    /// The sources of the programs named in the report, in the order they appear.
    pub sources: Vec<Source>,
    /// Every question asked, with the answer, by section.
    pub appendix: Vec<AppendixSection>,
    /// Whether the template prints the appendix (`--appendix`; always in `--format md`).
    pub show_appendix: bool,
    /// Ready-made chart blocks, printed with `| safe`.
    pub charts: Charts,
    pub notes: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub version: String,
    pub title: String,
}

impl QuestionnaireInfo {
    /// The questionnaire's id, version and title in `lang` (reports and the cohort report).
    pub fn of(q: &Questionnaire, lang: &str) -> Self {
        QuestionnaireInfo {
            id: q.id.clone(),
            version: q.version.clone(),
            title: q.title.get(lang).to_string(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Enterprise {
    pub name: String,
    /// Profile answers in questionnaire order.
    pub profile: Vec<QA>,
    /// The profile without the name, then the facts: the compact block.
    pub details: Vec<QA>,
    pub size_class: Option<String>,
    /// Facts with their display names and values.
    pub facts: Vec<QA>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QA {
    pub id: String,
    pub question: String,
    /// The question as a short label ("Ngày thành lập"), without `?` or explanation.
    pub label: String,
    pub answer: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Score {
    /// Full precision; `null` when undefined (overall with no applicable pillar).
    pub score: Option<f64>,
    pub score_text: String,
    pub level_id: Option<u32>,
    pub level_name: String,
    pub level_description: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelInfo {
    pub id: u32,
    pub min: f64,
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DimensionView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub weight: f64,
    pub applicable: bool,
    pub result: Score,
    /// What the enterprise already does well (questions with full points).
    pub strengths: Vec<Strength>,
    /// At most three strengths, as statements (the short list of the report).
    pub done_well: Vec<String>,
    /// Questions short of full points, with the advice of the chosen options.
    pub gaps: Vec<Gap>,
    /// The pillar's most valuable next steps (at most three), in action-plan order.
    pub next_steps: Vec<StepRef>,
    /// "còn 5 việc khác trong kế hoạch hành động" when the pillar has more steps.
    pub more_steps: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Strength {
    pub id: String,
    pub question: String,
    pub answer: String,
    /// The strength stated as a fact (a yes/no question's "…không?: Có" reads as a sentence).
    pub statement: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Gap {
    pub question: String,
    pub answer: String,
    pub advice: Vec<String>,
}

/// A step of the action plan as a pillar section names it.
#[derive(Clone, Debug, Serialize)]
pub struct StepRef {
    /// Its number in the action plan.
    pub number: usize,
    /// The step, cut to about one line with "…" (the action plan has it whole).
    pub text: String,
    pub urgent: bool,
    pub potential_text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProgramView {
    /// Its number in the report: recommended programs 1, 2, …, then the not-eligible ones.
    pub number: usize,
    pub id: String,
    pub name: String,
    /// Conditional texts resolved for this enterprise; `null` when no case applies.
    pub provider: Option<String>,
    pub benefit: Option<String>,
    /// The benefit's first sentence (the one line in lists).
    pub one_line: Option<String>,
    pub how_to_apply: Option<String>,
    pub contact: Option<String>,
    /// The first office named in the contact (or the provider): whom to call.
    pub office: Option<String>,
    /// `in_force`, `announced` or `draft`.
    pub status: &'static str,
    /// The status in plain words for announced and draft programs, e.g. "Dự thảo — …".
    pub status_note: Option<String>,
    /// The status in a few words for one-line lists: "đã công bố năm 2021, cần xác nhận".
    pub status_short: Option<String>,
    pub priority: i64,
    pub source: String,
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
    /// Titles of the pillars it addresses.
    pub addresses: Vec<String>,
    pub reasons: Vec<String>,
    /// The reasons in one sentence ("…; …").
    pub reasons_line: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Action {
    /// Its number in the action plan (1, 2, …).
    pub number: usize,
    pub dimension: String,
    pub dimension_id: String,
    pub question: String,
    /// The answer that gave rise to the step ("chưa trả lời" when it was not answered).
    pub answer: String,
    /// The same, cut to about 48 characters with "…" (the appendix has it whole).
    pub answer_short: String,
    /// The question as a label and the answer: "Chữ ký số của doanh nghiệp: Chưa có".
    pub because: String,
    pub advice: String,
    /// The advice's first sentence.
    pub short: String,
    /// A legal obligation or a deadline (`urgent: true` advice): listed first.
    pub urgent: bool,
    /// Points of overall score the step could add at most.
    pub potential: f64,
    pub potential_text: String,
    /// The same in words: "tăng tối đa 2,9 điểm tổng" / "adds up to 2.9 overall points".
    pub potential_line: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub earlier_assessed_on: String,
    /// The questionnaire version of the earlier assessment.
    pub earlier_version: String,
    /// Set when the two assessments used different questionnaire versions: says so and how
    /// pillars are matched.
    pub version_note: Option<String>,
    pub overall: Delta,
    pub dimensions: Vec<Delta>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Delta {
    /// Pillar id (`overall` for the overall score).
    pub id: String,
    pub title: String,
    /// `same`; `new` (only in the later questionnaire version) or `dropped` (only in the
    /// earlier one), when the two assessments used different versions.
    pub change: &'static str,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub before_text: String,
    pub after_text: String,
    /// `+12,5`, `−3,0`, `0,0`; `—` when either side is not applicable.
    pub delta_text: String,
}

/// One source and the programs that cite it.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// The source; quotes from one document follow it, each with its program's number.
    pub source: String,
    /// The numbers of the programs citing it (`ProgramView::number`).
    pub numbers: Vec<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AppendixSection {
    pub title: String,
    pub questions: Vec<QA>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Charts {
    /// The radar of the pillars with level rings (page 1): with `--compare` T1 and T0, with
    /// `--benchmark` the peers' median and middle half. Bars when fewer than three pillars
    /// apply.
    pub radar: String,
    /// The pillar scores as horizontal bars with the level lines.
    pub dimensions: String,
    /// T0 and T1 as paired bars (`--compare`).
    pub comparison: Option<String>,
}

/// What the report adds to the assessment.
#[derive(Clone, Copy, Default)]
pub struct Extras<'a> {
    /// An earlier assessment of the same enterprise (T0), with the questionnaire it was
    /// scored with.
    pub earlier: Option<(&'a Questionnaire, &'a Assessment<'a>)>,
    /// The peers to compare with (`--benchmark`).
    pub peers: Option<&'a PeerGroup>,
    /// Print every answer at the end.
    pub appendix: bool,
}

fn score_view(
    q: &Questionnaire,
    score: Option<f64>,
    level: Option<usize>,
    lang: &str,
    undefined: &str,
) -> Score {
    let level = level.map(|l| &q.levels[l]);
    Score {
        score,
        score_text: score
            .map(|s| one_decimal(s, lang))
            .unwrap_or_else(|| undefined.to_string()),
        level_id: level.map(|l| l.id),
        level_name: level
            .map(|l| l.name.get(lang).to_string())
            .unwrap_or_default(),
        level_description: level
            .and_then(|l| l.description.as_ref())
            .map(|d| d.get(lang).to_string())
            .unwrap_or_default(),
    }
}

fn qa(q: &Questionnaire, qi: usize, answer: String, lang: &str) -> QA {
    let text = q.questions[qi].text.get(lang);
    QA {
        id: q.questions[qi].id.clone(),
        question: text.to_string(),
        label: short_question(text).to_string(),
        answer,
    }
}

/// How many steps and strengths a pillar section shows, and programs page 1 shows.
const SHORT_LIST: usize = 3;
/// A pillar section names a step in about one line; the action plan has it whole.
const STEP_CHARS: usize = 88;
/// The answer an action-plan step quotes, at most (the appendix has every answer whole).
const ANSWER_CHARS: usize = 48;

/// `text` cut at a word boundary to at most `max` characters, with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([' ', ',', ';', ':', '(']))
}

/// Builds the view of an assessment with what `extras` adds (the T0 → T1 comparison, the
/// peers, the appendix).
pub fn build(q: &Questionnaire, catalog: &Catalog, a: &Assessment, extras: &Extras) -> ReportView {
    let lang = a.lang.as_str();
    let words = crate::words::of(lang);
    let card = &a.card;
    let enterprise = enterprise(q, a, lang);
    let (dimensions, actions) = pillars(q, a, lang);
    let (recommended, not_eligible) = programs(q, catalog, a, lang);
    let sources = sources(&recommended, &not_eligible);
    let appendix = appendix(q, a, &enterprise.profile, lang);

    // Page 1, the comparison, the peers and the charts.
    let top_programs: Vec<ProgramView> = recommended.iter().take(SHORT_LIST).cloned().collect();
    let more_programs = (recommended.len() > SHORT_LIST)
        .then(|| words.more_programs(recommended.len() - SHORT_LIST));
    let comparison = extras
        .earlier
        .map(|(eq, e)| compare::comparison(q, a, eq, e, lang));
    let benchmark = extras.peers.map(|g| benchmark::benchmark(q, a, g, lang));
    let charts = charts::charts(
        q,
        a,
        comparison.as_ref(),
        extras.peers,
        benchmark.as_ref(),
        lang,
    );
    ReportView {
        lang: lang.to_string(),
        labels: &words.report,
        tool: Tool {
            name: "dxready",
            version: env!("CARGO_PKG_VERSION"),
        },
        questionnaire: QuestionnaireInfo::of(q, lang),
        enterprise,
        assessed_on: format_date(a.answers().assessed_on, lang),
        overall: score_view(
            q,
            card.overall,
            card.overall_level,
            lang,
            words.common.undefined,
        ),
        levels: q
            .levels
            .iter()
            .map(|l| LevelInfo {
                id: l.id,
                min: l.min,
                name: l.name.get(lang).to_string(),
                description: l
                    .description
                    .as_ref()
                    .map(|d| d.get(lang).to_string())
                    .unwrap_or_default(),
            })
            .collect(),
        findings: findings(&dimensions, lang),
        not_applicable: dimensions
            .iter()
            .filter(|d| !d.applicable)
            .map(|d| d.title.clone())
            .collect(),
        dimensions,
        top_actions: actions.iter().take(SHORT_LIST).cloned().collect(),
        top_programs,
        more_programs,
        recommended,
        not_eligible,
        actions,
        comparison,
        benchmark,
        sources,
        appendix,
        show_appendix: extras.appendix,
        charts,
        notes: a.answers().notes.clone(),
    }
}

/// The answer to question `qi` as a person reads it, when the question was asked.
fn answer_text(q: &Questionnaire, a: &Assessment, qi: usize, lang: &str) -> Option<String> {
    match (a.card.eval.visible[qi], a.answers().get(qi)) {
        (true, Some(v)) => Some(q.questions[qi].format_answer(v, lang)),
        _ => None,
    }
}

/// The profile answers and the facts.
fn enterprise(q: &Questionnaire, a: &Assessment, lang: &str) -> Enterprise {
    let card = &a.card;
    let profile: Vec<QA> = (0..q.profile_len)
        .filter_map(|qi| answer_text(q, a, qi, lang).map(|answer| qa(q, qi, answer, lang)))
        .collect();
    let facts: Vec<QA> = q
        .facts
        .iter()
        .enumerate()
        .filter_map(|(fi, f)| {
            card.eval.facts[fi].map(|c| QA {
                id: f.id.clone(),
                question: f.title(lang),
                label: f.title(lang),
                answer: f.value_label(c, lang),
            })
        })
        .collect();
    let size_class = facts
        .iter()
        .find(|f| f.id == crate::questionnaire::SIZE_CLASS)
        .map(|f| f.answer.clone());
    let details: Vec<QA> = profile
        .iter()
        .filter(|p| p.id != crate::questionnaire::ENTERPRISE_NAME)
        .chain(&facts)
        .cloned()
        .collect();
    Enterprise {
        name: a.enterprise(q),
        profile,
        details,
        size_class,
        facts,
    }
}

/// The pillars with their strengths, gaps and next steps, and the action plan made of every
/// step: urgent ones first, then by the overall score each can add.
fn pillars(q: &Questionnaire, a: &Assessment, lang: &str) -> (Vec<DimensionView>, Vec<Action>) {
    let steps = crate::advice::steps(q, &a.card);
    let mut actions: Vec<Action> = Vec::new();
    let mut dimensions: Vec<DimensionView> = (0..q.dimensions.len())
        .map(|di| pillar(q, a, di, &steps, &mut actions, lang))
        .collect();
    // Legal obligations first, then the largest potential; ties in questionnaire order
    // (stable sort).
    actions.sort_by(|a, b| {
        b.urgent
            .cmp(&a.urgent)
            .then(b.potential.total_cmp(&a.potential))
    });
    for (i, a) in actions.iter_mut().enumerate() {
        a.number = i + 1;
    }
    for d in &mut dimensions {
        let own: Vec<&Action> = actions.iter().filter(|a| a.dimension_id == d.id).collect();
        d.next_steps = own
            .iter()
            .take(SHORT_LIST)
            .map(|a| StepRef {
                number: a.number,
                text: clip(&a.advice, STEP_CHARS),
                urgent: a.urgent,
                potential_text: a.potential_text.clone(),
            })
            .collect();
        d.more_steps = (own.len() > SHORT_LIST)
            .then(|| crate::words::of(lang).more_steps(own.len() - SHORT_LIST));
    }
    (dimensions, actions)
}

/// Pillar `di`: what the enterprise already does (questions at full points) and what to
/// improve; its steps are added to `actions` (numbered and linked back later).
fn pillar(
    q: &Questionnaire,
    a: &Assessment,
    di: usize,
    steps: &[Vec<crate::advice::Step<'_>>],
    actions: &mut Vec<Action>,
    lang: &str,
) -> DimensionView {
    let (d, s) = (&q.dimensions[di], &a.card.dimensions[di]);
    let common = &crate::words::of(lang).common;
    let mut strengths = Vec::new();
    let mut gaps = Vec::new();
    for qi in d.questions.clone() {
        let question = &q.questions[qi];
        let Some(ratio) = a.card.questions[qi].ratio else {
            continue;
        };
        let answer = answer_text(q, a, qi, lang);
        if ratio >= 1.0 - 1e-9 {
            if let Some(answer) = answer {
                strengths.push(Strength {
                    id: question.id.clone(),
                    question: question.text.get(lang).to_string(),
                    statement: strength_line(question, &answer, lang),
                    answer,
                });
            }
            continue;
        }
        let advice: Vec<String> = steps[qi]
            .iter()
            .map(|st| st.text.get(lang).to_string())
            .collect();
        if answer.is_none() && advice.is_empty() {
            continue;
        }
        let question_text = question.text.get(lang).to_string();
        let shown_answer = answer
            .clone()
            .unwrap_or_else(|| common.unanswered.to_string());
        for st in &steps[qi] {
            actions.push(action(q, a, d, qi, st, &shown_answer, lang));
        }
        gaps.push(Gap {
            question: question_text,
            answer: answer.unwrap_or_else(|| common.not_asked.to_string()),
            advice,
        });
    }
    DimensionView {
        id: d.id.clone(),
        title: d.title.get(lang).to_string(),
        description: d
            .description
            .as_ref()
            .map(|t| t.get(lang).to_string())
            .unwrap_or_default(),
        weight: d.weight,
        applicable: s.applicable,
        result: score_view(q, s.score, s.level, lang, common.not_applicable),
        done_well: strengths
            .iter()
            .take(SHORT_LIST)
            .map(|s| s.statement.clone())
            .collect(),
        strengths,
        gaps,
        next_steps: Vec::new(),
        more_steps: None,
    }
}

/// One step of the action plan: advice `st` of question `qi` in pillar `d` (numbered later).
fn action(
    q: &Questionnaire,
    a: &Assessment,
    d: &crate::questionnaire::Dimension,
    qi: usize,
    st: &crate::advice::Step<'_>,
    shown_answer: &str,
    lang: &str,
) -> Action {
    let question_text = q.questions[qi].text.get(lang);
    let potential = a.card.overall_gain(q, qi, st.gain);
    let text = st.text.get(lang).to_string();
    Action {
        number: 0,
        dimension: d.title.get(lang).to_string(),
        dimension_id: d.id.clone(),
        question: question_text.to_string(),
        because: format!("{}: {shown_answer}", short_question(question_text)),
        answer_short: clip(&crate::text::short_labels(shown_answer), ANSWER_CHARS),
        answer: shown_answer.to_string(),
        short: first_sentence(&text),
        advice: text,
        urgent: st.urgent,
        potential,
        potential_text: one_decimal(potential, lang),
        potential_line: potential_line(potential, lang),
    }
}

/// The recommended programs, then those the enterprise is not eligible for, numbered on
/// from one list to the other.
fn programs(
    q: &Questionnaire,
    catalog: &Catalog,
    a: &Assessment,
    lang: &str,
) -> (Vec<ProgramView>, Vec<ProgramView>) {
    let view = |p: &Pick| program(q, catalog, a, p, lang);
    let mut recommended: Vec<ProgramView> = a.recs.recommended.iter().map(view).collect();
    let mut not_eligible: Vec<ProgramView> = a.recs.not_eligible.iter().map(view).collect();
    for (i, p) in recommended.iter_mut().chain(&mut not_eligible).enumerate() {
        p.number = i + 1;
    }
    (recommended, not_eligible)
}

/// One program, its texts resolved for the enterprise (numbered later).
fn program(
    q: &Questionnaire,
    catalog: &Catalog,
    a: &Assessment,
    p: &Pick,
    lang: &str,
) -> ProgramView {
    let prog = &catalog.programs[p.program];
    let texts = prog.texts(&a.card.eval, lang);
    let office = texts
        .contact
        .as_deref()
        .or(texts.provider.as_deref())
        .and_then(|c| c.split(';').next())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    ProgramView {
        number: 0,
        id: prog.id.clone(),
        name: prog.name.get(lang).to_string(),
        one_line: texts.one_line(),
        status: prog.status.id(),
        status_note: prog.status_note(&texts, lang),
        status_short: status_short(prog, lang),
        priority: prog.priority,
        office,
        provider: texts.provider,
        benefit: texts.benefit,
        how_to_apply: texts.how_to_apply,
        contact: texts.contact,
        source: prog.source.get(lang).to_string(),
        valid_from: prog.valid_from.map(|d| format_date(d, lang)),
        valid_until: prog.valid_until.map(|d| format_date(d, lang)),
        addresses: prog
            .addresses
            .iter()
            .map(|&d| q.dimensions[d].title.get(lang).to_string())
            .collect(),
        reasons_line: p.reasons.join("; "),
        reasons: p.reasons.clone(),
    }
}

/// The appendix: every question asked, the profile first, then each pillar that applies.
fn appendix(q: &Questionnaire, a: &Assessment, profile: &[QA], lang: &str) -> Vec<AppendixSection> {
    let mut appendix = vec![AppendixSection {
        title: crate::words::of(lang).report.profile.to_string(),
        questions: profile.to_vec(),
    }];
    for (di, d) in q.dimensions.iter().enumerate() {
        if a.card.dimensions[di].applicable {
            appendix.push(AppendixSection {
                title: d.title.get(lang).to_string(),
                questions: d
                    .questions
                    .clone()
                    .filter_map(|qi| {
                        answer_text(q, a, qi, lang).map(|answer| qa(q, qi, answer, lang))
                    })
                    .collect(),
            });
        }
    }
    appendix
}

/// The numbers of the programs citing one document, each with its quote (if any).
type Quotes = Vec<(usize, Option<String>)>;

/// The sources of the programs, each once: programs citing the same text share it, and
/// quotes from one document ("Hội nghị …, 16/01/2021: “…”") are listed under it.
fn sources(recommended: &[ProgramView], not_eligible: &[ProgramView]) -> Vec<Source> {
    // (document, [(program number, quote)]) in order of first appearance.
    let mut docs: Vec<(String, Quotes)> = Vec::new();
    for p in recommended.iter().chain(not_eligible) {
        let text = p.source.trim();
        if text.is_empty() {
            continue;
        }
        let (doc, quote) = match text.split_once(": “") {
            Some((doc, quote)) => (doc.to_string(), Some(format!("“{quote}"))),
            None => (text.to_string(), None),
        };
        match docs.iter_mut().find(|(d, _)| *d == doc) {
            Some((_, q)) => q.push((p.number, quote)),
            None => docs.push((doc, vec![(p.number, quote)])),
        }
    }
    docs.into_iter()
        .map(|(doc, quotes)| {
            let numbers = quotes.iter().map(|(n, _)| *n).collect();
            let quoted: Vec<String> = quotes
                .iter()
                .filter_map(|(n, q)| q.as_ref().map(|q| (n, q)))
                .map(|(n, q)| {
                    if quotes.len() > 1 {
                        format!("({n}) {q}")
                    } else {
                        q.clone()
                    }
                })
                .collect();
            let source = if quoted.is_empty() {
                doc
            } else {
                format!("{doc}: {}", quoted.join("; "))
            };
            Source { source, numbers }
        })
        .collect()
}

fn status_short(prog: &crate::programs::Program, lang: &str) -> Option<String> {
    use crate::programs::Status;
    let w = crate::words::of(lang);
    match prog.status {
        Status::InForce => None,
        Status::Announced => Some(w.announced_short(prog.valid_from.map(|d| d.year()))),
        Status::Draft => Some(w.draft_short().to_string()),
    }
}

fn findings(dims: &[DimensionView], lang: &str) -> Vec<String> {
    let w = crate::words::of(lang);
    let applicable: Vec<&DimensionView> = dims.iter().filter(|d| d.applicable).collect();
    let Some(best) = applicable.iter().max_by(|a, b| {
        a.result
            .score
            .unwrap_or(0.0)
            .total_cmp(&b.result.score.unwrap_or(0.0))
    }) else {
        return vec![w.no_pillar_applies().to_string()];
    };
    // The weakest: the first with the lowest score (questionnaire order breaks ties).
    let worst = applicable.iter().fold(applicable[0], |w, d| {
        if d.result.score.unwrap_or(0.0) < w.result.score.unwrap_or(0.0) {
            d
        } else {
            w
        }
    });
    let mut out = Vec::new();
    let line = |d: &DimensionView, strongest: bool| {
        w.pillar_finding(
            strongest,
            &d.title,
            &d.result.score_text,
            d.result.level_id.unwrap_or(0),
            &d.result.level_name,
        )
    };
    out.push(line(best, true));
    if !std::ptr::eq(*best, worst) {
        out.push(line(worst, false));
    }
    let na: Vec<&str> = dims
        .iter()
        .filter(|d| !d.applicable)
        .map(|d| d.title.as_str())
        .collect();
    if !na.is_empty() {
        out.push(w.not_applicable_finding(&na.join(", ")));
    }
    out
}

/// "tăng tối đa 2,9 điểm tổng" / "adds up to 2.9 overall points".
fn potential_line(potential: f64, lang: &str) -> String {
    crate::words::of(lang).potential(&one_decimal(potential, lang))
}

/// A strength as a statement: a Vietnamese yes/no question "Doanh nghiệp có … không?"
/// answered yes reads "Doanh nghiệp có …", an English one keeps its question and "Yes"; any
/// other question reads as the answer it got (the best option states the fact: "Trực tiếp chỉ
/// đạo và theo dõi tiến độ"), a number as "question: answer".
fn strength_line(question: &crate::questionnaire::Question, answer: &str, lang: &str) -> String {
    use crate::questionnaire::Kind;
    let text = question.text.get(lang).trim();
    match &question.kind {
        Kind::YesNo { .. } => {
            if lang == "vi"
                && let Some(statement) = text.strip_suffix("không?")
            {
                return statement.trim_end().to_string();
            }
            if text.ends_with('?') {
                return format!("{text} {answer}");
            }
            format!("{}: {answer}", short_question(text))
        }
        Kind::Single { .. } | Kind::Multi { .. } => answer.to_string(),
        _ => format!("{}: {answer}", short_question(text)),
    }
}
