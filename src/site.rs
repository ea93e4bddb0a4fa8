//! The assemble stage: parsed files become one site model.
//!
//! In: the config and every parsed content file. Out: a [`Site`] with sections,
//! pages, templates and tags in a stable order, URLs assigned, every link and embed
//! checked, previous/next and related pages computed; or every problem found.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::discover::{SourceFile, CONTENT_DIR};
use crate::front_matter::{FileKind, FrontMatter, Layout};
use crate::markdown::{Markdown, TocEntry};
use crate::source::SourcePage;
use crate::text::slugify;
use crate::url;

/// Site URLs the build writes itself; content may not claim them.
pub const RESERVED_URLS: &[&str] = &[
    "tags/",
    "audience/",
    "template-library/",
    "downloads/",
    "theme/",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "feed.xml",
];

/// Index of a page in [`Site::pages`].
pub type PageId = usize;
/// Index of a section in [`Site::sections`]; 0 is the home page.
pub type SectionId = usize;

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Article,
    Faq,
    Template,
}

/// Where a resolved link goes: a site URL (from the root) plus an optional `#anchor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub url: String,
    pub anchor: Option<String>,
}

/// A folder of content: the home page (the content root), a category or a section.
#[derive(Debug, Clone)]
pub struct Section {
    /// The folder relative to `content/` (`""` for home, `closure/ending-early`).
    pub dir: String,
    pub url: String,
    pub title: String,
    pub description: String,
    pub icon: Option<String>,
    pub order: Option<i64>,
    pub body: Markdown,
    pub links: Vec<Target>,
    pub parent: Option<SectionId>,
    pub children: Vec<SectionId>,
    pub pages: Vec<PageId>,
    /// Pages in this section and every section below it.
    pub page_count: usize,
    pub aliases: Vec<String>,
    pub file: Option<PathBuf>,
}

/// An article, FAQ or template page.
#[derive(Debug, Clone)]
pub struct Page {
    pub rel: String,
    pub file: PathBuf,
    pub url: String,
    pub kind: PageKind,
    pub front: FrontMatter,
    pub body: Markdown,
    /// Targets of the body's links, in the order of its link markers.
    pub links: Vec<Target>,
    /// The templates embedded in the body, in the order of its embed markers.
    pub embeds: Vec<PageId>,
    /// The Markdown body as written.
    pub source: String,
    pub section: SectionId,
    /// The top-level category (the section itself for pages in a category's folder).
    pub category: SectionId,
    pub prev: Option<PageId>,
    pub next: Option<PageId>,
    pub related: Vec<PageId>,
    /// The template id (`last-meeting-agenda`) for template pages.
    pub template_id: Option<String>,
    pub reading_minutes: usize,
}

impl Page {
    /// The headings of the "In this article" list.
    pub fn toc(&self) -> &[TocEntry] {
        &self.body.toc
    }
}

/// A tag and the pages that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    pub slug: String,
    pub label: String,
    pub pages: Vec<PageId>,
}

/// A footer link, resolved.
#[derive(Debug, Clone)]
pub struct FooterLink {
    pub label: String,
    /// Either a site URL (internal) or an absolute URL.
    pub target: LinkTarget,
}

/// A link that is either inside the site or elsewhere.
#[derive(Debug, Clone)]
pub enum LinkTarget {
    Internal(Target),
    External(String),
}

/// Everything the render stage needs, already checked.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    /// Template pages, by title.
    pub templates: Vec<PageId>,
    pub tags: Vec<Tag>,
    /// For each audience in `config.audiences`, its "start here" pages.
    pub start_here: Vec<Vec<PageId>>,
    pub footer_links: Vec<FooterLink>,
    /// Files copied as they are, by content-relative path.
    pub assets: Vec<SourceFile>,
    /// The newest `updated` date of any page.
    pub updated: Option<Date>,
}

/// Options that change what the site holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct AssembleOptions {
    pub drafts: bool,
    /// The date `review_by` is compared with.
    pub today: Option<Date>,
}

