//! Tests of the `document` module.

use super::*;
use crate::front_matter::Field;

fn doc(md: &str) -> Vec<Block> {
    let fields = [
        Field {
            name: "mentor_name".into(),
            label: "Mentor's name".into(),
            example: String::new(),
            line: 0,
        },
        Field {
            name: "mentee_name".into(),
            label: "Mentee's name".into(),
            example: String::new(),
            line: 0,
        },
    ];
    parse(
        md,
        &fields,
        &|n| format!("https://example.org/link-{n}/"),
        crate::i18n::english_ref(),
    )
}

#[test]
fn reads_headings_lists_and_placeholders() {
    let blocks = doc("## Agenda for {{ mentee_name }}\n\n1. Welcome\n2. **Goals**\n   - nested\n\n- [ ] Book a room\n- [x] Send notes\n");
    assert_eq!(blocks.len(), 3);
    let Block::Heading { level: 2, inlines } = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(
        inlines[1],
        Inline::Placeholder {
            name: "mentee_name".into(),
            label: "Mentee's name".into(),
            field: 1,
            style: Style::default()
        }
    );
    assert_eq!(plain(inlines), "Agenda for [Mentee's name]");
    let Block::List {
        start: Some(1),
        items,
    } = &blocks[1]
    else {
        panic!()
    };
    assert_eq!(items.len(), 2);
    assert!(matches!(
        &items[1].blocks[1],
        Block::List { start: None, .. }
    ));
    let Block::List { items, .. } = &blocks[2] else {
        panic!()
    };
    assert_eq!((items[0].task, items[1].task), (Some(false), Some(true)));
}

#[test]
fn deep_nesting_is_flattened() {
    let md: String = (0..3000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect::<String>()
        + &"> ".repeat(3000)
        + "quote\n";
    let blocks = doc(&md);
    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::List { items, .. } => {
                    1 + items.iter().map(|i| depth(&i.blocks)).max().unwrap_or(0)
                }
                Block::Quote { blocks, .. } => 1 + depth(blocks),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    assert!(
        depth(&blocks) <= parse::MAX_NESTING,
        "depth {}",
        depth(&blocks)
    );
    assert!(super::super::text::write("", &blocks).contains("quote"));
}

#[test]
fn reads_tables_quotes_rules_and_links() {
    let blocks = doc("| Time | Topic |\n|---|:---:|\n| 0-5 | Welcome |\n\n> [!TIP]\n> Breathe.\n\n___\n\nSee [the guide](../guide.md) and [the web](https://example.net).\n");
    let Block::Table { aligns, head, rows } = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(aligns[1], Alignment::Center);
    assert_eq!(plain(&head[0]), "Time");
    assert_eq!(plain(&rows[0][1]), "Welcome");
    assert!(matches!(
        &blocks[1],
        Block::Quote {
            label: Some(tip),
            ..
        } if tip == "Tip"
    ));
    assert_eq!(blocks[2], Block::Rule);
    let Block::Paragraph(inlines) = &blocks[3] else {
        panic!()
    };
    let links: Vec<_> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Text { style, .. } => style.link.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        ["https://example.org/link-0/", "https://example.net"]
    );
}
