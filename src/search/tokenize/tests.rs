//! Tests of the `tokenize` module.

use super::*;
use crate::search::positions::Placer;

#[test]
fn words_are_lowercased_and_split_at_punctuation() {
    assert_eq!(
        terms("Your LAST meeting: an open-ended plan (2026)."),
        [
            "your",
            "last",
            "meeting",
            "an",
            "open",
            "ended",
            "openended",
            "plan",
            "2026"
        ]
    );
}

#[test]
fn hyphenated_compounds_are_also_run_together() {
    // After its words, a compound of two or three words comes run together.
    assert_eq!(
        terms("A weekly check-in, a Follow\u{2011}up and one-on-one time"),
        [
            "a", "weekly", "check", "in", "checkin", "a", "follow", "up", "followup", "and", "one",
            "on", "one", "oneonone", "time"
        ]
    );
    // Numbers alone are not run together; a number beside a word is.
    assert_eq!(
        terms("2024-05-01 covid-19"),
        ["2024", "05", "01", "covid", "19", "covid19"]
    );
    // Longer chains, dashes, and hyphens with spaces around them join nothing.
    assert_eq!(
        terms("how-to-end-a-match 2–3 check - in check- in"),
        ["how", "to", "end", "a", "match", "2", "3", "check", "in", "check", "in"]
    );
    // Accented words run together folded; a Chinese run ends a compound.
    assert_eq!(terms("Café-Réunion"), ["cafe", "reunion", "cafereunion"]);
    assert_eq!(terms("mentor-导师"), ["mentor", "导", "导师", "师"]);
}

#[test]
fn a_compound_is_found_typed_with_or_without_its_hyphen() {
    // The page says "check-in": the word typed whole is a term of the page.
    let page = terms("Plan your check-in.");
    assert!(page.contains(&"checkin".to_string()), "{page:?}");
    assert_eq!(query_terms("checkin"), ["checkin"]);
    // The page says "followup": typed with a hyphen, the query looks it up too.
    assert_eq!(terms("Send a followup."), ["send", "a", "followup"]);
    assert_eq!(query_terms("follow-up"), ["follow", "up", "followup"]);
}

