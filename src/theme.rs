//! The theme: Tera templates and static files. The default theme is compiled into the
//! binary; a hub's `themes/<name>/` replaces it file by file.
//!
//! In: the hub root and config. Out: a compiled [`Theme`], or diagnostics naming the
//! template file and line of a syntax error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::hash_of;
use crate::output::{Contents, OutputFile};

mod explain;

/// The folder under the hub root that holds themes.
pub const THEMES_DIR: &str = "themes";

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../themes/default/", $name)) as &[u8])),*]
    };
}

/// The default theme's files, by path inside the theme folder.
pub const DEFAULT_FILES: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/macros.html",
    "templates/card.html",
    "templates/header.html",
    "templates/footer.html",
    "templates/home.html",
    "templates/section.html",
    "templates/article.html",
    "templates/faq.html",
    "templates/template.html",
    "templates/embed.html",
    "templates/library.html",
    "templates/audience.html",
    "templates/handbook.html",
    "templates/tag.html",
    "templates/tags.html",
    "templates/404.html",
    "templates/redirect.html",
    "templates/search.html",
    "static/style.css",
    "static/listing.css",
    "static/faq.css",
    "static/faq.js",
    "static/template-page.css",
    "static/print.css",
    "static/guidepost.js",
    "static/template-card.js",
    "static/search-terms.js",
    "static/search-core.js",
    "static/search-phrase.js",
    "static/search-results.js",
    "static/search.js",
    "static/search.css",
    "static/handbook.css",
    "static/favicon.svg",
];

/// A static file of the theme, copied to `theme/` in the output.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A compiled theme.
#[derive(Debug)]
pub struct Theme {
    pub tera: Tera,
    /// Static files by their path under `theme/`.
    pub statics: BTreeMap<String, StaticFile>,
    /// Where each template came from, as shown in messages.
    pub sources: BTreeMap<String, PathBuf>,
    /// Each template's text, to find the line a render error is about.
    pub texts: BTreeMap<String, String>,
    /// A hash of every template's name and text: pages rendered with a different
    /// fingerprint are never reused (see `render::memo`).
    pub fingerprint: u64,
}

impl Theme {
    /// True when the theme has a template of this name (`faq.html`).
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Tera's failure to render the template `name`, said in plain words at the file
    /// and line it is about.
    pub fn render_problem(&self, name: &str, error: &tera::Error) -> Diagnostic {
        explain::render(name, &error_chain(error), &self.sources, &self.texts)
    }

    /// Renders the template `name` with data already put together.
    pub fn render(&self, name: &str, data: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, data)
            .map_err(|e| self.render_problem(name, &e))
    }
}

/// Data that cannot be put together for template `name`.
pub fn cannot_prepare(name: &str, e: &dyn std::error::Error) -> Diagnostic {
    Diagnostic::general(format!(
        "cannot prepare the data for `{name}`: {}",
        error_chain(e)
    ))
}

/// The theme's static files for the output, under `theme/`.
pub fn statics(theme: &Theme) -> Result<Vec<OutputFile>, Diagnostic> {
    theme
        .statics
        .iter()
        .map(|(name, file)| {
            Ok(OutputFile {
                path: crate::routes::theme_file(name),
                contents: contents(name, file)?,
            })
        })
        .collect()
}

/// A theme file for the output. Stylesheets lose comments and layout whitespace
/// (the `minifier` crate, which rustdoc uses for its own), which keeps every page
/// light; a stylesheet it cannot read (an unclosed comment) is published as written,
/// as is every other file, scripts included.
fn contents(name: &str, file: &StaticFile) -> Result<Contents, Diagnostic> {
    let stylesheet = name.ends_with(".css");
    let bytes = match file {
        StaticFile::Disk(path) if !stylesheet => return Ok(Contents::Copy(path.clone())),
        StaticFile::Disk(path) => std::fs::read(path).map_err(|e| {
            Diagnostic::error(path, format!("cannot read the theme file: {e}"))
                .help("check that the file exists and that you can read it")
        })?,
        StaticFile::Embedded(bytes) => bytes.to_vec(),
    };
    Ok(match String::from_utf8(bytes) {
        Ok(text) if stylesheet => match minifier::css::minify(&text) {
            Ok(small) => Contents::bytes(small.to_string()),
            Err(_) => Contents::bytes(text),
        },
        Ok(text) => Contents::bytes(text),
        Err(e) => Contents::bytes(e.into_bytes()),
    })
}

/// True when `path` (a link) leads to a file or folder inside the hub at `root`.
fn points_inside(path: &Path, root: &Path) -> bool {
    let hub = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.canonicalize()
        .is_ok_and(|target| target.starts_with(hub))
}

