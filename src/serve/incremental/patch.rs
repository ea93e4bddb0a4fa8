//! The quick rebuild after an edit that changed only what pages show of themselves,
//! or their titles and orders.
//!
//! In: the last good [`Loaded`] and the files the watcher named. Out: the edits, when
//! every named file is a page of the site whose new text keeps its links and embeds,
//! every heading id other pages may link to, and its reading time, and either keeps
//! its front matter ([`Reach::Body`]) or changes only its title, its `order` or the
//! words of its summary ([`Reach::Order`]); `None` otherwise, and the full plan runs.
//! Applied, the edits swap the new pages into the sites and nothing else; after a
//! title or order, the pages are put in order again ([`crate::site::reorder`]). The
//! result is the [`Loaded`] a full load of the same files gives (`tests/patch.rs`
//! compares what is served with a full build).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::discover::{SourceFile, SourceKind, CONTENT_DIR};
use crate::language_tag;
use crate::site::{self, Embedded, Page, PageId, Site};
use crate::source::SourcePage;
use crate::Loaded;

use super::parsed::{self, ParseCache};

/// One page whose body, title, order or summary changed.
pub(super) struct Edit {
    /// The site it belongs to: 0 for the default language, then the translations.
    pub site: usize,
    pub id: PageId,
    pub reach: Reach,
    page: SourcePage,
}

/// What an edit can change beyond its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// Nothing: only the page (and a template's embedders) shows what changed.
    Body,
    /// Its cards, and where it stands in every list ordered by `order` or title.
    Order,
}

impl Edit {
    /// True for a template: its downloads and the pages embedding it change too.
    fn is_template(&self) -> bool {
        self.page.front.layout == crate::front_matter::Layout::Template
    }
}

/// The edited pages of site `n`.
pub(super) fn edited(edits: &[Edit], n: usize) -> Vec<PageId> {
    edits.iter().filter(|e| e.site == n).map(|e| e.id).collect()
}

/// The edits `changed` makes to `last`, if each is a body edit of one of its pages.
pub(super) fn edits(
    last: &Loaded,
    root: &Path,
    changed: &[PathBuf],
    cache: &mut ParseCache,
) -> Option<Vec<Edit>> {
    let content = root.join(CONTENT_DIR);
    let mut edits = Vec::with_capacity(changed.len());
    for path in changed {
        // Only a plain file that was a page: anything new, gone or linked takes the
        // full plan, which checks it.
        if !path.symlink_metadata().ok()?.file_type().is_file() {
            return None;
        }
        let rel = path
            .strip_prefix(&content)
            .ok()?
            .to_str()?
            .replace('\\', "/");
        // A translation (`name.es.md`) is its language's page at its source's path.
        let (n, named) = match language_tag::language_of(&rel) {
            Some((source, tag)) => {
                let n = last
                    .translations
                    .iter()
                    .position(|t| t.config.language == tag)?;
                (n + 1, source)
            }
            None => (0, rel.clone()),
        };
        let s = last.sites().nth(n)?;
        let id = s.pages.iter().position(|p| p.rel == named)?;
        let file = SourceFile {
            rel,
            path: path.clone(),
            kind: SourceKind::Page,
        };
        let (before, after) = parsed::parse_again(&file, &s.config.language, cache)?;
        // What the author is told is the full plan's to say, in its order.
        if !before.diagnostics.is_empty() || !after.diagnostics.is_empty() {
            return None;
        }
        let page = after.page?;
        let old = &s.pages[id];
        let reach = if !same_reach(old, &page) {
            return None;
        } else if old.prints.front == page.prints.front {
            Reach::Body
        } else if retitled(old, &page) {
            Reach::Order
        } else {
            return None;
        };
        edits.push(Edit {
            site: n,
            id,
            reach,
            page,
        });
    }
    Some(edits)
}

