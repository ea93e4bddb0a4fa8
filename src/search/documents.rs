//! Pages to search documents: an article's intro and each `##` part, an FAQ page's
//! intro and each question, a template whole.
//!
//! In: the assembled [`Site`], whose page bodies are already rendered HTML. Out:
//! each page's [`Document`]s, pages in index order: grouped by kind, category and
//! audiences, so that a document's filters follow from its number (see [`Run`]).

use std::borrow::Cow;

use crate::html_text::html_text;
use crate::markdown::Part;
use crate::site::{PageId, PageKind, Site};

/// The fields a document's text is indexed under, by weight.
pub const TITLE: usize = 0;
/// `##` and deeper headings inside the document.
pub const HEADING: usize = 1;
/// The page's summary and tags.
pub const SUMMARY: usize = 2;
/// The page title, on documents that are a part of a page.
pub const CONTEXT: usize = 3;
/// Running text.
pub const BODY: usize = 4;
/// How many fields there are.
pub const FIELDS: usize = 5;

/// How much a word counts in each field: title > headings > summary > context > body.
pub const WEIGHTS: [f32; FIELDS] = [6.0, 3.0, 2.0, 1.5, 1.0];

/// Excerpt text kept per document, in characters; matches further in still count.
const EXCERPT_CHARS: usize = 1600;

/// One search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub page: PageId,
    /// The heading id of an article part or FAQ question.
    pub anchor: Option<String>,
    /// The part's heading or the question, as shown.
    pub heading: Option<String>,
    pub fields: [String; FIELDS],
    /// The plain text excerpts are cut from, when it is not the body itself.
    pub excerpt: Option<String>,
}

impl Document {
    /// The plain text excerpts are cut from.
    pub fn text(&self) -> &str {
        self.excerpt.as_deref().unwrap_or(&self.fields[BODY])
    }

    /// Frees the indexed text once it is counted, keeping what excerpts are cut from.
    pub fn release_fields(&mut self) {
        if self.excerpt.is_none() {
            let mut body = std::mem::take(&mut self.fields[BODY]);
            // The body was given room for its whole HTML; give the rest back.
            body.shrink_to_fit();
            self.excerpt = Some(body);
        }
        self.fields = Default::default();
    }
}

/// Consecutive documents that share kind, category and audiences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub kind: PageKind,
    /// Index into [`categories`].
    pub category: usize,
    /// Bit `i` set for the `i`th audience of `hub.yaml`.
    pub audiences: u32,
}

/// The sections that act as categories in filters: the top-level folders, and the
/// home folder itself when pages sit directly in `content/`.
pub fn categories(site: &Site) -> Vec<usize> {
    let mut out = Vec::new();
    if site.pages.iter().any(|p| p.category == 0) {
        out.push(0);
    }
    out.extend(&site.sections[0].children);
    out
}

/// The audience bit mask of a page.
pub fn audience_mask(site: &Site, page: PageId) -> u32 {
    let audience = &site.pages[page].front.audience;
    site.config
        .audiences
        .iter()
        .enumerate()
        .filter(|(_, a)| audience.contains(&a.id))
        .fold(0, |mask, (i, _)| mask | 1 << i.min(31))
}

fn kind_rank(kind: PageKind) -> u8 {
    match kind {
        PageKind::Article => 0,
        PageKind::Faq => 1,
        PageKind::Template => 2,
    }
}

/// The site's pages in index order: grouped by kind, category and audiences (so
/// that each group's documents form one [`Run`]), then by path.
pub fn order(site: &Site) -> Vec<PageId> {
    let categories = categories(site);
    let mut order: Vec<((u8, usize, u32), PageId)> = (0..site.pages.len())
        .map(|p| {
            let (kind, category, audiences) = filters(site, &categories, p);
            ((kind_rank(kind), category, audiences), p)
        })
        .collect();
    order.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| site.pages[a.1].rel.cmp(&site.pages[b.1].rel))
    });
    order.into_iter().map(|(_, p)| p).collect()
}

/// The runs of documents (in the order of [`order`]) that share kind, category and
/// audiences.
pub fn runs(site: &Site, docs: &[Document]) -> Vec<Run> {
    let categories = categories(site);
    let mut runs: Vec<Run> = Vec::new();
    let mut previous = None;
    for (n, doc) in docs.iter().enumerate() {
        if previous == Some(doc.page) {
            continue;
        }
        previous = Some(doc.page);
        let (kind, category, audiences) = filters(site, &categories, doc.page);
        let same = runs
            .last()
            .is_some_and(|r| (r.kind, r.category, r.audiences) == (kind, category, audiences));
        if !same {
            runs.push(Run {
                start: n,
                kind,
                category,
                audiences,
            });
        }
    }
    runs
}

