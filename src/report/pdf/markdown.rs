//! Turns the report Markdown into a small block tree the layout engine walks.
//!
//! Only the subset the report templates use is modelled (headings,
//! paragraphs, lists, tables, quotes, rules, code blocks and the special
//! `pagebreak` / `chart` fences); anything else degrades to literal text so a
//! template mistake is visible in the PDF instead of being dropped.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::PdfError;
use super::chart::ChartSpec;

/// Inline styling of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct InlineStyle {
    pub strong: bool,
    pub emphasis: bool,
    pub link: bool,
}

/// A run of text with one style; `'\n'` inside `text` is a hard line break.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub style: InlineStyle,
}

/// Column alignment of a GFM table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

pub(crate) type Cell = Vec<Span>;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    /// Literal text, one line per source line (code blocks and raw HTML).
    Literal {
        text: String,
        shaded: bool,
    },
    Table {
        aligns: Vec<Align>,
        head: Vec<Cell>,
        rows: Vec<Vec<Cell>>,
    },
    Rule,
    PageBreak,
    Chart(Box<ChartSpec>),
}

enum Container {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
}

impl Container {
    fn blocks(&mut self) -> Option<&mut Vec<Block>> {
        match self {
            Container::Root(b) | Container::Quote(b) | Container::Item(b) => Some(b),
            Container::List { .. } => None,
        }
    }
}

/// Where inline content currently goes.
enum InlineTarget {
    Paragraph,
    Heading(u8),
    Cell,
    /// Text directly inside a tight list item.
    Implicit,
}

struct TableState {
    aligns: Vec<Align>,
    head: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
}

struct Builder {
    stack: Vec<Container>,
    inline: Option<(InlineTarget, Vec<Span>)>,
    strong: u32,
    emphasis: u32,
    links: Vec<(String, usize)>,
    code: Option<(String, String)>,
    html: Option<String>,
    table: Option<TableState>,
    charts: usize,
}

/// Parses Markdown (CommonMark + GFM tables) into blocks.
pub(crate) fn parse(markdown: &str) -> Result<Vec<Block>, PdfError> {
    let mut b = Builder {
        stack: vec![Container::Root(Vec::new())],
        inline: None,
        strong: 0,
        emphasis: 0,
        links: Vec::new(),
        code: None,
        html: None,
        table: None,
        charts: 0,
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        b.event(event)?;
    }
    b.flush_implicit();
    // Unbalanced input cannot come out of pulldown-cmark, but fold any
    // leftover containers instead of trusting that.
    while b.stack.len() > 1 {
        b.close_container();
    }
    match b.stack.pop() {
        Some(Container::Root(blocks)) => Ok(blocks),
        _ => Ok(Vec::new()),
    }
}

impl Builder {
    fn push_block(&mut self, block: Block) {
        self.flush_implicit();
        for c in self.stack.iter_mut().rev() {
            if let Some(blocks) = c.blocks() {
                blocks.push(block);
                return;
            }
        }
    }

    fn flush_implicit(&mut self) {
        if matches!(self.inline, Some((InlineTarget::Implicit, _)))
            && let Some((_, spans)) = self.inline.take()
            && !spans.is_empty()
        {
            self.push_block(Block::Paragraph(spans));
        }
    }

