//! Where a reader finds the site's shared places, so each has one address: the
//! template library, each audience's page, and the pages of a category.
//!
//! In: an assembled [`Site`]. Out: section ids and site URLs, nothing stored.

use super::{PageId, PageKind, SectionId, Site};
use crate::config::{Config, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;
use crate::routes;

/// The kinds of image a browser shows as a logo or an icon.
const IMAGE_TYPES: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp", "ico"];

/// The file a `logo` or `favicon` setting names, as a path from `content/`.
fn content_path(setting: &str) -> &str {
    setting
        .trim()
        .trim_start_matches('/')
        .trim_start_matches("content/")
}

/// Checks that `logo` and `favicon` name images among the hub's files.
pub(super) fn check_images(config: &Config, assets: &[SourceFile], problems: &mut Vec<Diagnostic>) {
    for (key, value) in [("logo", &config.logo), ("favicon", &config.favicon)] {
        let Some(value) = value else { continue };
        let path = content_path(value);
        let line = crate::config::key_line(&config.text, key).unwrap_or(1);
        let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        let problem = if !extension.is_some_and(|e| IMAGE_TYPES.contains(&e.as_str())) {
            Some((
                format!("`{key}` must name an image (.svg, .png, .jpg, .gif, .webp or .ico), not `{value}`"),
                "save the picture in one of those formats and write that file's path here",
            ))
        } else if !assets.iter().any(|a| a.rel == path) {
            Some((
                format!("`{key}`: there is no file `content/{path}`"),
                "put the image in the content folder (for example content/assets/) and write its path from there, like assets/logo.svg",
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            problems.push(
                Diagnostic::error(CONFIG_FILE, message)
                    .at_line(line)
                    .help(help),
            );
        }
    }
}

impl Site {
    /// The category the template library lives in: the first top-level category that
    /// holds templates and nothing else (`templates/`). Its page is then the library,
    /// and `template-library/` sends readers there; a hub without one keeps the library
    /// at `template-library/`.
    pub fn library_section(&self) -> Option<SectionId> {
        self.library
    }

    /// The pages of this site that embed template `template` (in this language),
    /// in page order.
    pub fn users_of(&self, template: PageId) -> &[PageId] {
        self.users.get(&template).map_or(&[], Vec::as_slice)
    }

    /// Finds [`Site::library_section`] among the pages as they are.
    pub(super) fn find_library_section(&self) -> Option<SectionId> {
        self.sections[0].children.iter().copied().find(|&c| {
            let mut pages = self.pages_below(c);
            pages.next().is_some()
                && self
                    .pages_below(c)
                    .all(|p| self.pages[p].kind == PageKind::Template)
        })
    }

    /// The address of the template library.
    pub fn library_url(&self) -> String {
        match self.library_section() {
            Some(id) => self.sections[id].url.clone(),
            None => self.route(routes::LIBRARY_URL),
        }
    }

    /// The hub's logo, as a site URL (from the root): files are not per language.
    pub fn logo_url(&self) -> Option<String> {
        self.config
            .logo
            .as_deref()
            .map(|l| content_path(l).to_string())
    }

    /// The favicon, as a site URL: the hub's own, or the theme's signpost.
    pub fn favicon_url(&self) -> String {
        match &self.config.favicon {
            Some(f) => content_path(f).to_string(),
            None => routes::theme_file("favicon.svg"),
        }
    }

    /// Where staff edit page `id`'s file, when the hub sets `edit_url`.
    pub fn edit_url(&self, id: PageId) -> Option<String> {
        let base = self.config.edit_url.as_deref()?;
        let page = &self.pages[id];
        // The file's own name (a translation's `.es.md`) in its folder.
        let name = page.file.file_name()?.to_string_lossy();
        let path = match page.rel.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{name}"),
            None => name.into_owned(),
        };
        let base = if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        };
        Some(format!("{base}{}", crate::url::encode_path(&path)))
    }

    /// The audience a top-level category is named after (folder `staff/` for the
    /// audience `staff`): the audience's page is its place in the header, so the
    /// category is not a topic of its own there.
    pub fn audience_of(&self, section: SectionId) -> Option<usize> {
        let s = &self.sections[section];
        if s.parent != Some(0) {
            return None;
        }
        let name = s.dir.rsplit('/').next().unwrap_or(&s.dir);
        self.config.audiences.iter().position(|a| a.id == name)
    }

    /// The pages of a section and of every section below it, in reading order.
    pub fn pages_below(&self, section: SectionId) -> impl Iterator<Item = PageId> + '_ {
        let mut stack = vec![section];
        let mut sections = Vec::new();
        while let Some(id) = stack.pop() {
            sections.push(id);
            stack.extend(self.sections[id].children.iter().rev());
        }
        sections
            .into_iter()
            .flat_map(move |id| self.sections[id].pages.iter().copied())
    }

    /// The pages for `audience` in reading order: what its page lists and its
    /// handbook holds.
    pub fn audience_pages<'a>(&'a self, audience: &'a str) -> impl Iterator<Item = PageId> + 'a {
        self.pages_below(0)
            .filter(move |&p| self.pages[p].front.audience.iter().any(|a| a == audience))
    }
}
