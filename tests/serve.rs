//! `guidepost serve` as a writer uses it: pages served from a temporary copy of a
//! fixture hub, rebuilt and reloaded after edits, errors shown while the last good
//! build stays served, and nothing outside the site reachable (more in `safety`).
//! Every server is stopped by the test that started it (and stops by itself when its
//! stdin closes).

mod common;
#[path = "serve/safety.rs"]
mod safety;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::hub;

const WAIT: Duration = Duration::from_secs(20);

/// A running `guidepost serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    output: mpsc::Receiver<String>,
    /// Every line serve printed so far.
    seen: Vec<String>,
}

impl Server {
    fn start(root: &Path, port: u16) -> Server {
        Server::start_with(root, port, &[])
    }

    fn start_with(root: &Path, port: u16, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_guidepost"))
            .args(["serve", "--port", &port.to_string(), "--exit-on-stdin-eof"])
            .args(extra)
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let (sender, output) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            output,
            seen: Vec::new(),
        };
        let line = server.wait_for_line("Serving ");
        let port = line
            .rsplit(':')
            .next()
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .parse()
            .expect("port in the URL");
        server.port = port;
        assert!(
            line.contains(&format!("at http://127.0.0.1:{port}/")),
            "{line}"
        );
        server
    }

    fn wait_for_line(&mut self, needle: &str) -> String {
        loop {
            match self.output.recv_timeout(WAIT) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!("serve never printed {needle:?}"),
            }
        }
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        get(self.port, path)
    }

    /// Opens the live-reload channel and returns its events as they arrive.
    fn events(&self) -> mpsc::Receiver<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /__guidepost/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if line.is_empty() && !event.is_empty() {
                    if sender.send(std::mem::take(&mut event)).is_err() {
                        break;
                    }
                } else if line.starts_with("event:") || line.starts_with("data:") {
                    event.push_str(&line);
                    event.push('\n');
                }
            }
        });
        let first = receiver.recv_timeout(WAIT).expect("the channel says hello");
        assert!(first.starts_with("event: generation"), "{first}");
        receiver
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One GET request: status, head and body.
fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

