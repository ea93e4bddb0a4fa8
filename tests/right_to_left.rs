//! Hubs in right-to-left languages: their pages say so (`dir="rtl"`), and their Word
//! documents are laid out right to left. Built from `tests/fixtures/lang-ar`, a hub
//! written in Arabic with Latin names and numbers in its text.

mod common;

use std::fs;
use std::path::Path;

use common::{build_ok, hub, read, unzip};

/// Every HTML page of a built hub but the redirects aliases leave, as (path, HTML).
fn pages(out: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().display().to_string();
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .filter(|(_, html)| !html.contains("http-equiv=\"refresh\""))
        .collect()
}

/// The `<html …>` start tag of a page.
fn html_tag(html: &str) -> &str {
    let start = html.find("<html").expect("page has <html>");
    &html[start..start + html[start..].find('>').unwrap() + 1]
}

#[test]
fn every_page_of_an_arabic_hub_is_laid_out_right_to_left() {
    let dir = hub("lang-ar");
    let out = build_ok(dir.path());
    let pages = pages(&out);
    assert!(
        pages.len() > 10,
        "the hub's pages were found: {}",
        pages.len()
    );
    for (path, html) in &pages {
        assert_eq!(html_tag(html), r#"<html lang="ar" dir="rtl">"#, "{path}");
    }
}

#[test]
fn every_page_of_an_english_hub_says_left_to_right() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    for (path, html) in pages(&out) {
        assert_eq!(html_tag(&html), r#"<html lang="en" dir="ltr">"#, "{path}");
    }
}

#[test]
fn a_region_in_the_language_keeps_it_right_to_left() {
    let dir = hub("lang-ar");
    let config = dir.path().join("hub.yaml");
    let yaml = fs::read_to_string(&config).unwrap();
    fs::write(&config, yaml.replace("language: ar\n", "language: ar-EG\n")).unwrap();
    let out = build_ok(dir.path());
    assert_eq!(
        html_tag(&read(&out, "basics/first-meeting/index.html")),
        r#"<html lang="ar-EG" dir="rtl">"#
    );
    let styles =
        &unzip(&fs::read(out.join("downloads/meeting-plan.docx")).unwrap())["word/styles.xml"];
    assert!(styles.contains(r#"<w:lang w:bidi="ar-EG"/>"#), "{styles}");
}

#[test]
fn the_word_document_of_an_arabic_template_reads_right_to_left() {
    let dir = hub("lang-ar");
    let out = build_ok(dir.path());
    let files = unzip(&fs::read(out.join("downloads/meeting-plan.docx")).unwrap());
    let (doc, styles) = (&files["word/document.xml"], &files["word/styles.xml"]);

    // Its language, in the slot Word uses for Arabic letters, and a font that has them.
    assert!(
        styles.contains(r#"<w:lang w:bidi="ar"/>"#),
        "the language: {styles}"
    );
    assert!(styles.contains(r#"w:cs="Arial""#));
    assert!(files["docProps/core.xml"].contains("<dc:language>ar</dc:language>"));
    // Paragraphs read right to left (from the Normal style), and so does the page.
    assert!(styles.contains(
        r#"w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:bidi/></w:pPr></w:style>"#
    ));
    assert!(doc.contains(r#"<w:bidi/></w:sectPr>"#));
    // The table's first column is on the right.
    assert!(doc.contains(r#"<w:tblStyle w:val="TableGrid"/><w:bidiVisual/>"#));
    // Arabic runs are marked right to left; a Latin name in them is a run of its own
    // that is not, so Word keeps its letters in order.
    assert!(doc.contains(
        r#"<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">المكتبة العامة أو </w:t></w:r><w:r><w:t xml:space="preserve">Zoom</w:t></w:r>"#
    ), "{doc}");
    assert!(doc.contains(
        r#"<w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">خطة اللقاء الأول</w:t>"#
    ));
    // Numbers among Arabic words stay in the right-to-left run.
    assert!(doc.contains(r#"<w:rtl/></w:rPr><w:t xml:space="preserve">60 دقيقة</w:t>"#));
    // Bold Arabic is bold for complex scripts too.
    assert!(doc.contains(
        r#"<w:r><w:rPr><w:b/><w:bCs/><w:rtl/></w:rPr><w:t xml:space="preserve">ملاحظة:</w:t></w:r>"#
    ));
    // A blank's label reads right to left; its line stays as the browser finds it.
    let line = "\u{a0}".repeat(32);
    assert!(doc.contains(&format!(
        r#"<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{line}</w:t></w:r><w:r><w:rPr><w:color w:val="595959"/><w:sz w:val="17"/><w:szCs w:val="17"/><w:rtl/></w:rPr><w:t xml:space="preserve"> (اسم المسترشد)</w:t></w:r>"#
    )));
}

#[test]
fn the_word_document_of_an_english_template_has_no_right_to_left_marks() {
    let dir = hub("base");
    let out = build_ok(dir.path());
    let files = unzip(&fs::read(out.join("downloads/agenda.docx")).unwrap());
    let (doc, styles) = (&files["word/document.xml"], &files["word/styles.xml"]);
    assert!(styles.contains(r#"<w:lang w:val="en"/>"#), "{styles}");
    for mark in ["<w:rtl/>", "<w:bidi/>", "<w:bidiVisual/>"] {
        assert!(!doc.contains(mark) && !styles.contains(mark), "{mark}");
    }
}

#[test]
fn code_in_an_arabic_word_document_stays_left_to_right() {
    let dir = hub("lang-ar");
    fs::write(
        dir.path().join("content/templates/reminder.md"),
        "---\ntitle: تذكير\nlayout: template\n---\nاكتب في الطرفية:\n\n```\nnpm test();\n```\n",
    )
    .unwrap();
    let out = build_ok(dir.path());
    let files = unzip(&fs::read(out.join("downloads/reminder.docx")).unwrap());
    let doc = &files["word/document.xml"];
    assert!(
        doc.contains(r#"<w:pStyle w:val="Code"/></w:pPr><w:r><w:t xml:space="preserve">npm test();</w:t></w:r>"#),
        "{doc}"
    );
    assert!(files["word/styles.xml"].contains(
        r#"w:styleId="Code"><w:name w:val="Code"/><w:basedOn w:val="Normal"/><w:pPr><w:bidi w:val="0"/>"#
    ));
    // The Arabic line before it is marked right to left.
    assert!(doc.contains(r#"<w:rtl/></w:rPr><w:t xml:space="preserve">اكتب في الطرفية:</w:t>"#));
}
