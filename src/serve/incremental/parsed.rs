//! Parsed files remembered between rebuilds: a file whose bytes are unchanged, parsed
//! under an unchanged config, is not parsed again.
//!
//! Files are compared by a hash of their bytes. A file is not even read again when its
//! size and modification time are those it had when it was last read, and that time
//! was well before the read (as `git` does with its index): some file systems keep
//! times only to the second or two, so a file changed within that window is read.
//! Each language's files are kept apart, with the config they were parsed under, so
//! a hub in several languages keeps them all.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use super::FastMap;

use crate::config::Config;
use crate::discover::SourceFile;
use crate::fingerprint::{debug_hash, hash_of};
use crate::source::{self, Parsed};

/// How long a modification time must lie before a read for it to be trusted.
const SETTLED: Duration = Duration::from_secs(2);

/// Parse results by language and file.
#[derive(Debug, Default)]
pub struct ParseCache {
    languages: HashMap<String, Language>,
    /// Read every file on every scan (for file systems whose times cannot be trusted).
    pub read_every_file: bool,
}

/// One language's files, valid for one config.
#[derive(Debug)]
struct Language {
    /// The config the files were parsed under, and its print.
    config: Config,
    print: u64,
    entries: FastMap<PathBuf, Entry>,
    /// When the previous scan started.
    scanned: Option<SystemTime>,
}

#[derive(Debug)]
struct Entry {
    hash: u64,
    stamp: Option<Stamp>,
    parsed: Parsed,
}

/// What a file's metadata says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    fn of(file: &SourceFile) -> Option<Stamp> {
        let meta = std::fs::metadata(&file.path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }
}

/// What a parse reads of the config: its settings, and the interface strings (no
/// setting of hub.yaml, but callouts and task boxes are written in their words).
fn config_print(config: &Config) -> u64 {
    hash_of((
        serde_yaml::to_string(config).unwrap_or_default(),
        debug_hash(&config.strings),
    ))
}

/// Parses `files`, the files of `config`'s language, in parallel, reusing and
/// refreshing `cache`. With `named`, the files the watcher named as changed, the
/// others are taken as they were without looking at them.
pub(super) fn parse_all(
    files: &[SourceFile],
    config: &Config,
    cache: &mut ParseCache,
    named: Option<&HashSet<PathBuf>>,
) -> Vec<Parsed> {
    let print = config_print(config);
    let read_every_file = cache.read_every_file;
    let language = cache
        .languages
        .entry(config.language.clone())
        .or_insert_with(|| Language {
            config: config.clone(),
            print,
            entries: FastMap::default(),
            scanned: None,
        });
    if language.print != print {
        language.entries.clear();
        language.print = print;
        language.config = config.clone();
    }
    // Only the named files changed, and every file is known: those are read again,
    // the others taken as they are. A named file that cannot be read is left to the
    // full scan, which says why.
    if let Some(named) = named {
        let entries = &mut language.entries;
        let changed: Vec<&SourceFile> = files
            .par_iter()
            .filter(|f| named.contains(&f.path))
            .collect();
        let refreshed = changed.into_iter().all(|f| {
            entries
                .get_mut(&f.path)
                .is_some_and(|e| refresh(e, f, config))
        });
        // Every file looked up once, on every core: a path's hash walks its bytes.
        let entries = &*entries;
        let known: Option<Vec<Parsed>> = refreshed
            .then(|| {
                files
                    .par_iter()
                    .map(|f| entries.get(&f.path).map(|e| e.parsed.clone()))
                    .collect()
            })
            .flatten();
        if let Some(known) = known {
            return known;
        }
    }
    let started = SystemTime::now();
    let settled = match language.scanned {
        Some(t) if !read_every_file => t.checked_sub(SETTLED),
        _ => None,
    };
    let entries = &language.entries;
    // (hash, stamp, result, whether it came from the cache)
    type Scanned = (Option<u64>, Option<Stamp>, Parsed, bool);
    let results: Vec<Scanned> = files
        .par_iter()
        .map(|file| {
            let known = entries.get(&file.path);
            if let (Some(entry), Some(named)) = (known, named) {
                if !named.contains(&file.path) {
                    return (Some(entry.hash), entry.stamp, entry.parsed.clone(), true);
                }
            }
            let stamp = Stamp::of(file);
            if let (Some(entry), Some(stamp), Some(settled)) = (known, stamp, settled) {
                if entry.stamp == Some(stamp) && stamp.modified < settled {
                    return (Some(entry.hash), Some(stamp), entry.parsed.clone(), true);
                }
            }
            match source::read(file) {
                Ok(bytes) => {
                    let hash = hash_of(&bytes);
                    match known {
                        Some(entry) if entry.hash == hash => {
                            (Some(hash), stamp, entry.parsed.clone(), true)
                        }
                        _ => (
                            Some(hash),
                            stamp,
                            source::parse_bytes(file, bytes, config),
                            false,
                        ),
                    }
                }
                Err(problem) => (None, None, Parsed::failed(problem), false),
            }
        })
        .collect();
    // Unchanged entries move over; only new results are copied in.
    let mut old = std::mem::take(&mut language.entries);
    let mut parsed = Vec::with_capacity(results.len());
    for (file, (hash, stamp, result, reused)) in files.iter().zip(results) {
        if let Some(hash) = hash {
            let entry = match old.remove(&file.path) {
                Some(mut entry) if reused => {
                    entry.stamp = stamp;
                    entry
                }
                _ => Entry {
                    hash,
                    stamp,
                    parsed: result.clone(),
                },
            };
            language.entries.insert(file.path.clone(), entry);
        }
        parsed.push(result);
    }
    language.scanned = Some(started);
    parsed
}

