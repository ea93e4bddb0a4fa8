//! Reads the YAML mapping key by key: unknown keys, the line of each key, and YAML
//! syntax errors said in an author's terms.

use std::path::Path;

use serde_yaml::Value;

use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::front_matter::{
    check_slug, FileKind, Format, FrontMatter, Layout, PathRef, Split, INDEX_KEYS, PAGE_KEYS,
};
use crate::text::suggest;

use super::describe;

pub(super) struct Parser<'a> {
    pub path: &'a Path,
    pub split: &'a Split<'a>,
    pub config: &'a Config,
    pub problems: Vec<Diagnostic>,
}

impl Parser<'_> {
    pub fn parse(&mut self, kind: FileKind) -> FrontMatter {
        let mut front = FrontMatter {
            search_boost: 1.0,
            ..FrontMatter::default()
        };
        let mapping = match self.mapping() {
            Some(m) => m,
            None => return front,
        };
        let allowed = match kind {
            FileKind::Page => PAGE_KEYS,
            FileKind::Index => INDEX_KEYS,
        };
        for (key, value) in &mapping {
            let Some(key) = key.as_str() else {
                let line = self.split.yaml_line;
                self.problem(
                    line,
                    "a front matter key is not text",
                    "keys are names like `title`",
                );
                continue;
            };
            let line = self.key_line(key);
            front.lines.insert(key.to_string(), line);
            if !allowed.contains(&key) {
                self.unknown_key(key, line, kind, allowed);
                continue;
            }
            self.read_key(&mut front, key, value, line);
        }
        // A misspelt `title` key is already reported with its fix.
        let misspelt_title = || {
            front.lines.keys().any(|k| {
                !allowed.contains(&k.as_str())
                    && suggest(k, allowed.iter().copied()) == Some("title")
            })
        };
        if front.title.trim().is_empty() && !front.lines.contains_key("title") && !misspelt_title()
        {
            let help = if self.split.yaml.is_empty() {
                "start the file with front matter:\n---\ntitle: Your page title\n---"
            } else {
                "add a line like `title: Your page title` to the front matter"
            };
            self.problem(1, "the page has no `title`", help);
        }
        if kind == FileKind::Page {
            self.check_template_keys(&front);
        }
        front
    }

    fn mapping(&mut self) -> Option<serde_yaml::Mapping> {
        if self.split.yaml.trim().is_empty() {
            return Some(serde_yaml::Mapping::new());
        }
        match serde_yaml::from_str::<Value>(self.split.yaml) {
            Ok(Value::Mapping(m)) => Some(m),
            Ok(Value::Null) => Some(serde_yaml::Mapping::new()),
            Ok(_) => {
                let line = self.split.yaml_line;
                self.problem(
                    line,
                    "front matter must be a list of `key: value` lines",
                    "write it like `title: Saying goodbye`",
                );
                None
            }
            Err(e) => {
                let problem = yaml_problem(self.split.yaml, &e);
                let (line, column) = problem.position.unwrap_or((self.split.yaml_line, 1));
                let line = line + self.split.yaml_line - 1;
                self.problems.push(
                    Diagnostic::error(
                        self.path,
                        format!("invalid front matter: {}", problem.message),
                    )
                    .at(line, column)
                    .help(problem.help),
                );
                None
            }
        }
    }

    fn key_line(&self, key: &str) -> usize {
        config::key_line(self.split.yaml, key)
            .map(|l| l + self.split.yaml_line - 1)
            .unwrap_or(self.split.yaml_line)
    }

    pub(super) fn problem(
        &mut self,
        line: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.problems.push(
            Diagnostic::error(self.path, message)
                .at_line(line)
                .help(help),
        );
    }

    fn unknown_key(&mut self, key: &str, line: usize, kind: FileKind, allowed: &[&str]) {
        let all = PAGE_KEYS.iter().chain(INDEX_KEYS).copied();
        let help = match suggest(key, allowed.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if all.clone().any(|k| k == key) => match kind {
                FileKind::Index => format!("`{key}` belongs on pages, not in a folder's _index.md"),
                FileKind::Page => format!("`{key}` belongs in a folder's _index.md, not on a page"),
            },
            None => format!("the keys allowed here are: {}", allowed.join(", ")),
        };
        self.problem(line, format!("unknown front matter key `{key}`"), help);
    }

    fn read_key(&mut self, front: &mut FrontMatter, key: &str, value: &Value, line: usize) {
        match key {
            "title" => {
                if let Some(t) = self.text(key, value, line) {
                    if t.trim().is_empty() {
                        self.problem(
                            line,
                            "`title` is empty",
                            "write the page's title after `title:`",
                        );
                    }
                    front.title = t.trim().to_string();
                }
            }
            // An empty summary is allowed (a warning later says what it costs).
            "summary" if value.is_null() => {}
            "description" if value.is_null() => {}
            "summary" => front.summary = self.text(key, value, line).unwrap_or_default(),
            "description" => front.description = self.text(key, value, line).unwrap_or_default(),
            "icon" => front.icon = self.text(key, value, line),
            "audience" => {
                let ids = self.list(key, value, line);
                for id in &ids {
                    if self.config.audience(id).is_none() {
                        let known: Vec<&str> = self
                            .config
                            .audiences
                            .iter()
                            .map(|a| a.id.as_str())
                            .collect();
                        self.unknown_value("audience", id, &known, line);
                    }
                }
                front.audience = ids;
            }
            "phase" => {
                if let Some(id) = self.text(key, value, line) {
                    if self.config.phase(&id).is_none() {
                        let known: Vec<&str> =
                            self.config.phases.iter().map(|p| p.id.as_str()).collect();
                        self.unknown_value("phase", &id, &known, line);
                    }
                    front.phase = Some(id);
                }
            }
            "tags" => {
                let tags = self.list(key, value, line);
                for tag in &tags {
                    if crate::text::slugify(tag).is_empty() {
                        self.problem(
                            line,
                            format!("tag `{tag}` has no letters or digits"),
                            "use a word or two as a tag",
                        );
                    }
                }
                front.tags = tags;
            }
            "updated" => front.updated = self.date(key, value, line),
            "review_by" => front.review_by = self.date(key, value, line),
            "order" => match value {
                Value::Number(n) if n.as_i64().is_some() => front.order = n.as_i64(),
                _ => self.problem(
                    line,
                    format!("`order` must be a whole number, not {}", describe(value)),
                    "write a number like `order: 3`; lower numbers come first",
                ),
            },
            "promoted" => front.promoted = self.flag(key, value, line),
            "draft" => front.draft = self.flag(key, value, line),
            "search_boost" => match value.as_f64() {
                Some(b) if b > 0.0 && b.is_finite() => front.search_boost = b,
                _ => self.problem(
                    line,
                    format!(
                        "`search_boost` must be a positive number, not {}",
                        describe(value)
                    ),
                    "write a weight like `search_boost: 2` (1 is normal)",
                ),
            },
            "slug" => {
                if let Some(slug) = self.text(key, value, line) {
                    if let Err(why) = check_slug(&slug) {
                        self.problem(
                            line,
                            format!("slug `{slug}` {why}"),
                            "use lowercase letters, digits and dashes, like `saying-goodbye`",
                        );
                    }
                    front.slug = Some(slug);
                }
            }
            "aliases" => {
                for path in self.list(key, value, line) {
                    let line = self.item_line_after(&path, line).unwrap_or(line);
                    if let Err(refusal) = crate::routes::alias(&path) {
                        self.problem(line, refusal.message, refusal.help);
                    }
                    front.aliases.push(PathRef { path, line });
                }
            }
            "related" => {
                front.related = self
                    .list(key, value, line)
                    .into_iter()
                    .map(|path| PathRef {
                        line: self.item_line_after(&path, line).unwrap_or(line),
                        path,
                    })
                    .collect();
            }
            "layout" => {
                if let Some(layout) = self.text(key, value, line) {
                    front.layout = match layout.as_str() {
                        "article" => Layout::Article,
                        "faq" => Layout::Faq,
                        "template" => Layout::Template,
                        other
                            if config::is_id(other)
                                || other
                                    .chars()
                                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                                    && !other.is_empty() =>
                        {
                            Layout::Custom(other.to_string())
                        }
                        other => {
                            self.problem(
                                line,
                                format!("`layout: {other}` is not a layout name"),
                                "use article, faq, template, or the name of a theme template",
                            );
                            Layout::Article
                        }
                    };
                }
            }
            "fields" => front.fields = self.fields(value, line),
            "formats" => {
                let mut formats = Vec::new();
                for name in self.list(key, value, line) {
                    match Format::ALL.iter().find(|f| f.extension() == name) {
                        Some(f) if !formats.contains(f) => formats.push(*f),
                        Some(_) => {}
                        None => self.problem(
                            line,
                            format!("unknown format `{name}`"),
                            "formats are docx, md and txt",
                        ),
                    }
                }
                formats.sort();
                front.formats = Some(formats);
            }
            _ => unreachable!("every allowed key is read"),
        }
    }

    fn check_template_keys(&mut self, front: &FrontMatter) {
        if front.layout != Layout::Template {
            for key in ["fields", "formats"] {
                if let Some(line) = front.lines.get(key) {
                    self.problem(
                        *line,
                        format!("`{key}` only applies to templates"),
                        "add `layout: template`, or remove the key",
                    );
                }
            }
        }
    }

    fn unknown_value(&mut self, key: &str, value: &str, known: &[&str], line: usize) {
        let help = match suggest(value, known.iter().copied()) {
            Some(near) => format!(
                "did you mean `{near}`? ({key} values come from hub.yaml: {})",
                known.join(", ")
            ),
            None if known.is_empty() => format!(
                "hub.yaml lists no {key} values: add them to hub.yaml, or remove `{key}:` here"
            ),
            None => format!("use one of the {key} ids in hub.yaml: {}", known.join(", ")),
        };
        self.problem(line, format!("unknown {key} `{value}`"), help);
    }

    /// The line of the first front matter line that mentions `needle` (for list items).
    pub(super) fn item_line(&self, needle: &str) -> Option<usize> {
        self.item_line_after(needle, 0)
    }

    /// The line of the list item `needle` at or after `from` (a file line): a block
    /// item (`- value`, quoted or not) holding exactly it first, else any line that
    /// contains it (a flow list `[a, b]`).
    pub(super) fn item_line_after(&self, needle: &str, from: usize) -> Option<usize> {
        let lines = || {
            self.split
                .yaml
                .lines()
                .enumerate()
                .map(|(i, l)| (i + self.split.yaml_line, l))
                .filter(move |&(n, _)| n >= from)
        };
        let unquoted = |text: &str| -> String {
            let text = text.trim();
            if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                serde_yaml::from_str::<String>(text).unwrap_or_else(|_| inner.to_string())
            } else if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
                inner.replace("''", "'")
            } else {
                text.to_string()
            }
        };
        lines()
            .find(|(_, l)| {
                l.trim_start()
                    .strip_prefix("- ")
                    .is_some_and(|item| unquoted(item) == needle)
            })
            .or_else(|| lines().find(|(_, l)| l.contains(needle)))
            .map(|(n, _)| n)
    }
}

