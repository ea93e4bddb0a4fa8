//! The bytes of the files a build copies as they are (content assets, theme images
//! and fonts), taken into memory when the build is made.
//!
//! In: a build's output files, some of which name a source file to copy, and the
//! hub's folder. Out: every output file as bytes, or the problems reading them.
//! `serve` serves only these bytes, so a source file changed or swapped after a
//! build (for a link out of the hub, say, which the next build refuses) cannot change
//! what the last good build serves. A file whose size, modification time and identity
//! are those it had when it was read, and whose time lay well before that read, keeps
//! the bytes read then: a hub with many megabytes of attachments is not read again
//! after each edit.

use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::Files;
use crate::diagnostic::Diagnostic;
use crate::discover::CONTENT_DIR;
use crate::output::{Contents, OutputFile};

/// How long before a read a modification time must lie for it to be trusted: some
/// file systems keep times only to the second or two, so a file changed within that
/// window of a read could keep its time (as `git` reasons about its index).
const SETTLED: Duration = Duration::from_secs(2);

/// The bytes of copied files, kept from one build for the next.
#[derive(Debug, Default)]
pub struct Copies {
    entries: HashMap<PathBuf, Entry>,
    /// Read every file for every build (for file systems whose times cannot be trusted).
    pub read_every_file: bool,
}

#[derive(Debug)]
struct Entry {
    stamp: Stamp,
    /// When the bytes were read (taken before opening the file).
    read_at: SystemTime,
    bytes: Arc<Vec<u8>>,
}

/// What a file's metadata says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
    /// Device and inode where there are such, so a file replaced by another of the
    /// same size and time is still noticed.
    identity: (u64, u64),
}

impl Stamp {
    fn of(meta: &Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let identity = (0, 0);
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
            identity,
        })
    }
}

impl Copies {
    /// Every file of a build as bytes: rendered files as they are, copied files read
    /// now (or kept from an earlier read of the unchanged file). `root` is the hub's
    /// folder, which the build's paths start with.
    pub fn freeze(
        &mut self,
        files: Vec<OutputFile>,
        root: &Path,
    ) -> Result<Files, Vec<Diagnostic>> {
        let hub = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let content = root.join(CONTENT_DIR);
        let mut earlier = std::mem::take(&mut self.entries);
        let mut frozen = Files::with_capacity_and_hasher(files.len(), Default::default());
        let mut problems = Vec::new();
        for file in files {
            let bytes = match file.contents {
                Contents::Bytes(bytes) => bytes,
                Contents::Copy(source) => {
                    let kept = earlier
                        .remove(&source)
                        .filter(|entry| !self.read_every_file && entry.unchanged(&source));
                    // Content may link only inside the hub, as `discover` checked; the
                    // file may have been swapped since, so the check is made again on
                    // the file actually read.
                    let inside = source.starts_with(&content).then_some(hub.as_path());
                    match kept.map_or_else(|| read(&source, inside), Ok) {
                        Ok(entry) => {
                            let bytes = Arc::clone(&entry.bytes);
                            self.entries.insert(source, entry);
                            bytes
                        }
                        Err((message, help)) => {
                            let shown = source.strip_prefix(root).unwrap_or(&source);
                            problems.push(Diagnostic::error(shown, message).help(help));
                            continue;
                        }
                    }
                }
            };
            frozen.insert(file.path, bytes);
        }
        if problems.is_empty() {
            Ok(frozen)
        } else {
            Err(problems)
        }
    }
}

impl Entry {
    /// Whether the file is still the one read, as far as its metadata can tell.
    fn unchanged(&self, source: &Path) -> bool {
        let Some(now) = std::fs::metadata(source).ok().as_ref().and_then(Stamp::of) else {
            return false;
        };
        let settled = self
            .read_at
            .duration_since(self.stamp.modified)
            .is_ok_and(|age| age >= SETTLED);
        now == self.stamp && settled
    }
}

/// Reads `source`; when `inside` names the hub's folder, only if the file opened
/// lies in it. A problem comes back as its message and how to fix it.
fn read(source: &Path, inside: Option<&Path>) -> Result<Entry, (String, &'static str)> {
    let cannot = |e: std::io::Error| {
        (
            format!("cannot read: {e}"),
            "check that the file exists and that you can read it",
        )
    };
    let read_at = SystemTime::now();
    let mut file = File::open(source).map_err(cannot)?;
    if let Some(hub) = inside {
        if !opened_path(&file, source).is_some_and(|real| real.starts_with(hub)) {
            return Err((
                "this file now leads outside the hub".to_string(),
                "copy the file into the hub instead of linking to it, or remove the link",
            ));
        }
    }
    let meta = file.metadata().map_err(cannot)?;
    let stamp = Stamp::of(&meta).ok_or_else(|| {
        (
            "cannot read the file's modification time".to_string(),
            "check the file system the hub is on",
        )
    })?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).map_err(cannot)?;
    Ok(Entry {
        stamp,
        read_at,
        bytes: Arc::new(bytes),
    })
}

