//! Document bundles: the shards (`d/N`) that hold what search results show, a fixed
//! number of documents each, written first so the documents' text can be let go.
//!
//! In: the site and its documents in index order. Out: the bundle [`Shard`]s, handed
//! to `emit` as each is made, and what the manifest needs of them ([`Bundles`]).

use rayon::prelude::*;

use super::documents::Document;
use super::shard::{shard_hash, Shard};
use crate::scan;
use crate::site::Site;

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

/// Writes the document bundles through `emit`, as soon as the documents are made
/// (so their text can go before the index is finished); [`shards`] takes what they
/// leave for the manifest.
pub fn bundles(site: &Site, docs: &[Document], emit: &(dyn Fn(Shard) + Sync)) -> Bundles {
    let crumbs: Vec<String> = (0..site.sections.len()).map(|s| crumb(site, s)).collect();
    // About the bytes each document adds to its bundle, its page's fields counted once.
    let text: usize = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let same_page = i > 0 && docs[i - 1].page == d.page;
            let entry = Entry::of(site, &crumbs, d, same_page);
            entry.fields().iter().map(|f| f.len()).sum::<usize>() + 12
        })
        .sum();
    let per_bundle = (docs.len() * BUNDLE_BYTES)
        .checked_div(text)
        .unwrap_or(1)
        .clamp(1, 32);
    let bundle_hashes: Vec<u64> = docs
        .par_chunks(per_bundle)
        .enumerate()
        .map(|(n, chunk)| {
            let key = format!("d/{n}");
            // Written by hand, not through serde: this is most of the index's bytes.
            let mut script = String::with_capacity(
                chunk.iter().map(|d| d.text().len() + 200).sum::<usize>() + 32,
            );
            script.push_str("guidepostIndex(");
            push_json_string(&mut script, &key);
            script.push_str(",[");
            for (i, d) in chunk.iter().enumerate() {
                if i > 0 {
                    script.push(',');
                }
                let same_page = i > 0 && chunk[i - 1].page == d.page;
                let entry = Entry::of(site, &crumbs, d, same_page);
                for (f, field) in entry.fields().iter().enumerate() {
                    script.push(if f == 0 { '[' } else { ',' });
                    push_json_string(&mut script, field);
                }
                script.push(']');
            }
            script.push_str("]);\n");
            let shard = Shard { key, script };
            let hash = shard_hash(&shard);
            emit(shard);
            hash
        })
        .collect();
    let mut weights = Vec::new();
    let mut start = 0;
    while start < docs.len() {
        let page = docs[start].page;
        let end = start + docs[start..].iter().take_while(|d| d.page == page).count();
        let front = &site.pages[page].front;
        let weight = front.search_boost * if front.promoted { 1.25 } else { 1.0 };
        if weight != 1.0 {
            weights.push((start, end, (weight * 1000.0).round() / 1000.0));
        }
        start = end;
    }
    Bundles {
        hashes: bundle_hashes,
        per_bundle,
        weights,
    }
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
