//! `serve` re-renders only what an edit can change. After every kind of edit, what
//! it keeps plus what it renders again must be exactly what a full build makes.

mod common;

use std::fs;
use std::path::Path;

use guidepost::output::OutputFile;
use guidepost::serve::incremental::Incremental;
use guidepost::{BuildOptions, Forget};

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
        base_url: None,
        background: false,
    }
}

fn full_build(root: &Path) -> Vec<OutputFile> {
    guidepost::render_all(&options(root), &mut Forget)
        .expect("full build")
        .1
}

/// Renders with the cache and checks the result against a full build; returns how
/// many pages were rendered again.
fn rebuild_matches_full_build(root: &Path, cache: &mut Incremental, edit: &str) -> usize {
    let (_, incremental) = guidepost::render_all(&options(root), cache).expect("incremental build");
    let full = full_build(root);
    let paths = |files: &[OutputFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&incremental), paths(&full), "after: {edit}");
    for (a, b) in incremental.iter().zip(&full) {
        assert!(a == b, "after {edit}, {} differs from a full build", a.path);
    }
    cache.rendered_last()
}

fn edit(root: &Path, rel: &str, change: impl FnOnce(String) -> String) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    let changed = change(text.clone());
    assert_ne!(changed, text, "the edit of {rel} changes nothing");
    fs::write(&path, changed).unwrap();
}

/// The listing pages: home, 404, template library, topics and search, then every
/// category and section, every audience and every tag.
fn listings(root: &Path) -> usize {
    let site = guidepost::load(&options(root), &mut Forget).unwrap().site;
    // Each audience has its page and its handbook.
    5 + site.sections.len() - 1 + 2 * site.config.audiences.len() + site.tags.len()
}

/// Everything a render makes from a template: the listings and one job per page.
fn jobs(root: &Path) -> usize {
    let site = guidepost::load(&options(root), &mut Forget).unwrap().site;
    listings(root) + site.pages.len()
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    edit(root, rel, |text| {
        assert!(text.contains(from), "{rel} has no `{from}`");
        text.replacen(from, to, 1)
    });
}

