//! A Word document's blocks written as Markdown. In: paragraphs and tables, where
//! images go, and whether blanks become template fields. Out: the Markdown body, the
//! title taken from its first heading, the fields, and the images it uses.

use crate::front_matter::is_field_name;
use crate::import::docx::document::{Block, Run};
use crate::import::report::Entry;
use crate::text::slugify;

/// The document as a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub title: Option<String>,
    pub body: String,
    /// (name, label) of each field, in the order they first appear.
    pub fields: Vec<(String, String)>,
    /// Image parts used, with the file name each is written as.
    pub images: Vec<(String, String)>,
}

/// Writes `blocks`; `image_dir` is where images are linked from the page
/// (`../assets/closing-letter`); `template` turns blanks into fields.
pub fn write(
    blocks: &[Block],
    image_dir: &str,
    template: bool,
    entries: &mut Vec<Entry>,
) -> Written {
    let mut w = Written::default();
    let mut start = 0;
    // The first paragraph with text, when it is a heading or the Title, is the title.
    if let Some((i, Block::Paragraph(p))) = blocks.iter().enumerate().find(|(_, b)| !matches!(b, Block::Paragraph(p) if p.text().trim().is_empty() && p.runs.iter().all(|r| r.image.is_none()))) {
        if p.heading.is_some() {
            w.title = Some(p.text().split_whitespace().collect::<Vec<_>>().join(" "));
            start = i + 1;
        }
    }
    let min_heading = blocks[start..].iter().filter_map(|b| match b {
        Block::Paragraph(p) => p.heading.filter(|&h| h > 0),
        _ => None,
    });
    let shift = 2i16 - min_heading.min().map_or(2, i16::from).min(2);
    let mut out: Vec<String> = Vec::new();
    let mut list: Vec<(String, bool, usize)> = Vec::new();
    let mut numbers: Vec<usize> = Vec::new();
    let mut blanks = 0;
    for block in &blocks[start..] {
        match block {
            Block::Paragraph(p) => {
                let text = inline(&p.runs, image_dir, template, &mut w, &mut blanks, entries);
                if text.trim().is_empty() {
                    continue;
                }
                let Some((id, level, numbered)) = &p.list else {
                    list.clear();
                    numbers.clear();
                    let text = text.trim();
                    let line = match p.heading {
                        Some(h) => format!(
                            "{} {}",
                            "#".repeat((i16::from(h.max(1)) + shift).clamp(2, 6) as usize),
                            text.replace('\n', " ")
                        ),
                        None => text.to_string(),
                    };
                    out.push(line);
                    out.push(String::new());
                    continue;
                };
                let level = *level as usize;
                if list.first().is_some_and(|(first, _, _)| first != id) && level == 0 {
                    list.clear();
                    numbers.clear();
                }
                if list.is_empty() && out.last().is_some_and(|l| !l.is_empty()) {
                    out.push(String::new());
                }
                list.truncate(level + 1);
                numbers.truncate(level + 1);
                while list.len() <= level {
                    list.push((id.clone(), *numbered, if *numbered { 3 } else { 2 }));
                    numbers.push(0);
                }
                list[level].1 = *numbered;
                numbers[level] += 1;
                let indent: usize = list[..level].iter().map(|(_, _, w)| w).sum();
                let marker = if *numbered {
                    format!("{}. ", numbers[level])
                } else {
                    "- ".to_string()
                };
                list[level].2 = marker.len();
                let text = text
                    .trim()
                    .replace('\n', &format!("\n{}", " ".repeat(indent + marker.len())));
                // A list item goes right after the one before it: no blank line.
                if out.last().is_some_and(String::is_empty)
                    && out.len() >= 2
                    && is_item(&out[out.len() - 2])
                {
                    out.pop();
                }
                out.push(format!("{}{marker}{text}", " ".repeat(indent)));
                out.push(String::new());
            }
            Block::Table(rows) => {
                list.clear();
                numbers.clear();
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(|cell| {
                                cell.iter()
                                    .map(|p| {
                                        inline(
                                            &p.runs,
                                            image_dir,
                                            template,
                                            &mut w,
                                            &mut blanks,
                                            entries,
                                        )
                                        .replace('\n', " ")
                                        .trim()
                                        .to_string()
                                    })
                                    .filter(|t| !t.is_empty())
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .collect()
                    })
                    .collect();
                let width = cells.iter().map(Vec::len).max().unwrap_or(0);
                if width == 0 {
                    continue;
                }
                for (i, row) in cells.iter().enumerate() {
                    let mut row = row.clone();
                    row.resize(width, String::new());
                    out.push(format!("| {} |", row.join(" | ")));
                    if i == 0 {
                        out.push(format!("|{}", "---|".repeat(width)));
                    }
                }
                out.push(String::new());
            }
        }
    }
    w.body = out.join("\n").trim_end().to_string() + "\n";
    w
}

