//! The interview engine driven by a scripted prompter: every question type, back with the
//! earlier answer pre-selected, gate changes that drop answers (and say so), help, invalid
//! replies, interruption, resume, the review of a complete file, and the end summary. Every
//! state the saver sees must parse back as a partial answers file.

use std::collections::VecDeque;
use std::path::PathBuf;

use dxready::answers::{AnswerValue, Answers, Completeness};
use dxready::interview::summary::{finish, summary};
use dxready::interview::{
    End, Interview, MultiOption, NumberSpec, Prompt, Prompter, Reply, ScaleSpec, choose_language,
};
use dxready::programs::Catalog;
use dxready::questionnaire::{self, Questionnaire};
use dxready::setup::{Setup, Sources};
use dxready::words::interview::{EN, VI};
use jiff::civil::Date;

/// One scripted reply.
#[derive(Clone, Debug)]
enum Step {
    /// single (option index), yesno (0 = yes, 1 = no), scale (index from min), menu.
    Pick(usize),
    Ticks(Vec<usize>),
    Number(f64),
    Text(&'static str),
    Date(&'static str),
    Skip,
    Back,
    Help,
    /// A multi-choice help request with the ticks so far.
    HelpTicks(Vec<usize>),
    Interrupt,
}

/// What a prompt looked like when it was asked.
#[derive(Clone, Debug)]
struct Seen {
    kind: &'static str,
    id: String,
    progress: String,
    help: bool,
    required: bool,
    /// The pre-selected answer, as `Debug` text (`None` when nothing was pre-selected).
    default: String,
    /// Extra description: option labels, number hint, scale entries.
    detail: String,
}

#[derive(Default)]
struct Scripted {
    steps: VecDeque<Step>,
    seen: Vec<Seen>,
    messages: Vec<String>,
    intros: Vec<String>,
    results: Vec<String>,
    menus: Vec<String>,
}

impl Scripted {
    fn new(steps: Vec<Step>) -> Self {
        Scripted {
            steps: steps.into(),
            ..Default::default()
        }
    }

    fn next(&mut self, kind: &'static str, p: &Prompt, default: String, detail: String) -> Step {
        self.seen.push(Seen {
            kind,
            id: p.id.to_string(),
            progress: p.progress.to_string(),
            help: p.help,
            required: p.required,
            default,
            detail,
        });
        self.steps.pop_front().unwrap_or(Step::Interrupt)
    }

    fn ids(&self) -> Vec<&str> {
        self.seen.iter().map(|s| s.id.as_str()).collect()
    }
}

fn common<T>(step: Step, kind: &str, id: &str) -> Reply<T> {
    match step {
        Step::Skip => Reply::Skip,
        Step::Back => Reply::Back,
        Step::Help => Reply::Help(None),
        Step::Interrupt => Reply::Interrupted,
        other => panic!("script gave {other:?} to the {kind} question `{id}`"),
    }
}

impl Prompter for Scripted {
    fn message(&mut self, text: &str) {
        self.messages.push(text.to_string());
    }

    fn intro(&mut self, title: &str, _description: Option<&str>) {
        self.intros.push(title.to_string());
    }

    fn result(&mut self, text: &str) {
        self.results.push(text.to_string());
    }

    fn menu(
        &mut self,
        _lang: &str,
        title: &str,
        options: &[String],
        default: usize,
    ) -> Reply<usize> {
        assert!(default < options.len());
        self.menus.push(title.to_string());
        match self.steps.pop_front().unwrap_or(Step::Interrupt) {
            Step::Pick(i) => Reply::Answer(i),
            other => common(other, "menu", title),
        }
    }

    fn single(&mut self, p: &Prompt, options: &[String], default: Option<usize>) -> Reply<usize> {
        match self.next("single", p, format!("{default:?}"), options.join("|")) {
            Step::Pick(i) => Reply::Answer(i),
            other => common(other, "single", p.id),
        }
    }

    fn multi(
        &mut self,
        p: &Prompt,
        options: &[MultiOption],
        default: &[usize],
    ) -> Reply<Vec<usize>> {
        let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
        match self.next("multi", p, format!("{default:?}"), labels.join("|")) {
            Step::Ticks(t) => Reply::Answer(t),
            Step::HelpTicks(t) => Reply::Help(Some(t)),
            other => common(other, "multi", p.id),
        }
    }

    fn yes_no(&mut self, p: &Prompt, default: Option<bool>) -> Reply<bool> {
        match self.next("yesno", p, format!("{default:?}"), String::new()) {
            Step::Pick(i) => Reply::Answer(i == 0),
            other => common(other, "yesno", p.id),
        }
    }

    fn scale(&mut self, p: &Prompt, scale: &ScaleSpec, default: Option<i64>) -> Reply<i64> {
        match self.next("scale", p, format!("{default:?}"), scale.entries.join("|")) {
            Step::Pick(i) => Reply::Answer(scale.min + i as i64),
            other => common(other, "scale", p.id),
        }
    }

    fn number(&mut self, p: &Prompt, spec: &NumberSpec, default: Option<f64>) -> Reply<f64> {
        let detail = format!("{} | {:?}", spec.hint(p.lang), spec.unit);
        match self.next("number", p, format!("{default:?}"), detail) {
            Step::Number(n) => Reply::Answer(n),
            other => common(other, "number", p.id),
        }
    }

    fn text(&mut self, p: &Prompt, max_chars: usize, default: Option<&str>) -> Reply<String> {
        match self.next("text", p, format!("{default:?}"), max_chars.to_string()) {
            Step::Text(t) => Reply::Answer(t.to_string()),
            other => common(other, "text", p.id),
        }
    }

    fn date(&mut self, p: &Prompt, default: Option<Date>) -> Reply<Date> {
        match self.next("date", p, format!("{default:?}"), String::new()) {
            Step::Date(d) => Reply::Answer(d.parse().expect("script date")),
            other => common(other, "date", p.id),
        }
    }
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mini")
        .join(name)
}

fn mini() -> Setup {
    Setup::load(&Sources {
        questionnaire: Some(fixture("mini.yaml")),
        programs: None,
    })
    .expect("mini loads")
}

fn today() -> Date {
    "2026-11-27".parse().unwrap()
}

/// Runs a new interview; returns the end, the prompter and every saved state (as YAML).
fn run_new(
    q: &Questionnaire,
    lang: &str,
    steps: Vec<Step>,
) -> (End, Scripted, Vec<String>, Answers) {
    run_from(q, Answers::empty(q, today(), None), lang, false, steps)
}

fn run_from(
    q: &Questionnaire,
    answers: Answers,
    lang: &str,
    resumed: bool,
    steps: Vec<Step>,
) -> (End, Scripted, Vec<String>, Answers) {
    let mut p = Scripted::new(steps);
    let mut saved: Vec<String> = Vec::new();
    let mut interview = Interview::new(q, answers, lang);
    let end = {
        let mut saver = |a: &Answers| -> Result<(), String> {
            saved.push(a.to_yaml(q));
            Ok(())
        };
        interview
            .conduct(&mut p, &mut saver, "test.answers.yaml", resumed)
            .expect("saving never fails here")
    };
    assert!(p.steps.is_empty(), "script not used up: {:?}", p.steps);
    (end, p, saved, interview.into_answers())
}

fn parse(q: &Questionnaire, text: &str, completeness: Completeness) -> Answers {
    match Answers::from_str(q, "saved.answers.yaml", text, completeness) {
        Ok((a, _)) => a,
        Err(e) => panic!(
            "saved file does not parse back: {}\n{text}",
            e.lines().join("\n")
        ),
    }
}

/// The answers of tests/fixtures/mini/new-firm.answers.yaml, as a script.
fn new_firm_script() -> Vec<Step> {
    vec![
        Step::Text("Công ty TNHH Thực phẩm An Phát"),
        Step::Date("2026-05-20"),
        Step::Number(12.0),
        Step::Pick(0), // manufacturing
        Step::Pick(0), // hai_duong_area
        Step::Pick(0), // sells online: yes
        Step::Ticks(vec![2, 0, 1]),
        Step::Number(20.0),
        Step::Pick(2), // has_certificate: none
        Step::Pick(2), // skills: 3
        Step::Pick(1), // barcodes: no
    ]
}

fn new_firm(q: &Questionnaire) -> Answers {
    let text = std::fs::read_to_string(fixture("new-firm.answers.yaml")).unwrap();
    parse(q, &text, Completeness::Complete)
}

#[test]
fn every_type_in_order_with_live_progress_and_a_save_after_each_answer() {
    let setup = mini();
    let q = &setup.questionnaire;
    let (end, p, saved, answers) = run_new(q, "vi", new_firm_script());
    assert_eq!(end, End::Finished);
    assert_eq!(answers.values, new_firm(q).values);
    assert_eq!(answers.language.as_deref(), Some("vi"));
    assert_eq!(answers.assessed_on, today());

    let kinds: Vec<&str> = p.seen.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            "text", "date", "number", "single", "single", "yesno", "multi", "number", "single",
            "scale", "yesno"
        ]
    );
    // The total follows the answers: the traceability dimension applies once the sector is
    // manufacturing, the channels question once the firm sells online.
    let progress: Vec<&str> = p.seen.iter().map(|s| s.progress.as_str()).collect();
    assert_eq!(progress[0], "Câu 1/9 · Thông tin doanh nghiệp");
    assert_eq!(progress[3], "Câu 4/9 · Thông tin doanh nghiệp");
    assert_eq!(progress[4], "Câu 5/10 · Thông tin doanh nghiệp");
    assert_eq!(progress[5], "Câu 6/10 · Bán hàng");
    assert_eq!(progress[6], "Câu 7/11 · Bán hàng");
    assert_eq!(progress[10], "Câu 11/11 · Truy xuất");
    assert_eq!(
        p.intros,
        [
            "Thông tin doanh nghiệp",
            "Bán hàng",
            "Chữ ký số",
            "Truy xuất"
        ]
    );
    assert!(
        p.messages[0].starts_with("Bộ câu hỏi nhỏ"),
        "welcome first: {:?}",
        p.messages
    );
    assert!(p.messages[0].contains("test.answers.yaml"));
    // Scale entries, number hints.
    assert_eq!(p.seen[9].detail, "1|2|3|4|5");
    assert!(
        p.seen[2].detail.contains("từ 0 đến 100 000"),
        "{}",
        p.seen[2].detail
    );

