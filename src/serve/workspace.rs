//! The server's workspace: plain files a restart, a USB stick or `dxready batch DIR/answers`
//! sees the same way (docs/serve.md).
//!
//! - `DIR/answers/<session>.answers.yaml`: one answers file per participant, written by the
//!   answers writer of `assess` ([`Answers::to_yaml`]) atomically (temp file, fsync, rename)
//!   before a page is acknowledged;
//! - `DIR/serve.yaml`: the settings that must survive a restart (the admin token, the key of
//!   the form tokens, the title), mode 0600, never an answer.
//!
//! Only names built here from a validated [`Id`] are ever opened, so no request can reach a
//! path outside the workspace.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::id::Id;
use crate::answers::{Answers, Completeness};
use crate::error::Error;
use crate::questionnaire::Questionnaire;

/// The settings file's name inside the workspace.
pub const SETTINGS: &str = "serve.yaml";
/// The answers folder's name inside the workspace.
pub const ANSWERS: &str = "answers";
const SUFFIX: &str = ".answers.yaml";

/// `serve.yaml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Always 1.
    pub format: u32,
    /// Opens `/admin/<token>`.
    pub admin_token: String,
    /// Key of the hidden per-session form tokens.
    pub form_key: String,
    /// Shown on every page; `None`: the questionnaire's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// The workspace folder and its settings.
pub struct Workspace {
    pub dir: PathBuf,
    pub answers: PathBuf,
    pub settings: Settings,
    pub admin_token: Id,
    pub form_key: Id,
}

/// A session read from its answers file at start-up.
pub struct Loaded {
    pub id: Id,
    /// The questionnaire version the answers name.
    pub edition: crate::setup::Edition<'static>,
    pub answers: Answers,
    pub modified: jiff::Timestamp,
}

/// What reading the answers folder found.
pub struct Found {
    pub sessions: Vec<Loaded>,
    /// One line per file that was left alone, with why (printed on stderr).
    pub problems: Vec<String>,
}

impl Workspace {
    /// Opens (creating if missing) the workspace, reads or creates `serve.yaml`, replaces the
    /// admin token when asked, and records `title` when given.
    pub fn open(dir: &Path, new_token: bool, title: Option<&str>) -> Result<Workspace, Error> {
        let answers = dir.join(ANSWERS);
        create_private_dir(dir)?;
        create_private_dir(&answers)?;
        let path = dir.join(SETTINGS);
        let shown = path.display().to_string();
        let mut changed = false;
        let mut settings = if path.exists() {
            let text = fs::read_to_string(&path)
                .map_err(|e| Error::Io(format!("{shown}: cannot read: {e}")))?;
            let s: Settings = serde_yaml::from_str(&text).map_err(|e| {
                Error::Invalid(vec![format!(
                    "{shown}: {e} (expected `format: 1`, `admin_token`, `form_key` and optionally `title`; delete the file to start with new ones)"
                )])
            })?;
            if s.format != 1 {
                return Err(Error::Invalid(vec![format!(
                    "{shown}: format {} is not supported (expected 1)",
                    s.format
                )]));
            }
            s
        } else {
            changed = true;
            Settings {
                format: 1,
                admin_token: random()?.to_string(),
                form_key: random()?.to_string(),
                title: None,
            }
        };
        if new_token {
            settings.admin_token = random()?.to_string();
            changed = true;
        }
        if let Some(t) = title {
            let t = crate::yaml::nfc(t.trim());
            if settings.title.as_deref() != Some(t.as_str()) {
                settings.title = Some(t).filter(|t| !t.is_empty());
                changed = true;
            }
        }
        let bad = |what: &str| {
            Error::Invalid(vec![format!(
                "{shown}: `{what}` must be {} characters of a-z and 2-7 (run with --new-admin-token, or delete the file, to make new ones)",
                super::id::LEN
            )])
        };
        let admin_token = Id::parse(&settings.admin_token).ok_or_else(|| bad("admin_token"))?;
        let form_key = Id::parse(&settings.form_key).ok_or_else(|| bad("form_key"))?;
        if changed {
            let yaml =
                serde_yaml::to_string(&settings).map_err(|e| Error::Io(format!("{shown}: {e}")))?;
            let text = format!(
                "# dxready serve: this workshop's settings. Keep it private: the admin token opens\n# the organiser's pages. Never holds an answer.\n{yaml}"
            );
            write_private(&path, text.as_bytes())
                .map_err(|e| Error::Io(format!("{shown}: cannot write: {e}")))?;
        } else {
            restrict(&path)
                .map_err(|e| Error::Io(format!("{shown}: cannot set mode 0600: {e}")))?;
        }
        Ok(Workspace {
            dir: dir.to_path_buf(),
            answers,
            settings,
            admin_token,
            form_key,
        })
    }

    /// The answers file of a session.
    pub fn answers_file(&self, id: &Id) -> PathBuf {
        self.answers.join(format!("{id}{SUFFIX}"))
    }

    /// Saves a session's answers: the `assess` writer, atomically, synced to disk.
    pub fn save(&self, q: &Questionnaire, id: &Id, answers: &Answers) -> std::io::Result<()> {
        crate::fsio::write_atomic(&self.answers_file(id), answers.to_yaml(q).as_bytes())
    }

    /// Reads every answers file (in parallel). A file that does not load is reported and
    /// left untouched; temp files of interrupted writes are removed.
    pub fn load_all(&self, setup: &'static crate::setup::Setup) -> Result<Found, Error> {
        let shown = self.answers.display().to_string();
        let entries = fs::read_dir(&self.answers)
            .map_err(|e| Error::Io(format!("{shown}: cannot read the folder: {e}")))?;
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::Io(format!("{shown}: {e}")))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name.starts_with('.') && name.ends_with(".tmp") {
                // A write interrupted by a crash: the answers file itself is whole.
                let _ = fs::remove_file(&path);
                continue;
            }
            match name.strip_suffix(SUFFIX).and_then(Id::parse) {
                Some(id) if path.is_file() => files.push((id, path)),
                _ => problems.push(format!(
                    "{}: not a session's answers file (those are named <{} characters a-z2-7>{SUFFIX}); the server leaves it alone, but `dxready batch` would read it",
                    path.display(),
                    super::id::LEN
                )),
            }
        }
        files.sort();
        let results: Vec<Result<Loaded, String>> = files
            .par_iter()
            .map(|(id, path)| {
                let loaded = crate::setup::load_answers(setup, path, Completeness::Partial)
                    .map_err(|e| {
                        format!(
                            "{}; the file is left as it is and its session is not served",
                            e.one_line()
                        )
                    })?;
                let modified = fs::metadata(path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| jiff::Timestamp::try_from(t).ok())
                    .unwrap_or_else(jiff::Timestamp::now);
                Ok(Loaded {
                    id: *id,
                    edition: loaded.edition,
                    answers: loaded.answers,
                    modified,
                })
            })
            .collect();
        let mut sessions = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(l) => sessions.push(l),
                Err(e) => problems.push(e),
            }
        }
        Ok(Found { sessions, problems })
    }
}

fn random() -> Result<Id, Error> {
    Id::random().map_err(Error::Io)
}

fn create_private_dir(dir: &Path) -> Result<(), Error> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| {
        Error::Io(format!(
            "{}: cannot create the workspace folder: {e}",
            dir.display()
        ))
    })
}

/// Writes a file readable by its owner only (mode 0600), atomically.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::fsio::write_private(path, bytes)?;
    restrict(path)
}

fn restrict(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
