//! How a batch puts its outputs in place so that a reader never sees two runs mixed, even when
//! the run is killed (`kill -9`, Ctrl-C, a full disk, a power cut) at any instant.
//!
//! A run renders everything into a staging folder `DIR/.dxready-run-<run>/` (same file system,
//! so a rename is atomic) and touches nothing else in `DIR` until every output is rendered.
//! Then [`Staging::commit`]:
//!
//! 1. writes the manifest `dxready-run.json` (run id, times, counts, and every output file
//!    with its size and SHA-256) into the staging folder;
//! 2. writes the marker `DIR/dxready-run-INCOMPLETE.txt` (atomically): it says in plain words
//!    that the folder is being replaced, and lists every file of the previous run and of this
//!    one, so whoever comes next knows which files are dxready's;
//! 3. removes the previous manifest `DIR/dxready-run.json`;
//! 4. renames each new file into place, removes the previous run's files this run does not
//!    write, and syncs the folders;
//! 5. renames the new manifest into `DIR` (the instant the new run becomes the complete one);
//! 6. removes the marker.
//!
//! So at every instant `DIR` holds either a manifest whose files are all there with the sizes
//! and hashes it names (a complete run: the previous one up to step 3, the new one from
//! step 5), or no manifest and the marker (incomplete). A second run into the same folder at
//! the same time is refused (a lock on `DIR`). At the start of a run, staging folders and temp
//! files of dead runs are removed (only names dxready makes: `.dxready-run-*`, and the
//! `.NAME.PID.tmp` files of earlier versions), and an interrupted step 2–6 is finished by this
//! run's own commit, which removes every file the marker lists that it does not write.
//!
//! The outputs themselves carry no run id: the same inputs still give the same bytes. The
//! manifest ties them to the run by their hashes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::error::Error;

/// The manifest of the complete run in the output folder.
pub const MANIFEST: &str = "dxready-run.json";
/// Present while the outputs are being replaced (or when that was interrupted).
pub const MARKER: &str = "dxready-run-INCOMPLETE.txt";
/// What every staging folder and temp file a batch makes directly in the output folder
/// starts with.
pub const STAGING_PREFIX: &str = ".dxready-run-";
/// The sub-folders a batch writes into.
pub const SUBDIRS: &[&str] = &["reports", "programs"];

/// The marker's line before the list of files.
const FILES_LINE: &str = "files:";

/// A run being rendered into its staging folder; holds the lock on the output folder.
pub struct Staging {
    out: PathBuf,
    run: String,
    started: jiff::Timestamp,
    dir: tempfile::TempDir,
    /// Files (relative, `/`-separated) that earlier runs left in `out`, by their manifest or
    /// the marker of an interrupted commit.
    previous: Vec<String>,
    /// Held until the run ends (released by the kernel when the process dies).
    _lock: Option<fs::File>,
}

/// How a batch went, for the manifest.
pub struct Counts {
    pub inputs: usize,
    pub scored: usize,
    pub failed: usize,
}

fn io_err(path: &Path, what: &str, e: io::Error) -> Error {
    Error::Io(format!("{}: {what}: {e}", path.display()))
}

/// A new run id: the UTC time and 32 random bits (`20261202T013042Z-3f9a0c1e`).
fn run_id(now: jiff::Timestamp) -> Result<String, Error> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Io(format!("cannot make a run id (no randomness): {e}")))?;
    let time: String = now
        .to_string()
        .chars()
        .take(19)
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("{time}Z-{hex}"))
}

