//! Computed related pages: for each page, the pages that share the most with it
//! (tags, category, audience), found among a bounded pool of candidates so that the
//! work per page stays the same however many pages share a tag or a category.

use std::cmp::Reverse;

use rayon::prelude::*;

use crate::fingerprint::FastMap;
#[cfg(doc)]
use crate::site::Site;
use crate::site::{Page, PageId, SectionId};

/// How many related pages an article shows.
pub const RELATED_LIMIT: usize = 4;

/// The most candidates one tag, pair of tags or category offers a page: all of its
/// pages when it has no more than this, otherwise the ones nearest the page in
/// reading order.
pub const CANDIDATES_PER_LIST: usize = 32;

/// How many of a page's tags, its rarest, make the pairs whose shared pages are
/// looked up (6 tags make 15 pairs).
const PAIRED_TAGS: usize = 6;

/// What a shared tag, the same category and a shared audience are worth.
const TAG_POINTS: u32 = 3;
const CATEGORY_POINTS: u32 = 2;
const AUDIENCE_POINTS: u32 = 1;

/// The related pages each page's own `related` list leaves room for, up to
/// [`RELATED_LIMIT`] in all: the pages sharing the most tags, category and audience,
/// ties going to the earlier page by `order`, then title, then path.
///
/// Candidates are the pages that share a tag or the category with the page. So that
/// the work per page does not grow with the hub, each tag, each pair of the page's
/// tags and its category offer at most [`CANDIDATES_PER_LIST`] of their pages, those
/// nearest the page in reading order (its own section first). The best candidates
/// share several things at once; the pages carrying two of its tags are found
/// through the pair, even where each tag alone has thousands of pages. A tag or
/// category small enough offers all of its pages, so in a hub without big ones every
/// page sharing something is a candidate. Every candidate is scored on all it shares.
///
/// `rank` is each page's place by `order`, then title ([`Site::ranks`]): the only way
/// titles reach the lists.
pub fn computed_related(pages: &[Page], rank: &[usize]) -> Vec<Vec<PageId>> {
    let index = Index::new(pages, rank);
    let audiences = Audiences::new(pages);
    // Scoring reads small arrays, not the pages: a candidate costs a few cache lines.
    let score = |i: PageId, j: PageId| {
        let theirs = index.tags_of(j);
        let shared_tags = index
            .tags_of(i)
            .iter()
            .map(|a| theirs.iter().filter(|b| *b == a).count() as u32)
            .sum::<u32>();
        TAG_POINTS * shared_tags
            + CATEGORY_POINTS * u32::from(index.category[i] == index.category[j])
            + AUDIENCE_POINTS * u32::from(audiences.shared(pages, i, j))
    };
    let unseen = || (Vec::new(), vec![PageId::MAX; pages.len()]);
    (0..pages.len())
        .into_par_iter()
        .map_init(unseen, |(pool, seen), i| {
            let page = &pages[i];
            let wanted = RELATED_LIMIT.saturating_sub(page.related.len());
            if wanted == 0 {
                return Vec::new();
            }
            index.candidates(i, pool, seen);
            // The best few, best first: higher score, then earlier by `order` and title.
            let mut best: Vec<(Reverse<u32>, usize, PageId)> = Vec::with_capacity(wanted + 1);
            for &j in pool.iter() {
                if j == i || page.related.contains(&j) {
                    continue;
                }
                let key = (Reverse(score(i, j)), rank[j], j);
                if best.len() == wanted && key >= best[wanted - 1] {
                    continue;
                }
                let at = best.partition_point(|b| *b < key);
                best.insert(at, key);
                best.truncate(wanted);
            }
            best.iter().map(|&(_, _, j)| j).collect()
        })
        .collect()
}

