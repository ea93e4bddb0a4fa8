//! The handbook of an audience: one printable page that gathers every page for that
//! audience in category order (a cover, contents with links, then each page whole:
//! articles, FAQ answers open, templates as labelled blanks), what a program hands
//! its mentors on training day.
//!
//! In: the [`Site`] and one audience. Out: `handbooks/<audience>/index.html`.
//!
//! A handbook holds thousands of pages on a large hub, so their bodies do not go
//! through the template: each entry's `body` is a mark while `handbook.html` renders,
//! and the bodies are written into the page in its place afterwards, one at a time.
//! The handbook is then held once, as the page, not three times (its data, the
//! template's copy of it, and the page).

use crate::context;
use crate::diagnostic::Diagnostic;
use crate::markdown::Part;
use crate::output::OutputFile;
use crate::routes;
use crate::site::{PageId, Site};
use crate::theme::Theme;
use crate::url::relative;

use super::body::{fill, nest_headings};
use super::{page_html, Drawn};

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
    /// The page's body, its headings one level down and their ids its own (a mark
    /// while the template renders, see the module's documentation).
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
    let pages: Vec<PageId> = site.audience_pages(&audience.id).collect();
    let ids: Vec<String> = pages
        .iter()
        .map(|&p| entry_id(&site.pages[p].rel))
        .collect();
    for (n, &page) in pages.iter().enumerate() {
        let p = &site.pages[page];
        updated = updated.max(p.front.updated);
        let entry = Entry {
            body: body_mark(n),
            id: ids[n].clone(),
            title: p.front.title.clone(),
            summary: p.front.summary.clone(),
            url: relative(&from, &p.url),
            address: format!("{}{}", site.config.base_url, p.url),
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
    let frame = page_html(
        theme,
        drawn,
        "handbook.html",
        data,
        context::chrome(site, &from, Some(&title), description, None),
    )?;
    // Room for the bodies as written, and their headings' longer ids.
    let bodies: usize = pages
        .iter()
        .flat_map(|&page| site.pages[page].body.html.parts())
        .map(|part| match part {
            Part::Html(html) => html.len(),
            _ => 64,
        })
        .sum();
    let html = put_bodies(&frame, frame.len() + bodies + bodies / 8, |n| {
        let p = &site.pages[*pages.get(n)?];
        Some(
            fill(p.body.html.parts(), &p.links, &p.embeds, &from, site, theme)
                .map(|body| nest_headings(&body, &ids[n])),
        )
    })?;
    Ok(OutputFile::new(routes::index_file(&from), html))
}

/// The id of a page's entry, which its headings' ids begin with.
fn entry_id(rel: &str) -> String {
    format!("page-{}", crate::text::slugify(rel.trim_end_matches(".md")))
}

/// What the entry of page `n` holds for its body while the template renders: no
/// content can write it, as Markdown and front matter never carry a NUL character.
fn body_mark(n: usize) -> String {
    format!("{MARK_OPEN}{n}{MARK_CLOSE}")
}

const MARK_OPEN: &str = "\u{0}gp-body-";
const MARK_CLOSE: &str = "\u{0}";

/// `frame` with each body mark replaced by what `body` makes of its number (a mark
/// whose number `body` does not know is left as it is).
fn put_bodies(
    frame: &str,
    capacity: usize,
    body: impl Fn(usize) -> Option<Result<String, Diagnostic>>,
) -> Result<String, Diagnostic> {
    let mut out = String::with_capacity(capacity);
    let mut rest = frame;
    while let Some(start) = rest.find(MARK_OPEN) {
        let after = &rest[start + MARK_OPEN.len()..];
        let made = after.split_once(MARK_CLOSE).and_then(|(number, tail)| {
            let made = body(number.parse().ok()?)?;
            Some((made, tail))
        });
        match made {
            Some((made, tail)) => {
                out.push_str(&rest[..start]);
                out.push_str(&made?);
                rest = tail;
            }
            None => {
                out.push_str(&rest[..start + MARK_OPEN.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_go_where_their_marks_are_and_other_text_stays() {
        let frame = format!(
            "<a>{}</a><b>{}{}</b>{}gp-body-x{}",
            body_mark(1),
            body_mark(0),
            body_mark(7),
            MARK_OPEN,
            MARK_CLOSE
        );
        let bodies = ["zero", "one"];
        let html = put_bodies(&frame, 0, |n| Some(Ok(bodies.get(n)?.to_string()))).unwrap();
        assert_eq!(
            html,
            format!(
                "<a>one</a><b>zero{}</b>{MARK_OPEN}gp-body-x{MARK_CLOSE}",
                body_mark(7)
            )
        );
    }
}