/// A YAML syntax error said in an author's terms, with its position in the YAML.
struct YamlProblem {
    message: String,
    help: &'static str,
    position: Option<(usize, usize)>,
}

/// Rewords the YAML parser's most common complaints and points at the line that causes
/// them (the parser often notices only lines later).
fn yaml_problem(yaml: &str, error: &serde_yaml::Error) -> YamlProblem {
    let raw = config::yaml_message(error);
    let position = error.location().map(|l| (l.line(), l.column()));
    let line_of = |pred: &dyn Fn(&str) -> bool| yaml.lines().position(pred).map(|i| (i + 1, 1));
    if let Some(key) = raw
        .strip_prefix("duplicate entry with key \"")
        .and_then(|r| r.strip_suffix('"'))
    {
        let second = yaml
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                l.strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
            .nth(1);
        return YamlProblem {
            message: format!("the key `{key}` appears twice"),
            help: "keep one of the two lines",
            position: second.map(|(i, _)| (i + 1, 1)).or(position),
        };
    }
    if raw.contains("while scanning a quoted scalar") {
        let open = line_of(&|l: &str| {
            let value = l.split_once(':').map_or("", |(_, v)| v.trim());
            let quote = value.chars().next();
            matches!(quote, Some('"') | Some('\''))
                && (value.len() < 2 || !value.ends_with(quote.unwrap()))
        });
        return YamlProblem {
            message: "a quoted value is never closed".to_string(),
            help: "end the value with the same quote mark it starts with, on the same line",
            position: open.or(position),
        };
    }
    if yaml.contains('\t') && raw.contains("cannot start any token") {
        return YamlProblem {
            message: "a tab character is not allowed here".to_string(),
            help: "YAML does not allow tabs for indentation; use spaces",
            position: line_of(&|l: &str| l.contains('\t')).or(position),
        };
    }
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string() + raw[i..].split_once(", ").map_or("", |(_, rest)| rest),
        None => raw,
    };
    YamlProblem {
        message,
        help: "check the YAML: `key: value` per line, spaces (not tabs) for indentation, quotes closed",
        position,
    }
}