/// Who shares what: each tag's, each pair of tags' and each category's pages, in
/// reading order.
struct Index {
    /// Every page's tags as numbers, each page's in its own order (a repeated tag
    /// counts twice), page after page: page `p`'s from `tag_start[p]`.
    tags: Vec<u32>,
    tag_start: Vec<usize>,
    category: Vec<SectionId>,
    /// Each page's place in the hub's reading order.
    position: Vec<usize>,
    by_tag: Vec<Vec<PageId>>,
    by_category: FastMap<SectionId, Vec<PageId>>,
    by_pair: FastMap<(u32, u32), Vec<PageId>>,
    /// Each page's pairs of tags: of its [`PAIRED_TAGS`] rarest, each pair once.
    pairs: Vec<Vec<(u32, u32)>>,
}

impl Index {
    fn new(pages: &[Page], rank: &[usize]) -> Index {
        let position = reading_positions(pages, rank);
        let mut numbers: FastMap<&str, u32> = FastMap::default();
        let mut tags = Vec::new();
        let mut tag_start = vec![0];
        let mut distinct: Vec<Vec<u32>> = Vec::with_capacity(pages.len());
        for page in pages {
            let first = tags.len();
            for tag in &page.front.tags {
                let next = numbers.len() as u32;
                tags.push(*numbers.entry(tag.as_str()).or_insert(next));
            }
            tag_start.push(tags.len());
            let mut own = tags[first..].to_vec();
            own.sort_unstable();
            own.dedup();
            distinct.push(own);
        }
        let mut in_order: Vec<PageId> = (0..pages.len()).collect();
        in_order.sort_by_key(|&p| position[p]);
        let mut by_tag: Vec<Vec<PageId>> = vec![Vec::new(); numbers.len()];
        let mut by_category: FastMap<SectionId, Vec<PageId>> = FastMap::default();
        for &p in &in_order {
            for &t in &distinct[p] {
                by_tag[t as usize].push(p);
            }
            by_category.entry(pages[p].category).or_default().push(p);
        }
        let pairs: Vec<Vec<(u32, u32)>> = distinct
            .iter()
            .map(|own| {
                let mut rarest = own.clone();
                rarest.sort_by_key(|&t| (by_tag[t as usize].len(), t));
                rarest.truncate(PAIRED_TAGS);
                rarest.sort_unstable();
                let mut pairs = Vec::new();
                for (n, &a) in rarest.iter().enumerate() {
                    pairs.extend(rarest[n + 1..].iter().map(|&b| (a, b)));
                }
                pairs
            })
            .collect();
        let mut by_pair: FastMap<(u32, u32), Vec<PageId>> = FastMap::default();
        for &p in &in_order {
            for &pair in &pairs[p] {
                by_pair.entry(pair).or_default().push(p);
            }
        }
        Index {
            tags,
            tag_start,
            category: pages.iter().map(|p| p.category).collect(),
            position,
            by_tag,
            by_category,
            by_pair,
            pairs,
        }
    }

    fn tags_of(&self, p: PageId) -> &[u32] {
        &self.tags[self.tag_start[p]..self.tag_start[p + 1]]
    }

    /// Fills `pool` with page `i`'s candidates (`i` among them), each once: `seen`
    /// holds, for every page, the last page whose pool took it.
    fn candidates(&self, i: PageId, pool: &mut Vec<PageId>, seen: &mut [PageId]) {
        pool.clear();
        let position = &self.position;
        let lists = self
            .tags_of(i)
            .iter()
            .map(|&t| &self.by_tag[t as usize])
            .chain(self.pairs[i].iter().map(|pair| &self.by_pair[pair]))
            .chain([&self.by_category[&self.category[i]]]);
        for list in lists {
            for &j in nearest(list, position, i) {
                if seen[j] != i {
                    seen[j] = i;
                    pool.push(j);
                }
            }
        }
    }
}

