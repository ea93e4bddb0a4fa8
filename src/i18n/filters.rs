//! The theme's filters for interface strings, so templates can put words together in
//! any language's order:
//!
//! - `{{ t.for_audience | fill(audience=…) }}` replaces each `{name}` with its value; a
//!   counted text also takes `n`, which picks its plural form (`t.min_read | fill(n=3)`).
//! - `{% for p in t.updated | parts %}` cuts a text at its placeholders, for templates
//!   that put markup in their place: each piece is `{text, slot}`, `slot` being the
//!   placeholder's name (`date`) or empty for words. A counted text takes `n`.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::plural::category;
use super::table::placeholders_in;

/// `fill`: a string with its placeholders replaced.
pub struct Fill;

/// `parts`: a string cut into words and placeholders.
pub struct Parts;

impl tera::Filter for Fill {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let mut text = chosen(value, args, "fill")?;
        // In name order, so the result does not depend on the map's.
        let mut names: Vec<&String> = args.keys().collect();
        names.sort();
        for name in names {
            text = text.replace(&format!("{{{name}}}"), &shown(name, &args[name])?);
        }
        Ok(Value::String(text))
    }
}

impl tera::Filter for Parts {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = chosen(value, args, "parts")?;
        let mut pieces = Vec::new();
        let mut rest = text.as_str();
        for name in placeholders_in(&text) {
            let marker = format!("{{{name}}}");
            let Some(at) = rest.find(&marker) else {
                continue;
            };
            if at > 0 {
                pieces.push(json!({"text": &rest[..at], "slot": ""}));
            }
            pieces.push(json!({"text": "", "slot": name}));
            rest = &rest[at + marker.len()..];
        }
        if !rest.is_empty() {
            pieces.push(json!({"text": rest, "slot": ""}));
        }
        Ok(Value::Array(pieces))
    }
}

/// The text a filter works on: a string as it is, or the form of a counted text that
/// the count `n` takes.
fn chosen(value: &Value, args: &HashMap<String, Value>, filter: &str) -> tera::Result<String> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Object(forms) => {
            let n = args.get("n").and_then(Value::as_u64).ok_or_else(|| {
                tera::Error::msg(format!(
                    "a counted text needs its count: `{filter}(n=…)` with a whole number"
                ))
            })?;
            let rule = forms.get("rule").and_then(Value::as_str).unwrap_or("en");
            forms
                .get(category(rule, n))
                .or_else(|| forms.get("other"))
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| {
                    tera::Error::msg(format!(
                        "`{filter}` found a counted text without an `other` form"
                    ))
                })
        }
        other => Err(tera::Error::msg(format!(
            "`{filter}` works on an interface string (such as `t.min_read`), not on {other}"
        ))),
    }
}

/// A filter argument as the text that replaces its placeholder.
fn shown(name: &str, value: &Value) -> tera::Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(tera::Error::msg(format!(
            "`fill` cannot put {other} in place of `{{{name}}}`: give it a text or a number"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Filter;

    fn args(pairs: &[(&str, Value)]) -> HashMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn fill_replaces_placeholders_and_picks_the_form_for_the_count() {
        let filled = Fill
            .filter(
                &json!("For {audience}"),
                &args(&[("audience", json!("mentors"))]),
            )
            .unwrap();
        assert_eq!(filled, json!("For mentors"));
        let pages = json!({"one": "{n} page", "other": "{n} pages", "rule": "fr"});
        assert_eq!(
            Fill.filter(&pages, &args(&[("n", json!(0))])).unwrap(),
            json!("0 page")
        );
        assert_eq!(
            Fill.filter(&pages, &args(&[("n", json!(2))])).unwrap(),
            json!("2 pages")
        );
        assert!(Fill.filter(&pages, &args(&[])).is_err());
    }

    #[test]
    fn parts_cuts_a_text_at_its_placeholders() {
        let parts = Parts.filter(&json!("Updated {date}!"), &args(&[])).unwrap();
        assert_eq!(
            parts,
            json!([{"text": "Updated ", "slot": ""}, {"text": "", "slot": "date"}, {"text": "!", "slot": ""}])
        );
    }
}
