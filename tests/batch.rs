//! `dxready batch` end to end: the real binary on fixture folders and generated inputs,
//! checking both CSVs row by row, the cohort statistics and determinism across thread counts.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const MINI: &str = "tests/fixtures/mini/mini.yaml";
const HEADER: &str = "enterprise_name,founded_on,assessed_on,employees,sector,province,sells_online,channels,online_share,has_certificate,skills,barcodes";

fn dxready() -> Command {
    let mut c = Command::cargo_bin("dxready").unwrap();
    c.args(["-q", MINI]);
    c
}

/// Reads a CSV output as rows of cells (header included).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Runs `batch` with the cohort report as Markdown (easy to read back) unless the test asks
/// for a format; the default, `cohort.pdf`, is checked in tests/cohort.rs.
fn batch(args: &[&str], out: &Path) -> (i32, String) {
    let mut cmd = dxready();
    cmd.arg("batch").args(args);
    if !args.contains(&"--cohort-format") {
        cmd.args(["--cohort-format", "md"]);
    }
    let o = cmd.arg("--out").arg(out).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn mixed_good_and_bad_inputs_are_all_accounted_for() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let missing = tmp.path().join("missing.answers.yaml");
    let (code, stderr) = batch(
        &["tests/fixtures/batch/mixed", missing.to_str().unwrap()],
        &out,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        // Messages in the questionnaire's language (mini: Vietnamese first).
        stderr.contains("lỗi: 7 đầu vào không chấm điểm được"),
        "{stderr}"
    );

    let summary = csv_rows(&out.join("summary.csv"));
    assert_eq!(
        summary[0],
        [
            "input",
            "row",
            "enterprise",
            "overall",
            "level",
            "level_name",
            "sales",
            "signature",
            "trace",
            "recommended",
            "tax_code",
            "sector",
            "size_class",
            "province",
            "commune",
            "report",
            "duplicate_of"
        ]
    );
    let got: Vec<(&str, &str, &str)> = summary[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    let dir = "tests/fixtures/batch/mixed";
    assert_eq!(
        got,
        [
            (
                &*format!("{dir}/good/01-an-phat.answers.yaml"),
                "",
                "Công ty TNHH Thực phẩm An Phát"
            ),
            (
                &*format!("{dir}/good/02-binh-minh.answers.json"),
                "",
                "HTX Bình Minh"
            ),
            (&*format!("{dir}/rows.csv"), "2", "Cơ sở Hòa Bình"),
            (&*format!("{dir}/rows.csv"), "5", "Đại lý Phú Quý"),
            (&*format!("{dir}/rows.csv"), "7", "Công ty Trường Sơn"),
        ]
    );
    // An Phát: sales (1 + 1 + 0.5)/3, signature (0 + 0.5·0.5)/1.5, trace 0; overall (2·83.33 + 16.67 + 0)/4.
    assert_eq!(
        summary[1][3..],
        [
            "45.83",
            "1",
            "Bắt đầu",
            "83.33",
            "16.67",
            "0.00",
            "sig-50",
            "",
            "manufacturing",
            "small",
            "hai_duong_area",
            "",
            "",
            ""
        ]
    );
    // Bình Minh: services, so trace does not apply (empty cell).
    assert_eq!(summary[2][8], "");

    let errors = csv_rows(&out.join("errors.csv"));
    assert_eq!(errors[0], ["input", "row", "reason"]);
    let got: Vec<(&str, &str)> = errors[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (&*format!("{dir}/broken.yaml"), ""),
            (&*format!("{dir}/empty.yaml"), ""),
            (&*format!("{dir}/rows.csv"), "3"),
            (&*format!("{dir}/rows.csv"), "6"),
            (&*format!("{dir}/unknown-option.yaml"), ""),
            (&*format!("{dir}/wrong-questionnaire.yaml"), ""),
            (missing.to_str().unwrap(), ""),
        ]
    );
    let reason = |i: usize| errors[i][2].as_str();
    assert!(reason(1).contains("dòng "), "{}", reason(1));
    assert!(reason(2).contains("tệp trống"), "{}", reason(2));
    assert!(
        reason(3).starts_with("cột H `channels`: `tiktok` không phải mã hay nhãn của một lựa chọn"),
        "{}",
        reason(3)
    );
    assert!(
        reason(4).starts_with(
            "cột C `assessed_on`: cần một ngày YYYY-MM-DD (a/b/YYYY only where the day is above 12"
        ) && reason(4).ends_with("nhận được \"11/05/2026\""),
        "{}",
        reason(4)
    );
    assert!(
        reason(5).contains("(sector)") && reason(5).contains("`mining` không phải một lựa chọn"),
        "{}",
        reason(5)
    );
    assert!(
        reason(6).contains("bộ câu hỏi `sme-dx-readiness`"),
        "{}",
        reason(6)
    );
    assert!(reason(7).contains("không đọc được"), "{}", reason(7));
    // Summary rows + error rows = inputs (README.txt is not an input).
    assert_eq!(summary.len() - 1 + errors.len() - 1, 12);

    let cohort = fs::read_to_string(out.join("cohort.md")).unwrap();
    assert!(cohort.contains("| 12 | 5 | 7 |"), "{cohort}");
}

