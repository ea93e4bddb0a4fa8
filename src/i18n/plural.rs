//! Counted texts ("1 page", "3 pages"): their forms, and which form a number takes in
//! a language, by the categories of the Unicode plural rules (zero, one, two, few,
//! many, other) for the languages whose rules we know; any other language takes `one`
//! for 1 and `other` for the rest, as English does.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The plural categories a table may give, `other` last (it is required).
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A text with a form per plural category; `{n}` in it stands for the count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plural {
    /// The language whose rule picks the form (set when the strings are put together).
    pub language: String,
    /// The forms by category, in the order of `CATEGORIES`; `other` is always there.
    pub forms: [Option<String>; 6],
}

impl Plural {
    /// One text for every count.
    pub fn same(text: String) -> Plural {
        let mut plural = Plural::default();
        plural.forms[5] = Some(text);
        plural
    }

    /// The form `n` takes.
    pub fn form(&self, n: u64) -> &str {
        let wanted = CATEGORIES
            .iter()
            .position(|&c| c == category(&self.language, n))
            .unwrap_or(5);
        self.forms[wanted]
            .as_deref()
            .or(self.forms[5].as_deref())
            .unwrap_or("")
    }

    /// The form `n` takes, with `{n}` replaced by it.
    pub fn count(&self, n: u64) -> String {
        self.form(n).replace("{n}", &n.to_string())
    }
}

/// Templates receive the forms by category, with the language as `rule`, so the
/// theme's `fill` filter can pick the form for a count.
impl Serialize for Plural {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (category, form) in CATEGORIES.iter().zip(&self.forms) {
            if let Some(form) = form {
                map.serialize_entry(category, form)?;
            }
        }
        map.serialize_entry("rule", &self.language)?;
        map.end()
    }
}

/// The plural category of the whole number `n` in `language` (a language id such as
/// `fr` or `pt-BR`; only its first part counts).
pub fn category(language: &str, n: u64) -> &'static str {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    let (ten, hundred) = (n % 10, n % 100);
    let slavic_few = (2..=4).contains(&ten) && !(12..=14).contains(&hundred);
    match primary {
        // No plural forms.
        "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" | "lo" | "my" | "km" | "yo" => "other",
        // 0 and 1 are singular.
        "fr" | "pt" | "hy" | "kab" | "ff" => match n {
            0 | 1 => "one",
            _ => "other",
        },
        "ar" => match (n, hundred) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        "ru" | "uk" | "be" => match () {
            _ if ten == 1 && hundred != 11 => "one",
            _ if slavic_few => "few",
            _ => "many",
        },
        "pl" => match () {
            _ if n == 1 => "one",
            _ if slavic_few => "few",
            _ => "many",
        },
        "cs" | "sk" => match n {
            1 => "one",
            2..=4 => "few",
            _ => "other",
        },
        "he" => match n {
            1 => "one",
            2 => "two",
            _ => "other",
        },
        _ => match n {
            1 => "one",
            _ => "other",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(language: &str, pairs: &[(&str, &str)]) -> Plural {
        let mut plural = Plural {
            language: language.to_string(),
            ..Plural::default()
        };
        for (category, text) in pairs {
            let at = CATEGORIES.iter().position(|c| c == category).unwrap();
            plural.forms[at] = Some(text.to_string());
        }
        plural
    }

    #[test]
    fn english_and_spanish_make_one_singular_and_french_zero_too() {
        let pages = [("one", "{n} page"), ("other", "{n} pages")];
        let en = forms("en", &pages);
        assert_eq!(
            [en.count(0), en.count(1), en.count(2)],
            ["0 pages", "1 page", "2 pages"]
        );
        let fr = forms("fr-CA", &pages);
        assert_eq!(
            [fr.count(0), fr.count(1), fr.count(2)],
            ["0 page", "1 page", "2 pages"]
        );
        let es = forms("es", &[("one", "{n} página"), ("other", "{n} páginas")]);
        assert_eq!(es.count(1), "1 página");
        assert_eq!(es.count(11), "11 páginas");
    }

    #[test]
    fn languages_with_more_forms_fall_back_to_other_where_a_form_is_missing() {
        let ar = forms(
            "ar",
            &[("zero", "z"), ("two", "t"), ("few", "f"), ("other", "o")],
        );
        let picked: Vec<&str> = [0, 1, 2, 3, 11, 100, 103]
            .iter()
            .map(|&n| ar.form(n))
            .collect();
        assert_eq!(picked, ["z", "o", "t", "f", "o", "o", "f"]);
        assert_eq!(
            [1, 2, 5, 11, 21, 22, 112].map(|n| category("ru", n)),
            ["one", "few", "many", "many", "one", "few", "many"]
        );
        assert_eq!(category("zh", 1), "other");
        assert_eq!(Plural::same("{n} min".into()).count(1), "1 min");
    }
}
