//! What many pages show alike, drawn once per render.
//!
//! A page's card (its title, summary, audiences and reading time) reads the same
//! in every listing at the same heading level but for its addresses, so the theme's
//! `card.html` draws it once with holes where the addresses go ([`holes`]) and each
//! listing fills them in as seen from where it is. In a hub of thousands of pages
//! each card is listed several times (its section, its audiences, its tags, its
//! neighbours' related pages), and `serve` keeps the cards between rebuilds, so a
//! retitled page's card is the only one drawn again. A theme whose card changes an
//! address instead of showing it (found on the first card of each kind) gets its
//! cards drawn for each listing. The site header and footer are the same on every
//! page at the same depth in the same part of the hub: each distinct one is drawn
//! once (`header.html`, `footer.html`).
//!
//! In: the site, the theme, and a print of what each page's card shows. Out: cards,
//! headers and footers as HTML.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use crate::context::{self, Chrome};
use crate::diagnostic::Diagnostic;
use crate::fingerprint::hash_of;
use crate::site::{PageId, PageKind, Site};
use crate::sync::lock;
use crate::theme::{cannot_prepare, Theme};

mod holes;

/// A card as drawn: the print of what it shows and its heading level.
type Key = (u64, u8);

/// A site header and footer as drawn.
type HeaderAndFooter = (Arc<str>, Arc<str>);

/// Drawn cards kept from one render for the next.
pub type Kept = HashMap<Key, Arc<holes::Card>>;

/// A card drawn for every listing, or for one.
enum Drawing {
    Holes(Arc<holes::Card>),
    Whole(String),
}

/// What one render of a site has drawn, and the cards kept from the last.
#[derive(Debug, Default)]
pub struct Drawn {
    /// What each page's card shows, by page.
    prints: Vec<u64>,
    known: Kept,
    made: Mutex<Kept>,
    /// Headers and footers by a print of what they show.
    frames: Mutex<HashMap<u64, HeaderAndFooter>>,
    /// Template data holding the interface strings, each left by a page rendered.
    page_data: Mutex<Vec<tera::Context>>,
    /// Whether the theme's card shows its addresses as they are, by page kind: tried
    /// on the first card of each kind.
    holes_hold: [OnceLock<bool>; 3],
}

impl Drawn {
    /// Nothing drawn yet and nothing kept: each page is its own print.
    pub fn fresh(site: &Site) -> Drawn {
        Drawn::keeping((0..site.pages.len() as u64).collect(), HashMap::new())
    }

    /// Cards may be taken from `known` where a page's print in `prints` (what its card
    /// shows, theme and interface words included) is unchanged.
    pub fn keeping(prints: Vec<u64>, known: Kept) -> Drawn {
        Drawn {
            prints,
            known,
            made: Mutex::default(),
            frames: Mutex::default(),
            page_data: Mutex::default(),
            holes_hold: Default::default(),
        }
    }

    /// The HTML of theme template `name` for a page: it receives `chrome`, `page` and
    /// the interface strings of the render's language as `t`. The data is taken from
    /// a page rendered before where there is one, strings already in, so they are
    /// made into template data once per render and thread, not for every page.
    pub fn page_html(
        &self,
        theme: &Theme,
        name: &str,
        chrome: &Chrome<'_>,
        page: &impl serde::Serialize,
    ) -> Result<String, Diagnostic> {
        let spare = lock(&self.page_data).pop();
        let mut data = spare.unwrap_or_else(|| {
            let mut data = tera::Context::new();
            data.insert("t", chrome.strings);
            data
        });
        let html = data
            .try_insert("chrome", chrome)
            .and_then(|()| data.try_insert("page", page))
            .map_err(|e| cannot_prepare(name, &e))
            .and_then(|()| theme.render(name, &data));
        // The page's data is let go here, on the thread that made it: freed on
        // another, it would take the allocator's locks from that thread.
        data.remove("chrome");
        data.remove("page");
        lock(&self.page_data).push(data);
        html
    }

    /// The cards to keep for the next render: those of pages whose card is unchanged.
    pub fn into_known(self) -> Kept {
        let current: HashSet<u64> = self.prints.iter().copied().collect();
        let mut known = self.known;
        known.extend(crate::sync::take(self.made));
        known.retain(|(print, _), _| current.contains(print));
        known
    }

