//! The term dictionary the index counts with: each word of the hub to its number,
//! looked up once per word of text, so it is built for speed; and the order the
//! vocabulary is sorted in.
//!
//! In: terms as text. Out: their numbers (or the stop-word mark).

pub(crate) use crate::fingerprint::FastMap;

/// Terms to numbers. A term of up to 16 bytes (most words) is keyed by its bytes held
/// in one integer, so a lookup compares registers instead of following a pointer to
/// the key's text. Terms never hold a zero byte, so zero padding is unambiguous.
/// The most frequent words ("mentor", "meeting") are looked up far more than the
/// rest: a small table in front, small enough to stay in the fastest cache, answers
/// most lookups before the map is reached.
pub(super) struct Dictionary {
    recent: Box<[(u128, u32); RECENT]>,
    short: FastMap<u128, u32>,
    long: FastMap<String, u32>,
}

/// Slots of [`Dictionary::recent`] (a power of two).
const RECENT: usize = 256;

impl Default for Dictionary {
    fn default() -> Self {
        Dictionary {
            // Key 0 is no term (terms are never empty), so an empty slot never matches.
            recent: Box::new([(0, 0); RECENT]),
            short: FastMap::default(),
            long: FastMap::default(),
        }
    }
}

impl Dictionary {
    /// The term's bytes as a little-endian integer, read with a few overlapping loads
    /// (copying them into a buffer first would stall the load that reads it back).
    pub(super) fn short_key(term: &str) -> Option<u128> {
        let b = term.as_bytes();
        let n = b.len();
        let u32_at = |i: usize| u64::from(u32::from_le_bytes(b[i..i + 4].try_into().unwrap()));
        let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
        let (low, high) = match n {
            0 => (0, 0),
            1..=3 => {
                let low = u64::from(b[0])
                    | u64::from(b[n / 2]) << (n / 2 * 8)
                    | u64::from(b[n - 1]) << ((n - 1) * 8);
                (low, 0)
            }
            4..=7 => (u32_at(0) | u32_at(n - 4) << ((n - 4) * 8), 0),
            8 => (u64_at(0), 0),
            9..=16 => (u64_at(0), u64_at(n - 8) >> ((16 - n) * 8)),
            _ => return None,
        };
        Some(u128::from(high) << 64 | u128::from(low))
    }

    /// [`Dictionary::short_key`] of a term of up to 16 bytes, from the 16 bytes that
    /// start with it: two loads and two masks, the same for every length.
    pub(super) fn key_within(term: &str, bytes: &[u8; 16]) -> u128 {
        let n = term.len();
        let (low, high) = bytes.split_at(8);
        let low = u64::from_le_bytes(low.try_into().expect("8 bytes"));
        let high = u64::from_le_bytes(high.try_into().expect("8 bytes"));
        let low_mask = u64::MAX >> (64 - 8 * n.min(8));
        let high_mask = ((1u128 << (8 * n.saturating_sub(8))) - 1) as u64;
        u128::from(high & high_mask) << 64 | u128::from(low & low_mask)
    }

    /// The number of `term`; `bytes`, when given, are the 16 bytes that start with it.
    pub(super) fn get(&mut self, term: &str, bytes: Option<&[u8; 16]>) -> Option<u32> {
        let key = match bytes {
            Some(bytes) if (1..=16).contains(&term.len()) => Self::key_within(term, bytes),
            _ => match Self::short_key(term) {
                Some(key) => key,
                None => return self.long.get(term).copied(),
            },
        };
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let slot = (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize % RECENT;
        let (recent_key, id) = self.recent[slot];
        if recent_key == key {
            return Some(id);
        }
        let id = *self.short.get(&key)?;
        self.recent[slot] = (key, id);
        Some(id)
    }

    pub(super) fn insert(&mut self, term: &str, id: u32) {
        match Self::short_key(term) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(term.to_string(), id),
        };
    }
}

/// Orders terms as JavaScript compares strings (by UTF-16 code units), which the
/// browser's binary searches over the vocabulary rely on. It differs from Rust's
/// order only where one term has a character from U+E000 to U+FFFF (a compatibility
/// ideograph, halfwidth katakana) and the other one beyond U+FFFF (the rarer
/// ideographs): UTF-16 writes the latter as surrogates, which sort before U+E000.
pub fn browser_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match (a.get(same), b.get(same)) {
        // Lead bytes 0xEE and 0xEF start U+E000 to U+FFFF: they go after 0xF0 to 0xF4.
        (Some(&x), Some(&y)) => {
            let rank = |byte: u8| u16::from((0xee..=0xef).contains(&byte)) << 8 | u16::from(byte);
            rank(x).cmp(&rank(y))
        }
        _ => a.len().cmp(&b.len()),
    }
}
