//! The handbook of an audience: one printable page that gathers every page for that
//! audience in category order (a cover, contents with links, then each page whole:
//! articles, FAQ answers open, templates as labelled blanks), what a program hands
//! its mentors on training day.
//!
//! In: the [`Site`] and one audience. Out: `handbooks/<audience>/index.html`.

use crate::context;
use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::routes;
use crate::site::{PageId, Site};
use crate::theme::Theme;
use crate::url::relative;

use super::body::{fill, nest_headings};
use super::{page, Drawn};

/// The handbook page's data.
#[derive(Debug, serde::Serialize)]
pub struct HandbookPage<'a> {
    pub title: String,
    pub description: &'a str,
    /// The newest `updated` of the pages it holds, written out.
    pub updated_long: Option<String>,
    pub chapters: Vec<Chapter>,
    /// The audience's page and its title, for the way back.
    pub audience_url: String,
    pub audience_title: String,
}

/// A category and the audience's pages in it.
#[derive(Debug, serde::Serialize)]
pub struct Chapter {
    pub title: String,
    pub entries: Vec<Entry>,
}

/// One page of the site, whole.
#[derive(Debug, serde::Serialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The page's body, its headings one level down and their ids its own.
    pub body: String,
    /// The page on the site, relative and absolute (for print).
    pub url: String,
    pub address: String,
}

/// The handbook of audience `n`.
pub fn render(
    site: &Site,
    theme: &Theme,
    drawn: &Drawn,
    n: usize,
) -> Result<OutputFile, Diagnostic> {
    let audience = &site.config.audiences[n];
    let from = site.route(&routes::handbook_url(&audience.id));
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut updated = None;
    for page in pages_for(site, &audience.id) {
        let p = &site.pages[page];
        updated = updated.max(p.front.updated);
        let id = format!(
            "page-{}",
            crate::text::slugify(p.rel.trim_end_matches(".md"))
        );
        let body = fill(p.body.html.parts(), &p.links, &p.embeds, &from, site, theme)?;
        let entry = Entry {
            body: nest_headings(&body, &id),
            title: p.front.title.clone(),
            summary: p.front.summary.clone(),
            url: relative(&from, &p.url),
            address: format!("{}{}", site.config.base_url, p.url),
            id,
        };
        let category = site.sections[p.category].title.clone();
        match chapters.last_mut() {
            Some(chapter) if chapter.title == category => chapter.entries.push(entry),
            _ => chapters.push(Chapter {
                title: category,
                entries: vec![entry],
            }),
        }
    }
    let label = site.config.local(&audience.label);
    let description = site.config.local(&audience.description);
    let t = &site.config.strings;
    let data = HandbookPage {
        title: crate::i18n::fill(
            &t.handbook_title,
            &[("audience", &label.to_lowercase()), ("Audience", label)],
        ),
        description,
        updated_long: updated.map(|d| t.date(d)),
        chapters,
        audience_url: relative(&from, &site.route(&routes::audience_url(&audience.id))),
        audience_title: crate::i18n::fill(
            &t.for_audience,
            &[("audience", &label.to_lowercase()), ("Audience", label)],
        ),
    };
    let title = data.title.clone();
    page(
        theme,
        drawn,
        "handbook.html",
        &from,
        data,
        context::chrome(site, &from, Some(&title), description, None),
    )
}

/// The pages for an audience in the order the site shows them: category by category,
/// each category's own pages before its sections'.
fn pages_for(site: &Site, audience: &str) -> Vec<PageId> {
    site.pages_below(0)
        .filter(|&p| site.pages[p].front.audience.iter().any(|a| a == audience))
        .collect()
}