    // One save at the start and one per answer; each parses back, growing by one answer.
    assert_eq!(saved.len(), 12);
    for (k, text) in saved.iter().enumerate() {
        let a = parse(q, text, Completeness::Partial);
        assert_eq!(
            a.values.iter().filter(|v| v.is_some()).count(),
            k,
            "save {k}:\n{text}"
        );
    }
    parse(q, saved.last().unwrap(), Completeness::Complete);
}

#[test]
fn english_progress_and_words() {
    let setup = mini();
    let (end, p, _, _) = run_new(
        &setup.questionnaire,
        "en",
        vec![Step::Text("X"), Step::Interrupt],
    );
    assert_eq!(end, End::Interrupted);
    assert_eq!(p.seen[0].progress, "Question 1 of 9 · About the enterprise");
    assert_eq!(p.seen[1].progress, "Question 2 of 9 · About the enterprise");
    assert!(p.messages[0].starts_with("Mini questionnaire"));
}

#[test]
fn back_goes_to_the_previous_question_with_its_answer_preselected() {
    let setup = mini();
    let q = &setup.questionnaire;
    let steps = vec![
        Step::Back, // at the first question: nothing before it
        Step::Text("An Phát"),
        Step::Date("2026-05-20"),
        Step::Number(12.0),
        Step::Back, // from sector to employees
        Step::Back, // to founded_on
        Step::Date("2026-05-21"),
        Step::Number(15.0),
        Step::Pick(1),
        Step::Interrupt,
    ];
    let (end, p, _, answers) = run_new(q, "vi", steps);
    assert_eq!(end, End::Interrupted);
    assert_eq!(
        p.ids(),
        [
            "enterprise_name",
            "enterprise_name",
            "founded_on",
            "employees",
            "sector",
            "employees",
            "founded_on",
            "employees",
            "sector",
            "province"
        ]
    );
    assert!(p.messages.iter().any(|m| m == VI.first_question));
    assert_eq!(p.seen[5].default, "Some(12.0)");
    assert_eq!(p.seen[6].default, "Some(2026-05-20)");
    assert_eq!(
        p.seen[7].default, "Some(12.0)",
        "going forward again pre-selects too"
    );
    assert_eq!(p.seen[4].default, "None");
    assert_eq!(
        answers.values[1],
        Some(AnswerValue::Date("2026-05-21".parse().unwrap()))
    );
    assert_eq!(answers.values[2], Some(AnswerValue::Number(15.0)));
    assert_eq!(answers.values[3], Some(AnswerValue::Choice(1)));
    // Back into a section does not repeat its introduction; going forward into a new one does.
    assert_eq!(p.intros, ["Thông tin doanh nghiệp"]);
}

