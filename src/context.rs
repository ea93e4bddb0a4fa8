//! The data each page kind's template receives: typed, serialisable, with every URL
//! already made relative to the page that shows it.

use serde::Serialize;

use std::collections::BTreeMap;

use crate::direction::{direction, Direction};

use crate::front_matter::Format;
use crate::i18n::Strings;
use crate::routes;
use crate::site::{LinkTarget, Page, PageId, Section, SectionId, Site, Target};
use crate::url::{relative, root_prefix};

mod menu;
mod pages;

pub use menu::{menu_pages, section_menu, SectionMenu};

pub use pages::{
    field_views, ArticlePage, AudiencePage, AudiencePath, Card, DownloadLink, FaqPage, FieldView,
    Group, HomePage, LibraryEntry, LibraryPage, Link, PageMeta, Question, RedirectPage, SearchPage,
    SectionCard, SectionPage, TagLink, TagPage, TagsPage, TemplateCard, TemplatePage,
};

/// What every page shows around its content: header, navigation, footer, metadata.
#[derive(Debug, Serialize)]
pub struct Chrome<'a> {
    pub site_title: &'a str,
    pub lang: &'a str,
    /// The direction the hub's language is written in: `ltr` or `rtl`.
    pub dir: Direction,
    /// The relative prefix to the site root (`../../`).
    pub root: String,
    pub home_url: String,
    pub css_url: String,
    pub js_url: String,
    pub feed_url: String,
    /// The `<title>`: the page's title and the hub's.
    pub head_title: String,
    pub description: String,
    pub canonical: String,
    /// `website` for listings, `article` for pages (Open Graph).
    pub og_type: &'static str,
    pub nav: Vec<Link>,
    pub audiences: Vec<Link>,
    pub footer: Vec<Link>,
    pub contact: Option<ContactView<'a>>,
    pub library_url: String,
    pub tags_url: String,
    /// The hub's own logo, in place of the built-in signpost.
    pub logo_url: Option<String>,
    pub favicon_url: String,
    /// Where staff edit this page's file (pages only, when the hub sets `edit_url`).
    pub edit_url: Option<String>,
    /// The search page, when the hub has search.
    pub search_url: Option<String>,
    /// The search script and its stylesheet.
    pub search_js_url: String,
    pub search_css_url: String,
    /// The folder of the search index shards.
    pub search_index_url: String,
    /// This page in every language of a hub in several (empty for a hub in one), for
    /// the language switcher and the `hreflang` alternates.
    pub alternates: Vec<AlternateLink>,
    /// The site header and footer, drawn (`header.html`, `footer.html`) from
    /// [`Chrome::frame`].
    pub site_header: String,
    pub site_footer: String,
    /// The interface strings, which templates receive as `t` beside the chrome.
    #[serde(skip)]
    pub strings: &'a Strings,
}

/// What the site header and footer show: the same on every page at the same depth in
/// the same part of the hub, so they are drawn once for all of them.
#[derive(Debug, Hash, Serialize)]
pub struct Frame<'a> {
    pub site_title: &'a str,
    pub root: &'a str,
    pub home_url: &'a str,
    pub logo_url: Option<&'a str>,
    pub alternates: &'a [AlternateLink],
    pub audiences: &'a [Link],
    pub nav: &'a [Link],
    pub search_url: Option<&'a str>,
    pub search_index_url: &'a str,
    pub search_js_url: &'a str,
    pub search_css_url: &'a str,
    pub footer: &'a [Link],
    pub contact: Option<&'a ContactView<'a>>,
    pub library_url: &'a str,
    pub tags_url: &'a str,
    pub feed_url: &'a str,
}

impl Chrome<'_> {
    /// What the site header and footer of this page show.
    pub fn frame(&self) -> Frame<'_> {
        Frame {
            site_title: self.site_title,
            root: &self.root,
            home_url: &self.home_url,
            logo_url: self.logo_url.as_deref(),
            alternates: &self.alternates,
            audiences: &self.audiences,
            nav: &self.nav,
            search_url: self.search_url.as_deref(),
            search_index_url: &self.search_index_url,
            search_js_url: &self.search_js_url,
            search_css_url: &self.search_css_url,
            footer: &self.footer,
            contact: self.contact.as_ref(),
            library_url: &self.library_url,
            tags_url: &self.tags_url,
            feed_url: &self.feed_url,
        }
    }
}

/// The program's contact details in the page's language.
#[derive(Debug, Hash, Serialize)]
pub struct ContactView<'a> {
    pub text: &'a str,
    pub email: Option<&'a str>,
    pub url: Option<&'a str>,
}

/// This page in one language: where it is (that language's home where the page is
/// not translated).
#[derive(Debug, Hash, Serialize)]
pub struct AlternateLink {
    /// The language's tag (`es`) and its own name ("Español").
    pub lang: String,
    pub label: String,
    /// Relative to the page.
    pub url: String,
    /// The absolute URL, for `hreflang` (only where the page exists in that language).
    pub href: Option<String>,
    pub current: bool,
}

