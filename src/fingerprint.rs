//! Fingerprints: fast hashes that tell whether something changed (not for security).

use std::fmt::{self, Debug, Write};
use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::Xxh3Default;

/// A hash map with a fast, non-cryptographic hash (FxHash, as rustc uses), for keys
/// the build makes itself (paths, page numbers, the hub's own words): not input an
/// attacker chooses to collide.
pub type FastMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;

/// A fast hash of a value (not for security: for noticing change).
pub fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = Xxh3Default::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A hash of a value's `Debug` form, written straight into the hasher. Fingerprints
/// taken this way cover every field of a type, including fields added later.
pub fn debug_hash(value: &dyn Debug) -> u64 {
    struct Writer(Xxh3Default);
    impl Write for Writer {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut writer = Writer(Xxh3Default::new());
    // Writing to a hasher cannot fail.
    let _ = write!(writer, "{value:?}");
    writer.0.finish()
}
