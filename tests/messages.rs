//! Messages in the user's language (#13 item 8): `error:`/`warning:` lines, answer problems
//! and `errors.csv` reasons follow `--lang`, else the answers file's or the questionnaire's
//! language; English stays for `--lang en`; `--help` says it is in English.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const MINI: &str = "tests/fixtures/mini/mini.yaml";
const ANSWERS: &str = include_str!("fixtures/mini/new-firm.answers.yaml");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = Command::cargo_bin("dxready")
        .expect("binary built")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The fixture with `skills: 9` (out of range) and `has_certificate: maybe` (no such option),
/// its `language:` line replaced by `lang_line`.
fn broken(dir: &TempDir, lang_line: &str) -> String {
    let body = ANSWERS
        .replace("  skills: 3\n", "  skills: 9\n")
        .replace("  has_certificate: none\n", "  has_certificate: maybe\n")
        .replace("language: vi\n", lang_line);
    let path = dir.path().join("x.answers.yaml");
    std::fs::write(&path, body).unwrap();
    path.display().to_string()
}

#[test]
fn answer_problems_are_in_vietnamese_by_default_and_english_with_lang_en() {
    let dir = TempDir::new().unwrap();
    let f = broken(&dir, "language: vi\n");
    let vi = run(&["-q", MINI, "score", &f]);
    assert_eq!(vi.code, 1);
    assert!(vi.stderr.contains("lỗi: "), "{}", vi.stderr);
    assert!(
        vi.stderr.contains(
            "`maybe` không phải một lựa chọn của câu hỏi này (cần một trong: valid, expired, none)"
        ),
        "{}",
        vi.stderr
    );
    assert!(
        vi.stderr
            .contains("cần một số nguyên từ 1 đến 5, nhận được 9"),
        "{}",
        vi.stderr
    );
    assert!(!vi.stderr.contains("error:"), "{}", vi.stderr);

    let en = run(&["-q", MINI, "--lang", "en", "score", &f]);
    assert_eq!(en.code, 1);
    assert!(
        en.stderr.contains("error: ".to_string().as_str())
            && en.stderr.contains(
                "`maybe` is not an option of this question (expected one of: valid, expired, none)"
            ),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr
            .contains("expected a whole number from 1 to 5, found 9"),
        "{}",
        en.stderr
    );
    assert!(!en.stderr.contains("lỗi"), "{}", en.stderr);
}

#[test]
fn the_questionnaire_language_decides_without_lang() {
    // An English-first questionnaire: the same problems in English without --lang.
    let dir = TempDir::new().unwrap();
    let q = std::fs::read_to_string(MINI)
        .unwrap()
        .replace("languages: [vi, en]", "languages: [en, vi]");
    let qf = dir.path().join("en-first.yaml");
    std::fs::write(&qf, q).unwrap();
    let f = broken(&dir, "");
    let r = run(&[
        "-q",
        qf.to_str().unwrap(),
        "-p",
        "tests/fixtures/mini/mini.programs.yaml",
        "score",
        &f,
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error: "), "{}", r.stderr);
    assert!(r.stderr.contains("is not an option"), "{}", r.stderr);
}

#[test]
fn file_problems_follow_the_language() {
    let vi = run(&["-q", MINI, "score", "no/such.answers.yaml"]);
    assert_eq!(vi.code, 1);
    assert!(
        vi.stderr
            .contains("no/such.answers.yaml: không đọc được: không có tệp hoặc thư mục này"),
        "{}",
        vi.stderr
    );
    let en = run(&["-q", MINI, "--lang", "en", "score", "no/such.answers.yaml"]);
    assert!(
        en.stderr
            .contains("no/such.answers.yaml: cannot read: No such file or directory"),
        "{}",
        en.stderr
    );
}

#[test]
fn a_csv_saved_by_excel_in_windows_1258_is_refused_in_the_users_language() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("ansi.csv");
    let (bytes, _, _) = encoding_rs::WINDOWS_1258
        .encode("enterprise_name,assessed_on\nCông ty Đông Á,2026-05-01\n");
    std::fs::write(&path, bytes).unwrap();
    let file = path.to_str().unwrap();
    let vi = run(&["-q", MINI, "validate", file]);
    assert_ne!(vi.code, 0);
    assert!(
        vi.stderr
            .contains("tệp không phải văn bản UTF-8 (có vẻ là Windows-1258")
            && vi.stderr.contains("hãy lưu lại dưới dạng CSV UTF-8"),
        "{}",
        vi.stderr
    );
    let en = run(&["-q", MINI, "--lang", "en", "validate", file]);
    assert!(
        en.stderr
            .contains("the file is not UTF-8 text (it looks like Windows-1258")
            && en.stderr.contains("save it as CSV UTF-8"),
        "{}",
        en.stderr
    );
}

#[test]
fn errors_csv_reasons_follow_the_language() {
    for (lang, expected) in [
        (
            "vi",
            "dòng 14, cột 20: answers.has_certificate (has_certificate): `maybe` không phải một lựa chọn",
        ),
        (
            "en",
            "line 14, column 20: answers.has_certificate (has_certificate): `maybe` is not an option",
        ),
    ] {
        let dir = TempDir::new().unwrap();
        let inputs = dir.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        let body = ANSWERS.replace("  has_certificate: none\n", "  has_certificate: maybe\n");
        std::fs::write(inputs.join("x.answers.yaml"), body).unwrap();
        let out = dir.path().join("out");
        let r = run(&[
            "-q",
            MINI,
            "--lang",
            lang,
            "batch",
            inputs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let errors = std::fs::read_to_string(Path::new(&out).join("errors.csv")).unwrap();
        assert!(errors.contains(expected), "{lang}: {errors}");
    }
}

#[test]
fn help_says_it_is_in_english() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .contains("Help is in English; error and warning messages follow --lang"),
        "{}",
        r.stdout
    );
}
