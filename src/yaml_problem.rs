//! YAML mistakes said in plain words, for front matter and `hub.yaml` alike.
//!
//! In: the YAML text, and the parser's error when it failed. Out: a [`YamlProblem`]
//! that names the line the author must change (the parser often notices a mistake a
//! line or two later), what is wrong in words a program's staff use, and the line as
//! it should be written. [`lint`] finds the two slips that YAML accepts but reads as
//! something else: a list item without its space (`-one`) and an item indented under
//! the one above it, which joins the two into one item.

use line::{parse_line, Line};

/// One mistake in a YAML text, at a 1-based line (and column) of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlProblem {
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
    pub help: String,
}

impl YamlProblem {
    fn at(line: usize, message: impl Into<String>, help: impl Into<String>) -> YamlProblem {
        YamlProblem {
            line,
            column: None,
            message: message.into(),
            help: help.into(),
        }
    }
}

/// Explains why `yaml` could not be read, from the parser's `error`.
pub fn explain(yaml: &str, error: &serde_yaml::Error) -> YamlProblem {
    let raw = error.to_string();
    let position = error.location().map(|l| (l.line(), l.column()));
    let reported = position.map_or(usize::MAX, |(line, _)| line);
    if let Some(key) = raw
        .strip_prefix("duplicate entry with key \"")
        .and_then(|r| r.split_once('"'))
        .map(|(key, _)| key)
    {
        let line = key_lines(yaml, key).nth(1).or(position.map(|p| p.0));
        return YamlProblem::at(
            line.unwrap_or(1),
            format!("`{key}` is set twice"),
            "keep one of the two lines",
        );
    }
    let quoted = raw.contains("quoted scalar");
    let flow = raw.contains("flow");
    let found = scan(yaml)
        .into_iter()
        .filter(|f| match f.kind {
            Kind::Quote => quoted,
            Kind::Flow => flow,
            _ => true,
        })
        .filter(|f| f.line <= reported)
        .min_by_key(|f| f.line);
    match found {
        Some(found) => found.problem,
        None => {
            let (line, column) = position.unwrap_or((1, 1));
            YamlProblem {
                line,
                column: Some(column),
                message: "this line does not fit the `key: value` layout".to_string(),
                help: "check this line and the one above it: each setting is `key: value` on a line of its own, list items start with `- `, indentation is spaces, and every quote and bracket is closed".to_string(),
            }
        }
    }
}

/// The slips that YAML reads without complaint but not as the author meant.
pub fn lint(yaml: &str) -> Vec<YamlProblem> {
    scan(yaml)
        .into_iter()
        .filter(|f| matches!(f.kind, Kind::Dash | Kind::Joined))
        .map(|f| f.problem)
        .collect()
}

