//! Reports: view model → tera template → Markdown (with chart directives) → Markdown as is,
//! self-contained HTML, or PDF (docs/reference/report.md). Renderers are pure: they return bytes, and only
//! commands touch the file system.
//!
//! One pipeline for every document: a [`Renderer`] compiles the templates once (the embedded
//! ones, or a user's file of the same name in `--templates DIR`), with one escaping policy
//! (every `{{ value }}` is Markdown-escaped; ready-made chart blocks print with `| safe`), and
//! is shared by every report of a batch; [`Renderer::render`] turns a view model into the
//! bytes of one [`Format`], and [`write_document`] puts them in a file atomically. The
//! enterprise report: [`view::build`] then [`Renderer::report`] (or [`render_assessment`]
//! with the embedded templates, e.g. for a server).

pub mod html;
pub mod markdown;
pub mod pdf;
pub mod svg;
pub mod view;

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use crate::error::Error;

/// The output formats of every document (enterprise and cohort reports), also as the
/// command line takes them (`--format`, `--cohort-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Html,
    Md,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Md => "md",
        }
    }
}

/// What the page frame shows (title, running header, footer, language).
pub use pdf::PdfMeta as Meta;

/// The embedded templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "report.md.tera",
        include_str!("../../templates/report.md.tera"),
    ),
    (
        "cohort.md.tera",
        include_str!("../../templates/cohort.md.tera"),
    ),
];

/// The templates a [`Renderer`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// `report.md.tera`: one enterprise ([`view::ReportView`]).
    Report,
    /// `cohort.md.tera`: a batch or a workshop ([`crate::batch::cohort::CohortView`]).
    Cohort,
}

impl Template {
    pub fn name(self) -> &'static str {
        match self {
            Template::Report => "report.md.tera",
            Template::Cohort => "cohort.md.tera",
        }
    }
}

/// Compiled templates, reused across reports and threads.
pub struct Renderer {
    tera: Tera,
}

/// Renders one assessment with the embedded templates (pure: bytes out); `extras` as for
/// [`view::build`].
pub fn render_assessment(
    q: &crate::questionnaire::Questionnaire,
    catalog: &crate::programs::Catalog,
    a: &crate::assessment::Assessment,
    extras: &view::Extras,
    format: Format,
) -> Result<Vec<u8>, Error> {
    let view = view::build(q, catalog, a, extras);
    Renderer::embedded()?.report(&view, format)
}

/// Writes a rendered document atomically (an existing file is replaced whole or not at all).
pub fn write_document(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    crate::fsio::write_atomic(path, bytes)
        .map_err(|e| Error::Io(format!("{}: cannot write: {e}", path.display())))
}

/// The report fonts, parsed once per process on first use and shared by every report.
pub fn fonts() -> Result<&'static pdf::Fonts, Error> {
    static FONTS: std::sync::OnceLock<Result<pdf::Fonts, String>> = std::sync::OnceLock::new();
    FONTS
        .get_or_init(|| pdf::Fonts::dejavu().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::Io(e.clone()))
}

/// Turns report Markdown into the requested format (pure: bytes out).
pub fn finish(md: &str, format: Format, meta: &Meta) -> Result<Vec<u8>, Error> {
    match format {
        Format::Md => Ok(markdown_with_tables(md).into_bytes()),
        Format::Html => html::render(md, &meta.title, &meta.lang)
            .map(String::into_bytes)
            .map_err(|e| Error::Invalid(vec![e])),
        Format::Pdf => {
            pdf::render(md, meta, fonts()?).map_err(|e| Error::Invalid(vec![e.to_string()]))
        }
    }
}

