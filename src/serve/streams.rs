//! The live-reload channel: the Server-Sent Events stream of every open page, all
//! held by one thread, so open tabs never take the workers that answer requests.
//!
//! In: streams handed over once their request is read, and the live events of
//! [`Shared`]. Out: each page's greeting (the current generation and any build
//! error), then every event, until the page goes away; at most a fixed number of
//! pages at once, and a 503 with `Retry-After` for a page past it.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SendError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::response;
use super::{LiveEvent, Shared};

/// What the streaming thread is told.
#[derive(Debug)]
pub enum Note {
    /// A page opened its stream; its request is read.
    Open(TcpStream),
    /// Something every open page must hear.
    Event(LiveEvent),
}

/// How often streams are looked at for pages that went away.
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// How long a quiet stream waits before it says it is still there, so proxies and
/// browsers do not give up on it.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// How long a write to one page may block the others.
const WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// Hands streams to the streaming thread.
#[derive(Debug, Clone)]
pub struct Streams {
    inbox: Sender<Note>,
}

impl Streams {
    /// Starts the streaming thread, which holds at most `max` streams.
    pub fn start(shared: Arc<Shared>, max: usize) -> Streams {
        let (inbox, receiver) = mpsc::channel();
        if let Ok(mut clients) = shared.clients.lock() {
            clients.push(inbox.clone());
        }
        let _ = std::thread::Builder::new()
            .name("serve-streams".to_string())
            .spawn(move || run(receiver, &shared, max));
        Streams { inbox }
    }

    /// Hands a page's stream over; it comes back only if the thread has stopped.
    pub fn adopt(&self, stream: TcpStream) -> Result<(), TcpStream> {
        match self.inbox.send(Note::Open(stream)) {
            Err(SendError(Note::Open(stream))) => Err(stream),
            _ => Ok(()),
        }
    }
}

fn run(inbox: Receiver<Note>, shared: &Shared, max: usize) {
    let mut pages: Vec<TcpStream> = Vec::new();
    let mut checked = Instant::now();
    let mut spoke = Instant::now();
    loop {
        let note = if pages.is_empty() {
            inbox.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            inbox.recv_timeout(CHECK_EVERY)
        };
        match note {
            Ok(Note::Open(mut stream)) => {
                if pages.len() >= max {
                    // Pages that reloaded at once after a rebuild may not have been
                    // seen to close yet: look before turning a new one away.
                    pages.retain_mut(still_open);
                    checked = Instant::now();
                }
                if pages.len() >= max {
                    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
                    let _ = response::busy(5).write(&mut stream, false);
                } else if greet(&mut stream, shared).is_ok() {
                    pages.push(stream);
                }
            }
            Ok(Note::Event(event)) => {
                let text = match event {
                    LiveEvent::Reload => {
                        event_text("reload", &shared.current().generation.to_string())
                    }
                    LiveEvent::Error(message) => event_text("build-error", &message),
                    LiveEvent::Background => event_text("background", ""),
                };
                pages.retain_mut(|page| say(page, &text));
                spoke = Instant::now();
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if checked.elapsed() >= CHECK_EVERY {
            pages.retain_mut(still_open);
            checked = Instant::now();
        }
        if spoke.elapsed() >= HEARTBEAT {
            pages.retain_mut(|page| say(page, ": still here\n\n"));
            spoke = Instant::now();
        }
    }
}

/// Opens the stream and tells the page which build is current and whether the
/// latest rebuild failed. Done here, in order with the events, so a rebuild that
/// lands while the page connects is never missed.
fn greet(stream: &mut TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let snapshot = shared.current();
    let mut text = String::from("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n");
    text.push_str(&format!(
        "event: generation\ndata: {}\n\n",
        snapshot.generation
    ));
    if let Some(error) = &snapshot.error {
        text.push_str(&event_text("build-error", error));
    }
    stream.write_all(text.as_bytes())?;
    stream.flush()
}

fn say(page: &mut TcpStream, text: &str) -> bool {
    page.write_all(text.as_bytes())
        .and_then(|()| page.flush())
        .is_ok()
}

/// Whether the page has not closed its end (it sends nothing on a stream, so any
/// bytes it does send are dropped).
fn still_open(page: &mut TcpStream) -> bool {
    if page.set_nonblocking(true).is_err() {
        return false;
    }
    let mut scratch = [0u8; 512];
    let open = match page.read(&mut scratch) {
        Ok(0) => false,
        Ok(_) => true,
        Err(e) => matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted),
    };
    open && page.set_nonblocking(false).is_ok()
}

/// One Server-Sent Event; every line of `data` is sent as a line of its own.
pub fn event_text(name: &str, data: &str) -> String {
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
    use std::io::{BufRead, BufReader};
    use std::net::TcpListener;

    #[test]
    fn events_carry_multi_line_data() {
        assert_eq!(
            event_text("build-error", "a\nb"),
            "event: build-error\ndata: a\ndata: b\n\n"
        );
    }

    /// A connected pair of sockets on 127.0.0.1: (client, server).
    fn pair(listener: &TcpListener) -> (TcpStream, TcpStream) {
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        (client, listener.accept().unwrap().0)
    }

    fn next_event(reader: &mut BufReader<TcpStream>) -> String {
        let mut event = String::new();
        loop {
            let mut line = String::new();
            assert!(reader.read_line(&mut line).unwrap() > 0, "the stream ended");
            if line == "\n" && !event.is_empty() {
                return event;
            }
            if line.starts_with("event:") || line.starts_with("data:") {
                event.push_str(&line);
            }
        }
    }

    #[test]
    fn streams_are_capped_and_a_closed_page_frees_its_place() {
        let shared = Arc::new(Shared::default());
        let streams = Streams::start(Arc::clone(&shared), 2);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut readers = Vec::new();
        for _ in 0..2 {
            readers.push(open_page(&streams, &listener));
        }
        let (mut client, server) = pair(&listener);
        streams.adopt(server).unwrap();
        let mut refused = String::new();
        client.read_to_string(&mut refused).unwrap();
        assert!(
            refused.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "a third stream is refused: {refused}"
        );
        assert!(refused.contains("\r\nRetry-After: 5\r\n"), "{refused}");

        shared.broadcast(LiveEvent::Error("broken\nhere".to_string()));
        for reader in &mut readers {
            assert_eq!(
                next_event(reader),
                "event: build-error\ndata: broken\ndata: here\n"
            );
        }

        // A page that closed frees its place for the next one at once.
        drop(readers.pop());
        std::thread::sleep(Duration::from_millis(50));
        open_page(&streams, &listener);
    }

    /// A page's stream, adopted and past its first event.
    fn open_page(streams: &Streams, listener: &TcpListener) -> BufReader<TcpStream> {
        let (client, server) = pair(listener);
        client
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        streams.adopt(server).unwrap();
        let mut reader = BufReader::new(client);
        assert_eq!(next_event(&mut reader), "event: generation\ndata: 0\n");
        reader
    }
}
