//! word/document.xml read into paragraphs and tables. In: the part's XML with the
//! styles, numbering and relationships that explain it. Out: [`Block`]s of runs that
//! carry their emphasis, highlight and link.

use std::collections::HashMap;

use crate::import::docx::parts::{Relation, Style};
use crate::import::xml::{attr, Event, Reader};

/// A stretch of text with one look.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Marked with a highlighter or a background colour.
    pub highlight: bool,
    /// An address outside the document.
    pub link: Option<String>,
    /// An image: its part in the archive (`word/media/image1.png`) and alt text in `text`.
    pub image: Option<String>,
    /// A line break within the paragraph.
    pub line_break: bool,
}

/// One paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// 1–9 for headings, 0 for the Title style.
    pub heading: Option<u8>,
    /// In a list: (list id, level, numbered).
    pub list: Option<(String, u8, bool)>,
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// The paragraph's text, images left out.
    pub fn text(&self) -> String {
        self.runs
            .iter()
            .filter(|r| r.image.is_none())
            .map(|r| r.text.as_str())
            .collect()
    }
}

/// A paragraph or a table (rows of cells of paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Vec<Vec<Vec<Paragraph>>>),
}

/// What explains the document's markup.
pub struct Context<'a> {
    pub styles: &'a HashMap<String, Style>,
    pub numbering: &'a HashMap<String, Vec<bool>>,
    pub relations: &'a HashMap<String, Relation>,
}

