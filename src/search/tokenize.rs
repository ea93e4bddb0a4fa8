//! Text to search terms, the same way `search-terms.js` cuts it (`scan`). Words are
//! runs of Unicode letters and digits, lowercased, with accents folded away; an
//! apostrophe inside a word is dropped (`mentor's` → `mentors`). A word whose folding
//! took accents away also comes as written, for stemmers that read accents.
//!
//! Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) and
//! Korean, whose words run into long compounds, are cut character by character (see
//! `script::by_character`), a character composed with the marks NFC joins to it
//! (`か` + `゛` → `が`, Korean jamo → syllables). The index holds each character of a
//! run and each pair of neighbours (`导师会议` → `导`, `导师`, `师`, `师会`, `会`,
//! `会议`, `议`); a query looks up the pairs of each run it holds, or the one
//! character of a run of one ([`query_terms`]). So any run a reader types finds the
//! pages that hold it, inside longer words too, and a page that holds the run as
//! written holds every pair, where a page with the same characters apart misses some.
//!
//! A hyphenated compound of two or three words (`check-in`, `follow-up`,
//! `one-on-one`) gives its words and, after them, the words run together (`checkin`,
//! `followup`, `oneonone`; see `compound`), so a reader finds it typed with the
//! hyphen, without it, or as one word, and a page that writes `followup` is found by
//! `follow-up` too.
//!
//! The rules are deliberately simpler than full UAX #29 segmentation: the browser
//! must cut a query into exactly the terms the index holds, and it has no stemmer,
//! no dictionary of words and no word-break tables to share with Rust.

mod compound;
mod script;

use unicode_normalization::char::{compose, decompose_canonical};

use crate::scan;

pub(crate) use script::by_character;

/// Words longer than this (hashes, run-together URLs) are not indexed.
pub const MAX_TERM_CHARS: usize = 40;

/// What a term is: a word, a compound's words run together, or one character or a
/// pair of neighbours of a run cut character by character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    Word,
    /// A word after the end of a sentence (`.`, `?`, `;`…): it does not stand beside
    /// the word before it.
    Sentence,
    /// A word joined to the one before it by a hyphen (`in` of `check-in`).
    Hyphenated,
    /// The words of a hyphenated compound run together (`checkin`), after them.
    Joined,
    Single,
    Pair,
}

/// One term as [`cut`] hands it on.
struct Cut<'a> {
    term: &'a str,
    /// For a plain word of the text, the 16 bytes of the text that start with it.
    bytes: Option<&'a [u8; 16]>,
    /// For a word whose folding took accents or letters like `ß` away, the word as
    /// written (`Reunión` for `reunion`): a stemmer may need them.
    written: Option<&'a str>,
    piece: Piece,
    /// Where a word starts and ends in the text (bytes), to tell a compound's words.
    span: (usize, usize),
}

/// Calls `emit` with each term of `text`, in order. `buffer` is reused scratch space.
pub fn each_term(text: &str, buffer: &mut String, mut emit: impl FnMut(&str)) {
    compound::cut_compounds(text, buffer, |cut| emit(cut.term));
}

/// Like [`each_term`]; a term that is a plain word of the text itself comes with the
/// 16 bytes of the text that start with it, where the text is that long, so a caller
/// can read the term in whole words without going back to its length; a word whose
/// folding took accents away comes with the word as written (`Reunión`); and each
/// term says what it is (for where it stands: see `positions`).
pub(crate) fn each_term_with_bytes(
    text: &str,
    buffer: &mut String,
    mut emit: impl FnMut(&str, Option<&[u8; 16]>, Option<&str>, Piece),
) {
    compound::cut_compounds(text, buffer, |cut| {
        emit(cut.term, cut.bytes, cut.written, cut.piece)
    });
}

/// The word being read: its folded letters are in the caller's buffer.
#[derive(Default)]
struct Word {
    /// Characters of the folded word.
    length: usize,
    /// Where the word starts and ends in the text.
    start: usize,
    end: usize,
    /// Whether folding changed more than letter case.
    accented: bool,
}

