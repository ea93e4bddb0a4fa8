//! Cards rendered once: a page's card in a listing (its title, summary, audiences and
//! reading time) reads the same wherever it is listed at the same heading level and
//! address, so the theme's `card.html` renders it once and listings put the HTML
//! together. In a hub of thousands of pages each card is listed several times (its
//! section, its audiences, its tags), and `serve` keeps the cards between rebuilds, so
//! a retitled page's card is the only one rendered again.
//!
//! In: the site, the theme, and a print of what each page's card shows. Out: a
//! listing's cards as HTML.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use crate::context;
use crate::diagnostic::Diagnostic;
use crate::site::{PageId, Site};
use crate::sync::lock;
use crate::theme::Theme;
use crate::url::relative;

/// A card as rendered: the print of what it shows, its page's address as written
/// in the listing, and its heading level.
type Key = (u64, String, u8);

/// Rendered cards kept from one render for the next.
pub type Kept = HashMap<Key, Arc<str>>;

/// The rendered cards of one render, and those kept from the last.
#[derive(Debug, Default)]
pub struct Cards {
    /// What each page's card shows, by page.
    prints: Vec<u64>,
    known: Kept,
    made: Mutex<Kept>,
}

impl Cards {
    /// Cards for one render of `site` with nothing kept: each page is its own print.
    pub fn fresh(site: &Site) -> Cards {
        Cards::keeping((0..site.pages.len() as u64).collect(), HashMap::new())
    }

    /// Cards that may be taken from `known` where a page's print in `prints` (what its
    /// card shows, theme and interface words included) is unchanged.
    pub fn keeping(prints: Vec<u64>, known: Kept) -> Cards {
        Cards {
            prints,
            known,
            made: Mutex::default(),
        }
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
    pub fn list(
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
                    let made: Arc<str> = theme
                        .tera
                        .render(CARD, data)
                        .map_err(|e| theme.render_problem(CARD, &e))?
                        .into();
                    lock(&self.made).insert(key, Arc::clone(&made));
                    made
                }
            };
            html.push_str(&rendered);
        }
        Ok(html)
    }
}

/// The theme's template for one card: `c`, the card, at heading `level`, with the
/// interface words `t`.
pub const CARD: &str = "card.html";
