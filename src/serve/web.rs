//! The HTTP side: routes, the participant pages, and the safety rules every request passes
//! (docs/serve.md, "Safety"): bodies over 64 KiB refused with 413, cross-site posts refused with
//! 403, a hidden per-session form token, session ids checked by alphabet and length before
//! any lookup, `GET` that never changes anything, and the security headers on every answer.
//!
//! Handlers do the small work inline; saving (fsync) and reports (PDF) run on the blocking
//! pool, one session's saves one after another under its lock.

// Handlers stop early with the page to send (404, 413): axum's own shape of error.
#![allow(clippy::result_large_err)]

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::App;
use super::id::Id;
use super::store::{Session, Summary, lock};
use super::views::{self, Frame};
use crate::answers::Answers;
use crate::assessment::Assessment;
use crate::interview::{FieldError, apply_page, dropped_message};
use crate::report::view;
use crate::words::Serve;

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 64 * 1024;

const CSS: &str = include_str!("../../assets/web/style.css");
const JS: &str = include_str!("../../assets/web/app.js");

/// Pages: no inline script, nothing from another site.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/// The HTML reports carry their own inline style sheet (they are self-contained files).
pub const CSP_REPORT: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(landing))
        .route("/start", post(start))
        .route(
            "/static/style.css",
            get(|| async { asset(CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset(JS, "text/javascript; charset=utf-8") }),
        )
        .route("/s/{id}", get(session_slash))
        .route("/s/{id}/", get(session_home))
        .route("/s/{id}/p/{n}", get(page).post(save))
        .route("/s/{id}/review", get(review))
        .route("/s/{id}/result", get(result))
        .route("/s/{id}/report.pdf", get(report_pdf))
        .route("/s/{id}/report.html", get(report_html))
        .merge(super::admin::routes())
        .fallback(not_found_handler)
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Every request: cross-site posts refused, oversized bodies refused early (the handlers
/// read at most [`BODY_LIMIT`] bytes too), security headers on every response.
async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let mut resp = if req.method() == Method::POST && cross_site(req.headers()) {
        app.error_page(StatusCode::FORBIDDEN, &app.lang, |w| {
            (w.forbidden_title, w.forbidden)
        })
    } else if req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > BODY_LIMIT as u64)
    {
        too_large(&app)
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// A POST from another site: its `Origin` or `Referer` names another host than the one
/// asked (`Host`), or the browser says `Sec-Fetch-Site: cross-site`. `Origin: null` (a form
/// on a `no-referrer` page) is this site.
pub fn cross_site(h: &HeaderMap) -> bool {
    let get = |name: header::HeaderName| h.get(name).map(|v| v.to_str().unwrap_or("\u{0}"));
    if get(header::HeaderName::from_static("sec-fetch-site")) == Some("cross-site") {
        return true;
    }
    let host = get(header::HOST).map(|x| x.to_ascii_lowercase());
    let foreign = |url: &str| -> bool {
        let Some(rest) = url
            .strip_prefix("http://")
            .or_else(|| url.strip_prefix("https://"))
        else {
            return true;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let authority = authority
            .rsplit('@')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let default_port = if url.starts_with("https://") {
            ":443"
        } else {
            ":80"
        };
        match &host {
            Some(h) => {
                authority != *h
                    && format!("{authority}{default_port}") != *h
                    && authority != format!("{h}{default_port}")
            }
            None => true,
        }
    };
    if let Some(origin) = get(header::ORIGIN)
        && origin != "null"
        && foreign(origin)
    {
        return true;
    }
    match get(header::REFERER) {
        Some(r) => foreign(r),
        None => false,
    }
}

fn too_large(app: &App) -> Response {
    app.error_page(StatusCode::PAYLOAD_TOO_LARGE, &app.lang, |w| {
        (w.too_large_title, w.too_large)
    })
}

async fn not_found_handler(State(app): State<Arc<App>>) -> Response {
    app.not_found(&app.lang)
}

/// Reads a form body (at most [`BODY_LIMIT`] bytes) into its fields, in order.
async fn read_form(app: &App, body: Body) -> Result<Vec<(String, String)>, Response> {
    let bytes: Bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| too_large(app))?;
    Ok(form_urlencoded::parse(&bytes)
        .map(|(k, v)| (k.into_owned(), crate::yaml::nfc(&v)))
        .collect())
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The hidden token of a session's forms (and, for `"start"`, of the start form): derived
/// from the workspace's key, so it survives restarts.
pub fn form_token(key: &Id, scope: &str) -> String {
    let mut h = Sha256::new();
    h.update(key.as_str().as_bytes());
    h.update(b"\0form\0");
    h.update(scope.as_bytes());
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response()
}

/// The address a participant's browser used, for links and QR codes (`Host`, if it is a
/// plain host and port).
fn origin_of(headers: &HeaderMap, app: &App) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() < 256
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
        })
        .map(str::to_string)
        .unwrap_or_else(|| app.public.clone());
    format!("http://{host}")
}

