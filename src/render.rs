//! The render stage: the site model becomes output files.
//!
//! In: a [`Site`] and a compiled [`Theme`]. Out: every page, listing, feed and copied
//! file as an [`OutputFile`], rendered in parallel and in a stable order.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use crate::context::{self, Context};
use crate::diagnostic::Diagnostic;
use crate::front_matter::Layout;
use crate::markdown::{HEADING_END_MARK, SECTION_MARK};
use crate::routes::index_file;
use crate::site::{alias_file, PageId, PageKind, Site};
use crate::theme::{error_chain, StaticFile, Theme};
use crate::url::relative;

/// Download sizes by template and format.
type DownloadSizes = std::collections::BTreeMap<(PageId, crate::front_matter::Format), usize>;

mod body;
mod memo;

use body::{faq_json_ld, fill};
use memo::Fingerprints;
pub use memo::Memo;

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path inside the output folder, with `/` separators.
    pub path: String,
    pub contents: Contents,
}

/// What an output file holds: rendered bytes, or a file to copy. The bytes are
/// shared, so `serve` can keep a page it did not need to render again without copying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Arc<Vec<u8>>),
    Copy(PathBuf),
}

impl Contents {
    /// Rendered bytes.
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Contents {
        Contents::Bytes(Arc::new(bytes.into()))
    }
}

/// Renders every page of the site, and the search index when `search` is set.
pub fn render(
    site: &Site,
    theme: &Theme,
    search: bool,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_with(site, theme, search, None)
}