/// Builds the site model from parsed pages. Returns the site and its warnings, or
/// every error (warnings included).
pub fn assemble(
    config: Config,
    parsed: Vec<SourcePage>,
    assets: Vec<SourceFile>,
    options: AssembleOptions,
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let (indexes, mut pages): (Vec<SourcePage>, Vec<SourcePage>) =
        parsed.into_iter().partition(|p| p.kind == FileKind::Index);
    let drafts: Vec<String> = pages
        .iter()
        .filter(|p| p.front.draft && !options.drafts)
        .map(|p| p.rel.clone())
        .collect();
    pages.retain(|p| options.drafts || !p.front.draft);
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));

    let mut sections = build_sections(&config, indexes, &pages, &mut problems);
    let section_of_dir: HashMap<String, SectionId> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    let mut site_pages: Vec<Page> = pages
        .into_iter()
        .map(|p| new_page(p, &sections, &section_of_dir, &mut problems))
        .collect();

    check_urls(&sections, &site_pages, &mut problems);
    let templates = template_index(&site_pages, &mut problems);
    let lookup = Lookup {
        pages: site_pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.rel.clone(), i))
            .collect(),
        sections: sections
            .iter()
            .enumerate()
            .map(|(i, s)| (index_rel(&s.dir), i))
            .collect(),
        assets: &assets,
        drafts: &drafts,
    };
    let ids: Vec<Vec<String>> = site_pages.iter().map(|p| p.body.ids.clone()).collect();
    for i in 0..site_pages.len() {
        let page = &site_pages[i];
        let links = resolve_links(
            &page.rel,
            &page.file,
            &page.body,
            &lookup,
            &site_pages,
            &sections,
            &ids,
            &mut problems,
        );
        let embeds = page
            .body
            .embeds
            .iter()
            .filter_map(|e| match templates.get(&e.id) {
                Some(&t) => Some(t),
                None => {
                    let known = templates.keys().map(String::as_str);
                    let help = match crate::text::suggest(&e.id, known) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "the block's text must be the id of a `layout: template` page (its file name without .md)".to_string(),
                    };
                    problems.push(Diagnostic::error(&page.file, format!("no template with the id `{}`", e.id)).at_line(e.line).help(help));
                    None
                }
            })
            .collect();
        site_pages[i].links = links;
        site_pages[i].embeds = embeds;
    }
    for i in 0..sections.len() {
        let Some(file) = sections[i].file.clone() else {
            continue;
        };
        let rel = index_rel(&sections[i].dir);
        let links = resolve_links(
            &rel,
            &file,
            &sections[i].body,
            &lookup,
            &site_pages,
            &sections,
            &ids,
            &mut problems,
        );
        sections[i].links = links;
        for e in &sections[i].body.embeds {
            problems.push(
                Diagnostic::error(
                    &file,
                    "templates can be embedded in pages, not in a folder's _index.md",
                )
                .at_line(e.line)
                .help("move the ```template block into an article"),
            );
        }
    }
    let related: Vec<Vec<PageId>> = (0..site_pages.len())
        .map(|i| resolve_related(i, &site_pages, &lookup, &mut problems))
        .collect();
    for (page, explicit) in site_pages.iter_mut().zip(related) {
        page.related = explicit;
    }

    order_sections(&mut sections, &site_pages);
    fill_neighbours(&sections, &mut site_pages);
    fill_computed_related(&mut site_pages);
    let tags = collect_tags(&site_pages);
    let start_here = config
        .audiences
        .iter()
        .map(|a| {
            a.start_here
                .iter()
                .filter_map(|path| {
                    let rel = path.trim_start_matches('/');
                    let found = lookup.pages.get(rel).copied();
                    if found.is_none() {
                        problems.push(
                            Diagnostic::error(crate::config::CONFIG_FILE, format!("`start_here` of audience `{}` lists `{path}`, which is not a page", a.id))
                                .help("write the page's path from content/, like /closure/last-meeting.md"),
                        );
                    }
                    found
                })
                .collect()
        })
        .collect();
    let footer_links = config
        .footer_links
        .iter()
        .map(|link| FooterLink {
            label: link.label.clone(),
            target: footer_target(&link.url, &lookup, &site_pages, &sections, &mut problems),
        })
        .collect();

    problems.extend(warnings(&site_pages, &templates, options.today));
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    let updated = site_pages.iter().filter_map(|p| p.front.updated).max();
    let mut templates: Vec<PageId> = templates.into_values().collect();
    templates.sort_by(|&a, &b| title_key(&site_pages[a]).cmp(&title_key(&site_pages[b])));
    let site = Site {
        config,
        sections,
        pages: site_pages,
        templates,
        tags,
        start_here,
        footer_links,
        assets,
        updated,
    };
    Ok((site, problems))
}

