//! Where each word stands in a document, so the browser can rank a page that holds a
//! query's words side by side (`closure conversation`) above one that holds them
//! apart.
//!
//! A document's places count the words the index holds: stop words take no place (so
//! `closing the match` and `closing a match` stand alike), the words of a hyphenated
//! compound and their run-together form share one place, and each field and each
//! sentence starts a place after the last one ended (a title's last word does not
//! stand beside the text's first, nor a sentence's last word beside the next one's
//! first). Characters of scripts cut character by character have no place:
//! their pairs already say which characters stand together.
//!
//! Places, not pairs of words: indexing every pair of neighbours as a term of its
//! own would add a vocabulary entry and a posting for nearly every word of the hub,
//! most of them pairs that occur once (on the hub this repository ships, about 350 KB
//! on an English index of 229 KB); places add one or two base-64 digits per word of a
//! word's best results (40 KB there), in shards of their own (`x/N`, `x/G-T`, beside
//! `p/N` and `p/G-T`) that only a query of two words or more loads.
//!
//! Encoding: a posting's places ascending, each as a varint (see
//! [`super::shard::push_varint`]) of `gap × 2 + more`, the gap counted from the place
//! before (from 0 for the first) and `more` saying that another place of the same
//! posting follows. A tier's postings follow one another in document order, as its
//! postings string lists them.

use super::shard::push_varint;
use super::tokenize::Piece;

/// The most places kept of one word in one document: enough for any word a reader
/// puts in a phrase, and a bound on a page that repeats a word a thousand times.
pub const MOST_PLACES: usize = 32;

/// How many tiers of a group's postings have their places written: the best 1,760
/// results of each word. A very common word's further results, fetched only when a
/// query needs them, hold most of its places (on a hub of 10,000 articles, 13 MB of
/// 14), and would cost a reader far more to load than they change in its results.
pub const PLACED_TIERS: usize = 2;

/// Gives the words of a document their places, field by field.
#[derive(Debug, Default)]
pub(crate) struct Placer {
    next: u32,
    /// Whether the current word (or compound) has a place already.
    open: bool,
}

impl Placer {
    /// Starts a field: its first word does not stand beside the last field's last.
    pub(crate) fn next_field(&mut self) {
        self.next += 1;
        self.open = false;
    }

    /// The place of a term that is a `piece`; none for a stop word, whose place is
    /// not kept, or a character of a run.
    pub(crate) fn place(&mut self, piece: Piece, stop: bool) -> Option<u32> {
        match piece {
            Piece::Word => self.open = false,
            Piece::Sentence => {
                self.open = false;
                self.next += 1;
            }
            Piece::Hyphenated | Piece::Joined => {}
            Piece::Single | Piece::Pair => {
                self.open = false;
                return None;
            }
        }
        if stop {
            return None;
        }
        if !self.open {
            self.next += 1;
            self.open = true;
        }
        Some(self.next - 1)
    }
}

/// The places of the words of a chunk's documents as they are counted, one document
/// at a time, with local word numbers.
#[derive(Default)]
pub(crate) struct Collector {
    /// The current document's places, word number above place, so that sorting
    /// orders them by word, then place.
    places: Vec<u64>,
    /// Where each word's places in the current document went.
    spans: Vec<Span>,
    arena: Arena,
}

impl Collector {
    /// Makes room for a word met for the first time.
    pub(crate) fn new_term(&mut self) {
        self.spans.push(Span::NONE);
    }

    /// Word `id` stands at `place` in the current document.
    pub(crate) fn add(&mut self, id: u32, place: u32) {
        self.places.push(u64::from(id) << 32 | u64::from(place));
    }

    /// Writes the current document's places down.
    pub(crate) fn end_document(&mut self) {
        self.places.sort_unstable();
        // The words of "one-on-one" share a place: one is enough.
        self.places.dedup();
        for run in self.places.chunk_by(|a, b| a >> 32 == b >> 32) {
            let places = run.iter().map(|&p| p as u32);
            self.spans[(run[0] >> 32) as usize] = self.arena.push(places);
        }
        self.places.clear();
    }

    /// Where word `id`'s places in the document just ended are.
    pub(crate) fn take(&mut self, id: u32) -> Span {
        std::mem::take(&mut self.spans[id as usize])
    }

