//! One render job per page or listing: what each needs from the site, gathered into
//! its typed context and handed to the theme.
//!
//! In: the [`Site`], the [`Theme`] and the download sizes. Out: one [`OutputFile`] per
//! job, or the problem that stopped it.

use crate::context;
use crate::diagnostic::Diagnostic;
use crate::front_matter::Layout;
use crate::i18n;
use crate::markdown::Part;
use crate::output::OutputFile;
use crate::routes;
use crate::site::{PageId, PageKind, Site};
use crate::theme::Theme;
use crate::url::relative;

use super::body::{faq_json_ld, fill};
use super::{page, page_html, DownloadSizes, Drawn};

/// A page or listing to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Search,
    Home,
    NotFound,
    Library,
    Tags,
    Section(usize),
    Page(PageId),
    Audience(usize),
    /// The printable handbook of an audience.
    Handbook(usize),
    Tag(usize),
}

impl Job {
    /// Every job of the site, listings first: an audience's page lists every article
    /// for it, and one of those left to the end keeps a core busy after the other has
    /// run out of work.
    pub fn all(site: &Site) -> Vec<Job> {
        let mut jobs: Vec<Job> = (0..site.config.audiences.len())
            .flat_map(|n| [Job::Audience(n), Job::Handbook(n)])
            .collect();
        jobs.extend([Job::Library, Job::Tags, Job::Home]);
        // One page for addresses that do not exist, whatever their language.
        if site.is_default_language() {
            jobs.push(Job::NotFound);
        }
        if site.config.search {
            jobs.push(Job::Search);
        }
        jobs.extend((0..site.tags.len()).map(Job::Tag));
        jobs.extend((1..site.sections.len()).map(Job::Section));
        jobs.extend((0..site.pages.len()).map(Job::Page));
        jobs
    }

    /// The jobs a render runs: all of them, or with `background` all but those
    /// `serve` leaves to the background.
    pub fn rendered(site: &Site, background: bool) -> Vec<Job> {
        let mut jobs = Job::all(site);
        if background {
            jobs.retain(|job| !job.is_background());
        }
        jobs
    }

    /// True for a page made from the whole hub, which `serve` makes in the
    /// background: a handbook holds every page of its audience.
    pub fn is_background(&self) -> bool {
        matches!(self, Job::Handbook(_))
    }

    /// What identifies the job from one render to the next (page ids can shift).
    pub fn key(&self, site: &Site) -> String {
        match *self {
            Job::Home => "home".to_string(),
            Job::Search => "search".to_string(),
            Job::NotFound => "404".to_string(),
            Job::Library => "library".to_string(),
            Job::Tags => "tags".to_string(),
            Job::Section(id) => format!("section:{}", site.sections[id].dir),
            Job::Page(id) => format!("page:{}", site.pages[id].rel),
            Job::Audience(n) => format!("audience:{}", site.config.audiences[n].id),
            Job::Handbook(n) => format!("handbook:{}", site.config.audiences[n].id),
            Job::Tag(n) => format!("tag:{}", site.tags[n].slug),
        }
    }

