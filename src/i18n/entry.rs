//! What a key's value can be: a text, a text with forms by count, or the month names;
//! and how each type a key holds is made from a value a strings file gave.

use serde::Serialize;

use super::plural::Plural;

/// The twelve month names, January first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Months(pub Vec<String>);

/// A key's value, checked against what the key holds.
pub(super) enum Value {
    Text(String),
    Forms(Plural),
    Months(Months),
}

/// A type a key can hold, made from a checked [`Value`].
pub(super) trait Entry: Sized {
    fn from_value(value: Value) -> Option<Self>;
    /// Learns the language of the strings it is part of (plural texts need it).
    fn for_language(&mut self, _language: &str) {}
}

impl Entry for String {
    fn from_value(value: Value) -> Option<String> {
        match value {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl Entry for Plural {
    fn from_value(value: Value) -> Option<Plural> {
        match value {
            Value::Text(text) => Some(Plural::same(text)),
            Value::Forms(plural) => Some(plural),
            Value::Months(_) => None,
        }
    }

    fn for_language(&mut self, language: &str) {
        self.language = language.to_string();
    }
}

impl Entry for Months {
    fn from_value(value: Value) -> Option<Months> {
        match value {
            Value::Months(months) => Some(months),
            _ => None,
        }
    }
}
