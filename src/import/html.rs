//! Raw HTML in a page turned into Markdown, or into its text when Markdown has no
//! equivalent. In: one inline tag, or a block of HTML. Out: Markdown, and the tags
//! that were removed, for the report.

/// A tag read from HTML: its lowercase name, whether it closes, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: String,
    pub closing: bool,
    pub raw: &'a str,
}

impl Tag<'_> {
    /// An attribute's value, unquoted.
    pub fn attr(&self, key: &str) -> Option<String> {
        let lower = self.raw.to_ascii_lowercase();
        let mut from = 0;
        while let Some(i) = lower[from..].find(key).map(|i| i + from) {
            from = i + key.len();
            let before = lower[..i].chars().last();
            let rest = self.raw[from..].trim_start();
            if !before.is_some_and(char::is_whitespace) || !rest.starts_with('=') {
                continue;
            }
            let value = rest[1..].trim_start();
            return Some(match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
                _ => value
                    .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            });
        }
        None
    }
}

/// Reads `raw` as one tag (`<a href="x">`, `</em>`, `<br/>`); None for comments and text.
pub fn tag(raw: &str) -> Option<Tag<'_>> {
    let inner = raw.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    if name.is_empty() {
        return None;
    }
    Some(Tag {
        name: name.to_ascii_lowercase(),
        closing,
        raw,
    })
}

/// Tags whose contents are not text a reader should see.
const HIDDEN: &[&str] = &[
    "script", "style", "iframe", "video", "audio", "object", "embed", "form", "svg", "noscript",
    "template",
];

/// True for tags removed with their contents (`script`, `iframe`…).
pub fn is_hidden(name: &str) -> bool {
    HIDDEN.contains(&name)
}

/// What an inline tag becomes; `links` holds the addresses of `<a>` tags still open.
/// Returns the Markdown and, when something was lost, the tag's name.
pub fn inline(raw: &str, links: &mut Vec<Option<String>>) -> (String, Option<String>) {
    if raw.starts_with("<!--") {
        return (String::new(), None);
    }
    let Some(tag) = tag(raw) else {
        return (String::new(), Some("html".to_string()));
    };
    let markdown = match (tag.name.as_str(), tag.closing) {
        ("b" | "strong", _) => "**".to_string(),
        ("i" | "em", _) => "*".to_string(),
        ("code" | "kbd" | "tt", _) => "`".to_string(),
        ("s" | "del" | "strike", _) => "~~".to_string(),
        ("br", _) => " ".to_string(),
        ("img", false) => image(&tag),
        ("a", false) => {
            let href = tag.attr("href");
            let open = if href.is_some() { "[" } else { "" };
            links.push(href);
            open.to_string()
        }
        ("a", true) => match links.pop().flatten() {
            Some(href) => format!("]({})", destination(&href)),
            None => String::new(),
        },
        (name, _) => return (String::new(), Some(name.to_string())),
    };
    (markdown, None)
}

/// A Markdown image for an `<img>` tag.
fn image(tag: &Tag<'_>) -> String {
    let src = tag.attr("src").unwrap_or_default();
    let alt = tag.attr("alt").unwrap_or_default().replace(['[', ']'], "");
    format!("![{alt}]({})", destination(&src))
}

/// A link destination written so Markdown reads it back whole.
fn destination(href: &str) -> String {
    if href.contains([' ', '(', ')']) {
        format!("<{href}>")
    } else {
        href.to_string()
    }
}

/// A block of HTML as Markdown: images and links kept, other tags removed, each block
/// element's text its own paragraph. Returns the Markdown and the names of removed tags.
pub fn block(raw: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut removed: Vec<String> = Vec::new();
    let mut links = Vec::new();
    let mut hidden: Option<String> = None;
    let mut rest = raw;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            if hidden.is_none() {
                out.push_str(rest);
            }
            break;
        };
        if hidden.is_none() {
            out.push_str(&rest[..start]);
        }
        let after = &rest[start..];
        let end = if after.starts_with("<!--") {
            after.find("-->").map_or(after.len(), |i| i + 3)
        } else {
            tag_end(after)
        };
        let raw_tag = &after[..end];
        rest = &after[end..];
        if raw_tag.starts_with("<!--") {
            continue;
        }
        let Some(t) = tag(raw_tag) else {
            if hidden.is_none() {
                out.push_str(raw_tag);
            }
            continue;
        };
        if let Some(name) = &hidden {
            if t.closing && &t.name == name {
                hidden = None;
            }
            continue;
        }
        if HIDDEN.contains(&t.name.as_str()) {
            removed.push(t.name.clone());
            if !t.closing && !raw_tag.ends_with("/>") {
                hidden = Some(t.name.clone());
            }
            continue;
        }
        match (t.name.as_str(), t.closing) {
            (
                "p" | "div" | "section" | "article" | "tr" | "ul" | "ol" | "table" | "blockquote"
                | "details" | "figure" | "center" | "br" | "hr",
                _,
            )
            | ("li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "summary" | "figcaption", true) => {
                out.push_str("\n\n");
                if !matches!(t.name.as_str(), "p" | "br" | "li" | "tr") {
                    removed.push(t.name.clone());
                }
            }
            ("li", false) => out.push_str("\n\n- "),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "summary", false) => out.push_str("\n\n**"),
            ("td" | "th", false) => out.push(' '),
            ("td" | "th" | "tbody" | "thead", _) => {}
            _ => {
                let (markdown, lost) = inline(raw_tag, &mut links);
                out.push_str(&markdown);
                removed.extend(lost);
            }
        }
        // A heading made bold needs its closing marks before the paragraph ends.
        if t.closing
            && matches!(
                t.name.as_str(),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "summary"
            )
        {
            let trimmed_len = out.trim_end().len();
            out.truncate(trimmed_len);
            out.push_str("**\n\n");
        }
    }
    let paragraphs: Vec<String> = out
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty() && p != "-" && p != "****")
        .collect();
    removed.sort();
    removed.dedup();
    (paragraphs.join("\n\n"), removed)
}

/// The length of the tag at the start of `text`, quotes respected.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_become_markdown() {
        let mut links = Vec::new();
        assert_eq!(inline("<strong>", &mut links).0, "**");
        assert_eq!(inline("<a href=\"../x.html\">", &mut links).0, "[");
        assert_eq!(inline("</a>", &mut links).0, "](../x.html)");
        assert_eq!(
            inline("<img src='a b.png' alt=\"A map\">", &mut links).0,
            "![A map](<a b.png>)"
        );
        assert_eq!(
            inline("<span class=\"x\">", &mut links),
            (String::new(), Some("span".to_string()))
        );
        assert_eq!(inline("<!-- more -->", &mut links), (String::new(), None));
    }

    #[test]
    fn blocks_keep_their_text() {
        let (md, removed) = block("<div class=\"box\">\n  <h3>Before you go</h3>\n  <p>Say <b>thanks</b> and <a href=\"/x/\">read this</a>.</p>\n  <script>alert(1)</script>\n  <ul><li>One</li><li>Two</li></ul>\n</div>\n");
        assert_eq!(
            md,
            "**Before you go**\n\nSay **thanks** and [read this](/x/).\n\n- One\n\n- Two"
        );
        assert_eq!(removed, ["div", "h3", "script", "ul"]);
    }
}
