//! Links, `related` lists, footer links and `start_here` pages resolved to pages, sections and files,
//! with an error for every target that does not exist.

use crate::fingerprint::FastMap;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;
use crate::markdown::Markdown;
use crate::site::{LinkTarget, Page, PageId, Section, SectionId, Site, Target};
use crate::url;

pub(super) struct Lookup<'a> {
    pub pages: FastMap<String, PageId>,
    pub sections: FastMap<String, SectionId>,
    pub assets: &'a [SourceFile],
    pub drafts: &'a [String],
    pub failed: &'a [String],
    /// In a translation: the default language's site, for pages not translated.
    pub fallback: Option<Fallback<'a>>,
}

/// The default language's pages, sections and templates by content path and id.
pub(super) struct Fallback<'a> {
    site: &'a Site,
    pages: FastMap<&'a str, PageId>,
    sections: FastMap<String, SectionId>,
    templates: FastMap<&'a str, PageId>,
}

impl<'a> Fallback<'a> {
    pub fn new(site: &'a Site) -> Fallback<'a> {
        Fallback {
            site,
            pages: site
                .pages
                .iter()
                .enumerate()
                .map(|(i, p)| (p.rel.as_str(), i))
                .collect(),
            sections: site
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| (super::sections::index_rel(&s.dir), i))
                .collect(),
            templates: site
                .templates
                .iter()
                .filter_map(|&t| site.pages[t].template_id.as_deref().map(|id| (id, t)))
                .collect(),
        }
    }

    pub fn has_page(&self, rel: &str) -> bool {
        self.pages.contains_key(rel)
    }

    pub fn template(&self, id: &str) -> Option<PageId> {
        self.templates.get(id).copied()
    }

    /// The default language's page or section at `rel`: its URL and heading ids.
    fn find(&self, rel: &str) -> Option<(&'a str, &'a [String], &'a PathBuf)> {
        if let Some(&p) = self.pages.get(rel) {
            let page = &self.site.pages[p];
            return Some((&page.url, &page.body.ids, &page.file));
        }
        let &s = self.sections.get(rel)?;
        let section = &self.site.sections[s];
        Some((&section.url, &section.body.ids, &PLACE))
    }
}

/// Where a section without a file of its own is reported (never: sections have no ids
/// to miss).
static PLACE: PathBuf = PathBuf::new();

/// What a content path names.
pub(super) enum Found {
    Page(PageId),
    Section(SectionId),
    Asset(String),
}

impl Lookup<'_> {
    fn find(&self, rel: &str) -> Option<Found> {
        if let Some(&p) = self.pages.get(rel) {
            return Some(Found::Page(p));
        }
        if let Some(&s) = self.sections.get(rel) {
            return Some(Found::Section(s));
        }
        self.assets
            .iter()
            .find(|a| a.rel == rel)
            .map(|a| Found::Asset(a.rel.clone()))
    }
}

