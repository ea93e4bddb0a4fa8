//! Template downloads: every format is generated, reads well, and the .docx has real
//! Word structure with each placeholder as one run the browser can fill in.

mod common;

use common::{build_ok, guidepost, hub, read, stderr, unzip};

#[test]
fn every_format_shows_labelled_blanks_not_field_names() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let md = read(&out, "downloads/agenda.md");
    assert!(
        md.starts_with("# Meeting agenda\n\n## Agenda for [Mentee's name]\n"),
        "the title, then the template as written with its blanks: {md}"
    );
    assert!(
        md.contains("| 0-10 | Welcome **[Mentee's name]** |"),
        "{md}"
    );
    assert!(!md.contains("layout: template"));
    let txt = read(&out, "downloads/agenda.txt");
    assert!(
        txt.starts_with("Meeting agenda\n==============\n\nAgenda for [Mentee's name]\n--------------------------\n\n1. Welcome\n2. Goals\n"),
        "{txt}"
    );
    assert!(
        txt.contains("Bring along\n\n- Your notes\n[ ] The goal sheet\n"),
        "{txt}"
    );
    assert!(
        txt.contains(
            "Time | Topic\n-----+------------------------\n0-10 | Welcome [Mentee's name]\n"
        ),
        "{txt}"
    );
    assert!(
        txt.contains("See the first guide (https://hub.example.org/mentoring/guide/first/)."),
        "{txt}"
    );
    for (name, text) in [("md", &md), ("txt", &txt)] {
        assert!(!text.contains("{{"), "no field name in the .{name}: {text}");
    }
}

#[test]
fn markdown_blanks_keep_labels_as_written() {
    let dir = hub("base");
    std::fs::write(
        dir.path().join("content/templates/note.md"),
        "---\ntitle: \"Notes & <things>\"\nsummary: x\nlayout: template\nfields:\n  - {name: who, label: \"Who *exactly* [first]\"}\n---\nFor {{ who }}.\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    assert_eq!(
        read(&out, "downloads/note.md"),
        "# Notes \\& \\<things\\>\n\nFor [Who \\*exactly\\* (first)].\n"
    );
    assert_eq!(
        read(&out, "downloads/note.txt"),
        "Notes & <things>\n================\n\nFor [Who *exactly* (first)].\n"
    );
}

