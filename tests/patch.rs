//! `serve` answers an edit that changed only page bodies by patching the last site
//! and rendering only the pages that show those bodies, and one that changed only
//! titles by putting the last site's pages in order again. After each edit, what it
//! serves (the kept files, the patched ones, and the search index and handbooks made
//! from the patched site in the background) must be exactly what a full build makes,
//! and an edit that reaches further must take the full plan.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use guidepost::output::Contents;
use guidepost::render::Job;
use guidepost::serve::incremental::{Incremental, Rebuilt};
use guidepost::{BuildOptions, Forget};

fn options(root: &Path, background: bool) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
        base_url: None,
        background,
    }
}

/// How a rebuild went.
#[derive(Debug, PartialEq, Eq)]
enum Went {
    Patched {
        rendered: usize,
    },
    /// The last site's pages put in order again after new titles, all files made.
    Reordered,
    Whole,
}

/// A preview's memory and the files it serves, as `serve` keeps them.
struct Preview {
    root: PathBuf,
    cache: Incremental,
    files: BTreeMap<String, Contents>,
}

impl Preview {
    fn start(root: &Path) -> Preview {
        let mut preview = Preview {
            root: root.to_path_buf(),
            cache: Incremental::default(),
            files: BTreeMap::new(),
        };
        assert_eq!(preview.after(&[], "the first build"), Went::Whole);
        preview
    }

    /// Rebuilds after the files `changed` (paths in the hub) changed, checks what is
    /// served against a full build, and says how the rebuild went.
    fn after(&mut self, changed: &[&str], edit: &str) -> Went {
        let paths: Vec<PathBuf> = changed.iter().map(|rel| self.root.join(rel)).collect();
        let (loaded, rebuilt) = self
            .cache
            .rebuild(&options(&self.root, true), &paths)
            .unwrap_or_else(|e| panic!("after {edit}: {e}"));
        let went = match rebuilt {
            Rebuilt::Whole(files) => {
                self.files = files.into_iter().map(|f| (f.path, f.contents)).collect();
                Went::Whole
            }
            Rebuilt::Reordered(files) => {
                self.files = files.into_iter().map(|f| (f.path, f.contents)).collect();
                Went::Reordered
            }
            Rebuilt::Patched(files) => {
                assert!(!files.is_empty(), "after {edit}: a patch renders something");
                for file in files {
                    assert!(
                        self.files.contains_key(&file.path),
                        "after {edit}: a patch makes no new file ({})",
                        file.path
                    );
                    self.files.insert(file.path, file.contents);
                }
                Went::Patched {
                    rendered: self.cache.rendered_last(),
                }
            }
        };
        // What the preview makes in the background, from the site it patched.
        let mut served = self.files.clone();
        for site in loaded.sites() {
            let background = guidepost::search::output(site)
                .and_then(|mut files| {
                    files.extend(guidepost::render::background_pages(site, &loaded.theme)?);
                    Ok(files)
                })
                .unwrap_or_else(|d| panic!("after {edit}: {d}"));
            served.extend(background.into_iter().map(|f| (f.path, f.contents)));
        }
        let (_, full) = guidepost::render_all(&options(&self.root, false), &mut Forget)
            .unwrap_or_else(|e| panic!("full build after {edit}: {e}"));
        let full: BTreeMap<String, Contents> =
            full.into_iter().map(|f| (f.path, f.contents)).collect();
        assert_eq!(
            served.keys().collect::<Vec<_>>(),
            full.keys().collect::<Vec<_>>(),
            "after {edit}"
        );
        for (path, contents) in &full {
            assert!(
                served[path] == *contents,
                "after {edit}, {path} differs from a full build"
            );
        }
        went
    }

    fn edit(&self, rel: &str, change: impl FnOnce(String) -> String) {
        let path = self.root.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        let changed = change(text.clone());
        assert_ne!(changed, text, "the edit of {rel} changes nothing");
        fs::write(&path, changed).unwrap();
    }

    fn replace(&self, rel: &str, from: &str, to: &str) {
        self.edit(rel, |text| {
            assert!(text.contains(from), "{rel} has no `{from}`");
            text.replacen(from, to, 1)
        });
    }

    /// Writes a new file `rel` with `text`.
    fn add(&self, rel: &str, text: &str) {
        fs::write(self.root.join(rel), text).unwrap();
    }

