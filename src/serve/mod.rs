//! `dxready serve`: the workshop server (docs/serve.md). Participants answer the questionnaire in
//! their phones' browsers; the consultant watches the cohort live and downloads the reports.
//!
//! The parts, in the order a request meets them:
//!
//! 1. [`web`]: routes, the safety rules (body limit, cross-site posts, form tokens, headers)
//!    and the participant pages; [`admin`]: the consultant's pages under `/admin/<token>`.
//! 2. [`plan`]: the interview cut into pages (one section per page, long ones split);
//!    [`views`] and [`live`]: what the templates (`templates/web/*.html`) and the optional
//!    script (`assets/web/app.js`) see. The answers of a page are applied with
//!    [`crate::interview::apply_page`], the rules and messages `assess` uses.
//! 3. [`store`]: the sessions in memory, each behind its own lock, with the summary the
//!    consultant's table shows; [`workspace`]: the plain files on disk (every save written
//!    atomically and synced before the page is acknowledged); [`id`]: unguessable ids.
//!
//! Nothing is fetched from the internet: pages, style sheet, script and fonts are in the
//! binary.

pub mod admin;
pub mod id;
pub mod live;
pub mod plan;
pub mod qr;
pub mod store;
pub mod views;
pub mod web;
pub mod workspace;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::Error;
use crate::programs::Catalog;
use crate::questionnaire::Questionnaire;
use crate::report::Renderer;
use crate::setup::{Edition, Setup};

/// The page templates, compiled into the binary.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/web/base.html")),
    (
        "landing.html",
        include_str!("../../templates/web/landing.html"),
    ),
    (
        "session.html",
        include_str!("../../templates/web/session.html"),
    ),
    ("page.html", include_str!("../../templates/web/page.html")),
    (
        "review.html",
        include_str!("../../templates/web/review.html"),
    ),
    (
        "result.html",
        include_str!("../../templates/web/result.html"),
    ),
    ("error.html", include_str!("../../templates/web/error.html")),
    ("admin.html", include_str!("../../templates/web/admin.html")),
];

/// New sessions allowed per client address and minute.
pub const NEW_SESSIONS_PER_MINUTE: usize = 20;
/// `--max-sessions` by default.
pub const DEFAULT_MAX_SESSIONS: usize = 2000;
/// The port without `--listen`.
pub const DEFAULT_PORT: u16 = 8080;

/// What `serve` is asked to do (plain options; the CLI converts into these).
#[derive(Clone, Debug)]
pub struct Options {
    pub workspace: PathBuf,
    pub listen: SocketAddr,
    pub title: Option<String>,
    pub max_sessions: usize,
    pub new_admin_token: bool,
    /// The pages' language before a participant chooses (and the consultant's pages').
    pub lang: Option<String>,
    pub quiet: bool,
}

/// What one session is asked and scored with: the questionnaire version its answers name
/// (an earlier shipped version of the default goes on with that version, as `assess
/// --resume` does), its catalog, and its pages.
#[derive(Clone)]
pub struct Ed {
    pub q: &'static Questionnaire,
    pub catalog: &'static Catalog,
    pub plan: Arc<plan::Plan>,
}

impl Ed {
    pub fn edition(&self) -> Edition<'static> {
        Edition::new(self.q, self.catalog)
    }
}

/// Everything a request may use, shared by all of them.
pub struct App {
    /// The questionnaire and catalog in use (new sessions, the start page, the cohort).
    pub q: &'static Questionnaire,
    pub catalog: &'static Catalog,
    pub current: Ed,
    /// The setup, for the earlier shipped versions that sessions may name.
    pub setup: &'static Setup,
    pub ws: workspace::Workspace,
    pub store: store::Store,
    pub limit: store::RateLimit,
    pub max_sessions: usize,
    pub lang: String,
    pub title: String,
    pub pages: tera::Tera,
    pub reports: Renderer,
    /// `HOST:PORT` for links when a request names no usable `Host`.
    pub public: String,
}

/// Reads `--listen`: `HOST:PORT`, `[IPv6]:PORT`, `localhost:PORT`, or a bare port (on
/// 127.0.0.1). With `lan`, the host becomes every interface (0.0.0.0) and only the port is
/// kept; without `--listen`, port 8080.
pub fn listen_address(listen: Option<&str>, lan: bool) -> Result<SocketAddr, Error> {
    let parsed = match listen {
        None => SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), DEFAULT_PORT),
        Some(s) => {
            let s = s.trim();
            if let Ok(port) = s.trim_start_matches(':').parse::<u16>() {
                SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)
            } else if let Some(port) = s.strip_prefix("localhost:") {
                let port = port.parse::<u16>().map_err(|_| bad_listen(s))?;
                SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)
            } else {
                s.parse::<SocketAddr>().map_err(|_| bad_listen(s))?
            }
        }
    };
    Ok(if lan {
        SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), parsed.port())
    } else {
        parsed
    })
}

fn bad_listen(s: &str) -> Error {
    Error::Usage(format!(
        "--listen {s}: expected HOST:PORT (e.g. 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080) or a port"
    ))
}

