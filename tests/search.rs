//! The search index a build writes: the search page, shards that register with the
//! loader, a manifest that describes them, and documents per section, question and
//! template; none of it when `hub.yaml` turns search off.

mod common;

use common::{build_ok, hub, read, tree};

/// The JSON a shard passes to `guidepostIndex(key, data)`.
fn shard_data(script: &str, key: &str) -> serde_json::Value {
    let prefix = format!("guidepostIndex({},", serde_json::json!(key));
    let json = script
        .strip_prefix(&prefix)
        .and_then(|rest| rest.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("{key} does not register itself: {script}"));
    serde_json::from_str(json).expect("shard data is JSON")
}

/// Decodes the index's base-64 varints (see `shards::push_varint`).
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
    // Deferred scripts run in order: search.js finds the core already there.
    let core = article
        .find(r#"<script src="../../theme/search-core.js" defer></script>"#)
        .expect("the page loads the search core");
    assert!(core < article.find("theme/search.js").unwrap(), "{article}");
    assert!(out.join("theme/search-core.js").is_file());

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
    let runs = guidepost::search::shards::read_varints(manifest["runs"].as_str().unwrap())
        .expect("base-64 digits");
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
    let per_bundle = manifest["docs_per_bundle"].as_u64().unwrap();
    let mut urls = Vec::new();
    for b in 0..documents.div_ceil(per_bundle) {
        let key = format!("d/{b}");
        let data = shard_data(&read(&out, &format!("search/index/{key}.js")), &key);
        // A later section of the same page leaves out the page's URL, title and breadcrumb.
        let mut page_url = "";
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
    }
    assert_eq!(urls.len() as u64, documents);
    assert!(urls.contains(&"faq/questions/#how-often-should-we-meet".to_string()));
    assert!(urls.contains(&"guide/first/#agenda".to_string()));
    assert!(urls.contains(&"templates/agenda/#".to_string()));
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
