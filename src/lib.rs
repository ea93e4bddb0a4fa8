//! Guidepost turns a mentoring program's resource hub — Markdown guidance, FAQs and
//! fill-in templates — into a fast, accessible static help center.
//!
//! A build is plain data flowing through stages, each a free function that takes the
//! previous stage's output. This file is the plan:
//!
//! ```text
//! load:    Config::load → discover → source::parse (parallel) → languages::split
//!          → site::assemble (the default language, then each translation) , theme::load
//! render:  for each language: downloads::all → render::pages ‖ search::index
//!          then feed::files → theme::statics → output::copies
//! write:   output::Staging (files written as they are made, swapped in whole)
//! ```
//!
//! [`load`] runs the first line, [`render_site`] the second, [`build`] all three;
//! `check` runs the first two without writing, and `serve` keeps the result in memory.
//! The plan takes a [`Memory`]: a build remembers nothing ([`Forget`]), and `serve`
//! answers the parse, related-pages and pages stages from its last rebuild where their
//! inputs did not change; after an edit that changed only page bodies it skips the
//! plan, patching its last site and rendering the pages that show them
//! (`serve::incremental`).
//! Paths and addresses in the output are named in [`routes`].

pub mod config;
pub mod context;
pub mod date;
pub mod diagnostic;
pub mod direction;
pub mod discover;
pub mod downloads;
pub mod error;
pub mod feed;
pub mod fingerprint;
pub mod front_matter;
pub mod html_text;
pub mod i18n;
pub mod import;
pub mod language_tag;
pub mod languages;
pub mod line_index;
pub mod markdown;
pub mod memory;
pub mod output;
pub mod placeholder;
pub mod render;
pub mod report;
pub mod routes;
pub mod scaffold;
pub mod scan;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod sync;
pub mod text;
pub mod theme;
pub mod url;
pub mod yaml_problem;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

pub use crate::config::Config;
pub use crate::diagnostic::{Diagnostic, Severity};
pub use crate::discover::discover;
pub use crate::error::{Error, Result};
pub use crate::memory::{Forget, Memory};
pub use crate::report::Report;
pub use crate::site::Site;

use crate::discover::SourceKind;
use crate::output::OutputFile;
use crate::site::{AssembleOptions, PageKind};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The hub's folder (holding `hub.yaml`).
    pub root: PathBuf,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Use this instead of `base_url` from hub.yaml.
    pub base_url: Option<String>,
    /// Leave out what is made from the whole hub (the search index and the
    /// handbooks): `serve` makes them in the background once the pages are live.
    pub background: bool,
}

/// A loaded, checked site ready to render, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The default language's site (every page of a hub in one language).
    pub site: Arc<Site>,
    /// Each other language's site, in the hub's order, with its pages under `<id>/`.
    pub translations: Vec<Site>,
    pub theme: Arc<theme::Theme>,
    pub warnings: Vec<Diagnostic>,
}

impl Loaded {
    /// Every language's site, the default first.
    pub fn sites(&self) -> impl Iterator<Item = &Site> + Clone {
        std::iter::once(&*self.site).chain(&self.translations)
    }
}

