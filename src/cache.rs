//! Parsed files remembered between rebuilds (for `serve`): a file whose bytes are
//! unchanged, parsed under an unchanged config, is not parsed again.
//!
//! Files are compared by a hash of their bytes, not by modification time, which some
//! file systems keep only to the second.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::discover::SourceFile;
use crate::source::{self, Parsed};

/// Parse results by file, valid for one config.
#[derive(Debug, Default)]
pub struct ParseCache {
    config: u64,
    entries: HashMap<PathBuf, (u64, Parsed)>,
}

fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Parses `files` in parallel, reusing and refreshing `cache` when one is given.
pub fn parse_all(
    files: &[SourceFile],
    config: &Config,
    cache: Option<&mut ParseCache>,
) -> Vec<Parsed> {
    let Some(cache) = cache else {
        return files.par_iter().map(|f| source::parse(f, config)).collect();
    };
    let config_hash = hash_of(serde_yaml::to_string(config).unwrap_or_default());
    if cache.config != config_hash {
        cache.entries.clear();
        cache.config = config_hash;
    }
    let entries = &cache.entries;
    let results: Vec<(Option<u64>, Parsed)> = files
        .par_iter()
        .map(|file| match source::read(file) {
            Ok(bytes) => {
                let hash = hash_of(&bytes);
                match entries.get(&file.path) {
                    Some((known, parsed)) if *known == hash => (Some(hash), parsed.clone()),
                    _ => (Some(hash), source::parse_bytes(file, bytes, config)),
                }
            }
            Err(problem) => (None, Parsed::failed(problem)),
        })
        .collect();
    cache.entries.clear();
    let mut parsed = Vec::with_capacity(results.len());
    for (file, (hash, result)) in files.iter().zip(results) {
        if let Some(hash) = hash {
            cache
                .entries
                .insert(file.path.clone(), (hash, result.clone()));
        }
        parsed.push(result);
    }
    parsed
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
            title(&parse_all(&files, &config, Some(&mut cache))),
            "First"
        );
        assert_eq!(cache.entries.len(), 1);
        // Same length, same second: only the bytes tell the edit apart.
        std::fs::write(&path, "---\ntitle: Fixed\n---\nBody\n").unwrap();
        assert_eq!(
            title(&parse_all(&files, &config, Some(&mut cache))),
            "Fixed"
        );
        let stricter = Config::parse("title: Hub\nbase_url: https://example.org/\nallow_html: true\naudiences:\n  - {id: mentor, label: Mentors}\n").unwrap();
        parse_all(&files, &stricter, Some(&mut cache));
        assert_eq!(
            cache.config,
            hash_of(serde_yaml::to_string(&stricter).unwrap())
        );
    }
}
