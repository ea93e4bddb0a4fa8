//! A reader for the part of TOML that front matter and site settings use (Hugo's `+++`
//! blocks, hugo.toml): keys, strings, numbers, booleans, dates, arrays, inline tables
//! and `[table]` / `[[array]]` headers. In: TOML text. Out: the same data as a YAML
//! value, so one mapper reads both, or the line and what is wrong.
//!
//! Written here rather than taken from the `toml` crate: that crate brings a parser
//! framework and date types, several seconds of cold build, for the few constructs
//! front matter uses.

use serde_yaml::{Mapping, Number, Value};

/// A TOML problem: the 1-based line and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlError {
    pub line: usize,
    pub message: String,
}

/// Parses `text` into a mapping.
pub fn parse(text: &str) -> Result<Value, TomlError> {
    let mut reader = Reader {
        chars: text.chars().collect(),
        at: 0,
        line: 1,
    };
    let mut root = Mapping::new();
    // The path of the current `[table]` and whether it is the last item of an `[[array]]`.
    let mut table: Vec<String> = Vec::new();
    loop {
        reader.skip_blank_lines();
        let Some(c) = reader.peek() else { break };
        if c == '[' {
            let array = reader.peek_at(1) == Some('[');
            reader.at += if array { 2 } else { 1 };
            let path = reader.key_path()?;
            reader.expect(']')?;
            if array {
                reader.expect(']')?;
            }
            reader.end_of_line()?;
            let line = reader.line;
            let slot = walk(&mut root, &path[..path.len() - 1], line)?;
            let last = path[path.len() - 1].clone();
            if array {
                let entry = slot
                    .entry(Value::String(last))
                    .or_insert_with(|| Value::Sequence(Vec::new()));
                match entry {
                    Value::Sequence(items) => items.push(Value::Mapping(Mapping::new())),
                    _ => return Err(reader.error("this [[array]] has the name of another value")),
                }
            } else {
                slot.entry(Value::String(last))
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
            }
            table = path;
            continue;
        }
        let key_line = reader.line;
        let path = reader.key_path()?;
        reader.skip_spaces();
        reader.expect('=')?;
        reader.skip_spaces();
        let value = reader.value()?;
        reader.end_of_line()?;
        let line = reader.line;
        let mut full = table.clone();
        full.extend(path);
        let slot = walk(&mut root, &full[..full.len() - 1], line)?;
        let key = Value::String(full[full.len() - 1].clone());
        if slot.contains_key(&key) {
            return Err(TomlError {
                line: key_line,
                message: format!("the key `{}` appears twice", full.join(".")),
            });
        }
        slot.insert(key, value);
    }
    Ok(Value::Mapping(root))
}

/// The mapping at `path` below `root`, made on the way; an `[[array]]` leads to its last item.
fn walk<'m>(
    root: &'m mut Mapping,
    path: &[String],
    line: usize,
) -> Result<&'m mut Mapping, TomlError> {
    let mut here = root;
    for part in path {
        let next = here
            .entry(Value::String(part.clone()))
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        here = match next {
            Value::Mapping(m) => m,
            Value::Sequence(items) => match items.last_mut() {
                Some(Value::Mapping(m)) => m,
                _ => return Err(not_a_table(part, line)),
            },
            _ => return Err(not_a_table(part, line)),
        };
    }
    Ok(here)
}

fn not_a_table(part: &str, line: usize) -> TomlError {
    TomlError {
        line,
        message: format!("`{part}` is a value, not a table"),
    }
}

