//! Shared by the `serve` tests: a real `dxready serve` on 127.0.0.1:0 in a temp workspace, a
//! plain HTTP client that never follows redirects and never keeps cookies, and a participant
//! who answers whatever page is shown from the questionnaire model (so the tests work for
//! any questionnaire, as tests/assess_pty.rs does).

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use dxready::interview::input::NumberSpec;
use dxready::questionnaire::{Kind, Questionnaire};

pub fn mini() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/mini.yaml")
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dxready")
}

/// A running server; killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub admin: String,
    pub ws: PathBuf,
    pub stderr: PathBuf,
}

impl Server {
    /// `dxready [global…] serve --workspace WS --listen 127.0.0.1:0 --quiet [args…]`.
    pub fn start(ws: &Path, global: &[&str], args: &[&str]) -> Server {
        std::fs::create_dir_all(ws).unwrap();
        let stderr = ws.with_extension("stderr.txt");
        let mut cmd = Command::new(bin());
        cmd.args(global)
            .args(["--quiet", "serve", "--workspace"])
            .arg(ws)
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap());
        let mut child = cmd.spawn().expect("start dxready serve");
        let out = child.stdout.take().unwrap();
        let mut lines = BufReader::new(out).lines();
        let mut base = None;
        let mut admin = None;
        for line in lines.by_ref() {
            let line = line.expect("read the server's output");
            if let Some(u) = line.strip_prefix("listening on ") {
                base.get_or_insert(u.trim_end_matches('/').to_string());
            } else if let Some(u) = line.strip_prefix("admin: ") {
                admin = Some(u.to_string());
                break;
            }
        }
        let (Some(base), Some(admin)) = (base, admin) else {
            let _ = child.kill();
            panic!(
                "the server printed no addresses; stderr: {}",
                std::fs::read_to_string(&stderr).unwrap_or_default()
            );
        };
        Server {
            child,
            base,
            admin,
            ws: ws.to_path_buf(),
            stderr,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn answers_files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(self.ws.join("answers"))
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    pub fn stderr_text(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into()
}

fn read(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Resp {
    let mut r = r.expect("HTTP request");
    let headers: Vec<(String, String)> = r
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let get = |n: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.clone())
    };
    let bytes = r
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_vec()
        .expect("read body");
    Resp {
        status: r.status().as_u16(),
        location: get("location"),
        content_type: get("content-type").unwrap_or_default(),
        headers,
        bytes,
    }
}

pub fn get(url: &str) -> Resp {
    read(agent().get(url).call())
}

pub fn post(url: &str, fields: &[(String, String)], headers: &[(&str, &str)]) -> Resp {
    let mut req = agent().post(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    read(req.send_form(fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
}

pub fn post_raw(url: &str, body: &[u8]) -> Resp {
    read(
        agent()
            .post(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(body),
    )
}

/// The value of the first `name="NAME" value="…"` in a page.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let key = format!("name=\"{name}\" value=\"");
    let start = html.find(&key)? + key.len();
    let end = html[start..].find('"')? + start;
    Some(unescape(&html[start..end]))
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The question ids on a page, in order (`<fieldset … id="q-ID"`).
pub fn page_questions(html: &str) -> Vec<String> {
    html.split("id=\"q-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The first `href="…"` starting with `prefix`.
pub fn link(html: &str, prefix: &str) -> Option<String> {
    let key = format!("href=\"{prefix}");
    let start = html.find(&key)? + "href=\"".len();
    let end = html[start..].find('"')? + start;
    Some(unescape(&html[start..end]))
}

/// A valid answer to a question as a form sends it: the first option (the first one that
/// is not exclusive for multi-choice), `yes`, the scale's lowest value, the number
/// example, a date, `name` for the enterprise name and a short text otherwise.
pub fn valid_answer(q: &Questionnaire, id: &str, name: &str) -> Vec<String> {
    let question = q
        .question(id)
        .unwrap_or_else(|| panic!("unknown question {id}"));
    match &question.kind {
        Kind::Single { options } => vec![options[0].id.clone()],
        Kind::Multi { options, .. } => vec![
            options
                .iter()
                .find(|o| !o.exclusive)
                .unwrap_or(&options[0])
                .id
                .clone(),
        ],
        Kind::YesNo { .. } => vec!["yes".into()],
        Kind::Scale { min, .. } => vec![min.to_string()],
        Kind::Number { .. } => {
            let spec = NumberSpec::of(&question.kind, "en").unwrap();
            vec![dxready::condition::trim_number(spec.example())]
        }
        Kind::Text if id == "enterprise_name" => vec![name.to_string()],
        Kind::Text => vec!["0123456789".into()],
        Kind::Date => vec!["2026-01-15".into()],
    }
}

/// The form fields answering every question on a page (`overrides` first).
pub fn fill_page(
    q: &Questionnaire,
    html: &str,
    name: &str,
    overrides: &[(&str, &[&str])],
) -> Vec<(String, String)> {
    let mut fields = vec![(
        "_token".to_string(),
        input_value(html, "_token").expect("a form token on the page"),
    )];
    if html.contains("name=\"_return\" value=\"review\"") {
        fields.push(("_return".into(), "review".into()));
    }
    for id in page_questions(html) {
        let values: Vec<String> = match overrides.iter().find(|(k, _)| *k == id) {
            Some((_, v)) => v.iter().map(|s| s.to_string()).collect(),
            None => valid_answer(q, &id, name),
        };
        for v in values {
            fields.push((id.clone(), v));
        }
    }
    fields
}

/// Starts a session in `lang`: returns its address path (`/s/ID/`).
pub fn start_session(s: &Server, lang: &str) -> String {
    let home = get(&s.url("/"));
    assert_eq!(home.status, 200);
    let token = input_value(&home.text(), "_token").expect("start form token");
    let r = post(
        &s.url("/start"),
        &[("_token".into(), token), ("lang".into(), lang.into())],
        &[],
    );
    assert_eq!(r.status, 303, "start: {}", r.text());
    let loc = r.location.expect("start redirects");
    assert!(loc.starts_with("/s/") && loc.ends_with('/'), "{loc}");
    loc
}

/// Answers every page from the session's first page to the review, by form posts only.
/// Returns the pages' paths in the order they were answered.
pub fn answer_all(s: &Server, q: &Questionnaire, session: &str, name: &str) -> Vec<String> {
    let home = get(&s.url(session));
    assert_eq!(home.status, 200);
    let mut next = link(&home.text(), &format!("{session}p/")).expect("a link to the first page");
    let mut seen = Vec::new();
    for _ in 0..200 {
        let page = get(&s.url(&next));
        assert_eq!(page.status, 200, "{next}: {}", page.text());
        let html = page.text();
        let fields = fill_page(q, &html, name, &[]);
        let r = post(&s.url(&next), &fields, &[]);
        assert_eq!(r.status, 303, "{next}: {}", r.text());
        seen.push(next.clone());
        let loc = r.location.expect("a saved page redirects");
        if loc.ends_with("/review") {
            return seen;
        }
        next = loc;
    }
    panic!("the interview did not end after 200 pages: {seen:?}");
}

/// The session id of an address path `/s/ID/…`.
pub fn session_id(path: &str) -> String {
    path.trim_start_matches("/s/")
        .split('/')
        .next()
        .unwrap()
        .to_string()
}
