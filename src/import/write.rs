//! Writing an import into the hub all at once. In: the hub folder and every file the
//! import makes. Out: the files in place, or nothing changed: all are written into a
//! staging folder first, then moved in; a failure moves back what it had replaced.

use std::fs;
use std::path::{Path, PathBuf};

use crate::import::error::ImportError;

/// What goes into one file.
#[derive(Debug, Clone)]
pub enum Data {
    Text(String),
    Bytes(Vec<u8>),
    /// A file of the source, copied as it is.
    Copy(PathBuf),
}

/// One file the import writes, relative to the hub folder.
#[derive(Debug, Clone)]
pub struct Planned {
    pub rel: String,
    pub data: Data,
    /// Written even when it exists (the report of an earlier import).
    pub replace: bool,
}

/// The files that already exist and would be replaced, relative to `into`.
pub fn conflicts(into: &Path, files: &[Planned]) -> Vec<String> {
    files
        .iter()
        .filter(|f| !f.replace && into.join(&f.rel).exists())
        .map(|f| f.rel.clone())
        .collect()
}

/// Writes `files` into `into`; refuses to replace any unless `force`.
pub fn apply(into: &Path, files: &[Planned], force: bool) -> Result<(), ImportError> {
    let existing = conflicts(into, files);
    if !existing.is_empty() && !force {
        return Err(ImportError::Exists { paths: existing });
    }
    let created = !into.exists();
    fs::create_dir_all(into).map_err(|e| ImportError::io("create", into, e))?;
    let staging = into.join(format!(".guidepost-import-{}", std::process::id()));
    let result = stage(&staging, files).and_then(|()| move_in(into, &staging, files));
    let _ = fs::remove_dir_all(&staging);
    if result.is_err() && created {
        let _ = fs::remove_dir_all(into);
    }
    result
}

fn stage(staging: &Path, files: &[Planned]) -> Result<(), ImportError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(|e| ImportError::io("remove", staging, e))?;
    }
    for file in files {
        let target = staging.join(&file.rel);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| ImportError::io("create", dir, e))?;
        }
        match &file.data {
            Data::Text(text) => {
                fs::write(&target, text).map_err(|e| ImportError::io("write", &target, e))?
            }
            Data::Bytes(bytes) => {
                fs::write(&target, bytes).map_err(|e| ImportError::io("write", &target, e))?
            }
            Data::Copy(from) => {
                fs::copy(from, &target).map_err(|e| ImportError::io("copy", from, e))?;
            }
        }
    }
    Ok(())
}

/// Moves the staged files into place; on a failure puts back what it had moved.
fn move_in(into: &Path, staging: &Path, files: &[Planned]) -> Result<(), ImportError> {
    let backups = staging.join(".replaced");
    let mut done: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    let mut step = |file: &Planned| -> Result<(), ImportError> {
        let target = into.join(&file.rel);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| ImportError::io("create", dir, e))?;
        }
        let backup = if target.exists() {
            let backup = backups.join(&file.rel);
            if let Some(dir) = backup.parent() {
                fs::create_dir_all(dir).map_err(|e| ImportError::io("create", dir, e))?;
            }
            fs::rename(&target, &backup).map_err(|e| ImportError::io("move aside", &target, e))?;
            Some(backup)
        } else {
            None
        };
        let staged = staging.join(&file.rel);
        if let Err(e) = fs::rename(&staged, &target) {
            if let Some(backup) = &backup {
                let _ = fs::rename(backup, &target);
            }
            return Err(ImportError::io("move into place", &target, e));
        }
        done.push((target, backup));
        Ok(())
    };
    let result = files.iter().try_for_each(&mut step);
    if result.is_err() {
        for (target, backup) in done.into_iter().rev() {
            let _ = fs::remove_file(&target);
            if let Some(backup) = backup {
                let _ = fs::rename(backup, &target);
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(rel: &str, text: &str) -> Planned {
        Planned {
            rel: rel.to_string(),
            data: Data::Text(text.to_string()),
            replace: false,
        }
    }

    #[test]
    fn refuses_to_replace_unless_forced_and_leaves_no_staging() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("content/a.md"), "old").unwrap();
        let files = [
            planned("content/a.md", "new"),
            planned("content/b/c.md", "c"),
        ];
        let err = apply(dir.path(), &files, false).unwrap_err();
        assert!(matches!(&err, ImportError::Exists { paths } if paths == &["content/a.md"]));
        assert!(!dir.path().join("content/b").exists(), "nothing written");
        apply(dir.path(), &files, true).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("content/a.md")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folder left"
        );
    }

    #[test]
    fn a_failed_copy_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let into = dir.path().join("hub");
        let files = [
            planned("content/a.md", "a"),
            Planned {
                rel: "content/assets/x.png".to_string(),
                data: Data::Copy(dir.path().join("missing.png")),
                replace: false,
            },
        ];
        let err = apply(&into, &files, false).unwrap_err();
        assert!(err.to_string().contains("missing.png"), "{err}");
        assert!(!into.exists());
    }
}
