//! The render stage: the site model becomes pages.
//!
//! In: a [`Site`], a compiled [`Theme`] and the sizes of the downloads (shown on the
//! template library). Out: every page, listing and redirect as an [`OutputFile`],
//! rendered in parallel and handed to a sink as each is made.

use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use crate::context;
use crate::diagnostic::Diagnostic;
use crate::output::{OutputFile, Sink};
use crate::routes::index_file;
use crate::site::{alias_file, PageId, Site};
use crate::sync::{lock, take};
use crate::theme::{cannot_prepare, Theme};
use crate::url::relative;

/// Download sizes by template and format.
pub type DownloadSizes = std::collections::BTreeMap<(PageId, crate::front_matter::Format), usize>;

mod body;
mod drawn;
mod handbook;
mod jobs;
mod listings;

pub use drawn::{Drawn, Kept, CARD};
pub use jobs::Job;

/// Renders every page, listing and redirect of the site into `sink`, in no
/// particular order. Fails with the problems found (as [`crate::error::Error::Invalid`]) or
/// the sink's first error.
pub fn pages(
    site: &Site,
    theme: &Theme,
    sizes: &DownloadSizes,
    background: bool,
    sink: &Sink<'_>,
) -> crate::error::Result<()> {
    let drawn = Drawn::fresh(site);
    pages_by(site, theme, background, sink, &|job: &Job| {
        job.run(site, theme, sizes, &drawn)
    })
}

/// The pages made from the whole hub that `serve` leaves to the background (see
/// [`crate::BuildOptions::background`]): the handbooks.
pub fn background_pages(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = Vec::new();
    for job in Job::all(site).into_iter().filter(Job::is_background) {
        files.extend(job.run(site, theme, &DownloadSizes::new(), &Drawn::fresh(site))?);
    }
    Ok(files)
}

/// How one job's files are had: rendered, or remembered from an earlier render.
pub type RunJob<'a> = dyn Fn(&Job) -> Result<Vec<OutputFile>, Diagnostic> + Sync + 'a;

/// Like [`pages`], with each job's files had through `run` (which `serve` uses to
/// take unchanged pages from the last render).
pub fn pages_by(
    site: &Site,
    theme: &Theme,
    background: bool,
    sink: &Sink<'_>,
    run: &RunJob<'_>,
) -> crate::error::Result<()> {
    let problems = Mutex::new(Vec::new());
    let failed = Mutex::new(None);
    let put = |file: OutputFile| {
        if let Err(e) = sink(file) {
            lock(&failed).get_or_insert(e);
        }
    };
    let one = |job: &Job| match run(job) {
        Ok(files) => files.into_iter().for_each(put),
        Err(d) => lock(&problems).push(d),
    };
    let jobs = Job::rendered(site, background);
    // The listings come first, and some of them gather thousands of pages: each is a
    // task of its own, so two of the largest do not fall to one core while the other
    // runs out of pages.
    let (listings, pages) = jobs.split_at(
        jobs.iter()
            .position(|job| matches!(job, Job::Page(_)))
            .unwrap_or(jobs.len()),
    );
    rayon::join(
        || listings.par_iter().with_max_len(1).for_each(one),
        || pages.par_iter().for_each(one),
    );
    let problems = take(problems);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    redirects(site, theme)?.into_iter().for_each(put);
    match take(failed) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Renders the theme template `name` for the page at `url`.
pub(crate) fn page<T: Serialize>(
    theme: &Theme,
    drawn: &Drawn,
    name: &str,
    url: &str,
    data: T,
    chrome: context::Chrome<'_>,
) -> Result<OutputFile, Diagnostic> {
    let html = page_html(theme, drawn, name, data, chrome)?;
    Ok(OutputFile::new(index_file(url), html))
}

/// The HTML of the theme template `name` for a page, header and footer included:
/// the template receives `chrome`, `page` (`data`) and the interface strings `t`.
pub(crate) fn page_html<T: Serialize>(
    theme: &Theme,
    drawn: &Drawn,
    name: &str,
    data: T,
    mut chrome: context::Chrome<'_>,
) -> Result<String, Diagnostic> {
    drawn.frame(theme, &mut chrome)?;
    drawn.page_html(theme, name, &chrome, &data)
}

fn render_template<T: Serialize>(
    theme: &Theme,
    name: &str,
    data: &T,
) -> Result<String, Diagnostic> {
    let context = tera::Context::from_serialize(data).map_err(|e| cannot_prepare(name, &e))?;
    theme.render(name, &context)
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
            files.push(redirect(site, theme, path, target).map_err(|d| vec![d])?);
        }
    }
    Ok(files)
}

/// A page at `path` (a file) that sends readers on to the site URL `target`.
fn redirect(
    site: &Site,
    theme: &Theme,
    path: String,
    target: &str,
) -> Result<OutputFile, Diagnostic> {
    let data = context::RedirectPage {
        url: relative(&path, target),
        canonical: format!("{}{target}", site.config.base_url),
        lang: &site.config.language,
        t: &site.config.strings,
    };
    let html = render_template(theme, "redirect.html", &data)?;
    Ok(OutputFile::new(path, html))
}

/// The path part of the base URL (`/` or `/hub/`), for pages served at any depth.
pub(crate) fn url_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}
