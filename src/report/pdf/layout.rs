//! Lays the block tree out on A4 pages: the public `Layout` (pages of placed
//! text, rectangles, lines and polygons, each with its box) and the engine
//! that produces it.
//!
//! Blocks are first turned into a flat list of *fragments*: small vertical
//! units that must not be split (one line of a paragraph, one table row, one
//! chart). The paginator then stacks fragments onto pages, honouring forced
//! breaks, keep-with-next (headings, table headers), repeated table headers
//! and shaded backgrounds that span several fragments. Every producer makes
//! sure no fragment is taller than a page, so nothing can overflow; header
//! and footer are added last, when the page count is known.

use std::collections::BTreeMap;

use super::PdfError;
use super::fonts::{FontKind, Fonts};
use super::markdown::{Block, InlineStyle, Span};
use super::text::{self, Line, Run, Style, Whitespace};
use super::theme as t;
use super::{PdfMeta, chart_draw, table};

/// An RGB colour, each channel 0.0..=1.0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

/// How a line or outline is stroked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub color: Rgb,
    pub width: f32,
    /// Dash and gap lengths; `None` for a solid line.
    pub dash: Option<[f32; 2]>,
}

/// A single line of text in one font. `y` is the top of its box, which spans
/// the font's ascender and descender around `baseline`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub baseline: f32,
    pub font: FontKind,
    pub size: f32,
    pub color: Rgb,
    pub text: String,
    /// The full text when this box shows part of it (a wrapped or shortened chart
    /// label); the HTML shows it as the SVG `<title>`. Not drawn in the PDF.
    pub title: Option<String>,
}

/// A filled and/or stroked rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct RectBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub fill: Option<Rgb>,
    pub stroke: Option<Stroke>,
}

/// A straight line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSeg {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub stroke: Stroke,
}

/// A closed polygon (chart markers, radar series and rings), filled and/or outlined.
#[derive(Debug, Clone, PartialEq)]
pub struct PolygonShape {
    pub points: Vec<(f32, f32)>,
    /// Rings cut out of the shape (filled even-odd), e.g. the inside of a band.
    pub holes: Vec<Vec<(f32, f32)>>,
    pub fill: Option<Rgb>,
    /// Opacity of the fill in hundredths (100: opaque), so that what lies below shows.
    pub fill_opacity: u8,
    pub stroke: Option<Stroke>,
}

impl PolygonShape {
    /// A filled, opaque polygon without outline.
    pub fn filled(points: Vec<(f32, f32)>, fill: Rgb) -> PolygonShape {
        PolygonShape {
            points,
            holes: Vec::new(),
            fill: Some(fill),
            fill_opacity: 100,
            stroke: None,
        }
    }
}

/// Something placed on a page. Coordinates are points from the top-left
/// corner of the page, y growing downwards.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextBox),
    Rect(RectBox),
    Line(LineSeg),
    Polygon(PolygonShape),
}

/// An axis-aligned box: `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BBox {
    /// Whether `other` lies inside this box (with `eps` slack).
    pub fn contains(&self, other: &BBox, eps: f32) -> bool {
        other.x0 >= self.x0 - eps
            && other.y0 >= self.y0 - eps
            && other.x1 <= self.x1 + eps
            && other.y1 <= self.y1 + eps
    }

    /// Whether the interiors of the two boxes overlap by more than `eps`.
    pub fn overlaps(&self, other: &BBox, eps: f32) -> bool {
        self.x0 + eps < other.x1
            && other.x0 + eps < self.x1
            && self.y0 + eps < other.y1
            && other.y0 + eps < self.y1
    }
}

