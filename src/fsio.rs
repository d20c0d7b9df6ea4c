//! File-system edges: bounded reads and atomic writes (a temp file in the same folder, then a
//! rename), so an existing report or answers file is never left half-written.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Reads at most `limit` bytes; a larger file is an error that says so (the caller words it).
pub fn read_limited(path: &Path, limit: usize) -> io::Result<Result<Vec<u8>, u64>> {
    let file = fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > limit as u64 {
        return Ok(Err(len));
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(limit as u64 + 1).read_to_end(&mut buf)?;
    if buf.len() > limit {
        return Ok(Err(buf.len() as u64));
    }
    Ok(Ok(buf))
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut w = AtomicWriter::create(path)?;
    w.write_all(bytes)?;
    w.commit()
}

/// A file written bit by bit and put in place at the end: the bytes go to a temp file in the
/// same folder, [`AtomicWriter::commit`] renames it over `path`; dropped without a commit,
/// the temp file is removed and `path` is untouched.
pub struct AtomicWriter {
    path: PathBuf,
    tmp: PathBuf,
    out: Option<io::BufWriter<fs::File>>,
}

impl AtomicWriter {
    pub fn create(path: &Path) -> io::Result<AtomicWriter> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = fs::File::create(&tmp)?;
        Ok(AtomicWriter {
            path: path.to_path_buf(),
            tmp,
            out: Some(io::BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flushes, syncs and renames into place.
    pub fn commit(mut self) -> io::Result<()> {
        let Some(out) = self.out.take() else {
            return Ok(());
        };
        let result = out
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| {
                file.sync_all()?;
                drop(file);
                fs::rename(&self.tmp, &self.path)
            });
        if result.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        result
    }
}

impl Write for AtomicWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.out {
            Some(out) => out.write(buf),
            None => Err(io::Error::other("already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicWriter {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}
