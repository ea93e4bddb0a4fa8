//! Interface strings: every word the theme shows readers ("Skip to content", "min
//! read", the month names), in the language of the site being built.
//!
//! In: the hub root and the site's language id. Out: that language's [`Strings`], and
//! a warning naming the strings no table gives. English, Spanish and French are built
//! in (`src/i18n/*.yaml`); a hub adds a language or changes some words with
//! `i18n/<id>.yaml` in its folder. A language with no table of its own (`fr-CA` uses
//! `fr`'s) shows the English words where its hub table is silent.

mod entry;
mod filters;
mod keys;
mod plural;
mod table;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use filters::{Fill, Parts};
pub use keys::{key, Key, Kind, Months, Strings, Table, KEYS, SCRIPT_KEYS};
pub use plural::{category, Plural};
pub use table::read;

use crate::date::Date;
use crate::diagnostic::Diagnostic;

/// The folder of a hub's strings files.
pub const I18N_DIR: &str = "i18n";

/// The built-in tables by language id, English first.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("i18n/en.yaml")),
    ("es", include_str!("i18n/es.yaml")),
    ("fr", include_str!("i18n/fr.yaml")),
];

/// The built-in tables, read once.
fn built_in() -> &'static [(&'static str, Table)] {
    static TABLES: OnceLock<Vec<(&'static str, Table)>> = OnceLock::new();
    TABLES.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|(id, text)| {
                let (table, problems) = read(text, Path::new(id));
                assert!(problems.is_empty(), "the built-in {id} table: {problems:?}");
                (*id, table)
            })
            .collect()
    })
}

/// The built-in table for `language`: its own, or that of its first part (`fr` for
/// `fr-CA`).
fn built_in_for(language: &str) -> Option<&'static Table> {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    let find = |id: &str| {
        built_in()
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(id))
            .map(|(_, table)| table)
    };
    find(language).or_else(|| find(primary))
}

/// The English strings, which fill whatever another language's tables leave out.
pub fn english() -> Arc<Strings> {
    english_arc().clone()
}

/// The English strings, borrowed for the life of the program.
pub fn english_ref() -> &'static Strings {
    english_arc()
}

fn english_arc() -> &'static Arc<Strings> {
    static ENGLISH: OnceLock<Arc<Strings>> = OnceLock::new();
    ENGLISH.get_or_init(|| Arc::new(merged("en", "en", &Table::default())))
}

/// The strings of `language` from its built-in table and `hub`, English filling the rest.
fn merged(language: &str, fallback: &str, hub: &Table) -> Strings {
    let english = built_in_for("en").expect("English is built in");
    let own = built_in_for(language)
        .or_else(|| built_in_for(fallback))
        .unwrap_or(english);
    Table::merge(language, &[english, own, hub]).expect("the English table has every key")
}

/// The strings of the hub at `root` in `language`, with the problems of its strings
/// file (errors) and the strings it lacks (one warning).
pub fn load(root: &Path, language: &str) -> (Strings, Vec<Diagnostic>) {
    load_with_fallback(root, language, "en")
}

/// Like [`load`], for a language of a hub whose default language is `fallback`: where
/// no table gives a string, the default language's built-in one is used (English where
/// there is none).
pub fn load_with_fallback(
    root: &Path,
    language: &str,
    fallback: &str,
) -> (Strings, Vec<Diagnostic>) {
    let shown = PathBuf::from(format!("{I18N_DIR}/{language}.yaml"));
    let (hub, mut problems) = match std::fs::read(root.join(&shown)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => read(&text, &shown),
            Err(_) => (
                Table::default(),
                vec![Diagnostic::error(&shown, "the file is not valid UTF-8")
                    .help("save it as UTF-8")],
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Table::default(), Vec::new()),
        Err(e) => (
            Table::default(),
            vec![
                Diagnostic::error(&shown, format!("cannot read the strings file: {e}"))
                    .help("check that you can read it"),
            ],
        ),
    };
    if built_in_for(language).is_none() {
        let given = hub.given();
        let missing: Vec<&str> = KEYS
            .iter()
            .map(|k| k.name)
            .filter(|k| !given.contains(k))
            .collect();
        if !missing.is_empty() {
            let shown_in = match built_in_for(fallback) {
                Some(_) if !fallback.eq_ignore_ascii_case("en") => {
                    format!("the hub's default language (`{fallback}`)")
                }
                _ => "English".to_string(),
            };
            problems.push(missing_warning(&shown, language, &shown_in, &missing));
        }
    }
    (merged(language, fallback, &hub), problems)
}

/// The warning for strings no table gives in `language`, with the English lines to
/// translate into its file.
fn missing_warning(file: &Path, language: &str, shown_in: &str, missing: &[&str]) -> Diagnostic {
    let count = match missing.len() {
        1 => "1 interface string has".to_string(),
        n => format!("{n} interface strings have"),
    };
    let english = BUILT_IN[0].1;
    let lines: Vec<String> = missing
        .iter()
        .map(|key| english_lines(english, key))
        .collect();
    Diagnostic::warning(
        file,
        format!(
            "{count} no `{language}` text, so pages show them in {shown_in}: {}",
            missing.join(", ")
        ),
    )
    .help(format!(
        "add them to {} in `{language}`; in English they read:\n    {}",
        file.display(),
        lines.join("\n").replace('\n', "\n    ")
    ))
}

/// The lines of `key` in a table's text: its own and the indented ones after it.
fn english_lines(text: &str, key: &str) -> String {
    let mut lines = text.lines().skip_while(|l| {
        !l.strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
    });
    let mut out: Vec<&str> = lines.next().into_iter().collect();
    out.extend(lines.take_while(|l| l.starts_with(' ')));
    out.join("\n")
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_string(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

impl Strings {
    /// A date as this language writes it: "November 20, 2026", "20 de noviembre de 2026".
    pub fn date(&self, date: Date) -> String {
        let pattern = match date.day {
            1 => &self.date_first_day,
            _ => &self.date,
        };
        let month = self.months.0.get(date.month as usize - 1);
        fill(
            pattern,
            &[
                ("day", &date.day.to_string()),
                ("month", month.map_or("", String::as_str)),
                ("year", &date.year.to_string()),
            ],
        )
    }

    /// A number with one decimal, written with this language's decimal point.
    pub fn tenths(&self, value: f64) -> String {
        format!("{value:.1}").replace('.', &self.decimal_point)
    }

    /// The script that gives the page scripts their strings (`theme/i18n/<id>.js`): it
    /// sets `window.GuidepostStrings` to the strings they use, by key.
    pub fn script(&self) -> String {
        let all = serde_json::to_value(self).expect("strings serialise");
        let used: serde_json::Map<String, serde_json::Value> = SCRIPT_KEYS
            .iter()
            .filter_map(|&k| Some((k.to_string(), all.get(k)?.clone())))
            .collect();
        format!(
            "// The words the hub's scripts show, in `{}`; written by the build from its strings.\nwindow.GuidepostStrings = {};\n",
            self.language.replace(['\n', '\r'], ""),
            serde_json::Value::Object(used)
        )
    }
}

#[cfg(test)]
mod tests;
