//! Front matter: the YAML block between `---` lines at the top of a content file.
//!
//! In: the file's text (BOM removed, line endings normalised) and the hub config.
//! Out: a typed [`FrontMatter`], or diagnostics that name the line of every bad key
//! or value. Unknown keys are errors with a "did you mean" suggestion.

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::Value;

use crate::config::{self, Config};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::text::suggest;

/// The text of a content file cut into its front matter and its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences (empty when the file has none).
    pub yaml: &'a str,
    /// The 1-based line of the YAML's first line.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// The byte offset of the body in the whole text.
    pub body_offset: usize,
}

/// Cuts `text` at its `---` fences. A file without an opening fence is all body.
///
/// Returns `Err(line)` when the opening fence is never closed.
pub fn split(text: &str) -> Result<Split<'_>, usize> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Ok(Split {
            yaml: "",
            yaml_line: 1,
            body: text,
            body_offset: 0,
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(1)
}

/// Which kind of file the front matter belongs to; each allows its own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An article, FAQ or template page.
    Page,
    /// A folder's `_index.md` (the home page, a category or a section).
    Index,
}

const PAGE_KEYS: &[&str] = &[
    "title",
    "summary",
    "audience",
    "phase",
    "tags",
    "updated",
    "review_by",
    "order",
    "promoted",
    "related",
    "draft",
    "slug",
    "aliases",
    "layout",
    "fields",
    "formats",
    "search_boost",
];

const INDEX_KEYS: &[&str] = &[
    "title",
    "description",
    "summary",
    "order",
    "icon",
    "draft",
    "slug",
    "aliases",
    "updated",
    "review_by",
];

/// How a page is laid out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Layout {
    #[default]
    Article,
    Faq,
    Template,
    /// A theme template of this name (without `.html`), given an article's data.
    Custom(String),
}

/// A placeholder a template declares.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub example: String,
}

/// A download format a template offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Md,
    Txt,
}

impl Format {
    /// Every format, in the order cards list them.
    pub const ALL: [Format; 3] = [Format::Docx, Format::Md, Format::Txt];

    /// The file extension, which is also its name in front matter.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Md => "md",
            Format::Txt => "txt",
        }
    }
}

/// A content path in front matter (`related`), with the line it was written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRef {
    pub path: String,
    pub line: usize,
}

/// Validated front matter of one file.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub description: String,
    pub icon: Option<String>,
    pub audience: Vec<String>,
    pub phase: Option<String>,
    pub tags: Vec<String>,
    pub updated: Option<Date>,
    pub review_by: Option<Date>,
    pub order: Option<i64>,
    pub promoted: bool,
    pub related: Vec<PathRef>,
    pub draft: bool,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    pub layout: Layout,
    pub fields: Vec<Field>,
    /// Set only when the file lists `formats`; templates default to all of them.
    pub formats: Option<Vec<Format>>,
    pub search_boost: f64,
    /// The line of each key, for diagnostics raised by later stages.
    pub lines: BTreeMap<String, usize>,
}

impl FrontMatter {
    /// The line a key was written on, or the first front matter line.
    pub fn line_of(&self, key: &str) -> usize {
        self.lines.get(key).copied().unwrap_or(1)
    }
}

/// Parses and validates front matter YAML for a file at `path`.
pub fn parse(
    split: &Split<'_>,
    path: &Path,
    kind: FileKind,
    config: &Config,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut parser = Parser {
        path,
        split,
        config,
        problems: Vec::new(),
    };
    let front = parser.parse(kind);
    if parser.problems.is_empty() {
        Ok(front)
    } else {
        Err(parser.problems)
    }
}

struct Parser<'a> {
    path: &'a Path,
    split: &'a Split<'a>,
    config: &'a Config,
    problems: Vec<Diagnostic>,
}

