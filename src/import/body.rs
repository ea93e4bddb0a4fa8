//! A page body shaped for a hub: raw HTML turned into Markdown, the leading `# Heading`
//! taken as the title, other headings moved down a level when a `#` would be a second
//! title, and a summary found. In: prepared Markdown. Out: [`Shaped`].

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::import::html;
use crate::import::report::Entry;
use crate::markdown::parser_options;

/// A body ready for the link pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shaped {
    pub text: String,
    /// The text of the leading `#` heading when it became the title.
    pub title: Option<String>,
    /// The first paragraph's opening sentences, for a page without a summary.
    pub summary: Option<String>,
}

struct Heading {
    range: Range<usize>,
    level: HeadingLevel,
    text: String,
    first: bool,
}

/// Shapes `text`; `title` is the title the page already has; `line` gives the source
/// line of a byte offset, for the report.
pub fn shape(
    text: &str,
    title: Option<&str>,
    line: &dyn Fn(usize) -> usize,
    entries: &mut Vec<Entry>,
) -> Shaped {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut headings: Vec<Heading> = Vec::new();
    let mut removed: BTreeMap<String, usize> = BTreeMap::new();
    let mut links = Vec::new();
    let mut summary: Option<String> = None;
    let mut depth = 0usize;
    let mut paragraph: Option<String> = None;
    let mut heading: Option<Heading> = None;
    let mut seen_block = false;
    // A list item's own text, the summary when the page has no paragraph.
    let mut item: Option<String> = None;
    let mut fallback: Option<String> = None;
    let mut events = Parser::new_ext(text, parser_options())
        .into_offset_iter()
        .peekable();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Item) if fallback.is_none() && item.is_none() => {
                item = Some(String::new())
            }
            Event::Start(Tag::List(_)) | Event::End(TagEnd::Item) if item.is_some() => {
                let text = item.take().unwrap_or_default();
                if text.split_whitespace().count() >= 3 && !text.contains("{{") {
                    fallback = Some(opening(&text));
                }
                if let Event::Start(_) = event {
                    depth += 1;
                    seen_block = true;
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                let mut end = range.end;
                for (e, r) in events.by_ref() {
                    end = end.max(r.end);
                    if matches!(e, Event::End(TagEnd::HtmlBlock)) {
                        break;
                    }
                }
                let raw = &text[range.start..end];
                let (markdown, lost) = html::block(raw);
                let at = line(range.start);
                let (hidden, tags): (Vec<String>, Vec<String>) =
                    lost.into_iter().partition(|t| html::is_hidden(t));
                for name in hidden {
                    removed.entry(name).or_insert(at);
                }
                if markdown.is_empty() && raw.trim_start().starts_with("<!--") {
                    entries.push(Entry::Dropped(format!("line {at}: an HTML comment")));
                } else if !markdown.is_empty() {
                    let tags: Vec<String> = tags.iter().map(|t| format!("`<{t}>`")).collect();
                    let tags = if tags.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", tags.join(", "))
                    };
                    entries.push(Entry::person(at, format!("a block of raw HTML{tags} was turned into plain Markdown; check that it reads right")));
                }
                edits.push((range.start..end, format!("{markdown}\n")));
                seen_block = true;
            }
            Event::InlineHtml(raw) => {
                let (markdown, lost) = html::inline(&raw, &mut links);
                if let Some(name) = lost {
                    removed.entry(name).or_insert(line(range.start));
                }
                edits.push((range, markdown));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(Heading {
                    range,
                    level,
                    text: String::new(),
                    first: !seen_block,
                });
                seen_block = true;
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::Paragraph) if depth == 0 => paragraph = Some(String::new()),
            Event::End(TagEnd::Paragraph) if depth == 0 => {
                seen_block = true;
                if let Some(p) = paragraph.take() {
                    if summary.is_none() && p.split_whitespace().count() >= 3 && !p.contains("{{") {
                        summary = Some(opening(&p));
                    }
                }
            }
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::CodeBlock(_)
                | Tag::FootnoteDefinition(_),
            ) => {
                depth += 1;
                seen_block = true;
            }
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => depth -= 1,
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = &mut heading {
                    h.text.push_str(&t);
                } else if let Some(p) = &mut paragraph {
                    p.push_str(&t);
                }
                if let Some(i) = &mut item {
                    i.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = &mut paragraph {
                    p.push(' ');
                }
            }
            _ => {}
        }
    }
    for (name, at) in removed {
        let what = match name.as_str() {
            "script" | "style" | "iframe" | "video" | "audio" | "object" | "embed" | "form" | "svg" => format!("the HTML `<{name}>` was removed with its contents (a hub shows no embedded media or scripts); add a link to it instead"),
            _ => format!("the HTML tag `<{name}>` was removed (its text was kept)"),
        };
        entries.push(Entry::person(at, what));
    }
    let mut taken_title = None;
    let mut title_removed = None;
    if let Some(first) = headings
        .first()
        .filter(|h| h.first && h.level == HeadingLevel::H1)
    {
        let text_of = first.text.trim().to_string();
        let same = title.is_some_and(|t| t.trim().eq_ignore_ascii_case(&text_of));
        if title.is_none() || same {
            let mut end = first.range.end;
            while text[end..].starts_with('\n') {
                end += 1;
            }
            edits.push((first.range.start..end, String::new()));
            title_removed = Some(0);
            if title.is_none() {
                entries.push(Entry::Mapped(format!(
                    "the heading `# {text_of}` (line {}) → `title`",
                    line(first.range.start)
                )));
                taken_title = Some(text_of);
            } else {
                entries.push(Entry::Dropped(format!(
                    "the heading `# {text_of}` (line {}), which repeats the title",
                    line(first.range.start)
                )));
            }
        }
    }
    let kept = headings
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != title_removed);
    if kept.clone().any(|(_, h)| h.level == HeadingLevel::H1) {
        for (_, h) in kept {
            demote(text, h, &mut edits);
        }
        entries.push(Entry::Mapped("every heading moved one level down (`#` → `##`): a page's only `#` heading is its title".to_string()));
    }
    Shaped {
        text: apply(text, edits),
        title: taken_title,
        summary: summary.or(fallback),
    }
}

