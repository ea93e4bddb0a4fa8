//! A Hugo site's pages. In: the site folder and its settings. Out: a [`Layout`]:
//! content/ with its sections (`_index.md`) and page bundles (`index.md`), addresses
//! by Hugo's rules (`slug`, `url`), and static/ for files linked from the root.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::import::error::ImportError;
use crate::import::front::text;
use crate::import::generator::SiteConfig;
use crate::import::layout::{
    folder_path, join, markdown_files, parent, read_page, rel, segment, stem, Folder, Layout,
    SitePage,
};

/// Lays out the Hugo site at `source`.
pub fn layout(
    source: &Path,
    config: &SiteConfig,
) -> Result<(Layout, Vec<Diagnostic>), ImportError> {
    let content_dir = config
        .text("contentDir")
        .or_else(|| config.text("contentdir"))
        .unwrap_or_else(|| "content".to_string());
    let static_dir = config
        .text("staticDir")
        .or_else(|| config.text("staticdir"))
        .unwrap_or_else(|| "static".to_string());
    let root = source.join(&content_dir);
    let files = if root.is_dir() {
        markdown_files(&root, false, &|_| false)?
    } else {
        Vec::new()
    };
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let mut folders: BTreeMap<String, Folder> = BTreeMap::new();
    for path in files {
        let content_rel = rel(&root, &path);
        let (front, body, body_line) = match read_page(source, &path) {
            Ok(read) => read,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let name = content_rel.rsplit('/').next().unwrap_or("");
        let dir = parent(&content_rel);
        let (out_rel, mut url) = match stem(name) {
            "_index" => (join(&folder_path(dir), "_index.md"), with_slash(dir)),
            // A page bundle: the folder is the page, its other files are its resources.
            "index" if !dir.is_empty() => {
                let folder = dir.rsplit('/').next().unwrap_or(dir);
                (
                    join(
                        &folder_path(parent(dir)),
                        &format!("{}.md", segment(folder)),
                    ),
                    with_slash(dir),
                )
            }
            "index" => ("_index.md".to_string(), String::new()),
            s => (
                join(&folder_path(dir), &format!("{}.md", segment(s))),
                format!("{}/", join(dir, s)),
            ),
        };
        if let Some(slug) = front.get("slug").and_then(text) {
            let folder = parent(url.trim_end_matches('/'));
            url = format!("{}/", join(folder, &slug));
        }
        if let Some(own) = front.get("url").and_then(text) {
            url = own.trim_start_matches('/').to_string();
        }
        if stem(name) == "_index" && !dir.is_empty() {
            folders.insert(
                folder_path(dir),
                Folder {
                    source: Some(format!("{content_dir}/{content_rel}")),
                    ..Folder::default()
                },
            );
        }
        let no_ext = content_rel
            .trim_end_matches(".md")
            .trim_end_matches(".markdown")
            .to_string();
        let mut names = vec![content_rel.clone(), no_ext.clone()];
        if let Some(bundle) = no_ext
            .strip_suffix("/index")
            .or_else(|| no_ext.strip_suffix("/_index"))
        {
            names.push(bundle.to_string());
        }
        pages.push(SitePage {
            source_rel: format!("{content_dir}/{content_rel}"),
            content_rel,
            out_rel,
            url: url.to_lowercase(),
            names,
            front,
            body,
            body_line,
            ..SitePage::default()
        });
    }
    let base_url = config.text("baseURL").or_else(|| config.text("baseurl"));
    let mut notes = Vec::new();
    if config.data.contains_key("permalinks") {
        notes.push("The site sets `permalinks`, so its old addresses may differ from the ones this import worked out; links written as addresses that were not found are listed under their pages.".to_string());
    }
    Ok((
        Layout {
            generator: config.generator,
            pages,
            folders,
            content_root: root,
            static_roots: vec![source.join(static_dir)],
            base_path: base_url.as_deref().map(path_of).unwrap_or_default(),
            base_url,
            title: config.text("title"),
            description: config
                .data
                .get("params")
                .and_then(|p| p.get("description"))
                .and_then(text),
            notes,
        },
        problems,
    ))
}

fn with_slash(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    }
}

/// The path part of a full address (`https://example.org/hub/` → `hub/`).
pub fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) if url.contains("://") => after_scheme[i..].trim_start_matches('/').to_string(),
        _ if url.contains("://") => String::new(),
        _ => url.trim_start_matches('/').to_string(),
    }
}
