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
    /// Gather each part's plain text for search ([`Body::intro_text`]); else left empty.
    pub search_text: bool,
}

impl Default for RenderOptions<'_> {
    fn default() -> Self {
        RenderOptions {
            allow_html: false,
            placeholders: None,
            strings: crate::i18n::english_ref(),
            search_text: true,
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
    out.html = Arc::new(body::write(events.into_iter(), options.search_text));
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
mod tests {
    use super::*;

    fn md(body: &str) -> Markdown {
        render(body, 0, &LineIndex::new(body), RenderOptions::default())
    }

    /// The body's HTML with its places shown as `{link n}` and `{embed n}`.
    fn shown(out: &Markdown) -> String {
        out.html
            .parts()
            .map(|part| match part {
                Part::Html(html) => html.clone(),
                Part::Link(n) => format!("{{link {n}}}"),
                Part::Embed(n) => format!("{{embed {n}}}"),
            })
            .collect()
    }

    #[test]
    fn email_autolinks_are_mailto_links_not_files() {
        let out = md("Write to <coordinator@example.org>.\n");
        assert!(out.links.is_empty(), "{:?}", out.links);
        assert!(
            shown(&out)
                .contains("<a href=\"mailto:coordinator@example.org\">coordinator@example.org</a>"),
            "{}",
            shown(&out)
        );
    }

    #[test]
    fn script_addresses_are_refused_unless_html_is_allowed() {
        let body = "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) <vbscript:msgbox>\n\n![c](data:image/svg+xml,x) [fine](https://example.org)\n";
        let out = md(body);
        let refused: Vec<_> = out
            .refused_links
            .iter()
            .map(|r| (r.scheme.as_str(), r.line, r.column))
            .collect();
        assert_eq!(
            refused,
            [
                ("javascript", 1, 1),
                ("javascript", 1, 26),
                ("vbscript", 1, 51),
                ("data", 3, 1)
            ]
        );
        assert_eq!(
            script_scheme(" \u{1}java\tscr\nipt:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(script_scheme("/javascript:x"), None);
        // The refused links keep only their text; the safe one stays a link.
        assert_eq!(shown(&out).matches("href=").count(), 1, "{}", shown(&out));
        assert!(!shown(&out).contains("<img"), "{}", shown(&out));
        assert!(shown(&out).contains("href=\"https://example.org\""));
        let allowed = render(
            body,
            0,
            &LineIndex::new(body),
            RenderOptions {
                allow_html: true,
                ..RenderOptions::default()
            },
        );
        assert!(allowed.refused_links.is_empty());
    }

    #[test]
    fn task_list_checkboxes_have_names() {
        let out = shown(&md("- [ ] Return the badge\n- [x] Book the room\n"));
        assert!(
            out.contains("type=\"checkbox\" aria-label=\"Not done\"/>"),
            "{out}"
        );
        assert!(out.contains("checked=\"\" aria-label=\"Done\"/>"), "{out}");
    }

    #[test]
    fn a_heading_over_two_lines_keeps_its_space() {
        let out = md("Saying\ngoodbye\n-------\n");
        assert_eq!(out.toc[0].id, "saying-goodbye");
        assert_eq!(out.toc[0].title, "Saying goodbye");
    }

    #[test]
    fn ids_keep_combining_marks() {
        let out = md("## क्या करें\n");
        assert_eq!(out.toc[0].id, "क्या-करें");
    }

    #[test]
    fn headings_get_unique_ids_and_toc_entries() {
        let out = md("## Goals\n\n### Goals\n\n## Saying thanks {#thanks}\n\n#### Deep\n");
        let ids: Vec<_> = out.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["goals", "goals-1", "thanks"]);
        assert!(out.ids.contains(&"deep".to_string()));
        assert!(
            shown(&out).contains(
                "<h2 id=\"thanks\">Saying thanks<a class=\"anchor\" href=\"#thanks\" aria-label=\"Link to this section\"></a></h2>"
            ),
            "{}",
            shown(&out)
        );
        assert!(
            shown(&out).contains("<h4 id=\"deep\">Deep</h4>"),
            "only ## and ### link to themselves"
        );
        assert_eq!(out.html.sections.len(), 2);
    }

    #[test]
    fn a_template_s_headings_are_its_document_s_without_links_to_themselves() {
        let body = "## Agenda\n";
        let options = RenderOptions {
            placeholders: Some(&[]),
            ..RenderOptions::default()
        };
        let out = render(body, 0, &LineIndex::new(body), options);
        assert!(
            shown(&out).contains("<h2 id=\"agenda\">Agenda</h2>"),
            "{}",
            shown(&out)
        );
    }

    #[test]
    fn callouts_become_notes() {
        let out = md("> [!TIP]\n> Book the date.\n");
        assert!(
            shown(&out).contains("<div class=\"callout callout-tip\" role=\"note\">"),
            "{}",
            shown(&out)
        );
        assert!(shown(&out).contains("<p>Book the date.</p>"));
    }

    #[test]
    fn local_links_are_recorded_with_lines() {
        let out = md("Intro\n\nSee [the agenda](../closure/last-meeting.md#agenda) and [web](https://example.org) and [mail](mailto:a@b.c).\n");
        assert_eq!(out.links.len(), 1);
        let link = &out.links[0];
        assert_eq!(
            (link.path.as_str(), link.anchor.as_deref()),
            ("../closure/last-meeting.md", Some("agenda"))
        );
        assert_eq!((link.line, link.column), (3, 5));
        assert!(shown(&out).contains("<a href=\"{link 0}\">the agenda</a>"));
        assert!(shown(&out).contains("href=\"https://example.org\""));
    }

    #[test]
    fn template_blocks_become_embeds() {
        let out = md("Text\n\n```template\nlast-meeting-agenda\n```\n");
        assert_eq!(
            out.embeds,
            [EmbedRef {
                id: "last-meeting-agenda".into(),
                line: 3
            }]
        );
        assert!(shown(&out).contains("{embed 0}"));
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let body = "Hi <script>alert(1)</script>\n\n<div>block</div>\n";
        let out = md(body);
        assert!(!shown(&out).contains("<script>"), "{}", shown(&out));
        assert!(shown(&out).contains("&lt;script&gt;"));
        assert_eq!(out.raw_html_lines, [1, 3]);
        let allowed = render(
            body,
            0,
            &LineIndex::new(body),
            RenderOptions {
                allow_html: true,
                ..Default::default()
            },
        );
        assert!(shown(&allowed).contains("<div>block</div>"));
    }

    #[test]
    fn placeholders_are_labelled_blanks_in_templates() {
        let body = "## Agenda for {{ mentee_name }}\n\nDear {{ mentee_name }}, thank you.\n\n`{{ mentee_name }}`\n";
        let fields = [Field {
            name: "mentee_name".into(),
            label: "Mentee's name".into(),
            example: "Jordan".into(),
            line: 0,
        }];
        let out = render(
            body,
            0,
            &LineIndex::new(body),
            RenderOptions {
                placeholders: Some(&fields),
                ..Default::default()
            },
        );
        let html = shown(&out);
        assert!(
            html.contains("Dear <span class=\"blank\" data-field=\"mentee_name\"><span><i>[</i>Mentee&#39;s name<i>]</i></span></span>, thank you."),
            "{html}"
        );
        assert!(html.contains("<code>[Mentee's name]</code>"), "{html}");
        assert!(!html.contains("{{"), "{html}");
        // The heading keeps an id from the field's name; its table-of-contents entry
        // reads as the page does.
        assert_eq!(out.toc[0].id, "agenda-for-mentee-name");
        assert_eq!(out.toc[0].title, "Agenda for [Mentee's name]");
    }

    #[test]
    fn a_fence_keeps_a_language_name_and_nothing_else() {
        let out = md("```rust\nfn main() {}\n```\n\n```{{ mentee_name }}\nHello\n```\n");
        let html = shown(&out);
        assert!(
            html.contains("<pre><code class=\"language-rust\">"),
            "{html}"
        );
        assert!(html.contains("<pre><code>Hello"), "{html}");
        assert!(!html.contains("{{"), "{html}");
    }

    #[test]
    fn gfm_extensions_render() {
        let out = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: A note.\n");
        assert!(shown(&out).contains("<table>"));
        assert!(shown(&out).contains("type=\"checkbox\""));
        assert!(shown(&out).contains("<del>old</del>"));
        assert!(shown(&out).contains("“quoted”"));
        assert!(shown(&out).contains("footnote-definition"));
    }
}
