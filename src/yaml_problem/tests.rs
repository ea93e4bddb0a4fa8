//! Tests of the `yaml_problem` module: each common slip is found at its own line.

use super::*;

fn explained(yaml: &str) -> YamlProblem {
    let error = serde_yaml::from_str::<serde_yaml::Value>(yaml).expect_err("the YAML is broken");
    explain(yaml, &error)
}

#[test]
fn a_missing_space_after_a_dash_is_named() {
    let p = explained("title: A\naudience:\n- mentor\n-mentee\n");
    assert_eq!(
        (p.line, p.message.as_str()),
        (4, "the list item `-mentee` needs a space after its `-`")
    );
    assert_eq!(p.help, "write `- mentee`");
    // YAML reads this one as the text "-one - two": no error, but not what was meant.
    let found = lint("tags:\n  -one\n  - two\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].line, 2);
}

#[test]
fn a_missing_space_after_a_colon_is_named() {
    let p = explained("title: A\nsummary:x\n");
    assert_eq!(
        (p.line, p.message.as_str()),
        (2, "`summary:` needs a space after the colon")
    );
    assert_eq!(p.help, "write `summary: x`");
    let p = explained("title:A\nsummary: x\n");
    assert_eq!(p.line, 1);
    assert_eq!(not_a_mapping("title:A").help, "write `title: A`");
}

#[test]
fn a_colon_in_a_plain_value_asks_for_quotes() {
    let p = explained("title: Step 2: say goodbye\nsummary: x\n");
    assert_eq!(p.line, 1);
    assert_eq!(
        p.help,
        "put the value in quotes: title: \"Step 2: say goodbye\""
    );
    let p = explained("title: He said \"no\": twice\n");
    assert_eq!(
        p.help,
        "put the value in quotes: title: 'He said \"no\": twice'"
    );
}

#[test]
fn tabs_quotes_and_brackets() {
    assert_eq!(
        explained("tags:\n\t- one\n").message,
        "this line is indented with a tab"
    );
    let p = explained("title: \"Open\nsummary: x\n");
    assert_eq!(
        (p.line, p.help.as_str()),
        (
            1,
            "end the value with the same quote mark on this line: title: \"…\""
        )
    );
    let p = explained("title: A\ntags: [one, two\nsummary: x\n");
    assert_eq!(
        (p.line, p.message.as_str()),
        (
            2,
            "the `[` that opens the value of `tags` is never closed with `]`"
        )
    );
    // A quote closed on a later line is valid YAML and not blamed for a later slip.
    let p = explained("summary: \"one\n  two\"\ntitle: Step 2: go\n");
    assert_eq!(p.line, 3);
}

#[test]
fn list_items_out_of_line_are_named() {
    let p = explained("title: A\naudience:\n  - mentor\n - mentee\n");
    assert_eq!(
        (p.line, p.message.as_str()),
        (
            4,
            "the list item `- mentee` is not lined up with the item above it"
        )
    );
    assert_eq!(
        p.help,
        "start every `-` of a list at the same place: here 2 spaces from the left"
    );
    let found = lint("tags:\n- one\n   - two\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].line, 3);
    let nested = "audiences:\n  - id: a\n    start_here:\n      - /x.md\n      - /y.md\n  - id: b\ncontact:\n  text: hi\n";
    assert!(lint(nested).is_empty());
    assert!(scan(nested).is_empty());
    assert!(scan("tags:\n- one\n- two\nsummary: x\n").is_empty());
}

#[test]
fn a_key_indented_under_a_value_is_named() {
    let p = explained("title: A\n  summary: x\n");
    assert_eq!(p.line, 2);
    assert_eq!(p.help, "start `summary:` where `title:` starts");
}

#[test]
fn duplicates_point_at_the_second_line() {
    let p = explained("title: A\nsummary: x\ntitle: B\n");
    assert_eq!((p.line, p.message.as_str()), (3, "`title` is set twice"));
}

#[test]
fn block_text_and_comments_are_not_checked() {
    let yaml = "summary: |\n  Step 1: listen -carefully\n    -indented\ntitle: A # a note: here\n";
    assert!(
        scan(yaml).is_empty(),
        "{:?}",
        scan(yaml).iter().map(|f| &f.problem).collect::<Vec<_>>()
    );
}
