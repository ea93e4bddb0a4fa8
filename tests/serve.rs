//! `guidepost serve` as a writer uses it: pages served from a temporary copy of a
//! fixture hub, rebuilt and reloaded after edits, errors shown while the last good
//! build stays served, and nothing outside the site reachable. Every server is
//! stopped by the test that started it (and stops by itself when its stdin closes).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::hub;

const WAIT: Duration = Duration::from_secs(20);

/// A running `guidepost serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    output: mpsc::Receiver<String>,
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
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => panic!("serve never printed {needle:?}"),
            }
        }
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, head.to_string(), body.to_string())
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
    let server = Server::start_expecting_move(dir.path(), port);
    assert_ne!(server.port, port);
    assert_eq!(server.get("/").0, 200);
    drop(taken);
}

impl Server {
    fn start_expecting_move(root: &Path, port: u16) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_guidepost"))
            .args(["serve", "--port", &port.to_string(), "--exit-on-stdin-eof"])
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut lines = stdout.lines().map_while(Result::ok);
        let moved = lines
            .find(|l| l.starts_with("Port "))
            .expect("says the port moved");
        assert!(
            moved.contains(&format!(
                "Port {port} is in use, so the hub is served on port"
            )),
            "{moved}"
        );
        let serving = lines.find(|l| l.starts_with("Serving ")).unwrap();
        let new_port = serving
            .rsplit(':')
            .next()
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let (_sender, output) = mpsc::channel();
        Server {
            child,
            port: new_port,
            output,
        }
    }
}
