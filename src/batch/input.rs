//! Finding the inputs of a batch (docs/reference/commands.md): answer files, CSV/TSV files, workbooks
//! (`.xlsx`, `.xls`, `.ods`, …) and folders, in the order given; a folder contributes every
//! such file below it, sorted by path
//! (component by component, as a file tree shows it). Folders are walked lazily, one listing
//! at a time, so nothing proportional to the number of inputs is held.
//!
//! The rules, so that every input is accounted for (summary rows + error rows = inputs) and
//! a folder cannot lead the batch elsewhere (docs/security.md):
//!
//! - A path given on the command line is taken as named (a symbolic link is followed: the
//!   user chose it). One that does not exist or is of another kind is a failed input.
//! - Inside a folder, hidden entries (`.name`) and the paths in `skip` (the mapping file, the
//!   output folder and the outputs in it) are passed over without a word; files of other
//!   kinds (`notes.txt`) are passed over with a notice ([`Source::Skipped`]): they are not
//!   inputs, and nothing disappears silently.
//! - Inside a folder, every other entry named like an input is one, scored or failed: a
//!   symbolic link is followed only when its target is a regular file inside the folder given
//!   on the command line; a link leading outside it, a dangling link, a link loop, a FIFO or a
//!   device each get an error row saying so, and nothing is read from them. A symbolic link
//!   to a folder is not entered (it could loop or lead anywhere) and gets an error row too.

use std::fs;
use std::path::{Path, PathBuf};

/// One thing found on the command line or in a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// An answers file (`.yaml`, `.yml`, `.json`).
    Answers(PathBuf),
    /// A table: a CSV/TSV file or a workbook, one input per data row.
    Table(PathBuf),
    /// A path that cannot be an input, with the reason.
    Bad(PathBuf, String),
    /// A file found in a folder that is no input, passed over with a notice.
    Skipped(PathBuf),
}

/// What a file's name says it is.
fn kind_of(path: &Path) -> Option<fn(PathBuf) -> Source> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "yaml" | "yml" | "json" => Some(Source::Answers),
        e if super::table::TEXT_EXTENSIONS.contains(&e)
            || super::table::SHEET_EXTENSIONS.contains(&e) =>
        {
            Some(Source::Table)
        }
        _ => None,
    }
}

/// One folder being walked: its canonical path (to compare with `skip` without a system call
/// per file), the canonical path of the command-line folder it lies in (links may lead only
/// inside that), and its remaining entries, sorted by name and reversed (next is last).
struct Listing {
    canonical: Option<PathBuf>,
    root: Option<PathBuf>,
    entries: Vec<(PathBuf, fs::FileType)>,
}

/// Walks the command-line inputs in order, yielding [`Source`]s.
pub struct Discover {
    /// Command-line inputs not yet started, reversed (next is last).
    pending: Vec<PathBuf>,
    /// Open folder listings, innermost last.
    stack: Vec<Listing>,
    /// Canonical paths never to yield or enter.
    skip: Vec<PathBuf>,
}

impl Discover {
    pub fn new(inputs: &[PathBuf], skip: &[PathBuf]) -> Self {
        Discover {
            pending: inputs.iter().rev().cloned().collect(),
            stack: Vec::new(),
            skip: skip
                .iter()
                .filter_map(|p| canonical_even_if_missing(p))
                .collect(),
        }
    }

