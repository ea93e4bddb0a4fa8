//! Warnings `check` gives about pages that build but read badly: each is printed with
//! its file and line, does not fail a plain `check`, and fails `check --strict`.

mod common;

use std::fs;

use common::{guidepost, hub, stderr};

/// Writes `files` into a copy of the base hub and returns what `check` printed,
/// after checking that `check` passes and `check --strict` does not.
fn warnings_of(files: &[(&str, &str)]) -> String {
    let dir = hub("base");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let check = guidepost(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let strict = guidepost(dir.path(), &["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    stderr(&check)
}

#[test]
fn a_template_no_article_embeds_is_reported_wherever_it_lives() {
    let printed = warnings_of(&[(
        "content/guide/thank-you-note.md",
        "---\ntitle: Thank-you note\nsummary: A short note.\nlayout: template\n---\nThank you.\n",
    )]);
    assert!(
        printed.contains("warning: content/guide/thank-you-note.md:4: the template `thank-you-note` is not embedded in any article"),
        "{printed}"
    );
}

#[test]
fn an_faq_page_without_questions_is_reported() {
    let printed = warnings_of(&[(
        "content/faq/empty.md",
        "---\ntitle: Empty questions\nsummary: Nothing yet.\nlayout: faq\n---\nQuestions will follow.\n",
    )]);
    assert!(
        printed.contains("warning: content/faq/empty.md:4: this FAQ page has no questions"),
        "{printed}"
    );
}

#[test]
fn a_hash_heading_in_a_body_is_reported_as_a_second_title() {
    let printed = warnings_of(&[(
        "content/guide/doubled.md",
        "---\ntitle: Doubled title\nsummary: Written twice.\n---\n# Doubled title\n\nText.\n",
    )]);
    assert!(
        printed.contains("warning: content/guide/doubled.md:5: this `#` heading is a second title"),
        "{printed}"
    );
}

#[test]
fn a_page_without_front_matter_takes_its_title_from_its_heading() {
    let dir = hub("base");
    let page = dir.path().join("content/guide/from-mkdocs.md");
    fs::write(&page, "# Saying goodbye\n\nEnd on a good note.\n").unwrap();
    let check = guidepost(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let printed = stderr(&check);
    assert!(
        printed.contains("warning: content/guide/from-mkdocs.md:1: the page has no `title`, so its heading `# Saying goodbye` is used as the title\n  help: start the file with front matter that names the title, and remove the `# Saying goodbye` line:\n---\ntitle: Saying goodbye\n---\n"),
        "{printed}"
    );
    assert!(!printed.contains("second title"), "{printed}");
    let out = common::build_ok(dir.path());
    let html = common::read(&out, "guide/from-mkdocs/index.html");
    let main = common::main_of(&html);
    assert_eq!(main.matches("<h1").count(), 1, "{main}");
    assert!(main.contains(">Saying goodbye</h1>"), "{main}");
}

#[test]
fn a_heading_titles_a_page_whose_front_matter_has_no_title() {
    let printed = warnings_of(&[(
        "content/guide/titled-below.md",
        "---\nsummary: Front matter without a title.\n---\n\n# Meeting agendas\n\nText.\n",
    )]);
    assert!(
        printed.contains("warning: content/guide/titled-below.md:5: the page has no `title`, so its heading `# Meeting agendas` is used as the title\n  help: add `title: Meeting agendas` to the front matter and remove the `# Meeting agendas` line"),
        "{printed}"
    );
}

#[test]
fn a_missing_summary_points_at_an_empty_summary_line_when_there_is_one() {
    let printed = warnings_of(&[
        (
            "content/guide/empty-summary.md",
            "---\ntitle: Empty summary\nsummary:\n---\nText.\n",
        ),
        (
            "content/guide/no-summary.md",
            "---\ntitle: No summary\n---\nText.\n",
        ),
    ]);
    assert!(
        printed.contains("warning: content/guide/empty-summary.md:3: the page has no `summary`"),
        "{printed}"
    );
    assert!(
        printed.contains("warning: content/guide/no-summary.md:1: the page has no `summary`"),
        "{printed}"
    );
}