#[test]
fn several_problems_of_one_row_are_joined() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("rows.csv");
    fs::write(
        &input,
        format!("{HEADER}\nA,2020-01-01,2026-11-27,-5,mining,other,no,,0,valid,9,\n"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, _) = batch(&["--lang", "en", input.to_str().unwrap()], &out);
    assert_eq!(code, 1);
    let errors = csv_rows(&out.join("errors.csv"));
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[1][1], "2");
    let parts: Vec<&str> = errors[1][2].split(" | ").collect();
    assert_eq!(parts.len(), 3, "{parts:?}");
    assert!(parts[0].starts_with("column D `employees`"), "{parts:?}");
    assert!(parts[1].starts_with("column E `sector`"), "{parts:?}");
    assert!(parts[2].starts_with("column K `skills`"), "{parts:?}");
}

#[test]
fn empty_and_header_only_csv_files_fail_as_one_input_each() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty.csv");
    fs::write(&empty, "").unwrap();
    let header_only = tmp.path().join("header.csv");
    fs::write(&header_only, format!("{HEADER}\n")).unwrap();
    let bad_header = tmp.path().join("bad-header.csv");
    fs::write(
        &bad_header,
        "enterprise_name,assessed_on,colour\nA,2026-11-27,red\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, _) = batch(&["--lang", "en", tmp.path().to_str().unwrap()], &out);
    assert_eq!(code, 1);
    let errors = csv_rows(&out.join("errors.csv"));
    let got: Vec<(String, &str)> = errors[1..]
        .iter()
        .map(|r| {
            (
                Path::new(&r[0])
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                r[1].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("bad-header.csv".to_string(), "1"),
            ("empty.csv".to_string(), ""),
            ("header.csv".to_string(), "")
        ]
    );
    assert!(
        errors[1][2].contains("column C `colour` is not a question id"),
        "{}",
        errors[1][2]
    );
    assert!(
        errors[3][2].contains("no enterprise rows"),
        "{}",
        errors[3][2]
    );
    assert_eq!(csv_rows(&out.join("summary.csv")).len(), 1);
}

/// The cohort of tests/fixtures/batch/cohort/cohort.csv, computed by hand:
///
/// | | sales | signature | trace | overall |
/// |---|---|---|---|---|
/// | Alpha (manufacturing, micro) | (1+1+1)/3 = 100 | (1+0.5·1)/1.5 = 100 | 100 | 100 |
/// | Beta (services, small) | (1+0+0)/3 = 33.33 | 0 | — | 2·33.33/3 = 22.22 |
/// | Gamma (manufacturing, large) | (1+0.5+0.5)/3 = 66.67 | (0.5+0.5·0.5)/1.5 = 50 | 0 | (133.33+50)/4 = 45.83 |
/// | Delta (services, micro) | (1+1+0.25)/3 = 75 | (1+0.5·0.5)/1.5 = 83.33 | — | (150+83.33)/3 = 77.78 |
///
/// Sales sorted 33.33, 66.67, 75, 100: Q1 = 33.33 + 0.75·33.33 = 58.33, median 70.83,
/// Q3 = 75 + 0.25·25 = 81.25, mean 68.75. Signature 0, 50, 83.33, 100: Q1 37.5, median 66.67,
/// Q3 87.5, mean 58.33. Trace 0, 100: 25, 50, 75.
#[test]
fn cohort_statistics_match_a_hand_computation() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, stderr) = batch(
        &["tests/fixtures/batch/cohort/cohort.csv", "--lang", "en"],
        &out,
    );
    assert_eq!(code, 0, "{stderr}");
    let md = fs::read_to_string(out.join("cohort.md")).unwrap();
    for line in [
        "| 4 | 4 | 0 |",
        // The charts, as tables in the md output (whole numbers).
        "| 0 · Not started | 1 |",
        "| 3 · Leading | 1 |",
        "| Sales | 33 | 58 | 71 | 81 | 100 | 69 |",
        "| Digital signature | 0 | 38 | 67 | 88 | 100 | 58 |",
        "| Traceability | 0 | 25 | 50 | 75 | 100 | 50 |",
        // The radar: median and middle half per pillar.
        "| Sales | 71 | 58–81 |",
        "| Sales | 4 | 68.8 | 33.3 | 58.3 | 70.8 | 81.3 | 100.0 |",
        "| Traceability | 2 | 50.0 | 0.0 | 25.0 | 50.0 | 75.0 | 100.0 |",
        "| 50% digital-signature support (sig-50) | 2 | 50.0 |",
        "| Micro only (micro-only) | 2 | 50.0 |",
        "| E-commerce support (shop) | 1 | 25.0 |",
        "| Manufacturing | 2 | 50.0 | 72.9 | 72.9 |",
        "| Services | 2 | 50.0 | 50.0 | 50.0 |",
        "| Micro | 2 | 50.0 | 88.9 | 88.9 |",
        "| Small | 1 | 25.0 | 22.2 | 22.2 |",
        "| Large | 1 | 25.0 | 45.8 | 45.8 |",
    ] {
        assert!(md.lines().any(|l| l == line), "missing {line:?} in\n{md}");
    }
    let ranking: Vec<&str> = md
        .lines()
        .filter(|l| l.contains("cohort.csv:"))
        .map(|l| l.split(" | ").nth(1).unwrap())
        .collect();
    assert_eq!(
        ranking,
        ["Alpha Foods", "Delta Trade", "Gamma Works", "Beta Services"]
    );
}

