//! Right-to-left text in a .docx: which parts of a paragraph go in runs marked
//! `w:rtl`, and how the document names its language.
//!
//! Word lays out an Arabic or Hebrew paragraph from its runs: a run marked `w:rtl`
//! reads right to left and uses the complex-script font, size and language, and the
//! standard leaves a `w:rtl` run holding Latin letters undefined (Word reverses the
//! words of "Google Meet" in one). So a paragraph is cut the way Word cuts one as it is
//! typed: a stretch from a Latin letter to the last Latin letter or digit before the
//! next right-to-left letter is a run of its own without `w:rtl`; everything else
//! (right-to-left letters, and the spaces, punctuation and numbers among them) is
//! marked `w:rtl`.
//!
//! In: a paragraph's text, or the hub's language tag. Out: a flag per character, or
//! the attributes of `w:lang`.

use crate::direction::{is_ltr_char, is_rtl_char};

/// For each character of a paragraph's text (all its runs together, so a space
/// between two Latin words in different runs stays with them), whether it belongs in a
/// right-to-left run.
pub(super) fn rtl_flags(text: &str) -> Vec<bool> {
    let chars: Vec<char> = text.chars().collect();
    let mut flags = vec![true; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if !is_ltr_char(chars[i]) {
            i += 1;
            continue;
        }
        // A left-to-right stretch: up to its last letter or digit before the next
        // right-to-left letter; the spaces and punctuation after that belong to the
        // right-to-left text around it.
        let mut last = i;
        let mut j = i;
        while j < chars.len() && !is_rtl_char(chars[j]) {
            if is_ltr_char(chars[j]) || chars[j].is_ascii_digit() {
                last = j;
            }
            j += 1;
        }
        flags[i..=last].iter_mut().for_each(|f| *f = false);
        i = j;
    }
    flags
}

