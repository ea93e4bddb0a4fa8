//! Every case under `tests/fixtures/bad/` breaks the `base` hub in one way. Each must
//! fail `check` and `build` with the exact messages in its `_expected` file (file, line,
//! what is wrong, how to fix it), never panic, and leave the previous output untouched.
//!
//! A case folder holds files that replace or add to the base hub, an optional `_delete`
//! listing paths to remove, and `_expected`. `<hub>` in `_expected` stands for the hub's folder.

mod common;

use std::fs;
use std::path::Path;

use common::{build_ok, copy_dir, fixtures, guidepost, hub, stderr, tree};

fn apply_case(case: &Path, root: &Path) {
    if let Ok(list) = fs::read_to_string(case.join("_delete")) {
        for path in list.lines().filter(|l| !l.trim().is_empty()) {
            let target = root.join(path.trim());
            if target.is_dir() {
                fs::remove_dir_all(&target).unwrap();
            } else {
                fs::remove_file(&target).unwrap();
            }
        }
    }
    let overlay = tempfile::tempdir().unwrap();
    copy_dir(case, overlay.path());
    for name in ["_delete", "_expected"] {
        let _ = fs::remove_file(overlay.path().join(name));
    }
    copy_dir(overlay.path(), root);
}

#[test]
fn every_bad_input_fails_clearly_and_keeps_the_previous_output() {
    let cases: Vec<_> = fs::read_dir(fixtures().join("bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert!(cases.len() >= 25, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let dir = hub("base");
        let out = build_ok(dir.path());
        let before = tree(&out);
        apply_case(case, dir.path());
        let expected = fs::read_to_string(case.join("_expected"))
            .unwrap_or_else(|_| panic!("{name} has no _expected"));
        let hub_path = dir.path().display().to_string();
        for command in ["check", "build"] {
            let result = guidepost(dir.path(), &[command]);
            let messages = stderr(&result)
                .replace(&format!("`{hub_path}`"), "`<hub>`")
                .replace("`.`", "`<hub>`");
            if result.status.success() {
                failures.push(format!("{name}: `{command}` succeeded"));
            }
            if messages.contains("panicked") {
                failures.push(format!("{name}: `{command}` panicked:\n{messages}"));
            }
            for line in expected.lines() {
                if !messages.lines().any(|m| m == line) {
                    failures.push(format!(
                        "{name}: `{command}` did not print\n  {line}\nit printed:\n{messages}"
                    ));
                }
            }
        }
        let leftovers: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("guidepost-"))
            .collect();
        if !leftovers.is_empty() {
            failures.push(format!(
                "{name}: the failed build left {leftovers:?} behind"
            ));
        }
        if tree(&out) != before {
            failures.push(format!(
                "{name}: the failed build changed the previous output"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
