//! The inverted index: documents to terms, terms to stem groups, groups to scored
//! postings.
//!
//! In: [`Document`]s, made page by page as the count reaches them, and a [`Stemmer`].
//! Out: the documents, their text freed, and an [`Index`] whose every posting holds a
//! BM25 score already, summed over fields by weight (title > headings > body, see
//! [`WEIGHTS`]), quantised to 64 levels, so the browser only adds numbers, and the
//! places of the word in the document (see [`super::positions`]). Built in parallel
//! chunks with local dictionaries merged once.

use rayon::prelude::*;

use super::dictionary::{browser_order, Dictionary, FastMap};
use super::documents::{Document, FIELDS, WEIGHTS};
use super::positions::{Arena, Collector, Placer, Span};
use super::stemmer::Stemmer;
use super::tokenize::{each_term_with_bytes, Piece};

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation per field: full for running text, light for titles.
const B: [f32; FIELDS] = [0.3, 0.4, 0.4, 0.3, 0.75];
/// Each quantised level is this much above the one below.
pub const LEVEL_STEP: f32 = 1.12;
/// The highest level (levels are 0..=63, one base-64 digit).
pub const TOP_LEVEL: u8 = 63;

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

/// A stem group: every word form that shares a stem, and where it occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Documents that hold any form of the group.
    pub df: u32,
    /// `(document, level)`, best level first, then by document number.
    pub postings: Vec<(u32, u8)>,
    /// Where each posting's places are in [`Index::positions`].
    pub spans: Vec<Span>,
}

/// The whole index.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// Every term, sorted.
    pub terms: Vec<String>,
    /// The group of each term.
    pub term_group: Vec<u32>,
    /// Groups, numbered in the order of their stems.
    pub groups: Vec<Group>,
    pub documents: u32,
    /// The places of every posting.
    pub positions: Arena,
}

/// Counts of a term (or group) in each field of one document.
type FieldCounts = [u8; FIELDS];