fn wait_for_event(events: &mpsc::Receiver<String>, name: &str) -> String {
    loop {
        let event = events
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no {name} event"));
        if event.starts_with(&format!("event: {name}\n")) {
            return event;
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn an_edit_is_served_and_open_pages_reload() {
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    let (status, _, body) = server.get("/guide/second/");
    assert_eq!(status, 200);
    assert!(body.contains("<p>Done.</p>"));
    assert!(body.contains(r#"<script src="/__guidepost/live.js" data-generation="1"></script>"#));
    let events = server.events();
    edit(
        &dir.path().join("content/guide/second.md"),
        "Done.",
        "Done, and well done.",
    );
    wait_for_event(&events, "reload");
    let (_, _, body) = server.get("/guide/second/");
    assert!(
        body.contains("<p>Done, and well done.</p>"),
        "the new text is served once the reload is sent"
    );
    // A new page appears too, and the listing that shows it is rebuilt.
    std::fs::write(
        dir.path().join("content/guide/third.md"),
        "---\ntitle: Third steps\nsummary: Later.\n---\nMore.\n",
    )
    .unwrap();
    wait_for_event(&events, "reload");
    assert_eq!(server.get("/guide/third/").0, 200);
    assert!(server.get("/guide/").2.contains("Third steps"));
}

#[test]
fn an_edited_translation_reloads_its_language() {
    let dir = hub("lang-en-es");
    let server = Server::start(dir.path(), 0);
    let (status, _, body) = server.get("/es/closure/last-meeting/");
    assert_eq!(status, 200);
    assert!(body.contains("dar las gracias."));
    let events = server.events();
    edit(
        &dir.path().join("content/closure/last-meeting.es.md"),
        "dar las gracias.",
        "dar las gracias de corazón.",
    );
    wait_for_event(&events, "reload");
    assert!(server
        .get("/es/closure/last-meeting/")
        .2
        .contains("dar las gracias de corazón."));
    // A new translation appears under its language, and its source offers it.
    std::fs::write(
        dir.path().join("content/closure/keeping-in-touch.es.md"),
        "---\ntitle: Mantenerse en contacto\nsummary: Decidan juntos si siguen en contacto.\nupdated: 2026-11-02\n---\nAlgunas parejas siguen en contacto.\n\n## Las reglas del programa {#rules}\n\nRevisen lo que permite su programa.\n",
    )
    .unwrap();
    wait_for_event(&events, "reload");
    assert_eq!(server.get("/es/closure/keeping-in-touch/").0, 200);
    assert!(server
        .get("/closure/keeping-in-touch/")
        .2
        .contains(r#"<a href="../../es/closure/keeping-in-touch/" lang="es">Español</a>"#));
    // The Spanish page now links to the Spanish translation.
    assert!(server
        .get("/es/closure/last-meeting/")
        .2
        .contains(r#"href="../keeping-in-touch/#rules""#));
}

/// True when the served search vocabulary holds `word`.
fn vocabulary_has(server: &Server, word: &str) -> bool {
    let (status, _, manifest) = server.get("/search/index/manifest.js");
    if status != 200 {
        return false;
    }
    let json = manifest
        .trim()
        .trim_start_matches("guidepostIndex(\"manifest\",")
        .trim_end_matches(");");
    let manifest: serde_json::Value = serde_json::from_str(json).expect("manifest is JSON");
    let shards = manifest["vocabulary"].as_array().map_or(0, Vec::len);
    assert!(shards > 0, "the manifest names its vocabulary shards");
    (0..shards).any(|n| {
        let (status, _, shard) = server.get(&format!("/search/index/v/{n}.js"));
        status == 200 && shard.contains(word)
    })
}

/// Polls `ready` until it holds, failing after [`WAIT`].
fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(started.elapsed() < WAIT, "{what} never came");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_search_index_catches_up_with_an_edit() {
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    wait_until("the first search index", || {
        vocabulary_has(&server, "agenda")
    });
    assert!(!vocabulary_has(&server, "zebraquill"));
    let events = server.events();
    edit(
        &dir.path().join("content/guide/second.md"),
        "Done.",
        "Done with the zebraquill.",
    );
    wait_for_event(&events, "reload");
    // The pages come first; the index follows once the writer pauses.
    wait_until("the new word in the search index", || {
        vocabulary_has(&server, "zebraquill")
    });
}

#[test]
fn a_handbook_follows_an_edit_and_tells_open_handbooks() {
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    let (status, _, body) = server.get("/handbooks/mentee/");
    assert_eq!(
        status, 200,
        "a handbook is served, a moment after the pages"
    );
    assert!(body.contains("<p>Done.</p>"));
    let events = server.events();
    edit(
        &dir.path().join("content/guide/second.md"),
        "Done.",
        "Done, and well done.",
    );
    wait_for_event(&events, "reload");
    // The edited page is live first; the handbook that holds it follows.
    assert!(server
        .get("/guide/second/")
        .2
        .contains("Done, and well done."));
    wait_for_event(&events, "background");
    let (_, _, body) = server.get("/handbooks/mentee/");
    assert!(body.contains("<p>Done, and well done.</p>"), "{body}");
}

#[test]
fn polling_sees_edits_where_file_events_are_unreliable() {
    let dir = hub("base");
    let server = Server::start_with(dir.path(), 0, &["--poll"]);
    let events = server.events();
    edit(
        &dir.path().join("content/guide/first.md"),
        "An intro paragraph.",
        "A polled intro.",
    );
    wait_for_event(&events, "reload");
    assert!(server
        .get("/guide/first/")
        .2
        .contains("<p>A polled intro.</p>"));
}

#[test]
fn a_broken_edit_shows_the_error_and_keeps_the_last_good_build() {
    let dir = hub("base");
    let mut server = Server::start(dir.path(), 0);
    let events = server.events();
    let page = dir.path().join("content/guide/second.md");
    edit(&page, "title: Second steps", "titel: Second steps");
    let error = wait_for_event(&events, "build-error");
    assert!(
        error.contains("data: error: content/guide/second.md:2: unknown front matter key `titel`"),
        "{error}"
    );
    assert!(error.contains("did you mean `title`?"));
    let (status, _, body) = server.get("/guide/second/");
    assert_eq!(status, 200);
    assert!(
        body.contains("<h1>Second steps</h1>"),
        "the last good page is still served"
    );
    // A page opened now learns about the error at once.
    let late = server.events();
    assert!(wait_for_event(&late, "build-error").contains("titel"));
    edit(&page, "titel: Second steps", "title: Second steps, fixed");
    wait_for_event(&events, "reload");
    assert!(server
        .get("/guide/second/")
        .2
        .contains("<h1>Second steps, fixed</h1>"));
    server.wait_for_line("Rebuilt in");
}

#[test]
fn only_files_of_the_site_are_served() {
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    for path in [
        "/../hub.yaml",
        "/%2e%2e/hub.yaml",
        "/guide/%2E%2E/%2e%2e/hub.yaml",
        "/..%2fhub.yaml",
        "/%5c..%5chub.yaml",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 400, "{path}");
        assert!(!body.contains("base_url"), "{path} leaked hub.yaml");
    }
    for path in ["/hub.yaml", "/content/guide/first.md"] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(
            body.contains("<h1>Page not found</h1>"),
            "the hub's own 404 page"
        );
    }
    let (status, head, _) = server.get("/guide");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /guide/"));
    let (status, head, _) = server.get("/theme/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/css"));
    assert!(server
        .get("/feed.xml")
        .1
        .contains("Content-Type: application/xml"));
    assert!(server
        .get("/assets/map.txt")
        .2
        .contains("a plain attachment"));
    assert!(server.get("/__guidepost/live.js").2.contains("EventSource"));
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = hub("base");
    let server = Server::start(dir.path(), port);
    assert_ne!(server.port, port);
    let moved = format!(
        "Port {port} is in use, so the hub is served on port {} instead.",
        server.port
    );
    assert!(server.seen.contains(&moved), "{:?}", server.seen);
    assert_eq!(server.get("/").0, 200);
    drop(taken);
}

#[test]
fn five_hundred_rapid_edits_renames_and_deletes_end_in_the_final_state() {
    let dir = hub("base");
    let mut server = Server::start(dir.path(), 0);
    let guide = dir.path().join("content/guide");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // A reader keeps fetching while the files churn: every page it gets is whole.
    let reader = {
        let stop = std::sync::Arc::clone(&stop);
        let port = server.port;
        std::thread::spawn(move || {
            let mut fetched = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let (status, _, body) = get(port, "/guide/");
                assert_eq!(status, 200);
                assert!(
                    body.trim_end().ends_with("</html>"),
                    "a whole page every time"
                );
                fetched += 1;
            }
            fetched
        })
    };
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for step in 0..500 {
        let a = guide.join(format!("churn-{}.md", next(8)));
        let b = guide.join(format!("churn-{}.md", next(8)));
        match next(3) {
            0 => std::fs::write(
                &a,
                format!("---\ntitle: Churn {step}\nsummary: x\n---\nStep {step}.\n"),
            )
            .unwrap(),
            1 => {
                let _ = std::fs::rename(&a, &b);
            }
            _ => {
                let _ = std::fs::remove_file(&a);
            }
        }
        if step % 50 == 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    // The final state: one known page, every other churn file gone.
    for n in 0..8 {
        let _ = std::fs::remove_file(guide.join(format!("churn-{n}.md")));
    }
    std::fs::write(
        guide.join("churn-final.md"),
        "---\ntitle: Churn settled\nsummary: x\n---\nThe end.\n",
    )
    .unwrap();
    let settled = Instant::now();
    loop {
        let (status, _, body) = server.get("/guide/churn-final/");
        let listing = server.get("/guide/").2;
        let leftovers = (0..8).any(|n| listing.contains(&format!("churn-{n}/")));
        if status == 200 && body.contains("<h1>Churn settled</h1>") && !leftovers {
            break;
        }
        assert!(
            settled.elapsed() < WAIT,
            "serve never showed the final state"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reader.join().unwrap() > 0);
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "serve is still running"
    );
    assert_eq!(server.get("/guide/churn-3/").0, 404);
}
