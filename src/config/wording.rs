//! Settings of the wrong shape in `hub.yaml`, said in the words the README uses.
//!
//! In: the text of hub.yaml and serde's complaint ("audiences[0]: missing field
//! `label`", "paper: unknown variant `A4`…"). Out: a [`Diagnostic`] at the setting's
//! line that says which setting is wrong, what it must be, and how to write it; and
//! what makes a `base_url` unusable.

use super::{key_line, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
use crate::yaml_problem::YamlProblem;

/// A YAML mistake in hub.yaml as a diagnostic.
pub(super) fn syntax(problem: YamlProblem) -> Diagnostic {
    let d = Diagnostic::error(CONFIG_FILE, problem.message);
    match problem.column {
        Some(column) => d.at(problem.line, column),
        None => d.at_line(problem.line),
    }
    .help(problem.help)
}

/// A setting whose value has the wrong type, or a required setting left out.
pub(super) fn shape(text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let raw = super::yaml_message(error);
    let (path, complaint) = match raw.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (path, rest),
        _ => ("", raw.as_str()),
    };
    let key = path.split(['[', '.']).next().unwrap_or("");
    let line = error
        .location()
        .map(|l| l.line())
        .or_else(|| key_line(text, key))
        .unwrap_or(1);
    let place = place(path);
    let (message, help) = if let Some(field) = between(complaint, "missing field `", "`") {
        (format!("{place} has no `{field}`"), missing_help(field))
    } else if let Some(value) = between(complaint, "unknown variant `", "`") {
        let allowed: Vec<&str> = complaint
            .split("expected ")
            .nth(1)
            .unwrap_or("")
            .split('`')
            .skip(1)
            .step_by(2)
            .collect();
        let near = allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(value))
            .copied()
            .or_else(|| crate::text::suggest(value, allowed.iter().copied()));
        (
            format!("`{key}` must be {}, not `{value}`", or_list(&allowed)),
            match near {
                Some(near) => format!("did you mean `{near}`? Write `{key}: {near}`"),
                None => format!(
                    "write one of them, like `{key}: {}`",
                    allowed.first().unwrap_or(&"…")
                ),
            },
        )
    } else if let Some(rest) = complaint.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let found = match found.strip_prefix("string ") {
            Some(text) => format!("the text `{}`", text.trim_matches('"')),
            None => found.to_string(),
        };
        let (what, help) = match expected {
            "a boolean" => (
                "true or false",
                format!("write `{key}: true` or `{key}: false`"),
            ),
            "a sequence" => ("a list", list_help(key)),
            "a string" => ("text", format!("put the value in quotes: {key}: \"…\"")),
            _ if expected.starts_with("struct") || expected.contains("map") => (
                "a group of settings",
                "write its settings on the lines below it, each indented by two spaces".to_string(),
            ),
            _ => (
                expected,
                "see the README's hub.yaml section for how to write it".to_string(),
            ),
        };
        (format!("{place} must be {what}, not {found}"), help)
    } else {
        (
            format!("{place} cannot be read: {complaint}"),
            "see the README's hub.yaml section for how to write it".to_string(),
        )
    };
    Diagnostic::error(CONFIG_FILE, message)
        .at_line(line)
        .help(help)
}

/// What is wrong with a base URL, if anything: it must be an absolute http(s) address
/// with a host, and nothing a page's markup or a feed reader could misread.
pub(super) fn base_url_problem(url: &str) -> Option<(String, &'static str)> {
    web_address_problem(
        "base_url",
        url,
        "write the address the hub is published at, like https://example.org/hub/",
    )
}

/// What is wrong with `edit_url`, if anything: the same as for `base_url`.
pub(super) fn edit_url_problem(url: &str) -> Option<(String, &'static str)> {
    web_address_problem(
        "edit_url",
        url,
        "write the address of the content folder in your repository's editor, like https://github.com/your-org/your-hub/edit/main/content/",
    )
}

