//! A body's plain text for search, part by part: read from the parts' HTML when the
//! index asks for it, not kept beside the HTML for the whole build (on a hub of
//! 10,000 articles the text alone is 64 MB). Links' addresses and embedded templates
//! are no text (an embedded template is a search hit of its own).
//!
//! In: a [`Body`]'s parts. Out: their [`PlainText`], as [`crate::html_text`] reads
//! the HTML the parts would make together: a tag cut by a link's address reads as
//! one tag.

use super::body::{Body, BodySection, Part};
use crate::html_text::{PlainText, TextScan};

/// The text of `parts` as a reader sees it, headings apart.
pub fn parts_text(parts: &[Part]) -> PlainText {
    let mut scan = TextScan::new(true);
    for part in parts {
        if let Part::Html(html) = part {
            scan.html(html);
        }
    }
    scan.finish()
}

impl Body {
    /// The introduction's text, headings apart.
    pub fn intro_text(&self) -> PlainText {
        parts_text(&self.intro)
    }
}

impl BodySection {
    /// The heading's text as shown.
    pub fn heading_text(&self) -> String {
        parts_text(&self.heading).headings
    }

    /// The content's text, headings apart.
    pub fn text(&self) -> PlainText {
        parts_text(&self.content)
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

    /// Every part's text is the text of its HTML read whole.
    fn agrees_with_html(body: &Body) {
        assert_eq!(body.intro_text(), read_back(&body.intro), "intro");
        for section in &body.sections {
            assert_eq!(section.text(), read_back(&section.content));
            assert_eq!(section.heading_text(), read_back(&section.heading).headings);
        }
    }

    #[test]
    fn entities_and_markup_are_text_as_shown() {
        let out = md("Tom &amp; Jerry say 5 < 6 > 4, \"quoted\" & 'single' &copy; AT&T;\n");
        assert_eq!(
            out.html.intro_text(),
            text("", "Tom & Jerry say 5 < 6 > 4, “quoted” & ‘single’ © AT&T;")
        );
    }

    #[test]
    fn inline_elements_join_words_and_blocks_end_them() {
        let out = md("Say *thank*you and **mean**it.\nNext line\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n\n> quoted\n\n---\n\nend  with  spaces\n");
        assert_eq!(
            out.html.intro_text().body,
            "Say thankyou and meanit. Next line one two a b c d quoted end  with  spaces"
        );
        let out = md("Before ![a picture](map.png) after, a<br>\nhard  \nbreak.\n");
        assert_eq!(
            out.html.intro_text().body,
            "Before after, a<br> hard break."
        );
    }

    #[test]
    fn footnote_numbers_are_left_out_but_not_their_notes() {
        let out = md("Say it[^a] twice[^a] and once[^b].\n\n[^a]: The *first* note.\n[^b]: Two.\n");
        assert_eq!(
            out.html.intro_text().body,
            "Say it twice and once. The first note. Two."
        );
    }

    #[test]
    fn headings_are_apart_and_each_section_is_its_own() {
        let out = md("Intro text.\n\n### Intro heading\n\nMore.\n\n## First *part* {#one}\n\nBody one.\n\n### Deeper `code`\n\nBody two.\n\n## Second\n\n#### Deepest\n");
        let body = &out.html;
        assert_eq!(
            body.intro_text(),
            text("Intro heading", "Intro text. More.")
        );
        assert_eq!(body.sections.len(), 2);
        assert_eq!(body.sections[0].heading_text(), "First part");
        assert_eq!(
            body.sections[0].text(),
            text("Deeper code", "Body one. Body two.")
        );
        assert_eq!(body.sections[1].heading_text(), "Second");
        assert_eq!(body.sections[1].text(), text("Deepest", ""));
    }

    #[test]
    fn code_keeps_its_spaces_and_symbols() {
        let out = md("Run `a  &&  b` now, `x >  y`.\n\n```sh\nif [ 1 < 2 ]; then\n    echo \"ok\"\nfi\n```\n");
        assert_eq!(
            out.html.intro_text().body,
            // White space after `&`, `<` or `>` collapses, as it does after `&amp;`.
            "Run a  && b now, x > y. if [ 1 < 2 ]; then echo \"ok\" fi"
        );
    }

    #[test]
    fn links_keep_their_words_and_embeds_leave_none() {
        let out = md("See [the *agenda*](../closure/a.md#x) and [web](https://example.org \"A title\") or <a@b.org>.\n\n```template\nagenda\n```\n\nAfter.\n");
        assert_eq!(
            out.html.intro_text().body,
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
            allowed.html.intro_text(),
            text("Raw heading", "Hi bold\u{a0}one. Raw & emtext split tag")
        );
        agrees_with_html(&allowed.html);
        let shown = md(body);
        assert!(shown.html.intro_text().body.starts_with(
            "Hi <b>bold</b>\u{a0}one<sup class=\"footnote-x\">9</sup>. <div class=\"box\"> <h3>Raw heading</h3>"
        ), "{}", shown.html.intro_text().body);
        assert_eq!(shown.html.intro_text().headings, "");
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
        assert_eq!(section.heading_text(), "Agenda for [Mentee's name]");
        assert_eq!(
            section.text().body,
            "Dear [Mentee's name], see [Mentee's name]. Ask [Mentee's name]"
        );
    }

    /// The text read part by part against the text of the parts' HTML read whole,
    /// over Markdown that exercises every kind of event, links (which cut a tag in
    /// two) among them.
    #[test]
    fn parts_read_apart_give_the_text_of_their_html_whole() {
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
            agrees_with_html(&super::super::body::write(events));
            for allow_html in [false, true] {
                for placeholders in [None, Some(&fields[..])] {
                    let out = md_with(sample, allow_html, placeholders);
                    agrees_with_html(&out.html);
                }
            }
        }
    }
}
