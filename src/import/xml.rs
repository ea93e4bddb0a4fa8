//! A small XML reader for the parts of a Word document. In: XML text. Out: start
//! tags with their attributes, end tags and decoded text, in order. It reads what
//! Word and LibreOffice write (no DTDs, no entities beyond the five and numbers).

use std::borrow::Cow;

/// One piece of an XML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event<'a> {
    /// `<w:p …>`; `empty` for `<w:b/>`, which has no end tag.
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End {
        name: &'a str,
    },
    Text(Cow<'a, str>),
}

/// The value of attribute `key` in a start tag's attribute text, decoded.
pub fn attr<'a>(attrs: &'a str, key: &str) -> Option<Cow<'a, str>> {
    let mut rest = attrs;
    loop {
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let end = after[1..].find(quote)?;
        if name == key {
            return Some(decode(&after[1..1 + end]));
        }
        rest = &after[end + 2..];
    }
}

/// Reads events from XML text.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text: text.strip_prefix('\u{feff}').unwrap_or(text),
            at: 0,
        }
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<Event<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rest = &self.text[self.at..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.at += end;
                return Some(Ok(Event::Text(decode(&rest[..end]))));
            }
            for (open, close) in [("<?", "?>"), ("<!--", "-->"), ("<!DOCTYPE", ">")] {
                if rest.starts_with(open) {
                    let Some(end) = rest.find(close) else {
                        return Some(Err(format!("`{open}` is never closed")));
                    };
                    self.at += end + close.len();
                }
            }
            let rest = &self.text[self.at..];
            if rest.starts_with("<?") || rest.starts_with("<!--") || rest.starts_with("<!D") {
                continue;
            }
            if let Some(data) = rest.strip_prefix("<![CDATA[") {
                let Some(end) = data.find("]]>") else {
                    return Some(Err("a CDATA section is never closed".to_string()));
                };
                self.at += 9 + end + 3;
                return Some(Ok(Event::Text(Cow::Borrowed(&data[..end]))));
            }
            if !rest.starts_with('<') {
                continue;
            }
            let Some(end) = tag_end(rest) else {
                return Some(Err("a tag is never closed".to_string()));
            };
            let tag = &rest[1..end];
            self.at += end + 1;
            if let Some(name) = tag.strip_prefix('/') {
                return Some(Ok(Event::End { name: name.trim() }));
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let split = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
            return Some(Ok(Event::Start {
                name: &tag[..split],
                attrs: &tag[split..],
                empty,
            }));
        }
    }
}

/// The index of the `>` that ends the tag at the start of `text`, quotes respected.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Text with `&amp;`-style references decoded.
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_attributes_and_text() {
        let xml = "<?xml version=\"1.0\"?><!-- c --><w:p a=\"1\"><w:t xml:space='preserve'>Tom &amp; &lt;Jerry&gt; &#8220;x&#x201D;</w:t><w:b/></w:p>";
        let events: Vec<Event> = Reader::new(xml).map(Result::unwrap).collect();
        assert_eq!(
            events[0],
            Event::Start {
                name: "w:p",
                attrs: " a=\"1\"",
                empty: false
            }
        );
        assert_eq!(
            events[2],
            Event::Text(Cow::Owned("Tom & <Jerry> \u{201c}x\u{201d}".to_string()))
        );
        assert_eq!(
            events[4],
            Event::Start {
                name: "w:b",
                attrs: "",
                empty: true
            }
        );
        assert_eq!(events[5], Event::End { name: "w:p" });
        assert_eq!(
            attr(" w:val=\"Heading1\" r:id='rId5'", "r:id").as_deref(),
            Some("rId5")
        );
        assert_eq!(
            attr(" w:val=\"a &amp; b\"", "w:val").as_deref(),
            Some("a & b")
        );
        assert!(Reader::new("<w:p").next().unwrap().is_err());
    }
}
