//! Text to search terms, the same way `search-core.js` cuts a query: words are runs of
//! Unicode letters and digits, lowercased, with accents folded away; an apostrophe
//! inside a word is dropped (`mentor's` → `mentors`); each Chinese or Japanese
//! character is a word of its own. Stems group word forms (`meeting`, `meetings`).
//!
//! The rules are deliberately simpler than full UAX #29 segmentation: the browser
//! must cut a query into exactly the terms the index holds, and it has no stemmer
//! and no word-break tables to share with Rust.

use std::borrow::Cow;

use unicode_normalization::char::decompose_canonical;

use crate::scan;

/// Words longer than this (hashes, run-together URLs) are not indexed.
pub const MAX_TERM_CHARS: usize = 40;

/// Calls `emit` with each term of `text`, in order. `buffer` is reused scratch space.
pub fn each_term(text: &str, buffer: &mut String, mut emit: impl FnMut(&str)) {
    each_term_with_bytes(text, buffer, |term, _| emit(term));
}

/// Like [`each_term`]; a term that is a plain word of the text itself comes with the
/// 16 bytes of the text that start with it, where the text is that long, so a caller
/// can read the term in whole words without going back to its length.
pub(crate) fn each_term_with_bytes(
    text: &str,
    buffer: &mut String,
    mut emit: impl FnMut(&str, Option<&[u8; 16]>),
) {
    fn flush(
        buffer: &mut String,
        length: &mut usize,
        emit: &mut impl FnMut(&str, Option<&[u8; 16]>),
    ) {
        if !buffer.is_empty() && *length <= MAX_TERM_CHARS {
            emit(buffer, None);
        }
        buffer.clear();
        *length = 0;
    }
    buffer.clear();
    let bytes = text.as_bytes();
    // Characters of the current term (after folding).
    let mut length = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let plain = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
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
                    emit(
                        &text[i..end],
                        bytes.get(i..i + 16).and_then(|b| b.try_into().ok()),
                    );
                }
                i = end;
                continue;
            }
        }
        if b.is_ascii_alphanumeric() {
            buffer.push(b.to_ascii_lowercase() as char);
            length += 1;
            i += 1;
            continue;
        }
        // Spaces and ASCII punctuation (all but the apostrophe) end a word, as the
        // checks below would find, in fewer steps: they sit between most words.
        if b < 128 && b != b'\'' {
            flush(buffer, &mut length, &mut emit);
            i += 1;
            continue;
        }
        let c = if b < 128 {
            b as char
        } else {
            text[i..].chars().next().expect("i is at a char boundary")
        };
        i += c.len_utf8();
        if is_ideograph(c) {
            flush(buffer, &mut length, &mut emit);
            buffer.push(c);
            length = 1;
            flush(buffer, &mut length, &mut emit);
        } else if is_accent(c) {
            // A decomposed accent belongs to the letter before it.
        } else if c.is_alphanumeric() {
            length += fold_into(c, buffer);
        } else if is_apostrophe(c)
            && !buffer.is_empty()
            && text[i..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphanumeric() && !is_ideograph(n))
        {
            // Dropped: `don't` is the term `dont`, as typed without the apostrophe.
        } else {
            flush(buffer, &mut length, &mut emit);
        }
    }
    flush(buffer, &mut length, &mut emit);
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

/// Lowercases `c`, removes its accents and appends the result to `out`; returns how
/// many characters it appended. Letters are folded after decomposing, so `ǽ` ends as
/// `ae` just like `æ` does, and folding a term again changes nothing.
fn fold_into(c: char, out: &mut String) -> usize {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return 1;
    }
    let before = out.len();
    for lower in c.to_lowercase() {
        // Only letters and digits of the decomposition stay: a mark it splits off
        // (an accent, an Indic nukta) would cut the word in two when read again.
        decompose_canonical(lower, |part| {
            if is_accent(part) || !part.is_alphanumeric() {
                return;
            }
            match part {
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'ø' => out.push('o'),
                'đ' | 'ð' => out.push('d'),
                'ł' => out.push('l'),
                'þ' => out.push_str("th"),
                'ı' => out.push('i'),
                _ => out.push(part),
            }
        });
    }
    out[before..].chars().count()
}

/// Combining accents (U+0300–U+036F), what NFD splits off Latin, Greek and Cyrillic letters.
fn is_accent(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Han, Hiragana and Katakana: written without spaces, so each character is a term.
fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ffff}')
}

/// Reduces terms to the stems that group their forms, in the hub's language.
pub struct Stemmer {
    inner: Option<rust_stemmers::Stemmer>,
}

