//! GFM tables: column widths from content, wrapped cells, rows split across
//! pages with the header row repeated at the top of each page.
//!
//! Widths follow the usual automatic table layout: every column gets at
//! least its longest word (capped, so one 150-character name cannot starve
//! the others) and the rest of the measure is shared in proportion to how
//! much each column would need to fit on one line. When even the longest
//! single characters cannot fit (a very wide table), the font shrinks.

use super::PdfError;
use super::fonts::FontKind;
use super::layout::{Flow, Frag, Item, LineSeg, RectBox, Stroke, line_items, runs};
use super::markdown::{Align, Cell};
use super::text::{self, Line, Run, Style, Whitespace};
use super::theme as t;

const HEAD: Style = Style {
    font: FontKind::Bold,
    color: t::TEXT,
};
const BODY: Style = Style {
    font: FontKind::Regular,
    color: t::TEXT,
};

/// Widest character cluster in `runs`, in em.
fn widest_cluster_em(flow: &Flow<'_>, runs: &[Run]) -> f32 {
    runs.iter()
        .flat_map(|r| {
            text::clusters(&r.text).map(move |c| flow.fonts.text_width(r.style.font, 1.0, c))
        })
        .fold(0.0, f32::max)
}

/// Splits the measure between columns with (min, max) needs.
fn column_widths(width: f32, needs: &[(f32, f32)], floor: &[f32]) -> Vec<f32> {
    let sum_min: f32 = needs.iter().map(|n| n.0).sum();
    let sum_max: f32 = needs.iter().map(|n| n.1).sum();
    let mut widths: Vec<f32> = if sum_max <= width {
        needs
            .iter()
            .map(|n| n.1 + (width - sum_max) * n.1 / sum_max.max(1e-3))
            .collect()
    } else if sum_min <= width {
        let spread = (sum_max - sum_min).max(1e-3);
        needs
            .iter()
            .map(|n| n.0 + (width - sum_min) * (n.1 - n.0) / spread)
            .collect()
    } else {
        needs
            .iter()
            .map(|n| width * n.0 / sum_min.max(1e-3))
            .collect()
    };
    // Every column keeps its hard floor (its widest character plus padding);
    // what that costs is taken from the columns above their floors.
    for (w, f) in widths.iter_mut().zip(floor) {
        *w = w.max(*f);
    }
    let excess: f32 = widths.iter().sum::<f32>() - width;
    if excess > 0.0 {
        let slack: f32 = widths.iter().zip(floor).map(|(w, f)| w - f).sum();
        if slack > 0.0 {
            for (w, f) in widths.iter_mut().zip(floor) {
                *w -= excess * (*w - *f) / slack;
            }
        }
    }
    widths
}

struct Geometry {
    size: f32,
    pad: f32,
    line_height: f32,
    baseline: f32,
    x: f32,
    width: f32,
    columns: Vec<(f32, f32)>,
    aligns: Vec<Align>,
}

fn border(width: f32) -> Stroke {
    Stroke {
        color: t::TABLE_BORDER,
        width,
        dash: None,
    }
}

fn hline(x1: f32, x2: f32, y: f32, width: f32) -> Item {
    Item::Line(LineSeg {
        x1,
        y1: y,
        x2,
        y2: y,
        stroke: border(width),
    })
}

/// The fragments of one row, split into page-sized pieces when needed.
fn row_frags(
    g: &Geometry,
    flow: &Flow<'_>,
    cells: &[Vec<Line>],
    header: bool,
    zebra: bool,
    max_height: f32,
) -> Vec<Frag> {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let per_piece = (((max_height - 2.0 * g.pad) / g.line_height).floor() as usize).max(1);
    let pieces = lines.div_ceil(per_piece);
    (0..pieces)
        .map(|p| {
            let first = p * per_piece;
            let count = per_piece.min(lines - first);
            let height = count as f32 * g.line_height + 2.0 * g.pad;
            let mut items = Vec::new();
            let fill = if header {
                Some(t::TABLE_HEAD_BG)
            } else if zebra {
                Some(t::TABLE_ZEBRA)
            } else {
                None
            };
            if fill.is_some() {
                items.push(Item::Rect(RectBox {
                    x: g.x,
                    y: 0.0,
                    width: g.width,
                    height,
                    fill,
                    stroke: None,
                }));
            }
            for (c, cell) in cells.iter().enumerate() {
                let (cx, cw) = g.columns[c];
                let inner = cw - 2.0 * g.pad;
                for (k, line) in cell.iter().skip(first).take(count).enumerate() {
                    let dx = match g.aligns.get(c).copied().unwrap_or(Align::Left) {
                        Align::Left => 0.0,
                        Align::Center => ((inner - line.width) / 2.0).max(0.0),
                        Align::Right => (inner - line.width).max(0.0),
                    };
                    let baseline = g.pad + k as f32 * g.line_height + g.baseline;
                    items.extend(line_items(
                        flow.fonts,
                        line,
                        cx + g.pad + dx,
                        baseline,
                        g.size,
                    ));
                }
            }
            if header {
                items.push(hline(g.x, g.x + g.width, 0.0, 0.8));
            }
            items.push(hline(
                g.x,
                g.x + g.width,
                height,
                if header { 0.8 } else { 0.4 },
            ));
            // Column separators; the outer two sit half a stroke inside the
            // table so the border does not stick out of the measure.
            let right = g.x + g.width;
            let edges = g.columns.iter().map(|(cx, _)| *cx).chain([right]);
            for cx in edges {
                let cx = cx.clamp(g.x + 0.2, right - 0.2);
                items.push(Item::Line(LineSeg {
                    x1: cx,
                    y1: 0.0,
                    x2: cx,
                    y2: height,
                    stroke: border(0.4),
                }));
            }
            Frag {
                height,
                items,
                ..Frag::default()
            }
        })
        .collect()
}

