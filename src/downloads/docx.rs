//! Word documents (.docx) written directly as Office Open XML: real heading styles,
//! numbered and bulleted lists (each numbered list restarting), tables with a header
//! row, links, task boxes, and each `{{ placeholder }}` as one highlighted run that
//! the browser can fill in. The same input always gives the same bytes.

use pulldown_cmark::Alignment;

use super::document::{top_heading_level, Block, Inline, Style};
use super::zip::ZipWriter;
use crate::config::Paper;

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
                // A line to write on.
                self.xml.push_str("<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"808080\"/></w:pBdr><w:spacing w:before=\"240\"/></w:pPr></w:p>");
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
            run(&mut self.xml, prefix, &Style::default(), false);
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
                    run(&mut self.xml, text, &style, false);
                }
                Inline::Placeholder { name, style } => {
                    let style = Style {
                        bold: style.bold || force_bold,
                        ..style.clone()
                    };
                    run(&mut self.xml, &format!("{{{{ {name} }}}}"), &style, true);
                }
                Inline::Break => self.xml.push_str("<w:r><w:br/></w:r>"),
            }
        }
        if open_link.is_some() {
            self.xml.push_str("</w:hyperlink>");
        }
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
fn run(xml: &mut String, text: &str, style: &Style, placeholder: bool) {
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
    if placeholder {
        props.push_str("<w:highlight w:val=\"yellow\"/>");
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

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

fn core(options: &DocxOptions<'_>) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:language>{}</dc:language></cp:coreProperties>",
        escape(options.title),
        escape(options.language)
    )
}

fn document(body: &str, paper: Paper) -> String {
    let (width, height) = match paper {
        Paper::Letter => (12240, 15840),
        Paper::A4 => (11906, 16838),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"{width}\" w:h=\"{height}\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}

fn relationships(links: &[String]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>");
    for (i, url) in links.iter().enumerate() {
        xml.push_str(&format!(
            "<Relationship Id=\"rIdL{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
            escape(url)
        ));
    }
    xml.push_str("</Relationships>");
    xml
}

fn styles(language: &str) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:eastAsia=\"Calibri\" w:hAnsi=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{}\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        escape(language)
    );
    xml.push_str("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>");
    for (n, size) in [(1, 32), (2, 28), (3, 26), (4, 24), (5, 22), (6, 22)] {
        xml.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{n}\"><w:name w:val=\"heading {n}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{}\" w:after=\"80\"/><w:outlineLvl w:val=\"{}\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
            if n == 1 { 360 } else { 240 },
            n - 1
        ));
    }
    xml.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/><w:contextualSpacing/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>");
    xml.push_str("<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"34\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/><w:contextualSpacing/></w:pPr></w:style>");
    xml.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"29\"/><w:qFormat/><w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"1F5FA8\"/></w:pBdr><w:ind w:left=\"567\"/></w:pPr><w:rPr><w:color w:val=\"404040\"/></w:rPr></w:style>");
    xml.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Code\"><w:name w:val=\"Code\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/><w:sz w:val=\"20\"/></w:rPr></w:style>");
    xml.push_str("<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:uiPriority w:val=\"99\"/><w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>");
    xml.push_str("<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    xml.push_str("<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A0A8B4\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A0A8B4\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A0A8B4\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A0A8B4\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A0A8B4\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A0A8B4\"/></w:tblBorders><w:tblCellMar><w:top w:w=\"60\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"60\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    xml.push_str("</w:styles>");
    xml
}

fn numbering(ordered: &[(usize, u64)]) -> String {
    let mut xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"{W}\">");
    for (id, kinds) in [
        (0, ["bullet"; 3]),
        (1, ["decimal", "lowerLetter", "lowerRoman"]),
    ] {
        xml.push_str(&format!("<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"));
        for level in 0..9u32 {
            let format = kinds[level as usize % 3];
            let text = if id == 0 {
                ["\u{2022}", "\u{25E6}", "\u{25AA}"][level as usize % 3].to_string()
            } else {
                format!("%{}.", level + 1)
            };
            xml.push_str(&format!(
                "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" w:hanging=\"{INDENT}\"/></w:pPr></w:lvl>",
                INDENT * (level + 2)
            ));
        }
        xml.push_str("</w:abstractNum>");
    }
    xml.push_str(&format!(
        "<w:num w:numId=\"{BULLETS}\"><w:abstractNumId w:val=\"0\"/></w:num>"
    ));
    for (i, (depth, start)) in ordered.iter().enumerate() {
        xml.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"{depth}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
            i + 2
        ));
    }
    xml.push_str("</w:numbering>");
    xml
}

/// Column widths in twips, sharing the page's width (Letter or A4 with one-inch
/// margins leaves about 9,000) by the length of each column's longest line: a "Time"
/// column stays narrow beside a column of prompts. Bounds keep a short column wide
/// enough for its words and one long cell from taking the whole page.
fn column_widths(columns: usize, head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> Vec<u32> {
    const PAGE: u32 = 9000;
    let mut longest = vec![0usize; columns];
    for cells in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
        for (c, cell) in cells.iter().enumerate().take(columns) {
            let text = super::document::plain(cell);
            let length = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            longest[c] = longest[c].max(length);
        }
    }
    let weights: Vec<u32> = longest.iter().map(|&l| l.clamp(6, 60) as u32).collect();
    let total: u32 = weights.iter().sum();
    let mut widths: Vec<u32> = weights.iter().map(|w| PAGE * w / total).collect();
    // What rounding left over goes to the last column, so the grid fills the page.
    let used: u32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += PAGE - used;
    }
    widths
}
