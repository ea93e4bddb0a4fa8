//! `{{ name }}` placeholders in template bodies: finding them, listing them with
//! lines, and the labelled blank each one becomes wherever a reader meets it unfilled
//! (HTML, plain text, Markdown; the .docx writer draws its own).

use crate::front_matter::Field;
use crate::text::{escape_markdown, push_escaped};

/// One placeholder found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder<'a> {
    /// Byte range of the whole `{{ … }}`.
    pub start: usize,
    pub end: usize,
    /// The name inside the braces, trimmed.
    pub name: &'a str,
}

/// The first placeholder in `text`: `{{`, optional spaces, a name, optional spaces, `}}`.
pub fn find(text: &str) -> Option<Placeholder<'_>> {
    let mut from = 0;
    while let Some(i) = text[from..].find("{{") {
        let start = from + i;
        let inner_start = start + 2;
        if let Some(j) = text[inner_start..].find("}}") {
            let inner = &text[inner_start..inner_start + j];
            let name = inner.trim();
            if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Some(Placeholder {
                    start,
                    end: inner_start + j + 2,
                    name,
                });
            }
        }
        from = start + 2;
    }
    None
}

/// Every placeholder in `text`, with its 1-based line counted from `first_line`.
pub fn all(text: &str, first_line: usize) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(p) = find(rest) {
            found.push((p.name.to_string(), first_line + i));
            rest = &rest[p.end..];
        }
    }
    found
}

/// Replaces each placeholder with `value(name)`, or leaves it when that returns None.
pub fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = find(rest) {
        out.push_str(&rest[..p.start]);
        match value(p.name) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[p.start..p.end]),
        }
        rest = &rest[p.end..];
    }
    out.push_str(rest);
    out
}

/// The words a blank for `name` shows: its field's label (the name itself for a field
/// that is not declared, which the build reports).
pub fn label_of<'a>(fields: &'a [Field], name: &'a str) -> &'a str {
    fields
        .iter()
        .find(|f| f.name == name)
        .map_or(name, |f| f.label.as_str())
}

/// A blank in plain text: the label in square brackets, `[Mentee's name]`. Brackets
/// inside the label become parentheses, so the blank reads as one.
pub fn text_blank(label: &str) -> String {
    let mut out = String::with_capacity(label.len() + 2);
    out.push('[');
    out.extend(label.chars().map(|c| match c {
        '[' => '(',
        ']' => ')',
        c => c,
    }));
    out.push(']');
    out
}

/// A blank in Markdown: the plain-text blank with the characters in the label that
/// Markdown would read as formatting escaped, so it shows as written. (Square brackets
/// with no link address after them are text in Markdown.)
pub fn markdown_blank(label: &str) -> String {
    let plain = text_blank(label);
    format!("[{}]", escape_markdown(&plain[1..plain.len() - 1]))
}

/// A blank in HTML: a line to write on with the label under it (the theme draws
/// the line). The brackets are there for text taken from the page (search excerpts,
/// selected and copied text); the theme shows them at no size on screen and paper,
/// where the line says it.
pub fn push_html_blank(out: &mut String, name: &str, label: &str) {
    out.push_str("<span class=\"blank\" data-field=\"");
    push_escaped(out, name);
    // Its text is the plain-text blank, which the browser finds and fills in the
    // .txt (template-card.js reads it from here).
    let text = text_blank(label);
    out.push_str("\"><span><i>[</i>");
    push_escaped(out, &text[1..text.len() - 1]);
    out.push_str("<i>]</i></span></span>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_with_or_without_spaces() {
        assert_eq!(
            find("Dear {{ mentee_name }},").map(|p| p.name),
            Some("mentee_name")
        );
        assert_eq!(find("{{x}}").map(|p| (p.start, p.end)), Some((0, 5)));
        assert_eq!(find("{{ not a name }} {{ok}}").map(|p| p.name), Some("ok"));
        assert_eq!(find("{{ }} {{"), None);
    }

    #[test]
    fn lists_placeholders_by_line() {
        let found = all("a {{ one }}\nb\n{{two}} {{ one }}", 5);
        assert_eq!(
            found,
            [("one".into(), 5), ("two".into(), 7), ("one".into(), 7)]
        );
    }

    #[test]
    fn fills_known_values_and_keeps_the_rest() {
        let filled = fill("Hi {{ a }} and {{ b }}", |n| {
            (n == "a").then(|| "Jo".to_string())
        });
        assert_eq!(filled, "Hi Jo and {{ b }}");
    }

    #[test]
    fn blanks_read_as_the_label() {
        let fields = [Field {
            name: "who".into(),
            label: "Mentee's name".into(),
            example: String::new(),
            line: 0,
        }];
        assert_eq!(label_of(&fields, "who"), "Mentee's name");
        assert_eq!(label_of(&fields, "other"), "other");
        assert_eq!(text_blank("Mentee's name"), "[Mentee's name]");
        assert_eq!(text_blank("Goal [first]"), "[Goal (first)]");
        assert_eq!(markdown_blank("Mentee's name"), "[Mentee's name]");
        assert_eq!(markdown_blank("A *b* & c_d"), "[A \\*b\\* \\& c\\_d]");
        let mut html = String::new();
        push_html_blank(&mut html, "who", "<b>Who</b>");
        assert_eq!(
            html,
            "<span class=\"blank\" data-field=\"who\"><span><i>[</i>&lt;b&gt;Who&lt;/b&gt;<i>]</i></span></span>"
        );
    }
}
