//! Reading a template body into blocks: the parser's events gathered into headings,
//! paragraphs, lists, quotes, code and tables, each placeholder an inline of its own.
//!
//! In: the template's Markdown, its fields and the absolute URLs of its local links.
//! Out: the [`Block`]s the writers share.

use pulldown_cmark::{Alignment, BlockQuoteKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{Block, Inline, Item, Style};
use crate::front_matter::Field;
use crate::i18n::Strings;
use crate::markdown::{is_local, merge_text, parser_options};
use crate::placeholder;

/// Reads a template body. `local_url(n)` gives the absolute URL of the n-th local link;
/// callouts are titled in the words of `strings`.
pub fn parse(
    markdown: &str,
    fields: &[Field],
    local_url: &dyn Fn(usize) -> String,
    strings: &Strings,
) -> Vec<Block> {
    let events = merge_text(Parser::new_ext(markdown, parser_options()).into_offset_iter());
    let mut builder = Builder {
        stack: vec![Container::Root(Vec::new())],
        flattened: Vec::new(),
        inlines: Vec::new(),
        style: Style::default(),
        local_links: 0,
        local_url,
        fields,
        strings,
    };
    for (event, _) in events {
        builder.event(event);
    }
    builder.flush_inlines();
    match builder.stack.pop() {
        Some(Container::Root(blocks)) => blocks,
        _ => Vec::new(),
    }
}

enum Container {
    Root(Vec<Block>),
    Quote(Option<String>, Vec<Block>),
    List(Option<u64>, Vec<Item>),
    Item(Option<bool>, Vec<Block>),
    Table {
        aligns: Vec<Alignment>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
        in_head: bool,
    },
    Heading(u8),
    Paragraph,
    Code(String),
    Cell,
}

/// Lists and quotes nested deeper than this are flattened into their parent, which
/// keeps the writers' recursion shallow whatever the input.
pub(super) const MAX_NESTING: usize = 12;

struct Builder<'u> {
    stack: Vec<Container>,
    /// For each open list, item and quote: whether it was flattened away.
    flattened: Vec<bool>,
    inlines: Vec<Inline>,
    style: Style,
    local_links: usize,
    local_url: &'u dyn Fn(usize) -> String,
    fields: &'u [Field],
    strings: &'u Strings,
}

