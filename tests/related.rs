//! What makes computed related pages sensible: pages sharing more come first; the
//! same category and audience count; a page never suggests itself, a draft or a page
//! it shares nothing with; and in a hub where a tag is on thousands of pages, every
//! page still gets its suggestions, the same ones every time, from pages near it.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use guidepost::memory::Memory;
use guidepost::serve::incremental::Incremental;
use guidepost::site::{Site, CANDIDATES_PER_LIST, RELATED_LIMIT};
use guidepost::{BuildOptions, Forget};

fn load(root: &Path, drafts: bool) -> Arc<Site> {
    load_with(root, drafts, &mut Forget)
}

fn load_with(root: &Path, drafts: bool, memory: &mut dyn Memory) -> Arc<Site> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts,
        base_url: None,
        background: false,
    };
    guidepost::load(&options, memory)
        .expect("the hub loads")
        .site
}

/// The content paths of the related pages `rel` shows, in order.
fn related<'a>(site: &'a Site, rel: &str) -> Vec<&'a str> {
    let page = site
        .pages
        .iter()
        .find(|p| p.rel == rel)
        .unwrap_or_else(|| panic!("no page {rel}"));
    page.related
        .iter()
        .map(|&r| site.pages[r].rel.as_str())
        .collect()
}

#[test]
fn pages_sharing_more_come_first() {
    let hub = common::hub("related");
    let site = load(hub.path(), false);
    // Two shared tags and the category beat one tag and the category, which beats one
    // tag and the audience from another category; then the category and audience
    // beat the category alone (left out: four is the limit), and pages sharing
    // nothing never come in.
    assert_eq!(
        related(&site, "start/listening-well.md"),
        [
            "start/setting-goals.md",
            "start/asking-questions.md",
            "closing/looking-back.md",
            "start/meeting-place.md",
        ]
    );
}

#[test]
fn a_page_never_suggests_itself_a_draft_or_a_page_it_shares_nothing_with() {
    let hub = common::hub("related");
    let site = load(hub.path(), false);
    for (i, page) in site.pages.iter().enumerate() {
        assert!(!page.related.contains(&i), "{} suggests itself", page.rel);
        assert!(page.related.len() <= RELATED_LIMIT, "{}", page.rel);
        let mut seen = page.related.clone();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), page.related.len(), "{} repeats one", page.rel);
    }
    assert!(site.pages.iter().all(|p| !p.front.draft));
    // Its own `related` list first; the rest only what shares a tag or the category,
    // even where that leaves room.
    assert_eq!(
        related(&site, "closing/saying-goodbye.md"),
        ["closing/last-meeting.md", "closing/looking-back.md"]
    );
    // Built with drafts, the draft that shares the most is the first suggestion: the
    // check above would see it.
    let with_drafts = load(hub.path(), true);
    assert_eq!(
        related(&with_drafts, "start/listening-well.md")[0],
        "start/goal-sheet.md"
    );
}

/// Writes a hub of two categories of 1,000 articles each, every one tagged `common`,
/// the first category's also `south` and the second's `north`; `alpha/a-0500.md` and
/// `beta/b-0500.md` carry both. A third category of three untagged pages shares
/// nothing with the rest.
fn big_hub(root: &Path) {
    fs::write(
        root.join("hub.yaml"),
        "title: Big Tag Hub\nbase_url: https://hub.example.org/\n\
         audiences:\n  - {id: mentor, label: Mentors}\n",
    )
    .unwrap();
    let content = root.join("content");
    for (n, (category, own)) in [("alpha", "south"), ("beta", "north"), ("gamma", "")]
        .into_iter()
        .enumerate()
    {
        let folder = content.join(category);
        fs::create_dir_all(&folder).unwrap();
        fs::write(
            folder.join("_index.md"),
            format!("---\ntitle: {category}\norder: {n}\n---\n"),
        )
        .unwrap();
        let count = if own.is_empty() { 3 } else { 1000 };
        for k in 0..count {
            let mut front = format!("---\ntitle: Page {k}\naudience: [mentor]\norder: {k}\n");
            if !own.is_empty() {
                let both = if k == 500 { ", north, south" } else { "" };
                writeln!(front, "tags: [common, {own}{both}]").unwrap();
            }
            let name = format!("{}-{k:04}.md", &category[..1]);
            fs::write(folder.join(name), front + "---\nA page.\n").unwrap();
        }
    }
}

