//! Which characters belong to scripts that search cuts character by character:
//! Chinese, Japanese, Korean, Thai, Lao, Khmer and Myanmar. `search-terms.js` holds
//! the same ranges (`byCharacter`); the two lists must stay equal.

/// Whether `c` is a character of a script written without spaces between its words
/// (Han, kana, Thai, Lao, Khmer, Myanmar) or in long compounds (Hangul): search cuts
/// its runs into single characters and pairs of neighbours instead of words. Marks
/// of those scripts (Thai vowels and tones, Khmer signs) count as characters of
/// their own; digits and punctuation do not belong.
pub(crate) fn by_character(c: char) -> bool {
    // Most characters met here are ASCII or common ideographs: settled at once.
    if c < '\u{0e01}' {
        return false;
    }
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        return true;
    }
    matches!(c,
        // Thai letters, vowels and marks (not the baht sign, digits or punctuation).
        '\u{0e01}'..='\u{0e3a}' | '\u{0e40}'..='\u{0e4e}'
        // Lao letters, vowels and marks.
        | '\u{0e81}'..='\u{0ece}' | '\u{0edc}'..='\u{0edf}'
        // Myanmar letters and marks (not its digits or punctuation).
        | '\u{1000}'..='\u{103f}' | '\u{1050}'..='\u{108f}' | '\u{109a}'..='\u{109f}'
        // Hangul jamo, as NFD writes Korean.
        | '\u{1100}'..='\u{11ff}'
        // Khmer letters, vowels and signs, and its repetition sign.
        | '\u{1780}'..='\u{17d3}' | '\u{17d7}' | '\u{17dc}'..='\u{17dd}'
        // 々 〆 〇: the ideographic iteration mark, closing mark and zero.
        | '\u{3005}'..='\u{3007}'
        // Hiragana and katakana, not the double hyphen (゠) or the middle dot (・)
        // that separates words.
        | '\u{3041}'..='\u{309f}' | '\u{30a1}'..='\u{30fa}' | '\u{30fc}'..='\u{30ff}'
        // Hangul compatibility jamo, which a Korean keyboard shows while typing.
        | '\u{3131}'..='\u{318e}'
        // Katakana phonetic extensions.
        | '\u{31f0}'..='\u{31ff}'
        // CJK ideographs: extension A and the unified block.
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        // Hangul jamo extension A, syllables and jamo extension B.
        | '\u{a960}'..='\u{a97f}' | '\u{ac00}'..='\u{d7a3}' | '\u{d7b0}'..='\u{d7ff}'
        // CJK compatibility ideographs.
        | '\u{f900}'..='\u{faff}'
        // Halfwidth katakana.
        | '\u{ff66}'..='\u{ff9f}'
        // CJK ideographs of planes 2 and 3 (extensions B to H).
        | '\u{20000}'..='\u{3ffff}')
}
