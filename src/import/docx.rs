//! A Word document imported as one page. In: a .docx file. Out: an article (or, with
//! `--template`, a template whose blanks are fields), its images, and the report.

use std::path::Path;

use crate::discover::CONTENT_DIR;
use crate::import::body;
use crate::import::error::ImportError;
use crate::import::front::OurFront;
use crate::import::layout::segment;
use crate::import::report::{Entry, FileReport, Report};
use crate::import::write::{Data, Planned};
use crate::import::zip::Archive;

pub mod document;
pub mod markdown;
pub mod parts;

/// Imports the Word document at `path`.
pub fn import(path: &Path, template: bool) -> Result<(Report, Vec<Planned>), ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::io("read", path, e))?;
    let failed = |message: String| ImportError::Docx {
        path: path.to_path_buf(),
        message,
    };
    let archive = Archive::read(&bytes).map_err(failed)?;
    let part = |name: &str| -> Result<Option<String>, ImportError> {
        match archive.get(name) {
            None => Ok(None),
            Some(Ok(bytes)) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Some(Err(message)) => Err(failed(message)),
        }
    };
    let Some(xml) = part("word/document.xml")? else {
        return Err(failed(
            "it has no word/document.xml, so it is not a Word document".to_string(),
        ));
    };
    let styles = parts::styles(&part("word/styles.xml")?.unwrap_or_default());
    let numbering = parts::numbering(&part("word/numbering.xml")?.unwrap_or_default());
    let relations = parts::relations(&part("word/_rels/document.xml.rels")?.unwrap_or_default());
    let core_title = part("docProps/core.xml")?
        .as_deref()
        .and_then(parts::core_title);
    let cx = document::Context {
        styles: &styles,
        numbering: &numbering,
        relations: &relations,
    };
    let blocks =
        document::read(&xml, &cx).map_err(|e| failed(format!("its text cannot be read ({e})")))?;

    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name.as_str(), |(s, _)| s);
    let slug = segment(stem);
    let out_rel = if template {
        format!("templates/{slug}.md")
    } else {
        format!("{slug}.md")
    };
    let image_dir = if template {
        format!("../assets/{slug}")
    } else {
        format!("assets/{slug}")
    };
    let mut entries = Vec::new();
    let written = markdown::write(&blocks, &image_dir, template, &mut entries);
    let title = match (written.title.clone(), core_title) {
        (Some(title), _) => {
            entries.push(Entry::Mapped(format!(
                "the first heading `{title}` → `title`"
            )));
            title
        }
        (None, Some(title)) => {
            entries.push(Entry::Mapped(format!(
                "the document's title `{title}` (its properties) → `title`"
            )));
            title
        }
        (None, None) => {
            let title = stem.replace(['-', '_'], " ");
            entries.push(Entry::person(None, format!("the document has no title or first heading; the title `{title}` was made from the file name")));
            title
        }
    };
    let mut front = OurFront {
        title,
        ..OurFront::default()
    };
    let mut text = written.body.clone();
    let mut files = Vec::new();
    let mut copied = Vec::new();
    for (image, name) in &written.images {
        let target = format!("{CONTENT_DIR}/assets/{slug}/{name}");
        match archive.get(image) {
            Some(Ok(bytes)) => {
                copied.push((format!("{file_name}: {image}"), target.clone()));
                files.push(Planned {
                    rel: target,
                    data: Data::Bytes(bytes),
                    replace: false,
                });
            }
            _ => {
                let link = format!("]({image_dir}/{name})");
                if let Some(end) = text.find(&link) {
                    let start = text[..end].rfind("![").unwrap_or(end);
                    text.replace_range(start..end + link.len(), "");
                }
                entries.push(Entry::person(
                    None,
                    format!("the image `{image}` is missing from the document; it was left out"),
                ));
            }
        }
    }
    let shaped = body::shape(&text, Some(&front.title), &|_| 1, &mut Vec::new());
    match shaped.summary {
        Some(summary) => {
            entries.push(Entry::Mapped(
                "`summary` taken from the first paragraph".to_string(),
            ));
            front.summary = summary;
        }
        None => entries.push(Entry::person(
            None,
            "no paragraph to take a summary from; write a `summary`",
        )),
    }
    if template {
        if written.fields.is_empty() {
            entries.push(Entry::person(None, "no highlighted, [bracketed] or <<marked>> blanks were found, so the page has no fields and was written as an article"));
        } else {
            entries.push(Entry::person(None, format!("embed the template in the article where readers need it: a ```template block holding `{slug}`")));
        }
    }
    front.fields = written.fields;
    let output = format!("{CONTENT_DIR}/{out_rel}");
    files.insert(
        0,
        Planned {
            rel: output.clone(),
            data: Data::Text(format!("{}\n{text}", front.to_yaml(false))),
            replace: false,
        },
    );
    let report = Report {
        source: format!("the Word document `{file_name}`"),
        notes: Vec::new(),
        files: vec![FileReport {
            source: file_name.clone(),
            output: Some(output),
            entries,
        }],
        copied,
    };
    Ok((report, files))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::downloads::zip::ZipWriter;

    const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="w" xmlns:r="r" xmlns:wp="wp" xmlns:a="a"><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Meeting note</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Hello </w:t></w:r><w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>Mentee</w:t></w:r><w:r><w:rPr><w:b/><w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve"> name</w:t></w:r><w:r><w:t>, we met on &lt;&lt;Date&gt;&gt;.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Next steps</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:rPr><w:i/></w:rPr><w:t>Call</w:t></w:r><w:r><w:t xml:space="preserve"> the </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>office</w:t></w:r></w:hyperlink></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>before Friday</w:t></w:r><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Who</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>When</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Sam | Jo</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>[Time]</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="Our logo"/><a:graphic><a:graphicData><a:blip r:embed="rId7"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
