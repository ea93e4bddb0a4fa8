//! Where things live in the output: the addresses the build writes itself, and the
//! rules that keep every path that comes from content inside the output folder.
//!
//! In: a path or address written by an author (an alias) or made by the build. Out: a
//! checked output path, or what is wrong with it in an author's words. Near the bottom
//! of the module graph: it imports only [`crate::url`], and whatever names an output
//! path uses it.

/// The home page's address.
pub const HOME: &str = "";
/// The search page.
pub const SEARCH_URL: &str = "search/";
/// The folder of the search index shards.
pub const INDEX_DIR: &str = "search/index/";
/// The template library.
pub const LIBRARY_URL: &str = "template-library/";
/// The list of every tag.
pub const TAGS_URL: &str = "tags/";
/// The folder of audience pages.
pub const AUDIENCE_DIR: &str = "audience/";
/// The folder of the audiences' printable handbooks.
pub const HANDBOOKS_DIR: &str = "handbooks/";
/// The folder of template downloads.
pub const DOWNLOADS_DIR: &str = "downloads/";
/// The folder of the theme's stylesheets, scripts and icons.
pub const THEME_DIR: &str = "theme/";
/// The folder `serve` answers its own requests under (live reload).
pub const SERVE_DIR: &str = "__guidepost/";
/// The page for addresses that do not exist.
pub const NOT_FOUND: &str = "404.html";
/// The sitemap for search engines.
pub const SITEMAP: &str = "sitemap.xml";
/// What crawlers may read.
pub const ROBOTS: &str = "robots.txt";
/// The Atom feed of updated pages.
pub const FEED: &str = "feed.xml";
/// The file that marks a folder as Guidepost output (and safe to replace).
pub const MARKER: &str = ".guidepost-output";

/// Site folders the build writes itself; content may not claim them or anything below.
pub const RESERVED_FOLDERS: &[&str] = &[
    TAGS_URL,
    AUDIENCE_DIR,
    HANDBOOKS_DIR,
    LIBRARY_URL,
    DOWNLOADS_DIR,
    THEME_DIR,
    SEARCH_URL,
    SERVE_DIR,
];

/// Site files the build writes itself at the root.
pub const RESERVED_FILES: &[&str] = &[NOT_FOUND, SITEMAP, ROBOTS, FEED, MARKER];

/// An audience's printable handbook.
pub fn handbook_url(id: &str) -> String {
    format!("{HANDBOOKS_DIR}{id}/")
}

/// An audience's page.
pub fn audience_url(id: &str) -> String {
    format!("{AUDIENCE_DIR}{id}/")
}

/// A tag's page.
pub fn tag_url(slug: &str) -> String {
    format!("{TAGS_URL}{slug}/")
}

/// A theme file (`style.css` → `theme/style.css`).
pub fn theme_file(name: &str) -> String {
    format!("{THEME_DIR}{name}")
}

/// The script of a language's interface strings for the page scripts
/// (`es` → `theme/i18n/es.js`), which they find from the page's `lang`.
pub fn strings_script(language: &str) -> String {
    theme_file(&format!("i18n/{language}.js"))
}

/// A template's download in one format (`downloads/agenda.docx`).
pub fn download_file(template_id: &str, extension: &str) -> String {
    format!("{DOWNLOADS_DIR}{template_id}.{extension}")
}

/// A search index shard (`search/index/v/3.js`).
pub fn index_shard(key: &str) -> String {
    format!("{INDEX_DIR}{key}.js")
}

/// The output file of a folder URL (`closure/` → `closure/index.html`).
pub fn index_file(url: &str) -> String {
    format!("{url}index.html")
}

/// The address an output file answers at, as claims compare them: `a/index.html`
/// and `a/` are one address; any other file is its own path.
pub fn address_of(file: &str) -> &str {
    if file == "index.html" {
        ""
    } else {
        file.strip_suffix("index.html")
            .filter(|f| f.ends_with('/'))
            .unwrap_or(file)
    }
}

