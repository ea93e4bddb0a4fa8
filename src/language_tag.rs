//! Language tags in file names: `last-meeting.es.md` is the Spanish translation of
//! `last-meeting.md`.
//!
//! In: a tag or a content path. Out: whether it names a language, and which.

/// True for a language tag: two or three letters, then optional subtags of two to
/// eight letters or digits (`es`, `pt-BR`, `zh-Hant`).
pub fn is_language_tag(id: &str) -> bool {
    let mut parts = id.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `closure/x.es.md` → (`closure/x.md`, `es`) when the part before `.md` could be a
/// language tag; None for a plain name.
pub fn language_of(rel: &str) -> Option<(String, &str)> {
    let stem = rel.strip_suffix(".md")?;
    let (name, tag) = stem.rsplit_once('.')?;
    if name.is_empty() || name.ends_with('/') || !is_language_tag(tag) {
        return None;
    }
    Some((format!("{name}.md"), tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_translation_names() {
        for good in ["es", "fr", "pt-BR", "zh-Hant", "ast"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["", "e", "spanish", "ES", "es-", "es_MX", "x-y"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        assert_eq!(
            language_of("closure/last-meeting.es.md"),
            Some(("closure/last-meeting.md".to_string(), "es"))
        );
        assert_eq!(
            language_of("closure/_index.pt-BR.md"),
            Some(("closure/_index.md".to_string(), "pt-BR"))
        );
        assert_eq!(language_of("closure/last-meeting.md"), None);
        assert_eq!(language_of("closure/step.2.md"), None);
        assert_eq!(language_of("closure/.es.md"), None);
    }
}
