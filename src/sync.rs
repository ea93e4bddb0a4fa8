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

/// What a rebuild no longer needs, let go once its pages are served: freeing a whole
/// site takes milliseconds, and freeing it beside the rebuild (on a third thread
/// sharing two cores and the allocator's locks) slows the rebuild down more.
#[derive(Default)]
pub struct Trash(Vec<Box<dyn std::any::Any + Send>>);

impl Trash {
    /// Keeps `value` until [`Trash::empty`].
    pub fn put<T: Send + 'static>(&mut self, value: T) {
        self.0.push(Box::new(value));
    }

    /// Lets everything put here go.
    pub fn empty(&mut self) {
        self.0.clear();
    }
}

impl std::fmt::Debug for Trash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Trash({} values)", self.0.len())
    }
}
