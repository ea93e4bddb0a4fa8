//! Front matter from another generator, mapped to ours. In: a source file's text
//! (YAML between `---` or TOML between `+++`). Out: our keys as [`OurFront`], the
//! source's own values for working out old addresses, and report entries for what
//! was renamed or kept out.

use serde_yaml::{Mapping, Value};

use crate::date::Date;
use crate::front_matter::check_slug;
use crate::import::report::Entry;
use crate::import::toml;

/// A source file cut at its front matter.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    /// The front matter as data (empty when the file has none).
    pub data: Mapping,
    pub body: &'a str,
    /// The 1-based line of the body's first line in the file.
    pub body_line: usize,
}

/// Cuts `text` at its `---` or `+++` fences and reads the front matter; a problem is
/// the line and message.
pub fn split(text: &str) -> Result<SourceText<'_>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let fence = text[..first_end].trim_end();
    if fence != "---" && fence != "+++" {
        return Ok(SourceText {
            data: Mapping::new(),
            body: text,
            body_line: 1,
        });
    }
    let mut offset = first_end;
    for (line, l) in (2..).zip(text[first_end..].split_inclusive('\n')) {
        let trimmed = l.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            let raw = &text[first_end..offset];
            let data = if fence == "+++" {
                toml::parse(raw).map_err(|e| {
                    (
                        e.line + 1,
                        format!("the TOML front matter cannot be read: {}", e.message),
                    )
                })?
            } else if raw.trim().is_empty() {
                Value::Mapping(Mapping::new())
            } else {
                serde_yaml::from_str::<Value>(raw).map_err(|e| {
                    let at = e.location().map_or(2, |l| l.line() + 1);
                    let message = e.to_string();
                    let message = message
                        .split(" at line ")
                        .next()
                        .unwrap_or(&message)
                        .to_string();
                    (
                        at,
                        format!("the YAML front matter cannot be read: {message}"),
                    )
                })?
            };
            let data = match data {
                Value::Mapping(m) => m,
                Value::Null => Mapping::new(),
                _ => {
                    return Err((
                        2,
                        "the front matter is not a list of `key: value` lines".to_string(),
                    ))
                }
            };
            return Ok(SourceText {
                data,
                body: &text[offset + l.len()..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err((
        1,
        format!("the front matter that starts with `{fence}` is never closed"),
    ))
}

/// Our front matter for one imported page, in the order it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OurFront {
    pub title: String,
    pub summary: String,
    pub updated: Option<String>,
    pub order: Option<i64>,
    pub draft: bool,
    pub tags: Vec<String>,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    /// Template fields (name, label); a page with fields is written as a template.
    pub fields: Vec<(String, String)>,
}

impl OurFront {
    /// The front matter block, `---` lines included. `index` writes `description`
    /// instead of `summary`, as folder pages name it.
    pub fn to_yaml(&self, index: bool) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!("title: {}\n", scalar(&self.title)));
        if !self.summary.is_empty() {
            let key = if index { "description" } else { "summary" };
            out.push_str(&format!("{key}: {}\n", scalar(&self.summary)));
        }
        if !self.fields.is_empty() {
            out.push_str("layout: template\n");
        }
        if !self.tags.is_empty() && !index {
            let tags: Vec<String> = self.tags.iter().map(|t| scalar(t)).collect();
            out.push_str(&format!("tags: [{}]\n", tags.join(", ")));
        }
        if let Some(updated) = &self.updated {
            out.push_str(&format!("updated: {updated}\n"));
        }
        if let Some(order) = self.order {
            out.push_str(&format!("order: {order}\n"));
        }
        if self.draft {
            out.push_str("draft: true\n");
        }
        if let Some(slug) = &self.slug {
            out.push_str(&format!("slug: {slug}\n"));
        }
        if !self.aliases.is_empty() {
            out.push_str("aliases:\n");
            for alias in &self.aliases {
                out.push_str(&format!("  - {}\n", scalar(alias)));
            }
        }
        if !self.fields.is_empty() {
            out.push_str("fields:\n");
            for (name, label) in &self.fields {
                out.push_str(&format!("  - name: {name}\n    label: {}\n", scalar(label)));
            }
        }
        out.push_str("---\n");
        out
    }
}

/// A one-line YAML scalar: plain when YAML reads it back as the same text, else quoted.
pub fn scalar(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let plain = serde_yaml::to_string(&one_line).unwrap_or_default();
    let plain = plain.trim_end();
    // serde_yaml quotes what would read back as another type; flow lists need more.
    if plain.contains([',', '[', ']', '{', '}']) && !plain.starts_with(['\'', '"']) {
        format!("'{}'", one_line.replace('\'', "''"))
    } else {
        plain.to_string()
    }
}

/// What `map` made of a source's front matter.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    pub front: OurFront,
    /// The title the source gave, if any (else the caller finds one).
    pub has_title: bool,
    pub entries: Vec<Entry>,
}

const DATE_KEYS: [&str; 5] = [
    "lastmod",
    "last_modified_at",
    "last_update",
    "date",
    "publishDate",
];
const ORDER_KEYS: [&str; 3] = ["weight", "sidebar_position", "nav_order"];
const SUMMARY_KEYS: [&str; 3] = ["description", "summary", "excerpt"];