impl Item {
    /// The box the item covers on the page (strokes included).
    pub fn bbox(&self) -> BBox {
        match self {
            Item::Text(t) => BBox {
                x0: t.x,
                y0: t.y,
                x1: t.x + t.width,
                y1: t.y + t.height,
            },
            Item::Rect(r) => {
                let half = r.stroke.map_or(0.0, |s| s.width / 2.0);
                BBox {
                    x0: r.x - half,
                    y0: r.y - half,
                    x1: r.x + r.width + half,
                    y1: r.y + r.height + half,
                }
            }
            Item::Line(l) => {
                // Lines are drawn with butt caps: the stroke widens a line
                // sideways only, so it does not extend past its ends.
                let half = l.stroke.width / 2.0;
                let (hx, hy) = if l.y1 == l.y2 {
                    (0.0, half)
                } else if l.x1 == l.x2 {
                    (half, 0.0)
                } else {
                    (half, half)
                };
                BBox {
                    x0: l.x1.min(l.x2) - hx,
                    y0: l.y1.min(l.y2) - hy,
                    x1: l.x1.max(l.x2) + hx,
                    y1: l.y1.max(l.y2) + hy,
                }
            }
            Item::Polygon(p) => {
                let mut b = BBox {
                    x0: f32::INFINITY,
                    y0: f32::INFINITY,
                    x1: f32::NEG_INFINITY,
                    y1: f32::NEG_INFINITY,
                };
                // Outline strokes are mitred at most by their width.
                let half = p.stroke.map_or(0.0, |s| s.width);
                for &(x, y) in &p.points {
                    b.x0 = b.x0.min(x - half);
                    b.y0 = b.y0.min(y - half);
                    b.x1 = b.x1.max(x + half);
                    b.y1 = b.y1.max(y + half);
                }
                b
            }
        }
    }

    pub(crate) fn shift(&mut self, dy: f32) {
        match self {
            Item::Text(t) => {
                t.y += dy;
                t.baseline += dy;
            }
            Item::Rect(r) => r.y += dy,
            Item::Line(l) => {
                l.y1 += dy;
                l.y2 += dy;
            }
            Item::Polygon(p) => p
                .points
                .iter_mut()
                .chain(p.holes.iter_mut().flatten())
                .for_each(|(_, y)| *y += dy),
        }
    }
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// One page: items in painting order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// A laid-out report, ready for [`super::write_pdf`].
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub page_width: f32,
    pub page_height: f32,
    pub margins: Margins,
    pub pages: Vec<Page>,
    /// The headings, in order, for the PDF outline.
    pub outline: Vec<OutlineEntry>,
}

/// A heading as the viewer's sidebar lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    /// Page index (from 0).
    pub page: usize,
    /// The heading's top, from the top of the page.
    pub y: f32,
}

impl Layout {
    /// The box inside the margins; every item lies within it.
    pub fn margin_box(&self) -> BBox {
        BBox {
            x0: self.margins.left,
            y0: self.margins.top,
            x1: self.page_width - self.margins.right,
            y1: self.page_height - self.margins.bottom,
        }
    }
}

/// A text box for `text` drawn with `style` at `size` whose baseline is at
/// `baseline`.
pub(crate) fn text_item(
    fonts: &Fonts,
    x: f32,
    baseline: f32,
    style: Style,
    size: f32,
    text: String,
    width: f32,
) -> Item {
    let ascent = fonts.ascent(style.font, size);
    Item::Text(TextBox {
        x,
        y: baseline - ascent,
        width,
        height: ascent + fonts.descent(style.font, size),
        baseline,
        font: style.font,
        size,
        color: style.color,
        text,
        title: None,
    })
}

/// Where the baseline sits in a line box of `line_height`, text centred.
pub(crate) fn baseline_in(fonts: &Fonts, size: f32, line_height: f32) -> f32 {
    let ascent = fonts.ascent(FontKind::Regular, size);
    let descent = fonts.descent(FontKind::Regular, size);
    (line_height - ascent - descent) / 2.0 + ascent
}

/// Text items for one wrapped line, starting at `x`, with baseline `baseline`.
pub(crate) fn line_items(
    fonts: &Fonts,
    line: &Line,
    x: f32,
    baseline: f32,
    size: f32,
) -> Vec<Item> {
    line.pieces
        .iter()
        .filter(|p| !p.text.trim().is_empty())
        .map(|p| {
            text_item(
                fonts,
                x + p.x,
                baseline,
                p.style,
                size,
                p.text.clone(),
                p.width,
            )
        })
        .collect()
}

