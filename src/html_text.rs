//! Plain text as a reader sees it: tags stripped, entities decoded, footnote numbers
//! left out, white space collapsed, heading text apart. Block elements end a word;
//! inline ones (`<em>`, `<a>`…) do not.
//!
//! The one place that reads text out of HTML: search reads a page's text from its
//! body's HTML part by part (`markdown::text`), and the FAQ data search engines read
//! holds each answer's text as the page shows it, embedded template cards and all.
//!
//! In: HTML, in reading order, whole or in pieces. Out: [`PlainText`].

use crate::scan;

/// Visible text, split into heading text and the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlainText {
    pub headings: String,
    pub body: String,
}

impl PlainText {
    /// Appends `other`, a word apart: the text both would give read on as one, unless
    /// `other` starts with `↩` (see [`TextScan::finish`]).
    pub fn push(&mut self, other: &PlainText) {
        push_apart(&mut self.headings, &other.headings);
        push_apart(&mut self.body, &other.body);
    }
}

/// Appends `text` to `out`, a space between them when both have words.
pub fn push_apart(out: &mut String, text: &str) {
    if !out.is_empty() && !text.is_empty() {
        out.push(' ');
    }
    out.push_str(text);
}

/// Strips tags and footnote numbers, decodes entities and collapses white space, in
/// one pass; heading text apart from the rest.
pub fn html_text(html: &str) -> PlainText {
    let mut scan = TextScan::new(true);
    scan.html(html);
    scan.finish()
}

/// All the visible text of an HTML fragment in reading order, headings included.
pub fn visible_text(html: &str) -> String {
    let mut scan = TextScan::new(false);
    scan.html(html);
    scan.finish().body
}

/// What a tag does to the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// `<em>`, `<a>`, `</code>`…: words run on through it (white space after it
    /// collapses, as after any tag).
    Inline,
    /// Any other element: it ends a word.
    Block,
    /// `<h1>`…`<h6>`: the text that follows is heading text.
    HeadingStart,
    /// `</h1>`…`</h6>`.
    HeadingEnd,
    /// A `<sup>` whose attributes name a footnote: its text (the number) is left out.
    FootnoteStart,
    /// `</sup>`.
    SupEnd,
}

impl Tag {
    /// What the tag written as `tag` (from `<` to `>`) does.
    fn of(tag: &str) -> Tag {
        let closing = tag.starts_with("</");
        let name = tag.trim_start_matches(['<', '/']);
        let name = &name[..name
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        let sup = name.eq_ignore_ascii_case("sup");
        match (
            closing,
            matches!(name.as_bytes(), [b'h' | b'H', b'1'..=b'6']),
        ) {
            (true, _) if sup => Tag::SupEnd,
            (false, _) if sup && tag.contains("footnote") => Tag::FootnoteStart,
            (false, true) => Tag::HeadingStart,
            (true, true) => Tag::HeadingEnd,
            _ if is_inline(name) => Tag::Inline,
            _ => Tag::Block,
        }
    }
}

/// Gathers visible text from text, tags and HTML fed to it in reading order.
#[derive(Debug, Default)]
pub struct TextScan {
    text: PlainText,
    split_headings: bool,
    in_heading: bool,
    /// How many footnote numbers the text is inside.
    skip_depth: usize,
    /// A tag begun at the end of one piece of HTML, to be closed by the next.
    open_tag: String,
    /// Whether the last piece ended inside a run of text, which spaces continue.
    in_run: bool,
}

impl TextScan {
    /// A scan that keeps heading text apart when `split_headings`, or all in the body.
    pub fn new(split_headings: bool) -> TextScan {
        TextScan {
            split_headings,
            ..TextScan::default()
        }
    }

    fn out(&mut self) -> &mut String {
        if self.in_heading && self.split_headings {
            &mut self.text.headings
        } else {
            &mut self.text.body
        }
    }

    /// Ends the word being written, if any.
    fn space(&mut self) {
        let out = self.out();
        if out.as_bytes().last().is_some_and(|&b| b != b' ') {
            out.push(' ');
        }
    }

    /// A tag, as [`Tag::of`] reads it.
    fn tag(&mut self, tag: Tag) {
        self.close_open_tag();
        self.in_run = false;
        match tag {
            Tag::Inline => {}
            Tag::Block => self.space(),
            Tag::HeadingStart | Tag::HeadingEnd => {
                self.space();
                self.in_heading = tag == Tag::HeadingStart;
            }
            Tag::FootnoteStart => self.skip_depth += 1,
            Tag::SupEnd => self.skip_depth = self.skip_depth.saturating_sub(1),
        }
    }

    /// Copies the run of text from `start`; returns where it ends.
    fn run(&mut self, text: &str, start: usize) -> usize {
        let end = run_end(text.as_bytes(), start);
        self.out().push_str(&text[start..end]);
        self.in_run = true;
        end
    }

