//! A rendered page body as typed parts: HTML, and the places the site stage fills in
//! once every page is known (a link's address, an embedded template), grouped into
//! the introduction and the `##` sections that FAQ pages and search split at. Search
//! reads each part's plain text from its HTML when it indexes the page
//! ([`super::text`]), so the hub's text is not held beside its HTML for the whole build.
//!
//! In: the Markdown writer's events, with [`Place`] events where a link, an embed or
//! a section boundary goes. Out: a [`Body`].

use std::fmt;

use pulldown_cmark::Event;

use super::place::Place;

/// One piece of a rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Rendered HTML.
    Html(String),
    /// The address of the body's `n`-th link (see [`super::Markdown::links`]), which
    /// the page it is shown on resolves.
    Link(usize),
    /// The card of the body's `n`-th embedded template.
    Embed(usize),
}

/// A `##` heading and what follows it, up to the next one. Its id and title are
/// the matching `##` entry of the table of contents ([`super::Markdown::sections`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodySection {
    /// The heading element.
    pub heading: Vec<Part>,
    /// Everything after the heading.
    pub content: Vec<Part>,
}

/// A rendered body: what comes before the first `##` heading, then each section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub intro: Vec<Part>,
    pub sections: Vec<BodySection>,
}

/// Writes the Markdown writer's `events` as HTML, cut into parts.
pub fn write<'a>(events: impl Iterator<Item = Event<'a>>) -> Body {
    let mut parts = PartWriter::default();
    // Writing into parts cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(&mut parts, events);
    parts.finish()
}

impl Body {
    /// Every part in reading order.
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.intro.iter().chain(
            self.sections
                .iter()
                .flat_map(|s| s.heading.iter().chain(&s.content)),
        )
    }
}

/// Receives the HTML writer's output and cuts it into [`Part`]s at each [`Place`].
#[derive(Debug, Default)]
pub struct PartWriter {
    body: Body,
    html: String,
    in_heading: bool,
    links: usize,
    embeds: usize,
}

impl PartWriter {
    fn target(&mut self) -> &mut Vec<Part> {
        match self.body.sections.last_mut() {
            None => &mut self.body.intro,
            Some(s) if self.in_heading => &mut s.heading,
            Some(s) => &mut s.content,
        }
    }

    fn flush(&mut self) {
        if !self.html.is_empty() {
            let mut html = std::mem::take(&mut self.html);
            // Every page's body is held until the build ends: no spare room.
            html.shrink_to_fit();
            self.target().push(Part::Html(html));
        }
    }

    /// The body, every list of parts without spare room.
    pub fn finish(mut self) -> Body {
        self.flush();
        for section in &mut self.body.sections {
            section.heading.shrink_to_fit();
            section.content.shrink_to_fit();
        }
        self.body.intro.shrink_to_fit();
        self.body.sections.shrink_to_fit();
        self.body
    }
}

impl fmt::Write for PartWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        match Place::of(s) {
            None => self.html.push_str(s),
            Some(place) => {
                self.flush();
                match place {
                    Place::Link => {
                        let n = self.links;
                        self.links += 1;
                        self.target().push(Part::Link(n));
                    }
                    Place::Embed => {
                        let n = self.embeds;
                        self.embeds += 1;
                        self.target().push(Part::Embed(n));
                    }
                    Place::SectionStart => {
                        self.body.sections.push(BodySection::default());
                        self.in_heading = true;
                    }
                    Place::HeadingEnd => self.in_heading = false,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;

    #[test]
    fn places_cut_the_html_and_words_alike_do_not() {
        let mut w = PartWriter::default();
        let text = |place: Place| match place.event() {
            Event::Html(text) => text,
            _ => unreachable!(),
        };
        let (link, section, heading_end, embed) = (
            text(Place::Link),
            text(Place::SectionStart),
            text(Place::HeadingEnd),
            text(Place::Embed),
        );
        for s in [
            "<p>see ",
            "(link)",
            &link,
            " and</p>\n",
            &section,
            "<h2 id=\"a\">A</h2>",
            &heading_end,
            &embed,
            "\n<p>after</p>",
        ] {
            w.write_str(s).unwrap();
        }
        let body = w.finish();
        assert_eq!(
            body.intro,
            [
                Part::Html("<p>see (link)".into()),
                Part::Link(0),
                Part::Html(" and</p>\n".into())
            ]
        );
        assert_eq!(body.sections.len(), 1);
        assert_eq!(
            body.sections[0].heading,
            [Part::Html("<h2 id=\"a\">A</h2>".into())]
        );
        assert_eq!(
            body.sections[0].content,
            [Part::Embed(0), Part::Html("\n<p>after</p>".into())]
        );
    }
}
