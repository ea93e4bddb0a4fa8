//! `init` and `new`: writing a starter hub, and new pages with their front matter
//! (and the `_index.md` of a topic the page starts).

use std::fs;
use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::source::NEW_PAGE_PROMPT;
use crate::text::slugify;

pub mod ci;

macro_rules! starter {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../starter/", $name)))),*]
    };
}

/// The files `init` writes, by path inside the new hub.
pub const STARTER_FILES: &[(&str, &str)] = starter![
    "hub.yaml",
    "content/_index.md",
    "content/getting-started/_index.md",
    "content/getting-started/welcome.md",
    "content/running-the-program/_index.md",
    "content/running-the-program/keeping-this-hub-up-to-date.md",
    "content/faq/_index.md",
    "content/faq/common-questions.md",
    "content/templates/_index.md",
    "content/templates/first-meeting-agenda.md",
];

/// Writes a small example hub into `dir`, which must not already hold a hub.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    for existing in ["hub.yaml", "content"] {
        if dir.join(existing).exists() {
            return Err(Error::Refused {
                message: format!(
                    "`{}` already has {existing}; `init` only writes into a folder without a hub",
                    dir.display()
                ),
            });
        }
    }
    let mut written = Vec::new();
    for (path, text) in STARTER_FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        fs::write(&target, text).map_err(|e| Error::io("write", &target, e))?;
        written.push(target);
    }
    Ok(written)
}

/// What `new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    Article,
    Template,
}

/// What `new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The new page.
    pub page: PathBuf,
    /// The `_index.md` of each folder the page starts, outermost first.
    pub indexes: Vec<PathBuf>,
}

/// Creates a new page under `content/`, with an `_index.md` for each folder on its
/// path that does not exist yet (a new topic needs a title on the home page).
///
/// `path` is the page's path inside content/ without `.md` (`closure/saying-goodbye`);
/// a template given only a name goes into `templates/`.
pub fn new_page(root: &Path, kind: NewKind, path: &str, title: Option<&str>) -> Result<Created> {
    let clean = path.trim().trim_matches('/').trim_end_matches(".md");
    let parts: Vec<&str> = clean.split('/').collect();
    if clean.is_empty()
        || parts
            .iter()
            .any(|p| p.is_empty() || *p == "." || *p == ".." || p.starts_with('.'))
    {
        return Err(Error::Refused {
            message: format!("`{path}` is not a page path; write it like closure/saying-goodbye"),
        });
    }
    let name = parts[parts.len() - 1];
    if slugify(name) != name {
        return Err(Error::Refused {
            message: format!("`{name}` is not a good file name for a page; use lowercase words joined by dashes, like `{}`", slugify(name)),
        });
    }
    let rel = match (kind, parts.len()) {
        (NewKind::Template, 1) => format!("templates/{clean}.md"),
        _ => format!("{clean}.md"),
    };
    let target = root.join(crate::discover::CONTENT_DIR).join(&rel);
    if target.exists() {
        return Err(Error::Refused {
            message: format!("`content/{rel}` already exists; choose another name"),
        });
    }
    let title = title.map(str::to_string).unwrap_or_else(|| title_of(name));
    let today = Date::today();
    let title_yaml = serde_yaml::to_string(&title).unwrap_or_default();
    let title_yaml = title_yaml.trim_end();
    let text = match kind {
        NewKind::Article => format!(
            "---\ntitle: {title_yaml}\nsummary: \naudience: []\ntags: []\nupdated: {today}\n---\n{NEW_PAGE_PROMPT}\n\n## First step\n"
        ),
        NewKind::Template => format!(
            "---\ntitle: {title_yaml}\nsummary: \nlayout: template\naudience: []\nupdated: {today}\nfields:\n  - {{name: recipient_name, label: \"Recipient's name\", example: Jordan}}\n---\nDear {{{{ recipient_name }}}},\n\n"
        ),
    };
    let content = root.join(crate::discover::CONTENT_DIR);
    let mut indexes = Vec::new();
    let mut folder = content.clone();
    for part in rel
        .split('/')
        .collect::<Vec<_>>()
        .split_last()
        .map_or(&[][..], |(_, f)| f)
    {
        folder.push(part);
        if !folder.exists() {
            fs::create_dir_all(&folder).map_err(|e| Error::io("create", &folder, e))?;
            let index = folder.join("_index.md");
            let title_yaml = serde_yaml::to_string(&title_of(part)).unwrap_or_default();
            let text = format!(
                "---\ntitle: {}\ndescription: \n---\n",
                title_yaml.trim_end()
            );
            fs::write(&index, text).map_err(|e| Error::io("write", &index, e))?;
            indexes.push(index);
        }
    }
    fs::write(&target, text).map_err(|e| Error::io("write", &target, e))?;
    Ok(Created {
        page: target,
        indexes,
    })
}

/// A title made from a file or folder name: `ending-early` → "Ending early".
fn title_of(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