#[test]
fn a_kobo_export_reads_through_its_mapping() {
    let tmp = tempfile::tempdir().unwrap();
    let kobo = tmp.path().join("kobo");
    let (code, stderr) = batch(
        &[
            "--lang",
            "en",
            "examples/batch/kobo-export.csv",
            "--map",
            "examples/batch/kobo.map.yaml",
        ],
        &kobo,
    );
    assert_eq!(code, 1, "{stderr}");
    let plain = tmp.path().join("plain");
    let (code, stderr) = batch(
        &["--lang", "en", "tests/fixtures/batch/cohort/cohort.csv"],
        &plain,
    );
    assert_eq!(code, 0, "{stderr}");
    // The same four enterprises, the same scores and programs as the plain CSV.
    let scores = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .skip(1)
            .map(|r| [&r[1..5], &r[6..]].concat())
            .collect()
    };
    let k = scores(csv_rows(&kobo.join("summary.csv")));
    assert_eq!(k, scores(csv_rows(&plain.join("summary.csv"))));
    assert_eq!(k.len(), 4);
    let errors = csv_rows(&kobo.join("errors.csv"));
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[1][..2], ["examples/batch/kobo-export.csv", "6"]);
    assert_eq!(
        errors[1][2],
        "[_uuid 5b1c0e7e-0005] column H `grp_profile/nganh` (sector): `xd` is not an option of this question (expected one of: manufacturing, services)"
    );
}

