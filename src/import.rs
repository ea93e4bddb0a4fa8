//! `import`: content a program already has, turned into hub pages. In: a folder of a
//! Hugo, Jekyll, MkDocs or Docusaurus site, or a Word document, and the hub to write
//! into. Out: Markdown pages, folder pages and copied files under content/, and a
//! report of what was mapped, kept out or needs a person, all written at once.
//!
//! ```text
//! site:  generator::detect → hugo|jekyll|mkdocs|docusaurus::layout → convert
//!        (front::map, markup::prepare, body::shape, then links::rewrite with resolve)
//! docx:  zip::Archive → docx::read → docx::markdown (fields with --template)
//! both:  write::apply (staged, moved in whole) → the report
//! ```

use std::path::{Path, PathBuf};

pub mod body;
pub mod convert;
pub mod docusaurus;
pub mod docx;
pub mod error;
pub mod front;
pub mod generator;
pub mod html;
pub mod hugo;
pub mod jekyll;
pub mod layout;
pub mod links;
pub mod markup;
pub mod mkdocs;
pub mod report;
pub mod resolve;
pub mod toml;
pub mod write;
pub mod xml;
pub mod zip;

pub use error::ImportError;
pub use generator::Generator;
pub use report::Report;

use crate::discover::CONTENT_DIR;
use write::{Data, Planned};

/// The report's file name in the hub folder.
pub const REPORT_FILE: &str = "import-report.md";

/// What to import and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// A site's folder or a .docx file.
    pub source: PathBuf,
    /// The hub to write into, or a folder to make one in.
    pub into: PathBuf,
    /// The generator, when its configuration file cannot tell.
    pub from: Option<Generator>,
    /// Make a .docx into a template, its blanks into fields.
    pub template: bool,
    /// Replace files that exist.
    pub force: bool,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct Imported {
    pub report: Report,
    /// The report's text, as written to `import-report.md`.
    pub report_text: String,
    /// Files written, relative to the hub folder.
    pub written: Vec<String>,
    /// True when the import made a new hub.
    pub new_hub: bool,
}

/// Imports `options.source` into the hub at `options.into`.
pub fn import(options: &ImportOptions) -> Result<Imported, ImportError> {
    let source = &options.source;
    let meta = std::fs::metadata(source).map_err(|e| ImportError::io("read", source, e))?;
    let is_docx = meta.is_file()
        && source
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if !meta.is_dir() && !is_docx {
        return Err(ImportError::UnknownSource {
            path: source.clone(),
        });
    }
    let into = &options.into;
    let new_hub = !into.join(crate::config::CONFIG_FILE).is_file();
    if new_hub && into.join(CONTENT_DIR).exists() {
        return Err(ImportError::Refused {
            message: format!("`{}` has a content/ folder but no hub.yaml; import into a hub, or into a new or empty folder", into.display()),
        });
    }
    if meta.is_dir() && absolute(into).starts_with(absolute(source)) {
        return Err(ImportError::Refused {
            message: format!("`{}` is inside the source `{}`; import never writes into its source. Choose a folder outside it with --into", into.display(), source.display()),
        });
    }
    let content = into.join(CONTENT_DIR);
    let has = |rel: &str| content.join(rel).exists();
    let (mut report, mut files, site_title, site_url) = if is_docx {
        let (report, files) = docx::import(source, options.template)?;
        (report, files, None, None)
    } else {
        let (report, files, layout) = site(source, options.from, &has)?;
        (report, files, layout.title, layout.base_url)
    };
    if options.template && !is_docx {
        report
            .notes
            .push("`--template` applies to Word documents only; it was ignored.".to_string());
    }
    if new_hub {
        files.push(Planned {
            rel: crate::config::CONFIG_FILE.to_string(),
            data: Data::Text(hub_yaml(site_title.as_deref(), site_url.as_deref())),
            replace: false,
        });
        report.notes.push(
            "Made a new hub: hub.yaml as `guidepost init` writes it, without its example pages."
                .to_string(),
        );
    }
    let report_text = report.to_markdown();
    files.push(Planned {
        rel: REPORT_FILE.to_string(),
        data: Data::Text(report_text.clone()),
        replace: true,
    });
    write::apply(into, &files, options.force)?;
    Ok(Imported {
        written: files.iter().map(|f| f.rel.clone()).collect(),
        report,
        report_text,
        new_hub,
    })
}

