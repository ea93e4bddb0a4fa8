//! Plain text that reads well in any editor: headings underlined, lists with bullets
//! and numbers, tables as aligned columns, rules as lines to write on.

use pulldown_cmark::Alignment;

use super::document::{plain, top_heading_level, Block, Inline};

/// A line to write on, for `---` rules in worksheets.
const WRITING_LINE: &str = "________________________________________";

/// Writes `blocks` as plain text under `title` (underlined with `=`; the body's
/// headings then take `-` and no line).
pub fn write(title: &str, blocks: &[Block]) -> String {
    let mut top = top_heading_level(blocks);
    let mut out = String::new();
    if !title.is_empty() {
        out.push_str(title);
        out.push('\n');
        out.push_str(&"=".repeat(title.chars().count().max(3)));
        out.push_str("\n\n");
        top = top.saturating_sub(1);
    }
    write_blocks(&mut out, blocks, "", top);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn write_blocks(out: &mut String, blocks: &[Block], indent: &str, top: u8) {
    for block in blocks {
        write_block(out, block, indent, top);
    }
}

fn inline_text(inlines: &[Inline]) -> String {
    let mut text = String::new();
    let mut link: Option<&str> = None;
    for inline in inlines {
        let (piece, style_link) = match inline {
            Inline::Text { text, style } => (text.clone(), style.link.as_deref()),
            Inline::Placeholder { style, .. } => {
                (plain(std::slice::from_ref(inline)), style.link.as_deref())
            }
            Inline::Break => ("\n".to_string(), None),
        };
        if link.is_some() && style_link != link {
            close_link(&mut text, link);
        }
        link = style_link;
        text.push_str(&piece);
    }
    close_link(&mut text, link);
    text
}

fn close_link(text: &mut String, link: Option<&str>) {
    if let Some(url) = link {
        if !text.ends_with(url) {
            text.push_str(&format!(" ({url})"));
        }
    }
}

fn push_lines(out: &mut String, text: &str, first: &str, rest: &str) {
    for (i, line) in text.lines().enumerate() {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if text.is_empty() {
        out.push_str(first.trim_end());
        out.push('\n');
    }
}

fn write_block(out: &mut String, block: &Block, indent: &str, top: u8) {
    match block {
        Block::Heading { level, inlines } => {
            let text = inline_text(inlines);
            out.push_str(indent);
            out.push_str(&text);
            out.push('\n');
            let underline = match level.saturating_sub(top) {
                0 => Some('='),
                1 => Some('-'),
                _ => None,
            };
            if let Some(c) = underline {
                out.push_str(indent);
                out.push_str(&c.to_string().repeat(text.chars().count().max(3)));
                out.push('\n');
            }
            out.push('\n');
        }
        Block::Paragraph(inlines) => {
            push_lines(out, &inline_text(inlines), indent, indent);
            out.push('\n');
        }
        Block::List { start, items } => {
            for (n, item) in items.iter().enumerate() {
                let marker = match (item.task, start) {
                    (Some(true), _) => "[x] ".to_string(),
                    (Some(false), _) => "[ ] ".to_string(),
                    (None, Some(first)) => format!("{}. ", first + n as u64),
                    (None, None) => "- ".to_string(),
                };
                let hang = format!("{indent}{}", " ".repeat(marker.chars().count()));
                let mut first_line = format!("{indent}{marker}");
                for block in &item.blocks {
                    match block {
                        Block::Paragraph(inlines) => {
                            push_lines(out, &inline_text(inlines), &first_line, &hang);
                        }
                        other => {
                            if !first_line.trim().is_empty() && first_line != hang {
                                out.push_str(first_line.trim_end());
                                out.push('\n');
                            }
                            let mut nested = String::new();
                            write_block(&mut nested, other, &hang, top);
                            out.push_str(nested.trim_end_matches('\n'));
                            out.push('\n');
                        }
                    }
                    first_line = hang.clone();
                }
            }
            out.push('\n');
        }
        Block::Quote { label, blocks } => {
            let mut inner = String::new();
            if let Some(label) = label {
                inner.push_str(&format!("{label}:\n"));
            }
            write_blocks(&mut inner, blocks, "", top);
            for line in inner.trim_end().lines() {
                out.push_str(indent);
                out.push_str(format!("> {line}").trim_end());
                out.push('\n');
            }
            out.push('\n');
        }
        Block::Code(code) => {
            for line in code.lines() {
                out.push_str(format!("{indent}    {line}").trim_end());
                out.push('\n');
            }
            out.push('\n');
        }
        Block::Table { aligns, head, rows } => {
            write_table(out, aligns, head, rows, indent);
            out.push('\n');
        }
        Block::Rule => {
            out.push_str(indent);
            out.push_str(WRITING_LINE);
            out.push_str("\n\n");
        }
    }
}

fn write_table(
    out: &mut String,
    aligns: &[Alignment],
    head: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
    indent: &str,
) {
    let text = |cells: &[Vec<Inline>]| -> Vec<String> {
        cells
            .iter()
            .map(|c| inline_text(c).replace('\n', " "))
            .collect()
    };
    let head = text(head);
    let rows: Vec<Vec<String>> = rows.iter().map(|r| text(r)).collect();
    let columns = std::iter::once(&head)
        .chain(&rows)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            std::iter::once(&head)
                .chain(&rows)
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = (0..columns)
            .map(|c| {
                let cell = cells.get(c).map(String::as_str).unwrap_or("");
                let pad = widths[c] - cell.chars().count();
                match aligns.get(c) {
                    Some(Alignment::Right) => format!("{}{cell}", " ".repeat(pad)),
                    Some(Alignment::Center) => {
                        format!("{}{cell}{}", " ".repeat(pad / 2), " ".repeat(pad - pad / 2))
                    }
                    _ => format!("{cell}{}", " ".repeat(pad)),
                }
            })
            .collect();
        format!("{indent}{}", parts.join(" | "))
            .trim_end()
            .to_string()
    };
    out.push_str(&line(&head));
    out.push('\n');
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&format!("{indent}{}", rule.join("-+-")));
    out.push('\n');
    for row in &rows {
        out.push_str(&line(row));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::super::document::parse;
    use super::*;

    fn txt(md: &str) -> String {
        let fields = [crate::front_matter::Field {
            name: "mentee_name".into(),
            label: "Mentee's name".into(),
            example: String::new(),
            line: 0,
        }];
        write(
            "",
            &parse(
                md,
                &fields,
                &|_| "https://example.org/page/".to_string(),
                crate::i18n::english_ref(),
            ),
        )
    }

    #[test]
    fn headings_are_underlined_and_lists_numbered() {
        let text = txt("## Last meeting with {{ mentee_name }}\n\n### Before\n\n1. Welcome\n2. Look back\n   - at goals\n\n- [ ] Book a room\n");
        assert_eq!(
            text,
            "Last meeting with [Mentee's name]\n=================================\n\nBefore\n------\n\n1. Welcome\n2. Look back\n   - at goals\n\n[ ] Book a room\n"
        );
        let fields = [];
        let titled = write(
            "Agenda",
            &parse(
                "## Before\n\n### Room\n\nText\n",
                &fields,
                &|_| String::new(),
                crate::i18n::english_ref(),
            ),
        );
        assert_eq!(titled, "Agenda\n======\n\nBefore\n------\n\nRoom\n\nText\n");
    }

    #[test]
    fn tables_become_aligned_columns() {
        let text =
            txt("| Time | What |\n|---|---|\n| 0-5 | Welcome |\n| 5-15 | Goals and next steps |\n");
        assert_eq!(text, "Time | What\n-----+---------------------\n0-5  | Welcome\n5-15 | Goals and next steps\n");
    }

    #[test]
    fn links_rules_and_callouts_read_as_text() {
        let text = txt("See [the guide](guide.md).\n\n___\n\n> [!TIP]\n> Breathe.\n");
        assert_eq!(text, "See the guide (https://example.org/page/).\n\n________________________________________\n\n> Tip:\n> Breathe.\n");
    }
}
