//! Reads the head of one request (its request line and headers) from a connection,
//! within limits of size and time.
//!
//! In: a connection, when it was accepted, and whether other connections are waiting
//! for a worker. Out: the method and target, or the status to refuse the request
//! with, or word that there is no one to answer.

use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The longest request line (method, target and version) taken; longer gets 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The longest single header line taken; longer gets 431.
pub const MAX_HEADER_LINE: usize = 8 * 1024;
/// The most header bytes taken in all; more gets 431.
pub const MAX_HEADERS: usize = 32 * 1024;

/// How long a connection may take to send its request head, counted from when it
/// was accepted.
#[derive(Debug, Clone, Copy)]
pub struct Patience {
    /// The most it may ever take.
    pub head: Duration,
    /// The most it may take while other connections wait for a worker: a browser's
    /// spare connection, or one that sends nothing at all, gives way to them.
    pub when_crowded: Duration,
}

/// A request as far as it is read.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
    /// Bytes came after the head (a body, or another request), which are not read.
    pub trailing: bool,
}

/// Why a request gets no ordinary answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The connection closed, failed, or sent no whole head in time: no one to answer.
    Gone,
    /// The request is answered with this status alone (400, 414 or 431).
    Status(u16),
}

/// How often a wait for more of the head stops to look at the time and the queue.
const SLICE: Duration = Duration::from_millis(100);

/// Reads a request head from `stream`; `crowded` tells whether connections are
/// waiting for a worker.
pub fn read_head(
    stream: &mut TcpStream,
    accepted: Instant,
    patience: Patience,
    crowded: &dyn Fn() -> bool,
) -> Result<Head, Refusal> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    // Time runs out only after a read, so a connection that waited in the queue with
    // its request already sent is still answered.
    let mut looked = false;
    loop {
        match parse(&buffer) {
            Parsed::Head(head) => return Ok(head),
            Parsed::Refused(status) => return Err(Refusal::Status(status)),
            Parsed::Incomplete => {}
        }
        let waited = accepted.elapsed();
        let out_of_time = waited >= patience.head || (waited >= patience.when_crowded && crowded());
        if looked && out_of_time {
            return Err(Refusal::Gone);
        }
        let wait = patience
            .head
            .saturating_sub(waited)
            .clamp(Duration::from_millis(1), SLICE);
        if stream.set_read_timeout(Some(wait)).is_err() {
            return Err(Refusal::Gone);
        }
        looked = true;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(Refusal::Gone),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                ) => {}
            Err(_) => return Err(Refusal::Gone),
        }
    }
}

/// What the bytes received so far make.
#[derive(Debug, PartialEq, Eq)]
enum Parsed {
    Incomplete,
    Head(Head),
    Refused(u16),
}

/// Parses a request head: the limits are checked as bytes arrive, so an oversized
/// line is refused without waiting for its end.
fn parse(buffer: &[u8]) -> Parsed {
    let Some(first) = line_end(buffer, 0) else {
        return if buffer.len() > MAX_REQUEST_LINE {
            Parsed::Refused(414)
        } else {
            Parsed::Incomplete
        };
    };
    if first > MAX_REQUEST_LINE {
        return Parsed::Refused(414);
    }
    let mut at = first;
    loop {
        let Some(end) = line_end(buffer, at) else {
            let too_big = buffer.len() - at > MAX_HEADER_LINE || buffer.len() - first > MAX_HEADERS;
            return if too_big {
                Parsed::Refused(431)
            } else {
                Parsed::Incomplete
            };
        };
        let line = &buffer[at..end];
        if line.len() > MAX_HEADER_LINE || end - first > MAX_HEADERS {
            return Parsed::Refused(431);
        }
        at = end;
        if line == b"\r\n" || line == b"\n" {
            return match request_line(&buffer[..first]) {
                Some((method, target)) => Parsed::Head(Head {
                    method,
                    target,
                    trailing: at < buffer.len(),
                }),
                None => Parsed::Refused(400),
            };
        }
    }
}

/// The end (just past its `\n`) of the line that starts at `start`, if it has ended.
fn line_end(buffer: &[u8], start: usize) -> Option<usize> {
    buffer[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| start + i + 1)
}