/// `text` cut into its right-to-left and left-to-right pieces, taking one flag per
/// character from `flags` (missing flags count as right to left).
pub(super) fn pieces<'t>(
    text: &'t str,
    flags: &mut impl Iterator<Item = bool>,
) -> Vec<(&'t str, bool)> {
    let mut out: Vec<(&'t str, bool)> = Vec::new();
    let mut start = 0;
    let mut current = None;
    for (at, _) in text.char_indices() {
        let rtl = flags.next().unwrap_or(true);
        match current {
            Some(c) if c == rtl => {}
            Some(c) => {
                out.push((&text[start..at], c));
                start = at;
                current = Some(rtl);
            }
            None => current = Some(rtl),
        }
    }
    if let Some(c) = current {
        out.push((&text[start..], c));
    }
    out
}

/// Whether a short text (a field's label) reads right to left as a whole: it has
/// right-to-left letters and no Latin ones.
pub(super) fn is_rtl_text(text: &str) -> bool {
    text.chars().any(is_rtl_char) && !text.chars().any(is_ltr_char)
}

/// Languages Word writes in complex scripts (right-to-left ones, and the Indic and
/// Southeast Asian scripts that need shaping): their language goes in `w:bidi`.
const COMPLEX_SCRIPT: &[&str] = &[
    "ar", "arc", "as", "bn", "ckb", "dv", "fa", "gu", "he", "hi", "iw", "ji", "km", "kn", "ks",
    "lo", "ml", "mr", "my", "ne", "or", "pa", "ps", "sd", "si", "syr", "ta", "te", "th", "ug",
    "ur", "yi",
];

/// Languages Word writes in East Asian scripts: their language goes in `w:eastAsia`.
const EAST_ASIAN: &[&str] = &["ja", "ko", "zh", "yue"];

/// The attributes of `w:lang` for the hub's language. Word keeps three languages per
/// run, one for each kind of script, and applies the complex-script one only to runs
/// marked `w:rtl` or `w:cs`: an Arabic document is `w:bidi="ar"`, a Japanese one
/// `w:eastAsia="ja"`, a Spanish one `w:val="es"`. The tag is the hub's, a BCP 47 tag
/// as the standard asks for (`ar-EG` when the hub names a region). The other
/// slots stay unset, so Latin words in an Arabic document follow the reader's
/// own proofing language rather than being checked as Arabic.
pub(super) fn lang_attributes(tag: &str) -> String {
    let tag = tag.trim().replace('_', "-");
    let language = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    let slot = if crate::direction::direction(&tag) == crate::direction::Direction::Rtl
        || COMPLEX_SCRIPT.contains(&language.as_str())
    {
        "w:bidi"
    } else if EAST_ASIAN.contains(&language.as_str()) {
        "w:eastAsia"
    } else {
        "w:val"
    };
    format!("{slot}=\"{}\"", super::escape(&tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paragraph shown as its runs: right-to-left ones in ‹›, the others in [].
    fn runs(text: &str) -> String {
        let flags = rtl_flags(text);
        pieces(text, &mut flags.into_iter())
            .into_iter()
            .map(|(t, rtl)| {
                if rtl {
                    format!("‹{t}›")
                } else {
                    format!("[{t}]")
                }
            })
            .collect()
    }

    #[test]
    fn latin_words_and_their_numbers_are_runs_of_their_own() {
        assert_eq!(
            runs("مكالمة عبر Zoom أو Google Meet."),
            "‹مكالمة عبر ›[Zoom]‹ أو ›[Google Meet]‹.›"
        );
        assert_eq!(
            runs("نسخة Windows 11 الجديدة"),
            "‹نسخة ›[Windows 11]‹ الجديدة›"
        );
    }

    #[test]
    fn numbers_and_punctuation_among_arabic_words_stay_right_to_left() {
        assert_eq!(
            runs("خصّصا 60 دقيقة، ثم اسألا: هل؟"),
            "‹خصّصا 60 دقيقة، ثم اسألا: هل؟›"
        );
        assert_eq!(runs("Zoom"), "[Zoom]");
        assert_eq!(runs(""), "");
    }

    #[test]
    fn a_space_between_latin_words_in_different_runs_stays_left_to_right() {
        // "Google " and "Meet" are two runs (the second bold): the decision is made
        // over the paragraph, so the space does not become a right-to-left run.
        let text = "عبر Google Meet";
        let mut flags = rtl_flags(text).into_iter();
        let first = pieces("عبر Google ", &mut flags);
        let second = pieces("Meet", &mut flags);
        assert_eq!(first, vec![("عبر ", true), ("Google ", false)]);
        assert_eq!(second, vec![("Meet", false)]);
    }

    #[test]
    fn a_label_reads_right_to_left_only_without_latin_letters() {
        assert!(is_rtl_text(" (اسم المرشد)"));
        assert!(!is_rtl_text(" (Mentor's name)"));
        assert!(!is_rtl_text(" (رابط Zoom)"));
        assert!(!is_rtl_text(" (1)"));
    }

    #[test]
    fn the_language_goes_in_the_slot_of_its_script() {
        assert_eq!(lang_attributes("ar"), r#"w:bidi="ar""#);
        assert_eq!(lang_attributes("ar-EG"), r#"w:bidi="ar-EG""#);
        assert_eq!(lang_attributes("he"), r#"w:bidi="he""#);
        assert_eq!(lang_attributes("fa-IR"), r#"w:bidi="fa-IR""#);
        assert_eq!(lang_attributes("ur"), r#"w:bidi="ur""#);
        assert_eq!(lang_attributes("hi"), r#"w:bidi="hi""#);
        assert_eq!(lang_attributes("zh-Hans"), r#"w:eastAsia="zh-Hans""#);
        assert_eq!(lang_attributes("ja"), r#"w:eastAsia="ja""#);
        assert_eq!(lang_attributes("en"), r#"w:val="en""#);
        assert_eq!(lang_attributes("es-MX"), r#"w:val="es-MX""#);
        assert_eq!(lang_attributes("fr"), r#"w:val="fr""#);
    }
}
