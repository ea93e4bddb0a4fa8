//! The menu beside an article: the other pages of its section, so a reader sees
//! where they are and what else is there.
//!
//! In: the [`Site`] and an article. Out: a [`SectionMenu`] with every URL relative to
//! the article, or nothing for a page with no section to show.

use serde::Serialize;

use super::Link;
use crate::front_matter::Layout;
use crate::site::{PageId, PageKind, Site};
use crate::url::relative;

/// At most this many pages are listed: a long section shows those around the
/// article, and a link to the section's own page for the rest.
pub const MENU_LIMIT: usize = 15;

/// An article's section: its title, its pages around the article, its sections.
#[derive(Debug, Serialize)]
pub struct SectionMenu {
    pub title: String,
    pub url: String,
    pub pages: Vec<Link>,
    /// How many pages the section has, its sections' included.
    pub total: usize,
    /// The sections inside it.
    pub sections: Vec<Link>,
}

/// The menu of the section page `id` is in, seen from that page.
pub fn section_menu(site: &Site, id: PageId) -> Option<SectionMenu> {
    let page = &site.pages[id];
    let section = &site.sections[page.section];
    if !has_menu(site, id) {
        return None;
    }
    let from = page.url.as_str();
    let shown = menu_pages(site, id);
    let link = |title: &str, url: &str, current: bool| Link {
        title: title.to_string(),
        url: relative(from, url),
        current,
        external: false,
    };
    Some(SectionMenu {
        title: section.title.clone(),
        url: relative(from, &section.url),
        pages: shown
            .iter()
            .map(|&p| link(&site.pages[p].front.title, &site.pages[p].url, p == id))
            .collect(),
        total: section.page_count,
        sections: section
            .children
            .iter()
            .map(|&c| link(&site.sections[c].title, &site.sections[c].url, false))
            .collect(),
    })
}

/// True for a page shown with a section menu: an article (or a page in a layout of
/// the hub's own) in a section with more to show than itself.
fn has_menu(site: &Site, id: PageId) -> bool {
    let page = &site.pages[id];
    let section = &site.sections[page.section];
    let article = page.kind == PageKind::Article || matches!(page.front.layout, Layout::Custom(_));
    article && page.section != 0 && (section.pages.len() > 1 || !section.children.is_empty())
}

/// The pages the menu beside page `id` lists (none for a page without a menu).
pub fn menu_pages(site: &Site, id: PageId) -> &[PageId] {
    if !has_menu(site, id) {
        return &[];
    }
    let all = &site.sections[site.pages[id].section].pages;
    let here = all.iter().position(|&p| p == id).unwrap_or(0);
    &all[window(here, all.len())]
}

/// The pages a menu shows of a section of `len` pages, the article at `here`: all of
/// them up to [`MENU_LIMIT`], else that many with the article in the middle.
fn window(here: usize, len: usize) -> std::ops::Range<usize> {
    let start = here
        .saturating_sub(MENU_LIMIT / 2)
        .min(len.saturating_sub(MENU_LIMIT));
    start..len.min(start + MENU_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn a_long_section_shows_the_pages_around_the_article() {
        assert_eq!(window(0, 100), 0..15);
        assert_eq!(window(50, 100), 43..58);
        assert_eq!(window(99, 100), 85..100);
        assert_eq!(window(3, 5), 0..5);
    }
}
