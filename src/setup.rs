//! Which questionnaire and catalog are in use (docs/reference/commands.md): `-q`/`-p`, the `-q` file's sibling
//! `<stem>.programs.yaml`, or the embedded defaults. The embedded catalog is never paired
//! with another questionnaire.
//!
//! Answers name the version of the questionnaire they were given to (docs/reference/formats.md,
//! "Versions"). With the embedded defaults, answers to an earlier shipped version are scored
//! with that version and its catalog, silently (loaded on first use); with `-q` or `-p`, the
//! files given are used and a different version is a warning. An [`Edition`] is the pair a
//! set of answers is scored with; [`Editions`] finds it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::answers::{Answers, Completeness};
use crate::diagnostic::{Diagnostics, LoadError};
use crate::embedded::{self, Shipped};
use crate::error::Error;
use crate::programs::Catalog;
use crate::questionnaire::{self, Questionnaire};
use crate::yaml::Limits;

/// The questionnaire and catalog one set of answers is scored with.
#[derive(Clone, Copy, Debug)]
pub struct Edition<'a> {
    pub questionnaire: &'a Questionnaire,
    pub catalog: &'a Catalog,
}

impl<'a> Edition<'a> {
    pub fn new(questionnaire: &'a Questionnaire, catalog: &'a Catalog) -> Self {
        Edition {
            questionnaire,
            catalog,
        }
    }

    /// True when both are the very same objects (no mapping between versions needed).
    pub fn same(&self, other: &Edition) -> bool {
        std::ptr::eq(self.questionnaire, other.questionnaire)
    }
}

/// Finds the edition for answers that name a questionnaire version.
pub trait Editions: Sync {
    /// The questionnaire and catalog in use (outputs are laid out by it).
    fn current(&self) -> Edition<'_>;
    /// The edition for `version` of the current questionnaire's id, when another one than the
    /// current should be used (an earlier shipped version of the embedded default).
    fn version(&self, version: &str) -> Result<Option<Edition<'_>>, Error>;
    /// The versions [`Editions::version`] gives another edition for, newest first (none by
    /// default): what a table of answers may have been made for.
    fn other_versions(&self) -> Vec<String> {
        Vec::new()
    }
    /// The edition for a CSV file with this header (default: the current one).
    fn csv_edition(&self, _header: &[String]) -> Result<Edition<'_>, Error> {
        Ok(self.current())
    }
}

impl Editions for Edition<'_> {
    fn current(&self) -> Edition<'_> {
        *self
    }

    fn version(&self, _: &str) -> Result<Option<Edition<'_>>, Error> {
        Ok(None)
    }
}

/// An earlier shipped version, loaded on first use.
struct Earlier {
    shipped: &'static Shipped,
    loaded: OnceLock<Result<(Questionnaire, Catalog), String>>,
}

impl Earlier {
    fn get(&self) -> Result<Edition<'_>, Error> {
        let loaded = self.loaded.get_or_init(|| load_shipped(self.shipped));
        match loaded {
            Ok((q, c)) => Ok(Edition::new(q, c)),
            Err(e) => Err(Error::Invalid(vec![e.clone()])),
        }
    }
}

/// Loads a shipped version. Its warnings are not shown: a shipped version is kept as it was.
fn load_shipped(s: &Shipped) -> Result<(Questionnaire, Catalog), String> {
    let q_file = embedded::versioned_name(s.version, embedded::QUESTIONNAIRE_NAME);
    // Validated without placing its warnings in the text (locating them costs far more than
    // loading, and they are not shown).
    let q = match questionnaire::from_prepared_json(&q_file, s.questionnaire_json) {
        Some((q, _)) => q,
        None => {
            let value = match embedded::prepared(s.questionnaire_json) {
                Some(v) => crate::yaml::prepare(&q_file, v, Limits::DEFINITION),
                None => crate::yaml::parse(&q_file, s.questionnaire, Limits::DEFINITION),
            }
            .map_err(|e| e.one_line())?;
            questionnaire::from_value(&q_file, value)
                .map_err(|mut d| {
                    d.locate(s.questionnaire);
                    LoadError::Invalid(Box::new(d)).one_line()
                })?
                .0
        }
    };
    let catalog = match (s.programs, s.programs_json) {
        (Some(text), json) => {
            let file = embedded::versioned_name(s.version, embedded::PROGRAMS_NAME);
            Catalog::load(&q, &file, text, json)
                .map_err(|e| e.one_line())?
                .0
        }
        (None, _) => Catalog {
            questionnaire: q.id.clone(),
            programs: Vec::new(),
        },
    };
    Ok((q, catalog))
}

