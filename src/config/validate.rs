//! The checks `hub.yaml` must pass beyond its shape: a title, web addresses that are
//! addresses, ids that are ids, languages that are language tags.
//!
//! In: the parsed settings and the file's text (for lines). Out: every problem found.

use super::{is_id, key_line, localized, wording, Config, CONFIG_FILE, ID_HELP};
use crate::diagnostic::Diagnostic;

impl Config {
    /// Every problem with the settings, each at its line of hub.yaml.
    pub(super) fn validate(&self, text: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        // At the line of `anchors` (a key, then the entry's text), else of the key.
        let mut problem = |anchors: &[&str], message: String, help: &str| {
            let line = self
                .line_of(anchors)
                .filter(|_| anchors.len() > 1)
                .or_else(|| key_line(text, anchors[0]))
                .unwrap_or(1);
            problems.push(
                Diagnostic::error(CONFIG_FILE, message)
                    .help(help)
                    .at_line(line),
            );
        };
        if self.title.is_blank() {
            problem(&["title"], "`title` is empty".into(), "give the hub a name");
        }
        if let Some((message, help)) = wording::base_url_problem(&self.base_url) {
            problem(&["base_url"], message, help);
        }
        if let Some(url) = &self.edit_url {
            if let Some((message, help)) = wording::edit_url_problem(url) {
                problem(&["edit_url"], message, help);
            }
        }
        if self.audiences.is_empty() {
            problem(
                &["audiences"],
                "`audiences` is empty".into(),
                "list at least one audience, e.g. `- {id: mentor, label: Mentors}`",
            );
        }
        let ids = |list: Vec<&str>| -> Vec<String> {
            let mut seen = std::collections::HashSet::new();
            list.into_iter()
                .filter(|id| !seen.insert(*id))
                .map(str::to_string)
                .collect()
        };
        for bad in self
            .audiences
            .iter()
            .map(|a| a.id.as_str())
            .filter(|id| !is_id(id))
        {
            problem(
                &["audiences", bad],
                format!("audience id `{bad}` is not a valid id"),
                ID_HELP,
            );
        }
        for dup in ids(self.audiences.iter().map(|a| a.id.as_str()).collect()) {
            problem(
                &["audiences", &format!("id: {dup}"), &format!("id: {dup}")],
                format!("audience `{dup}` is listed twice"),
                "keep one of them",
            );
        }
        for bad in self
            .phases
            .iter()
            .map(|p| p.id.as_str())
            .filter(|id| !is_id(id))
        {
            problem(
                &["phases", bad],
                format!("phase id `{bad}` is not a valid id"),
                ID_HELP,
            );
        }
        for dup in ids(self.phases.iter().map(|p| p.id.as_str()).collect()) {
            problem(
                &["phases", &format!("id: {dup}"), &format!("id: {dup}")],
                format!("phase `{dup}` is listed twice"),
                "keep one of them",
            );
        }
        for bad in self
            .languages
            .iter()
            .filter(|l| !crate::language_tag::is_language_tag(&l.id))
        {
            problem(
                &["languages", &format!("id: {}", bad.id)],
                format!("language id `{}` is not a language tag", bad.id),
                "use a language's two-letter code, like `es` or `fr`, optionally with a region: `pt-BR`",
            );
        }
        for dup in ids(self.languages.iter().map(|l| l.id.as_str()).collect()) {
            problem(
                &["languages", &format!("id: {dup}"), &format!("id: {dup}")],
                format!("language `{dup}` is listed twice"),
                "keep one of them",
            );
        }
        if self.languages.len() > 64 {
            problem(
                &["languages"],
                format!(
                    "`languages` lists {} languages; a hub can have 64 at most",
                    self.languages.len()
                ),
                "keep the languages your readers use",
            );
        }
        if let Some(first) = self.languages.first() {
            if key_line(text, "language").is_some() && self.language != first.id {
                problem(
                    &["language"],
                    format!("`language: {}` differs from the first of `languages` (`{}`)", self.language, first.id),
                    "remove `language`: with `languages`, the first one is the hub's default language",
                );
            }
        }
        if !crate::language_tag::is_language_tag(&self.language) {
            problem(
                &["language"],
                format!(
                    "`language` must be a language id such as `en`, `es` or `fr-CA`, not `{}`",
                    self.language
                ),
                "write the language's code: letters, then any region or script after a dash",
            );
        }
        for (key, message, help) in localized::language_problems(self) {
            problem(&[key], message, &help);
        }
        problems
    }
}
