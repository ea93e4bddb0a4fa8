//! `{{ name }}` placeholders in template bodies: finding them, and listing them with lines.

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
}
