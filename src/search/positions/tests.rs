//! Tests of the `positions` module.

use super::*;
use crate::search::documents::{Document, BODY, FIELDS};
use crate::search::place_shards::shards;
use crate::search::stemmer::Stemmer;

#[test]
fn places_are_written_for_the_first_tiers_only() {
    // "mentor" in 2,000 documents: tiers of 160, 1,600 and 240 postings.
    let docs: Vec<Document> = (0..2000)
        .map(|n| {
            let mut fields: [String; FIELDS] = Default::default();
            fields[BODY] = format!("mentor {n}");
            Document {
                page: 0,
                anchor: None,
                heading: None,
                fields,
                excerpt: None,
            }
        })
        .collect();
    let index = crate::search::index::build(
        &docs,
        |d| vec![d.clone()],
        &Stemmer::for_language("en"),
        &[],
    );
    let g = index.term_group[index.terms.iter().position(|t| t == "mentor").unwrap()];
    let all = 0..index.groups();
    let written = std::sync::Mutex::new(Vec::new());
    let hashes = shards(&index, std::slice::from_ref(&all), &|shard| {
        written.lock().unwrap().push(shard.key)
    });
    let mut written = written.into_inner().unwrap();
    written.sort();
    assert_eq!(written, ["x/0".to_string(), format!("x/{g}-1")]);
    assert_eq!(hashes.len(), 2);
}

#[test]
fn places_round_trip_and_are_capped() {
    let mut arena = Arena::default();
    let one = arena.push([7]);
    let many = arena.push([0, 1, 5, 40, 1000]);
    assert_eq!(arena.push([]), Span::NONE);
    assert_eq!(arena.get(Span::NONE), "");
    assert_eq!(decode(arena.get(one)), [vec![7]]);
    assert_eq!(decode(arena.get(many)), [vec![0, 1, 5, 40, 1000]]);
    // A tier's postings one after another read back one by one.
    let both = format!("{}{}", arena.get(one), arena.get(many));
    assert_eq!(decode(&both), [vec![7], vec![0, 1, 5, 40, 1000]]);
    let long = arena.push(0..100);
    assert_eq!(decode(arena.get(long))[0].len(), MOST_PLACES);
    let merged = arena.merge(one, many);
    assert_eq!(decode(arena.get(merged)), [vec![0, 1, 5, 7, 40, 1000]]);
}

#[test]
fn stop_words_take_no_place_compounds_share_one_and_sentences_part() {
    let mut placer = Placer::default();
    placer.next_field();
    // "closing the check-in": the stop word is skipped; check, in, checkin share.
    let places: Vec<Option<u32>> = [
        (Piece::Word, false),
        (Piece::Word, true),
        (Piece::Word, false),
        (Piece::Hyphenated, true),
        (Piece::Joined, false),
    ]
    .into_iter()
    .map(|(piece, stop)| placer.place(piece, stop))
    .collect();
    assert_eq!(places, [Some(1), None, Some(2), None, Some(2)]);
    // A new field does not stand beside the last one.
    placer.next_field();
    assert_eq!(placer.place(Piece::Word, false), Some(4));
    // "in-person": a compound that starts with a stop word still gets a place.
    assert_eq!(placer.place(Piece::Word, true), None);
    assert_eq!(placer.place(Piece::Hyphenated, false), Some(5));
    assert_eq!(placer.place(Piece::Joined, false), Some(5));
    assert_eq!(placer.place(Piece::Single, false), None);
    // A word after the end of a sentence does not stand beside the one before it.
    assert_eq!(placer.place(Piece::Word, false), Some(6));
    assert_eq!(placer.place(Piece::Sentence, false), Some(8));
}