/// Builds the chrome for a page at `url` (`root` overrides the relative root, for 404).
pub fn chrome<'a>(
    site: &'a Site,
    url: &str,
    title: Option<&str>,
    description: &str,
    root: Option<String>,
) -> Chrome<'a> {
    let config = &site.config;
    let root = root.unwrap_or_else(|| root_prefix(url));
    let to = |target: &str| format!("{root}{}", relative("", target).trim_start_matches("./"));
    let link = |title: &str, target: &str| Link {
        title: title.to_string(),
        url: to(target),
        current: target == url,
        external: false,
    };
    let nav = site.sections[0]
        .children
        .iter()
        // A category named after an audience is that audience's: its link is the
        // audience's, which stays current inside the category.
        .filter(|&&c| site.audience_of(c).is_none())
        .map(|&c| {
            let s = &site.sections[c];
            let mut l = link(&s.title, &s.url);
            l.current = url.starts_with(&s.url);
            l
        })
        .collect();
    let audience_sections: Vec<SectionId> = site.sections[0]
        .children
        .iter()
        .copied()
        .filter(|&c| site.audience_of(c).is_some())
        .collect();
    let audiences = config
        .audiences
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let mut l = link(
                config.local(&a.label),
                &site.route(&routes::audience_url(&a.id)),
            );
            l.current |= audience_sections
                .iter()
                .any(|&c| site.audience_of(c) == Some(n) && url.starts_with(&site.sections[c].url));
            l
        })
        .collect();
    let mut alternates = match site.languages.languages.len() {
        0 | 1 => Vec::new(),
        _ => site
            .languages
            .alternates(site.language, url)
            .into_iter()
            .enumerate()
            .map(|(n, a)| AlternateLink {
                lang: a.language.id.clone(),
                label: a.language.label.clone(),
                url: to(&a.url),
                href: a.exists.then(|| format!("{}{}", config.base_url, a.url)),
                current: n == site.language,
            })
            .collect(),
    };
    // `hreflang` names a page's other versions: a page in one language has none.
    if alternates.iter().filter(|a| a.href.is_some()).count() < 2 {
        alternates.iter_mut().for_each(|a| a.href = None);
    }
    let footer = site
        .footer_links
        .iter()
        .map(|f| match &f.target {
            LinkTarget::Internal(t) => Link {
                title: f.label.clone(),
                url: with_anchor(to(&t.url), t),
                current: t.url == url,
                external: false,
            },
            LinkTarget::External(u) => Link {
                title: f.label.clone(),
                url: u.clone(),
                current: false,
                external: true,
            },
        })
        .collect();
    let head_title = match title {
        Some(t) if t != config.title() => format!("{t} · {}", config.title()),
        _ => config.title().to_string(),
    };
    Chrome {
        site_title: config.title(),
        lang: &config.language,
        dir: direction(&config.language),
        home_url: to(&site.prefix),
        css_url: to(&routes::theme_file("style.css")),
        js_url: to(&routes::theme_file("guidepost.js")),
        feed_url: to(&site.route(routes::FEED)),
        library_url: to(&site.library_url()),
        tags_url: to(&site.route(routes::TAGS_URL)),
        logo_url: site.logo_url().map(|l| to(&l)),
        favicon_url: to(&site.favicon_url()),
        edit_url: None,
        search_url: config.search.then(|| to(&site.route(routes::SEARCH_URL))),
        search_js_url: to(&routes::theme_file("search.js")),
        search_css_url: to(&routes::theme_file("search.css")),
        search_index_url: to(&site.route(routes::INDEX_DIR)),
        root,
        head_title,
        description: if description.is_empty() {
            config.local(&config.description).to_string()
        } else {
            description.to_string()
        },
        canonical: format!("{}{url}", config.base_url),
        og_type: "website",
        nav,
        audiences,
        footer,
        contact: config.contact.as_ref().map(|c| ContactView {
            text: config.local(&c.text),
            email: c.email.as_deref(),
            url: c.url.as_deref(),
        }),
        alternates,
        site_header: String::new(),
        site_footer: String::new(),
        strings: &config.strings,
    }
}

fn with_anchor(url: String, target: &Target) -> String {
    let mut url = crate::url::encode_path(&url);
    if let Some(anchor) = &target.anchor {
        url.push('#');
        url.push_str(&crate::url::encode_path(anchor));
    }
    url
}

/// The link to a resolved target from a page at `from`, escaped as a browser's URL
/// parser needs it (`a#b.pdf` → `a%23b.pdf`, spaces → `%20`).
pub fn target_url(from: &str, target: &Target) -> String {
    match &target.anchor {
        Some(anchor) if target.url == from => format!("#{}", crate::url::encode_path(anchor)),
        _ => with_anchor(relative(from, &target.url), target),
    }
}

