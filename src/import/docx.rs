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
    let mut front = OurFront::default();
    front.title = match (written.title.clone(), core_title) {
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
