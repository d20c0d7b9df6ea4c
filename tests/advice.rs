//! A next step for every gap (formats.md §2 "Advice"): where advice comes from for each
//! question type, conditional advice, urgent advice first in the action plan, conditional
//! program texts, and `validate` warning wherever a gap could stay silent.

use assert_cmd::Command;
use dxready::advice::steps;
use dxready::answers::{Answers, Completeness};
use dxready::assessment::Assessment;
use dxready::programs::Catalog;
use dxready::questionnaire::{self, Questionnaire};
use dxready::report::view;
use dxready::scoring::score;

const Q: &str = r#"
format: 1
id: adv
version: "1"
languages: [vi, en]
title: { vi: "Lời khuyên", en: "Advice" }
levels:
  - { id: 0, min: 0, name: { vi: "Thấp", en: "Low" } }
profile:
  - id: province
    type: single
    text: { vi: "Tỉnh", en: "Province" }
    options:
      - { id: north, label: { vi: "Bắc", en: "North" } }
      - { id: south, label: { vi: "Nam", en: "South" } }
dimensions:
  - id: main
    title: { vi: "Chính", en: "Main" }
    questions:
      - id: cert
        type: single
        weight: 0.5
        text: { vi: "Chữ ký số?", en: "Signature?" }
        advice: { vi: "Hỏi nhà cung cấp.", en: "Ask a provider." }
        options:
          - { id: valid, label: { vi: "Còn hạn", en: "Valid" }, score: 2 }
          - { id: expired, label: { vi: "Hết hạn", en: "Expired" }, score: 1 }
          - id: none
            label: { vi: "Chưa có", en: "None" }
            advice:
              - when: { question: province, is: north }
                text: { vi: "Đăng ký ở Sở phía Bắc.", en: "Register in the north." }
                urgent: true
              - text: { vi: "Đăng ký chữ ký số.", en: "Get a signature." }
                urgent: true
      - id: tools
        type: multi
        max_points: 3
        text: { vi: "Công cụ?", en: "Tools?" }
        options:
          - { id: a, label: "A", score: 1, advice: "Dùng A." }
          - { id: b, label: "B", score: 3, advice: "Dùng B." }
          - { id: c, label: "C", score: 2, advice: "Dùng C." }
          - { id: d, label: "D", score: 2, advice: "Dùng D." }
          - { id: none, label: "Không", exclusive: true, advice: "Bắt đầu từ một công cụ." }
      - id: online
        type: yesno
        text: { vi: "Có bán trực tuyến không?", en: "Sells online?" }
        advice: "Mở gian hàng."
      - id: channels
        type: single
        show_if: { question: online, is: "yes" }
        text: { vi: "Kênh?", en: "Channel?" }
        advice: "Thêm kênh."
        options:
          - { id: many, label: "Nhiều", score: 1 }
          - { id: one, label: "Một", advice: "Thêm một kênh nữa." }
      - id: skills
        type: scale
        min: 1
        max: 3
        advice: "Đào tạo."
        labels:
          - { label: "Thấp", advice: "Học cơ bản." }
          - "Vừa"
          - "Cao"
        text: { vi: "Kỹ năng", en: "Skills" }
      - id: share
        type: number
        min: 0
        max: 100
        advice: "Bán thêm trực tuyến."
        bands:
          - { min: 10, score: 1, advice: "Vượt 50%." }
          - { min: 50, score: 2 }
        text: { vi: "Tỷ lệ", en: "Share" }
"#;

const CATALOG: &str = r#"
format: 1
questionnaire: adv
programs:
  - id: national
    name: "Quốc gia"
    provider:
      - { when: { question: province, is: north }, text: "Bộ (phía Bắc)" }
    benefit: "Hỗ trợ. Chi tiết."
    contact:
      - { when: { question: province, is: north }, text: "Sở phía Bắc" }
      - { text: "Sở nơi đặt trụ sở" }
    source: "Quyết định"
    status: draft
    priority: 5
  - id: local
    name: "Địa phương"
    provider: "UBND"
    benefit: "Hỗ trợ nhỏ."
    source: "Hội nghị"
    valid_from: 2021-01-16
    status: announced
"#;

