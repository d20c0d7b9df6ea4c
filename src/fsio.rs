//! File-system edges: bounded reads and atomic writes (a temp file in the same folder, then a
//! rename), so an existing report or answers file is never left half-written. Every atomic
//! write of the tool goes through [`AtomicWriter`] ([`write_atomic`], [`write_private`]).
//!
//! Every file dxready reads goes through [`open_regular`]: only regular files are opened (a
//! FIFO would block the tool forever, `/dev/zero` would never end), and [`Bounded`] counts
//! the bytes actually read against the limit, not the size the file system reports (which
//! is 0 for `/proc` files and can change while the file is read).

use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The file system said no (missing, permission, …).
    Io(io::Error),
    /// A FIFO, device, socket or folder: dxready reads only regular files.
    NotRegular(&'static str),
    /// More bytes than the limit (`size`: what the file system reports, when it is over).
    TooLarge { size: Option<u64>, limit: u64 },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::NotRegular(kind) => write!(
                f,
                "cannot read: this is {kind}, not a regular file (dxready reads only regular files)"
            ),
            ReadError::TooLarge {
                size: Some(size),
                limit,
            } => write!(f, "file is {size} bytes, over the limit of {limit} bytes"),
            ReadError::TooLarge { size: None, limit } => {
                write!(f, "file is over the limit of {limit} bytes")
            }
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        // A limit hit inside a [`Bounded`] reader comes back through io::Error.
        match e.get_ref().and_then(|x| x.downcast_ref::<OverLimit>()) {
            Some(o) => ReadError::TooLarge {
                size: None,
                limit: o.0,
            },
            None => ReadError::Io(e),
        }
    }
}

/// What a file is, when it is not a regular file.
fn irregular(kind: fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file")
}

/// Opens a regular file for reading (a symbolic link is followed to its target). Anything
/// else is refused before it is opened: opening a FIFO would wait for a writer forever.
pub fn open_regular(path: &Path) -> Result<fs::File, ReadError> {
    if let Some(kind) = irregular(fs::metadata(path)?.file_type()) {
        return Err(ReadError::NotRegular(kind));
    }
    let file = fs::File::open(path)?;
    // Checked again on what was opened, should the path have changed in between.
    if let Some(kind) = irregular(file.metadata()?.file_type()) {
        return Err(ReadError::NotRegular(kind));
    }
    Ok(file)
}

/// Opens a regular file and wraps it in a [`Bounded`] reader of `limit` bytes; a file the file
/// system already reports as larger is refused at once.
pub fn open_bounded(path: &Path, limit: u64) -> Result<Bounded<fs::File>, ReadError> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(ReadError::TooLarge {
            size: Some(size),
            limit,
        });
    }
    Ok(Bounded::new(file, limit))
}

/// Reads a whole regular file of at most `limit` bytes (counted as read).
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut reader = open_bounded(path, limit)?;
    let mut buf = Vec::with_capacity(reader.inner.metadata().map_or(0, |m| m.len()) as usize);
    reader.read_to_end(&mut buf)?;
    Ok(buf)
}

/// The error a [`Bounded`] reader gives past its limit.
#[derive(Debug)]
pub struct OverLimit(pub u64);

impl fmt::Display for OverLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the file is over the limit of {} bytes; nothing after that was read",
            self.0
        )
    }
}

impl std::error::Error for OverLimit {}

/// A reader that fails (with [`OverLimit`]) once more than `limit` bytes would be read, and
/// optionally once a line grows past `max_line` bytes (a CSV row never needs a megabyte;
/// without it one endless line would be held whole in memory).
pub struct Bounded<R> {
    inner: R,
    read: u64,
    limit: u64,
    max_line: Option<u64>,
    line: u64,
}

impl<R: Read> Bounded<R> {
    pub fn new(inner: R, limit: u64) -> Self {
        Bounded {
            inner,
            read: 0,
            limit,
            max_line: None,
            line: 0,
        }
    }

    /// Also refuse any line longer than `max` bytes.
    pub fn with_max_line(mut self, max: u64) -> Self {
        self.max_line = Some(max);
        self
    }

    /// The bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // One byte beyond the limit is asked for, to tell "exactly the limit" from "more".
        let room = (self.limit - self.read.min(self.limit)).saturating_add(1);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(io::Error::other(OverLimit(self.limit)));
        }
        if let Some(max) = self.max_line {
            let chunk = &buf[..n];
            self.line = match chunk.iter().rposition(|&b| b == b'\n') {
                // Lines inside the chunk are bounded by it; only its last line carries on.
                Some(last) => {
                    let longest = chunk[..last]
                        .split(|&b| b == b'\n')
                        .enumerate()
                        .map(|(i, l)| l.len() as u64 + if i == 0 { self.line } else { 0 })
                        .max()
                        .unwrap_or(0);
                    if longest > max {
                        self.line = longest;
                    } else {
                        self.line = (n - last - 1) as u64;
                    }
                    self.line
                }
                None => self.line + n as u64,
            };
            if self.line > max {
                return Err(io::Error::other(format!(
                    "a line is longer than {max} bytes (not a CSV of answers); nothing after it was read"
                )));
            }
        }
        Ok(n)
    }
}

