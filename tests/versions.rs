//! Old answers keep working (formats.md §5 "Versions"): answers naming a shipped version of
//! the default are scored with it, silently; with `-q FILE`, answers for another version of
//! that id are scored with FILE and a warning; a version the binary does not have is scored
//! with the current one and a warning.

use assert_cmd::Command;
use tempfile::TempDir;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let o = Command::cargo_bin("dxready")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

const OLD: &str = "examples/2026.1/an-phat-thanh-ha.answers.yaml";
const NEW: &str = "examples/an-phat-thanh-ha.answers.yaml";

#[test]
fn a_shipped_version_is_used_silently_and_validated_against() {
    let r = run(&["score", "--format", "json", OLD, NEW]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["questionnaire"]["version"], "2026.1");
    assert_eq!(lines[0]["dimensions"].as_array().unwrap().len(), 7);
    assert_eq!(lines[1]["questionnaire"]["version"], "2026.2");
    assert_eq!(lines[1]["dimensions"].as_array().unwrap().len(), 8);
    let r = run(&[
        "validate",
        "--strict",
        OLD,
        "examples/2026.1/enterprises.csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("answers to sme-dx-readiness 2026.1"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("CSV of answers to sme-dx-readiness 2026.1"),
        "{}",
        r.stdout
    );
    // The report names the version it used.
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("old.md");
    let r = run(&["report", OLD, "--format", "md", "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("sme-dx-readiness 2026.1"));
}

#[test]
fn with_q_file_another_version_is_scored_with_the_file_and_a_warning() {
    let dir = TempDir::new().unwrap();
    // A consultant's copy of 2026.1 with its own version (and the catalog beside it).
    let q = std::fs::read_to_string("questionnaires/versions/2026.1/sme-dx-readiness.yaml")
        .unwrap()
        .replace("version: \"2026.1\"", "version: \"2026.1-hp\"");
    let c =
        std::fs::read_to_string("questionnaires/versions/2026.1/sme-dx-readiness.programs.yaml")
            .unwrap();
    std::fs::write(dir.path().join("hp.yaml"), q).unwrap();
    std::fs::write(dir.path().join("hp.programs.yaml"), c).unwrap();
    let file = dir.path().join("hp.yaml");
    let r = run(&[
        "-q",
        file.to_str().unwrap(),
        "score",
        "--format",
        "json",
        OLD,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "answers were given to version 2026.1 of `sme-dx-readiness`; scoring with version 2026.1-hp"
        ),
        "{}",
        r.stderr
    );
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["questionnaire"]["version"], "2026.1-hp");
    // The shipped 2026.1 file itself, given with -q: the same version, no warning.
    let r = run(&[
        "-q",
        "questionnaires/versions/2026.1/sme-dx-readiness.yaml",
        "score",
        OLD,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("answers were given"), "{}", r.stderr);
}

#[test]
fn a_version_this_binary_never_shipped_is_scored_with_the_current_one_and_a_warning() {
    let dir = TempDir::new().unwrap();
    let text = std::fs::read_to_string(NEW)
        .unwrap()
        .replace("version: \"2026.2\"", "version: \"2027.1\"");
    let f = dir.path().join("future.answers.yaml");
    std::fs::write(&f, text).unwrap();
    let r = run(&["score", f.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("answers were given to version 2027.1 of `sme-dx-readiness`; scoring with version 2026.2"),
        "{}",
        r.stderr
    );
}

#[test]
fn batch_scores_a_mix_of_versions_each_with_its_own() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    let r = run(&[
        "batch",
        OLD,
        NEW,
        "examples/2026.1/enterprises.csv",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(out.join("summary.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let versions: Vec<&str> = lines
        .iter()
        .map(|l| l["questionnaire"]["version"].as_str().unwrap())
        .collect();
    assert_eq!(
        versions,
        [
            "2026.1", "2026.2", "2026.1", "2026.1", "2026.1", "2026.1", "2026.1"
        ]
    );
    // The same old file scores the same in a batch as on its own.
    let alone: serde_json::Value =
        serde_json::from_str(run(&["score", "--format", "json", OLD]).stdout.trim()).unwrap();
    assert_eq!(lines[0]["overall"], alone["overall"]);
    assert_eq!(lines[0]["recommended"], alone["recommended"]);
}

#[test]
fn a_resumed_2026_1_interview_goes_on_with_2026_1() {
    // What `assess --resume` loads: a partial file of 2026.1 (answers up to the first pillar).
    let text = std::fs::read_to_string(OLD).unwrap();
    let cut = text.find("  # ecommerce").unwrap();
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("partial.answers.yaml");
    std::fs::write(&f, &text[..cut]).unwrap();
    let setup = dxready::setup::Setup::load(&dxready::setup::Sources::default()).unwrap();
    let loaded =
        dxready::setup::load_answers(&setup, &f, dxready::answers::Completeness::Partial).unwrap();
    assert_eq!(loaded.edition.questionnaire.version, "2026.1");
    assert_eq!(loaded.warnings.warnings().count(), 0);
    let q = loaded.edition.questionnaire;
    assert!(
        q.question_index("makes_products").is_some(),
        "2026.1's own questions"
    );
    // The file written back names 2026.1 still.
    let back = loaded.answers.to_yaml(q);
    assert!(
        back.starts_with("# dxready answers: sme-dx-readiness 2026.1"),
        "{back}"
    );
}