/// Loads the configured theme: the embedded default, overridden by the hub's files.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    compile(read(root, config)?)
}

/// A theme's files as read, before its templates are compiled.
#[derive(Debug)]
pub struct ThemeFiles {
    /// Each template's text and the path messages show, by name.
    templates: BTreeMap<String, (String, PathBuf)>,
    statics: BTreeMap<String, StaticFile>,
}

impl ThemeFiles {
    /// A hash of everything compiling reads: the same print, the same theme.
    pub fn print(&self) -> u64 {
        let statics: Vec<(&String, Option<&PathBuf>)> = self
            .statics
            .iter()
            .map(|(name, file)| match file {
                StaticFile::Disk(path) => (name, Some(path)),
                StaticFile::Embedded(_) => (name, None),
            })
            .collect();
        hash_of((&self.templates, statics))
    }

    /// A hash of every template's name and text: what the pages rendered with them
    /// depend on ([`Theme::fingerprint`]).
    fn templates_print(&self) -> u64 {
        hash_of(
            self.templates
                .iter()
                .map(|(name, (text, _))| (name, text))
                .collect::<Vec<_>>(),
        )
    }
}

/// Reads the configured theme's files: the embedded default, overridden by the hub's.
pub fn read(root: &Path, config: &Config) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut templates: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    let mut statics: BTreeMap<String, StaticFile> = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, bytes) in DEFAULT_FILES {
        let shown = PathBuf::from(format!("(built-in theme) {path}"));
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(bytes).into_owned();
            templates.insert(name.to_string(), (text, shown));
        } else if let Some(name) = path.strip_prefix("static/") {
            statics.insert(name.to_string(), StaticFile::Embedded(bytes));
        }
    }
    let theme_dir = root.join(THEMES_DIR).join(&config.theme);
    if theme_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&theme_dir)
            .sort_by_file_name()
            .follow_links(true)
        {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(Diagnostic::error(
                        e.path()
                            .unwrap_or(&theme_dir)
                            .strip_prefix(root)
                            .unwrap_or(&theme_dir),
                        format!("cannot read the theme: {e}"),
                    ));
                    continue;
                }
            };
            // As in content/: a link may point anywhere inside the hub, never outside
            // it, since what the theme holds is published.
            if entry.path_is_symlink() && !points_inside(entry.path(), root) {
                problems.push(
                    Diagnostic::error(
                        entry.path().strip_prefix(root).unwrap_or(entry.path()),
                        "this symbolic link points outside the hub",
                    )
                    .help(
                        "copy the file into the theme instead of linking to it, or remove the link",
                    ),
                );
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || crate::discover::is_ignored(&name) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&theme_dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let shown = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            if let Some(name) = rel.strip_prefix("templates/") {
                match std::fs::read_to_string(entry.path()) {
                    Ok(text) => {
                        templates.insert(name.to_string(), (text, shown));
                    }
                    Err(e) => problems.push(
                        Diagnostic::error(shown, format!("cannot read the template: {e}"))
                            .help("save it as UTF-8 text"),
                    ),
                }
            } else if let Some(name) = rel.strip_prefix("static/") {
                statics.insert(
                    name.to_string(),
                    StaticFile::Disk(entry.path().to_path_buf()),
                );
            }
        }
    } else if config.theme != "default" {
        problems.push(
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                format!(
                    "the theme `{}` is not in {THEMES_DIR}/{}/",
                    config.theme, config.theme
                ),
            )
            .at_line(crate::config::key_line(&config.text, "theme").unwrap_or(1))
            .help("create that folder, or set `theme: default`"),
        );
    }
    match problems.is_empty() {
        true => Ok(ThemeFiles { templates, statics }),
        false => Err(problems),
    }
}

