//! Generator-specific markup turned into plain Markdown before anything else reads the
//! page: Hugo shortcodes, Jekyll's Liquid tags and kramdown attributes, MkDocs and
//! Docusaurus admonitions, MDX imports. In: a page body. Out: Markdown, with link
//! markers (`import-ref:…`) for the link pass and report entries for what was removed.

use crate::import::generator::Generator;
use crate::import::report::Entry;

/// The scheme of a link to a source file named by a Hugo `ref`, a Jekyll `link` or `post_url`.
pub const REF: &str = "import-ref:";
pub const FILE: &str = "import-file:";
pub const POST: &str = "import-post:";

/// Converts `body`, whose first line is `first_line` of its file.
pub fn prepare(
    body: &str,
    first_line: usize,
    generator: Generator,
    entries: &mut Vec<Entry>,
) -> String {
    let lines: Vec<(usize, &str)> = body
        .lines()
        .enumerate()
        .map(|(i, l)| (first_line + i, l))
        .collect();
    let mut out = convert(&lines, generator, entries).join("\n");
    out.push('\n');
    out
}

fn convert(lines: &[(usize, &str)], generator: Generator, entries: &mut Vec<Entry>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut fence: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let (n, line) = lines[i];
        let trimmed = line.trim();
        i += 1;
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str())
                && trimmed
                    .trim_start_matches(marker.chars().next().unwrap_or('`'))
                    .is_empty()
            {
                fence = None;
            }
            out.push(unescape_in_code(line, generator));
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
            out.push(line.to_string());
            continue;
        }
        // Blocks: a callout or highlighted code with its lines.
        if let Some(block) = block_start(trimmed, generator) {
            let start = i;
            let end = block_end(lines, start, &block, generator);
            let inner: Vec<(usize, &str)> = lines[start..end]
                .iter()
                .map(|&(n, l)| {
                    (
                        n,
                        if block.indented {
                            l.strip_prefix("    ")
                                .or_else(|| l.strip_prefix('\t'))
                                .unwrap_or(l.trim_start())
                        } else {
                            l
                        },
                    )
                })
                .collect();
            i = if block.indented {
                end
            } else {
                (end + 1).min(lines.len())
            };
            match block.kind {
                BlockKind::Code(lang) => {
                    out.push(format!("```{lang}"));
                    out.extend(inner.iter().map(|(_, l)| l.to_string()));
                    out.push("```".to_string());
                    entries.push(Entry::Mapped(format!(
                        "line {n}: `{trimmed}` → a fenced code block"
                    )));
                }
                BlockKind::Callout { kind, title } => {
                    let body = convert(&inner, generator, entries);
                    push_callout(&mut out, kind, title.as_deref(), &body);
                    entries.push(Entry::Mapped(format!(
                        "line {n}: `{trimmed}` → a `[!{kind}]` callout"
                    )));
                }
            }
            continue;
        }
        if let Some(kept) = inline(line, n, generator, entries) {
            out.push(kept);
        }
    }
    out
}

fn fence_marker(trimmed: &str) -> Option<String> {
    for c in ['`', '~'] {
        let run = trimmed.chars().take_while(|&x| x == c).count();
        if run >= 3 {
            return Some(c.to_string().repeat(run));
        }
    }
    None
}

/// Hugo runs shortcodes in code too unless they are written `{{</* … */>}}`; the
/// escaped form shows the shortcode itself.
fn unescape_in_code(line: &str, generator: Generator) -> String {
    match generator {
        Generator::Hugo => line
            .replace("{{</*", "{{<")
            .replace("*/>}}", ">}}")
            .replace("{{%/*", "{{%")
            .replace("*/%}}", "%}}"),
        Generator::Jekyll => line.replace("{% raw %}", "").replace("{% endraw %}", ""),
        _ => line.to_string(),
    }
}

enum BlockKind {
    Code(String),
    Callout {
        kind: &'static str,
        title: Option<String>,
    },
}

struct Block {
    kind: BlockKind,
    /// MkDocs: the block is the indented lines that follow; others end at a closing line.
    indented: bool,
    /// The closing line's opening word (`notice`, `endhighlight`…).
    name: String,
}