/// Reads the body of word/document.xml.
pub fn read(xml: &str, cx: &Context<'_>) -> Result<Vec<Block>, String> {
    let mut blocks: Vec<Block> = Vec::new();
    // Open tables: rows of cells of paragraphs.
    let mut tables: Vec<Vec<Vec<Vec<Paragraph>>>> = Vec::new();
    let mut paragraph: Option<Paragraph> = None;
    let mut run = Run::default();
    let mut link: Option<String> = None;
    let mut in_text = false;
    // Inside deleted text, field instructions or a drawing's fallback: skipped.
    let mut skip: Option<&str> = None;
    let mut skip_depth = 0;
    let mut list_num: Option<String> = None;
    let mut list_level: u8 = 0;
    for event in Reader::new(xml) {
        let event = event?;
        if let Some(name) = skip {
            match &event {
                Event::Start {
                    name: n,
                    empty: false,
                    ..
                } if *n == name => skip_depth += 1,
                Event::End { name: n } if *n == name => {
                    if skip_depth == 0 {
                        skip = None;
                    } else {
                        skip_depth -= 1;
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start { name, attrs, empty } => match name {
                "w:del" | "w:instrText" | "mc:Fallback" | "w:delText" | "w:sdtPr"
                | "w:rPrChange" | "w:pPrChange"
                    if !empty =>
                {
                    skip = Some(name);
                    skip_depth = 0;
                }
                "w:tbl" => tables.push(Vec::new()),
                "w:tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.push(Vec::new());
                    }
                }
                "w:tc" => {
                    if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                        row.push(Vec::new());
                    }
                }
                "w:p" => {
                    paragraph = Some(Paragraph::default());
                    list_num = None;
                    list_level = 0;
                }
                "w:pStyle" => {
                    let id = attr(attrs, "w:val").unwrap_or_default();
                    if let (Some(p), Some(style)) = (&mut paragraph, cx.styles.get(id.as_ref())) {
                        p.heading = style.heading.or_else(|| super::parts::heading_of(&id));
                        if let Some((num, level)) = &style.list {
                            list_num = Some(num.clone());
                            list_level = *level;
                        }
                    } else if let Some(p) = &mut paragraph {
                        p.heading = super::parts::heading_of(&id);
                    }
                }
                "w:outlineLvl" => {
                    if let (Some(p), Some(level)) = (
                        &mut paragraph,
                        attr(attrs, "w:val").and_then(|v| v.parse::<u8>().ok()),
                    ) {
                        if level < 9 && p.heading.is_none() {
                            p.heading = Some(level + 1);
                        }
                    }
                }
                "w:numId" => list_num = attr(attrs, "w:val").map(|v| v.into_owned()),
                "w:ilvl" => {
                    list_level = attr(attrs, "w:val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                }
                "w:r" => {
                    run = Run {
                        link: link.clone(),
                        ..Run::default()
                    }
                }
                "w:b" | "w:bCs" => run.bold = on(attrs),
                "w:i" | "w:iCs" => run.italic = on(attrs),
                "w:rStyle" => {
                    let style = attr(attrs, "w:val")
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    run.bold |= style.contains("strong");
                    run.italic |= style.contains("emphasis");
                }
                "w:highlight" => run.highlight = attr(attrs, "w:val").is_some_and(|v| v != "none"),
                "w:shd" => {
                    run.highlight |= attr(attrs, "w:fill").is_some_and(|f| {
                        !matches!(f.to_ascii_lowercase().as_str(), "auto" | "ffffff" | "")
                    })
                }
                "w:t" if !empty => in_text = true,
                "w:tab" => push_text(&mut paragraph, &run, " "),
                // Page and column breaks are not breaks in a web page.
                "w:br" | "w:cr" if attr(attrs, "w:type").is_none_or(|t| t == "textWrapping") => {
                    if let Some(p) = &mut paragraph {
                        p.runs.push(Run {
                            line_break: true,
                            ..Run::default()
                        });
                    }
                }
                "w:hyperlink" => {
                    link = attr(attrs, "r:id")
                        .and_then(|id| cx.relations.get(id.as_ref()))
                        .filter(|r| r.external)
                        .map(|r| r.target.clone());
                }
                "wp:docPr" => {
                    let alt = attr(attrs, "descr")
                        .filter(|d| !d.trim().is_empty())
                        .or_else(|| attr(attrs, "title"))
                        .unwrap_or_default();
                    run.text = alt.trim().to_string();
                }
                "a:blip" | "v:imagedata" => {
                    let id = attr(attrs, "r:embed")
                        .or_else(|| attr(attrs, "r:id"))
                        .unwrap_or_default();
                    if let (Some(p), Some(rel)) = (&mut paragraph, cx.relations.get(id.as_ref())) {
                        let target = rel.target.trim_start_matches('/');
                        let part = if target.starts_with("word/") {
                            target.to_string()
                        } else {
                            format!("word/{target}")
                        };
                        p.runs.push(Run {
                            image: Some(part),
                            text: std::mem::take(&mut run.text),
                            ..Run::default()
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => push_text(&mut paragraph, &run, &t),
            Event::Text(_) => {}
            Event::End { name } => match name {
                "w:t" => in_text = false,
                "w:hyperlink" => link = None,
                "w:p" => {
                    if let Some(mut p) = paragraph.take() {
                        // A heading numbered by the outline is a heading, not a list item.
                        let num = list_num.take().filter(|n| n != "0" && p.heading.is_none());
                        if let Some(num) = num {
                            let numbered = cx
                                .numbering
                                .get(&num)
                                .and_then(|levels| levels.get(list_level as usize).copied())
                                .unwrap_or(false);
                            p.list = Some((num, list_level, numbered));
                        }
                        match tables
                            .last_mut()
                            .and_then(|t| t.last_mut())
                            .and_then(|row| row.last_mut())
                        {
                            Some(cell) => cell.push(p),
                            None => blocks.push(Block::Paragraph(p)),
                        }
                    }
                }
                "w:tbl" => {
                    if let Some(table) = tables.pop() {
                        match tables
                            .last_mut()
                            .and_then(|t| t.last_mut())
                            .and_then(|row| row.last_mut())
                        {
                            // A table in a table: its text joins the outer cell.
                            Some(cell) => cell.extend(table.into_iter().flatten().flatten()),
                            None => blocks.push(Block::Table(table)),
                        }
                    }
                }
                _ => {}
            },
        }
    }
    Ok(blocks)
}

/// `<w:b/>` is on; `<w:b w:val="false"/>` (or 0, off) is off.
fn on(attrs: &str) -> bool {
    attr(attrs, "w:val").is_none_or(|v| !matches!(v.as_ref(), "false" | "0" | "off" | "none"))
}

/// Adds text to the paragraph, joined to the last run when it looks the same.
fn push_text(paragraph: &mut Option<Paragraph>, run: &Run, text: &str) {
    let Some(p) = paragraph else { return };
    if let Some(last) = p.runs.last_mut() {
        let same = last.bold == run.bold
            && last.italic == run.italic
            && last.highlight == run.highlight
            && last.link == run.link
            && last.image.is_none()
            && !last.line_break;
        if same {
            last.text.push_str(text);
            return;
        }
    }
    p.runs.push(Run {
        text: text.to_string(),
        image: None,
        line_break: false,
        ..run.clone()
    });
}
