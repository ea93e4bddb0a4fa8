//! Fingerprints: fast hashes that tell whether something changed (not for security).

use std::fmt::{self, Debug, Write};
use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::{xxh3_64, Xxh3Default};

/// A hash map with a fast, non-cryptographic hash (FxHash, as rustc uses), for keys
/// the build makes itself (paths, page numbers, the hub's own words): not input an
/// attacker chooses to collide.
pub type FastMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;

/// A fast hash of a value (not for security: for noticing change).
pub fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = Gathered::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// One fingerprint of many values, added one by one (without gathering them in a
/// list first).
#[derive(Default)]
pub struct Fingerprint(Gathered);

impl Fingerprint {
    /// Adds `value` to what the fingerprint covers.
    #[inline]
    pub fn add(&mut self, value: impl Hash) {
        value.hash(&mut self.0);
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// A hasher that gathers what it is given and hashes it in pieces of [`GATHER`]
/// bytes. A fingerprint is fed many small pieces (a number, a short path, a tag), and
/// a streaming hash pays for each piece; gathering them first is several times
/// faster. The hash is the same XXH3 as of all the bytes at once.
struct Gathered {
    bytes: [u8; GATHER],
    held: usize,
    /// The bytes hashed so far, once there were more than [`GATHER`].
    streamed: Option<Box<Xxh3Default>>,
}

/// How many bytes [`Gathered`] holds before it hashes them.
const GATHER: usize = 1024;

impl Gathered {
    /// Hashes what is held, and `bytes` after it, when they do not fit.
    #[cold]
    fn stream(&mut self, bytes: &[u8]) {
        let streamed = self.streamed.get_or_insert_with(Default::default);
        streamed.update(&self.bytes[..self.held]);
        streamed.update(bytes);
        self.held = 0;
    }
}

impl Default for Gathered {
    fn default() -> Gathered {
        Gathered {
            bytes: [0; GATHER],
            held: 0,
            streamed: None,
        }
    }
}

impl Hasher for Gathered {
    // Inlined, so that a number or a string's end marker is copied in without a call.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        if let Some(room) = self.bytes.get_mut(self.held..self.held + bytes.len()) {
            room.copy_from_slice(bytes);
            self.held += bytes.len();
        } else {
            self.stream(bytes);
        }
    }

    fn finish(&self) -> u64 {
        let held = &self.bytes[..self.held];
        match &self.streamed {
            None => xxh3_64(held),
            Some(streamed) => {
                let mut streamed = streamed.clone();
                streamed.update(held);
                streamed.digest()
            }
        }
    }
}

/// A hash of a value's `Debug` form, written straight into the hasher. Fingerprints
/// taken this way cover every field of a type, including fields added later.
pub fn debug_hash(value: &dyn Debug) -> u64 {
    struct Writer(Gathered);
    impl Write for Writer {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut writer = Writer(Gathered::default());
    // Writing to a hasher cannot fail.
    let _ = write!(writer, "{value:?}");
    writer.0.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// However the bytes come, in small pieces or past the gathering size, the hash is
    /// XXH3 of all of them at once.
    #[test]
    fn gathered_pieces_hash_as_the_whole() {
        let whole: Vec<u8> = (0..3 * GATHER + 17).map(|i| (i * 7 % 251) as u8).collect();
        for piece in [1, 5, 64, GATHER - 1, GATHER + 3, whole.len()] {
            let mut hasher = Gathered::default();
            for chunk in whole.chunks(piece) {
                hasher.write(chunk);
            }
            assert_eq!(hasher.finish(), xxh3_64(&whole), "pieces of {piece} bytes");
        }
    }
}
