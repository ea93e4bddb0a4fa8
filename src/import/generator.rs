//! Which site generator made a folder. In: the folder, or the name given with `--from`.
//! Out: a [`Generator`] and its configuration file, read into data.

use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::import::error::ImportError;
use crate::import::toml;

/// A generator whose sites `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    Hugo,
    Jekyll,
    MkDocs,
    Docusaurus,
}

impl Generator {
    /// The name staff know it by.
    pub fn name(self) -> &'static str {
        match self {
            Generator::Hugo => "Hugo",
            Generator::Jekyll => "Jekyll",
            Generator::MkDocs => "MkDocs",
            Generator::Docusaurus => "Docusaurus",
        }
    }

    /// The `--from` value.
    pub fn parse(name: &str) -> Option<Generator> {
        match name.to_ascii_lowercase().as_str() {
            "hugo" => Some(Generator::Hugo),
            "jekyll" => Some(Generator::Jekyll),
            "mkdocs" => Some(Generator::MkDocs),
            "docusaurus" => Some(Generator::Docusaurus),
            _ => None,
        }
    }

    /// Its configuration files, in the order the generator itself looks for them.
    fn config_files(self) -> &'static [&'static str] {
        match self {
            Generator::Hugo => &[
                "hugo.toml",
                "hugo.yaml",
                "hugo.yml",
                "config.toml",
                "config.yaml",
                "config.yml",
            ],
            Generator::Jekyll => &["_config.yml", "_config.yaml"],
            Generator::MkDocs => &["mkdocs.yml", "mkdocs.yaml"],
            Generator::Docusaurus => &[
                "docusaurus.config.js",
                "docusaurus.config.ts",
                "docusaurus.config.mjs",
            ],
        }
    }
}

/// A generator's site settings, as far as import needs them.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub generator: Generator,
    /// The configuration file's name, if there is one.
    pub file: Option<String>,
    /// Its settings (empty for Docusaurus, whose settings are a program).
    pub data: Mapping,
    /// For Docusaurus: the configuration file's text, searched for a few plain values.
    pub script: String,
}

impl SiteConfig {
    /// A text setting.
    pub fn text(&self, key: &str) -> Option<String> {
        if self.generator == Generator::Docusaurus {
            return script_value(&self.script, key);
        }
        self.data.get(key).and_then(crate::import::front::text)
    }
}

/// Finds the generator of the site in `source` (or takes `from`) and reads its settings.
pub fn detect(source: &Path, from: Option<Generator>) -> Result<SiteConfig, ImportError> {
    let all = [
        Generator::Hugo,
        Generator::Jekyll,
        Generator::MkDocs,
        Generator::Docusaurus,
    ];
    let candidates: Vec<Generator> = match from {
        Some(g) => vec![g],
        None => all.to_vec(),
    };
    for generator in candidates {
        for name in generator.config_files() {
            let path = source.join(name);
            // config.toml and config.yaml are Hugo's only beside a content folder.
            if !path.is_file()
                || (name.starts_with("config.")
                    && !source.join("content").is_dir()
                    && from.is_none())
            {
                continue;
            }
            let text =
                std::fs::read_to_string(&path).map_err(|e| ImportError::io("read", &path, e))?;
            let problem = |line: usize, message: String| {
                ImportError::Source {
                problems: vec![crate::Diagnostic::error(*name, message)
                    .at_line(line)
                    .help("fix the setting in the source site (the site's own build would fail on it too), then import again")],
            }
            };
            let data = if generator == Generator::Docusaurus {
                Value::Mapping(Mapping::new())
            } else if name.ends_with(".toml") {
                toml::parse(&text).map_err(|e| {
                    problem(e.line, format!("cannot read the settings: {}", e.message))
                })?
            } else {
                let text = without_python_tags(&text);
                serde_yaml::from_str(&text).map_err(|e| {
                    problem(
                        e.location().map_or(1, |l| l.line()),
                        format!("cannot read the settings: {e}"),
                    )
                })?
            };
            return Ok(SiteConfig {
                generator,
                file: Some(name.to_string()),
                data: match data {
                    Value::Mapping(m) => m,
                    _ => Mapping::new(),
                },
                script: if generator == Generator::Docusaurus {
                    text
                } else {
                    String::new()
                },
            });
        }
    }
    match from {
        Some(generator) => Ok(SiteConfig {
            generator,
            file: None,
            data: Mapping::new(),
            script: String::new(),
        }),
        None => Err(ImportError::UnknownGenerator {
            path: source
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| source.to_path_buf()),
        }),
    }
}

/// mkdocs.yml may name Python objects (`!!python/name:…`), which YAML readers refuse;
/// import needs none of them.
fn without_python_tags(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("!!python/") {
            Some(i) => format!("{}null", &l[..i]),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A plain `key: 'value'` from a Docusaurus configuration script (the first one).
fn script_value(script: &str, key: &str) -> Option<String> {
    let at = script.match_indices(key).find_map(|(i, _)| {
        let before = script[..i].chars().last();
        let after = script[i + key.len()..].trim_start();
        (!before.is_some_and(|c| c.is_alphanumeric() || c == '_') && after.starts_with(':'))
            .then(|| after[1..].trim_start())
    })?;
    let quote = at
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let end = at[1..].find(quote)?;
    Some(at[1..1 + end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_values_from_a_docusaurus_script() {
        let script = "const config = {\n  title: 'Mentor Docs',\n  tagline: \"Help\",\n  baseUrl: '/docs-site/',\n  presets: [['classic', { docs: { routeBasePath: 'guides' } }]],\n};";
        assert_eq!(
            script_value(script, "title").as_deref(),
            Some("Mentor Docs")
        );
        assert_eq!(
            script_value(script, "routeBasePath").as_deref(),
            Some("guides")
        );
        assert_eq!(script_value(script, "favicon"), None);
    }
}
