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
                .contains("big.answers.yaml:15:14: answers.employees: ")
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
            .contains("nul.answers.yaml:16:14: the file contains the control character U+0000"),
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
        r.stderr.contains("dup.answers.yaml:16:3: the key `employees` appears twice in the same map (first on line 15)"),
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

// ---------------------------------------------------------------------------------------------
// 2. Bounded reads: only regular files, limits on the bytes actually read.

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_not_read_or_waited_on() {
    let dir = TempDir::new().unwrap();
    let z = dir.path().join("z.csv");
    std::os::unix::fs::symlink("/dev/zero", &z).unwrap();
    let fifo = dir.path().join("x.answers.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    for args in [
        vec!["validate", s(&z)],
        vec!["validate", s(&fifo)],
        vec!["score", s(&fifo)],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
    }
    let out = dir.path().join("out");
    let r = run(&["batch", s(&z), s(&fifo), "--out", s(&out)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let rows = csv_rows(&out.join("errors.csv"));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0][2].contains("a device, not a regular file"),
        "{rows:?}"
    );
    assert!(
        rows[1][2].contains("a FIFO (named pipe), not a regular file"),
        "{rows:?}"
    );
    // As the tool's own file it is exit 3, still without waiting.
    let r = run(&["-q", s(&fifo), "validate"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
}

#[test]
fn a_csv_over_the_limit_is_refused_by_validate_as_by_batch() {
    let dir = TempDir::new().unwrap();
    let big = dir.path().join("big.csv");
    // Sparse: 300 MiB reported, nothing written.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    let r = run(&["validate", s(&big)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("file is 314572800 bytes, over the limit of 268435456 bytes for a CSV file"),
        "{}",
        r.stderr
    );
    // One endless line is refused at a megabyte, not held whole.
    let mut body = String::from("enterprise_name,assessed_on\n");
    body.push_str(&"x".repeat(2 << 20));
    let long = write(dir.path(), "long.csv", body);
    let r = run(&["validate", s(&long)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("a line is longer than 1048576 bytes"),
        "{}",
        r.stderr
    );
    let out = dir.path().join("out");
    let r = run(&["batch", s(&long), "--out", s(&out)]);
    assert_eq!(r.code, 1);
    let rows = csv_rows(&out.join("errors.csv"));
    assert!(
        rows[0][2].contains("a line is longer than 1048576 bytes"),
        "{rows:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 9. validate.

#[test]
fn validate_reports_every_unknown_key_of_a_questionnaire() {
    let dir = TempDir::new().unwrap();
    let mini = std::fs::read_to_string("tests/fixtures/mini/mini.yaml").unwrap();
    let bad = mini
        .replacen("format: 1", "format: 1\nbogus_top: 1\nalso_bad: 2", 1)
        .replacen("    type: ", "    colour: red\n    type: ", 1);
    let q = write(dir.path(), "q.yaml", bad);
    let r = run(&["validate", s(&q)]);
    assert_eq!(r.code, 1);
    for want in [
        "q.yaml:3:12: bogus_top: unknown key `bogus_top`",
        "q.yaml:4:11: also_bad: unknown key `also_bad`",
        "profile[0].colour (enterprise_name): unknown key `colour`",
    ] {
        assert!(r.stderr.contains(want), "{want}: {}", r.stderr);
    }
}

#[test]
fn validate_of_a_questionnaire_checks_its_sibling_catalog_too() {
    let dir = TempDir::new().unwrap();
    let mini = std::fs::read_to_string("tests/fixtures/mini/mini.yaml").unwrap();
    let catalog = std::fs::read_to_string("tests/fixtures/mini/mini.programs.yaml").unwrap();
    let q = write(dir.path(), "mini.yaml", &mini);
    write(dir.path(), "mini.programs.yaml", &catalog);
    let r = run(&["validate", s(&q)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("mini.programs.yaml (catalog for"),
        "{}",
        r.stdout
    );
    // A renamed question breaks the pair, although the questionnaire alone is fine.
    let renamed = catalog.replace("question: founded_on", "question: founded_date");
    assert_ne!(renamed, catalog);
    write(dir.path(), "mini.programs.yaml", renamed);
    let r = run(&["validate", s(&q)]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("mini.programs.yaml:") && r.stderr.contains("founded_date"),
        "{}",
        r.stderr
    );
}

#[test]
fn strict_prints_no_ok_for_a_file_that_failed() {
    let dir = TempDir::new().unwrap();
    let mini = std::fs::read_to_string("tests/fixtures/mini/mini.yaml").unwrap();
    // A declared language missing from one text is a warning.
    let warned = mini.replacen("languages: [vi, en]", "languages: [vi, en, fr]", 1);
    assert_ne!(warned, mini);
    let q = write(dir.path(), "w.yaml", warned);
    let r = run(&["validate", s(&q)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning:") && r.stdout.contains("ok: "),
        "{}",
        r.stdout
    );
    let r = run(&["validate", "--strict", s(&q)]);
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains("ok: "), "{}", r.stdout);
    let r = run(&["-q", s(&q), "validate", "--strict"]);
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains("ok: "), "{}", r.stdout);
}

#[test]
fn answers_to_another_version_get_one_hint_about_the_version() {
    let dir = TempDir::new().unwrap();
    let body = example_with("version: \"2026.2\"", "version: \"2025.1\"").replacen(
        "  employees: 12\n",
        "  employees: 12\n  staff_old: 3\n  old_q2: yes\n",
        1,
    );
    let f = write(dir.path(), "old.answers.yaml", body);
    let r = run(&["validate", s(&f)]);
    assert_eq!(r.code, 1);
    let errors: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", r.stderr);
    assert!(
        errors[0].contains("these answers are for version 2025.1 of `sme-dx-readiness`, but the questionnaire in use is version 2026.2, which has no question `staff_old`, `old_q2`: pass version 2025.1's questionnaire with -q FILE"),
        "{}",
        errors[0]
    );
    assert!(!r.stderr.contains("unknown question id"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// 4. Symbolic links and the batch's own outputs.

#[cfg(unix)]
#[test]
fn links_in_a_folder_follow_the_documented_rules_and_every_entry_is_accounted_for() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let input = d.join("in");
    write(&input, "a.answers.yaml", EXAMPLE);
    symlink("/etc/passwd", input.join("passwd.yaml")).unwrap();
    symlink("nowhere.yaml", input.join("dangling.yaml")).unwrap();
    symlink("loop.yaml", input.join("loop.yaml")).unwrap();
    symlink("a.answers.yaml", input.join("same.yaml")).unwrap();
    symlink(d.join("elsewhere"), input.join("folder")).unwrap();
    write(d, "elsewhere/b.answers.yaml", EXAMPLE);
    let out = d.join("out");
    let r = run(&["batch", s(&input), "--out", s(&out)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let summary = csv_rows(&out.join("summary.csv"));
    let errors = csv_rows(&out.join("errors.csv"));
    let names = |rows: &[Vec<String>]| -> Vec<String> {
        rows.iter()
            .map(|r| {
                Path::new(&r[0])
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    };
    assert_eq!(names(&summary), ["a.answers.yaml", "same.yaml"]);
    assert_eq!(
        names(&errors),
        ["dangling.yaml", "folder", "loop.yaml", "passwd.yaml"]
    );
    let reasons: Vec<&str> = errors.iter().map(|r| r[2].as_str()).collect();
    assert!(
        reasons[0].contains("symbolic link to nothing"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("symbolic link to a folder; not followed"),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("loops"), "{reasons:?}");
    assert!(
        reasons[3].contains("outside the folder given"),
        "{reasons:?}"
    );
    let all = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    assert!(!all.contains("root:"), "a file's content was quoted: {all}");
}

#[test]
fn a_long_text_is_never_quoted_whole_into_an_error() {
    let dir = TempDir::new().unwrap();
    let page = format!("\"{}\"", "root:x:0:0:root:/root:/bin/bash ".repeat(200));
    let f = write(dir.path(), "page.yaml", &page);
    let r = run(&["score", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.len() < 400, "{}", r.stderr);
    assert!(
        r.stderr.contains("a text of 6400 characters"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_reports_link_in_the_output_folder_is_refused() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "a.answers.yaml", EXAMPLE);
    let out = dir.path().join("out");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("reports")).unwrap();
    let r = run(&["batch", s(&f), "--out", s(&out), "--pdf"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("reports: is a symbolic link"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn an_output_folder_inside_or_equal_to_the_input_is_never_read_back() {
    for inside in [false, true] {
        let dir = TempDir::new().unwrap();
        let input = dir.path().join("in");
        write(&input, "a.answers.yaml", EXAMPLE);
        write(
            &input,
            "b.answers.yaml",
            EXAMPLE.replace("An Phát", "Bình An"),
        );
        let out = if inside {
            input.join("results")
        } else {
            input.clone()
        };
        for _ in 0..2 {
            let r = run(&["batch", s(&input), "--out", s(&out), "--format", "json"]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            let r = run(&["batch", s(&input), "--out", s(&out)]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            let summary = csv_rows(&out.join("summary.csv"));
            assert_eq!(summary.len(), 2, "{summary:?}");
            assert!(csv_rows(&out.join("errors.csv")).is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Suggested commands work for how dxready was started.

#[test]
fn suggested_commands_start_dxready_the_way_it_was_started() {
    let dir = TempDir::new().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("dxready");
    let manifest = env!("CARGO_MANIFEST_DIR");
    let suggestion = |cwd: &Path, manifest_dir: Option<&str>| -> String {
        let mut cmd = std::process::Command::new(&bin);
        cmd.arg("assess")
            .current_dir(cwd)
            .stdin(std::process::Stdio::null());
        match manifest_dir {
            Some(m) => cmd.env("CARGO_MANIFEST_DIR", m),
            None => cmd.env_remove("CARGO_MANIFEST_DIR"),
        };
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let start = err.find("run `").expect("a command") + 5;
        err[start..start + err[start..].find('`').unwrap()].to_string()
    };
    // Under `cargo run` from the project folder (the binary is in its target/).
    assert_eq!(
        suggestion(Path::new(manifest), Some(manifest)),
        "cargo run -- score FILE"
    );
    // Under `cargo run --manifest-path …` from elsewhere.
    assert_eq!(
        suggestion(dir.path(), Some(manifest)),
        format!("cargo run --manifest-path {manifest}/Cargo.toml -- score FILE")
    );
    // Started by its path: that path.
    assert_eq!(
        suggestion(dir.path(), None),
        format!("{} score FILE", bin.display())
    );
}

// ---------------------------------------------------------------------------------------------
// 10. Completion, `batch -o`, Markdown escapes.

#[test]
fn bash_completion_offers_languages_not_files_for_lang() {
    let r = run(&["completions", "bash"]);
    assert_eq!(r.code, 0);
    let lang = r.stdout.find("--lang)").expect("a --lang case");
    let case = &r.stdout[lang..lang + r.stdout[lang..].find(";;").unwrap()];
    assert!(case.contains("compgen -W \"vi en\""), "{case}");
    assert!(!case.contains("compgen -f"), "{case}");
}

#[test]
fn batch_takes_o_like_report() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "a.answers.yaml", EXAMPLE);
    let out = dir.path().join("o");
    let r = run(&["batch", s(&f), "-o", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(csv_rows(&out.join("summary.csv")).len(), 1);
}

#[test]
fn markdown_has_no_needless_escapes() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "a.answers.yaml", EXAMPLE);
    let md = dir.path().join("a.md");
    let r = run(&["report", s(&f), "--format", "md", "-o", s(&md)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("2026.2"), "{}", &text[..400]);
    assert!(
        !text.contains("2026\\.2") && !text.contains("\\!"),
        "{}",
        &text[..400]
    );
}