/// Answers read from a file, with the edition they are to be scored with.
pub struct LoadedAnswers<'a> {
    pub answers: Answers,
    pub warnings: Diagnostics,
    pub edition: Edition<'a>,
}

/// Reads and checks one answers file (1 MiB limit; missing or unreadable is an input error),
/// against the edition for the version it names.
pub fn load_answers<'e>(
    editions: &'e dyn Editions,
    path: &Path,
    completeness: Completeness,
) -> Result<LoadedAnswers<'e>, LoadError> {
    let text = crate::answers::read(path)?;
    answers_from_str(editions, &path.display().to_string(), &text, completeness)
}

/// Like [`load_answers`], from text.
pub fn answers_from_str<'e>(
    editions: &'e dyn Editions,
    file: &str,
    text: &str,
    completeness: Completeness,
) -> Result<LoadedAnswers<'e>, LoadError> {
    let value = crate::yaml::parse(file, text, Limits::ANSWERS)?;
    let edition =
        edition_for(editions, &value).map_err(|e| LoadError::single(file, None, e.to_string()))?;
    let (answers, warnings) =
        Answers::from_parsed(edition.questionnaire, file, text, value, completeness)?;
    Ok(LoadedAnswers {
        answers,
        warnings,
        edition,
    })
}

/// The edition for a parsed answers document: the one for the version it names, if any.
pub fn edition_for<'e>(
    editions: &'e dyn Editions,
    value: &serde_yaml::Value,
) -> Result<Edition<'e>, Error> {
    let current = editions.current();
    let named = value.get("questionnaire").and_then(|r| {
        let id = r.get("id")?.as_str()?;
        let version = crate::lenient::scalar_string(r.get("version")?)?;
        Some((id.to_string(), version))
    });
    match named {
        Some((id, version))
            if id == current.questionnaire.id && version != current.questionnaire.version =>
        {
            Ok(editions.version(&version)?.unwrap_or(current))
        }
        _ => Ok(current),
    }
}

/// The global options that choose what is in use.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub questionnaire: Option<PathBuf>,
    pub programs: Option<PathBuf>,
}

/// The questionnaire and catalog in use, with the warnings found while loading them.
pub struct Setup {
    /// Earlier shipped versions of the embedded default (empty with `-q` or `-p`).
    earlier: Vec<Earlier>,
    pub questionnaire: Questionnaire,
    pub questionnaire_file: String,
    pub catalog: Catalog,
    pub catalog_file: Option<String>,
    pub warnings: Vec<Diagnostics>,
    /// The raw texts, for `questionnaire export`.
    pub questionnaire_text: String,
    pub catalog_text: Option<String>,
}

pub use crate::yaml::read_definition;

/// The catalog that sits beside a questionnaire file: `x.yaml`/`x.questionnaire.yaml` → `x.programs.yaml`.
pub fn sibling_catalog(questionnaire: &Path) -> PathBuf {
    let name = questionnaire
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem = name.as_str();
    for ext in [".yaml", ".yml", ".json"] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s;
            break;
        }
    }
    let stem = stem.strip_suffix(".questionnaire").unwrap_or(stem);
    questionnaire.with_file_name(format!("{stem}.programs.yaml"))
}

