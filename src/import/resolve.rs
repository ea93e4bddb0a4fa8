//! Where a link of the source site leads in the hub. In: a destination as written on
//! a page (an address, a Markdown file, a doc id, a Hugo `ref`, a Jekyll `link`) and
//! every converted page. Out: the Markdown path or copied file the hub links to.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::import::layout::{join_url, parent, url_key, Layout};
use crate::import::links::Rewrite;
use crate::import::markup::{FILE, POST, REF};
use crate::import::report::Entry;
use crate::text::slugify;

/// What the resolver knows of each converted page.
#[derive(Debug, Clone)]
pub struct Target {
    pub out_rel: String,
    pub content_rel: String,
    pub url: String,
    pub names: Vec<String>,
    /// Its heading ids once converted.
    pub ids: Vec<String>,
}

/// Files the pages link to, copied into content/assets/.
#[derive(Debug, Default)]
pub struct Assets {
    by_source: BTreeMap<PathBuf, String>,
    pub copied: Vec<Copied>,
}

/// One file to copy.
#[derive(Debug, Clone)]
pub struct Copied {
    /// The file on disk.
    pub full: PathBuf,
    /// The file as the report names it, relative to SOURCE.
    pub shown: String,
    /// Where it goes, relative to content/.
    pub target: String,
}

/// Resolves the links of every page of one site.
pub struct Resolver<'a> {
    layout: &'a Layout,
    source: PathBuf,
    targets: &'a [Target],
    by_url: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    pub assets: Assets,
}

