//! The page's geometry in a .docx: paper sizes, margins, the width text has, and
//! table column widths shared by content.
//!
//! In: the paper setting and a table's cells. Out: lengths in twentieths of a point.

use super::super::document::{plain, Inline};
use crate::config::Paper;

/// Each page margin: an inch.
pub(super) const MARGIN: u32 = 1440;

/// The page's width and height.
pub(super) fn page_size(paper: Paper) -> (u32, u32) {
    match paper {
        Paper::Letter => (12240, 15840),
        Paper::A4 => (11906, 16838),
    }
}

/// The width between the margins.
pub(super) fn text_width(paper: Paper) -> u32 {
    let (width, _) = page_size(paper);
    width - 2 * MARGIN
}

/// Column widths in twips, sharing the page's width (Letter or A4 with one-inch
/// margins leaves about 9,000) by the length of each column's longest line: a "Time"
/// column stays narrow beside a column of prompts. Bounds keep a short column wide
/// enough for its words and one long cell from taking the whole page.
pub(super) fn column_widths(
    columns: usize,
    head: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
) -> Vec<u32> {
    const PAGE: u32 = 9000;
    let mut longest = vec![0usize; columns];
    for cells in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
        for (c, cell) in cells.iter().enumerate().take(columns) {
            let text = plain(cell);
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