#[test]
fn a_tag_on_two_thousand_pages_still_gives_every_page_sensible_suggestions() {
    let hub = tempfile::tempdir().unwrap();
    big_hub(hub.path());
    let site = load(hub.path(), false);
    let tags = |p: usize| &site.pages[p].front.tags;
    for (me, page) in site.pages.iter().enumerate() {
        let shares = |other: usize| {
            site.pages[other].category == page.category
                || tags(other).iter().any(|t| tags(me).contains(t))
        };
        assert!(page.related.iter().all(|&r| shares(r)), "{}", page.rel);
        if !page.front.tags.is_empty() {
            assert_eq!(page.related.len(), RELATED_LIMIT, "{}", page.rel);
        }
    }
    // The untagged pages of the small category suggest one another and nothing else.
    assert_eq!(
        related(&site, "gamma/g-0000.md"),
        ["gamma/g-0001.md", "gamma/g-0002.md"]
    );
    // The one page sharing three tags is found, far away in another category, ahead
    // of the thousand sharing two tags and the category.
    assert_eq!(related(&site, "alpha/a-0500.md")[0], "beta/b-0500.md");
    assert_eq!(related(&site, "beta/b-0500.md")[0], "alpha/a-0500.md");
    // Among equally good pages, those near the page in reading order: not the same
    // first pages of the category for every page.
    let number = |rel: &str| rel[rel.len() - 7..rel.len() - 3].parse::<usize>().unwrap();
    for rel in related(&site, "alpha/a-0900.md") {
        assert!(rel.starts_with("alpha/"), "{rel}");
        assert!(number(rel).abs_diff(900) <= CANDIDATES_PER_LIST, "{rel}");
    }
    // The same suggestions on every run.
    let again = load(hub.path(), false);
    for (a, b) in site.pages.iter().zip(&again.pages) {
        assert_eq!(a.related, b.related, "{}", a.rel);
    }
}

/// A hub with one audience and no content yet.
fn empty_hub(title: &str) -> tempfile::TempDir {
    let hub = tempfile::tempdir().unwrap();
    fs::write(
        hub.path().join("hub.yaml"),
        format!(
            "title: {title}\nbase_url: https://hub.example.org/\n\
             audiences:\n  - {{id: mentor, label: Mentors}}\n"
        ),
    )
    .unwrap();
    hub
}

#[test]
fn serve_follows_a_new_reading_order() {
    // One category of two sections of 40 pages, all tagged alike: its candidates are
    // the pages nearest in reading order, which the sections' order decides.
    let hub = empty_hub("Sections Hub");
    let root = hub.path();
    let guide = root.join("content/guide");
    fs::create_dir_all(&guide).unwrap();
    fs::write(guide.join("_index.md"), "---\ntitle: Guide\n---\n").unwrap();
    let order_sections = |first: &str, second: &str| {
        for (n, name) in [first, second].into_iter().enumerate() {
            let index = format!("---\ntitle: Part {name}\norder: {n}\n---\n");
            fs::write(guide.join(name).join("_index.md"), index).unwrap();
        }
    };
    for name in ["one", "two"] {
        fs::create_dir_all(guide.join(name)).unwrap();
        for k in 0..40 {
            let page = format!("---\ntitle: Page {k}\norder: {k}\ntags: [common]\n---\nA page.\n");
            fs::write(guide.join(name).join(format!("p-{k:02}.md")), page).unwrap();
        }
    }
    order_sections("one", "two");
    let mut cache = Incremental::default();
    let before = load_with(root, false, &mut cache);
    order_sections("two", "one");
    let kept = load_with(root, false, &mut cache);
    let full = load(root, false);
    let lists = |site: &Site| {
        site.pages
            .iter()
            .map(|p| p.related.clone())
            .collect::<Vec<_>>()
    };
    assert_ne!(
        lists(&before),
        lists(&full),
        "the new order changes suggestions"
    );
    assert_eq!(
        lists(&kept),
        lists(&full),
        "serve suggests what a full build does"
    );
}

#[test]
fn serve_follows_a_title_that_breaks_ties_and_keeps_suggestions_a_title_leaves_alone() {
    // Pages alone in their categories, all tagged alike: they tie, and the cut is made
    // by `order`, then title.
    let hub = empty_hub("Ties Hub");
    let root = hub.path();
    let write = |name: &str, title: &str| {
        let folder = root.join("content").join(name);
        fs::create_dir_all(&folder).unwrap();
        fs::write(
            folder.join("_index.md"),
            format!("---\ntitle: {name}\n---\n"),
        )
        .unwrap();
        let page = format!("---\ntitle: {title}\ntags: [common]\n---\nA page.\n");
        fs::write(folder.join("page.md"), page).unwrap();
    };
    let names: Vec<String> = (0..RELATED_LIMIT + 3).map(|n| format!("c{n}")).collect();
    for (n, name) in names.iter().enumerate() {
        write(name, &format!("Page {}", (b'b' + n as u8) as char));
    }
    let lists = |site: &Site| {
        site.pages
            .iter()
            .map(|p| p.related.clone())
            .collect::<Vec<_>>()
    };
    let mut cache = Incremental::default();
    let before = load_with(root, false, &mut cache);
    // The last page, never suggested, takes a title that sorts first.
    let last = names.last().unwrap();
    write(last, "Page a");
    let kept = load_with(root, false, &mut cache);
    let full = load(root, false);
    assert_ne!(
        lists(&before),
        lists(&full),
        "the title breaks the ties anew"
    );
    assert_eq!(
        lists(&kept),
        lists(&full),
        "serve suggests what a full build does"
    );
    // A title that keeps its place changes no suggestion: the lists are kept.
    write(last, "Page aa");
    let again = load_with(root, false, &mut cache);
    assert_eq!(lists(&again), lists(&load(root, false)));
}
