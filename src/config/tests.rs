//! Tests of the `config` module.

use super::*;

const MINIMAL: &str =
    "title: Hub\nbase_url: https://example.org\naudiences:\n  - {id: mentor, label: Mentors}\n";

#[test]
fn loads_a_minimal_config_with_defaults() {
    let config = Config::parse(MINIMAL).unwrap();
    assert_eq!(config.base_url, "https://example.org/");
    assert_eq!(config.language, "en");
    assert_eq!(config.theme, "default");
}

#[test]
fn unknown_setting_names_its_line() {
    let err = Config::parse(&format!("{MINIMAL}colour: blue\n")).unwrap_err();
    let d = &err.diagnostics()[0];
    assert_eq!(d.line, Some(5));
    assert_eq!(d.message, "unknown key `colour`");
    let help = d.help.as_deref().unwrap();
    assert!(
        help.starts_with("the keys allowed here are: title, description, base_url"),
        "{help}"
    );
    let err = Config::parse(&MINIMAL.replace("base_url", "base_ulr")).unwrap_err();
    assert_eq!(
        err.diagnostics()[0].help.as_deref(),
        Some("did you mean `base_url`?")
    );
}

#[test]
fn duplicate_and_malformed_ids_are_reported() {
    let text = "title: Hub\nbase_url: example.org\naudiences:\n  - {id: mentor, label: A}\n  - {id: mentor, label: B}\n  - {id: Staff Team, label: C}\n";
    let err = Config::parse(text).unwrap_err();
    let messages: Vec<_> = err
        .diagnostics()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("listed twice")));
    assert!(messages.iter().any(|m| m.contains("`Staff Team`")));
    assert!(messages.iter().any(|m| m.contains("base_url")));
}

#[test]
fn id_problems_point_at_the_entry() {
    let text = "title: Hub\nbase_url: https://example.org/\naudiences:\n  - {id: mentor, label: A}\n  - {id: mentee, label: B}\n  - {id: mentor, label: C}\n  - {id: Staff, label: D}\n";
    let err = Config::parse(text).unwrap_err();
    let shown: Vec<String> = err
        .diagnostics()
        .iter()
        .map(|d| format!("{}: {}", d.line.unwrap(), d.message))
        .collect();
    assert_eq!(
        shown,
        [
            "6: audience `mentor` is listed twice",
            "7: audience id `Staff` is not a valid id"
        ]
    );
}