/// Explains a text that is valid YAML but not a list of `key: value` lines.
pub fn not_a_mapping(yaml: &str) -> YamlProblem {
    scan(yaml)
        .into_iter()
        .find(|f| f.kind == Kind::KeySpace)
        .map(|f| f.problem)
        .unwrap_or_else(|| {
            YamlProblem::at(
                1,
                "the settings must be `key: value` lines",
                "write each setting on a line of its own, like `title: Saying goodbye`",
            )
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tab,
    Dash,
    KeySpace,
    Colon,
    Quote,
    Flow,
    Aligned,
    Joined,
    Indented,
}

struct Finding {
    kind: Kind,
    line: usize,
    problem: YamlProblem,
}

/// Every suspicious line of `yaml`, in order.
fn scan(yaml: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut previous: Option<Line<'_>> = None;
    // The indentation of each open list, outermost first.
    let mut items: Vec<usize> = Vec::new();
    let mut block_scalar: Option<usize> = None;
    for (i, raw) in yaml.lines().enumerate() {
        let number = i + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let line = parse_line(number, raw);
        if let Some(key_indent) = block_scalar {
            if line.indent > key_indent {
                continue;
            }
            block_scalar = None;
        }
        let mut add = |kind: Kind, problem: YamlProblem| {
            found.push(Finding {
                kind,
                line: number,
                problem,
            })
        };
        if raw[..line.indent].contains('\t') {
            add(Kind::Tab, YamlProblem::at(number, "this line is indented with a tab", "indent with spaces only: replace the tab with two spaces, lined up with the lines around it"));
        }
        if let Some(rest) = line.text.strip_prefix('-') {
            let first = rest.chars().next();
            let after_key = previous.as_ref().is_some_and(|p| {
                p.pair.is_some_and(|(_, v)| v.is_empty()) || p.text.starts_with("- ")
            });
            if first.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '{' || c == '"')
                && after_key
            {
                add(
                    Kind::Dash,
                    YamlProblem::at(
                        number,
                        format!("the list item `-{rest}` needs a space after its `-`"),
                        format!("write `- {rest}`"),
                    ),
                );
            }
        }
        check_pair(&line, previous.as_ref(), &mut add);
        if let Some(rest) = line.text.strip_prefix("- ") {
            let starts_list = previous
                .as_ref()
                .is_some_and(|p| p.pair.is_some_and(|(_, v)| v.is_empty()));
            let scalar_item_above = previous
                .as_ref()
                .is_some_and(|p| p.text.starts_with("- ") && p.pair.is_none());
            let mut popped = None;
            while let Some(&top) = items.last() {
                if top <= line.indent || starts_list {
                    break;
                }
                popped = items.pop();
            }
            if starts_list {
                items.retain(|&indent| indent < line.indent);
            }
            let sibling = items.last().copied().or(popped);
            if let Some(indent) = sibling.filter(|&s| s != line.indent && !starts_list) {
                let joined = line.indent > indent && scalar_item_above;
                add(
                    if joined { Kind::Joined } else { Kind::Aligned },
                    YamlProblem::at(
                        number,
                        format!("the list item `- {rest}` is not lined up with the item above it"),
                        format!(
                            "start every `-` of a list at the same place: here {}",
                            spaces(indent)
                        ),
                    ),
                );
            }
            if sibling != Some(line.indent) || starts_list {
                items.push(line.indent);
            }
        } else if !line.text.starts_with('-') {
            items.retain(|&indent| indent < line.indent);
        }
        if line.pair.is_some_and(|(_, v)| v.starts_with(['|', '>'])) {
            block_scalar = Some(line.indent);
        }
        previous = Some(line);
    }
    found
}

/// The checks of a `key: value` line: a missing space, a colon in the value, an open
/// quote or bracket, and a key indented under a line that already has a value.
fn check_pair(
    line: &Line<'_>,
    previous: Option<&Line<'_>>,
    add: &mut dyn FnMut(Kind, YamlProblem),
) {
    let number = line.number;
    let body = &line.text[line.content - line.indent..];
    if line.pair.is_none() {
        let end = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(body.len());
        let rest = &body[end..];
        if end > 0 && body.as_bytes()[0].is_ascii_alphabetic() {
            if let Some(value) = rest
                .strip_prefix(':')
                .filter(|v| !v.is_empty() && !v.starts_with(['/', ':']))
            {
                let key = &body[..end];
                add(
                    Kind::KeySpace,
                    YamlProblem::at(
                        number,
                        format!("`{key}:` needs a space after the colon"),
                        format!("write `{key}: {value}`"),
                    ),
                );
            }
        }
        return;
    }
    let (key, value) = line.pair.expect("checked above");
    if let Some(p) = previous {
        let has_value = p
            .pair
            .is_some_and(|(_, v)| !v.is_empty() && !v.starts_with(['|', '>']));
        if has_value && line.indent > p.content && !line.text.starts_with("- ") {
            let above = p.pair.map_or("", |(k, _)| k);
            add(
                Kind::Indented,
                YamlProblem::at(
                    number,
                    format!("`{key}:` is indented further than `{above}:` above it, so it reads as part of `{above}`"),
                    format!("start `{key}:` where `{above}:` starts"),
                ),
            );
        }
    }
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''));
    if let Some(q) = quote {
        if !closes(&value[1..], q) {
            add(
                Kind::Quote,
                YamlProblem::at(
                    number,
                    format!("the quote mark that opens the value of `{key}` is never closed"),
                    format!("end the value with the same quote mark on this line: {key}: {q}…{q}"),
                ),
            );
        }
    } else if let Some(open) = value.chars().next().filter(|c| matches!(c, '[' | '{')) {
        let close = if open == '[' { ']' } else { '}' };
        let depth = value.chars().fold(0i32, |d, c| match c {
            '[' | '{' => d + 1,
            ']' | '}' => d - 1,
            _ => d,
        });
        if depth > 0 {
            let example = if open == '[' {
                "[first, second]"
            } else {
                "{name: value}"
            };
            add(
                Kind::Flow,
                YamlProblem::at(
                    number,
                    format!("the `{open}` that opens the value of `{key}` is never closed with `{close}`"),
                    format!("close it on the same line, like {key}: {example}"),
                ),
            );
        }
    } else if !value.starts_with(['&', '*', '!', '|', '>'])
        && (value.contains(": ") || value.ends_with(':'))
    {
        let quoted = if value.contains('"') {
            format!("'{}'", value.replace('\'', "''"))
        } else {
            format!("\"{value}\"")
        };
        add(
            Kind::Colon,
            YamlProblem::at(
                number,
                format!("the value of `{key}` has a colon in it, which YAML reads as the start of another setting"),
                format!("put the value in quotes: {key}: {quoted}"),
            ),
        );
    }
}

/// Where a line starts, in words.
fn spaces(indent: usize) -> String {
    match indent {
        0 => "at the start of the line".to_string(),
        1 => "1 space from the left".to_string(),
        n => format!("{n} spaces from the left"),
    }
}

/// True when `text` (after an opening quote `q`) holds its closing quote.
fn closes(text: &str, q: char) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if q == '"' => {
                chars.next();
            }
            c if c == q => {
                // In single quotes, '' is a quote mark inside the value.
                if q == '\'' && chars.peek() == Some(&'\'') {
                    chars.next();
                } else {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The 1-based lines where `key:` is written at the start of a line.
fn key_lines<'a>(yaml: &'a str, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    yaml.lines().enumerate().filter_map(move |(i, l)| {
        l.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'))
            .then_some(i + 1)
    })
}

mod line;
#[cfg(test)]
mod tests;