impl Stemmer {
    /// A stemmer for a BCP 47 language tag (`en`, `fr-CA`); languages Snowball does not
    /// cover group nothing (every form is its own group).
    pub fn for_language(tag: &str) -> Stemmer {
        use rust_stemmers::Algorithm::*;
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_lowercase();
        let algorithm = match primary.as_str() {
            "ar" => Some(Arabic),
            "da" => Some(Danish),
            "de" => Some(German),
            "el" => Some(Greek),
            "en" => Some(English),
            "es" => Some(Spanish),
            "fi" => Some(Finnish),
            "fr" => Some(French),
            "hu" => Some(Hungarian),
            "it" => Some(Italian),
            "nl" => Some(Dutch),
            "no" | "nb" | "nn" => Some(Norwegian),
            "pt" => Some(Portuguese),
            "ro" => Some(Romanian),
            "ru" => Some(Russian),
            "sv" => Some(Swedish),
            "ta" => Some(Tamil),
            "tr" => Some(Turkish),
            _ => None,
        };
        Stemmer {
            inner: algorithm.map(rust_stemmers::Stemmer::create),
        }
    }

    /// The stem of a folded term. Numbers and very short words are their own stem.
    pub fn stem<'a>(&self, term: &'a str) -> Cow<'a, str> {
        match &self.inner {
            Some(s) if term.len() > 2 && !term.bytes().any(|b| b.is_ascii_digit()) => s.stem(term),
            _ => Cow::Borrowed(term),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_and_split_at_punctuation() {
        assert_eq!(
            terms("Your LAST meeting: an open-ended plan (2026)."),
            ["your", "last", "meeting", "an", "open", "ended", "plan", "2026"]
        );
    }

    #[test]
    fn accents_are_folded_composed_or_not() {
        assert_eq!(terms("Réunion café"), ["reunion", "cafe"]);
        assert_eq!(terms("Re\u{301}union"), ["reunion"]);
        assert_eq!(terms("Straße Ærø Łódź"), ["strasse", "aero", "lodz"]);
        // A ligature with an accent folds like the bare ligature, so folding twice is
        // the same as folding once.
        assert_eq!(terms("Ǽsir"), ["aesir"]);
        assert_eq!(terms("aesir"), ["aesir"]);
    }

    #[test]
    fn apostrophes_inside_words_are_dropped() {
        assert_eq!(
            terms("Don't miss your mentor’s 'last' call"),
            ["dont", "miss", "your", "mentors", "last", "call"]
        );
    }

    #[test]
    fn ideographs_are_single_terms() {
        assert_eq!(terms("导师ABC 会议"), ["导", "师", "abc", "会", "议"]);
    }

    #[test]
    fn plain_and_mixed_words_cut_alike() {
        assert_eq!(
            terms("plain words, then Mixed and café's end"),
            ["plain", "words", "then", "mixed", "and", "cafes", "end"]
        );
        assert_eq!(terms("it's 2026's"), ["its", "2026s"]);
        assert_eq!(terms("end'"), ["end"]);
    }

    #[test]
    fn plain_terms_come_with_the_bytes_that_start_them() {
        let text = "the first meeting, then Mixed café words and a last plain-word";
        let mut seen = Vec::new();
        each_term_with_bytes(text, &mut String::new(), |term, bytes| {
            if let Some(bytes) = bytes {
                assert!(bytes.starts_with(term.as_bytes()), "{term}");
            }
            seen.push((term.to_string(), bytes.is_some()));
        });
        let terms: Vec<&str> = seen.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms, super::terms(text));
        // Plain words with 16 bytes of text from their start come with them; folded
        // words, and words too near the end, do not.
        assert_eq!(seen[0], ("the".to_string(), true));
        assert!(seen.contains(&("mixed".to_string(), false)));
        assert!(seen.contains(&("cafe".to_string(), false)));
        assert_eq!(seen.last().unwrap(), &("word".to_string(), false));
    }

    #[test]
    fn overlong_words_are_skipped() {
        let long = "a".repeat(MAX_TERM_CHARS + 1);
        assert_eq!(terms(&format!("keep {long} this")), ["keep", "this"]);
        // The limit counts the folded term: `ß` is two letters once folded.
        let sharp = format!("{}ß", "a".repeat(MAX_TERM_CHARS - 1));
        assert_eq!(terms(&sharp), Vec::<String>::new());
        assert_eq!(terms(&sharp.replace('ß', "s")).len(), 1);
    }

    #[test]
    fn stems_group_word_forms() {
        let en = Stemmer::for_language("en-GB");
        let stems: Vec<_> = ["meet", "meeting", "meetings", "meets"]
            .iter()
            .map(|t| en.stem(t).into_owned())
            .collect();
        assert!(stems.iter().all(|s| s == "meet"), "{stems:?}");
        assert_eq!(en.stem("mentorship"), en.stem("mentorships"));
        assert_ne!(en.stem("mentor"), en.stem("meeting"));
        assert_eq!(en.stem("2026"), "2026");
        let none = Stemmer::for_language("xx");
        assert_eq!(none.stem("meetings"), "meetings");
    }
}