/// What the search filters by for a page: its kind, its category (an index into
/// `categories`) and its audiences (see [`audience_mask`]).
fn filters(site: &Site, categories: &[usize], page: PageId) -> (PageKind, usize, u32) {
    let category = categories
        .iter()
        .position(|&c| c == site.pages[page].category)
        .unwrap_or(0);
    (site.pages[page].kind, category, audience_mask(site, page))
}

/// The documents of one page.
pub fn page_documents(site: &Site, id: PageId) -> Vec<Document> {
    let page = &site.pages[id];
    let front = &page.front;
    let mut summary = front.summary.clone();
    for tag in &front.tags {
        summary.push_str(" · ");
        summary.push_str(tag);
    }
    let html = &page.body.html;
    if page.kind == PageKind::Template {
        // The whole template is one hit; its sections are words apart.
        let mut joined = html_of(&html.intro).into_owned();
        for section in &html.sections {
            joined.push(' ');
            joined.push_str(&html_of(section.heading.iter().chain(&section.content)));
        }
        let whole = html_text(&joined);
        let excerpt = excerpt_text(&whole.body, &front.summary);
        return vec![Document {
            page: id,
            anchor: None,
            heading: None,
            fields: [
                front.title.clone(),
                whole.headings,
                summary,
                String::new(),
                whole.body,
            ],
            excerpt,
        }];
    }
    let intro = html_text(&html_of(&html.intro));
    let mut docs = vec![Document {
        page: id,
        anchor: None,
        heading: None,
        excerpt: excerpt_text(&intro.body, &front.summary),
        fields: [
            front.title.clone(),
            intro.headings,
            summary,
            String::new(),
            intro.body,
        ],
    }];
    for (entry, section) in page.body.sections() {
        let text = html_text(&html_of(&section.content));
        let (title, heading) = if page.kind == PageKind::Faq {
            (entry.title.clone(), text.headings)
        } else {
            (String::new(), format!("{} {}", entry.title, text.headings))
        };
        docs.push(Document {
            page: id,
            anchor: Some(entry.id.clone()),
            heading: Some(entry.title.clone()),
            excerpt: excerpt_text(&text.body, ""),
            fields: [
                title,
                heading,
                String::new(),
                front.title.clone(),
                text.body,
            ],
        });
    }
    docs
}

/// The HTML of body parts, links and embeds left out (search indexes a page's own
/// words; an embedded template is a document of its own).
fn html_of<'a>(parts: impl IntoIterator<Item = &'a Part> + Clone) -> Cow<'a, str> {
    let mut html = parts.clone().into_iter().filter_map(|part| match part {
        Part::Html(html) => Some(html.as_str()),
        _ => None,
    });
    // Most sections are one piece of HTML (no link, no embed): no copy then.
    match (html.next(), html.next()) {
        (None, _) => Cow::Borrowed(""),
        (Some(only), None) => Cow::Borrowed(only),
        (Some(_), Some(_)) => {
            let pieces = || {
                parts.clone().into_iter().filter_map(|part| match part {
                    Part::Html(html) => Some(html.as_str()),
                    _ => None,
                })
            };
            let mut out = String::with_capacity(pieces().map(str::len).sum());
            pieces().for_each(|piece| out.push_str(piece));
            Cow::Owned(out)
        }
    }
}

/// The excerpt text when it differs from the body: the fallback for an empty body,
/// or the body cut at a word near [`EXCERPT_CHARS`].
fn excerpt_text(body: &str, fallback: &str) -> Option<String> {
    if body.is_empty() {
        return Some(fallback.to_string());
    }
    if body.len() <= EXCERPT_CHARS {
        return None;
    }
    let mut end = EXCERPT_CHARS;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let cut = body[..end].rfind(' ').unwrap_or(end);
    Some(format!("{}…", &body[..cut]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_text_is_capped_at_a_word() {
        let long = "word ".repeat(EXCERPT_CHARS).trim_end().to_string();
        let text = excerpt_text(&long, "").unwrap();
        assert!(text.len() <= EXCERPT_CHARS + 4 && text.ends_with("word…"));
        assert_eq!(
            excerpt_text("", "The summary.").as_deref(),
            Some("The summary.")
        );
        assert_eq!(excerpt_text("Short.", "The summary."), None);
    }
}
