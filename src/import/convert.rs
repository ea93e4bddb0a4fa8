//! A laid-out site converted into hub content. In: a [`Layout`] and what the hub
//! already holds. Out: the files to write under content/ and the report's entries.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::import::body;
use crate::import::front::{self, OurFront};
use crate::import::generator::Generator;
use crate::import::layout::{join, parent, Folder, Layout, SitePage};
use crate::import::links;
use crate::import::markup;
use crate::import::report::{Entry, FileReport};
use crate::import::resolve::{Copied, Resolver, Target};
use crate::markdown::{LineIndex, RenderOptions};
use crate::text::slugify;

/// Content made from a source, before it is written.
#[derive(Debug, Default)]
pub struct Converted {
    /// Markdown files by path in content/.
    pub pages: Vec<(String, String)>,
    /// Files to copy into content/.
    pub copies: Vec<Copied>,
    pub files: Vec<FileReport>,
}

/// One page on its way through.
struct Draft {
    page: SitePage,
    front: OurFront,
    text: String,
    entries: Vec<Entry>,
}

/// Converts every page of `layout`; `has` says whether the hub already holds a file in content/.
pub fn convert(source: &Path, layout: &Layout, has: &dyn Fn(&str) -> bool) -> Converted {
    let mut drafts: Vec<Draft> = layout
        .pages
        .iter()
        .map(|page| shape(page, layout.generator))
        .collect();
    for d in &mut drafts {
        if d.page.out_rel == "_index.md" && has("_index.md") {
            let name = match slugify(&d.front.title) {
                s if s.is_empty() => "home".to_string(),
                s => s,
            };
            d.page.out_rel = format!("{name}.md");
            d.entries.push(Entry::Mapped(format!(
                "the site's home page became `content/{name}.md` (the hub keeps its own home page)"
            )));
        }
        d.page.out_rel = unreserved(&d.page.out_rel);
    }
    rename_clashes(&mut drafts);
    // A page whose address is a folder the hub already has would clash with it.
    for d in drafts.iter_mut().filter(|d| !d.page.is_index()) {
        let stem = d.page.out_rel.trim_end_matches(".md").to_string();
        if !has(&stem) {
            continue;
        }
        let renamed = (2..)
            .map(|n| format!("{stem}-{n}.md"))
            .find(|c| !has(c.trim_end_matches(".md")))
            .expect("an unbounded range finds a free name");
        d.entries.push(Entry::person(None, format!("written as `content/{renamed}` because the hub already has the folder `content/{stem}/`, which has the same address")));
        d.page.out_rel = renamed;
    }
    let targets: Vec<Target> = drafts
        .iter()
        .map(|d| Target {
            out_rel: d.page.out_rel.clone(),
            content_rel: d.page.content_rel.clone(),
            url: d.page.url.clone(),
            names: d.page.names.clone(),
            ids: crate::markdown::render(
                &d.text,
                0,
                &LineIndex::new(&d.text),
                RenderOptions::default(),
            )
            .ids,
        })
        .collect();
    let mut resolver = Resolver::new(layout, source, &targets);
    let mut texts = Vec::with_capacity(drafts.len());
    for (i, d) in drafts.iter_mut().enumerate() {
        let mut found = Vec::new();
        let text = links::rewrite(&d.text, &mut |dest, image| {
            resolver.resolve(i, dest, image, &mut found)
        });
        let original = &d.page.body;
        for entry in found {
            d.entries.push(match entry {
                // The line where the destination was written, found in the source.
                Entry::Person { line: None, what } => {
                    let needle = what.split('`').nth(1).unwrap_or("");
                    let needle = needle
                        .trim_start_matches(markup::REF)
                        .trim_start_matches(markup::FILE)
                        .trim_start_matches(markup::POST);
                    let line = original
                        .find(needle)
                        .filter(|_| !needle.is_empty())
                        .map(|at| d.page.body_line + original[..at].matches('\n').count());
                    Entry::Person { line, what }
                }
                other => other,
            });
        }
        texts.push(text);
    }
    let copies = resolver.assets.copied;
    add_old_addresses(&mut drafts, &targets, has);
    let mut out = Converted {
        copies,
        ..Converted::default()
    };
    let mut written: BTreeSet<String> = BTreeSet::new();
    for (d, text) in drafts.into_iter().zip(texts) {
        let index = d.page.is_index();
        let output = format!("content/{}", d.page.out_rel);
        if index && has(&d.page.out_rel) {
            out.files.push(FileReport {
                source: d.page.source_rel,
                output: None,
                entries: vec![Entry::Dropped(format!(
                    "the hub already has `{output}`, which was kept"
                ))],
            });
            continue;
        }
        let mut front = d.front;
        if index {
            if let Some(folder) = layout.folders.get(parent(&d.page.out_rel)) {
                front.order = front.order.or(folder.order);
                if front.summary.is_empty() {
                    front.summary = folder.description.clone().unwrap_or_default();
                }
            }
        }
        written.insert(d.page.out_rel.clone());
        out.pages.push((
            d.page.out_rel.clone(),
            format!("{}\n{}", front.to_yaml(index), tidy(&text)),
        ));
        out.files.push(FileReport {
            source: d.page.source_rel,
            output: Some(output),
            entries: d.entries,
        });
    }
    // Every folder that holds a page gets its own page.
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    for rel in &written {
        let mut dir = parent(rel);
        while !dir.is_empty() {
            dirs.insert(dir.to_string());
            dir = parent(dir);
        }
    }
    for dir in dirs {
        let rel = join(&dir, "_index.md");
        if written.contains(&rel) || has(&rel) {
            continue;
        }
        let folder = layout.folders.get(&dir).cloned().unwrap_or_default();
        out.pages.push((rel.clone(), folder_page(&dir, &folder)));
        let from = match &folder.source {
            Some(source) => format!("title from {source}"),
            None => "title made from the folder's name".to_string(),
        };
        out.files.push(FileReport {
            source: format!("the folder `{dir}/`"),
            output: Some(format!("content/{rel}")),
            entries: vec![Entry::Mapped(from)],
        });
    }
    out.pages.sort();
    out.files
        .sort_by(|a, b| a.output.cmp(&b.output).then(a.source.cmp(&b.source)));
    out
}