impl Staging {
    /// Creates `out` if needed, takes its lock, removes what dead runs left and creates this
    /// run's staging folder.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        fs::create_dir_all(out).map_err(|e| io_err(out, "cannot create the output folder", e))?;
        for sub in SUBDIRS {
            let p = out.join(sub);
            if fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(Error::Io(format!(
                    "{}: is a symbolic link; {sub} are written only into a real folder inside --out (remove the link, or choose another --out)",
                    p.display()
                )));
            }
        }
        let lock = lock(out)?;
        clean(out);
        let mut previous = Vec::new();
        if let Ok(text) = fs::read_to_string(out.join(MARKER)) {
            previous.extend(marker_files(&text));
        }
        if let Ok(text) = fs::read_to_string(out.join(MANIFEST)) {
            previous.extend(manifest_files(&text));
        }
        previous.sort();
        previous.dedup();
        let started = jiff::Timestamp::now();
        let run = run_id(started)?;
        let dir = tempfile::Builder::new()
            .prefix(&format!("{STAGING_PREFIX}{run}"))
            .rand_bytes(0)
            .tempdir_in(out)
            .map_err(|e| io_err(out, "cannot create the staging folder", e))?;
        for sub in SUBDIRS {
            fs::create_dir(dir.path().join(sub))
                .map_err(|e| io_err(dir.path(), "cannot create the staging folder", e))?;
        }
        Ok(Staging {
            out: out.to_path_buf(),
            run,
            started,
            dir,
            previous,
            _lock: lock,
        })
    }

    /// Where the outputs are rendered (the same layout as the output folder).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// This run's id.
    pub fn run(&self) -> &str {
        &self.run
    }

    /// Puts every file rendered into the staging folder in place (see the module docs) and
    /// returns the manifest's path. An error before step 2 leaves `out` as it was; after it,
    /// the folder stays marked incomplete, and the error says so.
    pub fn commit(self, counts: &Counts) -> Result<PathBuf, Error> {
        let stage = self.dir.path().to_path_buf();
        let mut files = Vec::new();
        list(&stage, "", &mut files).map_err(|e| io_err(&stage, "cannot read", e))?;
        files.sort();
        let entries: Vec<serde_json::Value> = files
            .par_iter()
            .map(|rel| {
                let path = stage.join(rel);
                let bytes = fs::read(&path).map_err(|e| io_err(&path, "cannot read", e))?;
                let hash: String = Sha256::digest(&bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                Ok(serde_json::json!({"path": rel, "bytes": bytes.len(), "sha256": hash}))
            })
            .collect::<Result<_, Error>>()?;
        let manifest = serde_json::json!({
            "format": 1,
            "run": self.run,
            "tool": format!("dxready {}", env!("CARGO_PKG_VERSION")),
            "started": self.started.to_string(),
            "finished": jiff::Timestamp::now().to_string(),
            "inputs": counts.inputs,
            "scored": counts.scored,
            "failed": counts.failed,
            "files": entries,
        });
        let staged_manifest = stage.join(MANIFEST);
        let text = format!(
            "{}\n",
            serde_json::to_string_pretty(&manifest).unwrap_or_default()
        );
        crate::fsio::write_new(&staged_manifest, text.as_bytes())
            .map_err(|e| io_err(&staged_manifest, "cannot write", e))?;
        fsync_tree(&stage).map_err(|e| io_err(&stage, "cannot sync", e))?;

        // 2. The marker: from here on, the folder reads as incomplete until step 5.
        let out = &self.out;
        let marker = out.join(MARKER);
        let mut owned: Vec<&str> = self.previous.iter().map(String::as_str).collect();
        owned.extend(files.iter().map(String::as_str));
        owned.sort();
        owned.dedup();
        crate::fsio::write_atomic(&marker, marker_text(&self.run, &owned).as_bytes())
            .map_err(|e| io_err(&marker, "cannot write", e))?;
        let incomplete = |what: &Path, doing: &str, e: io::Error| {
            Error::Io(format!(
                "{}: {doing}: {e}; the output folder is marked incomplete ({}): run the batch again",
                what.display(),
                marker.display()
            ))
        };
        // 3.
        let manifest_path = out.join(MANIFEST);
        match fs::remove_file(&manifest_path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(incomplete(&manifest_path, "cannot remove", e)),
        }
        crate::fsio::sync_dir(out).map_err(|e| incomplete(out, "cannot sync", e))?;
        // 4.
        for sub in SUBDIRS {
            if files.iter().any(|f| f.starts_with(&format!("{sub}/"))) {
                let p = out.join(sub);
                match fs::create_dir(&p) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists && p.is_dir() => {}
                    Err(e) => return Err(incomplete(&p, "cannot create", e)),
                }
            }
        }
        for rel in &files {
            let to = out.join(rel);
            fs::rename(stage.join(rel), &to).map_err(|e| incomplete(&to, "cannot write", e))?;
        }
        for rel in &self.previous {
            if files.binary_search(rel).is_ok() {
                continue;
            }
            let p = out.join(rel);
            // Only regular files: a folder or link someone put there under that name stays.
            if fs::symlink_metadata(&p).is_ok_and(|m| m.is_file()) {
                match fs::remove_file(&p) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(incomplete(&p, "cannot remove", e)),
                }
            }
        }
        for sub in SUBDIRS {
            let p = out.join(sub);
            if p.is_dir() {
                // Left empty by this run (no reports this time): removed; otherwise synced.
                if fs::remove_dir(&p).is_err() {
                    crate::fsio::sync_dir(&p).map_err(|e| incomplete(&p, "cannot sync", e))?;
                }
            }
        }
        crate::fsio::sync_dir(out).map_err(|e| incomplete(out, "cannot sync", e))?;
        // 5. The new run is the complete one.
        fs::rename(&staged_manifest, &manifest_path)
            .map_err(|e| incomplete(&manifest_path, "cannot write", e))?;
        crate::fsio::sync_dir(out).map_err(|e| incomplete(out, "cannot sync", e))?;
        // 6.
        fs::remove_file(&marker).map_err(|e| io_err(&marker, "cannot remove", e))?;
        crate::fsio::sync_dir(out).map_err(|e| io_err(out, "cannot sync", e))?;
        Ok(manifest_path)
    }
}

