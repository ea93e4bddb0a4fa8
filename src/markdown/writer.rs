//! The Markdown writer: the parser's events transformed into the hub's HTML (heading
//! ids and the table of contents, callouts, links resolved later, template embeds,
//! placeholders, raw HTML shown as text), with what the site stage needs noted.
//!
//! In: the parser's events with their byte ranges. Out: the events the HTML writer
//! writes, and the [`Markdown`] facts (links, embeds, ids, table of contents).

use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd,
};

use super::place::Place;
use super::{
    is_local, script_scheme, EmbedRef, LinkRef, Markdown, RefusedLink, RenderOptions, TocEntry,
};
use crate::front_matter::Field;
use crate::i18n::Strings;
use crate::placeholder;
use crate::text::{escape_html, push_escaped, word_count, IdSet};

pub(super) struct Writer<'a, 'o, F> {
    pub(super) out: Markdown,
    pub(super) events: Vec<Event<'a>>,
    pub(super) ids: IdSet,
    pub(super) position: F,
    pub(super) options: RenderOptions<'o>,
}

impl<'a, F: Fn(usize) -> (usize, usize)> Writer<'a, '_, F> {
    pub(super) fn claim_explicit_ids(&mut self, events: &[(Event<'a>, Range<usize>)]) {
        for (event, range) in events {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
                if !self.ids.claim(id) {
                    let (line, _) = (self.position)(range.start);
                    self.out.duplicate_ids.push((id.to_string(), line));
                }
                self.out.ids.push(id.to_string());
            }
        }
    }

    pub(super) fn transform(&mut self, events: Vec<(Event<'a>, Range<usize>)>) {
        let mut iter = events.into_iter();
        let mut in_code = false;
        let mut link_open: Vec<LinkOpen> = Vec::new();
        // The last heading and its line, until something is written under it.
        let mut bare: Option<(HeadingLevel, usize)> = None;
        while let Some((event, range)) = iter.next() {
            if !matches!(event, Event::Start(Tag::Heading { .. })) {
                bare = None;
            }
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let mut inner = Vec::new();
                    for (e, r) in iter.by_ref() {
                        if matches!(e, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        inner.push((e, r));
                    }
                    let (line, _) = (self.position)(range.start);
                    if level == HeadingLevel::H1 {
                        self.out.title_lines.push(line);
                    }
                    // A heading followed by a smaller one opens its parts; by one as
                    // large or larger, it has nothing of its own.
                    if let Some((before, before_line)) = bare {
                        if level <= before {
                            self.out.bare_heading_lines.push(before_line);
                        }
                    }
                    bare = Some((level, line));
                    self.heading(level, id, classes, attrs, inner);
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let (class, title) = callout(kind, self.options.strings);
                    let title = escape_html(title);
                    self.html(format!(
                        "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n"
                    ));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => self.html("</div>\n".to_string()),
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if info.trim() == "template" =>
                {
                    let mut id = String::new();
                    for (e, _) in iter.by_ref() {
                        match e {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(t) => id.push_str(&t),
                            _ => {}
                        }
                    }
                    let (line, _) = (self.position)(range.start);
                    self.out.embeds.push(EmbedRef {
                        id: id.trim().to_string(),
                        line,
                    });
                    self.events.push(Place::Embed.event());
                    self.html("\n".to_string());
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    in_code = true;
                    self.events
                        .push(Event::Start(Tag::CodeBlock(code_language(kind))));
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    self.events.push(Event::End(TagEnd::CodeBlock));
                }
                // An email autolink (`<name@example.org>`) is written as mailto: by the
                // HTML writer, and never looked up as a file.
                Event::Start(Tag::Link {
                    link_type: LinkType::Email,
                    dest_url,
                    title,
                    id,
                }) => {
                    link_open.push(LinkOpen::AsWritten);
                    self.events.push(Event::Start(Tag::Link {
                        link_type: LinkType::Email,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::Start(Tag::Link {
                    dest_url, title, ..
                }) => {
                    if self.refuse_script(&dest_url, range.start) {
                        link_open.push(LinkOpen::Dropped);
                        continue;
                    }
                    match self.link_ref(&dest_url, range.start, false) {
                        Some(_) => {
                            self.html("<a href=\"".to_string());
                            self.events.push(Place::Link.event());
                            let mut tag = "\"".to_string();
                            push_title(&mut tag, &title);
                            tag.push('>');
                            self.html(tag);
                            link_open.push(LinkOpen::Resolved);
                        }
                        None => {
                            link_open.push(LinkOpen::AsWritten);
                            self.events.push(Event::Start(Tag::Link {
                                link_type: LinkType::Inline,
                                dest_url,
                                title,
                                id: CowStr::Borrowed(""),
                            }));
                        }
                    }
                }
                Event::End(TagEnd::Link) => match link_open.pop() {
                    Some(LinkOpen::Resolved) => self.html("</a>".to_string()),
                    Some(LinkOpen::Dropped) => {}
                    _ => self.events.push(Event::End(TagEnd::Link)),
                },
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let mut alt = String::new();
                    let mut depth = 0;
                    for (e, _) in iter.by_ref() {
                        match e {
                            Event::Start(Tag::Image { .. }) => depth += 1,
                            Event::End(TagEnd::Image) if depth == 0 => break,
                            Event::End(TagEnd::Image) => depth -= 1,
                            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                            _ => {}
                        }
                    }
                    if self.refuse_script(&dest_url, range.start) {
                        continue;
                    }
                    let mut tag = match self.link_ref(&dest_url, range.start, true) {
                        Some(_) => {
                            self.html("<img src=\"".to_string());
                            self.events.push(Place::Link.event());
                            "\"".to_string()
                        }
                        None => format!("<img src=\"{}\"", escape_html(&dest_url)),
                    };
                    tag.push_str(&format!(" alt=\"{}\"", escape_html(&alt)));
                    push_title(&mut tag, &title);
                    tag.push_str(" loading=\"lazy\">");
                    self.html(tag);
                }
                Event::Start(Tag::HtmlBlock) if !self.options.allow_html => {
                    self.raw_html(range.start);
                    self.events.push(Event::Start(Tag::Paragraph));
                }
                Event::End(TagEnd::HtmlBlock) if !self.options.allow_html => {
                    self.events.push(Event::End(TagEnd::Paragraph));
                }
                Event::Html(raw) | Event::InlineHtml(raw) if !self.options.allow_html => {
                    self.raw_html(range.start);
                    self.events.push(Event::Text(raw));
                }
                Event::Text(text) => {
                    self.out.words += word_count(&text);
                    if let Some(fields) = self.options.placeholders.filter(|_| text.contains("{{"))
                    {
                        self.placeholders(&text, in_code, fields);
                    } else {
                        self.events.push(Event::Text(text));
                    }
                }
                Event::Code(code) => match self.options.placeholders {
                    Some(fields) if code.contains("{{") => {
                        let blanks = placeholder::fill(&code, |name| {
                            Some(placeholder::text_blank(placeholder::label_of(fields, name)))
                        });
                        self.events.push(Event::Code(CowStr::from(blanks)));
                    }
                    _ => self.events.push(Event::Code(code)),
                },
                // A checkbox needs a name for screen readers (and axe): its state.
                Event::TaskListMarker(done) => {
                    let t = self.options.strings;
                    let (checked, label) = match done {
                        true => (" checked=\"\"", &t.task_done),
                        false => ("", &t.task_not_done),
                    };
                    let label = escape_html(label);
                    self.html(format!("<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{label}\"/>\n"));
                }
                Event::FootnoteReference(name) => {
                    self.events.push(Event::FootnoteReference(name));
                }
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    self.out.ids.push(name.to_string());
                    self.events
                        .push(Event::Start(Tag::FootnoteDefinition(name)));
                }
                other => self.events.push(other),
            }
        }
        if let Some((_, line)) = bare {
            self.out.bare_heading_lines.push(line);
        }
    }

    fn html(&mut self, html: String) {
        self.events.push(Event::Html(CowStr::from(html)));
    }

    fn raw_html(&mut self, offset: usize) {
        let (line, _) = (self.position)(offset);
        if self.out.raw_html_lines.last() != Some(&line) {
            self.out.raw_html_lines.push(line);
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<(Event<'a>, Range<usize>)>,
    ) {
        // Raw HTML that is shown as text belongs to the heading's text too.
        let shown_html = !self.options.allow_html;
        let text: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                Event::InlineHtml(t) if shown_html => Some(t.as_ref()),
                // A heading written over two lines (setext) has a space there.
                Event::SoftBreak | Event::HardBreak => Some(" "),
                _ => None,
            })
            .collect();
        let text = text.trim().to_string();
        let id = match id {
            Some(id) => id.to_string(),
            None => {
                let id = self.ids.unique(&text);
                self.out.ids.push(id.clone());
                id
            }
        };
        let depth = level as u8;
        if depth == 2 {
            self.events.push(Place::SectionStart.event());
        }
        if depth == 2 || depth == 3 {
            // The id keeps the placeholder's name (stable while labels change); the
            // title a reader sees has the blank.
            let title = match self.options.placeholders {
                Some(fields) => placeholder::fill(&text, |name| {
                    Some(placeholder::text_blank(placeholder::label_of(fields, name)))
                }),
                None => text,
            };
            self.out.toc.push(TocEntry {
                level: depth,
                id: id.clone(),
                title,
            });
        }
        // Article headings in the table of contents end with a link to themselves,
        // which readers copy to share the section (a template's are its document's).
        let anchor =
            ((depth == 2 || depth == 3) && self.options.placeholders.is_none()).then(|| {
                format!(
                    r##"<a class="anchor" href="#{}" aria-label="{}"></a>"##,
                    escape_html(&id),
                    escape_html(&self.options.strings.link_to_section)
                )
            });
        self.events.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes,
            attrs,
        }));
        // Headings keep their inline markup (emphasis, code, links).
        let mut heading_events = Vec::new();
        std::mem::swap(&mut self.events, &mut heading_events);
        self.transform(inner);
        std::mem::swap(&mut self.events, &mut heading_events);
        self.events.extend(heading_events);
        if let Some(anchor) = anchor {
            self.events.push(Event::InlineHtml(CowStr::from(anchor)));
        }
        self.events.push(Event::End(TagEnd::Heading(level)));
        if depth == 2 {
            self.events.push(Place::HeadingEnd.event());
        }
    }

    /// True (and recorded) for a `javascript:`, `vbscript:` or `data:` address while
    /// raw HTML is off: that mode is for authors who are not trusted with scripts.
    fn refuse_script(&mut self, dest: &str, offset: usize) -> bool {
        if self.options.allow_html {
            return false;
        }
        let Some(scheme) = script_scheme(dest) else {
            return false;
        };
        let (line, column) = (self.position)(offset);
        self.out.refused_links.push(RefusedLink {
            scheme,
            line,
            column,
        });
        true
    }

    /// Records a link to resolve later; returns its number, or None for links left as written.
    fn link_ref(&mut self, dest: &str, offset: usize, image: bool) -> Option<usize> {
        if !is_local(dest) {
            return None;
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (dest, None),
        };
        let (line, column) = (self.position)(offset);
        let n = self.out.links.len();
        self.out.links.push(LinkRef {
            path: path.to_string(),
            anchor,
            line,
            column,
            image,
        });
        Some(n)
    }

    /// Each `{{ name }}` becomes a blank labelled with its field's label (in code, the
    /// blank as plain text writes it).
    fn placeholders(&mut self, text: &str, in_code: bool, fields: &[Field]) {
        let mut rest = text;
        while let Some(p) = placeholder::find(rest) {
            if p.start > 0 {
                self.events
                    .push(Event::Text(CowStr::from(rest[..p.start].to_string())));
            }
            let label = placeholder::label_of(fields, p.name);
            let mut html = String::new();
            if in_code {
                push_escaped(&mut html, &placeholder::text_blank(label));
            } else {
                placeholder::push_html_blank(&mut html, p.name, label);
            }
            self.html(html);
            rest = &rest[p.end..];
        }
        if !rest.is_empty() {
            self.events
                .push(Event::Text(CowStr::from(rest.to_string())));
        }
    }
}