fn block_start(trimmed: &str, generator: Generator) -> Option<Block> {
    match generator {
        Generator::MkDocs => {
            let rest = ["???+", "!!!", "???"]
                .iter()
                .find_map(|p| trimmed.strip_prefix(p))?;
            let mut words = rest.trim().splitn(2, ' ');
            let kind = words.next().filter(|w| !w.is_empty())?;
            let title = words
                .next()
                .map(|t| t.trim().trim_matches('"').to_string())
                .filter(|t| !t.is_empty());
            Some(Block {
                kind: BlockKind::Callout {
                    kind: callout_kind(kind),
                    title: title
                        .or_else(|| Some(capitalised(kind)))
                        .filter(|t| !t.eq_ignore_ascii_case(kind)),
                },
                indented: true,
                name: String::new(),
            })
        }
        Generator::Docusaurus => {
            let rest = trimmed.strip_prefix(":::")?;
            let kind: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            if kind.is_empty() {
                return None;
            }
            let title = rest[kind.len()..]
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                .to_string();
            Some(Block {
                kind: BlockKind::Callout {
                    kind: callout_kind(&kind),
                    title: (!title.is_empty()).then_some(title),
                },
                indented: false,
                name: ":::".to_string(),
            })
        }
        Generator::Hugo => {
            let (name, args) = whole_line_tag(trimmed, "{{<", ">}}")
                .or_else(|| whole_line_tag(trimmed, "{{%", "%}}"))?;
            if name == "highlight" {
                let lang = args.split_whitespace().next().unwrap_or("").to_string();
                return Some(Block {
                    kind: BlockKind::Code(lang),
                    indented: false,
                    name,
                });
            }
            if !CALLOUT_SHORTCODES.contains(&name.as_str()) {
                return None;
            }
            let first = args.split_whitespace().next().map(|a| a.trim_matches('"'));
            let kind = match first {
                Some(k) if !k.contains('=') => k.to_string(),
                _ => name.clone(),
            };
            Some(Block {
                kind: BlockKind::Callout {
                    kind: callout_kind(&kind),
                    title: None,
                },
                indented: false,
                name,
            })
        }
        Generator::Jekyll => {
            let (name, args) = whole_line_tag(trimmed, "{%", "%}")?;
            (name == "highlight").then(|| Block {
                kind: BlockKind::Code(args.split_whitespace().next().unwrap_or("").to_string()),
                indented: false,
                name: "endhighlight".to_string(),
            })
        }
    }
}

const CALLOUT_SHORTCODES: &[&str] = &[
    "notice",
    "hint",
    "alert",
    "callout",
    "admonition",
    "note",
    "tip",
    "warning",
    "info",
    "caution",
    "important",
    "danger",
];

/// The index of the line that closes a block opened just before `start` (for an
/// indented block, the first line past it).
fn block_end(lines: &[(usize, &str)], start: usize, block: &Block, generator: Generator) -> usize {
    if block.indented {
        let mut end = start;
        let mut last_content = start;
        while end < lines.len() {
            let l = lines[end].1;
            if l.trim().is_empty() {
                end += 1;
                continue;
            }
            if !(l.starts_with("    ") || l.starts_with('\t')) {
                break;
            }
            end += 1;
            last_content = end;
        }
        return last_content;
    }
    let mut depth = 0;
    for (i, &(_, l)) in lines.iter().enumerate().skip(start) {
        let t = l.trim();
        let closes = match generator {
            Generator::Docusaurus => t == ":::",
            Generator::Hugo => whole_line_tag(t, "{{<", ">}}")
                .or_else(|| whole_line_tag(t, "{{%", "%}}"))
                .is_some_and(|(n, _)| n == format!("/{}", block.name)),
            _ => whole_line_tag(t, "{%", "%}").is_some_and(|(n, _)| n == block.name),
        };
        let opens = match generator {
            Generator::Docusaurus => t.starts_with(":::") && t.len() > 3,
            Generator::Hugo => whole_line_tag(t, "{{<", ">}}")
                .or_else(|| whole_line_tag(t, "{{%", "%}}"))
                .is_some_and(|(n, _)| n == block.name),
            _ => false,
        };
        if closes && depth == 0 {
            return i;
        } else if closes {
            depth -= 1;
        } else if opens {
            depth += 1;
        }
    }
    lines.len()
}

/// `{{< name args >}}` filling the whole line: its name and arguments.
fn whole_line_tag(trimmed: &str, open: &str, close: &str) -> Option<(String, String)> {
    let inner = trimmed.strip_prefix(open)?.strip_suffix(close)?.trim();
    if inner.contains(open) {
        return None;
    }
    let inner = inner.trim_start_matches('-').trim_end_matches('-').trim();
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    Some((name.to_string(), args.trim().to_string()))
}

fn push_callout(out: &mut Vec<String>, kind: &str, title: Option<&str>, body: &[String]) {
    if out.last().is_some_and(|l| !l.trim().is_empty()) {
        out.push(String::new());
    }
    out.push(format!("> [!{kind}]"));
    if let Some(title) = title {
        out.push(format!("> **{title}**"));
        out.push(">".to_string());
    }
    let first = body
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(body.len());
    let last = body
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(first, |i| i + 1);
    for line in &body[first..last] {
        out.push(if line.trim().is_empty() {
            ">".to_string()
        } else {
            format!("> {line}")
        });
    }
    out.push(String::new());
}

