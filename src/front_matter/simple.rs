//! Front matter in the plain form nearly every page is written in, read without the
//! YAML parser: one `key: value` per line, the value a word or sentence, a whole
//! number, a date or a `[list, of, words]`.
//!
//! In: the YAML text between the fences. Out: the same mapping `serde_yaml` makes of
//! it, or `None` for anything outside that form (quotes, nested lines, comments,
//! anything a YAML reader might take another way), which then goes to `serde_yaml`.
//! A property test holds the two readers to the same answer.

use serde_yaml::{Mapping, Value};

/// The mapping of `yaml` when every line of it has the plain form, else `None`.
pub(super) fn mapping(yaml: &str) -> Option<Mapping> {
    let mut map = Mapping::new();
    for line in yaml.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        if !is_key(key) {
            return None;
        }
        let value = match value {
            "" => "",
            // The space after the colon is what makes it a key.
            _ => value.strip_prefix(' ')?.trim_end_matches(' '),
        };
        let value = match value.strip_prefix('[') {
            Some(items) => list(items.strip_suffix(']')?)?,
            None => scalar(value.trim_start_matches(' '), false)?,
        };
        // Two lines with one key are an error the YAML reader words.
        if map.insert(Value::String(key.to_string()), value).is_some() {
            return None;
        }
    }
    Some(map)
}

/// A key as front matter writes them: a name of letters, digits and underscores.
fn is_key(key: &str) -> bool {
    key.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The items of a `[a, b, c]` list: each a plain word or phrase.
fn list(items: &str) -> Option<Value> {
    if items.trim_matches(' ').is_empty() {
        return Some(Value::Sequence(Vec::new()));
    }
    items
        .split(',')
        .map(|item| match item.trim_matches(' ') {
            "" => None,
            item => scalar(item, true),
        })
        .collect::<Option<Vec<Value>>>()
        .map(Value::Sequence)
}

/// A plain value as the YAML reader types it: empty or `null` is null, `true` and
/// `false` (in three spellings each) are flags, digits alone a number, a date text;
/// anything else starting like a number, or holding what YAML reads as markup, is
/// left to the YAML reader. In a list (`in_list`), commas and brackets end the value.
fn scalar(text: &str, in_list: bool) -> Option<Value> {
    let first = match text.chars().next() {
        None => return Some(Value::Null),
        Some(c) => c,
    };
    // What starts YAML markup (quotes, anchors, tags, block and flow syntax).
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return None;
    }
    // Control characters and the breaks YAML counts as line ends; in a list, what
    // ends an item.
    let marked = |c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
            || (in_list && "[]{},:".contains(c))
    };
    let plain = !text.chars().any(marked);
    if !plain || text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return None;
    }
    match text {
        "null" | "Null" | "NULL" | "~" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    if first.is_ascii_digit() || first == '+' || first == '.' {
        return number_or_date(text);
    }
    Some(Value::String(text.to_string()))
}

/// Digits alone (without a leading zero) as a number, `2026-11-20` as text; `None`
/// for the other forms that start like a number (signs, decimals, hex, leading zeros).
fn number_or_date(text: &str) -> Option<Value> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
    {
        return Some(Value::String(text.to_string()));
    }
    if (b.len() == 1 || b[0] != b'0') && b.len() <= 18 && digits(0..b.len()) {
        return text.parse::<u64>().ok().map(|n| Value::Number(n.into()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn yaml_reader(yaml: &str) -> Option<Mapping> {
        match serde_yaml::from_str::<Value>(yaml) {
            Ok(Value::Mapping(m)) => Some(m),
            Ok(Value::Null) => Some(Mapping::new()),
            _ => None,
        }
    }

    #[test]
    fn reads_the_plain_form_pages_are_written_in() {
        let yaml = "title: Saying goodbye well\nsummary: How to end a match, step by step.\naudience: [mentor, mentee]\ntags: []\nphase: closure\nupdated: 2026-11-20\norder: 3\npromoted: true\nsummary_note:\n";
        let m = mapping(yaml).expect("the plain form is read here");
        assert_eq!(Some(&m), yaml_reader(yaml).as_ref());
        assert_eq!(m.get("order"), Some(&Value::Number(3.into())));
        assert_eq!(m.get("updated"), Some(&Value::String("2026-11-20".into())));
        assert_eq!(m.get("summary_note"), Some(&Value::Null));
    }

    #[test]
    fn leaves_anything_else_to_the_yaml_reader() {
        for yaml in [
            "title: \"Quoted\"\n",
            "title: A: B\n",
            "fields:\n  - {name: a, label: A}\n",
            "# a comment\ntitle: A\n",
            "title: A # note\n",
            "order: 007\n",
            "order: -3\n",
            "search_boost: 1.5\n",
            "title: A\ntitle: B\n",
            "tags: [a, [b]]\n",
            "tags: [a, ]\n",
            "title:A\n",
            "title: |\n  A\n",
        ] {
            assert_eq!(mapping(yaml), None, "{yaml:?}");
        }
    }

    /// Pieces of values: mostly words, with the marks YAML reads in many ways mixed
    /// in, so that values near the plain form's edges come up often.
    fn piece() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec!["a", "Goodbye", "mentor", " ", "é", "日本", "_"]);
        let marks = prop::sample::select(vec![
            "  ",
            ",",
            ", ",
            ":",
            ": ",
            "#",
            " #",
            "-",
            "- ",
            "?",
            "[",
            "]",
            "{",
            "}",
            "'",
            "\"",
            "!",
            "&",
            "*",
            "|",
            ">",
            "%",
            "@",
            "`",
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "True",
            "TRUE",
            "false",
            "False",
            "FALSE",
            "yes",
            "1",
            "0",
            "07",
            "12",
            "+",
            ".",
            "e5",
            ".inf",
            "0x1F",
            "2026-11-20",
            "2026-1-2",
            "\t",
            "\u{85}",
            "\u{2028}",
            "\\",
            "=",
            "<",
        ]);
        prop_oneof![3 => words, 2 => marks].prop_map(str::to_string)
    }

    fn value() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..5).prop_map(|p| p.concat())
    }

    fn line() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            5 => prop::sample::select(vec!["title", "tags", "order", "a_b", "T2"]),
            1 => prop::sample::select(vec!["x-y", " t", "2a"]),
        ];
        let list = prop::collection::vec(value(), 0..4).prop_map(|v| format!("[{}]", v.join(",")));
        let colon = prop_oneof![4 => Just(": "), 1 => prop::sample::select(vec![":", ":  "])];
        (key, prop_oneof![value(), list], colon)
            .prop_map(|(k, v, colon)| format!("{k}{colon}{v}\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Whatever the plain reader reads, it reads as the YAML reader does.
        #[test]
        fn agrees_with_the_yaml_reader(lines in prop::collection::vec(line(), 1..4)) {
            let yaml = lines.concat();
            if let Some(m) = mapping(&yaml) {
                prop_assert_eq!(Some(m), yaml_reader(&yaml), "{:?}", yaml);
            }
        }
    }
}