struct Reader {
    chars: Vec<char>,
    at: usize,
    line: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.at + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn error(&self, message: impl Into<String>) -> TomlError {
        TomlError {
            line: self.line,
            message: message.into(),
        }
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.at += 1;
        }
    }

    fn skip_comment(&mut self) {
        if self.peek() == Some('#') {
            while !matches!(self.peek(), None | Some('\n')) {
                self.at += 1;
            }
        }
    }

    fn skip_blank_lines(&mut self) {
        loop {
            self.skip_spaces();
            self.skip_comment();
            match self.peek() {
                Some('\n') | Some('\r') => {
                    self.bump();
                }
                _ => return,
            }
        }
    }

    /// Spaces, blank lines and comments inside an array.
    fn skip_all_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r' | '#')) {
            if self.peek() == Some('#') {
                self.skip_comment();
            } else {
                self.bump();
            }
        }
    }

    fn expect(&mut self, c: char) -> Result<(), TomlError> {
        self.skip_spaces();
        match self.peek() {
            Some(found) if found == c => {
                self.bump();
                Ok(())
            }
            Some(found) => Err(self.error(format!("expected `{c}` but found `{found}`"))),
            None => Err(self.error(format!("expected `{c}` but the text ended"))),
        }
    }

    fn end_of_line(&mut self) -> Result<(), TomlError> {
        self.skip_spaces();
        self.skip_comment();
        match self.peek() {
            None => Ok(()),
            Some('\r') | Some('\n') => {
                while matches!(self.peek(), Some('\r' | '\n')) {
                    self.bump();
                    if self.chars.get(self.at - 1) == Some(&'\n') {
                        break;
                    }
                }
                Ok(())
            }
            Some(c) => Err(self.error(format!(
                "unexpected `{c}` after the value; write one key = value per line"
            ))),
        }
    }

    /// `a`, `"a b"`, `a.b.c`.
    fn key_path(&mut self) -> Result<Vec<String>, TomlError> {
        let mut path = Vec::new();
        loop {
            self.skip_spaces();
            let part = match self.peek() {
                Some('"') => self.basic_string()?,
                Some('\'') => self.literal_string()?,
                _ => {
                    let start = self.at;
                    while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    {
                        self.at += 1;
                    }
                    if self.at == start {
                        return Err(self.error(match self.peek() {
                            Some(c) => format!("expected a key but found `{c}`"),
                            None => "expected a key but the text ended".to_string(),
                        }));
                    }
                    self.chars[start..self.at].iter().collect()
                }
            };
            path.push(part);
            self.skip_spaces();
            if self.peek() == Some('.') {
                self.at += 1;
            } else {
                return Ok(path);
            }
        }
    }

    fn value(&mut self) -> Result<Value, TomlError> {
        match self.peek() {
            Some('"') => self.basic_string().map(Value::String),
            Some('\'') => self.literal_string().map(Value::String),
            Some('[') => {
                self.bump();
                let mut items = Vec::new();
                loop {
                    self.skip_all_space();
                    if self.peek() == Some(']') {
                        self.bump();
                        return Ok(Value::Sequence(items));
                    }
                    items.push(self.value()?);
                    self.skip_all_space();
                    match self.bump() {
                        Some(',') => {}
                        Some(']') => return Ok(Value::Sequence(items)),
                        _ => {
                            return Err(self.error(
                                "an array's items are separated by commas and it ends with `]`",
                            ))
                        }
                    }
                }
            }
            Some('{') => {
                self.bump();
                let mut map = Mapping::new();
                loop {
                    self.skip_spaces();
                    if self.peek() == Some('}') {
                        self.bump();
                        return Ok(Value::Mapping(map));
                    }
                    let path = self.key_path()?;
                    self.expect('=')?;
                    self.skip_spaces();
                    let value = self.value()?;
                    let line = self.line;
                    let slot = walk(&mut map, &path[..path.len() - 1], line)?;
                    slot.insert(Value::String(path[path.len() - 1].clone()), value);
                    self.skip_spaces();
                    match self.bump() {
                        Some(',') => {}
                        Some('}') => return Ok(Value::Mapping(map)),
                        _ => return Err(self.error("an inline table's entries are separated by commas and it ends with `}`")),
                    }
                }
            }
            Some(_) => self.bare_value(),
            None => Err(self.error("a value is missing after `=`")),
        }
    }

    /// Booleans, numbers and dates: everything up to a separator.
    fn bare_value(&mut self) -> Result<Value, TomlError> {
        let start = self.at;
        while let Some(c) = self.peek() {
            // A date may hold one space between day and time (`1979-05-27 07:32:00`).
            let date_space = c == ' '
                && self.at - start == 10
                && self.peek_at(1).is_some_and(|d| d.is_ascii_digit());
            if c.is_ascii_alphanumeric() || "+-_.:".contains(c) || date_space {
                self.at += 1;
            } else {
                break;
            }
        }
        let token: String = self.chars[start..self.at].iter().collect();
        let plain = token.replace('_', "");
        if token == "true" || token == "false" {
            Ok(Value::Bool(token == "true"))
        } else if let Ok(n) = plain.parse::<i64>() {
            Ok(Value::Number(Number::from(n)))
        } else if token.len() >= 10
            && token.as_bytes()[4] == b'-'
            && token[..4].bytes().all(|b| b.is_ascii_digit())
        {
            Ok(Value::String(token))
        } else if let Ok(f) = plain.parse::<f64>() {
            Ok(Value::Number(Number::from(f)))
        } else if token.is_empty() {
            Err(self.error(format!("unexpected `{}`", self.peek().unwrap_or(' '))))
        } else {
            Err(self.error(format!(
                "`{token}` is not a value; put text in quotes: \"{token}\""
            )))
        }
    }
}

mod strings;
#[cfg(test)]
mod tests;
