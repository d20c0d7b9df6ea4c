//! Spreadsheets and field surveys end to end (issue #12): workbooks read like CSV files, the
//! summary workbook, call lists, forgiving CSV input, the intake workbook, the XLSForm (with
//! pyxform when installed) and the exports of both, scored without `--map`.

#[path = "support/field.rs"]
mod field;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use calamine::{Data, Reader, open_workbook_auto};
use dxready::answers::Answers;
use dxready::questionnaire::Questionnaire;

const MINI: &str = "tests/fixtures/mini/mini.yaml";

fn dxready() -> Command {
    Command::cargo_bin("dxready").unwrap()
}

fn embedded() -> Questionnaire {
    dxready::setup::Setup::load(&dxready::setup::Sources::default())
        .unwrap()
        .questionnaire
}

fn mini() -> Questionnaire {
    dxready::questionnaire::from_str(MINI, &fs::read_to_string(MINI).unwrap())
        .unwrap()
        .0
}

/// Runs `batch` (with `-q` when given); returns the exit code and stderr.
fn batch(q: Option<&str>, inputs: &[&Path], out: &Path, extra: &[&str]) -> (i32, String) {
    let mut c = dxready();
    if let Some(q) = q {
        c.args(["-q", q]);
    }
    let o = c
        .arg("batch")
        .args(inputs)
        .args(["--cohort-format", "md"])
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The summary rows without `input`, `row`, `report` and `duplicate_of`: what the scoring
/// says about each enterprise.
fn scores(out: &Path) -> Vec<Vec<String>> {
    let rows = csv_rows(&out.join("summary.csv"));
    let header = &rows[0];
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| !["input", "row", "report", "duplicate_of"].contains(&header[i].as_str()))
        .collect();
    rows.iter()
        .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
        .collect()
}

/// Writes the enterprises as answer files `e000.answers.yaml`, … (sorted as generated).
fn answer_files(q: &Questionnaire, rows: &[Answers], dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for (i, a) in rows.iter().enumerate() {
        fs::write(dir.join(format!("e{i:03}.answers.yaml")), a.to_yaml(q)).unwrap();
    }
}

/// pyxform's converter: `xls2xform` on the PATH, else `python3 -m pyxform.xls2xform` (pip
/// may install scripts outside the PATH). Missing: the test skips, or fails under
/// `DXREADY_FULL_TESTS=1`.
fn xls2xform() -> Option<Process> {
    let works = |mut c: Process| c.arg("--help").output().is_ok_and(|o| o.status.success());
    if works(Process::new("xls2xform")) {
        return Some(Process::new("xls2xform"));
    }
    let module = || {
        let mut c = Process::new("python3");
        c.args(["-m", "pyxform.xls2xform"]);
        c
    };
    if works(module()) {
        return Some(module());
    }
    assert!(
        std::env::var("DXREADY_FULL_TESTS").as_deref() != Ok("1"),
        "pyxform is not installed, and DXREADY_FULL_TESTS=1 requires it"
    );
    println!("skipped: pyxform is not installed (pip install pyxform)");
    None
}

