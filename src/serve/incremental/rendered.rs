//! Pages remembered between rebuilds in `serve`, so an edit re-renders only what it
//! can change.
//!
//! Every render job gets a fingerprint of everything it reads: the site's structure
//! (config, theme, sections, tags, page order), the page itself, and what it shows of
//! other pages (its neighbours, related pages, embedded templates). A job whose
//! fingerprint is unchanged keeps its previous output. A section, tag or audience page
//! reads the cards it lists, and the template library its templates and the pages
//! using them, so a retitled page renders again only the listings that show it; the
//! home page, the topics page and the handbooks read every card. Anything that
//! changes the structure renders everything again. A page's front matter and body are
//! fingerprinted once, when the file is parsed ([`crate::source::Prints`]); what
//! assembling adds to a page is hashed field by field, and the site-wide parts from
//! the values' `Debug` form, so a field added to them later is covered without anyone
//! having to remember it here. A test compares the result
//! with a full build after edits of every kind (`tests/incremental.rs`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use super::FastMap;

use crate::fingerprint::{debug_hash, hash_of, Fingerprint};
use crate::site::{Embedded, Page, PageId, PageKind, SectionId, Site};
use crate::theme::Theme;

use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::output::Sink;
use crate::render::{self, DownloadSizes, Drawn, Job, Kept};
use crate::sync::{lock, Trash};

/// Rendered jobs by key, each with the fingerprint it was rendered under.
#[derive(Debug, Default)]
pub(super) struct Memo {
    jobs: FastMap<String, Remembered>,
    /// How many renders the memo has seen: the latest one's number.
    renders: u64,
    /// The fingerprints of the latest render, which a patch brings up to date.
    prints: Option<Fingerprints>,
    /// The cards drawn for listings and related pages, by what each shows.
    cards: Kept,
    /// Jobs rendered (not reused) by the latest render, for the preview's log line.
    pub(super) rendered: usize,
}

/// A job's files as last rendered.
#[derive(Debug)]
struct Remembered {
    /// The fingerprint they were rendered under.
    print: u64,
    files: Vec<OutputFile>,
    /// The number of the latest render that had them: a job no render has any more
    /// is forgotten.
    used: AtomicU64,
}

impl Memo {
    /// Renders every page of the site into `sink` like [`render::pages`], taking from
    /// the last render each job whose fingerprint is unchanged, and remembering this
    /// render's jobs for the next; the last render's go into `trash`.
    pub(super) fn pages(
        &mut self,
        site: &Site,
        theme: &Theme,
        sizes: &DownloadSizes,
        background: bool,
        sink: &Sink<'_>,
        trash: &mut Trash,
    ) -> crate::error::Result<()> {
        let prints = Fingerprints::of(site, theme);
        // A card shows its page's outward side, in the theme and words of the structure.
        let card_prints = prints
            .outward
            .iter()
            .map(|&outward| hash_of([prints.structure, outward]))
            .collect();
        let drawn = Drawn::keeping(card_prints, std::mem::take(&mut self.cards));
        self.renders += 1;
        let now = self.renders;
        let made = Mutex::new(Vec::new());
        let known = &self.jobs;
        // The jobs unchanged since the last render are only marked as had: the memo is
        // brought up to date afterwards with the few that were rendered again.
        let run = |job: &Job| -> Result<Vec<OutputFile>, Diagnostic> {
            let key = job.key(site);
            let print = prints.of_job(job, site, sizes);
            if let Some(kept) = known.get(&key).filter(|kept| kept.print == print) {
                kept.used.store(now, Ordering::Relaxed);
                return Ok(kept.files.clone());
            }
            let files = job.run(site, theme, sizes, &drawn)?;
            lock(&made).push((key, print, files.clone()));
            Ok(files)
        };
        render::pages_by(site, theme, background, sink, &run)?;
        let made = crate::sync::take(made);
        self.rendered = made.len();
        // What the new files replace, and the jobs this render no longer has.
        let mut replaced = Vec::new();
        for (key, print, files) in made {
            let used = AtomicU64::new(now);
            replaced.extend(self.jobs.insert(key, Remembered { print, files, used }));
        }
        replaced.extend(
            (self.jobs)
                .extract_if(|_, kept| *kept.used.get_mut() != now)
                .map(|(_, kept)| kept),
        );
        trash.put(replaced);
        self.prints = Some(prints);
        self.cards = drawn.into_known();
        Ok(())
    }

