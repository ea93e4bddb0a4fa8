//! What `serve` serves and how much it takes on: only the bytes of the last good
//! build (never a source file as it is now), and a bounded number of threads however
//! many connections, open tabs or oversized and odd requests arrive, each answered
//! over real TCP on 127.0.0.1 with a status rather than a reset or a hang.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::{edit, wait_for_event, Server, WAIT};
use crate::common::hub;

/// Waits for a whole answer on `stream`; a reset or a silence fails the test.
fn read_answer(mut stream: TcpStream) -> String {
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .expect("a whole answer, without a reset");
    String::from_utf8_lossy(&answer).into_owned()
}

/// Sends `request` (on a thread of its own, as a refused request is not read to its
/// end) and returns the whole answer.
fn exchange(port: u16, request: Vec<u8>) -> String {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let writing = std::thread::spawn(move || {
        let _ = writer.write_all(&request);
    });
    let answer = read_answer(stream);
    writing.join().unwrap();
    answer
}

#[test]
fn an_asset_changed_under_a_refused_rebuild_keeps_its_last_good_bytes() {
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    let events = server.events();
    let page = dir.path().join("content/guide/second.md");
    edit(&page, "title: Second steps", "titel: Second steps");
    wait_for_event(&events, "build-error");
    std::fs::write(
        dir.path().join("content/assets/map.txt"),
        "an attachment saved while the hub is broken",
    )
    .unwrap();
    wait_for_event(&events, "build-error");
    let (status, _, body) = server.get("/assets/map.txt");
    assert_eq!(status, 200);
    assert_eq!(
        body, "a plain attachment\n",
        "the last good build's bytes, not the file as it is now"
    );
    edit(&page, "titel: Second steps", "title: Second steps");
    wait_for_event(&events, "reload");
    assert_eq!(
        server.get("/assets/map.txt").2,
        "an attachment saved while the hub is broken"
    );
}

#[cfg(unix)]
#[test]
fn an_asset_swapped_for_a_link_out_of_the_hub_never_serves_the_outside_file() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "a file outside the hub").unwrap();
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    assert_eq!(server.get("/assets/map.txt").2, "a plain attachment\n");
    let events = server.events();
    let asset = dir.path().join("content/assets/map.txt");
    std::fs::remove_file(&asset).unwrap();
    std::os::unix::fs::symlink(&secret, &asset).unwrap();
    let error = wait_for_event(&events, "build-error");
    assert!(
        error.contains("content/assets/map.txt: this symbolic link points outside the hub"),
        "{error}"
    );
    let (status, _, body) = server.get("/assets/map.txt");
    assert_eq!(status, 200);
    assert_eq!(body, "a plain attachment\n", "the last good build's bytes");
}

#[test]
fn other_methods_get_405_naming_get_and_head() {
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let request = format!(
            "{method} /guide/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 9\r\n\r\nname=test"
        );
        let answer = exchange(server.port, request.into_bytes());
        assert!(
            answer.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
            "{answer}"
        );
        assert!(answer.contains("\r\nAllow: GET, HEAD\r\n"), "{answer}");
    }
}

#[test]
fn oversized_requests_get_414_and_431_not_a_reset() {
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    for size in [9 * 1024, 256 * 1024] {
        let request = format!(
            "GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n",
            "a".repeat(size)
        );
        let answer = exchange(server.port, request.into_bytes());
        assert!(
            answer.starts_with("HTTP/1.1 414 URI Too Long\r\n"),
            "{answer}"
        );
    }
    let one_long = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nCookie: {}\r\n\r\n",
        "c".repeat(10 * 1024)
    );
    let many = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\n{}\r\n",
        "X-Filler: 0123456789abcdef0123456789abcdef\r\n".repeat(2_000)
    );
    for request in [one_long, many] {
        let answer = exchange(server.port, request.into_bytes());
        assert!(
            answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            "{answer}"
        );
    }
    // A request within the limits is answered as before.
    let fits = format!(
        "GET /guide/?q={} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "a".repeat(4 * 1024)
    );
    assert!(exchange(server.port, fits.into_bytes()).starts_with("HTTP/1.1 200 OK\r\n"));
}

/// Opens the live-reload channel and reads up to its first event.
fn open_stream(port: u16) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET /__guidepost/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !seen.ends_with(b"\n\n") && stream.read(&mut byte).unwrap() == 1 {
        seen.push(byte[0]);
    }
    (stream, String::from_utf8_lossy(&seen).into_owned())
}

#[test]
fn open_pages_are_capped_and_never_keep_requests_waiting() {
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    // More open tabs than there are workers answering requests.
    let tabs: Vec<TcpStream> = (0..64)
        .map(|_| {
            let (stream, hello) = open_stream(server.port);
            assert!(hello.contains("event: generation\ndata: 1\n"), "{hello}");
            stream
        })
        .collect();
    let started = Instant::now();
    let (status, _, body) = server.get("/guide/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>"));
    assert!(started.elapsed() < Duration::from_secs(2));
    let (_, over) = open_stream(server.port);
    assert!(
        over.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
        "{over}"
    );
    assert!(over.contains("\r\nRetry-After: "), "{over}");
    // Every open tab still hears about a rebuild.
    edit(
        &dir.path().join("content/guide/second.md"),
        "Done.",
        "Done again.",
    );
    for tab in tabs {
        let mut reader = BufReader::new(tab);
        let mut line = String::new();
        while !line.starts_with("event: reload") {
            line.clear();
            assert!(reader.read_line(&mut line).unwrap() > 0, "the stream ended");
        }
    }
}

/// The number of threads of a process.
#[cfg(target_os = "linux")]
fn threads_of(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .count()
}

#[cfg(target_os = "linux")]
#[test]
fn five_hundred_idle_connections_keep_threads_bounded_and_pages_served() {
    let dir = hub("base");
    let server = Server::start(dir.path(), 0);
    assert_eq!(server.get("/").0, 200);
    let before = threads_of(server.child.id());
    let idle: Vec<TcpStream> = (0..500)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = threads_of(server.child.id());
    assert!(
        during <= before + 2 && during < 100,
        "{before} threads before 500 idle connections, {during} with them"
    );
    // Those past the limit were told to come back, at once and without a thread. On
    // a slow machine the first idle connections time out while the last are still
    // being accepted, so a late one may have been queued instead and closed for
    // idleness without a word: an empty answer. Any answer is the 503.
    let answer = idle
        .iter()
        .rev()
        .take(100)
        .map(|stream| read_answer(stream.try_clone().unwrap()))
        .find(|answer| !answer.is_empty())
        .expect("a connection past the limit is answered");
    assert!(
        answer.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
        "{answer}"
    );
    assert!(answer.contains("\r\nRetry-After: 1\r\n"), "{answer}");
    // A page asked for now is answered at once, and served once the idle connections
    // have given way (a browser shows the 503 at worst, never a hang).
    let started = Instant::now();
    loop {
        let asked = Instant::now();
        let (status, head, body) = server.get("/guide/");
        assert!(
            asked.elapsed() < Duration::from_secs(3),
            "an answer at once"
        );
        if status == 200 {
            assert!(body.contains("<h1>"));
            break;
        }
        assert_eq!(status, 503, "{head}");
        assert!(head.contains("Retry-After: 1"), "{head}");
        assert!(started.elapsed() < WAIT, "the page was never served");
        std::thread::sleep(Duration::from_secs(1));
    }
    assert!(threads_of(server.child.id()) <= before + 2);
    drop(idle);
}