impl<'a> Resolver<'a> {
    pub fn new(layout: &'a Layout, source: &Path, targets: &'a [Target]) -> Resolver<'a> {
        let mut by_url = HashMap::new();
        let mut by_name = HashMap::new();
        for (i, t) in targets.iter().enumerate() {
            by_url.entry(url_key(&t.url)).or_insert(i);
            for name in &t.names {
                by_name.entry(name.to_lowercase()).or_insert(i);
            }
        }
        Resolver {
            layout,
            source: source
                .canonicalize()
                .unwrap_or_else(|_| source.to_path_buf()),
            targets,
            by_url,
            by_name,
            assets: Assets::default(),
        }
    }

    /// The new destination for `dest`, written on page `from`; entries say what happened.
    pub fn resolve(
        &mut self,
        from: usize,
        written: &str,
        image: bool,
        entries: &mut Vec<Entry>,
    ) -> Rewrite {
        let what = if image { "image" } else { "link" };
        let dest = written;
        let shown = as_written(written);
        let written = shown.as_str();
        let mut local = dest.to_string();
        if let Some(base) = self.layout.base_url.as_deref().filter(|b| !b.is_empty()) {
            if let Some(rest) = dest.strip_prefix(base.trim_end_matches('/')) {
                local = format!("/{}{}", self.layout.base_path, rest.trim_start_matches('/'));
            }
        }
        if !crate::markdown::is_local(&local) && !is_marker(&local) {
            return Rewrite::Keep;
        }
        let (path, anchor) = match local.split_once('#') {
            Some((p, a)) => (p.to_string(), Some(a.to_string())),
            None => (local.clone(), None),
        };
        let path = path.split('?').next().unwrap_or("").to_string();
        let here = &self.targets[from];
        if path.is_empty() {
            return match anchor.as_deref().map(|a| self.anchor(from, a)) {
                Some(Some(id)) => {
                    if Some(&id) == anchor.as_ref() {
                        Rewrite::Keep
                    } else {
                        Rewrite::To(format!("#{id}"))
                    }
                }
                _ => {
                    entries.push(Entry::person(None, format!("the link `{written}` points to a heading this page does not have; its text was kept without the link")));
                    Rewrite::Unlink
                }
            };
        }
        if let Some(page) = self.page(from, &path) {
            let mut to = crate::url::relative(&here.out_rel, &self.targets[page].out_rel);
            if let Some(a) = anchor.as_deref().filter(|a| !a.is_empty()) {
                match self.anchor(page, a) {
                    Some(id) => to = format!("{to}#{id}"),
                    None => entries.push(Entry::person(None, format!("the link `{written}` points to `#{a}`, a heading `{}` does not have; it now leads to the top of the page", self.targets[page].out_rel))),
                }
            }
            entries.push(Entry::Mapped(format!("{what} `{written}` → `{to}`")));
            return Rewrite::To(to);
        }
        if !is_marker(&path) {
            if let Some(asset) = self.asset(from, &path) {
                let to = crate::url::relative(&here.out_rel, &asset);
                entries.push(Entry::Mapped(format!(
                    "{what} `{written}` → `{to}` (file copied)"
                )));
                return Rewrite::To(to);
            }
        }
        let message = if image {
            format!("the image `{written}` was not found in the source; it was left out")
        } else {
            format!("the link `{written}` leads to no page or file of the site; its text was kept without the link")
        };
        entries.push(Entry::person(None, message));
        Rewrite::Unlink
    }

    /// The page a path, address or marker names.
    fn page(&self, from: usize, path: &str) -> Option<usize> {
        let here = &self.targets[from];
        let dir = parent(&here.content_rel);
        let decoded = crate::url::percent_decode(path);
        let name = |n: &str| {
            self.by_name
                .get(&n.trim_start_matches('/').to_lowercase())
                .copied()
        };
        if let Some(target) = decoded.strip_prefix(REF) {
            // Hugo: relative to the page, from content/, or a file name found once.
            let mut tries = vec![
                join_url(dir, target),
                target.trim_start_matches('/').to_string(),
            ];
            tries.extend(tries.clone().iter().flat_map(|t| {
                [
                    format!("{t}.md"),
                    format!("{t}/index.md"),
                    format!("{t}/_index.md"),
                ]
            }));
            return tries.iter().find_map(|t| name(t)).or_else(|| {
                let file = target.rsplit('/').next().unwrap_or(target).to_lowercase();
                let mut found = self.targets.iter().enumerate().filter(|(_, t)| {
                    t.content_rel.to_lowercase().rsplit('/').next() == Some(file.as_str())
                });
                match (found.next(), found.next()) {
                    (Some((i, _)), None) => Some(i),
                    _ => None,
                }
            });
        }
        if let Some(target) = decoded.strip_prefix(FILE) {
            return name(target);
        }
        if let Some(target) = decoded.strip_prefix(POST) {
            return name(target.trim());
        }
        let is_file = [".md", ".mdx", ".markdown"]
            .iter()
            .any(|e| decoded.ends_with(e));
        if is_file {
            let from_root = decoded.starts_with('/');
            return name(&join_url(if from_root { "" } else { dir }, &decoded))
                .or_else(|| name(&decoded));
        }
        // An address: from the site's root (with or without its base path), or relative.
        let mut keys = Vec::new();
        if decoded.starts_with('/') {
            let trimmed = decoded.trim_start_matches('/');
            if let Some(rest) = trimmed
                .strip_prefix(self.layout.base_path.as_str())
                .filter(|_| !self.layout.base_path.is_empty())
            {
                keys.push(rest.to_string());
            }
            keys.push(trimmed.to_string());
        } else {
            keys.push(join_url(here_url_dir(&here.url), &decoded));
            // Docusaurus and Hugo links may name a doc id or file without extension.
            keys.push(join_url(dir, &decoded));
        }
        keys.iter()
            .find_map(|k| self.by_url.get(&url_key(k)).copied().or_else(|| name(k)))
    }

    /// A heading id of page `page` matching `anchor`, exactly or by its words.
    fn anchor(&self, page: usize, anchor: &str) -> Option<String> {
        let ids = &self.targets[page].ids;
        let anchor = crate::url::percent_decode(anchor);
        ids.iter()
            .find(|id| **id == anchor)
            .or_else(|| ids.iter().find(|id| slugify(id) == slugify(&anchor)))
            .cloned()
    }

    /// Copies a linked file into content/assets/ (once) and returns its path there.
    fn asset(&mut self, from: usize, path: &str) -> Option<String> {
        let here = &self.targets[from];
        let decoded = crate::url::percent_decode(path);
        let mut candidates: Vec<(PathBuf, PathBuf)> = Vec::new();
        let content = self.layout.content_root.clone();
        if let Some(abs) = decoded.strip_prefix('/') {
            let abs = abs
                .strip_prefix(self.layout.base_path.as_str())
                .filter(|_| !self.layout.base_path.is_empty())
                .unwrap_or(abs);
            for root in &self.layout.static_roots {
                candidates.push((root.clone(), PathBuf::from(abs)));
            }
            candidates.push((content.clone(), PathBuf::from(abs)));
        } else {
            candidates.push((
                content.clone(),
                PathBuf::from(join_url(parent(&here.content_rel), &decoded)),
            ));
            for root in &self.layout.static_roots {
                candidates.push((
                    root.clone(),
                    PathBuf::from(join_url(here_url_dir(&here.url), &decoded)),
                ));
            }
        }
        let (root, rel) = candidates.into_iter().find(|(root, rel)| {
            let full = root.join(rel);
            full.is_file()
                && !rel.components().any(|c| matches!(c, Component::ParentDir))
                && full
                    .canonicalize()
                    .is_ok_and(|c| c.starts_with(&self.source))
        })?;
        let full = root.join(&rel);
        if let Some(done) = self.assets.by_source.get(&full) {
            return Some(done.clone());
        }
        let clean: Vec<String> = rel
            .to_string_lossy()
            .replace('\\', "/")
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join("-")
                    .replace(['#', '?', '%'], "-")
            })
            .collect();
        let clean = clean
            .strip_prefix(&["assets".to_string()])
            .unwrap_or(&clean)
            .join("/");
        let mut target = format!("assets/{clean}");
        let mut n = 2;
        while self
            .assets
            .by_source
            .values()
            .any(|t| t.eq_ignore_ascii_case(&target))
        {
            target = match clean.rsplit_once('.') {
                Some((stem, ext)) => format!("assets/{stem}-{n}.{ext}"),
                None => format!("assets/{clean}-{n}"),
            };
            n += 1;
        }
        self.assets.by_source.insert(full.clone(), target.clone());
        let shown = full
            .canonicalize()
            .ok()
            .and_then(|c| c.strip_prefix(&self.source).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| rel.clone());
        self.assets.copied.push(Copied {
            full,
            shown: shown.to_string_lossy().replace('\\', "/"),
            target: target.clone(),
        });
        Some(target)
    }
}

fn here_url_dir(url: &str) -> &str {
    match url.rfind('/') {
        Some(i) => &url[..=i],
        None => "",
    }
}

/// A link as its author wrote it: `{{< ref "x" >}}` rather than the marker made of it.
pub fn as_written(dest: &str) -> String {
    if let Some(x) = dest.strip_prefix(REF) {
        format!("{{{{< ref \"{}\" >}}}}", x.replace("%20", " "))
    } else if let Some(x) = dest.strip_prefix(FILE) {
        format!("{{% link {} %}}", x.replace("%20", " "))
    } else if let Some(x) = dest.strip_prefix(POST) {
        format!("{{% post_url {x} %}}")
    } else {
        dest.to_string()
    }
}

fn is_marker(dest: &str) -> bool {
    dest.starts_with(REF) || dest.starts_with(FILE) || dest.starts_with(POST)
}
