//! Rendering Markdown to a page body: HTML, places, headings, placeholders.

use super::*;

fn md(body: &str) -> Markdown {
    render(body, 0, &LineIndex::new(body), RenderOptions::default())
}

/// The body's HTML with its places shown as `{link n}` and `{embed n}`.
fn shown(out: &Markdown) -> String {
    out.html
        .parts()
        .map(|part| match part {
            Part::Html(html) => html.clone(),
            Part::Link(n) => format!("{{link {n}}}"),
            Part::Embed(n) => format!("{{embed {n}}}"),
        })
        .collect()
}

#[test]
fn email_autolinks_are_mailto_links_not_files() {
    let out = md("Write to <coordinator@example.org>.\n");
    assert!(out.links.is_empty(), "{:?}", out.links);
    assert!(
        shown(&out)
            .contains("<a href=\"mailto:coordinator@example.org\">coordinator@example.org</a>"),
        "{}",
        shown(&out)
    );
}

#[test]
fn script_addresses_are_refused_unless_html_is_allowed() {
    let body = "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) <vbscript:msgbox>\n\n![c](data:image/svg+xml,x) [fine](https://example.org)\n";
    let out = md(body);
    let refused: Vec<_> = out
        .refused_links
        .iter()
        .map(|r| (r.scheme.as_str(), r.line, r.column))
        .collect();
    assert_eq!(
        refused,
        [
            ("javascript", 1, 1),
            ("javascript", 1, 26),
            ("vbscript", 1, 51),
            ("data", 3, 1)
        ]
    );
    assert_eq!(
        script_scheme(" \u{1}java\tscr\nipt:x").as_deref(),
        Some("javascript")
    );
    assert_eq!(script_scheme("/javascript:x"), None);
    // The refused links keep only their text; the safe one stays a link.
    assert_eq!(shown(&out).matches("href=").count(), 1, "{}", shown(&out));
    assert!(!shown(&out).contains("<img"), "{}", shown(&out));
    assert!(shown(&out).contains("href=\"https://example.org\""));
    let allowed = render(
        body,
        0,
        &LineIndex::new(body),
        RenderOptions {
            allow_html: true,
            ..RenderOptions::default()
        },
    );
    assert!(allowed.refused_links.is_empty());
}

#[test]
fn task_list_checkboxes_have_names() {
    let out = shown(&md("- [ ] Return the badge\n- [x] Book the room\n"));
    assert!(
        out.contains("type=\"checkbox\" aria-label=\"Not done\"/>"),
        "{out}"
    );
    assert!(out.contains("checked=\"\" aria-label=\"Done\"/>"), "{out}");
}

#[test]
fn a_heading_over_two_lines_keeps_its_space() {
    let out = md("Saying\ngoodbye\n-------\n");
    assert_eq!(out.toc[0].id, "saying-goodbye");
    assert_eq!(out.toc[0].title, "Saying goodbye");
}

#[test]
fn ids_keep_combining_marks() {
    let out = md("## क्या करें\n");
    assert_eq!(out.toc[0].id, "क्या-करें");
}

#[test]
fn headings_get_unique_ids_and_toc_entries() {
    let out = md("## Goals\n\n### Goals\n\n## Saying thanks {#thanks}\n\n#### Deep\n");
    let ids: Vec<_> = out.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["goals", "goals-1", "thanks"]);
    assert!(out.ids.contains(&"deep".to_string()));
    assert!(
        shown(&out).contains(
            "<h2 id=\"thanks\">Saying thanks<a class=\"anchor\" href=\"#thanks\" aria-label=\"Link to this section\"></a></h2>"
        ),
        "{}",
        shown(&out)
    );
    assert!(
        shown(&out).contains("<h4 id=\"deep\">Deep</h4>"),
        "only ## and ### link to themselves"
    );
    assert_eq!(out.html.sections.len(), 2);
}

#[test]
fn a_template_s_headings_are_its_document_s_without_links_to_themselves() {
    let body = "## Agenda\n";
    let options = RenderOptions {
        placeholders: Some(&[]),
        ..RenderOptions::default()
    };
    let out = render(body, 0, &LineIndex::new(body), options);
    assert!(
        shown(&out).contains("<h2 id=\"agenda\">Agenda</h2>"),
        "{}",
        shown(&out)
    );
}

