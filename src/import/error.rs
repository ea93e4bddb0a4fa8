//! Why an import stopped: the source cannot be read, the target would be overwritten,
//! or the system failed us. In: what went wrong. Out: a message for program staff.

use std::io;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// Why `import` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Reading or writing a file failed.
    #[error("cannot {action} `{}`", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// SOURCE is neither a folder nor a .docx file.
    #[error("`{}` is not a folder of Markdown pages or a Word document (.docx)\n  help: give the folder of a Hugo, Jekyll, MkDocs or Docusaurus site, or a .docx file", .path.display())]
    UnknownSource { path: PathBuf },

    /// The folder has no configuration file that names its generator.
    #[error("cannot tell which site generator made `{}`: it has no hugo.toml, config.toml, hugo.yaml, _config.yml, mkdocs.yml or docusaurus.config.js\n  help: name the generator with --from hugo, --from jekyll, --from mkdocs or --from docusaurus", .path.display())]
    UnknownGenerator { path: PathBuf },

    /// The source holds no page to import.
    #[error("`{}` has no Markdown pages to import (looked in `{}`)\n  help: check that this is the site's top folder, the one with its configuration file", .path.display(), .looked_in)]
    NoPages { path: PathBuf, looked_in: String },

    /// Files in the source that cannot be read as pages; every one is listed.
    #[error("{} in the source", count(.problems.len(), "problem"))]
    Source { problems: Vec<Diagnostic> },

    /// The .docx file cannot be read.
    #[error("`{}` cannot be read as a Word document: {message}\n  help: open it in Word or LibreOffice and save it again as a .docx (Word Document) file", .path.display())]
    Docx { path: PathBuf, message: String },

    /// Files the import would write already exist.
    #[error("{} already {}:\n{}\n  help: pass --force to replace them, or import into another folder with --into", count(.paths.len(), "file"), if .paths.len() == 1 { "exists" } else { "exist" }, list(.paths))]
    Exists { paths: Vec<String> },

    /// The import was asked to do something it must refuse.
    #[error("{message}")]
    Refused { message: String },
}

impl ImportError {
    /// An I/O error that names the file and what we were doing with it.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> ImportError {
        ImportError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

fn list(paths: &[String]) -> String {
    let mut shown: Vec<String> = paths.iter().take(20).map(|p| format!("  {p}")).collect();
    if paths.len() > 20 {
        shown.push(format!("  … and {} more", paths.len() - 20));
    }
    shown.join("\n")
}