    /// Renders the job's page, taking listings' cards from `cards`.
    pub fn run(
        &self,
        site: &Site,
        theme: &Theme,
        sizes: &DownloadSizes,
        drawn: &Drawn,
    ) -> Result<Vec<OutputFile>, Diagnostic> {
        let t = &site.config.strings;
        let file = match *self {
            Job::Search => page(
                theme,
                drawn,
                "search.html",
                &site.route(routes::SEARCH_URL),
                context::SearchPage {
                    index_url: relative(routes::SEARCH_URL, routes::INDEX_DIR),
                },
                context::chrome(
                    site,
                    &site.route(routes::SEARCH_URL),
                    Some(&t.search),
                    &t.search_description,
                    None,
                ),
            )?,
            Job::Home => page(
                theme,
                drawn,
                "home.html",
                &site.prefix,
                super::listings::home(site, theme)?,
                context::chrome(site, &site.prefix, None, "", None),
            )?,
            Job::NotFound => {
                let root = super::url_path(&site.config.base_url);
                let chrome = context::chrome(
                    site,
                    routes::NOT_FOUND,
                    Some(&t.not_found_title),
                    "",
                    Some(root),
                );
                let html = page_html(theme, drawn, "404.html", (), chrome)?;
                OutputFile::new(routes::NOT_FOUND, html)
            }
            Job::Library => super::listings::library(site, theme, drawn, sizes, None)?,
            Job::Tags => {
                let from = &site.route(routes::TAGS_URL);
                let tags = site
                    .tags
                    .iter()
                    .map(|tag| context::TagLink {
                        label: tag.label.clone(),
                        url: relative(from, &site.route(&routes::tag_url(&tag.slug))),
                        count: tag.pages.len(),
                    })
                    .collect();
                page(
                    theme,
                    drawn,
                    "tags.html",
                    from,
                    context::TagsPage { tags },
                    context::chrome(site, from, Some(&t.topics), "", None),
                )?
            }
            Job::Section(id) if site.library_section() == Some(id) => {
                super::listings::library(site, theme, drawn, sizes, Some(id))?
            }
            Job::Section(id) => {
                let s = &site.sections[id];
                let from = s.url.as_str();
                let data = context::SectionPage {
                    title: &s.title,
                    description: &s.description,
                    intro: fill(s.body.html.parts(), &s.links, &[], from, site, theme)?,
                    crumbs: context::crumbs(site, from, id),
                    sections: s
                        .children
                        .iter()
                        .map(|&c| context::section_card(site, from, c))
                        .collect(),
                    cards: drawn.cards(site, theme, from, &s.pages, 3)?,
                    count: s.pages.len(),
                    has_templates: s
                        .pages
                        .iter()
                        .any(|&p| site.pages[p].kind == PageKind::Template),
                };
                page(
                    theme,
                    drawn,
                    "section.html",
                    from,
                    data,
                    context::chrome(site, from, Some(&s.title), &s.description, None),
                )?
            }
            Job::Page(id) => render_page(site, theme, drawn, id)?,
            Job::Handbook(n) => super::handbook::render(site, theme, drawn, n)?,
            Job::Audience(n) => super::listings::audience(site, theme, drawn, n)?,
            Job::Tag(n) => {
                let tag = &site.tags[n];
                let from = site.route(&routes::tag_url(&tag.slug));
                let data = context::TagPage {
                    label: &tag.label,
                    cards: drawn.cards(site, theme, &from, &tag.pages, 2)?,
                    count: tag.pages.len(),
                };
                let title = i18n::fill(&t.tag_title, &[("tag", &tag.label)]);
                page(
                    theme,
                    drawn,
                    "tag.html",
                    &from,
                    data,
                    context::chrome(site, &from, Some(&title), "", None),
                )?
            }
        };
        Ok(vec![file])
    }
}

fn render_page(
    site: &Site,
    theme: &Theme,
    drawn: &Drawn,
    id: PageId,
) -> Result<OutputFile, Diagnostic> {
    let p = &site.pages[id];
    let from = p.url.as_str();
    let fill = |parts: &mut dyn Iterator<Item = &Part>| {
        fill(parts, &p.links, &p.embeds, from, site, theme)
    };
    let html = &p.body.html;
    // A template lists the articles that embed it already; its related pages leave
    // them out.
    let used_in = match p.kind {
        PageKind::Template => context::used_in(site, from, id),
        _ => Vec::new(),
    };
    let related: Vec<PageId> = p
        .related
        .iter()
        .copied()
        .filter(|&r| {
            let url = relative(from, &site.pages[r].url);
            !used_in.iter().any(|u| u.url == url)
        })
        .collect();
    let meta = context::page_meta(site, id, drawn.cards(site, theme, from, &related, 3)?);
    let mut chrome = context::chrome(site, from, Some(&p.front.title), &p.front.summary, None);
    chrome.og_type = "article";
    chrome.edit_url = site.edit_url(id);
    match (&p.front.layout, p.kind) {
        (Layout::Custom(name), _) => {
            // `load` has checked that the theme has it (`missing_layouts`).
            let name = format!("{name}.html");
            page(
                theme,
                drawn,
                &name,
                from,
                context::ArticlePage {
                    meta,
                    body: fill(&mut html.parts())?,
                    menu: context::section_menu(site, id),
                },
                chrome,
            )
        }
        (_, PageKind::Article) => page(
            theme,
            drawn,
            "article.html",
            from,
            context::ArticlePage {
                meta,
                body: fill(&mut html.parts())?,
                menu: context::section_menu(site, id),
            },
            chrome,
        ),
        (_, PageKind::Faq) => {
            let intro = fill(&mut html.intro.iter())?;
            let questions = p
                .body
                .sections()
                .map(|(entry, section)| {
                    Ok(context::Question {
                        id: entry.id.clone(),
                        question: entry.title.clone(),
                        answer: fill(&mut section.content.iter())?,
                    })
                })
                .collect::<Result<Vec<_>, Diagnostic>>()?;
            let json_ld = faq_json_ld(&questions);
            page(
                theme,
                drawn,
                "faq.html",
                from,
                context::FaqPage {
                    meta,
                    intro,
                    questions,
                    json_ld,
                },
                chrome,
            )
        }
        (_, PageKind::Template) => {
            let template = context::TemplateCard {
                id: p.template_id.as_deref().unwrap_or(""),
                title: &p.front.title,
                summary: &p.front.summary,
                url: "./".to_string(),
                fields: context::field_views(&p.front.fields),
                body: fill(&mut html.parts())?,
                folded: false,
                downloads: context::download_links(site, from, id, None),
                instance: "page".to_string(),
            };
            page(
                theme,
                drawn,
                "template.html",
                from,
                context::TemplatePage {
                    meta,
                    template,
                    used_in,
                },
                chrome,
            )
        }
    }
}
