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

    /// The errors as lines, at most [`MAX_LISTED`], then "FILE: … and N more problems".
    pub fn error_lines(&self) -> Vec<String> {
        capped_lines(&self.file, self.errors())
    }

    /// The warnings as lines, capped like [`Diagnostics::error_lines`].
    pub fn warning_lines(&self) -> Vec<String> {
        capped_lines(&self.file, self.warnings())
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

    /// Fills in line and column from the source text, for every problem in one pass over it
    /// (only called when there is something to report, so the happy path pays nothing).
    pub fn locate(&mut self, source: &str) {
        let wanted: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].location.is_none())
            .collect();
        if wanted.is_empty() {
            return;
        }
        let paths: Vec<&[Seg]> = wanted
            .iter()
            .map(|&i| self.items[i].segments.as_slice())
            .collect();
        let found = crate::yaml::locate_all(source, &paths);
        for (i, at) in wanted.into_iter().zip(found) {
            self.items[i].location = at;
        }
    }
}

/// At most this many problems of one file are listed; the rest are counted ("… and 12,345
/// more"). A file with 40,000 unknown ids says so in a screenful, not in 40,000 lines.
pub const MAX_LISTED: usize = 100;

/// A spreadsheet cell holds at most 32,767 characters (Excel); a batch's `errors.csv` reason
/// stays below this many, whatever the number of problems.
pub const MAX_REASON_CHARS: usize = 30_000;

/// "… and 1,234 more problems" (the first `MAX_LISTED` or so are listed).
pub fn and_more(n: usize) -> String {
    let noun = if n == 1 { "problem" } else { "problems" };
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("… and {grouped} more {noun}")
}

/// Problems of one input joined by ` | ` on one line, cut at [`MAX_LISTED`] problems or
/// [`MAX_REASON_CHARS`] characters with "… and N more problems".
pub fn join_capped<I>(parts: I) -> String
where
    I: IntoIterator<Item = String>,
{
    let mut out = String::new();
    let mut chars = 0usize;
    let mut listed = 0usize;
    let mut left = 0usize;
    for part in parts {
        if left > 0 {
            left += 1;
            continue;
        }
        let n = part.chars().count();
        // Room is kept for the closing "… and N more problems".
        if listed == MAX_LISTED || chars + n + 3 > MAX_REASON_CHARS - 40 {
            left = 1;
            continue;
        }
        if listed > 0 {
            out.push_str(" | ");
            chars += 3;
        }
        out.push_str(&part);
        chars += n;
        listed += 1;
    }
    if left > 0 {
        if listed > 0 {
            out.push_str(" | ");
        }
        out.push_str(&and_more(left));
    }
    out
}

fn capped_lines<'a>(file: &str, items: impl Iterator<Item = &'a Diagnostic>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut left = 0usize;
    for d in items {
        if lines.len() < MAX_LISTED {
            lines.push(d.to_string());
        } else {
            left += 1;
        }
    }
    if left > 0 {
        lines.push(format!("{file}: {}", and_more(left)));
    }
    lines
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
    /// Every problem as a line `file:line:col: path (id): message`, at most [`MAX_LISTED`]
    /// of them and then a line counting the rest.
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Io { .. } => vec![self.to_string()],
            LoadError::Invalid(d) => d.error_lines(),
        }
    }

    /// The same problems, joined on one line (batch error files), capped like [`join_capped`].
    pub fn one_line(&self) -> String {
        match self {
            LoadError::Io { .. } => self.to_string(),
            LoadError::Invalid(d) => join_capped(d.errors().map(|e| e.to_string())),
        }
    }

    /// The problems on one line without the file name (a batch's `errors.csv` has it in its
    /// `input` column): `line 3, column 5: answers.x: …`, capped like [`join_capped`].
    pub fn reason(&self) -> String {
        match self {
            LoadError::Io { source, .. } => format!("cannot read: {source}"),
            LoadError::Invalid(d) => {
                let line = join_capped(d.errors().map(|x| {
                    let mut s = String::new();
                    if let Some((line, col)) = x.location {
                        s.push_str(&format!("line {line}, column {col}: "));
                    }
                    if !x.path.is_empty() {
                        s.push_str(&x.path);
                        s.push_str(": ");
                    }
                    s.push_str(&x.message);
                    s
                }));
                if line.is_empty() {
                    "invalid".into()
                } else {
                    line
                }
            }
        }
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
        f.write_str(&self.error_lines().join("\n"))
    }
}
