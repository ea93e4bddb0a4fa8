//! The index as small `.js` files the browser loads only when a query needs them.
//!
//! In: what the document bundles, written as the count made their documents (see
//! `bundles`), leave for the manifest, then the runs and the [`Index`]. Out: [`Shard`]s, handed on one by one as they are made,
//! each a script that calls `guidepostIndex(key, data)`, so loading works the same
//! over http:// and file://:
//! - `manifest`: shard boundaries, filters, runs and stop words;
//! - `v/N`: a slice of the sorted vocabulary (terms, their groups, group sizes);
//! - `p/N`: the best postings of a fixed number of groups; `p/G-T`: tier `T` of a
//!   large group `G`, fetched only when the best ones are not enough;
//! - `x/N` and `x/G-T`: the places of the words of those postings (see
//!   [`super::positions`]), fetched only for a query of two words or more;
//! - `d/N`: a fixed number of documents' URL, titles and excerpt text; a section
//!   that follows another of the same page leaves out the page's URL, title and
//!   breadcrumb (`[anchor, heading, text]`).
//!
//! Numbers are written as base-64 varints (see [`push_varint`]) inside JS strings.

use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::documents::Run;

use super::bundles::Bundles;
use super::index::Index;
use super::shard::{encode_postings, push_varint, script, shard_hash, tier_bounds, Shard, TIERS};
use crate::site::{PageKind, Site};

/// The size a vocabulary shard grows to before the next starts.
const VOCABULARY_BYTES: usize = 6 * 1024;
/// The average size aimed at for a postings shard.
const POSTINGS_BYTES: usize = 4 * 1024;

/// Everything the browser learns before it loads any other shard.
#[derive(Serialize)]
struct Manifest<'a> {
    version: String,
    documents: u32,
    /// The first term of each vocabulary shard.
    vocabulary: Vec<&'a str>,
    groups: usize,
    /// The first group of each postings shard, as varint gaps.
    group_starts: String,
    docs_per_bundle: usize,
    tiers: &'static [usize],
    /// How many tiers of each group have their places written (`x/` shards).
    placed_tiers: usize,
    /// Per run, as varints: the gap to its first document, its kind (0 article, 1 FAQ,
    /// 2 template), its category and its audience mask.
    runs: String,
    /// `[first document, end, weight]` of pages whose weight is not 1.
    weights: Vec<(usize, usize, f64)>,
    categories: Vec<&'a str>,
    audiences: Vec<&'a str>,
    stopwords: &'static [&'static str],
}

/// Makes the other shards and hands each to `emit` as soon as it is made, the
/// manifest last (its version is a hash of all of them, the bundles included).
pub fn shards(
    site: &Site,
    bundles: Bundles,
    runs: &[Run],
    index: &Index,
    emit: &(dyn Fn(Shard) + Sync),
) {
    let (vocabulary, first_terms) = vocabulary_shards(index);
    let (postings, group_starts, ranges) = postings_shards(index);
    // The places, the largest of these, are handed on as each shard is made.
    let places = super::place_shards::shards(index, &ranges, emit);
    let hash = vocabulary
        .into_iter()
        .chain(postings)
        .map(|shard| {
            let hash = shard_hash(&shard);
            emit(shard);
            hash
        })
        .chain(places)
        .chain(bundles.hashes)
        .fold(0u64, |all, h| {
            (all.rotate_left(7) ^ h).wrapping_mul(0x100_0000_01b3)
        });
    let manifest = Manifest {
        version: format!("{:010x}", hash >> 24),
        documents: index.documents,
        vocabulary: first_terms,
        groups: index.groups(),
        group_starts,
        docs_per_bundle: bundles.per_bundle,
        tiers: TIERS,
        placed_tiers: super::positions::PLACED_TIERS,
        runs: encode_runs(runs),
        weights: bundles.weights,
        categories: super::documents::categories(site)
            .into_iter()
            .map(|c| {
                if c == 0 {
                    site.config.strings.home.as_str()
                } else {
                    site.sections[c].title.as_str()
                }
            })
            .collect(),
        audiences: site
            .config
            .audiences
            .iter()
            .map(|a| site.config.local(&a.label))
            .collect(),
        stopwords: super::index::stopwords(&site.config.language),
    };
    emit(script("manifest", &manifest));
}

fn encode_runs(runs: &[Run]) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for run in runs {
        let kind = match run.kind {
            PageKind::Article => 0,
            PageKind::Faq => 1,
            PageKind::Template => 2,
        };
        for value in [
            (run.start - previous) as u64,
            kind,
            run.category as u64,
            u64::from(run.audiences),
        ] {
            push_varint(&mut out, value);
        }
        previous = run.start;
    }
    out
}

