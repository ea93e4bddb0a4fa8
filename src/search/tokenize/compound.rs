//! Hyphenated compounds: `check-in`, `follow-up`, `one-on-one`. Their words are
//! terms as before, and after the last of them comes one more term, the words run
//! together (`checkin`, `followup`, `oneonone`). So the index holds a compound under
//! both forms a reader may type for it: a query `checkin` finds `check-in`, and a
//! query `follow-up` (cut the same way) looks up `followup`, which finds a page that
//! wrote `followup` as one word as well as one that wrote `follow-up`.
//!
//! Only two or three words make a compound: longer chains are mostly slugs and
//! addresses (`how-to-end-a-match`). Numbers alone (`2024-05-01`, `555-0100`) are not
//! run together; a number beside a word is (`covid-19`).
//!
//! Reading the text between words, this is also where a word that starts a new
//! sentence is marked, so that it does not stand beside the word before it.

use super::{Cut, Piece, MAX_TERM_CHARS};

/// The most words a compound may have to be run together.
const MOST_PARTS: usize = 3;

/// The compound being read: its words so far, run together.
#[derive(Default)]
struct Compound {
    joined: String,
    parts: usize,
    /// Whether any word of it holds a letter.
    letters: bool,
    /// Where its first word starts and its last word ends, in the text.
    start: usize,
    end: Option<usize>,
}

impl Compound {
    /// Emits the words run together when they make a compound, and starts afresh.
    fn finish(&mut self, emit: &mut impl FnMut(Cut<'_>)) {
        let end = self.end.take();
        if (2..=MOST_PARTS).contains(&self.parts)
            && self.letters
            && self.joined.chars().count() <= MAX_TERM_CHARS
        {
            emit(Cut {
                term: &self.joined,
                bytes: None,
                written: None,
                piece: Piece::Joined,
                span: (self.start, end.unwrap_or(self.start)),
            });
        }
        self.joined.clear();
        self.parts = 0;
        self.letters = false;
    }
}

/// The hyphens that join the words of a compound: the ASCII hyphen-minus, the
/// Unicode hyphen and the non-breaking hyphen (not dashes, which set words apart).
fn is_hyphen(between: &str) -> bool {
    matches!(between, "-" | "\u{2010}" | "\u{2011}")
}

/// Whether the text between two words ends a sentence (or a clause: `;`, `:`).
fn ends_sentence(between: &str) -> bool {
    between.contains([
        '.', '!', '?', ';', ':', '\u{3002}', '\u{ff01}', '\u{ff1f}', '\u{ff1b}', '\u{ff1a}',
    ])
}

/// Like [`super::cut`], with each word that a hyphen joins to the one before it
/// marked [`Piece::Hyphenated`], after a compound's last word its words run together
/// ([`Piece::Joined`]), and a word that follows the end of a sentence marked
/// [`Piece::Sentence`].
pub(super) fn cut_compounds(text: &str, buffer: &mut String, mut emit: impl FnMut(Cut<'_>)) {
    let mut compound = Compound::default();
    // Where the last word ended.
    let mut last: Option<usize> = None;
    super::cut(text, buffer, |cut| {
        if cut.piece != Piece::Word {
            compound.finish(&mut emit);
            emit(cut);
            return;
        }
        let (start, end) = cut.span;
        let joins = compound
            .end
            .is_some_and(|before| is_hyphen(&text[before..start]));
        if !joins {
            compound.finish(&mut emit);
            compound.start = start;
        }
        // A longer chain is never run together: no need to keep its words.
        if compound.parts < MOST_PARTS {
            compound.joined.push_str(cut.term);
        }
        compound.parts += 1;
        compound.letters |= cut.term.bytes().any(|b| !b.is_ascii_digit());
        compound.end = Some(end);
        let piece = if joins {
            Piece::Hyphenated
        } else if last.is_some_and(|before| ends_sentence(&text[before..start])) {
            Piece::Sentence
        } else {
            Piece::Word
        };
        last = Some(end);
        emit(Cut { piece, ..cut });
    });
    compound.finish(&mut emit);
}
