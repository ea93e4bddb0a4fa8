//! Which response a request target gets from the in-memory site: a file (HTML with
//! the live-reload script added), a redirect to a folder's address, the hub's 404
//! page, or a refusal of a path that tries to climb out of the site.
//!
//! In: a request target and the shared site. Out: a [`Response`].

use std::sync::Arc;
use std::time::Duration;

use super::response::Response;
use super::{Files, Shared, Snapshot};

/// The path of the live-reload script.
pub const LIVE_SCRIPT_PATH: &str = "/__guidepost/live.js";

const LIVE_SCRIPT: &str = include_str!("live.js");

/// How long a request waits for the first search index before it is answered anyway.
const FIRST_INDEX_WAIT: Duration = Duration::from_secs(60);

/// The response to a GET of `target`. The pages are served as soon as they are
/// built and the search index a moment later, so a path that is missing while the
/// first index is under way is looked up again once it is in place.
pub fn answer(target: &str, shared: &Shared) -> Response {
    answer_from(target, shared, &shared.current(), shared.search_files())
}

/// The response to `target` from `snapshot` and the search files read with it,
/// `search`. A path missing from them is looked up again when the search files have
/// changed since, after waiting for a first index under way: one that came in
/// between the lookup and the wait may hold the path.
fn answer_from(target: &str, shared: &Shared, snapshot: &Snapshot, search: Arc<Files>) -> Response {
    let response = respond(target, snapshot, &search);
    if response.status != 404 {
        return response;
    }
    shared.wait_for_search(FIRST_INDEX_WAIT);
    let latest = shared.search_files();
    if Arc::ptr_eq(&latest, &search) {
        return response;
    }
    respond(target, snapshot, &latest)
}

fn respond(target: &str, snapshot: &Snapshot, search: &Files) -> Response {
    let path = match site_path(target) {
        Ok(path) => path,
        Err(status) => {
            return Response::text(status, "Bad request: the path must stay inside the hub.\n")
        }
    };
    if format!("/{path}") == LIVE_SCRIPT_PATH {
        return Response::new(
            200,
            "text/javascript; charset=utf-8",
            Arc::new(LIVE_SCRIPT.as_bytes().to_vec()),
        );
    }
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(body) = snapshot.files.get(&key).or_else(|| search.get(&key)) {
        return page(200, &key, body, snapshot.generation);
    }
    let folder = format!("{path}/index.html");
    if snapshot.files.contains_key(&folder) || search.contains_key(&folder) {
        let location = format!("/{path}/");
        return Response::text(301, &format!("Moved to {location}\n"))
            .with_header("Location", location);
    }
    match snapshot.files.get("404.html") {
        Some(body) => page(404, "404.html", body, snapshot.generation),
        None => Response::text(404, "Not found.\n"),
    }
}

fn page(status: u16, key: &str, body: &Arc<Vec<u8>>, generation: u64) -> Response {
    let content_type = content_type(key);
    let body = if content_type.starts_with("text/html") {
        Arc::new(inject_live_script(body, generation))
    } else {
        Arc::clone(body)
    };
    Response::new(status, content_type, body)
}

/// Adds the live-reload script before `</body>` (only `serve` does this, never `build`).
fn inject_live_script(body: &[u8], generation: u64) -> Vec<u8> {
    let tag =
        format!("<script src=\"{LIVE_SCRIPT_PATH}\" data-generation=\"{generation}\"></script>\n");
    let html = String::from_utf8_lossy(body);
    let out = match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    };
    out.into_bytes()
}

/// The site path a request target names, percent-decoded: no `..`, no `.`, no
/// backslashes or NUL bytes, so it can only name a file of the site.
pub fn site_path(target: &str) -> Result<String, u16> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = path.strip_prefix('/') else {
        return Err(400);
    };
    let decoded = crate::url::percent_decode_strict(path).ok_or(400u16)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return Err(400);
    }
    if decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err(400);
    }
    if decoded.contains("//") || decoded.starts_with('/') {
        return Err(400);
    }
    Ok(decoded)
}

