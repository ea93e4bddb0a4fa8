//! The parse stage: one content file read, split, validated and rendered to HTML.
//!
//! In: a discovered file and the config. Out: a [`SourcePage`] with typed front matter
//! and rendered Markdown, plus warnings; or every problem the file has. Links and
//! embeds are still unresolved here: that needs the whole site.

use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::{SourceFile, SourceKind};
use crate::front_matter::{self, FileKind, FrontMatter, Layout};
use crate::markdown::{self, LineIndex, Markdown, RenderOptions};
use crate::placeholder;

/// The opening `guidepost new` writes in a new article for its author to replace: a
/// page that still holds it warns, so it does not reach readers unnoticed.
pub const NEW_PAGE_PROMPT: &str =
    "Start with a sentence or two that says who this page is for and what it helps with.";

/// A content file after parsing.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// The path relative to `content/`, with `/` separators.
    pub rel: String,
    /// The path shown in messages (relative to the hub root).
    pub file: PathBuf,
    pub kind: FileKind,
    pub front: std::sync::Arc<FrontMatter>,
    pub body: std::sync::Arc<Markdown>,
    /// A template's Markdown body as written (front matter removed, line endings
    /// normalised), which its downloads are made from; empty for other pages, whose
    /// text is not needed once rendered.
    pub source: std::sync::Arc<str>,
    pub prints: Prints,
}

/// Fingerprints of a file's parts, taken once when it is parsed, so `serve` can tell
/// which pages an edit reaches without hashing every page again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Prints {
    /// The front matter: what other pages may show of this one.
    pub front: u64,
    /// The body as written: what only this page shows.
    pub body: u64,
}

/// The outcome of parsing one file: the page if it is usable, and what to tell the author.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub page: Option<SourcePage>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses every content file, in parallel, in the order given.
pub fn parse_all(files: &[SourceFile], config: &Config) -> Vec<Parsed> {
    use rayon::prelude::*;
    files.par_iter().map(|f| parse(f, config)).collect()
}

/// Reads and parses one content file.
pub fn parse(file: &SourceFile, config: &Config) -> Parsed {
    match read(file) {
        Ok(bytes) => parse_bytes(file, bytes, config),
        Err(problem) => Parsed::failed(problem),
    }
}

/// Reads a content file, or says why it cannot be read.
pub fn read(file: &SourceFile) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(&file.path).map_err(|e| {
        Diagnostic::error(file.display_path(), format!("cannot read the file: {e}"))
            .help("check that the file exists and that you can read it")
    })
}

/// Parses the bytes of a content file.
pub fn parse_bytes(file: &SourceFile, bytes: Vec<u8>, config: &Config) -> Parsed {
    let shown = file.display_path();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let good = &e.as_bytes()[..offset];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = offset - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
            return Parsed::failed(
                Diagnostic::error(&shown, "the file is not valid UTF-8 text")
                    .at(line, column)
                    .help("save the file as UTF-8 (text pasted from old word processors is often Windows-1252)"),
            );
        }
    };
    parse_text(file, &text, config)
}

