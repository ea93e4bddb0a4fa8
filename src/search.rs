//! The search stage: the hub's own full-text index, built beside the pages, that
//! the search page queries in the browser (`theme/search.js` and the scripts it loads).
//!
//! In: the assembled [`Site`]. Out: the index shards under `search/index/`, as
//! [`OutputFile`]s; nothing when `hub.yaml` says `search: false`.

mod bundles;
mod dictionary;
pub mod documents;
pub mod index;
mod place_shards;
pub mod positions;
pub mod postings;
pub mod shard;
pub mod shards;
pub mod stemmer;
pub mod tokenize;

use crate::diagnostic::Diagnostic;
use crate::output::{Contents, OutputFile};
use crate::routes;
use crate::site::Site;
use crate::sync::{lock, take};

/// Every index shard of `site`, sorted by path (for `serve`, which keeps them in memory).
pub fn output(site: &Site) -> Result<Vec<OutputFile>, Diagnostic> {
    let files = std::sync::Mutex::new(Vec::new());
    index(site, &|file| {
        lock(&files).push(file);
        Ok(())
    })
    .map_err(|e| {
        e.diagnostics()
            .first()
            .cloned()
            .unwrap_or_else(|| Diagnostic::general(e.to_string()))
    })?;
    let mut files = take(files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Hands every index shard of `site` to `sink` as each is made; nothing when
/// `hub.yaml` says `search: false`.
pub fn index(site: &Site, sink: &crate::output::Sink<'_>) -> crate::error::Result<()> {
    if !site.config.search {
        return Ok(());
    }
    let failed = std::sync::Mutex::new(None);
    let stemmer = stemmer::Stemmer::for_language(&site.config.language);
    let stopwords = index::stopwords(&site.config.language);
    let order = documents::order(site);
    let emit = |shard: shard::Shard| {
        let file = OutputFile {
            path: site.route(&routes::index_shard(&shard.key)),
            contents: Contents::bytes(shard.script),
        };
        if let Err(e) = sink(file) {
            lock(&failed).get_or_insert(e);
        }
    };
    // Each chunk's bundles are written, and its documents' text let go, as soon as
    // it is counted: the hub's text is never held whole beside the index.
    let bundler = bundles::Bundler::new(site, &order);
    let counting = index::count(
        &order,
        |&page| documents::page_documents(site, page),
        stopwords,
        |first, docs| bundler.chunk(first, docs, &emit),
    );
    let runs = documents::runs(site, &order, bundler.first_docs());
    let bundles = bundler.finish(&emit);
    let index = counting.finish(&stemmer);
    shards::shards(site, bundles, &runs, &index, &emit);
    match take(failed) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