fn demote(text: &str, h: &Heading, edits: &mut Vec<(Range<usize>, String)>) {
    let raw = &text[h.range.clone()];
    if let Some(hash) = raw.find('#').filter(|&i| raw[..i].trim().is_empty()) {
        if h.level != HeadingLevel::H6 {
            edits.push((h.range.start + hash..h.range.start + hash, "#".to_string()));
        }
        return;
    }
    // A setext heading: its underline says its level.
    let body = raw.trim_end_matches('\n');
    let Some(last_line) = body.rfind('\n') else {
        return;
    };
    let words = body[..last_line]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let hashes = "#".repeat(h.level as usize + 1);
    edits.push((
        h.range.start..h.range.start + body.len(),
        format!("{hashes} {words}"),
    ));
}

/// Applies non-overlapping edits; where two overlap, the one that starts first (or,
/// at the same place, the longer one) wins.
pub fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The first sentences of a paragraph, up to about 160 characters.
fn opening(paragraph: &str) -> String {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let text = words.join(" ");
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        if matches!(c, '.' | '!' | '?') && next.is_none_or(|n| n == ' ') {
            if end > 0 && i > 160 {
                break;
            }
            end = i + c.len_utf8();
        }
    }
    if end == 0 && text.chars().count() > 200 {
        let cut: String = text.chars().take(200).collect();
        let cut = cut
            .rsplit_once(' ')
            .map_or(cut.as_str(), |(a, _)| a)
            .to_string();
        return format!("{cut}…");
    }
    if end == 0 {
        text
    } else {
        text[..end].to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, title: Option<&str>) -> (Shaped, Vec<Entry>) {
        let mut entries = Vec::new();
        let shaped = shape(
            text,
            title,
            &|offset| text[..offset].matches('\n').count() + 1,
            &mut entries,
        );
        (shaped, entries)
    }

    #[test]
    fn a_leading_heading_becomes_the_title_and_others_move_down() {
        let (s, entries) = run(
            "# Welcome\n\nHello there, new mentor. More here.\n\n# Part two\n\n## Detail\n",
            None,
        );
        assert_eq!(s.title.as_deref(), Some("Welcome"));
        assert_eq!(
            s.text,
            "Hello there, new mentor. More here.\n\n## Part two\n\n### Detail\n"
        );
        assert_eq!(
            s.summary.as_deref(),
            Some("Hello there, new mentor. More here.")
        );
        assert!(entries.contains(&Entry::Mapped(
            "the heading `# Welcome` (line 1) → `title`".to_string()
        )));
    }

    #[test]
    fn a_heading_repeating_the_title_goes_and_a_different_one_stays() {
        let (s, _) = run("# Welcome\n\nText of the page.\n", Some("welcome"));
        assert_eq!(s.text, "Text of the page.\n");
        let (s, _) = run("# Other\n\nText of the page.\n", Some("Welcome"));
        assert_eq!(s.text, "## Other\n\nText of the page.\n");
        let (s, _) = run("Intro words here.\n\nTitle two\n=========\n", Some("T"));
        assert_eq!(s.text, "Intro words here.\n\n## Title two\n");
    }

    #[test]
    fn raw_html_is_converted_and_reported() {
        let (s, entries) = run("Say <b>thanks</b> and <span class=\"x\">hi</span>.\n\n<!-- more -->\n\nAfter the comment.\n", Some("T"));
        assert_eq!(s.text, "Say **thanks** and hi.\n\n\n\nAfter the comment.\n");
        assert_eq!(
            entries,
            [
                Entry::Dropped("line 3: an HTML comment".to_string()),
                Entry::person(1, "the HTML tag `<span>` was removed (its text was kept)")
            ]
        );
    }
}