/// Parses the text of a content file (already read from disk).
pub fn parse_text(file: &SourceFile, text: &str, config: &Config) -> Parsed {
    let shown = file.display_path();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // NUL bytes are reserved for the renderer's markers; CommonMark replaces them anyway.
    let text = normalise(text);
    if let Some((message, help)) = front_matter::toml_settings(&text) {
        return Parsed::failed(Diagnostic::error(&shown, message).at_line(1).help(help));
    }
    let mut split = match front_matter::split(&text) {
        Ok(split) => split,
        Err(line) => {
            return Parsed::failed(
                Diagnostic::error(&shown, "the front matter is never closed")
                    .at_line(line)
                    .help("end the front matter with a line that holds only `---`"),
            )
        }
    };
    let kind = match file.kind {
        SourceKind::Index => FileKind::Index,
        _ => FileKind::Page,
    };
    let heading = front_matter::take_heading_title(&mut split);
    let front = match front_matter::parse(&split, &shown, kind, config) {
        Ok(front) => front,
        Err(problems) => {
            return Parsed {
                page: None,
                diagnostics: problems,
            }
        }
    };
    let lines = LineIndex::new(&text);
    let options = RenderOptions {
        allow_html: config.allow_html,
        placeholders: (front.layout == Layout::Template).then_some(front.fields.as_slice()),
        strings: &config.strings,
    };
    let body = markdown::render(split.body, split.body_offset, &lines, options);
    let mut diagnostics = Vec::new();
    if let (Some(offset), Some(title)) = (heading, split.heading_title) {
        diagnostics.push(heading_title_note(
            &shown,
            &split,
            title,
            lines.position(offset).0,
        ));
    }
    // Once per file: a page imported from HTML can have thousands of such lines.
    if let Some(&first) = body.raw_html_lines.first() {
        let count = body.raw_html_lines.len();
        let message = match count {
            1 => "raw HTML is shown as text".to_string(),
            n => format!("raw HTML is shown as text on {n} lines (the first is shown here)"),
        };
        diagnostics.push(Diagnostic::warning(&shown, message).at_line(first).help(
            "write it in Markdown, or set `allow_html: true` in hub.yaml if you trust every author",
        ));
    }
    if let Some(at) = memchr::memmem::find(split.body.as_bytes(), NEW_PAGE_PROMPT.as_bytes()) {
        diagnostics.push(
            Diagnostic::warning(&shown, "this is the sentence `guidepost new` wrote for you to replace: readers would see it")
                .at_line(lines.position(split.body_offset + at).0)
                .help("write your own opening sentences in its place, and your own `##` parts below them"),
        );
    }
    for &line in &body.title_lines {
        diagnostics.push(
            Diagnostic::warning(&shown, "this `#` heading is a second title: the page shows its `title` as its heading already")
                .at_line(line)
                .help("make it a `##` heading, or remove it if it repeats the title"),
        );
    }
    // A printed worksheet may leave room under a heading on purpose, and a folder's
    // introduction may end with a heading over the list of its pages.
    if kind == FileKind::Page && front.layout != Layout::Template {
        for &line in &body.bare_heading_lines {
            diagnostics.push(
                Diagnostic::warning(
                    &shown,
                    "this heading has nothing under it: readers would see a heading and no text",
                )
                .at_line(line)
                .help("write what belongs under it, or remove the heading"),
            );
        }
    }
    if front.layout == Layout::Faq && !body.toc.iter().any(|t| t.level == 2) {
        diagnostics.push(
            Diagnostic::warning(&shown, "this FAQ page has no questions")
                .at_line(front.line_of("layout"))
                .help("write each question as a `## ` heading with its answer below it"),
        );
    }
    for refused in &body.refused_links {
        diagnostics.push(
            Diagnostic::error(&shown, format!("a link to a `{}:` address is not allowed", refused.scheme))
                .at(refused.line, refused.column)
                .help("link to a page, a file or an https:// address; scripts in links run only when hub.yaml sets `allow_html: true`"),
        );
    }
    for (id, line) in &body.duplicate_ids {
        diagnostics.push(
            Diagnostic::error(
                &shown,
                format!("the heading id `{id}` is used twice on this page"),
            )
            .at_line(*line)
            .help("give each `{#id}` a different name"),
        );
    }
    if front.layout == Layout::Template {
        let (body_line, _) = lines.position(split.body_offset);
        diagnostics.extend(check_placeholders(&shown, &front, split.body, body_line));
    }
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let source = match front.layout {
        Layout::Template => split.body.into(),
        _ => "".into(),
    };
    Parsed {
        page: (!failed).then(|| SourcePage {
            rel: file.rel.clone(),
            file: shown,
            kind,
            prints: Prints {
                front: crate::fingerprint::debug_hash(&front),
                body: crate::fingerprint::hash_of(split.body),
            },
            front: front.into(),
            body: body.into(),
            source,
        }),
        diagnostics,
    }
}