#[test]
fn every_kind_of_edit_renders_what_a_full_build_renders() {
    // Every page kind, a section, tags, related pages, an alias and embedded templates.
    let hub = common::hub("incremental");
    let root = hub.path();
    let mut cache = Incremental::default();
    let first = rebuild_matches_full_build(root, &mut cache, "the first build");
    assert_eq!(first, jobs(root), "the first build renders every page");

    let article = "content/closing/ending-well.md";
    // Same number of words, so the reading time on the cards elsewhere stays.
    replace(
        root,
        article,
        "Every match comes to an end.",
        "Every match comes to a close.",
    );
    let again = rebuild_matches_full_build(root, &mut cache, "a body edit");
    let audiences = guidepost::load(&options(root), &mut Forget)
        .unwrap()
        .site
        .pages
        .iter()
        .find(|p| p.rel == "closing/ending-well.md")
        .map_or(0, |p| p.front.audience.len());
    assert_eq!(
        again,
        1 + audiences,
        "a body edit renders only its own page and the handbooks that hold it"
    );

    edit(root, article, |t| {
        format!("{t}\nOne more sentence at the end.\n")
    });
    rebuild_matches_full_build(
        root,
        &mut cache,
        "a body edit that changes the reading time",
    );

    let unchanged = rebuild_matches_full_build(root, &mut cache, "no change at all");
    assert_eq!(unchanged, 0);

    edit(root, article, |t| {
        format!("{t}\n## A new part\n\nWith a heading for the table of contents.\n")
    });
    rebuild_matches_full_build(root, &mut cache, "a new heading");

    replace(root, article, "title: Ending well", "title: Ending, well");
    rebuild_matches_full_build(root, &mut cache, "a title change");

    // A title that moves the page to the top of its tags' listings: the listings and
    // the pages that show its card change, the rest of the hub does not.
    replace(
        root,
        article,
        "title: Ending, well",
        "title: A good way to end",
    );
    let moved = rebuild_matches_full_build(root, &mut cache, "a title that reorders listings");
    let site = guidepost::load(&options(root), &mut Forget).unwrap().site;
    let me = site
        .pages
        .iter()
        .position(|p| p.rel == "closing/ending-well.md")
        .unwrap();
    let shown_by = (0..site.pages.len())
        .filter(|&i| {
            let p = &site.pages[i];
            p.prev == Some(me) || p.next == Some(me) || p.related.contains(&me)
        })
        .count();
    // Every article of its section lists it in the section menu beside it.
    let menus = (0..site.pages.len())
        .filter(|&i| i != me && guidepost::context::menu_pages(&site, i).contains(&me))
        .count();
    assert!(
        menus >= 4,
        "the fixture's section has articles that only list it in their menu"
    );
    let showing = (0..site.pages.len())
        .filter(|&i| {
            let p = &site.pages[i];
            i != me
                && (p.prev == Some(me)
                    || p.next == Some(me)
                    || p.related.contains(&me)
                    || guidepost::context::menu_pages(&site, i).contains(&me))
        })
        .count();
    assert!(showing > shown_by, "some pages show it in their menu alone");
    // The listings that show its card (its section, its tags, its audiences, and the
    // library when it uses a template), and those made from every page (home, topics,
    // search, not found and the handbooks); the other listings stay.
    let page = &site.pages[me];
    let uses_template = page.embeds.iter().any(|e| e.own().is_some());
    let listing_it =
        1 + page.front.tags.len() + page.front.audience.len() + usize::from(uses_template);
    let from_every_page = 4 + site.config.audiences.len();
    assert!(
        listing_it + from_every_page < listings(root),
        "the fixture has listings that do not show the page"
    );
    assert_eq!(
        moved,
        listing_it + from_every_page + 1 + showing,
        "the {listing_it} listings that show it, those made from every page, the page and \
         the {showing} pages that show its title"
    );

    replace(root, article, "order: 10", "order: 1");
    rebuild_matches_full_build(root, &mut cache, "an order change");

    replace(root, article, "tags: [goodbye,", "tags: [trust, goodbye,");
    rebuild_matches_full_build(root, &mut cache, "a new tag");

    replace(
        root,
        article,
        "audience: [mentor, mentee]",
        "audience: [mentor]",
    );
    rebuild_matches_full_build(root, &mut cache, "an audience change");

    let template = "content/templates/meeting-plan.md";
    edit(root, template, |t| format!("{t}\nBring a pen.\n"));
    let embedded = rebuild_matches_full_build(root, &mut cache, "an embedded template's body");
    assert!(
        embedded >= 3,
        "the template, the articles embedding it and the library: {embedded}"
    );

    replace(
        root,
        template,
        "title: Last meeting plan",
        "title: Plan for the last meeting",
    );
    rebuild_matches_full_build(root, &mut cache, "a template's title");

    // A template lists the articles that embed it even when its related pages do not.
    replace(
        root,
        "content/templates/looking-back.md",
        "related: [/closing/last-meeting.md,",
        "related: [/starting/listening.md, /starting/first-meeting.md,",
    );
    rebuild_matches_full_build(root, &mut cache, "a template's related pages");
    replace(
        root,
        "content/closing/last-meeting.md",
        "title: Planning the last meeting",
        "title: Planning the final meeting",
    );
    rebuild_matches_full_build(
        root,
        &mut cache,
        "the title of an article that embeds templates",
    );

    replace(
        root,
        "content/faq/program-questions.md",
        "title: Questions about the program",
        "title: How the program works",
    );
    edit(root, "content/faq/program-questions.md", |t| {
        format!("{t}\n## Is there a question at the end?\n\nYes, this one.\n")
    });
    rebuild_matches_full_build(
        root,
        &mut cache,
        "two files at once, one a new FAQ question",
    );

    edit(root, "content/closing/_index.md", |t| {
        format!("{t}\nA new line in the category's introduction.\n")
    });
    rebuild_matches_full_build(root, &mut cache, "a category's introduction");

    fs::write(
        root.join("content/closing/a-new-article.md"),
        "---\ntitle: A new article\nsummary: Added while serving.\naudience: [mentee]\nphase: closure\ntags: [goodbye]\nupdated: 2026-11-25\n---\nIts text, with a [link](ending-well.md).\n",
    )
    .unwrap();
    rebuild_matches_full_build(root, &mut cache, "a new article");

    fs::remove_file(root.join("content/closing/a-new-article.md")).unwrap();
    rebuild_matches_full_build(root, &mut cache, "a deleted article");

    // A broken edit fails; fixing it renders what a full build renders.
    let good = fs::read_to_string(root.join(article)).unwrap();
    fs::write(root.join(article), "---\ntitle: [unclosed\n---\nBody.\n").unwrap();
    assert!(guidepost::render_all(&options(root), &mut cache).is_err());
    fs::write(root.join(article), &good).unwrap();
    rebuild_matches_full_build(root, &mut cache, "fixing a broken edit");

    replace(
        root,
        "hub.yaml",
        "title: Incremental Fixture Hub",
        "title: Incremental Hub",
    );
    rebuild_matches_full_build(root, &mut cache, "a hub.yaml change");

    // The hub's own words for the interface: a callout's title is written when its
    // page is parsed, so the parsed page cannot be kept either.
    fs::create_dir_all(root.join("i18n")).unwrap();
    fs::write(
        root.join("i18n/en.yaml"),
        "callout_note: Good to know
menu: Pages
",
    )
    .unwrap();
    let worded = rebuild_matches_full_build(root, &mut cache, "a new strings file");
    assert_eq!(worded, jobs(root), "new words render every page again");
    let (_, files) = guidepost::render_all(&options(root), &mut Forget).unwrap();
    let page = files
        .iter()
        .find(|f| f.path == "closing/ending-early/when-to-stop/index.html")
        .unwrap();
    let guidepost::output::Contents::Bytes(html) = &page.contents else {
        panic!("pages are made in memory")
    };
    let html = String::from_utf8_lossy(html);
    assert!(
        html.contains("<p class=\"callout-title\">Good to know</p>"),
        "{html}"
    );

    let theme = root.join("themes/default/templates");
    fs::create_dir_all(&theme).unwrap();
    let article_template = guidepost::theme::DEFAULT_FILES
        .iter()
        .find(|(name, _)| *name == "templates/article.html")
        .map(|(_, bytes)| {
            String::from_utf8_lossy(bytes).replace("</article>", "<p>Local theme.</p></article>")
        })
        .unwrap();
    fs::write(theme.join("article.html"), article_template).unwrap();
    let themed = rebuild_matches_full_build(root, &mut cache, "a theme template override");
    assert_eq!(
        themed,
        jobs(root),
        "a theme change renders every page again"
    );
}
