//! The command line as a user meets it: exit codes, messages, `init`, `new`, `check`.

mod common;

use std::fs;

use common::{guidepost, hub, read, stderr, stdout};

#[test]
fn init_then_build_in_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let init = guidepost(dir.path(), &["init", "my-hub"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stdout(&init).contains("Created a hub with 10 files in my-hub."));
    let root = dir.path().join("my-hub");
    let check = guidepost(&root, &["check", "--strict"]);
    assert!(
        check.status.success(),
        "the starter hub is clean:\n{}",
        stderr(&check)
    );
    let build = guidepost(&root, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let summary = stdout(&build);
    assert!(
        summary.starts_with("Built 2 articles, 1 FAQ page, 1 template and "),
        "{summary}"
    );
    let welcome = read(&root.join("public"), "getting-started/welcome/index.html");
    assert!(welcome.contains("<h1>Welcome to the program</h1>"));
    assert!(welcome.contains(r#"class="template-embed""#));
    // A second init would overwrite the hub: refused.
    let again = guidepost(dir.path(), &["init", "my-hub"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already has hub.yaml"));
}

#[test]
fn new_article_and_template_are_ready_to_build() {
    let dir = hub("base");
    let article = guidepost(
        dir.path(),
        &[
            "new",
            "article",
            "closure/saying-goodbye",
            "--title",
            "Saying goodbye: a how-to",
        ],
    );
    assert!(article.status.success(), "{}", stderr(&article));
    assert_eq!(
        stdout(&article).trim(),
        "Created content/closure/_index.md for the new folder: give it a description there (listings show its title and description)\nCreated content/closure/saying-goodbye.md"
    );
    let text = fs::read_to_string(dir.path().join("content/closure/saying-goodbye.md")).unwrap();
    assert!(
        text.starts_with("---\ntitle: 'Saying goodbye: a how-to'\n"),
        "{text}"
    );
    let template = guidepost(dir.path(), &["new", "template", "thank-you-note"]);
    assert!(template.status.success(), "{}", stderr(&template));
    assert!(dir
        .path()
        .join("content/templates/thank-you-note.md")
        .is_file());
    // A new template is found in the library only, until an article embeds it.
    let check = guidepost(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // The opening sentence and the empty heading `new` writes are for the author to
    // write over, not for readers.
    for warning in [
        "content/templates/thank-you-note.md:4: the template `thank-you-note` is not embedded in any article",
        "content/closure/saying-goodbye.md:8: this is the sentence `guidepost new` wrote for you to replace: readers would see it",
        "content/closure/saying-goodbye.md:10: this heading has nothing under it: readers would see a heading and no text",
    ] {
        assert!(
            stderr(&check).contains(&format!("warning: {warning}")),
            "{}",
            stderr(&check)
        );
    }
    let article = dir.path().join("content/closure/saying-goodbye.md");
    let text = fs::read_to_string(&article).unwrap().replace(
        "Start with a sentence or two that says who this page is for and what it helps with.",
        "How to say goodbye well.",
    );
    fs::write(
        &article,
        format!("{text}\n```template\nthank-you-note\n```\n"),
    )
    .unwrap();
    // A printed worksheet may leave room under a heading: templates are not warned.
    let template = dir.path().join("content/templates/thank-you-note.md");
    let text = fs::read_to_string(&template).unwrap();
    fs::write(&template, format!("{text}\n## Notes\n")).unwrap();
    // Nor a folder's introduction, whose last heading may stand over its list of pages.
    let folder = dir.path().join("content/closure/_index.md");
    let text = fs::read_to_string(&folder).unwrap();
    fs::write(
        &folder,
        format!("{text}Every page on ending well.\n\n## The pages\n"),
    )
    .unwrap();
    let embedded = guidepost(dir.path(), &["check"]);
    assert!(embedded.status.success(), "{}", stderr(&embedded));
    for gone in [
        "`thank-you-note` is not embedded",
        "nothing under it",
        "wrote for you to replace",
    ] {
        assert!(!stderr(&embedded).contains(gone), "{}", stderr(&embedded));
    }
    let duplicate = guidepost(dir.path(), &["new", "article", "closure/saying-goodbye"]);
    assert!(!duplicate.status.success());
    assert!(stderr(&duplicate).contains("`content/closure/saying-goodbye.md` already exists"));
    let bad = guidepost(dir.path(), &["new", "article", "../outside"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("is not a page path"));
}

#[test]
fn check_strict_fails_on_warnings() {
    let dir = hub("base");
    fs::write(
        dir.path().join("content/guide/old.md"),
        "---\ntitle: Old page\nsummary: Needs a look.\nreview_by: 2020-01-01\n---\nText.\n",
    )
    .unwrap();
    let relaxed = guidepost(dir.path(), &["check"]);
    assert!(relaxed.status.success());
    assert!(stderr(&relaxed)
        .contains("warning: content/guide/old.md:4: due for review since 2020-01-01"));
    assert!(stdout(&relaxed).contains("No errors; 1 warning."));
    let strict = guidepost(dir.path(), &["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("check failed: 1 warning (--strict treats warnings as errors)")
    );
}

#[test]
fn check_writes_nothing() {
    let dir = hub("base");
    let check = guidepost(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(stdout(&check).trim(), "No problems found.");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn build_refuses_to_replace_a_folder_it_did_not_write() {
    let dir = hub("base");
    fs::create_dir(dir.path().join("notes")).unwrap();
    fs::write(dir.path().join("notes/todo.txt"), "my own file").unwrap();
    let build = guidepost(dir.path(), &["build", "--out", "notes"]);
    assert_eq!(build.status.code(), Some(1));
    assert!(
        stderr(&build).contains("holds files that Guidepost did not write"),
        "{}",
        stderr(&build)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("notes/todo.txt")).unwrap(),
        "my own file"
    );
    let into_hub = guidepost(dir.path(), &["build", "--out", "."]);
    assert!(!into_hub.status.success());
    assert!(
        stderr(&into_hub).contains("would delete your content"),
        "{}",
        stderr(&into_hub)
    );
}

#[test]
fn a_leftover_folder_from_a_killed_build_is_cleaned_up() {
    let dir = hub("base");
    fs::create_dir(dir.path().join(".public.guidepost-new")).unwrap();
    fs::write(
        dir.path().join(".public.guidepost-new/half.html"),
        "half written",
    )
    .unwrap();
    let build = guidepost(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(!dir.path().join(".public.guidepost-new").exists());
    assert!(dir.path().join("public/index.html").is_file());
}

#[test]
fn help_explains_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(&guidepost(dir.path(), &["--help"]));
    for command in ["init", "build", "check", "new"] {
        assert!(
            help.contains(&format!("  {command} ")),
            "{command} missing from --help:\n{help}"
        );
    }
    let build_help = stdout(&guidepost(dir.path(), &["build", "--help"]));
    for flag in ["--root", "--out", "--drafts", "--base-url"] {
        assert!(build_help.contains(flag), "{flag} missing:\n{build_help}");
    }
    let unknown = guidepost(dir.path(), &["biuld"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("build"),
        "clap suggests the right command"
    );
}

#[test]
fn build_outside_a_hub_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let build = guidepost(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(1));
    let messages = stderr(&build);
    assert!(
        messages.contains("error: hub.yaml: no hub.yaml in `.`"),
        "{messages}"
    );
    assert!(messages.contains("run `guidepost init`"));
}

#[cfg(unix)]
#[test]
fn symbolic_links_that_loop_or_leave_the_hub_are_refused() {
    let dir = hub("base");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "private").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        dir.path().join("content/assets/secret.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("content/elsewhere")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("content/guide"),
        dir.path().join("content/guide/again"),
    )
    .unwrap();
    // A file that cannot be read (here: a link to nothing) is named with the reason.
    std::os::unix::fs::symlink(
        outside.path().join("gone.md"),
        dir.path().join("content/guide/gone.md"),
    )
    .unwrap();
    // A link that stays inside the hub is fine.
    std::os::unix::fs::symlink(
        dir.path().join("content/assets/map.txt"),
        dir.path().join("content/assets/map-copy.txt"),
    )
    .unwrap();
    let build = guidepost(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(1));
    let messages = stderr(&build);
    assert!(
        messages.contains(
            "error: content/assets/secret.txt: this symbolic link points outside the hub"
        ),
        "{messages}"
    );
    assert!(
        messages.contains("error: content/elsewhere: this symbolic link points outside the hub"),
        "{messages}"
    );
    assert!(messages.contains("error: content/guide/again: this symbolic link loops back to a folder that contains it"), "{messages}");
    assert!(
        messages.contains("error: content/guide/gone.md: cannot read: No such file or directory"),
        "{messages}"
    );
    assert!(!messages.contains("map-copy"), "{messages}");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn raw_html_is_shown_as_text_unless_allowed_and_check_says_so() {
    let dir = hub("base");
    fs::write(
        dir.path().join("content/guide/html.md"),
        "---\ntitle: HTML\nsummary: x\n---\nHello <marquee>there</marquee>.\n\n<div>one</div>\n\nand <b>two</b>\n",
    )
    .unwrap();
    let check = guidepost(dir.path(), &["check"]);
    assert!(check.status.success());
    // One warning per file, however many lines hold HTML.
    assert!(
        stderr(&check)
            .contains("warning: content/guide/html.md:5: raw HTML is shown as text on 3 lines"),
        "{}",
        stderr(&check)
    );
    assert_eq!(stderr(&check).matches("raw HTML").count(), 1);
    assert_eq!(
        guidepost(dir.path(), &["check", "--strict"]).status.code(),
        Some(1)
    );
    let out = common::build_ok(dir.path());
    assert!(
        read(&out, "guide/html/index.html").contains("Hello &lt;marquee&gt;there&lt;/marquee&gt;.")
    );
    let config = dir.path().join("hub.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}allow_html: true\n")).unwrap();
    let allowed = guidepost(dir.path(), &["check", "--strict"]);
    assert!(allowed.status.success(), "{}", stderr(&allowed));
    let out = common::build_ok(dir.path());
    assert!(read(&out, "guide/html/index.html").contains("Hello <marquee>there</marquee>."));
}

#[test]
fn a_base_url_given_on_the_command_line_is_checked_like_hub_yaml() {
    let dir = hub("base");
    let out = common::build_ok(dir.path());
    let before = common::tree(&out);
    for bad in [
        "javascript:alert(1)//",
        "data:text/html,x",
        "example.org",
        "https://",
    ] {
        let result = guidepost(dir.path(), &["build", "--base-url", bad]);
        assert_eq!(result.status.code(), Some(1), "{bad} was accepted");
        assert!(
            stderr(&result).contains("--base-url: `base_url` must be an absolute http(s) URL"),
            "{bad}: {}",
            stderr(&result)
        );
    }
    assert!(
        common::tree(&out) == before,
        "a refused base URL changed the output"
    );
    let result = guidepost(
        dir.path(),
        &["build", "--base-url", "https://mirror.example.org/hub"],
    );
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(read(&out, "index.html").contains("href=\"https://mirror.example.org/hub/\""));
}
