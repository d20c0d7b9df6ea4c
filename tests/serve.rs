//! `dxready serve` over HTTP: a real server on 127.0.0.1:0, driven by form posts only (no
//! script, no cookies), as an old phone would. The interview is answered from the
//! questionnaire model, so these tests hold for any version of the default questionnaire.

#[path = "support/serve.rs"]
mod support;

use std::process::Command;

use dxready::answers::Completeness;
use dxready::setup::{Setup, Sources};
use dxready::words::fill;
use support::*;

fn default_q() -> dxready::questionnaire::Questionnaire {
    Setup::load(&Sources::default()).unwrap().questionnaire
}

fn mini_q() -> dxready::questionnaire::Questionnaire {
    Setup::load(&Sources {
        questionnaire: Some(mini()),
        programs: None,
    })
    .unwrap()
    .questionnaire
}

fn mini_server(dir: &std::path::Path, args: &[&str]) -> Server {
    let m = mini();
    Server::start(&dir.join("ws"), &["-q", m.to_str().unwrap()], args)
}

fn answers_text(s: &Server, session: &str) -> String {
    let id = session_id(session);
    std::fs::read_to_string(s.ws.join(format!("answers/{id}.answers.yaml"))).unwrap()
}

#[test]
fn the_whole_default_interview_by_form_posts_scores_as_dxready_score() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(&dir.path().join("ws"), &[], &[]);
    let q = default_q();
    let session = start_session(&s, "vi");
    let pages = answer_all(&s, &q, &session, "Công ty TNHH Thử Nghiệm Phố Hiến");
    assert!(pages.len() > q.dimensions.len().min(3), "{pages:?}");

    // The saved file is a complete answers file.
    let id = session_id(&session);
    let file = s.ws.join(format!("answers/{id}.answers.yaml"));
    let text = std::fs::read_to_string(&file).unwrap();
    dxready::answers::Answers::from_str(&q, "x", &text, Completeness::Complete)
        .expect("a complete answers file");
    assert!(text.contains("language: vi"), "{text}");

    // Review: every answer with links to change it; then the result.
    let review = get(&s.url(&format!("{session}review")));
    assert_eq!(review.status, 200);
    let review = review.text();
    assert!(review.contains("Công ty TNHH Thử Nghiệm Phố Hiến"));
    assert!(review.contains(&format!("href=\"{session}p/0?return=review\"")));
    let result = get(&s.url(&format!("{session}result")));
    assert_eq!(result.status, 200);
    let result = result.text();

    // The overall score equals `dxready score` on the saved file, one decimal as shown.
    let out = Command::new(bin())
        .args(["score", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let overall = json["overall"]["score"].as_f64().unwrap();
    let shown = dxready::text::one_decimal(overall, "vi");
    assert!(
        result.contains(&format!("<strong>{shown}</strong>/100")),
        "result page shows {shown}"
    );
    assert!(result.contains(&format!("href=\"{session}report.pdf\"")));
    assert!(result.contains(&format!("href=\"{session}report.html\"")));
    for d in json["dimensions"].as_array().unwrap() {
        if let Some(score) = d["score"].as_f64() {
            let t = dxready::text::one_decimal(score, "vi");
            assert!(
                result.contains(&format!("<span class=\"val\">{t}</span>")),
                "dimension {d}"
            );
        }
    }

    // The PDF is the one `dxready report` writes for the saved file, byte for byte.
    let pdf = get(&s.url(&format!("{session}report.pdf")));
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.content_type, "application/pdf");
    let expected = dir.path().join("expected.pdf");
    let st = Command::new(bin())
        .arg("report")
        .arg(&file)
        .arg("-o")
        .arg(&expected)
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(
        pdf.bytes,
        std::fs::read(&expected).unwrap(),
        "same PDF as dxready report"
    );
    let html = get(&s.url(&format!("{session}report.html")));
    assert_eq!(html.status, 200);
    assert!(html.text().contains("Công ty TNHH Thử Nghiệm Phố Hiến"));

    // The admin page agrees, and summary.csv is what `dxready batch WS/answers` writes.
    let admin = get(&s.admin).text();
    assert!(admin.contains("Công ty TNHH Thử Nghiệm Phố Hiến"));
    assert!(
        admin.contains(&format!("<td class=\"num\">{shown}</td>")),
        "{admin}"
    );
    let csv = get(&format!("{}/summary.csv", s.admin));
    assert_eq!(csv.status, 200);
    let out = dir.path().join("batch");
    let st = Command::new(bin())
        .arg("batch")
        .arg(s.ws.join("answers"))
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success(), "batch scores every finished session");
    assert_eq!(
        csv.text(),
        std::fs::read_to_string(out.join("summary.csv")).unwrap()
    );
    let cohort = get(&format!("{}/cohort.html", s.admin));
    assert_eq!(cohort.status, 200);
    assert!(cohort.text().contains("Công ty TNHH Thử Nghiệm Phố Hiến"));
    let cohort_pdf = get(&format!("{}/cohort.pdf", s.admin));
    assert!(cohort_pdf.bytes.starts_with(b"%PDF"));
    let zip = get(&format!("{}/reports.zip", s.admin));
    assert_eq!(zip.status, 200);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes)).unwrap();
    assert_eq!(archive.len(), 1);
    let mut entry = archive.by_index(0).unwrap();
    assert_eq!(
        entry.name().unwrap(),
        "cong-ty-tnhh-thu-nghiem-pho-hien.pdf"
    );
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
    assert_eq!(bytes, std::fs::read(&expected).unwrap());
}