#[test]
fn docx_has_heading_styles_lists_tables_and_placeholder_runs() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let files = unzip(&std::fs::read(out.join("downloads/agenda.docx")).unwrap());
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/_rels/document.xml.rels",
    ] {
        assert!(files.contains_key(part), "missing {part}");
    }
    let doc = &files["word/document.xml"];
    let line = "\u{a0}".repeat(32);
    assert!(doc.contains(&format!(r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Agenda for </w:t></w:r><w:bookmarkStart w:id="0" w:name="_GpBlank0_0"/><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{line}</w:t></w:r><w:r><w:rPr><w:color w:val="595959"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr><w:t xml:space="preserve"> (Mentee's name)</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>"#)), "a blank is a line with its label beside it: {doc}");
    assert!(!doc.contains("{{"), "no field name in the .docx");
    assert!(doc.contains(
        r#"<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Bring along</w:t>"#
    ));
    assert!(
        doc.contains(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>"#),
        "the numbered list has its own numbering"
    );
    assert!(
        doc.contains(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#),
        "the bullet list"
    );
    assert!(doc.contains("\u{2610} "), "the task box");
    assert!(
        doc.contains(r#"<w:tr><w:trPr><w:tblHeader/></w:trPr>"#),
        "the table has a header row"
    );
    assert!(
        doc.contains(&format!(r#"<w:bookmarkStart w:id="1" w:name="_GpBlank0_1"/><w:r><w:rPr><w:b/><w:bCs/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{line}</w:t></w:r>"#)),
        "a bold blank keeps its line bold, each blank its own bookmark: {doc}"
    );
    assert!(doc.contains(r#"<w:hyperlink r:id="rIdL0" w:history="1">"#));
    assert!(
        doc.contains(r#"<w:pgSz w:w="12240" w:h="15840"/>"#),
        "Letter paper by default"
    );
    assert!(files["word/_rels/document.xml.rels"].contains(
        r#"Target="https://hub.example.org/mentoring/guide/first/" TargetMode="External""#
    ));
    let numbering = &files["word/numbering.xml"];
    assert!(numbering.contains(r#"<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#));
    assert!(numbering.contains(r#"<w:numFmt w:val="decimal"/>"#));
    assert!(files["word/styles.xml"].contains(r#"w:styleId="Heading1""#));
    assert!(files["docProps/core.xml"].contains("<dc:title>Meeting agenda</dc:title>"));
}

#[test]
fn formats_and_paper_follow_the_settings() {
    let dir = hub("base");
    let agenda = dir.path().join("content/templates/agenda.md");
    let text = std::fs::read_to_string(&agenda).unwrap();
    std::fs::write(
        &agenda,
        text.replace(
            "layout: template\n",
            "layout: template\nformats: [docx, txt]\n",
        ),
    )
    .unwrap();
    let config = dir.path().join("hub.yaml");
    let settings = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{settings}paper: a4\n")).unwrap();
    let out = build_ok(dir.path());
    assert!(!out.join("downloads/agenda.md").exists());
    let files = unzip(&std::fs::read(out.join("downloads/agenda.docx")).unwrap());
    assert!(files["word/document.xml"].contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    let page = read(&out, "templates/agenda/index.html");
    assert!(page.contains(r#"href="../../downloads/agenda.txt""#));
    assert!(!page.contains("agenda.md"));
    let library = read(&out, "templates/index.html");
    assert!(
        library.contains(r#"Word (.docx)</a> <span class="size">"#)
            && library.contains(" KB</span>"),
        "the library shows file sizes"
    );
    std::fs::write(
        &agenda,
        text.replace("layout: template\n", "layout: template\nformats: [pdf]\n"),
    )
    .unwrap();
    let failed = guidepost(dir.path(), &["check"]);
    assert!(
        stderr(&failed).contains("unknown format `pdf`"),
        "{}",
        stderr(&failed)
    );
}

#[test]
fn text_from_content_is_escaped_in_the_docx() {
    let dir = hub("base");
    std::fs::write(
        dir.path().join("content/templates/note.md"),
        "---\ntitle: \"Notes & <things>\"\nsummary: x\nlayout: template\nfields:\n  - {name: who, label: Who}\n---\nTom & Jerry <script> \"quoted\" for {{ who }}\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    let files = unzip(&std::fs::read(out.join("downloads/note.docx")).unwrap());
    let doc = &files["word/document.xml"];
    assert!(doc.contains("Tom &amp; Jerry "), "{doc}");
    assert!(doc.contains("&lt;script&gt;"), "{doc}");
    assert!(!doc.contains("<script>"));
    assert!(files["docProps/core.xml"].contains("<dc:title>Notes &amp; &lt;things&gt;</dc:title>"));
}

#[test]
fn docx_table_columns_are_sized_to_their_content() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let files = unzip(&std::fs::read(out.join("downloads/agenda.docx")).unwrap());
    let doc = &files["word/document.xml"];
    let grid: Vec<u32> = doc
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect();
    // "Time" holds `0-10`; "Topic" holds "Welcome [Mentee's name]".
    assert_eq!(grid.len(), 2, "{doc}");
    assert!(
        grid[0] * 3 < grid[1],
        "the short column is narrow: {grid:?}"
    );
    assert_eq!(
        grid.iter().sum::<u32>(),
        9000,
        "the grid fills the page: {grid:?}"
    );
    assert!(
        doc.contains("<w:tblLayout w:type=\"fixed\"/>"),
        "Word keeps the widths"
    );
}

#[test]
fn docx_starts_with_the_templates_title() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let files = unzip(&std::fs::read(out.join("downloads/agenda.docx")).unwrap());
    let doc = &files["word/document.xml"];
    let body = &doc[doc.find("<w:body>").unwrap()..];
    assert!(
        body.starts_with(r#"<w:body><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">Meeting agenda</w:t></w:r></w:p>"#),
        "{body}"
    );
    assert!(files["word/styles.xml"].contains(r#"w:styleId="Title""#));
}

#[test]
fn docx_note_lines_stay_separate_lines() {
    let dir = hub("base");
    let agenda = dir.path().join("content/templates/agenda.md");
    let text = std::fs::read_to_string(&agenda).unwrap();
    std::fs::write(
        &agenda,
        format!("{text}\n\n## Notes\n\n___\n\n___\n\n___\n"),
    )
    .unwrap();
    let out = build_ok(dir.path());
    let files = unzip(&std::fs::read(out.join("downloads/agenda.docx")).unwrap());
    let doc = &files["word/document.xml"];
    // Each line is a tab drawn to the right margin (Letter: 8.5 in less two 1 in
    // margins); bordered paragraphs would merge into one line in Word.
    let line = r#"<w:p><w:pPr><w:tabs><w:tab w:val="right" w:leader="underscore" w:pos="9360"/></w:tabs><w:spacing w:before="360" w:after="0"/></w:pPr><w:r><w:tab/></w:r></w:p>"#;
    assert_eq!(doc.matches(line).count(), 3, "{doc}");
    assert!(!doc.contains("<w:pBdr>"), "{doc}");
    let txt = read(&out, "downloads/agenda.txt");
    assert_eq!(
        txt.matches("________________________________________")
            .count(),
        3,
        "{txt}"
    );
}
