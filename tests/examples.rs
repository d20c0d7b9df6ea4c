//! The default questionnaire, catalog and examples as a user checks them: the current version
//! (2026.2) is valid with no warnings; every file in examples/ scores, old ones with the
//! version they were given to; the CSV says the same as the answer files; and the issue #8
//! acceptance cases (the trade shop, small trade and services firms, the Bắc Ninh firm, the
//! Thanh Hà firm, the cohort by size).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use dxready::answers::csv::CsvAnswers;
use dxready::answers::{Answers, Completeness};
use dxready::assessment::Assessment;
use dxready::report::view;
use dxready::setup::{Editions, Setup, Sources, answers_from_str};
use tempfile::TempDir;

const EXAMPLES: [&str; 7] = [
    "an-phat-thanh-ha",
    "an-phat-thanh-ha-t0",
    "chu-dau-ceramics",
    "garment-medium",
    "household-retail",
    "household-business",
    "logistics-services",
];

/// The examples as shipped with version 2026.1 (kept byte for byte in examples/2026.1/).
const EXAMPLES_2026_1: [&str; 6] = [
    "an-phat-thanh-ha",
    "an-phat-thanh-ha-t0",
    "chu-dau-ceramics",
    "garment-medium",
    "household-retail",
    "logistics-services",
];

fn dxready() -> Command {
    Command::cargo_bin("dxready").expect("binary built")
}

/// Every file under examples/ with one of the extensions, sorted.
fn files(ext: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, ext, out);
            } else if p.to_string_lossy().ends_with(ext) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new("examples"), ext, &mut out);
    out.sort();
    out
}

/// FNV-1a, 64 bits: pins the shipped files' bytes.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

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
    let o = dxready().args(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && stderr.is_empty(), "{stderr}");
    // And the embedded default, as `validate` with no file checks it.
    let o = dxready().args(["validate", "--strict"]).output().unwrap();
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("sme-dx-readiness 2026.2"));
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
fn shipped_version_2026_1_is_embedded_byte_for_byte() {
    let shipped = dxready::embedded::earlier("2026.1").expect("2026.1 is embedded");
    let dir = Path::new("questionnaires/versions/2026.1");
    let q = std::fs::read(dir.join("sme-dx-readiness.yaml")).unwrap();
    let p = std::fs::read(dir.join("sme-dx-readiness.programs.yaml")).unwrap();
    assert_eq!(shipped.questionnaire.as_bytes(), q.as_slice());
    assert_eq!(shipped.programs.unwrap().as_bytes(), p.as_slice());
    // The files as released with 2026.1: a change here would change old scores.
    assert_eq!(fnv(&q), 0x4d86_3f74_bb76_1bde, "{:#x}", fnv(&q));
    assert_eq!(fnv(&p), 0x79e8_3048_f90e_22f4, "{:#x}", fnv(&p));
    // Every shipped version sits in a folder named after it, and loads.
    let setup = Setup::load(&Sources::default()).unwrap();
    for s in dxready::embedded::EARLIER {
        let e = setup.version(s.version).unwrap().expect("loads");
        assert_eq!(e.questionnaire.version, s.version);
        assert!(!e.catalog.programs.is_empty());
    }
    // The examples shipped with it are kept unchanged too.
    let hashes: Vec<u64> = EXAMPLES_2026_1
        .iter()
        .map(|e| fnv(&std::fs::read(format!("examples/2026.1/{e}.answers.yaml")).unwrap()))
        .collect();
    assert_eq!(
        hashes,
        [
            0x0f78_5a60_a3bb_c990,
            0xc07d_37c2_7fe8_6cc3,
            0xa950_a037_97bf_4501,
            0x6050_5624_3492_7799,
            0xf9e8_af76_fd7f_5a99,
            0x9f9f_7906_ca6c_1f89
        ],
        "{hashes:#x?}"
    );
}

