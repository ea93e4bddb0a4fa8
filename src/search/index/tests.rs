//! Tests of the `index` module.

use super::*;
use crate::search::dictionary::browser_order;
use crate::search::documents::{BODY, HEADING, TITLE};
use crate::search::positions::decode;

fn doc(title: &str, heading: &str, body: &str) -> Document {
    let mut fields: [String; FIELDS] = Default::default();
    fields[TITLE] = title.to_string();
    fields[HEADING] = heading.to_string();
    fields[BODY] = body.to_string();
    Document {
        page: 0,
        anchor: None,
        heading: None,
        fields,
        excerpt: None,
    }
}

/// The index of `docs`, each its own item.
fn index_of(docs: &[Document], stopwords: &[&str]) -> Index {
    build(
        docs,
        |d| vec![d.clone()],
        &Stemmer::for_language("en"),
        stopwords,
    )
}

fn postings_of(index: &Index, term: &str) -> Vec<(u32, u8)> {
    let t = index
        .terms
        .binary_search_by(|x| x.as_str().cmp(term))
        .unwrap();
    index.group(index.term_group[t] as usize).postings
}

#[test]
fn forms_of_a_word_share_one_group() {
    let docs = [
        doc("", "", "Our meeting"),
        doc("", "", "Two meetings"),
        doc("", "", "We meet"),
    ];
    let index = index_of(&docs, &[]);
    let group = |t: &str| index.term_group[index.terms.iter().position(|x| x == t).unwrap()];
    assert_eq!(group("meeting"), group("meetings"));
    assert_eq!(group("meeting"), group("meet"));
    assert_eq!(index.df[group("meet") as usize], 3);
    assert!(index.terms.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn keys_read_from_the_text_match_short_keys() {
    let text = "abcdefghijklmnopqrstuvwxyz0123456789";
    for start in 0..=text.len() - 16 {
        let bytes: &[u8; 16] = text.as_bytes()[start..start + 16].try_into().unwrap();
        for n in 1..=16 {
            let term = &text[start..start + n];
            assert_eq!(
                Some(Dictionary::key_within(term, bytes)),
                Dictionary::short_key(term),
                "{term}"
            );
        }
    }
}

#[test]
fn short_keys_hold_exactly_the_term_bytes() {
    for n in 0..=17 {
        let term: String = "abcdefghijklmnopq".chars().take(n).collect();
        let mut padded = [0u8; 16];
        let key = Dictionary::short_key(&term);
        if n <= 16 {
            padded[..n].copy_from_slice(term.as_bytes());
            assert_eq!(key, Some(u128::from_le_bytes(padded)), "{term}");
        } else {
            assert_eq!(key, None);
        }
    }
}

#[test]
fn counted_documents_keep_only_their_excerpt_text() {
    let docs = [doc(
        "Closing",
        "Last meeting",
        "Plan the last meeting together.",
    )];
    let kept = std::sync::Mutex::new(Vec::new());
    let counting = count(
        &docs,
        |d| vec![d.clone()],
        &[],
        |first, chunk| kept.lock().unwrap().push((first, chunk.to_vec())),
    );
    let kept = kept.into_inner().unwrap();
    assert_eq!(kept.len(), 1);
    let (first, chunk) = &kept[0];
    assert_eq!(*first, 0);
    assert_eq!(chunk[0].text(), "Plan the last meeting together.");
    assert!(chunk[0].fields.iter().all(String::is_empty));
    let index = counting.finish(&Stemmer::for_language("en"));
    assert!(index.terms.iter().any(|t| t == "together"));
}

#[test]
fn title_beats_heading_beats_body() {
    let filler = "some other words about the program";
    let docs = [
        doc("Notes", "", &format!("closure {filler}")),
        doc("Notes", "Closure", filler),
        doc("Closure", "", filler),
        doc("Notes", "", filler),
    ];
    let index = index_of(&docs, &[]);
    let order: Vec<u32> = postings_of(&index, "closure").iter().map(|p| p.0).collect();
    assert_eq!(order, [2, 1, 0]);
}

#[test]
fn rare_words_score_above_common_ones() {
    let docs = [
        doc("", "", "goodbye mentor"),
        doc("", "", "mentor"),
        doc("", "", "mentor"),
    ];
    let index = index_of(&docs, &[]);
    let rare = postings_of(&index, "goodbye")[0].1;
    let common = postings_of(&index, "mentor")[0].1;
    assert!(rare > common, "{rare} vs {common}");
}

#[test]
fn stop_words_are_left_out() {
    let docs = [doc("The plan", "", "what the plan is")];
    let index = index_of(&docs, stopwords("en"));
    assert_eq!(index.terms, ["plan"]);
    assert!(stopwords("en").windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn levels_fall_by_steps() {
    assert_eq!(level(10.0, 10.0), TOP_LEVEL);
    assert_eq!(level(10.0 / LEVEL_STEP, 10.0), TOP_LEVEL - 1);
    assert_eq!(level(1e-9, 10.0), 0);
    assert_eq!(level(0.0, 10.0), 0);
}

#[test]
fn terms_are_in_the_order_the_browser_compares_them() {
    // U+20BB7 is two UTF-16 surrogates (0xD842 0xDFB7), so JavaScript puts it before
    // U+FF76 (halfwidth katakana) and U+F900, where Rust's own order is the reverse.
    let mut terms = vec!["ｶ", "𠮷", "\u{f900}", "a", "会", "会议", "ab"];
    terms.sort_by(|a, b| browser_order(a, b));
    assert_eq!(terms, ["a", "ab", "会", "会议", "𠮷", "\u{f900}", "ｶ"]);
    let utf16 = |t: &str| t.encode_utf16().collect::<Vec<u16>>();
    for pair in terms.windows(2) {
        assert!(utf16(pair[0]) < utf16(pair[1]), "{pair:?}");
    }
}

#[test]
fn accented_words_are_stemmed_as_written() {
    let docs = [
        doc("", "", "La comunicación abierta"),
        doc("", "", "Las comunicaciones"),
        doc("", "", "Una reunión"),
        doc("", "", "Dos reuniones"),
    ];
    let index = build(
        &docs,
        |d| vec![d.clone()],
        &Stemmer::for_language("es"),
        &[],
    );
    let group = |t: &str| index.term_group[index.terms.iter().position(|x| x == t).unwrap()];
    // Folded to `comunicacion`, Snowball would leave the singular whole.
    assert_eq!(group("comunicacion"), group("comunicaciones"));
    assert_eq!(group("reunion"), group("reuniones"));
    assert_ne!(group("reunion"), group("comunicacion"));
}

#[test]
fn chinese_text_is_indexed_by_characters_and_pairs() {
    let docs = [doc("导师会议", "", "每次会议以后写记录")];
    let index = build(
        &docs,
        |d| vec![d.clone()],
        &Stemmer::for_language("zh"),
        &[],
    );
    for term in ["导", "导师", "会议", "记录", "议"] {
        assert!(index.terms.iter().any(|t| t == term), "{term}");
    }
    // Each character and each pair is its own group.
    assert_eq!(index.groups(), index.terms.len());
}

#[test]
fn each_posting_keeps_where_its_word_stands() {
    let docs = [
        doc("Weekly check-in", "", "Plan the meeting. Meetings matter."),
        doc("", "", "matter of meetings"),
    ];
    let index = index_of(&docs, stopwords("en"));
    // The places of a term's group in each document that holds it, by document.
    let places = |term: &str| {
        let t = index.terms.iter().position(|x| x == term).unwrap();
        let group = index.group(index.term_group[t] as usize);
        let mut found: Vec<(u32, Vec<u32>)> = group
            .postings
            .iter()
            .zip(&group.spans)
            .map(|(p, span)| (p.0, decode(index.positions.get(*span)).concat()))
            .collect();
        found.sort();
        found
    };
    assert_eq!(places("weekly"), [(0, vec![1])]);
    // A compound's words and the words run together share one place.
    assert_eq!(places("check"), [(0, vec![2])]);
    assert_eq!(places("checkin"), [(0, vec![2])]);
    // The text starts a place after each field before it (heading, summary, context);
    // "the" takes none, and a new sentence starts one further on. Two forms of
    // "meet" in one document are one list.
    assert_eq!(places("plan"), [(0, vec![7])]);
    assert_eq!(places("meetings"), [(0, vec![8, 10]), (1, vec![6])]);
    assert_eq!(places("matter"), [(0, vec![11]), (1, vec![5])]);
}

#[test]
fn postings_counted_in_many_chunks_come_back_in_one_order() {
    // Enough documents for a chunk per core and more: a word's postings are gathered
    // from every chunk, best level first, then by document.
    let docs: Vec<Document> = (0..300)
        .map(|n| doc("", "", &"mentor ".repeat(n % 5 + 1)))
        .collect();
    let index = index_of(&docs, &[]);
    let postings = postings_of(&index, "mentor");
    assert_eq!(postings.len(), 300);
    assert!(postings
        .windows(2)
        .all(|w| w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0)));
    assert!(postings[0].1 > postings[299].1);
    // Every document once.
    let mut documents: Vec<u32> = postings.iter().map(|p| p.0).collect();
    documents.sort_unstable();
    assert!(documents.into_iter().eq(0..300));
}