/// Takes the lock on the output folder (Unix: on the folder itself, no file is made), or says
/// that another run holds it.
fn lock(out: &Path) -> Result<Option<fs::File>, Error> {
    #[cfg(unix)]
    {
        let dir = fs::File::open(out).map_err(|e| io_err(out, "cannot open", e))?;
        match dir.try_lock() {
            Ok(()) => Ok(Some(dir)),
            Err(fs::TryLockError::WouldBlock) => Err(Error::Io(format!(
                "{}: another dxready batch is writing into this folder; wait for it to end, or choose another --out",
                out.display()
            ))),
            // A file system without locks: go on without one.
            Err(fs::TryLockError::Error(_)) => Ok(None),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = out;
        Ok(None)
    }
}

/// Removes what dead runs left directly in `out` and in its sub-folders: staging folders and
/// temp files (`.dxready-run-*`), and the `.NAME.PID.tmp` temp files earlier versions of
/// dxready wrote beside their outputs. Nothing else is touched.
fn clean(out: &Path) {
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if name.starts_with(STAGING_PREFIX) {
            let _ = if meta.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        } else if meta.is_file() && old_temp(&name) {
            let _ = fs::remove_file(&path);
        }
    }
    for sub in SUBDIRS {
        let Ok(entries) = fs::read_dir(out.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if old_temp(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Whether a name is a temp file of the scheme earlier versions used for batch outputs:
/// `.NAME.EXT.PID.tmp`, EXT one a batch writes.
fn old_temp(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let Some((file, pid)) = inner.rsplit_once('.') else {
        return false;
    };
    !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && ["csv", "jsonl", "xlsx", "md", "html", "pdf"]
            .iter()
            .any(|ext| file.ends_with(&format!(".{ext}")))
}

/// The files below `dir` (relative, `/`-separated), regular files only.
fn list(dir: &Path, prefix: &str, files: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        let rel = format!("{prefix}{name}");
        if kind.is_dir() {
            list(&entry.path(), &format!("{rel}/"), files)?;
        } else if kind.is_file() && rel != MANIFEST {
            files.push(rel);
        }
    }
    Ok(())
}

/// Syncs every folder of the staging tree (the files were synced when written).
fn fsync_tree(dir: &Path) -> io::Result<()> {
    for sub in SUBDIRS {
        let p = dir.join(sub);
        if p.is_dir() {
            crate::fsio::sync_dir(&p)?;
        }
    }
    crate::fsio::sync_dir(dir)
}

/// A relative path dxready could have written: `name` or `sub/name`, plain names only (a
/// manifest or marker edited by hand can never make a run remove anything else).
fn plausible(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    let plain =
        |p: &str| !p.is_empty() && p != "." && p != ".." && !p.contains('\\') && !p.contains('\0');
    match parts.as_slice() {
        [name] => plain(name) && *name != MANIFEST && *name != MARKER,
        [sub, name] => SUBDIRS.contains(sub) && plain(name),
        _ => false,
    }
}

/// The files a manifest names.
fn manifest_files(text: &str) -> Vec<String> {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    v["files"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["path"].as_str())
                .filter(|p| plausible(p))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The files a marker lists (after its `files:` line).
fn marker_files(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| *l != FILES_LINE)
        .skip(1)
        .filter(|l| plausible(l))
        .map(str::to_string)
        .collect()
}

fn marker_text(run: &str, files: &[&str]) -> String {
    let mut s = format!(
        "THƯ MỤC CHƯA HOÀN CHỈNH. Lượt chạy dxready batch {run} đang thay các tệp kết quả trong \
thư mục này, hoặc đã bị dừng giữa chừng: các tệp ở đây có thể thuộc hai lượt chạy khác nhau. \
Đừng dùng chúng; hãy chạy lại lệnh batch. Khi xong, tệp này biến mất và {MANIFEST} liệt kê \
các tệp của lượt chạy hoàn chỉnh.\n\n\
INCOMPLETE FOLDER. The dxready batch run {run} is replacing the outputs in this folder, or \
was stopped while doing so: the files here may come from two different runs. Do not use \
them; run the batch again. When it is done this file is gone and {MANIFEST} lists the files \
of the complete run.\n\n\
The files below are dxready's (of the runs before and of run {run}); the next run removes \
those it does not write.\n{FILES_LINE}\n"
    );
    for f in files {
        s.push_str(f);
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_dxready_makes_count_as_its_own() {
        assert!(old_temp(".summary.csv.4242.tmp"));
        assert!(old_temp(".an-phat.pdf.17.tmp"));
        assert!(!old_temp(".notes.txt.17.tmp"));
        assert!(!old_temp(".summary.csv.tmp"));
        assert!(!old_temp("summary.csv.17.tmp"));
        assert!(plausible("summary.csv") && plausible("reports/a.pdf"));
        for bad in [
            "../x",
            "reports/../../x",
            "/etc/passwd",
            "other/a.pdf",
            MANIFEST,
            "",
        ] {
            assert!(!plausible(bad), "{bad}");
        }
        let text = marker_text("r1", &["summary.csv", "reports/a.pdf", "../evil"]);
        assert_eq!(marker_files(&text), ["summary.csv", "reports/a.pdf"]);
    }

    #[test]
    fn a_commit_replaces_the_previous_run_and_removes_what_it_left() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let counts = Counts {
            inputs: 1,
            scored: 1,
            failed: 0,
        };
        let s = Staging::begin(&out).unwrap();
        fs::write(s.path().join("summary.csv"), "one").unwrap();
        fs::write(s.path().join("reports/a.pdf"), "a").unwrap();
        s.commit(&counts).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        fs::write(out.join("reports/mine.pdf"), "mine").unwrap();
        fs::write(out.join(".summary.csv.99.tmp"), "").unwrap();
        // A run killed before its commit: its staging folder stays behind.
        let dead = Staging::begin(&out).unwrap();
        let dead_path = dead.path().to_path_buf();
        drop(dead._lock);
        std::mem::forget(dead.dir);
        assert!(dead_path.exists());
        let s = Staging::begin(&out).unwrap();
        assert!(!dead_path.exists());
        assert!(!out.join(".summary.csv.99.tmp").exists());
        // A second run into the same folder at the same time is refused.
        assert!(Staging::begin(&out).is_err());
        fs::write(s.path().join("summary.csv"), "two").unwrap();
        fs::write(s.path().join("reports/b.pdf"), "b").unwrap();
        let run = s.run().to_string();
        s.commit(&counts).unwrap();
        assert_eq!(fs::read_to_string(out.join("summary.csv")).unwrap(), "two");
        assert!(!out.join("reports/a.pdf").exists());
        assert!(out.join("reports/b.pdf").exists());
        assert!(out.join("reports/mine.pdf").exists() && out.join("notes.txt").exists());
        assert!(!out.join(MARKER).exists());
        let m: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join(MANIFEST)).unwrap()).unwrap();
        assert_eq!(m["run"], run.as_str());
        let names: Vec<&str> = m["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["reports/b.pdf", "summary.csv"]);
        let hidden: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .filter_map(|e| {
                let n = e.unwrap().file_name().to_string_lossy().into_owned();
                n.starts_with('.').then_some(n)
            })
            .collect();
        assert!(hidden.is_empty(), "{hidden:?}");
    }
}
