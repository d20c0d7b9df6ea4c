//! `dxready serve` in a real browser: headless Chromium driven over WebDriver (chromedriver),
//! in a 390×844 phone viewport, answering the whole default questionnaire by clicking and
//! typing, once with JavaScript on and once with it off, then opening the PDF link.
//!
//! Without chromium and chromedriver the test prints that it was skipped and why; with
//! `DXREADY_FULL_TESTS=1` (CI) a missing browser is a failure.

#![cfg(unix)]

#[path = "support/serve.rs"]
mod support;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dxready::questionnaire::{Kind, Questionnaire};
use dxready::setup::{Setup, Sources};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use support::*;

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        for dir in std::env::split_paths(&path).chain([PathBuf::from("/usr/bin")]) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// chromium and chromedriver, or why the test cannot run.
fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"])
        .ok_or("chromium is not installed (Debian: apt-get install chromium)")?;
    let driver = find_program(&["chromedriver"])
        .ok_or("chromedriver is not installed (Debian: apt-get install chromium-driver)")?;
    Ok((chromium, driver))
}

struct Driver(Child, u16);

impl Drop for Driver {
    /// Ends chromedriver and the browsers it started (its process group), also after a
    /// failed test that could not close its session.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_driver(driver: &PathBuf) -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    use std::os::unix::process::CommandExt;
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver(child, port)
}

async fn connect(
    port: u16,
    chromium: &PathBuf,
    javascript: bool,
    downloads: &std::path::Path,
) -> Client {
    let mut prefs = serde_json::Map::new();
    // A PDF link saves the file (headless Chromium has no PDF viewer to show it in).
    prefs.insert("download.default_directory".into(), json!(downloads));
    prefs.insert("download.prompt_for_download".into(), json!(false));
    prefs.insert("plugins.always_open_pdf_externally".into(), json!(true));
    let args = vec![
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--lang=vi",
        "--window-size=390,844",
    ];

    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": args,
            "mobileEmulation": {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0}},
            "prefs": prefs,
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let c = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session");
    if !javascript {
        // No script of the page may run: every script address is blocked in the browser's
        // network layer (Chromium's own "scripts off" setting also stops the WebDriver
        // commands, which run as scripts inside the page).
        let sid = c.session_id().await.unwrap().expect("a session id");
        for (cmd, params) in [
            ("Network.enable", json!({})),
            (
                "Network.setBlockedURLs",
                json!({"urls": ["*.js", "*/static/app.js*"]}),
            ),
        ] {
            let r = agent()
                .post(&format!(
                    "http://127.0.0.1:{port}/session/{sid}/goog/cdp/execute"
                ))
                .header("Content-Type", "application/json")
                .send(json!({"cmd": cmd, "params": params}).to_string())
                .unwrap();
            assert_eq!(r.status().as_u16(), 200, "{cmd}");
        }
    }
    c
}

/// Answers what the page shows, by clicking options and typing into boxes; returns whether
/// the page had a gated question whose note was visible (the no-script form).
async fn answer_page(c: &Client, q: &Questionnaire, name: &str) -> (usize, bool) {
    let mut answered = 0;
    let mut note_visible = false;
    for fs in c.find_all(Locator::Css("fieldset.q")).await.unwrap() {
        if !fs.is_displayed().await.unwrap() {
            continue;
        }
        let id = fs.attr("id").await.unwrap().unwrap();
        let id = id.trim_start_matches("q-");
        if fs.attr("data-show-if").await.unwrap().is_some()
            && let Ok(note) = fs.find(Locator::Css(".only-if")).await
        {
            note_visible |= note.is_displayed().await.unwrap();
        }
        let question = q.question(id).unwrap();
        let values = valid_answer(q, id, name);
        match &question.kind {
            Kind::Text | Kind::Number { .. } | Kind::Date => {
                let input = fs.find(Locator::Css("input")).await.unwrap();
                input.clear().await.unwrap();
                let typed = match &question.kind {
                    // A date box takes the digits in the browser's order (month, day, year
                    // in en-US; day, month, year in vi).
                    Kind::Date => {
                        let v = "2026-01-15";
                        input.send_keys("15012026").await.unwrap();
                        let got = input.prop("value").await.unwrap().unwrap_or_default();
                        if got != v {
                            input.clear().await.unwrap();
                            input.send_keys("01152026").await.unwrap();
                        }
                        v.to_string()
                    }
                    _ => {
                        input.send_keys(&values[0]).await.unwrap();
                        values[0].clone()
                    }
                };
                let got = input.prop("value").await.unwrap().unwrap_or_default();
                assert_eq!(got, typed, "{id}: what was typed is in the box");
            }
            _ => {
                for v in &values {
                    let input = fs
                        .find(Locator::Css(&format!("input[value=\"{v}\"]")))
                        .await
                        .unwrap();
                    // Click the option's label, as a finger would.
                    let label = input.find(Locator::XPath("..")).await.unwrap();
                    label.click().await.unwrap();
                    assert!(input.is_selected().await.unwrap(), "{id}: {v} ticked");
                }
            }
        }
        answered += 1;
    }
    (answered, note_visible)
}

