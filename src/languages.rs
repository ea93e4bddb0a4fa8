//! A hub in several languages: which language each content file is written in, the
//! pages of each language's own site, and what `check` says about translations.
//!
//! In: every parsed content file and the hub's languages (the default first). Out: the
//! default language's pages, each other language's translations named as their
//! sources (`closure/last-meeting.es.md` becomes `closure/last-meeting.md` in the
//! Spanish site, so it takes the same address under `es/` and its links resolve as
//! the source's do), and the problems: a translation without a source, of a draft, in
//! a language the hub does not list; outdated translations (warnings); how much of
//! each language is translated (notes).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::front_matter::FileKind;
use crate::source::SourcePage;

pub use crate::language_tag::{is_language_tag, language_of};

/// The pages of every language, and what was found about them.
#[derive(Debug, Default)]
pub struct Split {
    /// Pages in the default language (and every page of a hub in one language).
    pub default: Vec<SourcePage>,
    /// For each other language in the hub's order: its translations.
    pub translations: Vec<(Language, Vec<SourcePage>)>,
    pub problems: Vec<Diagnostic>,
}

/// Sorts the pages into languages (see the module's documentation). `drafts`: the
/// build includes drafts, so a translation of one is published with it.
/// `failed` names the files that could not be read (their own errors say why): a
/// translation of one of them is not reported as having no source.
pub fn split(
    pages: Vec<SourcePage>,
    languages: &[Language],
    drafts: bool,
    failed: &[String],
) -> Split {
    let mut out = Split::default();
    let default_id = languages.first().map_or("en", |l| l.id.as_str());
    let others: Vec<&Language> = languages.iter().skip(1).collect();
    // Every path, to tell a translation from a name with a dot in it: only needed
    // when some name ends like a language.
    let tagged = pages.iter().any(|p| language_of(&p.rel).is_some());
    let all_rels: HashSet<String> = match tagged {
        true => (pages.iter().map(|p| p.rel.clone()))
            .chain(failed.iter().cloned())
            .collect(),
        false => HashSet::new(),
    };
    let mut translated: Vec<Vec<SourcePage>> = vec![Vec::new(); others.len()];
    let mut candidates = Vec::new();
    for page in pages {
        match language_of(&page.rel) {
            Some((source, tag)) => {
                let listed = others.iter().position(|l| l.id == tag);
                let source_exists = all_rels.contains(&source);
                if tag == default_id {
                    out.problems.push(
                        Diagnostic::error(
                            &page.file,
                            format!(
                                "`.{tag}` is the hub's default language, which needs no suffix"
                            ),
                        )
                        .help(format!("rename the file to `{}`", file_name(&source))),
                    );
                } else if let Some(i) = listed {
                    candidates.push((i, source, page));
                } else if source_exists {
                    let known: Vec<&str> = languages.iter().map(|l| l.id.as_str()).collect();
                    out.problems.push(
                        Diagnostic::error(
                            &page.file,
                            format!(
                                "`{tag}` is not one of the hub's languages ({})",
                                known.join(", ")
                            ),
                        )
                        .help(format!(
                            "add it to hub.yaml: `languages: [{}, {{id: {tag}, label: …}}]`",
                            languages
                                .iter()
                                .map(|l| format!("{{id: {}, label: {}}}", l.id, l.label))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    );
                } else {
                    // A name with a dot in it (`step.two.md`) that translates nothing.
                    out.default.push(page);
                }
            }
            None => out.default.push(page),
        }
    }
    // A folder named like another language would share its pages' addresses.
    for page in &out.default {
        let top = page.rel.split('/').next().unwrap_or("");
        if page.rel.contains('/') && others.iter().any(|l| l.id.eq_ignore_ascii_case(top)) {
            out.problems.push(
                Diagnostic::error(&page.file, format!("the folder `content/{top}/` has the name of the hub's language `{top}`, whose pages are published at `{top}/`"))
                    .help("rename the folder; a translation sits beside its source as `name.<id>.md`"),
            );
        }
    }
    let sources: HashMap<&str, &SourcePage> =
        out.default.iter().map(|p| (p.rel.as_str(), p)).collect();
    let folders: HashSet<&str> = out
        .default
        .iter()
        .map(|p| p.rel.rsplit_once('/').map_or("", |(dir, _)| dir))
        .collect();
    for (i, source_rel, mut page) in candidates {
        let language = others[i];
        let source = sources.get(source_rel.as_str());
        let is_index = page.kind == FileKind::Index;
        let folder = source_rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        match source {
            None if is_index && folders.contains(folder) => {}
            // Its source exists but could not be read: that file's error says why, and
            // this translation is checked against it once it reads.
            None if failed.contains(&source_rel) => continue,
            None => {
                out.problems.push(
                    Diagnostic::error(&page.file, format!("this translation has no source: `content/{source_rel}` does not exist"))
                        .help(format!("a translation sits beside the page it translates, named like it with `.{}` before `.md`; write the page in the default language first", language.id)),
                );
                continue;
            }
            Some(source) if source.front.draft && !drafts => {
                out.problems.push(
                    Diagnostic::error(&page.file, format!("this translates `content/{source_rel}`, which is a draft"))
                        .help("publish the source first (remove its `draft: true`), or mark this translation `draft: true` too"),
                );
                continue;
            }
            Some(source) => {
                if page.front.slug.is_some() && page.front.slug != source.front.slug {
                    out.problems.push(
                        Diagnostic::error(&page.file, "a translation takes its address from its source, so it cannot set its own `slug`")
                            .at_line(page.front.line_of("slug"))
                            .help("remove `slug` here; set it in the source and every language follows"),
                    );
                }
                if page.front.slug != source.front.slug {
                    std::sync::Arc::make_mut(&mut page.front).slug = source.front.slug.clone();
                }
                if let (Some(theirs), Some(ours)) = (source.front.updated, page.front.updated) {
                    if theirs > ours {
                        out.problems.push(
                            Diagnostic::warning(&page.file, format!("this translation is outdated: its source `content/{source_rel}` was updated {theirs}, the translation {ours}"))
                                .at_line(page.front.line_of("updated"))
                                .help("bring the translation up to date with its source, then set its `updated` to the source's date or later"),
                        );
                    }
                }
            }
        }
        if page.front.draft && !drafts {
            continue;
        }
        page.rel = source_rel;
        translated[i].push(page);
    }
    let published = |p: &&SourcePage| p.kind == FileKind::Page && (drafts || !p.front.draft);
    let total = out.default.iter().filter(published).count();
    for (i, pages) in translated.into_iter().enumerate() {
        let done = pages.iter().filter(published).count();
        let language = others[i];
        if total > done {
            out.problems.push(Diagnostic::note(format!(
                "{} ({}): {done} of {total} pages translated; the other {} are not shown in this language",
                language.label,
                language.id,
                total - done
            )));
        }
        out.translations.push((language.clone(), pages));
    }
    out
}

/// Which addresses exist in which language, for the language switcher and the
/// `hreflang` alternates: an address is a page's URL without its language's prefix.
#[derive(Debug, Clone, Default)]
pub struct LanguageMap {
    pub languages: Vec<Language>,
    /// Each language's URL prefix: `""` for the default, `es/` for Spanish.
    pub prefixes: Vec<String>,
    /// For each address, a bit per language that has it (ordered, so the map hashes
    /// the same from one rebuild to the next).
    addresses: BTreeMap<String, u64>,
}

/// One language's version of a page, or its home where the page is not translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate<'a> {
    pub language: &'a Language,
    /// A site URL (from the output's root).
    pub url: String,
    /// False when this language has no version of the page (the URL is its home).
    pub exists: bool,
}

impl LanguageMap {
    /// A map of `languages` (the default first) with no addresses yet.
    pub fn new(languages: Vec<Language>) -> LanguageMap {
        let prefixes = languages
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    String::new()
                } else {
                    format!("{}/", l.id)
                }
            })
            .collect();
        LanguageMap {
            languages,
            prefixes,
            addresses: BTreeMap::new(),
        }
    }

    /// Records that language `n` has a page at the site URL `url`.
    pub fn add(&mut self, n: usize, url: &str) {
        let key = url.strip_prefix(self.prefixes[n].as_str()).unwrap_or(url);
        *self.addresses.entry(key.to_string()).or_default() |= 1 << n;
    }

    /// Every language's version of the page at `url` (in language `n`), in the hub's
    /// order.
    pub fn alternates(&self, n: usize, url: &str) -> Vec<Alternate<'_>> {
        let key = url.strip_prefix(self.prefixes[n].as_str()).unwrap_or(url);
        let mask = self.addresses.get(key).copied().unwrap_or(0);
        self.languages
            .iter()
            .enumerate()
            .map(|(i, language)| {
                let exists = mask & (1 << i) != 0;
                Alternate {
                    language,
                    url: match exists {
                        true => format!("{}{key}", self.prefixes[i]),
                        false => self.prefixes[i].clone(),
                    },
                    exists,
                }
            })
            .collect()
    }
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates_fall_back_to_the_languages_home() {
        let language = |id: &str| Language {
            id: id.into(),
            label: id.into(),
        };
        let mut map = LanguageMap::new(vec![language("en"), language("es"), language("fr")]);
        map.add(0, "closure/x/");
        map.add(1, "es/closure/x/");
        map.add(0, "closure/y/");
        let urls = |n, url| -> Vec<(String, bool)> {
            map.alternates(n, url)
                .into_iter()
                .map(|a| (a.url, a.exists))
                .collect()
        };
        assert_eq!(
            urls(1, "es/closure/x/"),
            [
                ("closure/x/".to_string(), true),
                ("es/closure/x/".to_string(), true),
                ("fr/".to_string(), false)
            ]
        );
        assert_eq!(urls(0, "closure/y/")[1], ("es/".to_string(), false));
    }
}