fn index_rel(dir: &str) -> String {
    if dir.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{dir}/_index.md")
    }
}

fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

fn humanise(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn build_sections(
    config: &Config,
    indexes: Vec<SourcePage>,
    pages: &[SourcePage],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Section> {
    let mut dirs: BTreeMap<String, Option<SourcePage>> = BTreeMap::new();
    dirs.insert(String::new(), None);
    for page in pages {
        let mut dir = parent_dir(&page.rel);
        loop {
            dirs.entry(dir.to_string()).or_insert(None);
            if dir.is_empty() {
                break;
            }
            dir = parent_dir(dir);
        }
    }
    for index in indexes {
        let mut dir = parent_dir(&index.rel);
        loop {
            dirs.entry(dir.to_string()).or_insert(None);
            if dir.is_empty() {
                break;
            }
            dir = parent_dir(dir);
        }
        if index.front.draft {
            continue;
        }
        dirs.insert(parent_dir(&index.rel).to_string(), Some(index));
    }
    let mut sections: Vec<Section> = Vec::with_capacity(dirs.len());
    let mut index_of: HashMap<String, SectionId> = HashMap::new();
    for (dir, index) in dirs {
        let parent = (!dir.is_empty()).then(|| index_of[parent_dir(&dir)]);
        let folder = dir.rsplit('/').next().unwrap_or("");
        let front = index.as_ref().map(|i| &i.front);
        let segment = match front.and_then(|f| f.slug.clone()) {
            Some(slug) => slug,
            None => slugify(folder),
        };
        let url = match parent {
            None => String::new(),
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
            None if dir.is_empty() => config.title.clone(),
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
                config.description.clone()
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

fn new_page(
    source: SourcePage,
    sections: &[Section],
    section_of_dir: &HashMap<String, SectionId>,
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
        section,
        category,
        prev: None,
        next: None,
        related: Vec::new(),
        reading_minutes: words.div_ceil(200).max(1),
    }
}

/// Two files may not claim one URL, not even one that differs only by letter case
/// (case-insensitive file systems and hosts would serve only one of them).
fn check_urls(sections: &[Section], pages: &[Page], problems: &mut Vec<Diagnostic>) {
    let mut claimed: HashMap<String, PathBuf> = HashMap::new();
    for reserved in RESERVED_URLS {
        claimed.insert(
            reserved.to_string(),
            PathBuf::from(format!("(generated) {reserved}")),
        );
    }
    let mut claim = |url: &str, file: &PathBuf, line: Option<usize>| {
        let key = url.to_lowercase();
        if let Some(first) = claimed.get(&key) {
            let mut d = Diagnostic::error(
                file,
                format!("the URL `{url}` is also claimed by `{}`", first.display()),
            );
            if let Some(line) = line {
                d = d.at_line(line);
            }
            problems.push(d.help(
                "give one of them a different file name or `slug` (URLs ignore letter case)",
            ));
        } else {
            claimed.insert(key, file.clone());
        }
    };
    for section in sections.iter().skip(1) {
        let file = section
            .file
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{CONTENT_DIR}/{}", section.dir)));
        claim(&section.url, &file, None);
    }
    for page in pages {
        claim(&page.url, &page.file, None);
    }
    for section in sections {
        if let Some(file) = &section.file {
            for alias in &section.aliases {
                claim(&alias_url(alias), file, None);
            }
        }
    }
    for page in pages {
        for alias in &page.front.aliases {
            claim(
                &alias_url(alias),
                &page.file,
                Some(page.front.line_of("aliases")),
            );
        }
    }
}

/// An alias as a site URL: no leading slash, a folder URL ending in `/`.
pub fn alias_url(alias: &str) -> String {
    let trimmed = alias.trim().trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') || trimmed.ends_with(".html") {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    }
}

fn template_index(pages: &[Page], problems: &mut Vec<Diagnostic>) -> BTreeMap<String, PageId> {
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

struct Lookup<'a> {
    pages: HashMap<String, PageId>,
    sections: HashMap<String, SectionId>,
    assets: &'a [SourceFile],
    drafts: &'a [String],
}

/// What a content path names.
enum Found {
    Page(PageId),
    Section(SectionId),
    Asset(String),
}

impl Lookup<'_> {
    fn find(&self, rel: &str) -> Option<Found> {
        if let Some(&p) = self.pages.get(rel) {
            return Some(Found::Page(p));
        }
        if let Some(&s) = self.sections.get(rel) {
            return Some(Found::Section(s));
        }
        self.assets
            .iter()
            .find(|a| a.rel == rel)
            .map(|a| Found::Asset(a.rel.clone()))
    }
}

#[allow(clippy::too_many_arguments)]
fn resolve_links(
    from_rel: &str,
    file: &PathBuf,
    body: &Markdown,
    lookup: &Lookup<'_>,
    pages: &[Page],
    sections: &[Section],
    ids: &[Vec<String>],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Target> {
    let own_url = match lookup.find(from_rel) {
        Some(Found::Page(p)) => pages[p].url.clone(),
        Some(Found::Section(s)) => sections[s].url.clone(),
        _ => String::new(),
    };
    body.links
        .iter()
        .map(|link| {
            let error = |message: String, help: &str| Diagnostic::error(file, message).at(link.line, link.column).help(help);
            let path = url::percent_decode(&link.path);
            let path = path.split('?').next().unwrap_or("");
            if path.is_empty() {
                if let Some(anchor) = &link.anchor {
                    if !anchor.is_empty() && !body.ids.contains(anchor) {
                        problems.push(error(format!("no heading with the id `#{anchor}` on this page"), &anchor_help(&body.ids)));
                    }
                }
                return Target { url: own_url.clone(), anchor: link.anchor.clone() };
            }
            let Some(rel) = url::join_content_path(from_rel, path) else {
                problems.push(error(format!("the link `{}` points outside content/", link.path), "link to a page inside content/, or use a full https:// address"));
                return Target { url: own_url.clone(), anchor: None };
            };
            match lookup.find(&rel) {
                Some(Found::Page(p)) => {
                    if let Some(anchor) = link.anchor.as_deref().filter(|a| !a.is_empty()) {
                        if !ids[p].iter().any(|id| id == anchor) {
                            problems.push(error(format!("`{}` has no heading with the id `#{anchor}`", pages[p].file.display()), &anchor_help(&ids[p])));
                        }
                    }
                    Target { url: pages[p].url.clone(), anchor: link.anchor.clone() }
                }
                Some(Found::Section(s)) => Target { url: sections[s].url.clone(), anchor: link.anchor.clone() },
                Some(Found::Asset(asset)) => Target { url: asset, anchor: link.anchor.clone() },
                None => {
                    let message = if lookup.drafts.contains(&rel) {
                        format!("the link `{}` points to a draft, which this build leaves out", link.path)
                    } else {
                        format!("the link `{}` points to `content/{rel}`, which does not exist", link.path)
                    };
                    let names = lookup.pages.keys().map(String::as_str);
                    let help = match crate::text::suggest(&rel, names) {
                        Some(near) => format!("did you mean `content/{near}`? Links point at Markdown files, relative to this file or from content/ when they start with /"),
                        None => "links point at Markdown files, relative to this file (../closure/last-meeting.md) or from content/ when they start with /".to_string(),
                    };
                    problems.push(error(message, &help));
                    Target { url: own_url.clone(), anchor: None }
                }
            }
        })
        .collect()
}

fn anchor_help(ids: &[String]) -> String {
    if ids.is_empty() {
        "that page has no headings to link to; link to the page without #".to_string()
    } else {
        let mut shown: Vec<&str> = ids.iter().map(String::as_str).take(8).collect();
        if ids.len() > 8 {
            shown.push("…");
        }
        format!("the ids there are: {}", shown.join(", "))
    }
}

fn resolve_related(
    i: PageId,
    pages: &[Page],
    lookup: &Lookup<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PageId> {
    let page = &pages[i];
    let mut related = Vec::new();
    for r in &page.front.related {
        let found = url::join_content_path(&page.rel, r.path.trim())
            .and_then(|rel| lookup.pages.get(&rel).copied());
        match found {
            Some(p) if p != i && !related.contains(&p) => related.push(p),
            Some(_) => {}
            None => problems.push(
                Diagnostic::error(&page.file, format!("`related` lists `{}`, which is not a page", r.path))
                    .at_line(r.line)
                    .help("write the page's Markdown path, from content/ with a leading / (/closure/last-meeting.md)"),
            ),
        }
    }
    related
}

fn footer_target(
    link: &str,
    lookup: &Lookup<'_>,
    pages: &[Page],
    sections: &[Section],
    problems: &mut Vec<Diagnostic>,
) -> LinkTarget {
    let is_content = !link.contains("://")
        && !link.starts_with("mailto:")
        && link.split('#').next().is_some_and(|p| p.ends_with(".md"));
    if !is_content {
        return LinkTarget::External(link.to_string());
    }
    let (path, anchor) = match link.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (link, None),
    };
    match lookup.find(path.trim_start_matches('/')) {
        Some(Found::Page(p)) => LinkTarget::Internal(Target {
            url: pages[p].url.clone(),
            anchor,
        }),
        Some(Found::Section(s)) => LinkTarget::Internal(Target {
            url: sections[s].url.clone(),
            anchor,
        }),
        _ => {
            problems.push(
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    format!("the footer link `{link}` is not a page"),
                )
                .help("write the page's path from content/, like /faq/program-faq.md"),
            );
            LinkTarget::External(link.to_string())
        }
    }
}

fn title_key(page: &Page) -> (String, &str) {
    (page.front.title.to_lowercase(), page.rel.as_str())
}

/// Sorts by `order` (pages without one last), then title, then path.
type OrderKey = (bool, i64, String, String);

fn order_key(order: Option<i64>, title: &str, tie: &str) -> OrderKey {
    (
        order.is_none(),
        order.unwrap_or(0),
        title.to_lowercase(),
        tie.to_string(),
    )
}

fn order_sections(sections: &mut [Section], pages: &[Page]) {
    for (i, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(i);
    }
    let keys: Vec<_> = sections
        .iter()
        .map(|s| order_key(s.order, &s.title, &s.dir))
        .collect();
    for section in sections.iter_mut() {
        section.pages.sort_by_key(|&p| {
            order_key(pages[p].front.order, &pages[p].front.title, &pages[p].rel)
        });
        section.children.sort_by_key(|&c| keys[c].clone());
    }
    for id in (0..sections.len()).rev() {
        let below: usize = sections[id]
            .children
            .iter()
            .map(|&c| sections[c].page_count)
            .sum();
        sections[id].page_count = sections[id].pages.len() + below;
    }
}

/// Reading order inside a category: its own pages, then each section's, depth first.
fn fill_neighbours(sections: &[Section], pages: &mut [Page]) {
    fn walk(sections: &[Section], id: SectionId, out: &mut Vec<PageId>) {
        out.extend(&sections[id].pages);
        for &child in &sections[id].children {
            walk(sections, child, out);
        }
    }
    let mut sequences = vec![sections[0].pages.clone()];
    for &category in &sections[0].children {
        let mut sequence = Vec::new();
        walk(sections, category, &mut sequence);
        sequences.push(sequence);
    }
    for sequence in sequences {
        for (n, &p) in sequence.iter().enumerate() {
            pages[p].prev = n.checked_sub(1).map(|m| sequence[m]);
            pages[p].next = sequence.get(n + 1).copied();
        }
    }
}

/// How many related pages an article shows.
pub const RELATED_LIMIT: usize = 4;

/// Explicit `related` pages first, then the pages sharing the most tags, category and audience.
fn fill_computed_related(pages: &mut [Page]) {
    let computed: Vec<Vec<PageId>> = (0..pages.len())
        .map(|i| {
            let page = &pages[i];
            if page.related.len() >= RELATED_LIMIT {
                return Vec::new();
            }
            let mut scored: Vec<(usize, OrderKey, PageId)> = pages
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i && !page.related.contains(&j))
                .filter_map(|(j, other)| {
                    let tags = other
                        .front
                        .tags
                        .iter()
                        .filter(|t| page.front.tags.contains(t))
                        .count();
                    let score = tags * 3
                        + usize::from(other.category == page.category) * 2
                        + usize::from(
                            other
                                .front
                                .audience
                                .iter()
                                .any(|a| page.front.audience.contains(a)),
                        );
                    (tags > 0 || other.category == page.category).then(|| {
                        (
                            score,
                            order_key(other.front.order, &other.front.title, &other.rel),
                            j,
                        )
                    })
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            scored
                .into_iter()
                .take(RELATED_LIMIT - page.related.len())
                .map(|(_, _, j)| j)
                .collect()
        })
        .collect();
    for (page, more) in pages.iter_mut().zip(computed) {
        page.related.extend(more);
    }
}

fn collect_tags(pages: &[Page]) -> Vec<Tag> {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        for label in &page.front.tags {
            let slug = slugify(label);
            let tag = tags.entry(slug.clone()).or_insert_with(|| Tag {
                slug,
                label: label.clone(),
                pages: Vec::new(),
            });
            if !tag.pages.contains(&i) {
                tag.pages.push(i);
            }
        }
    }
    let mut tags: Vec<Tag> = tags.into_values().collect();
    for tag in &mut tags {
        tag.pages
            .sort_by(|&a, &b| title_key(&pages[a]).cmp(&title_key(&pages[b])));
    }
    tags
}

fn warnings(
    pages: &[Page],
    templates: &BTreeMap<String, PageId>,
    today: Option<Date>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, &t) in templates {
        if !pages.iter().any(|p| p.embeds.contains(&t)) {
            out.push(
                Diagnostic::warning(
                    &pages[t].file,
                    format!("the template `{id}` is not embedded in any article"),
                )
                .help(format!(
                    "add a ```template block with `{id}` to the article where readers need it"
                )),
            );
        }
    }
    for page in pages {
        if let (Some(due), Some(today)) = (page.front.review_by, today) {
            if due < today {
                out.push(
                    Diagnostic::warning(&page.file, format!("due for review since {due}"))
                        .at_line(page.front.line_of("review_by"))
                        .help(
                            "read the page, update it, then move `review_by` and `updated` forward",
                        ),
                );
            }
        }
        if page.front.summary.trim().is_empty() {
            out.push(Diagnostic::warning(&page.file, "the page has no `summary`").at_line(1).help("add one or two sentences as `summary:`; cards, search results and search engines show it"));
        }
    }
    out
}