#[test]
fn a_changed_gate_drops_the_answers_it_hides_and_says_which() {
    let setup = mini();
    let q = &setup.questionnaire;
    let mut steps = new_firm_script();
    steps.truncate(8); // through online_share
    steps.extend([
        Step::Back,    // to online_share
        Step::Back,    // to channels
        Step::Back,    // to sells_online
        Step::Pick(1), // no: channels no longer asked
        Step::Number(20.0),
        Step::Interrupt,
    ]);
    let (end, p, saved, answers) = run_new(q, "vi", steps);
    assert_eq!(end, End::Interrupted);
    let channels = q.question_index("channels").unwrap();
    assert_eq!(answers.values[channels], None);
    let notice = p
        .messages
        .iter()
        .find(|m| m.contains("không còn áp dụng"))
        .expect("a notice");
    assert!(notice.contains("«Kênh bán hàng»"), "{notice}");
    assert!(
        !notice.contains("Tỷ lệ"),
        "only the hidden answer is named: {notice}"
    );
    // Back on channels pre-selected the ticks.
    let back_on_channels = p.seen.iter().filter(|s| s.id == "channels").nth(1).unwrap();
    assert_eq!(back_on_channels.default, "[0, 1, 2]");
    // After the change the total is one less.
    let after = p
        .seen
        .iter()
        .rev()
        .find(|s| s.id == "online_share")
        .unwrap();
    assert_eq!(after.progress, "Câu 7/10 · Bán hàng");
    assert_eq!(after.default, "Some(20.0)");
    // The saved file never keeps the dropped answer once the gate changed.
    let last = parse(q, saved.last().unwrap(), Completeness::Partial);
    assert_eq!(last.values[channels], None);
}

