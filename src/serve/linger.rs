//! Closes connections gently once their answer is written, where the client may
//! still be sending: a refused request, a connection turned away while the server
//! is full.
//!
//! In: connections whose answer is written. Out: nothing; each is closed once the
//! client closes it or after a short while. Closing a socket with unread bytes makes
//! the system reset it, and a reset can discard the answer before the client reads
//! it; so the writing side is shut, what the client still sends is read and dropped,
//! and all of this happens on one thread of its own that never blocks on a client.

use std::collections::VecDeque;
use std::io::{ErrorKind, Read};
use std::net::{Shutdown, TcpStream};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::time::{Duration, Instant};

/// The most connections lingering at once; past it the oldest is closed at once.
const MAX_LINGERING: usize = 256;
/// How long a client gets to read its answer and close.
const LINGER: Duration = Duration::from_secs(2);
/// How often lingering connections are read.
const TICK: Duration = Duration::from_millis(10);

/// Hands connections to the lingering thread.
#[derive(Debug, Clone)]
pub struct Linger {
    sender: SyncSender<TcpStream>,
}

impl Linger {
    /// Starts the lingering thread.
    pub fn start() -> Linger {
        let (sender, receiver) = mpsc::sync_channel(MAX_LINGERING);
        // Without the thread, `close` closes each stream at once.
        let _ = std::thread::Builder::new()
            .name("serve-linger".to_string())
            .spawn(move || run(receiver));
        Linger { sender }
    }

    /// Closes `stream` once the client has read its answer.
    pub fn close(&self, stream: TcpStream) {
        let _ = stream.shutdown(Shutdown::Write);
        // When the thread cannot take more, the stream is closed here and now.
        let _ = self.sender.try_send(stream);
    }
}

fn run(receiver: Receiver<TcpStream>) {
    let mut lingering: VecDeque<(TcpStream, Instant)> = VecDeque::new();
    let mut scratch = [0u8; 8192];
    loop {
        let next = if lingering.is_empty() {
            receiver.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            receiver.recv_timeout(TICK)
        };
        match next {
            Ok(stream) => add(&mut lingering, stream),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) if lingering.is_empty() => return,
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(TICK),
        }
        while let Ok(stream) = receiver.try_recv() {
            add(&mut lingering, stream);
        }
        let now = Instant::now();
        lingering.retain_mut(|(stream, until)| now < *until && drain(stream, &mut scratch));
    }
}

fn add(lingering: &mut VecDeque<(TcpStream, Instant)>, stream: TcpStream) {
    if stream.set_nonblocking(true).is_ok() {
        lingering.push_back((stream, Instant::now() + LINGER));
        if lingering.len() > MAX_LINGERING {
            lingering.pop_front();
        }
    }
}

/// Reads and drops what has arrived; false once the client has closed or failed.
fn drain(stream: &mut TcpStream, scratch: &mut [u8]) -> bool {
    // Bounded, so one client sending fast cannot keep the thread from the others.
    for _ in 0..16 {
        match stream.read(scratch) {
            Ok(0) => return false,
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::WouldBlock => return true,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    true
}