/// The workbooks are LibreOffice conversions of the example CSV files (tax codes as text
/// cells, dates as date cells): `tests/fixtures/sheets/` of `examples/enterprises.csv`
/// (2026.2), `tests/fixtures/sheets/2026.1/` of `examples/2026.1/enterprises.csv`.
#[test]
fn workbooks_give_the_same_summary_rows_as_the_csv() {
    let tmp = tempfile::tempdir().unwrap();
    for (csv, dir, version) in [
        (
            "examples/enterprises.csv",
            "tests/fixtures/sheets",
            "2026.2",
        ),
        (
            "examples/2026.1/enterprises.csv",
            "tests/fixtures/sheets/2026.1",
            "2026.1",
        ),
    ] {
        let csv_out = tmp.path().join(format!("csv-{version}"));
        let (code, err) = batch(None, &[Path::new(csv)], &csv_out, &[]);
        assert_eq!(code, 0, "{err}");
        let expected = csv_rows(&csv_out.join("summary.csv"));
        assert_eq!(expected.len(), 6);
        for ext in ["xlsx", "ods", "xls"] {
            let input = PathBuf::from(format!("{dir}/enterprises.{ext}"));
            let out = tmp.path().join(format!("{ext}-{version}"));
            let (code, err) = batch(None, &[&input], &out, &["--format", "json"]);
            assert_eq!(code, 0, "{ext}: {err}");
            // Read with the version the sheet was made for (its columns say which).
            let jsonl = fs::read_to_string(out.join("summary.jsonl")).unwrap();
            assert_eq!(
                jsonl.matches(&format!("\"version\":\"{version}\"")).count(),
                5,
                "{ext} {version}: {jsonl}"
            );
            let (code, err) = batch(None, &[&input], &out, &[]);
            assert_eq!(code, 0, "{ext}: {err}");
            let got = csv_rows(&out.join("summary.csv"));
            assert_eq!(got.len(), expected.len(), "{ext}");
            for (g, e) in got.iter().zip(&expected) {
                assert_eq!(
                    g[1..],
                    e[1..],
                    "{ext} {version}: the row, scores and profile values agree"
                );
            }
            assert_eq!(got[1][0], input.display().to_string());
        }
        // validate reads them the same way, with the same version.
        let o = dxready()
            .args(["validate", &format!("{dir}/enterprises.ods")])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            stdout.contains(&format!("sme-dx-readiness {version}: 5 rows")),
            "{stdout}"
        );
    }
}

#[test]
fn summary_workbook_has_numbers_vietnamese_and_names_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.csv");
    let header = "enterprise_name,founded_on,assessed_on,employees,sector,province,sells_online,channels,online_share,has_certificate,skills,barcodes";
    fs::write(
        &input,
        format!(
            "{header}\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"bấm\"\")\",2020-01-01,2026-11-27,5,manufacturing,hai_duong_area,yes,website;social,30,none,3,yes\nCông ty Đồng Tâm,2020-01-01,2026-11-27,50,services,other,no,,0,valid,4,\nHỏng,2020-01-01,2026-11-27,5,mining,other,no,,0,valid,4,\n"
        ),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = batch(Some(MINI), &[&input], &out, &[]);
    assert_eq!(code, 1, "{err}");
    let mut book = open_workbook_auto(out.join("summary.xlsx")).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[..2], ["Tổng hợp", "Lỗi"], "{names:?}");
    assert!(
        names.iter().any(|n| n == "shop"),
        "a call list sheet: {names:?}"
    );
    let sheet = book.worksheet_range("Tổng hợp").unwrap();
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 2), Data::String("Doanh nghiệp".into()));
    assert_eq!(cell(0, 3), Data::String("Điểm tổng".into()));
    assert_eq!(cell(0, 6), Data::String("Bán hàng".into()));
    assert_eq!(
        cell(1, 2),
        Data::String("=HYPERLINK(\"http://evil.example\",\"bấm\")".into())
    );
    assert_eq!(cell(2, 2), Data::String("Công ty Đồng Tâm".into()));
    let summary = csv_rows(&out.join("summary.csv"));
    for (r, row) in summary[1..].iter().enumerate() {
        let overall: f64 = row[3].parse().unwrap();
        match cell(r as u32 + 1, 3) {
            Data::Float(f) => assert!((f - overall).abs() < 0.005, "{f} vs {overall}"),
            other => panic!("the overall score is a number cell, found {other:?}"),
        }
    }
    assert_eq!(cell(1, 1), Data::Float(2.0), "the CSV row is a number");
    assert_eq!(cell(2, 8), Data::Empty, "trace does not apply to services");
    // No cell anywhere is a formula.
    for name in &names {
        let formulas = book.worksheet_formula(name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "sheet {name} has a formula"
        );
    }
    let errors = book.worksheet_range("Lỗi").unwrap();
    assert_eq!(errors.get_value((1, 1)), Some(&Data::Float(4.0)));
    // The same inputs give the same bytes.
    let first = fs::read(out.join("summary.xlsx")).unwrap();
    batch(Some(MINI), &[&input], &out, &[]);
    assert_eq!(first, fs::read(out.join("summary.xlsx")).unwrap());
    // --no-xlsx leaves it out; --csv-excel adds the Excel-flavoured CSV.
    let out2 = tmp.path().join("out2");
    batch(Some(MINI), &[&input], &out2, &["--no-xlsx", "--csv-excel"]);
    assert!(!out2.join("summary.xlsx").exists());
    let excel = fs::read(out2.join("summary-excel.csv")).unwrap();
    assert!(excel.starts_with("\u{feff}input;row;enterprise;overall".as_bytes()));
    let text = String::from_utf8(excel).unwrap();
    let line = text.lines().nth(2).unwrap();
    assert!(line.contains(";Công ty Đồng Tâm;"), "{line}");
    let overall = &summary[2][3];
    assert!(
        line.contains(&format!(";{};", overall.replace('.', ","))),
        "{line}"
    );
    assert!(text.lines().nth(1).unwrap().contains("'=HYPERLINK("));
}