#[test]
fn a_dimension_gate_change_in_review_drops_the_whole_dimension() {
    let setup = mini();
    let q = &setup.questionnaire;
    let steps = vec![
        Step::Pick(1), // review from the start
        Step::Text("Công ty TNHH Thực phẩm An Phát"),
        Step::Date("2026-05-20"),
        Step::Number(12.0),
        Step::Pick(1), // services: traceability no longer applies
        Step::Pick(0),
        Step::Pick(0),
        Step::Ticks(vec![0, 1, 2]),
        Step::Number(20.0),
        Step::Pick(2),
        Step::Pick(2),
    ];
    let (end, p, _, answers) = run_from(q, new_firm(q), "vi", true, steps);
    assert_eq!(end, End::Finished);
    assert_eq!(p.menus.len(), 1, "a complete file offers a review");
    assert!(p.menus[0].contains("test.answers.yaml"));
    // Every question in review is pre-selected with the file's answer.
    assert_eq!(
        p.seen[0].default,
        "Some(\"Công ty TNHH Thực phẩm An Phát\")"
    );
    assert_eq!(p.seen[3].default, "Some(0)");
    assert_eq!(p.seen[9].default, "Some(3)");
    let barcodes = q.question_index("barcodes").unwrap();
    assert_eq!(answers.values[barcodes], None);
    assert!(
        p.messages.iter().any(|m| m.contains("«Có mã vạch không?»")),
        "{:?}",
        p.messages
    );
    assert!(!p.ids().contains(&"barcodes"));
    assert!(!p.intros.contains(&"Truy xuất".to_string()));
}