    /// A piece of HTML. A tag may begin in one piece and end in the next.
    pub fn html(&mut self, html: &str) {
        let bytes = html.as_bytes();
        let mut i = 0;
        if !self.open_tag.is_empty() {
            match html.find('>') {
                Some(end) => {
                    let mut tag = std::mem::take(&mut self.open_tag);
                    tag.push_str(&html[..=end]);
                    self.tag(Tag::of(&tag));
                    i = end + 1;
                }
                None => {
                    self.open_tag.push_str(html);
                    return;
                }
            }
        }
        while i < bytes.len() {
            match bytes[i] {
                b'<' => match bytes[i..].iter().position(|&c| c == b'>') {
                    Some(e) => {
                        self.tag(Tag::of(&html[i..i + e + 1]));
                        i += e + 1;
                    }
                    None => {
                        self.open_tag.push_str(&html[i..]);
                        return;
                    }
                },
                // Footnote numbers are left out (never in a run: their `<sup>` ended it).
                _ if self.skip_depth > 0 => i += 1,
                b' ' if self.in_run => i = self.run(html, i),
                b'&' => {
                    let end = bytes[i..].iter().take(10).position(|&c| c == b';');
                    self.in_run = false;
                    match end.and_then(|e| Some((i + e, decode_entity(&html[i + 1..i + e])?))) {
                        Some((end, ' ')) => {
                            self.space();
                            i = end + 1;
                        }
                        Some((end, c)) => {
                            self.out().push(c);
                            i = end + 1;
                        }
                        None => {
                            self.out().push('&');
                            i += 1;
                        }
                    }
                }
                b'\n' | b'\t' | b'\r' | b' ' => {
                    self.space();
                    self.in_run = false;
                    i += 1;
                }
                _ => i = self.run(html, i),
            }
        }
    }

    /// Ends a tag that raw HTML left open where something other than HTML follows:
    /// there, and not at some `>` further on, as a browser would read it.
    fn close_open_tag(&mut self) {
        if !self.open_tag.is_empty() {
            let tag = std::mem::take(&mut self.open_tag);
            self.tag(Tag::of(&tag));
        }
    }

    /// The text gathered: without a trailing space, and without `↩` (the arrow some
    /// HTML writers put after a footnote) or a space before one.
    pub fn finish(mut self) -> PlainText {
        self.close_open_tag();
        let finish = |mut text: String| {
            if text.ends_with(' ') {
                text.pop();
            }
            if text.contains('↩') {
                text = text.replace(" ↩", "").replace('↩', "");
            }
            text.shrink_to_fit();
            text
        };
        PlainText {
            headings: finish(self.text.headings),
            body: finish(self.text.body),
        }
    }
}

/// Where a run of text from `start` reaches a byte the scan must look at: `<`, `&`,
/// a line break or a tab.
fn run_end(bytes: &[u8], start: usize) -> usize {
    scan::first_where(
        bytes,
        start,
        |x| {
            scan::equal(x, b'<')
                | scan::equal(x, b'&')
                | scan::equal(x, b'\n')
                | scan::equal(x, b'\t')
                | scan::equal(x, b'\r')
        },
        |b| matches!(b, b'<' | b'&' | b'\n' | b'\t' | b'\r'),
    )
}

fn is_inline(name: &str) -> bool {
    const INLINE: &[&str] = &[
        "a", "em", "strong", "code", "del", "span", "sup", "sub", "b", "i", "mark", "abbr",
        "small", "s", "u", "kbd",
    ];
    INLINE.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let value = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_separates_headings_and_decodes() {
        let t = html_text(
            "<p>Say <em>thank</em>you &amp; mean it<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>.</p>\n<h3 id=\"x\">Next &#39;steps&#x27;</h3><ul><li>one</li><li>two</li></ul>",
        );
        assert_eq!(t.headings, "Next 'steps'");
        assert_eq!(t.body, "Say thankyou & mean it. one two");
        assert_eq!(
            visible_text("<p>Say <em>thank</em>you</p><h3>Next</h3><p>then</p>"),
            "Say thankyou Next then"
        );
    }

    #[test]
    fn a_tag_may_span_pieces_and_footnote_numbers_are_skipped() {
        let mut scan = TextScan::new(true);
        for piece in [
            "<p>one<a href=\"",
            "\">link</a> two<h4",
            " id=\"x\">Head</h4>",
            "<sup class=\"footnote-reference\"><a>3</a></sup>three",
        ] {
            scan.html(piece);
        }
        // A run of text goes on into the next piece, keeping its spaces.
        scan.html("  four<p>five &lt;div");
        assert_eq!(
            scan.finish(),
            PlainText {
                headings: "Head".into(),
                body: "onelink two three  four five <div".into()
            }
        );
        // A tag left open at the end ends the text there.
        let mut scan = TextScan::new(true);
        scan.html("one<div class=\"x\"");
        scan.html(" two<em");
        assert_eq!(scan.finish().body, "one");
    }
}
