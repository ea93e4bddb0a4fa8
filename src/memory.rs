//! What a rebuild may take from the one before: the stages of the build plan whose
//! results can be remembered, each with the pure stage as its default.
//!
//! In: the stage's own inputs. Out: the stage's own output, computed or remembered.
//! A build computes everything ([`Forget`]); `serve` remembers what it can
//! ([`crate::serve::incremental::Incremental`]).

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;
use crate::downloads;
use crate::output::{OutputFile, Sink};
use crate::render::{self, DownloadSizes};
use crate::site::{self, Page, PageId, Site};
use crate::source::{self, Parsed};
use crate::theme::{self, Theme, ThemeFiles};

/// The stages the build plan asks through a memory.
pub trait Memory: Send {
    /// The hub's content files ([`crate::discover()`]).
    fn discover(&mut self, root: &Path) -> Result<Vec<SourceFile>, Vec<Diagnostic>> {
        crate::discover::discover(root)
    }

    /// Every content file parsed ([`source::parse_all`]).
    fn parse(&mut self, files: &[SourceFile], config: &Config) -> Vec<Parsed> {
        source::parse_all(files, config)
    }

    /// The theme's templates compiled ([`theme::compile`]).
    fn theme(&mut self, files: ThemeFiles) -> Result<Arc<Theme>, Vec<Diagnostic>> {
        theme::compile(files).map(Arc::new)
    }

    /// Every template's downloads and their sizes ([`downloads::all`]).
    fn downloads(&mut self, site: &Site) -> (Vec<OutputFile>, DownloadSizes) {
        downloads::all(site)
    }

    /// Each page's computed related pages ([`site::computed_related`]).
    /// `ranks` is [`Site::ranks`].
    fn related(&mut self, pages: &[Page], ranks: &[usize]) -> Vec<Vec<PageId>> {
        site::computed_related(pages, ranks)
    }

    /// Every page, listing and redirect into `sink` ([`render::pages`]); with
    /// `background`, not the handbooks.
    fn pages(
        &mut self,
        site: &Site,
        theme: &Theme,
        sizes: &DownloadSizes,
        background: bool,
        sink: &Sink<'_>,
    ) -> crate::error::Result<()> {
        render::pages(site, theme, sizes, background, sink)
    }
}

/// Remembers nothing: every stage runs in full.
#[derive(Debug, Default, Clone, Copy)]
pub struct Forget;

impl Memory for Forget {}