#[derive(serde::Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

async fn landing(State(app): State<Arc<App>>, Query(query): Query<LangQuery>) -> Response {
    let lang = query
        .lang
        .filter(|l| app.q.languages.contains(l))
        .unwrap_or_else(|| app.lang.clone());
    let languages: Vec<_> = app
        .q
        .languages
        .iter()
        .map(|l| {
            json!({"code": l, "name": crate::interview::language_label(l), "checked": *l == lang})
        })
        .collect();
    app.render(
        StatusCode::OK,
        "landing.html",
        &json!({
            "f": Frame::new(&lang, &app.title),
            "description": app.q.description.as_ref().map(|d| d.get(&lang)),
            "questionnaire": app.q.title.get(&lang),
            "languages": languages,
            "token": form_token(&app.ws.form_key, "start"),
        }),
    )
}

async fn start(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Body,
) -> Response {
    let form = match read_form(&app, body).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let lang = field(&form, "lang")
        .filter(|l| app.q.languages.iter().any(|x| x == l))
        .unwrap_or(&app.lang)
        .to_string();
    if field(&form, "_token") != Some(form_token(&app.ws.form_key, "start").as_str()) {
        return app.error_page(StatusCode::FORBIDDEN, &lang, |w| {
            (w.forbidden_title, w.forbidden)
        });
    }
    if !app.limit.allow(peer.ip(), std::time::Instant::now()) {
        return app.error_page(StatusCode::TOO_MANY_REQUESTS, &lang, |w| {
            (w.too_many_title, w.too_many_rate)
        });
    }
    let id = match Id::random() {
        Ok(id) => id,
        Err(e) => return app.server_error(&lang, &e),
    };
    let answers = Answers::empty(app.q, jiff::Zoned::now().date(), Some(lang.clone()));
    let summary = app.summary(&app.current, &id, &answers);
    let session = Session {
        ed: app.current.clone(),
        answers: answers.clone(),
        modified: jiff::Timestamp::now(),
        summary,
    };
    if !app.store.insert(id, session, app.max_sessions) {
        return app.error_page(StatusCode::TOO_MANY_REQUESTS, &lang, |w| {
            (w.too_many_title, w.too_many_sessions)
        });
    }
    let a = app.clone();
    let saved = tokio::task::spawn_blocking(move || a.ws.save(a.q, &id, &answers)).await;
    match saved {
        Ok(Ok(())) => see_other(&format!("/s/{id}/")),
        Ok(Err(e)) => {
            app.store.remove(&id);
            app.server_error(
                &lang,
                &format!("{}: {e}", app.ws.answers_file(&id).display()),
            )
        }
        Err(e) => {
            app.store.remove(&id);
            app.server_error(&lang, &e.to_string())
        }
    }
}

/// The session of an address, or the 404 page (the id is checked before any lookup).
fn session_of(app: &App, raw: &str) -> Result<(Id, Arc<std::sync::Mutex<Session>>), Response> {
    let id = Id::parse(raw).ok_or_else(|| app.not_found(&app.lang))?;
    let s = app.store.get(&id).ok_or_else(|| app.not_found(&app.lang))?;
    Ok((id, s))
}