/// Runs every stage up to the site model and the theme, collecting all problems.
/// `memory` may answer the parse and related-pages stages from an earlier run.
pub fn load(options: &BuildOptions, memory: &mut dyn Memory) -> Result<Loaded> {
    let root = &options.root;
    // Problems in hub.yaml do not stop the build here, so the content's problems are
    // reported with them; only settings that cannot be read at all do.
    let (mut config, mut problems) = Config::load_with_problems(root)?;
    if let Some(base) = &options.base_url {
        if let Err(problem) = config.set_base_url(base) {
            problems.push(problem);
        }
    }
    // Each language's settings: the same hub.yaml, in that language, with its strings.
    let languages = config.language_list();
    let configs: Vec<Config> = languages
        .iter()
        .map(|language| {
            let mut config = config.clone();
            config.language = language.id.clone();
            if language_tag::is_language_tag(&config.language) {
                let (strings, strings_problems) =
                    i18n::load_with_fallback(root, &config.language, &languages[0].id);
                config.strings = Arc::new(strings);
                problems.extend(strings_problems);
            }
            config
        })
        .collect();
    let config = configs[0].clone();
    let theme = theme::read(root, &config).and_then(|files| memory.theme(files));
    let files = memory.discover(root)?;
    let (markdown, assets): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|f| f.kind != SourceKind::Asset);
    // A file is read in its language (a callout's title, a task box's label).
    let mut by_language: Vec<Vec<discover::SourceFile>> = vec![Vec::new(); configs.len()];
    for file in markdown {
        let n = language_tag::language_of(&file.rel)
            .and_then(|(_, tag)| languages.iter().skip(1).position(|l| l.id == tag))
            .map_or(0, |i| i + 1);
        by_language[n].push(file);
    }
    let mut pages = Vec::new();
    let mut failed = Vec::new();
    for (files, config) in by_language.iter().zip(&configs) {
        if files.is_empty() && !std::ptr::eq(config, &configs[0]) {
            continue;
        }
        let parsed = memory.parse(files, config);
        for (file, p) in files.iter().zip(parsed) {
            if p.page.is_none() {
                failed.push(file.rel.clone());
            }
            problems.extend(p.diagnostics);
            pages.extend(p.page);
        }
    }
    let theme = match theme {
        Ok(theme) => {
            problems.extend(theme::missing_layouts(&pages, &theme, &config.theme));
            Some(theme)
        }
        Err(theme_problems) => {
            problems.extend(theme_problems);
            None
        }
    };
    let split = languages::split(pages, &languages, options.drafts, &failed);
    problems.extend(split.problems);
    let assemble_options = AssembleOptions {
        drafts: options.drafts,
        today: Some(date::Date::today()),
        failed,
        language: 0,
        prefix: String::new(),
    };
    let failed_early = problems.iter().any(Diagnostic::is_error);
    match site::assemble(
        config,
        split.default,
        assets,
        assemble_options.clone(),
        None,
    ) {
        Ok((mut site, warnings)) if !failed_early => {
            let related = memory.related(&site.pages, &site.ranks);
            site::add_related(&mut site, &related);
            problems.extend(warnings);
            let mut translations = Vec::new();
            for (n, (language, pages)) in split.translations.into_iter().enumerate() {
                let mut config = configs[n + 1].clone();
                config.base_url = site.config.base_url.clone();
                debug_assert_eq!(config.language, language.id);
                let options = AssembleOptions {
                    language: n + 1,
                    prefix: format!("{}/", language.id),
                    ..assemble_options.clone()
                };
                match site::assemble(config, pages, site.assets.clone(), options, Some(&site)) {
                    Ok((mut translation, warnings)) => {
                        let related =
                            site::computed_related(&translation.pages, &translation.ranks);
                        site::add_related(&mut translation, &related);
                        problems.extend(warnings);
                        translations.push(translation);
                    }
                    Err(more) => problems.extend(more),
                }
            }
            if problems.iter().any(Diagnostic::is_error) {
                return Err(problems.into());
            }
            let (site, translations) = site::join_languages(site, translations);
            Ok(Loaded {
                site,
                translations,
                theme: theme.expect("theme errors fail early"),
                warnings: problems,
            })
        }
        Ok((_, warnings)) => {
            problems.extend(warnings);
            Err(problems.into())
        }
        Err(site_problems) => {
            problems.extend(site_problems);
            Err(problems.into())
        }
    }
}

/// Every file of a loaded site, handed to `sink` as it is made: the render half of
/// the build plan. Downloads come first (the template library shows their sizes);
/// the pages and the search index are made side by side, one per core when both
/// are busy, and the feeds beside them; then the theme's own files and the
/// content's plain files.
/// `memory` may answer the pages stage from an earlier run.
pub fn render_site(
    loaded: &Loaded,
    background: bool,
    memory: &mut dyn Memory,
    sink: &output::Sink<'_>,
) -> Result<()> {
    let theme = &loaded.theme;
    // The feeds read only the sites: they are written while the pages render.
    let (rendered, feeds) = rayon::join(
        || -> Result<()> {
            for site in loaded.sites() {
                let (downloads, sizes) = memory.downloads(site);
                let (pages, index) = rayon::join(
                    || memory.pages(site, theme, &sizes, background, sink),
                    || match background {
                        false => search::index(site, sink),
                        true => Ok(()),
                    },
                );
                merge_failures(pages, index).map_err(|e| with_warnings(e, &loaded.warnings))?;
                // The scripts' words in this language, loaded when a reader first
                // searches or uses a template card.
                let strings = OutputFile::new(
                    routes::strings_script(&site.config.language),
                    site.config.strings.script(),
                );
                downloads.into_iter().chain([strings]).try_for_each(sink)?;
            }
            Ok(())
        },
        || feed::files(loaded.sites()).into_iter().try_for_each(sink),
    );
    rendered?;
    feeds?;
    let statics = theme::statics(theme).map_err(|d| Error::from(vec![d]))?;
    statics
        .into_iter()
        .chain(output::copies(&loaded.site.assets))
        .try_for_each(sink)
}

