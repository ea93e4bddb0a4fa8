//! A text in `hub.yaml` given once for every language (`label: Mentors`) or per
//! language (`label: {en: Mentors, es: Mentores}`), and the check that the languages
//! it names are the hub's.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::Config;

/// A text given once, or by language id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Localized {
    /// The same text in every language.
    One(String),
    /// A text per language id.
    PerLanguage(BTreeMap<String, String>),
}

impl Default for Localized {
    fn default() -> Localized {
        Localized::One(String::new())
    }
}

impl From<&str> for Localized {
    fn from(text: &str) -> Localized {
        Localized::One(text.to_string())
    }
}

impl Localized {
    /// The text in `language`, else in `fallback` (the hub's default language), else
    /// the first one given.
    pub fn pick(&self, language: &str, fallback: &str) -> &str {
        match self {
            Localized::One(text) => text,
            Localized::PerLanguage(texts) => texts
                .get(language)
                .or_else(|| texts.get(fallback))
                .or_else(|| texts.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The language ids it is given in (none for one text for all).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        let ids = match self {
            Localized::One(_) => None,
            Localized::PerLanguage(texts) => Some(texts.keys().map(String::as_str)),
        };
        ids.into_iter().flatten()
    }

    /// True when it has no text but blanks in any language.
    pub fn is_blank(&self) -> bool {
        match self {
            Localized::One(text) => text.trim().is_empty(),
            Localized::PerLanguage(texts) => texts.values().all(|t| t.trim().is_empty()),
        }
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Localized, D::Error> {
        struct Text;
        impl<'de> Visitor<'de> for Text {
            type Value = Localized;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text, or texts by language id such as `{en: Mentors, es: Mentores}`")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Localized, E> {
                Ok(Localized::One(text.to_string()))
            }

            // A number or yes/no written plainly is read as its text, as for any other text.
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Localized, E> {
                Ok(Localized::One(n.to_string()))
            }

            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Localized, E> {
                Ok(Localized::One(n.to_string()))
            }

            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Localized, E> {
                Ok(Localized::One(n.to_string()))
            }

            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Localized, E> {
                Ok(Localized::One(b.to_string()))
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Localized, M::Error> {
                let mut texts = BTreeMap::new();
                while let Some((language, text)) = map.next_entry::<String, String>()? {
                    texts.insert(language, text);
                }
                Ok(Localized::PerLanguage(texts))
            }
        }
        deserializer.deserialize_any(Text)
    }
}

/// The hub's languages, and its texts in the language of the site being built.
impl Config {
    /// The hub's language ids, the default first.
    pub fn languages(&self) -> Vec<&str> {
        if self.languages.is_empty() {
            vec![self.language.as_str()]
        } else {
            self.languages.iter().map(|l| l.id.as_str()).collect()
        }
    }

    /// A text of hub.yaml in the language of the site being built.
    pub fn local<'a>(&self, text: &'a Localized) -> &'a str {
        text.pick(&self.language, self.languages()[0])
    }

    /// The hub's title in the language of the site being built.
    pub fn title(&self) -> &str {
        self.local(&self.title)
    }
}

/// The problems of every text of `config` given per language, each with the top-level
/// key it is under, what is wrong and how to fix it: a language the hub does not have,
/// or no text in the hub's default language.
pub(super) fn language_problems(config: &Config) -> Vec<(&'static str, String, String)> {
    let mut texts = vec![
        ("title", "`title`".to_string(), &config.title),
        (
            "description",
            "`description`".to_string(),
            &config.description,
        ),
    ];
    for a in &config.audiences {
        let of = format!("of audience `{}`", a.id);
        texts.push(("audiences", format!("`label` {of}"), &a.label));
        texts.push(("audiences", format!("`description` {of}"), &a.description));
    }
    for link in &config.footer_links {
        texts.push((
            "footer_links",
            format!("the footer link to `{}`", link.url),
            &link.label,
        ));
    }
    if let Some(contact) = &config.contact {
        texts.push(("contact", "`text` of `contact`".to_string(), &contact.text));
    }
    for p in &config.phases {
        let of = format!("of phase `{}`", p.id);
        texts.push(("phases", format!("`label` {of}"), &p.label));
        texts.push(("phases", format!("`description` {of}"), &p.description));
    }
    let languages = config.languages();
    texts
        .into_iter()
        .filter_map(|(key, what, text)| {
            let (message, help) = language_problem(&languages, &what, text)?;
            Some((key, message, help))
        })
        .collect()
}

fn language_problem(languages: &[&str], what: &str, text: &Localized) -> Option<(String, String)> {
    let listed: Vec<String> = languages.iter().map(|l| format!("`{l}`")).collect();
    let hub_has = match listed.as_slice() {
        [one] => format!("the hub's language is {one}"),
        many => format!("the hub's languages are {}", many.join(", ")),
    };
    if let Some(other) = text.languages().find(|l| !languages.contains(l)) {
        return Some((
            format!("{what} is given in `{other}`, which is not a language of the hub"),
            format!("{hub_has}; fix the id or remove that text"),
        ));
    }
    let default = languages[0];
    let per_language = matches!(text, Localized::PerLanguage(_));
    (per_language && !text.languages().any(|l| l == default)).then(|| {
        (
            format!("{what} has no `{default}` text"),
            format!("add `{default}: …` to it ({hub_has}), or write it as one text"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_text_or_texts_by_language() {
        let one: Localized = serde_yaml::from_str("Mentors").unwrap();
        assert_eq!(one.pick("es", "es"), "Mentors");
        let two: Localized = serde_yaml::from_str("{en: Mentors, es: Mentores}").unwrap();
        assert_eq!(two.pick("es", "en"), "Mentores");
        assert_eq!(two.pick("fr", "en"), "Mentors");
        assert_eq!(two.languages().collect::<Vec<_>>(), ["en", "es"]);
        let none: Localized = serde_yaml::from_str("{}").unwrap();
        assert_eq!(
            language_problem(&["es"], "`label`", &none),
            Some((
                "`label` has no `es` text".to_string(),
                "add `es: …` to it (the hub's language is `es`), or write it as one text"
                    .to_string()
            ))
        );
        let wrong = serde_yaml::from_str::<Localized>("[Mentors]").unwrap_err();
        assert!(
            wrong
                .to_string()
                .contains("a text, or texts by language id"),
            "{wrong}"
        );
    }
}
