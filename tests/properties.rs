//! Property tests: the small parsers that every file goes through never panic on
//! any input, and keep their round-trip promises.

use proptest::prelude::*;

use guidepost::config::Config;
use guidepost::discover::{SourceFile, SourceKind};
use guidepost::front_matter::split;
use guidepost::markdown::{render, LineIndex, RenderOptions};
use guidepost::placeholder;
use guidepost::text::{slugify, word_count, IdSet};
use guidepost::url::{join_content_path, relative};

fn config() -> Config {
    Config::parse("title: Hub\nbase_url: https://example.org/\naudiences:\n  - {id: mentor, label: Mentors}\nphases:\n  - {id: closure, label: Closure}\n").unwrap()
}

/// Resolves a relative link the way a browser does, from the folder of `from`.
fn resolve(from: &str, link: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if link.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn splitting_never_panics_and_keeps_the_body_a_suffix(text in any::<String>()) {
        if let Ok(s) = split(&text) {
            prop_assert!(text.ends_with(s.body));
            prop_assert_eq!(s.body_offset + s.body.len(), text.len());
        }
    }

    #[test]
    fn front_matter_round_trips(yaml in "([a-z_]{1,8}: [a-zA-Z0-9 ]{0,12}\n){0,6}", body in "[^\r]{0,200}") {
        let text = format!("---\n{yaml}---\n{body}");
        let s = split(&text).unwrap();
        prop_assert_eq!(s.yaml, yaml.as_str());
        prop_assert_eq!(s.body, body.as_str());
    }

    #[test]
    fn explaining_yaml_mistakes_never_panics(yaml in "([ \t]{0,4}(- ?)?[a-zé]{0,4}(: ?)?[a-z \"'\\[\\]{}#|>:,-]{0,10}\n){0,8}") {
        let problems = guidepost::yaml_problem::lint(&yaml);
        let lines = yaml.lines().count();
        prop_assert!(problems.iter().all(|p| p.line >= 1 && p.line <= lines));
        if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(&yaml) {
            let p = guidepost::yaml_problem::explain(&yaml, &e);
            prop_assert!(p.line >= 1 && p.line <= lines.max(1) + 1, "{p:?}");
        }
    }

    #[test]
    fn parsing_any_file_never_panics(text in any::<String>(), fenced in any::<bool>()) {
        let file = SourceFile { rel: "a/b.md".into(), path: "a/b.md".into(), kind: SourceKind::Page };
        let text = if fenced { format!("---\n{text}\n---\n{text}") } else { text };
        let _ = guidepost::source::parse_text(&file, &text, &config());
    }

    #[test]
    fn markdown_never_panics(body in any::<String>(), html in any::<bool>()) {
        let fields = [guidepost::front_matter::Field { name: "a".into(), label: "A".into(), example: String::new(), line: 0 }];
        let options = RenderOptions { allow_html: html, placeholders: Some(&fields), ..RenderOptions::default() };
        let out = render(&body, 0, &LineIndex::new(&body), options);
        prop_assert!(out.toc.iter().all(|t| t.level == 2 || t.level == 3));
    }

    #[test]
    fn words_are_runs_of_letters_digits_and_apostrophes(text in "(\\PC|[ a-z'’.,-]){0,60}") {
        let expected = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .count();
        prop_assert_eq!(word_count(&text), expected);
    }

    #[test]
    fn slugs_are_stable_and_clean(text in any::<String>()) {
        let slug = slugify(&text);
        prop_assert_eq!(slugify(&slug), slug.clone());
        prop_assert!(!slug.contains(char::is_whitespace));
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
    }

    #[test]
    fn heading_ids_are_unique(headings in proptest::collection::vec(any::<String>(), 0..30)) {
        let mut ids = IdSet::default();
        let made: Vec<String> = headings.iter().map(|h| ids.unique(h)).collect();
        let distinct: std::collections::HashSet<&String> = made.iter().collect();
        prop_assert_eq!(distinct.len(), made.len());
    }

    #[test]
    fn joined_content_paths_stay_inside(from in "[a-z]{1,4}(/[a-z]{1,4}){0,3}\\.md", link in "(\\.\\.|\\.|[a-z]{1,4}|)(/(\\.\\.|\\.|[a-z]{1,4}|)){0,5}") {
        if let Some(path) = join_content_path(&from, &link) {
            prop_assert!(!path.split('/').any(|p| p == ".." || p == "."));
            prop_assert!(!path.starts_with('/'));
        }
    }

    #[test]
    fn relative_links_lead_back_to_their_target(from in "([a-z]{1,3}/){0,4}", to in "([a-z]{1,3}/){0,4}") {
        let link = relative(&from, &to);
        prop_assert_eq!(resolve(&from, &link), to);
    }

    #[test]
    fn placeholders_parse_and_fill_without_surprises(text in any::<String>()) {
        let _ = placeholder::all(&text, 1);
        prop_assert_eq!(placeholder::fill(&text, |_| None), text.clone());
        let filled = placeholder::fill(&text, |name| Some(format!("<{name}>")));
        prop_assert!(placeholder::find(&filled).is_none() || placeholder::find(&text).is_some());
    }

    #[test]
    fn placeholders_round_trip(parts in proptest::collection::vec(("[a-z ,.]{0,10}", "[a-z][a-z0-9_]{0,8}"), 0..6)) {
        let text: String = parts.iter().map(|(plain, name)| format!("{plain}{{{{ {name} }}}}")).collect();
        let names: Vec<String> = placeholder::all(&text, 1).into_iter().map(|(n, _)| n).collect();
        let expected: Vec<String> = parts.iter().map(|(_, name)| name.clone()).collect();
        prop_assert_eq!(names, expected);
        let filled = placeholder::fill(&text, |name| Some(name.to_uppercase()));
        let expected_text: String = parts.iter().map(|(plain, name)| format!("{plain}{}", name.to_uppercase())).collect();
        prop_assert_eq!(filled, expected_text);
    }

    #[test]
    fn every_placeholder_of_a_template_reads_as_its_blank(parts in proptest::collection::vec(("[a-z ,.*_`#\n-]{0,12}", "[a-z]([a-z0-9_]{0,7}[a-z0-9])?"), 1..6)) {
        let text: String = parts.iter().map(|(plain, name)| format!("{plain}{{{{ {name} }}}}")).collect();
        let fields: Vec<guidepost::front_matter::Field> = parts
            .iter()
            .map(|(_, name)| guidepost::front_matter::Field { name: name.clone(), label: format!("Label {name}"), example: String::new(), line: 0 })
            .collect();
        let options = RenderOptions { placeholders: Some(&fields), ..RenderOptions::default() };
        let out = render(&text, 0, &LineIndex::new(&text), options);
        let html: String = out.html.parts().filter_map(|p| match p { guidepost::markdown::Part::Html(h) => Some(h.as_str()), _ => None }).collect();
        prop_assert!(!html.contains("{{"), "{}", html);
        // A placeholder on the line that opens a fence (```` ```{{ name }}````) is that
        // code's language, which a page never shows: every other one reads as its blank.
        let fence_lines: Vec<&str> = text
            .lines()
            .filter(|l| l.trim_start_matches(' ').starts_with("```"))
            .collect();
        for (_, name) in &parts {
            let placeholder = format!("{{{{ {name} }}}}");
            if fence_lines.iter().any(|l| l.contains(&placeholder)) {
                continue;
            }
            prop_assert!(html.contains(&format!("Label {name}")), "{}", html);
        }
    }

    /// Search reads a body's text part by part, a link's address cutting a tag in two;
    /// it is the text of the HTML the page shows, read whole.
    #[test]
    fn the_search_text_of_a_body_is_the_text_of_its_html(
        tokens in proptest::collection::vec(r#"[a-z]{1,5}|[ \n]{1,3}|[*_`#>&;|~!:\[\]().-]|&amp;|&nbsp;|&lt;|<b>|</b>|<div>|</div>|<h3>|</h3>|<sup class="footnote">|</sup>|\{\{ a \}\}|\[\^n\]|\[\^n\]: |```\n|    |1\. |- |> |## |\[x\]\(y\.md\)|!\[p\]\(q\.png\)"#, 0..80),
        html in any::<bool>(),
    ) {
        use guidepost::html_text::html_text;
        use guidepost::markdown::Part;
        let body: String = tokens.concat();
        let fields = [guidepost::front_matter::Field { name: "a".into(), label: "A & <b>".into(), example: String::new(), line: 0 }];
        let options = RenderOptions { allow_html: html, placeholders: Some(&fields), ..RenderOptions::default() };
        let out = render(&body, 0, &LineIndex::new(&body), options).html;
        let text_of = |parts: &[Part]| {
            let html: String = parts.iter().filter_map(|p| match p { Part::Html(h) => Some(h.as_str()), _ => None }).collect();
            html_text(&html)
        };
        prop_assert_eq!(out.intro_text(), text_of(&out.intro));
        for section in &out.sections {
            prop_assert_eq!(section.text(), text_of(&section.content));
            prop_assert_eq!(section.heading_text(), text_of(&section.heading).headings);
        }
    }

    #[test]
    fn any_hub_yaml_is_read_or_refused_without_panic(text in any::<String>()) {
        let _ = Config::parse(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn search_terms_are_clean_and_stable(text in any::<String>()) {
        use guidepost::search::tokenize::{query_terms, terms};
        for term in terms(&text) {
            prop_assert!(!term.is_empty());
            prop_assert!(!term.contains(char::is_whitespace));
            prop_assert_eq!(term.to_lowercase(), term.clone());
            // Typed as a query, each term is looked up as itself: folding it again
            // changes nothing, and a character or pair is not cut any further.
            prop_assert_eq!(query_terms(&term), vec![term.clone()]);
        }
    }
}