/// Writes `bytes` to `path` atomically and durably: a temp file in the same folder (an
/// unpredictable name, created exclusively, so a planted symbolic link is never followed and
/// two writers of one path never share a temp file), synced, renamed over `path`, and the
/// folder synced, so the new file survives a crash or power loss once this returns.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut w = AtomicWriter::create(path)?;
    w.write_all(bytes)?;
    w.commit()
}

/// [`write_atomic`] for a file readable by its owner only (mode 0600 on Unix).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut w = AtomicWriter::with_mode(path, 0o600)?;
    w.write_all(bytes)?;
    w.commit()
}

/// Writes a new file that must not exist yet (never through a symbolic link) and syncs it:
/// for files inside a folder only this run writes (a batch's staging folder), where a temp
/// file and a rename per file would only cost time.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Syncs a folder, so the renames and removals in it survive a power loss. Where a folder
/// cannot be opened as a file (not Unix), this does nothing.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The folder a path's file is in (`.` for a bare name).
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A file written bit by bit and put in place at the end: the bytes go to a temp file
/// `.{name}.{random}.tmp` in the same folder ([`tempfile::NamedTempFile`]), and
/// [`AtomicWriter::commit`] syncs it, renames it over `path` and syncs the folder; dropped
/// without a commit, the temp file is removed and `path` is untouched. A process killed
/// mid-write leaves only such a temp file, which the next run of the same writer removes
/// (`serve` in its answers folder, `batch` in its output folder).
pub struct AtomicWriter {
    path: PathBuf,
    out: Option<io::BufWriter<tempfile::NamedTempFile>>,
}

impl AtomicWriter {
    /// A writer for `path`; the file gets the permissions a plain create would give it.
    pub fn create(path: &Path) -> io::Result<AtomicWriter> {
        AtomicWriter::with_mode(path, 0o666)
    }

    /// A writer for `path` whose file gets `mode` (Unix; less what the umask takes away).
    pub fn with_mode(path: &Path, mode: u32) -> io::Result<AtomicWriter> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp").rand_bytes(8);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(mode));
        }
        #[cfg(not(unix))]
        let _ = mode;
        let tmp = builder.tempfile_in(parent_of(path))?;
        Ok(AtomicWriter {
            path: path.to_path_buf(),
            out: Some(io::BufWriter::with_capacity(1 << 16, tmp)),
        })
    }

    /// Flushes, syncs, renames into place and syncs the folder.
    pub fn commit(mut self) -> io::Result<()> {
        let Some(out) = self.out.take() else {
            return Ok(());
        };
        // On an error the temp file is dropped, which removes it.
        let tmp = out.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        tmp.persist(&self.path).map_err(|e| e.error)?;
        sync_dir(&parent_of(&self.path))
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

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::{Bounded, ReadError, write_atomic};

    #[test]
    fn atomic_writes_replace_whole_and_leave_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        // A writer dropped without commit leaves the file as it was, and no temp file.
        {
            use std::io::Write;
            let mut w = super::AtomicWriter::create(&path).unwrap();
            w.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["report.pdf"]);
    }

    /// A symbolic link planted where the old scheme put its temp file is never followed.
    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let path = dir.path().join("a.yaml");
        std::os::unix::fs::symlink(
            &victim,
            dir.path()
                .join(format!(".a.yaml.{}.tmp", std::process::id())),
        )
        .unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn the_limit_counts_bytes_read_not_the_reported_size() {
        // An endless source (as /dev/zero or a /proc file that reports size 0).
        let mut r = Bounded::new(std::io::repeat(b'a'), 1000);
        let mut buf = Vec::new();
        let e = r.read_to_end(&mut buf).unwrap_err();
        assert!(matches!(
            ReadError::from(e),
            ReadError::TooLarge {
                size: None,
                limit: 1000
            }
        ));
        assert!(r.bytes_read() <= 1001);
        // Exactly the limit is fine.
        let mut r = Bounded::new(&[b'a'; 1000][..], 1000);
        assert_eq!(r.read_to_end(&mut Vec::new()).unwrap(), 1000);
    }

    #[test]
    fn a_line_cap_holds_across_reads() {
        let line = |n: usize| format!("{}\n", "x".repeat(n));
        let ok = format!("{}{}{}", line(10), line(99), line(3));
        let mut r = Bounded::new(ok.as_bytes(), 1 << 20).with_max_line(100);
        assert!(r.read_to_end(&mut Vec::new()).is_ok());
        // 60 + 60 bytes of one line, delivered in two reads.
        let long = "x".repeat(120);
        let mut r = Bounded::new(long.as_bytes().chain(&b"\n"[..]), 1 << 20).with_max_line(100);
        let mut buf = [0u8; 60];
        assert_eq!(r.read(&mut buf).unwrap(), 60);
        assert!(r.read(&mut buf).is_err());
        let long_inside = format!("{}{}{}", line(5), line(150), line(5));
        let mut r = Bounded::new(long_inside.as_bytes(), 1 << 20).with_max_line(100);
        assert!(r.read_to_end(&mut Vec::new()).is_err());
    }
}