#[test]
fn kobo_multi_select_as_0_1_columns_and_google_forms_labels() {
    let tmp = tempfile::tempdir().unwrap();
    // Without the whole `grp_sales/kenh` column, the 0/1 columns answer `channels`.
    let text = fs::read_to_string("examples/batch/kobo-export.csv").unwrap();
    let flags_only: String = text
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(';').collect();
            cells.remove(10);
            cells.join(";") + "\n"
        })
        .collect();
    let input = tmp.path().join("flags.csv");
    fs::write(&input, flags_only).unwrap();
    let flags = tmp.path().join("flags");
    batch(
        &[
            input.to_str().unwrap(),
            "--map",
            "examples/batch/kobo.map.yaml",
        ],
        &flags,
    );
    let google = tmp.path().join("google");
    let (code, stderr) = batch(
        &[
            "examples/batch/google-forms.csv",
            "--map",
            "examples/batch/google-forms.map.yaml",
        ],
        &google,
    );
    assert_eq!(code, 0, "{stderr}");
    let overall = |dir: &Path| -> Vec<String> {
        csv_rows(&dir.join("summary.csv"))
            .into_iter()
            .skip(1)
            .map(|r| format!("{} {} {}", r[2], r[3], r[9]))
            .collect()
    };
    let expected = [
        "Alpha Foods 100.00 micro-only",
        "Beta Services 22.22 shop;sig-50",
        "Gamma Works 45.83 sig-50",
        "Delta Trade 77.78 micro-only",
    ];
    assert_eq!(overall(&flags), expected);
    assert_eq!(overall(&google), expected);
}

#[test]
fn a_broken_mapping_is_refused_with_every_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let map = tmp.path().join("bad.map.yaml");
    fs::write(
        &map,
        "format: 1\ncolumns:\n  A: nope\nchoices:\n  sector: { X: construction }\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, stderr) = batch(
        &[
            "--lang",
            "en",
            "examples/batch/kobo-export.csv",
            "--map",
            map.to_str().unwrap(),
        ],
        &out,
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error: ")).count(),
        2,
        "{stderr}"
    );
    assert!(!out.join("summary.csv").exists());
}

#[test]
fn formula_and_path_looking_names_are_neutralised() {
    let tmp = tempfile::tempdir().unwrap();
    let names = [
        "=HYPERLINK(\"http://evil\",\"x\")",
        "+cmd",
        "@SUM(A1)",
        "-2+3",
        "../../etc/passwd",
        "*Công ty* <b>",
        "| pipe |",
    ];
    let mut csv = format!("{HEADER}\n");
    for n in names {
        csv.push_str(&format!(
            "\"{}\",2020-01-01,2026-11-27,5,services,other,no,,0,valid,3,\n",
            n.replace('"', "\"\"")
        ));
    }
    let input = tmp.path().join("names.csv");
    fs::write(&input, csv).unwrap();
    let out = tmp.path().join("out");
    let (code, stderr) = batch(&[input.to_str().unwrap()], &out);
    assert_eq!(code, 0, "{stderr}");
    let rows = csv_rows(&out.join("summary.csv"));
    let got: Vec<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        got,
        [
            "'=HYPERLINK(\"http://evil\",\"x\")",
            "'+cmd",
            "'@SUM(A1)",
            "'-2+3",
            "../../etc/passwd",
            "*Công ty* <b>",
            "| pipe |"
        ]
    );
    let md = fs::read_to_string(out.join("cohort.md")).unwrap();
    assert!(md.contains("| \\*Công ty\\* \\<b\\> |"), "{md}");
    assert!(md.contains("| \\| pipe \\| |"), "{md}");
    assert!(!md.contains("<b>"));
    // Nothing was written outside DIR.
    let mut written: Vec<PathBuf> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    written.sort();
    assert_eq!(written, [input.clone(), out.clone()]);
    let mut inside: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    inside.sort();
    assert_eq!(
        inside,
        [
            "cohort.md",
            "dxready-run.json",
            "errors.csv",
            "programs",
            "summary.csv",
            "summary.xlsx"
        ]
    );
}