#[test]
fn callouts_become_notes() {
    let out = md("> [!TIP]\n> Book the date.\n");
    assert!(
        shown(&out).contains("<div class=\"callout callout-tip\" role=\"note\">"),
        "{}",
        shown(&out)
    );
    assert!(shown(&out).contains("<p>Book the date.</p>"));
}

#[test]
fn local_links_are_recorded_with_lines() {
    let out = md("Intro\n\nSee [the agenda](../closure/last-meeting.md#agenda) and [web](https://example.org) and [mail](mailto:a@b.c).\n");
    assert_eq!(out.links.len(), 1);
    let link = &out.links[0];
    assert_eq!(
        (link.path.as_str(), link.anchor.as_deref()),
        ("../closure/last-meeting.md", Some("agenda"))
    );
    assert_eq!((link.line, link.column), (3, 5));
    assert!(shown(&out).contains("<a href=\"{link 0}\">the agenda</a>"));
    assert!(shown(&out).contains("href=\"https://example.org\""));
}

#[test]
fn template_blocks_become_embeds() {
    let out = md("Text\n\n```template\nlast-meeting-agenda\n```\n");
    assert_eq!(
        out.embeds,
        [EmbedRef {
            id: "last-meeting-agenda".into(),
            line: 3
        }]
    );
    assert!(shown(&out).contains("{embed 0}"));
}

#[test]
fn raw_html_is_escaped_unless_allowed() {
    let body = "Hi <script>alert(1)</script>\n\n<div>block</div>\n";
    let out = md(body);
    assert!(!shown(&out).contains("<script>"), "{}", shown(&out));
    assert!(shown(&out).contains("&lt;script&gt;"));
    assert_eq!(out.raw_html_lines, [1, 3]);
    let allowed = render(
        body,
        0,
        &LineIndex::new(body),
        RenderOptions {
            allow_html: true,
            ..Default::default()
        },
    );
    assert!(shown(&allowed).contains("<div>block</div>"));
}

#[test]
fn placeholders_are_labelled_blanks_in_templates() {
    let body = "## Agenda for {{ mentee_name }}\n\nDear {{ mentee_name }}, thank you.\n\n`{{ mentee_name }}`\n";
    let fields = [Field {
        name: "mentee_name".into(),
        label: "Mentee's name".into(),
        example: "Jordan".into(),
        line: 0,
    }];
    let out = render(
        body,
        0,
        &LineIndex::new(body),
        RenderOptions {
            placeholders: Some(&fields),
            ..Default::default()
        },
    );
    let html = shown(&out);
    assert!(
        html.contains("Dear <span class=\"blank\" data-field=\"mentee_name\"><span><i>[</i>Mentee&#39;s name<i>]</i></span></span>, thank you."),
        "{html}"
    );
    assert!(html.contains("<code>[Mentee's name]</code>"), "{html}");
    assert!(!html.contains("{{"), "{html}");
    // The heading keeps an id from the field's name; its table-of-contents entry
    // reads as the page does.
    assert_eq!(out.toc[0].id, "agenda-for-mentee-name");
    assert_eq!(out.toc[0].title, "Agenda for [Mentee's name]");
}

#[test]
fn a_fence_keeps_a_language_name_and_nothing_else() {
    let out = md("```rust\nfn main() {}\n```\n\n```{{ mentee_name }}\nHello\n```\n");
    let html = shown(&out);
    assert!(
        html.contains("<pre><code class=\"language-rust\">"),
        "{html}"
    );
    assert!(html.contains("<pre><code>Hello"), "{html}");
    assert!(!html.contains("{{"), "{html}");
}

#[test]
fn gfm_extensions_render() {
    let out = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: A note.\n");
    assert!(shown(&out).contains("<table>"));
    assert!(shown(&out).contains("type=\"checkbox\""));
    assert!(shown(&out).contains("<del>old</del>"));
    assert!(shown(&out).contains("“quoted”"));
    assert!(shown(&out).contains("footnote-definition"));
}

#[test]
fn headings_with_nothing_under_them_are_noted_by_line() {
    let body = "Intro.\n\n## Empty\n\n## Parts\n\n### First part\n\nText.\n\n### Second part\n#### Also empty\n## Embeds\n\n```template\nagenda\n```\n\n## Last\n";
    assert_eq!(md(body).bare_heading_lines, [3, 12, 19]);
    assert!(md("## One\n\nText.\n").bare_heading_lines.is_empty());
}
