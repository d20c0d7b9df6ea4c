//! The binary on fixtures for every error class of formats.md and cli.md: the exit code,
//! a message naming the file, position, id and what was expected, and never a panic.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

const MINI: &str = "tests/fixtures/mini/mini.yaml";
const ANSWERS: &str = include_str!("fixtures/mini/new-firm.answers.yaml");

fn dxready() -> Command {
    Command::cargo_bin("dxready").expect("binary built")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = dxready().args(args).output().expect("runs");
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!r.stderr.contains("panicked"), "panic: {}", r.stderr);
    assert!(
        !r.stderr.contains("RUST_BACKTRACE"),
        "backtrace hint: {}",
        r.stderr
    );
    r
}

fn write(dir: &TempDir, name: &str, body: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, body).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Scores an answers file built from the good one with one line replaced.
fn score_variant(from: &str, to: &str) -> Run {
    let dir = TempDir::new().unwrap();
    let body = ANSWERS.replace(from, to);
    assert_ne!(body, ANSWERS, "the replacement must change the fixture");
    let f = write(&dir, "x.answers.yaml", body);
    run(&["-q", MINI, "--lang", "en", "score", s(&f)])
}

#[test]
fn good_file_scores() {
    let r = run(&[
        "-q",
        MINI,
        "score",
        "tests/fixtures/mini/new-firm.answers.yaml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Công ty TNHH Thực phẩm An Phát"));
    assert!(r.stdout.contains("45,8"));
    assert!(r.stdout.contains("sig-50"));
}

#[test]
fn json_lines_shape() {
    let r = run(&[
        "--lang",
        "en",
        "-q",
        MINI,
        "score",
        "--format",
        "json",
        "tests/fixtures/mini/new-firm.answers.yaml",
        "missing.answers.yaml",
    ]);
    assert_eq!(r.code, 1);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let a = &lines[0];
    assert_eq!(a["questionnaire"]["id"], "mini");
    assert_eq!(a["assessed_on"], "2026-11-27");
    assert_eq!(a["overall"]["level"], 1);
    assert_eq!(a["dimensions"][0]["id"], "sales");
    assert_eq!(a["facts"]["size_class"], "small");
    assert_eq!(a["recommended"][0]["id"], "sig-50");
    assert!(a["recommended"][0]["reasons"].as_array().unwrap().len() == 3);
    assert_eq!(a["expired"][0]["valid_until"], "2022-12-31");
    assert_eq!(lines[1]["file"], "missing.answers.yaml");
    assert!(lines[1]["error"].as_str().unwrap().contains("cannot read"));
}

#[test]
fn yaml_syntax_error_has_line_and_column() {
    let r = score_variant("  employees: 12\n", "  employees: [12\n");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("x.answers.yaml:"), "{}", r.stderr);
    assert!(r.stderr.contains("YAML syntax error"), "{}", r.stderr);
}