/// A vertical unit the paginator never splits.
#[derive(Debug, Clone, Default)]
pub(crate) struct Frag {
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    pub height: f32,
    /// Items with y relative to the fragment top.
    pub items: Vec<Item>,
    /// Must end up on the same page as the next fragment.
    pub keep_with_next: bool,
    /// Starts a new page.
    pub break_before: bool,
    /// A heading's level and text: an entry of the PDF outline (bookmarks).
    pub outline: Option<(u8, String)>,
    /// Shaded groups (quotes, code) this fragment belongs to, outermost
    /// first.
    pub groups: Vec<usize>,
    /// Per group: how far its box starts below the fragment top and ends
    /// above the fragment bottom (padding an enclosing group added).
    pub insets: Vec<(usize, f32, f32)>,
    /// Table header to repeat when this fragment starts a page.
    pub header: Option<usize>,
    /// Baseline of the first text line, for list markers.
    pub first_baseline: Option<f32>,
}

/// A shaded background behind consecutive fragments.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group {
    pub x: f32,
    pub width: f32,
    pub fill: Rgb,
    pub accent: Option<Rgb>,
}

/// The fragment list being built.
pub(crate) struct Flow<'a> {
    pub fonts: &'a Fonts,
    pub frags: Vec<Frag>,
    pub groups: Vec<Group>,
    /// Table header fragments, repeated after page breaks inside tables.
    pub headers: Vec<Vec<Frag>>,
    /// Height of the content area: no fragment may be taller.
    pub max_height: f32,
    open_groups: Vec<usize>,
    pending_break: bool,
}

impl<'a> Flow<'a> {
    /// An empty flow whose fragments may be at most `max_height` tall.
    pub(crate) fn new(fonts: &'a Fonts, max_height: f32) -> Flow<'a> {
        Flow {
            fonts,
            frags: Vec::new(),
            groups: Vec::new(),
            headers: Vec::new(),
            max_height,
            open_groups: Vec::new(),
            pending_break: false,
        }
    }

    pub(crate) fn push(&mut self, mut frag: Frag) {
        frag.groups = self.open_groups.clone();
        if std::mem::take(&mut self.pending_break) {
            frag.break_before = true;
        }
        self.frags.push(frag);
    }

    /// Lays out inline text as paragraph lines, one fragment per line.
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        runs: &[Run],
        x: f32,
        width: f32,
        size: f32,
        ws: Whitespace,
        space_before: f32,
        keep: bool,
    ) {
        let line_height = size * t::LEADING;
        let baseline = baseline_in(self.fonts, size, line_height);
        for (i, line) in text::wrap(self.fonts, runs, size, width, ws)
            .iter()
            .enumerate()
        {
            self.push(Frag {
                space_before: if i == 0 { space_before } else { 0.0 },
                height: line_height,
                items: line_items(self.fonts, line, x, baseline, size),
                keep_with_next: keep,
                first_baseline: Some(baseline),
                ..Frag::default()
            });
        }
    }
}

/// Converts Markdown spans to styled runs.
pub(crate) fn runs(spans: &[Span], base: Style) -> Vec<Run> {
    spans
        .iter()
        .map(|s| Run {
            style: inline_style(s.style, base),
            text: s.text.clone(),
        })
        .collect()
}

fn inline_style(s: InlineStyle, base: Style) -> Style {
    let font = if s.strong { FontKind::Bold } else { base.font };
    let color = if s.link {
        t::LINK
    } else if s.emphasis {
        t::EMPHASIS
    } else {
        base.color
    };
    Style { font, color }
}

/// Padding added to `frag` for `group` lies outside the groups nested in it.
fn inset_nested(frag: &mut Frag, group: usize, top: f32, bottom: f32) {
    let Some(pos) = frag.groups.iter().position(|g| *g == group) else {
        return;
    };
    for &g in &frag.groups[pos + 1..] {
        match frag.insets.iter_mut().find(|(id, _, _)| *id == g) {
            Some(inset) => {
                inset.1 += top;
                inset.2 += bottom;
            }
            None => frag.insets.push((g, top, bottom)),
        }
    }
}

/// Narrowest content a shaded box may have; deeper nesting is drawn flat.
const MIN_SHADED_WIDTH: f32 = 80.0;

const BODY: Style = Style {
    font: FontKind::Regular,
    color: t::TEXT,
};

