//! A fact with several cases per value (formats.md §2): its value is the `value` id whichever
//! case produced it, in conditions, reasons, JSON `facts` and the cohort breakdown by size.

use assert_cmd::Command;
use dxready::answers::{Answers, Completeness};
use dxready::assessment::Assessment;
use dxready::programs::Catalog;
use dxready::questionnaire::{self, Questionnaire};
use tempfile::TempDir;

/// Two sector groups, each with its own `micro` and `small` case (as Decree 80 does).
const Q: &str = r#"
format: 1
id: groups
version: "1"
languages: [vi, en]
title: { vi: "Nhóm", en: "Groups" }
levels:
  - { id: 0, min: 0, name: { vi: "Thấp", en: "Low" } }
  - { id: 1, min: 50, name: { vi: "Cao", en: "High" } }
profile:
  - id: enterprise_name
    type: text
    text: { vi: "Tên", en: "Name" }
  - id: sector
    type: single
    text: { vi: "Ngành", en: "Sector" }
    options:
      - { id: industry, label: { vi: "Công nghiệp", en: "Industry" } }
      - { id: trade, label: { vi: "Thương mại", en: "Trade" } }
  - id: employees
    type: number
    integer: true
    min: 0
    text: { vi: "Số lao động", en: "Employees" }
facts:
  size_class:
    - value: micro
      label: { vi: "Siêu nhỏ", en: "Micro" }
      when: { all: [{ question: sector, is: industry }, { question: employees, at_most: 10 }] }
    - value: micro
      when: { all: [{ question: sector, is: trade }, { question: employees, at_most: 5 }] }
    - value: small
      label: { vi: "Nhỏ", en: "Small" }
      when: { all: [{ question: sector, is: industry }, { question: employees, at_most: 100 }] }
    - value: small
      when: { all: [{ question: sector, is: trade }, { question: employees, at_most: 50 }] }
    - { value: large, label: { vi: "Lớn", en: "Large" } }
dimensions:
  - id: basics
    title: { vi: "Cơ bản", en: "Basics" }
    questions:
      - id: online
        type: yesno
        text: { vi: "Có bán trực tuyến không?", en: "Sells online?" }
        advice: { vi: "Mở gian hàng.", en: "Open a shop." }
"#;

const CATALOG: &str = r#"
format: 1
questionnaire: groups
programs:
  - id: micro-grant
    name: { vi: "Hỗ trợ siêu nhỏ", en: "Micro grant" }
    provider: "Sở"
    benefit: "50%"
    source: "Nghị định"
    eligible_if: { fact: size_class, is: micro }
  - id: sme-grant
    name: { vi: "Hỗ trợ DNNVV", en: "SME grant" }
    provider: "Sở"
    benefit: "50%"
    source: "Nghị định"
    eligible_if: { fact: size_class, in: [micro, small] }
"#;

fn setup() -> (Questionnaire, Catalog) {
    let (q, warnings) = questionnaire::from_str("groups.yaml", Q).unwrap();
    assert_eq!(warnings.warnings().count(), 0, "{warnings:?}");
    let (c, _) = Catalog::from_str(&q, "groups.programs.yaml", CATALOG).unwrap();
    (q, c)
}

fn answers(q: &Questionnaire, sector: &str, employees: u32) -> Answers {
    let text = format!(
        "format: 1\nquestionnaire: {{ id: groups, version: \"1\" }}\nassessed_on: 2026-11-27\nanswers:\n  enterprise_name: \"{sector} {employees}\"\n  sector: {sector}\n  employees: {employees}\n  online: \"no\"\n"
    );
    Answers::from_str(q, "t.answers.yaml", &text, Completeness::Complete)
        .unwrap()
        .0
}

#[test]
fn every_case_of_a_value_satisfies_conditions_on_that_value() {
    let (q, c) = setup();
    assert_eq!(
        q.facts[0]
            .values
            .iter()
            .map(|v| v.id.as_str())
            .collect::<Vec<_>>(),
        ["micro", "small", "large"]
    );
    for (sector, employees, class) in [
        ("industry", 8, "micro"),
        ("trade", 4, "micro"),
        ("trade", 8, "small"),
        ("industry", 60, "small"),
        ("trade", 60, "large"),
    ] {
        let a = answers(&q, sector, employees);
        let s = Assessment::new(&q, &c, &a, "t".into(), None, Some("vi"));
        let json = s.to_json(&q, &c);
        assert_eq!(json["facts"]["size_class"], class, "{sector} {employees}");
        let rec: Vec<&str> = s
            .recs
            .recommended
            .iter()
            .map(|p| c.programs[p.program].id.as_str())
            .collect();
        let want: &[&str] = match class {
            "micro" => &["micro-grant", "sme-grant"],
            "small" => &["sme-grant"],
            _ => &[],
        };
        assert_eq!(rec, want, "{sector} {employees}");
        // The label comes from the value's first case, whichever case matched.
        if class == "micro" {
            assert_eq!(s.recs.recommended[0].reasons, ["Quy mô: Siêu nhỏ"]);
        }
        if class == "small" {
            let why = &s.recs.not_eligible[0].reasons;
            assert_eq!(why, &["Quy mô: Nhỏ (không phải Siêu nhỏ)"], "{sector}");
        }
        assert!(s.to_table(&q, &c).contains(&format!(
            "Quy mô: {}",
            match class {
                "micro" => "Siêu nhỏ",
                "small" => "Nhỏ",
                _ => "Lớn",
            }
        )));
    }
}

#[test]
fn the_cohort_counts_each_size_class_once() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("groups.yaml"), Q).unwrap();
    std::fs::write(dir.path().join("groups.programs.yaml"), CATALOG).unwrap();
    let mut csv = String::from("enterprise_name,sector,employees,online,assessed_on\n");
    for (s, e) in [
        ("industry", 8),
        ("trade", 4),
        ("trade", 3),
        ("industry", 60),
        ("trade", 40),
        ("trade", 400),
    ] {
        csv.push_str(&format!("{s} {e},{s},{e},no,2026-11-27\n"));
    }
    std::fs::write(dir.path().join("firms.csv"), csv).unwrap();
    let out = dir.path().join("out");
    let o = Command::cargo_bin("dxready")
        .unwrap()
        .arg("-q")
        .arg(dir.path().join("groups.yaml"))
        .arg("batch")
        .arg(dir.path().join("firms.csv"))
        .args(["--cohort-format", "md"])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cohort = std::fs::read_to_string(out.join("cohort.md")).unwrap();
    let section = &cohort[cohort.find("## Theo quy mô").unwrap()..];
    let rows: Vec<&str> = section
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Nhóm"))
        .collect();
    assert!(
        rows.iter().any(|r| r.starts_with("| Siêu nhỏ | 3 |")),
        "{section}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with("| Nhỏ | 2 |")),
        "{section}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with("| Lớn | 1 |")),
        "{section}"
    );
    assert_eq!(
        rows.iter().filter(|r| r.starts_with("| Siêu nhỏ")).count(),
        1
    );
}