</w:body></w:document>"#;

    fn docx(dir: &Path, document: &str) -> std::path::PathBuf {
        let mut zip = ZipWriter::default();
        zip.add("word/document.xml", document.as_bytes());
        zip.add("word/styles.xml", br#"<w:styles><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#);
        zip.add("word/numbering.xml", br#"<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#);
        zip.add("word/_rels/document.xml.rels", br#"<Relationships><Relationship Id="rId7" Type="image" Target="media/logo.png"/><Relationship Id="rId9" Type="hyperlink" Target="https://example.org/office" TargetMode="External"/></Relationships>"#);
        zip.add("word/media/logo.png", b"PNG");
        let path = dir.join("Meeting Note.docx");
        std::fs::write(&path, zip.finish()).unwrap();
        path
    }

    fn text(files: &[Planned], rel: &str) -> String {
        match &files.iter().find(|f| f.rel == rel).expect(rel).data {
            Data::Text(t) => t.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_hand_built_document_becomes_an_article() {
        let dir = tempfile::tempdir().unwrap();
        let (report, files) = import(&docx(dir.path(), DOCUMENT), false).unwrap();
        assert_eq!(
            text(&files, "content/meeting-note.md"),
            "---\ntitle: Meeting note\nsummary: 'Hello Mentee name, we met on <<Date>>.'\n---\n\nHello Mentee **name**, we met on \\<\\<Date\\>\\>.\n\n## Next steps\n\n1. *Call* the [office](https://example.org/office)\n   - before Friday\n\n| Who | When |\n|---|---|\n| Sam \\| Jo | \\[Time\\] |\n\n![Our logo](assets/meeting-note/logo.png)\n"
        );
        assert!(matches!(&files[1].data, Data::Bytes(b) if b == b"PNG"));
        assert_eq!(files[1].rel, "content/assets/meeting-note/logo.png");
        assert_eq!(
            report.files[0].output.as_deref(),
            Some("content/meeting-note.md")
        );
    }

    #[test]
    fn a_hand_built_document_becomes_a_template() {
        let dir = tempfile::tempdir().unwrap();
        let (report, files) = import(&docx(dir.path(), DOCUMENT), true).unwrap();
        let page = text(&files, "content/templates/meeting-note.md");
        assert!(page.starts_with("---\ntitle: Meeting note\nsummary: Call the office\nlayout: template\nfields:\n  - name: mentee_name\n    label: Mentee name\n  - name: date\n    label: Date\n  - name: time\n    label: Time\n---\n"), "{page}");
        assert!(
            page.contains("\nHello {{ mentee_name }}, we met on {{ date }}.\n"),
            "{page}"
        );
        assert!(page.contains("| Sam \\| Jo | {{ time }} |"), "{page}");
        assert!(report.files[0].entries.contains(&Entry::Mapped(
            "the blank `Mentee name` → the field `mentee_name`".to_string()
        )));
    }

    #[test]
    fn a_file_that_is_not_a_word_document_is_refused_with_advice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.docx");
        std::fs::write(&path, "just text").unwrap();
        let err = import(&path, false).unwrap_err().to_string();
        assert!(
            err.contains("cannot be read as a Word document: it is not a ZIP archive"),
            "{err}"
        );
        assert!(err.contains("save it again as a .docx"), "{err}");
    }
}