/// Audience badges of a page, linking to the audience pages.
pub fn audience_links(site: &Site, from: &str, ids: &[String]) -> Vec<Link> {
    site.config
        .audiences
        .iter()
        .filter(|a| ids.contains(&a.id))
        .map(|a| Link {
            title: site.config.local(&a.label).to_string(),
            url: relative(from, &site.route(&routes::audience_url(&a.id))),
            current: false,
            external: false,
        })
        .collect()
}

/// A page as a card seen from `from`.
pub fn card<'a>(site: &'a Site, from: &str, id: PageId) -> Card<'a> {
    let page = &site.pages[id];
    Card {
        title: &page.front.title,
        url: relative(from, &page.url),
        summary: &page.front.summary,
        kind: page.kind,
        audiences: audience_links(site, from, &page.front.audience),
        updated: page.front.updated.map(|d| d.to_string()),
        updated_long: page.front.updated.map(|d| site.config.strings.date(d)),
        reading_minutes: page.reading_minutes,
    }
}

/// A section as a card seen from `from`.
pub fn section_card<'a>(site: &'a Site, from: &str, id: SectionId) -> SectionCard<'a> {
    let s = &site.sections[id];
    SectionCard {
        title: &s.title,
        url: relative(from, &s.url),
        description: &s.description,
        icon: s.icon.as_deref(),
        count: s.page_count,
    }
}

/// Breadcrumbs from home down to (and including) `section`, seen from `from`.
pub fn crumbs(site: &Site, from: &str, section: SectionId) -> Vec<Link> {
    let mut chain = Vec::new();
    let mut current = Some(section);
    while let Some(id) = current {
        chain.push(id);
        current = site.sections[id].parent;
    }
    chain
        .into_iter()
        .rev()
        .map(|id| {
            let s: &Section = &site.sections[id];
            let title = if id == 0 {
                site.config.strings.home.clone()
            } else {
                s.title.clone()
            };
            Link {
                title,
                url: relative(from, &s.url),
                current: s.url == from,
                external: false,
            }
        })
        .collect()
}

/// The metadata block of a page, with `related_cards`, its related pages' cards as
/// drawn by the theme.
pub fn page_meta(site: &Site, id: PageId, related_cards: String) -> PageMeta<'_> {
    let page: &Page = &site.pages[id];
    let from = page.url.as_str();
    let neighbour = |other: Option<PageId>| {
        other.map(|o| Link {
            title: site.pages[o].front.title.clone(),
            url: relative(from, &site.pages[o].url),
            current: false,
            external: false,
        })
    };
    PageMeta {
        title: &page.front.title,
        summary: &page.front.summary,
        kind: page.kind,
        crumbs: crumbs(site, from, page.section),
        audiences: audience_links(site, from, &page.front.audience),
        phase: page
            .front
            .phase
            .as_deref()
            .and_then(|p| site.config.phase(p))
            .map(|p| site.config.local(&p.label)),
        tags: page
            .front
            .tags
            .iter()
            .map(|t| Link {
                title: t.clone(),
                url: relative(
                    from,
                    &site.route(&routes::tag_url(&crate::text::slugify(t))),
                ),
                current: false,
                external: false,
            })
            .collect(),
        updated: page.front.updated.map(|d| d.to_string()),
        updated_long: page.front.updated.map(|d| site.config.strings.date(d)),
        reading_minutes: page.reading_minutes,
        toc: page.toc(),
        related_cards,
        prev: neighbour(page.prev),
        next: neighbour(page.next),
    }
}

/// The articles that embed template `id`, as cards seen from `from`.
pub fn used_in<'a>(site: &'a Site, from: &str, id: PageId) -> Vec<Card<'a>> {
    (site.users_of(id).iter())
        .map(|&p| card(site, from, p))
        .collect()
}

/// The downloads of template `id`, linked from `from`, with sizes when known.
pub fn download_links(
    site: &Site,
    from: &str,
    id: PageId,
    sizes: Option<&BTreeMap<(PageId, Format), usize>>,
) -> Vec<DownloadLink> {
    let template_id = site.pages[id].template_id.as_deref().unwrap_or("template");
    let t = &site.config.strings;
    crate::downloads::formats(site, id)
        .into_iter()
        .map(|format| DownloadLink {
            format,
            label: match format {
                Format::Docx => t.format_docx.clone(),
                Format::Md => t.format_md.clone(),
                Format::Txt => t.format_txt.clone(),
            },
            url: relative(from, &crate::downloads::path(site, template_id, format)),
            size: sizes
                .and_then(|s| s.get(&(id, format)))
                .map(|&bytes| crate::downloads::size_label(bytes, t)),
        })
        .collect()
}