#[test]
fn back_shows_the_answers_given_and_the_address_resumes_the_interview() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    let q = mini_q();
    let session = start_session(&s, "en");
    let first = get(&s.url(&format!("{session}p/0"))).text();
    assert!(first.contains("Part 1 of"), "progress in English");
    assert!(first.contains("<progress"));
    let fields = fill_page(&q, &first, "Back & Forth Ltd", &[]);
    let r = post(&s.url(&format!("{session}p/0")), &fields, &[]);
    assert_eq!(r.status, 303);
    let second_path = r.location.unwrap();
    let second = get(&s.url(&second_path)).text();
    assert!(second.contains("Part 2 of"));
    let back = link(&second, &format!("{session}p/")).expect("a Back link");
    assert_eq!(back, format!("{session}p/0"));
    let again = get(&s.url(&back)).text();
    assert!(
        again.contains("value=\"Back &amp; Forth Ltd\""),
        "name filled in"
    );
    assert!(again.contains("value=\"2026-01-15\""), "date filled in");
    // Another browser with the address continues where the interview stopped.
    let home = get(&s.url(&session)).text();
    assert_eq!(
        link(&home, &format!("{session}p/")).as_deref(),
        Some(second_path.as_str())
    );
    assert!(
        home.contains("<svg role=\"img\""),
        "the address as a QR code"
    );
    assert!(
        home.contains(&format!("{}{session}", s.base)),
        "the address in full"
    );
}

#[test]
fn a_gate_hides_questions_and_drops_their_answers() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    let q = mini_q();
    let session = start_session(&s, "vi");
    // Profile: a manufacturer, so the traceability dimension applies.
    let p0 = get(&s.url(&format!("{session}p/0"))).text();
    let fields = fill_page(&q, &p0, "Gate Co", &[("sector", &["manufacturing"])]);
    let r = post(&s.url(&format!("{session}p/0")), &fields, &[]);
    assert_eq!(r.status, 303);
    // Sales: the channels question is on the same page as its gate; without the script it
    // is shown with a note, and the script gets its condition.
    let sales_path = r.location.unwrap();
    let sales = get(&s.url(&sales_path)).text();
    assert!(sales.contains("id=\"q-channels\" data-show-if=\"{&quot;q&quot;:&quot;sells_online&quot;,&quot;is&quot;:[&quot;yes&quot;]}\""), "{sales}");
    assert!(sales.contains("class=\"only-if\""));
    let fields = fill_page(
        &q,
        &sales,
        "",
        &[("sells_online", &["yes"]), ("channels", &["website"])],
    );
    assert_eq!(post(&s.url(&sales_path), &fields, &[]).status, 303);
    assert!(answers_text(&s, &session).contains("channels:\n  - website"));
    // "No" hides the channels: what was ticked is ignored and the saved answer dropped.
    let fields = fill_page(
        &q,
        &sales,
        "",
        &[("sells_online", &["no"]), ("channels", &["website"])],
    );
    assert_eq!(post(&s.url(&sales_path), &fields, &[]).status, 303);
    let text = answers_text(&s, &session);
    assert!(!text.contains("channels"), "{text}");
    assert!(text.contains("sells_online: no"), "{text}");
    // Answer the rest, traceability included.
    answer_all(&s, &q, &session, "Gate Co");
    assert!(answers_text(&s, &session).contains("barcodes: yes"));
    // Changing the sector on the profile page drops the traceability answer, and says so.
    let p0 = get(&s.url(&format!("{session}p/0?return=review"))).text();
    let fields = fill_page(&q, &p0, "Gate Co", &[("sector", &["services"])]);
    let r = post(&s.url(&format!("{session}p/0")), &fields, &[]);
    assert_eq!(r.status, 303);
    let loc = r.location.unwrap();
    assert_eq!(
        loc,
        format!("{session}review?dropped=barcodes"),
        "back to the review"
    );
    assert!(!answers_text(&s, &session).contains("barcodes"));
    let next = get(&s.url(&loc)).text();
    let notice = fill(
        dxready::words::of("vi").interview.dropped,
        &[("list", "«Có mã vạch không?»")],
    );
    assert!(next.contains(&notice), "{next}");
    // The review no longer lists the traceability page.
    let review = get(&s.url(&format!("{session}review"))).text();
    assert!(!review.contains("Truy xuất"));
}