#[test]
fn call_lists_hold_exactly_the_enterprises_recommended_each_program() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, err) = batch(None, &[Path::new("examples")], &out, &[]);
    assert!(
        err.contains("a mapping file (for --map), not answers: passed over"),
        "{err}"
    );
    // Only the two exports of the test questionnaire (examples/batch/, for --map) fail.
    assert_eq!(code, 1, "{err}");
    let errors = csv_rows(&out.join("errors.csv"));
    let failed: Vec<&str> = errors[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        failed,
        [
            "examples/batch/google-forms.csv",
            "examples/batch/kobo-export.csv"
        ]
    );
    assert!(errors[1][2].contains("--map FILE"), "{}", errors[1][2]);
    let summary = csv_rows(&out.join("summary.csv"));
    let h = &summary[0];
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (rec, dup, name) = (col("recommended"), col("duplicate_of"), col("enterprise"));
    assert_eq!(
        h[rec + 1..],
        [
            "tax_code",
            "sector",
            "size_class",
            "province",
            "commune",
            "report",
            "duplicate_of"
        ]
    );
    for program in ["hd-digital-signature-50", "smedx", "hd-ecommerce"] {
        let expected: Vec<String> = summary[1..]
            .iter()
            .filter(|r| r[dup].is_empty() && r[rec].split(';').any(|p| p == program))
            .map(|r| r[name].clone())
            .collect();
        let list = csv_rows(&out.join(format!("programs/{program}.csv")));
        assert_eq!(
            list[0],
            [
                "enterprise",
                "tax_code",
                "contact",
                "province",
                "commune",
                "sector",
                "size_class",
                "reasons",
                "input",
                "row"
            ]
        );
        let mut got: Vec<String> = list[1..].iter().map(|r| r[0].clone()).collect();
        let mut want = expected.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{program}");
        assert!(
            list[1..].iter().all(|r| !r[7].is_empty()),
            "reasons are given"
        );
    }
    // The same enterprise again (same tax code) is flagged and counted once.
    let dups: Vec<&Vec<String>> = summary[1..].iter().filter(|r| !r[dup].is_empty()).collect();
    assert!(!dups.is_empty());
    let cohort = fs::read_to_string(out.join("cohort.md")).unwrap();
    assert!(
        cohort.contains(&format!(
            "\n{} hồ sơ trùng với một doanh nghiệp đã tính",
            dups.len()
        )),
        "{cohort}"
    );
    for d in dups {
        let first = summary[1..]
            .iter()
            .find(|r| {
                let here = if r[1].is_empty() {
                    r[0].clone()
                } else {
                    format!("{}:{}", r[0], r[1])
                };
                here == d[dup]
            })
            .expect("duplicate_of names an earlier input");
        assert_eq!(first[col("tax_code")], d[col("tax_code")]);
    }
}