fn snapshot(s: &std::sync::Mutex<Session>) -> (Answers, bool, super::Ed) {
    let s = lock(s);
    (s.answers.clone(), s.summary.finished, s.ed.clone())
}

fn lang_of(app: &App, ed: &super::Ed, answers: &Answers) -> String {
    answers
        .language
        .clone()
        .filter(|l| ed.q.languages.contains(l))
        .unwrap_or_else(|| app.lang.clone())
}

async fn session_slash(State(app): State<Arc<App>>, Path(raw): Path<String>) -> Response {
    match session_of(&app, &raw) {
        Ok((id, _)) => see_other(&format!("/s/{id}/")),
        Err(r) => r,
    }
}

async fn session_home(
    State(app): State<Arc<App>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (id, s) = match session_of(&app, &raw) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (answers, finished, ed) = snapshot(&s);
    let lang = lang_of(&app, &ed, &answers);
    let link = format!("{}/s/{id}/", origin_of(&headers, &app));
    let next = match ed.plan.resume(ed.q, &answers) {
        Some(n) => format!("/s/{id}/p/{n}"),
        None if finished => format!("/s/{id}/result"),
        None => format!("/s/{id}/review"),
    };
    let started = answers.values.iter().any(Option::is_some);
    app.render(
        StatusCode::OK,
        "session.html",
        &json!({
            "f": Frame::new(&lang, &app.title),
            "link": link,
            "qr": super::qr::svg(&link, &link),
            "next": next,
            "started": started,
            "questionnaire": ed.q.title.get(&lang),
        }),
    )
}

#[derive(serde::Deserialize)]
struct PageQuery {
    #[serde(rename = "return")]
    ret: Option<String>,
    dropped: Option<String>,
}

fn page_number(ed: &super::Ed, raw: &str) -> Option<usize> {
    if raw.is_empty() || raw.len() > 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok().filter(|&n| n < ed.plan.pages.len())
}