    /// Lists a folder, sorted by file name (so the whole walk is sorted by path).
    fn list(&self, dir: &Path, root: Option<PathBuf>) -> Result<Listing, String> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir).map_err(|e| format!("cannot read the folder: {e}"))? {
            let entry = entry.map_err(|e| format!("cannot read the folder: {e}"))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let kind = entry
                .file_type()
                .map_err(|e| format!("cannot read the folder: {e}"))?;
            entries.push((name, kind));
        }
        entries.sort_by(|a, b| b.0.cmp(&a.0));
        let canonical = fs::canonicalize(dir).ok();
        Ok(Listing {
            root: root.or_else(|| canonical.clone()),
            canonical,
            entries: entries.into_iter().map(|(n, k)| (dir.join(n), k)).collect(),
        })
    }

    /// Whether an entry of the innermost listing is one of the `skip` paths.
    fn skipped(&self, path: &Path) -> bool {
        if self.skip.is_empty() {
            return false;
        }
        match (
            self.stack.last().and_then(|l| l.canonical.as_ref()),
            path.file_name(),
        ) {
            (Some(dir), Some(name)) => self.skip.contains(&dir.join(name)),
            _ => fs::canonicalize(path).is_ok_and(|c| self.skip.contains(&c)),
        }
    }

    /// A path found inside a folder: entered, yielded, failed or passed over.
    fn inside(&mut self, path: PathBuf, kind: fs::FileType) -> Option<Source> {
        let root = self.stack.last().and_then(|l| l.root.clone());
        if kind.is_symlink() {
            return self.link(path, root);
        }
        if kind.is_dir() {
            if self.skipped(&path) {
                return None;
            }
            match self.list(&path, root) {
                Ok(listing) => self.stack.push(listing),
                Err(e) => return Some(Source::Bad(path, e)),
            }
            return None;
        }
        if self.skipped(&path) {
            return None;
        }
        let Some(k) = kind_of(&path) else {
            // Not an input: said so for a file, nothing for a FIFO or device.
            return kind.is_file().then_some(Source::Skipped(path));
        };
        if !kind.is_file() {
            // A FIFO would block, a device never end: refused, and said so.
            return Some(Source::Bad(
                path,
                "not a regular file (a FIFO, device or socket); not read".into(),
            ));
        }
        Some(k(path))
    }

    /// A symbolic link found inside a folder (see the module documentation).
    fn link(&mut self, path: PathBuf, root: Option<PathBuf>) -> Option<Source> {
        let target = fs::metadata(&path);
        let named_like_input = kind_of(&path).is_some();
        let bad = |why: &str| Some(Source::Bad(path.clone(), why.to_string()));
        match target {
            Err(e) if is_loop(&e) => {
                bad("symbolic link that loops (it leads back to itself); not followed")
            }
            Err(_) if named_like_input => {
                bad("symbolic link to nothing (its target does not exist); not followed")
            }
            Err(_) => None,
            Ok(m) if m.is_dir() => {
                if self.skipped(&path) {
                    return None;
                }
                bad(
                    "symbolic link to a folder; not followed (name the folder itself on the command line to include it)",
                )
            }
            Ok(m) if !named_like_input => {
                (m.is_file() && !self.skipped(&path)).then(|| Source::Skipped(path.clone()))
            }
            Ok(m) => {
                let canonical = fs::canonicalize(&path).ok();
                if canonical.as_ref().is_some_and(|c| self.skip.contains(c)) || self.skipped(&path)
                {
                    return None;
                }
                let inside = match (&canonical, &root) {
                    (Some(c), Some(r)) => c.starts_with(r),
                    _ => false,
                };
                if !inside {
                    return bad(
                        "symbolic link to a file outside the folder given; not followed (name that file on the command line to score it)",
                    );
                }
                if !m.is_file() {
                    return bad(
                        "symbolic link to something that is not a regular file (a FIFO, device or socket); not read",
                    );
                }
                kind_of(&path).map(|k| k(path))
            }
        }
    }

    /// A path from the command line.
    fn top(&mut self, path: PathBuf) -> Option<Source> {
        match fs::metadata(&path) {
            Err(e) => Some(Source::Bad(path, format!("cannot read: {e}"))),
            Ok(m) if m.is_dir() => {
                match self.list(&path, None) {
                    Ok(listing) => self.stack.push(listing),
                    Err(e) => return Some(Source::Bad(path, e)),
                }
                None
            }
            Ok(_) => match kind_of(&path) {
                Some(k) => Some(k(path)),
                None => Some(Source::Bad(
                    path,
                    "not an answers file, a CSV file or a workbook (expected .yaml, .yml, .json, .csv, .tsv, .xlsx, .xls or .ods)"
                        .into(),
                )),
            },
        }
    }
}

/// Whether following a link failed because links lead in a circle (ELOOP).
fn is_loop(e: &std::io::Error) -> bool {
    let eloop = if cfg!(target_os = "linux") { 40 } else { 62 };
    e.raw_os_error() == Some(eloop)
}

/// The canonical form of a path, also for one that does not exist yet (its folder's canonical
/// form and its name): an output about to be written can be skipped as well.
fn canonical_even_if_missing(p: &Path) -> Option<PathBuf> {
    fs::canonicalize(p).ok().or_else(|| {
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(fs::canonicalize(parent).ok()?.join(p.file_name()?))
    })
}

impl Iterator for Discover {
    type Item = Source;

    fn next(&mut self) -> Option<Source> {
        loop {
            if let Some(listing) = self.stack.last_mut() {
                match listing.entries.pop() {
                    Some((path, kind)) => {
                        if let Some(s) = self.inside(path, kind) {
                            return Some(s);
                        }
                    }
                    None => {
                        self.stack.pop();
                    }
                }
                continue;
            }
            let path = self.pending.pop()?;
            if let Some(s) = self.top(path) {
                return Some(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use super::{Discover, Source};

    #[test]
    fn folders_are_walked_sorted_by_path_and_inputs_keep_their_order() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "b/z.yaml",
            "b/a.csv",
            "a.yaml",
            "a/c.yml",
            "a/b/x.json",
            "a0.yaml",
            "a.csv",
            "b/c.xlsx",
            "notes.txt",
            ".hidden.yaml",
            "a/.git/x.yaml",
        ] {
            let p = d.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "").unwrap();
        }
        let out = d.join("b/out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("summary.csv"), "").unwrap();
        let found: Vec<Source> = Discover::new(
            &[
                d.join("a0.yaml"),
                d.to_path_buf(),
                d.join("missing.yaml"),
                d.join("notes.txt"),
            ],
            &[out],
        )
        .collect();
        let rel = |s: &Source| match s {
            Source::Answers(p) => format!("A {}", p.strip_prefix(d).unwrap().display()),
            Source::Table(p) => format!("C {}", p.strip_prefix(d).unwrap().display()),
            Source::Skipped(p) => format!("S {}", p.strip_prefix(d).unwrap().display()),
            Source::Bad(p, _) => format!("X {}", p.strip_prefix(d).unwrap().display()),
        };
        let got: Vec<String> = found.iter().map(rel).collect();
        assert_eq!(
            got,
            [
                "A a0.yaml",
                "A a/b/x.json",
                "A a/c.yml",
                "C a.csv",
                "A a.yaml",
                "A a0.yaml",
                "C b/a.csv",
                "C b/c.xlsx",
                "A b/z.yaml",
                "S notes.txt",
                "X missing.yaml",
                "X notes.txt"
            ]
        );
    }

    #[test]
    fn nothing_given_nothing_found() {
        assert_eq!(Discover::new(&[] as &[PathBuf], &[]).count(), 0);
    }
}