/// The addresses participants can use for a bound address: itself, or for "every
/// interface" this machine's LAN addresses (IPv4, not loopback), else 127.0.0.1.
pub fn participant_addresses(bound: SocketAddr) -> Vec<SocketAddr> {
    if !bound.ip().is_unspecified() {
        return vec![bound];
    }
    let mut out: Vec<SocketAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback())
        .filter_map(|i| match i.ip() {
            IpAddr::V4(v4) if !v4.is_link_local() && !v4.is_unspecified() => {
                Some(SocketAddr::new(IpAddr::V4(v4), bound.port()))
            }
            _ => None,
        })
        .collect();
    out.sort();
    out.dedup();
    if out.is_empty() {
        out.push(SocketAddr::new(
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            bound.port(),
        ));
    }
    out
}

/// `http://HOST:PORT` (IPv6 in brackets).
pub fn base_url(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

impl App {
    /// Opens the workspace, reads every answers file and compiles the pages. Problems with
    /// single answers files are returned (for stderr), never fatal.
    pub fn new(setup: Setup, opts: &Options, public: String) -> Result<(App, Vec<String>), Error> {
        // The server runs until the process ends; its setup lives as long.
        let setup: &'static Setup = Box::leak(Box::new(setup));
        let (q, catalog) = (&setup.questionnaire, &setup.catalog);
        let current = Ed {
            q,
            catalog,
            plan: Arc::new(plan::Plan::new(q)),
        };
        let ws = workspace::Workspace::open(
            &opts.workspace,
            opts.new_admin_token,
            opts.title.as_deref(),
        )?;
        let found = ws.load_all(setup)?;
        let lang = opts
            .lang
            .clone()
            .unwrap_or_else(|| q.default_language().to_string());
        let title = ws
            .settings
            .title
            .clone()
            .unwrap_or_else(|| q.title.get(&lang).to_string());
        let mut pages = tera::Tera::new();
        pages.autoescape_on([".html"]);
        pages
            .add_raw_templates(TEMPLATES.iter().copied())
            .map_err(|e| Error::Io(format!("the embedded page templates: {e}")))?;
        let app = App {
            current,
            setup,
            store: store::Store::default(),
            limit: store::RateLimit::new(NEW_SESSIONS_PER_MINUTE),
            max_sessions: opts.max_sessions,
            lang,
            title,
            pages,
            reports: Renderer::new(None)?,
            public,
            q,
            catalog,
            ws,
        };
        for loaded in found.sessions {
            let ed = app.ed_for(loaded.edition);
            let summary = app.summary(&ed, &loaded.id, &loaded.answers);
            app.store.insert(
                loaded.id,
                store::Session {
                    ed,
                    answers: loaded.answers,
                    modified: loaded.modified,
                    summary,
                },
                usize::MAX,
            );
        }
        Ok((app, found.problems))
    }

    /// The session context for an edition (the current one's pages are shared).
    pub fn ed_for(&self, e: Edition<'static>) -> Ed {
        if std::ptr::eq(e.questionnaire, self.q) {
            return self.current.clone();
        }
        Ed {
            q: e.questionnaire,
            catalog: e.catalog,
            plan: Arc::new(plan::Plan::new(e.questionnaire)),
        }
    }
}

/// Runs the server until Ctrl-C (or SIGTERM): prints the addresses, then serves. Requests
/// in flight finish before it returns; every save is complete on disk or not started.
pub fn run(setup: Setup, opts: Options) -> Result<(), Error> {
    let listener = std::net::TcpListener::bind(opts.listen).map_err(|e| {
        Error::Io(format!(
            "cannot listen on {}: {e}{}",
            opts.listen,
            if e.kind() == std::io::ErrorKind::AddrInUse {
                " (another program uses that port: choose another with --listen HOST:PORT, or port 0 for any free one)"
            } else {
                ""
            }
        ))
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Io(format!("cannot listen on {}: {e}", opts.listen)))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Error::Io(format!("cannot listen on {}: {e}", opts.listen)))?;
    let addresses = participant_addresses(bound);
    let admin_host = if bound.ip().is_unspecified() {
        SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), bound.port())
    } else {
        bound
    };
    let (app, problems) = App::new(setup, &opts, addresses[0].to_string())?;
    for p in &problems {
        crate::messages::warning(p);
    }
    let mut out = String::new();
    for a in &addresses {
        out.push_str(&format!("listening on {}/\n", base_url(*a)));
    }
    out.push_str(&format!(
        "admin: {}/admin/{}\n",
        base_url(admin_host),
        app.ws.admin_token
    ));
    if !opts.quiet {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal()
            && let Some(code) = qr::text(&format!("{}/", base_url(addresses[0])))
        {
            out.push_str(&code);
            out.push('\n');
        }
        out.push_str(&format!(
            "{} sessions in {} · Ctrl-C stops the server (every acknowledged answer is saved)\n",
            app.store.len(),
            app.ws.answers.display()
        ));
    }
    crate::messages::print(&out)?;
    let app = Arc::new(app);
    // Saves (fsync) and reports run on the blocking pool; a few dozen threads keep the disk
    // and both cores busy, more would only add memory (each thread its own allocator arena).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(32)
        .build()
        .map_err(|e| Error::Io(format!("cannot start the server's threads: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::Io(format!("cannot listen on {bound}: {e}")))?;
        let router = web::router(app);
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| Error::Io(format!("the server stopped: {e}")))
    })
}

/// Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