    /// Renders `jobs` alone after the bodies of the pages `changed` were swapped in
    /// (nothing other pages show of them changed), and remembers them as a full render
    /// would have. `None` when there is no earlier render to patch or a job fails: a
    /// full render then says why.
    pub(super) fn patch(
        &mut self,
        site: &Site,
        theme: &Theme,
        sizes: &DownloadSizes,
        changed: &[PageId],
        jobs: &[Job],
    ) -> Option<Vec<OutputFile>> {
        let prints = self.prints.as_mut()?;
        if prints.inward.len() != site.pages.len() {
            return None;
        }
        for &id in changed {
            prints.inward[id] = inward(&site.pages[id]);
        }
        let prints = &*prints;
        // The few cards the pages show (their related pages) are drawn afresh.
        let drawn = Drawn::fresh(site);
        let made: Vec<(String, u64, Vec<OutputFile>)> = jobs
            .par_iter()
            .map(|job| {
                let files = job.run(site, theme, sizes, &drawn).ok()?;
                Some((job.key(site), prints.of_job(job, site, sizes), files))
            })
            .collect::<Option<_>>()?;
        self.rendered = made.len();
        let mut out = Vec::new();
        for (key, print, files) in made {
            out.extend(files.iter().cloned());
            let used = AtomicU64::new(self.renders);
            self.jobs.insert(key, Remembered { print, files, used });
        }
        Some(out)
    }
}

/// What only the page itself shows: its body and where its links lead.
fn inward(page: &Page) -> u64 {
    hash_of((page.prints.body, &page.links, &page.embeds))
}

/// The fingerprints of one site's render jobs.
#[derive(Debug)]
struct Fingerprints {
    /// Config, theme, sections, tags, templates and the order of pages.
    structure: u64,
    /// Structure plus every page's card: what listing pages read.
    listings: u64,
    /// What other pages can show of each page: its front matter, URL, place and card.
    outward: Vec<u64>,
    /// What only the page itself shows: its body and where its links lead.
    inward: Vec<u64>,
    /// For each template, the pages that embed it.
    embedded_in: HashMap<PageId, Vec<PageId>>,
}

impl Fingerprints {
    fn of(site: &Site, theme: &Theme) -> Fingerprints {
        let (outward, inward): (Vec<u64>, Vec<u64>) = site
            .pages
            .par_iter()
            .map(|p| {
                // The front matter and body were fingerprinted when the file was parsed;
                // what assembling the site added is hashed here.
                let outward = hash_of((
                    p.prints.front,
                    &p.rel,
                    &p.url,
                    p.kind,
                    p.section,
                    p.category,
                    p.prev,
                    p.next,
                    &p.related,
                    &p.template_id,
                    p.reading_minutes,
                ));
                (outward, inward(p))
            })
            .unzip();
        let embeds: Vec<&[Embedded]> = site.pages.iter().map(|p| p.embeds.as_slice()).collect();
        // What every page shows of the site: the navigation and breadcrumbs (sections
        // without the pages they list), tag names, footer links, and which pages embed
        // which templates. Which pages a section or tag lists, and in what order, only
        // listing pages show: a retitled page moves in them without touching articles.
        let sections: Vec<_> = site
            .sections
            .iter()
            .map(|s| {
                let mut s = s.clone();
                s.pages = Vec::new();
                s.page_count = 0;
                s
            })
            .collect();
        let tags: Vec<(&str, &str)> = site
            .tags
            .iter()
            .map(|t| (t.slug.as_str(), t.label.as_str()))
            .collect();
        let structure = hash_of([
            theme.fingerprint,
            debug_hash(&site.config),
            debug_hash(&sections),
            debug_hash(&tags),
            debug_hash(&site.footer_links),
            hash_of(&embeds),
            // Which pages each language has: the language switcher shows it.
            debug_hash(&site.languages),
            // Where the template library is: every footer links to it.
            debug_hash(&site.library_section()),
        ]);
        // The structure holds the sections but their lists of pages.
        let listed: Vec<(&[PageId], usize)> = site
            .sections
            .iter()
            .map(|s| (s.pages.as_slice(), s.page_count))
            .collect();
        let mut all = vec![
            structure,
            hash_of(&listed),
            hash_of(&site.tags),
            hash_of(&site.templates),
            hash_of(&site.start_here),
            debug_hash(&site.assets),
            debug_hash(&site.updated),
        ];
        all.extend(&outward);
        let listings = hash_of(&all);
        let mut embedded_in: HashMap<PageId, Vec<PageId>> = HashMap::new();
        for (p, page) in site.pages.iter().enumerate() {
            for t in page.embeds.iter().filter_map(|e| e.own()) {
                embedded_in.entry(t).or_default().push(p);
            }
        }
        Fingerprints {
            structure,
            listings,
            outward,
            inward,
            embedded_in,
        }
    }