/// The warning for a page titled by its `# Heading`: it builds, and the author learns
/// how to set the title where Guidepost looks for it.
fn heading_title_note(
    shown: &PathBuf,
    split: &front_matter::Split<'_>,
    title: &str,
    line: usize,
) -> Diagnostic {
    let title_line = format!(
        "title: {}",
        serde_yaml::to_string(title).unwrap_or_default().trim_end()
    );
    let help = if split.yaml.is_empty() {
        format!("start the file with front matter that names the title, and remove the `# {title}` line:\n---\n{title_line}\n---")
    } else {
        format!("add `{title_line}` to the front matter and remove the `# {title}` line")
    };
    Diagnostic::warning(
        shown,
        format!("the page has no `title`, so its heading `# {title}` is used as the title"),
    )
    .at_line(line)
    .help(help)
}

impl Parsed {
    /// A file that could not be used, and why.
    pub fn failed(diagnostic: Diagnostic) -> Parsed {
        Parsed {
            page: None,
            diagnostics: vec![diagnostic],
        }
    }
}

fn normalise(text: &str) -> String {
    let mut out = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    // A NUL byte is never valid in HTML; browsers show it as U+FFFD anyway.
    if out.contains('\0') {
        out = out.replace('\0', "\u{fffd}");
    }
    out
}

/// Every placeholder must be declared in `fields`, and every field used.
fn check_placeholders(
    file: &PathBuf,
    front: &FrontMatter,
    body: &str,
    body_line: usize,
) -> Vec<Diagnostic> {
    let used = placeholder::all(body, body_line);
    let mut problems = Vec::new();
    for (name, line) in &used {
        if !front.fields.iter().any(|f| &f.name == name) {
            let help =
                match crate::text::suggest(name, front.fields.iter().map(|f| f.name.as_str())) {
                    Some(near) => {
                        format!(
                            "did you mean `{{{{ {near} }}}}`? Otherwise declare it under `fields`"
                        )
                    }
                    None => format!(
                    "declare it in the front matter: `fields: [{{name: {name}, label: \"…\"}}]`"
                ),
                };
            problems.push(
                Diagnostic::error(
                    file,
                    format!("placeholder `{{{{ {name} }}}}` is not declared in `fields`"),
                )
                .at_line(*line)
                .help(help),
            );
        }
    }
    for field in &front.fields {
        if !used.iter().any(|(name, _)| name == &field.name) {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("field `{}` is declared but never used", field.name),
                )
                .at_line(field.line)
                .help(format!(
                    "write `{{{{ {} }}}}` where it belongs in the template, or remove the field",
                    field.name
                )),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse("title: Hub\nbase_url: https://example.org/\naudiences:\n  - {id: mentor, label: Mentors}\n").unwrap()
    }

    fn file(rel: &str) -> SourceFile {
        SourceFile {
            rel: rel.to_string(),
            path: PathBuf::from(rel),
            kind: SourceKind::Page,
        }
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let parsed = parse_text(
            &file("a.md"),
            "\u{feff}---\r\ntitle: A\r\nlayout: template\r\n---\r\nHello\r\n",
            &config(),
        );
        let page = parsed.page.expect("parses");
        assert_eq!(page.front.title, "A");
        assert_eq!(&*page.source, "Hello\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let parsed = parse_text(&file("a.md"), "---\ntitle: A\nHello\n", &config());
        assert_eq!(
            parsed.diagnostics[0].to_string().lines().next().unwrap(),
            "error: content/a.md:1: the front matter is never closed"
        );
    }

    #[test]
    fn template_placeholders_must_match_fields() {
        let text = "---\ntitle: T\nlayout: template\nfields:\n  - {name: mentee_name, label: Name}\n  - {name: date, label: Date}\n---\nDear {{ mentee_nam }},\n";
        let parsed = parse_text(&file("t.md"), text, &config());
        let messages: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(messages[0]
            .starts_with("error: content/t.md:8: placeholder `{{ mentee_nam }}` is not declared"));
        assert!(messages[0].contains("did you mean `{{ mentee_name }}`?"));
        assert!(messages[1].contains("`mentee_name` is declared but never used"));
    }
}
