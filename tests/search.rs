//! The search index a build writes: the search page, shards that register with the
//! loader, a manifest that describes them, and documents per section, question and
//! template; none of it when `hub.yaml` turns search off.

mod common;

use common::{build_ok, hub, read, tree};
use guidepost::search::positions::decode;
use guidepost::search::shard::{read_varints, TIERS};

/// The JSON a shard passes to `guidepostIndex(key, data)`.
fn shard_data(script: &str, key: &str) -> serde_json::Value {
    let prefix = format!("guidepostIndex({},", serde_json::json!(key));
    let json = script
        .strip_prefix(&prefix)
        .and_then(|rest| rest.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("{key} does not register itself: {script}"));
    serde_json::from_str(json).expect("shard data is JSON")
}

/// Decodes the index's base-64 varints (see `shard::push_varint`).
#[test]
fn writes_the_search_page_and_shards() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let page = read(&out, "search/index.html");
    assert!(page.contains(r#"data-index="index/""#), "{page}");
    assert!(page.contains("Search needs JavaScript"));
    let article = read(&out, "guide/first/index.html");
    assert!(article.contains(r#"<form class="site-search" role="search" action="../../search/""#));
    assert!(article.contains(r#"<script src="../../theme/search.js" defer></script>"#));
    // The rest of search is fetched by search.js, from beside it: no tag of its own
    // on every page.
    for script in [
        "search-terms.js",
        "search-core.js",
        "search-phrase.js",
        "search-results.js",
    ] {
        assert!(!article.contains(script), "{article}");
        assert!(out.join("theme").join(script).is_file(), "{script}");
    }

    let files = tree(&out.join("search/index"));
    for (path, bytes) in &files {
        let key = path.trim_end_matches(".js");
        let script = String::from_utf8(bytes.clone()).unwrap();
        shard_data(&script, key);
        assert!(bytes.len() < 64 * 1024, "{path} is {} bytes", bytes.len());
    }
    let manifest = shard_data(&read(&out, "search/index/manifest.js"), "manifest");
    // First steps: intro + 2 parts; Second steps: see the fixture; Questions: intro + 2;
    // the agenda template: 1.
    let documents = manifest["documents"].as_u64().unwrap();
    assert!(documents >= 7, "{manifest}");
    assert_eq!(
        manifest["audiences"],
        serde_json::json!(["Mentors", "Mentees"])
    );
    // Runs: gap to the first document, kind (0 article, 1 FAQ, 2 template), category, audiences.
    let runs = read_varints(manifest["runs"].as_str().unwrap()).expect("base-64 digits");
    let kinds: Vec<u64> = runs.chunks(4).map(|r| r[1]).collect();
    assert_eq!(kinds.first(), Some(&0));
    assert_eq!(kinds.last(), Some(&2));
    assert!(kinds.contains(&1));
    assert!(runs.chunks(4).map(|r| r[0]).sum::<u64>() < documents);
    // The promoted page ranks first among equals.
    assert!(!manifest["weights"].as_array().unwrap().is_empty());

    // The vocabulary is sorted across shards and holds folded, stemmed-group terms.
    let mut terms = Vec::new();
    for n in 0..manifest["vocabulary"].as_array().unwrap().len() {
        let key = format!("v/{n}");
        let data = shard_data(&read(&out, &format!("search/index/{key}.js")), &key);
        terms.extend(data[0].as_str().unwrap().split(' ').map(str::to_string));
    }
    assert!(terms.windows(2).all(|w| w[0] < w[1]));
    for word in ["agenda", "meet", "often", "touch", "name"] {
        assert!(terms.iter().any(|t| t == word), "{word} not in {terms:?}");
    }
    assert!(terms.iter().all(|t| t.chars().all(|c| !c.is_uppercase())));

    // Every document has a bundle entry with its URL, title and text.
    let urls = bundle_urls(&out).concat();
    assert_eq!(urls.len() as u64, documents);
    assert!(urls.contains(&"faq/questions/#how-often-should-we-meet".to_string()));
    assert!(urls.contains(&"guide/first/#agenda".to_string()));
    assert!(urls.contains(&"templates/agenda/#".to_string()));
}

/// The `URL#anchor` of each document, bundle by bundle; every bundle but the last
/// holds as many documents as the manifest says.
fn bundle_urls(out: &std::path::Path) -> Vec<Vec<String>> {
    let manifest = shard_data(&read(out, "search/index/manifest.js"), "manifest");
    let documents = manifest["documents"].as_u64().unwrap();
    let per_bundle = manifest["docs_per_bundle"].as_u64().unwrap();
    let mut bundles = Vec::new();
    for b in 0..documents.div_ceil(per_bundle) {
        let key = format!("d/{b}");
        let data = shard_data(&read(out, &format!("search/index/{key}.js")), &key);
        // A later section of the same page leaves out the page's URL, title and breadcrumb.
        let mut page_url = "";
        let mut urls = Vec::new();
        for doc in data.as_array().unwrap() {
            let anchor = match doc.as_array().unwrap().len() {
                6 => {
                    page_url = doc[0].as_str().unwrap();
                    assert!(!doc[2].as_str().unwrap().is_empty(), "{doc}");
                    doc[1].as_str().unwrap()
                }
                3 => {
                    assert!(!page_url.is_empty(), "a short entry opens {key}");
                    doc[0].as_str().unwrap()
                }
                n => panic!("an entry of {n} fields in {key}: {doc}"),
            };
            urls.push(format!("{page_url}#{anchor}"));
        }
        let last = b + 1 == documents.div_ceil(per_bundle);
        let expected = if last {
            documents - b * per_bundle
        } else {
            per_bundle
        };
        assert_eq!(urls.len() as u64, expected, "{key}");
        bundles.push(urls);
    }
    bundles
}

/// A hub is counted in chunks on every core, and each chunk's bundles are written as
/// soon as it is counted: a bundle that holds documents of two chunks still holds
/// them all, in order, once each.
#[test]
fn bundles_that_two_chunks_share_hold_every_document_in_order() {
    let dir = hub("base");
    let many = dir.path().join("content/many");
    std::fs::create_dir_all(&many).unwrap();
    std::fs::write(many.join("_index.md"), "---\ntitle: Many\n---\n").unwrap();
    for n in 0..90 {
        let page = format!(
            "---\ntitle: Page {n}\n---\n\nIntro of page {n}.\n\n## One\n\nFirst part of page {n}.\n\n## Two\n\nSecond part of page {n}.\n"
        );
        std::fs::write(many.join(format!("p{n:02}.md")), page).unwrap();
    }
    let out = build_ok(dir.path());
    let bundles = bundle_urls(&out);
    assert!(bundles.len() > 4, "{bundles:?}");
    let ours: Vec<String> = bundles
        .concat()
        .into_iter()
        .filter(|url| url.starts_with("many/"))
        .collect();
    let expected: Vec<String> = (0..90)
        .flat_map(|n| ["", "one", "two"].map(|anchor| format!("many/p{n:02}/#{anchor}")))
        .collect();
    assert_eq!(ours, expected);
}

/// Every term of an index's vocabulary, in the order of its shards, with its group.
fn vocabulary_groups(out: &std::path::Path) -> Vec<(String, i64)> {
    let manifest = shard_data(&read(out, "search/index/manifest.js"), "manifest");
    let mut terms = Vec::new();
    for n in 0..manifest["vocabulary"].as_array().unwrap().len() {
        let key = format!("v/{n}");
        let data = shard_data(&read(out, &format!("search/index/{key}.js")), &key);
        // Groups are zig-zag steps from the one before, starting at 0 in each shard.
        let steps = read_varints(data[1].as_str().unwrap()).unwrap();
        let mut group = 0i64;
        let words = data[0].as_str().unwrap().split(' ');
        for (term, step) in words.zip(steps) {
            group += (step >> 1) as i64 ^ -((step & 1) as i64);
            terms.push((term.to_string(), group));
        }
    }
    terms
}

fn vocabulary(out: &std::path::Path) -> Vec<String> {
    vocabulary_groups(out).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn a_chinese_hub_indexes_characters_and_pairs_in_the_browsers_order() {
    let dir = hub("zh");
    let out = build_ok(dir.path());
    assert!(read(&out, "index.html").contains(r#"lang="zh""#));
    let terms = vocabulary(&out);
    // 协调员 is cut into its characters and pairs: 协调 and 调员 are found inside it.
    for term in [
        "协", "协调", "调", "调员", "员", "会议", "议记", "记录", "茶",
    ] {
        assert!(terms.iter().any(|t| t == term), "{term} not in the index");
    }
    assert!(terms.iter().all(|t| t.chars().count() <= 2 || t.is_ascii()));
    // JavaScript compares strings by UTF-16 units; the browser's binary searches
    // need the vocabulary in that order.
    let utf16: Vec<Vec<u16>> = terms.iter().map(|t| t.encode_utf16().collect()).collect();
    assert!(utf16.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn a_spanish_hub_groups_forms_written_with_accents() {
    let dir = hub("es");
    let out = build_ok(dir.path());
    let terms = vocabulary_groups(&out);
    let group = |word: &str| {
        let found = terms.iter().find(|(t, _)| t == word);
        found.unwrap_or_else(|| panic!("{word} not in the index")).1
    };
    assert_eq!(group("reunion"), group("reuniones"));
    // Stemmed folded, `comunicacion` would keep a group of its own.
    assert_eq!(group("comunicacion"), group("comunicaciones"));
    assert_ne!(group("reunion"), group("comunicacion"));
    assert!(!terms.iter().any(|(t, _)| t.contains(['ó', 'é', 'á'])));
}

#[test]
fn places_shards_stand_beside_postings_shards() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let manifest = shard_data(&read(&out, "search/index/manifest.js"), "manifest");
    let shards = read_varints(manifest["group_starts"].as_str().unwrap())
        .unwrap()
        .len();
    assert!(shards >= 1);
    for n in 0..shards {
        let (p, x) = (format!("p/{n}"), format!("x/{n}"));
        let postings = shard_data(&read(&out, &format!("search/index/{p}.js")), &p);
        let places = shard_data(&read(&out, &format!("search/index/{x}.js")), &x);
        let (postings, places) = (postings.as_array().unwrap(), places.as_array().unwrap());
        // One string of places per group, one list per posting of its first tier.
        assert_eq!(postings.len(), places.len(), "x/{n}");
        for (entry, text) in postings.iter().zip(places) {
            let lists = decode(text.as_str().unwrap());
            let first_tier = (entry[0].as_u64().unwrap() as usize).min(TIERS[0]);
            assert_eq!(lists.len(), first_tier, "x/{n}: {entry} {text}");
            assert!(lists
                .iter()
                .all(|l| !l.is_empty() && l.windows(2).all(|w| w[0] < w[1])));
        }
    }
}

#[test]
fn the_same_hub_gives_the_same_index() {
    let dir = hub("base");
    let first = tree(&build_ok(dir.path()).join("search"));
    let second = tree(&build_ok(dir.path()).join("search"));
    assert_eq!(first, second);
}

#[test]
fn search_false_leaves_search_out() {
    let dir = hub("base");
    let config = dir.path().join("hub.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}search: false\n")).unwrap();
    let out = build_ok(dir.path());
    assert!(!out.join("search").exists());
    let article = read(&out, "guide/first/index.html");
    assert!(!article.contains("site-search"));
    assert!(!article.contains("search.js"));
}
