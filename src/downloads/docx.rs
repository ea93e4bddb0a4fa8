//! Word documents (.docx) written directly as Office Open XML: real heading styles,
//! numbered and bulleted lists (each numbered list restarting), tables with a header
//! row, links, task boxes, and each `{{ placeholder }}` as one highlighted run that
//! the browser can fill in. The same input always gives the same bytes.

use pulldown_cmark::Alignment;

use super::document::{top_heading_level, Block, Inline, Style};
use super::zip::ZipWriter;

mod layout;
mod package;

use crate::config::Paper;
use layout::{column_widths, text_width};
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
    let mut body = Body {
        xml: String::new(),
        links: Vec::new(),
        ordered_lists: Vec::new(),
        top: top_heading_level(blocks),
        blanks: 0,
        text_width: text_width(options.paper),
    };
    // The template's title heads the document, as it heads the template's page.
    if !options.title.trim().is_empty() {
        body.xml.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(options.title)
        ));
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
        document(&body.xml, options.paper).as_bytes(),
    );
    zip.add(
        "word/_rels/document.xml.rels",
        relationships(&body.links).as_bytes(),
    );
    zip.add("word/styles.xml", styles(options.language).as_bytes());
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
                for line in code.lines() {
                    let inlines = [Inline::Text {
                        text: line.to_string(),
                        style: Style::default(),
                    }];
                    self.paragraph("<w:pStyle w:val=\"Code\"/>", &inlines, None);
                }
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
            run(&mut self.xml, prefix, &Style::default(), "");
        }
        self.inlines(inlines, false);
        self.xml.push_str("</w:p>");
    }

    fn inlines(&mut self, inlines: &[Inline], force_bold: bool) {
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
                    run(&mut self.xml, text, &style, "");
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
                    self.blank(label, *field, &style);
                }
                Inline::Break => self.xml.push_str("<w:r><w:br/></w:r>"),
            }
        }
        if open_link.is_some() {
            self.xml.push_str("</w:hyperlink>");
        }
    }

    /// A field to fill in: a line to write on with the label beside it, inside a
    /// bookmark named after the field's place in `fields`, where the browser puts the
    /// reader's value (template-card.js).
    fn blank(&mut self, label: &str, field: usize, style: &Style) {
        let n = self.blanks;
        self.blanks += 1;
        self.xml.push_str(&format!(
            "<w:bookmarkStart w:id=\"{n}\" w:name=\"_GpBlank{field}_{n}\"/>"
        ));
        run(&mut self.xml, BLANK_LINE, style, "<w:u w:val=\"single\"/>");
        let label_style = Style {
            bold: false,
            ..style.clone()
        };
        run(
            &mut self.xml,
            &format!(" ({label})"),
            &label_style,
            "<w:color w:val=\"595959\"/><w:sz w:val=\"17\"/>",
        );
        self.xml.push_str(&format!("<w:bookmarkEnd w:id=\"{n}\"/>"));
    }

    fn table(&mut self, aligns: &[Alignment], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) {
        let columns = std::iter::once(head.len())
            .chain(rows.iter().map(Vec::len))
            .max()
            .unwrap_or(1)
            .max(1);
        let widths = column_widths(columns, head, rows);
        self.xml.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
        for width in &widths {
            self.xml.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
        }
        self.xml.push_str("</w:tblGrid>");
        let all = std::iter::once((true, head)).chain(rows.iter().map(|r| (false, r.as_slice())));
        for (is_head, cells) in all {
            self.xml.push_str("<w:tr>");
            if is_head {
                self.xml.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for (c, width) in widths.iter().enumerate() {
                self.xml.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
                ));
                if is_head {
                    self.xml
                        .push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8EEF5\"/>");
                }
                self.xml
                    .push_str("</w:tcPr><w:p><w:pPr><w:spacing w:after=\"0\"/>");
                match aligns.get(c) {
                    Some(Alignment::Center) => self.xml.push_str("<w:jc w:val=\"center\"/>"),
                    Some(Alignment::Right) => self.xml.push_str("<w:jc w:val=\"right\"/>"),
                    _ => {}
                }
                self.xml.push_str("</w:pPr>");
                if let Some(cell) = cells.get(c) {
                    self.inlines(cell, is_head);
                }
                self.xml.push_str("</w:p></w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml
            .push_str("</w:tbl><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>");
    }
}

fn indent(depth: usize) -> String {
    if depth == 0 {
        String::new()
    } else {
        format!("<w:ind w:left=\"{}\"/>", INDENT * (depth as u32 + 1))
    }
}

/// One run of text; its properties in the order the schema requires.
/// One run of text; `extra` holds properties that come after the style's in the
/// schema's order (colour, size, underline).
fn run(xml: &mut String, text: &str, style: &Style, extra: &str) {
    xml.push_str("<w:r>");
    let mut props = String::new();
    if style.link.is_some() {
        props.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
    }
    if style.code {
        props.push_str("<w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/>");
    }
    if style.bold {
        props.push_str("<w:b/>");
    }
    if style.italic {
        props.push_str("<w:i/>");
    }
    if style.strike {
        props.push_str("<w:strike/>");
    }
    props.push_str(extra);
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