/// True when `new`'s front matter differs from `old`'s only in its title, the value
/// of its `order` or the words of its summary (a summary added or removed changes the
/// build's warnings; a key added or removed moves the lines of the others).
fn retitled(old: &Page, new: &SourcePage) -> bool {
    let (a, b) = (&*old.front, &*new.front);
    let mut probe = b.clone();
    probe.title.clone_from(&a.title);
    probe.summary.clone_from(&a.summary);
    probe.order = a.order;
    a.summary.trim().is_empty() == b.summary.trim().is_empty()
        && crate::fingerprint::debug_hash(&probe) == old.prints.front
}

/// True when `new`'s body reaches no further than `old`'s own page: the same links
/// and embeds in the same order (so they lead where they led), every heading id
/// still there (other pages' links to them were checked), and the same reading time
/// on its cards.
fn same_reach(old: &Page, new: &SourcePage) -> bool {
    let (a, b) = (&old.body, &new.body);
    let same_links = a.links.len() == b.links.len()
        && a.links
            .iter()
            .zip(&b.links)
            .all(|(x, y)| x.path == y.path && x.anchor == y.anchor && x.image == y.image);
    same_links
        && a.embeds
            .iter()
            .map(|e| &e.id)
            .eq(b.embeds.iter().map(|e| &e.id))
        && a.ids.iter().all(|id| b.ids.contains(id))
        && site::reading_minutes(a.words) == site::reading_minutes(b.words)
}

/// Swaps each edit's page (front matter and body) into its site, and puts a site
/// with a retitled page in order again, the default language's computed related
/// pages from `related` (a memory of [`site::computed_related`]). A site is changed
/// in place when nothing else holds it, else copied; the translations then read the
/// new default language's site.
pub(super) fn apply(
    loaded: &mut Loaded,
    edits: &[Edit],
    related: impl FnOnce(&[Page], &[usize]) -> Vec<Vec<PageId>>,
) {
    let default_changed = edits.iter().any(|e| e.site == 0);
    if default_changed {
        // Let go of the translations' hold on the default site, so it need not be copied.
        for translation in &mut loaded.translations {
            translation.fallback = None;
        }
    }
    for edit in edits {
        let site = match edit.site {
            0 => Arc::make_mut(&mut loaded.site),
            n => &mut loaded.translations[n - 1],
        };
        let page = &mut site.pages[edit.id];
        page.front = Arc::clone(&edit.page.front);
        page.body = Arc::clone(&edit.page.body);
        page.source = Arc::clone(&edit.page.source);
        page.prints = edit.page.prints;
    }
    let reordered = |n: usize| edits.iter().any(|e| e.site == n && e.reach == Reach::Order);
    if reordered(0) {
        let site = Arc::make_mut(&mut loaded.site);
        site::reorder(site, &edited(edits, 0), related);
    }
    for (n, translation) in loaded.translations.iter_mut().enumerate() {
        if reordered(n + 1) {
            site::reorder(translation, &edited(edits, n + 1), site::computed_related);
        }
    }
    for translation in &mut loaded.translations {
        if translation.fallback.is_none() {
            translation.fallback = Some(Arc::clone(&loaded.site));
        }
    }
}

/// The pages of `site` (site number `n`) to render again: the edited ones, and those
/// that embed an edited template.
pub(super) fn pages_to_render(site: &Site, n: usize, edits: &[Edit]) -> Vec<PageId> {
    let mut pages = edited(edits, n);
    let templates: Vec<Embedded> = edits
        .iter()
        .filter(|e| (e.site == n || e.site == 0) && e.is_template())
        .map(|e| match e.site == n {
            true => Embedded::Own(e.id),
            false => Embedded::Default(e.id),
        })
        .collect();
    if !templates.is_empty() {
        for (id, page) in site.pages.iter().enumerate() {
            if page.embeds.iter().any(|e| templates.contains(e)) && !pages.contains(&id) {
                pages.push(id);
            }
        }
    }
    pages
}

/// True when an edited page of site `n` is a template (its downloads change).
pub(super) fn changes_downloads(n: usize, edits: &[Edit]) -> bool {
    edits.iter().any(|e| e.site == n && e.is_template())
}