fn setup() -> (Questionnaire, Catalog) {
    let (q, w) = questionnaire::from_str("adv.yaml", Q).unwrap();
    assert_eq!(
        w.warnings().count(),
        0,
        "{:?}",
        w.warnings().collect::<Vec<_>>()
    );
    let (c, _) = Catalog::from_str(&q, "adv.programs.yaml", CATALOG).unwrap();
    (q, c)
}

fn answers(q: &Questionnaire, body: &str) -> Answers {
    let text = format!(
        "format: 1\nquestionnaire: {{ id: adv, version: \"1\" }}\nassessed_on: 2026-11-27\nanswers:\n{body}"
    );
    Answers::from_str(q, "t.answers.yaml", &text, Completeness::Complete)
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

/// The advice texts per question id, in `lang`.
fn advice(q: &Questionnaire, a: &Answers) -> Vec<(String, Vec<String>)> {
    let card = score(q, a);
    steps(q, &card)
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(i, s)| {
            (
                q.questions[i].id.clone(),
                s.iter().map(|x| x.text.get("vi").to_string()).collect(),
            )
        })
        .collect()
}

fn of<'a>(list: &'a [(String, Vec<String>)], id: &str) -> Option<&'a [String]> {
    list.iter()
        .find(|(q, _)| q == id)
        .map(|(_, a)| a.as_slice())
}

#[test]
fn every_type_gives_a_next_step_where_there_is_a_gap() {
    let (q, _) = setup();
    let a = answers(
        &q,
        "  province: south\n  cert: expired\n  tools: [a]\n  online: \"no\"\n  skills: 1\n  share: 5\n",
    );
    let adv = advice(&q, &a);
    // single: the option has none, the question's own advice.
    assert_eq!(of(&adv, "cert").unwrap(), ["Hỏi nhà cung cấp."]);
    // multi: the unticked options with points, highest score first, at most 3 (D ties C:
    // option order).
    assert_eq!(
        of(&adv, "tools").unwrap(),
        ["Dùng B.", "Dùng C.", "Dùng D."]
    );
    // yesno: the question's advice; the hidden follow-up stays silent (its gate spoke).
    assert_eq!(of(&adv, "online").unwrap(), ["Mở gian hàng."]);
    assert_eq!(of(&adv, "channels"), None);
    // scale: the label's advice; number below the first band: the question's.
    assert_eq!(of(&adv, "skills").unwrap(), ["Học cơ bản."]);
    assert_eq!(of(&adv, "share").unwrap(), ["Bán thêm trực tuyến."]);

    let a = answers(
        &q,
        "  province: north\n  cert: none\n  tools: [none]\n  online: \"yes\"\n  channels: one\n  skills: 2\n  share: 20\n",
    );
    let adv = advice(&q, &a);
    // Conditional advice: the first case that holds.
    assert_eq!(of(&adv, "cert").unwrap(), ["Đăng ký ở Sở phía Bắc."]);
    // A ticked 0-point option speaks first, then the unticked ones.
    assert_eq!(
        of(&adv, "tools").unwrap(),
        ["Bắt đầu từ một công cụ.", "Dùng B.", "Dùng C.", "Dùng D."]
    );
    assert_eq!(of(&adv, "channels").unwrap(), ["Thêm một kênh nữa."]);
    // A label without advice falls back to the question's; a band's advice.
    assert_eq!(of(&adv, "skills").unwrap(), ["Đào tạo."]);
    assert_eq!(of(&adv, "share").unwrap(), ["Vượt 50%."]);
    // Full points: no advice at all.
    let a = answers(
        &q,
        "  province: north\n  cert: valid\n  tools: [b]\n  online: \"yes\"\n  channels: many\n  skills: 3\n  share: 60\n",
    );
    assert!(advice(&q, &a).is_empty());
}

#[test]
fn a_hidden_question_speaks_when_its_gate_has_nothing_to_say() {
    let text = Q.replace("        advice: \"Mở gian hàng.\"\n", "");
    let (q, w) = questionnaire::from_str("adv.yaml", &text).unwrap();
    // The yes/no question now has no advice: validate says so.
    assert!(
        w.warnings().any(|d| d.to_string().contains("(online)")),
        "{:?}",
        w.warnings().collect::<Vec<_>>()
    );
    let a = answers(
        &q,
        "  province: south\n  cert: valid\n  tools: [b]\n  online: \"no\"\n  skills: 3\n  share: 60\n",
    );
    let adv = advice(&q, &a);
    assert_eq!(of(&adv, "online"), None);
    assert_eq!(of(&adv, "channels").unwrap(), ["Thêm kênh."]);
}

