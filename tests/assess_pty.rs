//! `dxready assess` end to end in a pseudo-terminal: a complete run of the default
//! questionnaire (answered generically, so it works for any questionnaire), Ctrl-C in the
//! middle then `--resume` to the end, the refusal to overwrite, and the refusal to run
//! without a terminal. Matching is on the words the interview prints (taken from its own
//! string table), never on inquire's escape sequences.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use dxready::answers::{Answers, Completeness};
use dxready::setup::{Setup, Sources};
use dxready::words::Interview;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{ControlCode, Eof, Expect, Regex, Session};

const TIMEOUT: Duration = Duration::from_secs(20);

fn mini() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/mini.yaml")
}

fn spawn(dir: &Path, args: &[&str]) -> OsSession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dxready"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut s = Session::spawn(cmd).expect("spawn dxready in a pty");
    s.get_process_mut()
        .set_window_size(200, 50)
        .expect("window size");
    s.set_expect_timeout(Some(TIMEOUT));
    s
}

/// Waits for the end of output and the exit code.
fn exit_code(mut s: OsSession) -> i32 {
    s.expect(Eof).expect("dxready ends");
    match s.get_process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("dxready did not exit normally: {other:?}"),
    }
}

/// Regex-escapes literal text.
fn esc(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text of a template up to its first placeholder.
fn head(template: &str) -> &str {
    template.split('{').next().unwrap_or(template)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A progress template (`Câu {n}/{total}`) as a regex.
fn progress_regex(w: &Interview) -> String {
    esc(&w
        .progress
        .replace("{n}", "\u{0}")
        .replace("{total}", "\u{1}"))
    .replace(['\u{0}', '\u{1}'], r"\d+")
}

/// The prompt's hint line: a multi list, a date, a text, a number (capturing its example)
/// or a single-choice list.
fn hint_regex(w: &Interview) -> String {
    let number = format!(
        r"(?:{}|{})[^\]\n]*?{}(-?[0-9][0-9 ]*(?:[.,][0-9]+)?)",
        esc(w.hint_integer),
        esc(w.hint_number),
        esc(head(w.hint_example))
    );
    format!(
        r"\[(?:{})|\[(?:{})|\[(?:{})|\[(?:{number})|\[(?:{})",
        esc(w.keys_multi),
        esc(head(w.hint_date)),
        esc(head(w.hint_text)),
        esc(w.keys_select),
    )
}

/// Answers every question with its first choice (or a valid typed value) until the result
/// appears; with `stop_at`, returns instead once that question's prompt is on screen.
/// Returns the progress lines seen, in order.
fn answer_until_result(s: &mut OsSession, w: &Interview, stop_at: Option<usize>) -> Vec<String> {
    let next = format!(r"{}[^\r\n]*|{}", progress_regex(w), esc(w.result_heading));
    let hints = hint_regex(w);
    let mut seen = Vec::new();
    loop {
        let found = s
            .expect(Regex(&next))
            .unwrap_or_else(|e| panic!("no next question or result after {seen:?}: {e}"));
        let found = text(found.get(0).unwrap_or_default());
        if found.contains(w.result_heading) {
            return seen;
        }
        seen.push(found.trim().to_string());
        let hint = s
            .expect(Regex(&hints))
            .unwrap_or_else(|e| panic!("no recognisable prompt after {seen:?}: {e}"));
        if stop_at == Some(seen.len()) {
            return seen;
        }
        let all = text(hint.get(0).unwrap_or_default())
            .trim_start_matches('[')
            .to_string();
        if all.contains(w.keys_multi) {
            s.send(" ").unwrap();
            s.send("\r").unwrap();
        } else if all.starts_with(head(w.hint_date)) {
            s.send("2020-06-15\r").unwrap();
        } else if all.starts_with(head(w.hint_text)) {
            s.send("Test\r").unwrap();
        } else if all.contains(w.keys_select) {
            s.send("\r").unwrap();
        } else {
            let example = text(hint.get(1).unwrap_or_default());
            s.send(format!("{example}\r")).unwrap();
        }
    }
}

fn read_answers(setup: &Setup, path: &Path, completeness: Completeness) -> Answers {
    let text = std::fs::read_to_string(path).expect("answers file written");
    match Answers::from_str(
        &setup.questionnaire,
        "pty.answers.yaml",
        &text,
        completeness,
    ) {
        Ok((a, _)) => a,
        Err(e) => panic!("{}\n{text}", e.lines().join("\n")),
    }
}

#[test]
fn a_complete_run_of_the_default_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup::load(&Sources::default()).expect("the default questionnaire loads");
    let q = &setup.questionnaire;
    let lang = q.default_language().to_string();
    let w = &dxready::words::of(&lang).interview;
    let mut s = spawn(dir.path(), &["assess"]);
    if q.languages.len() > 1 {
        s.expect(w.language_prompt)
            .expect("the language is asked first");
        s.send("\r").unwrap();
    }
    let seen = answer_until_result(&mut s, w, None);
    assert!(!seen.is_empty());
    eprintln!("answered {} questions; last: {:?}", seen.len(), seen.last());
    s.expect(w.offer_report).expect("the report is offered");
    s.send("\r").unwrap();
    s.expect(head(w.report_written))
        .expect("the PDF report is written");
    assert_eq!(exit_code(s), 0);
    let pdfs: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(
        pdfs.len(),
        1,
        "one PDF report next to the answers: {pdfs:?}"
    );
    let pdf = std::fs::read(&pdfs[0]).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let answers = read_answers(
        &setup,
        &dir.path().join("assessment.answers.yaml"),
        Completeness::Complete,
    );
    assert_eq!(answers.language.as_deref(), Some(lang.as_str()));
    if q.question_index("enterprise_name").is_some() {
        assert_eq!(answers.enterprise_name(q), Some("Test"));
    }
}

#[test]
fn ctrl_c_then_resume_finishes_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let qfile = mini();
    let qarg = qfile.to_str().unwrap();
    let setup = Setup::load(&Sources {
        questionnaire: Some(qfile.clone()),
        programs: None,
    })
    .unwrap();
    let w = &dxready::words::of("vi").interview;
    let file = dir.path().join("firm.answers.yaml");

    let mut s = spawn(
        dir.path(),
        &["-q", qarg, "assess", "-o", "firm.answers.yaml"],
    );
    s.expect(w.language_prompt).unwrap();
    s.send("\r").unwrap();
    let seen = answer_until_result(&mut s, w, Some(3));
    assert!(seen[2].starts_with("Câu 3/"), "{seen:?}");
    // Esc goes back to question 2 with its answer filled in; Enter keeps it.
    s.send(ControlCode::Escape).unwrap();
    s.expect(w.back_indicator)
        .expect("the left question is marked");
    s.expect(Regex(r"Câu 2/\d+")).expect("back at question 2");
    s.expect("15/06/2020")
        .expect("the earlier answer is filled in");
    s.send("\r").unwrap();
    let seen = answer_until_result(&mut s, w, Some(2));
    assert!(seen[1].starts_with("Câu 4/"), "{seen:?}");
    s.send(ControlCode::EndOfText).unwrap();
    s.expect(head(w.stopped))
        .expect("says it stopped and kept the answers");
    s.expect("--resume").expect("says how to continue");
    assert_eq!(exit_code(s), 0);
    let partial = read_answers(&setup, &file, Completeness::Partial);
    assert_eq!(partial.values.iter().filter(|v| v.is_some()).count(), 3);

    let mut s = spawn(
        dir.path(),
        &["-q", qarg, "assess", "--resume", "firm.answers.yaml"],
    );
    s.expect(head(w.resuming)).expect("says it continues");
    let seen = answer_until_result(&mut s, w, None);
    assert!(
        seen[0].starts_with("Câu 4/"),
        "resumes at the first unanswered question: {seen:?}"
    );
    s.expect(w.offer_report).unwrap();
    s.send("\x1b[B").unwrap(); // down: "Không"
    s.send("\r").unwrap();
    assert_eq!(exit_code(s), 0);
    let done = read_answers(&setup, &file, Completeness::Complete);
    assert_eq!(done.enterprise_name(&setup.questionnaire), Some("Test"));
    assert_eq!(done.assessed_on, partial.assessed_on);
    assert_eq!(done.values[..3], partial.values[..3]);
}