/// The method and target of `METHOD TARGET HTTP/x.y`.
fn request_line(line: &[u8]) -> Option<(String, String)> {
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.trim_end_matches(['\r', '\n']).split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let valid = !method.is_empty()
        && method.bytes().all(|b| b.is_ascii_alphabetic())
        && !target.is_empty()
        && version.starts_with("HTTP/")
        && parts.next().is_none();
    valid.then(|| (method.to_string(), target.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(method: &str, target: &str, trailing: bool) -> Parsed {
        Parsed::Head(Head {
            method: method.to_string(),
            target: target.to_string(),
            trailing,
        })
    }

    #[test]
    fn a_head_is_whole_once_its_empty_line_arrives() {
        let request = b"GET /guide/?q=a HTTP/1.1\r\nHost: localhost\r\n\r\n";
        for cut in 0..request.len() {
            assert_eq!(parse(&request[..cut]), Parsed::Incomplete, "{cut}");
        }
        assert_eq!(parse(request), head("GET", "/guide/?q=a", false));
        assert_eq!(
            parse(b"POST / HTTP/1.1\nContent-Length: 2\n\nhi"),
            head("POST", "/", true)
        );
    }

    #[test]
    fn malformed_request_lines_get_400() {
        for bad in [
            "GET\r\n\r\n",
            "GET /\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1 extra\r\n\r\n",
            "GET / FTP/1.0\r\n\r\n",
            "G=T / HTTP/1.1\r\n\r\n",
            "\r\n\r\n",
        ] {
            assert_eq!(parse(bad.as_bytes()), Parsed::Refused(400), "{bad:?}");
        }
    }

    #[test]
    fn an_oversized_request_line_gets_414_before_it_ends() {
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(parse(long.as_bytes()), Parsed::Refused(414));
        assert_eq!(
            parse(&long.as_bytes()[..MAX_REQUEST_LINE + 1]),
            Parsed::Refused(414),
            "refused before the line ends"
        );
        let fits = format!(
            "GET /{} HTTP/1.1\r\n\r\n",
            "a".repeat(MAX_REQUEST_LINE - 20)
        );
        assert!(matches!(parse(fits.as_bytes()), Parsed::Head(_)));
    }

    #[test]
    fn oversized_headers_get_431() {
        let one_long = format!(
            "GET / HTTP/1.1\r\nCookie: {}\r\n\r\n",
            "c".repeat(MAX_HEADER_LINE + 100)
        );
        assert_eq!(parse(one_long.as_bytes()), Parsed::Refused(431));
        assert_eq!(
            parse(&one_long.as_bytes()[..MAX_HEADER_LINE + 40]),
            Parsed::Refused(431),
            "refused before the line ends"
        );
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X-Filler: 0123456789abcdef0123456789abcdef\r\n".repeat(1000)
        );
        assert_eq!(parse(many.as_bytes()), Parsed::Refused(431));
        let fits = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X-Filler: 0123456789abcdef0123456789abcdef\r\n".repeat(100)
        );
        assert!(matches!(parse(fits.as_bytes()), Parsed::Head(_)));
    }

    /// A connected pair of sockets on 127.0.0.1: (client, server).
    fn pair() -> (TcpStream, TcpStream) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        (client, listener.accept().unwrap().0)
    }

    #[test]
    fn a_head_that_never_ends_is_given_up() {
        use std::io::Write;
        let patience = Patience {
            head: Duration::from_millis(300),
            when_crowded: Duration::from_millis(300),
        };
        let (mut client, mut server) = pair();
        client.write_all(b"GET / HTTP/1.1\r\nHost: a").unwrap();
        let started = Instant::now();
        let read = read_head(&mut server, started, patience, &|| false);
        assert_eq!(read, Err(Refusal::Gone));
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn an_idle_connection_gives_way_when_others_wait() {
        let patience = Patience {
            head: Duration::from_secs(30),
            when_crowded: Duration::from_millis(50),
        };
        let (_client, mut server) = pair();
        let started = Instant::now();
        let read = read_head(&mut server, started, patience, &|| true);
        assert_eq!(read, Err(Refusal::Gone));
        assert!(started.elapsed() < Duration::from_secs(2));
        // A request sent while it waited for a worker is read, crowded or not.
        let (mut client, mut server) = pair();
        std::io::Write::write_all(&mut client, b"GET / HTTP/1.1\r\n\r\n").unwrap();
        let long_ago = Instant::now() - Duration::from_secs(2);
        let read = read_head(&mut server, long_ago, patience, &|| true);
        assert_eq!(read.map(|h| h.target), Ok("/".to_string()));
    }
}