/// Whether an address belongs to the build itself (`theme/style.css`, `sitemap.xml`,
/// `search/`): content may not write there.
pub fn is_reserved(address: &str) -> bool {
    let lower = crate::text::lowercase(address);
    RESERVED_FOLDERS
        .iter()
        .any(|f| lower.starts_with(f) || *lower == *f.trim_end_matches('/'))
        || RESERVED_FILES.iter().any(|f| {
            lower
                .strip_prefix(f)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

/// An alias, checked: the address it answers at and the file its redirect is written to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The site address (`old/page/` or `old/page.html`), decoded, without a leading `/`.
    pub address: String,
    /// The output file (`old/page/index.html`).
    pub file: String,
}

/// Why an alias was refused: the message and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub help: &'static str,
}

/// Checks an alias as written in front matter (`/old/page-name`, `old.html`,
/// `/caf%C3%A9/`). Refused: full addresses, the home page, `.` and `..`, characters
/// that are not allowed in file names on every system, and the build's own addresses.
pub fn alias(written: &str) -> Result<Alias, Refusal> {
    let refuse = |message: String, help: &'static str| Err(Refusal { message, help });
    let written = written.trim();
    if has_scheme(written) || written.starts_with("//") {
        return refuse(
            format!("the alias `{written}` is a full web address; an alias is an old address of a page on this hub"),
            "write only the path of the old address, like /old/page-name",
        );
    }
    if let Some(c) = written.chars().find(|c| matches!(c, '?' | '#')) {
        return refuse(
            format!(
                "the alias `{written}` has `{c}`; a static host finds a page by its path alone"
            ),
            "write the old address without its `?…` or `#…` part",
        );
    }
    let Some(decoded) = crate::url::percent_decode_strict(written) else {
        return refuse(
            format!(
                "the alias `{written}` has a `%` that is not followed by two hexadecimal digits"
            ),
            "write `%25` for a percent sign, or the character itself",
        );
    };
    if let Some(c) = decoded.chars().find(|&c| !allowed_in_name(c) && c != '/') {
        return refuse(
            format!(
                "the alias `{written}` has the character `{}`, which a file name cannot hold on every system",
                if c.is_control() { c.escape_default().to_string() } else { c.to_string() }
            ),
            "use letters, digits, `-`, `_` and `/` in aliases",
        );
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." {
            return refuse(
                format!("the alias `{written}` has a `{segment}` part, which would place it outside the hub's folders"),
                "write the old address from the site's root, like /old/page-name, without . or ..",
            );
        }
        if segment.ends_with(['.', ' ']) || is_device_name(segment) {
            return refuse(
                format!("the alias `{written}` has the part `{segment}`, which is not a usable file name on every system"),
                "rename that part of the address",
            );
        }
        segments.push(segment);
    }
    if segments
        .last()
        .is_some_and(|s| s.eq_ignore_ascii_case("index.html"))
    {
        segments.pop();
    }
    if segments.is_empty() {
        return refuse(
            format!("the alias `{written}` is the hub's home page, which an alias may not replace"),
            "remove this alias; readers who open the hub's address already see the home page",
        );
    }
    let joined = segments.join("/");
    let is_file = {
        let last = segments
            .last()
            .map(|s| s.to_lowercase())
            .unwrap_or_default();
        last.ends_with(".html") || last.ends_with(".htm")
    };
    let (address, file) = if is_file {
        (joined.clone(), joined)
    } else {
        let address = format!("{joined}/");
        (address.clone(), index_file(&address))
    };
    if is_reserved(&address) {
        return refuse(
            format!("the alias `{written}` is an address the build writes itself"),
            "choose another old address; theme/, search/, downloads/, tags/, audience/, template-library/ and the site's own files are taken",
        );
    }
    Ok(Alias { address, file })
}

/// True when `path` (an output path with `/` separators) names a file inside the
/// output folder: relative, no empty, `.` or `..` parts, no backslash or control
/// character, and on Windows nothing that reads as a drive or stream (`c:`). Content
/// files reach the output under their own names, so only what could leave the folder
/// on this system is refused here; aliases, which make new names, are held to
/// every system's rules when they are read.
pub fn is_confined(path: &str) -> bool {
    !path.is_empty()
        && path.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && !segment.contains(|c: char| c == '\\' || c.is_control())
                && (!cfg!(windows) || segment.chars().all(allowed_in_name))
        })
}

