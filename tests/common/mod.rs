//! Helpers shared by the integration tests: fixture hubs copied to temporary folders,
//! the real binary, and reading output.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder of fixture hubs.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies the fixture hub `name` into a new temporary folder and returns it.
pub fn hub(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixtures().join(name), dir.path());
    dir
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture readable");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the `guidepost` binary with `args` in `dir`.
pub fn guidepost(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guidepost"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Builds `root` into `root/public` and panics with the messages if it fails.
pub fn build_ok(root: &Path) -> PathBuf {
    let out = guidepost(root, &["build"]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    root.join("public")
}

/// Reads an output file as text.
pub fn read(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// The `<main>` element of a page: what a snapshot compares.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page closes </main>") + "</main>".len();
    html[start..end].to_string()
}

/// Every file of a tree with its bytes, for comparing whole outputs.
pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Compares `actual` with the snapshot file `name`; `UPDATE_SNAPSHOTS=1` rewrites it.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no snapshot {name}; run with UPDATE_SNAPSHOTS=1 to create it"));
    assert_eq!(
        expected, actual,
        "snapshot {name} differs; if the change is intended, rerun with UPDATE_SNAPSHOTS=1"
    );
}

/// The files of a ZIP archive (such as a .docx) by name, inflated.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
    let u32_at = |i: usize| {
        u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize
    };
    let end = bytes.len() - 22;
    assert_eq!(
        &bytes[end..end + 4],
        b"PK\x05\x06",
        "end of central directory"
    );
    let (count, mut at) = (u16_at(end + 10), u32_at(end + 16));
    let mut files = BTreeMap::new();
    for _ in 0..count {
        assert_eq!(&bytes[at..at + 4], b"PK\x01\x02");
        let (method, compressed, name_len, offset) = (
            u16_at(at + 10),
            u32_at(at + 20),
            u16_at(at + 28),
            u32_at(at + 42),
        );
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        let data_at = offset + 30 + u16_at(offset + 26) + u16_at(offset + 28);
        let data = &bytes[data_at..data_at + compressed];
        let inflated = match method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(data).expect("valid deflate data"),
            other => panic!("unexpected method {other}"),
        };
        files.insert(name, String::from_utf8(inflated).unwrap());
        at += 46 + name_len + u16_at(at + 30) + u16_at(at + 32);
    }
    files
}
