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
