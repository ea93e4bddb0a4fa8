//! The parts of a Word document that explain its text: styles (which are headings,
//! which are lists), numbering (bullets or numbers), relationships (link targets and
//! images) and the document's properties (its title). In: each part's XML. Out: maps.

use std::collections::HashMap;

use crate::import::xml::{attr, Event, Reader};

/// What a paragraph style means for import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    /// 1–9 for headings, 0 for the document's Title style.
    pub heading: Option<u8>,
    /// The list the style puts its paragraphs in (numId, level).
    pub list: Option<(String, u8)>,
    pub based_on: Option<String>,
}

/// Paragraph styles by id, with what they inherit resolved.
pub fn styles(xml: &str) -> HashMap<String, Style> {
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    for event in Reader::new(xml).flatten() {
        match event {
            Event::Start {
                name: "w:style",
                attrs,
                ..
            } => {
                let paragraph = attr(attrs, "w:type").is_none_or(|t| t == "paragraph");
                current = paragraph.then(|| {
                    (
                        attr(attrs, "w:styleId").unwrap_or_default().into_owned(),
                        Style::default(),
                    )
                });
            }
            Event::Start { name, attrs, .. } => {
                let Some((id, style)) = &mut current else {
                    continue;
                };
                let val = attr(attrs, "w:val")
                    .map(|v| v.into_owned())
                    .unwrap_or_default();
                match name {
                    "w:name" => {
                        style.heading = style
                            .heading
                            .or_else(|| heading_of(&val))
                            .or_else(|| heading_of(id))
                    }
                    "w:basedOn" => style.based_on = Some(val),
                    "w:outlineLvl" => {
                        style.heading = style
                            .heading
                            .or_else(|| val.parse::<u8>().ok().filter(|l| *l < 9).map(|l| l + 1))
                    }
                    "w:numId" => style.list = Some((val, style.list.as_ref().map_or(0, |l| l.1))),
                    "w:ilvl" => {
                        style.list = Some((
                            style.list.clone().map(|l| l.0).unwrap_or_default(),
                            val.parse().unwrap_or(0),
                        ))
                    }
                    _ => {}
                }
            }
            Event::End { name: "w:style" } => {
                if let Some((id, style)) = current.take() {
                    styles.insert(id, style);
                }
            }
            _ => {}
        }
    }
    // A style based on a heading is a heading too.
    let ids: Vec<String> = styles.keys().cloned().collect();
    for id in ids {
        let mut seen = 0;
        let mut at = styles[&id].clone();
        while let (None, Some(parent)) = (&at.heading, at.based_on.clone()) {
            seen += 1;
            match styles.get(&parent) {
                Some(p) if seen < 10 => {
                    at.heading = p.heading;
                    at.list = at.list.or_else(|| p.list.clone());
                    at.based_on = p.based_on.clone();
                }
                _ => break,
            }
        }
        if let Some(s) = styles.get_mut(&id) {
            s.heading = at.heading;
            s.list = s.list.clone().or(at.list);
        }
    }
    styles
}

/// `heading 2` / `Heading2` → 2; `Title` → 0.
pub fn heading_of(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase().replace(' ', "");
    if lower == "title" {
        return Some(0);
    }
    lower
        .strip_prefix("heading")
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=9).contains(n))
}

/// For each list (numId), whether each level is numbered rather than bulleted.
pub fn numbering(xml: &str) -> HashMap<String, Vec<bool>> {
    let mut abstracts: HashMap<String, Vec<bool>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut current_abstract: Option<String> = None;
    let mut current_level: usize = 0;
    let mut current_num: Option<String> = None;
    for event in Reader::new(xml).flatten() {
        let Event::Start { name, attrs, .. } = event else {
            continue;
        };
        match name {
            "w:abstractNum" => {
                current_abstract = attr(attrs, "w:abstractNumId").map(|v| v.into_owned())
            }
            "w:lvl" => {
                current_level = attr(attrs, "w:ilvl")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            }
            "w:numFmt" => {
                if let Some(a) = &current_abstract {
                    let levels = abstracts.entry(a.clone()).or_default();
                    if levels.len() <= current_level {
                        levels.resize(current_level + 1, false);
                    }
                    let format = attr(attrs, "w:val").unwrap_or_default();
                    levels[current_level] = !matches!(format.as_ref(), "bullet" | "none" | "");
                }
            }
            "w:num" => current_num = attr(attrs, "w:numId").map(|v| v.into_owned()),
            "w:abstractNumId" => {
                if let (Some(num), Some(a)) = (&current_num, attr(attrs, "w:val")) {
                    nums.insert(num.clone(), a.into_owned());
                }
            }
            _ => {}
        }
    }
    nums.into_iter()
        .map(|(num, a)| (num, abstracts.get(&a).cloned().unwrap_or_default()))
        .collect()
}

/// A relationship's target: a link's address or an image's part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub target: String,
    pub external: bool,
}

/// The relationships of word/document.xml by id.
pub fn relations(xml: &str) -> HashMap<String, Relation> {
    Reader::new(xml)
        .flatten()
        .filter_map(|event| match event {
            Event::Start {
                name: "Relationship",
                attrs,
                ..
            } => Some((
                attr(attrs, "Id")?.into_owned(),
                Relation {
                    target: attr(attrs, "Target")?.into_owned(),
                    external: attr(attrs, "TargetMode").is_some_and(|m| m == "External"),
                },
            )),
            _ => None,
        })
        .collect()
}

/// The title in docProps/core.xml.
pub fn core_title(xml: &str) -> Option<String> {
    let mut inside = false;
    let mut title = String::new();
    for event in Reader::new(xml).flatten() {
        match event {
            Event::Start {
                name: "dc:title",
                empty: false,
                ..
            } => inside = true,
            Event::End { name: "dc:title" } => inside = false,
            Event::Text(t) if inside => title.push_str(&t),
            _ => {}
        }
    }
    let title = title.trim().to_string();
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_heading_styles_lists_and_relations() {
        let styles = styles(
            r#"<w:styles><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="My heading"/><w:basedOn w:val="Heading2"/></w:style><w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style></w:styles>"#,
        );
        assert_eq!(styles["Heading2"].heading, Some(2));
        assert_eq!(styles["Mine"].heading, Some(2));
        assert_eq!(styles["ListBullet"].list, Some(("7".to_string(), 0)));
        let numbering = numbering(
            r#"<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        );
        assert_eq!(numbering["3"], [true, false]);
        let rels = relations(
            r#"<Relationships><Relationship Id="rId4" Type="x" Target="https://example.org/a?b=1&amp;c=2" TargetMode="External"/></Relationships>"#,
        );
        assert_eq!(rels["rId4"].target, "https://example.org/a?b=1&c=2");
        assert_eq!(
            core_title(
                "<cp:coreProperties><dc:title>Thank-you note</dc:title></cp:coreProperties>"
            )
            .as_deref(),
            Some("Thank-you note")
        );
    }
}
