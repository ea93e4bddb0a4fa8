//! What `init` and `new` write looks finished: every topic and start-here card of the
//! starter hub is filled in, `init --ci` writes a workflow that publishes `public/`,
//! and a page in a new folder brings the folder's `_index.md` with it.

mod common;

use std::fs;

use common::{build_ok, guidepost, hub, read, stderr, stdout};

/// The text of every element with `class="{class}"` on a page, tags removed.
fn texts_of(html: &str, class: &str) -> Vec<String> {
    let marker = format!("class=\"{class}\"");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at..];
            let start = rest.find('>').unwrap() + 1;
            let end = rest.find("</").unwrap();
            let mut text = String::new();
            let mut in_tag = false;
            for c in rest[start..end.max(start)].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.trim().to_string()
        })
        .collect()
}

#[test]
fn the_starter_hub_has_a_title_and_description_for_every_topic_and_filled_start_here_paths() {
    let dir = tempfile::tempdir().unwrap();
    let init = guidepost(dir.path(), &["init", "hub"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let root = dir.path().join("hub");
    // Every folder under content/ is a topic with its own title and description.
    for entry in fs::read_dir(root.join("content")).unwrap() {
        let folder = entry.unwrap().path();
        if folder.is_dir() {
            let index = fs::read_to_string(folder.join("_index.md"))
                .unwrap_or_else(|_| panic!("{} has no _index.md", folder.display()));
            assert!(index.contains("\ntitle: "), "{index}");
            let description = index
                .lines()
                .find_map(|l| l.strip_prefix("description:"))
                .unwrap_or("");
            assert!(!description.trim().is_empty(), "{}", folder.display());
        }
    }
    let strict = guidepost(&root, &["check", "--strict"]);
    assert!(strict.status.success(), "{}", stderr(&strict));
    let home = read(&build_ok(&root), "index.html");
    let topics = texts_of(&home, "topic-title");
    // The templates folder is the template library, which the home page links apart.
    assert_eq!(topics.len(), 3, "{topics:?}");
    assert!(
        home.contains(r#"<p class="library-link"><a href="./templates/">"#),
        "{home}"
    );
    assert!(!topics.iter().any(|t| t == "Faq"), "{topics:?}");
    assert_eq!(
        texts_of(&home, "topic-description").len(),
        topics.len(),
        "{home}"
    );
    // Every audience, staff included, has a start-here path with pages in it.
    let paths = home.matches("class=\"path\"").count();
    assert_eq!(paths, 3);
    assert_eq!(
        home.matches("<ol class=\"steps\">").count(),
        paths,
        "{home}"
    );
    let staff = &home[home.find("For program staff</h3>").expect("a staff card")..];
    let staff = &staff[..staff.find("</section>").unwrap()];
    assert!(staff.contains("Keeping this hub up to date"), "{staff}");
}

#[test]
fn init_ci_writes_the_workflow_that_publishes_public() {
    let dir = tempfile::tempdir().unwrap();
    let init = guidepost(dir.path(), &["init", "hub", "--ci", "github"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stdout(&init).contains("Wrote hub/.github/workflows/guidepost.yml."));
    let root = dir.path().join("hub");
    let workflow = fs::read_to_string(root.join(".github/workflows/guidepost.yml")).unwrap();
    for step in [
        "cargo install --locked --git \"$GUIDEPOST_GIT\" guidepost",
        "run: guidepost check",
        "guidepost build --base-url \"${{ steps.pages.outputs.base_url }}/\"",
        "uses: actions/upload-pages-artifact@v3\n        with:\n          path: public",
        "uses: actions/deploy-pages@v4",
    ] {
        assert!(workflow.contains(step), "{step}\n{workflow}");
    }
    // In a folder that already holds a hub, --ci writes the workflow alone.
    let before = fs::read_to_string(root.join("hub.yaml")).unwrap();
    let gitlab = guidepost(&root, &["init", "--ci", "gitlab"]);
    assert!(gitlab.status.success(), "{}", stderr(&gitlab));
    assert!(
        !stdout(&gitlab).contains("Created a hub"),
        "{}",
        stdout(&gitlab)
    );
    assert_eq!(fs::read_to_string(root.join("hub.yaml")).unwrap(), before);
    let pages = fs::read_to_string(root.join(".gitlab-ci.yml")).unwrap();
    assert!(pages.contains("pages:\n"), "{pages}");
    assert!(
        pages.contains("  artifacts:\n    paths:\n      - public\n"),
        "{pages}"
    );
    // A workflow is never overwritten.
    let again = guidepost(&root, &["init", "--ci", "github"]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn a_new_article_in_a_new_folder_creates_the_folders_index() {
    let dir = hub("base");
    let new = guidepost(
        dir.path(),
        &["new", "article", "ending-early/when-it-is-not-working"],
    );
    assert!(new.status.success(), "{}", stderr(&new));
    assert_eq!(
        stdout(&new),
        "Created content/ending-early/_index.md for the new folder: give it a description there (listings show its title and description)\nCreated content/ending-early/when-it-is-not-working.md\n"
    );
    let index = fs::read_to_string(dir.path().join("content/ending-early/_index.md")).unwrap();
    assert_eq!(index, "---\ntitle: Ending early\ndescription: \n---\n");
    // A page in a folder that exists already leaves its _index.md alone.
    let second = guidepost(dir.path(), &["new", "article", "guide/third"]);
    assert_eq!(stdout(&second), "Created content/guide/third.md\n");
    let check = guidepost(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let out = build_ok(dir.path());
    assert!(read(&out, "index.html").contains("Ending early"));
}
