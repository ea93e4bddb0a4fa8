//! Page bodies made ready for one page: link and embed markers filled with URLs
//! relative to it, FAQ answers as JSON-LD.

use serde::Serialize;

use crate::context;
use crate::diagnostic::Diagnostic;
use crate::markdown::Part;
use crate::site::{Embedded, PageId, Site, Target};
use crate::theme::Theme;
use crate::url::relative;

use super::render_template;

pub(super) fn faq_json_ld(questions: &[context::Question]) -> String {
    let entities: Vec<serde_json::Value> = questions
        .iter()
        .map(|q| {
            let answer = crate::html_text::visible_text(&q.answer);
            serde_json::json!({"@type": "Question", "name": q.question, "acceptedAnswer": {"@type": "Answer", "text": answer}})
        })
        .collect();
    let data = serde_json::json!({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities});
    // `<` escaped so no text can close the script element.
    data.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The HTML of body parts as shown on the page at `from`: each link's address
/// relative to it, each embedded template as its card.
pub(super) fn fill<'a>(
    parts: impl IntoIterator<Item = &'a Part>,
    links: &[Target],
    embeds: &[Embedded],
    from: &str,
    site: &Site,
    theme: &Theme,
) -> Result<String, Diagnostic> {
    let mut out = String::new();
    for part in parts {
        match *part {
            Part::Html(ref html) => out.push_str(html),
            Part::Link(n) => {
                if let Some(target) = links.get(n) {
                    out.push_str(&crate::text::escape_html(&context::target_url(
                        from, target,
                    )));
                }
            }
            Part::Embed(n) => {
                if let Some(&template) = embeds.get(n) {
                    // A template this language has no translation of is the default
                    // language's.
                    let (home, template) = site.embedded(template);
                    out.push_str(&embed(home, theme, from, template, n)?);
                }
            }
        }
    }
    Ok(out)
}

/// A template longer than this (in words) is folded inside an article, so its form
/// comes into view with the card.
const FOLD_WORDS: usize = 80;

/// The card of template `id`, the `n`-th embed on its page (which keeps input ids unique).
fn embed(
    site: &Site,
    theme: &Theme,
    from: &str,
    id: PageId,
    n: usize,
) -> Result<String, Diagnostic> {
    let t = &site.pages[id];
    let body = nest_headings(
        &fill(t.body.html.parts(), &t.links, &[], from, site, theme)?,
        t.template_id.as_deref().unwrap_or("template"),
    );
    let card = context::TemplateCard {
        id: t.template_id.as_deref().unwrap_or(""),
        title: &t.front.title,
        summary: &t.front.summary,
        url: relative(from, &t.url),
        fields: context::field_views(&t.front.fields),
        body,
        folded: t.body.words > FOLD_WORDS,
        downloads: context::download_links(site, from, id, None),
        instance: format!("embed{n}"),
    };
    #[derive(Serialize)]
    struct EmbedContext<'a> {
        template: context::TemplateCard<'a>,
        t: &'a crate::i18n::Strings,
    }
    let t = &site.config.strings;
    render_template(theme, "embed.html", &EmbedContext { template: card, t })
}

/// Moves an embedded template's headings one level down (it sits inside an article's
/// section) and prefixes their ids so they cannot clash with the article's; a
/// heading's link to itself follows its id.
pub(super) fn nest_headings(html: &str, prefix: &str) -> String {
    const ID: &str = " id=\"";
    const ANCHOR: &str = "<a class=\"anchor\" href=\"#";
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    // One pass: every change begins at a `<` or at an id. Both are looked for ahead,
    // each again only once the pass has gone past it.
    let ids = memchr::memmem::Finder::new(ID);
    let next_tag = |from: usize| memchr::memchr(b'<', &html.as_bytes()[from..]).map(|i| from + i);
    let next_id = |from: usize| ids.find(&html.as_bytes()[from..]).map(|i| from + i);
    let mut tag = next_tag(0);
    let mut id = next_id(0);
    let mut copied = 0;
    loop {
        if tag.is_some_and(|at| at < copied) {
            tag = next_tag(copied);
        }
        if id.is_some_and(|at| at < copied) {
            id = next_id(copied);
        }
        let at = match (tag, id) {
            (Some(tag), Some(id)) => tag.min(id),
            (Some(at), None) | (None, Some(at)) => at,
            (None, None) => break,
        };
        let rest = &html[at..];
        let bytes = rest.as_bytes();
        let (keep, level) = if rest.starts_with(ID) {
            (ID.len(), None)
        } else if rest.starts_with(ANCHOR) {
            (ANCHOR.len(), None)
        } else if bytes.len() > 2 && bytes[1] == b'h' && matches!(bytes[2], b'1'..=b'5') {
            (2, Some(bytes[2]))
        } else if bytes.len() > 4
            && bytes[1..3] == *b"/h"
            && matches!(bytes[3], b'1'..=b'5')
            && bytes[4] == b'>'
        {
            (3, Some(bytes[3]))
        } else {
            // A tag that changes nothing: look past it.
            out.push_str(&html[copied..=at]);
            copied = at + 1;
            continue;
        };
        out.push_str(&html[copied..at + keep]);
        match level {
            // `<h2` becomes `<h3`, `</h2>` becomes `</h3>`.
            Some(digit) => {
                out.push(char::from(digit + 1));
                copied = at + keep + 1;
            }
            None => {
                out.push_str(prefix);
                out.push('-');
                copied = at + keep;
            }
        }
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::nest_headings;
    use proptest::prelude::*;

    /// The same change made one pattern at a time, as plainly as it can be said.
    fn one_by_one(html: &str, prefix: &str) -> String {
        let mut out = html.replace(" id=\"", &format!(" id=\"{prefix}-")).replace(
            "<a class=\"anchor\" href=\"#",
            &format!("<a class=\"anchor\" href=\"#{prefix}-"),
        );
        for level in (1..=5).rev() {
            out = out
                .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
                .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
        }
        out
    }

    #[test]
    fn headings_go_one_level_down_and_ids_take_the_prefix() {
        let html = "<h2 id=\"when\">When <a class=\"anchor\" href=\"#when\">#</a></h2>\n<p>Text</p>\n<h6 id=\"deep\">Deep</h6><hr>";
        assert_eq!(
            nest_headings(html, "t"),
            "<h3 id=\"t-when\">When <a class=\"anchor\" href=\"#t-when\">#</a></h3>\n<p>Text</p>\n<h6 id=\"t-deep\">Deep</h6><hr>"
        );
    }

    proptest! {
        #[test]
        fn one_pass_changes_what_each_pattern_would(
            tokens in proptest::collection::vec(r##"<h[0-7]|</h[0-7]>|</h[0-7]| id="|<a class="anchor" href="#|[a-z ]{1,4}|<|>|"|é"##, 0..40)
        ) {
            let html = tokens.concat();
            prop_assert_eq!(nest_headings(&html, "p"), one_by_one(&html, "p"));
        }
    }
}
