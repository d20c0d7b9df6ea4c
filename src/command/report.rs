//! `dxready report ANSWERS [-o FILE] [--format pdf|html|md] [--templates DIR]
//! [--compare EARLIER] [--benchmark SUMMARY] [--appendix]`.

use std::path::{Path, PathBuf};

use super::{Common, print, print_warnings, setup};
use crate::answers::{Answers, Completeness};
use crate::assessment::{Assessment, file_stem};
use crate::cli::ReportArgs;
use crate::error::{Error, Outcome};
use crate::peers::Peers;
use crate::report::{Format, Renderer, view, write_document};
use crate::setup::{Edition, Editions, Setup, load_answers};

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
    let peers = match &args.benchmark {
        Some(p) => Some(load_peers(&setup, p, common.quiet)?),
        None => None,
    };
    let job = Job {
        file: &shown,
        answers: &loaded.answers,
        edition: Some(loaded.edition),
        earlier: earlier
            .as_ref()
            .map(|(f, e)| (f.as_str(), &e.answers, e.edition)),
        peers: peers.as_ref(),
        appendix: args.appendix,
        lang: common.lang.as_deref(),
        format: args.format,
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

/// Reads the peers of `--benchmark`: a `summary.csv` or `summary.jsonl` of `batch`, or a
/// serve workspace (its `answers/` folder, or a folder of answers files), whose finished
/// answers are scored here.
pub fn load_peers(setup: &Setup, path: &Path, quiet: bool) -> Result<Peers, Error> {
    let shown = path.display().to_string();
    let peers = if path.is_dir() {
        let folder = if path.join("answers").is_dir() {
            path.join("answers")
        } else {
            path.to_path_buf()
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map_err(|e| Error::Invalid(vec![format!("{}: cannot read: {e}", folder.display())]))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
            })
            .collect();
        files.sort();
        let mut peers = Peers::default();
        let q = &setup.questionnaire;
        peers.dimensions = q.dimensions.iter().map(|d| d.id.clone()).collect();
        let mut left_out = 0;
        for f in &files {
            // Unfinished interviews and files that do not load are not peers.
            let Ok(l) = load_answers(setup, f, Completeness::Complete) else {
                left_out += 1;
                continue;
            };
            let own = l.edition.questionnaire;
            let a = Assessment::new(
                own,
                l.edition.catalog,
                &l.answers,
                String::new(),
                None,
                None,
            );
            let (sector, size_class) = view::peer_keys(own, &a);
            peers.rows.push(crate::peers::Peer {
                sector,
                size_class,
                overall: a.card.overall,
                scores: q
                    .dimensions
                    .iter()
                    .map(|d| {
                        own.dimension_index(&d.id)
                            .and_then(|i| a.card.dimensions[i].score)
                    })
                    .collect(),
            });
        }
        if left_out > 0 && !quiet {
            crate::messages::warning(&format!(
                "{}: {left_out} of {} answers files are unfinished or do not load; they are not compared with",
                folder.display(),
                files.len()
            ));
        }
        peers
    } else {
        let text = crate::peers::read_summary(
            path,
            "a summary.csv or summary.jsonl written by `dxready batch`",
        )
        .map_err(|e| Error::Invalid(vec![e]))?;
        let jsonl = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("json"));
        let parsed = if jsonl {
            Peers::from_summary_jsonl(&text)
        } else {
            Peers::from_summary_csv(&text)
        };
        parsed.map_err(|e| Error::Invalid(vec![format!("{shown}: {e}")]))?
    };
    if peers.rows.is_empty() {
        return Err(Error::Invalid(vec![format!(
            "{shown}: no scored enterprise to compare with"
        )]));
    }
    Ok(peers)
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
    /// The peers to compare with (`--benchmark`).
    pub peers: Option<&'a Peers>,
    /// `--appendix` (the Markdown output always has it).
    pub appendix: bool,
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
                crate::messages::warning(&format!(
                    "{}: the earlier assessment ({}) is dated after this one ({})",
                    e.file,
                    e.answers().assessed_on,
                    self.answers.assessed_on
                ));
            }
            if e.enterprise(eq) != now.enterprise(q) {
                crate::messages::warning(&format!(
                    "{}: compares «{}» with «{}»; is it the same enterprise?",
                    e.file,
                    e.enterprise(eq),
                    now.enterprise(q)
                ));
            }
        }
        let group = self.peers.map(|p| {
            let (sector, size) = view::peer_keys(q, &now);
            p.group(sector.as_deref(), size.as_deref())
        });
        let extras = view::Extras {
            earlier: earlier.as_ref().map(|(eq, e)| (*eq, e)),
            peers: group.as_ref(),
            appendix: self.appendix || self.format == Format::Md,
        };
        view::build(q, catalog, &now, &extras)
    }

    /// Renders and writes the report atomically; returns where.
    pub fn write(&self, setup: &Setup) -> Result<PathBuf, Error> {
        let view = self.view(setup);
        let bytes = match self.templates {
            Some(dir) => Renderer::new(Some(dir))?.report(&view, self.format)?,
            None => Renderer::embedded()?.report(&view, self.format)?,
        };
        let out = self.output.clone().unwrap_or_else(|| {
            let stem = crate::naming::safe_name(&view.enterprise.name, &file_stem(self.file));
            PathBuf::from(format!("{stem}.{}", self.format.extension()))
        });
        write_document(&out, &bytes)?;
        Ok(out)
    }
}
