//! The listing pages that gather pages from the whole site: home, an audience's page
//! and the template library.
//!
//! In: the [`Site`], the [`Theme`] (for the home page's intro) and the download
//! sizes. Out: one [`OutputFile`] each, or the problem that stopped it.

use crate::context;
use crate::diagnostic::Diagnostic;
use crate::i18n;
use crate::output::OutputFile;
use crate::routes;
use crate::site::{PageId, SectionId, Site};
use crate::theme::Theme;
use crate::url::relative;

use super::body::fill;
use super::{page, DownloadSizes, Drawn};

/// The template library: every template with its fields, downloads and the articles
/// that use it. It lives in `section` when the hub has a category of templates
/// ([`Site::library_section`]), taking that category's title, description and intro,
/// and `template-library/` then sends readers on to it.
pub(super) fn library(
    site: &Site,
    theme: &Theme,
    drawn: &Drawn,
    sizes: &DownloadSizes,
    section: Option<SectionId>,
) -> Result<OutputFile, Diagnostic> {
    let t = &site.config.strings;
    let home = site.library_section();
    if section.is_none() {
        if let Some(id) = home {
            let path = routes::index_file(&site.route(routes::LIBRARY_URL));
            return super::redirect(site, theme, path, &site.sections[id].url);
        }
    }
    let from = &site.library_url();
    let templates = site
        .templates
        .iter()
        .map(|&t| context::LibraryEntry {
            card: context::card(site, from, t),
            fields: context::field_views(&site.pages[t].front.fields),
            used_in: context::used_in(site, from, t),
            downloads: context::download_links(site, from, t, Some(sizes)),
        })
        .collect();
    let (title, description, intro, crumbs, sections) = match section {
        Some(id) => {
            let s = &site.sections[id];
            (
                s.title.as_str(),
                s.description.as_str(),
                fill(s.body.html.parts(), &s.links, &[], from, site, theme)?,
                context::crumbs(site, from, id),
                s.children
                    .iter()
                    .map(|&c| context::section_card(site, from, c))
                    .collect(),
            )
        }
        None => (
            t.template_library.as_str(),
            t.library_lede.as_str(),
            String::new(),
            context::crumbs(site, from, 0),
            Vec::new(),
        ),
    };
    let summary = match section {
        Some(_) => description,
        None => t.library_description.as_str(),
    };
    let chrome = context::chrome(site, from, Some(title), summary, None);
    let data = context::LibraryPage {
        title,
        description,
        intro,
        crumbs,
        sections,
        templates,
    };
    page(theme, drawn, "library.html", from, data, chrome)
}

/// An audience's page: its "start here" pages, then every page for it by phase.
pub(super) fn audience(
    site: &Site,
    theme: &Theme,
    drawn: &Drawn,
    n: usize,
) -> Result<OutputFile, Diagnostic> {
    let t = &site.config.strings;
    let a = &site.config.audiences[n];
    let from = site.route(&routes::audience_url(&a.id));
    let mut groups: Vec<context::Group> = Vec::new();
    let matching: Vec<PageId> = site.audience_pages(&a.id).collect();
    for phase in &site.config.phases {
        let pages: Vec<PageId> = matching
            .iter()
            .copied()
            .filter(|&p| site.pages[p].front.phase.as_deref() == Some(&phase.id))
            .collect();
        if !pages.is_empty() {
            groups.push(context::Group {
                title: site.config.local(&phase.label).to_string(),
                id: phase.id.clone(),
                cards: drawn.cards(site, theme, &from, &pages, 3)?,
                count: pages.len(),
            });
        }
    }
    let other: Vec<PageId> = matching
        .iter()
        .copied()
        .filter(|&p| site.pages[p].front.phase.is_none())
        .collect();
    if !other.is_empty() {
        groups.push(context::Group {
            title: t.any_time.clone(),
            id: "any-time".to_string(),
            cards: drawn.cards(site, theme, &from, &other, 3)?,
            count: other.len(),
        });
    }
    let label = site.config.local(&a.label);
    let description = site.config.local(&a.description);
    let data = context::AudiencePage {
        handbook_url: relative(&from, &site.route(&routes::handbook_url(&a.id))),
        handbook_label: i18n::fill(
            &t.handbook_link,
            &[("audience", &label.to_lowercase()), ("Audience", label)],
        ),
        title: i18n::fill(
            &t.for_audience,
            &[("audience", &label.to_lowercase()), ("Audience", label)],
        ),
        description,
        start_here: site.start_here[n]
            .iter()
            .map(|&p| context::card(site, &from, p))
            .collect(),
        groups,
    };
    let title = data.title.clone();
    page(
        theme,
        drawn,
        "audience.html",
        &from,
        data,
        context::chrome(site, &from, Some(&title), description, None),
    )
}

pub(super) fn home<'a>(site: &'a Site, theme: &Theme) -> Result<context::HomePage<'a>, Diagnostic> {
    let root = &site.sections[0];
    let recent = site.recently_updated(6);
    Ok(context::HomePage {
        title: &root.title,
        description: &root.description,
        intro: fill(root.body.html.parts(), &root.links, &[], "", site, theme)?,
        start_here: site
            .config
            .audiences
            .iter()
            .zip(&site.start_here)
            .map(|(a, pages)| context::AudiencePath {
                label: site.config.local(&a.label),
                description: site.config.local(&a.description),
                url: relative(&site.prefix, &site.route(&routes::audience_url(&a.id))),
                pages: pages
                    .iter()
                    .map(|&p| context::card(site, &site.prefix, p))
                    .collect(),
            })
            .collect(),
        // The audiences' categories are on their paths above, and the library has a
        // place of its own below.
        categories: root
            .children
            .iter()
            .filter(|&&c| site.audience_of(c).is_none() && site.library_section() != Some(c))
            .map(|&c| context::section_card(site, &site.prefix, c))
            .collect(),
        loose_pages: root
            .pages
            .iter()
            .map(|&p| context::card(site, &site.prefix, p))
            .collect(),
        promoted: site
            .pages_below(0)
            .filter(|&p| site.pages[p].front.promoted)
            .map(|p| context::card(site, &site.prefix, p))
            .collect(),
        recent: recent
            .into_iter()
            .map(|p| context::card(site, &site.prefix, p))
            .collect(),
    })
}
