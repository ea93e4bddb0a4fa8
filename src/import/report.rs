//! The import report: per file, what was mapped, what was kept out and what needs a
//! person. In: entries gathered while converting. Out: `import-report.md` text.

use std::fmt::Write;

/// One thing the import did to a file, or could not do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Carried over, changed to fit the hub (`date` → `updated`, a link rewritten).
    Mapped(String),
    /// Left out on purpose: nothing in a hub corresponds to it.
    Dropped(String),
    /// Left out or changed in a way someone should look at, at a line of the source.
    Person { line: Option<usize>, what: String },
}

impl Entry {
    /// Something for a person to look at, at `line` of the source file.
    pub fn person(line: impl Into<Option<usize>>, what: impl Into<String>) -> Entry {
        Entry::Person {
            line: line.into(),
            what: what.into(),
        }
    }

    fn line(&self) -> String {
        match self {
            Entry::Mapped(what) => format!("- mapped: {what}"),
            Entry::Dropped(what) => format!("- kept out: {what}"),
            Entry::Person {
                line: Some(line),
                what,
            } => format!("- **needs a person** (line {line}): {what}"),
            Entry::Person { line: None, what } => format!("- **needs a person**: {what}"),
        }
    }
}

/// What happened to one source file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileReport {
    /// The file in the source, relative to SOURCE (`content/guides/first.md`).
    pub source: String,
    /// What it became, relative to the hub (`content/guides/first.md`); None when skipped.
    pub output: Option<String>,
    pub entries: Vec<Entry>,
}

/// Everything one import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// What was imported, as a reader names it (`the Hugo site \`old-site\``).
    pub source: String,
    /// Notes about the whole import.
    pub notes: Vec<String>,
    pub files: Vec<FileReport>,
    /// Files copied into `content/assets/`: (from, to).
    pub copied: Vec<(String, String)>,
}

impl Report {
    /// How many entries ask for a person.
    pub fn needs_a_person(&self) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.entries)
            .filter(|e| matches!(e, Entry::Person { .. }))
            .count()
    }

    /// Pages written (not counting folder pages).
    fn pages(&self) -> usize {
        self.files
            .iter()
            .filter(|f| {
                f.output
                    .as_deref()
                    .is_some_and(|o| !o.ends_with("/_index.md") && o != "content/_index.md")
            })
            .count()
    }

    /// The report as Markdown, the same text printed and written to `import-report.md`.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("# Import report\n\n");
        let folders = self.files.iter().filter(|f| f.output.is_some()).count() - self.pages();
        let _ = writeln!(out, "Imported {}.", self.source);
        let _ = writeln!(
            out,
            "Wrote {}, {} and copied {} into content/assets/.",
            plural(self.pages(), "page"),
            plural(folders, "folder page"),
            plural(self.copied.len(), "file"),
        );
        let _ = writeln!(
            out,
            "{}.",
            match self.needs_a_person() {
                0 => "Nothing needs a person's look".to_string(),
                1 => "1 thing needs a person's look (marked **needs a person** below)".to_string(),
                n => format!("{n} things need a person's look (marked **needs a person** below)"),
            }
        );
        for note in &self.notes {
            let _ = writeln!(out, "\n{note}");
        }
        for file in &self.files {
            match &file.output {
                Some(output)
                    if output == &file.source
                        || output.trim_start_matches("content/") == file.source =>
                {
                    let _ = write!(out, "\n## {output}\n\n");
                }
                Some(output) if file.source.starts_with("the ") => {
                    let _ = write!(out, "\n## {output}\n\nFor {}.\n\n", file.source);
                }
                Some(output) => {
                    let _ = write!(out, "\n## {output}\n\nFrom `{}`.\n\n", file.source);
                }
                None => {
                    let _ = write!(out, "\n## {} (not imported)\n\n", file.source);
                }
            }
            if file.entries.is_empty() {
                out.push_str("- carried over as it was\n");
            }
            for entry in &file.entries {
                out.push_str(&entry.line());
                out.push('\n');
            }
        }
        if !self.copied.is_empty() {
            out.push_str("\n## Files copied\n\n");
            for (from, to) in &self.copied {
                let _ = writeln!(out, "- `{from}` → `{to}`");
            }
        }
        out
    }
}

fn plural(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_each_file_with_its_entries() {
        let report = Report {
            source: "the Hugo site `old`".to_string(),
            notes: vec![],
            files: vec![
                FileReport {
                    source: "content/a.md".to_string(),
                    output: Some("content/a.md".to_string()),
                    entries: vec![
                        Entry::Mapped("`date` → `updated: 2024-01-02`".to_string()),
                        Entry::person(4, "shortcode `{{< youtube x >}}` removed"),
                    ],
                },
                FileReport {
                    source: "content/b/_index.md".to_string(),
                    output: Some("content/b/_index.md".to_string()),
                    entries: vec![],
                },
            ],
            copied: vec![(
                "static/a.png".to_string(),
                "content/assets/a.png".to_string(),
            )],
        };
        let text = report.to_markdown();
        assert!(text.contains("Wrote 1 page, 1 folder page and copied 1 file into content/assets/.\n1 thing needs a person's look"), "{text}");
        assert!(text.contains("\n## content/a.md\n\n- mapped: `date` → `updated: 2024-01-02`\n- **needs a person** (line 4): shortcode `{{< youtube x >}}` removed\n"), "{text}");
        assert!(text.contains("- `static/a.png` → `content/assets/a.png`"));
    }
}
