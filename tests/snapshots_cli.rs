//! Snapshot tests (insta) of what people read on the terminal: `validate` on broken files (in
//! Vietnamese by default and with `--lang en`) and the `score` table of every example. A
//! change in these outputs shows up as a snapshot diff to review (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test snapshots_cli` and read the diff).

use std::path::Path;

use assert_cmd::Command;

const MINI: &str = "tests/fixtures/mini/mini.yaml";
const ANSWERS: &str = include_str!("fixtures/mini/new-firm.answers.yaml");

/// stdout and stderr of a run from the repository root, with the exit code.
fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("dxready")
        .expect("binary built")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("runs");
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A broken copy of a fixture, under `target/` so its name in messages is stable.
fn broken(name: &str, body: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshots_cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path.display().to_string()
}

/// Messages name the file by the path given; the snapshot names it by its file name.
fn stable(s: String) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshots_cli");
    s.replace(&format!("{}/", dir.display()), "")
}

fn broken_answers() -> String {
    broken(
        "broken.answers.yaml",
        &ANSWERS
            .replace("  skills: 3\n", "  skills: 9\n")
            .replace("  has_certificate: none\n", "  has_certificate: maybe\n")
            .replace("  employees: 12\n", "  employees: 12.5\n  staff: 3\n")
            .replace("  sector: manufacturing\n", ""),
    )
}

#[test]
fn validate_broken_answers_vi() {
    let f = broken_answers();
    insta::assert_snapshot!(stable(run(&["-q", MINI, "validate", &f])));
}

#[test]
fn validate_broken_answers_en() {
    let f = broken_answers();
    insta::assert_snapshot!(stable(run(&["-q", MINI, "--lang", "en", "validate", &f])));
}

#[test]
fn validate_broken_questionnaire() {
    let q = std::fs::read_to_string(MINI).unwrap();
    let f = broken(
        "broken.yaml",
        &q.replacen("id: sells_online", "id: Sells Online", 1)
            .replacen("weight:", "wieght:", 1),
    );
    insta::assert_snapshot!(stable(run(&["--lang", "en", "validate", &f])));
}

#[test]
fn validate_broken_csv_header() {
    let f = broken(
        "broken.csv",
        "enterprise_name,founded,employees\nAn Phát,2026-05-20,12\n",
    );
    insta::assert_snapshot!(stable(run(&["-q", MINI, "validate", &f])));
}

#[test]
fn validate_unreadable_and_empty_files() {
    let empty = broken("empty.answers.yaml", "");
    let out = run(&["-q", MINI, "validate", &empty, "no/such.answers.yaml"]);
    insta::assert_snapshot!(stable(out));
}

#[test]
fn score_tables_of_the_examples() {
    let mut names: Vec<_> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".answers.yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    for p in names {
        let stem = p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".answers.yaml", "");
        insta::assert_snapshot!(
            format!("score_table_{stem}"),
            run(&["score", &p.display().to_string()])
        );
    }
}