#[test]
fn an_existing_answers_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("assessment.answers.yaml"), "keep me").unwrap();
    let mut s = spawn(dir.path(), &["-q", mini().to_str().unwrap(), "assess"]);
    s.expect("--resume").expect("suggests --resume");
    assert_eq!(exit_code(s), 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("assessment.answers.yaml")).unwrap(),
        "keep me"
    );
}

#[test]
fn without_a_terminal_it_stops_at_once_pointing_to_score_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dxready"))
        .args(["--lang", "en", "-q", mini().to_str().unwrap(), "assess"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: "), "{err}");
    // The commands as this binary was started (tests/hardening.rs checks the forms).
    assert!(
        err.contains(" score FILE`") && err.contains(" report FILE`"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!dir.path().join("assessment.answers.yaml").exists());
}

#[test]
fn a_finished_file_can_jump_to_a_part_and_a_list_says_when_nothing_matches() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/new-firm.answers.yaml"),
        dir.path().join("firm.answers.yaml"),
    )
    .unwrap();
    let setup = Setup::load(&Sources {
        questionnaire: Some(mini()),
        programs: None,
    })
    .expect("mini loads");
    let w = &dxready::words::of("vi").interview;
    let qarg = mini();
    let qarg = qarg.to_str().unwrap();
    let mut s = spawn(
        dir.path(),
        &[
            "-q",
            qarg,
            "--lang",
            "vi",
            "assess",
            "--resume",
            "firm.answers.yaml",
        ],
    );
    s.expect(w.review_jump).expect("offers to jump to a part");
    s.send("\x1b[B\x1b[B\r").unwrap();
    s.expect(w.review_jump_to).expect("asks which part");
    let second = setup.questionnaire.dimensions[0]
        .title
        .get("vi")
        .to_string();
    s.expect(second.as_str()).expect("lists the parts");
    s.send("\x1b[B\r").unwrap();
    // The first question of that part, not question 1.
    let found = s
        .expect(Regex(&format!(r"{}[^\r\n]*", progress_regex(w))))
        .expect("a question");
    let line = text(found.get(0).unwrap_or_default());
    assert!(line.contains(&second), "{line}");
    // Typing what no choice contains: a message, not an empty list.
    s.send("30 ").unwrap();
    s.expect("không có lựa chọn nào khớp")
        .expect("says nothing matches");
    s.send(ControlCode::EndOfText).unwrap();
    assert_eq!(exit_code(s), 0);
}