#[test]
fn resuming_a_complete_file_can_go_straight_to_the_result() {
    let setup = mini();
    let q = &setup.questionnaire;
    let (end, p, saved, answers) = run_from(q, new_firm(q), "vi", true, vec![Step::Pick(0)]);
    assert_eq!(end, End::Finished);
    assert!(p.seen.is_empty());
    assert!(saved.is_empty(), "nothing changed, nothing written");
    assert_eq!(answers.values, new_firm(q).values);
}

#[test]
fn resume_continues_at_the_first_unanswered_question() {
    let setup = mini();
    let q = &setup.questionnaire;
    // Stop after five answers, as a saved file.
    let mut steps = new_firm_script();
    steps.truncate(5);
    steps.push(Step::Interrupt);
    let (end, _, saved, _) = run_new(q, "vi", steps);
    assert_eq!(end, End::Interrupted);
    let partial = parse(q, saved.last().unwrap(), Completeness::Partial);
    let interview = Interview::new(q, partial.clone(), "vi");
    assert_eq!(interview.resume_point(), q.question_index("sells_online"));

    let rest: Vec<Step> = new_firm_script().into_iter().skip(5).collect();
    let (end, p, saved, answers) = run_from(q, partial, "vi", true, rest);
    assert_eq!(end, End::Finished);
    assert_eq!(p.seen[0].id, "sells_online");
    assert_eq!(p.seen[0].progress, "Câu 6/10 · Bán hàng");
    assert!(
        p.messages[0].contains("5"),
        "says how many are answered: {}",
        p.messages[0]
    );
    assert_eq!(p.intros, ["Bán hàng", "Chữ ký số", "Truy xuất"]);
    assert_eq!(answers.values, new_firm(q).values);
    assert_eq!(saved.len(), 6);
    // Back from the resume point reaches the answers given before the interruption.
    let partial = parse(q, &saved[1], Completeness::Partial);
    let (_, p, _, _) = run_from(q, partial, "vi", true, vec![Step::Back, Step::Interrupt]);
    assert_eq!(p.ids(), ["online_share", "channels"]);
    assert_eq!(p.seen[1].default, "[0, 1, 2]");
}

#[test]
fn interrupting_keeps_everything_answered_so_far() {
    let setup = mini();
    let q = &setup.questionnaire;
    let mut steps = new_firm_script();
    steps.truncate(3);
    steps.push(Step::Interrupt);
    let (end, p, saved, answers) = run_new(q, "vi", steps);
    assert_eq!(end, End::Interrupted);
    assert_eq!(p.seen.last().unwrap().id, "sector");
    assert_eq!(answers.values.iter().filter(|v| v.is_some()).count(), 3);
    let last = parse(q, saved.last().unwrap(), Completeness::Partial);
    assert_eq!(last.values, answers.values);
}

/// A questionnaire with what mini lacks: help, optional questions, units, scale labels, a
/// non-exclusive multi.
const KINDS: &str = r#"
format: 1
id: kinds
version: "1"
languages: [vi, en]
title: "Kinds"
levels:
  - { id: 0, min: 0, name: "Zero" }
