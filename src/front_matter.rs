//! Front matter: the YAML block between `---` lines at the top of a content file.
//!
//! In: the file's text (BOM removed, line endings normalised) and the hub config.
//! Out: a typed [`FrontMatter`], or diagnostics that name the line of every bad key
//! or value. Unknown keys are errors with a "did you mean" suggestion.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::Diagnostic;

mod foreign;
mod reader;
mod simple;
mod values;

pub use foreign::toml_settings;
use reader::Parser;

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
    /// The text of a leading `# Heading` taken as the title ([`take_heading_title`]).
    pub heading_title: Option<&'a str>,
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
            heading_title: None,
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
                heading_title: None,
            });
        }
        offset += line.len();
    }
    Err(1)
}

/// Takes a leading `# Heading` as the title when the front matter has no `title` (the
/// habit of MkDocs and of pages written for GitHub): the heading leaves the body, so
/// the page does not show its title twice. Returns the heading's byte offset.
pub fn take_heading_title(split: &mut Split<'_>) -> Option<usize> {
    if crate::config::key_line(split.yaml, "title").is_some() {
        return None;
    }
    let skipped = split.body.len() - split.body.trim_start_matches(['\n', ' ']).len();
    let start = split.body[..skipped].rfind('\n').map_or(0, |i| i + 1);
    let rest = &split.body[start..];
    let line = rest.split('\n').next().unwrap_or("");
    let title = line.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
    if title.is_empty() {
        return None;
    }
    let end = (start + line.len() + 1).min(split.body.len());
    let offset = split.body_offset + start;
    split.heading_title = Some(title);
    split.body = &split.body[end..];
    split.body_offset += end;
    Some(offset)
}

/// Which kind of file the front matter belongs to; each allows its own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An article, FAQ or template page.
    Page,
    /// A folder's `_index.md` (the home page, a category or a section).
    Index,
}

pub(crate) const PAGE_KEYS: &[&str] = &[
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

pub(crate) const INDEX_KEYS: &[&str] = &[
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
    /// The front matter line that declares it, for messages about it.
    #[serde(skip)]
    pub line: usize,
}

/// A download format a template offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
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

/// A path in front matter (`related`, `aliases`), with the line it was written on.
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
    pub aliases: Vec<PathRef>,
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

/// True for placeholder names: lowercase ASCII letters, digits and underscores, starting with a letter.
pub fn is_field_name(name: &str) -> bool {
    // A trailing `_` could close Markdown emphasis and split the placeholder.
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('_')
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

/// A YAML value as an error message names it (`the number 3`, `a list`).
fn describe(value: &serde_yaml::Value) -> String {
    use serde_yaml::Value;
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
    fn a_tag_or_audience_written_twice_counts_once() {
        let f = parse_text("---\ntitle: A\naudience: [mentor, mentee, mentor]\ntags: [Saying goodbye, trust, saying-goodbye, Trust]\n---\n").unwrap();
        assert_eq!(f.audience, ["mentor", "mentee"]);
        assert_eq!(f.tags, ["Saying goodbye", "trust"]);
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
        assert_eq!(
            errs[0].message,
            "the quote mark that opens the value of `title` is never closed"
        );
        assert_eq!(errs[0].line, Some(2));
        let errs = parse_text("---\ntitle: A\ntitle: B\n---\n").unwrap_err();
        assert_eq!(errs[0].message, "`title` is set twice");
        assert_eq!(errs[0].line, Some(3));
    }

    #[test]
    fn slugs_must_be_one_safe_segment() {
        assert!(check_slug("saying-goodbye").is_ok());
        for bad in ["", "a/b", "..", "a b", "Über", "a..b"] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }
}