#[test]
fn the_words_of_a_compound_say_how_they_join() {
    let mut pieces = Vec::new();
    each_term_with_bytes(
        "the check-in ends",
        &mut String::new(),
        |term, _, _, piece| {
            pieces.push((term.to_string(), piece));
        },
    );
    let pieces: Vec<(&str, Piece)> = pieces.iter().map(|(t, p)| (t.as_str(), *p)).collect();
    assert_eq!(
        pieces,
        [
            ("the", Piece::Word),
            ("check", Piece::Word),
            ("in", Piece::Hyphenated),
            ("checkin", Piece::Joined),
            ("ends", Piece::Word)
        ]
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
    let text = "the first meeting, then Mixed café words and a last plain, word";
    let mut seen = Vec::new();
    each_term_with_bytes(text, &mut String::new(), |term, bytes, _, _| {
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
fn words_folded_from_accents_come_with_their_spelling() {
    let text = "Mixed Reunión, Re\u{301}union STRASSE Straße naïve's end 导师";
    let mut seen = Vec::new();
    each_term_with_bytes(text, &mut String::new(), |term, _, written, _| {
        seen.push((term.to_string(), written.map(str::to_string)));
    });
    let spelled: Vec<(&str, Option<&str>)> = seen
        .iter()
        .map(|(t, w)| (t.as_str(), w.as_deref()))
        .collect();
    assert_eq!(
        spelled[..6],
        [
            // Only case changed: the term is the word.
            ("mixed", None),
            ("reunion", Some("Reunión")),
            ("reunion", Some("Re\u{301}union")),
            ("strasse", None),
            ("strasse", Some("Straße")),
            ("naives", Some("naïve's")),
        ]
    );
    assert!(spelled[6..].iter().all(|(_, w)| w.is_none()), "{spelled:?}");
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
fn chinese_runs_give_characters_and_pairs() {
    assert_eq!(
        terms("导师会议"),
        ["导", "导师", "师", "师会", "会", "会议", "议"]
    );
    // A query looks up the pairs, so the run must stand together on the page.
    assert_eq!(query_terms("导师会议"), ["导师", "师会", "会议"]);
    assert_eq!(query_terms("会"), ["会"]);
    // Part of a longer word: every pair of the query is a pair of the page.
    let page = terms("我们的导师会议在周五");
    for pair in query_terms("师会议在") {
        assert!(page.contains(&pair), "{pair} not in {page:?}");
    }
}

#[test]
fn a_long_chinese_run_is_not_one_overlong_word() {
    let run = "导师".repeat(MAX_TERM_CHARS);
    let found = terms(&run);
    assert_eq!(found.len(), 2 * run.chars().count() - 1);
    assert!(found.iter().all(|t| t.chars().count() <= 2));
}

#[test]
fn latin_and_chinese_mixed() {
    assert_eq!(
        terms("用Zoom开会2次"),
        ["用", "zoom", "开", "开会", "会", "2", "次"]
    );
    assert_eq!(
        query_terms("用Zoom开会2次"),
        ["用", "zoom", "开会", "2", "次"]
    );
    // A decomposed accent after a Chinese character keeps the run going.
    assert_eq!(terms("导\u{301}师"), ["导", "导师", "师"]);
}

#[test]
fn thai_is_cut_into_letters_and_pairs_not_one_word() {
    let sentence = "การประชุมครั้งแรกกับพี่เลี้ยง";
    let found = terms(sentence);
    assert!(found.iter().all(|t| t.chars().count() <= 2), "{found:?}");
    // Any run typed from the sentence finds it, the tone marks included.
    for typed in ["ประชุม", "ครั้งแรก", "พี่เลี้ยง", "ชุมค"]
    {
        for term in query_terms(typed) {
            assert!(found.contains(&term), "{typed}: {term}");
        }
    }
}

#[test]
fn korean_compounds_are_cut_into_syllables_and_pairs() {
    let found = terms("멘토링프로그램에서");
    for term in query_terms("프로그램") {
        assert!(found.contains(&term), "{term}");
    }
    // Composed or written as jamo, a syllable is the same term.
    assert_eq!(terms("회의"), terms("\u{1112}\u{116c}\u{110b}\u{1174}"));
}

/// One case of `tests/search/cutting.json`.
#[derive(serde::Deserialize)]
struct Case {
    name: String,
    text: String,
    index: Vec<String>,
    query: Vec<String>,
    /// The place of each index term, where the case gives them.
    #[serde(default)]
    places: Option<Vec<Option<u32>>>,
}

#[derive(serde::Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

#[test]
fn the_cases_shared_with_the_browser_cut_alike() {
    let json = include_str!("../../../tests/search/cutting.json");
    let cases: Cases = serde_json::from_str(json).expect("cutting.json is valid");
    assert!(cases.cases.len() >= 10);
    for case in cases.cases {
        assert_eq!(terms(&case.text), case.index, "index terms: {}", case.name);
        assert_eq!(
            query_terms(&case.text),
            case.query,
            "query terms: {}",
            case.name
        );
        // Every term a query looks up is one the index holds.
        for term in &case.query {
            assert!(case.index.contains(term), "{}: {term}", case.name);
        }
        if let Some(places) = &case.places {
            let stop = crate::search::index::stopwords("en");
            let mut placer = Placer::default();
            placer.next_field();
            let mut found = Vec::new();
            each_term_with_bytes(&case.text, &mut String::new(), |term, _, _, piece| {
                found.push(placer.place(piece, stop.contains(&term)));
            });
            assert_eq!(&found, places, "places: {}", case.name);
        }
    }
}

#[test]
fn each_term_is_cut_into_itself_by_a_query() {
    for text in ["导师会议", "Réunion café", "การประชุม", "멘토링", "メンター"]
    {
        for term in terms(text) {
            assert_eq!(query_terms(&term), std::slice::from_ref(&term), "{text}");
        }
    }
}