/// A page's front matter mapped and its body shaped, before links are resolved.
fn shape(page: &SitePage, generator: Generator) -> Draft {
    let mapped = front::map(&page.front, generator == Generator::Jekyll);
    let mut entries = mapped.entries;
    let mut front = mapped.front;
    let prepared = markup::prepare(&page.body, page.body_line, generator, &mut entries);
    // The page's own title first, then its leading `#` heading (what readers saw on
    // it), then the navigation's name for it, then its file name.
    let known = mapped.has_title.then(|| front.title.clone());
    let line = |offset: usize| page.body_line + prepared[..offset].matches('\n').count();
    let shaped = body::shape(&prepared, known.as_deref(), &line, &mut entries);
    front.title = match (known, shaped.title, page.nav_title.clone()) {
        (Some(title), _, _) | (None, Some(title), _) => title,
        (None, None, Some(title)) => {
            entries.push(Entry::Mapped(
                "title from the site's navigation".to_string(),
            ));
            title
        }
        (None, None, None) => {
            let name = page
                .out_rel
                .trim_end_matches(".md")
                .trim_end_matches("/_index")
                .rsplit('/')
                .next()
                .unwrap_or("");
            let title = humanise(if name == "_index" || name.is_empty() {
                "home"
            } else {
                name
            });
            entries.push(Entry::Mapped(format!(
                "title `{title}` made from the file name (the page has none)"
            )));
            title
        }
    };
    if front.summary.is_empty() && !page.is_index() {
        match shaped.summary {
            Some(summary) => {
                entries.push(Entry::Mapped("`summary` taken from the first paragraph".to_string()));
                front.summary = summary;
            }
            None => entries.push(Entry::person(None, "the page has no description and no paragraph to take a summary from; write a `summary`")),
        }
    }
    front.updated = front.updated.or_else(|| page.date.clone());
    front.order = front.order.or(page.order);
    front.draft |= page.draft;
    Draft {
        page: page.clone(),
        front,
        text: shaped.text,
        entries,
    }
}

