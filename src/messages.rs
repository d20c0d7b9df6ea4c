//! The one place dxready's own `error:` and `warning:` lines are printed (as ripgrep's
//! `messages.rs`), and where its standard output is written. Every command, the server and
//! the binary's last-resort error line go through here, so the prefix, its colour and the
//! language of the prefix are decided once.
//!
//! Text quoted from a file (names, values) reaches the terminal neutralised
//! ([`crate::text::neutralise`]): as visible characters, never as escape sequences.

use std::io::{self, Write};
use std::sync::OnceLock;

use anstyle::{AnsiColor, Style};

use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::words::{Lang, words};

/// How bad a printed line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    /// Information about the run (a file passed over), not a problem.
    Note,
}

static COLOR: OnceLock<bool> = OnceLock::new();

/// Sets the colour choice of `--color always|never`; `None` (`auto`) leaves it to
/// [`use_color`]. Only the first call counts.
pub fn set_color(always: Option<bool>) {
    if let Some(on) = always {
        let _ = COLOR.set(on);
    }
}

/// Whether stderr output is coloured: `--color always|never`, else (`auto`) when stderr is a
/// terminal and `NO_COLOR` is unset.
pub fn use_color() -> bool {
    *COLOR.get_or_init(|| {
        use std::io::IsTerminal;
        io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
    })
}

/// `error:` / `warning:` (`lỗi:` / `cảnh báo:` in Vietnamese) as printed on stderr, in
/// colour when [`use_color`] says so.
pub fn prefix(level: Level) -> String {
    let w = words(Lang::messages());
    let (word, color) = match level {
        Level::Error => (w.error, AnsiColor::Red),
        Level::Warning => (w.warning, AnsiColor::Yellow),
        Level::Note => (w.note, AnsiColor::Cyan),
    };
    if use_color() && level != Level::Note {
        let style = Style::new().bold().fg_color(Some(color.into()));
        format!("{style}{word}:{style:#}")
    } else {
        format!("{word}:")
    }
}

/// Prints one line to stderr after its prefix, its text neutralised.
pub fn eprint(level: Level, text: &str) {
    eprintln!("{} {}", prefix(level), crate::text::neutralise(text));
}

/// Prints an `error:` line.
pub fn error(text: &str) {
    eprint(Level::Error, text);
}

/// Prints a `warning:` line.
pub fn warning(text: &str) {
    eprint(Level::Warning, text);
}

/// Prints a `note:` line.
pub fn note(text: &str) {
    eprint(Level::Note, text);
}

/// Prints every warning of a file's diagnostics.
pub fn print_warnings(d: &Diagnostics) {
    for w in d.warning_lines() {
        warning(&w);
    }
}

/// Writes to stdout; a closed pipe (`dxready … | head`) is not an error.
pub fn print(text: &str) -> Result<(), Error> {
    print_bytes(text.as_bytes())
}

/// Like [`print()`], for bytes.
pub fn print_bytes(bytes: &[u8]) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Io(words(Lang::messages()).cannot_write_stdout(&e))),
    }
}
