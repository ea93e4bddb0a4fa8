//! The assemble stage: parsed files become one site model.
//!
//! In: the config and every parsed content file. Out: a [`Site`] with sections,
//! pages, templates and tags in a stable order, URLs assigned, every link and embed
//! checked, previous/next and related pages computed; or every problem found.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;
use crate::fingerprint::FastMap;
use crate::front_matter::{FileKind, FrontMatter};
use crate::languages::LanguageMap;
use crate::markdown::{Markdown, TocEntry};
use crate::source::SourcePage;

mod checks;
mod languages;
mod links;
mod ordering;
mod places;
mod related;
mod sections;

pub use languages::join_languages;
pub use related::{computed_related, CANDIDATES_PER_LIST, RELATED_LIMIT};
pub use sections::alias_file;

use checks::warnings;
use links::{footer_target, resolve_links, resolve_related, resolve_start_here, Lookup};
use ordering::put_in_order;
use sections::{build_sections, check_urls, index_rel, new_page, template_index};

/// Index of a page in [`Site::pages`].
pub type PageId = usize;
/// Index of a section in [`Site::sections`]; 0 is the home page.
pub type SectionId = usize;

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Article,
    Faq,
    Template,
}

/// Where a resolved link goes: a site URL (from the root) plus an optional `#anchor`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    pub body: std::sync::Arc<Markdown>,
    pub links: Vec<Target>,
    pub parent: Option<SectionId>,
    pub children: Vec<SectionId>,
    pub pages: Vec<PageId>,
    /// Pages in this section and every section below it.
    pub page_count: usize,
    pub aliases: Vec<crate::front_matter::PathRef>,
    pub file: Option<PathBuf>,
}

/// An article, FAQ or template page.
#[derive(Debug, Clone)]
pub struct Page {
    pub rel: String,
    pub file: PathBuf,
    pub url: String,
    pub kind: PageKind,
    pub front: std::sync::Arc<FrontMatter>,
    pub body: std::sync::Arc<Markdown>,
    /// Targets of the body's links, in the order of its link markers.
    pub links: Vec<Target>,
    /// The templates embedded in the body, in the order of its embed markers.
    pub embeds: Vec<Embedded>,
    /// A template's Markdown body as written, for its downloads (empty for other pages).
    pub source: std::sync::Arc<str>,
    pub prints: crate::source::Prints,
    pub section: SectionId,
    /// The top-level category (the section itself for pages in a category's folder).
    pub category: SectionId,
    pub prev: Option<PageId>,
    pub next: Option<PageId>,
    /// The pages its `related` list names, then the computed ones.
    pub related: Vec<PageId>,
    /// How many of `related` the page's own list names.
    pub listed_related: usize,
    /// The template id (`last-meeting-agenda`) for template pages.
    pub template_id: Option<String>,
    pub reading_minutes: usize,
}

/// The minutes a body of `words` takes to read, as cards show it.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(200).max(1)
}

impl Page {
    /// The headings of the "In this article" list.
    pub fn toc(&self) -> &[TocEntry] {
        &self.body.toc
    }
}

/// A template embedded in a page: one of the site's own, or (in a translation) the
/// default language's where this language has no translation of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Embedded {
    Own(PageId),
    Default(PageId),
}

impl Embedded {
    /// The template when it is one of this site's own pages.
    pub fn own(self) -> Option<PageId> {
        match self {
            Embedded::Own(id) => Some(id),
            Embedded::Default(_) => None,
        }
    }
}

/// A tag and the pages that carry it.
#[derive(Debug, Clone, Hash)]
pub struct Tag {
    pub slug: String,
    pub label: String,
    pub pages: Vec<PageId>,
}

