//! The warnings of an assembled site: templates nothing embeds, pages due for review,
//! pages without a summary.
//!
//! In: the pages, the templates by id, today's date. Out: warnings.

use std::collections::BTreeMap;

use super::{Page, PageId};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::FastMap;

pub(super) fn warnings(
    pages: &[Page],
    templates: &BTreeMap<String, PageId>,
    users: &FastMap<PageId, Vec<PageId>>,
    today: Option<Date>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A template that no article embeds is found only by readers who browse the
    // template library: they never meet it where its guidance is.
    for (id, &t) in templates {
        if !users.contains_key(&t) {
            out.push(
                Diagnostic::warning(
                    &pages[t].file,
                    format!("the template `{id}` is not embedded in any article"),
                )
                .at_line(pages[t].front.line_of("layout"))
                .help(format!(
                    "add a ```template block with `{id}` to the article where readers need it"
                )),
            );
        }
    }
    for page in pages {
        if let (Some(due), Some(today)) = (page.front.review_by, today) {
            if due < today {
                out.push(
                    Diagnostic::warning(&page.file, format!("due for review since {due}"))
                        .at_line(page.front.line_of("review_by"))
                        .help(
                            "read the page, update it, then move `review_by` and `updated` forward",
                        ),
                );
            }
        }
        if page.front.summary.trim().is_empty() {
            // An empty `summary:` line is where the sentences go; without one, the top.
            let line = page.front.lines.get("summary").copied().unwrap_or(1);
            out.push(Diagnostic::warning(&page.file, "the page has no `summary`").at_line(line).help("add one or two sentences as `summary:`; cards, search results and search engines show it"));
        }
    }
    out
}
