//! Markdown to HTML, with the hub's additions: heading ids and the table of contents,
//! callouts, links to other Markdown files, template embeds and placeholders.
//!
//! In: a page body and where it starts in its file. Out: [`Markdown`], whose [`Body`]
//! is HTML in parts, with the places where a link's address or an embedded template
//! goes; the site stage fills them in once every page is known.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser};
use serde::Serialize;

pub use crate::line_index::LineIndex;
use std::sync::Arc;

use crate::front_matter::Field;
use crate::i18n::Strings;
use crate::text::IdSet;

mod body;
mod place;
mod text;
mod writer;

pub use body::{Body, BodySection, Part};
use writer::Writer;

/// How to render one body.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// Pass raw HTML through; when false it is shown as text.
    pub allow_html: bool,
    /// A template's fields: its `{{ name }}` placeholders are shown as blanks labelled
    /// with them. None outside templates, where `{{ … }}` is text.
    pub placeholders: Option<&'a [Field]>,
    /// The words of callout titles and task boxes.
    pub strings: &'a Strings,
}

impl Default for RenderOptions<'_> {
    fn default() -> Self {
        RenderOptions {
            allow_html: false,
            placeholders: None,
            strings: crate::i18n::english_ref(),
        }
    }
}

/// A heading the "In this article" list shows (h2 and h3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// What a link in the body points at, before the site resolves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// The path part as written (`../closure/last-meeting.md`), empty for `#anchor`.
    pub path: String,
    /// The part after `#`, if any.
    pub anchor: Option<String>,
    pub line: usize,
    pub column: usize,
    /// True for `![image](…)`.
    pub image: bool,
}

/// A link or image whose address was refused, and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedLink {
    /// `javascript`, `vbscript` or `data`.
    pub scheme: String,
    pub line: usize,
    pub column: usize,
}

/// A ```` ```template ```` block naming a template to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedRef {
    pub id: String,
    pub line: usize,
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    /// The HTML, in parts (shared: `serve` keeps it between rebuilds).
    pub html: Arc<Body>,
    pub toc: Vec<TocEntry>,
    /// Every id the body defines (headings of all levels, footnotes), for anchor checks.
    pub ids: Vec<String>,
    pub links: Vec<LinkRef>,
    pub embeds: Vec<EmbedRef>,
    /// Lines that hold raw HTML (escaped unless the hub allows it).
    pub raw_html_lines: Vec<usize>,
    /// Links and images to `javascript:`, `vbscript:` or `data:` addresses, refused
    /// while raw HTML is off.
    pub refused_links: Vec<RefusedLink>,
    /// Explicit `{#id}`s given twice, by line.
    pub duplicate_ids: Vec<(String, usize)>,
    pub words: usize,
    /// Lines of `#` headings: the page's title is its only `<h1>`.
    pub title_lines: Vec<usize>,
    /// Lines of headings with nothing under them before the next heading as large
    /// or larger, or the end.
    pub bare_heading_lines: Vec<usize>,
}

impl Markdown {
    /// Each `##` section with its entry in the table of contents (its id and title).
    pub fn sections(&self) -> impl Iterator<Item = (&TocEntry, &BodySection)> {
        self.toc
            .iter()
            .filter(|t| t.level == 2)
            .zip(&self.html.sections)
    }
}

/// Renders `body`, which starts at byte `body_offset` of a file indexed by `lines`.
pub fn render(
    body: &str,
    body_offset: usize,
    lines: &LineIndex,
    options: RenderOptions<'_>,
) -> Markdown {
    let events = merge_text(Parser::new_ext(body, parser_options()).into_offset_iter());
    let mut writer = Writer {
        out: Markdown::default(),
        events: Vec::with_capacity(events.len()),
        ids: IdSet::default(),
        position: |offset: usize| lines.position(body_offset + offset),
        options,
    };
    writer.claim_explicit_ids(&events);
    writer.transform(events);
    let Writer {
        mut out, events, ..
    } = writer;
    out.html = Arc::new(body::write(events.into_iter()));
    out
}

/// The Markdown extensions every page is read with.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
}

/// Joins runs of text events, which the parser splits at `_`, `*` and the like, so a
/// `{{ mentee_name }}` placeholder arrives whole.
pub fn merge_text<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut merged: Vec<(Event<'a>, Range<usize>)> = Vec::new();
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) =
            (&event, merged.last_mut())
        {
            let mut joined = prev.to_string();
            joined.push_str(next);
            *prev = CowStr::from(joined);
            prev_range.end = range.end;
            continue;
        }
        merged.push((event, range));
    }
    merged
}

/// The scheme of an address that would run code or carry a document when followed
/// (`javascript:`, `vbscript:`, `data:`), read as a browser reads it: leading spaces
/// and control characters skipped, tabs and newlines anywhere ignored, any case.
pub fn script_scheme(dest: &str) -> Option<String> {
    let cleaned: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|s| cleaned.starts_with(s))
        .map(|s| s.trim_end_matches(':').to_string())
}

/// True for links the site resolves: no scheme, not protocol-relative, not `mailto:`.
pub fn is_local(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with("//") {
        return false;
    }
    let scheme_end = dest.find(':');
    let path_end = dest.find(['/', '?', '#']).unwrap_or(dest.len());
    !matches!(scheme_end, Some(i) if i < path_end)
}

#[cfg(test)]
mod tests;