/// A footer link from hub.yaml ([`crate::config::FooterLink`]) with its target resolved.
#[derive(Debug, Clone)]
pub struct ResolvedFooterLink {
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
    /// Each page's place when all pages are sorted by `order`, then title, then path
    /// (the order of a section's pages, and of equally related ones).
    pub ranks: Vec<usize>,
    /// Template pages, by title.
    pub templates: Vec<PageId>,
    pub tags: Vec<Tag>,
    /// For each audience in `config.audiences`, its "start here" pages.
    pub start_here: Vec<Vec<PageId>>,
    pub footer_links: Vec<ResolvedFooterLink>,
    /// Files copied as they are, by content-relative path.
    pub assets: Vec<SourceFile>,
    /// The newest `updated` date of any page.
    pub updated: Option<Date>,
    /// This site's language: its place in [`LanguageMap::languages`] (0, the default,
    /// for a hub in one language).
    pub language: usize,
    /// The start of every URL of this language's pages: `""`, or `es/`.
    pub prefix: String,
    /// Every language's pages, for the language switcher (set once all are assembled).
    pub languages: Arc<LanguageMap>,
    /// For a translation: the default language's site, where links and embeds of
    /// pages not translated go.
    pub fallback: Option<Arc<Site>>,
    /// The category that is the template library ([`Site::library_section`]), found
    /// once the pages are in place.
    library: Option<SectionId>,
    /// The pages that embed each template of this site, in page order
    /// ([`Site::users_of`]).
    users: FastMap<PageId, Vec<PageId>>,
}

impl Site {
    /// The `n` pages with the latest `updated` dates, newest first (then by path): the
    /// feed and the home page's "recently updated".
    pub fn recently_updated(&self, n: usize) -> Vec<PageId> {
        ordering::recently_updated(&self.pages, n)
    }

    /// A site address of this language: `search/` becomes `es/search/` in Spanish.
    pub fn route(&self, address: &str) -> String {
        format!("{}{address}", self.prefix)
    }

    /// The site of the page an [`Embedded`] names, and its id there.
    pub fn embedded(&self, embed: Embedded) -> (&Site, PageId) {
        match (embed, &self.fallback) {
            (Embedded::Default(id), Some(fallback)) => (fallback, id),
            (Embedded::Own(id) | Embedded::Default(id), _) => (self, id),
        }
    }

    /// True for the default language's site (every site of a hub in one language).
    pub fn is_default_language(&self) -> bool {
        self.language == 0
    }
}

/// Options that change what the site holds.
#[derive(Debug, Clone, Default)]
pub struct AssembleOptions {
    pub drafts: bool,
    /// The date `review_by` is compared with.
    pub today: Option<Date>,
    /// Content paths of files that failed to parse: their own errors are reported, so
    /// links to them are not reported again as missing.
    pub failed: Vec<String>,
    /// The site's language (its place in the hub's languages) and URL prefix.
    pub language: usize,
    pub prefix: String,
}

/// Builds the site model from parsed pages. Returns the site and its warnings, or
/// every error (warnings included). Related pages are each page's own `related`
/// list; [`add_related`] adds the computed ones.
///
/// A translation's site takes the default language's as `fallback`: links to pages
/// and embeds of templates it has no translation of go there.
pub fn assemble(
    config: Config,
    parsed: Vec<SourcePage>,
    assets: Vec<SourceFile>,
    options: AssembleOptions,
    fallback: Option<&Site>,
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

    let mut sections = build_sections(&config, &options.prefix, indexes, &pages, &mut problems);
    let section_of_dir: FastMap<String, SectionId> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    // Page by page on every core, each page's problems kept in file order.
    let (mut site_pages, page_problems): (Vec<Page>, Vec<Vec<Diagnostic>>) = pages
        .into_par_iter()
        .map(|p| {
            let mut problems = Vec::new();
            (
                new_page(p, &sections, &section_of_dir, &mut problems),
                problems,
            )
        })
        .unzip();
    problems.extend(page_problems.into_iter().flatten());

    check_urls(&sections, &site_pages, &assets, &mut problems);
    if options.language == 0 {
        places::check_images(&config, &assets, &mut problems);
    }
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
        failed: &options.failed,
        fallback: fallback.map(links::Fallback::new),
    };
    // The template ids files that failed to parse would have had (from their names).
    let failed_templates: Vec<String> = options
        .failed
        .iter()
        .map(|rel| {
            crate::text::slugify(
                rel.rsplit('/')
                    .next()
                    .unwrap_or(rel)
                    .trim_end_matches(".md"),
            )
        })
        .collect();
    let resolved: Vec<_> = site_pages
        .par_iter()
        .map(|page| {
            page_links(
                page,
                &lookup,
                &site_pages,
                &sections,
                &templates,
                &failed_templates,
            )
        })
        .collect();
    for (page, (links, embeds, more)) in site_pages.iter_mut().zip(resolved) {
        page.links = links;
        page.embeds = embeds;
        problems.extend(more);
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

    let mut template_list: Vec<PageId> = templates.values().copied().collect();
    let (ranks, tags) = put_in_order(&mut sections, &mut site_pages, &mut template_list);
    let start_here = resolve_start_here(&config, &lookup, &mut problems);
    let footer_links = config
        .footer_links
        .iter()
        .map(|link| ResolvedFooterLink {
            label: config.local(&link.label).to_string(),
            target: footer_target(
                (
                    &link.url,
                    config.line_of(&["footer_links", &link.url]).unwrap_or(1),
                ),
                &lookup,
                &site_pages,
                &sections,
                &mut problems,
            ),
        })
        .collect();

    let users = template_users(&site_pages);
    problems.extend(warnings(&site_pages, &templates, &users, options.today));
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    let updated = site_pages.iter().filter_map(|p| p.front.updated).max();
    let site = Site {
        config,
        sections,
        pages: site_pages,
        ranks,
        templates: template_list,
        tags,
        start_here,
        footer_links,
        assets,
        updated,
        language: options.language,
        prefix: options.prefix,
        languages: Arc::default(),
        fallback: None,
        library: None,
        users,
    };
    let site = Site {
        library: site.find_library_section(),
        ..site
    };
    Ok((site, problems))
}