    /// Gives front matter key `key` of `rel` the value `value`.
    fn set(&self, rel: &str, key: &str, value: &str) {
        self.edit(rel, |text| {
            let prefix = format!("{key}:");
            let line = (text.lines())
                .find(|l| l.starts_with(&prefix))
                .unwrap_or_else(|| panic!("{rel} has no `{key}`"))
                .to_string();
            text.replacen(&line, &format!("{key}: {value}"), 1)
        });
    }

    fn page(&self, path: &str) -> String {
        match &self.files[path] {
            Contents::Bytes(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            Contents::Copy(_) => panic!("{path} is rendered"),
        }
    }
}

#[test]
fn a_body_edit_patches_the_site_and_anything_more_runs_the_full_plan() {
    let hub = common::hub("incremental");
    let mut preview = Preview::start(hub.path());
    let article = "content/closing/ending-well.md";

    // Same number of words: the page alone is rendered again.
    preview.replace(article, "comes to an end.", "comes to a close.");
    assert_eq!(
        preview.after(&[article], "a body edit"),
        Went::Patched { rendered: 1 }
    );
    assert!(preview
        .page("closing/ending-well/index.html")
        .contains("comes to a close."));

    // A new heading is shown only by the page itself (its table of contents).
    preview.edit(article, |t| format!("{t}\n## Later\n\nKeep it light.\n"));
    assert_eq!(
        preview.after(&[article], "a new heading"),
        Went::Patched { rendered: 1 }
    );

    // Two pages at once.
    let other = "content/starting/listening.md";
    preview.replace(article, "Keep it light.", "Keep it short.");
    preview.edit(other, |t| format!("{t}\nListen first.\n"));
    assert_eq!(
        preview.after(&[article, other], "two body edits"),
        Went::Patched { rendered: 2 }
    );

    // A template's body: the template, the pages that embed it, and the library and
    // its section, which show the downloads' sizes.
    let template = "content/templates/meeting-plan.md";
    preview.edit(template, |t| {
        format!("{t}\nBring a pen and the notes you kept.\n")
    });
    let Went::Patched { rendered } = preview.after(&[template], "a template's body") else {
        panic!("a template's body edit is patched");
    };
    assert!(
        rendered >= 4,
        "the template, its embedders and the library: {rendered}"
    );

    // The reading time shows on cards elsewhere.
    let long = "Words to read. ".repeat(120);
    preview.edit(article, |t| format!("{t}\n{long}\n"));
    assert_eq!(
        preview.after(&[article], "a body edit that changes the reading time"),
        Went::Whole
    );

    // A title reaches the lists that show the page's card, in the order of titles:
    // the last site's pages are put in order again.
    preview.replace(article, "title: Ending well", "title: Ending, well");
    assert_eq!(preview.after(&[article], "a title"), Went::Reordered);
    assert!(preview
        .page("closing/ending-well/index.html")
        .contains("Ending, well"));

    // So does an order.
    preview.edit(article, |t| {
        t.replacen("title: Ending, well", "title: Ending well", 1)
            .replacen("order: 10", "order: 1", 1)
    });
    assert_eq!(
        preview.after(&[article], "a title and an order"),
        Went::Reordered
    );

    // Other front matter, links, embeds, a folder's introduction, a plain file and a
    // new page all reach further than the page.
    preview.set(article, "tags", "[goodbye]");
    assert_eq!(preview.after(&[article], "a tag taken away"), Went::Whole);
    let thanks = "content/closing/thanking-each-other.md";
    preview.replace(thanks, "(ending-well.md#no-ghosting)", "(ending-well.md)");
    assert_eq!(preview.after(&[thanks], "a link's target"), Went::Whole);
    let embedding = "content/closing/last-meeting.md";
    let text = fs::read_to_string(hub.path().join(embedding)).unwrap();
    assert!(
        text.contains("```template"),
        "{embedding} embeds a template"
    );
    preview.edit(embedding, |t| t.replacen("```template", "```text", 1));
    assert_eq!(preview.after(&[embedding], "an embed removed"), Went::Whole);
    let intro = "content/closing/_index.md";
    preview.edit(intro, |t| format!("{t}\nOne more line.\n"));
    assert_eq!(
        preview.after(&[intro], "a category's introduction"),
        Went::Whole
    );
    let asset = "content/assets/program-year.txt";
    preview.edit(asset, |t| format!("{t}\nA new line.\n"));
    assert_eq!(preview.after(&[asset], "a plain file"), Went::Whole);
    let new = "content/closing/a-new-article.md";
    preview.add(new, "---\ntitle: A new article\nsummary: Added while serving.\naudience: [mentee]\nphase: closure\n---\nIts text.\n");
    assert_eq!(preview.after(&[new], "a new page"), Went::Whole);
    // When the system drops events the watcher names the content folder: everything
    // is looked at, also a page nobody named.
    let unnamed = "content/closing/unnamed.md";
    preview.add(unnamed, "---\ntitle: Unnamed\nsummary: Added while events were lost.\naudience: [mentor]\n---\nText.\n");
    assert_eq!(preview.after(&["content"], "dropped events"), Went::Whole);
    assert!(preview.files.contains_key("closing/unnamed/index.html"));
    preview.edit(new, |t| format!("{t}\nMore text.\n"));
    assert_eq!(
        preview.after(&[new], "the new page's body"),
        Went::Patched { rendered: 1 }
    );
}

#[test]
fn a_heading_other_pages_link_to_is_checked_and_a_failed_rebuild_is_not_patched() {
    let hub = common::hub("incremental");
    let mut preview = Preview::start(hub.path());
    let article = "content/closing/ending-well.md";
    let good = fs::read_to_string(hub.path().join(article)).unwrap();
    // thanking-each-other.md links to #no-ghosting: the full plan finds the link broken.
    preview.replace(
        article,
        "## Do not disappear {#no-ghosting}",
        "## Do not disappear",
    );
    let error = preview
        .cache
        .rebuild(&options(hub.path(), true), &[hub.path().join(article)])
        .expect_err("a link to a removed heading fails the rebuild");
    let error = format!("{error:?}");
    assert!(error.contains("no-ghosting"), "{error}");
    // Put back, the page is checked with everything else: nothing is patched onto a
    // site that was not served.
    fs::write(hub.path().join(article), &good).unwrap();
    assert_eq!(
        preview.after(&[article], "the heading put back"),
        Went::Whole
    );
    // A body that fails to parse takes the full plan, which reports it.
    preview.edit(article, |t| {
        format!("{t}\n```template\nno-such-template\n```\n")
    });
    assert!(preview
        .cache
        .rebuild(&options(hub.path(), true), &[hub.path().join(article)])
        .is_err());
    fs::write(hub.path().join(article), &good).unwrap();
    assert_eq!(preview.after(&[article], "fixed again"), Went::Whole);
}

#[test]
fn new_titles_put_the_pages_in_order_again_without_reading_the_hub() {
    let hub = common::hub("incremental");
    let mut preview = Preview::start(hub.path());
    let article = "content/closing/ending-well.md";
    let thanks = "content/closing/thanking-each-other.md";
    // Two pages without an `order` come last in their section, by title.
    preview.replace(article, "order: 10\n", "");
    preview.replace(thanks, "order: 3\n", "");
    assert_eq!(
        preview.after(&[article, thanks], "two orders taken away"),
        Went::Whole
    );
    // A tag's page lists its pages by title, and so does the section after the
    // pages with an `order`.
    let place = |preview: &Preview, title: &str| {
        let tag = preview.page("tags/goodbye/index.html");
        tag.find(title)
            .unwrap_or_else(|| panic!("the tag lists {title}"))
    };
    let listed = |preview: &Preview, title: &str| {
        let section = preview.page("closing/index.html");
        section
            .find(title)
            .unwrap_or_else(|| panic!("the section lists {title}"))
    };
    preview.replace(article, "title: Ending well", "title: Zero regrets");
    assert_eq!(
        preview.after(&[article], "a title that moves the page down"),
        Went::Reordered
    );
    assert!(place(&preview, "Zero regrets") > place(&preview, "Thanking each other"));
    assert!(listed(&preview, "Zero regrets") > listed(&preview, "Thanking each other"));
    let pager = preview.page("closing/thanking-each-other/index.html");
    assert!(
        pager.contains("rel=\"next\"><span>Next</span> Zero regrets"),
        "the page before it leads on to it"
    );
    // And back up, before a page that has the same `order` in another section.
    preview.replace(article, "title: Zero regrets", "title: A good way to end");
    assert_eq!(
        preview.after(&[article], "a title that moves the page up"),
        Went::Reordered
    );
    assert!(place(&preview, "A good way to end") < place(&preview, "Planning the last meeting"));
    assert!(listed(&preview, "A good way to end") < listed(&preview, "Thanking each other"));
    // A template's title: the library's order, its card where it is embedded, and its
    // downloads.
    let template = "content/templates/meeting-plan.md";
    preview.set(template, "title", "A plan for each meeting");
    assert_eq!(
        preview.after(&[template], "a template's title"),
        Went::Reordered
    );
    // New words in a summary show on the page's cards.
    preview.set(article, "summary", "How to close a match with care.");
    assert_eq!(
        preview.after(&[article], "new words in a summary"),
        Went::Reordered
    );
    // A summary taken away changes the build's warnings: the full plan says so.
    preview.replace(
        article,
        "summary: How to close a match with care.",
        "summary:",
    );
    assert_eq!(
        preview.after(&[article], "a summary taken away"),
        Went::Whole
    );
    // Two retitled pages at once, one of them with a body edit too.
    let other = "content/starting/listening.md";
    preview.replace(article, "title: A good way to end", "title: Ending well");
    preview.set(other, "title", "Listening first");
    preview.edit(other, |t| format!("{t}\nListen before you answer.\n"));
    assert_eq!(
        preview.after(&[article, other], "two retitled pages"),
        Went::Reordered
    );
}

#[test]
fn edits_in_a_hub_of_two_languages_are_patched_in_each() {
    let hub = common::hub("lang-en-es");
    let mut preview = Preview::start(hub.path());
    let spanish = "content/closure/last-meeting.es.md";
    preview.replace(spanish, "mirar atrás", "mirar hacia atrás");
    assert_eq!(
        preview.after(&[spanish], "a translation's body"),
        Went::Patched { rendered: 1 }
    );
    assert!(preview
        .page("es/closure/last-meeting/index.html")
        .contains("mirar hacia atrás"));
    let english = "content/closure/keeping-in-touch.md";
    preview.edit(english, |t| format!("{t}\nWrite when you want to.\n"));
    assert_eq!(
        preview.after(&[english], "a default-language page's body"),
        Went::Patched { rendered: 1 }
    );
    // `note` has no Spanish version: the Spanish page shows the English one.
    let note = "content/templates/note.md";
    preview.edit(note, |t| format!("{t}\nOne more line for the note.\n"));
    let Went::Patched { rendered } = preview.after(&[note], "an untranslated template") else {
        panic!("a template's body edit is patched");
    };
    assert!(
        rendered >= 3,
        "the template and the pages embedding it in both languages: {rendered}"
    );
    assert!(preview
        .page("es/closure/last-meeting/index.html")
        .contains("One more line for the note."));
    // A second Spanish page in the section, then a translation's new title that
    // moves it after that page: its language's pages are put in order again, made
    // whole, and counted as rendered again (the preview's log line says so).
    let touch = "content/closure/keeping-in-touch.es.md";
    preview.add(touch, "---\ntitle: Seguir en contacto\nsummary: Decidan juntos si seguirán en contacto.\naudience: [mentor, mentee]\nphase: closure\n---\nHablen de ello antes del final.\n\n## Las reglas del programa {#rules}\n\nPregunten a su coordinadora.\n");
    assert_eq!(preview.after(&[touch], "a new translation"), Went::Whole);
    preview.replace(
        spanish,
        "title: Su última reunión",
        "title: Una última reunión",
    );
    assert_eq!(
        preview.after(&[spanish], "a translation's title"),
        Went::Reordered
    );
    let section = preview.page("es/closure/index.html");
    assert!(
        section.find("Seguir en contacto") < section.find("Una última reunión"),
        "the retitled translation moves down its section's list"
    );
    let loaded = guidepost::load(&options(hub.path(), true), &mut Forget).unwrap();
    let spanish_jobs = Job::all(&loaded.translations[0])
        .iter()
        .filter(|job| !job.is_background())
        .count();
    assert!(
        preview.cache.rendered_last() >= spanish_jobs,
        "{} rendered again; the Spanish site alone has {spanish_jobs} pages",
        preview.cache.rendered_last()
    );
    // An untranslated template's new title shows on the Spanish pages that embed it.
    preview.set(note, "title", "A short note to send");
    assert_eq!(
        preview.after(&[note], "an untranslated template's title"),
        Went::Reordered
    );
    assert!(preview
        .page("es/closure/last-meeting/index.html")
        .contains("A short note to send"));
    // A default-language page and its translation retitled together.
    preview.set(english, "title", "Staying in touch, or not");
    preview.replace(
        spanish,
        "title: Una última reunión",
        "title: Nuestra última reunión",
    );
    assert_eq!(
        preview.after(&[english, spanish], "titles in both languages"),
        Went::Reordered
    );
}