#[test]
fn invalid_input_is_shown_again_with_the_message_and_everything_typed() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    let q = mini_q();
    let session = start_session(&s, "vi");
    let p0 = get(&s.url(&format!("{session}p/0"))).text();
    let before = answers_text(&s, &session);
    let fields = fill_page(
        &q,
        &p0,
        "Công ty Sai Số",
        &[("employees", &["-5"]), ("founded_on", &[""])],
    );
    let r = post(&s.url(&format!("{session}p/0")), &fields, &[]);
    assert_eq!(r.status, 422);
    let html = r.text();
    let w = &dxready::words::of("vi").interview;
    assert!(html.contains(&fill(w.err_below, &[("min", "0")])), "{html}");
    assert!(html.contains(w.err_required));
    assert!(html.contains("value=\"Công ty Sai Số\""), "typed text kept");
    assert!(html.contains("value=\"-5\""), "typed number kept");
    assert!(
        html.contains("id=\"e-employees\""),
        "message next to the question"
    );
    assert_eq!(answers_text(&s, &session), before, "nothing saved");
    // A number in Vietnamese style is read as `assess` reads it.
    let fields = fill_page(&q, &p0, "Công ty Sai Số", &[("employees", &["1.500"])]);
    assert_eq!(
        post(&s.url(&format!("{session}p/0")), &fields, &[]).status,
        303
    );
    assert!(answers_text(&s, &session).contains("employees: 1500"));
    // An exclusive option combined with another.
    let sales = get(&s.url(&format!("{session}p/1"))).text();
    let fields = fill_page(
        &q,
        &sales,
        "",
        &[
            ("sells_online", &["yes"]),
            ("channels", &["website", "none"]),
        ],
    );
    let r = post(&s.url(&format!("{session}p/1")), &fields, &[]);
    assert_eq!(r.status, 422);
    assert!(
        r.text()
            .contains(&fill(w.err_exclusive, &[("option", "Không có")]))
    );
}

#[test]
fn the_admin_pages_need_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    let token = s.admin.rsplit('/').next().unwrap().to_string();
    assert_eq!(token.len(), 32);
    let not_found = get(&s.url("/no-such-page")).text();
    let mut wrong = token.clone().into_bytes();
    wrong[0] = if wrong[0] == b'a' { b'b' } else { b'a' };
    let wrong = String::from_utf8(wrong).unwrap();
    for path in [
        "/admin".to_string(),
        "/admin/".to_string(),
        format!("/admin/{wrong}"),
        format!("/admin/{wrong}/summary.csv"),
        format!("/admin/{wrong}/reports.zip"),
        format!("/admin/{wrong}/cohort.html"),
        format!("/admin/{}", &token[..31]),
        format!("/admin/{}", token.to_uppercase()),
    ] {
        let r = get(&s.url(&path));
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.text(), not_found, "{path}: the ordinary 404 page");
    }
    assert_eq!(get(&s.admin).status, 200);
    // The token survives a restart, and --new-admin-token replaces it.
    drop(s);
    let s = mini_server(dir.path(), &[]);
    assert!(s.admin.ends_with(&token));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(s.ws.join("serve.yaml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    drop(s);
    let s = mini_server(dir.path(), &["--new-admin-token"]);
    assert!(!s.admin.ends_with(&token));
    assert_eq!(get(&s.url(&format!("/admin/{token}"))).status, 404);
}

#[test]
fn wrong_session_ids_are_404_and_get_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    for path in [
        "/s/short/",
        "/s/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567/",
        "/s/abcdefghijklmnopqrstuvwxyz234567/",
        "/s/abcdefghijklmnopqrstuvwxyz234567/p/0",
        "/s/abcdefghijklmnopqrstuvwxyz234567/report.pdf",
        "/s/..%2F..%2Fserve.yaml/",
        "/s/%2e%2e/p/0",
    ] {
        assert_eq!(get(&s.url(path)).status, 404, "{path}");
    }
    // GET never creates a session.
    assert_eq!(get(&s.url("/start")).status, 405);
    assert!(s.answers_files().is_empty());
    let session = start_session(&s, "vi");
    assert_eq!(get(&s.url(&format!("{session}p/99"))).status, 404);
    assert_eq!(get(&s.url(&format!("{session}p/x"))).status, 404);
    assert_eq!(s.answers_files().len(), 1);
    // An unfinished session has no report yet.
    assert_eq!(get(&s.url(&format!("{session}report.pdf"))).status, 409);
}

