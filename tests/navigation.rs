//! Where readers find things: the settings a hub gives its header (logo, icon, edit
//! links), one place for each audience and for the template library, and the menu
//! of an article's section. Fixture: `tests/fixtures/settings` (with the settings)
//! and `tests/fixtures/base` (without them).

mod common;

use common::{build_ok, hub, main_of, read};

/// The part of a page between two markers, the first ones after `start`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no `{start}`"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn the_hub_logo_icon_and_edit_links_come_from_its_settings() {
    let dir = hub("settings");
    let out = build_ok(dir.path());
    let article = read(&out, "meetings/first-meeting/index.html");
    assert!(article.contains(r#"<link rel="icon" href="../../assets/icon.svg">"#));
    assert!(article
        .contains(r#"<img class="brand-logo" src="../../assets/logo.svg" alt="" height="32">"#));
    assert!(
        !article.contains("brand-mark"),
        "the hub's logo replaces the signpost"
    );
    assert!(article.contains(
        r#"<a class="edit-link" href="https://git.example.org/program/hub/edit/main/content/meetings/first-meeting.md">Edit this page</a>"#
    ));
    assert!(
        read(&out, "assets/logo.svg").contains("<svg"),
        "the logo is published"
    );
    // Listings are not files staff edit.
    assert!(!read(&out, "meetings/index.html").contains("edit-link"));
    assert!(!read(&out, "index.html").contains("edit-link"));
}

#[test]
fn without_settings_pages_have_the_signpost_and_no_edit_link() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let article = read(&out, "guide/first/index.html");
    assert!(article.contains(r#"<svg class="brand-mark""#));
    assert!(!article.contains("edit-link"));
    assert!(read(&out, "theme/favicon.svg").contains("<svg"));
}

#[test]
fn a_category_of_templates_is_the_one_template_library() {
    let dir = hub("settings");
    let out = build_ok(dir.path());
    let library = main_of(&read(&out, "templates/index.html"));
    assert!(library.contains("<h1>Templates</h1>"));
    assert!(
        library.contains("Fill any of these in on the page"),
        "the category's own words"
    );
    assert!(library.contains(r#"<ul class="cards library">"#));
    assert!(library.contains(r#"<dt>You fill in</dt><dd>Mentee&#39;s name</dd>"#));
    assert!(library.contains(r#"<a href="../meetings/first-meeting/">The first meeting</a>"#));
    // The old address leads there, and every footer links there.
    let old = read(&out, "template-library/index.html");
    assert!(old.contains(r#"<meta http-equiv="refresh" content="0; url=../templates/">"#));
    let article = read(&out, "meetings/first-meeting/index.html");
    assert!(article.contains(r#"<li><a href="../../templates/">Template library</a></li>"#));
    // The home page points to the library once, not also as a topic.
    let home = main_of(&read(&out, "index.html"));
    assert_eq!(home.matches(r#"templates/">"#).count(), 1, "{home}");
}

#[test]
fn a_hub_without_a_category_of_templates_keeps_the_library_apart() {
    let dir = hub("base");
    std::fs::write(
        dir.path().join("content/guide/plan.md"),
        "---\ntitle: Plan\nsummary: A plan.\nlayout: template\n---\nA plan to fill in.\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    // templates/ now holds a template and nothing else, guide/ an article and a template.
    let library = main_of(&read(&out, "templates/index.html"));
    assert!(
        library.contains("Plan") && library.contains("Meeting agenda"),
        "every template"
    );
    std::fs::remove_dir_all(dir.path().join("content/templates")).unwrap();
    let body = std::fs::read_to_string(dir.path().join("content/guide/first.md")).unwrap();
    std::fs::write(
        dir.path().join("content/guide/first.md"),
        body.replace("```template\nagenda\n```", ""),
    )
    .unwrap();
    let out = build_ok(dir.path());
    let library = main_of(&read(&out, "template-library/index.html"));
    assert!(library.contains("<h1>Template library</h1>"), "{library}");
    assert!(library.contains(r#"<a href="../guide/plan/">Plan</a>"#));
}

#[test]
fn an_audience_has_one_place_in_the_header() {
    let dir = hub("settings");
    let out = build_ok(dir.path());
    let page = read(&out, "staff/checking-in/index.html");
    let topics = between(&page, r#"<nav id="gp-topics""#, "</nav>");
    assert!(topics.contains("Meetings") && topics.contains("Templates"));
    assert!(
        !topics.contains("staff/"),
        "the staff category is not a topic: {topics}"
    );
    let audiences = between(&page, r#"<nav id="gp-audiences""#, "</nav>");
    assert!(
        audiences.contains(
            r#"<a href="../../audience/staff/" aria-current="true">For program staff</a>"#
        ),
        "inside the staff category, the staff audience is current: {audiences}"
    );
    let home = main_of(&read(&out, "index.html"));
    assert!(
        !home.contains(r#"href="staff/""#),
        "nor a topic on the home page"
    );
}

#[test]
fn an_article_shows_the_other_pages_of_its_section() {
    let dir = hub("settings");
    let out = build_ok(dir.path());
    let page = main_of(&read(&out, "meetings/regular-meetings/index.html"));
    let menu = between(&page, r#"<nav class="section-menu""#, "</nav>");
    assert!(menu.contains(r#"<summary id="section-menu-title">Meetings</summary>"#));
    let order: Vec<usize> = [
        "The first meeting",
        "Regular meetings",
        "When a meeting is missed",
    ]
    .iter()
    .map(|t| menu.find(t).unwrap_or_else(|| panic!("{t} in {menu}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "in reading order");
    assert!(
        menu.contains(r#"<a href="./" aria-current="page">Regular meetings</a>"#),
        "{menu}"
    );
    assert!(menu.contains(r#"<a href="../">All 3 pages in Meetings</a>"#));
    // A section of one page has nothing to add.
    let alone = main_of(&read(&out, "staff/checking-in/index.html"));
    assert!(!alone.contains("section-menu"));
}
