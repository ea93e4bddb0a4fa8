//! Inline tags of one line outside code: Hugo shortcodes, Liquid tags and values,
//! kramdown and attr_list attributes, MDX lines. In: the line. Out: the line with
//! each tag replaced by Markdown or removed (and reported), or None to drop it.

use super::{FILE, POST, REF};
use crate::import::generator::Generator;
use crate::import::report::Entry;

/// One line outside code: inline tags replaced or removed. None drops the line.
pub(super) fn inline(
    line: &str,
    n: usize,
    generator: Generator,
    entries: &mut Vec<Entry>,
) -> Option<String> {
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
