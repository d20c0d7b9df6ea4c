//! The consultant's pages under `/admin/<token>`: every session with its progress and score,
//! the live cohort report (the batch cohort report over the finished sessions), and the
//! downloads (`summary.csv` as `dxready batch` writes it, the cohort PDF, all reports as one
//! ZIP). Without the token, or with a wrong one, every address here is the ordinary 404.

// Handlers stop early with the page to send (404, 413): axum's own shape of error.
#![allow(clippy::result_large_err)]

use std::io::Write;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use super::App;
use super::id::Id;
use super::views::Frame;
use crate::assessment::summary_header;
use crate::batch::cohort::{Cohort, render_markdown};
use crate::report::Format;
use crate::text::one_decimal;
use crate::words::fill;

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/admin/{token}", get(admin))
        .route("/admin/{token}/", get(admin))
        .route("/admin/{token}/cohort.html", get(cohort_html))
        .route("/admin/{token}/cohort.pdf", get(cohort_pdf))
        .route("/admin/{token}/summary.csv", get(summary_csv))
        .route("/admin/{token}/reports.zip", get(reports_zip))
}

/// The token checked (alphabet and length, then compared in constant time), or the 404.
fn check(app: &App, raw: &str) -> Result<(), Response> {
    match Id::parse(raw) {
        Some(t) if t.same(&app.ws.admin_token) => Ok(()),
        _ => Err(app.not_found(&app.lang)),
    }
}

/// `14:05 27/11/2026` (Vietnamese) or `2026-11-27 14:05`, in this computer's time zone.
fn local_time(t: jiff::Timestamp, lang: &str) -> String {
    let z = t.to_zoned(jiff::tz::TimeZone::system());
    if lang == "vi" {
        format!(
            "{:02}:{:02} {:02}/{:02}/{}",
            z.hour(),
            z.minute(),
            z.day(),
            z.month(),
            z.year()
        )
    } else {
        format!("{} {:02}:{:02}", z.date(), z.hour(), z.minute())
    }
}

async fn admin(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    if let Err(r) = check(&app, &token) {
        return r;
    }
    let lang = app.lang.clone();
    let w = &crate::words::of(&lang).serve;
    let mut all = app.store.summaries();
    // Newest change first: the consultant watches who is answering now.
    all.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let finished = all.iter().filter(|s| s.1.finished).count();
    let rows: Vec<_> = all
        .iter()
        .map(|(id, s, modified)| {
            json!({
                "id": id.as_str(),
                "name": s.name,
                "answered": s.answered,
                "asked": s.asked,
                "finished": s.finished,
                "overall": s.overall.map(|x| one_decimal(x, &lang)),
                "level": s.level,
                "modified": local_time(*modified, &lang),
            })
        })
        .collect();
    app.render(
        StatusCode::OK,
        "admin.html",
        &json!({
            "f": Frame::new(&lang, &app.title),
            "base": format!("/admin/{token}"),
            "rows": rows,
            "counts": fill(w.counts, &[("sessions", &all.len().to_string()), ("finished", &finished.to_string())]),
        }),
    )
}

/// The cohort report's Markdown and page frame, over the finished sessions in answers-file
/// order; the unfinished ones count as inputs that could not be scored, as `dxready batch
/// WORKSPACE/answers` counts them.
fn cohort_markdown(app: &App) -> Result<(String, crate::report::Meta), String> {
    let mut cohort = Cohort::new();
    let mut order = 0;
    for (_, s, _) in app.store.summaries() {
        match s.entry {
            Some(mut e) => {
                e.order = order;
                order += 1;
                cohort.add(e);
            }
            None => cohort.add_failed(),
        }
    }
    let lang = app.lang.clone();
    let view = cohort.view(app.q, app.catalog, &lang);
    let md = render_markdown(&view).map_err(|e| e.to_string())?;
    let meta = crate::report::Meta {
        title: view.t.title.to_string(),
        header: format!("{} · {}", view.t.title, view.questionnaire.title),
        footer: format!(
            "dxready {} · {} {}",
            env!("CARGO_PKG_VERSION"),
            app.q.id,
            app.q.version
        ),
        lang,
    };
    Ok((md, meta))
}

async fn cohort_html(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    cohort(app, token, Format::Html).await
}

async fn cohort_pdf(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    cohort(app, token, Format::Pdf).await
}

async fn cohort(app: Arc<App>, token: String, format: Format) -> Response {
    if let Err(r) = check(&app, &token) {
        return r;
    }
    let a = app.clone();
    let made = tokio::task::spawn_blocking(move || {
        let (md, meta) = cohort_markdown(&a)?;
        crate::report::finish(&md, format, &meta).map_err(|e| e.to_string())
    })
    .await;
    match made {
        Ok(Ok(bytes)) => {
            let (kind, disposition, csp) = match format {
                Format::Html => (
                    "text/html; charset=utf-8",
                    "inline; filename=\"cohort.html\"",
                    super::web::CSP_REPORT,
                ),
                _ => (
                    "application/pdf",
                    "inline; filename=\"cohort.pdf\"",
                    super::web::CSP,
                ),
            };
            (
                [
                    (header::CONTENT_TYPE, kind),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CONTENT_SECURITY_POLICY, csp),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(Err(e)) => app.server_error(&app.lang, &e),
        Err(e) => app.server_error(&app.lang, &e.to_string()),
    }
}

/// `summary.csv` exactly as `dxready batch WORKSPACE/answers --out R` writes it: the batch
/// header and, per finished session in file order, the batch row (kept up to date at every
/// save by the same functions batch calls).
pub fn summary_csv_bytes(app: &App) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(summary_header(app.q))
        .map_err(|e| e.to_string())?;
    for (_, s, _) in app.store.summaries() {
        if let Some(row) = &s.row {
            w.write_record(row).map_err(|e| e.to_string())?;
        }
    }
    w.into_inner().map_err(|e| e.to_string())
}

async fn summary_csv(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    if let Err(r) = check(&app, &token) {
        return r;
    }
    match summary_csv_bytes(&app) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"summary.csv\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => app.server_error(&app.lang, &e),
    }
}

/// Every finished session's PDF report in one ZIP, named as `batch --pdf` names them
/// (the enterprise name made safe, clashes numbered in file order).
async fn reports_zip(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    if let Err(r) = check(&app, &token) {
        return r;
    }
    let a = app.clone();
    let made = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, String> {
        let finished = a.store.finished();
        let mut names = crate::naming::UniqueNames::default();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .last_modified_time(zip::DateTime::default());
        for (id, ed, answers) in finished {
            let (stem, bytes) = a.report_bytes(&ed, &id, &answers, Format::Pdf)?;
            let name = names.claim(&stem);
            zip.start_file(format!("{name}.pdf"), opts)
                .map_err(|e| e.to_string())?;
            zip.write_all(&bytes).map_err(|e| e.to_string())?;
        }
        Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
    })
    .await;
    match made {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/zip"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"reports.zip\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(e)) => app.server_error(&app.lang, &e),
        Err(e) => app.server_error(&app.lang, &e.to_string()),
    }
}
