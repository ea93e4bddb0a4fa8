//! Word documents (.docx) written directly as Office Open XML: real heading styles,
//! numbered and bulleted lists (each numbered list restarting), tables with a header
//! row, links, task boxes, and each `{{ placeholder }}` as one highlighted run that
//! the browser can fill in. A document in a right-to-left language (Arabic, Hebrew…)
//! is laid out right to left, its runs marked as Word marks them (see `bidi`). The
//! same input always gives the same bytes.

use super::document::{top_heading_level, Block, Inline, Style};
use super::zip::ZipWriter;

mod bidi;
mod layout;
mod package;
mod table;

use crate::config::Paper;
use crate::direction::{direction, Direction};
use layout::text_width;
use package::{
    core, document, numbering, relationships, styles, CONTENT_TYPES, ROOT_RELS, SETTINGS,
};

/// What the package needs beyond the body.
#[derive(Debug, Clone)]
pub struct DocxOptions<'a> {
    pub title: &'a str,
    pub language: &'a str,
    pub paper: Paper,
}

/// Writes `blocks` as a .docx file.
pub fn write(blocks: &[Block], options: &DocxOptions<'_>) -> Vec<u8> {
    let rtl = direction(options.language) == Direction::Rtl;
    let mut body = Body {
        xml: String::new(),
        links: Vec::new(),
        ordered_lists: Vec::new(),
        top: top_heading_level(blocks),
        blanks: 0,
        text_width: text_width(options.paper),
        rtl,
    };
    // The template's title heads the document, as it heads the template's page.
    if !options.title.trim().is_empty() {
        let title = [Inline::Text {
            text: options.title.to_string(),
            style: Style::default(),
        }];
        body.paragraph("<w:pStyle w:val=\"Title\"/>", &title, None);
    }
    for block in blocks {
        body.block(block, 0);
    }
    let mut zip = ZipWriter::default();
    zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    zip.add("_rels/.rels", ROOT_RELS.as_bytes());
    zip.add("docProps/core.xml", core(options).as_bytes());
    zip.add(
        "word/document.xml",
        document(&body.xml, options.paper, rtl).as_bytes(),
    );
    zip.add(
        "word/_rels/document.xml.rels",
        relationships(&body.links).as_bytes(),
    );
    zip.add("word/styles.xml", styles(options.language, rtl).as_bytes());
    zip.add(
        "word/numbering.xml",
        numbering(&body.ordered_lists).as_bytes(),
    );
    zip.add("word/settings.xml", SETTINGS.as_bytes());
    zip.finish()
}

/// The line of a blank: non-breaking spaces, underlined (about an inch and a half).
const BLANK_LINE: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// The numbering id of bulleted lists; numbered lists get 2, 3, … so each restarts.
const BULLETS: usize = 1;
/// Indentation per list level, in twentieths of a point.
const INDENT: u32 = 360;

struct Body {
    xml: String,
    /// Hyperlink targets; the n-th has relationship id `rIdL{n}`.
    links: Vec<String>,
    /// (depth, start) of each numbered list, in order; its numbering id is index + 2.
    ordered_lists: Vec<(usize, u64)>,
    top: u8,
    /// Blanks written so far (each has a bookmark of its own).
    blanks: usize,
    /// The width between the margins, in twentieths of a point.
    text_width: u32,
    /// The document reads right to left: runs are cut by direction and a table's
    /// columns run from the right.
    rtl: bool,
}