fn push_title(tag: &mut String, title: &str) {
    if !title.is_empty() {
        tag.push_str(" title=\"");
        push_escaped(tag, title);
        tag.push('"');
    }
}

/// A callout's class and its title in the words of `t`.
fn callout(kind: BlockQuoteKind, t: &Strings) -> (&'static str, &str) {
    match kind {
        BlockQuoteKind::Note => ("note", &t.callout_note),
        BlockQuoteKind::Tip => ("tip", &t.callout_tip),
        BlockQuoteKind::Important => ("important", &t.callout_important),
        BlockQuoteKind::Warning => ("warning", &t.callout_warning),
        BlockQuoteKind::Caution => ("caution", &t.callout_caution),
    }
}

/// How a link's end tag is written: as a resolved `<a>`, as the parser has it, or not
/// at all (a refused address keeps only its text).
enum LinkOpen {
    Resolved,
    AsWritten,
    Dropped,
}

/// A fence's language as the HTML's `language-…` class, kept only when it reads as a
/// language's name (`rust`, `c++`, `objective-c`): a fence opened as ```` ```{{ name }}````
/// or with other words after the backticks is shown as plain code.
fn code_language(kind: CodeBlockKind<'_>) -> CodeBlockKind<'_> {
    match kind {
        CodeBlockKind::Fenced(info) => {
            let name = info.split_whitespace().next().unwrap_or("");
            let plain = name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '+' | '-' | '_' | '.' | '#'));
            CodeBlockKind::Fenced(if plain { info } else { "".into() })
        }
        indented => indented,
    }
}