#[test]
fn forgiving_csv_decimal_commas_tabs_utf16_and_a_clear_refusal() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let semi = "enterprise_name;founded_on;assessed_on;employees;sector;province;sells_online;channels;online_share;has_certificate;skills\nA;2020-01-01;2026-11-27;5;services;other;yes;website;12,5;valid;3\n";
    fs::write(d.join("semi.csv"), semi).unwrap();
    let comma = "enterprise_name,founded_on,assessed_on,employees,sector,province,sells_online,channels,online_share,has_certificate,skills\nA,2020-01-01,2026-11-27,5,services,other,yes,website,\"12,5\",valid,3\nB,2020-01-01,2026-11-27,5,services,other,yes,website,\"1,500\",valid,3\n";
    fs::write(d.join("comma.csv"), comma).unwrap();
    let tab = semi.replace(';', "\t").replace("12,5", "12.5");
    fs::write(d.join("tab.tsv"), &tab).unwrap();
    let utf16: Vec<u8> = format!("\u{feff}{}", tab.replace("A\t", "Công ty Ánh Dương\t"))
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    fs::write(d.join("unicode-text.csv"), utf16).unwrap();
    let ansi_text = semi.replace("A;", "Công ty Đông Á;");
    let (cp1258, _, _) = encoding_rs::WINDOWS_1258.encode(&ansi_text);
    fs::write(d.join("ansi.csv"), cp1258).unwrap();
    let out = d.join("out");
    let (code, err) = batch(Some(MINI), &[d], &out, &[]);
    assert_eq!(code, 1, "{err}");
    let summary = csv_rows(&out.join("summary.csv"));
    let got: Vec<(String, String)> = summary[1..]
        .iter()
        .map(|r| {
            (
                Path::new(&r[0])
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                r[2].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("comma.csv".to_string(), "A".to_string()),
            ("semi.csv".into(), "A".into()),
            ("tab.tsv".into(), "A".into()),
            ("unicode-text.csv".into(), "Công ty Ánh Dương".into()),
        ]
    );
    // 12,5 and 12.5 score alike.
    assert!(summary[1..].iter().all(|r| r[3] == summary[1][3]));
    let errors = csv_rows(&out.join("errors.csv"));
    let reason = |file: &str| {
        errors
            .iter()
            .find(|r| r[0].ends_with(file))
            .map(|r| r[2].clone())
            .unwrap_or_else(|| panic!("{file} is in errors.csv: {errors:?}"))
    };
    // In the user's language (the questionnaire's first, Vietnamese), naming the likely
    // encoding and how to save the file again.
    let ansi = reason("ansi.csv");
    assert!(
        ansi.contains("không phải văn bản UTF-8")
            && ansi.contains("Windows-1258")
            && ansi.contains("hãy lưu lại dưới dạng CSV UTF-8"),
        "{ansi}"
    );
    let ambiguous = reason("comma.csv");
    assert!(
        // In the questionnaire's language (Vietnamese).
        ambiguous.contains("\"1,500\" có thể hiểu theo hai cách"),
        "{ambiguous}"
    );
    assert_eq!(summary.len() - 1 + errors.len() - 1, 6);
}