/// Where the file opened really is. On Linux the system says so for the open file
/// itself, so a link swapped in after the check cannot slip through; elsewhere the
/// path is resolved just before the read.
fn opened_path(file: &File, source: &Path) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(real) = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
            return Some(real);
        }
    }
    let _ = file;
    source.canonicalize().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(path: &str, source: &Path) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            contents: Contents::Copy(source.to_path_buf()),
        }
    }

    /// A hub folder (canonical, as `serve` makes it) with one asset.
    fn hub_with_asset(text: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/assets")).unwrap();
        let asset = root.join("content/assets/map.pdf");
        std::fs::write(&asset, text).unwrap();
        (dir, root, asset)
    }

    fn age(path: &Path, by: Duration) {
        let file = File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - by).unwrap();
    }

    #[test]
    fn copied_files_are_read_when_the_build_is_made() {
        let (_dir, root, asset) = hub_with_asset("first");
        let mut copies = Copies::default();
        let files = vec![
            copy("assets/map.pdf", &asset),
            OutputFile {
                path: "index.html".to_string(),
                contents: Contents::bytes(b"<p>home</p>".as_slice()),
            },
        ];
        let built = copies.freeze(files, &root).unwrap();
        std::fs::write(&asset, "changed after the build").unwrap();
        assert_eq!(built["assets/map.pdf"].as_slice(), b"first");
        assert_eq!(built["index.html"].as_slice(), b"<p>home</p>");
        // The next build reads the change: it was made too recently to be trusted.
        let rebuilt = copies
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap();
        assert_eq!(
            rebuilt["assets/map.pdf"].as_slice(),
            b"changed after the build"
        );
    }

    #[test]
    fn an_unchanged_settled_file_is_not_read_again() {
        let (_dir, root, asset) = hub_with_asset("a big attachment");
        age(&asset, Duration::from_secs(60));
        let mut copies = Copies::default();
        let first = copies
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap();
        let second = copies
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap();
        assert!(Arc::ptr_eq(
            &first["assets/map.pdf"],
            &second["assets/map.pdf"]
        ));
        // Same size, but a new time: read again.
        std::fs::write(&asset, "a new attachment").unwrap();
        let third = copies
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap();
        assert_eq!(third["assets/map.pdf"].as_slice(), b"a new attachment");
        // Polling reads every file, whatever its times say.
        age(&asset, Duration::from_secs(60));
        copies.read_every_file = true;
        let polled = copies
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap();
        let again = copies
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap();
        assert!(!Arc::ptr_eq(
            &polled["assets/map.pdf"],
            &again["assets/map.pdf"]
        ));
    }

    #[test]
    fn a_missing_file_fails_the_build_with_its_path() {
        let (_dir, root, asset) = hub_with_asset("x");
        std::fs::remove_file(&asset).unwrap();
        let problems = Copies::default()
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap_err();
        assert!(
            problems[0]
                .to_string()
                .starts_with("error: content/assets/map.pdf: cannot read: "),
            "{}",
            problems[0]
        );
    }

    #[cfg(unix)]
    #[test]
    fn content_swapped_for_a_link_out_of_the_hub_is_refused() {
        let (_dir, root, asset) = hub_with_asset("inside");
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "outside the hub").unwrap();
        let mut copies = Copies::default();
        copies
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap();
        std::fs::remove_file(&asset).unwrap();
        std::os::unix::fs::symlink(&secret, &asset).unwrap();
        let problems = copies
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "error: content/assets/map.pdf: this file now leads outside the hub\n  \
             help: copy the file into the hub instead of linking to it, or remove the link"
        );
        // A link that stays inside the hub is fine.
        let inner = root.join("content/real.pdf");
        std::fs::write(&inner, "linked inside").unwrap();
        std::fs::remove_file(&asset).unwrap();
        std::os::unix::fs::symlink(&inner, &asset).unwrap();
        let built = copies
            .freeze(vec![copy("assets/map.pdf", &asset)], &root)
            .unwrap();
        assert_eq!(built["assets/map.pdf"].as_slice(), b"linked inside");
    }
}
