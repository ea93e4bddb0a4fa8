//! One file of the search index, how numbers are written in it (base-64 varints,
//! as `search-core.js` reads them), how a group's postings are cut into tiers, and
//! the hash the manifest's version is made of.

use serde::Serialize;

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

/// The digits of the base-64 number encoding; `search-core.js` uses the same.
pub const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Postings per tier of a group: the first tier ships with the group, later ones
/// on their own; the last size repeats.
pub const TIERS: &[usize] = &[160, 1600, 6400, 25600];

/// Appends `value` in base 64, most significant digit first: digits 32–63 say more
/// digits follow (carrying 5 bits each), 0–31 end the number.
pub fn push_varint(out: &mut String, mut value: u64) {
    let mut digits = [0u8; 13];
    let mut n = 0;
    loop {
        digits[n] = (value & 31) as u8;
        n += 1;
        value >>= 5;
        if value == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let continued = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[(digits[i] + continued) as usize] as char);
    }
}

/// Reads numbers written by [`push_varint`], as `search-core.js` does (for tests and
/// tools); None when the text holds a character that is not a digit.
pub fn read_varints(text: &str) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut value = 0u64;
    for b in text.bytes() {
        let d = DIGITS.iter().position(|&x| x == b)? as u64;
        value = value * 32 + (d & 31);
        if d < 32 {
            out.push(value);
            value = 0;
        }
    }
    Some(out)
}

/// Postings (document, level) sorted by document, as gaps and level digits.
pub fn encode_postings(postings: &mut [(u32, u8)]) -> String {
    // A tier holds one run of ascending documents per level: a stable sort merges them.
    postings.sort_by_key(|p| p.0);
    let mut out = String::with_capacity(postings.len() * 2);
    let mut previous = 0;
    for &(doc, level) in postings.iter() {
        push_varint(&mut out, u64::from(doc - previous));
        out.push(DIGITS[level as usize] as char);
        previous = doc;
    }
    out
}

/// The tiers of a group's postings (best first), as the bounds of each slice.
pub fn tier_bounds(len: usize) -> Vec<(usize, usize)> {
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut tier = 0;
    while start < len || bounds.is_empty() {
        let size = TIERS[tier.min(TIERS.len() - 1)];
        let end = (start + size).min(len);
        bounds.push((start, end));
        start = end;
        tier += 1;
    }
    bounds
}

/// A shard that hands `data` to `guidepostIndex` as JSON.
pub fn script(key: &str, data: &impl Serialize) -> Shard {
    let mut bytes = format!("guidepostIndex({},", serde_json::json!(key)).into_bytes();
    serde_json::to_writer(&mut bytes, data).expect("index data serialises");
    bytes.extend_from_slice(b");\n");
    // `<` only occurs inside JSON strings; as \u003c no content can ever read as markup
    // (a `</script>` or `<!--`), whatever page or tool loads the shard.
    let script = String::from_utf8(bytes)
        .expect("JSON is UTF-8")
        .replace('<', "\\u003c");
    Shard {
        key: key.to_string(),
        script,
    }
}