#[test]
fn folders_mix_workbooks_exports_and_answer_files_and_pass_over_the_rest_with_a_notice() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    fs::create_dir_all(&d).unwrap();
    fs::copy("tests/fixtures/sheets/enterprises.xlsx", d.join("a.xlsx")).unwrap();
    fs::copy("examples/batch/kobo.map.yaml", d.join("kobo.map.yaml")).unwrap();
    fs::write(d.join("notes.txt"), "not an input").unwrap();
    fs::write(d.join("bad.xlsx"), "not a workbook").unwrap();
    fs::copy(
        "examples/chu-dau-ceramics.answers.yaml",
        d.join("c.answers.yaml"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = batch(None, &[&d], &out, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("notes.txt: passed over"), "{err}");
    assert!(err.contains("kobo.map.yaml: a mapping file"), "{err}");
    let summary = csv_rows(&out.join("summary.csv"));
    assert_eq!(
        summary.len() - 1,
        6,
        "5 rows of the workbook and the answers file"
    );
    let errors = csv_rows(&out.join("errors.csv"));
    assert_eq!(errors.len() - 1, 1);
    assert!(errors[1][0].ends_with("bad.xlsx"));
    assert!(
        errors[1][2].contains("cannot read the workbook"),
        "{}",
        errors[1][2]
    );
}

/// Every question of every embedded-questionnaire row scored from an export must agree with
/// the same enterprises as answer files.
fn same_scores(q_arg: Option<&str>, answers_dir: &Path, export: &Path, tmp: &Path) {
    let a = tmp.join("from-answers");
    let (code, err) = batch(q_arg, &[answers_dir], &a, &[]);
    assert_eq!(code, 0, "{err}");
    let e = tmp.join(format!(
        "from-{}",
        export.file_name().unwrap().to_string_lossy()
    ));
    let (code, err) = batch(q_arg, &[export], &e, &[]);
    assert_eq!(
        code,
        0,
        "{}: {err}\n{}",
        export.display(),
        fs::read_to_string(e.join("errors.csv")).unwrap_or_default()
    );
    assert_eq!(scores(&e), scores(&a), "{}", export.display());
}

#[test]
fn kobo_exports_of_the_generated_form_score_without_a_map() {
    let tmp = tempfile::tempdir().unwrap();
    for (q, q_arg) in [(embedded(), None), (mini(), Some(MINI))] {
        let rows = field::enterprises(&q, 20);
        let answers = tmp.path().join(format!("answers-{}", q.id));
        answer_files(&q, &rows, &answers);
        let semi = tmp.path().join(format!("kobo-{}.csv", q.id));
        fs::write(&semi, field::kobo_export(&q, &rows, b';', true, true)).unwrap();
        same_scores(q_arg, &answers, &semi, tmp.path());
        let flags = tmp.path().join(format!("kobo-flags-{}.csv", q.id));
        fs::write(&flags, field::kobo_export(&q, &rows, b',', false, true)).unwrap();
        same_scores(q_arg, &answers, &flags, tmp.path());
        let google = tmp.path().join(format!("google-{}.csv", q.id));
        fs::write(&google, field::google_forms_export(&q, &rows, "vi")).unwrap();
        same_scores(q_arg, &answers, &google, tmp.path());
        let google_en = tmp.path().join(format!("google-en-{}.csv", q.id));
        fs::write(&google_en, field::google_forms_export(&q, &rows, "en")).unwrap();
        same_scores(q_arg, &answers, &google_en, tmp.path());
    }
}

fn shipped_2026_1() -> Questionnaire {
    let path = "questionnaires/versions/2026.1/sme-dx-readiness.yaml";
    dxready::questionnaire::from_str(path, &fs::read_to_string(path).unwrap())
        .unwrap()
        .0
}

/// Drops the column with this header from a `;`-separated export.
fn without_column(text: &[u8], header: &str) -> Vec<u8> {
    let text = String::from_utf8(text.to_vec()).unwrap();
    let first: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    let c = first.iter().position(|h| *h == header).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let mut cells: Vec<&str> = line.split(';').collect();
        cells.remove(c);
        out.push_str(&cells.join(";"));
        out.push('\n');
    }
    out.into_bytes()
}