/// Clicks what leads to another page and waits until that page is there.
async fn click_to_next(c: &Client, css: &str) {
    let before = c.current_url().await.unwrap();
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = c.current_url().await.unwrap();
        if now != before && c.find(Locator::Css("main")).await.is_ok() {
            return;
        }
        assert!(Instant::now() < deadline, "{css} on {before} led nowhere");
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

async fn interview(port: u16, chromium: &PathBuf, s: &Server, q: &Questionnaire, js: bool) {
    let downloads = s.ws.with_extension(format!("downloads-{js}"));
    std::fs::create_dir_all(&downloads).unwrap();
    let c = connect(port, chromium, js, &downloads).await;
    let name = if js {
        "Công ty Có Script"
    } else {
        "Công ty Không Script"
    };
    c.goto(&s.url("/")).await.unwrap();
    if js {
        // (With scripts off, WebDriver's script commands do not answer.)
        let width = c.execute("return window.innerWidth", vec![]).await.unwrap();
        assert_eq!(width.as_i64(), Some(390), "phone viewport");
    }
    c.find(Locator::Css("input[name=lang][value=vi]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_to_next(&c, "button[type=submit]").await;
    click_to_next(&c, "a.button.primary").await;
    let mut pages = 0;
    let mut saw_note = false;
    let mut saw_gate = false;
    loop {
        let url = c.current_url().await.unwrap();
        if url.path().ends_with("/review") {
            break;
        }
        assert!(url.path().contains("/p/"), "a question page, not {url}");
        assert!(pages < 60, "the interview ends");
        let Ok(progress) = c.find(Locator::Css(".progress-text")).await else {
            panic!("{url}: not a question page: {}", c.source().await.unwrap());
        };
        assert!(progress.text().await.unwrap().starts_with("Phần "));
        saw_gate |= !c
            .find_all(Locator::Css("[data-show-if]"))
            .await
            .unwrap()
            .is_empty();
        let (n, note) = answer_page(&c, q, name).await;
        saw_note |= note;
        assert!(n > 0, "{url}: a page with questions");
        click_to_next(&c, "button[type=submit]").await;
        pages += 1;
    }
    if saw_gate {
        assert_eq!(
            saw_note, !js,
            "the script hides the no-script notes (js: {js})"
        );
    }
    let review = c.source().await.unwrap();
    assert!(review.contains(name));
    click_to_next(&c, "a.button.primary").await;
    assert!(c.current_url().await.unwrap().path().ends_with("/result"));
    let overall = c
        .find(Locator::Css(".overall .score strong"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The PDF link: the same score as `dxready score` on the saved file.
    let pdf = c
        .find(Locator::Css("a[href$=\"report.pdf\"]"))
        .await
        .unwrap();
    let href = pdf.attr("href").await.unwrap().unwrap();
    let session = session_id(&href);
    let file = s.ws.join(format!("answers/{session}.answers.yaml"));
    let out = Command::new(bin())
        .args(["score", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = dxready::text::one_decimal(json["overall"]["score"].as_f64().unwrap(), "vi");
    assert_eq!(overall, expected);
    pdf.click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let saved = loop {
        let pdfs: Vec<PathBuf> = std::fs::read_dir(&downloads)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        if let Some(p) = pdfs.first() {
            break p.clone();
        }
        assert!(Instant::now() < deadline, "the PDF link saved no PDF");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let bytes = std::fs::read(&saved).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "the link gives a PDF");
    assert_eq!(
        bytes,
        get(&s.url(&href)).bytes,
        "the report of this session"
    );
    let _ = tokio::time::timeout(Duration::from_secs(15), c.close()).await;
}

#[test]
fn a_phone_answers_the_whole_default_questionnaire_with_and_without_javascript() {
    let (chromium, driver) = match browser() {
        Ok(x) => x,
        Err(why) => {
            if std::env::var("DXREADY_FULL_TESTS").as_deref() == Ok("1") {
                panic!("DXREADY_FULL_TESTS=1 but the browser test cannot run: {why}");
            }
            eprintln!("skipped: the browser test needs headless Chromium: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(&dir.path().join("ws"), &[], &[]);
    let q = Setup::load(&Sources::default()).unwrap().questionnaire;
    let d = start_driver(&driver);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        interview(d.1, &chromium, &s, &q, true).await;
        interview(d.1, &chromium, &s, &q, false).await;
    });
    let files = s.answers_files();
    assert_eq!(files.len(), 2, "one answers file per browser session");
}
