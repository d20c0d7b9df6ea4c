//! `dxready report ANSWERS [-o FILE] [--format pdf|html|md] [--templates DIR] [--compare EARLIER]`.

use std::path::PathBuf;

use super::{Common, print, print_warnings, setup};
use crate::answers::{Answers, Completeness};
use crate::assessment::{Assessment, file_stem};
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Outcome};
use crate::report::{Format, Renderer, view};
use crate::setup::{Edition, Editions, Setup, load_answers};

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
    let shown = args.file.display().to_string();
    let loaded = load_answers(&setup, &args.file, Completeness::Complete)?;
    super::follow_language(common, loaded.answers.language.as_deref());
    if !common.quiet {
        print_warnings(&loaded.warnings);
    }
    let earlier = match &args.compare {
        Some(p) => {
            let e = load_answers(&setup, p, Completeness::Complete)?;
            if !common.quiet {
                print_warnings(&e.warnings);
            }
            Some((p.display().to_string(), e))
        }
        None => None,
    };
    let job = Job {
        file: &shown,
        answers: &loaded.answers,
        edition: Some(loaded.edition),
        earlier: earlier
            .as_ref()
            .map(|(f, e)| (f.as_str(), &e.answers, e.edition)),
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
    /// What the answers are scored with; `None`: the setup's current edition.
    pub edition: Option<Edition<'a>>,
    /// An earlier assessment of the same enterprise (`--compare`), possibly to an earlier
    /// version of the questionnaire.
    pub earlier: Option<(&'a str, &'a Answers, Edition<'a>)>,
    pub lang: Option<&'a str>,
    pub format: Format,
    /// Default: the enterprise name made safe, in the current folder.
    pub output: Option<PathBuf>,
    pub templates: Option<&'a std::path::Path>,
    pub quiet: bool,
}

impl Job<'_> {
    fn view(&self, setup: &Setup) -> view::ReportView {
        let edition = self.edition.unwrap_or_else(|| setup.current());
        let (q, catalog) = (edition.questionnaire, edition.catalog);
        let now = Assessment::new(
            q,
            catalog,
            self.answers,
            self.file.to_string(),
            None,
            self.lang,
        );
        let earlier = self.earlier.map(|(f, a, e)| {
            let assessment = Assessment::new(
                e.questionnaire,
                e.catalog,
                a,
                f.to_string(),
                None,
                Some(&now.lang),
            );
            (e.questionnaire, assessment)
        });
        if let Some((eq, e)) = &earlier
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
            if e.enterprise(eq) != now.enterprise(q) {
                super::eprint(
                    "warning",
                    &format!(
                        "{}: compares «{}» with «{}»; is it the same enterprise?",
                        e.file,
                        e.enterprise(eq),
                        now.enterprise(q)
                    ),
                );
            }
        }
        view::build(q, catalog, &now, earlier.as_ref().map(|(eq, e)| (*eq, e)))
    }

    /// Renders and writes the report atomically; returns where.
    pub fn write(&self, setup: &Setup) -> Result<PathBuf, Error> {
        let view = self.view(setup);
        let renderer = Renderer::new(self.templates)?;
        let md = renderer.markdown("report.md.tera", &view)?;
        let q = self
            .edition
            .map_or(&setup.questionnaire, |e| e.questionnaire);
        let bytes = renderer.finish(&md, self.format, &crate::report::enterprise_meta(q, &view))?;
        let out = self.output.clone().unwrap_or_else(|| {
            let stem = crate::naming::safe_name(&view.enterprise.name, &file_stem(self.file));
            PathBuf::from(format!("{stem}.{}", self.format.extension()))
        });
        crate::fsio::write_atomic(&out, &bytes)
            .map_err(|e| Error::Io(format!("{}: cannot write: {e}", out.display())))?;
        Ok(out)
    }
}
