//! Unknown keys in `hub.yaml`, all of them at once.
//!
//! In: the parsed YAML and its text. Out: the YAML without the keys the settings do
//! not have, and an error for each one (its line, and the nearest known key). The
//! known keys are read off the settings types themselves, so they cannot drift.

use serde_yaml::{Mapping, Value};

use super::{
    Audience, Config, Contact, FooterLink, Language, Localized, Paper, Phase, CONFIG_FILE,
};
use crate::diagnostic::Diagnostic;

/// Removes every key `hub.yaml` does not know from `value`, reporting each one.
pub(super) fn remove_unknown(value: &mut Value, text: &str) -> Vec<Diagnostic> {
    let known = Known::new();
    let mut found = Found {
        text,
        seen: Vec::new(),
        problems: Vec::new(),
    };
    let Value::Mapping(top) = value else {
        return Vec::new();
    };
    found.check(top, &known.top, None);
    for (list, keys) in [
        ("audiences", &known.audience),
        ("phases", &known.phase),
        ("footer_links", &known.footer_link),
        ("languages", &known.language),
    ] {
        if let Some(Value::Sequence(items)) = top.get_mut(list) {
            for item in items {
                if let Value::Mapping(map) = item {
                    found.check(map, keys, Some(list));
                }
            }
        }
    }
    if let Some(Value::Mapping(contact)) = top.get_mut("contact") {
        found.check(contact, &known.contact, Some("contact"));
    }
    found.problems.sort_by_key(|d| d.line);
    found.problems
}

/// The keys of each settings type, in the order the types declare them.
struct Known {
    top: Vec<String>,
    audience: Vec<String>,
    phase: Vec<String>,
    footer_link: Vec<String>,
    contact: Vec<String>,
    language: Vec<String>,
}

impl Known {
    fn new() -> Known {
        let sample = Config {
            title: Localized::default(),
            description: Localized::default(),
            base_url: String::new(),
            language: String::new(),
            languages: vec![Language {
                id: String::new(),
                label: String::new(),
            }],
            theme: String::new(),
            audiences: Vec::new(),
            phases: Vec::new(),
            footer_links: Vec::new(),
            contact: None,
            allow_html: false,
            paper: Paper::Letter,
            search: true,
            logo: None,
            favicon: None,
            edit_url: None,
            text: Default::default(),
            strings: crate::i18n::english(),
        };
        let audience = Audience {
            id: String::new(),
            label: Localized::default(),
            description: Localized::default(),
            start_here: Vec::new(),
        };
        let phase = Phase {
            id: String::new(),
            label: Localized::default(),
            description: Localized::default(),
        };
        let footer_link = FooterLink {
            label: Localized::default(),
            url: String::new(),
        };
        let contact = Contact {
            text: Localized::default(),
            email: None,
            url: None,
        };
        Known {
            top: keys_of(&sample),
            audience: keys_of(&audience),
            phase: keys_of(&phase),
            footer_link: keys_of(&footer_link),
            contact: keys_of(&contact),
            language: keys_of(&Language {
                id: String::new(),
                label: String::new(),
            }),
        }
    }
}

fn keys_of(sample: &impl serde::Serialize) -> Vec<String> {
    match serde_yaml::to_value(sample) {
        Ok(Value::Mapping(map)) => map
            .keys()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

struct Found<'a> {
    text: &'a str,
    /// Unknown keys reported so far, so a key written twice is found at its second line.
    seen: Vec<String>,
    problems: Vec<Diagnostic>,
}

impl Found<'_> {
    fn check(&mut self, map: &mut Mapping, known: &[String], within: Option<&str>) {
        let unknown: Vec<Value> = map
            .keys()
            .filter(|k| !k.as_str().is_some_and(|k| known.iter().any(|n| n == k)))
            .cloned()
            .collect();
        for key in unknown {
            map.remove(&key);
            let name = match &key {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            let message = match within {
                None => format!("unknown key `{name}`"),
                Some(list) => format!("unknown key `{name}` in `{list}`"),
            };
            let help = match crate::text::suggest(&name, known.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys allowed here are: {}", known.join(", ")),
            };
            let mut d = Diagnostic::error(CONFIG_FILE, message).help(help);
            let nth = self.seen.iter().filter(|s| **s == name).count();
            if let Some((line, column)) = key_position(self.text, &name, nth) {
                d = d.at(line, column);
            }
            self.seen.push(name);
            self.problems.push(d);
        }
    }
}

/// The line and column (1-based) of the `nth` place `key:` is written as a key: at
/// the start of a line, after `- `, or after `{` or `,` in a flow mapping.
fn key_position(text: &str, key: &str, nth: usize) -> Option<(usize, usize)> {
    let mut places = text.lines().enumerate().flat_map(|(i, line)| {
        line.match_indices(key).filter_map(move |(at, _)| {
            let before = line[..at].trim_end();
            let after = line[at + key.len()..].trim_start();
            let starts_key =
                before.is_empty() || before.ends_with(['{', ',']) || before.trim_start() == "-";
            (starts_key && after.starts_with(':')).then_some((i + 1, at + 1))
        })
    });
    places.nth(nth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unknown_key_is_reported_with_its_place() {
        let text = "title: Hub\ncolour: blue\nbase_url: https://example.org/\naudiences:\n  - {id: mentor, label: Mentors, lable: x}\n  - id: mentee\n    label: Mentees\n    strat_here: []\ncontact:\n  phone: 555\nfont: serif\n";
        let mut value: Value = serde_yaml::from_str(text).unwrap();
        let problems = remove_unknown(&mut value, text);
        let shown: Vec<String> = problems
            .iter()
            .map(|d| format!("{}:{} {}", d.line.unwrap(), d.column.unwrap(), d.message))
            .collect();
        assert_eq!(
            shown,
            [
                "2:1 unknown key `colour`",
                "5:34 unknown key `lable` in `audiences`",
                "8:5 unknown key `strat_here` in `audiences`",
                "10:3 unknown key `phone` in `contact`",
                "11:1 unknown key `font`",
            ]
        );
        assert_eq!(
            problems[2].help.as_deref(),
            Some("did you mean `start_here`?")
        );
        let config: Config = serde_yaml::from_value(value).unwrap();
        assert_eq!(config.audiences.len(), 2);
    }

    #[test]
    fn known_keys_come_from_the_types() {
        let known = Known::new();
        assert_eq!(known.top[..3], ["title", "description", "base_url"]);
        assert!(known.top.iter().any(|k| k == "search"));
        assert_eq!(known.contact, ["text", "email", "url"]);
    }
}
