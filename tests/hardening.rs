//! The promises of docs/security.md, each on the reproduction that once broke it (issue 13):
//! bounded time and memory on hostile files, clear errors instead of parser jargon, symlink
//! rules in batch folders, control characters neutralised in what reaches a terminal or a
//! spreadsheet, and the rough edges a new user hit.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

const EXAMPLE: &str = include_str!("../examples/an-phat-thanh-ha.answers.yaml");

fn dxready() -> Command {
    Command::cargo_bin("dxready").expect("binary built")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: Option<&Path>, args: &[&str]) -> Run {
    let mut cmd = dxready();
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let out = cmd
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!r.stderr.contains("panicked"), "panic: {}", r.stderr);
    r
}

fn run(args: &[&str]) -> Run {
    run_in(None, args)
}

fn write(dir: &Path, name: &str, body: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, body).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The example with one line replaced (the replacement must change it).
fn example_with(from: &str, to: &str) -> String {
    let body = EXAMPLE.replace(from, to);
    assert_ne!(body, EXAMPLE, "the replacement must change the example");
    body
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// An answers file with `n` unknown question ids (issue 13, item 1).
fn many_unknown_ids(n: usize) -> String {
    let mut body = String::from(
        "format: 1\nquestionnaire: {id: sme-dx-readiness, version: \"2026.1\"}\nassessed_on: 2026-11-27\nanswers:\n",
    );
    for i in 0..n {
        body.push_str(&format!("  k{i}: 1\n"));
    }
    body
}

// ---------------------------------------------------------------------------------------------
// 1. Many problems in one file: listed up to a cap, located in one pass.

#[test]
fn thousands_of_problems_are_capped_with_a_count_and_each_listed_one_is_located() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "unk.yaml", many_unknown_ids(16_000));
    let r = run(&["validate", s(&f)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert!(lines.len() <= 101, "{} lines", lines.len());
    assert!(
        lines[0].starts_with("error: ") && lines[0].contains("unk.yaml:5:"),
        "{}",
        lines[0]
    );
    // The 99th unknown id sits on line 5 + 98.
    assert!(
        r.stderr.contains("unk.yaml:103:") && r.stderr.contains("`k98`"),
        "{}",
        r.stderr
    );
    let last = lines.last().unwrap();
    assert!(
        last.contains("… and ") && last.contains(" more problems"),
        "{last}"
    );
}

#[test]
fn a_batch_error_reason_fits_in_a_spreadsheet_cell() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "in/unk.answers.yaml", many_unknown_ids(16_000));
    let out = dir.path().join("out");
    let r = run(&["batch", s(&f), "--out", s(&out)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let rows = csv_rows(&out.join("errors.csv"));
    assert_eq!(rows.len(), 1);
    let reason = &rows[0][2];
    assert!(reason.chars().count() < 32_767, "{} chars", reason.len());
    assert!(reason.starts_with("line 5, column "), "{}", &reason[..80]);
    assert!(
        reason.contains(" more problems"),
        "{}",
        &reason[reason.len() - 80..]
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Numbers and characters.

#[test]
fn within_months_beyond_a_century_is_a_validation_error_not_a_wrap() {
    let dir = TempDir::new().unwrap();
    let mini = std::fs::read_to_string("tests/fixtures/mini/mini.yaml").unwrap();
    let catalog = std::fs::read_to_string("tests/fixtures/mini/mini.programs.yaml").unwrap();
    let q = write(dir.path(), "mini.yaml", mini);
    let bad = catalog.replace("within_months: 12", "within_months: 4294967295");
    assert_ne!(bad, catalog);
    let c = write(dir.path(), "mini.programs.yaml", bad);
    let r = run(&["validate", s(&q), s(&c)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("mini.programs.yaml:14:")
            && r.stderr
                .contains("within_months must be from 0 to 1200 (100 years), found 4294967295"),
        "{}",
        r.stderr
    );
}

#[test]
fn huge_numbers_are_refused_at_their_line_without_parser_jargon() {
    let dir = TempDir::new().unwrap();
    for (value, shown) in [
        ("1e300", "1e300"),
        ("9223372036854775807", "9223372036854775807"),
        (
            "100000000000000000000000000000",
            "100000000000000000000000000000",
        ),
        (".inf", ".inf"),
    ] {
        let f = write(
            dir.path(),
            "big.answers.yaml",
            example_with("  employees: 12\n", &format!("  employees: {value}\n")),
        );
        let r = run(&["score", s(&f)]);
        assert_eq!(r.code, 1, "{value}: {}", r.stderr);
        assert!(
            r.stderr
                .contains("big.answers.yaml:13:14: answers.employees: ")
                && (r
                    .stderr
                    .contains(&format!("the number {shown} is too large"))
                    || r.stderr.contains("expected a finite number")),
            "{value}: {}",
            r.stderr
        );
        assert!(
            !r.stderr.contains("u128") && !r.stderr.contains("invalid type"),
            "{}",
            r.stderr
        );
    }
    // The same bound for a CSV cell.
    let csv = write(
        dir.path(),
        "rows.csv",
        "enterprise_name,employees,assessed_on\nA,1e300,2026-11-27\n",
    );
    let r = run(&["validate", s(&csv)]);
    assert!(
        r.stderr.contains("row 2: ") && r.stderr.contains("the number 1e300 is too large"),
        "{}",
        r.stderr
    );
}

#[test]
fn nul_bytes_and_duplicate_keys_are_reported_where_they_are() {
    let dir = TempDir::new().unwrap();
    let f = write(
        dir.path(),
        "nul.answers.yaml",
        example_with(
            "  employees: 12\n",
            "  employees: 12\n  notes_x: \"a\0b\"\n",
        ),
    );
    let r = run(&["validate", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("nul.answers.yaml:14:14: the file contains the control character U+0000"),
        "{}",
        r.stderr
    );
    let f = write(
        dir.path(),
        "dup.answers.yaml",
        example_with("  employees: 12\n", "  employees: 12\n  employees: 13\n"),
    );
    let r = run(&["validate", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("dup.answers.yaml:14:3: the key `employees` appears twice in the same map (first on line 13)"),
        "{}",
        r.stderr
    );
}

#[test]
fn escape_sequences_in_names_never_reach_the_terminal_or_the_spreadsheet_raw() {
    let dir = TempDir::new().unwrap();
    let name = "  enterprise_name: \"\\e]0;pwned\\a\\e[2J\\0\u{202e}x\"\n";
    let f = write(
        dir.path(),
        "esc.answers.yaml",
        example_with(
            "  enterprise_name: \"Công ty TNHH Thực phẩm An Phát Thanh Hà\"\n",
            name,
        ),
    );
    let r = run(&["score", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for bad in ['\u{1b}', '\u{7}', '\0', '\u{202e}'] {
        assert!(!r.stdout.contains(bad), "{bad:?} in {:?}", r.stdout);
    }
    assert!(r.stdout.contains("␛]0;pwned␇␛[2J␀"), "{}", r.stdout);
    let out = dir.path().join("out");
    let r = run(&["batch", s(&f), "--out", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(
        !summary.contains('\u{1b}') && !summary.contains('\0'),
        "{summary:?}"
    );
    assert!(summary.contains("␛]0;pwned"), "{summary}");
    let r = run(&["score", "--format", "csv", s(&f)]);
    assert!(
        !r.stdout.contains('\u{1b}') && r.stdout.contains("␛"),
        "{}",
        r.stdout
    );
}
