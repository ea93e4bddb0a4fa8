//! The index's postings, held as the count left them: one list per chunk of
//! documents, sorted where it lies by group and then in each group's order (best
//! level first, then by document), 8 bytes a posting. A group's postings are gathered
//! from the chunks when its shards are written ([`Postings::group`]).
//!
//! Copying every posting into a list of its group instead would hold the postings
//! twice at the build's peak, the counts beside the lists they fill: at 10,000
//! articles, 3 million postings, that was 40 MB more than the whole finished index.
//!
//! In: each chunk's postings as `[group, key, span]` ([`key`]). Out: [`Postings`].

use super::positions::Span;

/// The highest level a posting's score is quantised to (levels are 0..=63, one
/// base-64 digit).
pub const TOP_LEVEL: u8 = 63;

/// Bits of a posting's key that hold its document; the level sits above them.
const DOC_BITS: u32 = 26;

/// The most documents an index may hold: their numbers must fit below a level.
pub const MOST_DOCUMENTS: u32 = 1 << DOC_BITS;

/// A posting's place in its group, as one number: best level first, then by
/// document (`level` is at most [`TOP_LEVEL`]).
pub fn key(document: u32, level: u8) -> u32 {
    debug_assert!(document < MOST_DOCUMENTS);
    (u32::from(TOP_LEVEL - level) << DOC_BITS) | document
}

/// The document and level of a posting's key.
fn unkey(key: u32) -> (u32, u8) {
    let level = TOP_LEVEL - (key >> DOC_BITS) as u8;
    (key & (MOST_DOCUMENTS - 1), level)
}

/// A group's postings and where the places of each are.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    /// `(document, level)`, best level first, then by document number.
    pub postings: Vec<(u32, u8)>,
    /// Where each posting's places are in the index's [`super::positions::Arena`].
    pub spans: Vec<Span>,
}

/// Every posting of an index, chunk by chunk.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Postings {
    chunks: Vec<Chunk>,
}

/// One chunk's postings, sorted by group, then key.
#[derive(Debug, Clone, PartialEq)]
struct Chunk {
    /// `key, span` of each posting, one after the other.
    pairs: Vec<u32>,
    /// Where each group's postings start, counted in postings; one more at the end.
    starts: Vec<u32>,
}

impl Postings {
    /// Adds a chunk's postings, `[group, key, span, _]` each in any order, sorting
    /// them where they lie; every group is below `groups`.
    pub fn push_chunk(&mut self, mut postings: Vec<[u32; 4]>, groups: usize) {
        postings.sort_unstable_by_key(|p| (p[0], p[1]));
        let mut starts = vec![0u32; groups + 1];
        for p in &postings {
            starts[p[0] as usize + 1] += 1;
        }
        for g in 0..groups {
            starts[g + 1] += starts[g];
        }
        // Each posting's key and span move down to the front, keeping their order.
        let count = postings.len();
        let mut pairs = postings.into_flattened();
        for i in 0..count {
            pairs[2 * i] = pairs[4 * i + 1];
            pairs[2 * i + 1] = pairs[4 * i + 2];
        }
        pairs.truncate(2 * count);
        pairs.shrink_to_fit();
        self.chunks.push(Chunk { pairs, starts });
    }

    /// The postings of group `g` in its order, gathered from every chunk.
    pub fn group(&self, g: usize) -> Group {
        let mut all: Vec<[u32; 2]> = Vec::new();
        for chunk in &self.chunks {
            all.extend_from_slice(&chunk.pairs()[chunk.range(g)]);
        }
        // One sorted run per chunk: a stable sort merges them.
        all.sort_by_key(|p| p[0]);
        Group {
            postings: all.iter().map(|p| unkey(p[0])).collect(),
            spans: all.iter().map(|p| Span::from_bits(p[1])).collect(),
        }
    }

    /// Whether some posting of group `g` has places (characters cut one by one have
    /// none).
    pub fn has_places(&self, g: usize) -> bool {
        self.chunks.iter().any(|chunk| {
            chunk.pairs()[chunk.range(g)]
                .iter()
                .any(|p| Span::from_bits(p[1]) != Span::NONE)
        })
    }
}

impl Chunk {
    fn pairs(&self) -> &[[u32; 2]] {
        self.pairs.as_chunks().0
    }

    fn range(&self, g: usize) -> std::ops::Range<usize> {
        self.starts[g] as usize..self.starts[g + 1] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_gathers_its_postings_from_every_chunk_best_level_first() {
        let span = |n: u32| Span::from_bits(n).to_bits();
        let mut postings = Postings::default();
        // Two groups over two chunks: documents 0–2, then 3–4.
        postings.push_chunk(
            vec![
                [1, key(2, 5), span(20), 0],
                [0, key(0, 9), span(0), 0],
                [1, key(0, 63), span(1), 0],
                [0, key(2, 9), Span::NONE.to_bits(), 0],
                [2, key(1, 1), Span::NONE.to_bits(), 0],
            ],
            3,
        );
        postings.push_chunk(
            vec![[0, key(3, 60), span(30), 0], [1, key(4, 5), span(40), 0]],
            3,
        );
        assert_eq!(
            postings.group(0),
            Group {
                postings: vec![(3, 60), (0, 9), (2, 9)],
                spans: vec![Span::from_bits(30), Span::from_bits(0), Span::NONE],
            }
        );
        assert_eq!(postings.group(1).postings, vec![(0, 63), (2, 5), (4, 5)]);
        assert!(postings.has_places(0));
        assert!(!postings.has_places(2));
    }
}
