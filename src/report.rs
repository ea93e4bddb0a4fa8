//! What a finished build produced: counts, sizes, warnings and time, and the one
//! line `build` ends with.

use std::path::Path;
use std::time::Duration;

use crate::diagnostic::Diagnostic;

/// What a finished build produced.
#[derive(Debug, Clone)]
pub struct Report {
    pub articles: usize,
    pub faqs: usize,
    pub templates: usize,
    /// Listing pages: home, categories, sections, audiences, tags, library.
    pub listings: usize,
    pub files: usize,
    pub bytes: u64,
    /// Bytes of the search index shards (0 when `search: false`).
    pub index_bytes: u64,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

impl Report {
    /// The one summary line `build` ends with.
    pub fn summary(&self, out: &Path) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let index = if self.index_bytes > 0 {
            format!(
                ", search index {:.1} MB",
                self.index_bytes as f64 / 1_000_000.0
            )
        } else {
            String::new()
        };
        format!(
            "Built {}, {}, {} and {} into {} ({}, {:.1} MB{index}) in {:.2} s",
            plural(self.articles, "article", "articles"),
            plural(self.faqs, "FAQ page", "FAQ pages"),
            plural(self.templates, "template", "templates"),
            plural(self.listings, "listing page", "listing pages"),
            out.display(),
            plural(self.files, "file", "files"),
            self.bytes as f64 / 1_000_000.0,
            self.elapsed.as_secs_f64(),
        )
    }
}
