//! `dxready report ANSWERS [-o FILE] [--format pdf|html|md] [--templates DIR] [--compare EARLIER]`.

use std::path::PathBuf;

use super::{Common, load_answers, print, print_warnings, setup};
use crate::answers::{Answers, Completeness};
use crate::assessment::{Assessment, file_stem};
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Outcome};
use crate::report::{Format, Meta, Renderer, view};
use crate::setup::Setup;

impl From<ReportFormat> for Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Pdf => Format::Pdf,
            ReportFormat::Html => Format::Html,
            ReportFormat::Md => Format::Md,
        }
    }
}

pub fn run(common: &Common, args: &ReportArgs) -> Result<Outcome, Error> {
    let setup = setup(common)?;
    let q = &setup.questionnaire;
    let shown = args.file.display().to_string();
    let (answers, warnings) = load_answers(q, &args.file, Completeness::Complete)?;
    if !common.quiet {
        print_warnings(&warnings);
    }
    let earlier = match &args.compare {
        Some(p) => {
            let (a, w) = load_answers(q, p, Completeness::Complete)?;
            if !common.quiet {
                print_warnings(&w);
            }
            Some((p.display().to_string(), a))
        }
        None => None,
    };
    let job = Job {
        file: &shown,
        answers: &answers,
        earlier: earlier.as_ref().map(|(f, a)| (f.as_str(), a)),
        lang: common.lang.as_deref(),
        format: Format::from(args.format),
        output: args.output.clone(),
        templates: args.templates.as_deref(),
        quiet: common.quiet,
    };
    if args.explain_template {
        let json = serde_json::to_string_pretty(&job.view(&setup))
            .map_err(|e| Error::Io(e.to_string()))?;
        print(&format!("{json}\n"))?;
        return Ok(Outcome::Success);
    }
    let out = job.write(&setup)?;
    if !common.quiet {
        print(&format!("wrote {}\n", out.display()))?;
    }
    Ok(Outcome::Success)
}

/// One report to write: `report` and the end of `assess` both use it.
pub struct Job<'a> {
    /// The answers file as the user named it.
    pub file: &'a str,
    pub answers: &'a Answers,
    /// An earlier assessment of the same enterprise (`--compare`).
    pub earlier: Option<(&'a str, &'a Answers)>,
    pub lang: Option<&'a str>,
    pub format: Format,
    /// Default: the enterprise name made safe, in the current folder.
    pub output: Option<PathBuf>,
    pub templates: Option<&'a std::path::Path>,
    pub quiet: bool,
}

impl Job<'_> {
    fn view(&self, setup: &Setup) -> view::ReportView {
        let (q, catalog) = (&setup.questionnaire, &setup.catalog);
        let now = Assessment::new(
            q,
            catalog,
            self.answers,
            self.file.to_string(),
            None,
            self.lang,
        );
        let earlier = self
            .earlier
            .map(|(f, a)| Assessment::new(q, catalog, a, f.to_string(), None, Some(&now.lang)));
        if let Some(e) = &earlier
            && !self.quiet
        {
            if e.answers().assessed_on > self.answers.assessed_on {
                super::eprint(
                    "warning",
                    &format!(
                        "{}: the earlier assessment ({}) is dated after this one ({})",
                        e.file,
                        e.answers().assessed_on,
                        self.answers.assessed_on
                    ),
                );
            }
            if e.enterprise(q) != now.enterprise(q) {
                super::eprint(
                    "warning",
                    &format!(
                        "{}: compares «{}» with «{}»; is it the same enterprise?",
                        e.file,
                        e.enterprise(q),
                        now.enterprise(q)
                    ),
                );
            }
        }
        view::build(q, catalog, &now, earlier.as_ref())
    }

    /// Renders and writes the report atomically; returns where.
    pub fn write(&self, setup: &Setup) -> Result<PathBuf, Error> {
        let view = self.view(setup);
        let renderer = Renderer::new(self.templates)?;
        let md = renderer.markdown("report.md.tera", &view)?;
        let bytes = renderer.finish(&md, self.format, &meta(&setup.questionnaire, &view))?;
        let out = self.output.clone().unwrap_or_else(|| {
            let stem = crate::naming::safe_name(&view.enterprise.name, &file_stem(self.file));
            PathBuf::from(format!("{stem}.{}", self.format.extension()))
        });
        crate::fsio::write_atomic(&out, &bytes)
            .map_err(|e| Error::Io(format!("{}: cannot write: {e}", out.display())))?;
        Ok(out)
    }
}

/// The page frame of an enterprise report.
pub fn meta(q: &crate::questionnaire::Questionnaire, view: &view::ReportView) -> Meta {
    Meta {
        title: format!("{} — {}", view.labels["title"], view.enterprise.name),
        header: view.enterprise.name.clone(),
        footer: format!(
            "dxready {} · {} {}",
            env!("CARGO_PKG_VERSION"),
            q.id,
            q.version
        ),
        lang: view.lang.clone(),
    }
}
