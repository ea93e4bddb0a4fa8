//! Which way a language is written: the `dir` of a hub's pages and the layout of its
//! Word documents.
//!
//! In: a BCP 47 language tag (`ar`, `fa-IR`, `uz-Arab`), or a character. Out: left to
//! right or right to left. A leaf module: it imports nothing of ours.

use serde::Serialize;

/// The direction a language is written in, as HTML's `dir` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// `ltr` or `rtl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Languages whose usual script is written right to left: Arabic, Hebrew, Persian and
/// Urdu, and the others written in the Arabic, Hebrew, Syriac or Thaana script unless
/// a script subtag says otherwise (`iw` and `ji` are old codes for Hebrew and Yiddish).
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Scripts written right to left (ISO 15924, lowercased).
const RTL_SCRIPTS: &[&str] = &[
    "adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa",
];

/// The direction of a language tag. A script subtag decides when there is one
/// (`az-Arab` is right to left, `ku-Latn` left to right); otherwise the language does.
/// Case and `_` for `-` are forgiven; an empty or unknown tag is left to right.
pub fn direction(tag: &str) -> Direction {
    let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    // The script subtag, if any, is the first four-letter one after the language.
    let script = parts
        .take_while(|p| p.len() != 1) // a singleton starts extensions (`-u-…`)
        .find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()));
    let rtl = match script {
        Some(script) => RTL_SCRIPTS.contains(&script),
        None => RTL_LANGUAGES.contains(&language),
    };
    if rtl {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// Whether `c` is a letter of a right-to-left script (a strong right-to-left character
/// in Unicode's bidirectional algorithm): Hebrew, Arabic, Syriac, Thaana, N'Ko and
/// their neighbours, and their presentation forms. Arabic-Indic digits count too, as
/// they belong inside right-to-left runs.
pub fn is_rtl_char(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFE}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}'
    )
}

/// Whether `c` is a letter written left to right (a strong left-to-right character):
/// any letter not of a right-to-left script.
pub fn is_ltr_char(c: char) -> bool {
    c.is_alphabetic() && !is_rtl_char(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_hebrew_persian_and_urdu_are_right_to_left_with_or_without_a_region() {
        for tag in [
            "ar", "he", "fa", "ur", "ar-EG", "he-IL", "fa-AF", "ur-IN", "AR", "ar_SA",
        ] {
            assert_eq!(direction(tag), Direction::Rtl, "{tag}");
        }
    }

    #[test]
    fn other_languages_are_left_to_right() {
        for tag in [
            "en",
            "en-US",
            "es",
            "fr-CA",
            "zh-Hant-TW",
            "ja",
            "hi",
            "",
            "x",
            "ara",
        ] {
            assert_eq!(direction(tag), Direction::Ltr, "{tag}");
        }
    }

    #[test]
    fn a_script_subtag_decides_over_the_language() {
        assert_eq!(direction("az-Arab"), Direction::Rtl);
        assert_eq!(direction("pa-Arab-PK"), Direction::Rtl);
        assert_eq!(direction("ku-Latn"), Direction::Ltr);
        assert_eq!(direction("uz-Latn-UZ"), Direction::Ltr);
        assert_eq!(direction("sd-Deva"), Direction::Ltr);
        // An extension's four-letter value is not a script.
        assert_eq!(direction("en-u-nu-arab"), Direction::Ltr);
    }

    #[test]
    fn the_names_are_those_of_html_dir() {
        assert_eq!(Direction::Rtl.as_str(), "rtl");
        assert_eq!(serde_json::to_string(&Direction::Ltr).unwrap(), "\"ltr\"");
    }

    #[test]
    fn characters_know_their_direction() {
        assert!(is_rtl_char('م'));
        assert!(is_rtl_char('ש'));
        assert!(is_rtl_char('\u{0663}')); // Arabic-Indic three
        assert!(!is_rtl_char('a'));
        assert!(!is_rtl_char('3'));
        assert!(is_ltr_char('Z'));
        assert!(is_ltr_char('é'));
        assert!(is_ltr_char('日'));
        assert!(!is_ltr_char('ب'));
        assert!(!is_ltr_char(' '));
        assert!(!is_ltr_char('7'));
    }
}
