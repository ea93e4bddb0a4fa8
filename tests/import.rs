//! `guidepost import`: sites of four generators and Word documents imported into hubs
//! that pass `check --strict`, with the report's important lines, the Markdown
//! compared with expected files, and the source left as it was.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{build_ok, fixtures, guidepost, read, stderr, stdout, tree};

/// Imports the fixture site `name` into a new hub in a temporary folder; the import
/// and `check --strict` on the result must both succeed.
fn import_site(name: &str) -> (tempfile::TempDir, PathBuf, String) {
    let source = fixtures().join("import").join(name);
    let before = tree(&source);
    let dir = tempfile::tempdir().unwrap();
    let hub = dir.path().join("hub");
    let out = guidepost(
        dir.path(),
        &["import", source.to_str().unwrap(), "--into", "hub"],
    );
    assert!(
        out.status.success(),
        "import failed:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).ends_with("Checking the hub:\nNo problems found.\n"),
        "{}",
        stdout(&out)
    );
    assert_eq!(tree(&source), before, "the source is unchanged");
    let strict = guidepost(&hub, &["check", "--strict"]);
    assert!(
        strict.status.success(),
        "check --strict failed:\n{}",
        stderr(&strict)
    );
    let report = fs::read_to_string(hub.join("import-report.md")).unwrap();
    assert!(
        stdout(&out).starts_with(&report),
        "the printed report is the written one"
    );
    (dir, hub, report)
}

/// Asserts the report holds each line exactly.
fn assert_lines(report: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            report.lines().any(|l| l == *line),
            "missing line:\n{line}\nin report:\n{report}"
        );
    }
}

/// Compares an imported file with `tests/fixtures/import/expected/<path>`;
/// `UPDATE_SNAPSHOTS=1` rewrites the expected file.
fn assert_expected(hub: &Path, rel: &str, expected: &str) {
    let actual = read(hub, rel);
    let path = fixtures().join("import/expected").join(expected);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &actual).unwrap();
        return;
    }
    let wanted = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no expected file {expected}; run with UPDATE_SNAPSHOTS=1"));
    assert_eq!(actual, wanted, "{rel} differs from {expected}");
}

#[test]
fn hugo_site_with_toml_and_yaml_shortcodes_refs_and_images() {
    let (_dir, hub, report) = import_site("hugo");
    assert_lines(&report, &[
        "Imported the Hugo site `hugo` (found hugo.toml).",
        "Wrote 4 pages, 2 folder pages and copied 3 files into content/assets/.",
        "- mapped: `lastmod` → `updated: 2024-03-15`",
        "- kept out: `date`, `toc`, `params` (no such key in a hub)",
        "- mapped: line 21: `{{% notice tip %}}` → a `[!TIP]` callout",
        "- **needs a person** (line 25): the shortcode `{{< youtube w7Ft2ymGmfc >}}` was removed (a hub has no shortcodes); add what it showed by hand",
        "- mapped: link `{{< ref \"closing.md#saying-goodbye\" >}}` → `closing.md#saying-goodbye`",
        "- **needs a person** (line 29): the image `/images/missing.png` was not found in the source; it was left out",
        "- **needs a person** (line 12): a block of raw HTML (`<div>`) was turned into plain Markdown; check that it reads right",
        "- mapped: the heading `# Frequently asked questions` (line 4) → `title`",
        "- `content/guides/listening/diagram.png` → `content/assets/guides/listening/diagram.png`",
    ]);
    assert_expected(
        &hub,
        "content/guides/first-meeting.md",
        "hugo/first-meeting.md",
    );
    assert_expected(&hub, "content/guides/closing.md", "hugo/closing.md");
    assert_expected(&hub, "content/guides/_index.md", "hugo/guides-index.md");
    assert!(hub.join("content/assets/images/agenda.png").is_file());
    let settings = read(&hub, "hub.yaml");
    assert!(
        settings.contains("title: Mentor Guides\n") && !settings.contains("start_here"),
        "{settings}"
    );
}

