//! Small text helpers shared by the stages: slugs, HTML escaping, suggestions, word counts.

use std::borrow::Cow;
use std::collections::HashSet;

/// Turns text into a URL- and id-safe slug: lowercase letters and digits joined by `-`.
///
/// Letters outside ASCII are kept (as GitHub does for heading ids), so a heading in
/// another language still gets a readable id.
pub fn slugify(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else if is_combining_mark(c) && !slug.is_empty() && !pending_dash {
            // A mark belongs to the letter before it: without the virama, क्या reads
            // as another word.
            slug.push(c);
        } else if c.is_whitespace() || c == '-' || c == '_' || c == '/' || c == '.' {
            pending_dash = true;
        }
    }
    slug
}

/// Hands out ids that are unique within one page, adding `-1`, `-2`… to repeats.
#[derive(Debug, Default)]
pub struct IdSet {
    used: HashSet<String>,
}

impl IdSet {
    /// Marks an id as taken (an explicit `{#id}`); returns false if it already was.
    pub fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// A unique id based on `text`.
    pub fn unique(&mut self, text: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .expect("an unbounded range always yields a free id")
    }
}

/// `text` in lower case, copied only when it has a letter to lower.
pub fn lowercase(text: &str) -> Cow<'_, str> {
    match text
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        true => Cow::Owned(text.to_lowercase()),
        false => Cow::Borrowed(text),
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped for HTML.
pub fn push_escaped(out: &mut String, text: &str) {
    // The characters to escape are ASCII, so the text between them is copied whole.
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
}

/// Text to show as written in Markdown: the characters Markdown reads as formatting
/// (emphasis, code, HTML, tables, headings, entities) escaped with a backslash.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '<' | '>' | '|' | '~' | '&' | '#' | '[' | ']'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The closest candidate to `word` if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Edit distance between two strings, by characters, where swapping two neighbours
/// counts as one edit (`titel` is one edit from `title`).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Counts words the way a reader would: runs of letters or digits (apostrophes
/// included, so `it’s` is one word). ASCII is classed byte by byte from a table,
/// without a branch; only other characters are decoded.
pub fn word_count(text: &str) -> usize {
    /// Whether each ASCII byte is part of a word.
    const WORD: [bool; 128] = {
        let mut table = [false; 128];
        let mut b = 0;
        while b < 128 {
            table[b] = (b as u8).is_ascii_alphanumeric() || b == b'\'' as usize;
            b += 1;
        }
        table
    };
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let part_of_word = if b < 128 {
            i += 1;
            WORD[usize::from(b)]
        } else {
            let c = text[i..].chars().next().expect("i is at a char boundary");
            i += c.len_utf8();
            c.is_alphanumeric() || c == '’'
        };
        words += usize::from(part_of_word & !in_word);
        in_word = part_of_word;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(slugify("Saying thank you!"), "saying-thank-you");
        assert_eq!(slugify("  What's   next? "), "whats-next");
        assert_eq!(slugify("Élan & Über"), "élan-über");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn ids_are_deduplicated_in_order() {
        let mut ids = IdSet::default();
        assert!(ids.claim("goals"));
        assert_eq!(ids.unique("Goals"), "goals-1");
        assert_eq!(ids.unique("Goals"), "goals-2");
        assert_eq!(ids.unique("!!"), "section");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_html(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        // Text around the escapes is kept whole, whatever its script.
        assert_eq!(escape_html("«é<ü>»&"), "«é&lt;ü&gt;»&amp;");
        assert_eq!(escape_html("ünchanged"), "ünchanged");
    }

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["title", "summary", "audience"];
        assert_eq!(suggest("sumary", keys), Some("summary"));
        assert_eq!(suggest("audiance", keys), Some("audience"));
        assert_eq!(suggest("colour", keys), None);
        assert_eq!(suggest("titel", keys), Some("title"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn counts_words() {
        assert_eq!(word_count("It’s a good-bye, not an end."), 7);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  --  "), 0);
        assert_eq!(word_count("Café déjà-vu, naïve 2nd try"), 6);
        assert_eq!(word_count("日本語 text"), 2);
        assert_eq!(word_count("don't stop"), 2);
    }
}