impl Renderer {
    /// Compiles the embedded templates, each replaced by a file of the same name in `dir`.
    pub fn new(dir: Option<&Path>) -> Result<Renderer, Error> {
        let mut tera = Tera::new();
        tera.autoescape_on([".md.tera"]);
        tera.set_escape_fn(markdown::escape);
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(Error::Io(format!(
                "{}: --templates must be a folder holding templates such as report.md.tera",
                d.display()
            )));
        }
        for (name, embedded) in TEMPLATES {
            let (shown, source) = match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
                Some(p) => {
                    let bytes = crate::fsio::read_bounded(
                        &p,
                        crate::yaml::Limits::DEFINITION.max_bytes as u64,
                    )
                    .map_err(|e| Error::Io(format!("{}: {e}", p.display())))?;
                    let text = String::from_utf8(bytes).map_err(|_| {
                        Error::Io(format!(
                            "{}: file is not UTF-8 text (save it as UTF-8)",
                            p.display()
                        ))
                    })?;
                    (p.display().to_string(), text)
                }
                None => (
                    format!("<embedded>/templates/{name}"),
                    (*embedded).to_string(),
                ),
            };
            tera.add_raw_template(name, &source).map_err(|e| {
                Error::Invalid(vec![format!(
                    "{shown}: template error: {}",
                    tera_message(&e)
                )])
            })?;
        }
        Ok(Renderer { tera })
    }

    /// The embedded templates, compiled once per process.
    pub fn embedded() -> Result<&'static Renderer, Error> {
        static EMBEDDED: std::sync::OnceLock<Result<Renderer, String>> = std::sync::OnceLock::new();
        EMBEDDED
            .get_or_init(|| Renderer::new(None).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Invalid(vec![e.clone()]))
    }

    /// Renders a view model with a template into `format`.
    pub fn render(
        &self,
        template: Template,
        view: &impl Serialize,
        format: Format,
        meta: &Meta,
    ) -> Result<Vec<u8>, Error> {
        let md = self.markdown(template.name(), view)?;
        finish(&md, format, meta)
    }

    /// A cohort report in `format`: `view` is the batch's `CohortView` (the report stage
    /// does not import the batch stage; src/lib.rs "Layers").
    pub fn cohort(
        &self,
        view: &impl Serialize,
        meta: &Meta,
        format: Format,
    ) -> Result<Vec<u8>, Error> {
        self.render(Template::Cohort, view, format, meta)
    }

    /// An enterprise report in `format`.
    pub fn report(&self, view: &view::ReportView, format: Format) -> Result<Vec<u8>, Error> {
        self.render(Template::Report, view, format, &report_meta(view))
    }

    /// Renders a template with a view model into Markdown.
    pub fn markdown(&self, template: &str, view: &impl Serialize) -> Result<String, Error> {
        let ctx = Context::from_serialize(view)
            .map_err(|e| Error::Invalid(vec![format!("{template}: {}", tera_message(&e))]))?;
        self.tera.render(template, &ctx).map_err(|e| {
            Error::Invalid(vec![format!(
                "{template}: cannot render: {}",
                tera_message(&e)
            )])
        })
    }
}

/// The page frame of an enterprise report: its title, the enterprise name as running header,
/// the tool and questionnaire versions in the footer, the report language.
pub fn report_meta(view: &view::ReportView) -> Meta {
    Meta {
        title: format!("{} — {}", view.labels.title, view.enterprise.name),
        header: view.enterprise.name.clone(),
        footer: format!(
            "dxready {} · {} {}",
            view.tool.version, view.questionnaire.id, view.questionnaire.version
        ),
        lang: view.lang.clone(),
    }
}

/// The `md` output: chart blocks become small tables, page breaks horizontal rules.
pub fn markdown_with_tables(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut lines = md.lines();
    while let Some(line) = lines.next() {
        match line.trim() {
            "```chart" => {
                let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
                match markdown::ChartSpec::parse(&body.join("\n")) {
                    Ok(c) => out.push_str(&c.to_table()),
                    Err(_) => {
                        out.push_str("```\n");
                        out.push_str(&body.join("\n"));
                        out.push_str("\n```\n");
                    }
                }
            }
            "```pagebreak" => {
                lines
                    .by_ref()
                    .take_while(|l| l.trim() != "```")
                    .for_each(drop);
                out.push_str("---\n");
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn tera_message(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}