#[test]
fn cross_site_posts_and_wrong_form_tokens_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    let q = mini_q();
    let session = start_session(&s, "vi");
    let url = s.url(&format!("{session}p/0"));
    let p0 = get(&url).text();
    let fields = fill_page(&q, &p0, "Origin Test", &[]);
    let before = answers_text(&s, &session);
    for headers in [
        vec![("Origin", "http://evil.example")],
        vec![("Origin", "http://127.0.0.1:1")],
        vec![("Referer", "http://evil.example/form")],
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![("Origin", "null"), ("Referer", "http://evil.example/")],
    ] {
        let r = post(&url, &fields, &headers);
        assert_eq!(r.status, 403, "{headers:?}");
        assert_eq!(
            answers_text(&s, &session),
            before,
            "{headers:?} changed nothing"
        );
    }
    // A form token of another session, or none.
    let mut other = fields.clone();
    other[0].1 = "0".repeat(32);
    assert_eq!(post(&url, &other, &[]).status, 403);
    // The start form too.
    let r = post(
        &s.url("/start"),
        &[(
            "_token".into(),
            input_value(&get(&s.url("/")).text(), "_token").unwrap(),
        )],
        &[("Origin", "http://evil.example")],
    );
    assert_eq!(r.status, 403);
    assert_eq!(s.answers_files().len(), 1);
    // `Origin: null` without a Referer (a form on a no-referrer page) and a same-site Origin
    // are this site.
    assert_eq!(post(&url, &fields, &[("Origin", "null")]).status, 303);
    let own = s.base.clone();
    assert_eq!(
        post(
            &url,
            &fields,
            &[("Origin", own.as_str()), ("Sec-Fetch-Site", "same-origin")]
        )
        .status,
        303
    );
}

#[test]
fn oversize_bodies_are_refused_with_413() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    let session = start_session(&s, "vi");
    let url = s.url(&format!("{session}p/0"));
    let big = format!("enterprise_name={}", "a".repeat(70 * 1024));
    let r = post_raw(&url, big.as_bytes());
    assert_eq!(r.status, 413);
    assert!(r.text().contains("64 KiB"));
    assert_eq!(post_raw(&s.url("/start"), big.as_bytes()).status, 413);
}

#[test]
fn markup_in_answers_is_shown_escaped_to_participants_and_the_consultant() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    let q = mini_q();
    let session = start_session(&s, "vi");
    let evil = "<script>alert(1)</script> & \"Co\"";
    answer_all(&s, &q, &session, evil);
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;";
    for path in [
        format!("{session}review"),
        format!("{session}result"),
        format!("{session}p/0"),
    ] {
        let html = get(&s.url(&path)).text();
        assert!(html.contains(escaped), "{path}: {html}");
        assert!(!html.contains("<script>alert"), "{path}");
    }
    let admin = get(&s.admin).text();
    assert!(admin.contains(escaped));
    assert!(!admin.contains("<script>alert"));
    let report = get(&s.url(&format!("{session}report.html"))).text();
    assert!(!report.contains("<script>alert"));
}

#[test]
fn every_response_carries_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    for path in ["/", "/static/style.css", "/static/app.js", "/nothing"] {
        let r = get(&s.url(path));
        let csp = r.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline") || path.ends_with(".html"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
    }
    let home = get(&s.url("/")).text();
    assert!(
        !home.contains("<script>") && !home.contains("http://") && !home.contains("https://"),
        "no inline script, nothing from another site"
    );
}

