//! `hub.yaml`: the hub's settings, read and validated before anything else.
//!
//! In: the hub root. Out: a [`Config`] whose values are known to be usable
//! (ids unique, base URL absolute), or diagnostics naming the line to fix.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::i18n::Strings;

mod keys;
mod localized;
mod validate;
mod wording;

pub use localized::Localized;

/// The file name of a hub's settings.
pub const CONFIG_FILE: &str = "hub.yaml";

/// A hub's settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The hub's name, shown in every page header (read it with [`Config::title`]).
    pub title: Localized,
    /// One or two sentences about the hub, for the home page and search engines.
    #[serde(default)]
    pub description: Localized,
    /// Where the hub is published; used for canonical URLs, the feed and the sitemap.
    pub base_url: String,
    /// The content language, as a BCP 47 tag (`en`, `fr-CA`). With `languages`, the
    /// language of the site being built (the first of them for the default site).
    #[serde(default = "default_language")]
    pub language: String,
    /// The hub's languages, the default first (served at the root; the others under
    /// `/<id>/`). Empty for a hub in one language, which gives `language` alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    /// The theme folder under `themes/`; `default` needs no folder.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Who the hub is for, in the order navigation shows them.
    pub audiences: Vec<Audience>,
    /// The stages of a mentorship, in order.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// Links in every page footer.
    #[serde(default)]
    pub footer_links: Vec<FooterLink>,
    /// How readers reach the program.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// Pass raw HTML in Markdown through instead of escaping it.
    #[serde(default)]
    pub allow_html: bool,
    /// The paper size of downloaded Word documents.
    #[serde(default)]
    pub paper: Paper,
    /// Build the search index and show the search box (on unless set to false).
    #[serde(default = "default_search")]
    pub search: bool,
    /// The hub's own image in the page header, in place of the built-in signpost: a
    /// file in `content/` (`assets/logo.svg`), copied with the other files there.
    #[serde(default)]
    pub logo: Option<String>,
    /// The icon browsers show beside the page title: a file in `content/`; the
    /// built-in signpost when not set.
    #[serde(default)]
    pub favicon: Option<String>,
    /// Where staff edit a page's file: the address the file's path from `content/`
    /// is added to (`https://github.com/org/hub/edit/main/content/`). Each page then
    /// links to its own file there.
    #[serde(default)]
    pub edit_url: Option<String>,
    /// The interface strings of `language`: English until `load` reads the hub's
    /// (`i18n::load`); not a setting of hub.yaml.
    #[serde(skip, default = "crate::i18n::english")]
    pub strings: Arc<Strings>,
    /// The text of hub.yaml, so later stages can name the line of a value they check.
    #[serde(skip)]
    pub text: std::sync::Arc<str>,
}

/// A language the hub is written in.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// A BCP 47 tag: `es`, `fr-CA`; pages in it are `name.<id>.md`.
    pub id: String,
    /// The language's own name, for the language switcher: "Español".
    pub label: String,
}

/// Paper sizes for downloaded documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// US Letter, 8.5 × 11 inches.
    #[default]
    Letter,
    /// A4, 210 × 297 mm.
    A4,
}

/// One audience (mentors, mentees, staff…).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    pub id: String,
    pub label: Localized,
    #[serde(default)]
    pub description: Localized,
    /// Content paths of the pages this audience should read first.
    #[serde(default)]
    pub start_here: Vec<String>,
}

/// One phase of a mentorship.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub label: Localized,
    #[serde(default)]
    pub description: Localized,
}

/// A footer link: to a content page (`/faq/program-faq.md`) or any URL.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    /// One text, or one per language.
    pub label: Localized,
    pub url: String,
}

/// The program's contact details.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// One text, or one per language.
    #[serde(default)]
    pub text: Localized,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

fn default_language() -> String {
    "en".to_string()
}

fn default_search() -> bool {
    true
}

fn default_theme() -> String {
    "default".to_string()
}

