//! Generator-specific markup turned into plain Markdown before anything else reads the
//! page: Hugo shortcodes, Jekyll's Liquid tags and kramdown attributes, MkDocs and
//! Docusaurus admonitions, MDX imports. In: a page body. Out: Markdown, with link
//! markers (`import-ref:…`) for the link pass and report entries for what was removed.

use crate::import::generator::Generator;
use crate::import::report::Entry;

mod tags;

use tags::inline;

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

#[cfg(test)]
mod tests;
