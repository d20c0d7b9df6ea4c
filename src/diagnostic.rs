//! Problems found in a user's file, worded for the person who wrote it.
//!
//! Loading never stops at the first problem after a successful parse: every stage pushes
//! [`Diagnostic`]s into a [`Diagnostics`] list, and the caller decides (errors fail, warnings
//! are printed). Each diagnostic names the file, the line and column where the YAML parser
//! can give them, the path inside the document and the offending id.

use std::fmt;

use crate::yaml::{Path, Seg};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it (or `<embedded>/…` for the built-in files).
    pub file: String,
    /// 1-based line and column, where known.
    pub location: Option<(usize, usize)>,
    /// Where in the document, e.g. `dimensions[2].questions[4] (ec_channels)`.
    pub path: String,
    pub message: String,
    /// The document path as segments, used to find line and column afterwards.
    #[doc(hidden)]
    pub segments: Path,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.location {
            write!(f, ":{line}:{col}")?;
        }
        if self.path.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": {}: {}", self.path, self.message)
        }
    }
}

/// The problems of one file, in the order they were found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    pub file: String,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: impl Into<String>) -> Self {
        Diagnostics {
            file: file.into(),
            items: Vec::new(),
        }
    }

    pub fn error(&mut self, path: &Path, id: Option<&str>, message: impl Into<String>) {
        self.push(Severity::Error, path, id, message.into());
    }

    pub fn warning(&mut self, path: &Path, id: Option<&str>, message: impl Into<String>) {
        self.push(Severity::Warning, path, id, message.into());
    }

    fn push(&mut self, severity: Severity, path: &Path, id: Option<&str>, message: String) {
        let mut shown = render_path(path);
        if let Some(id) = id.filter(|id| !id.is_empty()) {
            if shown.is_empty() {
                shown = format!("({id})");
            } else {
                shown = format!("{shown} ({id})");
            }
        }
        self.items.push(Diagnostic {
            severity,
            file: self.file.clone(),
            location: None,
            path: shown,
            message,
            segments: path.clone(),
        });
    }

    /// Every file format is version 1 for now: anything else is named as unsupported.
    pub fn check_format(&mut self, format: u32) {
        if format != 1 {
            self.error(
                &vec![Seg::Key("format".into())],
                None,
                format!("unsupported format {format}; this version of dxready reads format 1"),
            );
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    /// Fills in line and column from the source text (only called when there is something
    /// to report, so the extra parse costs nothing on the happy path).
    pub fn locate(&mut self, source: &str) {
        for d in &mut self.items {
            if d.location.is_none() {
                d.location = crate::yaml::locate(source, &d.segments);
            }
        }
    }
}

/// `dimensions[2].questions[4]` from segments.
pub fn render_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                out.push_str(&format!("[{i}]"));
            }
        }
    }
    out
}

/// A file that could not be loaded: a syntax error (one, with its position) or the full
/// list of validation problems.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(Box<Diagnostics>),
}

impl LoadError {
    /// Every problem as a line `file:line:col: path (id): message`.
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Io { .. } => vec![self.to_string()],
            LoadError::Invalid(d) => d.errors().map(|e| e.to_string()).collect(),
        }
    }

    /// The same problems, joined on one line (batch error files).
    pub fn one_line(&self) -> String {
        self.lines().join(" | ")
    }

    pub fn is_io(&self) -> bool {
        matches!(self, LoadError::Io { .. })
    }

    pub fn single(
        file: &str,
        location: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        let mut d = Diagnostics::new(file);
        d.items.push(Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            location,
            path: String::new(),
            message: message.into(),
            segments: Vec::new(),
        });
        LoadError::Invalid(Box::new(d))
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for d in self.errors() {
            if !first {
                writeln!(f)?;
            }
            first = false;
            write!(f, "{d}")?;
        }
        Ok(())
    }
}