    /// The cards of `pages` as listed on the page at `from`, with `<h{level}>` titles.
    pub fn cards(
        &self,
        site: &Site,
        theme: &Theme,
        from: &str,
        pages: &[PageId],
        level: u8,
    ) -> Result<String, Diagnostic> {
        let mut html = String::new();
        // The interface words are put in once per listing, each card then in turn.
        let mut data: Option<tera::Context> = None;
        for &id in pages {
            let key = (self.prints[id], level);
            let kept = match self.known.get(&key) {
                Some(card) => Some(Arc::clone(card)),
                None => lock(&self.made).get(&key).cloned(),
            };
            if let Some(card) = kept {
                card.fill(&mut html, site, from, id);
                continue;
            }
            let data = data.get_or_insert_with(|| {
                let mut data = tera::Context::new();
                data.insert("t", &*site.config.strings);
                data.insert("level", &level);
                data
            });
            match self.draw(site, theme, from, id, data)? {
                Drawing::Holes(card) => {
                    card.fill(&mut html, site, from, id);
                    lock(&self.made).insert(key, card);
                }
                Drawing::Whole(card) => html.push_str(&card),
            }
        }
        Ok(html)
    }

    /// Draws the card of page `id` once for every listing, its addresses left as holes,
    /// where the theme's card shows them as they are; where it does not, the card as
    /// seen from `from`.
    fn draw(
        &self,
        site: &Site,
        theme: &Theme,
        from: &str,
        id: PageId,
        data: &mut tera::Context,
    ) -> Result<Drawing, Diagnostic> {
        let whole = |data: &mut tera::Context| {
            data.insert("c", &context::card(site, from, id));
            theme.render(CARD, data).map(Drawing::Whole)
        };
        // The first card of each kind is also drawn whole: a theme whose card changes
        // an address (a filter on it, a condition) gets its cards drawn whole, and
        // once that is known, only whole.
        let checked = &self.holes_hold[match site.pages[id].kind {
            PageKind::Article => 0,
            PageKind::Faq => 1,
            PageKind::Template => 2,
        }];
        let mut card = context::card(site, "", id);
        if checked.get() == Some(&false) || !holes::may_hold(&card) {
            return whole(data);
        }
        card.url = holes::mark(0);
        for (n, audience) in card.audiences.iter_mut().enumerate() {
            audience.url = holes::mark(n + 1);
        }
        data.insert("c", &card);
        let drawn = holes::Card::parse(theme.render(CARD, data)?, card.audiences.len());
        let mut first = None;
        let holds = *checked.get_or_init(|| {
            let Some(card) = &drawn else { return false };
            let whole = whole(data);
            let mut filled = String::new();
            card.fill(&mut filled, site, from, id);
            let holds = matches!(&whole, Ok(Drawing::Whole(whole)) if *whole == filled);
            first = Some(whole);
            holds
        });
        match (holds, drawn) {
            (true, Some(card)) => Ok(Drawing::Holes(Arc::new(card))),
            _ => first.unwrap_or_else(|| whole(data)),
        }
    }

    /// Puts the site header and footer into `chrome`, drawn once for every page that
    /// shows the same ones.
    pub fn frame(&self, theme: &Theme, chrome: &mut Chrome<'_>) -> Result<(), Diagnostic> {
        let frame = chrome.frame();
        let print = hash_of(&frame);
        let known = lock(&self.frames).get(&print).cloned();
        let (header, footer) = match known {
            Some(drawn) => drawn,
            None => {
                let mut data = tera::Context::new();
                data.insert("chrome", &frame);
                data.insert("t", chrome.strings);
                let draw = |name| theme.render(name, &data).map(Arc::from);
                let drawn = (draw(HEADER)?, draw(FOOTER)?);
                lock(&self.frames).insert(print, drawn.clone());
                drawn
            }
        };
        chrome.site_header = header.to_string();
        chrome.site_footer = footer.to_string();
        Ok(())
    }
}

/// The theme's templates for the site header and footer.
pub const HEADER: &str = "header.html";
pub const FOOTER: &str = "footer.html";

/// The theme's template for one card: `c`, the card, at heading `level`, with the
/// interface words `t`.
pub const CARD: &str = "card.html";
