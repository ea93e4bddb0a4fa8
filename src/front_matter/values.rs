//! Converts one YAML value to the type its key needs, or explains what to write instead.

use serde_yaml::Value;

use crate::date::Date;
use crate::front_matter::{is_field_name, Field};
use crate::text::suggest;

use super::describe;
use super::reader::Parser;

impl Parser<'_> {
    pub(super) fn text(&mut self, key: &str, value: &Value, line: usize) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Null => {
                self.problem(
                    line,
                    format!("`{key}` is empty"),
                    format!("write a value after `{key}:` or remove the line"),
                );
                None
            }
            Value::Number(_) | Value::Bool(_) => {
                let literal = serde_yaml::to_string(value).unwrap_or_default();
                self.problem(
                    line,
                    format!("`{key}` must be text, not {}", describe(value)),
                    format!("put it in quotes: {key}: \"{}\"", literal.trim()),
                );
                None
            }
            _ => {
                self.problem(
                    line,
                    format!("`{key}` must be text, not {}", describe(value)),
                    format!("write it on one line: {key}: your text"),
                );
                None
            }
        }
    }

    pub(super) fn list(&mut self, key: &str, value: &Value, line: usize) -> Vec<String> {
        match value {
            Value::String(s) => vec![s.clone()],
            Value::Sequence(items) => items
                .iter()
                .filter_map(|item| match item {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    other => {
                        self.problem(
                            line,
                            format!("`{key}` lists {}, which is not text", describe(other)),
                            format!("write the list as {key}: [first, second]"),
                        );
                        None
                    }
                })
                .collect(),
            Value::Null => Vec::new(),
            other => {
                self.problem(
                    line,
                    format!("`{key}` must be a list, not {}", describe(other)),
                    format!("write the list as {key}: [first, second]"),
                );
                Vec::new()
            }
        }
    }

    pub(super) fn flag(&mut self, key: &str, value: &Value, line: usize) -> bool {
        match value {
            Value::Bool(b) => *b,
            other => {
                self.problem(
                    line,
                    format!("`{key}` must be true or false, not {}", describe(other)),
                    format!("write `{key}: true` or `{key}: false`"),
                );
                false
            }
        }
    }

    pub(super) fn date(&mut self, key: &str, value: &Value, line: usize) -> Option<Date> {
        let parsed = match value {
            Value::String(s) => Date::parse(s.trim()),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(
                line,
                format!(
                    "`{key}` must be a date written YYYY-MM-DD, not {}",
                    describe(value)
                ),
                format!("write a real calendar date, like `{key}: 2026-11-25`"),
            );
        }
        parsed
    }

    pub(super) fn fields(&mut self, value: &Value, line: usize) -> Vec<Field> {
        let Value::Sequence(items) = value else {
            self.problem(
                line,
                format!("`fields` must be a list, not {}", describe(value)),
                FIELD_HELP,
            );
            return Vec::new();
        };
        let mut fields: Vec<Field> = Vec::new();
        for item in items {
            let Value::Mapping(map) = item else {
                self.problem(
                    line,
                    format!("each field must be a mapping, not {}", describe(item)),
                    FIELD_HELP,
                );
                continue;
            };
            let get = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
            for key in map.keys() {
                let key = key.as_str().unwrap_or("?");
                if !["name", "label", "example"].contains(&key) {
                    let help = match suggest(key, ["name", "label", "example"]) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "a field has `name`, `label` and `example`".to_string(),
                    };
                    let l = self.item_line(key).unwrap_or(line);
                    self.problem(l, format!("unknown field key `{key}`"), help);
                }
            }
            let Some(name) = get("name") else {
                self.problem(line, "a field has no `name`", FIELD_HELP);
                continue;
            };
            let l = self.field_line(&name, line).unwrap_or(line);
            if !is_field_name(&name) {
                self.problem(
                    l,
                    format!("field name `{name}` is not a valid placeholder name"),
                    "use lowercase letters, digits and underscores, starting with a letter and ending with a letter or digit, like `mentee_name`",
                );
            }
            if fields.iter().any(|f| f.name == name) {
                self.problem(
                    l,
                    format!("field `{name}` is declared twice"),
                    "keep one of them",
                );
            }
            let label = get("label").unwrap_or_else(|| {
                self.problem(
                    l,
                    format!("field `{name}` has no `label`"),
                    "add a label the reader sees, like `label: \"Mentee's name\"`",
                );
                String::new()
            });
            fields.push(Field {
                label,
                example: get("example").unwrap_or_default(),
                name,
                line: l,
            });
        }
        fields
    }

    /// The file line at or after `from` where `name: <name>` declares a field.
    fn field_line(&self, name: &str, from: usize) -> Option<usize> {
        let declares = |text: &str| {
            text.match_indices("name:").any(|(at, _)| {
                let value = text[at + 5..].trim_start();
                let value = value.trim_start_matches(['"', '\'']);
                value.strip_prefix(name).is_some_and(|rest| {
                    rest.is_empty() || rest.starts_with([',', '}', '"', '\'', ' '])
                })
            })
        };
        self.split
            .yaml
            .lines()
            .enumerate()
            .map(|(i, text)| (i + self.split.yaml_line, text))
            .find(|&(n, text)| n >= from && declares(text))
            .map(|(n, _)| n)
    }
}

const FIELD_HELP: &str =
    "declare fields like:\nfields:\n  - {name: mentee_name, label: \"Mentee's name\", example: Jordan}";