fn is_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ")
        || t.split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A paragraph's runs as inline Markdown.
fn inline(
    runs: &[Run],
    image_dir: &str,
    template: bool,
    w: &mut Written,
    blanks: &mut usize,
    entries: &mut Vec<Entry>,
) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < runs.len() {
        let run = &runs[i];
        i += 1;
        if run.line_break {
            out.push_str("\\\n");
            continue;
        }
        if let Some(part) = &run.image {
            let name = part.rsplit('/').next().unwrap_or(part).to_string();
            if !w.images.iter().any(|(p, _)| p == part) {
                w.images.push((part.clone(), name.clone()));
            }
            out.push_str(&format!(
                "![{}]({image_dir}/{name})",
                run.text.replace(['[', ']'], "")
            ));
            continue;
        }
        // Runs that differ only in their link or emphasis stay apart; a highlighted
        // blank in a template becomes one field however Word split it.
        let mut text = run.text.clone();
        if template && run.highlight {
            while let Some(next) = runs
                .get(i)
                .filter(|n| n.highlight && n.image.is_none() && !n.line_break)
            {
                text.push_str(&next.text);
                i += 1;
            }
            if !text.trim().is_empty() {
                let inner = text
                    .trim()
                    .trim_start_matches(['[', '«'])
                    .trim_start_matches("<<")
                    .trim_end_matches([']', '»'])
                    .trim_end_matches(">>");
                let lead = &text[..text.len() - text.trim_start().len()];
                let trail = &text[text.trim_end().len()..];
                out.push_str(lead);
                out.push_str(&field(inner, w, blanks, entries));
                out.push_str(trail);
                continue;
            }
        }
        let body = if template {
            bracketed(&text, w, blanks, entries)
        } else {
            escape(&text)
        };
        out.push_str(&emphasised(&body, run));
    }
    out
}

/// Wraps text in its emphasis and link, spaces kept outside the marks.
fn emphasised(body: &str, run: &Run) -> String {
    let core = body.trim();
    if core.is_empty() {
        return body.to_string();
    }
    let lead = &body[..body.len() - body.trim_start().len()];
    let trail = &body[body.trim_end().len()..];
    let mut core = core.to_string();
    if run.italic {
        core = format!("*{core}*");
    }
    if run.bold {
        core = format!("**{core}**");
    }
    if let Some(link) = &run.link {
        core = format!(
            "[{core}]({})",
            if link.contains([' ', '(', ')']) {
                format!("<{link}>")
            } else {
                link.clone()
            }
        );
    }
    format!("{lead}{core}{trail}")
}

