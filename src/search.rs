//! Search: the hub's own full-text index, built while the pages render, and the
//! search page that queries it in the browser (`theme/search.js`).
//!
//! In: the assembled [`Site`] and the [`Theme`]. Out: `search/index.html` and the
//! index shards under `search/index/`, as [`OutputFile`]s; nothing when `hub.yaml`
//! says `search: false`.

pub mod documents;
pub mod index;
mod scan;
pub mod shards;
pub mod tokenize;

use crate::context::{self, SearchPage};
use crate::diagnostic::Diagnostic;
use crate::render::{self, Contents, OutputFile};
use crate::site::Site;
use crate::theme::Theme;

/// The search page's URL.
pub const SEARCH_URL: &str = "search/";
/// The folder of the index shards.
pub const INDEX_DIR: &str = "search/index/";

/// The search page and every index shard of `site`.
pub fn output(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostic> {
    let files = std::sync::Mutex::new(Vec::new());
    output_into(site, theme, &|file| render::lock(&files).push(file))?;
    let mut files = render::take(files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Hands the search page and every index shard of `site` to `sink` as each is made.
pub fn output_into(
    site: &Site,
    theme: &Theme,
    sink: &(dyn Fn(OutputFile) + Sync),
) -> Result<(), Diagnostic> {
    if !site.config.search {
        return Ok(());
    }
    let (page, ()) = rayon::join(
        || search_page(site, theme),
        || {
            let stemmer = tokenize::Stemmer::for_language(&site.config.language);
            let stopwords = index::stopwords(&site.config.language);
            let order = documents::order(site);
            let emit = |shard: shards::Shard| {
                sink(OutputFile {
                    path: format!("{INDEX_DIR}{}.js", shard.key),
                    contents: Contents::bytes(shard.script),
                })
            };
            let (docs, counting) = index::count(
                &order,
                |&page| documents::page_documents(site, page),
                stopwords,
            );
            // The documents' text is written out, and let go, before the index is
            // finished: the two are never held at once.
            let runs = documents::runs(site, &docs);
            let bundles = shards::bundles(site, &docs, &emit);
            drop(docs);
            let index = counting.finish(&stemmer);
            shards::shards(site, bundles, &runs, &index, &emit);
        },
    );
    sink(page?);
    Ok(())
}

fn search_page(site: &Site, theme: &Theme) -> Result<OutputFile, Diagnostic> {
    let chrome = context::chrome(
        site,
        SEARCH_URL,
        Some("Search"),
        "Search every article, question and template in the hub.",
        None,
    );
    let data = SearchPage {
        index_url: crate::url::relative(SEARCH_URL, INDEX_DIR),
    };
    crate::render::page(theme, "search.html", SEARCH_URL, data, chrome)
}
