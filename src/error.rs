//! The errors a command ends with, each mapped to the exit code docs/reference/commands.md gives it.

/// A command that could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input was invalid: exit code 1. Each line is one problem.
    #[error("{}", .0.join("\n"))]
    Invalid(Vec<String>),
    /// The command line was wrong: exit code 2.
    #[error("{0}")]
    Usage(String),
    /// The tool's own files could not be read or an output could not be written: exit code 3.
    #[error("{0}")]
    Io(String),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => 1,
            Error::Usage(_) => 2,
            Error::Io(_) => 3,
        }
    }

    /// The lines printed to stderr, each starting `error: `.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Error::Invalid(lines) => lines.clone(),
            Error::Usage(m) | Error::Io(m) => m.lines().map(str::to_string).collect(),
        }
    }
}

/// How a command that ran to the end went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything succeeded: exit 0.
    Success,
    /// The command finished but some inputs failed (already reported): exit 1.
    SomeFailed,
}

impl From<crate::diagnostic::LoadError> for Error {
    fn from(e: crate::diagnostic::LoadError) -> Self {
        if e.is_io() {
            Error::Io(e.to_string())
        } else {
            Error::Invalid(e.lines())
        }
    }
}
