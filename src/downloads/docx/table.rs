//! Tables in a .docx: a grid sized to its content, a shaded header row repeated on
//! each page, and columns in reading order (the first on the right in a
//! right-to-left document).
//!
//! In: a Markdown table's alignments, header and rows. Out: its XML in the body.

use pulldown_cmark::Alignment;

use super::super::document::Inline;
use super::layout::column_widths;
use super::Body;

impl Body {
    pub(super) fn table(
        &mut self,
        aligns: &[Alignment],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
    ) {
        let columns = std::iter::once(head.len())
            .chain(rows.iter().map(Vec::len))
            .max()
            .unwrap_or(1)
            .max(1);
        let widths = column_widths(columns, head, rows);
        // A right-to-left table puts its first column on the right.
        let visual = if self.rtl { "<w:bidiVisual/>" } else { "" };
        self.xml.push_str(&format!("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>{visual}<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"));
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
                if let Some(jc) = justification(aligns.get(c), self.rtl) {
                    self.xml.push_str(&format!("<w:jc w:val=\"{jc}\"/>"));
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

/// A column's `w:jc`. Markdown's alignments name physical sides; in a right-to-left
/// paragraph Word reads `left` and `right` as its start and end (LibreOffice writes a
/// cell aligned to the left of an Arabic table as `right`).
fn justification(align: Option<&Alignment>, rtl: bool) -> Option<&'static str> {
    match (align, rtl) {
        (Some(Alignment::Center), _) => Some("center"),
        (Some(Alignment::Right), false) | (Some(Alignment::Left), true) => Some("right"),
        (Some(Alignment::Right), true) => Some("left"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignments_keep_their_side_in_a_right_to_left_document() {
        assert_eq!(justification(Some(&Alignment::Right), false), Some("right"));
        assert_eq!(justification(Some(&Alignment::Left), false), None);
        assert_eq!(justification(Some(&Alignment::Right), true), Some("left"));
        assert_eq!(justification(Some(&Alignment::Left), true), Some("right"));
        assert_eq!(
            justification(Some(&Alignment::Center), true),
            Some("center")
        );
        assert_eq!(justification(Some(&Alignment::None), true), None);
    }
}