#[test]
fn pdf_reports_and_cohort_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, stderr) = batch(
        &[
            "tests/fixtures/batch/cohort/cohort.csv",
            "--pdf",
            "--cohort-format",
            "pdf",
        ],
        &out,
    );
    assert_eq!(code, 0, "{stderr}");
    let summary = csv_rows(&out.join("summary.csv"));
    let mut reports: Vec<PathBuf> = fs::read_dir(out.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    reports.sort();
    assert_eq!(
        reports.len(),
        summary.len() - 1,
        "one report per scored enterprise"
    );
    for r in &reports {
        let bytes = fs::read(r).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).expect("a readable PDF");
        let text: String = doc
            .get_pages()
            .keys()
            .map(|p| doc.extract_text(&[*p]).unwrap())
            .collect();
        assert!(
            text.contains("Trang 1/") || text.contains("Page 1 of"),
            "{}",
            r.display()
        );
    }
    let cohort = fs::read(out.join("cohort.pdf")).unwrap();
    assert!(lopdf::Document::load_mem(&cohort).is_ok());
    let out2 = tmp.path().join("out2");
    let (code, stderr) = batch(
        &[
            "tests/fixtures/batch/cohort/cohort.csv",
            "--cohort-format",
            "html",
        ],
        &out2,
    );
    assert_eq!(code, 0, "{stderr}");
    let html = fs::read_to_string(out2.join("cohort.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    assert!(!out2.join("reports").exists());
}

#[test]
fn json_summary_is_what_score_prints() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let good = [
        "tests/fixtures/batch/mixed/good/01-an-phat.answers.yaml",
        "tests/fixtures/batch/mixed/good/02-binh-minh.answers.json",
    ];
    let (code, stderr) = batch(&[good[0], good[1], "--format", "json"], &out);
    assert_eq!(code, 0, "{stderr}");
    let jsonl = fs::read_to_string(out.join("summary.jsonl")).unwrap();
    let score = dxready()
        .arg("score")
        .args(good)
        .args(["--format", "json"])
        .output()
        .unwrap();
    // Each line is `score`'s object plus the profile values the CSV summary has after
    // `recommended` (as it has `duplicate_of` for a repeated enterprise).
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let scored: Vec<serde_json::Value> = String::from_utf8(score.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), scored.len());
    for (mut line, score) in lines.into_iter().zip(scored) {
        let profile = line.as_object_mut().unwrap().remove("profile").unwrap();
        assert!(profile.get("sector").is_some() && profile.get("tax_code").is_some());
        assert_eq!(line, score);
    }
    assert!(!out.join("summary.csv").exists());
    assert_eq!(csv_rows(&out.join("errors.csv")).len(), 1);
}

/// Writes `n` inputs: answer files in nested folders, CSVs with good and bad rows, and some
/// broken files, so that a batch spans several chunks.
fn generate(dir: &Path, n: usize) {
    let sectors = ["manufacturing", "services"];
    let certs = ["valid", "expired", "none"];
    let mut csv = format!("{HEADER}\n");
    for i in 0..n {
        let sector = sectors[i % 2];
        let cert = certs[i % 3];
        let employees = (i * 7) % 150;
        let share = (i * 13) % 101;
        let skills = 1 + i % 5;
        let barcodes = if sector == "manufacturing" {
            if i % 4 == 0 { "yes" } else { "no" }
        } else {
            ""
        };
        match i % 10 {
            0..=5 => {
                let sub = dir.join(format!("group-{}", i % 7));
                fs::create_dir_all(&sub).unwrap();
                let mut yaml = format!(
                    "format: 1\nquestionnaire: {{ id: mini, version: \"1.0\" }}\nassessed_on: 2026-11-27\nanswers:\n  enterprise_name: \"Doanh nghiệp số {i}\"\n  founded_on: 2020-01-01\n  employees: {employees}\n  sector: {sector}\n  province: other\n  sells_online: \"no\"\n  online_share: {share}\n  has_certificate: {cert}\n  skills: {skills}\n"
                );
                if !barcodes.is_empty() {
                    yaml.push_str(&format!("  barcodes: \"{barcodes}\"\n"));
                }
                if i % 97 == 0 {
                    yaml = yaml.replace("skills: ", "skills: 9");
                }
                fs::write(sub.join(format!("e{i:05}.answers.yaml")), yaml).unwrap();
            }
            _ => {
                let date = if i % 89 == 0 { "soon" } else { "2026-11-27" };
                csv.push_str(&format!("Hàng {i},2020-01-01,{date},{employees},{sector},other,no,,{share},{cert},{skills},{barcodes}\n"));
            }
        }
    }
    fs::write(dir.join("rows.csv"), csv).unwrap();
}

