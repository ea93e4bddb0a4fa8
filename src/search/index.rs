//! The inverted index: documents to terms, terms to stem groups, groups to scored
//! postings.
//!
//! In: [`Document`]s, made page by page as the count reaches them, and a [`Stemmer`].
//! Out: an [`Index`] whose every posting holds its score already, as a level
//! (`index/scoring.rs`), and the places of the word in the document (see
//! [`super::positions`]). Built in parallel chunks with local dictionaries merged
//! once; the postings stay in their chunks ([`super::postings`]).

use rayon::prelude::*;

use super::dictionary::{browser_order, Dictionary, FastMap};
use super::documents::{Document, FIELDS};
use super::positions::{Arena, Collector, Placer, Span};
pub use super::postings::TOP_LEVEL;
use super::postings::{key, Group, Postings, MOST_DOCUMENTS};
use super::stemmer::Stemmer;
use super::tokenize::{each_term_with_bytes, Piece};
use scoring::Scoring;
pub use scoring::{level, LEVEL_STEP};

/// Words too common to tell documents apart ("the", "how"): about a third of running
/// text, so leaving them out makes the index smaller and faster to build. Per
/// language where we have them, listed in alphabetical order to be easy to read.
const ENGLISH_STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "how", "i", "if",
    "in", "is", "it", "my", "of", "on", "or", "our", "so", "that", "the", "their", "this", "to",
    "was", "we", "what", "when", "who", "why", "will", "with", "you", "your",
];

/// The stop words of a language tag: left out of the index, and listed in the
/// manifest so the browser leaves them out of queries too.
pub fn stopwords(language: &str) -> &'static [&'static str] {
    if language.to_lowercase().starts_with("en") {
        ENGLISH_STOPWORDS
    } else {
        &[]
    }
}

/// The whole index.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// Every term, sorted.
    pub terms: Vec<String>,
    /// The group of each term.
    pub term_group: Vec<u32>,
    /// How many documents hold any form of each group; groups are numbered in the
    /// order of their stems.
    pub df: Vec<u32>,
    pub documents: u32,
    /// The places of every posting.
    pub positions: Arena,
    postings: Postings,
}

impl Index {
    /// How many stem groups there are.
    pub fn groups(&self) -> usize {
        self.df.len()
    }

    /// Group `g`'s postings, best level first, then by document, and where the
    /// places of each are.
    pub fn group(&self, g: usize) -> Group {
        self.postings.group(g)
    }

    /// Whether some posting of group `g` has places.
    pub fn has_places(&self, g: usize) -> bool {
        self.postings.has_places(g)
    }
}

/// Counts of a term (or group) in each field of one document.
type FieldCounts = [u8; FIELDS];

/// A chunk's documents counted: its own term names, each term of each document
/// with its counts and places, and the documents' lengths.
struct Counted {
    names: Vec<String>,
    /// Per term of a document: `[term, counts of the first four fields, count of the
    /// fifth, span]` (see [`pack`]); the documents one after another.
    entries: Vec<[u32; 4]>,
    /// Where each document's entries start; one more at the end.
    starts: Vec<u32>,
    lengths: Vec<[u32; FIELDS]>,
    arena: Arena,
}

impl Counted {
    /// Merges the entries of the forms of one word in each document into one entry
    /// of their stem group (`to_group` maps the chunk's term numbers; every group is
    /// below `groups`): counts summed, places joined. The list closes up behind the
    /// merged entries.
    fn merge_forms(&mut self, to_group: &[u32], groups: usize) {
        // Where each group sits in the entries (u32::MAX: not in this document).
        let mut slot = vec![u32::MAX; groups];
        let mut kept = 0;
        for d in 0..self.lengths.len() {
            let (from, to) = (self.starts[d] as usize, self.starts[d + 1] as usize);
            self.starts[d] = kept as u32;
            for read in from..to {
                let entry = self.entries[read];
                let g = to_group[entry[0] as usize];
                match slot[g as usize] {
                    u32::MAX => {
                        slot[g as usize] = kept as u32;
                        self.entries[kept] = [g, entry[1], entry[2], entry[3]];
                        kept += 1;
                    }
                    at => {
                        let merged = &mut self.entries[at as usize];
                        let (mut sum, tf) = (counts(merged), counts(&entry));
                        for f in 0..FIELDS {
                            sum[f] = sum[f].saturating_add(tf[f]);
                        }
                        // Two forms of one word in a document: one list of places.
                        let places = self
                            .arena
                            .merge(Span::from_bits(merged[3]), Span::from_bits(entry[3]));
                        *merged = pack(g, sum, places);
                    }
                }
            }
            for entry in &self.entries[self.starts[d] as usize..kept] {
                slot[entry[0] as usize] = u32::MAX;
            }
        }
        let documents = self.lengths.len();
        self.starts[documents] = kept as u32;
        self.entries.truncate(kept);
    }