/// Maps the source's keys to ours. `words_are_tags`: a tag string is a space-separated
/// list (Jekyll), not one tag.
pub fn map(data: &Mapping, words_are_tags: bool) -> Mapped {
    let mut out = Mapped::default();
    let get = |key: &str| data.get(key).filter(|v| !v.is_null());
    let mut used: Vec<&str> = Vec::new();
    if let Some(title) = get("title").and_then(text) {
        out.front.title = title;
        out.has_title = true;
        used.push("title");
    }
    if let Some((key, summary)) = SUMMARY_KEYS
        .iter()
        .find_map(|k| Some((*k, get(k).and_then(text)?)))
    {
        out.front.summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
        used.push(key);
        if key != "summary" {
            out.entries
                .push(Entry::Mapped(format!("`{key}` → `summary`")));
        }
    }
    if let Some(key) = DATE_KEYS.iter().find(|k| get(k).is_some()) {
        used.push(key);
        let value = get(key).expect("found above");
        let value = match value {
            Value::Mapping(m) => m.get("date").cloned().unwrap_or(Value::Null),
            other => other.clone(),
        };
        match text(&value).as_deref().and_then(date_of) {
            Some(date) => {
                out.entries
                    .push(Entry::Mapped(format!("`{key}` → `updated: {date}`")));
                out.front.updated = Some(date);
            }
            None => out.entries.push(Entry::person(
                None,
                format!(
                    "`{key}` is not a date Guidepost can read ({}); `updated` left out",
                    shown(&value)
                ),
            )),
        }
    }
    if let Some(key) = ORDER_KEYS.iter().find(|k| get(k).is_some()) {
        used.push(key);
        let value = get(key).expect("found above");
        match value
            .as_i64()
            .or_else(|| value.as_f64().map(|f| f.round() as i64))
            .or_else(|| text(value)?.trim().parse().ok())
        {
            // Hugo reads a weight of 0 as "no weight".
            Some(0) if *key == "weight" => out.entries.push(Entry::Dropped(
                "`weight: 0` (Hugo reads it as no weight)".to_string(),
            )),
            Some(order) => {
                out.entries
                    .push(Entry::Mapped(format!("`{key}` → `order: {order}`")));
                out.front.order = Some(order);
            }
            None => out.entries.push(Entry::person(
                None,
                format!(
                    "`{key}` is not a number ({}); `order` left out",
                    shown(value)
                ),
            )),
        }
    }
    if let Some(draft) = get("draft") {
        used.push("draft");
        out.front.draft = draft
            .as_bool()
            .unwrap_or_else(|| text(draft).is_some_and(|t| t == "true"));
    }
    if let Some(published) = get("published") {
        used.push("published");
        if published.as_bool() == Some(false) {
            out.front.draft = true;
            out.entries.push(Entry::Mapped(
                "`published: false` → `draft: true`".to_string(),
            ));
        }
    }
    if let Some(tags) = get("tags") {
        used.push("tags");
        out.front.tags = tag_list(tags, words_are_tags);
    }
    for key in ["aliases", "redirect_from"] {
        let Some(value) = get(key) else { continue };
        used.push(key);
        for alias in list(value) {
            match crate::routes::alias(&alias) {
                Ok(_) if !out.front.aliases.contains(&alias) => out.front.aliases.push(alias),
                Ok(_) => {}
                Err(refusal) => out.entries.push(Entry::Dropped(format!(
                    "alias `{alias}`: {}",
                    refusal.message
                ))),
            }
        }
        if key == "redirect_from" && !out.front.aliases.is_empty() {
            out.entries
                .push(Entry::Mapped("`redirect_from` → `aliases`".to_string()));
        }
    }
    if let Some(slug) = get("slug").and_then(text) {
        used.push("slug");
        match check_slug(&slug) {
            Ok(()) => out.front.slug = Some(slug),
            Err(why) => out.entries.push(Entry::Dropped(format!(
                "`slug: {slug}` (it {why}, and a hub's slug is one URL segment)"
            ))),
        }
    }
    let unknown: Vec<String> = data
        .keys()
        .filter_map(Value::as_str)
        .filter(|k| !used.contains(k))
        .map(|k| format!("`{k}`"))
        .collect();
    if !unknown.is_empty() {
        out.entries.push(Entry::Dropped(format!(
            "{} (no such key in a hub)",
            unknown.join(", ")
        )));
    }
    out
}

/// A scalar as text (numbers and booleans written as they read).
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Every text in a scalar or a list.
pub fn list(value: &Value) -> Vec<String> {
    match value {
        Value::Sequence(items) => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}

fn tag_list(value: &Value, words: bool) -> Vec<String> {
    let mut tags: Vec<String> = match value {
        Value::String(s) if s.contains(',') => s.split(',').map(|t| t.trim().to_string()).collect(),
        Value::String(s) if words => s.split_whitespace().map(str::to_string).collect(),
        Value::Sequence(items) => items
            .iter()
            .filter_map(|t| match t {
                // Docusaurus writes a tag as {label, permalink}.
                Value::Mapping(m) => m.get("label").and_then(text),
                other => text(other),
            })
            .collect(),
        other => text(other).into_iter().collect(),
    };
    tags.retain(|t| !t.is_empty());
    tags.dedup();
    tags
}

/// The `YYYY-MM-DD` a date or date-time starts with, if it is a real date.
pub fn date_of(text: &str) -> Option<String> {
    let day = text.trim().get(..10)?;
    Date::parse(day).map(|d| d.to_string())
}

fn shown(value: &Value) -> String {
    match value {
        Value::Mapping(_) => "a mapping".to_string(),
        Value::Sequence(_) => "a list".to_string(),
        other => format!("`{}`", text(other).unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests;
