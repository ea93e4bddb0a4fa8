//! Quoted TOML strings: basic ("…", with escapes) and literal ('…'), each on one line
//! or over several (""" and ''').

use super::{Reader, TomlError};

impl Reader {
    pub(super) fn basic_string(&mut self) -> Result<String, TomlError> {
        let multi = self.starts_with("\"\"\"");
        self.at += if multi { 3 } else { 1 };
        if multi {
            self.skip_first_newline();
        }
        let mut out = String::new();
        loop {
            if multi && self.starts_with("\"\"\"") {
                self.at += 3;
                return Ok(out);
            }
            match self.bump() {
                None => return Err(self.error("a quoted text is never closed")),
                Some('"') if !multi => return Ok(out),
                Some('\n') if !multi => {
                    return Err(TomlError {
                        line: self.line - 1,
                        message: "a quoted text is never closed on its line".to_string(),
                    })
                }
                Some('\\') => match self.bump() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some('b') => out.push('\u{8}'),
                    Some('f') => out.push('\u{c}'),
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some(u @ ('u' | 'U')) => {
                        let len = if u == 'u' { 4 } else { 8 };
                        let hex: String = self
                            .chars
                            .get(self.at..self.at + len)
                            .unwrap_or(&[])
                            .iter()
                            .collect();
                        self.at += len;
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(c) => out.push(c),
                            None => {
                                return Err(self.error(format!("`\\{u}{hex}` is not a character")))
                            }
                        }
                    }
                    Some('\n') | Some(' ') | Some('\r') if multi => {
                        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
                            self.bump();
                        }
                    }
                    other => {
                        return Err(self.error(format!(
                            "`\\{}` is not an escape TOML knows",
                            other.unwrap_or(' ')
                        )))
                    }
                },
                Some(c) => out.push(c),
            }
        }
    }

    pub(super) fn literal_string(&mut self) -> Result<String, TomlError> {
        let multi = self.starts_with("'''");
        self.at += if multi { 3 } else { 1 };
        if multi {
            self.skip_first_newline();
        }
        let mut out = String::new();
        loop {
            if multi && self.starts_with("'''") {
                self.at += 3;
                return Ok(out);
            }
            match self.bump() {
                None => return Err(self.error("a quoted text is never closed")),
                Some('\'') if !multi => return Ok(out),
                Some('\n') if !multi => {
                    return Err(TomlError {
                        line: self.line - 1,
                        message: "a quoted text is never closed on its line".to_string(),
                    })
                }
                Some(c) => out.push(c),
            }
        }
    }

    pub(super) fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
    }

    fn skip_first_newline(&mut self) {
        if self.peek() == Some('\r') {
            self.at += 1;
        }
        if self.peek() == Some('\n') {
            self.bump();
        }
    }
}