    /// Each entry made its posting where it lies, `[group, key, span, _]`: its
    /// document numbered from `first`, its level as `level` gives it from the entry
    /// and its document's lengths, its places moved by `offset` (where the chunk's
    /// arena went in the index's).
    fn into_postings(
        mut self,
        first: usize,
        offset: u32,
        level: impl Fn(&[u32; 4], &[u32; FIELDS]) -> u8,
    ) -> Vec<[u32; 4]> {
        for d in 0..self.lengths.len() {
            let doc = (first + d) as u32;
            for at in self.starts[d] as usize..self.starts[d + 1] as usize {
                let entry = self.entries[at];
                let level = level(&entry, &self.lengths[d]);
                let span = Span::from_bits(entry[3]).moved(offset);
                self.entries[at] = [entry[0], key(doc, level), span.to_bits(), 0];
            }
        }
        self.entries
    }

    /// Each entry, with the number in the chunk of the document it is of.
    fn entries_by_document(&self) -> impl Iterator<Item = (usize, &[u32; 4])> {
        (0..self.lengths.len()).flat_map(move |d| {
            let entries = &self.entries[self.starts[d] as usize..self.starts[d + 1] as usize];
            entries.iter().map(move |entry| (d, entry))
        })
    }
}

/// An entry of [`Counted`]: four numbers, so that the chunk's list can become its
/// postings where it lies.
fn pack(term: u32, counts: FieldCounts, span: Span) -> [u32; 4] {
    let [a, b, c, d, e] = counts;
    [
        term,
        u32::from_le_bytes([a, b, c, d]),
        u32::from(e),
        span.to_bits(),
    ]
}

/// The counts of an entry [`pack`] made.
fn counts(entry: &[u32; 4]) -> FieldCounts {
    let [a, b, c, d] = entry[1].to_le_bytes();
    [a, b, c, d, entry[2] as u8]
}

/// The dictionary's mark for a stop word.
const STOP: u32 = u32::MAX;

/// Builds the index of the documents `make` gives for each of `items`, numbered in
/// that order.
pub fn build<T: Sync>(
    items: &[T],
    make: impl Fn(&T) -> Vec<Document> + Sync,
    stemmer: &Stemmer,
    stopwords: &[&str],
) -> Index {
    count(items, make, stopwords, |_, _| {}).finish(stemmer)
}

/// Term counts of every document, not yet indexed: what [`count`] leaves for
/// [`Counting::finish`].
pub struct Counting {
    /// Per chunk of documents, in order.
    chunks: Vec<Counted>,
    /// Per chunk, how its terms folded from accented words were written (the least
    /// spelling of each, so the choice does not depend on how documents were
    /// chunked): Snowball stems `comunicación` as written, not as `comunicacion`.
    written: Vec<FastMap<u32, String>>,
}