/// A site folder converted: the report, the files, and the site's settings.
fn site(
    source: &Path,
    from: Option<Generator>,
    has: &dyn Fn(&str) -> bool,
) -> Result<(Report, Vec<Planned>, layout::Layout), ImportError> {
    let config = generator::detect(source, from)?;
    let (layout, problems) = match config.generator {
        Generator::Hugo => hugo::layout(source, &config)?,
        Generator::Jekyll => jekyll::layout(source, &config)?,
        Generator::MkDocs => mkdocs::layout(source, &config)?,
        Generator::Docusaurus => docusaurus::layout(source, &config)?,
    };
    if !problems.is_empty() {
        return Err(ImportError::Source { problems });
    }
    if layout.pages.is_empty() {
        return Err(ImportError::NoPages {
            path: source.to_path_buf(),
            looked_in: format!("{}/", layout::rel(source, &layout.content_root)),
        });
    }
    let converted = convert::convert(source, &layout, has);
    let name = source
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| source.display().to_string());
    let mut report = Report {
        source: format!(
            "the {} site `{name}`{}",
            layout.generator.name(),
            config
                .file
                .as_deref()
                .map(|f| format!(" (found {f})"))
                .unwrap_or_default()
        ),
        notes: layout.notes.clone(),
        files: converted.files,
        copied: Vec::new(),
    };
    let mut files: Vec<Planned> = converted
        .pages
        .into_iter()
        .map(|(rel, text)| Planned {
            rel: format!("{CONTENT_DIR}/{rel}"),
            data: Data::Text(text),
            replace: false,
        })
        .collect();
    for copy in converted.copies {
        report
            .copied
            .push((copy.shown.clone(), format!("{CONTENT_DIR}/{}", copy.target)));
        files.push(Planned {
            rel: format!("{CONTENT_DIR}/{}", copy.target),
            data: Data::Copy(copy.full),
            replace: false,
        });
    }
    Ok((report, files, layout))
}

/// The settings of a new hub: `init`'s, with the source's title, and without the
/// links to example pages it does not write.
fn hub_yaml(title: Option<&str>, url: Option<&str>) -> String {
    let starter = crate::scaffold::STARTER_FILES
        .iter()
        .find(|(p, _)| *p == crate::config::CONFIG_FILE)
        .map(|(_, t)| *t)
        .unwrap_or_default();
    let mut out = String::new();
    let mut skipping = false;
    for line in starter.lines() {
        let indent = line.len() - line.trim_start().len();
        if skipping
            && (indent > 4 || (indent > 0 && line.trim_start().starts_with("- ") && indent >= 4))
        {
            continue;
        }
        skipping = false;
        if line.trim_start().starts_with("start_here:") {
            skipping = true;
            continue;
        }
        if line.starts_with("footer_links:") {
            break;
        }
        match (title, url) {
            (Some(t), _) if line.starts_with("title:") => {
                out.push_str(&format!("title: {}\n", front::scalar(t)))
            }
            (_, Some(u)) if line.starts_with("base_url:") && u.starts_with("http") => {
                out.push_str(&format!("base_url: {}/\n", u.trim_end_matches('/')))
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.trim_end().to_string() + "\n"
}

/// A path made absolute and free of `.`/`..`, through the nearest part that exists.
fn absolute(path: &Path) -> PathBuf {
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut existing = full.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        if part == ".." {
            out.pop();
        } else if part != "." {
            out.push(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_hub_has_no_links_to_example_pages() {
        let yaml = hub_yaml(Some("Mentor: Docs"), Some("https://old.example.org/docs"));
        assert!(!yaml.contains("start_here"), "{yaml}");
        assert!(!yaml.contains("footer_links"), "{yaml}");
        assert!(yaml.contains("title: 'Mentor: Docs'\n"), "{yaml}");
        assert!(
            yaml.contains("base_url: https://old.example.org/docs/\n"),
            "{yaml}"
        );
        crate::config::Config::parse(&yaml).expect("valid settings");
    }
}