#[test]
fn jekyll_site_with_permalinks_liquid_links_and_html_links() {
    let (_dir, hub, report) = import_site("jekyll");
    assert_lines(&report, &[
        "Not imported: `NOTES.md` (no front matter, so Jekyll publishes them as plain files, not pages).",
        "- mapped: link `{% post_url 2024-02-10-the-first-month %}` → `posts/the-first-month.md`",
        "- mapped: link `/mentoring/guides/` → `guides/_index.md`",
        "- kept out: alias `/checklist.html?old=1`: the alias `/checklist.html?old=1` has `?`; a static host finds a page by its path alone",
        "- **needs a person** (line 20): the Liquid value `{{ page.author }}` was removed; write what it showed by hand",
        "- **needs a person** (line 20): the link `old-list.html` leads to no page or file of the site; its text was kept without the link",
        "- mapped: the old address `/stories/2024/02/10/the-first-month.html` kept as an alias (it redirects here)",
        "- mapped: the old address `/guides/checklist.html` kept as an alias (it redirects here)",
        "- mapped: line 12: `{% highlight text %}` → a fenced code block",
    ]);
    assert_expected(
        &hub,
        "content/posts/the-first-month.md",
        "jekyll/the-first-month.md",
    );
    assert_expected(&hub, "content/guides/checklist.md", "jekyll/checklist.md");
    assert!(
        !hub.join("content/readme.md").exists(),
        "the repository's README is not a page"
    );
}

#[test]
fn mkdocs_site_with_nav_admonitions_and_pages_without_front_matter() {
    let (_dir, hub, report) = import_site("mkdocs");
    assert_lines(&report, &[
        "Imported the MkDocs site `mkdocs` (found mkdocs.yml).",
        "Nothing needs a person's look.",
        "- mapped: title from mkdocs.yml `nav`",
        "- mapped: line 5: `!!! tip \"Keep it simple\"` → a `[!TIP]` callout",
        "- mapped: link `../closure/last-meeting.md#the-agenda` → `../closure/last-meeting.md#the-agenda`",
        "- mapped: the heading `# Mentor Handbook` (line 1) → `title`",
    ]);
    assert_expected(
        &hub,
        "content/getting-started/first-steps.md",
        "mkdocs/first-steps.md",
    );
    assert_expected(&hub, "content/closure/after.md", "mkdocs/after.md");
    assert_expected(&hub, "content/closure/_index.md", "mkdocs/closure-index.md");
}

#[test]
fn docusaurus_docs_with_categories_ids_and_mdx() {
    let (_dir, hub, report) = import_site("docusaurus");
    assert_lines(&report, &[
        "Only the docs/ folder was imported: a Docusaurus blog and its React pages are not guidance pages.",
        "- mapped: title from docs/01-guides/_category_.json",
        "- mapped: `last_update` → `updated: 2024-05-01`",
        "- mapped: link `check-ins` → `check-ins.md`",
        "- mapped: link `/docs/guides/check-ins` → `guides/check-ins.md`",
        "- kept out: line 4: the MDX line `import Tabs from '@theme/Tabs';`",
        "- **needs a person** (line 14): the link `making-plans#good-plans` points to `#good-plans`, a heading `guides/making-plans.md` does not have; it now leads to the top of the page",
    ]);
    assert_expected(
        &hub,
        "content/guides/making-plans.md",
        "docusaurus/making-plans.md",
    );
    assert_expected(
        &hub,
        "content/guides/_index.md",
        "docusaurus/guides-index.md",
    );
    assert!(!hub.join("content/blog").exists());
}

#[test]
fn an_imported_hub_builds_into_pages_that_read_right() {
    let (_dir, hub, _) = import_site("hugo");
    let out = build_ok(&hub);
    let page = common::main_of(&read(&out, "guides/first-meeting/index.html"));
    assert!(
        page.contains("<h1>Your first meeting</h1>") || page.contains(">Your first meeting</h1>"),
        "{page}"
    );
    assert!(
        page.contains("class=\"callout"),
        "the notice became a callout: {page}"
    );
    assert!(
        page.contains("src=\"../../assets/images/agenda.png\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"../closing/#saying-goodbye\""),
        "{page}"
    );
    assert!(
        !page.contains("{{&lt;") && !page.contains("{{<"),
        "no shortcode is left: {page}"
    );
    let faq = common::main_of(&read(&out, "faq/index.html"));
    assert_eq!(faq.matches("<h1").count(), 1, "one title: {faq}");
}

#[test]
fn importing_into_an_existing_hub_keeps_its_pages_and_refuses_to_overwrite() {
    let dir = common::hub("base");
    let source = fixtures().join("import/hugo");
    let args = ["import", source.to_str().unwrap()];
    let first = guidepost(dir.path(), &args);
    assert!(
        first.status.success(),
        "{}{}",
        stdout(&first),
        stderr(&first)
    );
    assert_eq!(
        read(dir.path(), "content/_index.md"),
        fs::read_to_string(fixtures().join("base/content/_index.md")).unwrap(),
        "the hub's home page is kept"
    );
    assert!(stdout(&first).contains("- mapped: the site's home page became `content/welcome.md` (the hub keeps its own home page)"), "{}", stdout(&first));
    let before = tree(&dir.path().join("content"));
    let again = guidepost(dir.path(), &args);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains(" already exist:\n")
            && stderr(&again).contains("\n  content/guides/closing.md\n"),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("pass --force to replace them"),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).ends_with("Nothing was written.\n"),
        "{}",
        stderr(&again)
    );
    assert_eq!(tree(&dir.path().join("content")), before, "nothing changed");
    assert!(stdout(&first).contains("- **needs a person**: written as `content/faq-2.md` because the hub already has the folder `content/faq/`, which has the same address"), "{}", stdout(&first));
    fs::write(dir.path().join("content/faq-2.md"), "edited").unwrap();
    let forced = guidepost(dir.path(), &["import", source.to_str().unwrap(), "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(read(dir.path(), "content/faq-2.md")
        .starts_with("---\ntitle: Frequently asked questions\n"));
}

