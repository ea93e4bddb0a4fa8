//! Where a generator keeps its pages and what addresses it gives them, in one shape
//! for all four. In: what a generator's module found. Out: [`Layout`]: each page's
//! text, front matter, old address and new path in content/, and each folder's title.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::Mapping;
use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::import::error::ImportError;
use crate::import::front;
use crate::import::generator::Generator;
use crate::text::slugify;

/// One page of the source site.
#[derive(Debug, Clone, Default)]
pub struct SitePage {
    /// The file, relative to SOURCE, with `/` separators.
    pub source_rel: String,
    /// The file, relative to the folder links to files are written from
    /// (Hugo's content/, MkDocs' and Docusaurus' docs/, Jekyll's site).
    pub content_rel: String,
    /// Its path in the hub's content/ (`guides/first-steps.md`, `guides/_index.md`).
    pub out_rel: String,
    /// Its old address from the site's root, as the generator wrote it (`guides/first/`).
    pub url: String,
    /// Other names links use for it (Docusaurus doc ids, Jekyll post names).
    pub names: Vec<String>,
    /// A title the site's navigation gives it.
    pub nav_title: Option<String>,
    /// Its place in the site's navigation.
    pub order: Option<i64>,
    /// A date from its file name (Jekyll posts).
    pub date: Option<String>,
    pub draft: bool,
    pub front: Mapping,
    pub body: String,
    pub body_line: usize,
}

impl SitePage {
    /// True for a folder's page (`_index.md`).
    pub fn is_index(&self) -> bool {
        self.out_rel == "_index.md" || self.out_rel.ends_with("/_index.md")
    }

    /// The folder relative addresses in the page are read from.
    pub fn url_dir(&self) -> &str {
        match self.url.rfind('/') {
            Some(i) => &self.url[..=i],
            None => "",
        }
    }
}

/// What the site says about one folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folder {
    pub title: Option<String>,
    pub order: Option<i64>,
    pub description: Option<String>,
    /// Where this came from, for the report (`docs/guides/_category_.json`).
    pub source: Option<String>,
}

/// A source site laid out for conversion.
#[derive(Debug, Clone)]
pub struct Layout {
    pub generator: Generator,
    pub pages: Vec<SitePage>,
    /// By folder in content/ (`guides`, `guides/ending`).
    pub folders: BTreeMap<String, Folder>,
    /// The folder relative file links are read from.
    pub content_root: PathBuf,
    /// Folders that addresses from the site's root are looked up in (static/, the site).
    pub static_roots: Vec<PathBuf>,
    /// The path the site was published under (`hub/` for `https://example.org/hub/`).
    pub base_path: String,
    /// The site's full address, so links written in full are read as links within it.
    pub base_url: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Notes for the report about what was not imported.
    pub notes: Vec<String>,
}

/// Reads a page: its front matter and body, or a problem naming the file and line.
pub fn read_page(source: &Path, path: &Path) -> Result<(Mapping, String, usize), Diagnostic> {
    let shown = path.strip_prefix(source).unwrap_or(path).to_path_buf();
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(&shown, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(&shown, "the file is not UTF-8 text")
            .help("open it in a text editor and save it as UTF-8, then import again")
    })?;
    let text = text.replace("\r\n", "\n");
    let split = front::split(&text).map_err(|(line, message)| {
        Diagnostic::error(&shown, message).at_line(line).help("fix the front matter in the source (the site's own build would fail on it too), then import again")
    })?;
    Ok((split.data, split.body.to_string(), split.body_line))
}

/// Every Markdown file under `root` (`.md`, `.markdown`, and `.mdx` when `mdx`), sorted,
/// skipping hidden files and folders for which `skip` says so.
pub fn markdown_files(
    root: &Path,
    mdx: bool,
    skip: &dyn Fn(&str) -> bool,
) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    let walker = WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || (!name.starts_with('.') && !skip(&rel(root, e.path())))
        });
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| root.to_path_buf());
            ImportError::io(
                "read",
                path,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a folder loops back on itself")),
            )
        })?;
        let name = entry.file_name().to_string_lossy();
        let markdown =
            name.ends_with(".md") || name.ends_with(".markdown") || (mdx && name.ends_with(".mdx"));
        if entry.file_type().is_file() && markdown {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// `path` relative to `root`, with `/` separators.
pub fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A file or folder name without its Markdown extension.
pub fn stem(name: &str) -> &str {
    [".markdown", ".mdx", ".md"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name)
}

/// A name made fit for a hub's URL: lowercase words joined by dashes, never empty.
pub fn segment(name: &str) -> String {
    match slugify(name) {
        s if s.is_empty() => "page".to_string(),
        s => s,
    }
}

/// A folder path made of segments (`Getting Started/Week 1` → `getting-started/week-1`).
pub fn folder_path(dir: &str) -> String {
    dir.split('/')
        .filter(|s| !s.is_empty())
        .map(segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// `dir/name.md`, or `name.md` at the top.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The parent folder of a `/`-separated path.
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// An address made comparable: decoded, lowercase, without the leading `/`, a
/// trailing `index.html`, `.html` or `/`.
pub fn url_key(url: &str) -> String {
    let url = crate::url::percent_decode(url).to_lowercase();
    let mut key = url.trim_start_matches('/');
    key = key.strip_suffix("index.html").unwrap_or(key);
    key = key.strip_suffix(".html").unwrap_or(key);
    key.trim_end_matches('/').to_string()
}

/// Joins a relative address to the folder it is read from, resolving `.` and `..`.
pub fn join_url(dir: &str, link: &str) -> String {
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if link.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_compare_without_their_decorations() {
        assert_eq!(url_key("/Guides/First/"), "guides/first");
        assert_eq!(url_key("/about.html"), "about");
        assert_eq!(url_key("/docs/index.html"), "docs");
        assert_eq!(join_url("guides/first/", "../second/"), "guides/second/");
        assert_eq!(join_url("docs/guides/", "./intro"), "docs/guides/intro");
        assert_eq!(
            folder_path("Getting Started/Week 1"),
            "getting-started/week-1"
        );
    }
}