/// Both stages' problems when both failed, else the one failure.
fn merge_failures(a: Result<()>, b: Result<()>) -> Result<()> {
    match (a, b) {
        (Err(Error::Invalid { mut diagnostics }), Err(Error::Invalid { diagnostics: more })) => {
            diagnostics.extend(more);
            Err(Error::Invalid { diagnostics })
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
        (Ok(()), Ok(())) => Ok(()),
    }
}

/// Renders the site in memory without writing anything, the files sorted by path.
pub fn render_all(
    options: &BuildOptions,
    memory: &mut dyn Memory,
) -> Result<(Loaded, Vec<OutputFile>)> {
    let (loaded, mut files) = render_in_memory(options, memory)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((loaded, files))
}

/// Renders the site in memory without writing anything, the files in the order they
/// were made (`serve` puts them in a map).
pub fn render_in_memory(
    options: &BuildOptions,
    memory: &mut dyn Memory,
) -> Result<(Loaded, Vec<OutputFile>)> {
    let loaded = load(options, memory)?;
    let files = render_loaded(&loaded, options.background, memory)?;
    Ok((loaded, files))
}

/// Every file of a loaded site, rendered in memory in the order they were made.
pub fn render_loaded(
    loaded: &Loaded,
    background: bool,
    memory: &mut dyn Memory,
) -> Result<Vec<OutputFile>> {
    let files = std::sync::Mutex::new(Vec::new());
    let collect = |file: OutputFile| -> Result<()> {
        sync::lock(&files).push(file);
        Ok(())
    };
    render_site(loaded, background, memory, &collect)?;
    Ok(sync::take(files))
}

/// Builds the hub into `out`, replacing its previous contents only on success. Files
/// are written as they are rendered, so the whole site is never held in memory.
pub fn build(options: &BuildOptions, out: &Path) -> Result<Report> {
    let started = Instant::now();
    output::check_location(
        &options.root,
        out,
        &[discover::CONTENT_DIR, theme::THEMES_DIR],
    )?;
    let loaded = load(options, &mut Forget)?;
    let staging = output::Staging::begin(out)?;
    let loaded_prefixes: Vec<String> = loaded
        .translations
        .iter()
        .map(|t| t.prefix.clone())
        .collect();
    let files = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let index_bytes = AtomicU64::new(0);
    let write = |file: OutputFile| -> Result<()> {
        let size = staging.write(&file)?;
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(size, Ordering::Relaxed);
        if file.path.starts_with(routes::INDEX_DIR)
            || loaded_prefixes.iter().any(|p| {
                file.path
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with(routes::INDEX_DIR))
            })
        {
            index_bytes.fetch_add(size, Ordering::Relaxed);
        }
        Ok(())
    };
    render_site(&loaded, options.background, &mut Forget, &write)?;
    staging.finish()?;
    let count = |kind: PageKind| {
        loaded
            .sites()
            .map(|site| site.pages.iter().filter(|p| p.kind == kind).count())
            .sum()
    };
    Ok(Report {
        articles: count(PageKind::Article),
        faqs: count(PageKind::Faq),
        templates: count(PageKind::Template),
        listings: loaded
            .sites()
            .map(|site| site.sections.len() + site.config.audiences.len() + site.tags.len() + 2)
            .sum(),
        files: files.into_inner() as usize,
        bytes: bytes.into_inner(),
        index_bytes: index_bytes.into_inner(),
        warnings: loaded.warnings,
        elapsed: started.elapsed(),
    })
}

/// A failed render's problems, with the warnings found before it.
fn with_warnings(error: Error, warnings: &[Diagnostic]) -> Error {
    match error {
        Error::Invalid { mut diagnostics } => {
            diagnostics.extend(warnings.iter().cloned());
            Error::Invalid { diagnostics }
        }
        other => other,
    }
}

/// Runs every check without writing output; returns the warnings.
pub fn check(options: &BuildOptions) -> Result<Vec<Diagnostic>> {
    render_all(options, &mut Forget).map(|(loaded, _)| loaded.warnings)
}
