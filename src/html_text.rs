//! The visible text of rendered HTML, for search and for the FAQ data search engines
//! read: tags stripped, entities decoded, white space collapsed, heading text apart.
//!
//! In: an HTML fragment the Markdown writer made. Out: [`HtmlText`].

use crate::scan;

/// Visible text of an HTML fragment, split into heading text and the rest.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    pub headings: String,
    pub body: String,
}

/// Strips tags and footnote numbers, decodes entities and collapses white
/// space, in one pass. Block elements end a word; inline ones (`<em>`, `<a>`…) do not.
pub fn html_text(html: &str) -> HtmlText {
    scan_text(html, true)
}

/// All the visible text of an HTML fragment in reading order, headings included.
pub fn visible_text(html: &str) -> String {
    scan_text(html, false).body
}

fn scan_text(html: &str, split_headings: bool) -> HtmlText {
    let bytes = html.as_bytes();
    let mut body: Vec<u8> = Vec::with_capacity(html.len());
    let mut headings: Vec<u8> = Vec::new();
    let mut in_heading = false;
    let mut skip_depth = 0usize;
    let space = |out: &mut Vec<u8>| {
        if out.last().is_some_and(|&b| b != b' ') {
            out.push(b' ');
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let out = if in_heading && split_headings {
            &mut headings
        } else {
            &mut body
        };
        match b {
            b'<' => {
                let end = bytes[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(bytes.len(), |e| i + e + 1);
                let tag = &html[i..end];
                let closing = tag.starts_with("</");
                let name = tag.trim_start_matches(['<', '/']);
                let name = &name[..name
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(name.len())];
                if name.eq_ignore_ascii_case("sup") && (closing || tag.contains("footnote")) {
                    skip_depth = if closing {
                        skip_depth.saturating_sub(1)
                    } else {
                        skip_depth + 1
                    };
                }
                let heading = name.len() == 2
                    && matches!(name.as_bytes()[0], b'h' | b'H')
                    && (b'1'..=b'6').contains(&name.as_bytes()[1]);
                if heading || !is_inline(name) {
                    space(out);
                }
                if heading {
                    in_heading = !closing;
                }
                i = end;
            }
            _ if skip_depth > 0 => i += 1,
            b'&' => {
                let end = bytes[i..]
                    .iter()
                    .take(10)
                    .position(|&c| c == b';')
                    .map(|e| i + e);
                match end.and_then(|e| decode_entity(&html[i + 1..e])) {
                    Some(' ') => {
                        space(out);
                        i = end.unwrap_or(i) + 1;
                    }
                    Some(c) => {
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        i = end.unwrap_or(i) + 1;
                    }
                    None => {
                        out.push(b'&');
                        i += 1;
                    }
                }
            }
            b'\n' | b'\t' | b'\r' | b' ' => {
                space(out);
                i += 1;
            }
            _ => {
                // Copy the run of plain text up to the next byte that needs a look.
                let end = plain_text_end(bytes, i);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
            }
        }
    }
    let finish = |mut v: Vec<u8>| {
        if v.last() == Some(&b' ') {
            v.pop();
        }
        let text = String::from_utf8(v)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if text.contains('↩') {
            text.replace(" ↩", "").replace('↩', "")
        } else {
            text
        }
    };
    HtmlText {
        headings: finish(headings),
        body: finish(body),
    }
}

/// Where the text from `start` reaches a byte [`html_text`] must look at: `<`, `&`,
/// a line break or tab.
fn plain_text_end(bytes: &[u8], start: usize) -> usize {
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
}
