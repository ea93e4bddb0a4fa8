//! The places shards (`x/N`, `x/G-T`): where each word of a group's best results
//! stands, beside the postings shards, for queries of two words or more.
//!
//! In: the built [`Index`] and the groups of each postings shard. Out: the shards,
//! handed on as each is made, and their hashes for the manifest's version.

use std::ops::Range;

use rayon::prelude::*;

use super::index::Index;
use super::positions::PLACED_TIERS;
use super::postings::Group;
use super::shard::{script, shard_hash, tier_bounds, Shard, TIERS};

/// The places of the postings `from..to` of a group, in document order.
fn tier(index: &Index, group: &Group, from: usize, to: usize) -> String {
    let mut order: Vec<usize> = (from..to).collect();
    order.sort_by_key(|&i| group.postings[i].0);
    order
        .into_iter()
        .map(|i| index.positions.get(group.spans[i]))
        .collect()
}

/// Hands the places shards to `emit` as each is made, and returns their hashes in a
/// fixed order: `x/N` holds the first tier's places of each group of the postings
/// shard `p/N` (`ranges`), `x/G-T` those of tier `T` of group `G`, for the first
/// [`PLACED_TIERS`] tiers. Groups of characters cut one by one have none, and a shard
/// of only those is not written.
pub fn shards(index: &Index, ranges: &[Range<usize>], emit: &(dyn Fn(Shard) + Sync)) -> Vec<u64> {
    let placed = |g: usize| index.has_places(g);
    let handed = |shard: Shard| {
        let hash = shard_hash(&shard);
        emit(shard);
        hash
    };
    let mut hashes: Vec<u64> = ranges
        .par_iter()
        .enumerate()
        .filter(|(_, range)| Range::clone(range).any(placed))
        .map(|(n, range)| {
            let firsts: Vec<String> = range
                .clone()
                .map(|g| {
                    let (from, to) = tier_bounds(index.df[g] as usize)[0];
                    tier(index, &index.group(g), from, to)
                })
                .collect();
            handed(script(&format!("x/{n}"), &firsts))
        })
        .collect();
    let later: Vec<u64> = (0..index.groups())
        .into_par_iter()
        .filter(|&g| index.df[g] as usize > TIERS[0] && placed(g))
        .flat_map_iter(|g| {
            let group = index.group(g);
            let bounds = tier_bounds(group.postings.len());
            bounds
                .into_iter()
                .enumerate()
                .take(PLACED_TIERS)
                .skip(1)
                .map(|(t, (from, to))| {
                    handed(script(
                        &format!("x/{g}-{t}"),
                        &tier(index, &group, from, to),
                    ))
                })
                .collect::<Vec<u64>>()
        })
        .collect();
    hashes.extend(later);
    hashes
}