profile:
  - id: enterprise_name
    type: text
    text: { vi: "Tên", en: "Name" }
    help: { vi: "Tên đầy đủ", en: "The full name" }
  - id: tax_code
    type: text
    required: false
    text: "Tax code"
  - id: revenue
    type: number
    min: 0
    unit: { vi: "tỷ đồng", en: "billion VND" }
    required: false
    text: "Revenue"
  - id: kind
    type: single
    required: false
    text: "Kind"
    options:
      - { id: a, label: "A" }
      - { id: b, label: "B" }
dimensions:
  - id: d
    title: "D"
    description: { vi: "Mô tả D", en: "About D" }
    questions:
      - id: tools
        type: multi
        text: "Tools"
        help: "Tick what you use"
        options:
          - { id: x, label: "X", score: 1 }
          - { id: y, label: "Y", score: 1 }
      - id: channels
        type: multi
        text: "Channels"
        options:
          - { id: web, label: "Web", score: 1 }
          - { id: shop, label: "Shop", score: 1 }
          - { id: none, label: "None of these", score: 0, exclusive: true }
      - id: level
        type: scale
        min: 0
        max: 2
        labels: [{ vi: "Thấp", en: "Low" }, "Mid", "High"]
        text: "Level"
"#;

/// Text with every run of white space made one space (the summary wraps long lines).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn kinds() -> Questionnaire {
    questionnaire::from_str("kinds.yaml", KINDS)
        .expect("kinds loads")
        .0
}

