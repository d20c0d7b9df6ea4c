//! Finding the inputs of a batch (cli.md "Batch"): answer files, CSV/TSV files, workbooks
//! (`.xlsx`, `.xls`, `.ods`, …) and folders, in the order given; a folder contributes every
//! such file below it, sorted by path
//! (component by component, as a file tree shows it). Folders are walked lazily, one listing
//! at a time, so nothing proportional to the number of inputs is held.
//!
//! Inside folders, hidden entries (`.name`), symbolic links to folders, anything that is not a
//! regular file (FIFOs, devices) and the paths in `skip` (the mapping file, the output folder)
//! are passed over; files of other kinds are passed over with a notice ([`Source::Skipped`]),
//! so nothing disappears without a word. A path given on the command line that does not
//! exist or is of another kind becomes a failed input, so it shows up in `errors.csv` instead
//! of being lost.

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
/// per file) and its remaining entries, sorted by name and reversed (next is last).
struct Listing {
    canonical: Option<PathBuf>,
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
                .filter_map(|p| fs::canonicalize(p).ok())
                .collect(),
        }
    }

    /// Lists a folder, sorted by file name (so the whole walk is sorted by path).
    fn list(&self, dir: &Path) -> Result<Listing, String> {
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
        let canonical = if self.skip.is_empty() {
            None
        } else {
            fs::canonicalize(dir).ok()
        };
        Ok(Listing {
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

    /// A path found inside a folder: entered, yielded or passed over.
    fn inside(&mut self, path: PathBuf, kind: fs::FileType) -> Option<Source> {
        if kind.is_symlink() {
            // Links to files are followed; links to folders are not (they could loop).
            return match fs::metadata(&path) {
                Ok(m) if m.is_file() && !self.skipped(&path) => {
                    Some(kind_of(&path).map_or(Source::Skipped(path.clone()), |k| k(path)))
                }
                _ => None,
            };
        }
        if kind.is_dir() {
            if self.skipped(&path) {
                return None;
            }
            match self.list(&path) {
                Ok(listing) => self.stack.push(listing),
                Err(e) => return Some(Source::Bad(path, e)),
            }
            return None;
        }
        // Only regular files: a FIFO or device named `x.yaml` would block or never end.
        if !kind.is_file() {
            return None;
        }
        if self.skipped(&path) {
            return None;
        }
        Some(match kind_of(&path) {
            Some(k) => k(path),
            None => Source::Skipped(path),
        })
    }

    /// A path from the command line.
    fn top(&mut self, path: PathBuf) -> Option<Source> {
        match fs::metadata(&path) {
            Err(e) => Some(Source::Bad(path, format!("cannot read: {e}"))),
            Ok(m) if m.is_dir() => {
                match self.list(&path) {
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