/// Like [`render`], keeping from `memo` every page whose inputs did not change and
/// remembering this render's pages in it for the next one.
pub fn render_with(
    site: &Site,
    theme: &Theme,
    search: bool,
    memo: Option<&mut Memo>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = Mutex::new(Vec::new());
    let collect = |file: OutputFile| -> crate::Result<()> {
        lock(&files).push(file);
        Ok(())
    };
    render_into(site, theme, search, memo, &collect).map_err(|e| e.diagnostics().to_vec())?;
    let mut files = take(files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Where rendered files go as they are made: written out by `build`, so a big hub is
/// never held in memory whole, or collected by [`render_with`].
pub type Sink<'a> = dyn Fn(OutputFile) -> crate::Result<()> + Sync + 'a;

/// Renders every file of the site into `sink`, in no particular order. Fails with the
/// problems found (as [`crate::Error::Invalid`]) or the sink's first error.
pub fn render_into(
    site: &Site,
    theme: &Theme,
    search: bool,
    memo: Option<&mut Memo>,
    sink: &Sink<'_>,
) -> crate::Result<()> {
    // Listings first: an audience's page lists every article for it, and one of those
    // left to the end keeps a core busy after the other has run out of work.
    let mut jobs: Vec<Job> = (0..site.config.audiences.len())
        .map(Job::Audience)
        .collect();
    jobs.extend([Job::Library, Job::Tags, Job::Home, Job::NotFound]);
    jobs.extend((0..site.tags.len()).map(Job::Tag));
    jobs.extend((1..site.sections.len()).map(Job::Section));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    let (downloads, sizes) = crate::downloads::all(site);
    let prints = memo.as_ref().map(|_| Fingerprints::of(site, theme));
    let known = memo.as_deref();
    let problems = Mutex::new(Vec::new());
    let failed = Mutex::new(None);
    let put = |file: OutputFile| {
        if let Err(e) = sink(file) {
            lock(&failed).get_or_insert(e);
        }
    };
    // Jobs rendered under a memo: key, fingerprint, output, and whether it is new.
    let remembered = Mutex::new(HashMap::new());
    let fresh = AtomicUsize::new(0);
    let run = |job: &Job| {
        let result = match &prints {
            None => job.run(site, theme, &sizes),
            Some(prints) => {
                let key = job.key(site);
                let print = job.fingerprint(site, prints, &sizes);
                let result = match known.and_then(|m| m.get(&key, print)) {
                    Some(files) => Ok(files.to_vec()),
                    None => {
                        fresh.fetch_add(1, Ordering::Relaxed);
                        job.run(site, theme, &sizes)
                    }
                };
                if let Ok(files) = &result {
                    lock(&remembered).insert(key, (print, files.clone()));
                }
                result
            }
        };
        match result {
            Ok(files) => files.into_iter().for_each(put),
            Err(d) => lock(&problems).push(d),
        }
    };
    // The search index is built alongside the pages, not after them.
    // Its shards are written as they are made, from whichever core made them.
    let ((), search) = rayon::join(
        || jobs.par_iter().for_each(run),
        || {
            if search {
                crate::search::output_into(site, theme, &put)
            } else {
                Ok(())
            }
        },
    );
    let mut problems = take(problems);
    if let Err(d) = search {
        problems.push(d);
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    downloads.into_iter().for_each(put);
    redirects(site, theme)?.into_iter().for_each(put);
    put(bytes("sitemap.xml", crate::feed::sitemap(site)));
    put(bytes("feed.xml", crate::feed::atom(site)));
    put(bytes(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            site.config.base_url
        ),
    ));
    for (name, file) in &theme.statics {
        put(OutputFile {
            path: format!("theme/{name}"),
            contents: theme_static(name, file).map_err(|d| vec![d])?,
        });
    }
    for asset in &site.assets {
        put(OutputFile {
            path: asset.rel.clone(),
            contents: Contents::Copy(asset.path.clone()),
        });
    }
    if let Some(e) = take(failed) {
        return Err(e);
    }
    if let Some(memo) = memo {
        let remembered = take(remembered);
        memo.replace(remembered, fresh.into_inner());
    }
    Ok(())
}

/// Locks a mutex, whether or not another thread panicked while holding it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a mutex holds, once no thread uses it any more.
pub(crate) fn take<T>(mutex: Mutex<T>) -> T {
    mutex.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// A theme file for the output; stylesheets and scripts lose comments and layout
/// whitespace, which keeps every page light.
fn theme_static(name: &str, file: &StaticFile) -> Result<Contents, Diagnostic> {
    let minify: Option<fn(&str) -> String> = match name.rsplit('.').next() {
        Some("css") => Some(crate::minify::css),
        Some("js") => Some(crate::minify::js),
        _ => None,
    };
    let bytes = match (file, minify) {
        (StaticFile::Disk(path), None) => return Ok(Contents::Copy(path.clone())),
        (StaticFile::Disk(path), Some(_)) => std::fs::read(path).map_err(|e| {
            Diagnostic::error(path, format!("cannot read the theme file: {e}"))
                .help("check that the file exists and that you can read it")
        })?,
        (StaticFile::Embedded(bytes), _) => bytes.to_vec(),
    };
    Ok(match (minify, String::from_utf8(bytes)) {
        (Some(minify), Ok(text)) => Contents::bytes(minify(&text)),
        (_, Ok(text)) => Contents::bytes(text),
        (_, Err(e)) => Contents::bytes(e.into_bytes()),
    })
}

fn bytes(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::bytes(text),
    }
}

enum Job {
    Home,
    NotFound,
    Library,
    Tags,
    Section(usize),
    Page(PageId),
    Audience(usize),
    Tag(usize),
}

impl Job {
    /// What identifies the job from one render to the next (page ids can shift).
    fn key(&self, site: &Site) -> String {
        match *self {
            Job::Home => "home".to_string(),
            Job::NotFound => "404".to_string(),
            Job::Library => "library".to_string(),
            Job::Tags => "tags".to_string(),
            Job::Section(id) => format!("section:{}", site.sections[id].dir),
            Job::Page(id) => format!("page:{}", site.pages[id].rel),
            Job::Audience(n) => format!("audience:{}", site.config.audiences[n].id),
            Job::Tag(n) => format!("tag:{}", site.tags[n].slug),
        }
    }

    fn fingerprint(&self, site: &Site, prints: &Fingerprints, sizes: &DownloadSizes) -> u64 {
        match *self {
            Job::Page(id) => prints.page(site, id),
            Job::Library => prints.library(sizes),
            _ => prints.listing(),
        }
    }

    fn run(
        &self,
        site: &Site,
        theme: &Theme,
        sizes: &DownloadSizes,
    ) -> Result<Vec<OutputFile>, Diagnostic> {
        let file = match *self {
            Job::Home => page(
                theme,
                "home.html",
                "",
                home(site, theme)?,
                context::chrome(site, "", None, "", None),
            )?,
            Job::NotFound => {
                let root = url_path(&site.config.base_url);
                let chrome =
                    context::chrome(site, "404.html", Some("Page not found"), "", Some(root));
                let html = render_template(theme, "404.html", &Context { chrome, page: () })?;
                bytes("404.html", html)
            }
            Job::Library => {
                let from = context::LIBRARY_URL;
                let entries = site
                    .templates
                    .iter()
                    .map(|&t| context::LibraryEntry {
                        card: context::card(site, from, t),
                        fields: &site.pages[t].front.fields,
                        used_in: context::used_in(site, from, t),
                        downloads: context::download_links(site, from, t, Some(sizes)),
                    })
                    .collect();
                let chrome = context::chrome(
                    site,
                    from,
                    Some("Template library"),
                    "Every template in the hub, ready to fill in and print.",
                    None,
                );
                page(
                    theme,
                    "library.html",
                    from,
                    context::LibraryPage { templates: entries },
                    chrome,
                )?
            }
            Job::Tags => {
                let from = "tags/";
                let tags = site
                    .tags
                    .iter()
                    .map(|t| context::TagLink {
                        label: t.label.clone(),
                        url: relative(from, &context::tag_url(&t.slug)),
                        count: t.pages.len(),
                    })
                    .collect();
                page(
                    theme,
                    "tags.html",
                    from,
                    context::TagsPage { tags },
                    context::chrome(site, from, Some("Topics"), "", None),
                )?
            }
            Job::Section(id) => {
                let s = &site.sections[id];
                let from = s.url.as_str();
                let data = context::SectionPage {
                    title: &s.title,
                    description: &s.description,
                    intro: fill(&s.body.html, &s.links, &[], from, site, theme, false)?,
                    crumbs: context::crumbs(site, from, id),
                    sections: s
                        .children
                        .iter()
                        .map(|&c| context::section_card(site, from, c))
                        .collect(),
                    pages: s
                        .pages
                        .iter()
                        .map(|&p| context::card(site, from, p))
                        .collect(),
                };
                page(
                    theme,
                    "section.html",
                    from,
                    data,
                    context::chrome(site, from, Some(&s.title), &s.description, None),
                )?
            }
            Job::Page(id) => render_page(site, theme, id)?,
            Job::Audience(n) => {
                let a = &site.config.audiences[n];
                let from = context::audience_url(&a.id);
                let mut groups: Vec<context::Group> = Vec::new();
                let matching: Vec<PageId> = ordered_pages(site)
                    .into_iter()
                    .filter(|&p| site.pages[p].front.audience.contains(&a.id))
                    .collect();
                for phase in &site.config.phases {
                    let pages: Vec<_> = matching
                        .iter()
                        .filter(|&&p| site.pages[p].front.phase.as_deref() == Some(&phase.id))
                        .map(|&p| context::card(site, &from, p))
                        .collect();
                    if !pages.is_empty() {
                        groups.push(context::Group {
                            title: phase.label.clone(),
                            id: phase.id.clone(),
                            pages,
                        });
                    }
                }
                let other: Vec<_> = matching
                    .iter()
                    .filter(|&&p| site.pages[p].front.phase.is_none())
                    .map(|&p| context::card(site, &from, p))
                    .collect();
                if !other.is_empty() {
                    groups.push(context::Group {
                        title: "Any time".to_string(),
                        id: "any-time".to_string(),
                        pages: other,
                    });
                }
                let data = context::AudiencePage {
                    title: format!("For {}", a.label.to_lowercase()),
                    description: &a.description,
                    start_here: site.start_here[n]
                        .iter()
                        .map(|&p| context::card(site, &from, p))
                        .collect(),
                    groups,
                };
                let title = data.title.clone();
                page(
                    theme,
                    "audience.html",
                    &from,
                    data,
                    context::chrome(site, &from, Some(&title), &a.description, None),
                )?
            }
            Job::Tag(n) => {
                let t = &site.tags[n];
                let from = context::tag_url(&t.slug);
                let data = context::TagPage {
                    label: &t.label,
                    pages: t
                        .pages
                        .iter()
                        .map(|&p| context::card(site, &from, p))
                        .collect(),
                };
                let title = format!("Topic: {}", t.label);
                page(
                    theme,
                    "tag.html",
                    &from,
                    data,
                    context::chrome(site, &from, Some(&title), "", None),
                )?
            }
        };
        Ok(vec![file])
    }
}

/// Pages in reading order: home's own, then each category depth first.
fn ordered_pages(site: &Site) -> Vec<PageId> {
    fn walk(site: &Site, id: usize, out: &mut Vec<PageId>) {
        out.extend(&site.sections[id].pages);
        for &c in &site.sections[id].children {
            walk(site, c, out);
        }
    }
    let mut out = Vec::with_capacity(site.pages.len());
    walk(site, 0, &mut out);
    out
}

fn home<'a>(site: &'a Site, theme: &Theme) -> Result<context::HomePage<'a>, Diagnostic> {
    let root = &site.sections[0];
    let mut recent: Vec<PageId> = (0..site.pages.len())
        .filter(|&p| site.pages[p].front.updated.is_some())
        .collect();
    recent.sort_by(|&a, &b| {
        site.pages[b]
            .front
            .updated
            .cmp(&site.pages[a].front.updated)
            .then_with(|| site.pages[a].rel.cmp(&site.pages[b].rel))
    });
    recent.truncate(6);
    Ok(context::HomePage {
        title: &root.title,
        description: &root.description,
        intro: fill(&root.body.html, &root.links, &[], "", site, theme, false)?,
        start_here: site
            .config
            .audiences
            .iter()
            .zip(&site.start_here)
            .map(|(a, pages)| context::AudiencePath {
                label: &a.label,
                description: &a.description,
                url: context::audience_url(&a.id),
                pages: pages.iter().map(|&p| context::card(site, "", p)).collect(),
            })
            .collect(),
        categories: root
            .children
            .iter()
            .map(|&c| context::section_card(site, "", c))
            .collect(),
        loose_pages: root
            .pages
            .iter()
            .map(|&p| context::card(site, "", p))
            .collect(),
        promoted: ordered_pages(site)
            .into_iter()
            .filter(|&p| site.pages[p].front.promoted)
            .map(|p| context::card(site, "", p))
            .collect(),
        recent: recent
            .into_iter()
            .map(|p| context::card(site, "", p))
            .collect(),
    })
}