/// Text with `[Name]`, `<<Name>>` and `«Name»` blanks made into fields.
fn bracketed(text: &str, w: &mut Written, blanks: &mut usize, entries: &mut Vec<Entry>) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let found = [("[", "]"), ("<<", ">>"), ("«", "»")]
            .iter()
            .filter_map(|(open, close)| {
                let start = rest.find(open)?;
                let len = rest[start + open.len()..].find(close)?;
                let inner = &rest[start + open.len()..start + open.len() + len];
                (!inner.trim().is_empty() && inner.len() <= 60 && !inner.contains(['[', '<', '«']))
                    .then_some((start, start + open.len() + len + close.len(), inner))
            })
            .min_by_key(|(start, _, _)| *start);
        let Some((start, end, inner)) = found else {
            break;
        };
        out.push_str(&escape(&rest[..start]));
        out.push_str(&field(inner, w, blanks, entries));
        rest = &rest[end..];
    }
    out.push_str(&escape(rest));
    out
}

/// The placeholder for a blank labelled `label`, declaring its field the first time.
fn field(label: &str, w: &mut Written, blanks: &mut usize, entries: &mut Vec<Entry>) -> String {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let wordless = !label.chars().any(char::is_alphanumeric);
    let (name, label) = if wordless {
        *blanks += 1;
        let name = format!("blank_{blanks}");
        entries.push(Entry::person(None, format!("a blank without words (`{label}`) became the field `{name}`; give it a name and label that say what to write")));
        (name, format!("Blank {blanks}"))
    } else {
        let mut name = slugify(&label.replace(['\'', '’'], "")).replace('-', "_");
        name.retain(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !is_field_name(&name) {
            name = format!("field_{name}").trim_end_matches('_').to_string();
        }
        (name, label)
    };
    if !w.fields.iter().any(|(n, _)| *n == name) {
        entries.push(Entry::Mapped(format!(
            "the blank `{label}` → the field `{name}`"
        )));
        w.fields.push((name.clone(), label));
    }
    format!("{{{{ {name} }}}}")
}

/// Text made literal in Markdown.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|')
            || (i == 0 && matches!(c, '#' | '+' | '-' | '='))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx::document::Paragraph;

    fn para(text: &str) -> Paragraph {
        Paragraph {
            runs: vec![Run {
                text: text.to_string(),
                ..Run::default()
            }],
            ..Paragraph::default()
        }
    }

    #[test]
    fn blanks_become_fields_in_templates() {
        let mut entries = Vec::new();
        let mut p = para("Dear [Mentee's name], thanks from ");
        p.runs.push(Run {
            text: "your ".to_string(),
            highlight: true,
            ..Run::default()
        });
        p.runs.push(Run {
            text: "mentor".to_string(),
            highlight: true,
            bold: true,
            ..Run::default()
        });
        p.runs.push(Run {
            text: ". See <<Date>> and [Mentee's name].".to_string(),
            ..Run::default()
        });
        let w = write(&[Block::Paragraph(p)], "../assets/x", true, &mut entries);
        assert_eq!(w.body, "Dear {{ mentees_name }}, thanks from {{ your_mentor }}. See {{ date }} and {{ mentees_name }}.\n");
        assert_eq!(
            w.fields,
            [
                ("mentees_name".to_string(), "Mentee's name".to_string()),
                ("your_mentor".to_string(), "your mentor".to_string()),
                ("date".to_string(), "Date".to_string())
            ]
        );
    }

    #[test]
    fn lists_nest_and_headings_move_down() {
        let mut blocks = vec![Block::Paragraph(Paragraph {
            heading: Some(1),
            ..para("Closing letter")
        })];
        blocks.push(Block::Paragraph(Paragraph {
            heading: Some(1),
            ..para("Before you write")
        }));
        for (text, level, numbered) in [("One", 0, true), ("Inner", 1, false), ("Two", 0, true)] {
            blocks.push(Block::Paragraph(Paragraph {
                list: Some(("1".to_string(), level, numbered)),
                ..para(text)
            }));
        }
        blocks.push(Block::Paragraph(para("A *plain* [note]")));
        let w = write(&blocks, "../assets/x", false, &mut Vec::new());
        assert_eq!(w.title.as_deref(), Some("Closing letter"));
        assert_eq!(
            w.body,
            "## Before you write\n\n1. One\n   - Inner\n2. Two\n\nA \\*plain\\* \\[note\\]\n"
        );
    }
}
