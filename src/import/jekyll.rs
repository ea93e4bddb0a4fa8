//! A Jekyll site's pages. In: the site folder and _config.yml. Out: a [`Layout`]:
//! pages anywhere outside `_` folders, posts from `_posts` and `_drafts` under
//! `posts/`, collections under their names, with Jekyll's addresses (`permalink`,
//! the site's permalink style, `.html` pages).

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::Value;

use crate::diagnostic::Diagnostic;
use crate::import::error::ImportError;
use crate::import::front::{date_of, list, text};
use crate::import::generator::SiteConfig;
use crate::import::hugo::path_of;
use crate::import::layout::{
    folder_path, join, markdown_files, parent, read_page, rel, segment, stem, Folder, Layout,
    SitePage,
};

const SKIPPED: &[&str] = &[
    "_site",
    "_layouts",
    "_includes",
    "_sass",
    "_data",
    "_plugins",
    "node_modules",
    "vendor",
];

/// Lays out the Jekyll site at `source`.
pub fn layout(
    source: &Path,
    config: &SiteConfig,
) -> Result<(Layout, Vec<Diagnostic>), ImportError> {
    let collections: Vec<String> = match config.data.get("collections") {
        Some(Value::Mapping(m)) => m.keys().filter_map(text).collect(),
        Some(other) => list(other),
        None => Vec::new(),
    };
    let excluded = config.data.get("exclude").map(list).unwrap_or_default();
    let style = match config.text("permalink").as_deref() {
        None | Some("date") => "/:categories/:year/:month/:day/:title:output_ext".to_string(),
        Some("pretty") => "/:categories/:year/:month/:day/:title/".to_string(),
        Some("none") => "/:categories/:title:output_ext".to_string(),
        Some("ordinal") => "/:categories/:year/:title:output_ext".to_string(),
        Some(pattern) => pattern.to_string(),
    };
    let pretty_pages = style.ends_with('/');
    let skip = |rel: &str| {
        let top = rel.split('/').next().unwrap_or(rel);
        SKIPPED.contains(&top)
            || excluded.iter().any(|e| e.trim_matches('/') == rel)
            || (top.starts_with('_')
                && top != "_posts"
                && top != "_drafts"
                && !collections.iter().any(|c| top == format!("_{c}")))
            || (!rel.contains('/') && matches!(rel, "README.md" | "CHANGELOG.md" | "LICENSE.md"))
    };
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let mut without_front_matter = Vec::new();
    for path in markdown_files(source, false, &skip)? {
        let source_rel = rel(source, &path);
        let (front, body, body_line) = match read_page(source, &path) {
            Ok(read) => read,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        // Jekyll copies a file without front matter as it is: it is not a page.
        if body_line == 1 {
            without_front_matter.push(source_rel);
            continue;
        }
        let name = source_rel.rsplit('/').next().unwrap_or("");
        let dir = parent(&source_rel);
        let top = source_rel.split('/').next().unwrap_or("");
        let mut page = SitePage {
            source_rel: source_rel.clone(),
            content_rel: source_rel.clone(),
            names: vec![source_rel.clone()],
            ..SitePage::default()
        };
        if top == "_posts" || top == "_drafts" {
            let s = stem(name);
            let dated = date_of(s).filter(|_| s.as_bytes().get(10) == Some(&b'-'));
            let title = if dated.is_some() { &s[11..] } else { s };
            page.out_rel = format!("posts/{}.md", segment(title));
            page.draft = top == "_drafts";
            page.names.push(s.to_string());
            let date = front
                .get("date")
                .and_then(text)
                .and_then(|d| date_of(&d))
                .or(dated.clone());
            page.date = dated;
            let categories: Vec<String> = ["categories", "category"]
                .iter()
                .filter_map(|k| front.get(*k))
                .flat_map(|v| match v {
                    Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
                    other => list(other),
                })
                .map(|c| c.to_lowercase())
                .collect();
            let (y, m, d) = date
                .as_deref()
                .map_or(("", "", ""), |d| (&d[..4], &d[5..7], &d[8..10]));
            let pattern = front
                .get("permalink")
                .and_then(text)
                .unwrap_or_else(|| style.clone());
            page.url = pattern
                .replace(":categories", &categories.join("/"))
                .replace(":year", y)
                .replace(":month", m)
                .replace(":day", d)
                .replace(":title", &segment(title))
                .replace(":slug", &segment(title))
                .replace(":output_ext", ".html");
        } else if let Some(collection) = top.strip_prefix('_') {
            let inner = &source_rel[top.len() + 1..];
            let s = stem(inner.rsplit('/').next().unwrap_or(inner));
            page.out_rel = join(
                &folder_path(&join(collection, parent(inner))),
                &format!("{}.md", segment(s)),
            );
            page.url = front
                .get("permalink")
                .and_then(text)
                .unwrap_or_else(|| format!("/{collection}/{}.html", stem(inner)));
        } else {
            let s = stem(name);
            let is_index = s == "index";
            page.out_rel = if is_index {
                join(&folder_path(dir), "_index.md")
            } else {
                join(&folder_path(dir), &format!("{}.md", segment(s)))
            };
            page.url = front.get("permalink").and_then(text).unwrap_or_else(|| {
                match (is_index, pretty_pages) {
                    (true, _) => format!("/{}", join(dir, "")),
                    (false, true) => format!("/{}/", join(dir, s)),
                    (false, false) => format!("/{}.html", join(dir, s)),
                }
            });
        }
        page.url = page
            .url
            .replace("//", "/")
            .trim_start_matches('/')
            .to_string();
        page.front = front;
        page.body = body;
        page.body_line = body_line;
        pages.push(page);
    }
    let mut notes = Vec::new();
    if !without_front_matter.is_empty() {
        notes.push(format!(
            "Not imported: {} (no front matter, so Jekyll publishes them as plain files, not pages).",
            without_front_matter.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    let baseurl = config.text("baseurl").unwrap_or_default();
    let base_url = config
        .text("url")
        .map(|u| format!("{}/{}", u.trim_end_matches('/'), baseurl.trim_matches('/')));
    Ok((
        Layout {
            generator: config.generator,
            pages,
            folders: BTreeMap::<String, Folder>::new(),
            content_root: source.to_path_buf(),
            static_roots: vec![source.to_path_buf()],
            base_path: path_of(&baseurl),
            base_url,
            title: config.text("title"),
            description: config.text("description"),
            notes,
        },
        problems,
    ))
}
