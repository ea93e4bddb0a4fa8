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
use crate::yaml_problem::{self, YamlProblem};

use super::describe;
use super::foreign;

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
                self.unknown_key(key, value, line, kind, allowed);
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
        if let (Some(title), false) = (self.split.heading_title, front.lines.contains_key("title"))
        {
            front.title = title.to_string();
        }
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
        // Most pages are written in the plain form, read without the YAML parser.
        let read = match super::simple::mapping(self.split.yaml) {
            Some(m) => Ok(Value::Mapping(m)),
            None => serde_yaml::from_str::<Value>(self.split.yaml),
        };
        match read {
            Ok(Value::Mapping(m)) => {
                for slip in yaml_problem::lint(self.split.yaml) {
                    self.yaml_problem(slip);
                }
                Some(m)
            }
            Ok(Value::Null) => Some(serde_yaml::Mapping::new()),
            Ok(_) => {
                let problem = yaml_problem::not_a_mapping(self.split.yaml);
                self.yaml_problem(problem);
                None
            }
            Err(e) => {
                let problem = yaml_problem::explain(self.split.yaml, &e);
                self.yaml_problem(problem);
                None
            }
        }
    }

    /// Reports a YAML mistake at its line in the file.
    fn yaml_problem(&mut self, problem: YamlProblem) {
        let line = problem.line + self.split.yaml_line - 1;
        let at = Diagnostic::error(self.path, problem.message);
        let at = match problem.column {
            Some(column) => at.at(line, column),
            None => at.at_line(line),
        };
        self.problems.push(at.help(problem.help));
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

    fn unknown_key(
        &mut self,
        key: &str,
        value: &Value,
        line: usize,
        kind: FileKind,
        allowed: &[&str],
    ) {
        let all = PAGE_KEYS.iter().chain(INDEX_KEYS).copied();
        let foreign = foreign::advice(key, value, kind);
        let help = match suggest(key, allowed.iter().copied()) {
            _ if foreign.is_some() => foreign.unwrap_or_default(),
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
                        let known: Vec<(&str, &str)> = (self.config.audiences.iter())
                            .map(|a| (a.id.as_str(), self.config.local(&a.label)))
                            .collect();
                        let at = self.item_line_after(id, line).unwrap_or(line);
                        self.unknown_value("audience", id, &known, at);
                    }
                }
                // A page listed twice for one audience is still listed once.
                front.audience = first_of_each(ids, |id| id.to_string());
            }
            "phase" => {
                if let Some(id) = self.text(key, value, line) {
                    if self.config.phase(&id).is_none() {
                        let known: Vec<(&str, &str)> = (self.config.phases.iter())
                            .map(|p| (p.id.as_str(), self.config.local(&p.label)))
                            .collect();
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
                // Labels that make the same slug are one tag: the page shows it once,
                // as first written.
                front.tags = first_of_each(tags, crate::text::slugify);
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

    /// An audience or phase id that hub.yaml does not list, with the nearest one: the
    /// same id or label in other letters (`Mentors`), else the closest spelling.
    fn unknown_value(&mut self, key: &str, value: &str, known: &[(&str, &str)], line: usize) {
        let slug = crate::text::slugify(value);
        let ids = || known.iter().map(|(id, _)| *id);
        let near = known
            .iter()
            .find(|(id, label)| *id == slug || crate::text::slugify(label) == slug)
            .map(|(id, _)| *id)
            .or_else(|| suggest(value, ids()))
            .or_else(|| {
                let labels: Vec<String> =
                    known.iter().map(|(_, l)| crate::text::slugify(l)).collect();
                let near = suggest(&slug, labels.iter().map(String::as_str))?;
                labels.iter().position(|l| l == near).map(|i| known[i].0)
            });
        let listed = ids().collect::<Vec<_>>().join(", ");
        let help = match near {
            Some(near) => {
                format!("did you mean `{near}`? ({key} values come from hub.yaml: {listed})")
            }
            None if known.is_empty() => format!(
                "hub.yaml lists no {key} values: add them to hub.yaml, or remove `{key}:` here"
            ),
            None => format!("use one of the {key} ids in hub.yaml: {listed}"),
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

/// The items in their order, without those whose key an earlier one already had.
fn first_of_each(items: Vec<String>, key: impl Fn(&str) -> String) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(key(item)))
        .collect()
}
