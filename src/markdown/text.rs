//! A body's plain text for search, read from the Markdown writer's events as the HTML
//! writer writes them, so search never reads the HTML back: for each event, the text
//! and tags the HTML writer writes for it, fed to [`TextScan`]. Raw HTML (when the hub
//! allows it) and the few pieces of HTML the Markdown writer makes itself (callout
//! titles, placeholder blanks, link and image tags) go to the scan as HTML.
//!
//! In: the events handed to the HTML writer, one at a time, with the [`Place`] events
//! that cut the body into parts. Out: [`BodyText`], the text of each part the
//! [`super::Body`] has: the introduction, and each `##` heading and what follows it.

use pulldown_cmark::{Event, Tag as Open, TagEnd};

use super::place::Place;
use crate::html_text::{PlainText, Tag, TextScan};

/// The text of a body, part by part.
#[derive(Debug, Default)]
pub struct BodyText {
    /// What comes before the first `##` heading.
    pub intro: PlainText,
    /// Each `##` section: its heading's text, and the text of what follows it.
    pub sections: Vec<(String, PlainText)>,
}

/// Which part of the body the events are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Intro,
    Heading,
    Content,
}

/// Reads the text of a body from its events (see [`TextWriter::event`]).
#[derive(Debug)]
pub struct TextWriter {
    text: BodyText,
    scan: TextScan,
    phase: Phase,
    /// How deep inside an image or a metadata block the events are: the HTML writer
    /// writes no text of theirs (an image's text is its `alt` attribute).
    hidden_depth: usize,
}

impl Default for TextWriter {
    fn default() -> Self {
        TextWriter {
            text: BodyText::default(),
            scan: TextScan::new(true),
            phase: Phase::Intro,
            hidden_depth: 0,
        }
    }
}