/// Characters any file system accepts in a name and no path parser reads as a
/// separator, drive or device: not control characters, not `\ : * ? " < > |`, not `/`.
fn allowed_in_name(c: char) -> bool {
    !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
}

/// Windows reserves these names (with any extension) in every folder.
fn is_device_name(segment: &str) -> bool {
    let stem = segment.split('.').next().unwrap_or("").to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit())
}

/// `scheme:` before any `/`, as a browser would read it (`https:`, `javascript:`, `c:`).
fn has_scheme(text: &str) -> bool {
    let end = text.find(['/', '?', '#']).unwrap_or(text.len());
    match text[..end].find(':') {
        Some(i) => {
            let scheme = &text[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn file(written: &str) -> String {
        alias(written).map(|a| a.file).unwrap_or_else(|r| r.message)
    }

    #[test]
    fn aliases_become_redirect_files() {
        assert_eq!(file("/old/page-name"), "old/page-name/index.html");
        assert_eq!(file("old/page-name/"), "old/page-name/index.html");
        assert_eq!(file("/old/page.html"), "old/page.html");
        assert_eq!(file("/old/index.html"), "old/index.html");
        assert_eq!(file("/caf%C3%A9/"), "café/index.html");
        assert_eq!(alias("/old/index.html").unwrap().address, "old/");
    }

    #[test]
    fn aliases_that_leave_or_take_over_are_refused() {
        for bad in [
            "../../escape",
            "/../x",
            "a/../../x",
            "/%2e%2e/x",
            "a/%2E%2E/%2e%2e/x",
            "..\\..\\x",
            "C:\\Windows\\x",
            "c:/x",
            "https://example.org/old",
            "javascript:alert(1)",
            "//example.org/x",
            "/",
            "",
            "/index.html",
            "/theme/style.css",
            "/sitemap.xml",
            "/search/",
            "/Downloads/x.docx",
            "/404.html",
            "/old?id=3",
            "/old#part",
            "/a%00b",
            "/a%zz",
            "/con/x",
            "/x/aux.txt",
            "/trailing./x",
            "/a\u{7}b",
        ] {
            assert!(
                alias(bad).is_err(),
                "{bad:?} was accepted as {:?}",
                alias(bad)
            );
        }
    }

    #[test]
    fn addresses_of_index_files_are_their_folders() {
        assert_eq!(address_of("index.html"), "");
        assert_eq!(address_of("a/b/index.html"), "a/b/");
        assert_eq!(address_of("a/b.png"), "a/b.png");
        assert_eq!(address_of("a/myindex.html"), "a/myindex.html");
    }

    proptest! {
        /// Whatever an author writes, an accepted alias writes a file inside the output.
        #[test]
        fn accepted_aliases_stay_inside_the_output(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("..".to_string()), Just(".".to_string()), Just("%2e%2e".to_string()),
                    Just("%2F".to_string()), Just("%5C".to_string()), Just("\\".to_string()),
                    Just("C:".to_string()), Just("index.html".to_string()), Just("".to_string()),
                    Just("theme".to_string()), "[a-zA-Z0-9 ._%:\\\\-]{1,8}", "\\PC{1,4}",
                ],
                0..6,
            ),
            lead in prop_oneof![Just(""), Just("/"), Just("//"), Just("./")],
        ) {
            let written = format!("{lead}{}", parts.join("/"));
            if let Ok(a) = alias(&written) {
                prop_assert!(is_confined(&a.file), "{written:?} → {:?}", a.file);
                prop_assert!(!is_reserved(&a.address));
                let mut path = std::path::PathBuf::from("out");
                for segment in a.file.split('/') {
                    path.push(segment);
                }
                prop_assert!(path.components().skip(1).all(|c| matches!(c, std::path::Component::Normal(_))));
            }
        }
    }

    #[test]
    fn confined_paths() {
        assert!(is_confined("a/b/index.html"));
        assert!(is_confined("café/index.html"));
        // Names a content file can have on this system reach the output as they are.
        assert_eq!(is_confined("files/a?b:c.pdf"), !cfg!(windows));
        for bad in ["", "/a", "a//b", "a/../b", "./a", "a\\b", "a/", "a\u{0}b"] {
            assert!(!is_confined(bad), "{bad}");
        }
    }
}
