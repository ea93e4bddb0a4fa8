//! One line of YAML cut into its indentation, list dash, key and value, which is
//! all the checks of `yaml_problem` need to know about it.

/// A line of YAML cut into the parts the checks look at.
pub(super) struct Line<'a> {
    pub number: usize,
    pub indent: usize,
    /// The text after the indentation, without a trailing comment.
    pub text: &'a str,
    /// Where a list item's content starts (after `- `), or the indentation.
    pub content: usize,
    /// The key and its value when the content is `key: value` or `key:`.
    pub pair: Option<(&'a str, &'a str)>,
}

pub(super) fn parse_line(number: usize, raw: &str) -> Line<'_> {
    let indent = raw.len() - raw.trim_start_matches([' ', '\t']).len();
    let text = strip_comment(raw[indent..].trim_end());
    let (content, body) = match text.strip_prefix("- ") {
        Some(rest) => (
            indent + 2 + (rest.len() - rest.trim_start().len()),
            rest.trim_start(),
        ),
        None => (indent, text),
    };
    Line {
        number,
        indent,
        text,
        content,
        pair: split_pair(body),
    }
}

/// `key: value` (or `key:` alone) when the text starts with a plain key.
fn split_pair(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    if end == 0 || !text.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let rest = text[end..].strip_prefix(':')?;
    match rest.chars().next() {
        None => Some((&text[..end], "")),
        Some(c) if c == ' ' || c == '\t' => Some((&text[..end], rest.trim())),
        Some(_) => None,
    }
}

/// The line without a ` # comment` (a `#` inside quotes is kept).
fn strip_comment(text: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if previous == ' ' || previous == ':' || i == 0 => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous == ' ' || i == 0 => return text[..i].trim_end(),
            _ => {}
        }
        previous = c;
    }
    text
}
