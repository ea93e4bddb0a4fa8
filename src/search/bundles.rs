//! Document bundles: the shards (`d/N`) that hold what search results show, a fixed
//! number of documents each, written as the count reaches their documents, so that
//! no document's text outlives its count (at 10,000 articles, 65 MB of excerpts were
//! held until the last page was counted).
//!
//! In: the site, its pages in index order, then each chunk of their documents as the
//! count makes them. Out: the bundle [`Shard`]s, handed to `emit` as each is made, and
//! what the manifest needs of them ([`Bundles`]).

use std::sync::Mutex;

use super::documents::{document_count, Document, EXCERPT_CHARS};
use super::shard::{shard_hash, Shard};
use crate::markdown::Part;
use crate::scan;
use crate::site::{PageId, PageKind, Site};
use crate::sync::{lock, take};

/// The average size aimed at for a document bundle.
const BUNDLE_BYTES: usize = 6 * 1024;

/// What the manifest needs to know of the documents once their bundles are written.
pub struct Bundles {
    /// The hash of each bundle, in order.
    pub(super) hashes: Vec<u64>,
    pub(super) per_bundle: usize,
    /// `[first document, end, weight]` of pages whose weight is not 1.
    pub(super) weights: Vec<(usize, usize, f64)>,
}

/// Writes the bundles of the documents of `pages` (the site's pages in index order)
/// chunk by chunk as they are counted ([`Bundler::chunk`]); a bundle whose documents
/// fall in two chunks is written once both have come ([`Bundler::finish`]).
pub struct Bundler<'a> {
    site: &'a Site,
    pages: &'a [PageId],
    crumbs: Vec<String>,
    /// The number of each page's first document; the number of documents last.
    first_doc: Vec<usize>,
    per_bundle: usize,
    /// The entries of bundles that two chunks share, with their document numbers.
    shared: Mutex<Vec<(usize, String)>>,
    /// Each bundle's hash, by number, as it is written.
    hashes: Mutex<Vec<u64>>,
}

impl<'a> Bundler<'a> {
    /// Sizes the bundles from the pages' HTML: about [`BUNDLE_BYTES`] each, the text of
    /// a document estimated by its HTML (no more than an excerpt), so that no page's
    /// text need be read before the count reads it.
    pub fn new(site: &'a Site, pages: &'a [PageId]) -> Self {
        let crumbs: Vec<String> = (0..site.sections.len()).map(|s| crumb(site, s)).collect();
        let mut first_doc = Vec::with_capacity(pages.len() + 1);
        let mut documents = 0;
        for &page in pages {
            first_doc.push(documents);
            documents += document_count(site, page);
        }
        first_doc.push(documents);
        let bytes: usize = pages
            .iter()
            .map(|&page| estimated_bytes(site, &crumbs, page))
            .sum();
        let per_bundle = (documents * BUNDLE_BYTES)
            .checked_div(bytes)
            .unwrap_or(1)
            .clamp(1, 32);
        Bundler {
            site,
            pages,
            crumbs,
            first_doc,
            per_bundle,
            shared: Mutex::new(Vec::new()),
            hashes: Mutex::new(vec![0; documents.div_ceil(per_bundle)]),
        }
    }

    /// The number of each page's first document, in the order of the pages.
    pub fn first_docs(&self) -> &[usize] {
        &self.first_doc[..self.pages.len()]
    }

    /// Writes the bundles wholly inside a chunk of documents, those of the pages from
    /// `first_page` (a place in the index order) on, and keeps the entries of the
    /// bundles it shares with the chunks on either side.
    pub fn chunk(&self, first_page: usize, docs: &[Document], emit: &(dyn Fn(Shard) + Sync)) {
        let first = self.first_doc[first_page];
        let end = first + docs.len();
        let per = self.per_bundle;
        let documents = *self.first_doc.last().expect("a count of documents");
        // The chunk begins with a page's first document.
        let entry = |n: usize| {
            let i = n - first;
            let same_page = !n.is_multiple_of(per) && i > 0 && docs[i - 1].page == docs[i].page;
            self.entry(&docs[i], same_page)
        };
        let mut shared = Vec::new();
        for bundle in first / per..end.div_ceil(per) {
            let (start, stop) = (bundle * per, ((bundle + 1) * per).min(documents));
            if start >= first && stop <= end {
                let entries: Vec<String> = (start..stop).map(entry).collect();
                self.write(bundle, &entries, emit);
            } else {
                shared.extend((start.max(first)..stop.min(end)).map(|n| (n, entry(n))));
            }
        }
        lock(&self.shared).extend(shared);
    }

    /// Writes the bundles chunks shared, and says what the manifest needs.
    pub fn finish(mut self, emit: &(dyn Fn(Shard) + Sync)) -> Bundles {
        let mut shared = take(std::mem::take(&mut self.shared));
        shared.sort_unstable_by_key(|(n, _)| *n);
        let per = self.per_bundle;
        for bundle in shared.chunk_by(|a, b| a.0 / per == b.0 / per) {
            let entries: Vec<&str> = bundle.iter().map(|(_, entry)| entry.as_str()).collect();
            self.write(bundle[0].0 / per, &entries, emit);
        }
        let mut weights = Vec::new();
        for (n, &page) in self.pages.iter().enumerate() {
            let front = &self.site.pages[page].front;
            let weight = front.search_boost * if front.promoted { 1.25 } else { 1.0 };
            if weight != 1.0 {
                let docs = (self.first_doc[n], self.first_doc[n + 1]);
                weights.push((docs.0, docs.1, (weight * 1000.0).round() / 1000.0));
            }
        }
        Bundles {
            hashes: take(self.hashes),
            per_bundle: per,
            weights,
        }
    }

