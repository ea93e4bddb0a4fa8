//! A problem found in a hub's files: where it is, what is wrong, and how to fix it.
//!
//! Stages collect these instead of stopping at the first one, so a build reports
//! every problem at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors fail the build, warnings only fail `check --strict`,
/// notes are information (how much of a language is translated) and fail nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One problem in one place, with the fix spelled out where we know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `file` (a path relative to the hub root, where possible).
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: Some(file.into()),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning in `file`.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Information about the hub as a whole, never a failure.
    pub fn note(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Note,
            file: None,
            ..Diagnostic::error("", message)
        }
    }

    /// True for a warning (what `check --strict` fails on).
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// An error that belongs to no single file.
    pub fn general(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: None,
            ..Diagnostic::error("", message)
        }
    }

    /// Sets the 1-based line.
    pub fn at_line(mut self, line: usize) -> Diagnostic {
        self.line = Some(line);
        self
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Diagnostic {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Adds the advice on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// True when this problem fails a normal build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file shown relative to `root` when it lies inside it.
    pub fn relative_to(mut self, root: &Path) -> Diagnostic {
        if let Some(file) = &self.file {
            if let Ok(rel) = file.strip_prefix(root) {
                self.file = Some(rel.to_path_buf());
            }
        }
        self
    }

    /// The ordering key that keeps reports stable: by file, then position.
    pub fn sort_key(&self) -> (Option<&PathBuf>, usize, usize, Severity, &str) {
        (
            self.file.as_ref(),
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{label}: ")?;
        if let Some(file) = &self.file {
            write!(f, "{}", file.display().to_string().replace('\\', "/"))?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file and position and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_help() {
        let d = Diagnostic::error("content/a.md", "unknown key `sumary`")
            .at(3, 1)
            .help("did you mean `summary`?");
        assert_eq!(
            d.to_string(),
            "error: content/a.md:3:1: unknown key `sumary`\n  help: did you mean `summary`?"
        );
    }

    #[test]
    fn general_errors_have_no_file() {
        assert_eq!(
            Diagnostic::general("content/ is empty").to_string(),
            "error: content/ is empty"
        );
    }
}