/// An export of the form made for 2026.1 (the default before 2026.2) is scored with 2026.1,
/// whether its rows name the version (`questionnaire_version`) or only its columns tell; a
/// row naming a version the columns do not fit fails with what to do; a version this dxready
/// does not ship is read with the file's version and a warning.
#[test]
fn exports_of_an_earlier_form_are_scored_with_its_version() {
    let tmp = tempfile::tempdir().unwrap();
    let old = shipped_2026_1();
    assert_eq!(old.version, "2026.1");
    let rows = field::enterprises(&old, 12);
    let answers = tmp.path().join("answers-2026.1");
    answer_files(&old, &rows, &answers);
    let named = field::kobo_export(&old, &rows, b';', true, true);
    let export = tmp.path().join("kobo-2026.1.csv");
    fs::write(&export, &named).unwrap();
    same_scores(None, &answers, &export, tmp.path());
    let unnamed = tmp.path().join("kobo-2026.1-no-version.csv");
    fs::write(&unnamed, without_column(&named, "questionnaire_version")).unwrap();
    same_scores(None, &answers, &unnamed, tmp.path());
    let out = tmp.path().join("json");
    let (code, err) = batch(None, &[&unnamed], &out, &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let jsonl = fs::read_to_string(out.join("summary.jsonl")).unwrap();
    assert_eq!(jsonl.matches("\"version\":\"2026.1\"").count(), 12);

    // A 2026.2 export with a row that claims 2026.1 and one that claims an unknown version.
    let q = embedded();
    let rows = field::enterprises(&q, 3);
    let text = String::from_utf8(field::kobo_export(&q, &rows, b';', true, true)).unwrap();
    let text = text
        .replacen(";2026.2;", ";2026.1;", 1)
        .replacen(";2026.2;", ";2099.1;", 1);
    let mixed = tmp.path().join("mixed.csv");
    fs::write(&mixed, text).unwrap();
    let out = tmp.path().join("mixed");
    let (code, err) = batch(None, &[&mixed], &out, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("row 3: answered to version 2099.1 of `sme-dx-readiness` (column `questionnaire_version`); reading it as version 2026.2"),
        "{err}"
    );
    let errors = csv_rows(&out.join("errors.csv"));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[1][1], "2");
    assert!(
        errors[1][2].contains("answered to version 2026.1")
            && errors[1][2].contains("export the submissions of each form version separately"),
        "{}",
        errors[1][2]
    );
    assert_eq!(csv_rows(&out.join("summary.csv")).len() - 1, 2);
}

#[test]
fn intake_workbooks_filled_by_labels_score_like_the_answer_files() {
    let tmp = tempfile::tempdir().unwrap();
    for (q, q_arg) in [(embedded(), None), (mini(), Some(MINI))] {
        let rows = field::enterprises(&q, 20);
        let answers = tmp.path().join(format!("answers-{}", q.id));
        answer_files(&q, &rows, &answers);
        for lang in ["vi", "en"] {
            let book = tmp.path().join(format!("intake-{}-{lang}.xlsx", q.id));
            fs::write(
                &book,
                dxready::sheets::intake::workbook(&q, lang, &rows).unwrap(),
            )
            .unwrap();
            same_scores(q_arg, &answers, &book, tmp.path());
        }
    }
}

