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

pub use localized::{is_language_tag, Localized};

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
    /// The content language, as a BCP 47 tag (`en`, `fr-CA`).
    #[serde(default = "default_language")]
    pub language: String,
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
    /// The interface strings of `language`: English until `load` reads the hub's
    /// (`i18n::load`); not a setting of hub.yaml.
    #[serde(skip, default = "crate::i18n::english")]
    pub strings: Arc<Strings>,
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
    pub label: String,
    pub url: String,
}

/// The program's contact details.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub text: String,
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
            Error::from(vec![Diagnostic::error(
                CONFIG_FILE,
                "the file is not valid UTF-8",
            )
            .help(format!(
                "save it as UTF-8 (the first bad byte is at offset {})",
                e.utf8_error().valid_up_to()
            ))])
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
        let syntax = |e: serde_yaml::Error| {
            let (message, help) = explain(&yaml_message(&e));
            let mut d = Diagnostic::error(CONFIG_FILE, message);
            if let Some(loc) = e.location() {
                d = d.at(loc.line(), loc.column());
            }
            Error::from(vec![d.help(help)])
        };
        let mut value: serde_yaml::Value = serde_yaml::from_str(text).map_err(syntax)?;
        let mut problems = keys::remove_unknown(&mut value, text);
        let mut config: Config = match serde_yaml::from_value(value) {
            Ok(config) => config,
            // Locations come from the text, so parse it again for the message.
            Err(e) => {
                // The text has the positions; while it still holds unknown keys, its
                // first error would be one of those, already reported.
                let located = match problems.is_empty() {
                    true => serde_yaml::from_str::<Config>(text).err().unwrap_or(e),
                    false => e,
                };
                let mut error = syntax(located);
                if let Error::Invalid { diagnostics } = &mut error {
                    problems.append(diagnostics);
                    *diagnostics = problems;
                }
                return Err(error);
            }
        };
        problems.extend(config.validate(text));
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        Ok((config, problems))
    }

    /// Replaces `base_url` (from `--base-url`), checked like the one in hub.yaml.
    pub fn set_base_url(&mut self, url: &str) -> std::result::Result<(), Diagnostic> {
        if let Some((message, help)) = base_url_problem(url) {
            return Err(Diagnostic::general(format!("--base-url: {message}")).help(help));
        }
        self.base_url = url.to_string();
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
        Ok(())
    }

    fn validate(&self, text: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut problem = |key: &str, message: String, help: &str| {
            let mut d = Diagnostic::error(CONFIG_FILE, message).help(help);
            if let Some(line) = key_line(text, key) {
                d = d.at_line(line);
            }
            problems.push(d);
        };
        if self.title.is_blank() {
            problem("title", "`title` is empty".into(), "give the hub a name");
        }
        if let Some((message, help)) = base_url_problem(&self.base_url) {
            problem("base_url", message, help);
        }
        if self.audiences.is_empty() {
            problem(
                "audiences",
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
                "audiences",
                format!("audience id `{bad}` is not a valid id"),
                ID_HELP,
            );
        }
        for dup in ids(self.audiences.iter().map(|a| a.id.as_str()).collect()) {
            problem(
                "audiences",
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
                "phases",
                format!("phase id `{bad}` is not a valid id"),
                ID_HELP,
            );
        }
        for dup in ids(self.phases.iter().map(|p| p.id.as_str()).collect()) {
            problem(
                "phases",
                format!("phase `{dup}` is listed twice"),
                "keep one of them",
            );
        }
        if !is_language_tag(&self.language) {
            problem(
                "language",
                format!(
                    "`language` must be a language id such as `en`, `es` or `fr-CA`, not `{}`",
                    self.language
                ),
                "write the language's code: letters, then any region or script after a dash",
            );
        }
        for (key, message, help) in localized::language_problems(self) {
            problem(key, message, &help);
        }
        problems
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

/// What is wrong with a base URL, if anything: it must be an absolute http(s) address
/// with a host, and nothing a page's markup or a feed reader could misread.
fn base_url_problem(url: &str) -> Option<(String, &'static str)> {
    let help = "write the address the hub is published at, like https://example.org/hub/";
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    if host.is_none_or(str::is_empty) {
        return Some((
            format!("`base_url` must be an absolute http(s) URL, not `{url}`"),
            help,
        ));
    }
    if let Some(c) = url.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
    }) {
        return Some((
            format!(
                "`base_url` holds `{}`, which cannot be part of a web address",
                c.escape_default()
            ),
            help,
        ));
    }
    None
}

const ID_HELP: &str = "ids are lowercase letters, digits and dashes, like `getting-started`";

/// Says serde's "unknown field" in the words the README uses, with the nearest key.
fn explain(message: &str) -> (String, String) {
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'));
    if let Some((key, rest)) = unknown {
        let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        let help = match crate::text::suggest(key, expected.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        };
        return (format!("unknown key `{key}`"), help);
    }
    (
        message.to_string(),
        "check the YAML syntax and the setting names in the README's hub.yaml section".to_string(),
    )
}

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
