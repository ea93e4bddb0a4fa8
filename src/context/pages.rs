//! The data of each page kind: what its template receives as `page`, beside the
//! chrome every page shares.

use serde::Serialize;

use crate::front_matter::{Field, Format};
use crate::markdown::TocEntry;
use crate::site::PageKind;

/// A labelled link; `current` marks the page being shown.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
    pub current: bool,
    pub external: bool,
}

/// A page as a card in a listing.
#[derive(Debug, Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: &'a str,
    pub kind: PageKind,
    pub audiences: Vec<Link>,
    pub updated: Option<String>,
    pub updated_long: Option<String>,
    pub reading_minutes: usize,
}

/// A category or section as a card.
#[derive(Debug, Serialize)]
pub struct SectionCard<'a> {
    pub title: &'a str,
    pub url: String,
    pub description: &'a str,
    pub icon: Option<&'a str>,
    pub count: usize,
}

/// The metadata shown at the top of a page and the links around its body.
#[derive(Debug, Serialize)]
pub struct PageMeta<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub kind: PageKind,
    pub crumbs: Vec<Link>,
    pub audiences: Vec<Link>,
    pub phase: Option<&'a str>,
    pub tags: Vec<Link>,
    pub updated: Option<String>,
    pub updated_long: Option<String>,
    pub reading_minutes: usize,
    pub toc: &'a [TocEntry],
    /// The related pages' cards, drawn (`card.html`).
    pub related_cards: String,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

/// An article page.
#[derive(Debug, Serialize)]
pub struct ArticlePage<'a> {
    pub meta: PageMeta<'a>,
    pub body: String,
    /// The other pages of its section, beside it.
    pub menu: Option<super::SectionMenu>,
}

/// One FAQ question.
#[derive(Debug, Serialize)]
pub struct Question {
    pub id: String,
    pub question: String,
    pub answer: String,
}

/// An FAQ page.
#[derive(Debug, Serialize)]
pub struct FaqPage<'a> {
    pub meta: PageMeta<'a>,
    pub intro: String,
    pub questions: Vec<Question>,
    /// schema.org FAQPage data, already safe inside a `<script>` element.
    pub json_ld: String,
}

/// A template as its card shows it, on its own page or embedded.
#[derive(Debug, Serialize)]
pub struct TemplateCard<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub fields: Vec<FieldView<'a>>,
    pub body: String,
    /// The preview starts folded (a long template inside an article).
    pub folded: bool,
    pub downloads: Vec<DownloadLink>,
    /// Unique on its page, for the ids of the card's inputs.
    pub instance: String,
}

/// A field of a template's form, with the blanks that stand for it in the plain-text
/// and Markdown downloads (which the browser replaces with what the reader typed; it
/// finds the plain-text one in the preview, and the Markdown one on the input where
/// it differs).
#[derive(Debug, Serialize)]
pub struct FieldView<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub example: &'a str,
    pub blank_text: String,
    pub blank_markdown: String,
}

/// The form fields of a template, in the order it declares them.
pub fn field_views(fields: &[Field]) -> Vec<FieldView<'_>> {
    fields
        .iter()
        .map(|f| FieldView {
            name: &f.name,
            label: &f.label,
            example: &f.example,
            blank_text: crate::placeholder::text_blank(&f.label),
            blank_markdown: crate::placeholder::markdown_blank(&f.label),
        })
        .collect()
}

/// A template file to download.
#[derive(Debug, Serialize)]
pub struct DownloadLink {
    /// `docx`, `md` or `txt`.
    pub format: Format,
    /// What readers call it: "Word (.docx)".
    pub label: String,
    pub url: String,
    /// The file size, where the page shows it ("14 KB").
    pub size: Option<String>,
}

/// A template's own page.
#[derive(Debug, Serialize)]
pub struct TemplatePage<'a> {
    pub meta: PageMeta<'a>,
    pub template: TemplateCard<'a>,
    /// The articles that embed it.
    pub used_in: Vec<Card<'a>>,
}

/// The home page.
#[derive(Debug, Serialize)]
pub struct HomePage<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub intro: String,
    pub start_here: Vec<AudiencePath<'a>>,
    pub categories: Vec<SectionCard<'a>>,
    pub loose_pages: Vec<Card<'a>>,
    pub promoted: Vec<Card<'a>>,
    pub recent: Vec<Card<'a>>,
}

/// "Start here" for one audience.
#[derive(Debug, Serialize)]
pub struct AudiencePath<'a> {
    pub label: &'a str,
    pub description: &'a str,
    pub url: String,
    pub pages: Vec<Card<'a>>,
}

/// A category or section page.
#[derive(Debug, Serialize)]
pub struct SectionPage<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub intro: String,
    pub crumbs: Vec<Link>,
    pub sections: Vec<SectionCard<'a>>,
    /// The cards of the section's own pages, rendered (`card.html`), and how many.
    pub cards: String,
    pub count: usize,
    /// Whether any of them is a template (the page then links to the library).
    pub has_templates: bool,
}

/// A group of cards under a heading (an audience page's phases).
#[derive(Debug, Serialize)]
pub struct Group {
    pub title: String,
    pub id: String,
    /// The group's cards, rendered (`card.html`), and how many.
    pub cards: String,
    pub count: usize,
}

/// An audience page.
#[derive(Debug, Serialize)]
pub struct AudiencePage<'a> {
    /// The audience's printable handbook, and the words of the link to it.
    pub handbook_url: String,
    pub handbook_label: String,
    pub title: String,
    pub description: &'a str,
    pub start_here: Vec<Card<'a>>,
    pub groups: Vec<Group>,
}

/// A tag page.
#[derive(Debug, Serialize)]
pub struct TagPage<'a> {
    pub label: &'a str,
    /// The cards of the tagged pages, rendered (`card.html`), and how many.
    pub cards: String,
    pub count: usize,
}

/// The list of all tags.
#[derive(Debug, Serialize)]
pub struct TagsPage {
    pub tags: Vec<TagLink>,
}

/// A tag in the tag list.
#[derive(Debug, Serialize)]
pub struct TagLink {
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// A template in the library listing.
#[derive(Debug, Serialize)]
pub struct LibraryEntry<'a> {
    pub card: Card<'a>,
    pub fields: Vec<FieldView<'a>>,
    pub used_in: Vec<Card<'a>>,
    pub downloads: Vec<DownloadLink>,
}

/// The template library page.
#[derive(Debug, Serialize)]
pub struct LibraryPage<'a> {
    pub title: &'a str,
    /// The lede under the title.
    pub description: &'a str,
    /// The category's own introduction, when the library lives in one (HTML).
    pub intro: String,
    /// Home down to the library's category (the library's own title comes last).
    pub crumbs: Vec<Link>,
    /// The category's sections, when it has any.
    pub sections: Vec<SectionCard<'a>>,
    pub templates: Vec<LibraryEntry<'a>>,
}

/// The search page: results are drawn by `search.js` from the index shards.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    /// The folder of the index shards, relative to the search page.
    pub index_url: String,
}

/// A redirect from an old URL.
#[derive(Debug, Serialize)]
pub struct RedirectPage<'a> {
    pub url: String,
    pub canonical: String,
    /// The site's language, and its interface strings.
    pub lang: &'a str,
    pub t: &'a crate::i18n::Strings,
}