#[test]
fn intake_template_has_dropdowns_notes_and_a_readme() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("intake.xlsx");
    let o = dxready()
        .args(["questionnaire", "xlsx-template", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let q = embedded();
    let mut book = open_workbook_auto(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Nhập liệu", "_lists", "Hướng dẫn", "_dxready"]
    );
    let data = book.worksheet_range("Nhập liệu").unwrap();
    let row = |r: u32| -> Vec<String> {
        (0..data.width() as u32)
            .map(|c| {
                data.get_value((r, c))
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            })
            .collect()
    };
    let ids = row(1);
    assert_eq!(ids.len(), q.questions.len() + 3);
    for question in &q.questions {
        let c = ids.iter().position(|i| *i == question.id).unwrap();
        assert_eq!(row(0)[c], question.text.get("vi"));
    }
    assert!(ids.contains(&"assessed_on".to_string()));
    let readme = book.worksheet_range("Hướng dẫn").unwrap();
    let text: String = readme.rows().flatten().map(|d| d.to_string()).collect();
    assert!(text.contains("dấu ;"), "{text}");
    // Dropdowns (data validation lists) on the choice columns, number limits on numbers.
    let mut zip = zip::ZipArchive::new(fs::File::open(&path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    let lists = xml.matches("type=\"list\"").count();
    let choice_questions = q
        .questions
        .iter()
        .filter(|x| {
            !x.kind.option_ids().is_empty()
                || matches!(x.kind, dxready::questionnaire::Kind::Scale { .. })
        })
        .count();
    assert_eq!(
        lists,
        choice_questions + 1,
        "one list per choice question and the language"
    );
    assert!(xml.contains("type=\"decimal\"") || xml.contains("type=\"whole\""));
    assert!(xml.contains("<row r=\"2\"") && xml.contains("hidden=\"1\""));
    // An empty template is no failure, just no enterprise rows.
    let o = dxready().args(["validate"]).arg(&path).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("no enterprise rows"));
}

#[test]
fn the_xlsform_converts_with_pyxform() {
    let tmp = tempfile::tempdir().unwrap();
    // The default, the mini questionnaire, and one whose show_if tests a fact with several
    // cases per value.
    for (i, (q, version)) in [
        (None, "2026.2"),
        (Some(MINI), "1.0"),
        (Some("tests/fixtures/sheets/facts.yaml"), "1.0"),
    ]
    .into_iter()
    .enumerate()
    {
        let form = tmp.path().join(format!("form-{i}.xlsx"));
        let mut c = dxready();
        if let Some(q) = q {
            c.args(["-q", q]);
        }
        let o = c
            .args(["questionnaire", "xlsform", "-o"])
            .arg(&form)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut book = open_workbook_auto(&form).unwrap();
        assert_eq!(book.sheet_names(), ["survey", "choices", "settings"]);
        let survey = book.worksheet_range("survey").unwrap();
        let header: Vec<String> = survey
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|d| d.to_string())
            .collect();
        for h in [
            "type",
            "name",
            "label::Tiếng Việt (vi)",
            "label::English (en)",
            "hint::Tiếng Việt (vi)",
            "relevant",
            "constraint",
            "required",
        ] {
            assert!(header.iter().any(|x| x == h), "{h} in {header:?}");
        }
        let types: Vec<String> = survey.rows().skip(1).map(|r| r[0].to_string()).collect();
        assert_eq!(types[0], "today");
        assert!(i == 2 || types.iter().any(|t| t.starts_with("select_multiple ")));
        assert!(
            survey
                .rows()
                .any(|r| r[0] == Data::String("calculate".into())
                    && r[1] == Data::String("questionnaire_version".into())),
            "the version is a calculated field"
        );
        let Some(mut xls2xform) = xls2xform() else {
            return;
        };
        let xml = tmp.path().join(format!("form-{i}.xml"));
        let o = xls2xform.arg(&form).arg(&xml).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.status.success() && text.contains("Conversion complete"),
            "{text}"
        );
        assert!(!text.to_lowercase().contains("warning"), "{text}");
        let xform = fs::read_to_string(&xml).unwrap();
        assert!(
            xform.contains("jr:preloadParams=\"today\""),
            "assessed_on is recorded by the form"
        );
        assert!(
            xform.contains(&format!(
                "<bind nodeset=\"/data/questionnaire_version\" type=\"string\" calculate=\"'{version}'\"/>"
            )),
            "every submission records the questionnaire version"
        );
    }
}

