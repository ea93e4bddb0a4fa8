//! One file of the search index, and the hash the manifest's version is made of.

/// One file of the index, by its key (`v/3`); the file is `search/index/{key}.js`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    pub key: String,
    pub script: String,
}

/// A hash of a shard's key and text (the manifest's version hashes them all).
pub fn shard_hash(shard: &Shard) -> u64 {
    crate::fingerprint::hash_of((&shard.key, &shard.script))
}