/// The old address as an alias where it differs from the new one and nothing else claims it.
fn add_old_addresses(drafts: &mut [Draft], targets: &[Target], has: &dyn Fn(&str) -> bool) {
    let address = |alias: &str| {
        crate::routes::alias(alias)
            .ok()
            .map(|a| a.address.to_lowercase())
    };
    let mut claimed: BTreeSet<String> = targets
        .iter()
        .map(|t| format!("{}/", new_url(&t.out_rel).trim_end_matches('/')).to_lowercase())
        .collect();
    for d in drafts.iter() {
        claimed.extend(d.front.aliases.iter().filter_map(|a| address(a)));
    }
    for d in drafts.iter_mut() {
        let old = d.page.url.trim_start_matches('/');
        if old.is_empty() {
            continue;
        }
        let alias = format!("/{old}");
        let Some(key) = address(&alias) else { continue };
        if claimed.contains(&key)
            || claimed.contains(&format!("{}/", key.trim_end_matches('/')))
            || crate::routes::is_reserved(&key)
            || has(key.trim_end_matches('/'))
            || has(&format!("{}.md", key.trim_end_matches('/')))
        {
            continue;
        }
        claimed.insert(key);
        d.entries.push(Entry::Mapped(format!(
            "the old address `{alias}` kept as an alias (it redirects here)"
        )));
        d.front.aliases.push(alias);
    }
}

/// Runs of blank lines left where markup was removed made one, outside code blocks.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<char> = None;
    let mut blank = true;
    for line in text.lines() {
        let t = line.trim_start();
        let marker = t
            .chars()
            .next()
            .filter(|c| matches!(c, '`' | '~') && t.starts_with(&c.to_string().repeat(3)));
        match (fence, marker) {
            (None, Some(c)) => fence = Some(c),
            (Some(open), Some(c)) if open == c => fence = None,
            _ => {}
        }
        let is_blank = line.trim().is_empty() && !line.trim_start().starts_with('>');
        if is_blank && blank && fence.is_none() {
            continue;
        }
        blank = is_blank;
        out.push_str(if is_blank { "" } else { line });
        out.push('\n');
    }
    let trimmed = out.trim_end_matches('\n').len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// The hub address of a content path.
fn new_url(out_rel: &str) -> String {
    out_rel
        .trim_end_matches(".md")
        .trim_end_matches("_index")
        .to_string()
}

/// A folder's `_index.md`, from what the site says of it or its name.
fn folder_page(dir: &str, folder: &Folder) -> String {
    let front = OurFront {
        title: folder
            .title
            .clone()
            .unwrap_or_else(|| humanise(dir.rsplit('/').next().unwrap_or(dir))),
        summary: folder.description.clone().unwrap_or_default(),
        order: folder.order,
        ..OurFront::default()
    };
    front.to_yaml(true)
}

fn humanise(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A path whose top folder is one the build writes itself gets `-pages` added.
fn unreserved(out_rel: &str) -> String {
    let (top, rest) = out_rel.split_once('/').unwrap_or((out_rel, ""));
    if rest.is_empty() {
        return out_rel.to_string();
    }
    if top == "assets" || crate::routes::is_reserved(&format!("{top}/")) {
        format!("{top}-pages/{rest}")
    } else {
        out_rel.to_string()
    }
}

/// Two pages that would be written to one path (or one address) get `-2`, `-3`…
fn rename_clashes(drafts: &mut [Draft]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..drafts.len() {
        let key = new_url(&drafts[i].page.out_rel).to_lowercase();
        if let Some(&first) = seen.get(&key) {
            let rel = drafts[i].page.out_rel.clone();
            let stem = rel.trim_end_matches(".md");
            let mut n = 2;
            let renamed = loop {
                let candidate = format!("{stem}-{n}.md");
                if !seen.contains_key(&new_url(&candidate).to_lowercase()) {
                    break candidate;
                }
                n += 1;
            };
            let other = drafts[first].page.source_rel.clone();
            drafts[i].entries.push(Entry::person(
                None,
                format!(
                    "written as `content/{renamed}` because `{other}` also becomes `content/{rel}`"
                ),
            ));
            drafts[i].page.out_rel = renamed;
        }
        seen.insert(new_url(&drafts[i].page.out_rel).to_lowercase(), i);
    }
}
