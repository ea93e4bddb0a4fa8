//! Stable order: sections and pages by `order` then title, previous/next in reading
//! order, and tags.

use crate::fingerprint::FastMap;

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

/// Each page's place when all pages are sorted by `order`, then title, then path:
/// made once per site, for its sections' lists and for [`super::computed_related`].
fn ranks(pages: &[Page]) -> Vec<usize> {
    let mut by_order: Vec<PageId> = (0..pages.len()).collect();
    // Each page's key is made once: it lowercases the title.
    by_order.sort_by_cached_key(|&p| {
        order_key(pages[p].front.order, &pages[p].front.title, &pages[p].rel)
    });
    places(&by_order)
}

/// Each page's place in `order`, a list of every page.
fn places(order: &[PageId]) -> Vec<usize> {
    let mut place = vec![0; order.len()];
    for (n, &p) in order.iter().enumerate() {
        place[p] = n;
    }
    place
}

/// Puts the pages in order by `order` and title: returns each page's rank and the
/// tags with their pages, and makes each section's list (afresh), previous and next,
/// and the order of `templates`.
pub(super) fn put_in_order(
    sections: &mut [Section],
    pages: &mut [Page],
    templates: &mut [PageId],
) -> (Vec<usize>, Vec<Tag>) {
    let ranks = ranks(pages);
    let tags = collect_tags(pages);
    make_lists(sections, pages, templates, &ranks);
    (ranks, tags)
}

/// [`put_in_order`] again after only the titles or orders of the `edited` pages
/// changed, from the `ranks` and `tags` made before: the edited pages are taken out
/// of the order and put back where they now belong, and only the tags they carry are
/// sorted again, so a new title does not sort the whole hub. The result is the same.
pub(super) fn put_in_order_again(
    sections: &mut [Section],
    pages: &mut [Page],
    templates: &mut [PageId],
    (ranks, mut tags): (Vec<usize>, Vec<Tag>),
    edited: &[PageId],
) -> (Vec<usize>, Vec<Tag>) {
    let ranks = ranks_again(pages, &ranks, edited);
    for tag in &mut tags {
        if tag.pages.iter().any(|p| edited.contains(p)) {
            tag.pages.sort_by_cached_key(|&p| title_key(&pages[p]));
        }
    }
    make_lists(sections, pages, templates, &ranks);
    (ranks, tags)
}

/// Each page's rank after the `edited` pages' keys changed, from the ranks before:
/// the other pages keep their order among themselves, and each edited page is put
/// back in by a binary search.
fn ranks_again(pages: &[Page], before: &[usize], edited: &[PageId]) -> Vec<usize> {
    let key = |p: PageId| order_key(pages[p].front.order, &pages[p].front.title, &pages[p].rel);
    let mut by_order = vec![0; before.len()];
    for (p, &place) in before.iter().enumerate() {
        by_order[place] = p;
    }
    let mut edited = edited.to_vec();
    edited.sort_unstable();
    edited.dedup();
    by_order.retain(|p| edited.binary_search(p).is_err());
    for p in edited {
        let own = key(p);
        let at = by_order.partition_point(|&q| key(q) < own);
        by_order.insert(at, p);
    }
    places(&by_order)
}

/// Each section's list (afresh), previous and next, and the order of `templates`.
fn make_lists(
    sections: &mut [Section],
    pages: &mut [Page],
    templates: &mut [PageId],
    ranks: &[usize],
) {
    for section in sections.iter_mut() {
        section.pages.clear();
    }
    order_sections(sections, pages, ranks);
    fill_neighbours(sections, pages);
    templates.sort_by_cached_key(|&t| title_key(&pages[t]));
}

fn order_sections(sections: &mut [Section], pages: &[Page], ranks: &[usize]) {
    for (i, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(i);
    }
    let keys: Vec<_> = sections
        .iter()
        .map(|s| order_key(s.order, &s.title, &s.dir))
        .collect();
    for section in sections.iter_mut() {
        section.pages.sort_unstable_by_key(|&p| ranks[p]);
        section.children.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
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
fn fill_neighbours(sections: &[Section], pages: &mut [Page]) {
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

/// The `n` pages with the latest `updated` dates, newest first (then by path): the
/// newest are picked out before they are sorted, so a feed of 50 pages does not sort
/// the whole hub.
pub(super) fn recently_updated(pages: &[Page], n: usize) -> Vec<PageId> {
    let newest_first = |&a: &PageId, &b: &PageId| {
        let (pa, pb) = (&pages[a], &pages[b]);
        (pb.front.updated.cmp(&pa.front.updated)).then_with(|| pa.rel.cmp(&pb.rel))
    };
    let mut dated: Vec<PageId> = (0..pages.len())
        .filter(|&p| pages[p].front.updated.is_some())
        .collect();
    if n > 0 && dated.len() > n {
        dated.select_nth_unstable_by(n - 1, newest_first);
    }
    dated.truncate(n);
    dated.sort_unstable_by(newest_first);
    dated
}

fn collect_tags(pages: &[Page]) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    // Each label is looked up once per page and made a slug once; labels that make
    // the same slug are one tag, named as the first page wrote it.
    let mut by_label: FastMap<&str, usize> = FastMap::default();
    let mut by_slug: FastMap<String, usize> = FastMap::default();
    for (i, page) in pages.iter().enumerate() {
        for label in &page.front.tags {
            let n = match by_label.get(label.as_str()) {
                Some(&n) => n,
                None => {
                    let slug = slugify(label);
                    let n = *by_slug.entry(slug.clone()).or_insert_with(|| {
                        tags.push(Tag {
                            slug,
                            label: label.clone(),
                            pages: Vec::new(),
                        });
                        tags.len() - 1
                    });
                    by_label.insert(label, n);
                    n
                }
            };
            // Pages arrive in order, so a label repeated on one page is the last entry.
            if tags[n].pages.last() != Some(&i) {
                tags[n].pages.push(i);
            }
        }
    }
    tags.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    // Every tag's pages by title: each page's place in that order is worked out once.
    let mut by_title: Vec<PageId> = (0..pages.len()).collect();
    by_title.sort_by_cached_key(|&p| title_key(&pages[p]));
    let place = places(&by_title);
    for tag in &mut tags {
        tag.pages.sort_unstable_by_key(|&p| place[p]);
    }
    tags
}