/// The index's terms of `text`, with what each is.
fn cut(text: &str, buffer: &mut String, mut emit: impl FnMut(Cut<'_>)) {
    fn flush(text: &str, buffer: &mut String, word: &mut Word, emit: &mut impl FnMut(Cut<'_>)) {
        if !buffer.is_empty() && word.length <= MAX_TERM_CHARS {
            emit(Cut {
                term: buffer,
                bytes: None,
                written: word.accented.then(|| &text[word.start..word.end]),
                piece: Piece::Word,
                span: (word.start, word.end),
            });
        }
        buffer.clear();
        word.length = 0;
        word.accented = false;
    }
    buffer.clear();
    let bytes = text.as_bytes();
    let mut word = Word::default();
    // The last character of the current run cut character by character, and the
    // pair it makes with the next.
    let mut previous: Option<char> = None;
    let mut pair = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let plain = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
        if b < 128 {
            previous = None;
        }
        // Most words are plain lowercase ASCII: they are their own term, no copy needed.
        if buffer.is_empty() && plain(b) {
            let end = plain_run_end(bytes, i);
            let after = bytes.get(end).copied();
            let ends_word = match after {
                None => true,
                Some(c) => c < 128 && !c.is_ascii_uppercase() && c != b'\'',
            };
            if ends_word {
                if end - i <= MAX_TERM_CHARS {
                    emit(Cut {
                        term: &text[i..end],
                        bytes: bytes.get(i..i + 16).and_then(|b| b.try_into().ok()),
                        written: None,
                        piece: Piece::Word,
                        span: (i, end),
                    });
                }
                i = end;
                continue;
            }
        }
        if b.is_ascii_alphanumeric() {
            if buffer.is_empty() {
                word.start = i;
            }
            buffer.push(b.to_ascii_lowercase() as char);
            word.length += 1;
            i += 1;
            word.end = i;
            continue;
        }
        // Spaces and ASCII punctuation (all but the apostrophe) end a word, as the
        // checks below would find, in fewer steps: they sit between most words.
        if b < 128 && b != b'\'' {
            flush(text, buffer, &mut word, &mut emit);
            i += 1;
            continue;
        }
        let at = i;
        let c = if b < 128 {
            b as char
        } else {
            text[i..].chars().next().expect("i is at a char boundary")
        };
        i += c.len_utf8();
        if by_character(c) {
            flush(text, buffer, &mut word, &mut emit);
            // The marks NFC joins to the character belong to it (NFD text, or kana
            // typed with a separate voicing mark).
            let mut unit = c;
            while let Some((joined, size)) = text[i..]
                .chars()
                .next()
                .filter(|&n| may_join(n))
                .and_then(|n| compose(unit, n).map(|joined| (joined, n.len_utf8())))
            {
                unit = joined;
                i += size;
            }
            if let Some(before) = previous {
                pair.clear();
                pair.push(before);
                pair.push(unit);
                emit(Cut {
                    term: &pair,
                    bytes: None,
                    written: None,
                    piece: Piece::Pair,
                    span: (at, i),
                });
            }
            emit(Cut {
                term: unit.encode_utf8(&mut [0u8; 4]),
                bytes: None,
                written: None,
                piece: Piece::Single,
                span: (at, i),
            });
            previous = Some(unit);
        } else if is_accent(c) {
            // A decomposed accent belongs to the letter (or character) before it.
            if !buffer.is_empty() {
                word.accented = true;
                word.end = i;
            }
        } else if c.is_alphanumeric() {
            previous = None;
            if buffer.is_empty() {
                word.start = at;
            }
            let (length, changed) = fold_into(c, buffer);
            word.length += length;
            word.accented |= changed;
            word.end = i;
        } else if is_apostrophe(c)
            && !buffer.is_empty()
            && text[i..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphanumeric() && !by_character(n))
        {
            // Dropped: `don't` is the term `dont`, as typed without the apostrophe.
        } else {
            previous = None;
            flush(text, buffer, &mut word, &mut emit);
        }
    }
    flush(text, buffer, &mut word, &mut emit);
}

/// Whether `next` may join the character before it under NFC (a mark, a Korean
/// vowel or final jamo): not ASCII, nor a common ideograph, Hangul syllable or Thai
/// character, which follow one another in most text cut character by character
/// and never join.
fn may_join(next: char) -> bool {
    !(next.is_ascii()
        || ('\u{0e00}'..='\u{0e7f}').contains(&next)
        || ('\u{4e00}'..='\u{9fff}').contains(&next)
        || ('\u{ac00}'..='\u{d7a3}').contains(&next))
}

/// Where the run of lowercase ASCII letters and digits from `start` ends.
fn plain_run_end(bytes: &[u8], start: usize) -> usize {
    scan::first_where(
        bytes,
        start,
        |x| !(scan::within(x, b'a', b'z') | scan::within(x, b'0', b'9')),
        |b| !(b.is_ascii_lowercase() || b.is_ascii_digit()),
    )
}

/// The terms of `text`, as owned strings (for tests and short texts).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, &mut String::new(), |t| out.push(t.to_string()));
    out
}