impl TextWriter {
    /// Reads the text the HTML writer writes for `event`.
    pub fn event(&mut self, event: &Event<'_>) {
        if self.hidden_depth > 0 {
            match event {
                Event::Start(_) => self.hidden_depth += 1,
                Event::End(_) => self.hidden_depth -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) => self.scan.text(text),
            // `<code>…</code>`, `<span class="math …">…</span>`
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.scan.tag(Tag::Inline);
                self.scan.text(text);
                self.scan.tag(Tag::Inline);
            }
            Event::Html(html) | Event::InlineHtml(html) => match Place::of(html) {
                Some(place) => self.place(place),
                None => self.scan.html(html),
            },
            Event::SoftBreak => self.scan.text("\n"),
            // `<br />`, `<input …/>`, `<hr />` (the line break after a block element
            // adds nothing).
            Event::HardBreak | Event::TaskListMarker(_) | Event::Rule => self.scan.tag(Tag::Block),
            // `<sup class="footnote-reference"><a …>1</a></sup>`: the number is left out.
            Event::FootnoteReference(_) => {
                self.scan.tag(Tag::FootnoteStart);
                self.scan.tag(Tag::SupEnd);
            }
        }
    }

    /// The text of every part.
    pub fn finish(mut self) -> BodyText {
        self.end_part();
        self.text
    }

    fn start(&mut self, tag: &Open<'_>) {
        match tag {
            Open::Heading { .. } => self.scan.tag(Tag::HeadingStart),
            // `<div class="footnote-definition" …><sup class="footnote-definition-label">1</sup>`
            Open::FootnoteDefinition(_) => {
                self.scan.tag(Tag::Block);
                self.scan.tag(Tag::FootnoteStart);
                self.scan.tag(Tag::SupEnd);
            }
            Open::Image { .. } => {
                self.scan.tag(Tag::Block);
                self.hidden_depth = 1;
            }
            Open::MetadataBlock(_) => self.hidden_depth = 1,
            // Inline tags end a run of text (white space after them collapses).
            Open::Emphasis
            | Open::Strong
            | Open::Strikethrough
            | Open::Superscript
            | Open::Subscript
            | Open::Link { .. } => self.scan.tag(Tag::Inline),
            Open::HtmlBlock => {}
            Open::Paragraph
            | Open::BlockQuote(_)
            | Open::CodeBlock(_)
            | Open::List(_)
            | Open::Item
            | Open::Table(_)
            | Open::TableHead
            | Open::TableRow
            | Open::TableCell
            | Open::DefinitionList
            | Open::DefinitionListTitle
            | Open::DefinitionListDefinition => self.scan.tag(Tag::Block),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            // The line break after `</h2>` adds nothing: the body's words were ended
            // where the heading began.
            TagEnd::Heading(_) => self.scan.tag(Tag::HeadingEnd),
            TagEnd::Superscript => self.scan.tag(Tag::SupEnd),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Subscript
            | TagEnd::Link => self.scan.tag(Tag::Inline),
            TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {}
            TagEnd::Paragraph
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::FootnoteDefinition => self.scan.tag(Tag::Block),
        }
    }

    /// A section starts, or its heading ends: the part read so far is done. Links and
    /// embeds are not text (an embedded template is a search hit of its own).
    fn place(&mut self, place: Place) {
        match place {
            Place::Link | Place::Embed => {}
            Place::SectionStart => {
                self.end_part();
                self.text.sections.push(Default::default());
                self.phase = Phase::Heading;
            }
            Place::HeadingEnd => {
                self.end_part();
                self.phase = Phase::Content;
            }
        }
    }

    /// Keeps the text of the part read so far, and starts the next one afresh.
    fn end_part(&mut self) {
        let text = std::mem::replace(&mut self.scan, TextScan::new(true)).finish();
        match (self.phase, self.text.sections.last_mut()) {
            (Phase::Heading, Some(section)) => section.0 = text.headings,
            (Phase::Content, Some(section)) => section.1 = text,
            _ => self.text.intro = text,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::front_matter::Field;
    use crate::html_text::{html_text, PlainText};
    use crate::markdown::{parser_options, render, Body, LineIndex, Markdown, Part, RenderOptions};
    use pulldown_cmark::Parser;

    fn md_with(body: &str, allow_html: bool, fields: Option<&[Field]>) -> Markdown {
        let options = RenderOptions {
            allow_html,
            placeholders: fields,
            ..RenderOptions::default()
        };
        render(body, 0, &LineIndex::new(body), options)
    }

    fn md(body: &str) -> Markdown {
        md_with(body, false, None)
    }

    fn text(headings: &str, body: &str) -> PlainText {
        PlainText {
            headings: headings.into(),
            body: body.into(),
        }
    }

    /// The text of `parts` read back from their HTML, links and embeds left out.
    fn read_back<'a>(parts: impl IntoIterator<Item = &'a Part>) -> PlainText {
        let html: String = parts
            .into_iter()
            .filter_map(|part| match part {
                Part::Html(html) => Some(html.as_str()),
                _ => None,
            })
            .collect();
        html_text(&html)
    }

    /// Every part's text from the events is the text of its HTML.
    fn agrees_with_html(body: &Body) {
        assert_eq!(body.intro_text, read_back(&body.intro), "intro");
        for section in &body.sections {
            assert_eq!(section.text, read_back(&section.content));
            assert_eq!(section.heading_text, read_back(&section.heading).headings);
        }
    }

    #[test]
    fn entities_and_markup_are_text_as_shown() {
        let out = md("Tom &amp; Jerry say 5 < 6 > 4, \"quoted\" & 'single' &copy; AT&T;\n");
        assert_eq!(
            out.html.intro_text,
            text("", "Tom & Jerry say 5 < 6 > 4, “quoted” & ‘single’ © AT&T;")
        );
    }

    #[test]
    fn inline_elements_join_words_and_blocks_end_them() {
        let out = md("Say *thank*you and **mean**it.\nNext line\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n\n> quoted\n\n---\n\nend  with  spaces\n");
        assert_eq!(
            out.html.intro_text.body,
            "Say thankyou and meanit. Next line one two a b c d quoted end  with  spaces"
        );
        let out = md("Before ![a picture](map.png) after, a<br>\nhard  \nbreak.\n");
        assert_eq!(out.html.intro_text.body, "Before after, a<br> hard break.");
    }

    #[test]
    fn footnote_numbers_are_left_out_but_not_their_notes() {
        let out = md("Say it[^a] twice[^a] and once[^b].\n\n[^a]: The *first* note.\n[^b]: Two.\n");
        assert_eq!(
            out.html.intro_text.body,
            "Say it twice and once. The first note. Two."
        );
    }

    #[test]
    fn headings_are_apart_and_each_section_is_its_own() {
        let out = md("Intro text.\n\n### Intro heading\n\nMore.\n\n## First *part* {#one}\n\nBody one.\n\n### Deeper `code`\n\nBody two.\n\n## Second\n\n#### Deepest\n");
        let body = &out.html;
        assert_eq!(body.intro_text, text("Intro heading", "Intro text. More."));
        assert_eq!(body.sections.len(), 2);
        assert_eq!(body.sections[0].heading_text, "First part");
        assert_eq!(
            body.sections[0].text,
            text("Deeper code", "Body one. Body two.")
        );
        assert_eq!(body.sections[1].heading_text, "Second");
        assert_eq!(body.sections[1].text, text("Deepest", ""));
    }

    #[test]
    fn code_keeps_its_spaces_and_symbols() {
        let out = md("Run `a  &&  b` now, `x >  y`.\n\n```sh\nif [ 1 < 2 ]; then\n    echo \"ok\"\nfi\n```\n");
        assert_eq!(
            out.html.intro_text.body,
            // White space after `&`, `<` or `>` collapses, as it does after `&amp;`.
            "Run a  && b now, x > y. if [ 1 < 2 ]; then echo \"ok\" fi"
        );
    }

    #[test]
    fn links_keep_their_words_and_embeds_leave_none() {
        let out = md("See [the *agenda*](../closure/a.md#x) and [web](https://example.org \"A title\") or <a@b.org>.\n\n```template\nagenda\n```\n\nAfter.\n");
        assert_eq!(
            out.html.intro_text.body,
            "See the agenda and web or a@b.org. After."
        );
    }

    #[test]
    fn raw_html_is_stripped_when_allowed_and_shown_when_not() {
        let body = "Hi <b>bold</b>&nbsp;one<sup class=\"footnote-x\">9</sup>.\n\n<div class=\"box\">\n<h3>Raw heading</h3>\n<p>Raw &amp;&nbsp;<em>em</em>text</p>\n</div>\n\n<div\n  class=\"split\">split tag</div>\n";
        let allowed = md_with(body, true, None);
        // Markdown reads the first `&nbsp;` (a no-break space); the second is HTML's
        // (a space).
        assert_eq!(
            allowed.html.intro_text,
            text("Raw heading", "Hi bold\u{a0}one. Raw & emtext split tag")
        );
        agrees_with_html(&allowed.html);
        let shown = md(body);
        assert!(shown.html.intro_text.body.starts_with(
            "Hi <b>bold</b>\u{a0}one<sup class=\"footnote-x\">9</sup>. <div class=\"box\"> <h3>Raw heading</h3>"
        ), "{}", shown.html.intro_text.body);
        assert_eq!(shown.html.intro_text.headings, "");
    }

    #[test]
    fn placeholders_read_as_their_blanks() {
        let fields = [Field {
            name: "who".into(),
            label: "Mentee's name".into(),
            example: "Jordan".into(),
            line: 0,
        }];
        let out = md_with(
            "## Agenda for {{ who }}\n\nDear {{ who }}, see `{{ who }}`.\n\n- [ ] Ask {{ who }}\n",
            false,
            Some(&fields),
        );
        let section = &out.html.sections[0];
        assert_eq!(section.heading_text, "Agenda for [Mentee's name]");
        assert_eq!(
            section.text.body,
            "Dear [Mentee's name], see [Mentee's name]. Ask [Mentee's name]"
        );
    }

    #[test]
    fn text_is_read_only_for_hubs_with_search() {
        let source = "Intro.\n\n## One\n\nText.\n";
        let with = md(source);
        let options = RenderOptions {
            search_text: false,
            ..RenderOptions::default()
        };
        let without = render(source, 0, &LineIndex::new(source), options);
        assert_eq!(with.html.intro_text.body, "Intro.");
        assert_eq!(with.html.sections[0].text.body, "Text.");
        assert_eq!(without.html.intro_text, PlainText::default());
        assert_eq!(without.html.sections[0].text, PlainText::default());
        assert_eq!(without.html.sections[0].heading_text, "");
        assert_eq!(
            with.html.parts().collect::<Vec<_>>(),
            without.html.parts().collect::<Vec<_>>()
        );
    }

    /// The text from events against the text read back from the HTML they write, over
    /// Markdown that exercises every kind of event.
    #[test]
    fn events_give_the_text_of_their_html() {
        let fields = [Field {
            name: "who".into(),
            label: "Who <it> & is".into(),
            example: "Sam".into(),
            line: 0,
        }];
        let samples = [
            "Plain  text\twith\ttabs and\nlines  \nand  a hard break.\n",
            "# Title\n\nIntro *em* **strong** ~~del~~ `code` [link](a.md) [web](https://x.org).\n\n## Part {#p}\n\n> [!NOTE]\n> A note with [a link](b.md \"T>itle\").\n\n> A quote.\n\n1. one\n2. two\n\n   nested para\n\n- [x] done\n- [ ] open\n\n***\n\n## Table\n\n| a | b |\n|:-:|--:|\n| 1 & 2 | <i>3</i> |\n",
            "Text[^1] and ![alt *text*](i.png \"title\") and ![x](https://e.org/i.png).\n\n[^1]: Note with **bold** and `code`.\n\n    indented code\n    & more\n\n```template\nagenda\n```\n\n## After {#after}\n\nTerm ↩ arrow, ↩start.\n",
            "<div>\n<h2>Raw h2</h2>\n<p>Para &amp; &#x41;&#66; &bogus; AT&T</p>\n</div>\n\nInline <span title=\"a>b\">tricky</span> <!-- c > d --> done<br>x<img src=\"y\">z.\n\n## Heading with <em>html</em>\n\n<sup class=\"footnote\">skip</sup>shown\n",
            "## Agenda for {{ who }}\n\nDear {{ who }},\n\n```\n{{ who }} in code\n```\n\n### Bring {{ who }}\n\n- `{{ who }}`\n",
            "Mail <a@b.org>, [bad](javascript:alert(1)), ![bad](data:x).\n\nSetext\n------\n\nText\n",
            "Runs `a  <  b  >  c  &  d` and a <  b >  c &  d.\n\n- ### In a list\n  tight text\n",
            // A run of text goes on into the next event, keeping its spaces.
            "&amp;## ``  x`` *y*  z\n\n```\n{{ who }}    \n```\n",
        ];
        for sample in samples {
            // The parser's own events too, which the writer changes (images, task
            // boxes, callouts): each as the HTML writer writes it.
            let events = Parser::new_ext(sample, parser_options());
            agrees_with_html(&super::super::body::write(events, true));
            for allow_html in [false, true] {
                for placeholders in [None, Some(&fields[..])] {
                    let out = md_with(sample, allow_html, placeholders);
                    agrees_with_html(&out.html);
                }
            }
        }
    }
}