impl Parser<'_> {
    fn parse(&mut self, kind: FileKind) -> FrontMatter {
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
        if front.title.trim().is_empty() && !front.lines.contains_key("title") {
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

    fn problem(&mut self, line: usize, message: impl Into<String>, help: impl Into<String>) {
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
            "aliases" => front.aliases = self.list(key, value, line),
            "related" => {
                front.related = self
                    .list(key, value, line)
                    .into_iter()
                    .map(|path| PathRef {
                        line: self.item_line(&path).unwrap_or(line),
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
            None => format!("use one of the {key} ids in hub.yaml: {}", known.join(", ")),
        };
        self.problem(line, format!("unknown {key} `{value}`"), help);
    }

    fn text(&mut self, key: &str, value: &Value, line: usize) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Null => {
                self.problem(
                    line,
                    format!("`{key}` is empty"),
                    format!("write a value after `{key}:` or remove the line"),
                );
                None
            }
            Value::Number(_) | Value::Bool(_) => {
                let literal = serde_yaml::to_string(value).unwrap_or_default();
                self.problem(
                    line,
                    format!("`{key}` must be text, not {}", describe(value)),
                    format!("put it in quotes: {key}: \"{}\"", literal.trim()),
                );
                None
            }
            _ => {
                self.problem(
                    line,
                    format!("`{key}` must be text, not {}", describe(value)),
                    format!("write it on one line: {key}: your text"),
                );
                None
            }
        }
    }

    fn list(&mut self, key: &str, value: &Value, line: usize) -> Vec<String> {
        match value {
            Value::String(s) => vec![s.clone()],
            Value::Sequence(items) => items
                .iter()
                .filter_map(|item| match item {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    other => {
                        self.problem(
                            line,
                            format!("`{key}` lists {}, which is not text", describe(other)),
                            format!("write the list as {key}: [first, second]"),
                        );
                        None
                    }
                })
                .collect(),
            Value::Null => Vec::new(),
            other => {
                self.problem(
                    line,
                    format!("`{key}` must be a list, not {}", describe(other)),
                    format!("write the list as {key}: [first, second]"),
                );
                Vec::new()
            }
        }
    }

    fn flag(&mut self, key: &str, value: &Value, line: usize) -> bool {
        match value {
            Value::Bool(b) => *b,
            other => {
                self.problem(
                    line,
                    format!("`{key}` must be true or false, not {}", describe(other)),
                    format!("write `{key}: true` or `{key}: false`"),
                );
                false
            }
        }
    }

    fn date(&mut self, key: &str, value: &Value, line: usize) -> Option<Date> {
        let parsed = match value {
            Value::String(s) => Date::parse(s.trim()),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(
                line,
                format!(
                    "`{key}` must be a date written YYYY-MM-DD, not {}",
                    describe(value)
                ),
                format!("write a real calendar date, like `{key}: 2026-11-25`"),
            );
        }
        parsed
    }

    fn fields(&mut self, value: &Value, line: usize) -> Vec<Field> {
        let Value::Sequence(items) = value else {
            self.problem(
                line,
                format!("`fields` must be a list, not {}", describe(value)),
                FIELD_HELP,
            );
            return Vec::new();
        };
        let mut fields: Vec<Field> = Vec::new();
        for item in items {
            let Value::Mapping(map) = item else {
                self.problem(
                    line,
                    format!("each field must be a mapping, not {}", describe(item)),
                    FIELD_HELP,
                );
                continue;
            };
            let get = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
            for key in map.keys() {
                let key = key.as_str().unwrap_or("?");
                if !["name", "label", "example"].contains(&key) {
                    let help = match suggest(key, ["name", "label", "example"]) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "a field has `name`, `label` and `example`".to_string(),
                    };
                    let l = self.item_line(key).unwrap_or(line);
                    self.problem(l, format!("unknown field key `{key}`"), help);
                }
            }
            let Some(name) = get("name") else {
                self.problem(line, "a field has no `name`", FIELD_HELP);
                continue;
            };
            let l = self.item_line(&name).unwrap_or(line);
            if !is_field_name(&name) {
                self.problem(
                    l,
                    format!("field name `{name}` is not a valid placeholder name"),
                    "use lowercase letters, digits and underscores, like `mentee_name`",
                );
            }
            if fields.iter().any(|f| f.name == name) {
                self.problem(
                    l,
                    format!("field `{name}` is declared twice"),
                    "keep one of them",
                );
            }
            let label = get("label").unwrap_or_else(|| {
                self.problem(
                    l,
                    format!("field `{name}` has no `label`"),
                    "add a label the reader sees, like `label: \"Mentee's name\"`",
                );
                String::new()
            });
            fields.push(Field {
                label,
                example: get("example").unwrap_or_default(),
                name,
            });
        }
        fields
    }

    /// The line of the first front matter line that mentions `needle` (for list items).
    fn item_line(&self, needle: &str) -> Option<usize> {
        self.split
            .yaml
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + self.split.yaml_line)
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

const FIELD_HELP: &str =
    "declare fields like:\nfields:\n  - {name: mentee_name, label: \"Mentee's name\", example: Jordan}";

/// True for placeholder names: lowercase ASCII letters, digits and underscores, starting with a letter.
pub fn is_field_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Checks a `slug` value: one URL segment that stays inside its folder.
pub fn check_slug(slug: &str) -> Result<(), &'static str> {
    if slug.is_empty() {
        Err("is empty")
    } else if slug == "." || slug.contains("..") {
        Err("contains `..`; a slug may not leave its folder")
    } else if slug.contains('/') || slug.contains('\\') {
        Err("contains a slash; a slug is one URL segment")
    } else if slug.chars().any(char::is_whitespace) {
        Err("contains spaces")
    } else if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        Err("has characters other than lowercase letters, digits, `-` and `_`")
    } else {
        Ok(())
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".to_string(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("`{s}`"),
        Value::Sequence(_) => "a list".to_string(),
        Value::Mapping(_) => "a mapping".to_string(),
        Value::Tagged(_) => "a tagged value".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            "title: Hub\nbase_url: https://example.org/\naudiences:\n  - {id: mentor, label: Mentors}\n  - {id: mentee, label: Mentees}\nphases:\n  - {id: closure, label: Closure}\n",
        )
        .unwrap()
    }

    fn parse_text(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let split = split(text).expect("closed front matter");
        parse(&split, Path::new("a.md"), FileKind::Page, &config())
    }

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, 17);
        assert_eq!(split("No front matter").unwrap().body, "No front matter");
        assert_eq!(split("---\ntitle: A\nBody"), Err(1));
    }

    #[test]
    fn reads_every_key() {
        let f = parse_text("---\ntitle: Saying goodbye\nsummary: How to end well.\naudience: [mentor]\nphase: closure\ntags: [goodbye]\nupdated: 2026-11-20\norder: 2\npromoted: true\nrelated: [/a.md]\nlayout: template\nfields:\n  - {name: mentee_name, label: Name, example: Jordan}\nformats: [txt, docx]\n---\n").unwrap();
        assert_eq!(f.title, "Saying goodbye");
        assert_eq!(f.audience, ["mentor"]);
        assert_eq!(f.updated.unwrap().to_string(), "2026-11-20");
        assert_eq!(f.order, Some(2));
        assert_eq!(f.related[0].line, 10);
        assert_eq!(f.layout, Layout::Template);
        assert_eq!(f.fields[0].example, "Jordan");
        assert_eq!(f.formats, Some(vec![Format::Docx, Format::Txt]));
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let errs = parse_text("---\ntitle: A\nsumary: B\n---\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, Some(3));
        assert_eq!(errs[0].message, "unknown front matter key `sumary`");
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn bad_values_name_their_lines() {
        let errs = parse_text("---\ntitle: 2026\naudience: [mentr]\nphase: ending\nupdated: next week\nslug: ../up\n---\n").unwrap_err();
        let lines: Vec<_> = errs.iter().map(|d| d.line.unwrap()).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        assert!(errs[0].help.as_deref().unwrap().contains("quotes"));
        assert!(errs[1]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `mentor`?"));
    }

    #[test]
    fn missing_title_and_yaml_syntax_errors() {
        let errs = parse_text("Just text").unwrap_err();
        assert_eq!(errs[0].message, "the page has no `title`");
        let errs = parse_text("---\ntitle: \"open\nsummary: x\n---\n").unwrap_err();
        assert!(
            errs[0].message.starts_with("invalid front matter"),
            "{}",
            errs[0].message
        );
        assert!(errs[0].line.unwrap() >= 2);
        let errs = parse_text("---\ntitle: A\ntitle: B\n---\n").unwrap_err();
        assert!(errs[0].message.contains("duplicate"), "{}", errs[0].message);
    }

    #[test]
    fn slugs_must_be_one_safe_segment() {
        assert!(check_slug("saying-goodbye").is_ok());
        for bad in ["", "a/b", "..", "a b", "Über", "a..b"] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }
}