impl Config {
    /// Reads and validates `hub.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let (config, problems) = Config::load_with_problems(root)?;
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems.into())
        }
    }

    /// Reads `hub.yaml` in `root` as far as it can: the settings with every problem
    /// found in them, so a build can go on to report the content's problems too.
    /// Fails only when no settings can be made at all (no file, broken YAML).
    pub fn load_with_problems(root: &Path) -> Result<(Config, Vec<Diagnostic>)> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(vec![Diagnostic::error(
                    PathBuf::from(CONFIG_FILE),
                    format!("no {CONFIG_FILE} in `{}`", root.display()),
                )
                .help(
                    "run `guidepost init` to start a hub, or pass --root with the hub's folder",
                )]
                .into());
            }
            Err(e) => return Err(Error::io("read", path, e)),
        };
        let text = String::from_utf8(text).map_err(|e| {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            Error::from(vec![Diagnostic::error(
                CONFIG_FILE,
                "the file is not valid UTF-8 text",
            )
            .at_line(line)
            .help(
                "save it as UTF-8 (text pasted from old word processors is often Windows-1252)",
            )])
        })?;
        Config::read(&text)
    }

    /// Parses and validates the text of a `hub.yaml`.
    pub fn parse(text: &str) -> Result<Config> {
        let (config, problems) = Config::read(text)?;
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems.into())
        }
    }

    /// Parses `text` into settings, leaving out unknown keys; returns them with every
    /// problem found (every unknown key, every invalid value). Fails when the YAML
    /// cannot be read or a value has the wrong type.
    pub fn read(text: &str) -> Result<(Config, Vec<Diagnostic>)> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
            Error::from(vec![wording::syntax(crate::yaml_problem::explain(
                text, &e,
            ))])
        })?;
        if !matches!(
            value,
            serde_yaml::Value::Mapping(_) | serde_yaml::Value::Null
        ) {
            let problem = crate::yaml_problem::not_a_mapping(text);
            return Err(vec![wording::syntax(problem)].into());
        }
        let slips: Vec<Diagnostic> = crate::yaml_problem::lint(text)
            .into_iter()
            .map(wording::syntax)
            .collect();
        let mut problems = keys::remove_unknown(&mut value, text);
        let config: std::result::Result<Config, _> = serde_yaml::from_value(value);
        let mut config = match config {
            Ok(config) if slips.is_empty() => config,
            Ok(_) => return Err(slips.into_iter().chain(problems).collect::<Vec<_>>().into()),
            // A slip explains the wrong shape it causes; report the slip alone.
            Err(_) if !slips.is_empty() => return Err(slips.into()),
            Err(e) => {
                // The text has the positions and the path of the setting; its first
                // error is an unknown key when there is one, already reported.
                let located = serde_yaml::from_str::<Config>(text)
                    .err()
                    .filter(|e| !e.to_string().contains("unknown field"))
                    .unwrap_or(e);
                // A required key that is only misspelt is reported once, as the typo.
                let typo = wording::missing_field(&located).is_some_and(|field| {
                    let help = format!("did you mean `{field}`?");
                    problems
                        .iter()
                        .any(|p| p.help.as_deref() == Some(help.as_str()))
                });
                if !typo {
                    problems.push(wording::shape(text, &located));
                }
                return Err(problems.into());
            }
        };
        config.text = text.into();
        problems.extend(config.validate(text));
        if let Some(first) = config.languages.first() {
            config.language = first.id.clone();
        }
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        Ok((config, problems))
    }

    /// Replaces `base_url` (from `--base-url`), checked like the one in hub.yaml.
    pub fn set_base_url(&mut self, url: &str) -> std::result::Result<(), Diagnostic> {
        if let Some((message, help)) = wording::base_url_problem(url) {
            return Err(Diagnostic::general(format!("--base-url: {message}")).help(help));
        }
        self.base_url = url.to_string();
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
        Ok(())
    }

    /// The hub's languages, the default first: `languages`, or `language` alone.
    pub fn language_list(&self) -> Vec<Language> {
        if self.languages.is_empty() {
            vec![Language {
                id: self.language.clone(),
                label: self.language.clone(),
            }]
        } else {
            self.languages.clone()
        }
    }

    /// The line of hub.yaml that holds the last of `anchors`, each found on a line
    /// below the one before: `["footer_links", "/faq/a.md"]` is the line of that link.
    pub fn line_of(&self, anchors: &[&str]) -> Option<usize> {
        let lines: Vec<&str> = self.text.lines().collect();
        let mut next = 0;
        for anchor in anchors {
            let found = next + lines.get(next..)?.iter().position(|l| l.contains(anchor))?;
            next = found + 1;
        }
        (!anchors.is_empty()).then_some(next)
    }

    /// The audience with this id.
    pub fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|a| a.id == id)
    }

    /// The phase with this id.
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }
}

const ID_HELP: &str = "ids are lowercase letters, digits and dashes, like `getting-started`";

/// True for ids made of lowercase ASCII letters, digits and single dashes.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The 1-based line where a top-level `key:` appears in YAML text.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// serde_yaml's message without its trailing " at line L column C" (we show that ourselves).
pub fn yaml_message(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(i) if error.location().is_some() => message[..i].to_string(),
        _ => message,
    }
}

#[cfg(test)]
mod tests;