fn vocabulary_shards(index: &Index) -> (Vec<Shard>, Vec<&str>) {
    let mut shards = Vec::new();
    let mut firsts = Vec::new();
    let mut start = 0;
    while start < index.terms.len() {
        let mut terms = String::new();
        let mut groups = String::new();
        let mut sizes = String::new();
        let mut previous: i64 = 0;
        let mut end = start;
        while end < index.terms.len() && terms.len() + groups.len() + sizes.len() < VOCABULARY_BYTES
        {
            if end > start {
                terms.push(' ');
            }
            terms.push_str(&index.terms[end]);
            let group = i64::from(index.term_group[end]);
            let delta = group - previous;
            // Zig-zag: small steps either way stay one digit.
            push_varint(&mut groups, ((delta << 1) ^ (delta >> 63)) as u64);
            push_varint(&mut sizes, u64::from(index.df[group as usize]));
            previous = group;
            end += 1;
        }
        firsts.push(index.terms[start].as_str());
        shards.push(script(
            &format!("v/{}", shards.len()),
            &(terms, groups, sizes),
        ));
        start = end;
    }
    (shards, firsts)
}

/// Packs the first tiers of consecutive groups into shards of about
/// [`POSTINGS_BYTES`]; returns the shards, the first group of each as varints, and
/// the groups of each.
fn postings_shards(index: &Index) -> (Vec<Shard>, String, Vec<Range<usize>>) {
    let encoded: Vec<(String, Vec<String>)> = (0..index.groups())
        .into_par_iter()
        .map(|g| {
            let group = index.group(g);
            let mut tiers: Vec<String> = tier_bounds(group.postings.len())
                .into_iter()
                .map(|(a, b)| encode_postings(&mut group.postings[a..b].to_vec()))
                .collect();
            let first = tiers.remove(0);
            (first, tiers)
        })
        .collect();
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (g, (first, _)) in encoded.iter().enumerate() {
        if bytes > 0 && bytes + first.len() > POSTINGS_BYTES {
            ranges.push(start..g);
            start = g;
            bytes = 0;
        }
        bytes += first.len() + 12;
    }
    ranges.push(start..encoded.len());
    let mut starts = String::new();
    let mut previous = 0;
    for range in &ranges {
        push_varint(&mut starts, (range.start - previous) as u64);
        previous = range.start;
    }
    let mut shards: Vec<Shard> = ranges
        .par_iter()
        .enumerate()
        .map(|(n, range)| {
            let entries: Vec<(u32, usize, &str)> = range
                .clone()
                .map(|g| {
                    let (first, rest) = &encoded[g];
                    (index.df[g], rest.len() + 1, first.as_str())
                })
                .collect();
            script(&format!("p/{n}"), &entries)
        })
        .collect();
    for (g, (_, rest)) in encoded.iter().enumerate() {
        for (t, tier) in rest.iter().enumerate() {
            shards.push(script(&format!("p/{g}-{}", t + 1), tier));
        }
    }
    (shards, starts, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::shard::{read_varints, DIGITS};

    #[test]
    fn varints_round_trip() {
        let mut s = String::new();
        for v in [0, 1, 31, 32, 1023, 1024, 4_000_000_000] {
            push_varint(&mut s, v);
        }
        assert_eq!(
            read_varints(&s).unwrap(),
            [0, 1, 31, 32, 1023, 1024, 4_000_000_000]
        );
        let mut one = String::new();
        push_varint(&mut one, 31);
        assert_eq!(one, "V");
    }

    #[test]
    fn postings_are_gaps_and_levels() {
        let encoded = encode_postings(&mut [(40, 7), (3, 63), (5, 0)]);
        // Documents 3, 5, 40 as gaps 3, 2, 35, each followed by its level digit.
        let mut expected = String::new();
        for (gap, level) in [(3, 63), (2, 0), (35, 7)] {
            push_varint(&mut expected, gap);
            expected.push(DIGITS[level] as char);
        }
        assert_eq!(encoded, expected);
    }

    #[test]
    fn tiers_grow_and_cover_everything() {
        assert_eq!(tier_bounds(0), [(0, 0)]);
        assert_eq!(tier_bounds(10), [(0, 10)]);
        let bounds = tier_bounds(40_000);
        assert_eq!(bounds[0], (0, 160));
        assert_eq!(bounds[1], (160, 1760));
        assert_eq!(bounds.last().unwrap().1, 40_000);
        assert!(bounds.windows(2).all(|w| w[0].1 == w[1].0));
    }
}
