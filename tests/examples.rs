//! The default questionnaire, catalog and examples: valid with no warnings, the CSV says the
//! same as the answer files, and the flagship subsidy reaches the firm it was made for.

use assert_cmd::Command;
use dxready::answers::csv::CsvAnswers;
use dxready::answers::{Answers, Completeness};
use dxready::assessment::Assessment;
use dxready::setup::{Setup, Sources};

const EXAMPLES: [&str; 6] = [
    "an-phat-thanh-ha",
    "an-phat-thanh-ha-t0",
    "chu-dau-ceramics",
    "garment-medium",
    "household-retail",
    "logistics-services",
];

#[test]
fn defaults_and_examples_validate_strictly() {
    let mut args = vec![
        "validate".to_string(),
        "--strict".into(),
        "questionnaires/sme-dx-readiness.yaml".into(),
        "questionnaires/sme-dx-readiness.programs.yaml".into(),
    ];
    args.extend(
        EXAMPLES
            .iter()
            .map(|e| format!("examples/{e}.answers.yaml")),
    );
    args.push("examples/enterprises.csv".into());
    let o = Command::cargo_bin("dxready")
        .unwrap()
        .args(&args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && stderr.is_empty(), "{stderr}");
    // The embedded files are the repository's.
    assert_eq!(
        dxready::embedded::QUESTIONNAIRE,
        std::fs::read_to_string("questionnaires/sme-dx-readiness.yaml").unwrap()
    );
    assert_eq!(
        dxready::embedded::PROGRAMS,
        std::fs::read_to_string("questionnaires/sme-dx-readiness.programs.yaml").unwrap()
    );
}

#[test]
fn csv_rows_score_like_the_answer_files() {
    let setup = Setup::load(&Sources::default()).unwrap();
    let q = &setup.questionnaire;
    let csv = std::fs::read("examples/enterprises.csv").unwrap();
    let rows: Vec<_> = CsvAnswers::new(q, "enterprises.csv", csv.as_slice(), b',')
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 5);
    let mut matched = 0;
    for row in rows {
        let from_csv = row.result.expect("every CSV row is valid");
        let name = from_csv.enterprise_name(q).unwrap().to_string();
        for e in EXAMPLES.iter().filter(|e| !e.ends_with("-t0")) {
            let text = std::fs::read_to_string(format!("examples/{e}.answers.yaml")).unwrap();
            let (from_yaml, _) = Answers::from_str(q, e, &text, Completeness::Complete).unwrap();
            if from_yaml.enterprise_name(q) == Some(name.as_str()) {
                let a = Assessment::new(
                    q,
                    &setup.catalog,
                    &from_csv,
                    "csv".into(),
                    Some(row.row),
                    None,
                );
                let b = Assessment::new(q, &setup.catalog, &from_yaml, "yaml".into(), None, None);
                assert_eq!(a.card.overall, b.card.overall, "{name}");
                assert_eq!(a.recs.recommended, b.recs.recommended, "{name}");
                matched += 1;
            }
        }
    }
    assert_eq!(matched, 5, "every CSV row matches one answers file");
}

fn recommended(file: &str) -> (Vec<String>, Vec<String>, Vec<Vec<String>>) {
    let setup = Setup::load(&Sources::default()).unwrap();
    let q = &setup.questionnaire;
    let text = std::fs::read_to_string(file).unwrap();
    let (answers, _) = Answers::from_str(q, file, &text, Completeness::Complete).unwrap();
    let a = Assessment::new(q, &setup.catalog, &answers, file.into(), None, Some("vi"));
    let id = |p: usize| setup.catalog.programs[p].id.clone();
    (
        a.recs.recommended.iter().map(|p| id(p.program)).collect(),
        a.recs.not_eligible.iter().map(|p| id(p.program)).collect(),
        a.recs
            .recommended
            .iter()
            .map(|p| p.reasons.clone())
            .collect(),
    )
}

#[test]
fn new_firm_without_signature_gets_the_50_percent_subsidy_with_reasons() {
    let (rec, _, reasons) = recommended("examples/an-phat-thanh-ha.answers.yaml");
    let i = rec
        .iter()
        .position(|r| r == "hd-digital-signature-50")
        .expect("recommended");
    let why = reasons[i].join("\n");
    assert!(why.contains("Khu vực Hải Dương cũ"), "{why}");
    assert!(why.contains("6 tháng trước ngày đánh giá"), "{why}");
    assert!(why.contains("Chưa có"), "{why}");
}

#[test]
fn older_firm_elsewhere_is_told_why_not() {
    let (rec, not, _) = recommended("examples/household-retail.answers.yaml");
    assert!(!rec.contains(&"hd-digital-signature-50".to_string()));
    assert!(not.contains(&"hd-digital-signature-50".to_string()));
}
