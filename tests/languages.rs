//! A hub in two languages (tests/fixtures/lang-en-es): English at the root, Spanish
//! under es/ with part of the pages translated. Each language has its own pages,
//! listings, search index, feed and downloads; a translated page links to the pages
//! it has no translation of in English; every page offers its other languages.

mod common;

use common::{assert_snapshot, build_ok, guidepost, hub, main_of, read, stderr};

#[test]
fn translations_live_under_their_language_with_their_own_listings() {
    let dir = hub("lang-en-es");
    let out = build_ok(dir.path());
    let page = read(&out, "es/closure/last-meeting/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"es\""),
        "{}",
        &page[..80]
    );
    assert!(page.contains("<h1>Su última reunión</h1>"));
    let english = read(&out, "closure/last-meeting/index.html");
    assert!(english.contains("<html lang=\"en\""));
    // A link to a page with no translation goes to the English page, anchor kept.
    assert!(
        page.contains(r#"href="../../../closure/keeping-in-touch/#rules""#),
        "{page}"
    );
    // Listings hold only the language's own pages.
    let category = read(&out, "es/closure/index.html");
    assert!(category.contains("Su última reunión"));
    assert!(!category.contains("Keeping in touch"), "{category}");
    assert!(read(&out, "closure/index.html").contains("Keeping in touch"));
    assert!(!out.join("es/closure/keeping-in-touch").exists());
    let home = read(&out, "es/index.html");
    assert!(
        home.contains("Bienvenida."),
        "the Spanish home page has its own intro"
    );
    // Each language its own search index, feed and downloads.
    assert!(out.join("es/search/index.html").exists());
    assert!(out.join("es/search/index/manifest.js").exists());
    let feed = read(&out, "es/feed.xml");
    assert!(feed.contains("xml:lang=\"es\""));
    assert!(feed.contains("<link href=\"https://hub.example.org/two/es/closure/last-meeting/\""));
    assert!(!feed.contains("Keeping in touch"), "{feed}");
    assert!(read(&out, "es/downloads/agenda.txt").contains("[Nombre de la persona mentoreada]"));
    assert!(read(&out, "downloads/agenda.txt").contains("[Mentee's name]"));
    // One 404 page and one robots.txt, at the root.
    assert!(!out.join("es/404.html").exists());
    assert!(!out.join("es/robots.txt").exists());
}