fn render_page(site: &Site, theme: &Theme, id: PageId) -> Result<OutputFile, Diagnostic> {
    let p = &site.pages[id];
    let from = p.url.as_str();
    let body = fill(
        &p.body.html,
        &p.links,
        &p.embeds,
        from,
        site,
        theme,
        p.kind == PageKind::Faq,
    )?;
    let meta = context::page_meta(site, id);
    let mut chrome = context::chrome(site, from, Some(&p.front.title), &p.front.summary, None);
    chrome.og_type = "article";
    match (&p.front.layout, p.kind) {
        (Layout::Custom(name), _) => {
            let name = format!("{name}.html");
            if !theme.has_template(&name) {
                return Err(Diagnostic::error(&p.file, format!("the theme has no template `{name}` for `layout: {}`", name.trim_end_matches(".html"))).at_line(p.front.line_of("layout")).help("use article, faq or template, or add the template to themes/<theme>/templates/"));
            }
            page(
                theme,
                &name,
                from,
                context::ArticlePage { meta, body },
                chrome,
            )
        }
        (_, PageKind::Article) => page(
            theme,
            "article.html",
            from,
            context::ArticlePage { meta, body },
            chrome,
        ),
        (_, PageKind::Faq) => {
            let mut parts = body.split(SECTION_MARK);
            let intro = parts.next().unwrap_or("").to_string();
            let questions: Vec<context::Question> = parts
                .zip(p.toc().iter().filter(|t| t.level == 2))
                .map(|(part, entry)| context::Question {
                    id: entry.id.clone(),
                    question: entry.title.clone(),
                    answer: part
                        .split_once(HEADING_END_MARK)
                        .map_or(part, |(_, a)| a)
                        .to_string(),
                })
                .collect();
            let json_ld = faq_json_ld(&questions);
            page(
                theme,
                "faq.html",
                from,
                context::FaqPage {
                    meta,
                    intro,
                    questions,
                    json_ld,
                },
                chrome,
            )
        }
        (_, PageKind::Template) => {
            let template = context::TemplateCard {
                id: p.template_id.as_deref().unwrap_or(""),
                title: &p.front.title,
                summary: &p.front.summary,
                url: "./".to_string(),
                fields: &p.front.fields,
                body,
                downloads: context::download_links(site, from, id, None),
                instance: "page".to_string(),
            };
            let used_in = context::used_in(site, from, id);
            // The articles that embed the template are listed already; don't repeat them.
            let mut meta = meta;
            meta.related
                .retain(|r| !used_in.iter().any(|u| u.url == r.url));
            page(
                theme,
                "template.html",
                from,
                context::TemplatePage {
                    meta,
                    template,
                    used_in,
                },
                chrome,
            )
        }
    }
}

