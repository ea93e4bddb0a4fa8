//! Finds a hub's content files.
//!
//! In: the hub root. Out: every Markdown file and asset under `content/`, sorted by
//! path so later stages see a stable order. Editors' swap, backup and hidden files
//! are skipped.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

/// The folder under the hub root that holds the content.
pub const CONTENT_DIR: &str = "content";

/// What a content file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A page: an article, FAQ or template.
    Page,
    /// A folder's `_index.md`.
    Index,
    /// Anything else, copied to the output as it is.
    Asset,
}

/// One file under `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path relative to `content/`, with `/` separators (`closure/last-meeting.md`).
    pub rel: String,
    /// The path on disk.
    pub path: PathBuf,
    pub kind: SourceKind,
}

impl SourceFile {
    /// The path as shown in messages: relative to the hub root.
    pub fn display_path(&self) -> PathBuf {
        Path::new(CONTENT_DIR).join(&self.rel)
    }
}

/// Lists the content files of the hub at `root`.
pub fn discover(root: &Path) -> Result<Vec<SourceFile>, Vec<Diagnostic>> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(vec![Diagnostic::error(
            CONTENT_DIR,
            "the hub has no content/ folder",
        )
        .help(
            "create content/ and put Markdown pages in it (or run `guidepost init`)",
        )]);
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    // Links may point anywhere inside the hub, never outside it: the output is
    // published, and a link to a private file must not publish that file.
    let hub = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| display(root, p))
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                let message = if e.loop_ancestor().is_some() {
                    "this symbolic link loops back to a folder that contains it".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error()
                            .map(|io| io.to_string())
                            .unwrap_or_else(|| e.to_string())
                    )
                };
                problems.push(
                    Diagnostic::error(path, message)
                        .help("remove the link or fix the file's permissions"),
                );
                continue;
            }
        };
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .map(|target| target.starts_with(&hub));
            if !matches!(inside, Ok(true)) {
                problems.push(
                    Diagnostic::error(
                        display(root, entry.path()),
                        "this symbolic link points outside the hub",
                    )
                    .help(
                        "copy the file into the hub instead of linking to it, or remove the link",
                    ),
                );
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel_path = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        let Some(rel) = rel_path.to_str() else {
            problems.push(
                Diagnostic::error(
                    display(root, entry.path()),
                    "the file name is not valid UTF-8",
                )
                .help("rename the file using letters, digits and dashes"),
            );
            continue;
        };
        let rel = rel.replace('\\', "/");
        let kind = if rel.ends_with(".md") {
            // A folder's page, or its translation (`_index.es.md`).
            let source = crate::language_tag::language_of(&rel).map(|(source, _)| source);
            let named = source.as_deref().unwrap_or(&rel);
            if named == "_index.md" || named.ends_with("/_index.md") {
                SourceKind::Index
            } else {
                SourceKind::Page
            }
        } else {
            SourceKind::Asset
        };
        files.push(SourceFile {
            rel,
            path: entry.path().to_path_buf(),
            kind,
        });
    }
    if files.iter().all(|f| f.kind == SourceKind::Asset) && problems.is_empty() {
        problems.push(
            Diagnostic::error(CONTENT_DIR, "content/ has no Markdown pages")
                .help("add a page such as content/getting-started/welcome.md (or run `guidepost new article getting-started/welcome`)"),
        );
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

fn display(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// True for names editors and systems leave behind: hidden, swap, backup and temp files
/// (Vim's `.x.swp`, `x~` and `4913`, Emacs' `.#x` and `#x#`, `sed -i`'s `sedAb12Cd`,
/// JetBrains' `x___jb_tmp___`, Word's `~$x`, Kate's `x.kate-swp`).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with("~$")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || is_sed_temp(name)
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            ".crdownload",
            ".part",
            ".kate-swp",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// `sed -i` writes its result to `sed` and six random letters and digits beside the
/// file, then renames it over the file.
fn is_sed_temp(name: &str) -> bool {
    name.len() == 9
        && name.starts_with("sed")
        && name[3..].bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_leftovers() {
        for name in [
            ".closure.md.swp",
            "page.md~",
            "#page.md#",
            ".DS_Store",
            "4913",
            "x.tmp",
            "sed4aLZS4",
            "page.md___jb_tmp___",
            "~$agenda.docx",
            "page.md.kate-swp",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for kept in [
            "last-meeting.md",
            "sed.md",
            "sediment.png",
            "seder-notes.txt",
        ] {
            assert!(!is_ignored(kept), "{kept}");
        }
    }
}
