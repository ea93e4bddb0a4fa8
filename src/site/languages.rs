//! The languages of a hub joined: each site learns which addresses every language
//! has, and each translation keeps the default language's site.
//!
//! In: the default language's site and its translations. Out: the same, joined.

use std::sync::Arc;

use super::Site;
use crate::languages::LanguageMap;

/// Joins the default language's site and its translations: each learns which
/// addresses every language has (for the language switcher), and each translation
/// keeps the default site for the pages it has no translation of.
pub fn join_languages(mut site: Site, mut translations: Vec<Site>) -> (Arc<Site>, Vec<Site>) {
    let mut map = LanguageMap::new(site.config.language_list());
    for s in std::iter::once(&site).chain(&translations) {
        for address in s.addresses() {
            map.add(s.language, &address);
        }
    }
    let map = Arc::new(map);
    site.languages = map.clone();
    let site = Arc::new(site);
    for translation in &mut translations {
        translation.languages = map.clone();
        translation.fallback = Some(site.clone());
    }
    (site, translations)
}

impl Site {
    /// Every address this site has a page at: pages, sections and its listings.
    fn addresses(&self) -> Vec<String> {
        let mut out: Vec<String> = self.pages.iter().map(|p| p.url.clone()).collect();
        out.extend(self.sections.iter().map(|s| s.url.clone()));
        out.extend(
            self.tags
                .iter()
                .map(|t| self.route(&crate::routes::tag_url(&t.slug))),
        );
        out.extend(
            self.config
                .audiences
                .iter()
                .map(|a| self.route(&crate::routes::audience_url(&a.id))),
        );
        out.extend([crate::routes::LIBRARY_URL, crate::routes::TAGS_URL].map(|r| self.route(r)));
        if self.config.search {
            out.push(self.route(crate::routes::SEARCH_URL));
        }
        out
    }
}
