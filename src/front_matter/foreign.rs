//! Keys that other site generators use (Hugo, Jekyll, MkDocs, Docusaurus), with the
//! Guidepost key that does the same job.
//!
//! In: an unknown key, its value and the kind of file. Out: advice that names our
//! key and, where the value fits, the line as it should be written.

use serde_yaml::Value;

use crate::front_matter::FileKind;

/// How to say `key: value` in Guidepost, when `key` is another generator's habit.
pub(super) fn advice(key: &str, value: &Value, kind: FileKind) -> Option<String> {
    let shown = scalar(value);
    let written = |ours: &str| match &shown {
        Some(v) => format!("`{ours}: {v}`"),
        None => format!("`{ours}: …`"),
    };
    let advice = match key.to_ascii_lowercase().as_str() {
        "date" | "lastmod" | "last_modified" | "last_modified_at" | "modified" | "publishdate"
        | "pubdate" => format!(
            "Guidepost calls the date a page was last changed `updated`: write {}",
            written("updated")
        ),
        "weight" | "nav_order" | "sidebar_position" | "position" => format!(
            "Guidepost orders the pages of a folder by `order` (lower numbers first): write {}",
            written("order")
        ),
        "description" | "excerpt" if kind == FileKind::Page => format!(
            "a page's short description is its `summary`: write {}",
            written("summary")
        ),
        "keywords" => format!("free labels are `tags`: write {}", written("tags")),
        "permalink" | "url" => {
            let last = shown
                .as_deref()
                .and_then(|v| v.trim_matches('/').rsplit('/').next())
                .map(crate::text::slugify)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "new-name".to_string());
            let old = shown.as_deref().unwrap_or("/old/address/");
            format!("Guidepost makes a page's address from its folder and file name: `slug: {last}` changes the last part, and `aliases: [{old}]` keeps an old address working")
        }
        "categories" | "category" => {
            let first = match value {
                Value::Sequence(items) => items.first().and_then(scalar),
                other => scalar(other),
            };
            let folder = first
                .map(|f| crate::text::slugify(&f))
                .filter(|f| !f.is_empty())
                .unwrap_or_else(|| "topic-name".to_string());
            format!("in Guidepost a page's topic is the folder it is in: move the file into content/{folder}/ (and use `tags` for free labels)")
        }
        _ => return None,
    };
    Some(advice)
}

/// A number, text or flag written as it would be in YAML; a list as `[a, b]`.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Sequence(items) => {
            let items: Option<Vec<String>> = items.iter().map(scalar).collect();
            Some(format!("[{}]", items?.join(", ")))
        }
        _ => None,
    }
}

/// Advice for a file whose settings are TOML between `+++` lines (Hugo's other
/// format): the message, and the help with its first setting rewritten as YAML.
pub fn toml_settings(text: &str) -> Option<(String, String)> {
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "+++" {
        return None;
    }
    let example = lines
        .take_while(|l| l.trim_end() != "+++")
        .find_map(|l| l.split_once(" = ").or_else(|| l.split_once('=')))
        .map(|(key, value)| {
            let (key, value) = (key.trim(), value.trim());
            format!(": `{key} = {value}` becomes `{key}: {value}`")
        })
        .unwrap_or_default();
    Some((
        "this page's settings are written in TOML (between `+++` lines); Guidepost reads them as YAML between `---` lines".to_string(),
        format!("change both `+++` lines to `---` and write each setting as `key: value`{example}"),
    ))
}
