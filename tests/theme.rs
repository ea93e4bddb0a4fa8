//! What the default theme gives every page beyond its content.

mod common;

use common::{build_ok, hub, read};

#[test]
fn every_page_names_the_hubs_icon_and_the_icon_is_published() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let icon = read(&out, "theme/favicon.svg");
    assert!(icon.starts_with("<svg"), "{icon}");
    // Browsers ask for /favicon.ico when a page names no icon: a failed request on
    // every page, and none at all when the hub is opened from disk.
    for (page, href) in [
        ("index.html", "./theme/favicon.svg"),
        ("guide/first/index.html", "../../theme/favicon.svg"),
        ("404.html", "/mentoring/theme/favicon.svg"),
    ] {
        let html = read(&out, page);
        assert!(
            html.contains(&format!("<link rel=\"icon\" href=\"{href}\">")),
            "{page} does not name the icon"
        );
    }
}

/// Writes `name` into the hub's own theme templates.
fn hub_template(hub: &std::path::Path, name: &str, text: &str) {
    let templates = hub.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join(name), text).unwrap();
}

#[test]
fn a_hubs_card_macro_draws_every_listings_cards() {
    let dir = hub("base");
    // The hub's own macros.html, with a card of its own.
    let macros = guidepost::theme::DEFAULT_FILES
        .iter()
        .find(|(name, _)| *name == "templates/macros.html")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap();
    let start = macros.find("{% macro card(").unwrap();
    let end = macros.find("{% endmacro card %}").unwrap();
    let ours = "{% macro card(c, t, level=3) %}<li class=\"our-card\"><h{{ level }}><a href=\"{{ c.url }}\">{{ c.title }}</a></h{{ level }}><p>{{ t.min_read | fill(n=c.reading_minutes) }}</p></li>";
    let macros = format!("{}{ours}{}", &macros[..start], &macros[end..]);
    hub_template(dir.path(), "macros.html", &macros);
    let out = build_ok(dir.path());
    // A section lists its pages, an audience page its "start here" and its pages by
    // phase, a tag page its pages with titles a level up (under the tag's `<h1>`).
    for (listing, card, times) in [
        (
            "guide/index.html",
            "<h3><a href=\"first/\">First steps</a></h3>",
            1,
        ),
        (
            "audience/mentor/index.html",
            "<h3><a href=\"../../guide/first/\">First steps</a></h3>",
            2,
        ),
        (
            "tags/first-meeting/index.html",
            "<h2><a href=\"../../guide/first/\">First steps</a></h2>",
            1,
        ),
    ] {
        let html = read(&out, listing);
        let ours = format!("<li class=\"our-card\">{card}<p>1 min read</p></li>");
        assert_eq!(html.matches(&ours).count(), times, "{listing}: {html}");
        assert!(
            !html.contains("class=\"card "),
            "{listing} keeps a built-in card"
        );
    }
}

#[test]
fn a_hubs_card_links_each_audience_from_wherever_it_is_listed() {
    let dir = hub("base");
    // Cards are drawn once and their addresses put in per listing: the audience links
    // too, which differ between listings where the page's own address does not (an
    // audience page and a tag page both reach the guide by `../../guide/`).
    hub_template(
        dir.path(),
        "card.html",
        "<li class=\"our-card\"><a href=\"{{ c.url ~ 'index.html' }}\">{{ c.title }}</a>{% for a in c.audiences %} <a class=\"aud\" href=\"{{ a.url }}\">{{ a.title }}</a>{% endfor %}</li>",
    );
    let out = build_ok(dir.path());
    for (listing, page, mentors, mentees) in [
        (
            "guide/index.html",
            "first/index.html",
            "../audience/mentor/",
            "../audience/mentee/",
        ),
        (
            "audience/mentee/index.html",
            "../../guide/first/index.html",
            "../mentor/",
            "./",
        ),
        (
            "tags/goals/index.html",
            "../../guide/first/index.html",
            "../../audience/mentor/",
            "../../audience/mentee/",
        ),
        (
            "guide/second/index.html",
            "../first/index.html",
            "../../audience/mentor/",
            "../../audience/mentee/",
        ),
    ] {
        let html = read(&out, listing);
        let card = format!("<li class=\"our-card\"><a href=\"{page}\">First steps</a> <a class=\"aud\" href=\"{mentors}\">Mentors</a> <a class=\"aud\" href=\"{mentees}\">Mentees</a></li>");
        assert!(html.contains(&card), "{listing} lacks {card}: {html}");
    }
}

