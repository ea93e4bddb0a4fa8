//! Answers one connection of the preview: its request is read within limits, GET and
//! HEAD are answered from the in-memory site (see [`answer`]), one request per
//! connection (`Connection: close`), and the live-reload event stream is handed to
//! [`Streams`]. Oversized requests get 414 or 431 and other methods 405.
//!
//! In: a connection a worker took from the queue, and when it was accepted. Out: the
//! answer written and the connection closed, or handed to [`Streams`] or [`Linger`].

use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::linger::Linger;
use super::lookup::answer;
use super::request::{self, Patience, Refusal};
use super::response;
use super::streams::Streams;
use super::Shared;

/// The path of the event stream that tells pages to reload.
pub const EVENTS_PATH: &str = "/__guidepost/events";

/// How long one write to a client may block before the client is given up.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// What answering a connection needs besides the connection.
#[derive(Debug)]
pub struct Context {
    pub shared: Arc<Shared>,
    pub streams: Streams,
    pub linger: Linger,
    pub patience: Patience,
}

impl Context {
    /// Reads one request from `stream` and answers it; `crowded` tells whether other
    /// connections wait for a worker.
    pub fn handle(&self, mut stream: TcpStream, accepted: Instant, crowded: &dyn Fn() -> bool) {
        if stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err() {
            return;
        }
        let head = match request::read_head(&mut stream, accepted, self.patience, crowded) {
            Ok(head) => head,
            Err(Refusal::Gone) => return,
            Err(Refusal::Status(status)) => {
                let _ = response::refusal(status).write(&mut stream, false);
                // The rest of the oversized request may still be on its way.
                return self.linger.close(stream);
            }
        };
        let head_only = head.method == "HEAD";
        if head.method != "GET" && !head_only {
            let _ = response::not_allowed().write(&mut stream, false);
            // A body may follow the head.
            return self.linger.close(stream);
        }
        if head.target.split('?').next() == Some(EVENTS_PATH) {
            // Given back only if the streaming thread has stopped.
            if let Err(mut stream) = self.streams.adopt(stream) {
                let _ = response::busy(5).write(&mut stream, head_only);
            }
            return;
        }
        let _ = answer(&head.target, &self.shared).write(&mut stream, head_only);
        if head.trailing {
            self.linger.close(stream);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::{Files, Snapshot};
    use std::io::{Read, Write};
    use std::net::TcpListener;

    fn context() -> Arc<Context> {
        let shared = Arc::new(Shared::default());
        let mut files = Files::default();
        files.insert(
            "index.html".to_string(),
            Arc::new(b"<body>home</body>".to_vec()),
        );
        *shared.snapshot.write().unwrap() = Arc::new(Snapshot {
            files: Arc::new(files),
            ..Snapshot::default()
        });
        Arc::new(Context {
            streams: Streams::start(Arc::clone(&shared), 1),
            shared,
            linger: Linger::start(),
            patience: Patience {
                head: Duration::from_secs(10),
                when_crowded: Duration::from_secs(1),
            },
        })
    }

    /// Sends `request` over a real connection while `context` answers it, and returns
    /// everything the client reads before the server closes; a reset fails the test.
    fn exchange(context: &Arc<Context>, request: Vec<u8>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let server = listener.accept().unwrap().0;
        let answering = {
            let context = Arc::clone(context);
            std::thread::spawn(move || context.handle(server, Instant::now(), &|| false))
        };
        // Written on a thread of its own: a refused request is not read to its end.
        let mut writer = client.try_clone().unwrap();
        let writing = std::thread::spawn(move || {
            let _ = writer.write_all(&request);
        });
        client
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut answer = Vec::new();
        client
            .read_to_end(&mut answer)
            .expect("the answer arrives whole, without a reset");
        answering.join().unwrap();
        drop(client);
        writing.join().unwrap();
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[test]
    fn a_get_is_answered_and_other_methods_get_405_with_allow() {
        let context = context();
        let ok = exchange(&context, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec());
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        assert!(ok.contains("<body>home"));
        let head = exchange(&context, b"HEAD / HTTP/1.1\r\n\r\n".to_vec());
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n") && head.ends_with("\r\n\r\n"));
        for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
            let request = format!("{method} / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
            let text = exchange(&context, request.into_bytes());
            assert!(
                text.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
                "{text}"
            );
            assert!(text.contains("\r\nAllow: GET, HEAD\r\n"), "{text}");
        }
    }

    #[test]
    fn an_oversized_request_line_gets_414_not_a_reset() {
        let context = context();
        for size in [9 * 1024, 1024 * 1024] {
            let request = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(size));
            let text = exchange(&context, request.into_bytes());
            assert!(text.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{text}");
        }
    }

    #[test]
    fn oversized_headers_get_431_not_a_reset() {
        let context = context();
        let one_long = format!("GET / HTTP/1.1\r\nCookie: {}\r\n\r\n", "c".repeat(10_000));
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X-Filler: 0123456789abcdef0123456789abcdef\r\n".repeat(25_000)
        );
        for request in [one_long, many] {
            let text = exchange(&context, request.into_bytes());
            assert!(
                text.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_stream_past_the_limit_gets_503_with_retry_after() {
        let context = context();
        let request = b"GET /__guidepost/events HTTP/1.1\r\n\r\n";
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let first = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let server = listener.accept().unwrap().0;
        (&first).write_all(request).unwrap();
        context.handle(server, Instant::now(), &|| false);
        let second = exchange(&context, request.to_vec());
        assert!(
            second.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{second}"
        );
        assert!(second.contains("\r\nRetry-After: 5\r\n"), "{second}");
    }
}