#[test]
fn help_optional_questions_units_labels_and_refused_replies() {
    let q = kinds();
    let steps = vec![
        Step::Help,
        Step::Text("  An Phát  "),
        Step::Skip,         // tax code (optional)
        Step::Number(-1.0), // below the minimum: refused
        Step::Skip,         // revenue (optional)
        Step::Skip,         // kind (optional single)
        Step::HelpTicks(vec![1]),
        Step::Ticks(vec![]), // none of these, allowed without an exclusive option
        Step::Ticks(vec![0, 2]), // refused: exclusive with another
        Step::Ticks(vec![]), // refused: there is an exclusive option to say "none"
        Step::Ticks(vec![2]),
        Step::Pick(7), // refused: not on the scale
        Step::Pick(1),
    ];
    let (end, p, saved, answers) = run_new(&q, "vi", steps);
    assert_eq!(end, End::Finished);
    // Help: shown once, then the question is asked again without the help offer.
    assert!(p.seen[0].help && !p.seen[1].help);
    assert!(
        p.messages.iter().any(|m| m == "Giải thích: Tên đầy đủ"),
        "{:?}",
        p.messages
    );
    assert_eq!(answers.values[0], Some(AnswerValue::Text("An Phát".into())));
    // Optional questions are offered as skippable and stay unanswered.
    assert!(!p.seen[2].required && p.seen[1].required);
    assert_eq!(answers.values[1], None);
    assert_eq!(answers.values[2], None);
    assert_eq!(answers.values[3], None);
    assert!(
        p.seen[3].detail.ends_with(r#"| Some("tỷ đồng")"#),
        "{}",
        p.seen[3].detail
    );
    assert!(
        p.messages
            .iter()
            .any(|m| m.contains("Giá trị phải từ 0 trở lên")),
        "{:?}",
        p.messages
    );
    // Multi help keeps the ticks made so far.
    let tools: Vec<&Seen> = p.seen.iter().filter(|s| s.id == "tools").collect();
    assert_eq!(tools[1].default, "[1]");
    assert_eq!(answers.values[4], Some(AnswerValue::Choices(vec![])));
    assert!(
        p.messages
            .iter()
            .any(|m| m.contains("«None of these» không chọn cùng")),
        "{:?}",
        p.messages
    );
    assert!(
        p.messages.iter().any(|m| m.contains("ít nhất một mục")),
        "{:?}",
        p.messages
    );
    assert_eq!(answers.values[5], Some(AnswerValue::Choices(vec![2])));
    assert!(p.messages.iter().any(|m| m == VI.err_choice));
    assert_eq!(answers.values[6], Some(AnswerValue::Int(1)));
    let scale = p.seen.iter().find(|s| s.id == "level").unwrap();
    assert_eq!(scale.detail, "0 – Thấp|1 – Mid|2 – High");
    assert_eq!(p.intros, ["Thông tin doanh nghiệp", "D"]);
    for text in &saved {
        parse(&q, text, Completeness::Partial);
    }
    parse(&q, saved.last().unwrap(), Completeness::Complete);
    // Skipped optional questions before the last answer are not asked again on resume.
    let interview = Interview::new(&q, answers, "vi");
    assert_eq!(interview.resume_point(), None);
}

#[test]
fn resume_after_a_skipped_optional_question_does_not_ask_it_again() {
    let q = kinds();
    let (_, _, saved, _) = run_new(
        &q,
        "en",
        vec![
            Step::Text("A"),
            Step::Skip,
            Step::Number(2.5),
            Step::Interrupt,
        ],
    );
    let partial = parse(&q, saved.last().unwrap(), Completeness::Partial);
    let interview = Interview::new(&q, partial, "en");
    assert_eq!(interview.resume_point(), q.question_index("kind"));
}

#[test]
fn the_language_is_asked_with_the_first_preselected() {
    let setup = mini();
    let q = &setup.questionnaire;
    let mut p = Scripted::new(vec![Step::Back, Step::Pick(1)]);
    assert_eq!(choose_language(&mut p, q).as_deref(), Some("en"));
    assert_eq!(p.menus, [VI.language_prompt, EN.language_prompt]);
    let mut p = Scripted::new(vec![Step::Interrupt]);
    assert_eq!(choose_language(&mut p, q), None);
}

#[test]
fn the_end_summary_shows_scores_levels_and_every_program() {
    let setup = mini();
    let q = &setup.questionnaire;
    let catalog: &Catalog = &setup.catalog;
    let answers = new_firm(q);
    let mut p = Scripted::new(vec![Step::Pick(0)]);
    assert!(finish(
        &mut p,
        q,
        catalog,
        &answers,
        "vi",
        "firm.answers.yaml"
    ));
    let text = &p.results[0];
    let a =
        dxready::assessment::Assessment::new(q, catalog, &answers, "f".into(), None, Some("vi"));
    let overall = dxready::text::one_decimal(a.card.overall.unwrap(), "vi");
    assert!(
        text.starts_with("Kết quả đánh giá · Công ty TNHH Thực phẩm An Phát"),
        "{text}"
    );
    let overall_line = text
        .lines()
        .find(|l| l.starts_with("Điểm tổng"))
        .expect("an overall line");
    assert!(
        overall_line.contains(&format!("{overall}/100")),
        "{overall_line}"
    );
    assert!(
        overall_line.contains(q.levels[a.card.overall_level.unwrap()].name.get("vi")),
        "{overall_line}"
    );
    for (d, s) in q.dimensions.iter().zip(&a.card.dimensions) {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(d.title.get("vi")))
            .expect("a line per dimension");
        assert!(
            line.contains(&dxready::text::one_decimal(s.score.unwrap(), "vi")),
            "{line}"
        );
        assert!(
            line.contains(q.levels[s.level.unwrap()].name.get("vi")),
            "{line}"
        );
    }
    assert!(text.contains("Quy mô: Nhỏ"), "{text}");
    assert!(!a.recs.recommended.is_empty());
    // Every recommended program, with its name and one line (the reasons are in the report).
    for pick in &a.recs.recommended {
        let prog = &catalog.programs[pick.program];
        assert!(flat(text).contains(&flat(prog.name.get("vi"))), "{text}");
        let line = prog.texts(&a.card.eval, "vi").one_line().unwrap();
        assert!(flat(text).contains(&flat(&line)), "{line} missing:\n{text}");
    }
    assert!(!text.contains("chương trình khác"), "{text}");
    assert_eq!(
        flat(text)
            .matches("không phải kết quả đánh giá DBI chính thức")
            .count(),
        1,
        "{text}"
    );
    assert!(p.messages.iter().any(|m| m.contains("firm.answers.yaml")));
    assert_eq!(p.menus, [VI.offer_report]);
    // Declining the report.
    let mut p = Scripted::new(vec![Step::Pick(1)]);
    assert!(!finish(
        &mut p,
        q,
        catalog,
        &answers,
        "en",
        "firm.answers.yaml"
    ));
    assert!(p.results[0].starts_with("Assessment result"));
    // No programs at all: said plainly.
    let none = summary(
        q,
        &Catalog {
            questionnaire: q.id.clone(),
            programs: Vec::new(),
        },
        &answers,
        "en",
        "f",
    );
    assert!(none.contains(EN.no_programs));
}