/// Makes the documents of `items` (numbered in that order) and counts their terms,
/// chunk by chunk on every core: the first and largest step of [`build`]. Each
/// document's text is counted as soon as it is made and then freed
/// ([`Document::release_fields`]); each chunk's documents, with the text their
/// excerpts are cut from, go to `counted` with the place of the chunk's first item,
/// and then they go too: the hub's text is never held whole.
pub fn count<T: Sync>(
    items: &[T],
    make: impl Fn(&T) -> Vec<Document> + Sync,
    stopwords: &[&str],
    counted: impl Fn(usize, &[Document]) + Sync,
) -> Counting {
    // A few chunks per core: each chunk learns the hub's vocabulary on its own, so
    // more chunks than that would only repeat the work.
    let chunk_size = items
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .max(16);
    // 1. Count terms per document, each chunk with its own dictionary.
    let chunks: Vec<(Counted, FastMap<u32, String>)> = items
        .par_chunks(chunk_size)
        .enumerate()
        .map(|(n, chunk)| {
            // Stop words sit in the dictionary too, marked, so one lookup settles a word.
            let mut dict = Dictionary::default();
            for word in stopwords {
                dict.insert(word, STOP);
            }
            let mut names: Vec<String> = Vec::new();
            let mut buffer = String::new();
            // Counts per local term, and the terms the current document touched.
            let mut counts: Vec<FieldCounts> = Vec::new();
            let mut touched: Vec<u32> = Vec::new();
            let mut places = Collector::default();
            let mut entries: Vec<[u32; 4]> = Vec::new();
            let mut starts = vec![0u32];
            let mut lengths_of = Vec::new();
            let mut docs = Vec::new();
            let mut written: FastMap<u32, String> = FastMap::default();
            for mut doc in chunk.iter().flat_map(&make) {
                let mut lengths = [0u32; FIELDS];
                let mut placer = Placer::default();
                for (field, text) in doc.fields.iter().enumerate() {
                    placer.next_field();
                    each_term_with_bytes(text, &mut buffer, |term, bytes, spelled, piece| {
                        // A compound run together is no extra word of the text.
                        if piece != Piece::Joined {
                            lengths[field] += 1;
                        }
                        let id = match dict.get(term, bytes) {
                            Some(STOP) => {
                                placer.place(piece, true);
                                return;
                            }
                            Some(id) => id,
                            None => {
                                let id = names.len() as u32;
                                dict.insert(term, id);
                                names.push(term.to_string());
                                counts.push([0; FIELDS]);
                                places.new_term();
                                id
                            }
                        };
                        if let Some(place) = placer.place(piece, false) {
                            places.add(id, place);
                        }
                        if let Some(spelled) = spelled {
                            match written.get_mut(&id) {
                                Some(least) if spelled >= least.as_str() => {}
                                Some(least) => spelled.clone_into(least),
                                None => {
                                    written.insert(id, spelled.to_string());
                                }
                            }
                        }
                        let count = &mut counts[id as usize];
                        if *count == [0; FIELDS] {
                            touched.push(id);
                        }
                        count[field] = count[field].saturating_add(1);
                    });
                }
                places.end_document();
                // Room a quarter at a time: the list is most of the chunk's memory.
                if entries.capacity() - entries.len() < touched.len() {
                    entries.reserve_exact(touched.len().max(entries.len() / 4));
                }
                for id in touched.drain(..) {
                    let counts = std::mem::take(&mut counts[id as usize]);
                    entries.push(pack(id, counts, places.take(id)));
                }
                starts.push(entries.len() as u32);
                lengths_of.push(lengths);
                doc.release_fields();
                docs.push(doc);
            }
            counted(n * chunk_size, &docs);
            let counted = Counted {
                names,
                entries,
                starts,
                lengths: lengths_of,
                arena: places.into_arena(),
            };
            (counted, written)
        })
        .collect();
    let (chunks, written) = chunks.into_iter().unzip();
    Counting { chunks, written }
}