impl Body {
    fn block(&mut self, block: &Block, depth: usize) {
        match block {
            Block::Heading { level, inlines } => {
                let n = (level.saturating_sub(self.top) + 1).min(6);
                self.paragraph(&format!("<w:pStyle w:val=\"Heading{n}\"/>"), inlines, None);
            }
            Block::Paragraph(inlines) => self.paragraph(&indent(depth), inlines, None),
            Block::List { start, items } => {
                let num = match start {
                    Some(first) => {
                        self.ordered_lists.push((depth, *first));
                        self.ordered_lists.len() + 1
                    }
                    None => BULLETS,
                };
                for item in items {
                    for (i, inner) in item.blocks.iter().enumerate() {
                        match (i, inner, item.task) {
                            (0, Block::Paragraph(inlines), Some(done)) => {
                                let props = format!("<w:pStyle w:val=\"ListParagraph\"/><w:ind w:left=\"{}\" w:hanging=\"{INDENT}\"/>", INDENT * (depth as u32 + 1) + INDENT);
                                self.paragraph(
                                    &props,
                                    inlines,
                                    Some(if done { "\u{2612} " } else { "\u{2610} " }),
                                );
                            }
                            (0, Block::Paragraph(inlines), None) => {
                                let props = format!("<w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{depth}\"/><w:numId w:val=\"{num}\"/></w:numPr>");
                                self.paragraph(&props, inlines, None);
                            }
                            (_, Block::Paragraph(inlines), _) => {
                                let props = format!(
                                    "<w:pStyle w:val=\"ListParagraph\"/><w:ind w:left=\"{}\"/>",
                                    INDENT * (depth as u32 + 2)
                                );
                                self.paragraph(&props, inlines, None);
                            }
                            (_, other, _) => self.block(other, depth + 1),
                        }
                    }
                }
            }
            Block::Quote { label, blocks } => {
                let mut first = true;
                for inner in blocks {
                    match inner {
                        Block::Paragraph(inlines) => {
                            let mut inlines = inlines.clone();
                            if let (true, Some(label)) = (first, label) {
                                let style = Style {
                                    bold: true,
                                    ..Style::default()
                                };
                                inlines.insert(
                                    0,
                                    Inline::Text {
                                        text: format!("{label}: "),
                                        style,
                                    },
                                );
                            }
                            self.paragraph("<w:pStyle w:val=\"Quote\"/>", &inlines, None);
                        }
                        other => self.block(other, depth + 1),
                    }
                    first = false;
                }
            }
            Block::Code(code) => {
                // Code reads left to right in any document (its style says so), so
                // its runs are not cut by direction: `f();` keeps its `();`.
                let rtl = std::mem::replace(&mut self.rtl, false);
                for line in code.lines() {
                    let inlines = [Inline::Text {
                        text: line.to_string(),
                        style: Style::default(),
                    }];
                    self.paragraph("<w:pStyle w:val=\"Code\"/>", &inlines, None);
                }
                self.rtl = rtl;
            }
            Block::Table { aligns, head, rows } => self.table(aligns, head, rows),
            Block::Rule => {
                // A line to write on: a tab drawn as a line to the right margin. (A
                // paragraph border would merge with the next rule's: Word draws one
                // line under a run of bordered paragraphs.)
                self.xml.push_str(&format!(
                    "<w:p><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"underscore\" w:pos=\"{}\"/></w:tabs><w:spacing w:before=\"360\" w:after=\"0\"/></w:pPr><w:r><w:tab/></w:r></w:p>",
                    self.text_width
                ));
            }
        }
    }

    fn paragraph(&mut self, props: &str, inlines: &[Inline], prefix: Option<&str>) {
        self.xml.push_str("<w:p>");
        if !props.is_empty() {
            self.xml.push_str("<w:pPr>");
            self.xml.push_str(props);
            self.xml.push_str("</w:pPr>");
        }
        if let Some(prefix) = prefix {
            run(&mut self.xml, prefix, &Style::default(), "", self.rtl);
        }
        self.inlines(inlines, false);
        self.xml.push_str("</w:p>");
    }

    fn inlines(&mut self, inlines: &[Inline], force_bold: bool) {
        // Which characters go in right-to-left runs is decided over the paragraph's
        // whole text, as a run's neighbours decide what its spaces belong to.
        let mut flags = if self.rtl {
            bidi::rtl_flags(&paragraph_text(inlines))
        } else {
            Vec::new()
        }
        .into_iter();
        let mut open_link: Option<&str> = None;
        for inline in inlines {
            let link = match inline {
                Inline::Text { style, .. } | Inline::Placeholder { style, .. } => {
                    style.link.as_deref()
                }
                Inline::Break => open_link,
            };
            if link != open_link {
                if open_link.is_some() {
                    self.xml.push_str("</w:hyperlink>");
                }
                if let Some(url) = link {
                    let id = match self.links.iter().position(|l| l == url) {
                        Some(i) => i,
                        None => {
                            self.links.push(url.to_string());
                            self.links.len() - 1
                        }
                    };
                    self.xml
                        .push_str(&format!("<w:hyperlink r:id=\"rIdL{id}\" w:history=\"1\">"));
                }
                open_link = link;
            }
            match inline {
                Inline::Text { text, style } => {
                    let style = Style {
                        bold: style.bold || force_bold,
                        ..style.clone()
                    };
                    self.text(text, &style, &mut flags);
                }
                Inline::Placeholder {
                    label,
                    field,
                    style,
                    ..
                } => {
                    let style = Style {
                        bold: style.bold || force_bold,
                        ..style.clone()
                    };
                    self.blank(label, *field, &style, &mut flags);
                }
                Inline::Break => {
                    flags.next();
                    self.xml.push_str("<w:r><w:br/></w:r>");
                }
            }
        }
        if open_link.is_some() {
            self.xml.push_str("</w:hyperlink>");
        }
    }

