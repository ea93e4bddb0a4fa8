//! A Docusaurus site's docs. In: the site folder and its configuration script. Out: a
//! [`Layout`]: docs/ with number prefixes taken off names, `_category_.json` (or
//! `.yml`) as folder titles and order, doc ids, and addresses under `/docs/`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::Value;

use crate::diagnostic::Diagnostic;
use crate::import::error::ImportError;
use crate::import::front::text;
use crate::import::generator::SiteConfig;
use crate::import::hugo::path_of;
use crate::import::layout::{
    join, markdown_files, parent, read_page, rel, segment, stem, Folder, Layout, SitePage,
};

/// Lays out the docs of the Docusaurus site at `source`.
pub fn layout(
    source: &Path,
    config: &SiteConfig,
) -> Result<(Layout, Vec<Diagnostic>), ImportError> {
    let root = source.join("docs");
    let base = config
        .text("routeBasePath")
        .unwrap_or_else(|| "docs".to_string());
    let base = base.trim_matches('/');
    let files = if root.is_dir() {
        markdown_files(&root, true, &|rel| {
            rel.rsplit('/').next().is_some_and(|n| n.starts_with('_'))
        })
    } else {
        Ok(Vec::new())
    }?;
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let mut folders = BTreeMap::new();
    for path in &files {
        let content_rel = rel(&root, path);
        let name = content_rel.rsplit('/').next().unwrap_or("");
        let dir = parent(&content_rel);
        let (front, body, body_line) = match read_page(source, path) {
            Ok(read) => read,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let clean_dir = clean_path(dir);
        let (number, s) = unnumbered(stem(name));
        let folder_name = clean_dir.rsplit('/').next().unwrap_or("");
        let is_index = s.eq_ignore_ascii_case("index")
            || s.eq_ignore_ascii_case("readme")
            || (!dir.is_empty() && s == folder_name);
        let id = front
            .get("id")
            .and_then(text)
            .unwrap_or_else(|| s.to_string());
        let doc_id = join(&clean_dir, &id);
        let route = match front.get("slug").and_then(text) {
            Some(slug) if slug.starts_with('/') => slug.trim_start_matches('/').to_string(),
            Some(slug) => join(&clean_dir, &slug),
            None if is_index => clean_dir.clone(),
            None => doc_id.clone(),
        };
        let out_dir = segments(&clean_dir);
        let out_rel = if is_index {
            join(&out_dir, "_index.md")
        } else {
            join(&out_dir, &format!("{}.md", segment(&id)))
        };
        pages.push(SitePage {
            source_rel: format!("docs/{content_rel}"),
            names: vec![doc_id, content_rel.clone()],
            content_rel,
            out_rel,
            url: join(base, &route),
            order: number,
            front,
            body,
            body_line,
            ..SitePage::default()
        });
    }
    // Folders: their _category_ file, and the number before their name.
    let dirs: Vec<String> = files
        .iter()
        .map(|f| parent(&rel(&root, f)).to_string())
        .collect();
    for dir in dirs {
        let mut d = dir.as_str();
        while !d.is_empty() {
            let out = segments(&clean_path(d));
            if let std::collections::btree_map::Entry::Vacant(slot) = folders.entry(out) {
                slot.insert(category(&root, d, &mut problems));
            }
            d = parent(d);
        }
    }
    let base_url = config.text("url").map(|u| {
        format!(
            "{}{}",
            u.trim_end_matches('/'),
            config.text("baseUrl").unwrap_or_else(|| "/".to_string())
        )
    });
    Ok((
        Layout {
            generator: config.generator,
            pages,
            folders,
            content_root: root,
            static_roots: vec![source.join("static")],
            base_path: path_of(&config.text("baseUrl").unwrap_or_default()),
            base_url,
            title: config.text("title"),
            description: config.text("tagline"),
            notes: vec!["Only the docs/ folder was imported: a Docusaurus blog and its React pages are not guidance pages.".to_string()],
        },
        problems,
    ))
}

/// A folder's title, order and description from its `_category_` file.
fn category(root: &Path, dir: &str, problems: &mut Vec<Diagnostic>) -> Folder {
    let name = dir.rsplit('/').next().unwrap_or(dir);
    let mut folder = Folder {
        order: unnumbered(name).0,
        ..Folder::default()
    };
    for file in ["_category_.json", "_category_.yml", "_category_.yaml"] {
        let path = root.join(dir).join(file);
        let Ok(raw) = std::fs::read_to_string(&path) else {
            continue;
        };
        let shown = format!("docs/{dir}/{file}");
        let data: Result<Value, String> = if file.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(&raw)
                .map_err(|e| e.to_string())
                .and_then(|v| serde_yaml::to_value(v).map_err(|e| e.to_string()))
        } else {
            serde_yaml::from_str(&raw).map_err(|e| e.to_string())
        };
        match data {
            Ok(data) => {
                folder.title = data.get("label").and_then(text);
                folder.order = data
                    .get("position")
                    .and_then(|p| p.as_i64().or_else(|| p.as_f64().map(|f| f.round() as i64)))
                    .or(folder.order);
                folder.description = data
                    .get("description")
                    .or_else(|| data.get("link").and_then(|l| l.get("description")))
                    .and_then(text);
                folder.source = Some(shown);
            }
            Err(message) => problems.push(
                Diagnostic::error(shown, format!("cannot read the category file: {message}"))
                    .help("fix the file in the source, then import again"),
            ),
        }
        break;
    }
    folder
}

/// Docusaurus reads `01-intro` as `intro` in position 1.
fn unnumbered(name: &str) -> (Option<i64>, &str) {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &name[digits..];
    match rest.strip_prefix(['-', '_', '.', ' ']) {
        Some(after) if digits > 0 && !after.is_empty() => (name[..digits].parse().ok(), after),
        _ => (None, name),
    }
}

fn clean_path(dir: &str) -> String {
    dir.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| unnumbered(s).1)
        .collect::<Vec<_>>()
        .join("/")
}

fn segments(dir: &str) -> String {
    dir.split('/')
        .filter(|s| !s.is_empty())
        .map(segment)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_prefixes_become_positions() {
        assert_eq!(unnumbered("01-intro"), (Some(1), "intro"));
        assert_eq!(unnumbered("2024"), (None, "2024"));
        assert_eq!(clean_path("02-guides/1-basics"), "guides/basics");
    }
}