    fn close_container(&mut self) {
        self.flush_implicit();
        let Some(top) = self.stack.pop() else { return };
        match top {
            Container::Quote(blocks) => self.push_block(Block::Quote(blocks)),
            Container::List { start, items } => self.push_block(Block::List { start, items }),
            Container::Item(blocks) => match self.stack.last_mut() {
                Some(Container::List { items, .. }) => items.push(blocks),
                _ => {
                    for block in blocks {
                        self.push_block(block);
                    }
                }
            },
            Container::Root(blocks) => self.stack.push(Container::Root(blocks)),
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, code)) = self.code.as_mut() {
            code.push_str(text);
            return;
        }
        if let Some(html) = self.html.as_mut() {
            html.push_str(text);
            return;
        }
        if self.inline.is_none() {
            self.inline = Some((InlineTarget::Implicit, Vec::new()));
        }
        let style = InlineStyle {
            strong: self.strong > 0,
            emphasis: self.emphasis > 0,
            link: !self.links.is_empty(),
        };
        if let Some((_, spans)) = self.inline.as_mut() {
            match spans.last_mut() {
                Some(last) if last.style == style => last.text.push_str(text),
                _ => spans.push(Span {
                    text: text.to_string(),
                    style,
                }),
            }
        }
    }

    fn inline_text_len(&self) -> usize {
        self.inline
            .as_ref()
            .map_or(0, |(_, s)| s.iter().map(|s| s.text.len()).sum())
    }

    fn inline_text_since(&self, start: usize) -> String {
        let all: String = self
            .inline
            .as_ref()
            .map(|(_, s)| s.iter().map(|s| s.text.as_str()).collect())
            .unwrap_or_default();
        all.get(start..).unwrap_or_default().to_string()
    }

    fn start_inline(&mut self, target: InlineTarget) {
        self.flush_implicit();
        self.inline = Some((target, Vec::new()));
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), PdfError> {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag)?,
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.text(&t),
            Event::Html(t) => match self.html.as_mut() {
                Some(html) => html.push_str(&t),
                None => self.text(&t),
            },
            Event::InlineHtml(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::FootnoteReference(t) => self.text(&format!("[^{t}]")),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::Rule => self.push_block(Block::Rule),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                if !matches!(self.inline, Some((InlineTarget::Cell, _))) {
                    self.start_inline(InlineTarget::Paragraph);
                }
            }
            Tag::Heading { level, .. } => self.start_inline(InlineTarget::Heading(level as u8)),
            Tag::BlockQuote(_) => {
                self.flush_implicit();
                self.stack.push(Container::Quote(Vec::new()));
            }
            Tag::List(start) => {
                self.flush_implicit();
                self.stack.push(Container::List {
                    start,
                    items: Vec::new(),
                });
            }
            Tag::Item => {
                self.flush_implicit();
                self.stack.push(Container::Item(Vec::new()));
            }
            Tag::CodeBlock(kind) => {
                self.flush_implicit();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((info, String::new()));
            }
            Tag::HtmlBlock => {
                self.flush_implicit();
                self.html = Some(String::new());
            }
            Tag::Table(aligns) => {
                self.flush_implicit();
                self.table = Some(TableState {
                    aligns: aligns
                        .into_iter()
                        .map(|a| match a {
                            Alignment::Center => Align::Center,
                            Alignment::Right => Align::Right,
                            Alignment::Left | Alignment::None => Align::Left,
                        })
                        .collect(),
                    head: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.row.clear();
                }
            }
            Tag::TableCell => self.inline = Some((InlineTarget::Cell, Vec::new())),
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Link { dest_url, .. } => {
                let at = self.inline_text_len();
                self.links.push((dest_url.to_string(), at));
            }
            // Images render as their alt text; the remaining tags are not
            // enabled in the parser options and carry no styling here.
            Tag::Image { .. }
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), PdfError> {
        match tag {
            TagEnd::Paragraph => {
                if matches!(self.inline, Some((InlineTarget::Paragraph, _)))
                    && let Some((_, spans)) = self.inline.take()
                {
                    self.push_block(Block::Paragraph(spans));
                }
            }
            TagEnd::Heading(_) => {
                if let Some((InlineTarget::Heading(level), spans)) = self.inline.take() {
                    self.push_block(Block::Heading { level, spans });
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.close_container(),
            TagEnd::CodeBlock => {
                if let Some((info, body)) = self.code.take() {
                    let block = match info.as_str() {
                        "pagebreak" => Block::PageBreak,
                        "chart" => {
                            self.charts += 1;
                            let spec =
                                ChartSpec::from_yaml(&body).map_err(|message| PdfError::Chart {
                                    index: self.charts,
                                    message,
                                })?;
                            Block::Chart(Box::new(spec))
                        }
                        _ => Block::Literal {
                            text: body,
                            shaded: true,
                        },
                    };
                    self.push_block(block);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(text) = self.html.take()
                    && !text.trim().is_empty()
                {
                    self.push_block(Block::Literal {
                        text,
                        shaded: false,
                    });
                }
            }
            TagEnd::TableCell => {
                let spans = match self.inline.take() {
                    Some((_, spans)) => spans,
                    None => Vec::new(),
                };
                if let Some(t) = self.table.as_mut() {
                    t.row.push(spans);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.head = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push_block(Block::Table {
                        aligns: t.aligns,
                        head: t.head,
                        rows: t.rows,
                    });
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Link => {
                if let Some((url, at)) = self.links.pop() {
                    let shown = self.inline_text_since(at);
                    let url = url.trim();
                    if !url.is_empty() && !url.starts_with('#') && shown.trim() != url {
                        self.text(&format!(" ({url})"));
                    }
                }
            }
            TagEnd::Image
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(spans: &[Span]) -> String {
        spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn builds_the_block_tree() {
        let md = "# Tiêu đề\n\nMột **đậm** và *nghiêng* `mã`.\n\n- a\n  - b\n- c\n\n> **Điểm: 62**\n\n| A | B |\n|:--|--:|\n| 1 | 2 |\n\n---\n\n```pagebreak\n```\n\n<div>raw</div>\n\n[x](https://e.vn) <b>inline</b>";
        let blocks = parse(md).expect("parses");
        assert!(matches!(&blocks[0], Block::Heading { level: 1, .. }));
        match &blocks[1] {
            Block::Paragraph(spans) => {
                assert_eq!(plain(spans), "Một đậm và nghiêng mã.");
                assert!(spans.iter().any(|s| s.style.strong && s.text == "đậm"));
                assert!(
                    spans
                        .iter()
                        .any(|s| s.style.emphasis && s.text == "nghiêng")
                );
            }
            other => panic!("{other:?}"),
        }
        match &blocks[2] {
            Block::List { start: None, items } => {
                assert_eq!(items.len(), 2);
                assert!(matches!(items[0][1], Block::List { .. }));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&blocks[3], Block::Quote(inner) if inner.len() == 1));
        match &blocks[4] {
            Block::Table { aligns, head, rows } => {
                assert_eq!(aligns, &vec![Align::Left, Align::Right]);
                assert_eq!(head.len(), 2);
                assert_eq!(rows.len(), 1);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(blocks[5], Block::Rule);
        assert_eq!(blocks[6], Block::PageBreak);
        assert!(
            matches!(&blocks[7], Block::Literal { text, shaded: false } if text.contains("<div>raw</div>"))
        );
        match &blocks[8] {
            Block::Paragraph(spans) => assert_eq!(plain(spans), "x (https://e.vn) <b>inline</b>"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_chart_is_an_error_with_its_number() {
        let md = "```chart\ntype: bar\nrows: []\n```\n\n```chart\ntype: nope\n```\n";
        match parse(md) {
            Err(PdfError::Chart { index: 2, .. }) => {}
            other => panic!("{other:?}"),
        }
    }
}
