//! `dxready report ANSWERS [-o FILE] [--format pdf|html|md] [--templates DIR] [--compare EARLIER]`.

use std::path::PathBuf;

use super::{Common, load_answers, print, print_warnings, setup};
use crate::answers::Completeness;
use crate::assessment::{Assessment, file_stem};
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Outcome};
use crate::report::{Format, Meta, Renderer, view};

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
    let catalog = &setup.catalog;
    let format = Format::from(args.format);
    let shown = args.file.display().to_string();
    let (answers, warnings) = load_answers(q, &args.file, Completeness::Complete)?;
    if !common.quiet {
        print_warnings(&warnings);
    }
    let now = Assessment::new(
        q,
        catalog,
        &answers,
        shown.clone(),
        None,
        common.lang.as_deref(),
    );
    let earlier_answers = match &args.compare {
        Some(p) => {
            let (a, w) = load_answers(q, p, Completeness::Complete)?;
            if !common.quiet {
                print_warnings(&w);
            }
            Some((p.display().to_string(), a))
        }
        None => None,
    };
    let earlier = earlier_answers
        .as_ref()
        .map(|(f, a)| Assessment::new(q, catalog, a, f.clone(), None, Some(&now.lang)));
    if let Some(e) = &earlier
        && !common.quiet
    {
        if e.answers().assessed_on > answers.assessed_on {
            eprintln!(
                "warning: {}: the earlier assessment ({}) is dated after this one ({})",
                e.file,
                e.answers().assessed_on,
                answers.assessed_on
            );
        }
        if e.enterprise(q) != now.enterprise(q) {
            eprintln!(
                "warning: {}: compares «{}» with «{}»; is it the same enterprise?",
                e.file,
                e.enterprise(q),
                now.enterprise(q)
            );
        }
    }
    let view = view::build(q, catalog, &now, earlier.as_ref());
    if args.explain_template {
        let json = serde_json::to_string_pretty(&view).map_err(|e| Error::Io(e.to_string()))?;
        print(&format!("{json}\n"))?;
        return Ok(Outcome::Success);
    }
    let renderer = Renderer::new(args.templates.as_deref())?;
    let md = renderer.markdown("report.md.tera", &view)?;
    let meta = meta(q, &view);
    let bytes = renderer.finish(&md, format, &meta)?;
    let out = args.output.clone().unwrap_or_else(|| {
        let stem = crate::naming::safe_stem(&view.enterprise.name, &file_stem(&shown));
        PathBuf::from(format!("{stem}.{}", format.extension()))
    });
    crate::fsio::write_atomic(&out, &bytes)
        .map_err(|e| Error::Io(format!("{}: cannot write: {e}", out.display())))?;
    if !common.quiet {
        print(&format!("wrote {}\n", out.display()))?;
    }
    Ok(Outcome::Success)
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