    /// Text in one run, or in a document read right to left, in one run per
    /// direction (one flag per character from `flags`).
    fn text(&mut self, text: &str, style: &Style, flags: &mut impl Iterator<Item = bool>) {
        if !self.rtl {
            return run(&mut self.xml, text, style, "", false);
        }
        for (piece, rtl) in bidi::pieces(text, flags) {
            run(&mut self.xml, piece, style, "", rtl);
        }
    }

    /// A field to fill in: a line to write on with the label beside it, inside a
    /// bookmark named after the field's place in `fields`, where the browser puts the
    /// reader's value (template-card.js). The line and the label are one run each, as
    /// the browser finds them; the line, spaces only, needs no direction.
    fn blank(
        &mut self,
        label: &str,
        field: usize,
        style: &Style,
        flags: &mut impl Iterator<Item = bool>,
    ) {
        let n = self.blanks;
        self.blanks += 1;
        self.xml.push_str(&format!(
            "<w:bookmarkStart w:id=\"{n}\" w:name=\"_GpBlank{field}_{n}\"/>"
        ));
        run(
            &mut self.xml,
            BLANK_LINE,
            style,
            "<w:u w:val=\"single\"/>",
            false,
        );
        let label_style = Style {
            bold: false,
            ..style.clone()
        };
        let label = format!(" ({label})");
        flags
            .take(BLANK_LINE.chars().count() + label.chars().count())
            .for_each(drop);
        run(
            &mut self.xml,
            &label,
            &label_style,
            "<w:color w:val=\"595959\"/><w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/>",
            self.rtl && bidi::is_rtl_text(&label),
        );
        self.xml.push_str(&format!("<w:bookmarkEnd w:id=\"{n}\"/>"));
    }
}

/// The indent of a paragraph nested `depth` deep. `w:left` is the side lines start
/// from: the right in a right-to-left paragraph, as the standard's first edition says
/// and LibreOffice lays it out.
fn indent(depth: usize) -> String {
    if depth == 0 {
        String::new()
    } else {
        format!("<w:ind w:left=\"{}\"/>", INDENT * (depth as u32 + 1))
    }
}

/// A paragraph's text as its runs write it, for deciding their directions.
fn paragraph_text(inlines: &[Inline]) -> String {
    let mut text = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text: t, .. } => text.push_str(t),
            Inline::Placeholder { label, .. } => {
                text.push_str(BLANK_LINE);
                text.push_str(&format!(" ({label})"));
            }
            Inline::Break => text.push('\n'),
        }
    }
    text
}

/// One run of text; `extra` holds properties that come after the style's in the
/// schema's order (colour, size, underline), and `rtl` marks it right to left. Bold
/// and italic are set for complex scripts too (`w:bCs`, `w:iCs`), which Word applies to
/// Arabic, Hebrew or Hindi letters and to every right-to-left run.
fn run(xml: &mut String, text: &str, style: &Style, extra: &str, rtl: bool) {
    xml.push_str("<w:r>");
    let mut props = String::new();
    if style.link.is_some() {
        props.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
    }
    if style.code {
        props.push_str("<w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/>");
    }
    if style.bold {
        props.push_str("<w:b/><w:bCs/>");
    }
    if style.italic {
        props.push_str("<w:i/><w:iCs/>");
    }
    if style.strike {
        props.push_str("<w:strike/>");
    }
    props.push_str(extra);
    if rtl {
        props.push_str("<w:rtl/>");
    }
    if !props.is_empty() {
        xml.push_str("<w:rPr>");
        xml.push_str(&props);
        xml.push_str("</w:rPr>");
    }
    xml.push_str("<w:t xml:space=\"preserve\">");
    escape_into(xml, text);
    xml.push_str("</w:t></w:r>");
}

/// Escapes text for XML, dropping control characters XML 1.0 cannot carry.
pub fn escape_into(xml: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            '\t' => xml.push(' '),
            c if (c as u32) < 0x20 && c != '\n' && c != '\r' => {}
            c => xml.push(c),
        }
    }
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    escape_into(&mut out, text);
    out
}
