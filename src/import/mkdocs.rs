//! An MkDocs site's pages. In: the site folder and mkdocs.yml. Out: a [`Layout`]:
//! docs/ with `index.md` (or `README.md`) as each folder's page, titles and order from
//! `nav`, and MkDocs' addresses (`use_directory_urls`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_yaml::Value;

use crate::diagnostic::Diagnostic;
use crate::import::error::ImportError;
use crate::import::front::text;
use crate::import::generator::SiteConfig;
use crate::import::hugo::path_of;
use crate::import::layout::{
    folder_path, join, markdown_files, parent, read_page, rel, segment, stem, Folder, Layout,
    SitePage,
};

/// Lays out the MkDocs site at `source`.
pub fn layout(
    source: &Path,
    config: &SiteConfig,
) -> Result<(Layout, Vec<Diagnostic>), ImportError> {
    let docs_dir = config
        .text("docs_dir")
        .unwrap_or_else(|| "docs".to_string());
    let root = source.join(&docs_dir);
    let directory_urls = config
        .data
        .get("use_directory_urls")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let mut nav = Nav::default();
    if let Some(Value::Sequence(items)) = config.data.get("nav") {
        nav.walk(items);
    }
    let files = if root.is_dir() {
        markdown_files(&root, false, &|_| false)?
    } else {
        Vec::new()
    };
    let all: Vec<String> = files.iter().map(|f| rel(&root, f)).collect();
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for path in &files {
        let content_rel = rel(&root, path);
        let name = content_rel.rsplit('/').next().unwrap_or("");
        let dir = parent(&content_rel);
        let s = stem(name);
        // README.md is a folder's page only where the folder has no index.md.
        let is_index = s == "index"
            || (s.eq_ignore_ascii_case("readme") && !all.contains(&join(dir, "index.md")));
        let (front, body, body_line) = match read_page(source, path) {
            Ok(read) => read,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let (out_rel, url) = match (is_index, directory_urls) {
            (true, true) => (
                join(&folder_path(dir), "_index.md"),
                if dir.is_empty() {
                    String::new()
                } else {
                    format!("{dir}/")
                },
            ),
            (true, false) => (
                join(&folder_path(dir), "_index.md"),
                join(dir, "index.html"),
            ),
            (false, true) => (
                join(&folder_path(dir), &format!("{}.md", segment(s))),
                format!("{}/", join(dir, s)),
            ),
            (false, false) => (
                join(&folder_path(dir), &format!("{}.md", segment(s))),
                format!("{}.html", join(dir, s)),
            ),
        };
        let (nav_title, order) = nav.pages.get(&content_rel).cloned().unwrap_or_default();
        pages.push(SitePage {
            source_rel: format!("{docs_dir}/{content_rel}"),
            names: vec![content_rel.clone()],
            content_rel,
            out_rel,
            url,
            nav_title,
            order,
            front,
            body,
            body_line,
            ..SitePage::default()
        });
    }
    let base_url = config.text("site_url");
    Ok((
        Layout {
            generator: config.generator,
            pages,
            folders: nav.folders,
            content_root: root.clone(),
            static_roots: vec![root],
            base_path: base_url.as_deref().map(path_of).unwrap_or_default(),
            base_url,
            title: config.text("site_name"),
            description: config.text("site_description"),
            notes: Vec::new(),
        },
        problems,
    ))
}

/// What `nav` says: each page's title and place, and the folders its sections name.
#[derive(Debug, Default)]
struct Nav {
    pages: HashMap<String, (Option<String>, Option<i64>)>,
    folders: BTreeMap<String, Folder>,
}

impl Nav {
    /// Walks one level of `nav`; returns the pages under it.
    fn walk(&mut self, items: &[Value]) -> Vec<String> {
        let mut under = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let order = Some(i as i64 + 1);
            let (title, target) = match item {
                Value::String(path) => (None, Value::String(path.clone())),
                Value::Mapping(m) => match m.iter().next() {
                    Some((k, v)) => (text(k), v.clone()),
                    None => continue,
                },
                _ => continue,
            };
            match target {
                Value::String(path) if !path.contains("://") => {
                    let path = path.trim_start_matches("./").to_string();
                    self.pages.insert(path.clone(), (title, order));
                    under.push(path);
                }
                Value::Sequence(children) => {
                    let pages = self.walk(&children);
                    if let Some(folder) = common_folder(&pages) {
                        self.folders.entry(folder_path(&folder)).or_insert(Folder {
                            title,
                            order,
                            description: None,
                            source: Some("mkdocs.yml `nav`".to_string()),
                        });
                    }
                    under.extend(pages);
                }
                _ => {}
            }
        }
        under
    }
}

/// The folder every page of a nav section lives in, if they share one.
fn common_folder(pages: &[String]) -> Option<String> {
    let first = parent(pages.first()?);
    let mut common: Vec<&str> = first.split('/').filter(|s| !s.is_empty()).collect();
    for page in &pages[1..] {
        let parts: Vec<&str> = parent(page).split('/').collect();
        let same = common
            .iter()
            .zip(&parts)
            .take_while(|(a, b)| a == b)
            .count();
        common.truncate(same);
    }
    (!common.is_empty()).then(|| common.join("/"))
}