impl Counting {
    /// The index of the counted documents.
    pub fn finish(self, stemmer: &Stemmer) -> Index {
        let Counting {
            mut chunks,
            written,
        } = self;

        // 2. One sorted dictionary; local numbers mapped onto it.
        let terms = dictionary(&chunks);
        let global: FastMap<&str, u32> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i as u32))
            .collect();

        // 3. Stem groups, numbered in stem order.
        let (term_group, group_count) = stem_groups(&terms, &global, &chunks, &written, stemmer);

        // 4. Group-level counts per document, merged in place; each chunk's list of
        // entries closes up behind the merged ones.
        chunks.par_iter_mut().for_each(|chunk| {
            let to_group: Vec<u32> = chunk
                .names
                .iter()
                .map(|n| term_group[global[n.as_str()] as usize])
                .collect();
            chunk.merge_forms(&to_group, group_count);
        });
        drop(global);
        // One arena of places for the whole index; each chunk's spans move by where
        // its arena went.
        let mut positions = Arena::default();
        positions.reserve(chunks.iter().map(|c| c.arena.len()).sum());
        let offsets: Vec<u32> = chunks
            .iter_mut()
            .map(|c| positions.append(&std::mem::take(&mut c.arena)))
            .collect();
        let documents: usize = chunks.iter().map(|c| c.lengths.len()).sum();
        assert!(
            documents < MOST_DOCUMENTS as usize,
            "a search index holds fewer than {MOST_DOCUMENTS} documents"
        );

        // 5. Document frequencies, and the weights of BM25 they and the fields'
        // lengths give.
        let mut df = vec![0u32; group_count];
        for entry in chunks.iter().flat_map(|c| &c.entries) {
            df[entry[0] as usize] += 1;
        }
        let scoring = Scoring::new(&chunks, &df, documents);
        let score = |entry: &[u32; 4], lengths: &[u32; FIELDS]| scoring.score(entry, lengths);

        // 6. Scores, then levels relative to the best score of the whole index.
        let best = chunks
            .par_iter()
            .map(|chunk| {
                chunk
                    .entries_by_document()
                    .map(|(d, e)| score(e, &chunk.lengths[d]))
                    .fold(f32::MIN_POSITIVE, f32::max)
            })
            .reduce(|| f32::MIN_POSITIVE, f32::max);

        // 7. Each entry becomes its posting, `[group, key, span]`, where it lies, and
        // each chunk's postings are sorted into their groups' order.
        let mut first_doc = 0;
        let firsts: Vec<usize> = chunks
            .iter()
            .map(|c| {
                let first = first_doc;
                first_doc += c.lengths.len();
                first
            })
            .collect();
        let sorted: Vec<Vec<[u32; 4]>> = chunks
            .into_par_iter()
            .zip(firsts)
            .zip(offsets)
            .map(|((chunk, first), offset)| {
                chunk.into_postings(first, offset, |entry, lengths| {
                    level(score(entry, lengths), best)
                })
            })
            .collect();
        let mut postings = Postings::default();
        for chunk in sorted {
            postings.push_chunk(chunk, group_count);
        }
        Index {
            terms,
            term_group,
            df,
            documents: documents as u32,
            positions,
            postings,
        }
    }
}

/// Every chunk's terms in one dictionary, sorted as the browser sorts them.
fn dictionary(chunks: &[Counted]) -> Vec<String> {
    let mut all: Vec<&str> = chunks
        .iter()
        .flat_map(|c| c.names.iter().map(String::as_str))
        .collect();
    all.par_sort_unstable_by(|a, b| browser_order(a, b));
    all.dedup();
    all.iter().map(|t| t.to_string()).collect()
}

/// The stem group of each of `terms` (numbered by `global`), groups numbered in the
/// order of their stems, and how many groups there are. A term folded from accented
/// words is stemmed as written, in its least spelling over all `chunks`.
fn stem_groups(
    terms: &[String],
    global: &FastMap<&str, u32>,
    chunks: &[Counted],
    written: &[FastMap<u32, String>],
    stemmer: &Stemmer,
) -> (Vec<u32>, usize) {
    let mut spelling: Vec<Option<&str>> = vec![None; terms.len()];
    for (chunk, written) in chunks.iter().zip(written) {
        for (&local, spelled) in written {
            let slot = &mut spelling[global[chunk.names[local as usize].as_str()] as usize];
            if slot.is_none_or(|least| spelled.as_str() < least) {
                *slot = Some(spelled);
            }
        }
    }
    let stems: Vec<String> = terms
        .par_iter()
        .zip(&spelling)
        .map(|(t, spelled)| stemmer.stem_written(t, *spelled).into_owned())
        .collect();
    drop(spelling);
    let mut sorted_stems: Vec<&str> = stems.iter().map(String::as_str).collect();
    sorted_stems.par_sort_unstable();
    sorted_stems.dedup();
    let group_of_stem: FastMap<&str, u32> = sorted_stems
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i as u32))
        .collect();
    let term_group = stems.iter().map(|s| group_of_stem[s.as_str()]).collect();
    (term_group, sorted_stems.len())
}

mod scoring;
#[cfg(test)]
mod tests;