/// The terms the browser looks up for a query typed as `text` (`scan(text, true)` in
/// `search-terms.js`): its words (a compound's run together too), and of each run cut character by character the pairs
/// of neighbours, or the character itself when the run is one character long. The
/// build never cuts queries; tests hold both sides to the same rules with it.
pub fn query_terms(text: &str) -> Vec<String> {
    let mut pieces: Vec<(String, Piece)> = Vec::new();
    compound::cut_compounds(text, &mut String::new(), |cut| {
        pieces.push((cut.term.to_string(), cut.piece))
    });
    let piece_at = |n: Option<usize>| n.and_then(|n| pieces.get(n)).map(|p| p.1);
    let mut out = Vec::new();
    for (n, (term, piece)) in pieces.iter().enumerate() {
        let keep = match piece {
            Piece::Word | Piece::Sentence | Piece::Hyphenated | Piece::Joined | Piece::Pair => true,
            // In a longer run a pair stands before or after each character.
            Piece::Single => {
                piece_at(n.checked_sub(1)) != Some(Piece::Pair)
                    && piece_at(Some(n + 1)) != Some(Piece::Pair)
            }
        };
        if keep {
            out.push(term.clone());
        }
    }
    out
}

/// Lowercases `c`, removes its accents and appends the result to `out`; returns how
/// many characters it appended, and whether it changed more than the letter's case.
/// Letters are folded after decomposing, so `ǽ` ends as `ae` just like `æ` does, and
/// folding a term again changes nothing.
fn fold_into(c: char, out: &mut String) -> (usize, bool) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return (1, false);
    }
    let before = out.len();
    let mut changed = false;
    for lower in c.to_lowercase() {
        // Only letters and digits of the decomposition stay: a mark it splits off
        // (an accent, an Indic nukta) would cut the word in two when read again.
        decompose_canonical(lower, |part| {
            if is_accent(part) || !part.is_alphanumeric() {
                changed = true;
                return;
            }
            let folded = match part {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'đ' | 'ð' => "d",
                'ł' => "l",
                'þ' => "th",
                'ı' => "i",
                _ => {
                    changed |= part != lower;
                    out.push(part);
                    return;
                }
            };
            changed = true;
            out.push_str(folded);
        });
    }
    (out[before..].chars().count(), changed)
}

/// `word` folded as the index folds a word's letters: lowercased, accents removed.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !is_accent(c) && !is_apostrophe(c) {
            fold_into(c, &mut out);
        }
    }
    out
}

/// Combining accents (U+0300–U+036F), what NFD splits off Latin, Greek and Cyrillic letters.
fn is_accent(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

#[cfg(test)]
mod tests;