#[test]
fn urgent_advice_leads_the_action_plan_and_programs_resolve_their_texts() {
    let (q, c) = setup();
    let a = answers(
        &q,
        "  province: north\n  cert: none\n  tools: []\n  online: \"no\"\n  skills: 1\n  share: 0\n",
    );
    let s = Assessment::new(&q, &c, &a, "t".into(), None, Some("vi"));
    let v = view::build(&q, &c, &s, &view::Extras::default());
    assert!(v.actions[0].urgent);
    assert_eq!(v.actions[0].advice, "Đăng ký ở Sở phía Bắc.");
    // The certificate's step is worth less than some others, but it is a legal obligation.
    assert!(
        v.actions[1..]
            .iter()
            .any(|x| x.potential > v.actions[0].potential)
    );
    assert!(v.actions[1..].iter().all(|x| !x.urgent));
    // Priority first: the draft national program (priority 5) before the local one.
    assert_eq!(
        v.recommended
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>(),
        ["national", "local"]
    );
    let national = &v.recommended[0];
    assert_eq!(national.provider.as_deref(), Some("Bộ (phía Bắc)"));
    assert_eq!(national.contact.as_deref(), Some("Sở phía Bắc"));
    assert_eq!(national.one_line.as_deref(), Some("Hỗ trợ"));
    assert_eq!(national.status, "draft");
    assert!(
        national
            .status_note
            .as_deref()
            .unwrap()
            .starts_with("Dự thảo")
    );
    assert_eq!(
        v.recommended[1].status_note.as_deref(),
        Some("Đã công bố năm 2021 — cần xác nhận với UBND")
    );
    // In the south no provider case holds: the key is left out; the contact falls through.
    let a = answers(
        &q,
        "  province: south\n  cert: none\n  tools: []\n  online: \"no\"\n  skills: 1\n  share: 0\n",
    );
    let s = Assessment::new(&q, &c, &a, "t".into(), None, Some("vi"));
    let v = view::build(&q, &c, &s, &view::Extras::default());
    assert_eq!(v.recommended[0].provider, None);
    assert_eq!(
        v.recommended[0].contact.as_deref(),
        Some("Sở nơi đặt trụ sở")
    );
    assert_eq!(v.actions[0].advice, "Đăng ký chữ ký số.");
    let json = serde_json::to_value(&v).unwrap();
    assert!(json["recommended"][0]["provider"].is_null());
}

#[test]
fn validate_warns_wherever_a_gap_can_occur_without_advice() {
    let dir = tempfile::tempdir().unwrap();
    let silent = Q
        .replace(
            "        advice: { vi: \"Hỏi nhà cung cấp.\", en: \"Ask a provider.\" }\n",
            "",
        )
        .replace(", advice: \"Dùng B.\"", "")
        .replace(", advice: \"Dùng C.\"", "")
        .replace(", advice: \"Dùng D.\"", "")
        .replace(", advice: \"Vượt 50%.\"", "")
        .replace("        advice: \"Mở gian hàng.\"\n", "")
        .replace("        advice: \"Đào tạo.\"\n", "")
        .replace("        advice: \"Bán thêm trực tuyến.\"\n", "")
        .replace("        advice: \"Thêm kênh.\"\n", "");
    let file = dir.path().join("silent.yaml");
    std::fs::write(&file, silent).unwrap();
    let o = Command::cargo_bin("dxready")
        .unwrap()
        .args(["validate", "--strict"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for needle in [
        "(cert): option `expired` scores 1 of 2",
        "(tools): an answer can miss points while the options left unticked (b, c, d) have no `advice`",
        "(online): a yes/no answer can score below the maximum",
        "(skills): the values 2 score below the maximum",
        "(share): values below the first band (10) score 0",
        "(share): band from 10 scores 1 of 2",
        "(channels): when `show_if` hides this question it scores 0",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in\n{err}");
    }
    // The option `valid` has full points and needs no advice.
    assert!(!err.contains("option `valid`"), "{err}");
}