/// Compiles a theme's templates.
pub fn compile(files: ThemeFiles) -> Result<Theme, Vec<Diagnostic>> {
    let fingerprint = files.templates_print();
    let ThemeFiles { templates, statics } = files;
    let mut problems = Vec::new();
    let mut tera = Tera::default();
    tera.register_filter("fill", crate::i18n::Fill);
    tera.register_filter("parts", crate::i18n::Parts);
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escaper also encodes `/`, which bloats every URL for no safety gain.
    tera.set_escape_fn(crate::text::escape_html);
    if let Err(e) =
        tera.add_raw_templates(templates.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())))
    {
        // Compiled alone, a template with a syntax error names its own file (a child
        // template cannot find its parent alone: only parse errors count there).
        for (name, (text, shown)) in &templates {
            if let Err(e) = Tera::default().add_raw_template(name, text) {
                let chain = error_chain(&e);
                if chain.contains("Failed to parse") {
                    problems.push(explain::syntax(shown, text, &chain));
                }
            }
        }
        if problems.is_empty() {
            let sources = templates
                .iter()
                .map(|(n, (_, p))| (n.clone(), p.clone()))
                .collect();
            let texts = templates
                .iter()
                .map(|(n, (t, _))| (n.clone(), t.clone()))
                .collect();
            problems.push(explain::inheritance(&error_chain(&e), &sources, &texts));
        }
    }
    problems.extend(explain::older_names(&templates));
    if problems.is_empty() {
        let sources = templates
            .iter()
            .map(|(name, (_, shown))| (name.clone(), shown.clone()))
            .collect();
        let texts = templates
            .into_iter()
            .map(|(name, (text, _))| (name, text))
            .collect();
        Ok(Theme {
            tera,
            statics,
            sources,
            texts,
            fingerprint,
        })
    } else {
        Err(problems)
    }
}

/// An error and all its causes on one line, because Tera keeps the real cause in `source()`.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A problem for each page whose `layout` names a template the theme does not have,
/// found before links are checked so it is reported with every other problem.
pub fn missing_layouts(
    pages: &[crate::source::SourcePage],
    theme: &Theme,
    theme_name: &str,
) -> Vec<Diagnostic> {
    // The built-in layouts, and the hub's own templates that are not the default theme's.
    let own: Vec<&str> = theme
        .sources
        .keys()
        .filter(|n| {
            !DEFAULT_FILES
                .iter()
                .any(|(f, _)| f.strip_prefix("templates/") == Some(n.as_str()))
        })
        .filter_map(|n| n.strip_suffix(".html"))
        .collect();
    let layouts = || {
        ["article", "faq", "template"]
            .into_iter()
            .chain(own.iter().copied())
    };
    let listed = layouts().collect::<Vec<_>>().join(", ");
    pages
        .iter()
        .filter_map(|page| match &page.front.layout {
            crate::front_matter::Layout::Custom(name) if !theme.has_template(&format!("{name}.html")) => {
                let help = match crate::text::suggest(name, layouts()) {
                    Some(near) => format!("did you mean `layout: {near}`? The layouts are {listed}"),
                    None => format!("use one of the layouts ({listed}), or add a template `themes/{theme_name}/templates/{name}.html` to your theme"),
                };
                Some(
                    Diagnostic::error(&page.file, format!("there is no layout `{name}`"))
                        .at_line(page.front.line_of("layout"))
                        .help(help),
                )
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines a line-based minifier gets wrong: a backtick in a string, `//` in a
    /// regular expression, a string and a template literal.
    const SCRIPT: &str = "var q = '`';\nvar re = /\\/\\/[^`]*`/g; // a regex with // and a backtick\nvar url = \"http://example.org\"; // a comment after code\n// a whole-line comment\nvar t = `line one\n  // not a comment: inside a template literal\n  ${q} // still inside\n`;\n    indented();\n";

    #[test]
    fn scripts_are_published_byte_for_byte() {
        let file = StaticFile::Embedded(SCRIPT.as_bytes());
        match contents("custom.js", &file).unwrap() {
            Contents::Bytes(bytes) => assert_eq!(String::from_utf8_lossy(&bytes), SCRIPT),
            other => panic!("{other:?}"),
        }
    }

    fn published(name: &str, text: &'static str) -> String {
        match contents(name, &StaticFile::Embedded(text.as_bytes())).unwrap() {
            Contents::Bytes(bytes) => String::from_utf8(bytes.to_vec()).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn stylesheets_lose_comments_and_layout_whitespace_only() {
        let text = "/* theme */\n:root {\n  --a: #fff;\n}\n\na:hover, .b > .c {\n  content: \"  two  spaces \";\n  margin: 0 auto;\n}\n@media (max-width: 30rem) {\n  .x .y, .z :focus { color: red; }\n}\n";
        let small = published("style.css", text);
        assert!(small.len() < text.len() * 3 / 4, "{small}");
        assert!(!small.contains("theme"), "{small}");
        for kept in [
            "a:hover,.b>.c{",
            "content:\"  two  spaces \"",
            "margin:0 auto",
            ".x .y,.z :focus{",
        ] {
            assert!(small.contains(kept), "{kept} in {small}");
        }
    }

    #[test]
    fn a_stylesheet_the_minifier_cannot_read_is_published_as_written() {
        let text = "a { color: red }\n/* a comment left open\n";
        assert_eq!(published("broken.css", text), text);
    }
}