/// Our callout kind for another generator's admonition type.
fn callout_kind(kind: &str) -> &'static str {
    match kind.to_ascii_lowercase().as_str() {
        "tip" | "hint" | "success" | "check" | "done" => "TIP",
        "important" => "IMPORTANT",
        "warning" | "attention" | "warn" => "WARNING",
        "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "CAUTION",
        _ => "NOTE",
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One line outside code: inline tags replaced or removed. None drops the line.
fn inline(line: &str, n: usize, generator: Generator, entries: &mut Vec<Entry>) -> Option<String> {
    let trimmed = line.trim();
    match generator {
        Generator::Hugo => {
            let line = replace_tags(line, "{{<", ">}}", n, entries, hugo_tag);
            Some(replace_tags(&line, "{{%", "%}}", n, entries, hugo_tag))
        }
        Generator::Jekyll => {
            if trimmed.starts_with("{:") && trimmed.ends_with('}') {
                entries.push(Entry::Dropped(format!(
                    "line {n}: the kramdown attribute `{trimmed}`"
                )));
                return None;
            }
            if matches!(trimmed, "* TOC" | "- TOC" | "1. TOC" | "* toc") {
                entries.push(Entry::Dropped(format!(
                    "line {n}: the `TOC` list (pages show their own contents)"
                )));
                return None;
            }
            let line = strip_trailing_attributes(line);
            let line = replace_tags(&line, "{%", "%}", n, entries, liquid_tag);
            Some(replace_tags(&line, "{{", "}}", n, entries, liquid_value))
        }
        Generator::MkDocs => {
            if trimmed == "[TOC]" {
                entries.push(Entry::Dropped(format!(
                    "line {n}: `[TOC]` (pages show their own contents)"
                )));
                return None;
            }
            if trimmed.starts_with("--8<--") {
                entries.push(Entry::person(
                    n,
                    format!("the snippet `{trimmed}` was not included; copy its text in by hand"),
                ));
                return None;
            }
            Some(strip_trailing_attributes(line))
        }
        Generator::Docusaurus => {
            if line.starts_with("import ") || line.starts_with("export ") {
                entries.push(Entry::Dropped(format!(
                    "line {n}: the MDX line `{trimmed}`"
                )));
                return None;
            }
            Some(replace_tags(line, "{/*", "*/}", n, entries, |_, _, _| {
                Some(String::new())
            }))
        }
    }
}

/// kramdown and attr_list write `{: .class}` or `{ .class }` after a line; a hub has no classes.
fn strip_trailing_attributes(line: &str) -> String {
    let trimmed = line.trim_end();
    if trimmed.ends_with('}') {
        if let Some(start) = trimmed.rfind('{') {
            let inner = trimmed[start + 1..trimmed.len() - 1].trim();
            if inner.starts_with(':') || inner.starts_with('.') {
                return trimmed[..start].trim_end().to_string();
            }
        }
    }
    line.to_string()
}

/// Replaces every `open … close` in `line` with what `f` makes of its inside (None: keep).
fn replace_tags(
    line: &str,
    open: &str,
    close: &str,
    n: usize,
    entries: &mut Vec<Entry>,
    f: fn(&str, usize, &mut Vec<Entry>) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find(open) {
        let Some(len) = rest[start + open.len()..].find(close) else {
            break;
        };
        let inner = &rest[start + open.len()..start + open.len() + len];
        out.push_str(&rest[..start]);
        match f(inner.trim(), n, entries) {
            Some(replacement) => out.push_str(&replacement),
            None => out.push_str(&rest[start..start + open.len() + len + close.len()]),
        }
        rest = &rest[start + open.len() + len + close.len()..];
    }
    out.push_str(rest);
    out
}

/// The first argument of a tag, without its quotes.
fn first_arg(args: &str) -> String {
    let args = args.trim();
    match args.chars().next() {
        Some(q @ ('"' | '\'')) => args[1..].split(q).next().unwrap_or("").to_string(),
        _ => args.split_whitespace().next().unwrap_or("").to_string(),
    }
}

/// `key="value"` pairs of a shortcode.
fn named_arg(args: &str, key: &str) -> Option<String> {
    let at = args
        .match_indices(&format!("{key}="))
        .find(|(i, _)| *i == 0 || args[..*i].ends_with(' '))?
        .0;
    let value = &args[at + key.len() + 1..];
    Some(first_arg(value))
}

fn hugo_tag(inner: &str, n: usize, entries: &mut Vec<Entry>) -> Option<String> {
    if inner.starts_with("/*") {
        return Some(format!(
            "{{{{<{}>}}}}",
            inner.trim_start_matches("/*").trim_end_matches("*/")
        ));
    }
    let inner = inner.trim_matches('-').trim();
    if inner.starts_with('/') {
        return Some(String::new());
    }
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    match name {
        "ref" | "relref" => Some(format!("{REF}{}", first_arg(args).replace(' ', "%20"))),
        "figure" => {
            let src = named_arg(args, "src").unwrap_or_default();
            let alt = named_arg(args, "alt")
                .or_else(|| named_arg(args, "caption"))
                .or_else(|| named_arg(args, "title"))
                .unwrap_or_default();
            entries.push(Entry::Mapped(format!(
                "line {n}: shortcode `figure` → an image"
            )));
            Some(format!("![{alt}]({src})"))
        }
        _ => {
            entries.push(Entry::person(n, format!("the shortcode `{{{{< {inner} >}}}}` was removed (a hub has no shortcodes); add what it showed by hand")));
            Some(String::new())
        }
    }
}

fn liquid_tag(inner: &str, n: usize, entries: &mut Vec<Entry>) -> Option<String> {
    let inner = inner.trim_matches('-').trim();
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    match name {
        "raw" | "endraw" => Some(String::new()),
        "link" => Some(format!("{FILE}{}", first_arg(args).replace(' ', "%20"))),
        "post_url" => Some(format!("{POST}{}", first_arg(args))),
        _ => {
            entries.push(Entry::person(
                n,
                format!("the Liquid tag `{{% {inner} %}}` was removed; add what it showed by hand"),
            ));
            Some(String::new())
        }
    }
}

fn liquid_value(inner: &str, n: usize, entries: &mut Vec<Entry>) -> Option<String> {
    let inner = inner.trim_matches('-').trim();
    if matches!(
        inner,
        "site.baseurl" | "site.url" | "site.url }}{{ site.baseurl"
    ) {
        return Some(String::new());
    }
    if let Some((value, filter)) = inner.split_once('|') {
        let filter = filter.trim();
        if filter.starts_with("relative_url")
            || filter.starts_with("absolute_url")
            || filter.starts_with("prepend: site.baseurl")
        {
            return Some(first_arg(value));
        }
    }
    entries.push(Entry::person(
        n,
        format!("the Liquid value `{{{{ {inner} }}}}` was removed; write what it showed by hand"),
    ));
    Some(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str, generator: Generator) -> (String, Vec<Entry>) {
        let mut entries = Vec::new();
        (prepare(body, 1, generator, &mut entries), entries)
    }

    #[test]
    fn hugo_refs_figures_and_callouts() {
        let (out, entries) = run("See [x]({{< ref \"closing.md#end\" >}}).\n{{< figure src=\"/img/a.png\" alt=\"A map\" >}}\n{{% notice tip %}}\nBring **snacks**.\n{{% /notice %}}\n{{< youtube abc >}}\n```\n{{</* ref \"x\" */>}}\n```\n", Generator::Hugo);
        assert_eq!(out, "See [x](import-ref:closing.md#end).\n![A map](/img/a.png)\n\n> [!TIP]\n> Bring **snacks**.\n\n\n```\n{{< ref \"x\" >}}\n```\n");
        assert!(entries.contains(&Entry::person(6, "the shortcode `{{< youtube abc >}}` was removed (a hub has no shortcodes); add what it showed by hand")));
    }

    #[test]
    fn jekyll_liquid_and_kramdown() {
        let (out, entries) = run("[a]({% link _posts/2024-01-02-hi.md %}) [b]({{ site.baseurl }}{% post_url 2024-01-02-hi %})\n![m]({{ \"/assets/m.png\" | relative_url }})\n{: .note }\n{% include cta.html %}\n", Generator::Jekyll);
        assert_eq!(out, "[a](import-file:_posts/2024-01-02-hi.md) [b](import-post:2024-01-02-hi)\n![m](/assets/m.png)\n\n");
        assert!(entries
            .iter()
            .any(|e| matches!(e, Entry::Person { line: Some(4), .. })));
    }

    #[test]
    fn mkdocs_and_docusaurus_admonitions() {
        let (out, _) = run(
            "!!! warning \"Mind the time\"\n    Keep it short.\n\n    Really.\nAfter\n",
            Generator::MkDocs,
        );
        assert_eq!(
            out,
            "> [!WARNING]\n> **Mind the time**\n>\n> Keep it short.\n>\n> Really.\n\nAfter\n"
        );
        let (out, _) = run(
            "import Tabs from '@theme/Tabs';\n\n:::tip[Before you start]\nRead this.\n:::\n",
            Generator::Docusaurus,
        );
        assert_eq!(
            out,
            "\n> [!TIP]\n> **Before you start**\n>\n> Read this.\n\n"
        );
    }
}
