//! The report's view model: everything a template may show, and nothing else.
//!
//! Field by field documentation is in docs/templates.md (and `dxready report --explain-template`
//! prints an example as JSON). Numbers come both raw (`score`, full precision or `null`) and as
//! ready-to-print text (`score_text`, one decimal in the report language).

use serde::Serialize;

use crate::assessment::Assessment;
use crate::programs::{Catalog, Pick};
use crate::questionnaire::{Questionnaire, format_date};
use crate::report::markdown::{ChartKind, ChartRow, ChartSpec, Threshold};
use crate::text::{label, one_decimal};

#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    pub lang: String,
    /// The tool's own words in the report language (see `labels()`).
    pub labels: Labels,
    pub tool: Tool,
    pub questionnaire: QuestionnaireInfo,
    pub enterprise: Enterprise,
    pub assessed_on: String,
    pub overall: Score,
    pub levels: Vec<LevelInfo>,
    pub dimensions: Vec<DimensionView>,
    /// Sentences about the strongest and weakest dimensions.
    pub findings: Vec<String>,
    pub recommended: Vec<ProgramView>,
    pub not_eligible: Vec<ProgramView>,
    /// The most valuable next steps, largest weighted gap first.
    pub actions: Vec<Action>,
    pub comparison: Option<Comparison>,
    /// Every question asked, with the answer, by section.
    pub appendix: Vec<AppendixSection>,
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
    pub size_class: Option<String>,
    /// Facts with their display names and values.
    pub facts: Vec<QA>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QA {
    pub id: String,
    pub question: String,
    pub answer: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Score {
    /// Full precision; `null` when undefined (overall with no applicable dimension).
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
    /// Questions short of full points, with the advice of the chosen options.
    pub gaps: Vec<Gap>,
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

#[derive(Clone, Debug, Serialize)]
pub struct ProgramView {
    pub id: String,
    pub name: String,
    /// Conditional texts resolved for this enterprise; `null` when no case applies.
    pub provider: Option<String>,
    pub benefit: Option<String>,
    /// The benefit's first sentence (the one line in lists).
    pub one_line: Option<String>,
    pub how_to_apply: Option<String>,
    pub contact: Option<String>,
    /// `in_force`, `announced` or `draft`.
    pub status: &'static str,
    /// The status in plain words for announced and draft programs, e.g. "Dự thảo — …".
    pub status_note: Option<String>,
    pub priority: i64,
    pub source: String,
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
    /// Titles of the dimensions it addresses.
    pub addresses: Vec<String>,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Action {
    pub dimension: String,
    pub question: String,
    pub advice: String,
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
    /// Dimension id (`overall` for the overall score).
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

#[derive(Clone, Debug, Serialize)]
pub struct AppendixSection {
    pub title: String,
    pub questions: Vec<QA>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Charts {
    pub dimensions: String,
    pub comparison: Option<String>,
}

pub type Labels = std::collections::BTreeMap<&'static str, &'static str>;

/// The report's fixed words.
pub fn labels(lang: &str) -> Labels {
    let vi = lang == "vi";
    let pairs: [(&str, &str, &str); 32] = [
        (
            "title",
            "Báo cáo đánh giá mức độ sẵn sàng chuyển đổi số",
            "Digital transformation readiness report",
        ),
        ("enterprise", "Doanh nghiệp", "Enterprise"),
        ("assessed_on", "Ngày đánh giá", "Assessment date"),
        ("questionnaire", "Bộ câu hỏi", "Questionnaire"),
        ("profile", "Thông tin doanh nghiệp", "Enterprise profile"),
        ("overall", "Điểm tổng", "Overall score"),
        ("level", "Mức", "Level"),
        ("scores", "Điểm theo trụ cột", "Scores by pillar"),
        ("findings", "Nhận định chính", "Key findings"),
        (
            "dimension_details",
            "Kết quả từng trụ cột",
            "Results by pillar",
        ),
        ("score", "Điểm", "Score"),
        (
            "strengths",
            "Doanh nghiệp đã làm được",
            "What the enterprise already does",
        ),
        ("gaps", "Việc cần cải thiện", "What to improve"),
        ("not_applicable", "Không áp dụng", "Not applicable"),
        (
            "recommended",
            "Chương trình hỗ trợ phù hợp",
            "Recommended support programs",
        ),
        (
            "none_recommended",
            "Chưa có chương trình nào phù hợp vào ngày đánh giá.",
            "No program applies on the assessment date.",
        ),
        ("provider", "Đơn vị chủ trì", "Provider"),
        ("benefit", "Nội dung hỗ trợ", "Benefit"),
        ("reasons", "Vì sao phù hợp", "Why it applies"),
        ("how_to_apply", "Cách đăng ký", "How to apply"),
        ("contact", "Liên hệ", "Contact"),
        ("source", "Nguồn", "Source"),
        (
            "not_eligible",
            "Chương trình liên quan nhưng chưa đủ điều kiện",
            "Relevant programs the enterprise is not eligible for",
        ),
        ("why_not", "Lý do chưa đủ điều kiện", "Why not eligible"),
        ("actions", "Kế hoạch hành động", "Action plan"),
        (
            "comparison",
            "Tiến bộ so với lần đánh giá trước",
            "Progress since the earlier assessment",
        ),
        ("appendix", "Phụ lục: câu trả lời", "Appendix: answers"),
        ("answer", "Trả lời", "Answer"),
        ("status", "Tình trạng", "Status"),
        ("urgent", "Bắt buộc", "Required"),
        (
            "scale_disclaimer",
            label("vi", "scale_disclaimer"),
            label("en", "scale_disclaimer"),
        ),
        ("new", "mới", "new"),
    ];
    let mut m: Labels = pairs
        .iter()
        .map(|(k, v, e)| (*k, if vi { *v } else { *e }))
        .collect();
    m.insert("question", if vi { "Câu hỏi" } else { "Question" });
    m.insert("before", if vi { "Trước" } else { "Before" });
    m.insert("after", if vi { "Sau" } else { "After" });
    m.insert("change", if vi { "Thay đổi" } else { "Change" });
    m.insert(
        "potential",
        if vi {
            "Điểm tổng có thể tăng thêm"
        } else {
            "Overall points it can add"
        },
    );
    m.insert("dropped", if vi { "đã bỏ" } else { "dropped" });
    m.insert("valid", if vi { "Hiệu lực" } else { "Valid" });
    m.insert("notes", if vi { "Ghi chú" } else { "Notes" });
    m
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

/// Builds the view of an assessment (and, with `earlier`, the T0 → T1 comparison; the
/// earlier assessment may have been scored with another version of the questionnaire, given
/// with it).
pub fn build(
    q: &Questionnaire,
    catalog: &Catalog,
    a: &Assessment,
    earlier: Option<(&Questionnaire, &Assessment)>,
) -> ReportView {
    let lang = a.lang.as_str();
    let card = &a.card;
    let answers = a.answers();
    let na = label(lang, "not_applicable");
    let answer_text = |qi: usize| match (card.eval.visible[qi], answers.get(qi)) {
        (true, Some(v)) => Some(q.questions[qi].format_answer(v, lang)),
        _ => None,
    };
    let profile: Vec<QA> = (0..q.profile_len)
        .filter_map(|qi| {
            answer_text(qi).map(|answer| QA {
                id: q.questions[qi].id.clone(),
                question: q.questions[qi].text.get(lang).to_string(),
                answer,
            })
        })
        .collect();
    let facts: Vec<QA> = q
        .facts
        .iter()
        .enumerate()
        .filter_map(|(fi, f)| {
            card.eval.facts[fi].map(|c| QA {
                id: f.id.clone(),
                question: f.title(lang),
                answer: f.value_label(c, lang),
            })
        })
        .collect();
    let size_class = facts
        .iter()
        .find(|f| f.id == crate::questionnaire::SIZE_CLASS)
        .map(|f| f.answer.clone());

    let mut dimensions = Vec::new();
    let mut actions = Vec::new();
    let total_weight: f64 = q
        .dimensions
        .iter()
        .zip(&card.dimensions)
        .filter(|(_, s)| s.applicable)
        .map(|(d, _)| d.weight)
        .sum();
    let steps = crate::advice::steps(q, card);
    for (d, s) in q.dimensions.iter().zip(&card.dimensions) {
        let mut strengths = Vec::new();
        let mut gaps = Vec::new();
        let scored_weight: f64 = d
            .questions
            .clone()
            .filter(|&i| card.questions[i].ratio.is_some())
            .map(|i| q.questions[i].weight)
            .sum();
        for qi in d.questions.clone() {
            let question = &q.questions[qi];
            let Some(ratio) = card.questions[qi].ratio else {
                continue;
            };
            let answer = answer_text(qi);
            let full = ratio >= 1.0 - 1e-9;
            if full {
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
            if s.applicable && total_weight > 0.0 && scored_weight > 0.0 {
                let share = 100.0 * d.weight / total_weight * question.weight / scored_weight;
                for st in &steps[qi] {
                    let potential = share * st.gain;
                    actions.push((
                        st.urgent,
                        potential,
                        Action {
                            dimension: d.title.get(lang).to_string(),
                            question: question_text.clone(),
                            advice: st.text.get(lang).to_string(),
                            urgent: st.urgent,
                            potential,
                            potential_text: one_decimal(potential, lang),
                            potential_line: potential_line(potential, lang),
                        },
                    ));
                }
            }
            gaps.push(Gap {
                question: question_text,
                answer: answer.unwrap_or_else(|| label(lang, "not_asked").to_string()),
                advice,
            });
        }
        dimensions.push(DimensionView {
            id: d.id.clone(),
            title: d.title.get(lang).to_string(),
            description: d
                .description
                .as_ref()
                .map(|t| t.get(lang).to_string())
                .unwrap_or_default(),
            weight: d.weight,
            applicable: s.applicable,
            result: score_view(q, s.score, s.level, lang, na),
            strengths,
            gaps,
        });
    }
    // Legal obligations first, then the largest potential; ties in questionnaire order
    // (stable sort).
    actions.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
    let actions: Vec<Action> = actions.into_iter().map(|(_, _, a)| a).take(10).collect();

    let findings = findings(&dimensions, lang);
    let env = &card.eval;
    let program = |p: &Pick| {
        let prog = &catalog.programs[p.program];
        let texts = prog.texts(env, lang);
        ProgramView {
            id: prog.id.clone(),
            name: prog.name.get(lang).to_string(),
            one_line: texts.one_line(),
            status: prog.status.id(),
            status_note: prog.status_note(&texts, lang),
            priority: prog.priority,
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
            reasons: p.reasons.clone(),
        }
    };

    let mut appendix = vec![AppendixSection {
        title: labels(lang)["profile"].to_string(),
        questions: profile.clone(),
    }];
    for (di, d) in q.dimensions.iter().enumerate() {
        let questions: Vec<QA> = d
            .questions
            .clone()
            .filter_map(|qi| {
                answer_text(qi).map(|answer| QA {
                    id: q.questions[qi].id.clone(),
                    question: q.questions[qi].text.get(lang).to_string(),
                    answer,
                })
            })
            .collect();
        if card.dimensions[di].applicable {
            appendix.push(AppendixSection {
                title: d.title.get(lang).to_string(),
                questions,
            });
        }
    }

    let thresholds: Vec<Threshold> = q
        .levels
        .iter()
        .filter(|l| l.min > 0.0)
        .map(|l| Threshold {
            at: l.min,
            label: l.name.get(lang).to_string(),
        })
        .collect();
    let dim_chart = ChartSpec {
        kind: ChartKind::Bar,
        title: Some(labels(lang)["scores"].to_string()),
        max: Some(100.0),
        series: Vec::new(),
        thresholds: thresholds.clone(),
        rows: q
            .dimensions
            .iter()
            .zip(&card.dimensions)
            .map(|(d, s)| ChartRow {
                label: d.title.get(lang).to_string(),
                values: vec![s.score],
                note: (!s.applicable).then(|| na.to_string()),
                mean: None,
            })
            .collect(),
    };
    let comparison = earlier.map(|(eq, e)| comparison(q, a, eq, e, lang));
    let comparison_chart = comparison.as_ref().map(|c| {
        ChartSpec {
            kind: ChartKind::Paired,
            title: Some(labels(lang)["comparison"].to_string()),
            max: Some(100.0),
            series: vec![
                format!("T0 · {}", c.earlier_assessed_on),
                format!("T1 · {}", format_date(answers.assessed_on, lang)),
            ],
            thresholds,
            rows: c
                .dimensions
                .iter()
                .map(|d| ChartRow {
                    label: d.title.clone(),
                    values: vec![d.before, d.after],
                    note: None,
                    mean: None,
                })
                .collect(),
        }
        .to_block()
    });
    ReportView {
        lang: lang.to_string(),
        labels: labels(lang),
        tool: Tool {
            name: "dxready",
            version: env!("CARGO_PKG_VERSION"),
        },
        questionnaire: QuestionnaireInfo::of(q, lang),
        enterprise: Enterprise {
            name: a.enterprise(q),
            profile,
            size_class,
            facts,
        },
        assessed_on: format_date(answers.assessed_on, lang),
        overall: score_view(
            q,
            card.overall,
            card.overall_level,
            lang,
            label(lang, "undefined"),
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
        dimensions,
        findings,
        recommended: a.recs.recommended.iter().map(program).collect(),
        not_eligible: a.recs.not_eligible.iter().map(program).collect(),
        actions,
        comparison,
        appendix,
        charts: Charts {
            dimensions: dim_chart.to_block(),
            comparison: comparison_chart,
        },
        notes: answers.notes.clone(),
    }
}

fn findings(dims: &[DimensionView], lang: &str) -> Vec<String> {
    let vi = lang == "vi";
    let applicable: Vec<&DimensionView> = dims.iter().filter(|d| d.applicable).collect();
    let Some(best) = applicable.iter().max_by(|a, b| {
        a.result
            .score
            .unwrap_or(0.0)
            .total_cmp(&b.result.score.unwrap_or(0.0))
    }) else {
        return vec![if vi {
            "Không trụ cột nào áp dụng cho doanh nghiệp.".into()
        } else {
            "No pillar applies to the enterprise.".into()
        }];
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
    let line = |d: &DimensionView, strongest: bool| match (vi, strongest) {
        (true, true) => format!(
            "Trụ cột mạnh nhất là {} với {} điểm (mức {} – {}).",
            d.title,
            d.result.score_text,
            d.result.level_id.unwrap_or(0),
            d.result.level_name
        ),
        (true, false) => format!(
            "Trụ cột cần ưu tiên cải thiện là {} với {} điểm (mức {} – {}).",
            d.title,
            d.result.score_text,
            d.result.level_id.unwrap_or(0),
            d.result.level_name
        ),
        (false, true) => format!(
            "The strongest pillar is {} at {} (level {} – {}).",
            d.title,
            d.result.score_text,
            d.result.level_id.unwrap_or(0),
            d.result.level_name
        ),
        (false, false) => format!(
            "The pillar to improve first is {} at {} (level {} – {}).",
            d.title,
            d.result.score_text,
            d.result.level_id.unwrap_or(0),
            d.result.level_name
        ),
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
        out.push(if vi {
            format!("Không áp dụng: {}.", na.join(", "))
        } else {
            format!("Not applicable: {}.", na.join(", "))
        });
    }
    out
}

fn comparison(
    q: &Questionnaire,
    now: &Assessment,
    eq: &Questionnaire,
    before: &Assessment,
    lang: &str,
) -> Comparison {
    let na = label(lang, "not_applicable");
    let words = labels(lang);
    let delta = |id: &str, title: String, b: Option<f64>, a: Option<f64>, change: &'static str| {
        let delta_text = match (b, a) {
            (Some(b), Some(a)) => {
                let d = crate::text::round_half_away(a - b, 1);
                let body = one_decimal(d.abs(), lang);
                if d > 0.0 {
                    format!("+{body}")
                } else if d < 0.0 {
                    format!("−{body}")
                } else {
                    body
                }
            }
            _ => "—".into(),
        };
        let side = |x: Option<f64>, missing: &str| {
            x.map(|x| one_decimal(x, lang))
                .unwrap_or_else(|| missing.to_string())
        };
        let (before_missing, after_missing) = match change {
            "new" => (words["new"], na),
            "dropped" => (na, words["dropped"]),
            _ => (na, na),
        };
        Delta {
            id: id.to_string(),
            title,
            change,
            before: b,
            after: a,
            before_text: side(b, before_missing),
            after_text: side(a, after_missing),
            delta_text,
        }
    };
    // Dimensions are matched by id: the later version's in its order, then the dropped ones.
    let mut dimensions: Vec<Delta> = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let title = d.title.get(lang).to_string();
            let after = now.card.dimensions[i].score;
            match eq.dimension_index(&d.id) {
                Some(j) => delta(&d.id, title, before.card.dimensions[j].score, after, "same"),
                None => delta(&d.id, title, None, after, "new"),
            }
        })
        .collect();
    for (j, d) in eq.dimensions.iter().enumerate() {
        if q.dimension_index(&d.id).is_none() {
            dimensions.push(delta(
                &d.id,
                d.title.get(lang).to_string(),
                before.card.dimensions[j].score,
                None,
                "dropped",
            ));
        }
    }
    let version_note = (eq.version != q.version).then(|| {
        if lang == "vi" {
            format!(
                "Hai lần đánh giá dùng hai phiên bản bộ câu hỏi ({} và {}): các trụ cột được so theo mã; trụ cột mới hoặc đã bỏ không có điểm so sánh, và câu hỏi trong một trụ cột có thể đã thay đổi.",
                eq.version, q.version
            )
        } else {
            format!(
                "The two assessments used different questionnaire versions ({} and {}): pillars are matched by id; a new or dropped pillar has no score to compare, and the questions within a pillar may have changed.",
                eq.version, q.version
            )
        }
    });
    Comparison {
        earlier_assessed_on: format_date(before.answers().assessed_on, lang),
        earlier_version: eq.version.clone(),
        version_note,
        overall: delta(
            "overall",
            label(lang, "overall").to_string(),
            before.card.overall,
            now.card.overall,
            "same",
        ),
        dimensions,
    }
}

/// "tăng tối đa 2,9 điểm tổng" / "adds up to 2.9 overall points".
fn potential_line(potential: f64, lang: &str) -> String {
    let n = one_decimal(potential, lang);
    if lang == "vi" {
        format!("tăng tối đa {n} điểm tổng")
    } else {
        format!("adds up to {n} overall points")
    }
}

/// A strength as a statement. A Vietnamese yes/no question "Doanh nghiệp có … không?"
/// answered yes reads "Doanh nghiệp có …"; other questions read "question: answer", without
/// the question mark.
fn strength_line(question: &crate::questionnaire::Question, answer: &str, lang: &str) -> String {
    let text = question.text.get(lang).trim();
    if lang == "vi"
        && matches!(question.kind, crate::questionnaire::Kind::YesNo { .. })
        && let Some(statement) = text.strip_suffix("không?")
    {
        return statement.trim_end().to_string();
    }
    format!("{}: {answer}", text.trim_end_matches(['?', ':', ' ']))
}
