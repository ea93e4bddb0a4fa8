//! Tests of front matter splitting, mapping and writing.
use super::*;

#[test]
fn splits_yaml_and_toml() {
    let s = split("+++\ntitle = \"A\"\n+++\nBody\n").unwrap();
    assert_eq!(s.data["title"].as_str(), Some("A"));
    assert_eq!((s.body, s.body_line), ("Body\n", 4));
    let s = split("---\ntitle: B\n---\n\nBody\n").unwrap();
    assert_eq!(s.data["title"].as_str(), Some("B"));
    assert_eq!(s.body_line, 4);
    assert!(split("No front matter").unwrap().data.is_empty());
    assert_eq!(split("---\ntitle: [open\n---\n").unwrap_err().0, 3);
    assert_eq!(split("---\ntitle: x\n").unwrap_err().0, 1);
}

#[test]
fn maps_keys_and_lists_the_rest() {
    let data = split("---\ntitle: T\ndescription: One  line.\ndate: 2024-03-01 10:00:00 +0100\nnav_order: 3\ntags: a b\nredirect_from: [/old.html, \"http://x.org/a\"]\ntoc: true\nlayout: page\n---\n").unwrap().data;
    let m = map(&data, true);
    assert_eq!(m.front.summary, "One line.");
    assert_eq!(m.front.updated.as_deref(), Some("2024-03-01"));
    assert_eq!(m.front.order, Some(3));
    assert_eq!(m.front.tags, ["a", "b"]);
    assert_eq!(m.front.aliases, ["/old.html"]);
    assert!(m.entries.contains(&Entry::Dropped(
        "`toc`, `layout` (no such key in a hub)".to_string()
    )));
    assert!(m
        .entries
        .contains(&Entry::Mapped("`nav_order` → `order: 3`".to_string())));
}

#[test]
fn writes_yaml_that_reads_back() {
    let front = OurFront {
        title: "Yes: no, [maybe]".to_string(),
        summary: "It's #1".to_string(),
        tags: vec!["a, b".to_string(), "true".to_string()],
        order: Some(2),
        ..OurFront::default()
    };
    let yaml = front.to_yaml(false);
    let inner = yaml
        .strip_prefix("---\n")
        .unwrap()
        .strip_suffix("---\n")
        .unwrap();
    let back: Value = serde_yaml::from_str(inner).unwrap();
    assert_eq!(back["title"].as_str(), Some("Yes: no, [maybe]"));
    assert_eq!(back["summary"].as_str(), Some("It's #1"));
    assert_eq!(back["tags"][0].as_str(), Some("a, b"));
    assert_eq!(back["tags"][1].as_str(), Some("true"));
}