/// Renders the theme template `name` for the page at `url`.
pub(crate) fn page<T: Serialize>(
    theme: &Theme,
    name: &str,
    url: &str,
    data: T,
    chrome: context::Chrome<'_>,
) -> Result<OutputFile, Diagnostic> {
    let html = render_template(theme, name, &Context { chrome, page: data })?;
    Ok(bytes(&index_file(url), html))
}

fn render_template<T: Serialize>(
    theme: &Theme,
    name: &str,
    data: &T,
) -> Result<String, Diagnostic> {
    let context = tera::Context::from_serialize(data).map_err(|e| {
        Diagnostic::general(format!(
            "cannot prepare the data for `{name}`: {}",
            error_chain(&e)
        ))
    })?;
    theme.tera.render(name, &context).map_err(|e| {
        let file = theme
            .sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")));
        Diagnostic::error(
            file,
            format!("the template failed to render: {}", error_chain(&e)),
        )
        .help("check the variable names the template uses against the README's theme section")
    })
}

fn redirects(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let targets = site
        .pages
        .iter()
        .map(|p| (&p.front.aliases, &p.url))
        .chain(site.sections.iter().map(|s| (&s.aliases, &s.url)));
    let mut files = Vec::new();
    for (aliases, target) in targets {
        for alias in aliases {
            let Some(path) = alias_file(&alias.path) else {
                continue;
            };
            let data = context::RedirectPage {
                url: relative(&path, target),
                canonical: format!("{}{target}", site.config.base_url),
            };
            let html = render_template(theme, "redirect.html", &data).map_err(|d| vec![d])?;
            files.push(bytes(&path, html));
        }
    }
    Ok(files)
}

/// The path part of the base URL (`/` or `/hub/`), for pages served at any depth.
fn url_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}
