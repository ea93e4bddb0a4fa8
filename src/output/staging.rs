//! Replacing an output folder whole: a new one written beside it, swapped in by
//! renames once complete, one build at a time.
//!
//! In: the output folder's path and [`OutputFile`]s. Out: the new output in place, or
//! the previous one untouched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Contents, OutputFile, MARKER};
use crate::error::{Error, Result};

/// A new output being written beside the old one; [`Staging::finish`] swaps it in.
/// Dropped unfinished (a failed build), it is removed and the old output stays.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    dir: PathBuf,
    finished: bool,
    /// Held until the new output is in place or dropped; declared last so it is
    /// released after the staging folder is gone.
    _lock: OutputLock,
}

impl Staging {
    /// Prepares to replace `out`: refuses a folder that is not earlier output, and
    /// finishes or undoes what a killed build left.
    pub fn begin(out: &Path) -> Result<Staging> {
        let (parent, name) = split(out)?;
        fs::create_dir_all(&parent).map_err(|e| Error::io("create", &parent, e))?;
        // Two builds into one output would share the staging folder and swap each
        // other's halves in: the second waits until the first is done.
        let lock = OutputLock::acquire(&parent.join(format!(".{name}.guidepost-lock")), out)?;
        recover(&parent, &name)?;
        check_replaceable(out)?;
        let dir = parent.join(format!(".{name}.guidepost-new"));
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .map_err(|e| Error::io("remove the leftover folder", &dir, e))?;
        }
        fs::create_dir(&dir).map_err(|e| Error::io("create", &dir, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            parent,
            name,
            dir,
            finished: false,
            _lock: lock,
        })
    }

    /// Writes one file (from any thread); returns its size in bytes.
    pub fn write(&self, file: &OutputFile) -> Result<u64> {
        // Every path that reaches here was checked where it came from; this is the
        // last line of defence against one that would land outside the output.
        if !crate::routes::is_confined(&file.path) {
            return Err(Error::Refused {
                message: format!(
                    "refused to write `{}`: the path would not stay inside the output folder",
                    file.path
                ),
            });
        }
        let path = self.dir.join(&file.path);
        let attempt = || match &file.contents {
            Contents::Bytes(bytes) => {
                fs::write(&path, bytes.as_slice()).map(|_| bytes.len() as u64)
            }
            Contents::Copy(source) => fs::copy(source, &path),
        };
        let written = match attempt() {
            // The first file of a folder makes the folder.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match path.parent() {
                Some(dir) => fs::create_dir_all(dir).and_then(|_| attempt()),
                None => Err(e),
            },
            other => other,
        };
        written.map_err(|e| match &file.contents {
            Contents::Copy(source) if !source.exists() => Error::io("copy", source, e),
            _ => Error::io("write", &path, e),
        })
    }

    /// Marks the new output as ours and swaps it in for the old one.
    pub fn finish(mut self) -> Result<()> {
        write_file(
            &self.dir.join(MARKER),
            b"This folder is written by guidepost build and replaced by the next build.\n",
        )?;
        self.finished = true;
        let (out, staging) = (&self.out, &self.dir);
        let old = self.parent.join(format!(".{}.guidepost-old", self.name));
        if out.exists() && exchange(staging, out) {
            // The new output is in place in one step; the old one is now in `staging`.
            remove_tree(staging)
                .map_err(|e| Error::io("remove the previous output", staging, e))?;
            return Ok(());
        }
        if out.exists() {
            fs::rename(out, &old)
                .map_err(|e| Error::io("move aside the previous output", out, e))?;
        }
        if let Err(e) = fs::rename(staging, out) {
            let _ = fs::rename(&old, out);
            let _ = fs::remove_dir_all(staging);
            return Err(Error::io("move the new output into place", out, e));
        }
        if old.exists() {
            remove_tree(&old).map_err(|e| Error::io("remove the previous output", &old, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// An exclusive lock on a small file beside the output, held while a build replaces
/// it. The file is removed when the lock is let go, so no trace is left.
#[derive(Debug)]
struct OutputLock {
    path: PathBuf,
    file: fs::File,
}

impl OutputLock {
    fn acquire(path: &Path, out: &Path) -> Result<OutputLock> {
        let mut told = false;
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)
                .map_err(|e| Error::io("create the lock file", path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !told {
                        eprintln!(
                            "Waiting for another build into `{}` to finish…",
                            out.display()
                        );
                        told = true;
                    }
                    file.lock().map_err(|e| Error::io("lock", path, e))?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(Error::io("lock", path, e)),
            }
            // The build before us removes the file before letting go of it: a lock
            // taken on that removed file guards nothing, so take the new one.
            if is_same_file(&file, path) {
                return Ok(OutputLock {
                    path: path.to_path_buf(),
                    file,
                });
            }
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiting build never locks a file that a
        // third build could create afresh beside it.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn is_same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

// Windows refuses to remove a file another process holds open, so the path still
// names the locked file whenever it exists.
#[cfg(not(unix))]
fn is_same_file(_file: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// Swaps two folders in one atomic step where the system can (Linux 3.15+), so there
/// is no moment without an output folder. Returns false where it cannot; the caller
/// then moves the old output aside and the new one in.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call, and
    // renameat2 reads them only during it.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    result == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}

fn split(out: &Path) -> Result<(PathBuf, String)> {
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Refused {
            message: format!(
                "`{}` cannot be an output folder; name a folder such as `public`",
                out.display()
            ),
        })?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name.to_string()))
}

/// Finishes or undoes what a killed build left: an output moved aside but not replaced
/// is put back, and half-written folders are removed.
fn recover(parent: &Path, name: &str) -> Result<()> {
    let out = parent.join(name);
    let old = parent.join(format!(".{name}.guidepost-old"));
    if old.exists() {
        if out.exists() {
            fs::remove_dir_all(&old)
                .map_err(|e| Error::io("remove the leftover folder", &old, e))?;
        } else {
            fs::rename(&old, &out)
                .map_err(|e| Error::io("restore the previous output", &old, e))?;
        }
    }
    Ok(())
}

fn check_replaceable(out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Error::Refused {
            message: format!(
                "`{}` exists and is not a folder; choose another --out",
                out.display()
            ),
        });
    }
    let empty = fs::read_dir(out)
        .map_err(|e| Error::io("read", out, e))?
        .next()
        .is_none();
    if empty || out.join(MARKER).exists() {
        Ok(())
    } else {
        Err(Error::Refused {
            message: format!(
                "`{}` holds files that Guidepost did not write, so the build will not replace it; choose another --out, or empty that folder first",
                out.display()
            ),
        })
    }
}

/// Removes a folder tree on every core: a big hub's previous output has tens of
/// thousands of files in thousands of folders, and removing them one by one is a real
/// part of a build. A folder's files and subfolders go in parallel, then the folder.
/// Links are removed, never followed.
fn remove_tree(root: &Path) -> std::io::Result<()> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            folders.push(entry.path());
        } else {
            files.push(entry.path());
        }
    }
    let (files, folders) = rayon::join(
        || files.par_iter().try_for_each(fs::remove_file),
        || folders.par_iter().try_for_each(|f| remove_tree(f)),
    );
    files?;
    folders?;
    fs::remove_dir(root)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = fs::File::create(path).map_err(|e| Error::io("create", path, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io("write", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::write_atomic;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            contents: Contents::bytes(text.as_bytes()),
        }
    }

    #[test]
    fn replaces_previous_output_and_restores_after_a_kill() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_atomic(&out, &[file("a/index.html", "one")]).unwrap();
        write_atomic(&out, &[file("b/index.html", "two")]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "two");
        // A build killed between its two renames leaves the old output aside.
        fs::rename(&out, dir.path().join(".public.guidepost-old")).unwrap();
        fs::create_dir(dir.path().join(".public.guidepost-new")).unwrap();
        write_atomic(&out, &[file("c/index.html", "three")]).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("c/index.html")).unwrap(),
            "three"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"]);
    }

    #[cfg(unix)]
    #[test]
    fn removing_the_old_output_empties_every_folder_and_follows_no_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("keep");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("mine.txt"), "mine").unwrap();
        let old = dir.path().join("old");
        for n in 0..40 {
            let folder = old.join(format!("c{}/a{n}/deep", n % 3));
            fs::create_dir_all(&folder).unwrap();
            fs::write(folder.join("index.html"), "x").unwrap();
            fs::write(folder.parent().unwrap().join("index.html"), "y").unwrap();
        }
        std::os::unix::fs::symlink(&outside, old.join("c0/link")).unwrap();
        std::os::unix::fs::symlink(outside.join("mine.txt"), old.join("file-link")).unwrap();
        remove_tree(&old).unwrap();
        assert!(!old.exists());
        assert_eq!(
            fs::read_to_string(outside.join("mine.txt")).unwrap(),
            "mine"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn folders_are_exchanged_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("new.txt"), "new").unwrap();
        fs::write(b.join("old.txt"), "old").unwrap();
        assert!(exchange(&a, &b));
        assert!(b.join("new.txt").exists() && a.join("old.txt").exists());
        assert!(!exchange(&a, &dir.path().join("missing")));
    }

    #[test]
    fn refuses_to_replace_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = write_atomic(dir.path(), &[file("index.html", "x")]).unwrap_err();
        assert!(err.to_string().contains("did not write"), "{err}");
        assert!(dir.path().join("notes.txt").exists());
    }
}
