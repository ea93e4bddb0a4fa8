//! The link pass: every link and image destination in a shaped body handed to a
//! resolver, and the Markdown rewritten with its answer. In: Markdown and a resolver.
//! Out: Markdown whose links the hub's checker accepts.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::import::body::apply;
use crate::markdown::parser_options;

/// What to do with one destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rewrite {
    /// Leave it as written (an external address).
    Keep,
    /// Write this destination instead.
    To(String),
    /// Nothing to link to: keep a link's text, drop an image.
    Unlink,
}

/// Rewrites every destination in `text` with `resolve(destination, is_image)`.
pub fn rewrite(text: &str, resolve: &mut dyn FnMut(&str, bool) -> Rewrite) -> String {
    let parser = Parser::new_ext(text, parser_options()).into_offset_iter();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // Reference definitions: each resolved once, by label.
    let mut definitions: HashMap<String, (Range<usize>, String)> = HashMap::new();
    for (label, def) in parser.reference_definitions().iter() {
        definitions.insert(
            label.to_lowercase(),
            (def.span.clone(), def.dest.to_string()),
        );
    }
    let mut decided: HashMap<String, Rewrite> = HashMap::new();
    let mut image_depth = 0;
    for (event, range) in parser {
        let (link_type, dest, id, image) = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => (link_type, dest_url, id, false),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                image_depth += 1;
                (link_type, dest_url, id, true)
            }
            Event::End(TagEnd::Image) => {
                image_depth -= 1;
                continue;
            }
            _ => continue,
        };
        if image_depth > 1 {
            continue;
        }
        let slice = &text[range.clone()];
        match link_type {
            LinkType::Inline => {
                let Some(at) = find_destination(slice, &dest) else {
                    continue;
                };
                match resolve(&dest, image) {
                    Rewrite::Keep => {}
                    Rewrite::To(new) => {
                        let start = range.start + at.start;
                        edits.push((start..range.start + at.end, written(&new)));
                    }
                    Rewrite::Unlink => {
                        edits.push((range.clone(), unlinked(slice, image, at.start)))
                    }
                }
            }
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                let label = id.to_lowercase();
                let Some((span, def_dest)) = definitions.get(&label) else {
                    continue;
                };
                let decision = decided.entry(label).or_insert_with(|| {
                    let decision = resolve(def_dest, image);
                    let def = &text[span.clone()];
                    match &decision {
                        Rewrite::To(new) => {
                            if let Some(at) = def.find("]:").map(|i| {
                                let after = &def[i + 2..];
                                let skip = after.len() - after.trim_start().len();
                                let raw = after.trim_start();
                                let len = if raw.starts_with('<') {
                                    raw.find('>').map_or(raw.len(), |e| e + 1)
                                } else {
                                    raw.find(char::is_whitespace).unwrap_or(raw.len())
                                };
                                i + 2 + skip..i + 2 + skip + len
                            }) {
                                edits.push((
                                    span.start + at.start..span.start + at.end,
                                    written(new),
                                ));
                            }
                        }
                        Rewrite::Unlink => edits.push((span.clone(), String::new())),
                        Rewrite::Keep => {}
                    }
                    decision
                });
                if *decision == Rewrite::Unlink {
                    let close = slice
                        .find("][")
                        .or_else(|| slice.rfind(']'))
                        .unwrap_or(slice.len());
                    edits.push((range.clone(), unlinked(slice, image, close + 2)));
                }
            }
            _ => {}
        }
    }
    apply(text, edits)
}

/// Where `dest` is written in an inline link's source `[text](dest "title")`.
fn find_destination(slice: &str, dest: &str) -> Option<Range<usize>> {
    let opens: Vec<usize> = slice.match_indices("](").map(|(i, _)| i + 2).collect();
    for &open in opens.iter().rev() {
        let after = &slice[open..];
        let skip = after.len() - after.trim_start().len();
        let raw = after.trim_start();
        if let Some(inner) = raw.strip_prefix('<') {
            if inner.starts_with(dest) && inner[dest.len()..].starts_with('>') {
                return Some(open + skip..open + skip + dest.len() + 2);
            }
        } else if raw.starts_with(dest) {
            return Some(open + skip..open + skip + dest.len());
        }
    }
    None
}

/// A destination written so Markdown reads it back whole.
fn written(dest: &str) -> String {
    if dest.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", dest.replace('<', "%3C").replace('>', "%3E"))
    } else {
        dest.to_string()
    }
}

/// A link without its address: its text; an image without its file: nothing.
fn unlinked(slice: &str, image: bool, text_end: usize) -> String {
    if image {
        return String::new();
    }
    // `[text](…)`: the text sits between the first `[` and the `]` before `(`.
    let end = text_end.saturating_sub(2).max(1);
    slice.get(1..end).unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        rewrite(text, &mut |dest, image| match dest {
            d if d.starts_with("http") => Rewrite::Keep,
            "/guides/a/" => Rewrite::To("../guides/a.md".to_string()),
            "pic.png" if image => Rewrite::To("../assets/pic one.png".to_string()),
            _ => Rewrite::Unlink,
        })
    }

    #[test]
    fn inline_links_and_images_are_rewritten_or_unlinked() {
        assert_eq!(
            run("See [a](/guides/a/ \"t\"), [gone](/x/) and ![p](pic.png) or ![q](lost.png). [w](https://x.org)\n"),
            "See [a](../guides/a.md \"t\"), gone and ![p](<../assets/pic one.png>) or . [w](https://x.org)\n"
        );
    }

    #[test]
    fn reference_links_rewrite_their_definition() {
        assert_eq!(
            run("[a][one], [b][two] and [one].\n\n[one]: /guides/a/\n[two]: /gone/\n"),
            "[a][one], b and [one].\n\n[one]: ../guides/a.md\n\n"
        );
    }
}
