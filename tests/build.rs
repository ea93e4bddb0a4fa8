//! Building the fixture hubs: every page kind is written, links are relative and
//! resolved, and the output is deterministic.

mod common;

use common::{assert_snapshot, build_ok, guidepost, hub, main_of, read, stderr, tree};

#[test]
fn writes_every_page_kind() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    for path in [
        "index.html",
        "guide/index.html",
        "guide/first/index.html",
        "guide/second/index.html",
        "faq/questions/index.html",
        "templates/agenda/index.html",
        "template-library/index.html",
        "audience/mentor/index.html",
        "audience/mentee/index.html",
        "tags/index.html",
        "tags/first-meeting/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "theme/style.css",
        "theme/guidepost.js",
        "assets/map.txt",
    ] {
        assert!(out.join(path).is_file(), "missing {path}");
    }
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__guidepost"),
            "{path}: the live-reload script belongs to serve only"
        );
    }
}

#[test]
fn article_main_matches_snapshot() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    assert_snapshot(
        "article-first.html",
        &main_of(&read(&out, "guide/first/index.html")),
    );
}

#[test]
fn faq_main_matches_snapshot() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    assert_snapshot(
        "faq-questions.html",
        &main_of(&read(&out, "faq/questions/index.html")),
    );
}

#[test]
fn links_to_markdown_files_become_relative_urls() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let first = read(&out, "guide/first/index.html");
    assert!(first
        .contains(r#"<a href="../../faq/questions/#how-often-should-we-meet">the questions</a>"#));
    assert!(first.contains(r#"<a href="../second/">the second step</a>"#));
    assert!(first.contains(r#"<a href="../../assets/map.txt">picture</a>"#));
    let second = read(&out, "guide/second/index.html");
    assert!(second.contains(r##"<a href="../first/#agenda">the agenda</a>"##));
    assert!(
        second.contains(r##"<a href="#the-end">this page’s end</a>"##),
        "{}",
        main_of(&second)
    );
    let home = read(&out, "index.html");
    assert!(home.contains(r#"<a href="guide/first/">the first guide</a>"#));
    // No absolute links to the site itself: the output works under any path.
    for page in [
        "index.html",
        "guide/first/index.html",
        "faq/questions/index.html",
    ] {
        let html = read(&out, page);
        assert!(
            !html.contains("href=\"/"),
            "{page} has a root-absolute link"
        );
    }
}

#[test]
fn embeds_templates_with_a_link_to_their_page() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let first = read(&out, "guide/first/index.html");
    assert!(first.contains(
        r#"<aside class="template-embed" aria-label="Template: Meeting agenda" data-template-card>"#
    ));
    assert!(first
        .contains(r#"<a href="../../templates/agenda/">Open the template “Meeting agenda”</a>"#));
    // The template's headings sit below the article's and cannot clash with its ids.
    assert!(first.contains(r#"<h3 id="agenda-agenda-for-mentee-name">Agenda for <span class="blank" data-field="mentee_name"><span><i>[</i>Mentee&#39;s name<i>]</i></span></span></h3>"#));
    assert!(!first.contains("{{"), "no field name on the page");
    // The form comes first, then the preview; a short one is not folded.
    let form = first.find("data-template-form").unwrap();
    let preview = first.find(r#"<div class="template-body">"#).unwrap();
    assert!(form < preview, "the form before the preview");
    assert!(
        !first.contains("template-preview"),
        "a short template shows whole"
    );
    let template = read(&out, "templates/agenda/index.html");
    assert!(template.contains("Mentee&#39;s name"));
    assert!(template.contains("For example: Jordan"));
    assert!(
        template.contains(r#"<a href="../../guide/first/">First steps</a>"#),
        "used-in link missing"
    );
}

#[test]
fn a_long_template_is_folded_in_articles_and_open_on_its_page() {
    let dir = hub("base");
    let agenda = dir.path().join("content/templates/agenda.md");
    let text = std::fs::read_to_string(&agenda).unwrap();
    let long = "We talk about what went well and what we learned together. ".repeat(10);
    std::fs::write(&agenda, format!("{text}\n\n## More\n\n{long}\n")).unwrap();
    let out = build_ok(dir.path());
    let first = read(&out, "guide/first/index.html");
    let folded = first
        .find(r#"<details class="template-preview" data-preview>"#)
        .expect("folded in the article");
    assert!(first[folded..].contains("<summary>Show the whole template</summary>"));
    assert!(first.find("data-template-form").unwrap() < folded);
    let page = read(&out, "templates/agenda/index.html");
    assert!(
        page.contains(r#"<details class="template-preview" data-preview open>"#),
        "open on the template's own page"
    );
}

#[test]
fn faq_questions_are_details_with_anchors_and_json_ld() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let faq = read(&out, "faq/questions/index.html");
    assert!(faq.contains(r#"<details class="question" id="how-often-should-we-meet">"#));
    assert!(faq.contains(r#"<summary><h2>How often should we meet?</h2></summary>"#));
    let ld_start = faq
        .find(r#"<script type="application/ld+json">"#)
        .expect("JSON-LD present");
    let ld = &faq[ld_start..faq[ld_start..].find("</script>").unwrap() + ld_start];
    assert!(ld.contains(r#""@type":"FAQPage""#));
    assert!(ld.contains(r#""name":"How often should we meet?""#));
    assert!(
        ld.contains(r#""text":"Yes, if you both want to \u0026 agree how.""#),
        "{ld}"
    );
}

#[test]
fn articles_show_metadata_toc_neighbours_and_related() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let first = read(&out, "guide/first/index.html");
    assert!(first.contains(r#"<nav class="breadcrumbs" aria-label="Breadcrumb">"#));
    assert!(first.contains(r#"<a class="badge" href="../../audience/mentor/">Mentors</a>"#));
    assert!(first.contains("Phase: Getting started"));
    assert!(first.contains(r#"<time datetime="2026-10-01">October 1, 2026</time>"#));
    assert!(first.contains(r##"<li class="toc-3"><a href="#small-detail">Small detail</a></li>"##));
    assert!(first.contains(r#"<a class="pager-next" href="../second/" rel="next">"#));
    let second = read(&out, "guide/second/index.html");
    assert!(second.contains(r#"<a class="pager-prev" href="../first/" rel="prev">"#));
    let related = &second[second.find("class=\"related\"").expect("related section")..];
    assert!(related.contains(r#"<a href="../first/">First steps</a>"#));
    assert!(first.contains(r#"<div class="callout callout-tip" role="note">"#));
}

#[test]
fn home_lists_paths_categories_promoted_and_recent() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let home = main_of(&read(&out, "index.html"));
    assert!(home.contains(r#"<h3 id="path-1">For mentors</h3>"#));
    assert!(home.contains(r#"<a href="audience/mentor/">Everything for mentors</a>"#));
    assert!(
        home.contains(r#"<li><a href="guide/first/">First steps</a></li>"#),
        "start here list"
    );
    assert!(home.contains(r#"<a href="guide/">The guide</a>"#));
    assert!(home.contains("2 pages"));
    let recent = &home[home.find("Recently updated").unwrap()..];
    let newest = recent.find("Second steps").unwrap();
    let older = recent.find("Meeting agenda").unwrap();
    assert!(newest < older, "recent pages are newest first");
}

#[test]
fn audience_tag_and_library_pages_list_their_pages() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let mentee = main_of(&read(&out, "audience/mentee/index.html"));
    assert!(mentee.contains("For mentees"));
    assert!(mentee.contains(r#"<h2 id="closure">Closure</h2>"#));
    assert!(mentee.contains("Second steps"));
    assert!(!mentee.contains("Questions"), "the FAQ is for mentors only");
    let tag = main_of(&read(&out, "tags/goals/index.html"));
    assert!(tag.contains("First steps") && tag.contains("Second steps"));
    // A category of templates only is the library, where the old address leads.
    let library = main_of(&read(&out, "templates/index.html"));
    assert!(library.contains(r#"<a href="agenda/">Meeting agenda</a>"#));
    assert!(library.contains("<dt>You fill in</dt><dd>Mentee&#39;s name</dd>"));
}

#[test]
fn feed_sitemap_robots_and_404_use_the_base_url() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://hub.example.org/mentoring/guide/first/</loc><lastmod>2026-10-01</lastmod>"
    ));
    let feed = read(&out, "feed.xml");
    assert!(feed.contains("<updated>2026-11-02T00:00:00Z</updated>"));
    assert!(feed.find("Second steps").unwrap() < feed.find("First steps").unwrap());
    assert!(
        read(&out, "robots.txt").contains("Sitemap: https://hub.example.org/mentoring/sitemap.xml")
    );
    let not_found = read(&out, "404.html");
    assert!(
        not_found.contains(r#"<a href="/mentoring/">Go to the home page</a>"#),
        "404 links work at any depth"
    );
    let first = read(&out, "guide/first/index.html");
    assert!(first.contains(
        r#"<link rel="canonical" href="https://hub.example.org/mentoring/guide/first/">"#
    ));
    assert!(first.contains(r#"<meta name="description" content="How to begin.">"#));
    assert!(first.contains(r#"<meta property="og:title" content="First steps · Fixture Hub">"#));
}

#[test]
fn base_url_flag_overrides_the_config() {
    let dir = hub("base");
    let out = guidepost(
        dir.path(),
        &["build", "--base-url", "https://other.example.net/help"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&dir.path().join("public"), "index.html");
    assert!(html.contains(r#"<link rel="canonical" href="https://other.example.net/help/">"#));
}

#[test]
fn building_twice_gives_identical_output() {
    let dir = hub("base");
    let a = guidepost(dir.path(), &["build", "--out", "a"]);
    let b = guidepost(dir.path(), &["build", "--out", "b"]);
    assert!(a.status.success() && b.status.success());
    let (ta, tb) = (tree(&dir.path().join("a")), tree(&dir.path().join("b")));
    assert!(ta.len() > 15);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between builds");
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let dir = hub("base");
    std::fs::write(
        dir.path().join("content/guide/draft.md"),
        "---\ntitle: Not ready\nsummary: Later.\ndraft: true\n---\nWork in progress.\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    assert!(!out.join("guide/draft/index.html").exists());
    assert!(!read(&out, "guide/index.html").contains("Not ready"));
    let with = guidepost(dir.path(), &["build", "--drafts"]);
    assert!(with.status.success(), "{}", stderr(&with));
    assert!(dir.path().join("public/guide/draft/index.html").exists());
}

#[test]
fn bom_crlf_and_aliases_are_handled() {
    let dir = hub("base");
    std::fs::write(dir.path().join("content/guide/windows.md"), "\u{feff}---\r\ntitle: Saved on Windows\r\nsummary: CRLF and a BOM.\r\naliases: [/old/windows-page]\r\n---\r\n## Heading\r\n\r\nText.\r\n").unwrap();
    let out = build_ok(dir.path());
    let page = read(&out, "guide/windows/index.html");
    assert!(page.contains("<h1>Saved on Windows</h1>"));
    assert!(page.contains(r##"<h2 id="heading">Heading<a class="anchor" href="#heading""##));
    let redirect = read(&out, "old/windows-page/index.html");
    assert!(
        redirect.contains(r#"<meta http-equiv="refresh" content="0; url=../../guide/windows/">"#)
    );
}

#[test]
fn hub_theme_files_replace_the_built_in_ones_file_by_file() {
    let dir = hub("base");
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("404.html"), "{% extends \"base.html\" %}{% block main %}<h1>Lost? Ask your coordinator.</h1>{% endblock main %}").unwrap();
    std::fs::create_dir_all(dir.path().join("themes/default/static")).unwrap();
    std::fs::write(
        dir.path().join("themes/default/static/style.css"),
        "body { color: rebeccapurple; }",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("themes/default/static/extra.js"),
        "// Added by the hub.\nwindow.extra = true;\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    assert!(read(&out, "404.html").contains("<h1>Lost? Ask your coordinator.</h1>"));
    assert!(
        read(&out, "404.html").contains("Skip to content"),
        "the built-in base.html still applies"
    );
    assert_eq!(
        read(&out, "theme/style.css"),
        "body{color:rebeccapurple;}",
        "theme CSS is minified"
    );
    assert_eq!(
        read(&out, "theme/extra.js"),
        "// Added by the hub.\nwindow.extra = true;\n",
        "scripts are published as written"
    );
    assert!(
        read(&out, "theme/guidepost.js").contains("data-template-card"),
        "files not overridden stay built in"
    );
}

#[test]
fn a_layout_names_a_theme_template() {
    let dir = hub("base");
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("wide.html"), "{% extends \"base.html\" %}{% block main %}<div class=\"wide\">{{ page.body | safe }}</div>{% endblock main %}").unwrap();
    std::fs::write(
        dir.path().join("content/guide/map.md"),
        "---\ntitle: The map\nsummary: Everything at once.\nlayout: wide\n---\nA **wide** page.\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    assert!(read(&out, "guide/map/index.html")
        .contains("<div class=\"wide\"><p>A <strong>wide</strong> page.</p>"));
    std::fs::write(
        dir.path().join("content/guide/map.md"),
        "---\ntitle: The map\nsummary: Everything at once.\nlayout: wider\n---\nText.\n",
    )
    .unwrap();
    let failed = guidepost(dir.path(), &["build"]);
    assert!(!failed.status.success());
    assert!(
        stderr(&failed).contains("error: content/guide/map.md:4: there is no layout `wider`\n  help: did you mean `layout: wide`? The layouts are article, faq, template, wide"),
        "{}",
        stderr(&failed)
    );
}

#[test]
fn deeply_nested_lists_and_quotes_build_without_crashing() {
    let dir = hub("base");
    let nested: String = (0..3000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    let quotes = "> ".repeat(5000);
    std::fs::write(
        dir.path().join("content/guide/deep.md"),
        format!("---\ntitle: Deep\nsummary: x\n---\n{quotes}deep\n\n{nested}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/templates/deep.md"),
        format!("---\ntitle: Deep template\nsummary: x\nlayout: template\n---\n{nested}\n{quotes}quote\n"),
    )
    .unwrap();
    let out = build_ok(dir.path());
    assert!(read(&out, "guide/deep/index.html").contains("deep"));
    assert!(read(&out, "downloads/deep.txt").contains("quote"));
    assert!(out.join("downloads/deep.docx").is_file());
}

#[test]
fn text_from_content_is_escaped_everywhere_it_appears() {
    let dir = hub("base");
    let nasty = r#"Tom & \"Jerry\" <script>alert(1)</script>"#;
    std::fs::write(
        dir.path().join("content/guide/nasty.md"),
        format!("---\ntitle: \"{nasty}\"\nsummary: \"{nasty}\"\ntags: [\"{nasty}\"]\nupdated: 2026-11-20\npromoted: true\n---\nBody.\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/faq/nasty.md"),
        format!("---\ntitle: Nasty questions\nsummary: x\nlayout: faq\n---\n## Is {} safe?\n\nYes </script> it is.\n", "<b>bold</b> & \\\"quoted\\\""),
    )
    .unwrap();
    let out = build_ok(dir.path());
    for (path, html) in common::tree(&out) {
        let text = String::from_utf8_lossy(&html);
        assert!(
            !text.contains("<script>alert(1)"),
            "{path} has the raw script"
        );
        assert!(
            !text.contains("</script> it is"),
            "{path} lets content close a script element"
        );
    }
    let page = read(&out, "guide/nasty/index.html");
    assert!(
        page.contains("<h1>Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(1)&lt;/script&gt;</h1>"),
        "{}",
        main_of(&page)
    );
    assert!(page.contains(
        r#"<meta name="description" content="Tom &amp; &quot;Jerry&quot; &lt;script&gt;"#
    ));
    assert!(read(&out, "feed.xml").contains(
        "<title>Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(1)&lt;/script&gt;</title>"
    ));
    let shards: String = common::tree(&out.join("search"))
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    assert!(
        shards.contains(r"\u003cscript>alert(1)\u003c/script>"),
        "search excerpts keep the text, escaped"
    );
    let faq = read(&out, "faq/nasty/index.html");
    assert!(
        faq.contains(r#""name":"Is \u003cb\u003ebold\u003c/b\u003e \u0026 "#),
        "JSON-LD escapes markup"
    );
}

#[test]
fn a_twenty_megabyte_article_builds() {
    let dir = hub("base");
    let paragraph =
        "Mentors and mentees meet every two weeks to talk about goals and next steps. ".repeat(20);
    let mut text = String::from("---\ntitle: Very long\nsummary: Twenty megabytes.\n---\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    std::fs::write(dir.path().join("content/guide/long.md"), &text).unwrap();
    let out = build_ok(dir.path());
    let html = read(&out, "guide/long/index.html");
    assert!(html.len() > 20 * 1024 * 1024);
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn quoted_dates_unquoted_text_and_pages_of_front_matter_only_are_accepted() {
    let dir = hub("base");
    std::fs::write(
        dir.path().join("content/guide/plain.md"),
        "---\ntitle: 2026-01-01\nsummary: \"Only front matter\"\nupdated: \"2026-11-20\"\n---\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    let page = read(&out, "guide/plain/index.html");
    assert!(
        page.contains("<h1>2026-01-01</h1>"),
        "a date-like title is text"
    );
    assert!(
        page.contains(r#"<time datetime="2026-11-20">"#),
        "a quoted date is a date"
    );
}

#[test]
fn field_labels_and_examples_are_escaped() {
    let dir = hub("base");
    std::fs::write(
        dir.path().join("content/templates/labels.md"),
        "---\ntitle: Labels\nsummary: x\nlayout: template\nfields:\n  - {name: who, label: \"<b>Who</b> & \\\"why\\\"\", example: \"<script>x</script>\"}\n---\nHello {{ who }}.\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    for page in ["templates/labels/index.html", "templates/index.html"] {
        let html = read(&out, page);
        assert!(
            !html.contains("<b>Who</b>") && !html.contains("<script>x"),
            "{page}"
        );
        assert!(
            html.contains("&lt;b&gt;Who&lt;/b&gt; &amp; &quot;why&quot;"),
            "{page}"
        );
    }
}
