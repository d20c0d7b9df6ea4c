//! Which questionnaire and catalog are in use (cli.md): `-q`/`-p`, the `-q` file's sibling
//! `<stem>.programs.yaml`, or the embedded defaults. The embedded catalog is never paired
//! with another questionnaire.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostics;
use crate::embedded;
use crate::error::Error;
use crate::programs::Catalog;
use crate::questionnaire::{self, Questionnaire};
use crate::yaml::Limits;

/// The global options that choose what is in use.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub questionnaire: Option<PathBuf>,
    pub programs: Option<PathBuf>,
}

/// The questionnaire and catalog in use, with the warnings found while loading them.
pub struct Setup {
    pub questionnaire: Questionnaire,
    pub questionnaire_file: String,
    pub catalog: Catalog,
    pub catalog_file: Option<String>,
    pub warnings: Vec<Diagnostics>,
    /// The raw texts, for `questionnaire export`.
    pub questionnaire_text: String,
    pub catalog_text: Option<String>,
}

/// Reads one of the tool's own inputs (questionnaire, catalog, template): failures are exit 3.
pub fn read_definition(path: &Path) -> Result<String, Error> {
    let shown = path.display().to_string();
    let bytes = match crate::fsio::read_bounded(path, Limits::DEFINITION.max_bytes as u64) {
        Ok(b) => b,
        Err(e @ crate::fsio::ReadError::TooLarge { .. }) => {
            return Err(Error::Invalid(vec![format!("{shown}: {e}")]));
        }
        Err(e) => return Err(Error::Io(format!("{shown}: {e}"))),
    };
    crate::yaml::decode(&shown, &bytes, Limits::DEFINITION)
        .map(str::to_string)
        .map_err(Error::from)
}

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

impl Setup {
    pub fn load(sources: &Sources) -> Result<Setup, Error> {
        let (q_file, q_text) = match &sources.questionnaire {
            Some(p) => (p.display().to_string(), read_definition(p)?),
            None => (
                embedded::display_name(embedded::QUESTIONNAIRE_NAME),
                embedded::QUESTIONNAIRE.to_string(),
            ),
        };
        let q_parsed = match &sources.questionnaire {
            None => embedded::prepared(embedded::QUESTIONNAIRE_JSON),
            Some(_) => None,
        };
        let (questionnaire, q_warnings) =
            questionnaire::load(&q_file, &q_text, q_parsed).map_err(Error::from)?;
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
                let parsed = match (&catalog_path, &sources.questionnaire) {
                    (None, None) => embedded::prepared(embedded::PROGRAMS_JSON),
                    _ => None,
                };
                let (c, w) = Catalog::load(&questionnaire, f, t, parsed).map_err(Error::from)?;
                warnings.push(w);
                c
            }
            _ => Catalog {
                questionnaire: questionnaire.id.clone(),
                programs: Vec::new(),
            },
        };
        Ok(Setup {
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
                Err(Error::Usage(format!(
                    "--lang {l}: the questionnaire `{}` declares only {}",
                    self.questionnaire.id,
                    self.questionnaire.languages.join(", ")
                )))
            }
            _ => Ok(()),
        }
    }
}