fn web_address_problem(key: &str, url: &str, help: &'static str) -> Option<(String, &'static str)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    if host.is_none_or(str::is_empty) {
        return Some((
            format!("`{key}` must be an absolute http(s) URL, not `{url}`"),
            help,
        ));
    }
    if let Some(c) = url.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
    }) {
        return Some((
            format!(
                "`{key}` holds `{}`, which cannot be part of a web address",
                c.escape_default()
            ),
            help,
        ));
    }
    None
}

/// The required key the error says is missing, if that is what it says.
pub(super) fn missing_field(error: &serde_yaml::Error) -> Option<String> {
    between(&error.to_string(), "missing field `", "`").map(str::to_string)
}

/// `audiences[1].label` as "entry 2 of `audiences`"; a top-level key as itself.
fn place(path: &str) -> String {
    if path.is_empty() {
        return "hub.yaml".to_string();
    }
    match path.split_once('[') {
        Some((list, rest)) => {
            let index: usize = rest
                .split(']')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            format!("entry {} of `{list}`", index + 1)
        }
        None => format!("`{path}`"),
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = text.split_once(start)?.1;
    Some(rest.split_once(end)?.0)
}

fn or_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

fn missing_help(field: &str) -> String {
    match field {
        "title" => "add the hub's name, like `title: Our Mentoring Hub`".to_string(),
        "base_url" => {
            "add the address the hub is published at, like `base_url: https://example.org/hub/`"
                .to_string()
        }
        "audiences" => {
            "list who the hub is for:\naudiences:\n  - {id: mentor, label: Mentors}".to_string()
        }
        "id" => "add `id:`, the short name pages use for it, like `id: mentor`".to_string(),
        "label" => "add `label:`, the name readers see, like `label: Mentors`".to_string(),
        "url" => "add `url:`, a page (/faq/program-faq.md) or a full https:// address".to_string(),
        other => format!("add a line `{other}: …`"),
    }
}

fn list_help(key: &str) -> String {
    match key {
        "audiences" => "write one entry per audience:\naudiences:\n  - {id: mentor, label: Mentors}".to_string(),
        "phases" => "write one entry per phase:\nphases:\n  - {id: getting-started, label: Getting started}".to_string(),
        "footer_links" => "write one entry per link:\nfooter_links:\n  - {label: Program FAQ, url: /faq/program-faq.md}".to_string(),
        _ => "write it as a list: [first, second], or one `- item` per line".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    fn first(text: &str) -> String {
        let error = Config::parse(text).unwrap_err();
        let d = &error.diagnostics()[0];
        format!(
            "{}: {}\n{}",
            d.line.unwrap_or(0),
            d.message,
            d.help.as_deref().unwrap_or("")
        )
    }

    #[test]
    fn wrong_shapes_are_said_in_words() {
        let base = "title: Hub\nbase_url: https://x.org/\n";
        assert_eq!(
            first(&format!("{base}audiences: mentor\n")),
            "3: `audiences` must be a list, not the text `mentor`\nwrite one entry per audience:\naudiences:\n  - {id: mentor, label: Mentors}"
        );
        assert_eq!(
            first(&format!("{base}audiences:\n  - {{id: mentor}}\n")),
            "4: entry 1 of `audiences` has no `label`\nadd `label:`, the name readers see, like `label: Mentors`"
        );
        assert_eq!(
            first(&format!(
                "{base}paper: A4\naudiences:\n  - {{id: m, label: M}}\n"
            )),
            "3: `paper` must be `letter` or `a4`, not `A4`\ndid you mean `a4`? Write `paper: a4`"
        );
        assert_eq!(
            first(&format!("{base}search: no\naudiences:\n  - {{id: m, label: M}}\n")),
            "3: `search` must be true or false, not the text `no`\nwrite `search: true` or `search: false`"
        );
        assert_eq!(
            first("title: Hub\naudiences:\n  - {id: m, label: M}\n"),
            "1: hub.yaml has no `base_url`\nadd the address the hub is published at, like `base_url: https://example.org/hub/`"
        );
    }
}
