//! Finding the next byte of a kind in long text, eight bytes at a time: each byte's
//! class is worked out in one 64-bit word (its high bit set when the byte is of the
//! kind), so a long stretch costs one step per eight bytes and no mispredicted branch
//! per byte. Used where the index reads the whole hub's text: word ends, the bytes
//! `html_text` must look at, JSON escapes.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The position of the first byte from `start` that is of the kind `word` marks (the
/// length when there is none). `word` gets eight bytes as a little-endian word and
/// sets the high bit of each byte of the kind; bytes above the first one it marks may
/// be marked wrongly, as only the lowest mark is read. `byte` says the same of one
/// byte, for the last few.
pub fn first_where(
    bytes: &[u8],
    start: usize,
    word: impl Fn(u64) -> u64,
    byte: impl Fn(u8) -> bool,
) -> usize {
    let mut at = start;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let found = word(u64::from_le_bytes(chunk.try_into().expect("eight bytes"))) & HIGH;
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|&b| byte(b))
        .unwrap_or(bytes.len() - at)
}

/// Marks the bytes of `x` equal to `b`. Only the lowest mark is exact (a borrow can
/// mark the byte above a true one), so never negate it: use [`within`] for that.
pub fn equal(x: u64, b: u8) -> u64 {
    let v = x ^ (ONES * u64::from(b));
    v.wrapping_sub(ONES) & !v & HIGH
}

/// Marks the bytes of `x` in `low..=high`, both below 0x80 (bytes of 0x80 and above,
/// the parts of UTF-8 characters, are never marked).
pub fn within(x: u64, low: u8, high: u8) -> u64 {
    // With the high bits cleared no sum carries into the next byte.
    let y = x & !HIGH;
    (y + ONES * u64::from(0x80 - low)) & !(y + ONES * u64::from(0x7f - high)) & !x & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `first_where` against a plain loop at every start, over text holding
    /// each byte of `probes` at every position.
    fn agrees(word: impl Fn(u64) -> u64 + Copy, byte: impl Fn(u8) -> bool + Copy, probes: &[u8]) {
        let base = b"say goodbye well, and mean it tomorrow";
        for &probe in probes {
            for at in 0..=base.len() {
                let mut text = base.to_vec();
                text.insert(at, probe);
                for start in 0..text.len() {
                    let plain = (start..text.len())
                        .find(|&i| byte(text[i]))
                        .unwrap_or(text.len());
                    assert_eq!(
                        first_where(&text, start, word, byte),
                        plain,
                        "{probe:#x} at {at}, from {start}"
                    );
                }
            }
        }
    }

    #[test]
    fn equal_bytes_are_found_first() {
        let set = |b: u8| matches!(b, b'<' | b'&' | 0);
        let word = |x| equal(x, b'<') | equal(x, b'&') | equal(x, 0);
        agrees(word, set, &[b'<', b'&', 0, 1, b'=', 0x80, 0xc3, 0xff]);
    }

    #[test]
    fn bytes_in_a_range_are_found_first() {
        let digit = |b: u8| b.is_ascii_digit();
        let word = |x| within(x, b'0', b'9');
        agrees(
            word,
            digit,
            &[b'0', b'9', b'/', b':', 0xb0, 0xb9, 0xff, 0x7f],
        );
        let other = |b: u8| !(b.is_ascii_lowercase() || b == b' ');
        let word = |x| !(within(x, b'a', b'z') | within(x, b' ', b' '));
        agrees(word, other, &[b'A', b'`', b'{', b'!', b'.', 0xc3, 0x7f, 0]);
    }
}
