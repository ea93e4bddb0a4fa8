//! The files readers download for each template: .docx, .md and .txt under
//! `downloads/`, generated at build time.
//!
//! In: the site. Out: output files, and their sizes for the template cards and the
//! library. Every placeholder is a blank labelled with its field's label in every
//! format (`[Mentee's name]` in text, a line and its label in .docx), which the browser
//! replaces with the reader's values.

mod document;
mod docx;
mod text;
pub(crate) mod zip;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::front_matter::Format;
use crate::i18n::{fill, Strings};
use crate::output::{Contents, OutputFile};
use crate::placeholder;
use crate::site::{PageId, Site};
use crate::text::escape_markdown;

pub use docx::escape_into as escape_xml;

/// The site path of a template's file in one format (under its language's prefix).
pub fn path(site: &Site, template_id: &str, format: Format) -> String {
    site.route(&crate::routes::download_file(
        template_id,
        format.extension(),
    ))
}

/// The formats a template offers: its `formats`, or all of them.
pub fn formats(site: &Site, id: PageId) -> Vec<Format> {
    site.pages[id]
        .front
        .formats
        .clone()
        .unwrap_or_else(|| Format::ALL.to_vec())
}

/// Every download of every template, with each file's size in bytes by (template, format).
pub fn all(site: &Site) -> (Vec<OutputFile>, BTreeMap<(PageId, Format), usize>) {
    all_with(site, |id, format| file(site, id, format))
}

/// Every download of every template as `make` gives it (made, or remembered from an
/// earlier build), with each file's size.
pub fn all_with(
    site: &Site,
    make: impl Fn(PageId, Format) -> OutputFile + Sync,
) -> (Vec<OutputFile>, BTreeMap<(PageId, Format), usize>) {
    let files: Vec<(PageId, Format, OutputFile)> = site
        .templates
        .par_iter()
        .flat_map_iter(|&id| {
            formats(site, id)
                .into_iter()
                .map(move |format| (id, format))
        })
        .map(|(id, format)| (id, format, make(id, format)))
        .collect();
    let mut sizes = BTreeMap::new();
    let mut out = Vec::with_capacity(files.len());
    for (id, format, file) in files {
        if let Contents::Bytes(bytes) = &file.contents {
            sizes.insert((id, format), bytes.len());
        }
        out.push(file);
    }
    (out, sizes)
}

/// A fingerprint of what every template's files are made from on this site: its
/// address, language, paper and strings (worked out once for all templates).
pub fn site_print(site: &Site) -> u64 {
    let config = &site.config;
    crate::fingerprint::debug_hash(&(
        &site.prefix,
        &config.base_url,
        &config.language,
        config.paper,
        &config.strings,
    ))
}

/// A fingerprint of everything a template's file in `format` is made from: the page's
/// front matter and body as written, where its links lead, its address, and the
/// site's part ([`site_print`]).
pub fn print(site: &Site, id: PageId, format: Format, site_print: u64) -> u64 {
    let page = &site.pages[id];
    crate::fingerprint::debug_hash(&(
        page.prints.front,
        page.prints.body,
        &page.links,
        &page.template_id,
        format,
        site_print,
    ))
}

/// One template's file in one format.
pub fn file(site: &Site, id: PageId, format: Format) -> OutputFile {
    let page = &site.pages[id];
    let template_id = page.template_id.as_deref().unwrap_or("template");
    let base = &site.config.base_url;
    let local_url = |n: usize| match page.links.get(n) {
        Some(target) => {
            let mut url = format!("{base}{}", target.url);
            if let Some(anchor) = &target.anchor {
                url.push('#');
                url.push_str(anchor);
            }
            url
        }
        None => base.clone(),
    };
    let fields = &page.front.fields;
    let title = page.front.title.trim();
    let bytes = match format {
        Format::Md => {
            let body = placeholder::fill(&page.source, |name| {
                Some(placeholder::markdown_blank(placeholder::label_of(
                    fields, name,
                )))
            });
            format!("# {}\n\n{}", escape_markdown(title), body.trim_start()).into_bytes()
        }
        Format::Txt => {
            let blocks = document::parse(&page.source, fields, &local_url, &site.config.strings);
            text::write(title, &blocks).into_bytes()
        }
        Format::Docx => {
            let blocks = document::parse(&page.source, fields, &local_url, &site.config.strings);
            let options = docx::DocxOptions {
                title: &page.front.title,
                language: &site.config.language,
                paper: site.config.paper,
            };
            docx::write(&blocks, &options)
        }
    };
    OutputFile {
        path: path(site, template_id, format),
        contents: Contents::bytes(bytes),
    }
}

/// A file size as a reader reads it, in the words of `t`: "14 KB", "900 bytes".
pub fn size_label(bytes: usize, t: &Strings) -> String {
    if bytes < 1000 {
        t.size_bytes.count(bytes as u64)
    } else if bytes < 1_000_000 {
        fill(&t.size_kb, &[("n", &bytes.div_ceil(1000).to_string())])
    } else {
        fill(&t.size_mb, &[("n", &t.tenths(bytes as f64 / 1_000_000.0))])
    }
}
