//! A build killed at any moment (SIGKILL) leaves either the old output or the new
//! one, never a mix, and the next build clears what the killed one left behind.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{hub, tree};

/// Writes `count` articles whose text depends on `version`.
fn write_articles(root: &Path, count: usize, version: &str) {
    let folder = root.join("content/many");
    fs::create_dir_all(&folder).unwrap();
    for n in 0..count {
        let body = format!(
            "Version {version} of page {n}.\n\n## Part one\n\n{}\n",
            "Some words to render. ".repeat(40)
        );
        fs::write(
            folder.join(format!("page-{n:04}.md")),
            format!(
                "---\ntitle: Page {n} ({version})\nsummary: Page {n}.\ntags: [t{}]\n---\n{body}",
                n % 9
            ),
        )
        .unwrap();
    }
}

fn build(root: &Path, out: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_guidepost"))
        .args(["build", "--out", out])
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

fn expected(root: &Path, version: &str, count: usize) -> BTreeMap<String, Vec<u8>> {
    write_articles(root, count, version);
    let name = format!("expected-{version}");
    assert!(build(root, &name).wait().unwrap().success());
    tree(&root.join(name))
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_old_output_or_the_new_one() {
    let dir = hub("base");
    let root = dir.path();
    let count = 600;
    let old = expected(root, "old", count);
    let new = expected(root, "new", count);
    assert_ne!(old, new);
    // Time one whole build, to spread the kills across it.
    write_articles(root, count, "old");
    let started = Instant::now();
    assert!(build(root, "public").wait().unwrap().success());
    let whole = started.elapsed();
    let mut outcomes = BTreeMap::new();
    for attempt in 0..12u32 {
        let version = if attempt % 2 == 0 { "new" } else { "old" };
        write_articles(root, count, version);
        let mut child = build(root, "public");
        std::thread::sleep(whole.mul_f64(f64::from(attempt) / 10.0) + Duration::from_millis(2));
        let _ = child.kill();
        let _ = child.wait();
        let out = root.join("public");
        let found = if out.exists() {
            tree(&out)
        } else {
            BTreeMap::new()
        };
        let which = if found == old {
            "old"
        } else if found == new {
            "new"
        } else if !out.exists() && root.join(".public.guidepost-old").exists() {
            // Killed between the two renames: the next build puts the old output back.
            "between"
        } else {
            panic!(
                "attempt {attempt}: the output is a mix of two builds ({} files)",
                found.len()
            );
        };
        *outcomes.entry(which).or_insert(0) += 1;
    }
    // The next build finishes the job and leaves nothing behind.
    write_articles(root, count, "new");
    assert!(build(root, "public").wait().unwrap().success());
    assert_eq!(tree(&root.join("public")), new);
    let leftovers: Vec<String> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("guidepost-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "leftover folders: {leftovers:?} after {outcomes:?}"
    );
}