struct Engine<'a, 'f> {
    flow: &'a mut Flow<'f>,
}

impl Engine<'_, '_> {
    fn blocks(
        &mut self,
        blocks: &[Block],
        x: f32,
        width: f32,
        depth: usize,
        first_space: f32,
    ) -> Result<(), PdfError> {
        for (i, block) in blocks.iter().enumerate() {
            let space = match (i, blocks.get(i.wrapping_sub(1))) {
                (0, _) => Some(first_space),
                // Text right after a boxed block (table, chart, quote, code)
                // gets the wider block spacing.
                (
                    _,
                    Some(
                        Block::Table { .. }
                        | Block::Chart(_)
                        | Block::Quote(_)
                        | Block::Literal { shaded: true, .. },
                    ),
                ) if !matches!(block, Block::Heading { .. } | Block::PageBreak) => {
                    Some(t::BLOCK_SPACE)
                }
                _ => None,
            };
            self.block(block, x, width, depth, space)?;
        }
        Ok(())
    }

    fn block(
        &mut self,
        block: &Block,
        x: f32,
        width: f32,
        depth: usize,
        space: Option<f32>,
    ) -> Result<(), PdfError> {
        match block {
            Block::Heading { level, spans } => {
                let idx = usize::from(level.saturating_sub(1)).min(t::HEADINGS.len() - 1);
                let (size, above) = t::HEADINGS[idx];
                let style = Style {
                    font: FontKind::Bold,
                    color: t::HEADING,
                };
                let start = self.flow.frags.len();
                self.flow.lines(
                    &runs(spans, style),
                    x,
                    width,
                    size,
                    Whitespace::Collapse,
                    space.unwrap_or(above),
                    true,
                );
                if let Some(last) = self.flow.frags.get_mut(start..).and_then(|f| f.last_mut()) {
                    last.height += t::HEADING_SPACE_AFTER;
                }
                let title: String = spans.iter().map(|s| s.text.as_str()).collect();
                if let Some(first) = self.flow.frags.get_mut(start) {
                    first.outline = Some((
                        *level,
                        title.split_whitespace().collect::<Vec<_>>().join(" "),
                    ));
                }
            }
            Block::Paragraph(spans) => {
                self.flow.lines(
                    &runs(spans, BODY),
                    x,
                    width,
                    t::BODY_SIZE,
                    Whitespace::Collapse,
                    space.unwrap_or(t::PARAGRAPH_SPACE),
                    false,
                );
            }
            Block::Literal { text, shaded } => {
                let text = text.strip_suffix('\n').unwrap_or(text);
                let run = [Run {
                    style: BODY,
                    text: text.to_string(),
                }];
                let space = space.unwrap_or(t::PARAGRAPH_SPACE);
                if *shaded {
                    self.shaded(
                        x,
                        width,
                        t::CODE_BG,
                        None,
                        t::QUOTE_PAD / 2.0,
                        space,
                        |e, x, w| {
                            e.flow.lines(
                                &run,
                                x,
                                w,
                                t::CODE_SIZE,
                                Whitespace::Preserve,
                                0.0,
                                false,
                            );
                            Ok(())
                        },
                    )?;
                } else {
                    self.flow.lines(
                        &run,
                        x,
                        width,
                        t::BODY_SIZE,
                        Whitespace::Preserve,
                        space,
                        false,
                    );
                }
            }
            Block::List { start, items } => self.list(*start, items, x, width, depth, space)?,
            Block::Quote(inner) => {
                let space = space.unwrap_or(t::BLOCK_SPACE);
                self.shaded(
                    x,
                    width,
                    t::QUOTE_BG,
                    Some(t::QUOTE_ACCENT),
                    t::QUOTE_PAD,
                    space,
                    |e, x, w| e.blocks(inner, x, w, depth, 0.0),
                )?;
            }
            Block::Table { aligns, head, rows } => {
                table::layout_table(
                    self.flow,
                    x,
                    width,
                    aligns,
                    head,
                    rows,
                    space.unwrap_or(t::BLOCK_SPACE),
                )?;
            }
            Block::Chart(spec) => {
                chart_draw::layout_chart(
                    self.flow,
                    spec,
                    x,
                    width,
                    space.unwrap_or(t::BLOCK_SPACE),
                    chart_draw::ChartStyle::PRINT,
                )?;
            }
            Block::Rule => {
                let height = 10.0;
                self.flow.push(Frag {
                    space_before: space.unwrap_or(t::PARAGRAPH_SPACE),
                    height,
                    items: vec![Item::Line(LineSeg {
                        x1: x,
                        y1: height / 2.0,
                        x2: x + width,
                        y2: height / 2.0,
                        stroke: Stroke {
                            color: t::RULE,
                            width: 0.8,
                            dash: None,
                        },
                    })],
                    ..Frag::default()
                });
            }
            Block::PageBreak => self.flow.pending_break = true,
        }
        Ok(())
    }