#[test]
fn a_hubs_card_that_changes_its_address_gets_it_changed_in_every_listing() {
    let dir = hub("base");
    // Where the theme reworks an address rather than showing it, each listing's
    // cards are drawn for that listing.
    hub_template(
        dir.path(),
        "card.html",
        "<li class=\"our-card\"><a href=\"{{ c.url | trim_end_matches(pat='/') }}\">{{ c.title }}</a></li>",
    );
    let out = build_ok(dir.path());
    for (listing, card) in [
        ("guide/index.html", "<a href=\"first\">First steps</a>"),
        (
            "audience/mentee/index.html",
            "<a href=\"../../guide/first\">First steps</a>",
        ),
        (
            "guide/second/index.html",
            "<a href=\"../first\">First steps</a>",
        ),
    ] {
        let html = read(&out, listing);
        assert!(html.contains(card), "{listing} lacks {card}: {html}");
    }
}

#[test]
fn a_hubs_header_and_footer_are_on_every_page_kind() {
    let dir = hub("base");
    hub_template(
        dir.path(),
        "header.html",
        "<header class=\"ours\"><a href=\"{{ chrome.home_url }}\">{{ chrome.site_title }}</a>{% for l in chrome.nav %}<a href=\"{{ l.url }}\"{% if l.current %} aria-current=\"true\"{% endif %}>{{ l.title }}</a>{% endfor %}</header>",
    );
    hub_template(
        dir.path(),
        "footer.html",
        "<footer class=\"ours\">{{ t.all_tags }}: {{ chrome.tags_url }}</footer>",
    );
    let out = build_ok(dir.path());
    for (page, home, tags) in [
        ("index.html", "./", "./tags/"),
        ("guide/index.html", "../", "../tags/"),
        ("guide/first/index.html", "../../", "../../tags/"),
        ("faq/questions/index.html", "../../", "../../tags/"),
        ("tags/goals/index.html", "../../", "../../tags/"),
        ("handbooks/mentor/index.html", "../../", "../../tags/"),
    ] {
        let html = read(&out, page);
        assert!(
            html.contains(&format!("<header class=\"ours\"><a href=\"{home}\">")),
            "{page}: {html}"
        );
        assert!(
            html.contains(&format!("<footer class=\"ours\">All tags: {tags}</footer>")),
            "{page}: {html}"
        );
    }
    // Each page's own place in the navigation is marked, though headers are drawn once.
    assert!(read(&out, "guide/first/index.html").contains("aria-current=\"true\">The guide</a>"));
    assert!(!read(&out, "faq/questions/index.html").contains("aria-current=\"true\">The guide</a>"));
}

#[test]
fn a_theme_copied_before_cards_were_drawn_once_is_told_the_new_names() {
    let dir = hub("base");
    hub_template(
        dir.path(),
        "section.html",
        "{% extends \"base.html\" %}{% block main %}\n{% for c in page.pages %}{{ c.title }}{% endfor %}{% endblock main %}",
    );
    // Where a list was only tested, it would have gone missing without a word.
    hub_template(
        dir.path(),
        "wide.html",
        "{% extends \"base.html\" %}{% block main %}{% if page.meta.related %}Related{% endif %}{% endblock main %}",
    );
    // A control put into the header through base.html's old block.
    hub_template(
        dir.path(),
        "tags.html",
        "{% extends \"base.html\" %}\n{% block header_tools %}<a href=\"/help\">Help</a>{% endblock header_tools %}{% block main %}{% endblock main %}",
    );
    let failed = common::guidepost(dir.path(), &["build"]);
    assert!(!failed.status.success());
    let said = String::from_utf8_lossy(&failed.stderr);
    assert!(said.contains("error: themes/default/templates/tags.html:2: `header_tools` is a block of header.html now\n  help: copy header.html from themes/default/templates/ into your theme and put the controls in its `header_tools` block"), "{said}");
    assert!(said.contains("error: themes/default/templates/section.html:2: `page.pages` is no longer given to templates\n  help: lists now get their cards already drawn: use `{{ page.cards | safe }}` for the cards and `page.count` for how many"), "{said}");
    assert!(said.contains("error: themes/default/templates/wide.html:1: `meta.related` is no longer given to templates\n  help: lists now get their cards already drawn: use `{{ meta.related_cards | safe }}`"), "{said}");
    assert!(!said.contains("page.cards` is"), "{said}");
}