/// The pages that embed each template, in page order: one pass over the pages, where
/// asking each template's page would pass over them all once per template.
fn template_users(pages: &[Page]) -> FastMap<PageId, Vec<PageId>> {
    let mut users: FastMap<PageId, Vec<PageId>> = FastMap::default();
    for (p, page) in pages.iter().enumerate() {
        for embed in &page.embeds {
            if let Embedded::Own(t) = *embed {
                let list = users.entry(t).or_default();
                // A page that embeds a template twice uses it once.
                if list.last() != Some(&p) {
                    list.push(p);
                }
            }
        }
    }
    users
}

/// A page's link targets and embedded templates, and the problems with them.
fn page_links(
    page: &Page,
    lookup: &Lookup<'_>,
    pages: &[Page],
    sections: &[Section],
    templates: &BTreeMap<String, PageId>,
    failed_templates: &[String],
) -> (Vec<Target>, Vec<Embedded>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let links = resolve_links(
        &page.rel,
        &page.file,
        &page.body,
        lookup,
        pages,
        sections,
        &mut problems,
    );
    let embeds = page
        .body
        .embeds
        .iter()
        .filter_map(|e| match templates.get(&e.id) {
            Some(&t) => Some(Embedded::Own(t)),
            None if lookup.fallback.as_ref().is_some_and(|f| f.template(&e.id).is_some()) => {
                lookup.fallback.as_ref().and_then(|f| f.template(&e.id)).map(Embedded::Default)
            }
            // The template's own file failed and says why; this is not a second problem.
            None if failed_templates.contains(&e.id) => None,
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
    if page.kind == PageKind::Template {
        for e in &page.body.embeds {
            problems.push(
                Diagnostic::error(&page.file, "a template cannot embed another template")
                    .at_line(e.line)
                    .help("copy the text you need into this template, or link to the other one"),
            );
        }
    }
    (links, embeds, problems)
}

/// Puts the pages of `site` in order again after titles or orders changed and
/// nothing else did (`serve`, after a retitled page): the order by `order` and title,
/// each section's list, previous and next, each tag's list, the templates, and the
/// computed related pages, from `related` ([`computed_related`] or a memory of it).
/// Only the `edited` pages' titles and orders changed, so the order before is
/// mended rather than made again. The result is the site that [`assemble`] and
/// [`add_related`] make of the same pages.
pub fn reorder(
    site: &mut Site,
    edited: &[PageId],
    related: impl FnOnce(&[Page], &[usize]) -> Vec<Vec<PageId>>,
) {
    for page in &mut site.pages {
        page.related.truncate(page.listed_related);
    }
    let before = (
        std::mem::take(&mut site.ranks),
        std::mem::take(&mut site.tags),
    );
    (site.ranks, site.tags) = ordering::put_in_order_again(
        &mut site.sections,
        &mut site.pages,
        &mut site.templates,
        before,
        edited,
    );
    let computed = related(&site.pages, &site.ranks);
    add_related(site, &computed);
}

/// Adds to each page's related pages the computed ones ([`computed_related`]).
pub fn add_related(site: &mut Site, computed: &[Vec<PageId>]) {
    for (page, more) in site.pages.iter_mut().zip(computed) {
        page.listed_related = page.related.len();
        page.related.extend_from_slice(more);
    }
}