    /// The places of every document.
    pub(crate) fn into_arena(self) -> Arena {
        self.arena
    }
}

/// Where a posting's places start in an [`Arena`] (they end themselves), or
/// [`Span::NONE`]: four bytes for each of the hub's millions of postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span(u32);

impl Span {
    /// A posting without places (a character of a run).
    pub const NONE: Span = Span(u32::MAX);

    /// The span as a number, to be kept in a list of numbers.
    pub fn to_bits(self) -> u32 {
        self.0
    }

    /// The span [`Span::to_bits`] gave.
    pub fn from_bits(bits: u32) -> Span {
        Span(bits)
    }

    /// The same places in an arena appended after `offset` bytes of another.
    pub fn moved(self, offset: u32) -> Span {
        if self == Span::NONE {
            self
        } else {
            Span(self.0 + offset)
        }
    }
}

impl Default for Span {
    fn default() -> Self {
        Span::NONE
    }
}

/// Places of many postings, encoded one after the other.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Arena {
    text: String,
}

impl Arena {
    /// Appends places (ascending) and returns where they are; at most [`MOST_PLACES`].
    pub fn push(&mut self, places: impl IntoIterator<Item = u32>) -> Span {
        let start = self.text.len() as u32;
        let mut places = places.into_iter().take(MOST_PLACES).peekable();
        let mut before = 0;
        while let Some(place) = places.next() {
            let more = u64::from(places.peek().is_some());
            push_varint(&mut self.text, u64::from(place - before) * 2 + more);
            before = place;
        }
        if self.text.len() as u32 == start {
            return Span::NONE;
        }
        Span(start)
    }

    /// The places at `span`, as they were pushed ("" for none).
    pub fn get(&self, span: Span) -> &str {
        if span == Span::NONE {
            return "";
        }
        let rest = &self.text.as_bytes()[span.0 as usize..];
        // A number ends at a digit below 32 (`0`–`9`, `A`–`V`: see `shard::DIGITS`),
        // and the last place's number is even: so is the digit that ends it.
        let last = |&b: &u8| match b {
            b'0'..=b'9' => (b - b'0').is_multiple_of(2),
            // `A` is 10.
            b'A'..=b'V' => (b - b'A').is_multiple_of(2),
            _ => false,
        };
        let end = rest.iter().position(last).map_or(rest.len(), |at| at + 1);
        &self.text[span.0 as usize..span.0 as usize + end]
    }

    /// Appends the places of two spans merged (two forms of a word in one document).
    pub fn merge(&mut self, a: Span, b: Span) -> Span {
        let mut places = Vec::new();
        each_place(self.get(a), |place, _| places.push(place));
        each_place(self.get(b), |place, _| places.push(place));
        places.sort_unstable();
        places.dedup();
        self.push(places)
    }

    /// How many bytes the places take.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether there are no places.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Makes room for `bytes` more.
    pub fn reserve(&mut self, bytes: usize) {
        self.text.reserve_exact(bytes);
    }

    /// Appends all of `other`; its spans move by the returned amount (see
    /// [`Span::moved`]).
    pub fn append(&mut self, other: &Arena) -> u32 {
        let offset = self.text.len() as u32;
        self.text.push_str(&other.text);
        offset
    }
}

/// The places of each posting in `text` (one posting's, or a tier's one after another).
pub fn decode(text: &str) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new()];
    each_place(text, |place, last| {
        out.last_mut().expect("a list to fill").push(place);
        if last {
            out.push(Vec::new());
        }
    });
    out.pop();
    out
}

/// Calls `found` with each place in `text`, and whether it is its posting's last.
fn each_place(text: &str, mut found: impl FnMut(u32, bool)) {
    let mut place = 0u32;
    let mut value = 0u64;
    for b in text.bytes() {
        // The value of a digit of `shard::DIGITS`, without looking it up.
        let digit = match b {
            b'0'..=b'9' => b - b'0',
            b'A'..=b'Z' => b - b'A' + 10,
            b'a'..=b'z' => b - b'a' + 36,
            b'-' => 62,
            _ => 63,
        };
        value = value * 32 + u64::from(digit & 31);
        if digit < 32 {
            place += (value / 2) as u32;
            let last = value.is_multiple_of(2);
            found(place, last);
            if last {
                place = 0;
            }
            value = 0;
        }
    }
}

#[cfg(test)]
mod tests;
