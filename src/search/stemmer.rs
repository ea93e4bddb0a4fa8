//! Word forms to the stems that group them (`meeting`, `meetings` → `meet`), with the
//! Snowball stemmer of the hub's language.
//!
//! In: folded terms from [`super::tokenize`]. Out: their stems.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::tokenize::{by_character, fold};

/// Reduces terms to the stems that group their forms, in the hub's language.
pub struct Stemmer {
    inner: Option<rust_stemmers::Stemmer>,
    /// Whether the language's Snowball rules read accents (all but English's): its
    /// words are stemmed as written, then folded.
    accents: bool,
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
            accents: primary != "en",
        }
    }

    /// The stem of a folded term. Numbers, very short words and the characters of
    /// scripts cut character by character are their own stem.
    pub fn stem<'a>(&self, term: &'a str) -> Cow<'a, str> {
        match &self.inner {
            Some(s)
                if term.len() > 2
                    && !term.bytes().any(|b| b.is_ascii_digit())
                    && !term.chars().next().is_some_and(by_character) =>
            {
                s.stem(term)
            }
            _ => Cow::Borrowed(term),
        }
    }

    /// The stem of a folded term that was written `written` (with accents: `reunión`,
    /// `Comunicación`). Snowball's rules for most languages read accents, so the
    /// written word is stemmed and the stem folded: `comunicación` and
    /// `comunicaciones` share `comun`, where `comunicacion` would be left whole.
    pub fn stem_written<'a>(&self, term: &'a str, written: Option<&str>) -> Cow<'a, str> {
        let Some(written) = written.filter(|_| self.accents && self.inner.is_some()) else {
            return self.stem(term);
        };
        let word: String = written
            .nfc()
            .flat_map(char::to_lowercase)
            .filter(|&c| c != '\'' && c != '\u{2019}')
            .collect();
        // Only a word that folds to the term itself (it always should) stands for it.
        if fold(&word) != term {
            return self.stem(term);
        }
        Cow::Owned(fold(&self.stem(&word)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The stem of a word as the index finds it: folded, and as written.
    fn stem_of(stemmer: &Stemmer, word: &str) -> String {
        let term = fold(word);
        let written = (term != word.to_lowercase()).then_some(word);
        stemmer.stem_written(&term, written).into_owned()
    }

    #[test]
    fn spanish_and_french_forms_group_with_or_without_accents() {
        let es = Stemmer::for_language("es");
        for (a, b) in [
            ("reuniones", "reunión"),
            ("Reunión", "reunion"),
            ("comunicaciones", "comunicación"),
            ("relaciones", "relación"),
            ("mentoras", "mentor"),
        ] {
            assert_eq!(stem_of(&es, a), stem_of(&es, b), "{a} {b}");
        }
        // Decomposed accents read the same as composed ones.
        assert_eq!(
            stem_of(&es, "comunicacio\u{301}n"),
            stem_of(&es, "comunicaciones")
        );
        let fr = Stemmer::for_language("fr-CA");
        for (a, b) in [
            ("réunions", "réunion"),
            ("dernière", "dernier"),
            ("élèves", "élève"),
            ("bénévoles", "bénévole"),
        ] {
            assert_eq!(stem_of(&fr, a), stem_of(&fr, b), "{a} {b}");
        }
        assert_ne!(stem_of(&fr, "réunion"), stem_of(&fr, "rencontre"));
    }

    #[test]
    fn english_stems_its_folded_words() {
        // English Snowball knows no accents: `résumé` groups with `resume` as before.
        let en = Stemmer::for_language("en");
        assert_eq!(stem_of(&en, "résumé"), stem_of(&en, "resume"));
        assert_eq!(stem_of(&en, "cafés"), en.stem("cafes"));
    }

    #[test]
    fn characters_cut_one_by_one_are_their_own_stem() {
        let en = Stemmer::for_language("en");
        for term in ["导师", "会", "การ", "회의"] {
            assert_eq!(en.stem(term), term);
        }
    }
}
