//! How the index weighs each entry: BM25 over the fields of a document, summed by
//! weight ([`WEIGHTS`]: title > headings > body), then quantised to levels relative to
//! the best score of the whole index, so the browser only adds numbers.

use super::super::documents::{FIELDS, WEIGHTS};
use super::counts;
use super::Counted;
use super::TOP_LEVEL;

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation per field: full for running text, light for titles.
const B: [f32; FIELDS] = [0.3, 0.4, 0.4, 0.3, 0.75];
/// Each quantised level is this much above the one below.
pub const LEVEL_STEP: f32 = 1.12;

/// What BM25 weighs an entry by: each group's rarity and each field's average length.
pub(super) struct Scoring {
    idf: Vec<f32>,
    average: [f32; FIELDS],
}

impl Scoring {
    /// The weights of the `documents` counted in `chunks`, whose groups are in `df`
    /// documents each.
    pub(super) fn new(chunks: &[Counted], df: &[u32], documents: usize) -> Scoring {
        let n = documents.max(1) as f32;
        let mut total = [0f64; FIELDS];
        for lengths in chunks.iter().flat_map(|c| &c.lengths) {
            for f in 0..FIELDS {
                total[f] += f64::from(lengths[f]);
            }
        }
        Scoring {
            idf: df
                .iter()
                .map(|&d| (1.0 + (n - d as f32 + 0.5) / (d as f32 + 0.5)).ln())
                .collect(),
            average: total.map(|t| (t as f32 / n).max(1.0)),
        }
    }

    /// The score of an entry in a document whose fields have `lengths`. Each field
    /// saturates on its own before the weights apply, so a word in the title outweighs
    /// the same word repeated in the text (in BM25F proper, one saturation over the
    /// weighted sum would flatten the weights).
    pub(super) fn score(&self, entry: &[u32; 4], lengths: &[u32; FIELDS]) -> f32 {
        let tf = counts(entry);
        let mut sum = 0.0;
        for f in 0..FIELDS {
            if tf[f] > 0 {
                let norm = 1.0 - B[f] + B[f] * lengths[f] as f32 / self.average[f];
                let tf = f32::from(tf[f]);
                sum += WEIGHTS[f] * tf * (K1 + 1.0) / (tf + K1 * norm);
            }
        }
        self.idf[entry[0] as usize] * sum
    }
}

/// The level of `score`: [`TOP_LEVEL`] for the best score, one less per [`LEVEL_STEP`].
pub fn level(score: f32, best: f32) -> u8 {
    if score <= 0.0 {
        return 0;
    }
    let below = (best / score).ln() / LEVEL_STEP.ln();
    // Rounded half up by truncating (one instruction, where `round` is a call).
    let steps = (below.max(0.0) + 0.5) as u32;
    TOP_LEVEL.saturating_sub(steps.min(u32::from(TOP_LEVEL)) as u8)
}