    /// Lays out content inside a shaded box (quotes, code blocks).
    #[allow(clippy::too_many_arguments)]
    fn shaded(
        &mut self,
        x: f32,
        width: f32,
        fill: Rgb,
        accent: Option<Rgb>,
        pad: f32,
        space: f32,
        content: impl FnOnce(&mut Self, f32, f32) -> Result<(), PdfError>,
    ) -> Result<(), PdfError> {
        let inset = pad + accent.map_or(0.0, |_| t::QUOTE_ACCENT_WIDTH);
        if width - inset - pad < MIN_SHADED_WIDTH {
            // Nested too deeply to indent any further: no box, no inset.
            let start = self.flow.frags.len();
            content(self, x, width)?;
            if let Some(first) = self.flow.frags.get_mut(start) {
                first.space_before = space;
            }
            return Ok(());
        }
        let group = self.flow.groups.len();
        self.flow.groups.push(Group {
            x,
            width,
            fill,
            accent,
        });
        self.flow.open_groups.push(group);
        let start = self.flow.frags.len();
        let result = content(self, x + inset, width - inset - pad);
        if self.flow.frags.len() == start {
            self.flow.push(Frag::default());
        }
        self.flow.open_groups.pop();
        result?;
        if let Some(first) = self.flow.frags.get_mut(start) {
            first.space_before = space;
            first.height += pad;
            first.items.iter_mut().for_each(|i| i.shift(pad));
            first.first_baseline = first.first_baseline.map(|b| b + pad);
            inset_nested(first, group, pad, 0.0);
        }
        if let Some(last) = self.flow.frags.last_mut() {
            last.height += pad;
            inset_nested(last, group, 0.0, pad);
        }
        Ok(())
    }

    fn list(
        &mut self,
        start: Option<u64>,
        items: &[Vec<Block>],
        x: f32,
        width: f32,
        depth: usize,
        space: Option<f32>,
    ) -> Result<(), PdfError> {
        let fonts = self.flow.fonts;
        let size = t::BODY_SIZE;
        let markers: Vec<String> = (0..items.len() as u64)
            .map(|i| match start {
                Some(n) => format!("{}.", n.saturating_add(i)),
                None => ["•", "◦", "▪"][depth % 3].to_string(),
            })
            .collect();
        let gutter = markers
            .iter()
            .map(|m| fonts.text_width(FontKind::Regular, size, m))
            .fold(0.0, f32::max)
            + 5.0;
        // Deep nesting stops indenting (and drawing markers) once the
        // marker would no longer fit in a quarter of the remaining width.
        let indent = if gutter <= width * 0.25 {
            t::LIST_INDENT.max(gutter).min(width * 0.25)
        } else {
            0.0
        };
        let inner_x = x + indent;
        let inner_w = width - indent;
        for (i, (item, marker)) in items.iter().zip(&markers).enumerate() {
            // A nested list sits as tightly under its parent item as the
            // items sit under each other.
            let first_space = match (i, space) {
                (0, Some(s)) => s,
                (0, None) if depth == 0 => t::PARAGRAPH_SPACE,
                _ => t::LIST_ITEM_SPACE,
            };
            let begin = self.flow.frags.len();
            self.blocks(item, inner_x, inner_w, depth + 1, first_space)?;
            if self.flow.frags.len() == begin {
                self.flow.lines(
                    &[],
                    inner_x,
                    inner_w,
                    size,
                    Whitespace::Collapse,
                    first_space,
                    false,
                );
            }
            if indent <= 0.0 {
                continue;
            }
            if let Some(frag) = self.flow.frags.get_mut(begin) {
                let line_height = size * t::LEADING;
                let baseline = frag
                    .first_baseline
                    .unwrap_or_else(|| baseline_in(fonts, size, line_height));
                let w = fonts.text_width(FontKind::Regular, size, marker);
                let mx = (inner_x - 4.0 - w).max(x);
                frag.items.push(text_item(
                    fonts,
                    mx,
                    baseline,
                    BODY,
                    size,
                    marker.clone(),
                    w,
                ));
            }
        }
        Ok(())
    }
}