#[test]
fn every_file_in_examples_scores_and_old_ones_silently_with_their_version() {
    let answers = files(".answers.yaml");
    assert!(answers.len() >= 13, "{answers:?}");
    let mut args = vec!["score".to_string(), "--format".into(), "json".into()];
    args.extend(answers.iter().map(|p| p.display().to_string()));
    let o = dxready().args(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && stderr.is_empty(), "{stderr}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), answers.len());
    for (l, p) in lines.iter().zip(&answers) {
        let want = if p.starts_with("examples/2026.1") {
            "2026.1"
        } else {
            "2026.2"
        };
        assert_eq!(l["questionnaire"]["version"], want, "{}", p.display());
        assert!(l["overall"]["score"].is_number());
    }
    // The table and CSV formats too, each file on its own (as a user would run them).
    for p in &answers {
        for format in ["table", "csv"] {
            let o = dxready()
                .args(["score", "--format", format])
                .arg(p)
                .output()
                .unwrap();
            assert!(
                o.status.success() && o.stderr.is_empty(),
                "{} {format}: {}",
                p.display(),
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
    // The old 2026.1 scores are what 2026.1 gave.
    let o = dxready()
        .args([
            "score",
            "--format",
            "json",
            "examples/2026.1/an-phat-thanh-ha.answers.yaml",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let overall = v["overall"]["score"].as_f64().unwrap();
    assert!((overall - 38.53).abs() < 0.01, "{overall}");
}

#[test]
fn csv_rows_score_like_the_answer_files_in_both_versions() {
    let setup = Setup::load(&Sources::default()).unwrap();
    for (dir, names) in [
        ("examples", &EXAMPLES[..]),
        ("examples/2026.1", &EXAMPLES_2026_1[..]),
    ] {
        let csv = std::fs::read(format!("{dir}/enterprises.csv")).unwrap();
        let header: Vec<String> = String::from_utf8_lossy(&csv)
            .lines()
            .next()
            .unwrap()
            .split(',')
            .map(str::to_string)
            .collect();
        let e = setup.csv_edition(&header).unwrap();
        let q = e.questionnaire;
        assert_eq!(
            q.version,
            if dir == "examples" {
                "2026.2"
            } else {
                "2026.1"
            }
        );
        let rows: Vec<_> = CsvAnswers::new(q, "enterprises.csv", csv.as_slice(), b',')
            .unwrap()
            .collect();
        assert_eq!(rows.len(), 5);
        let mut matched = 0;
        for row in rows {
            let from_csv = row.result.expect("every CSV row is valid");
            let name = from_csv.enterprise_name(q).unwrap().to_string();
            for n in names.iter().filter(|e| !e.ends_with("-t0")) {
                let text = std::fs::read_to_string(format!("{dir}/{n}.answers.yaml")).unwrap();
                let (from_yaml, _) =
                    Answers::from_str(q, n, &text, Completeness::Complete).unwrap();
                if from_yaml.enterprise_name(q) == Some(name.as_str()) {
                    let a =
                        Assessment::new(q, e.catalog, &from_csv, "csv".into(), Some(row.row), None);
                    let b = Assessment::new(q, e.catalog, &from_yaml, "yaml".into(), None, None);
                    assert_eq!(a.card.overall, b.card.overall, "{name}");
                    assert_eq!(a.recs.recommended, b.recs.recommended, "{name}");
                    matched += 1;
                }
            }
        }
        assert_eq!(matched, 5, "{dir}: every CSV row matches one answers file");
    }
}

/// Scores an answers text with the embedded editions; returns (recommended ids, not
/// eligible ids, reasons of the recommended, the report's Markdown, the JSON line).
struct Scored {
    recommended: Vec<String>,
    not_eligible: Vec<String>,
    reasons: Vec<Vec<String>>,
    view: view::ReportView,
    json: String,
}

fn scored(text: &str, lang: &str) -> Scored {
    let setup = Setup::load(&Sources::default()).unwrap();
    let loaded = answers_from_str(&setup, "t.answers.yaml", text, Completeness::Complete)
        .unwrap_or_else(|e| panic!("{e}"));
    let (q, catalog) = (loaded.edition.questionnaire, loaded.edition.catalog);
    let a = Assessment::new(q, catalog, &loaded.answers, "t".into(), None, Some(lang));
    let id = |p: usize| catalog.programs[p].id.clone();
    Scored {
        recommended: a.recs.recommended.iter().map(|p| id(p.program)).collect(),
        not_eligible: a.recs.not_eligible.iter().map(|p| id(p.program)).collect(),
        reasons: a
            .recs
            .recommended
            .iter()
            .map(|p| p.reasons.clone())
            .collect(),
        view: view::build(q, catalog, &a, &view::Extras::default()),
        json: a.to_json(q, catalog).to_string(),
    }
}

fn example(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// An example's answers with some profile answers replaced (`key: value` lines).
fn with_profile(path: &str, changes: &[(&str, &str)]) -> String {
    let mut text = example(path);
    for (k, v) in changes {
        let start = text
            .find(&format!("\n  {k}: "))
            .unwrap_or_else(|| panic!("{k} in {path}"));
        let end = start + 1 + text[start + 1..].find('\n').unwrap();
        text.replace_range(start..end, &format!("\n  {k}: {v}"));
    }
    text
}

#[test]
fn new_firm_without_signature_gets_the_50_percent_subsidy_first_and_the_signature_in_the_first_three_actions()
 {
    // 2026.2: first among programs, with its reasons and status.
    let s = scored(&example("examples/an-phat-thanh-ha.answers.yaml"), "vi");
    assert_eq!(
        s.recommended[0], "hd-digital-signature-50",
        "{:?}",
        s.recommended
    );
    let why = s.reasons[0].join("\n");
    assert!(why.contains("Khu vực Hải Dương cũ"), "{why}");
    assert!(why.contains("6 tháng trước ngày đánh giá"), "{why}");
    assert!(why.contains("Chưa có"), "{why}");
    assert_eq!(
        s.view.recommended[0].status_note.as_deref(),
        Some("Đã công bố năm 2021 — cần xác nhận với Sở Khoa học và Công nghệ TP Hải Phòng")
    );
    let first_three: Vec<&str> = s.view.actions[..3]
        .iter()
        .map(|a| a.advice.as_str())
        .collect();
    assert!(
        first_three
            .iter()
            .any(|a| a.contains("Đăng ký chứng thư chữ ký số")),
        "{first_three:?}"
    );
    assert!(s.view.actions[0].urgent);
    // 2026.1 (the file as it was): still scored with 2026.1, still gets the subsidy.
    let s = scored(
        &example("examples/2026.1/an-phat-thanh-ha.answers.yaml"),
        "vi",
    );
    assert!(
        s.recommended
            .contains(&"hd-digital-signature-50".to_string())
    );
    assert!(s.json.contains("\"version\":\"2026.1\""));
}

#[test]
fn older_firm_elsewhere_is_told_why_not_in_2026_1() {
    let s = scored(
        &example("examples/2026.1/household-retail.answers.yaml"),
        "vi",
    );
    assert!(
        !s.recommended
            .contains(&"hd-digital-signature-50".to_string())
    );
    assert!(
        s.not_eligible
            .contains(&"hd-digital-signature-50".to_string())
    );
}

#[test]
fn an_older_firm_in_the_area_is_told_why_not() {
    let text = with_profile(
        "examples/an-phat-thanh-ha.answers.yaml",
        &[("founded_on", "2019-05-20")],
    );
    let s = scored(&text, "vi");
    assert!(
        s.not_eligible
            .contains(&"hd-digital-signature-50".to_string())
    );
    let p = s
        .view
        .not_eligible
        .iter()
        .find(|p| p.id == "hd-digital-signature-50")
        .unwrap();
    assert!(
        p.reasons
            .iter()
            .any(|r| r.contains("hơn 12 tháng trước ngày đánh giá")),
        "{:?}",
        p.reasons
    );
}

const SHOP: &str = "examples/household-retail.answers.yaml";

#[test]
fn a_micro_trade_shop_gets_smedx_and_the_decree_80_support_of_its_size_class() {
    // The shop of the issue: trade, 8 employees, revenue 5 bn.
    let text = with_profile(
        SHOP,
        &[
            ("sector", "trade"),
            ("employees", "8"),
            ("revenue", "5"),
            ("capital", "4"),
        ],
    );
    let s = scored(&text, "vi");
    assert!(s.json.contains("\"size_class\":\"micro\""), "{}", s.json);
    for id in ["smedx", "nd80-solutions"] {
        assert!(
            s.recommended.contains(&id.to_string()),
            "{id}: {:?}",
            s.recommended
        );
    }
    // Consulting support is for small and medium enterprises only: told why.
    assert!(s.not_eligible.contains(&"nd80-consulting".to_string()));
    let consulting = s
        .view
        .not_eligible
        .iter()
        .find(|p| p.id == "nd80-consulting")
        .unwrap();
    assert!(
        consulting.reasons.contains(
            &"Quy mô: Doanh nghiệp siêu nhỏ (không phải Doanh nghiệp nhỏ / Doanh nghiệp vừa)"
                .to_string()
        ),
        "{:?}",
        consulting.reasons
    );
    // The benefit names the cap of its class.
    let solutions = s
        .view
        .recommended
        .iter()
        .find(|p| p.id == "nd80-solutions")
        .unwrap();
    assert!(
        solutions
            .one_line
            .as_deref()
            .unwrap()
            .contains("20 triệu đồng/năm với doanh nghiệp siêu nhỏ")
    );
}

#[test]
fn small_trade_and_small_services_firms_get_smedx_and_both_decree_80_programs() {
    for (sector, product_type) in [("trade", "resells"), ("services", "services_only")] {
        let text = with_profile(
            SHOP,
            &[
                ("sector", sector),
                ("employees", "30"),
                ("revenue", "40"),
                ("capital", "20"),
                ("product_type", product_type),
            ],
        );
        let s = scored(&text, "vi");
        assert!(s.json.contains("\"size_class\":\"small\""), "{}", s.json);
        for id in ["smedx", "nd80-solutions", "nd80-consulting"] {
            assert!(
                s.recommended.contains(&id.to_string()),
                "{sector}: {id}: {:?}",
                s.recommended
            );
        }
    }
}

#[test]
fn a_bac_ninh_firm_never_hears_of_hai_phong_or_hai_duong() {
    let dir = TempDir::new().unwrap();
    for lang in ["vi", "en"] {
        let s = scored(&example(SHOP), lang);
        let view = serde_json::to_string(&s.view).unwrap();
        for text in [&view, &s.json] {
            for name in ["Hải Phòng", "Hải Dương", "Hai Phong", "Hai Duong"] {
                assert!(!text.contains(name), "{lang}: {name} in {text}");
            }
        }
        // The rendered report and the score table, as printed.
        let out = dir.path().join(format!("r-{lang}.md"));
        let o = dxready()
            .args(["--lang", lang, "report", SHOP, "--format", "md", "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success());
        let o = dxready()
            .args(["--lang", lang, "score", SHOP])
            .output()
            .unwrap();
        for text in [
            std::fs::read_to_string(&out).unwrap(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        ] {
            for name in ["Hải Phòng", "Hải Dương", "Hai Phong", "Hai Duong"] {
                assert!(!text.contains(name), "{lang}: {name} in {text}");
            }
        }
        // National programs name the province's own office.
        let smedx = s.view.recommended.iter().find(|p| p.id == "smedx").unwrap();
        let want = if lang == "vi" {
            "tỉnh Bắc Ninh"
        } else {
            "Bắc Ninh Department"
        };
        assert!(
            smedx.contact.as_deref().unwrap().contains(want),
            "{smedx:?}"
        );
    }
}

#[test]
fn a_household_business_is_offered_conversion_support_and_the_draft_vouchers() {
    let s = scored(&example("examples/household-business.answers.yaml"), "vi");
    for id in [
        "einvoice-compliance",
        "nd80-household-conversion",
        "dx-law-vouchers",
    ] {
        assert!(
            s.recommended.contains(&id.to_string()),
            "{id}: {:?}",
            s.recommended
        );
    }
    assert!(s.not_eligible.contains(&"nd80-solutions".to_string()));
    let vouchers = s
        .view
        .recommended
        .iter()
        .find(|p| p.id == "dx-law-vouchers")
        .unwrap();
    assert_eq!(vouchers.status, "draft");
    assert!(
        vouchers
            .status_note
            .as_deref()
            .unwrap()
            .starts_with("Dự thảo")
    );
    assert!(vouchers.one_line.as_deref().unwrap().contains("tới 100%"));
    assert!(s.json.contains("\"size_class\":\"household\""));
}

#[test]
fn a_batch_of_both_versions_has_one_size_row_per_size_class() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    let mut inputs: Vec<PathBuf> = files(".answers.yaml");
    inputs.push("examples/enterprises.csv".into());
    inputs.push("examples/2026.1/enterprises.csv".into());
    let o = dxready()
        .arg("batch")
        .args(&inputs)
        .args(["--cohort-format", "md"])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    assert_eq!(errors.lines().count(), 1, "{errors}");
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(
        summary.lines().count(),
        1 + inputs.len() - 2 + 10,
        "{summary}"
    );
    // Laid out by the current version: a 2026.1 row leaves the new pillar empty.
    assert!(summary.lines().next().unwrap().contains(",data_ai,"));
    let cohort = std::fs::read_to_string(out.join("cohort.md")).unwrap();
    let by_size = &cohort[cohort.find("Theo quy mô").expect("a by-size breakdown")..];
    let rows: Vec<&str> = by_size
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('#'))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Quy mô") && !l.contains("---"))
        .map(|l| l.split('|').nth(1).unwrap().trim())
        .collect();
    let mut unique = rows.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(rows.len(), unique.len(), "one row per size class: {rows:?}");
    assert!(
        rows.iter().any(|r| r.contains("Doanh nghiệp siêu nhỏ")),
        "{rows:?}"
    );
}
