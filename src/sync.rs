//! Small helpers for data shared between threads; a leaf that imports nothing.

use std::sync::{Mutex, MutexGuard};

/// Locks a mutex, whether or not another thread panicked while holding it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a mutex holds, once no thread uses it any more.
pub fn take<T>(mutex: Mutex<T>) -> T {
    mutex.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// Lets `value` go on a thread of its own: freeing a whole site's pages takes
/// milliseconds that the preview of an edit should not wait for.
pub fn drop_later<T: Send + 'static>(value: T) {
    // Should no thread start, the value goes here, as it would have.
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}