#[test]
fn a_template_not_translated_is_embedded_in_the_default_language() {
    let dir = hub("lang-en-es");
    let out = build_ok(dir.path());
    let page = read(&out, "es/closure/last-meeting/index.html");
    // The translated template: its Spanish card and downloads.
    assert!(page.contains(r#"<a href="../../templates/agenda/">Agenda de la última reunión</a>"#));
    assert!(page.contains(r#"href="../../downloads/agenda.docx""#));
    // The other one: the English card, its page and files at the root.
    assert!(
        page.contains(r#"<a href="../../../templates/note/">A note to keep</a>"#),
        "{page}"
    );
    assert!(page.contains(r#"href="../../../downloads/note.docx""#));
    assert!(!out.join("es/templates/note").exists());
    let library = read(&out, "es/templates/index.html");
    assert!(library.contains("Agenda de la última reunión") && !library.contains("A note to keep"));
}

#[test]
fn every_page_offers_its_other_languages() {
    let dir = hub("lang-en-es");
    let out = build_ok(dir.path());
    let switcher = |html: &str| {
        let start = html
            .find("<nav class=\"language-nav\"")
            .expect("a language switcher");
        html[start..start + html[start..].find("</nav>").unwrap() + 6].to_string()
    };
    let spanish = read(&out, "es/closure/last-meeting/index.html");
    assert_snapshot("languages-switcher-es.html", &switcher(&spanish));
    assert_snapshot("languages-main-es.html", &main_of(&spanish));
    for link in [
        r#"<link rel="alternate" hreflang="en" href="https://hub.example.org/two/closure/last-meeting/">"#,
        r#"<link rel="alternate" hreflang="es" href="https://hub.example.org/two/es/closure/last-meeting/">"#,
    ] {
        assert!(spanish.contains(link), "{link}");
    }
    // A page with no translation offers the other language's home page, and lists no
    // alternate that does not exist.
    let untranslated = read(&out, "closure/keeping-in-touch/index.html");
    assert!(
        switcher(&untranslated).contains(r#"<a href="../../es/" lang="es">Español</a>"#),
        "{}",
        switcher(&untranslated)
    );
    assert!(!untranslated.contains("hreflang=\"es\" href="));
    // Listings have their counterparts too.
    assert!(switcher(&read(&out, "es/search/index.html")).contains(r#"href="../../search/""#));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains(r#"<url><loc>https://hub.example.org/two/es/closure/last-meeting/</loc><lastmod>2026-11-02</lastmod><xhtml:link rel="alternate" hreflang="en" href="https://hub.example.org/two/closure/last-meeting/"/><xhtml:link rel="alternate" hreflang="es" href="https://hub.example.org/two/es/closure/last-meeting/"/></url>"#), "{sitemap}");
    assert!(sitemap.contains(r#"<url><loc>https://hub.example.org/two/closure/keeping-in-touch/</loc><lastmod>2026-11-02</lastmod><xhtml:link rel="alternate" hreflang="en" href="https://hub.example.org/two/closure/keeping-in-touch/"/></url>"#));
}

#[test]
fn check_names_outdated_translations_and_counts_the_rest() {
    let dir = hub("lang-en-es");
    let checked = guidepost(dir.path(), &["check"]);
    assert!(checked.status.success());
    let said = stderr(&checked);
    assert!(said.contains("warning: content/faq/questions.es.md:6: this translation is outdated: its source `content/faq/questions.md` was updated 2026-11-20, the translation 2026-10-01\n  help: bring the translation up to date with its source, then set its `updated` to the source's date or later"), "{said}");
    assert!(said.contains("note: Español (es): 3 of 5 pages translated; the other 2 are not shown in this language"), "{said}");
    // Outdated is an error under --strict; a partial language is not.
    let strict = guidepost(dir.path(), &["check", "--strict"]);
    assert!(!strict.status.success());
    assert!(
        stderr(&strict).contains("check failed: 1 warning"),
        "{}",
        stderr(&strict)
    );
    let faq = dir.path().join("content/faq/questions.es.md");
    let text = std::fs::read_to_string(&faq).unwrap();
    std::fs::write(
        &faq,
        text.replace("updated: 2026-10-01", "updated: 2026-11-21"),
    )
    .unwrap();
    let strict = guidepost(dir.path(), &["check", "--strict"]);
    assert!(strict.status.success(), "{}", stderr(&strict));
}

#[test]
fn a_language_without_strings_speaks_the_default_language_not_english() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/guia")).unwrap();
    std::fs::write(
        root.join("hub.yaml"),
        "title: Guía\nbase_url: https://hub.example.org/\nlanguages:\n  - {id: es, label: Español}\n  - {id: de, label: Deutsch}\naudiences:\n  - {id: mentor, label: Mentores}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/guia/inicio.md"),
        "---\ntitle: Primeros pasos\nsummary: Cómo empezar.\n---\nUn párrafo.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/guia/inicio.de.md"),
        "---\ntitle: Erste Schritte\nsummary: Wie man anfängt.\n---\nEin Absatz.\n",
    )
    .unwrap();
    let checked = guidepost(root, &["check"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(
        stderr(&checked)
            .contains("no `de` text, so pages show them in the hub's default language (`es`): "),
        "{}",
        stderr(&checked)
    );
    let out = build_ok(root);
    let german = read(&out, "de/guia/inicio/index.html");
    assert!(german.contains("<html lang=\"de\""));
    assert!(
        german.contains("Saltar al contenido"),
        "the default language's words"
    );
    assert!(!german.contains("Skip to content"));
}
