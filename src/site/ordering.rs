//! Stable order: sections and pages by `order` then title, previous/next in reading
//! order, related pages, and tags.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::site::{Page, PageId, Section, SectionId, Tag};
use crate::text::slugify;

pub(super) fn title_key(page: &Page) -> (String, &str) {
    (page.front.title.to_lowercase(), page.rel.as_str())
}

/// Sorts by `order` (pages without one last), then title, then path.
pub(super) type OrderKey = (bool, i64, String, String);

pub(super) fn order_key(order: Option<i64>, title: &str, tie: &str) -> OrderKey {
    (
        order.is_none(),
        order.unwrap_or(0),
        title.to_lowercase(),
        tie.to_string(),
    )
}

pub(super) fn order_sections(sections: &mut [Section], pages: &[Page]) {
    for (i, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(i);
    }
    let keys: Vec<_> = sections
        .iter()
        .map(|s| order_key(s.order, &s.title, &s.dir))
        .collect();
    for section in sections.iter_mut() {
        section.pages.sort_by_key(|&p| {
            order_key(pages[p].front.order, &pages[p].front.title, &pages[p].rel)
        });
        section.children.sort_by_key(|&c| keys[c].clone());
    }
    for id in (0..sections.len()).rev() {
        let below: usize = sections[id]
            .children
            .iter()
            .map(|&c| sections[c].page_count)
            .sum();
        sections[id].page_count = sections[id].pages.len() + below;
    }
}

/// Reading order inside a category: its own pages, then each section's, depth first.
pub(super) fn fill_neighbours(sections: &[Section], pages: &mut [Page]) {
    fn walk(sections: &[Section], id: SectionId, out: &mut Vec<PageId>) {
        out.extend(&sections[id].pages);
        for &child in &sections[id].children {
            walk(sections, child, out);
        }
    }
    let mut sequences = vec![sections[0].pages.clone()];
    for &category in &sections[0].children {
        let mut sequence = Vec::new();
        walk(sections, category, &mut sequence);
        sequences.push(sequence);
    }
    for sequence in sequences {
        for (n, &p) in sequence.iter().enumerate() {
            pages[p].prev = n.checked_sub(1).map(|m| sequence[m]);
            pages[p].next = sequence.get(n + 1).copied();
        }
    }
}

/// How many related pages an article shows.
pub const RELATED_LIMIT: usize = 4;

/// The related pages each page's own `related` list leaves room for, up to
/// [`RELATED_LIMIT`] in all: the pages sharing the most tags, category and audience
/// (ties in reading order). Candidates come from a tag and category index, so the
/// cost grows with the pages a page shares something with, not with the hub.
pub fn computed_related(pages: &[Page]) -> Vec<Vec<PageId>> {
    let mut by_order: Vec<PageId> = (0..pages.len()).collect();
    by_order.sort_by_cached_key(|&p| {
        order_key(pages[p].front.order, &pages[p].front.title, &pages[p].rel)
    });
    let mut rank = vec![0; pages.len()];
    for (position, &p) in by_order.iter().enumerate() {
        rank[p] = position;
    }
    let mut by_tag: HashMap<&str, Vec<PageId>> = HashMap::new();
    let mut by_category: HashMap<SectionId, Vec<PageId>> = HashMap::new();
    for (id, page) in pages.iter().enumerate() {
        for tag in &page.front.tags {
            by_tag.entry(tag.as_str()).or_default().push(id);
        }
        by_category.entry(page.category).or_default().push(id);
    }
    // Each page's audiences as bits, so sharing one is a single AND.
    let mut audience_bits: HashMap<&str, u32> = HashMap::new();
    for page in pages {
        for a in &page.front.audience {
            let next = audience_bits.len() as u32;
            audience_bits.entry(a.as_str()).or_insert(next);
        }
    }
    let bit = |a: &str| 1u64 << (audience_bits[a] % 64);
    let masks: Vec<u64> = pages
        .iter()
        .map(|p| p.front.audience.iter().fold(0, |m, a| m | bit(a)))
        .collect();
    let exact = audience_bits.len() <= 64;
    let shares_audience = |i: PageId, j: PageId| {
        masks[i] & masks[j] != 0
            && (exact
                || pages[j]
                    .front
                    .audience
                    .iter()
                    .any(|a| pages[i].front.audience.contains(a)))
    };
    let pages_ref = pages;
    // Scores live in one array per worker, indexed by page, and only the entries a page
    // touched are read back and reset: a big hub's tags hold thousands of pages each.
    let computed: Vec<Vec<PageId>> = (0..pages.len())
        .into_par_iter()
        .map_init(
            || (vec![0u32; pages_ref.len()], Vec::new()),
            |(scores, touched), i| {
                let page = &pages_ref[i];
                let wanted = RELATED_LIMIT.saturating_sub(page.related.len());
                if wanted == 0 {
                    return Vec::new();
                }
                let mut add = |j: PageId, points: u32| {
                    if scores[j] == 0 {
                        touched.push(j);
                    }
                    scores[j] += points;
                };
                for tag in &page.front.tags {
                    for &j in by_tag.get(tag.as_str()).into_iter().flatten() {
                        add(j, 3);
                    }
                }
                for &j in &by_category[&page.category] {
                    add(j, 2);
                }
                // The best few, best first: higher score, then earlier in reading order.
                let mut best: Vec<(Reverse<u32>, usize, PageId)> = Vec::with_capacity(wanted + 1);
                for j in touched.drain(..) {
                    let score = std::mem::take(&mut scores[j]);
                    if j == i || page.related.contains(&j) {
                        continue;
                    }
                    let key = (
                        Reverse(score + u32::from(shares_audience(i, j))),
                        rank[j],
                        j,
                    );
                    if best.len() == wanted && key >= best[wanted - 1] {
                        continue;
                    }
                    let at = best.partition_point(|b| *b < key);
                    best.insert(at, key);
                    best.truncate(wanted);
                }
                best.iter().map(|&(_, _, j)| j).collect()
            },
        )
        .collect();
    computed
}

pub(super) fn collect_tags(pages: &[Page]) -> Vec<Tag> {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        for label in &page.front.tags {
            let slug = slugify(label);
            let tag = tags.entry(slug.clone()).or_insert_with(|| Tag {
                slug,
                label: label.clone(),
                pages: Vec::new(),
            });
            // Pages arrive in order, so a label repeated on one page is the last entry.
            if tag.pages.last() != Some(&i) {
                tag.pages.push(i);
            }
        }
    }
    let mut tags: Vec<Tag> = tags.into_values().collect();
    for tag in &mut tags {
        tag.pages.sort_by_cached_key(|&p| title_key(&pages[p]));
    }
    tags
}