/// Content area of a page: (top, bottom) in page coordinates.
fn content_span() -> (f32, f32) {
    (
        t::MARGIN + t::HEADER_BAND,
        t::PAGE_HEIGHT - t::MARGIN - t::FOOTER_BAND,
    )
}

/// Lays out parsed blocks; `meta` supplies header and footer.
pub(crate) fn layout_blocks(
    blocks: &[Block],
    meta: &PdfMeta,
    fonts: &Fonts,
) -> Result<Layout, PdfError> {
    let (top, bottom) = content_span();
    let x = t::MARGIN;
    let width = t::PAGE_WIDTH - 2.0 * t::MARGIN;
    let mut flow = Flow::new(fonts, bottom - top);
    Engine { flow: &mut flow }.blocks(blocks, x, width, 0, 0.0)?;
    let (mut pages, outline) = paginate(flow.frags, &flow.headers, &flow.groups, top, bottom);
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        decorate(page, fonts, meta, i + 1, total);
    }
    Ok(Layout {
        page_width: t::PAGE_WIDTH,
        page_height: t::PAGE_HEIGHT,
        margins: Margins {
            top: t::MARGIN,
            right: t::MARGIN,
            bottom: t::MARGIN,
            left: t::MARGIN,
        },
        pages,
        outline,
    })
}

/// Height needed to place fragment `i` together with the fragments it is
/// kept with; just its own height when the chain could never fit a page.
fn keep_height(frags: &[Frag], i: usize, max_height: f32) -> f32 {
    let mut need = frags[i].height;
    let mut j = i;
    while frags[j].keep_with_next {
        match frags.get(j + 1) {
            Some(next) if !next.break_before => {
                need += next.space_before + next.height;
                j += 1;
            }
            _ => break,
        }
    }
    if need > max_height {
        frags[i].height
    } else {
        need
    }
}

struct PageBuilder {
    items: Vec<Item>,
    /// Group id -> (top, bottom) of its fragments on this page.
    groups: BTreeMap<usize, (f32, f32)>,
}

fn paginate(
    frags: Vec<Frag>,
    headers: &[Vec<Frag>],
    groups: &[Group],
    top: f32,
    bottom: f32,
) -> (Vec<Page>, Vec<OutlineEntry>) {
    let mut done: Vec<PageBuilder> = Vec::new();
    let mut outline = Vec::new();
    let mut page = PageBuilder {
        items: Vec::new(),
        groups: BTreeMap::new(),
    };
    let mut y = top;
    let mut empty = true;
    let max_height = bottom - top;

    let place = |frag: Frag, y: f32, page: &mut PageBuilder| {
        for mut item in frag.items {
            item.shift(y);
            page.items.push(item);
        }
        for g in &frag.groups {
            let (top, bottom) = frag
                .insets
                .iter()
                .find(|(id, _, _)| id == g)
                .map_or((0.0, 0.0), |(_, t, b)| (*t, *b));
            let (y0, y1) = (y + top, y + frag.height - bottom);
            let e = page.groups.entry(*g).or_insert((y0, y1));
            e.0 = e.0.min(y0);
            e.1 = e.1.max(y1);
        }
    };

    let needs: Vec<f32> = (0..frags.len())
        .map(|i| keep_height(&frags, i, max_height))
        .collect();
    for (frag, need) in frags.into_iter().zip(needs) {
        let mut gap = if empty { 0.0 } else { frag.space_before };
        if !empty && (frag.break_before || y + gap + need > bottom + text::EPS) {
            done.push(std::mem::replace(
                &mut page,
                PageBuilder {
                    items: Vec::new(),
                    groups: BTreeMap::new(),
                },
            ));
            y = top;
            empty = true;
            gap = 0.0;
        }
        if empty && let Some(header) = frag.header.and_then(|h| headers.get(h)) {
            for h in header {
                place(h.clone(), y, &mut page);
                y += h.height;
            }
        }
        y += gap;
        let height = frag.height;
        let mut frag = frag;
        if let Some((level, title)) = frag.outline.take() {
            outline.push(OutlineEntry {
                level,
                title,
                page: done.len(),
                y,
            });
        }
        place(frag, y, &mut page);
        y += height;
        empty = false;
    }
    done.push(page);

    let pages = done
        .into_iter()
        .map(|p| {
            let mut items = Vec::with_capacity(p.items.len() + 2 * p.groups.len());
            for (g, (y0, y1)) in p.groups {
                let Some(group) = groups.get(g) else { continue };
                items.push(Item::Rect(RectBox {
                    x: group.x,
                    y: y0,
                    width: group.width,
                    height: y1 - y0,
                    fill: Some(group.fill),
                    stroke: None,
                }));
                if let Some(accent) = group.accent {
                    items.push(Item::Rect(RectBox {
                        x: group.x,
                        y: y0,
                        width: t::QUOTE_ACCENT_WIDTH,
                        height: y1 - y0,
                        fill: Some(accent),
                        stroke: None,
                    }));
                }
            }
            items.extend(p.items);
            Page { items }
        })
        .collect();
    (pages, outline)
}