/// The web's way in: a page of form fields applied at once with the same rules.
#[test]
fn a_page_of_form_fields_follows_the_same_rules_as_the_prompts() {
    use dxready::interview::{apply_page, set_answer};
    let setup = mini();
    let q = &setup.questionnaire;
    let sales: Vec<usize> = q.dimensions[0].questions.clone().collect();
    let idx = |id: &str| q.question_index(id).unwrap();
    let mut a = Answers::empty(q, today(), Some("vi".into()));
    let form = |pairs: &'static [(&'static str, &'static str)]| {
        move |qi: usize| -> Vec<&'static str> {
            let id = q.questions[qi].id.clone();
            pairs
                .iter()
                .filter(|(k, _)| *k == id)
                .map(|(_, v)| *v)
                .collect()
        }
    };
    // The gate answered on the same page opens the gated question at once: it is required.
    let f = form(&[("sells_online", "yes"), ("online_share", "abc")]);
    let errors = apply_page(q, &mut a, &sales, &f, "vi").unwrap_err();
    let messages: Vec<(usize, &str)> = errors
        .iter()
        .map(|e| (e.question, e.message.as_str()))
        .collect();
    assert_eq!(
        messages[0].0,
        idx("channels"),
        "the gated question is asked at once"
    );
    assert!(messages[0].1.starts_with("Hãy đánh dấu"), "{messages:?}");
    assert_eq!(messages[1].0, idx("online_share"));
    assert!(messages[1].1.starts_with("Chưa phải là số"), "{messages:?}");
    assert!(
        a.values.iter().all(Option::is_none),
        "nothing applied on error"
    );
    // Valid: applied, with the multi-choice answer sorted and the number read in Vietnamese.
    let f = form(&[
        ("sells_online", "yes"),
        ("channels", "social"),
        ("channels", "website"),
        ("online_share", "12,5"),
    ]);
    assert_eq!(apply_page(q, &mut a, &sales, &f, "vi"), Ok(vec![]));
    assert_eq!(
        a.values[idx("channels")],
        Some(AnswerValue::Choices(vec![0, 2]))
    );
    assert_eq!(
        a.values[idx("online_share")],
        Some(AnswerValue::Number(12.5))
    );
    // An exclusive option combined: the message `assess` gives.
    let f = form(&[
        ("sells_online", "yes"),
        ("channels", "none"),
        ("channels", "website"),
        ("online_share", "1"),
    ]);
    let errors = apply_page(q, &mut a, &sales, &f, "en").unwrap_err();
    assert!(
        errors[0].message.contains("cannot be combined"),
        "{errors:?}"
    );
    // "No" hides the channels: what was ticked is ignored and the saved answer dropped.
    let f = form(&[
        ("sells_online", "no"),
        ("channels", "website"),
        ("online_share", "1"),
    ]);
    assert_eq!(
        apply_page(q, &mut a, &sales, &f, "vi"),
        Ok(vec![idx("channels")])
    );
    assert_eq!(a.values[idx("channels")], None);
    // The prompt's rule is the same function: a profile change dropping a dimension.
    a.values[idx("sector")] = Some(AnswerValue::Choice(0));
    a.values[idx("barcodes")] = Some(AnswerValue::Bool(true));
    assert_eq!(
        set_answer(q, &mut a, idx("sector"), Some(AnswerValue::Choice(1))),
        vec![idx("barcodes")]
    );
}