impl Builder<'_> {
    fn push_block(&mut self, block: Block) {
        for container in self.stack.iter_mut().rev() {
            match container {
                Container::Root(blocks)
                | Container::Quote(_, blocks)
                | Container::Item(_, blocks) => {
                    blocks.push(block);
                    return;
                }
                _ => {}
            }
        }
    }

    /// Text outside a paragraph (a tight list item) becomes a paragraph of its own.
    fn flush_inlines(&mut self) {
        if !self.inlines.is_empty() {
            let inlines = std::mem::take(&mut self.inlines);
            self.push_block(Block::Paragraph(inlines));
        }
    }

    /// Code keeps its text; a placeholder in it is written as the plain-text blank.
    fn blanks(&self, code: &str) -> String {
        placeholder::fill(code, |name| {
            Some(placeholder::text_blank(placeholder::label_of(
                self.fields,
                name,
            )))
        })
    }

    fn text(&mut self, text: &str) {
        let mut rest = text;
        while let Some(p) = placeholder::find(rest) {
            if p.start > 0 {
                self.inlines.push(Inline::Text {
                    text: rest[..p.start].to_string(),
                    style: self.style.clone(),
                });
            }
            self.inlines.push(Inline::Placeholder {
                name: p.name.to_string(),
                label: placeholder::label_of(self.fields, p.name).to_string(),
                field: self
                    .fields
                    .iter()
                    .position(|f| f.name == p.name)
                    .unwrap_or(0),
                style: self.style.clone(),
            });
            rest = &rest[p.end..];
        }
        if !rest.is_empty() {
            self.inlines.push(Inline::Text {
                text: rest.to_string(),
                style: self.style.clone(),
            });
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if let Some(Container::Code(code)) = self.stack.last_mut() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(Container::Code(code)) = self.stack.pop() {
                        let code = self.blanks(code.trim_end_matches('\n'));
                        self.push_block(Block::Code(code));
                    }
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let style = Style {
                    code: true,
                    ..self.style.clone()
                };
                self.inlines.push(Inline::Text {
                    text: self.blanks(&t),
                    style,
                });
            }
            Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => self.text(&t),
            Event::FootnoteReference(name) => self.text(&format!("[{name}]")),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.inlines.push(Inline::Break),
            Event::Rule => {
                self.flush_inlines();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(checked) => {
                if let Some(Container::Item(task, _)) = self.stack.last_mut() {
                    *task = Some(checked);
                }
            }
        }
    }

    fn nesting(&self) -> usize {
        self.flattened.iter().filter(|f| !**f).count()
    }

    fn start(&mut self, tag: Tag<'_>) {
        if matches!(tag, Tag::List(_) | Tag::Item | Tag::BlockQuote(_)) {
            let flatten = self.nesting() >= MAX_NESTING;
            self.flattened.push(flatten);
            if flatten {
                self.flush_inlines();
                return;
            }
        }
        match tag {
            Tag::Paragraph => {
                self.flush_inlines();
                self.stack.push(Container::Paragraph);
            }
            Tag::Heading { level, .. } => {
                self.flush_inlines();
                self.stack.push(Container::Heading(heading_level(level)));
            }
            Tag::BlockQuote(kind) => {
                self.flush_inlines();
                self.stack.push(Container::Quote(
                    kind.map(|k| callout_label(k, self.strings)),
                    Vec::new(),
                ));
            }
            Tag::CodeBlock(_) => {
                self.flush_inlines();
                self.stack.push(Container::Code(String::new()));
            }
            Tag::List(start) => {
                self.flush_inlines();
                self.stack.push(Container::List(start, Vec::new()));
            }
            Tag::Item => self.stack.push(Container::Item(None, Vec::new())),
            Tag::Table(aligns) => {
                self.flush_inlines();
                self.stack.push(Container::Table {
                    aligns,
                    head: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(Container::Table { in_head, .. }) = self.stack.last_mut() {
                    *in_head = true;
                }
            }
            Tag::TableCell => self.stack.push(Container::Cell),
            Tag::Emphasis => self.style.italic = true,
            Tag::Strong => self.style.bold = true,
            Tag::Strikethrough => self.style.strike = true,
            Tag::Link { dest_url, .. } => {
                let url = if is_local(&dest_url) {
                    let n = self.local_links;
                    self.local_links += 1;
                    (self.local_url)(n)
                } else {
                    dest_url.to_string()
                };
                self.style.link = Some(url);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if matches!(tag, TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_))
            && self.flattened.pop() == Some(true)
        {
            self.flush_inlines();
            return;
        }
        match tag {
            TagEnd::Paragraph => {
                self.stack.pop();
                let inlines = std::mem::take(&mut self.inlines);
                self.push_block(Block::Paragraph(inlines));
            }
            TagEnd::Heading(_) => {
                if let Some(Container::Heading(level)) = self.stack.pop() {
                    let inlines = std::mem::take(&mut self.inlines);
                    self.push_block(Block::Heading { level, inlines });
                }
            }
            TagEnd::BlockQuote(_) => {
                self.flush_inlines();
                if let Some(Container::Quote(label, blocks)) = self.stack.pop() {
                    self.push_block(Block::Quote { label, blocks });
                }
            }
            TagEnd::List(_) => {
                if let Some(Container::List(start, items)) = self.stack.pop() {
                    self.push_block(Block::List { start, items });
                }
            }
            TagEnd::Item => {
                self.flush_inlines();
                if let Some(Container::Item(task, blocks)) = self.stack.pop() {
                    if let Some(Container::List(_, items)) = self.stack.last_mut() {
                        items.push(Item { task, blocks });
                    }
                }
            }
            TagEnd::TableCell => {
                self.stack.pop();
                let cell = std::mem::take(&mut self.inlines);
                if let Some(Container::Table { row, .. }) = self.stack.last_mut() {
                    row.push(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Container::Table {
                    head,
                    rows,
                    row,
                    in_head,
                    ..
                }) = self.stack.last_mut()
                {
                    let cells = std::mem::take(row);
                    if *in_head {
                        *head = cells;
                        *in_head = false;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(Container::Table {
                    aligns, head, rows, ..
                }) = self.stack.pop()
                {
                    self.push_block(Block::Table { aligns, head, rows });
                }
            }
            TagEnd::Emphasis => self.style.italic = false,
            TagEnd::Strong => self.style.bold = false,
            TagEnd::Strikethrough => self.style.strike = false,
            TagEnd::Link => self.style.link = None,
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

fn callout_label(kind: BlockQuoteKind, t: &Strings) -> String {
    match kind {
        BlockQuoteKind::Note => &t.callout_note,
        BlockQuoteKind::Tip => &t.callout_tip,
        BlockQuoteKind::Important => &t.callout_important,
        BlockQuoteKind::Warning => &t.callout_warning,
        BlockQuoteKind::Caution => &t.callout_caution,
    }
    .clone()
}