async fn page(
    State(app): State<Arc<App>>,
    Path((raw, n)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Response {
    let (id, s) = match session_of(&app, &raw) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (answers, _, ed) = snapshot(&s);
    let Some(n) = page_number(&ed, &n) else {
        return app.not_found(&app.lang);
    };
    let visible = answers.evaluate(ed.q).visible;
    if !ed.plan.shown(n, &visible) {
        return match ed.plan.next_shown(n, &visible) {
            Some(m) => see_other(&format!("/s/{id}/p/{m}")),
            None => see_other(&format!("/s/{id}/review")),
        };
    }
    let dropped = dropped_list(&ed, query.dropped.as_deref());
    let to_review = query.ret.as_deref() == Some("review");
    app.page_response(
        &ed,
        StatusCode::OK,
        &id,
        n,
        &answers,
        None,
        &[],
        &dropped,
        to_review,
    )
}

async fn save(
    State(app): State<Arc<App>>,
    Path((raw, n)): Path<(String, String)>,
    body: Body,
) -> Response {
    let (id, s) = match session_of(&app, &raw) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let ed = lock(&s).ed.clone();
    let Some(n) = page_number(&ed, &n) else {
        return app.not_found(&app.lang);
    };
    let form = match read_form(&app, body).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    if field(&form, "_token") != Some(form_token(&app.ws.form_key, id.as_str()).as_str()) {
        let lang = lang_of(&app, &ed, &snapshot(&s).0);
        return app.error_page(StatusCode::FORBIDDEN, &lang, |w| {
            (w.forbidden_title, w.forbidden)
        });
    }
    let to_review = field(&form, "_return") == Some("review");
    let a = app.clone();
    let form = Arc::new(form);
    let f2 = form.clone();
    let outcome = tokio::task::spawn_blocking(move || a.apply(&id, &s, n, &f2)).await;
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => return app.server_error(&app.lang, &e.to_string()),
    };
    match outcome {
        Saved::Ok { answers, dropped } => {
            let visible = answers.evaluate(ed.q).visible;
            let finished = app.summary(&ed, &id, &answers).finished;
            let mut to = match ed.plan.next_shown(n + 1, &visible) {
                Some(m) if !(to_review && finished) => format!("/s/{id}/p/{m}"),
                _ => format!("/s/{id}/review"),
            };
            if !dropped.is_empty() {
                let ids: Vec<&str> = dropped
                    .iter()
                    .map(|&j| ed.q.questions[j].id.as_str())
                    .collect();
                to.push_str(&format!("?dropped={}", ids.join(",")));
            }
            see_other(&to)
        }
        Saved::Invalid { answers, errors } => app.page_response(
            &ed,
            StatusCode::UNPROCESSABLE_ENTITY,
            &id,
            n,
            &answers,
            Some(&form),
            &errors,
            &[],
            to_review,
        ),
        Saved::Failed { lang, message } => app.server_error(&lang, &message),
    }
}

/// What a page's POST came to.
pub enum Saved {
    Ok {
        answers: Answers,
        dropped: Vec<usize>,
    },
    Invalid {
        answers: Answers,
        errors: Vec<FieldError>,
    },
    Failed {
        lang: String,
        message: String,
    },
}

impl App {
    /// Applies a page's answers with the interview's rules and saves them before anything
    /// is acknowledged; nothing changes (in memory or on disk) when they do not validate or
    /// cannot be saved.
    fn apply(
        &self,
        id: &Id,
        s: &std::sync::Mutex<Session>,
        n: usize,
        form: &[(String, String)],
    ) -> Saved {
        let mut session = lock(s);
        let ed = session.ed.clone();
        let mut answers = session.answers.clone();
        let lang = lang_of(self, &ed, &answers);
        let page: Vec<usize> = ed.plan.pages[n].questions.clone().collect();
        let q = ed.q;
        let fields = |qi: usize| -> Vec<&str> {
            let name = q.questions[qi].id.as_str();
            form.iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .collect()
        };
        match apply_page(q, &mut answers, &page, &fields, &lang) {
            Err(errors) => Saved::Invalid {
                answers: session.answers.clone(),
                errors,
            },
            Ok(dropped) => {
                if let Err(e) = self.ws.save(q, id, &answers) {
                    return Saved::Failed {
                        lang,
                        message: format!("{}: {e}", self.ws.answers_file(id).display()),
                    };
                }
                session.summary = self.summary(&ed, id, &answers);
                session.answers = answers.clone();
                session.modified = jiff::Timestamp::now();
                Saved::Ok { answers, dropped }
            }
        }
    }

    /// The consultant's summary of a session's answers.
    pub fn summary(&self, ed: &super::Ed, id: &Id, answers: &Answers) -> Summary {
        let input = self.ws.answers_file(id).display().to_string();
        Summary::of(
            self.current.edition(),
            ed.edition(),
            answers,
            &input,
            &self.lang,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn page_response(
        &self,
        ed: &super::Ed,
        status: StatusCode,
        id: &Id,
        n: usize,
        answers: &Answers,
        typed: Option<&[(String, String)]>,
        errors: &[FieldError],
        dropped: &[usize],
        to_review: bool,
    ) -> Response {
        let lang = lang_of(self, ed, answers);
        let q = ed.q;
        let page = &ed.plan.pages[n];
        let visible = answers.evaluate(q).visible;
        let (pos, total) = ed.plan.progress(n, &visible);
        let w = &crate::words::of(&lang).serve;
        let mut title = views::section_title(q, page.section, &lang);
        if page.parts > 1 {
            title = format!("{title} ({}/{})", page.part + 1, page.parts);
        }
        let counter = crate::words::fill(
            w.part,
            &[("n", &pos.to_string()), ("total", &total.to_string())],
        );
        let questions = views::questions(q, &ed.plan, n, answers, typed, errors, &lang);
        let back = ed
            .plan
            .prev_shown(n, &visible)
            .map(|m| format!("/s/{id}/p/{m}"));
        let last = ed.plan.next_shown(n + 1, &visible).is_none();
        let fix = (!errors.is_empty())
            .then(|| crate::words::fill(w.fix_count, &[("count", &errors.len().to_string())]));
        self.render(
            status,
            "page.html",
            &json!({
                "f": Frame::new(&lang, &self.title),
                "session": id.as_str(),
                "action": format!("/s/{id}/p/{n}"),
                "token": form_token(&self.ws.form_key, id.as_str()),
                "progress": format!("{counter} · {title}"),
                "pos": pos,
                "total": total,
                "section": title,
                "intro": (page.part == 0).then(|| views::section_intro(q, page.section, &lang)).flatten(),
                "questions": questions,
                "back": back,
                "next_label": if last || to_review { w.to_review } else { w.next },
                "fix": fix,
                "dropped": dropped_message(q, &lang, dropped),
                "to_review": to_review,
                "home": format!("/s/{id}/"),
            }),
        )
    }

    pub fn render(&self, status: StatusCode, template: &str, ctx: &impl Serialize) -> Response {
        let context = match tera::Context::from_serialize(ctx) {
            Ok(c) => c,
            Err(e) => return internal(&e.to_string()),
        };
        match self.pages.render(template, &context) {
            Ok(html) => (
                status,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                html,
            )
                .into_response(),
            Err(e) => internal(&format!("{template}: {e}")),
        }
    }

    pub fn error_page(
        &self,
        status: StatusCode,
        lang: &str,
        pick: impl Fn(&'static Serve) -> (&'static str, &'static str),
    ) -> Response {
        let (heading, text) = pick(&crate::words::of(lang).serve);
        self.render(
            status,
            "error.html",
            &json!({"f": Frame::new(lang, &self.title), "heading": heading, "text": text, "detail": null}),
        )
    }

    /// The 404 page: the same for an unknown page, a malformed or unknown session id and a
    /// wrong admin token, so it tells nothing about what exists.
    pub fn not_found(&self, lang: &str) -> Response {
        self.error_page(StatusCode::NOT_FOUND, lang, |w| {
            (w.not_found_title, w.not_found)
        })
    }

    pub fn server_error(&self, lang: &str, detail: &str) -> Response {
        crate::messages::error(detail);
        self.error_page(StatusCode::INTERNAL_SERVER_ERROR, lang, |w| {
            (w.error_title, w.save_failed)
        })
    }

    /// A finished session's report in `format` (the `dxready report` pipeline), on the
    /// blocking pool.
    pub async fn report(
        self: &Arc<Self>,
        ed: super::Ed,
        id: Id,
        answers: Answers,
        format: crate::report::Format,
    ) -> Response {
        let app = self.clone();
        let made =
            tokio::task::spawn_blocking(move || app.report_bytes(&ed, &id, &answers, format)).await;
        match made {
            Ok(Ok((name, bytes))) => {
                let (kind, csp) = match format {
                    crate::report::Format::Pdf => ("application/pdf", CSP),
                    crate::report::Format::Html => ("text/html; charset=utf-8", CSP_REPORT),
                    crate::report::Format::Md => ("text/markdown; charset=utf-8", CSP),
                };
                (
                    [
                        (header::CONTENT_TYPE, kind.to_string()),
                        (header::CONTENT_SECURITY_POLICY, csp.to_string()),
                        (
                            header::CONTENT_DISPOSITION,
                            format!("inline; filename=\"{name}.{}\"", format.extension()),
                        ),
                    ],
                    bytes,
                )
                    .into_response()
            }
            Ok(Err(e)) => self.server_error(&self.lang, &e),
            Err(e) => self.server_error(&self.lang, &e.to_string()),
        }
    }

    /// The report's file stem (from the enterprise name, made safe) and bytes.
    pub fn report_bytes(
        &self,
        ed: &super::Ed,
        id: &Id,
        answers: &Answers,
        format: crate::report::Format,
    ) -> Result<(String, Vec<u8>), String> {
        let file = self.ws.answers_file(id).display().to_string();
        let a = Assessment::new(ed.q, ed.catalog, answers, file, None, None);
        let v = view::build(ed.q, ed.catalog, &a, &view::Extras::default());
        let bytes = self.reports.report(&v, format).map_err(|e| e.to_string())?;
        Ok((
            crate::naming::safe_name(&v.enterprise.name, id.as_str()),
            bytes,
        ))
    }
}

fn internal(detail: &str) -> Response {
    crate::messages::error(detail);
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "internal error",
    )
        .into_response()
}

async fn review(
    State(app): State<Arc<App>>,
    Path(raw): Path<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    let (id, s) = match session_of(&app, &raw) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (answers, finished, ed) = snapshot(&s);
    let lang = lang_of(&app, &ed, &answers);
    let dropped = dropped_list(&ed, query.dropped.as_deref());
    let resume = ed
        .plan
        .resume(ed.q, &answers)
        .map(|n| format!("/s/{id}/p/{n}"));
    app.render(
        StatusCode::OK,
        "review.html",
        &json!({
            "f": Frame::new(&lang, &app.title),
            "sections": views::review(ed.q, &ed.plan, &answers, &lang),
            "session": id.as_str(),
            "finished": finished,
            "resume": resume,
            "dropped": dropped_message(ed.q, &lang, &dropped),
            "home": format!("/s/{id}/"),
        }),
    )
}

fn unfinished(app: &App, id: &Id, lang: &str) -> Response {
    let w = &crate::words::of(lang).serve;
    app.render(
        StatusCode::CONFLICT,
        "error.html",
        &json!({
            "f": Frame::new(lang, &app.title),
            "heading": w.unfinished_title,
            "text": w.unfinished,
            "link": format!("/s/{id}/review"),
            "link_text": w.review_title,
        }),
    )
}

async fn result(State(app): State<Arc<App>>, Path(raw): Path<String>) -> Response {
    let (id, s) = match session_of(&app, &raw) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (answers, finished, ed) = snapshot(&s);
    let lang = lang_of(&app, &ed, &answers);
    if !finished {
        return unfinished(&app, &id, &lang);
    }
    let file = app.ws.answers_file(&id).display().to_string();
    let a = Assessment::new(ed.q, ed.catalog, &answers, file, None, Some(&lang));
    let v = view::build(ed.q, ed.catalog, &a, &view::Extras::default());
    let dims: Vec<_> = v
        .dimensions
        .iter()
        .map(|d| {
            json!({
                "title": d.title,
                "applicable": d.applicable,
                "score_text": d.result.score_text,
                "percent": d.result.score.map(|s| s.clamp(0.0, 100.0).round() as i64),
                "level_id": d.result.level_id,
                "level_name": d.result.level_name,
            })
        })
        .collect();
    let actions: Vec<_> = v.actions.iter().take(3).collect();
    app.render(
        StatusCode::OK,
        "result.html",
        &json!({
            "f": Frame::new(&lang, &app.title),
            "enterprise": v.enterprise.name,
            "overall": v.overall,
            "dimensions": dims,
            "actions": actions,
            "programs": v.recommended,
            "session": id.as_str(),
            "home": format!("/s/{id}/"),
        }),
    )
}

async fn report_pdf(State(app): State<Arc<App>>, Path(raw): Path<String>) -> Response {
    report_of(app, raw, crate::report::Format::Pdf).await
}

async fn report_html(State(app): State<Arc<App>>, Path(raw): Path<String>) -> Response {
    report_of(app, raw, crate::report::Format::Html).await
}

async fn report_of(app: Arc<App>, raw: String, format: crate::report::Format) -> Response {
    let (id, s) = match session_of(&app, &raw) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (answers, finished, ed) = snapshot(&s);
    if !finished {
        let lang = lang_of(&app, &ed, &answers);
        return unfinished(&app, &id, &lang);
    }
    app.report(ed, id, answers, format).await
}

/// The questions named in `?dropped=a,b` (unknown ids ignored).
fn dropped_list(ed: &super::Ed, ids: Option<&str>) -> Vec<usize> {
    let mut list: Vec<usize> = ids
        .unwrap_or("")
        .split(',')
        .take(ed.q.questions.len())
        .filter_map(|qid| ed.q.question_index(qid))
        .collect();
    list.sort_unstable();
    list.dedup();
    list
}