/// Lays out a table into `flow`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn layout_table(
    flow: &mut Flow<'_>,
    x: f32,
    width: f32,
    aligns: &[Align],
    head: &[Cell],
    rows: &[Vec<Cell>],
    space_before: f32,
) -> Result<(), PdfError> {
    let ncols = rows
        .iter()
        .map(Vec::len)
        .chain([head.len()])
        .max()
        .unwrap_or(0);
    if ncols == 0 {
        return Ok(());
    }
    let empty: Cell = Vec::new();
    let cell_runs = |cells: &[Cell], style: Style| -> Vec<Vec<Run>> {
        (0..ncols)
            .map(|c| runs(cells.get(c).unwrap_or(&empty), style))
            .collect()
    };
    let head_runs = if head.is_empty() {
        Vec::new()
    } else {
        cell_runs(head, HEAD)
    };
    let body_runs: Vec<Vec<Vec<Run>>> = rows.iter().map(|r| cell_runs(r, BODY)).collect();
    let all_rows = || {
        std::iter::once(&head_runs)
            .filter(|h| !h.is_empty())
            .chain(body_runs.iter())
    };

    // Font size: every column must hold its widest character plus padding.
    let mut floor_em = vec![2.0 * t::TABLE_PAD; ncols];
    for row in all_rows() {
        for (c, cell) in row.iter().enumerate() {
            floor_em[c] = floor_em[c].max(widest_cluster_em(flow, cell) + 2.0 * t::TABLE_PAD);
        }
    }
    let size = t::TABLE_SIZE.min(width / floor_em.iter().sum::<f32>());
    if size < t::TABLE_MIN_SIZE {
        return Err(PdfError::Layout(format!(
            "a table with {ncols} columns does not fit the page width"
        )));
    }
    let pad = t::TABLE_PAD * size;

    let cap = (width / ncols as f32).max(90.0);
    // Each cell is cut into tokens once, measured, then wrapped at its column's width.
    let tokens = |row: &[Vec<Run>]| -> Vec<text::Tokens> {
        row.iter()
            .map(|cell| text::tokenize(flow.fonts, cell, size, Whitespace::Collapse))
            .collect()
    };
    let head_tokens = tokens(&head_runs);
    let body_tokens: Vec<Vec<text::Tokens>> = body_runs.iter().map(|r| tokens(r)).collect();
    let mut needs = vec![(0f32, 0f32); ncols];
    for row in std::iter::once(&head_tokens).chain(&body_tokens) {
        for (c, cell) in row.iter().enumerate() {
            let (min, max) = cell.measure();
            needs[c].0 = needs[c].0.max(min.min(cap) + 2.0 * pad);
            // No column usefully needs more than the whole measure; without
            // this cap one unbreakable 200-character cell would claim most
            // of the spare width.
            needs[c].1 = needs[c].1.max((max + 2.0 * pad).min(width));
        }
    }
    let floor: Vec<f32> = floor_em.iter().map(|f| f * size).collect();
    for (n, f) in needs.iter_mut().zip(&floor) {
        n.0 = n.0.max(*f);
        n.1 = n.1.max(n.0);
    }
    let widths = column_widths(width, &needs, &floor);
    let mut cx = x;
    let columns: Vec<(f32, f32)> = widths
        .iter()
        .map(|w| {
            let col = (cx, *w);
            cx += w;
            col
        })
        .collect();
    let line_height = size * 1.32;
    let geometry = Geometry {
        size,
        pad,
        line_height,
        baseline: super::layout::baseline_in(flow.fonts, size, line_height),
        x,
        width: columns.last().map_or(width, |(cx, w)| cx + w - x),
        aligns: (0..ncols)
            .map(|c| aligns.get(c).copied().unwrap_or(Align::Left))
            .collect(),
        columns,
    };
    let wrap_row = |row: &[text::Tokens]| -> Vec<Vec<Line>> {
        row.iter()
            .zip(&geometry.columns)
            .map(|(cell, (_, w))| cell.wrap(flow.fonts, size, w - 2.0 * pad))
            .collect()
    };

    let mut first = true;
    let mut header_id = None;
    if !head_runs.is_empty() {
        let cells = wrap_row(&head_tokens);
        let mut frags = row_frags(&geometry, flow, &cells, true, false, flow.max_height);
        let header_height: f32 = frags.iter().map(|f| f.height).sum();
        for f in &mut frags {
            f.keep_with_next = true;
        }
        if header_height <= flow.max_height / 3.0 {
            header_id = Some(flow.headers.len());
            flow.headers.push(frags.clone());
        }
        for mut f in frags {
            if std::mem::take(&mut first) {
                f.space_before = space_before;
            }
            flow.push(f);
        }
    }
    let header_height: f32 = header_id
        .and_then(|h| flow.headers.get(h))
        .map_or(0.0, |h| h.iter().map(|f| f.height).sum());
    let row_max = flow.max_height - header_height;
    for (i, row) in body_tokens.iter().enumerate() {
        let cells = wrap_row(row);
        for mut f in row_frags(&geometry, flow, &cells, false, i % 2 == 1, row_max) {
            if std::mem::take(&mut first) {
                f.space_before = space_before;
            }
            f.header = header_id;
            flow.push(f);
        }
    }
    Ok(())
}