pub(super) fn resolve_links(
    from_rel: &str,
    file: &PathBuf,
    body: &Markdown,
    lookup: &Lookup<'_>,
    pages: &[Page],
    sections: &[Section],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Target> {
    // Where a link to this page itself, or one that cannot be followed, goes.
    let own_url = || match lookup.find(from_rel) {
        Some(Found::Page(p)) => pages[p].url.clone(),
        Some(Found::Section(s)) => sections[s].url.clone(),
        _ => String::new(),
    };
    body.links
        .iter()
        .map(|link| {
            let error = |message: String, help: &str| Diagnostic::error(file, message).at(link.line, link.column).help(help);
            // A `?` written as such starts a query; one written `%3F` is part of a name.
            let path = url::percent_decode(link.path.split('?').next().unwrap_or(""));
            let path = path.as_str();
            // Anchors are compared with heading ids as a browser does: decoded.
            let anchor = link.anchor.as_deref().map(url::percent_decode);
            if path.is_empty() {
                if let Some(anchor) = &anchor {
                    if !anchor.is_empty() && !body.ids.contains(anchor) {
                        problems.push(error(format!("no heading with the id `#{anchor}` on this page"), &anchor_help(&body.ids)));
                    }
                }
                return Target { url: own_url(), anchor: anchor.clone() };
            }
            let Some(rel) = url::join_content_path(from_rel, path) else {
                problems.push(error(format!("the link `{}` points outside content/", link.path), "link to a page inside content/, or use a full https:// address"));
                return Target { url: own_url(), anchor: None };
            };
            match lookup.find(&rel) {
                Some(Found::Page(p)) => {
                    if let Some(anchor) = anchor.as_deref().filter(|a| !a.is_empty()) {
                        if !pages[p].body.ids.iter().any(|id| id == anchor) {
                            problems.push(error(format!("`{}` has no heading with the id `#{anchor}`", pages[p].file.display()), &anchor_help(&pages[p].body.ids)));
                        }
                    }
                    Target { url: pages[p].url.clone(), anchor: anchor.clone() }
                }
                Some(Found::Section(s)) => Target { url: sections[s].url.clone(), anchor: anchor.clone() },
                Some(Found::Asset(asset)) => Target { url: asset, anchor: anchor.clone() },
                None if lookup.failed.contains(&rel) => Target {
                    url: own_url(),
                    anchor: None,
                },
                // A page this language has no translation of: the default language's.
                None if lookup.fallback.as_ref().and_then(|f| f.find(&rel)).is_some() => {
                    let (url, ids, file) = lookup.fallback.as_ref().and_then(|f| f.find(&rel)).expect("found above");
                    if let Some(anchor) = anchor.as_deref().filter(|a| !a.is_empty()) {
                        if !ids.iter().any(|id| id == anchor) {
                            problems.push(error(format!("`{}` has no heading with the id `#{anchor}`", file.display()), &anchor_help(ids)));
                        }
                    }
                    Target { url: url.to_string(), anchor: anchor.clone() }
                }
                None => {
                    let message = if lookup.drafts.contains(&rel) {
                        format!("the link `{}` points to a draft, which this build leaves out", link.path)
                    } else {
                        format!("the link `{}` points to `content/{rel}`, which does not exist", link.path)
                    };
                    let names = lookup.pages.keys().map(String::as_str);
                    let help = match crate::text::suggest(&rel, names) {
                        Some(near) => format!("did you mean `content/{near}`? Links point at Markdown files, relative to this file or from content/ when they start with /"),
                        None => "links point at Markdown files, relative to this file (../closure/last-meeting.md) or from content/ when they start with /".to_string(),
                    };
                    problems.push(error(message, &help));
                    Target { url: own_url(), anchor: None }
                }
            }
        })
        .collect()
}

pub(super) fn anchor_help(ids: &[String]) -> String {
    if ids.is_empty() {
        "that page has no headings to link to; link to the page without #".to_string()
    } else {
        let mut shown: Vec<&str> = ids.iter().map(String::as_str).take(8).collect();
        if ids.len() > 8 {
            shown.push("…");
        }
        format!("the ids there are: {}", shown.join(", "))
    }
}

pub(super) fn resolve_related(
    i: PageId,
    pages: &[Page],
    lookup: &Lookup<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PageId> {
    let page = &pages[i];
    let mut related = Vec::new();
    for r in &page.front.related {
        let rel = url::join_content_path(&page.rel, r.path.trim()).unwrap_or_default();
        if lookup.failed.contains(&rel) {
            continue;
        }
        match lookup.pages.get(&rel).copied() {
            Some(p) if p != i && !related.contains(&p) => related.push(p),
            Some(_) => {}
            // Not translated: left out of this language's related pages.
            None if lookup.fallback.as_ref().is_some_and(|f| f.has_page(&rel)) => {}
            None => problems.push(
                Diagnostic::error(&page.file, format!("`related` lists `{}`, which is not a page", r.path))
                    .at_line(r.line)
                    .help("write the page's Markdown path, from content/ with a leading / (/closure/last-meeting.md)"),
            ),
        }
    }
    related
}

pub(super) fn footer_target(
    (link, line): (&str, usize),
    lookup: &Lookup<'_>,
    pages: &[Page],
    sections: &[Section],
    problems: &mut Vec<Diagnostic>,
) -> LinkTarget {
    let is_content = !link.contains("://")
        && !link.starts_with("mailto:")
        && link.split('#').next().is_some_and(|p| p.ends_with(".md"));
    if !is_content {
        return LinkTarget::External(link.to_string());
    }
    let (path, anchor) = match link.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (link, None),
    };
    match lookup.find(path.trim_start_matches('/')) {
        Some(Found::Page(p)) => LinkTarget::Internal(Target {
            url: pages[p].url.clone(),
            anchor,
        }),
        Some(Found::Section(s)) => LinkTarget::Internal(Target {
            url: sections[s].url.clone(),
            anchor,
        }),
        _ if lookup
            .fallback
            .as_ref()
            .and_then(|f| f.find(path.trim_start_matches('/')))
            .is_some() =>
        {
            let (url, _, _) = lookup
                .fallback
                .as_ref()
                .and_then(|f| f.find(path.trim_start_matches('/')))
                .expect("found above");
            LinkTarget::Internal(Target {
                url: url.to_string(),
                anchor,
            })
        }
        _ => {
            problems.push(
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    format!("the footer link `{link}` is not a page"),
                )
                .at_line(line)
                .help(
                    match crate::text::suggest(
                        path.trim_start_matches('/'),
                        lookup.pages.keys().map(String::as_str),
                    ) {
                        Some(near) => format!("did you mean `/{near}`?"),
                        None => "write the page's path from content/, like /faq/program-faq.md"
                            .to_string(),
                    },
                ),
            );
            LinkTarget::External(link.to_string())
        }
    }
}

/// Each audience's `start_here` pages, with an error at the hub.yaml line of every
/// path that is not a page (and the nearest page's path).
pub(super) fn resolve_start_here(
    config: &crate::config::Config,
    lookup: &Lookup<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Vec<PageId>> {
    let mut resolve = |audience: &crate::config::Audience, path: &String| {
        let rel = path.trim_start_matches('/');
        let found = lookup.pages.get(rel).copied();
        // A page not translated is left out of this language's lists.
        let elsewhere = lookup.fallback.as_ref().is_some_and(|f| f.has_page(rel));
        if found.is_none() && !elsewhere {
            let line = config
                .line_of(&["audiences", &format!("id: {}", audience.id), path])
                .or_else(|| config.line_of(&[path]))
                .unwrap_or(1);
            let help = match crate::text::suggest(rel, lookup.pages.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `/{near}`?"),
                None => {
                    "write the page's path from content/, like /closure/last-meeting.md".to_string()
                }
            };
            problems.push(
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    format!(
                        "`start_here` of audience `{}` lists `{path}`, which is not a page",
                        audience.id
                    ),
                )
                .at_line(line)
                .help(help),
            );
        }
        found
    };
    config
        .audiences
        .iter()
        .map(|a| a.start_here.iter().filter_map(|p| resolve(a, p)).collect())
        .collect()
}