/// The Content-Type for a file name.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf" => "application/pdf",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_cannot_climb_out() {
        assert_eq!(site_path("/closure/?q=1").as_deref(), Ok("closure/"));
        assert_eq!(site_path("/my%20page/").as_deref(), Ok("my page/"));
        for bad in [
            "/../hub.yaml",
            "/%2e%2e/hub.yaml",
            "/a/%2E%2E/%2e%2e/x",
            "/a/./b",
            "/..%2fhub.yaml",
            "/a%5c..%5cb",
            "/a%00",
            "hub.yaml",
            "/%zz",
            "//etc/passwd",
        ] {
            assert!(site_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn folder_urls_serve_index_and_unknown_paths_the_404_page() {
        let mut files = Files::default();
        files.insert(
            "closure/index.html".to_string(),
            Arc::new(b"<body>closure</body>".to_vec()),
        );
        files.insert(
            "404.html".to_string(),
            Arc::new(b"<body>lost</body>".to_vec()),
        );
        let snapshot = Snapshot {
            files: Arc::new(files),
            ..Snapshot::default()
        };
        let mut search = Files::default();
        search.insert(
            "search/index.html".to_string(),
            Arc::new(b"<body>find</body>".to_vec()),
        );
        let ok = respond("/closure/", &snapshot, &search);
        assert_eq!(ok.status, 200);
        assert!(String::from_utf8(ok.body.to_vec())
            .unwrap()
            .contains("closure<script src=\"/__guidepost/live.js\""));
        let redirect = respond("/closure", &snapshot, &search);
        assert_eq!(
            (redirect.status, redirect.header("Location")),
            (301, Some("/closure/"))
        );
        let missing = respond("/nowhere/", &snapshot, &search);
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8(missing.body.to_vec())
            .unwrap()
            .starts_with("<body>lost"));
        assert_eq!(
            respond("/search/", &snapshot, &search).status,
            200,
            "the search index is served beside the pages"
        );
    }

    #[test]
    fn requests_during_the_first_index_wait_for_it() {
        let shared = Arc::new(Shared::default());
        let mut files = Files::default();
        files.insert(
            "404.html".to_string(),
            Arc::new(b"<body>lost</body>".to_vec()),
        );
        *shared.snapshot.write().unwrap() = Arc::new(Snapshot {
            files: Arc::new(files),
            ..Snapshot::default()
        });
        assert_eq!(
            answer("/search/", &shared).status,
            404,
            "with no index on its way, a missing page is missing"
        );

        shared.expect_search();
        let builder = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(150));
                let mut search = Files::default();
                search.insert(
                    "search/index.html".to_string(),
                    Arc::new(b"<body>find</body>".to_vec()),
                );
                shared.finish_search(Some(Arc::new(search)));
            })
        };
        let found = answer("/search/?q=agenda", &shared);
        assert_eq!(found.status, 200, "the search page, once its index is in");
        assert!(String::from_utf8(found.body.to_vec())
            .unwrap()
            .contains("find"));
        builder.join().unwrap();
        assert_eq!(answer("/nowhere/", &shared).status, 404);

        // A later index replaces a served one: nothing waits for it.
        shared.expect_search();
        assert!(!shared.wait_for_search(Duration::from_secs(60)));
    }

    #[test]
    fn a_first_index_that_comes_in_during_a_lookup_is_looked_in() {
        // The request read the search files just before the first index was in place,
        // and asks whether to wait just after: nothing is pending any more, yet the
        // handbook it wants is now served.
        let shared = Shared::default();
        let before = shared.search_files();
        shared.expect_search();
        let mut search = Files::default();
        search.insert(
            "handbooks/mentee/index.html".to_string(),
            Arc::new(b"<body>handbook</body>".to_vec()),
        );
        shared.finish_search(Some(Arc::new(search)));
        let found = answer_from("/handbooks/mentee/", &shared, &shared.current(), before);
        assert_eq!(found.status, 200);
        assert_eq!(
            answer_from(
                "/nowhere/",
                &shared,
                &shared.current(),
                shared.search_files()
            )
            .status,
            404
        );
    }

    #[test]
    fn a_failed_first_index_ends_the_wait() {
        let shared = Shared::default();
        shared.expect_search();
        shared.finish_search(None);
        assert!(
            !shared.wait_for_search(Duration::from_millis(1)),
            "nothing is pending once the first index has failed"
        );
        assert_eq!(answer("/search/", &shared).status, 404);
        // Nor once a hub without search (an empty index) rebuilds.
        shared.expect_search();
        assert!(!shared.wait_for_search(Duration::from_millis(1)));
    }

    #[test]
    fn content_types_cover_downloads_and_shards() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("search/shard-1.js"),
            "text/javascript; charset=utf-8"
        );
        assert!(content_type("downloads/agenda.docx").contains("wordprocessingml"));
    }
}
