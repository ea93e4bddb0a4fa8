//! The incremental layer: what `serve` keeps from one rebuild for the next, wrapped
//! around the pure stages of the build plan.
//!
//! In: the stages' own inputs, rebuild after rebuild. Out: the same results the pure
//! stages give, taken from the last rebuild where their inputs did not change: parsed
//! files (by their bytes), computed related pages (by every input they read), and
//! rendered pages (by a fingerprint of what each reads). An edit that changed only
//! page bodies skips the plan: the last site is patched and only what shows those
//! bodies is rendered again ([`Incremental::rebuild`]). One that changed only titles
//! or orders skips reading and putting the hub together: the last site's pages are
//! put in order again and rendered with this memory. `tests/incremental.rs` and
//! `tests/patch.rs` check after edits of every kind that the result is byte for byte
//! a full build's.

mod parsed;
mod patch;
mod rendered;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;
use crate::downloads;
use crate::fingerprint::hash_of;
use crate::front_matter::Format;
use crate::memory::Memory;
use crate::output::{OutputFile, Sink};
use crate::render::{DownloadSizes, Drawn, Job};
use crate::site::{self, Page, PageId, Site};
use crate::source::Parsed;
use crate::sync::{lock, Trash};
use crate::theme::{self, Theme, ThemeFiles};
use crate::{BuildOptions, Loaded};

pub use parsed::ParseCache;

use crate::fingerprint::FastMap;

/// Everything remembered between rebuilds.
#[derive(Debug, Default)]
pub struct Incremental {
    parsed: ParseCache,
    /// The compiled theme, by a print of its files.
    theme: Option<(u64, Arc<Theme>)>,
    /// Each language's downloads.
    downloads: HashMap<usize, Downloads>,
    related: Option<(u64, Vec<Vec<PageId>>)>,
    rendered: rendered::Memo,
    /// The last good rebuild's sites, which a body edit patches.
    last: Option<Arc<Loaded>>,
    /// The content files the last scan found.
    discovered: Option<Vec<SourceFile>>,
    /// What the latest rebuild replaced (the last site, the last render's pages, the
    /// files served until now), let go once the new pages are served.
    trash: Trash,
    /// During a rebuild after changes the watcher named, all of them files already
    /// known: those files. The rest of `content/` is then taken as it was, unscanned.
    named: Option<HashSet<PathBuf>>,
}

/// One language's downloads as last made.
#[derive(Debug, Default)]
struct Downloads {
    /// Each template's file in each format, by its page and a print of its inputs.
    files: HashMap<(String, Format), (u64, OutputFile)>,
    sizes: DownloadSizes,
}

/// What a rebuild made.
#[derive(Debug)]
pub enum Rebuilt {
    /// Every file of the site, by the full plan.
    Whole(Vec<OutputFile>),
    /// Every file of the site, from the last one with retitled (or reordered) pages
    /// put in order again: the hub was not read and put together again.
    Reordered(Vec<OutputFile>),
    /// Only the files that changed; the others are the last rebuild's.
    Patched(Vec<OutputFile>),
}

impl Incremental {
    /// Read every file on every rebuild, for file systems whose times cannot be
    /// trusted (`serve --poll`).
    pub fn read_every_file(&mut self, on: bool) {
        self.parsed.read_every_file = on;
    }