#[test]
fn too_many_sessions_get_a_clear_429_page() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &["--max-sessions", "2"]);
    start_session(&s, "vi");
    start_session(&s, "vi");
    let token = input_value(&get(&s.url("/")).text(), "_token").unwrap();
    let r = post(&s.url("/start"), &[("_token".into(), token.clone())], &[]);
    assert_eq!(r.status, 429);
    assert!(r.text().contains("tối đa"));
    drop(s);
    // 20 new sessions a minute from one address.
    let s = mini_server(&dir.path().join("b"), &[]);
    for _ in 0..20 {
        start_session(&s, "en");
    }
    let token = input_value(&get(&s.url("/")).text(), "_token").unwrap();
    let r = post(
        &s.url("/start"),
        &[("_token".into(), token), ("lang".into(), "en".into())],
        &[],
    );
    assert_eq!(r.status, 429);
    assert!(r.text().contains("Wait a minute"));
}

#[test]
fn a_broken_answers_file_is_reported_left_alone_and_the_rest_served() {
    let dir = tempfile::tempdir().unwrap();
    let s = mini_server(dir.path(), &[]);
    let q = mini_q();
    let session = start_session(&s, "vi");
    answer_all(&s, &q, &session, "Survivor");
    drop(s);
    let broken = dir
        .path()
        .join("ws/answers/abcdefghijklmnopqrstuvwxyz234567.answers.yaml");
    std::fs::write(&broken, "format: 1\nanswers: [not, a, map\n").unwrap();
    let s = mini_server(dir.path(), &[]);
    let err = s.stderr_text();
    assert!(
        err.contains("abcdefghijklmnopqrstuvwxyz234567.answers.yaml"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "format: 1\nanswers: [not, a, map\n"
    );
    assert_eq!(
        get(&s.url("/s/abcdefghijklmnopqrstuvwxyz234567/")).status,
        404
    );
    assert_eq!(get(&s.url(&format!("{session}result"))).status, 200);
}

#[test]
fn a_session_on_an_earlier_shipped_version_goes_on_with_that_version() {
    use dxready::setup::Editions;
    let setup = Setup::load(&Sources::default()).unwrap();
    let Some(shipped) = dxready::embedded::EARLIER.first() else {
        eprintln!("skipped: this binary ships only one version of the default questionnaire");
        return;
    };
    let old = setup
        .version(shipped.version)
        .unwrap()
        .expect("the earlier edition");
    let q = old.questionnaire;
    assert_ne!(q.version, setup.questionnaire.version);
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let id = "olderversionsessionaaaaaaaaaaaaa";
    std::fs::create_dir_all(ws.join("answers")).unwrap();
    let file = ws.join(format!("answers/{id}.answers.yaml"));
    std::fs::write(
        &file,
        format!(
            "format: 1\nquestionnaire: {{ id: {}, version: \"{}\" }}\nassessed_on: 2026-11-27\nlanguage: vi\nanswers: {{}}\n",
            q.id, q.version
        ),
    )
    .unwrap();
    let s = Server::start(&ws, &[], &[]);
    let session = format!("/s/{id}/");
    answer_all(&s, q, &session, "Công ty Phiên Bản Cũ");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(&format!("version: '{}'", q.version))
            || text.contains(&format!("version: \"{}\"", q.version))
            || text.contains(&format!("version: {}", q.version)),
        "{text}"
    );
    dxready::answers::Answers::from_str(q, "x", &text, Completeness::Complete)
        .expect("complete for its own version");
    assert_eq!(get(&s.url(&format!("{session}result"))).status, 200);
    let pdf = get(&s.url(&format!("{session}report.pdf")));
    let expected = dir.path().join("expected.pdf");
    assert!(
        Command::new(bin())
            .arg("report")
            .arg(&file)
            .arg("-o")
            .arg(&expected)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(
        pdf.bytes,
        std::fs::read(&expected).unwrap(),
        "scored with its own version"
    );
    let out = dir.path().join("batch");
    assert!(
        Command::new(bin())
            .arg("batch")
            .arg(ws.join("answers"))
            .arg("--out")
            .arg(&out)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(
        get(&format!("{}/summary.csv", s.admin)).text(),
        std::fs::read_to_string(out.join("summary.csv")).unwrap()
    );
}
