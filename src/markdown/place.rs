//! The places of a page body: where the site stage fills something in (a link's
//! target, an embedded template), and where a section starts or its heading ends.
//!
//! In: nothing but the writer's need to mark them. Out: one event per place, which
//! the HTML writer passes on unchanged, and [`Place::of`] that knows such an event
//! again by its address; the part writer (`body.rs`) and the text reader (`text.rs`)
//! both read them.

use pulldown_cmark::{CowStr, Event};

/// Where the site stage fills something in, or where a section starts or its
/// heading ends. Each is one event handed to the HTML writer; the writer never
/// writes it but passes it on unchanged, so the part writer knows it by address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Link,
    Embed,
    SectionStart,
    HeadingEnd,
}

// Each place is known by the address of its own static: statics are distinct
// allocations, where equal string literals may share one. The texts are never shown.
static LINK: [u8; 6] = *b"(link)";
static EMBED: [u8; 7] = *b"(embed)";
static SECTION_START: [u8; 9] = *b"(section)";
static HEADING_END: [u8; 13] = *b"(heading end)";

impl Place {
    const ALL: [Place; 4] = [
        Place::Link,
        Place::Embed,
        Place::SectionStart,
        Place::HeadingEnd,
    ];

    /// The event that stands for this place among the writer's events.
    pub fn event(self) -> Event<'static> {
        let text = std::str::from_utf8(self.bytes()).expect("the texts are ASCII");
        Event::Html(CowStr::Borrowed(text))
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Place::Link => &LINK,
            Place::Embed => &EMBED,
            Place::SectionStart => &SECTION_START,
            Place::HeadingEnd => &HEADING_END,
        }
    }

    /// The place `text` stands for, when it is one of the statics itself (not merely
    /// the same words, which text in a page may well contain).
    pub(super) fn of(text: &str) -> Option<Place> {
        Place::ALL.into_iter().find(|p| {
            std::ptr::eq(p.bytes().as_ptr(), text.as_ptr()) && p.bytes().len() == text.len()
        })
    }
}
