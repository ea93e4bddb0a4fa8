//! What many pages show alike, drawn once per render.
//!
//! A page's card (its title, summary, audiences and reading time) reads the same
//! wherever it is listed at the same heading level and address, so the theme's
//! `card.html` draws it once and lists put the HTML together. In a hub of thousands of
//! pages each card is listed several times (its section, its audiences, its tags, its
//! neighbours' related pages), and `serve` keeps the cards between rebuilds, so a
//! retitled page's card is the only one drawn again. The site header and footer are
//! the same on every page at the same depth in the same part of the hub: each distinct
//! one is drawn once (`header.html`, `footer.html`).
//!
//! In: the site, the theme, and a print of what each page's card shows. Out: cards,
//! headers and footers as HTML.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use crate::context::{self, Chrome};
use crate::diagnostic::Diagnostic;
use crate::fingerprint::debug_hash;
use crate::i18n::Strings;
use crate::site::{PageId, Site};
use crate::sync::lock;
use crate::theme::Theme;
use crate::url::relative;

use super::render_with;

/// A card as rendered: the print of what it shows, its page's address as written
/// in the listing, and its heading level.
type Key = (u64, String, u8);

/// A site header and footer as drawn.
type HeaderAndFooter = (Arc<str>, Arc<str>);

/// Rendered cards kept from one render for the next.
pub type Kept = HashMap<Key, Arc<str>>;

/// What one render of a site has drawn, and the cards kept from the last.
#[derive(Debug, Default)]
pub struct Drawn {
    /// What each page's card shows, by page.
    prints: Vec<u64>,
    known: Kept,
    made: Mutex<Kept>,
    /// Headers and footers by a print of what they show.
    frames: Mutex<HashMap<u64, HeaderAndFooter>>,
    /// The interface strings as templates receive them, made once for every page.
    strings: OnceLock<tera::Value>,
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
            strings: OnceLock::new(),
        }
    }

    /// `strings` (the site's: one language per render) as templates receive them:
    /// made the first time, copied after that (a copy skips the serializer's work on
    /// every field name).
    pub fn strings(&self, strings: &Strings) -> tera::Value {
        self.strings
            .get_or_init(|| serde_json::to_value(strings).expect("words serialize as JSON"))
            .clone()
    }

    /// The cards to keep for the next render: those of pages whose card is unchanged.
    pub fn into_known(self) -> Kept {
        let current: HashSet<u64> = self.prints.iter().copied().collect();
        let mut known = self.known;
        known.extend(crate::sync::take(self.made));
        known.retain(|(print, _, _), _| current.contains(print));
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
            let key = (self.prints[id], relative(from, &site.pages[id].url), level);
            let kept = match self.known.get(&key) {
                Some(html) => Some(Arc::clone(html)),
                None => lock(&self.made).get(&key).cloned(),
            };
            let rendered = match kept {
                Some(html) => html,
                None => {
                    let data = data.get_or_insert_with(|| {
                        let mut data = tera::Context::new();
                        data.insert("t", &*site.config.strings);
                        data.insert("level", &level);
                        data
                    });
                    data.insert("c", &context::card(site, from, id));
                    let made: Arc<str> = render_with(theme, CARD, data)?.into();
                    lock(&self.made).insert(key, Arc::clone(&made));
                    made
                }
            };
            html.push_str(&rendered);
        }
        Ok(html)
    }

    /// Puts the site header and footer into `chrome`, drawn once for every page that
    /// shows the same ones.
    pub fn frame(&self, theme: &Theme, chrome: &mut Chrome<'_>) -> Result<(), Diagnostic> {
        let frame = chrome.frame();
        let print = debug_hash(&frame);
        let known = lock(&self.frames).get(&print).cloned();
        let (header, footer) = match known {
            Some(drawn) => drawn,
            None => {
                let mut data = tera::Context::new();
                data.insert("chrome", &frame);
                data.insert("t", chrome.strings);
                let draw = |name| render_with(theme, name, &data).map(Arc::from);
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