    /// What a job reads: a page itself and what it shows of the pages around it; a
    /// section, tag or audience page the structure and the cards it lists; the
    /// library its templates, the pages that use them and the download sizes; the
    /// other listings the structure and every card.
    fn of_job(&self, job: &Job, site: &Site, sizes: &DownloadSizes) -> u64 {
        match *job {
            Job::Page(id) => self.page(site, id),
            Job::Library => self.library(site, sizes, None),
            Job::Section(id) if site.library_section() == Some(id) => {
                self.library(site, sizes, Some(id))
            }
            Job::Section(id) => {
                let s = &site.sections[id];
                self.listing(site, &s.pages, Some(id), 0)
            }
            Job::Tag(n) => self.listing(site, &site.tags[n].pages, None, 0),
            Job::Audience(n) => {
                let mut shown: Vec<PageId> =
                    site.audience_pages(&site.config.audiences[n].id).collect();
                let listed = shown.len();
                shown.extend(&site.start_here[n]);
                self.listing(site, &shown, None, listed)
            }
            // A handbook holds its audience's pages whole.
            Job::Handbook(n) => {
                let held: Vec<u64> = site
                    .audience_pages(&site.config.audiences[n].id)
                    .map(|p| self.inward[p])
                    .collect();
                hash_of([self.listings, hash_of(&held)])
            }
            _ => self.listings,
        }
    }

    /// A listing of `pages` (their cards, in order; `listed` tells where a second list
    /// begins) under `section`, whose subsections show how many pages they hold. The
    /// structure holds everything else a listing shows (navigation, titles, intros).
    fn listing(
        &self,
        site: &Site,
        pages: &[PageId],
        section: Option<SectionId>,
        listed: usize,
    ) -> u64 {
        let mut print = Fingerprint::default();
        print.add([self.structure, listed as u64]);
        if let Some(id) = section {
            for &child in &site.sections[id].children {
                print.add(site.sections[child].page_count);
            }
        }
        for &p in pages {
            print.add(self.outward[p]);
        }
        print.finish()
    }

    /// The template library (at `section` when a folder is the library): each
    /// template's card, fields and downloads, and the cards of the pages using it.
    fn library(&self, site: &Site, sizes: &DownloadSizes, section: Option<SectionId>) -> u64 {
        let mut shown = Vec::new();
        for &t in &site.templates {
            shown.push(t);
            shown.extend(self.embedded_in.get(&t).into_iter().flatten());
            // Where one template's users end and the next template begins.
            shown.push(t);
        }
        hash_of([debug_hash(sizes), self.listing(site, &shown, section, 0)])
    }

    /// A page: itself, and what it shows of the pages around it.
    fn page(&self, site: &Site, id: PageId) -> u64 {
        let page = &site.pages[id];
        let mut print = Fingerprint::default();
        print.add([self.structure, self.outward[id], self.inward[id]]);
        // The section menu beside an article: the pages it lists, and how many the
        // section has.
        let menu = crate::context::menu_pages(site, id);
        print.add((menu, site.sections[page.section].page_count));
        for other in page
            .prev
            .iter()
            .chain(&page.next)
            .chain(&page.related)
            .chain(menu)
        {
            print.add(self.outward[*other]);
        }
        for t in page.embeds.iter().filter_map(|e| e.own()) {
            print.add([self.outward[t], self.inward[t]]);
        }
        if page.kind == PageKind::Template {
            for &user in self.embedded_in.get(&id).into_iter().flatten() {
                print.add(self.outward[user]);
            }
        }
        print.finish()
    }
}