/// The footer's page label: "Trang 3/5" in Vietnamese, "Page 3 of 5" otherwise.
pub fn page_label(lang: &str, page: usize, total: usize) -> String {
    let lang = lang.trim().to_ascii_lowercase();
    if lang == "vi" || lang.starts_with("vi-") || lang.starts_with("vi_") {
        format!("Trang {page}/{total}")
    } else {
        format!("Page {page} of {total}")
    }
}

/// Adds the running header and footer to a page.
fn decorate(page: &mut Page, fonts: &Fonts, meta: &PdfMeta, number: usize, total: usize) {
    let size = t::HEADER_SIZE;
    let x0 = t::MARGIN;
    let x1 = t::PAGE_WIDTH - t::MARGIN;
    let width = x1 - x0;
    let muted = Style {
        font: FontKind::Regular,
        color: t::MUTED,
    };
    let rule = Stroke {
        color: t::RULE,
        width: 0.6,
        dash: None,
    };
    let ascent = fonts.ascent(FontKind::Regular, size);
    let descent = fonts.descent(FontKind::Regular, size);

    let header = text::truncate(fonts, FontKind::Regular, size, &meta.header, width);
    let baseline = t::MARGIN + ascent;
    if !header.is_empty() {
        let w = fonts.text_width(FontKind::Regular, size, &header);
        page.items
            .push(text_item(fonts, x0, baseline, muted, size, header, w));
    }
    let header_rule = baseline + descent + 4.0;
    page.items.push(Item::Line(LineSeg {
        x1: x0,
        y1: header_rule,
        x2: x1,
        y2: header_rule,
        stroke: rule,
    }));

    let baseline = t::PAGE_HEIGHT - t::MARGIN - descent;
    let footer_rule = baseline - ascent - 5.0;
    page.items.push(Item::Line(LineSeg {
        x1: x0,
        y1: footer_rule,
        x2: x1,
        y2: footer_rule,
        stroke: rule,
    }));
    let label = text::truncate(
        fonts,
        FontKind::Regular,
        size,
        &page_label(&meta.lang, number, total),
        width,
    );
    let label_w = fonts.text_width(FontKind::Regular, size, &label);
    let footer = text::truncate(
        fonts,
        FontKind::Regular,
        size,
        &meta.footer,
        width - label_w - 12.0,
    );
    if !footer.is_empty() {
        let w = fonts.text_width(FontKind::Regular, size, &footer);
        page.items
            .push(text_item(fonts, x0, baseline, muted, size, footer, w));
    }
    page.items.push(text_item(
        fonts,
        x1 - label_w,
        baseline,
        muted,
        size,
        label,
        label_w,
    ));
}