    /// Writes bundle number `bundle`, of `entries` in order, and keeps its hash.
    fn write<S: AsRef<str>>(&self, bundle: usize, entries: &[S], emit: &(dyn Fn(Shard) + Sync)) {
        let key = format!("d/{bundle}");
        // Written by hand, not through serde: this is most of the index's bytes.
        let bytes: usize = entries.iter().map(|e| e.as_ref().len() + 1).sum();
        let mut script = String::with_capacity(bytes + key.len() + 24);
        script.push_str("guidepostIndex(");
        push_json_string(&mut script, &key);
        script.push_str(",[");
        for (i, entry) in entries.iter().enumerate() {
            if i > 0 {
                script.push(',');
            }
            script.push_str(entry.as_ref());
        }
        script.push_str("]);\n");
        let shard = Shard { key, script };
        let hash = shard_hash(&shard);
        emit(shard);
        lock(&self.hashes)[bundle] = hash;
    }

    /// A document's entry, as JSON; `same_page` when it follows a section of its page
    /// in its bundle.
    fn entry(&self, doc: &Document, same_page: bool) -> String {
        let entry = Entry::of(self.site, &self.crumbs, doc, same_page);
        let fields = entry.fields();
        let mut out = String::with_capacity(fields.iter().map(|f| f.len() + 3).sum::<usize>() + 2);
        for (f, field) in fields.iter().enumerate() {
            out.push(if f == 0 { '[' } else { ',' });
            push_json_string(&mut out, field);
        }
        out.push(']');
        out
    }
}

/// About the bytes the documents of a page add to their bundles: their fields, each
/// text as long as its HTML, or an excerpt's length when that is shorter.
fn estimated_bytes(site: &Site, crumbs: &[String], id: PageId) -> usize {
    let page = &site.pages[id];
    let html = |parts: &[Part]| -> usize {
        parts
            .iter()
            .map(|part| match part {
                Part::Html(html) => html.len(),
                _ => 0,
            })
            .sum()
    };
    let text = |bytes: usize| match bytes {
        0 => page.front.summary.len(),
        bytes => bytes.min(EXCERPT_CHARS),
    };
    let body = &page.body.html;
    let first = page.url.len() + page.front.title.len() + crumbs[page.section].len() + 12;
    if page.kind == PageKind::Template {
        let sections: usize = body
            .sections
            .iter()
            .map(|s| html(&s.heading) + html(&s.content))
            .sum();
        return first + text(html(&body.intro) + sections);
    }
    let sections: usize = page
        .body
        .sections()
        .map(|(entry, section)| {
            entry.id.len() + entry.title.len() + html(&section.content).min(EXCERPT_CHARS) + 12
        })
        .sum();
    first + text(html(&body.intro)) + sections
}

/// A document's entry in its bundle: `[URL, anchor, page title, heading, breadcrumb,
/// text]`, or `[anchor, heading, text]` when it follows a section of the same page.
struct Entry<'a>([&'a str; 6], usize);

impl<'a> Entry<'a> {
    fn of(site: &'a Site, crumbs: &'a [String], d: &'a Document, same_page: bool) -> Self {
        let anchor = d.anchor.as_deref().unwrap_or("");
        let heading = d.heading.as_deref().unwrap_or("");
        if same_page {
            return Entry([anchor, heading, d.text(), "", "", ""], 3);
        }
        let page = &site.pages[d.page];
        let url = page.url.as_str();
        let title = page.front.title.as_str();
        let crumb = crumbs[page.section].as_str();
        Entry([url, anchor, title, heading, crumb, d.text()], 6)
    }

    fn fields(&self) -> &[&'a str] {
        &self.0[..self.1]
    }
}

/// Appends `text` as a JSON string, escaped as `serde_json` does, and `<` as `\u003c`
/// (see [`script`]).
fn push_json_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut start = 0;
    loop {
        let at = scan::first_where(
            bytes,
            start,
            |x| {
                scan::within(x, 0, 0x1f)
                    | scan::equal(x, b'"')
                    | scan::equal(x, b'\\')
                    | scan::equal(x, b'<')
            },
            |b| b < 0x20 || matches!(b, b'"' | b'\\' | b'<'),
        );
        out.push_str(&text[start..at]);
        let Some(&b) = bytes.get(at) else { break };
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'<' => out.push_str("\\u003c"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => out.push_str(&format!("\\u{b:04x}")),
        }
        start = at + 1;
    }
    out.push('"');
}

/// The folders down to a page's section, as its breadcrumb reads (`Closure › Ending
/// early`).
fn crumb(site: &Site, section: usize) -> String {
    let mut chain = Vec::new();
    let mut current = Some(section);
    while let Some(id) = current {
        if id != 0 {
            chain.push(site.sections[id].title.as_str());
        }
        current = site.sections[id].parent;
    }
    chain.reverse();
    chain.join(" › ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_strings_are_escaped_like_the_other_shards() {
        // Escapes on either side of every 8-byte boundary, and none for long stretches.
        let long = format!(
            "{}\"{}<{}\\{}\n{}",
            "a".repeat(15),
            "b".repeat(15),
            "c".repeat(16),
            "d".repeat(40),
            "e".repeat(17)
        );
        for text in [
            long.as_str(),
            "plain words",
            "say \"goodbye\" \\ back\\slash",
            "tab\tline\nreturn\r bell\u{7} form\u{c} nul\u{0} esc\u{1b}",
            "</script><!-- & -->",
            "accents é, ligature æ, emoji 🙂, separators \u{2028}\u{2029}",
        ] {
            let mut ours = String::new();
            push_json_string(&mut ours, text);
            let theirs = serde_json::to_string(text).unwrap().replace('<', "\\u003c");
            assert_eq!(ours, theirs);
            assert!(!ours.contains('<'));
        }
    }
}
