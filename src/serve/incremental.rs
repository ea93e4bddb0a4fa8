//! The incremental layer: what `serve` keeps from one rebuild for the next, wrapped
//! around the pure stages of the build plan.
//!
//! In: the stages' own inputs, rebuild after rebuild. Out: the same results the pure
//! stages give, taken from the last rebuild where their inputs did not change: parsed
//! files (by their bytes), computed related pages (by every input they read), and
//! rendered pages (by a fingerprint of what each reads). `tests/incremental.rs`
//! checks after edits of every kind that the result is byte for byte a full build's.

mod parsed;
mod rendered;

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;
use crate::downloads;
use crate::fingerprint::hash_of;
use crate::front_matter::Format;
use crate::memory::Memory;
use crate::output::{OutputFile, Sink};
use crate::render::DownloadSizes;
use crate::site::{self, Page, PageId, Site};
use crate::source::Parsed;
use crate::sync::lock;
use crate::theme::{self, Theme, ThemeFiles};

pub use parsed::ParseCache;

/// Everything remembered between rebuilds.
#[derive(Debug, Default)]
pub struct Incremental {
    parsed: ParseCache,
    /// The compiled theme, by a print of its files.
    theme: Option<(u64, Arc<Theme>)>,
    /// Each template's file in each format, by its page and a print of its inputs.
    downloads: HashMap<(String, Format), (u64, OutputFile)>,
    related: Option<(u64, Vec<Vec<PageId>>)>,
    rendered: rendered::Memo,
}

impl Incremental {
    /// Read every file on every rebuild, for file systems whose times cannot be
    /// trusted (`serve --poll`).
    pub fn read_every_file(&mut self, on: bool) {
        self.parsed.read_every_file = on;
    }

    /// How many pages the latest rebuild rendered (the rest were kept).
    pub fn rendered_last(&self) -> usize {
        self.rendered.rendered
    }
}

impl Memory for Incremental {
    fn parse(&mut self, files: &[SourceFile], config: &Config) -> Vec<Parsed> {
        parsed::parse_all(files, config, &mut self.parsed)
    }

    /// Templates compiled again only when a theme file's text, or the set of files,
    /// changed.
    fn theme(&mut self, files: ThemeFiles) -> Result<Arc<Theme>, Vec<Diagnostic>> {
        let print = files.print();
        match &self.theme {
            Some((known, theme)) if *known == print => Ok(Arc::clone(theme)),
            _ => {
                let theme = Arc::new(theme::compile(files)?);
                self.theme = Some((print, Arc::clone(&theme)));
                Ok(theme)
            }
        }
    }

    /// A template's file made again only when what it is made from changed.
    fn downloads(&mut self, site: &Site) -> (Vec<OutputFile>, DownloadSizes) {
        let known = &self.downloads;
        let site_print = downloads::site_print(site);
        let kept = std::sync::Mutex::new(HashMap::new());
        let made = downloads::all_with(site, |id, format| {
            let key = (site.pages[id].rel.clone(), format);
            let print = downloads::print(site, id, format, site_print);
            let file = match known.get(&key) {
                Some((p, file)) if *p == print => file.clone(),
                _ => downloads::file(site, id, format),
            };
            lock(&kept).insert(key, (print, file.clone()));
            file
        });
        self.downloads = crate::sync::take(kept);
        made
    }

    /// Computed related pages depend on every page's path, order, title, tags,
    /// category, audience, own `related` list and neighbours (the reading order that
    /// picks candidates in big tags), which most edits leave alone.
    fn related(&mut self, pages: &[Page]) -> Vec<Vec<PageId>> {
        let inputs: Vec<_> = pages
            .iter()
            .map(|p| {
                let f = &p.front;
                (
                    &p.rel,
                    f.order,
                    &f.title,
                    &f.tags,
                    p.category,
                    &f.audience,
                    &p.related,
                    (p.prev, p.next),
                )
            })
            .collect();
        let inputs = hash_of(inputs);
        match &self.related {
            Some((known, lists)) if *known == inputs && lists.len() == pages.len() => lists.clone(),
            _ => {
                let lists = site::computed_related(pages);
                self.related = Some((inputs, lists.clone()));
                lists
            }
        }
    }

    fn pages(
        &mut self,
        site: &Site,
        theme: &Theme,
        sizes: &DownloadSizes,
        background: bool,
        sink: &Sink<'_>,
    ) -> crate::error::Result<()> {
        self.rendered.pages(site, theme, sizes, background, sink)
    }
}