/// Each page's place in the hub's reading order: category by category, each along
/// its chain of previous/next links (its own pages, then each section's). Every page
/// without a previous one starts a chain, so pages without links still get a place.
fn reading_positions(pages: &[Page], rank: &[usize]) -> Vec<usize> {
    let mut heads: Vec<PageId> = (0..pages.len())
        .filter(|&p| pages[p].prev.is_none())
        .collect();
    heads.sort_by_key(|&p| (pages[p].category, rank[p]));
    let mut position = vec![usize::MAX; pages.len()];
    let mut placed = 0;
    for head in heads {
        let mut at = Some(head);
        while let Some(p) = at.filter(|&p| position[p] == usize::MAX) {
            position[p] = placed;
            placed += 1;
            at = pages[p].next;
        }
    }
    // Links that loop have no head: such pages go last, by rank, so each has a place.
    let mut rest: Vec<PageId> = (0..pages.len())
        .filter(|&p| position[p] == usize::MAX)
        .collect();
    rest.sort_by_key(|&p| rank[p]);
    for p in rest {
        position[p] = placed;
        placed += 1;
    }
    position
}

/// The pages of `list` (in reading order, `page` among them) that it offers `page`
/// as candidates: all of them, or the [`CANDIDATES_PER_LIST`] nearest it in reading
/// order, half before and half after where the list allows (plus `page` itself).
fn nearest<'a>(list: &'a [PageId], position: &[usize], page: PageId) -> &'a [PageId] {
    let size = CANDIDATES_PER_LIST + 1;
    if list.len() <= size {
        return list;
    }
    let at = list.partition_point(|&p| position[p] < position[page]);
    let start = at
        .saturating_sub(CANDIDATES_PER_LIST / 2)
        .min(list.len() - size);
    &list[start..start + size]
}

/// Each page's audiences as bits, so that sharing one is a single AND.
struct Audiences {
    masks: Vec<u64>,
    /// More than 64 audiences share bits, so a shared bit must then be checked.
    exact: bool,
}

impl Audiences {
    fn new(pages: &[Page]) -> Audiences {
        let mut bits: FastMap<&str, u32> = FastMap::default();
        for page in pages {
            for a in &page.front.audience {
                let next = bits.len() as u32;
                bits.entry(a.as_str()).or_insert(next);
            }
        }
        let masks = pages
            .iter()
            .map(|p| {
                p.front
                    .audience
                    .iter()
                    .fold(0, |m, a| m | 1u64 << (bits[a.as_str()] % 64))
            })
            .collect();
        Audiences {
            masks,
            exact: bits.len() <= 64,
        }
    }

    fn shared(&self, pages: &[Page], i: PageId, j: PageId) -> bool {
        self.masks[i] & self.masks[j] != 0
            && (self.exact
                || pages[j]
                    .front
                    .audience
                    .iter()
                    .any(|a| pages[i].front.audience.contains(a)))
    }
}

#[cfg(test)]
mod tests {
    use super::{nearest, CANDIDATES_PER_LIST};

    #[test]
    fn a_long_list_offers_the_pages_nearest_in_reading_order() {
        // 2,000 pages whose reading order is their number, in a list of every other one.
        let position: Vec<usize> = (0..2000).collect();
        let list: Vec<usize> = (0..2000).step_by(2).collect();
        let offered = nearest(&list, &position, 1000);
        assert_eq!(offered.len(), CANDIDATES_PER_LIST + 1);
        let half = CANDIDATES_PER_LIST / 2;
        assert_eq!(offered[0], 1000 - 2 * half);
        assert_eq!(offered[offered.len() - 1], 1000 + 2 * half);
        // At either end of the list the window keeps its size.
        assert_eq!(
            nearest(&list, &position, 0),
            &list[..CANDIDATES_PER_LIST + 1]
        );
        let last = nearest(&list, &position, 1998);
        assert_eq!(last, &list[list.len() - CANDIDATES_PER_LIST - 1..]);
    }

    #[test]
    fn a_short_list_offers_every_page() {
        let position: Vec<usize> = (0..100).collect();
        let list: Vec<usize> = (0..=CANDIDATES_PER_LIST).collect();
        assert_eq!(nearest(&list, &position, 3), &list[..]);
    }
}
