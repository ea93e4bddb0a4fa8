//! Handbooks: one printable page per audience with every page for it, in category
//! order, whole: FAQ answers open, templates as labelled blanks, linked from the
//! audience's page.

mod common;

use common::{build_ok, hub, read};

#[test]
fn a_handbook_holds_every_page_for_its_audience_in_order() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let mentor = read(&out, "handbooks/mentor/index.html");
    // The mentor pages of the fixture, category by category; no mentee-only page.
    let order: Vec<usize> = ["First steps", "Questions", "Meeting agenda"]
        .iter()
        .map(|title| {
            mentor
                .find(&format!("-title\">{title}</h2>"))
                .unwrap_or_else(|| panic!("{title} is in the handbook"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "category order: {order:?}"
    );
    assert!(
        !mentor.contains("Second steps"),
        "a mentee-only page stays out"
    );
    // Contents link to each page in the handbook.
    assert!(mentor.contains(r##"<li><a href="#page-guide-first">First steps</a></li>"##));
    assert!(mentor.contains(r#"<section class="handbook-entry" id="page-guide-first""#));
    // The page's own headings sit below its title, with ids of their own.
    assert!(
        mentor.contains(r#"<h3 id="page-guide-first-"#),
        "nested, prefixed headings"
    );
    assert!(
        mentor.contains(r##"<h3 id="page-guide-first-before-you-meet">Before you meet<a class="anchor" href="#page-guide-first-before-you-meet""##),
        "whose links to themselves follow them"
    );
    // An FAQ's answers are open: its questions are headings, not folded.
    assert!(
        mentor.contains(">How often should we meet?<a class=\"anchor\""),
        "{mentor}"
    );
    assert!(!mentor.contains("<details class=\"question\""));
    // A template reads as a document with labelled blanks.
    assert!(mentor.contains(r#"<span class="blank" data-field="mentee_name"><span><i>[</i>Mentee&#39;s name<i>]</i></span></span>"#));
    assert!(!mentor.contains("{{"));
    // The audience page leads to it, and its pages link back to the site.
    assert!(
        read(&out, "audience/mentor/index.html").contains(r#"<a href="../../handbooks/mentor/">"#)
    );
    assert!(mentor.contains(
        r#"<a href="../../guide/first/">https://hub.example.org/mentoring/guide/first/</a>"#
    ));
    let mentee = read(&out, "handbooks/mentee/index.html");
    assert!(mentee.contains("Second steps") && !mentee.contains(">Questions</h2>"));
}