impl Editions for Setup {
    fn current(&self) -> Edition<'_> {
        Edition::new(&self.questionnaire, &self.catalog)
    }

    fn version(&self, version: &str) -> Result<Option<Edition<'_>>, Error> {
        match self.earlier.iter().find(|e| e.shipped.version == version) {
            Some(e) => e.get().map(Some),
            None => Ok(None),
        }
    }

    fn other_versions(&self) -> Vec<String> {
        self.earlier
            .iter()
            .rev()
            .map(|e| e.shipped.version.to_string())
            .collect()
    }

    /// The current edition if every column is one of its question ids (or `assessed_on`,
    /// `language`, `notes`, `_…`), else the newest earlier shipped version whose ids fit every
    /// column (a sheet made for that version), else the current one (whose errors then name
    /// the unknown columns).
    fn csv_edition(&self, header: &[String]) -> Result<Edition<'_>, Error> {
        let fits = |q: &Questionnaire| {
            header.iter().all(|h| {
                let h = crate::yaml::nfc(h.trim_start_matches('\u{feff}').trim());
                h.starts_with('_')
                    || matches!(h.as_str(), "assessed_on" | "language" | "notes" | "")
                    || q.question_index(&h).is_some()
            })
        };
        let current = self.current();
        if fits(current.questionnaire) {
            return Ok(current);
        }
        for e in self.earlier.iter().rev() {
            let edition = e.get()?;
            if fits(edition.questionnaire) {
                return Ok(edition);
            }
        }
        Ok(current)
    }
}

impl Setup {
    /// Every edition this setup can score with: the current one, then the earlier shipped
    /// versions (loading them).
    pub fn editions(&self) -> Result<Vec<Edition<'_>>, Error> {
        let mut out = vec![self.current()];
        for e in &self.earlier {
            out.push(e.get()?);
        }
        Ok(out)
    }

    pub fn load(sources: &Sources) -> Result<Setup, Error> {
        let (q_file, q_text) = match &sources.questionnaire {
            Some(p) => (p.display().to_string(), read_definition(p)?),
            None => (
                embedded::display_name(embedded::QUESTIONNAIRE_NAME),
                embedded::QUESTIONNAIRE.to_string(),
            ),
        };
        let q_json = match &sources.questionnaire {
            None => Some(embedded::QUESTIONNAIRE_JSON),
            Some(_) => None,
        };
        let (questionnaire, q_warnings) =
            questionnaire::load(&q_file, &q_text, q_json).map_err(Error::from)?;
        let catalog_path: Option<PathBuf> = match (&sources.programs, &sources.questionnaire) {
            (Some(p), _) => Some(p.clone()),
            (None, Some(q)) => Some(sibling_catalog(q)).filter(|p| p.is_file()),
            (None, None) => None,
        };
        let (catalog_file, catalog_text) = match (&catalog_path, &sources.questionnaire) {
            (Some(p), _) => (Some(p.display().to_string()), Some(read_definition(p)?)),
            (None, None) => (
                Some(embedded::display_name(embedded::PROGRAMS_NAME)),
                Some(embedded::PROGRAMS.to_string()),
            ),
            (None, Some(_)) => (None, None),
        };
        let mut warnings = vec![q_warnings];
        let catalog = match (&catalog_file, &catalog_text) {
            (Some(f), Some(t)) => {
                let json = match (&catalog_path, &sources.questionnaire) {
                    (None, None) => Some(embedded::PROGRAMS_JSON),
                    _ => None,
                };
                let (c, w) = Catalog::load(&questionnaire, f, t, json).map_err(Error::from)?;
                warnings.push(w);
                c
            }
            _ => Catalog {
                questionnaire: questionnaire.id.clone(),
                programs: Vec::new(),
            },
        };
        let embedded_only = sources.questionnaire.is_none() && sources.programs.is_none();
        let earlier = if embedded_only {
            embedded::EARLIER
                .iter()
                .filter(|s| s.version != questionnaire.version)
                .map(|shipped| Earlier {
                    shipped,
                    loaded: OnceLock::new(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(Setup {
            earlier,
            questionnaire,
            questionnaire_file: q_file,
            catalog,
            catalog_file,
            warnings,
            questionnaire_text: q_text,
            catalog_text,
        })
    }

    /// Checks a `--lang` against the questionnaire (a usage error, exit 2, when undeclared).
    pub fn check_lang(&self, lang: Option<&str>) -> Result<(), Error> {
        match lang {
            Some(l) if !self.questionnaire.languages.iter().any(|x| x == l) => {
                Err(Error::Usage(crate::words::msg().lang_not_declared(
                    l,
                    &self.questionnaire.id,
                    &self.questionnaire.languages.join(", "),
                )))
            }
            _ => Ok(()),
        }
    }
}