#[test]
fn unknown_question_id() {
    let r = score_variant(
        "  barcodes: \"no\"\n",
        "  barcodes: \"no\"\n  bar_codes: \"no\"\n",
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("unknown question id `bar_codes`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("x.answers.yaml:17:"),
        "line of the key: {}",
        r.stderr
    );
}

#[test]
fn wrong_type_unknown_option_out_of_range_all_reported() {
    let dir = TempDir::new().unwrap();
    let body = ANSWERS
        .replace("employees: 12", "employees: twelve")
        .replace("has_certificate: none", "has_certificate: maybe")
        .replace("skills: 3", "skills: 9");
    let f = write(&dir, "x.answers.yaml", body);
    let r = run(&["--lang", "en", "-q", MINI, "score", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("(employees): expected a whole number"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("(has_certificate): `maybe` is not an option of this question (expected one of: valid, expired, none)"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("(skills): expected a whole number from 1 to 5, found 9"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count(),
        3,
        "{}",
        r.stderr
    );
}

#[test]
fn missing_required_answer() {
    let r = score_variant("  has_certificate: none\n", "");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("missing answer to required question `has_certificate`"),
        "{}",
        r.stderr
    );
}

#[test]
fn text_answer_written_as_number_is_refused() {
    let r = score_variant(
        "enterprise_name: \"Công ty TNHH Thực phẩm An Phát\"",
        "enterprise_name: 801234567",
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("put it in quotes"), "{}", r.stderr);
}

#[test]
fn questionnaire_mismatch_is_an_error_and_version_mismatch_a_warning() {
    let r = score_variant("id: mini,", "id: other,");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("questionnaire `other`"), "{}", r.stderr);
    let r = score_variant("version: \"1.0\"", "version: \"0.9\"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning:") && r.stderr.contains("version 0.9"),
        "{}",
        r.stderr
    );
}

#[test]
fn not_utf8_and_too_large_and_empty() {
    let dir = TempDir::new().unwrap();
    let bad = write(
        &dir,
        "latin1.answers.yaml",
        b"format: 1\nnotes: \"caf\xe9\"\n",
    );
    let r = run(&["--lang", "en", "-q", MINI, "score", s(&bad)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("latin1.answers.yaml:2:") && r.stderr.contains("not UTF-8"),
        "{}",
        r.stderr
    );
    let big = write(
        &dir,
        "big.answers.yaml",
        format!("notes: \"{}\"\n", "a".repeat(1_100_000)),
    );
    let r = run(&["--lang", "en", "-q", MINI, "score", s(&big)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("over the limit"), "{}", r.stderr);
    let empty = write(&dir, "empty.answers.yaml", "");
    let r = run(&["--lang", "en", "-q", MINI, "score", s(&empty)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("empty.answers.yaml: file is empty"),
        "{}",
        r.stderr
    );
}

#[test]
fn alias_bomb_and_deep_nesting_are_refused() {
    let dir = TempDir::new().unwrap();
    let mut bomb = String::from("format: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for c in 'b'..='i' {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("{c}: &{c} [{refs}]\n"));
        prev = c;
    }
    let f = write(&dir, "bomb.answers.yaml", bomb);
    let r = run(&["--lang", "en", "-q", MINI, "score", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("bomb.answers.yaml")
            && (r.stderr.contains("alias") || r.stderr.contains("values")),
        "{}",
        r.stderr
    );
    let deep = write(
        &dir,
        "deep.answers.yaml",
        format!("notes: {}1{}\n", "[".repeat(200), "]".repeat(200)),
    );
    let r = run(&["--lang", "en", "-q", MINI, "score", s(&deep)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("nested"), "{}", r.stderr);
}

#[test]
fn missing_answers_file_is_an_input_error() {
    let r = run(&["--lang", "en", "-q", MINI, "score", "nope.answers.yaml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("error: nope.answers.yaml: cannot read"),
        "{}",
        r.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let r = run(&[
        "-q",
        MINI,
        "--lang",
        "fr",
        "score",
        "tests/fixtures/mini/new-firm.answers.yaml",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--lang fr") && r.stderr.contains("vi, en"),
        "{}",
        r.stderr
    );
    let r = run(&["score", "--frobnicate"]);
    assert_eq!(r.code, 2);
}

#[test]
fn unreadable_questionnaire_exits_3() {
    let r = run(&[
        "--lang",
        "en",
        "-q",
        "no/such/questionnaire.yaml",
        "score",
        "x.yaml",
    ]);
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains("no/such/questionnaire.yaml: cannot read"),
        "{}",
        r.stderr
    );
}

#[test]
fn questionnaire_problems_are_all_listed_with_positions() {
    let dir = TempDir::new().unwrap();
    let text = std::fs::read_to_string(MINI)
        .unwrap()
        .replace("id: sells_online", "id: Sells Online")
        .replace(
            "show_if: { question: sells_online, is: \"yes\" }",
            "show_if: { question: has_certificate, is: valid }",
        )
        .replace("score: 2 }", "score: 2, advise: x }")
        .replace(
            "applies_if: { question: sector, is: manufacturing }",
            "applies_if: { score: sales, below: 3 }",
        );
    let f = write(&dir, "q.yaml", text);
    let r = run(&["--lang", "en", "validate", s(&f)]);
    assert_eq!(r.code, 1);
    let e = &r.stderr;
    assert!(
        e.contains("(Sells Online): question id `Sells Online` must match [a-z0-9_]+"),
        "{e}"
    );
    assert!(e.contains("q.yaml:52:") && e.contains("(channels): condition refers to question `has_certificate`, which does not come before it"), "{e}");
    assert!(e.contains("unknown key `advise`"), "{e}");
    assert!(
        e.contains("`score:` conditions are allowed only in program catalogs"),
        "{e}"
    );
    assert!(
        e.lines().filter(|l| l.starts_with("error: ")).count() >= 4,
        "{e}"
    );
}

#[test]
fn catalog_problems() {
    let dir = TempDir::new().unwrap();
    let text = std::fs::read_to_string("tests/fixtures/mini/mini.programs.yaml")
        .unwrap()
        .replace("addresses: [signature]", "addresses: [signatures]")
        .replace("in: [none, expired]", "in: [none, lapsed]");
    let q = write(&dir, "mini.yaml", std::fs::read_to_string(MINI).unwrap());
    let c = write(&dir, "mini.programs.yaml", text);
    let r = run(&["validate", s(&q), s(&c)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("(sig-50): unknown dimension `signatures`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("(sig-50): `lapsed` is not an option of question `has_certificate`"),
        "{}",
        r.stderr
    );
    // The sibling catalog is picked up with -q and checked on every command.
    let r = run(&[
        "-q",
        s(&q),
        "score",
        "tests/fixtures/mini/new-firm.answers.yaml",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("mini.programs.yaml"), "{}", r.stderr);
    // A catalog for another questionnaire.
    let other = write(
        &dir,
        "other.programs.yaml",
        "format: 1\nquestionnaire: other\nprograms: []\n",
    );
    let r = run(&[
        "-q",
        MINI,
        "-p",
        s(&other),
        "score",
        "tests/fixtures/mini/new-firm.answers.yaml",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("this catalog is for questionnaire `other`"),
        "{}",
        r.stderr
    );
}

#[test]
fn x_keys_are_ignored_and_nfd_text_is_normalised() {
    let dir = TempDir::new().unwrap();
    let body = ANSWERS
        .replace("format: 1\n", "format: 1\nx-province-batch: 7\n")
        .replace(
            "Công ty TNHH Thực phẩm An Phát",
            "Co\u{0302}ng ty TNHH Thu\u{0323}\u{031b}c pha\u{0302}\u{0309}m An Pha\u{0301}t",
        );
    let f = write(&dir, "nfd.answers.yaml", body);
    let r = run(&["-q", MINI, "score", "--format", "json", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("\"enterprise\":\"Công ty TNHH Thực phẩm An Phát\""),
        "{}",
        r.stdout
    );
}

#[test]
fn validate_detects_kinds_and_strict_turns_warnings_into_errors() {
    let r = run(&[
        "-q",
        MINI,
        "validate",
        MINI,
        "tests/fixtures/mini/mini.programs.yaml",
        "tests/fixtures/mini/new-firm.answers.yaml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().filter(|l| l.starts_with("ok: ")).count(),
        3,
        "{}",
        r.stdout
    );
    let dir = TempDir::new().unwrap();
    let f = write(
        &dir,
        "v.answers.yaml",
        ANSWERS.replace("version: \"1.0\"", "version: \"0.9\""),
    );
    let r = run(&["-q", MINI, "validate", s(&f)]);
    assert_eq!(r.code, 0);
    let r = run(&["-q", MINI, "validate", "--strict", s(&f)]);
    assert_eq!(r.code, 1);
    let unknown = write(&dir, "what.yaml", "hello: world\n");
    let r = run(&["validate", s(&unknown)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("cannot tell what kind of file"),
        "{}",
        r.stderr
    );
}

#[test]
fn schemas_are_json_and_allow_x_keys() {
    for kind in ["questionnaire", "answers", "programs"] {
        let r = run(&["schema", kind]);
        assert_eq!(r.code, 0);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
        assert!(v["$schema"].is_string());
        assert!(r.stdout.contains("^x-"));
    }
    let r = run(&["schema", "questionnaire"]);
    assert!(
        r.stdout.contains("show_if")
            && r.stdout.contains("max_points")
            && r.stdout.contains("within_months")
    );
}

#[test]
fn csv_output_is_spreadsheet_safe() {
    let dir = TempDir::new().unwrap();
    let f = write(
        &dir,
        "f.answers.yaml",
        ANSWERS.replace("Công ty TNHH Thực phẩm An Phát", "=HYPERLINK(\\\"x\\\")"),
    );
    let r = run(&["-q", MINI, "score", "--format", "csv", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let row = r.stdout.lines().nth(1).unwrap();
    assert!(row.contains(",\"'=HYPERLINK"), "{row}");
}

#[test]
fn questionnaire_show_export_and_csv_template() {
    let r = run(&["-q", MINI, "questionnaire", "show", "--lang", "en"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("[channels] Channels (multi, max 2)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("asked if: sells_online ∈ {yes}"),
        "{}",
        r.stdout
    );
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("export");
    let r = run(&["-q", MINI, "questionnaire", "export", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.join("mini.yaml").is_file() && out.join("mini.programs.yaml").is_file());
    let r = run(&["-q", MINI, "questionnaire", "export", s(&out)]);
    assert_eq!(r.code, 2, "refuses to overwrite");
    let r = run(&["-q", MINI, "questionnaire", "csv-template"]);
    assert_eq!(r.code, 0);
    let header = r.stdout.lines().next().unwrap();
    assert!(
        header.starts_with("enterprise_name,founded_on,employees")
            && header.ends_with("assessed_on,language"),
        "{header}"
    );
}

#[test]
fn completions_and_version() {
    assert_eq!(run(&["completions", "bash"]).code, 0);
    let r = run(&["--version"]);
    assert!(r.stdout.starts_with("dxready "));
}

#[test]
fn outputs_that_cannot_be_written_exit_3_and_leave_nothing_behind() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("no-such-folder").join("r.html");
    let r = run(&[
        "report",
        "examples/an-phat-thanh-ha.answers.yaml",
        "--format",
        "html",
        "-o",
        s(&target),
    ]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
    let r = run(&[
        "report",
        "examples/an-phat-thanh-ha.answers.yaml",
        "--templates",
        "no/such/templates",
    ]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("no/such/templates"), "{}", r.stderr);
    // An existing report is replaced whole or not at all: no temp files are left.
    let out = dir.path().join("r.md");
    std::fs::write(&out, "old").unwrap();
    let r = run(&[
        "report",
        "examples/an-phat-thanh-ha.answers.yaml",
        "--format",
        "md",
        "-o",
        s(&out),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("# "));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}
