//! Pages to search documents: an article's intro and each `##` part, an FAQ page's
//! intro and each question, a template whole.
//!
//! In: the assembled [`Site`], whose page bodies give their plain text part by part
//! (embedded templates are hits of their own, not part of it). Out:
//! each page's [`Document`]s, pages in index order: grouped by kind, category and
//! audiences, so that a document's filters follow from its number (see [`Run`]).

use crate::html_text::push_apart;
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
pub const EXCERPT_CHARS: usize = 1600;

/// One search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub page: PageId,
    /// The heading id of an article part or FAQ question.
    pub anchor: Option<String>,
    /// The part's heading or the question, as shown.
    pub heading: Option<String>,
    pub fields: [String; FIELDS],
    /// The plain text excerpts are cut from, when it is not the body field itself:
    /// the fallback for an empty body, a long body cut short.
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
            // A joined body (a template's) may have room to spare; give it back.
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

/// The runs of the documents of `pages` (the site's pages in the order of [`order`],
/// the first document of each at `first_doc`) that share kind, category and
/// audiences.
pub fn runs(site: &Site, pages: &[PageId], first_doc: &[usize]) -> Vec<Run> {
    let categories = categories(site);
    let mut runs: Vec<Run> = Vec::new();
    for (&page, &start) in pages.iter().zip(first_doc) {
        let (kind, category, audiences) = filters(site, &categories, page);
        let same = runs
            .last()
            .is_some_and(|r| (r.kind, r.category, r.audiences) == (kind, category, audiences));
        if !same {
            runs.push(Run {
                start,
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

/// How many documents [`page_documents`] makes of a page.
pub fn document_count(site: &Site, id: PageId) -> usize {
    let page = &site.pages[id];
    match page.kind {
        PageKind::Template => 1,
        _ => 1 + page.body.sections().count(),
    }
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
    let body = &page.body.html;
    if page.kind == PageKind::Template {
        // The whole template is one hit; its sections are words apart.
        let mut whole = body.intro_text();
        for section in &body.sections {
            push_apart(&mut whole.headings, &section.heading_text());
            whole.push(&section.text());
        }
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
    // Excerpts are cut from the body text itself where it is short enough.
    let intro = body.intro_text();
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
        let text = section.text();
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

    #[test]
    fn a_short_body_is_its_own_excerpt_before_and_after_release() {
        let mut doc = Document {
            page: 0,
            anchor: None,
            heading: None,
            fields: [0, 1, 2, 3, 4].map(|n| format!("field {n}")),
            excerpt: excerpt_text("Second part.", ""),
        };
        doc.fields[BODY] = "Second part.".into();
        assert_eq!(doc.text(), "Second part.");
        doc.release_fields();
        assert_eq!(
            (doc.text(), doc.fields[BODY].as_str()),
            ("Second part.", "")
        );
    }
}
