//! The library's error type: problems in the hub's files, or the system failing us.

use std::io;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// Why a stage could not finish.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The hub has problems the author must fix; every one found is listed.
    #[error("{} found in the hub", count_label(.diagnostics))]
    Invalid { diagnostics: Vec<Diagnostic> },

    /// Reading or writing a file failed.
    #[error("cannot {action} `{}`", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// A command was asked to do something it must refuse (overwrite a file, wipe a folder…).
    #[error("{message}")]
    Refused { message: String },
}

impl Error {
    /// An I/O error that names the file and what we were doing with it.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The hub's problems, if that is what this error is.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid { diagnostics } => diagnostics,
            _ => &[],
        }
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(mut diagnostics: Vec<Diagnostic>) -> Error {
        crate::diagnostic::sort(&mut diagnostics);
        Error::Invalid { diagnostics }
    }
}

fn count_label(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let problems = if errors == 0 {
        diagnostics.len()
    } else {
        errors
    };
    let noun = if errors == 0 { "warning" } else { "error" };
    if problems == 1 {
        format!("1 {noun}")
    } else {
        format!("{problems} {noun}s")
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
