//! One file of strings (a built-in table, or a hub's `i18n/<id>.yaml`) read into a
//! [`Table`], with each problem at its line: an unknown key (and the nearest known
//! one), a value of the wrong shape, a placeholder the key cannot fill.

use std::path::Path;

use serde_yaml::Value as Yaml;

use super::entry::{Months, Value};
use super::keys::{key, Kind, Table, KEYS};
use super::plural::{Plural, CATEGORIES};
use crate::diagnostic::Diagnostic;
use crate::text::suggest;

/// Reads the strings file `text`, shown in messages as `file`: the keys it gives, and
/// every problem found (the keys with problems are left out).
pub fn read(text: &str, file: &Path) -> (Table, Vec<Diagnostic>) {
    let mut table = Table::default();
    let mut problems = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let yaml: Yaml = match serde_yaml::from_str(text) {
        Ok(yaml) => yaml,
        Err(e) => {
            let message = e.to_string();
            let message = match (message.rfind(" at line "), e.location()) {
                (Some(i), Some(_)) => message[..i].to_string(),
                _ => message,
            };
            let mut d = Diagnostic::error(file, message)
                .help("check the YAML: one `key: text` per line, quoted where the text holds `: ` or starts with `{`");
            if let Some(at) = e.location() {
                d = d.at(at.line(), at.column());
            }
            return (table, vec![d]);
        }
    };
    let map = match yaml {
        Yaml::Mapping(map) => map,
        Yaml::Null => return (table, problems),
        _ => {
            problems.push(
                Diagnostic::error(file, "a strings file is a list of `key: text` lines")
                    .help("write one string per line, such as `skip_to_content: Skip to content`"),
            );
            return (table, problems);
        }
    };
    for (name, value) in map {
        let name = match name {
            Yaml::String(name) => name,
            other => scalar(&other).unwrap_or_default(),
        };
        let line = key_line(text, &name);
        let at = |d: Diagnostic| match line {
            Some(line) => d.at_line(line),
            None => d,
        };
        let Some(key) = key(&name) else {
            let help = match suggest(&name, KEYS.iter().map(|k| k.name)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "the keys are those of the built-in English table (see the README's Languages section)".to_string(),
            };
            problems.push(at(
                Diagnostic::error(file, format!("unknown key `{name}`")).help(help)
            ));
            continue;
        };
        match checked(key.name, key.kind, key.placeholders, &value) {
            Ok(value) => {
                table.set(key.name, value);
            }
            Err((message, help)) => problems.push(at(Diagnostic::error(file, message).help(help))),
        }
    }
    (table, problems)
}

type Problem = (String, String);

/// The value of key `name` if it has the shape its kind needs and uses only its
/// placeholders.
fn checked(name: &str, kind: Kind, placeholders: &[&str], value: &Yaml) -> Result<Value, Problem> {
    let text = |value: &Yaml| -> Result<String, Problem> {
        let text = scalar(value).ok_or_else(|| match value {
            Yaml::Null => (
                format!("`{name}` is empty"),
                "write its text after the colon".to_string(),
            ),
            _ => (
                format!("`{name}` takes one text"),
                format!("write it on one line: `{name}: …`"),
            ),
        })?;
        check_placeholders(name, &text, placeholders)?;
        Ok(text)
    };
    match (kind, value) {
        (Kind::Months, Yaml::Sequence(items)) if items.len() == 12 => {
            let names: Option<Vec<String>> = items.iter().map(scalar).collect();
            names
                .map(|n| Value::Months(Months(n)))
                .ok_or_else(|| months_problem(name))
        }
        (Kind::Months, _) => Err(months_problem(name)),
        (Kind::Counted, Yaml::Mapping(map)) => {
            let mut plural = Plural::default();
            for (category, form) in map {
                let category = scalar(category).unwrap_or_default();
                let Some(at) = CATEGORIES.iter().position(|&c| c == category) else {
                    let help = match suggest(&category, CATEGORIES) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "the forms are zero, one, two, few, many and other".to_string(),
                    };
                    return Err((
                        format!("`{name}` has a form `{category}`, which is not a plural form"),
                        help,
                    ));
                };
                plural.forms[at] = Some(text(form)?);
            }
            if plural.forms[5].is_none() {
                return Err((
                    format!("`{name}` has no `other` form"),
                    "add `other:`, the form that most counts take".to_string(),
                ));
            }
            Ok(Value::Forms(plural))
        }
        (Kind::Text, Yaml::Mapping(_)) => Err((
            format!("`{name}` takes one text, not forms by count"),
            format!("write it on one line: `{name}: …`"),
        )),
        (_, value) => text(value).map(Value::Text),
    }
}

fn months_problem(name: &str) -> Problem {
    (
        format!("`{name}` must list the twelve month names"),
        "write them in a list, January first: `[January, February, …, December]`".to_string(),
    )
}

/// A placeholder the key cannot fill is a problem: it would show as written.
fn check_placeholders(name: &str, text: &str, placeholders: &[&str]) -> Result<(), Problem> {
    for used in placeholders_in(text) {
        if !placeholders.contains(&used) {
            let known: Vec<String> = placeholders.iter().map(|p| format!("{{{p}}}")).collect();
            let help = match (
                suggest(used, placeholders.iter().copied()),
                known.is_empty(),
            ) {
                (Some(near), _) => format!("did you mean `{{{near}}}`?"),
                (None, true) => "this text has no placeholders".to_string(),
                (None, false) => format!("its placeholders are {}", known.join(", ")),
            };
            return Err((
                format!("`{name}` uses `{{{used}}}`, which it cannot fill"),
                help,
            ));
        }
    }
    Ok(())
}

/// The names in `{name}` placeholders of a text, in order.
pub fn placeholders_in(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|rest| {
        let (name, _) = rest.split_once('}')?;
        let word = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        word.then_some(name)
    })
}

/// A YAML scalar as text (numbers and booleans as written), or None.
fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Number(n) => Some(n.to_string()),
        Yaml::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The 1-based line of a top-level `key:` in YAML text.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.strip_prefix('"').unwrap_or(line);
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches('"').trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}