#[test]
fn the_summary_is_the_same_whatever_the_number_of_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    generate(&input, 5000);
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    let (c1, e1) = batch(&[input.to_str().unwrap(), "--jobs", "1"], &one);
    let (c2, e2) = batch(&[input.to_str().unwrap(), "--jobs", "2"], &two);
    assert_eq!((c1, c2), (1, 1), "{e1}\n{e2}");
    for f in ["summary.csv", "errors.csv", "cohort.md"] {
        assert_eq!(
            fs::read(one.join(f)).unwrap(),
            fs::read(two.join(f)).unwrap(),
            "{f} differs"
        );
    }
    let summary = csv_rows(&one.join("summary.csv"));
    let errors = csv_rows(&one.join("errors.csv"));
    // 5000 inputs: files with skills 9 (i % 97 == 0 among files) and rows dated "soon" fail.
    let bad_files = (0..5000).filter(|i| i % 10 <= 5 && i % 97 == 0).count();
    let bad_rows = (0..5000).filter(|i| i % 10 > 5 && i % 89 == 0).count();
    assert_eq!(errors.len() - 1, bad_files + bad_rows);
    assert_eq!(summary.len() - 1 + errors.len() - 1, 5000);
    // Input order: folders sorted by path, then rows.csv in row order.
    let inputs: Vec<&str> = summary[1..].iter().map(|r| r[0].as_str()).collect();
    let mut sorted = inputs.clone();
    sorted.sort_by_key(|s| PathBuf::from(s));
    assert_eq!(inputs, sorted);
    // The cohort report lists the 10 highest and the 10 lowest; the rest is in the summary.
    let md = fs::read_to_string(one.join("cohort.md")).unwrap();
    assert_eq!(
        md.lines()
            .filter(
                |l| l.starts_with("| ") && l.contains(" · ") && l.ends_with(".yaml |")
                    || l.contains("rows.csv:")
            )
            .count(),
        20
    );
    assert!(md.contains("summary.csv"));
}

#[test]
fn one_enterprise_makes_a_cohort_too() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, stderr) = batch(
        &[
            "tests/fixtures/batch/mixed/good/01-an-phat.answers.yaml",
            "--lang",
            "en",
        ],
        &out,
    );
    assert_eq!(code, 0, "{stderr}");
    let md = fs::read_to_string(out.join("cohort.md")).unwrap();
    assert!(
        md.contains("| Sales | 83 | 83 | 83 | 83 | 83 | 83 |"),
        "{md}"
    );
    assert!(
        md.contains("| 1 | Công ty TNHH Thực phẩm An Phát | 45.8 | 1 · Beginning |"),
        "{md}"
    );
}

#[test]
fn nothing_scored_still_writes_every_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, _) = batch(
        &["tests/fixtures/batch/mixed/empty.yaml", "--lang", "en"],
        &out,
    );
    assert_eq!(code, 1);
    let md = fs::read_to_string(out.join("cohort.md")).unwrap();
    assert!(md.contains("No enterprise was scored."), "{md}");
    assert_eq!(csv_rows(&out.join("summary.csv")).len(), 1);
    assert_eq!(csv_rows(&out.join("errors.csv")).len(), 2);
}
