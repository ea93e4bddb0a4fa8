//! A template body as a small document tree (headings, paragraphs, lists, tables…),
//! the common ground of the .txt and .docx writers.
//!
//! In: the template's Markdown, its fields and the absolute URLs of its local links.
//! Out: blocks whose text keeps each `{{ placeholder }}` as its own inline with its
//! field's label, so every format can draw it as a labelled blank and the browser can
//! fill it in.

use pulldown_cmark::Alignment;

use crate::placeholder;

mod parse;

pub use parse::parse;

/// A block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        inlines: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    List {
        start: Option<u64>,
        items: Vec<Item>,
    },
    Quote {
        label: Option<String>,
        blocks: Vec<Block>,
    },
    Code(String),
    Table {
        aligns: Vec<Alignment>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A horizontal rule, which in a worksheet is a line to write on.
    Rule,
}

/// A list item: a task box (checked or not) and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

/// A span of text with its formatting.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        style: Style,
    },
    /// A field to fill in: its name, its label, and its place in the template's
    /// `fields` (the .docx marks blanks by that number).
    Placeholder {
        name: String,
        label: String,
        field: usize,
        style: Style,
    },
    Break,
}

/// Character formatting, and the link a span belongs to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub link: Option<String>,
}

/// The plain text of some inlines, placeholders written as blanks: `[Mentee's name]`.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Placeholder { label, .. } => out.push_str(&placeholder::text_blank(label)),
            Inline::Break => out.push('\n'),
        }
    }
    out
}

/// Shifts heading levels so the document's top heading is level 1.
pub fn top_heading_level(blocks: &[Block]) -> u8 {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1)
}

#[cfg(test)]
mod tests;
