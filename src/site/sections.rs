//! Folders become sections and files become pages with URLs; URL clashes and template
//! ids are checked here.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::fingerprint::FastMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::{SourceFile, CONTENT_DIR};
use crate::front_matter::Layout;
use crate::routes;
use crate::site::{Page, PageId, PageKind, Section, SectionId};
use crate::source::SourcePage;
use crate::text::slugify;

pub(super) fn index_rel(dir: &str) -> String {
    if dir.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{dir}/_index.md")
    }
}

pub(super) fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

pub(super) fn humanise(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn build_sections(
    config: &Config,
    prefix: &str,
    indexes: Vec<SourcePage>,
    pages: &[SourcePage],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Section> {
    let mut dirs: BTreeMap<String, Option<SourcePage>> = BTreeMap::new();
    dirs.insert(String::new(), None);
    // Every folder that holds a page or an _index.md is a section, and so are its parents.
    let mut add_folders = |rel: &str| {
        let mut dir = parent_dir(rel);
        loop {
            dirs.entry(dir.to_string()).or_insert(None);
            if dir.is_empty() {
                break;
            }
            dir = parent_dir(dir);
        }
    };
    for page in pages {
        add_folders(&page.rel);
    }
    for index in &indexes {
        add_folders(&index.rel);
    }
    for index in indexes {
        if !index.front.draft {
            dirs.insert(parent_dir(&index.rel).to_string(), Some(index));
        }
    }
    let mut sections: Vec<Section> = Vec::with_capacity(dirs.len());
    let mut index_of: FastMap<String, SectionId> = FastMap::default();
    for (dir, index) in dirs {
        let parent = (!dir.is_empty()).then(|| index_of[parent_dir(&dir)]);
        let folder = dir.rsplit('/').next().unwrap_or("");
        let front = index.as_ref().map(|i| &i.front);
        let segment = match front.and_then(|f| f.slug.clone()) {
            Some(slug) => slug,
            None => slugify(folder),
        };
        let url = match parent {
            None => prefix.to_string(),
            Some(p) => format!("{}{segment}/", sections[p].url),
        };
        if parent.is_some() && segment.is_empty() {
            problems.push(
                Diagnostic::error(
                    format!("{CONTENT_DIR}/{dir}"),
                    "the folder name has no letters or digits to make a URL from",
                )
                .help("rename the folder, or set `slug` in its _index.md"),
            );
        }
        let title = match front {
            Some(f) => f.title.clone(),
            None if dir.is_empty() => config.title().to_string(),
            None => humanise(folder),
        };
        let description = front
            .map(|f| {
                if f.description.is_empty() {
                    f.summary.clone()
                } else {
                    f.description.clone()
                }
            })
            .unwrap_or_default();
        let id = sections.len();
        index_of.insert(dir.clone(), id);
        if let Some(p) = parent {
            sections[p].children.push(id);
        }
        sections.push(Section {
            dir,
            url,
            title,
            description: if id == 0 && description.is_empty() {
                config.local(&config.description).to_string()
            } else {
                description
            },
            icon: front.and_then(|f| f.icon.clone()),
            order: front.and_then(|f| f.order),
            aliases: front.map(|f| f.aliases.clone()).unwrap_or_default(),
            file: index.as_ref().map(|i| i.file.clone()),
            body: index.map(|i| i.body).unwrap_or_default(),
            links: Vec::new(),
            parent,
            children: Vec::new(),
            pages: Vec::new(),
            page_count: 0,
        });
    }
    sections
}

pub(super) fn new_page(
    source: SourcePage,
    sections: &[Section],
    section_of_dir: &FastMap<String, SectionId>,
    problems: &mut Vec<Diagnostic>,
) -> Page {
    let section = section_of_dir[parent_dir(&source.rel)];
    let mut category = section;
    while let Some(parent) = sections[category].parent {
        if parent == 0 {
            break;
        }
        category = parent;
    }
    let stem = source
        .rel
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".md");
    let segment = source.front.slug.clone().unwrap_or_else(|| slugify(stem));
    if segment.is_empty() {
        problems.push(
            Diagnostic::error(
                &source.file,
                "the file name has no letters or digits to make a URL from",
            )
            .help("rename the file, or set `slug` in its front matter"),
        );
    }
    let kind = match source.front.layout {
        Layout::Faq => PageKind::Faq,
        Layout::Template => PageKind::Template,
        _ => PageKind::Article,
    };
    let words = source.body.words;
    Page {
        url: format!("{}{segment}/", sections[section].url),
        template_id: (kind == PageKind::Template).then(|| segment.clone()),
        rel: source.rel,
        file: source.file,
        kind,
        front: source.front,
        body: source.body,
        links: Vec::new(),
        embeds: Vec::new(),
        source: source.source,
        prints: source.prints,
        section,
        category,
        prev: None,
        next: None,
        related: Vec::new(),
        listed_related: 0,
        reading_minutes: super::reading_minutes(words),
    }
}

/// Two files may not claim one address, not even one that differs only by letter case
/// (case-insensitive file systems and hosts would serve only one of them); a file may
/// not sit where another address needs a folder (`assets/logo.png` and an alias
/// `/assets/logo.png/`); and content may not write where the build writes itself.
pub(super) fn check_urls(
    sections: &[Section],
    pages: &[Page],
    assets: &[SourceFile],
    problems: &mut Vec<Diagnostic>,
) {
    // Every claim: its address, the file that makes it, and the line where known.
    let mut claims: Vec<(Cow<str>, Cow<Path>, Option<usize>)> = Vec::new();
    for section in sections.iter().skip(1) {
        let file = match &section.file {
            Some(file) => Cow::Borrowed(file.as_path()),
            None => Cow::Owned(PathBuf::from(format!("{CONTENT_DIR}/{}", section.dir))),
        };
        claims.push((Cow::Borrowed(&section.url), file, None));
    }
    for page in pages {
        // A clash is fixed with a `slug`: point at it, or at the top of the file.
        let line = page.front.lines.get("slug").copied().unwrap_or(1);
        claims.push((
            Cow::Borrowed(&page.url),
            Cow::Borrowed(&page.file),
            Some(line),
        ));
    }
    for asset in assets {
        let address = routes::address_of(&asset.rel).to_string();
        claims.push((Cow::Owned(address), Cow::Owned(asset.display_path()), None));
    }
    let aliases = sections
        .iter()
        .filter_map(|s| Some((&s.aliases, s.file.as_ref()?)))
        .chain(pages.iter().map(|p| (&p.front.aliases, &p.file)));
    for (list, file) in aliases {
        for alias in list {
            // Refused aliases were reported with the front matter.
            if let Ok(route) = routes::alias(&alias.path) {
                claims.push((
                    Cow::Owned(route.address),
                    Cow::Borrowed(file),
                    Some(alias.line),
                ));
            }
        }
    }
    let error = |file: &Path, line: Option<usize>, message: String| {
        let d = Diagnostic::error(file, message);
        match line {
            Some(line) => d.at_line(line),
            None => d,
        }
    };
    // Addresses ignore letter case: each claim's address in lower case, made once.
    let keys: Vec<Cow<str>> = claims
        .iter()
        .map(|(address, _, _)| crate::text::lowercase(address))
        .collect();
    let mut claimed: FastMap<&str, &Path> = FastMap::default();
    for ((address, file, line), key) in claims.iter().zip(&keys) {
        if routes::is_reserved(key) {
            problems.push(error(file, *line, format!("`{address}` is an address the build writes itself"))
                .help("rename the file or folder, or choose another alias; theme/, search/, downloads/, tags/, audience/, template-library/ and the site's own files are taken"));
        } else if let Some(first) = claimed.get(key.as_ref()) {
            problems.push(
                error(
                    file,
                    *line,
                    format!(
                        "the URL `{address}` is also claimed by `{}`",
                        first.display()
                    ),
                )
                .help("give one of them a different file name or `slug` (URLs ignore letter case)"),
            );
        } else {
            claimed.insert(key, file);
        }
    }
    // A claimed file (`assets/logo.png`) cannot also be a folder of another address.
    for ((address, file, line), key) in claims.iter().zip(&keys) {
        let folders = key.match_indices('/').map(|(i, _)| &key[..i]);
        for folder in folders {
            if let Some(holder) = claimed.get(folder).filter(|_| !folder.ends_with('/')) {
                problems.push(
                    error(file, *line, format!("`{address}` would need `{folder}` to be a folder, but `{}` is published there as a file", holder.display()))
                        .help("choose another alias or file name"),
                );
            }
        }
    }
}

/// The file an alias's redirect is written to (checked when the front matter was read).
pub fn alias_file(alias: &str) -> Option<String> {
    routes::alias(alias).ok().map(|a| a.file)
}

pub(super) fn template_index(
    pages: &[Page],
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, PageId> {
    let mut templates = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        if let Some(id) = &page.template_id {
            if let Some(&first) = templates.get(id) {
                let first: &Page = &pages[first];
                problems.push(
                    Diagnostic::error(
                        &page.file,
                        format!(
                            "the template id `{id}` is also used by `{}`",
                            first.file.display()
                        ),
                    )
                    .help("template ids come from file names (or `slug`); rename one of them"),
                );
            } else {
                templates.insert(id.clone(), i);
            }
        }
    }
    templates
}
