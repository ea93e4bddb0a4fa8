//! The feeds stage: the Atom feed of updated pages (one per language), the sitemap
//! of every language with its alternates, and robots.txt, written directly (no theme
//! needed).
//!
//! In: the sites, the default language's first. Out: [`OutputFile`]s.

use std::fmt::Write;

use crate::date::Date;
use crate::output::OutputFile;
use crate::routes;
use crate::site::Site;
use crate::text::{escape_html, push_escaped};

/// How many entries the feed carries.
pub const FEED_LIMIT: usize = 50;

/// The sitemap and robots.txt (once, for all `sites`), and each language's feed.
pub fn files<'a>(sites: impl IntoIterator<Item = &'a Site> + Clone) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = sites
        .clone()
        .into_iter()
        .map(|site| OutputFile::new(site.route(routes::FEED), atom(site)))
        .collect();
    if let Some(first) = sites.clone().into_iter().next() {
        let robots = format!(
            "User-agent: *\nAllow: /\nSitemap: {}{}\n",
            first.config.base_url,
            routes::SITEMAP
        );
        files.push(OutputFile::new(routes::SITEMAP, sitemap(sites)));
        files.push(OutputFile::new(routes::ROBOTS, robots));
    }
    files
}

/// `sitemap.xml`: every page and listing of every language with its last update, and
/// in a hub of several languages each one's versions as `hreflang` alternates.
pub fn sitemap<'a>(sites: impl IntoIterator<Item = &'a Site>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let sites: Vec<&Site> = sites.into_iter().collect();
    out.reserve(
        sites
            .iter()
            .map(|s| (s.pages.len() + s.sections.len()) * 96)
            .sum(),
    );
    let several = sites
        .first()
        .is_some_and(|s| s.languages.languages.len() > 1);
    out.push_str(if several {
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    } else {
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    });
    for site in sites {
        let base = &site.config.base_url;
        // Written straight into the sitemap: it has an entry for every page.
        let mut entry = |url: &str, lastmod: Option<Date>| {
            out.push_str("  <url><loc>");
            push_escaped(&mut out, base);
            push_escaped(&mut out, url);
            out.push_str("</loc>");
            if let Some(date) = lastmod {
                let _ = write!(out, "<lastmod>{date}</lastmod>");
            }
            if several {
                for alternate in site.languages.alternates(site.language, url) {
                    if alternate.exists {
                        out.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
                        push_escaped(&mut out, &alternate.language.id);
                        out.push_str("\" href=\"");
                        push_escaped(&mut out, base);
                        push_escaped(&mut out, &alternate.url);
                        out.push_str("\"/>");
                    }
                }
            }
            out.push_str("</url>\n");
        };
        for section in &site.sections {
            entry(&section.url, None);
        }
        for page in &site.pages {
            entry(&page.url, page.front.updated);
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// `feed.xml`: the most recently updated pages, newest first.
pub fn atom(site: &Site) -> String {
    let config = &site.config;
    let pages = site.recently_updated(FEED_LIMIT);
    let updated = site
        .updated
        .map(|d| d.rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{title}</title>\n  <subtitle>{subtitle}</subtitle>\n  <link href=\"{base}{feed}\" rel=\"self\" type=\"application/atom+xml\"/>\n  <link href=\"{base}{home}\" rel=\"alternate\" type=\"text/html\"/>\n  <id>{base}{home}</id>\n  <updated>{updated}</updated>\n",
        lang = escape_html(&config.language),
        title = escape_html(config.title()),
        subtitle = escape_html(config.local(&config.description)),
        base = escape_html(&config.base_url),
        feed = escape_html(&site.route(routes::FEED)),
        home = escape_html(&site.prefix),
    );
    for p in pages {
        let page = &site.pages[p];
        let url = escape_html(&format!("{}{}", config.base_url, page.url));
        let date = page.front.updated.map(|d| d.rfc3339()).unwrap_or_default();
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{url}\" rel=\"alternate\" type=\"text/html\"/>\n    <id>{url}</id>\n    <updated>{date}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            escape_html(&page.front.title),
            escape_html(config.title()),
            escape_html(&page.front.summary),
        ));
    }
    out.push_str("</feed>\n");
    out
}
