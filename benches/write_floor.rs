//! The other floor for any generator: writing what it makes. Reads every file of a
//! built site into memory (not timed), then times, on every core, what `guidepost
//! build` must do with those bytes: write them into a new folder, and remove the
//! previous copy once the new one is in place. `benches/scale.py` runs it on the
//! output of each build it times.
//!
//!     cargo run --release --example write_floor -- SITE
//!
//! Prints one line: `write SECONDS remove SECONDS`, each the median of 3 rounds.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let Some(site) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: write_floor SITE");
        std::process::exit(2);
    };
    let files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&site)
                .expect("inside the site")
                .to_path_buf();
            (rel, std::fs::read(e.path()).expect("readable output"))
        })
        .collect();
    let name = site.file_name().expect("a folder").to_string_lossy();
    let copy = |n: usize| site.with_file_name(format!(".{name}.write-floor-{n}"));
    write_all(&files, &copy(0));
    let (mut writes, mut removals) = (Vec::new(), Vec::new());
    for round in 1..=3 {
        let started = Instant::now();
        write_all(&files, &copy(round));
        writes.push(started.elapsed().as_secs_f64());
        let started = Instant::now();
        remove_all(&copy(round - 1));
        removals.push(started.elapsed().as_secs_f64());
    }
    remove_all(&copy(3));
    println!("write {:.4} remove {:.4}", median(writes), median(removals));
}

/// Writes every file under `root`, making each folder when its first file needs it,
/// as `guidepost build` does.
fn write_all(files: &[(PathBuf, Vec<u8>)], root: &Path) {
    files.par_iter().for_each(|(rel, bytes)| {
        let path = root.join(rel);
        if std::fs::write(&path, bytes).is_err() {
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            std::fs::write(&path, bytes).expect("a written file");
        }
    });
}

/// Removes the files under `root` on every core, then the folders, deepest first.
fn remove_all(root: &Path) {
    let (mut dirs, files): (Vec<_>, Vec<_>) = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| (e.file_type().is_dir(), e.into_path()))
        .partition(|(dir, _)| *dir);
    files.par_iter().for_each(|(_, path)| {
        std::fs::remove_file(path).expect("a removable file");
    });
    dirs.sort_by_key(|(_, path)| std::cmp::Reverse(path.components().count()));
    for (_, dir) in dirs {
        std::fs::remove_dir(&dir).expect("an empty folder");
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
