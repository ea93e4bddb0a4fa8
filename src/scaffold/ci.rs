//! `init --ci`: the workflow file that builds a hub and publishes it on GitHub Pages
//! or GitLab Pages.
//!
//! In: the hub's folder and the host. Out: the file written (never over an existing
//! one). The workflow installs Guidepost from its git repository with `cargo
//! install`, since Guidepost has no crates.io package or release binaries.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where a hub is published from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    /// GitHub Actions publishing to GitHub Pages.
    Github,
    /// GitLab CI publishing to GitLab Pages.
    Gitlab,
}

/// Said in the workflow when Guidepost's build names no repository.
pub const UNKNOWN_SOURCE: &str = "https://github.com/YOUR-ORGANISATION/guidepost";

impl Ci {
    /// The workflow's path inside the hub.
    pub fn path(self) -> &'static str {
        match self {
            Ci::Github => ".github/workflows/guidepost.yml",
            Ci::Gitlab => ".gitlab-ci.yml",
        }
    }

    /// The workflow's text, installing Guidepost from `source` (a git address).
    pub fn workflow(self, source: &str) -> String {
        let template = match self {
            Ci::Github => include_str!("../../starter/ci/github.yml"),
            Ci::Gitlab => include_str!("../../starter/ci/gitlab.yml"),
        };
        template.replace("{{GUIDEPOST_GIT}}", source)
    }
}

/// The git address of Guidepost's source: the `repository` of its Cargo.toml.
pub fn source() -> Option<&'static str> {
    Some(env!("CARGO_PKG_REPOSITORY")).filter(|r| !r.is_empty())
}

/// Writes the workflow for `ci` into the hub at `dir`.
pub fn write(dir: &Path, ci: Ci) -> Result<PathBuf> {
    let target = dir.join(ci.path());
    if target.exists() {
        return Err(Error::Refused {
            message: format!(
                "`{}` already exists; remove it first to write a new one",
                target.display()
            ),
        });
    }
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    let text = ci.workflow(source().unwrap_or(UNKNOWN_SOURCE));
    fs::write(&target, text).map_err(|e| Error::io("write", &target, e))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflows_are_yaml_that_builds_and_publishes_public() {
        for ci in [Ci::Github, Ci::Gitlab] {
            let text = ci.workflow("https://example.org/guidepost.git");
            let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
            assert!(!text.contains("{{GUIDEPOST_GIT}}"));
            assert!(text.contains("cargo install --locked"));
            assert!(text.contains("guidepost check"));
            let published = match ci {
                Ci::Github => &yaml["jobs"]["build"]["steps"][6]["with"]["path"],
                Ci::Gitlab => &yaml["pages"]["artifacts"]["paths"][0],
            };
            assert_eq!(published.as_str(), Some("public"), "{ci:?}");
        }
    }
}