/// Per-document term counts by field and places, with local term numbers.
struct Counted {
    terms: Vec<(u32, FieldCounts, Span)>,
    lengths: [u32; FIELDS],
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
    /// Per chunk of documents: its own term names, each document's counts, and the
    /// places they point to.
    chunks: Vec<(Vec<String>, Vec<Counted>, Arena)>,
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
    type Chunk = (Vec<String>, Vec<Counted>, Arena, FastMap<u32, String>);
    let chunks: Vec<Chunk> = items
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
            let mut counts_of = Vec::new();
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
                let terms = touched
                    .drain(..)
                    .map(|id| {
                        let counts = std::mem::take(&mut counts[id as usize]);
                        (id, counts, places.take(id))
                    })
                    .collect();
                counts_of.push(Counted { terms, lengths });
                doc.release_fields();
                docs.push(doc);
            }
            counted(n * chunk_size, &docs);
            (names, counts_of, places.into_arena(), written)
        })
        .collect();
    let (chunks, written) = chunks
        .into_iter()
        .map(|(names, counted, arena, written)| ((names, counted, arena), written))
        .unzip();
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
        let mut all: Vec<&str> = chunks
            .iter()
            .flat_map(|(names, ..)| names.iter().map(String::as_str))
            .collect();
        all.par_sort_unstable_by(|a, b| browser_order(a, b));
        all.dedup();
        let terms: Vec<String> = all.iter().map(|t| t.to_string()).collect();
        drop(all);
        let global: FastMap<&str, u32> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i as u32))
            .collect();

        // 3. Stem groups, numbered in stem order; a term folded from accented words is
        // stemmed as written.
        let mut spelling: Vec<Option<&str>> = vec![None; terms.len()];
        for ((names, ..), written) in chunks.iter().zip(&written) {
            for (&local, spelled) in written {
                let slot = &mut spelling[global[names[local as usize].as_str()] as usize];
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
        let term_group: Vec<u32> = stems.iter().map(|s| group_of_stem[s.as_str()]).collect();
        let group_count = sorted_stems.len();

        // 4. Group-level counts per document, merged in place.
        chunks.par_iter_mut().for_each(|(names, counted, arena)| {
            let to_group: Vec<u32> = names
                .iter()
                .map(|n| term_group[global[n.as_str()] as usize])
                .collect();
            // Where each group sits in the current document's list (u32::MAX: absent).
            let mut slot = vec![u32::MAX; group_count];
            for c in counted.iter_mut() {
                let mut kept = 0;
                for read in 0..c.terms.len() {
                    let (local, tf, span) = c.terms[read];
                    let g = to_group[local as usize];
                    match slot[g as usize] {
                        u32::MAX => {
                            slot[g as usize] = kept as u32;
                            c.terms[kept] = (g, tf, span);
                            kept += 1;
                        }
                        at => {
                            let (_, sum, places) = &mut c.terms[at as usize];
                            for f in 0..FIELDS {
                                sum[f] = sum[f].saturating_add(tf[f]);
                            }
                            // Two forms of one word in a document: one list of places.
                            *places = arena.merge(*places, span);
                        }
                    }
                }
                c.terms.truncate(kept);
                for &(g, ..) in &c.terms {
                    slot[g as usize] = u32::MAX;
                }
            }
        });
        drop(global);
        // One arena of places for the whole index; spans move with their chunk's.
        let mut positions = Arena::default();
        positions.reserve(chunks.iter().map(|(.., arena)| arena.len()).sum());
        let per_doc: Vec<Counted> = chunks
            .into_iter()
            .flat_map(|(_, mut counted, arena)| {
                let offset = positions.append(&arena);
                for (_, _, span) in counted.iter_mut().flat_map(|c| c.terms.iter_mut()) {
                    *span = span.moved(offset);
                }
                counted
            })
            .collect();

        let documents = per_doc.len();

        // 5. Document frequencies and average field lengths.
        let n = documents.max(1) as f32;
        let mut df = vec![0u32; group_count];
        let mut total = [0f64; FIELDS];
        for Counted { terms, lengths } in &per_doc {
            for &(g, ..) in terms {
                df[g as usize] += 1;
            }
            for f in 0..FIELDS {
                total[f] += f64::from(lengths[f]);
            }
        }
        let average: Vec<f32> = total.iter().map(|t| (*t as f32 / n).max(1.0)).collect();
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| (1.0 + (n - d as f32 + 0.5) / (d as f32 + 0.5)).ln())
            .collect();

        // 6. Scores, then levels relative to the best score of the whole index.
        // Each field saturates on its own before the weights apply, so a word in the title
        // outweighs the same word repeated in the text (in BM25F proper, one saturation over
        // the weighted sum would flatten the weights).
        let score = |tf: &FieldCounts, lengths: &[u32; FIELDS], g: u32| {
            let mut sum = 0.0;
            for f in 0..FIELDS {
                if tf[f] > 0 {
                    let norm = 1.0 - B[f] + B[f] * lengths[f] as f32 / average[f];
                    let tf = f32::from(tf[f]);
                    sum += WEIGHTS[f] * tf * (K1 + 1.0) / (tf + K1 * norm);
                }
            }
            idf[g as usize] * sum
        };
        // Every posting's score, in document order, then the best of them all.
        let scores: Vec<f32> = per_doc
            .par_iter()
            .flat_map_iter(|c| c.terms.iter().map(|(g, tf, _)| score(tf, &c.lengths, *g)))
            .collect();
        let best = scores
            .par_iter()
            .copied()
            .reduce(|| f32::MIN_POSITIVE, f32::max);
        // Each posting's level, in document order; then a counting sort by level puts
        // each group's postings straight where they belong: best level first, documents
        // in order within a level.
        let levels: Vec<u8> = scores.into_iter().map(|s| level(s, best)).collect();
        const LEVELS: usize = TOP_LEVEL as usize + 1;
        let mut next = vec![[0u32; LEVELS]; group_count];
        let mut at = 0;
        for c in &per_doc {
            for (g, ..) in &c.terms {
                next[*g as usize][usize::from(levels[at])] += 1;
                at += 1;
            }
        }
        for slots in &mut next {
            let mut start = 0;
            for slot in slots.iter_mut().rev() {
                let count = *slot;
                *slot = start;
                start += count;
            }
        }
        let mut postings: Vec<Vec<(u32, u8)>> =
            df.iter().map(|&d| vec![(0, 0); d as usize]).collect();
        let mut spans: Vec<Vec<Span>> = df
            .iter()
            .map(|&d| vec![Span::default(); d as usize])
            .collect();
        let mut at = 0;
        for (doc, c) in per_doc.iter().enumerate() {
            for (g, _, span) in &c.terms {
                let level = levels[at];
                let slot = &mut next[*g as usize][usize::from(level)];
                postings[*g as usize][*slot as usize] = (doc as u32, level);
                spans[*g as usize][*slot as usize] = *span;
                *slot += 1;
                at += 1;
            }
        }
        drop(per_doc);
        let groups = postings
            .into_iter()
            .zip(spans)
            .zip(df)
            .map(|((postings, spans), df)| Group {
                df,
                postings,
                spans,
            })
            .collect();
        Index {
            terms,
            term_group,
            groups,
            documents: documents as u32,
            positions,
        }
    }
}

/// The level of `score`: [`TOP_LEVEL`] for the best score, one less per [`LEVEL_STEP`].
pub fn level(score: f32, best: f32) -> u8 {
    if score <= 0.0 {
        return 0;
    }
    let below = (best / score).ln() / LEVEL_STEP.ln();
    // Rounded half up by truncating (one instruction, where `round` is a call).
    let steps = (below.max(0.0) + 0.5) as u32;
    TOP_LEVEL.saturating_sub(steps.min(u32::from(TOP_LEVEL)) as u8)
}

#[cfg(test)]
mod tests;