    /// Keeps `value`, something the latest rebuild replaced, until [`Incremental::let_go`].
    pub fn discard<T: Send + 'static>(&mut self, value: T) {
        self.trash.put(value);
    }

    /// Frees what the latest rebuild replaced: called once its pages are served, so
    /// the freeing neither delays them nor competes with the rebuild for the cores.
    pub fn let_go(&mut self) {
        self.trash.empty();
    }

    /// How many pages the latest rebuild rendered (the rest were kept).
    pub fn rendered_last(&self) -> usize {
        self.rendered.rendered
    }

    /// Rebuilds after the files `changed` (as the watcher names them) changed: by
    /// patching the last good site when they are pages whose bodies alone (or titles
    /// and orders) changed and the search index and handbooks are made in the
    /// background, else by the full plan with this memory. A failed rebuild leaves
    /// nothing to patch, so the next one runs the full plan.
    pub fn rebuild(
        &mut self,
        options: &BuildOptions,
        changed: &[PathBuf],
    ) -> crate::Result<(Arc<Loaded>, Rebuilt)> {
        if let Some(last) = self.last.take().filter(|_| options.background) {
            if let Some(patched) = self.patch(last, options, changed) {
                return Ok(patched);
            }
        }
        self.named = self.known_names(options, changed);
        let rendered = crate::render_in_memory(options, self);
        self.named = None;
        let (loaded, files) = rendered?;
        let loaded = Arc::new(loaded);
        self.last = Some(Arc::clone(&loaded));
        Ok((loaded, Rebuilt::Whole(files)))
    }

    /// The paths `changed` names when every one under `content/` is a file the last
    /// scan found and still a plain file: then nothing else in `content/` changed, and
    /// it need not be scanned. `None` (scan it all) for anything new, gone or unsure.
    fn known_names(&self, options: &BuildOptions, changed: &[PathBuf]) -> Option<HashSet<PathBuf>> {
        let discovered = self.discovered.as_ref()?;
        let content = options.root.join(crate::discover::CONTENT_DIR);
        let known: HashSet<&PathBuf> = discovered.iter().map(|f| &f.path).collect();
        let trusted = !changed.is_empty()
            && changed.iter().all(|path| {
                !path.starts_with(&content)
                    || (known.contains(path)
                        && path
                            .symlink_metadata()
                            .is_ok_and(|m| m.file_type().is_file()))
            });
        trusted.then(|| changed.iter().cloned().collect())
    }

    /// Forgets the last rebuild's sites (their files were not served), so the next
    /// rebuild runs the full plan.
    pub fn forget_site(&mut self) {
        self.last = None;
    }

    /// The last site with the edited bodies swapped in, and the files that show them.
    /// When the edits cannot be patched, the last site is let go with [`Incremental::let_go`].
    fn patch(
        &mut self,
        mut last: Arc<Loaded>,
        options: &BuildOptions,
        changed: &[PathBuf],
    ) -> Option<(Arc<Loaded>, Rebuilt)> {
        let patched = self.try_patch(&mut last, options, changed);
        if patched.is_none() {
            self.trash.put(last);
        }
        patched
    }

    fn try_patch(
        &mut self,
        last: &mut Arc<Loaded>,
        options: &BuildOptions,
        changed: &[PathBuf],
    ) -> Option<(Arc<Loaded>, Rebuilt)> {
        let edits = patch::edits(last, &options.root, changed, &mut self.parsed)?;
        patch::apply(Arc::make_mut(last), &edits, |pages, ranks| {
            self.related(pages, ranks)
        });
        if edits.iter().any(|e| e.reach == patch::Reach::Order) {
            return self.render_reordered(last);
        }
        let mut files = Vec::new();
        let mut rendered = 0;
        for (n, site) in last.sites().enumerate() {
            let pages = patch::pages_to_render(site, n, &edits);
            if pages.is_empty() {
                continue;
            }
            let mut jobs: Vec<Job> = pages.iter().map(|&id| Job::Page(id)).collect();
            if patch::changes_downloads(n, &edits) {
                let before = self.downloads.get(&site.language)?.sizes.clone();
                let (made, sizes) = self.downloads(site);
                files.extend(made);
                // The template library shows the files' sizes.
                if sizes != before {
                    jobs.push(Job::Library);
                    jobs.extend(site.library_section().map(Job::Section));
                }
            }
            let sizes = &self.downloads.get(&site.language)?.sizes;
            if site.is_default_language() {
                let changed = patch::edited(&edits, n);
                files.extend(
                    self.rendered
                        .patch(site, &last.theme, sizes, &changed, &jobs)?,
                );
                rendered += self.rendered.rendered;
            } else {
                let drawn = Drawn::fresh(site);
                for job in &jobs {
                    files.extend(job.run(site, &last.theme, sizes, &drawn).ok()?);
                }
                rendered += jobs.len();
            }
        }
        self.rendered.rendered = rendered;
        self.last = Some(Arc::clone(last));
        Some((Arc::clone(last), Rebuilt::Patched(files)))
    }

    /// Every file of the last sites, their retitled pages swapped in and put in order
    /// again, rendered with this memory (only what shows the new titles is rendered
    /// again in the default language; the other languages are made whole, as by the
    /// full plan).
    fn render_reordered(&mut self, last: &Arc<Loaded>) -> Option<(Arc<Loaded>, Rebuilt)> {
        // A failure is the full plan's to report, with the hub's other problems.
        let files = crate::render_loaded(last, true, self).ok()?;
        self.last = Some(Arc::clone(last));
        Some((Arc::clone(last), Rebuilt::Reordered(files)))
    }
}

impl Memory for Incremental {
    /// The last scan's files when the watcher named only files it found.
    fn discover(&mut self, root: &Path) -> Result<Vec<SourceFile>, Vec<Diagnostic>> {
        if let (Some(_), Some(files)) = (&self.named, &self.discovered) {
            return Ok(files.clone());
        }
        let files = crate::discover::discover(root);
        self.discovered = files.as_ref().ok().cloned();
        files
    }

    fn parse(&mut self, files: &[SourceFile], config: &Config) -> Vec<Parsed> {
        parsed::parse_all(files, config, &mut self.parsed, self.named.as_ref())
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
        let language = self.downloads.entry(site.language).or_default();
        let known = &language.files;
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
        language.files = crate::sync::take(kept);
        language.sizes = made.1.clone();
        made
    }

    /// Computed related pages depend on every page's path, place in the order of
    /// `order` and title, tags, category, audience, own `related` list and neighbours
    /// (the reading order that picks candidates in big tags), which most edits leave
    /// alone: a new title that leaves every page in its place changes nothing.
    fn related(&mut self, pages: &[Page], ranks: &[usize]) -> Vec<Vec<PageId>> {
        let inputs: Vec<_> = pages
            .iter()
            .zip(ranks)
            .map(|(p, rank)| {
                let f = &p.front;
                (
                    &p.rel,
                    rank,
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
                let lists = site::computed_related(pages, ranks);
                self.related = Some((inputs, lists.clone()));
                lists
            }
        }
    }

    /// The default language's pages are remembered; the other languages' pages are
    /// made whole, and all counted as rendered again (the default language's come
    /// first, and start the count).
    fn pages(
        &mut self,
        site: &Site,
        theme: &Theme,
        sizes: &DownloadSizes,
        background: bool,
        sink: &Sink<'_>,
    ) -> crate::error::Result<()> {
        if site.is_default_language() {
            let trash = &mut self.trash;
            return self
                .rendered
                .pages(site, theme, sizes, background, sink, trash);
        }
        crate::render::pages(site, theme, sizes, background, sink)?;
        self.rendered.rendered += Job::rendered(site, background).len();
        Ok(())
    }
}
