//! Site URLs: paths from the site root (`closure/last-meeting/`, `""` for home) and the
//! relative links between them that make the output work under any base path.

/// The link from a page at `from` (a folder URL such as `closure/last-meeting/`, or a file
/// such as `404.html`) to `to` (a folder URL ending in `/`, or a file path).
pub fn relative(from: &str, to: &str) -> String {
    let from_dir = from.rfind('/').map_or("", |i| &from[..=i]);
    // Walk down `from`'s folders while `to` goes the same way; each folder after
    // that is one `../`, and what is left of `to` follows them.
    let mut rest = to;
    let mut shared = true;
    let mut ups = 0;
    for folder in from_dir.split('/').filter(|s| !s.is_empty()) {
        if shared {
            let (head, tail) = rest.split_once('/').unwrap_or((rest, ""));
            if head == folder {
                // `to` has no segment left once its last one is shared.
                shared = rest.contains('/');
                rest = tail;
                continue;
            }
            shared = false;
        }
        ups += 1;
    }
    if ups == 0 && rest.is_empty() {
        return "./".to_string();
    }
    let mut out = String::with_capacity(3 * ups + rest.len());
    for _ in 0..ups {
        out.push_str("../");
    }
    out.push_str(rest);
    out
}

/// The prefix that leads from a page at `from` to the site root (`../../`, or `./`).
pub fn root_prefix(from: &str) -> String {
    let depth = from.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Joins a content path written in a link to the folder of the file that holds it,
/// resolving `.` and `..`. Returns None when the path climbs out of `content/`.
pub fn join_content_path(from_file: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    if !link.starts_with('/') {
        parts.extend(from_file.split('/'));
        parts.pop();
    }
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Escapes a path (or `#fragment`) for an `href`, so that a browser's URL parser reads
/// back exactly these characters: `%` itself, spaces and other ASCII characters the
/// parser would escape, reinterpret (`\` is `/` to it, `c:` a scheme) or cut at
/// (`#`, `?`) become `%XX`. Letters outside ASCII stay as they are; the browser sends them as UTF-8.
pub fn encode_path(path: &str) -> String {
    let needs = |c: char| {
        c.is_ascii_control()
            || matches!(
                c,
                ' ' | '"'
                    | '#'
                    | '%'
                    | '<'
                    | '>'
                    | '?'
                    | '`'
                    | '{'
                    | '}'
                    | '\\'
                    | '|'
                    | '^'
                    | '['
                    | ']'
                    | ':'
            )
    };
    if !path.contains(needs) {
        return path.to_string();
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        if needs(c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes `%20`-style escapes in a link path; invalid escapes are kept as written.
pub fn percent_decode(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    decode(path, false).unwrap_or_else(|| path.to_string())
}

/// Decodes `%20`-style escapes, refusing (None) an invalid escape or invalid UTF-8:
/// for request paths, where a guess could name another file.
pub fn percent_decode_strict(text: &str) -> Option<String> {
    decode(text, true)
}

fn decode(text: &str, strict: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                None if strict => return None,
                None => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_between_pages() {
        assert_eq!(
            relative("closure/last-meeting/", "closure/feedback/"),
            "../feedback/"
        );
        assert_eq!(relative("closure/last-meeting/", ""), "../../");
        assert_eq!(relative("", "closure/"), "closure/");
        assert_eq!(relative("", ""), "./");
        assert_eq!(relative("closure/", "closure/"), "./");
        assert_eq!(relative("a/b/", "a/theme/style.css"), "../theme/style.css");
        assert_eq!(relative("404.html", "closure/"), "closure/");
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix(""), "./");
        assert_eq!(root_prefix("a/b/"), "../../");
    }

    #[test]
    fn joins_content_paths() {
        assert_eq!(
            join_content_path("closure/a.md", "../trust/b.md").as_deref(),
            Some("trust/b.md")
        );
        assert_eq!(
            join_content_path("closure/a.md", "b.md").as_deref(),
            Some("closure/b.md")
        );
        assert_eq!(
            join_content_path("closure/a.md", "/faq/c.md").as_deref(),
            Some("faq/c.md")
        );
        assert_eq!(join_content_path("a.md", "../../etc/passwd"), None);
    }

    #[test]
    fn escapes_what_a_url_parser_would_misread() {
        assert_eq!(encode_path("files/a#b.pdf"), "files/a%23b.pdf");
        assert_eq!(encode_path("my file.pdf"), "my%20file.pdf");
        assert_eq!(encode_path("100%.pdf"), "100%25.pdf");
        assert_eq!(encode_path("a?b.pdf"), "a%3Fb.pdf");
        assert_eq!(encode_path("../closure/réunion/"), "../closure/réunion/");
        assert_eq!(encode_path("a\\b"), "a%5Cb");
        assert_eq!(encode_path("c:notes.pdf"), "c%3Anotes.pdf");
    }

    /// `relative` as first written, segment lists and all: what the one pass must
    /// give.
    fn relative_by_parts(from: &str, to: &str) -> String {
        let from_dir = match from.rfind('/') {
            Some(i) => &from[..=i],
            None => "",
        };
        let from_parts: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
        let to_parts: Vec<&str> = to.split('/').collect();
        let common = from_parts
            .iter()
            .zip(&to_parts)
            .take_while(|(a, b)| a == b)
            .count();
        let mut out = "../".repeat(from_parts.len() - common);
        out.push_str(&to_parts[common..].join("/"));
        if out.is_empty() {
            "./".to_string()
        } else {
            out
        }
    }

    proptest::proptest! {
        #[test]
        fn relative_walks_the_folders_as_the_segment_lists_did(
            from in "(a|b|/|x\\.html){0,8}",
            to in "(a|b|/|x\\.html){0,8}",
        ) {
            proptest::prop_assert_eq!(relative(&from, &to), relative_by_parts(&from, &to));
        }

        /// What a browser does with an `href` path: leave it as written but for
        /// characters outside ASCII (sent as UTF-8, which the server decodes back), and
        /// decode `%XX` on the server. The file name must come back unchanged.
        #[test]
        fn link_targets_round_trip(name in "[^/]{1,12}(/[^/]{1,12}){0,2}") {
            let href = encode_path(&name);
            for c in href.chars().filter(char::is_ascii) {
                proptest::prop_assert!(
                    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=@/%".contains(c),
                    "{href:?} holds {c:?}, which a URL parser would change"
                );
            }
            proptest::prop_assert_eq!(percent_decode_strict(&href), Some(name));
        }
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("my%20page.md"), "my page.md");
        assert_eq!(percent_decode("100%.md"), "100%.md");
        assert_eq!(percent_decode("a%zz.md"), "a%zz.md");
    }
}