/// A delimited export as a workbook of text cells (KoboToolbox's xlsx download).
fn as_workbook(text: &[u8], delimiter: u8) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text);
    for (i, rec) in r.records().enumerate() {
        for (c, cell) in rec.unwrap().iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(i as u32, c as u16, cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_kobo_xlsx_download_scores_like_the_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let q = embedded();
    let rows = field::enterprises(&q, 20);
    let answers = tmp.path().join("answers");
    answer_files(&q, &rows, &answers);
    let book = tmp.path().join("kobo.xlsx");
    fs::write(
        &book,
        as_workbook(&field::kobo_export(&q, &rows, b',', true, true), b','),
    )
    .unwrap();
    same_scores(None, &answers, &book, tmp.path());
}

#[test]
fn field_examples_are_what_the_generators_make() {
    let q = embedded();
    let rows = field::enterprises(&q, 28);
    let files = [
        (
            "form.xlsx",
            dxready::sheets::xlsform::workbook(&q, "vi").unwrap(),
        ),
        (
            "kobo-export.csv",
            field::kobo_export(&q, &rows[..20], b';', true, true),
        ),
        (
            "intake-filled.xlsx",
            dxready::sheets::intake::workbook(&q, "vi", &rows[20..]).unwrap(),
        ),
    ];
    let dir = Path::new("examples/field");
    if std::env::var("DXREADY_REGENERATE").as_deref() == Ok("1") {
        for (name, bytes) in &files {
            fs::write(dir.join(name), bytes).unwrap();
        }
    }
    for (name, bytes) in &files {
        let committed = fs::read(dir.join(name)).unwrap_or_default();
        assert!(
            committed == *bytes,
            "examples/field/{name} is not what the questionnaire gives now: DXREADY_REGENERATE=1 cargo test --test sheets field_examples"
        );
    }
    // The same bytes every time.
    assert_eq!(
        dxready::sheets::xlsform::workbook(&q, "vi").unwrap(),
        files[0].1
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, err) = batch(None, &[dir], &out, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("form.xlsx: an XLSForm"), "{err}");
    assert_eq!(csv_rows(&out.join("summary.csv")).len() - 1, 28);
}

#[test]
fn score_writes_a_workbook_with_o() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("scores.xlsx");
    let o = dxready()
        .args([
            "score",
            "examples/an-phat-thanh-ha.answers.yaml",
            "--format",
            "xlsx",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "no -o is a usage error");
    assert!(String::from_utf8_lossy(&o.stderr).contains("-o FILE.xlsx"));
    let o = dxready()
        .args([
            "score",
            "examples/an-phat-thanh-ha.answers.yaml",
            "missing.answers.yaml",
        ])
        .args(["--format", "xlsx", "--lang", "en", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "a missing file is an input error");
    let mut book = open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Summary", "Errors"]);
    let s = book.worksheet_range("Summary").unwrap();
    assert_eq!(s.get_value((0, 3)), Some(&Data::String("Overall".into())));
    let json = dxready()
        .args([
            "score",
            "examples/an-phat-thanh-ha.answers.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let overall = json["overall"]["score"].as_f64().unwrap();
    assert!(
        matches!(s.get_value((1, 3)), Some(Data::Float(f)) if (f - overall).abs() < 1e-9),
        "the overall as a number: {:?}, score says {overall}",
        s.get_value((1, 3))
    );
    let e = book.worksheet_range("Errors").unwrap();
    assert_eq!(
        e.get_value((1, 0)),
        Some(&Data::String("missing.answers.yaml".into()))
    );
}

#[test]
fn the_submission_time_is_the_date_when_the_form_gave_none() {
    let tmp = tempfile::tempdir().unwrap();
    let q = mini();
    let rows = field::enterprises(&q, 3);
    let text = String::from_utf8(field::kobo_export(&q, &rows, b';', true, false)).unwrap();
    // Blank the form's own assessed_on (5th column) and move the submission a day on.
    let blanked: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut cells: Vec<&str> = l.split(';').collect();
            if i > 0 {
                cells[4] = "";
            }
            cells.join(";").replace("2026-11-27T02:", "2026-11-28T02:")
        })
        .collect();
    let input = tmp.path().join("kobo.csv");
    fs::write(&input, blanked.join("\n")).unwrap();
    let out = tmp.path().join("out");
    let (code, err) = batch(Some(MINI), &[&input], &out, &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let jsonl = fs::read_to_string(out.join("summary.jsonl")).unwrap();
    assert_eq!(
        jsonl.matches("\"assessed_on\":\"2026-11-28\"").count(),
        3,
        "{jsonl}"
    );
}
