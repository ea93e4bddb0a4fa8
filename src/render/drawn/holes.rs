//! A card drawn once for every listing that shows it: its addresses are left as holes
//! while the theme draws it, and each listing fills them with the addresses as seen
//! from where it is.
//!
//! A hole is a mark the theme's escaping leaves as it is (two private-use characters
//! around the address's number), so the drawn HTML keeps it where the address went.

use crate::context::Card as CardData;
use crate::site::{PageId, Site};
use crate::text::push_escaped;
use crate::url::relative;

const OPEN: char = '\u{F8FF}';
const CLOSE: char = '\u{F8FE}';

/// The mark for address `n` of a card: 0 its page, 1 onwards its audiences in turn.
pub fn mark(n: usize) -> String {
    format!("{OPEN}{n}{CLOSE}")
}

/// Whether the card's text leaves the marks unambiguous: no title or summary of it
/// holds the characters a mark is made of.
pub fn may_hold(card: &CardData<'_>) -> bool {
    let texts = [card.title, card.summary].into_iter();
    !texts
        .chain(card.audiences.iter().map(|a| a.title.as_str()))
        .any(|text| text.contains([OPEN, CLOSE]))
}

/// A drawn card: its HTML without the marks, and where each address goes.
#[derive(Debug)]
pub struct Card {
    html: String,
    /// Byte offsets into `html`, in order, each with the number of its address.
    holes: Vec<(usize, usize)>,
}

impl Card {
    /// Takes the marks out of `drawn`, a card drawn with `audiences` audience addresses;
    /// `None` where a mark is broken or names no address.
    pub fn parse(drawn: String, audiences: usize) -> Option<Card> {
        let mut html = String::with_capacity(drawn.len());
        let mut holes = Vec::new();
        let mut rest = drawn.as_str();
        while let Some(start) = rest.find(OPEN) {
            html.push_str(&rest[..start]);
            let after = &rest[start + OPEN.len_utf8()..];
            let end = after.find(CLOSE)?;
            let n: usize = after[..end].parse().ok()?;
            if n > audiences {
                return None;
            }
            holes.push((html.len(), n));
            rest = &after[end + CLOSE.len_utf8()..];
        }
        if rest.contains(CLOSE) {
            return None;
        }
        html.push_str(rest);
        Some(Card { html, holes })
    }

    /// Appends the card of page `id` as listed on the page at `from`, each address
    /// escaped as the theme's escaping writes it.
    pub fn fill(&self, out: &mut String, site: &Site, from: &str, id: PageId) {
        let page = &site.pages[id];
        let mut audiences = None;
        let mut at = 0;
        for &(offset, n) in &self.holes {
            out.push_str(&self.html[at..offset]);
            at = offset;
            if n == 0 {
                push_escaped(out, &relative(from, &page.url));
            } else {
                let links = audiences.get_or_insert_with(|| {
                    crate::context::audience_links(site, from, &page.front.audience)
                });
                push_escaped(out, &links[n - 1].url);
            }
        }
        out.push_str(&self.html[at..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_come_out_and_leave_their_places() {
        let drawn = format!("<a href=\"{}\">T</a><i>{}</i>", mark(0), mark(2));
        let card = Card::parse(drawn, 2).expect("marks are whole");
        assert_eq!(card.html, "<a href=\"\">T</a><i></i>");
        assert_eq!(card.holes, vec![(9, 0), (19, 2)]);
    }

    #[test]
    fn a_broken_or_unknown_mark_is_refused() {
        assert!(Card::parse(format!("<a>{OPEN}0</a>"), 0).is_none());
        assert!(Card::parse(format!("<a>0{CLOSE}</a>"), 0).is_none());
        assert!(Card::parse(format!("<a>{OPEN}x{CLOSE}</a>"), 0).is_none());
        assert!(Card::parse(mark(2), 1).is_none());
    }
}
