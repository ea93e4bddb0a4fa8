//! The output stage: files the other stages made, written atomically into a
//! temporary folder beside the output and swapped in by renames. A failed or killed
//! build leaves the previous output whole, and no build replaces a folder that holds
//! the hub ([`check_location`]).
//!
//! In: [`OutputFile`]s from any stage, on any thread. Out: the output folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::discover::SourceFile;
use crate::error::Result;

mod staging;

pub use staging::Staging;

/// Where made files go as they are made: written out by `build`, so a big hub is never
/// held in memory whole, or collected in memory by `check` and `serve`.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<()> + Sync + 'a;

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path inside the output folder, with `/` separators.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    /// A file of rendered text or bytes.
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: Contents::bytes(bytes),
        }
    }
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

/// The content files published as they are (images, PDFs), copied to the same path.
pub fn copies(assets: &[SourceFile]) -> Vec<OutputFile> {
    assets
        .iter()
        .map(|asset| OutputFile {
            path: asset.rel.clone(),
            contents: Contents::Copy(asset.path.clone()),
        })
        .collect()
}

/// The marker file that says a folder is Guidepost output (and safe to replace).
pub const MARKER: &str = crate::routes::MARKER;

/// Replaces `out` with `files`. Refuses to replace a folder that is not earlier output.
pub fn write_atomic(out: &Path, files: &[OutputFile]) -> Result<()> {
    let staging = Staging::begin(out)?;
    files
        .par_iter()
        .try_for_each(|file| staging.write(file).map(|_| ()))?;
    staging.finish()
}

/// The output may not be the hub itself or hold it, nor be inside one of the hub's
/// `sources` folders (`content`, `themes`): replacing it would delete what staff wrote.
pub fn check_location(root: &Path, out: &Path, sources: &[&str]) -> Result<()> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        };
        normalise(&p)
    };
    let (root, out) = (absolute(root), absolute(out));
    if root.starts_with(&out) {
        return Err(crate::error::Error::Refused {
            message: format!("the output folder `{}` contains the hub itself; building there would delete your content. Choose an output folder inside the hub, such as `public`", out.display()),
        });
    }
    if let Some(folder) = sources.iter().find(|f| out.starts_with(root.join(f))) {
        return Err(crate::error::Error::Refused {
            message: format!(
                "the output folder `{}` is inside {folder}/; choose a folder such as `public`",
                out.display()
            ),
        });
    }
    Ok(())
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
