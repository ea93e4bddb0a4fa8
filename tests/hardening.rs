//! What a build may touch: nothing outside its output folder whatever the content
//! says, and one build at a time into one output, which is a whole build at every
//! moment.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use common::{build_ok, guidepost, hub, stderr, tree};

/// Every file under `root` except those under `skip`, with its bytes.
fn files_outside(root: &Path, skip: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(root)
        .into_iter()
        .filter(|(path, _)| !root.join(path).starts_with(skip))
        .collect()
}

#[test]
fn hostile_aliases_write_nothing_outside_the_output() {
    // The hub sits two folders down, so `../../` from its output lands in the sandbox.
    let sandbox = tempfile::tempdir().unwrap();
    let root = sandbox.path().join("a/b");
    fs::create_dir_all(&root).unwrap();
    common::copy_dir(hub("base").path(), &root);
    let out = build_ok(&root);
    let aliases = [
        "../../escaped",
        "/../../../escaped-too",
        "../../../../a/b/../../escaped-three",
        "/%2e%2e/%2e%2e/encoded",
        "..%2F..%2Fslashes",
        "..\\\\..\\\\backslashes",
        "/guide/../../../dots",
        "/",
        "/theme/style.css",
        "https://example.org/elsewhere",
    ];
    let list: String = aliases.iter().map(|a| format!("  - \"{a}\"\n")).collect();
    fs::write(
        root.join("content/guide/moved.md"),
        format!("---\ntitle: Moved\nsummary: Old addresses.\naliases:\n{list}---\nBody.\n"),
    )
    .unwrap();
    let before = files_outside(sandbox.path(), &out);
    let result = guidepost(&root, &["build"]);
    assert!(!result.status.success(), "the build accepted every alias");
    let messages = stderr(&result);
    for line in 5..5 + aliases.len() {
        assert!(
            messages.contains(&format!("content/guide/moved.md:{line}: the alias")),
            "no error for line {line}:\n{messages}"
        );
    }
    let after = files_outside(sandbox.path(), &out);
    let changed: Vec<&String> = after
        .keys()
        .chain(before.keys())
        .filter(|path| after.get(*path) != before.get(*path))
        .collect();
    assert!(
        changed.is_empty(),
        "the build wrote outside its output: {changed:?}"
    );
}

/// A hub big enough that a build takes a while, so two builds overlap.
fn busy_hub() -> tempfile::TempDir {
    let dir = hub("base");
    let body = "A paragraph of guidance about listening well. ".repeat(40);
    for n in 0..300 {
        fs::write(
            dir.path().join(format!("content/guide/page-{n}.md")),
            format!("---\ntitle: Page {n}\nsummary: One of many.\ntags: [t{}]\n---\n## Part\n\n{body}\n", n % 7),
        )
        .unwrap();
    }
    dir
}

#[test]
fn builds_into_one_output_take_turns_and_the_output_is_always_whole() {
    let dir = busy_hub();
    let out = build_ok(dir.path());
    let whole = tree(&out);
    let watching = AtomicBool::new(true);
    std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            let mut looks = 0;
            while watching.load(Ordering::Relaxed) {
                assert!(
                    out.join("index.html").is_file(),
                    "there was a moment without a home page"
                );
                looks += 1;
            }
            looks
        });
        for round in 0..4 {
            let builds: Vec<_> = (0..3)
                .map(|_| {
                    Command::new(env!("CARGO_BIN_EXE_guidepost"))
                        .arg("build")
                        .current_dir(dir.path())
                        .stderr(std::process::Stdio::piped())
                        .spawn()
                        .unwrap()
                })
                .collect();
            for build in builds {
                let result = build.wait_with_output().unwrap();
                assert!(
                    result.status.success(),
                    "round {round}: a build failed:\n{}",
                    stderr(&result)
                );
            }
            assert!(
                tree(&out) == whole,
                "round {round}: the output is not a whole build"
            );
        }
        watching.store(false, Ordering::Relaxed);
        assert!(watcher.join().unwrap() > 0);
    });
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("guidepost"))
        .collect();
    assert!(names.is_empty(), "left behind: {names:?}");
}

/// The `href` values of a page, HTML entities undone.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| {
            rest[..rest.find('"').unwrap()]
                .replace("&amp;", "&")
                .replace("&#39;", "'")
        })
        .collect()
}

#[test]
fn links_to_files_with_odd_names_reach_them_as_a_browser_reads_them() {
    let dir = hub("base");
    let files = dir.path().join("content/files");
    fs::create_dir_all(&files).unwrap();
    for name in [
        "a#b.pdf",
        "my file.pdf",
        "100%.pdf",
        "a?b.pdf",
        "c:notes.txt",
    ] {
        fs::write(files.join(name), name).unwrap();
    }
    fs::write(
        dir.path().join("content/guide/odd.md"),
        "---\ntitle: Odd names\nsummary: Links a browser must read right.\n---\n\
         [one](../files/a%23b.pdf) [two](<../files/my file.pdf>) [three](../files/my%20file.pdf)\n\
         [four](../files/100%.pdf) [five](../files/100%25.pdf) [six](../files/a%3Fb.pdf)\n\
         [seven](../files/c:notes.txt) [eight](../files/a%3Fb.pdf?download=1)\n\n\
         Write to <help@example.org>.\n\n## Café\n\n[back up](#caf%C3%A9) and [the agenda](first.md#agenda).\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    let html = common::read(&out, "guide/odd/index.html");
    let main = common::main_of(&html);
    let links = hrefs(&main);
    let page_dir = out.join("guide/odd");
    let mut reached = Vec::new();
    for href in links.iter().filter(|h| h.contains("files/")) {
        // What a server does with the path a browser sends: cut the query, decode.
        let path = href.split('?').next().unwrap();
        let decoded = guidepost::url::percent_decode_strict(path)
            .unwrap_or_else(|| panic!("{href} is not a valid escaped path"));
        let target = page_dir.join(&decoded);
        assert!(target.is_file(), "{href} does not reach a file ({decoded})");
        reached.push(fs::read_to_string(target).unwrap());
    }
    assert_eq!(
        reached,
        [
            "a#b.pdf",
            "my file.pdf",
            "my file.pdf",
            "100%.pdf",
            "100%.pdf",
            "a?b.pdf",
            "c:notes.txt",
            "a?b.pdf"
        ]
    );
    assert!(
        links.contains(&"mailto:help@example.org".to_string()),
        "{links:?}"
    );
    assert!(links.contains(&"#café".to_string()), "{links:?}");
    assert!(links.contains(&"../first/#agenda".to_string()), "{links:?}");
}

#[cfg(unix)]
#[test]
fn a_theme_file_linked_from_outside_the_hub_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "not for publishing").unwrap();
    let dir = hub("base");
    let statics = dir.path().join("themes/default/static");
    fs::create_dir_all(&statics).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), statics.join("notes.txt"))
        .unwrap();
    let result = guidepost(dir.path(), &["build"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains(
            "error: themes/default/static/notes.txt: this symbolic link points outside the hub"
        ),
        "{}",
        stderr(&result)
    );
    assert!(!dir.path().join("public").exists());
}
