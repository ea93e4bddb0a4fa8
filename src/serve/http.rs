//! A small HTTP/1.1 server for previews: GET and HEAD of the in-memory site, the
//! live-reload script and its Server-Sent Events channel. It answers only paths inside
//! the site; anything that tries to climb out is refused.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use super::{LiveEvent, Shared, Snapshot};
use crate::output::Contents;

/// The path of the live-reload script.
pub const LIVE_SCRIPT_PATH: &str = "/__guidepost/live.js";
/// The path of the event stream that tells pages to reload.
pub const EVENTS_PATH: &str = "/__guidepost/events";

const LIVE_SCRIPT: &str = include_str!("live.js");

/// Accepts connections until the process ends, one thread per connection.
pub fn run(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
}

/// A response before it is written.
struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Response {
    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
            location: None,
        }
    }
}

fn handle(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader
        .by_ref()
        .take(8 * 1024)
        .read_line(&mut request_line)?;
    // Read and ignore the headers; nothing here depends on them.
    let mut header = String::new();
    let mut total = 0;
    loop {
        header.clear();
        let n = reader.by_ref().take(8 * 1024).read_line(&mut header)?;
        total += n;
        if n == 0 || header == "\r\n" || header == "\n" || total > 64 * 1024 {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return write(
            &mut stream,
            Response::text(405, "Only GET and HEAD are supported.\n"),
            method == "HEAD",
        );
    }
    if target.split('?').next() == Some(EVENTS_PATH) {
        return events(stream, shared);
    }
    let response = answer(target, shared);
    write(&mut stream, response, method == "HEAD")
}

/// How long a request waits for the first search index before it is answered anyway.
const FIRST_INDEX_WAIT: Duration = Duration::from_secs(60);

/// The response to a GET of `target`. The pages are served as soon as they are
/// built and the search index a moment later, so a path that is missing while the
/// first index is under way is looked up again once it is in place.
fn answer(target: &str, shared: &Shared) -> Response {
    let snapshot = shared.current();
    let response = respond(target, &snapshot, &shared.search_files());
    if response.status == 404 && shared.wait_for_search(FIRST_INDEX_WAIT) {
        return respond(target, &snapshot, &shared.search_files());
    }
    response
}

fn respond(target: &str, snapshot: &Snapshot, search: &HashMap<String, Contents>) -> Response {
    let path = match site_path(target) {
        Ok(path) => path,
        Err(status) => {
            return Response::text(status, "Bad request: the path must stay inside the hub.\n")
        }
    };
    if format!("/{path}") == LIVE_SCRIPT_PATH {
        return Response {
            status: 200,
            content_type: "text/javascript; charset=utf-8",
            body: LIVE_SCRIPT.as_bytes().to_vec(),
            location: None,
        };
    }
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(contents) = snapshot.files.get(&key).or_else(|| search.get(&key)) {
        if let Some(body) = read(contents) {
            return page(200, &key, body, snapshot.generation);
        }
    }
    let folder = format!("{path}/index.html");
    if snapshot.files.contains_key(&folder) || search.contains_key(&folder) {
        let location = format!("/{path}/");
        return Response {
            status: 301,
            content_type: "text/plain; charset=utf-8",
            body: format!("Moved to {location}\n").into_bytes(),
            location: Some(location),
        };
    }
    match snapshot.files.get("404.html").and_then(read) {
        Some(body) => page(404, "404.html", body, snapshot.generation),
        None => Response::text(404, "Not found.\n"),
    }
}

fn read(contents: &Contents) -> Option<Vec<u8>> {
    match contents {
        Contents::Bytes(bytes) => Some(bytes.to_vec()),
        Contents::Copy(path) => std::fs::read(path).ok(),
    }
}

fn page(status: u16, key: &str, mut body: Vec<u8>, generation: u64) -> Response {
    let content_type = content_type(key);
    if content_type.starts_with("text/html") {
        body = inject_live_script(body, generation);
    }
    Response {
        status,
        content_type,
        body,
        location: None,
    }
}

/// Adds the live-reload script before `</body>` (only `serve` does this, never `build`).
fn inject_live_script(body: Vec<u8>, generation: u64) -> Vec<u8> {
    let tag =
        format!("<script src=\"{LIVE_SCRIPT_PATH}\" data-generation=\"{generation}\"></script>\n");
    let html = String::from_utf8_lossy(&body);
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

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    }
}

fn write(stream: &mut TcpStream, response: Response, head_only: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// Streams live events to one page until it goes away.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    let (sender, receiver) = mpsc::channel();
    if let Ok(mut clients) = shared.clients.lock() {
        clients.push(sender);
    }
    let snapshot = shared.current();
    stream.write_all(format!("event: generation\ndata: {}\n\n", snapshot.generation).as_bytes())?;
    if let Some(error) = &snapshot.error {
        stream.write_all(event_text("build-error", error).as_bytes())?;
    }
    stream.flush()?;
    loop {
        let text = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(LiveEvent::Reload) => event_text("reload", &shared.current().generation.to_string()),
            Ok(LiveEvent::Error(message)) => event_text("build-error", &message),
            Err(mpsc::RecvTimeoutError::Timeout) => ": still here\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        stream.write_all(text.as_bytes())?;
        stream.flush()?;
    }
}

fn event_text(name: &str, data: &str) -> String {
    let mut text = format!("event: {name}\n");
    for line in data.lines() {
        text.push_str("data: ");
        text.push_str(line);
        text.push('\n');
    }
    text.push('\n');
    text
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
        let mut files = HashMap::new();
        files.insert(
            "closure/index.html".to_string(),
            Contents::bytes(b"<body>closure</body>".as_slice()),
        );
        files.insert(
            "404.html".to_string(),
            Contents::bytes(b"<body>lost</body>".as_slice()),
        );
        let snapshot = Snapshot {
            files: Arc::new(files),
            ..Snapshot::default()
        };
        let mut search = HashMap::new();
        search.insert(
            "search/index.html".to_string(),
            Contents::bytes(b"<body>find</body>".as_slice()),
        );
        let ok = respond("/closure/", &snapshot, &search);
        assert_eq!(ok.status, 200);
        assert!(String::from_utf8(ok.body)
            .unwrap()
            .contains("closure<script src=\"/__guidepost/live.js\""));
        let redirect = respond("/closure", &snapshot, &search);
        assert_eq!(
            (redirect.status, redirect.location.as_deref()),
            (301, Some("/closure/"))
        );
        let missing = respond("/nowhere/", &snapshot, &search);
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8(missing.body)
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
        let mut files = HashMap::new();
        files.insert(
            "404.html".to_string(),
            Contents::bytes(b"<body>lost</body>".as_slice()),
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
                let mut search = HashMap::new();
                search.insert(
                    "search/index.html".to_string(),
                    Contents::bytes(b"<body>find</body>".as_slice()),
                );
                shared.finish_search(Some(Arc::new(search)));
            })
        };
        let found = answer("/search/?q=agenda", &shared);
        assert_eq!(found.status, 200, "the search page, once its index is in");
        assert!(String::from_utf8(found.body).unwrap().contains("find"));
        builder.join().unwrap();
        assert_eq!(answer("/nowhere/", &shared).status, 404);

        // A later index replaces a served one: nothing waits for it.
        shared.expect_search();
        assert!(!shared.wait_for_search(Duration::from_secs(60)));
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

    #[test]
    fn events_carry_multi_line_data() {
        assert_eq!(
            event_text("build-error", "a\nb"),
            "event: build-error\ndata: a\ndata: b\n\n"
        );
    }
}
