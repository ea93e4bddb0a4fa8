//! The server's threads: one accepts connections and hands them through a short
//! queue to a fixed number of workers; a connection that finds the queue full is
//! answered at once with 503 and `Retry-After`, and never gets a thread of its own.
//! Open pages' event streams are held apart, on one thread (see [`Streams`]), so
//! open tabs never take a worker; a connection that sends no request in time gives
//! its worker up (see [`Patience`]).
//!
//! In: a listening socket, the shared site and the limits. Out: answered
//! connections, until the process ends.

use std::collections::VecDeque;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::http::Context;
use super::linger::Linger;
use super::request::Patience;
use super::response;
use super::streams::Streams;
use super::Shared;

/// How much the server takes on at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Threads answering requests.
    pub workers: usize,
    /// Connections accepted and waiting for a worker; past it, 503.
    pub queue: usize,
    /// Open pages' event streams; past it, 503.
    pub streams: usize,
    /// How long a connection may take to send its request.
    pub patience: Patience,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            workers: 32,
            queue: 32,
            streams: 64,
            patience: Patience {
                head: Duration::from_secs(10),
                when_crowded: Duration::from_secs(1),
            },
        }
    }
}

/// Accepts and answers connections on `listener` until the process ends.
pub fn run(listener: TcpListener, shared: Arc<Shared>, limits: Limits) {
    let linger = Linger::start();
    let context = Arc::new(Context {
        streams: Streams::start(Arc::clone(&shared), limits.streams),
        shared,
        linger: linger.clone(),
        patience: limits.patience,
    });
    let queue = Arc::new(Queue::new(limits.queue));
    for n in 0..limits.workers {
        let (queue, context) = (Arc::clone(&queue), Arc::clone(&context));
        let spawned = std::thread::Builder::new()
            .name(format!("serve-{n}"))
            .spawn(move || loop {
                let (stream, accepted) = queue.take();
                let crowded = || queue.crowded();
                // A panic while answering one request must not cost the server a worker.
                let _ = panic::catch_unwind(AssertUnwindSafe(|| {
                    context.handle(stream, accepted, &crowded);
                }));
            });
        if let Err(e) = spawned {
            eprintln!("warning: the server runs with {n} workers: {e}");
            break;
        }
    }
    let busy = response::busy(1).to_bytes();
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                if let Err(stream) = queue.offer(stream) {
                    turn_away(stream, &busy, &linger);
                }
            }
            // Most likely out of file descriptors: wait for connections to close
            // rather than spin on the error.
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Answers 503 without reading anything and without blocking: a fresh connection
/// takes these few bytes at once, and one that does not is not worth waiting for.
fn turn_away(stream: TcpStream, busy: &[u8], linger: &Linger) {
    if stream.set_nonblocking(true).is_ok() {
        let _ = (&stream).write(busy);
    }
    linger.close(stream);
}

/// Connections accepted and not yet taken by a worker.
#[derive(Debug)]
struct Queue {
    state: Mutex<QueueState>,
    arrived: Condvar,
    capacity: usize,
}

#[derive(Debug, Default)]
struct QueueState {
    waiting: VecDeque<(TcpStream, Instant)>,
    /// Workers waiting for a connection.
    idle: usize,
}

impl Queue {
    fn new(capacity: usize) -> Queue {
        Queue {
            state: Mutex::default(),
            arrived: Condvar::new(),
            capacity,
        }
    }

    /// The queue's state, whether or not a worker panicked while holding it.
    fn state(&self) -> MutexGuard<'_, QueueState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues a connection, or gives it back when the queue is full.
    fn offer(&self, stream: TcpStream) -> Result<(), TcpStream> {
        let mut state = self.state();
        if state.waiting.len() >= self.capacity + state.idle {
            return Err(stream);
        }
        state.waiting.push_back((stream, Instant::now()));
        self.arrived.notify_one();
        Ok(())
    }

    /// The oldest waiting connection and when it was accepted, once there is one.
    fn take(&self) -> (TcpStream, Instant) {
        let mut state = self.state();
        state.idle += 1;
        loop {
            if let Some(next) = state.waiting.pop_front() {
                state.idle -= 1;
                return next;
            }
            state = self.arrived.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Whether connections wait that no idle worker is about to take.
    fn crowded(&self) -> bool {
        let state = self.state();
        state.waiting.len() > state.idle
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::{Files, Snapshot};
    use std::io::Read;

    fn limits(workers: usize, queue: usize) -> Limits {
        Limits {
            workers,
            queue,
            streams: 1,
            patience: Patience {
                head: Duration::from_secs(30),
                when_crowded: Duration::from_secs(1),
            },
        }
    }

    /// A server of the home page alone; it runs until the test process ends.
    fn start(limits: Limits) -> u16 {
        let shared = Arc::new(Shared::default());
        let mut files = Files::default();
        files.insert("index.html".to_string(), Arc::new(b"home".to_vec()));
        *shared.snapshot.write().unwrap() = Arc::new(Snapshot {
            files: Arc::new(files),
            ..Default::default()
        });
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || run(listener, shared, limits));
        port
    }

    fn connect(port: u16) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
    }

    fn get(port: u16) -> String {
        let mut stream = connect(port);
        stream.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn a_full_server_answers_503_at_once_and_idle_connections_give_way() {
        let port = start(limits(1, 1));
        assert!(get(port).starts_with("HTTP/1.1 200 OK\r\n"));
        // One idle connection holds the worker, one waits in the queue…
        let _holding = connect(port);
        std::thread::sleep(Duration::from_millis(100));
        let _waiting = connect(port);
        std::thread::sleep(Duration::from_millis(100));
        // …so the next is turned away, quickly, without sending a thing.
        let started = Instant::now();
        let mut turned = connect(port);
        let mut text = String::new();
        turned.read_to_string(&mut text).unwrap();
        assert!(
            text.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nRetry-After: 1\r\n"), "{text}");
        assert!(started.elapsed() < Duration::from_secs(2));
        // The idle connections give way to a request, which is answered.
        let started = Instant::now();
        loop {
            let text = get(port);
            if text.starts_with("HTTP/1.1 200 OK\r\n") {
                break;
            }
            assert!(text.starts_with("HTTP/1.1 503 "), "{text}");
            assert!(started.elapsed() < Duration::from_secs(10), "never served");
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}