#[test]
fn unreadable_sources_fail_with_the_file_and_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&fixtures().join("import/hugo"), &site);
    fs::write(
        site.join("content/broken.md"),
        "+++\ntitle = \"Open\nweight = 2\n+++\nText\n",
    )
    .unwrap();
    let out = guidepost(dir.path(), &["import", "site", "--into", "hub"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: content/broken.md:2: the TOML front matter cannot be read: a quoted text is never closed on its line\n  help: fix the front matter in the source (the site's own build would fail on it too), then import again\nimport failed: 1 problem in the source; nothing was written\n"
    );
    assert!(!dir.path().join("hub").exists());

    fs::create_dir_all(dir.path().join("plain")).unwrap();
    fs::write(dir.path().join("plain/a.md"), "# A\n").unwrap();
    let out = guidepost(dir.path(), &["import", "plain", "--into", "hub"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot tell which site generator made `plain`")
            && stderr(&out).contains("--from mkdocs"),
        "{}",
        stderr(&out)
    );
    let out = guidepost(dir.path(), &["import", "nowhere", "--into", "hub"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: cannot read `nowhere`: "),
        "{}",
        stderr(&out)
    );
    let out = guidepost(dir.path(), &["import", "site", "--into", "site/hub"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("import never writes into its source"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("site/hub").exists());
}

/// Converts a document in tests/fixtures/import/docx/ to .docx with LibreOffice, or
/// says why it cannot. CI sets GUIDEPOST_REQUIRE_LIBREOFFICE=1: there it must work.
fn convert_with_libreoffice(name: &str, out: &Path) -> Option<PathBuf> {
    let required = std::env::var_os("GUIDEPOST_REQUIRE_LIBREOFFICE").is_some_and(|v| v == "1");
    let source = fixtures().join("import/docx").join(name);
    // An HTML file opens as a web page, which has no Word filter unless one is named.
    let target = if name.ends_with(".html") {
        "docx:MS Word 2007 XML"
    } else {
        "docx"
    };
    let run = Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
        ])
        .arg(out)
        .arg(&source)
        .env("HOME", out)
        .output();
    let docx = out.join(Path::new(name).with_extension("docx").file_name().unwrap());
    match run {
        Ok(Output { .. }) if docx.is_file() => Some(docx),
        other => {
            assert!(!required, "LibreOffice could not convert {name}: {other:?}");
            eprintln!(
                "skipped: LibreOffice (soffice) is not installed or could not convert {name}"
            );
            None
        }
    }
}

#[test]
fn word_documents_converted_by_libreoffice_become_an_article_and_a_template() {
    let dir = tempfile::tempdir().unwrap();
    let Some(article) = convert_with_libreoffice("closing-guide.fodt", dir.path()) else {
        return;
    };
    let Some(template) = convert_with_libreoffice("thank-you-letter.html", dir.path()) else {
        return;
    };
    let out = guidepost(
        dir.path(),
        &["import", article.to_str().unwrap(), "--into", "hub"],
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let hub = dir.path().join("hub");
    assert_expected(&hub, "content/closing-guide.md", "docx/closing-guide.md");
    assert!(
        hub.join("content/assets/closing-guide")
            .read_dir()
            .unwrap()
            .count()
            == 1,
        "the embedded image is copied"
    );
    let strict = guidepost(&hub, &["check", "--strict"]);
    assert!(strict.status.success(), "{}", stderr(&strict));
    let out = guidepost(
        dir.path(),
        &[
            "import",
            template.to_str().unwrap(),
            "--into",
            "hub",
            "--template",
        ],
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_expected(
        &hub,
        "content/templates/thank-you-letter.md",
        "docx/thank-you-letter.md",
    );
    assert_lines(
        &stdout(&out),
        &["- mapped: the blank `Mentor's name` → the field `mentors_name`"],
    );
    // The template is valid; only its place in an article is left to a person.
    let check = guidepost(&hub, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("the template `thank-you-letter` is not embedded in any article"),
        "{}",
        stderr(&check)
    );
}