/// A file of `language` already known, parsed again as it is now: what it was and
/// what it is. `None` when the file is not known or cannot be read.
pub(super) fn parse_again(
    file: &SourceFile,
    language: &str,
    cache: &mut ParseCache,
) -> Option<(Parsed, Parsed)> {
    let language = cache.languages.get_mut(language)?;
    let entry = language.entries.get_mut(&file.path)?;
    let before = entry.parsed.clone();
    refresh(entry, file, &language.config).then(|| (before, entry.parsed.clone()))
}

/// Reads a known file again and parses it if its bytes changed; false when it cannot
/// be read (the entry is then as it was).
fn refresh(entry: &mut Entry, file: &SourceFile, config: &Config) -> bool {
    let stamp = Stamp::of(file);
    let Ok(bytes) = source::read(file) else {
        return false;
    };
    let hash = hash_of(&bytes);
    if hash != entry.hash {
        entry.parsed = source::parse_bytes(file, bytes, config);
        entry.hash = hash;
    }
    entry.stamp = stamp;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::SourceKind;

    #[test]
    fn unchanged_files_are_reused_and_edited_ones_parsed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "---\ntitle: First\n---\nBody\n").unwrap();
        let files = [SourceFile {
            rel: "a.md".into(),
            path: path.clone(),
            kind: SourceKind::Page,
        }];
        let config = Config::parse("title: Hub\nbase_url: https://example.org/\naudiences:\n  - {id: mentor, label: Mentors}\n").unwrap();
        let mut cache = ParseCache::default();
        let title = |parsed: &[Parsed]| parsed[0].page.as_ref().unwrap().front.title.clone();
        assert_eq!(
            title(&parse_all(&files, &config, &mut cache, None)),
            "First"
        );
        assert_eq!(known(&cache), 1);
        // Same length, same second: only the bytes tell the edit apart.
        std::fs::write(&path, "---\ntitle: Fixed\n---\nBody\n").unwrap();
        assert_eq!(
            title(&parse_all(&files, &config, &mut cache, None)),
            "Fixed"
        );
        // A file last changed long ago is trusted by its size and time, unread; with
        // `read_every_file` (serve --poll) it is read anyway.
        let old = std::time::SystemTime::now() - Duration::from_secs(3600);
        let set_time = || {
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(old).unwrap();
        };
        set_time();
        parse_all(&files, &config, &mut cache, None);
        std::fs::write(&path, "---\ntitle: Third\n---\nBody\n").unwrap();
        set_time();
        assert_eq!(
            title(&parse_all(&files, &config, &mut cache, None)),
            "Fixed",
            "a settled file is not read again"
        );
        cache.read_every_file = true;
        assert_eq!(
            title(&parse_all(&files, &config, &mut cache, None)),
            "Third"
        );
        let stricter = Config::parse("title: Hub\nbase_url: https://example.org/\nallow_html: true\naudiences:\n  - {id: mentor, label: Mentors}\n").unwrap();
        parse_all(&files, &stricter, &mut cache, None);
        assert_eq!(
            cache.languages[&stricter.language].print,
            config_print(&stricter)
        );
        let mut spanish = stricter.clone();
        spanish.strings = std::sync::Arc::new(crate::i18n::load(dir.path(), "es").0);
        assert_ne!(config_print(&spanish), config_print(&stricter));
    }

    fn known(cache: &ParseCache) -> usize {
        cache.languages.values().map(|l| l.entries.len()).sum()
    }

    #[test]
    fn each_language_keeps_its_files_and_a_known_file_is_parsed_again_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            SourceFile {
                rel: name.into(),
                path,
                kind: SourceKind::Page,
            }
        };
        let english = [file("a.md", "---\ntitle: One\n---\nBody\n")];
        let spanish = [file("a.es.md", "---\ntitle: Uno\n---\nCuerpo\n")];
        let config = Config::parse("title: Hub\nbase_url: https://example.org/\naudiences:\n  - {id: mentor, label: Mentors}\n").unwrap();
        let mut es = config.clone();
        es.language = "es".into();
        es.strings = std::sync::Arc::new(crate::i18n::load(dir.path(), "es").0);
        let mut cache = ParseCache::default();
        parse_all(&english, &config, &mut cache, None);
        parse_all(&spanish, &es, &mut cache, None);
        // The second language's scan leaves the first one's files known.
        assert_eq!(known(&cache), 2);
        let settled = std::time::SystemTime::now() - Duration::from_secs(3600);
        for f in english.iter().chain(&spanish) {
            let handle = std::fs::File::options().write(true).open(&f.path).unwrap();
            handle.set_modified(settled).unwrap();
        }
        parse_all(&english, &config, &mut cache, None);
        parse_all(&spanish, &es, &mut cache, None);
        // Nothing is read again once settled: the cache answers from memory, so an
        // edit made behind its back (same size and time) is not seen...
        std::fs::write(&spanish[0].path, "---\ntitle: Dos\n---\nCuerpo\n").unwrap();
        let handle = std::fs::File::options()
            .write(true)
            .open(&spanish[0].path)
            .unwrap();
        handle.set_modified(settled).unwrap();
        let title = |parsed: &Parsed| parsed.page.as_ref().unwrap().front.title.clone();
        assert_eq!(title(&parse_all(&spanish, &es, &mut cache, None)[0]), "Uno");
        // ...until the file is named as changed: then it is read, in its language.
        let (before, after) = parse_again(&spanish[0], "es", &mut cache).unwrap();
        assert_eq!(
            (title(&before), title(&after)),
            ("Uno".into(), "Dos".into())
        );
        assert_eq!(title(&parse_all(&spanish, &es, &mut cache, None)[0]), "Dos");
        assert!(
            parse_again(&spanish[0], "fr", &mut cache).is_none(),
            "not a known language"
        );
        assert!(
            parse_again(&file("b.md", "new"), "en", &mut cache).is_none(),
            "not a known file"
        );
    }
}
