//! Draws a radar [`ChartSpec`]: one spoke per row, the thresholds (level minimums) as
//! labelled rings, an optional band per spoke (the peers' quartiles), up to three series
//! as outlines (the first one filled lightly), and each spoke's label with the first
//! series' value at its end.
//!
//! Labels go outside the plot: left of the centre they end at their spoke, right of it they
//! start there, at the top and bottom they are centred; they wrap to a fixed width and are
//! pushed apart where they would touch, so none is ever cut or overlaps another. The chart is
//! one fragment (it never splits across pages).

use super::PdfError;
use super::chart::{ChartKind, ChartSpec, whole_number};
use super::chart_draw::{ChartStyle, line, rect, series_colors};
use super::fonts::FontKind;
use super::layout::{BBox, Flow, Frag, Item, PolygonShape, Rgb, Stroke, line_items, text_item};
use super::text::{self, Line, Run, Style, Whitespace};
use super::theme as t;

const LABEL: Style = Style {
    font: FontKind::Regular,
    color: t::TEXT,
};
const VALUE: Style = Style {
    font: FontKind::Bold,
    color: t::HEADING,
};
const MUTED: Style = Style {
    font: FontKind::Regular,
    color: t::MUTED,
};
const LEADING: f32 = 1.22;
/// Space between the outer ring and a label.
const GAP: f32 = 5.0;

/// A radar of fewer than three spokes is no shape: it is drawn as bars (one series) or
/// paired bars (the first two series) instead.
pub(crate) fn as_bars(spec: &ChartSpec) -> Option<ChartSpec> {
    if spec.rows.len() >= 3 {
        return None;
    }
    let paired = spec.series.len() >= 2;
    let take = if paired { 2 } else { 1 };
    let mut bars = spec.clone();
    bars.kind = if paired {
        ChartKind::Paired
    } else {
        ChartKind::Bar
    };
    bars.series.truncate(take);
    if !paired {
        bars.series.clear();
    }
    bars.band = None;
    for r in &mut bars.rows {
        r.band = None;
        if !r.values.is_empty() {
            r.values.resize(take, None);
        }
    }
    Some(bars)
}

/// How a series is drawn: outline colour, width and dash; whether it is filled.
fn series_look(i: usize) -> (Rgb, f32, Option<[f32; 2]>, bool) {
    let colors = series_colors(ChartKind::Radar);
    let color = colors[i.min(colors.len() - 1)];
    match i {
        0 => (color, 1.4, None, true),
        1 => (color, 1.2, Some([3.0, 2.0]), false),
        _ => (color, 1.0, Some([1.2, 1.2]), false),
    }
}

/// The band's fill: the second series' colour, light.
const BAND: Rgb = t::BAR_SECOND;
const BAND_OPACITY: u8 = 24;
/// The band's colour as an opaque swatch (the same colour over white).
fn band_swatch() -> Rgb {
    let a = f32::from(BAND_OPACITY) / 100.0;
    Rgb {
        r: 1.0 - a + a * BAND.r,
        g: 1.0 - a + a * BAND.g,
        b: 1.0 - a + a * BAND.b,
    }
}

struct Label {
    lines: Vec<Line>,
    /// Box relative to the chart centre.
    b: BBox,
    /// Horizontal alignment inside the box: 0 left, 0.5 centre, 1 right.
    align: f32,
    full: String,
}

/// Lays out a radar chart (three rows or more) into `flow`.
pub(crate) fn layout_radar(
    flow: &mut Flow<'_>,
    spec: &ChartSpec,
    x: f32,
    width: f32,
    space_before: f32,
    style: ChartStyle,
) -> Result<(), PdfError> {
    let fonts = flow.fonts;
    let st = style;
    let n = spec.rows.len();
    let max = spec.axis_max();
    let ls = st.label;
    let lh = ls * LEADING;
    let mut items: Vec<Item> = Vec::new();
    let mut texts: Vec<Item> = Vec::new();
    let mut y = 0.0;

    // Title.
    if let Some(title) = spec
        .title
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let runs = [Run {
            style: Style {
                font: FontKind::Bold,
                color: t::HEADING,
            },
            text: title.to_string(),
        }];
        let tl = st.title * 1.3;
        let base = super::layout::baseline_in(fonts, st.title, tl);
        for l in text::wrap(fonts, &runs, st.title, width, Whitespace::Collapse) {
            texts.extend(line_items(fonts, &l, x, y + base, st.title));
            y += tl;
        }
        y += 3.0;
    }

    // Legend: the series, then the band.
    let mut entries: Vec<(usize, String)> = spec
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.clone()))
        .collect();
    if let Some(b) = spec
        .band
        .as_ref()
        .filter(|_| spec.rows.iter().any(|r| r.band.is_some()))
    {
        entries.push((usize::MAX, b.clone()));
    }
    if !entries.is_empty() {
        let legend_line = ls * 1.45;
        let swatch = 14.0;
        let mut lx = 0.0;
        let mut first = true;
        for (i, name) in entries {
            let name = text::truncate(fonts, FontKind::Regular, ls, &name, width - swatch - 4.0);
            let w = fonts.text_width(FontKind::Regular, ls, &name);
            let entry = swatch + 4.0 + w;
            if first || lx + entry > width {
                if !first {
                    y += legend_line;
                }
                lx = 0.0;
                first = false;
            }
            let cy = y + legend_line / 2.0;
            let sx = x + lx;
            if i == usize::MAX {
                items.push(rect(sx, cy - 3.5, swatch, 7.0, Some(band_swatch()), None));
            } else {
                let (color, lw, dash, filled) = series_look(i);
                if filled {
                    items.push(rect(
                        sx,
                        cy - 3.5,
                        swatch,
                        7.0,
                        Some(t::BOX_FILL),
                        Some(Stroke {
                            color,
                            width: lw,
                            dash: None,
                        }),
                    ));
                } else {
                    items.push(line(sx, cy, sx + swatch, cy, color, lw, dash));
                }
            }
            let base = super::chart_draw::centred_baseline(flow, ls, cy);
            texts.push(text_item(
                fonts,
                sx + swatch + 4.0,
                base,
                LABEL,
                ls,
                name,
                w,
            ));
            lx += entry + 12.0;
        }
        y += legend_line + 4.0;
    }

    // Labels, measured around a centre at (0, 0) first.
    let side_width = (width * st.radar_label).max(40.0);
    let radius = ((width - 2.0 * (side_width + GAP)) / 2.0)
        .min(width * st.radar_radius)
        .max(20.0);
    let angle = |i: usize| std::f32::consts::TAU * i as f32 / n as f32;
    let mut labels: Vec<Label> = Vec::with_capacity(n);
    for (i, row) in spec.rows.iter().enumerate() {
        let (sx, sy) = (angle(i).sin(), -angle(i).cos());
        let centred = sx.abs() < 0.3;
        let wrap_width = if centred {
            (2.0 * side_width).min(width)
        } else {
            side_width
        };
        let value = match row.values.first().copied().flatten() {
            Some(v) => Run {
                style: VALUE,
                text: format!(" {}", whole_number(v)),
            },
            None => Run {
                style: MUTED,
                text: format!(" {}", row.note.as_deref().unwrap_or("—")),
            },
        };
        let runs = [
            Run {
                style: LABEL,
                text: row.label.clone(),
            },
            value,
        ];
        let lines = text::wrap(fonts, &runs, ls, wrap_width, Whitespace::Collapse);
        let w = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        let h = lines.len() as f32 * lh;
        let (ax, ay) = ((radius + GAP) * sx, (radius + GAP) * sy);
        let align = if centred {
            0.5
        } else if sx > 0.0 {
            0.0
        } else {
            1.0
        };
        let x0 = ax - w * align;
        let y0 = ay - h * (1.0 - sy) / 2.0;
        labels.push(Label {
            lines,
            b: BBox {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
            },
            align,
            full: row.label.clone(),
        });
    }
    // Push labels apart, top to bottom: a label touching one above it moves down (away from
    // the centre line on the lower half, which only grows the chart).
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| labels[*a].b.y0.total_cmp(&labels[*b].b.y0).then(a.cmp(b)));
    for k in 0..order.len() {
        let i = order[k];
        loop {
            let bi = labels[i].b;
            let blocker = order[..k].iter().map(|&j| labels[j].b).find(|bj| {
                bi.x0 < bj.x1 + 2.0 && bj.x0 < bi.x1 + 2.0 && bi.y0 < bj.y1 + 1.0 && bj.y0 < bi.y1
            });
            match blocker {
                Some(bj) => {
                    let dy = bj.y1 + 1.0 - bi.y0;
                    labels[i].b.y0 += dy;
                    labels[i].b.y1 += dy;
                }
                None => break,
            }
        }
    }

    // Vertical placement: the centre sits below the highest label.
    let top = labels.iter().map(|l| l.b.y0).fold(-radius - 1.0, f32::min);
    let bottom = labels.iter().map(|l| l.b.y1).fold(radius + 1.0, f32::max);
    let cx = x + width / 2.0;
    let cy = y - top;
    let height = cy + bottom + 2.0;

    let point = |i: usize, v: f64| {
        let r = radius * (v / max).clamp(0.0, 1.0) as f32;
        (cx + r * angle(i).sin(), cy - r * angle(i).cos())
    };
    let ring = |v: f64| (0..n).map(|i| point(i, v)).collect::<Vec<_>>();

    // Spokes and the outer frame.
    for i in 0..n {
        let (px, py) = point(i, max);
        items.push(line(cx, cy, px, py, t::GRID, 0.6, None));
    }
    items.push(Item::Polygon(PolygonShape {
        points: ring(max),
        holes: Vec::new(),
        fill: None,
        fill_opacity: 100,
        stroke: Some(Stroke {
            color: t::AXIS,
            width: 0.6,
            dash: None,
        }),
    }));
    // Level rings.
    let mut rings: Vec<(f64, String)> = spec
        .thresholds
        .iter()
        .filter(|th| th.at > 0.0 && th.at < max)
        .map(|th| (th.at, th.label.clone()))
        .collect();
    rings.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (at, _) in &rings {
        items.push(Item::Polygon(PolygonShape {
            points: ring(*at),
            holes: Vec::new(),
            fill: None,
            fill_opacity: 100,
            stroke: Some(Stroke {
                color: t::THRESHOLD,
                width: 0.5,
                dash: Some([2.0, 1.5]),
            }),
        }));
    }
    // The band, then the series (the last one first, so the first is on top).
    if spec.rows.iter().all(|r| r.band.is_some()) {
        let (mut hi, mut lo) = (Vec::new(), Vec::new());
        for (i, r) in spec.rows.iter().enumerate() {
            if let Some([a, b]) = r.band {
                lo.push(point(i, a));
                hi.push(point(i, b));
            }
        }
        items.push(Item::Polygon(PolygonShape {
            points: hi,
            holes: vec![lo],
            fill: Some(BAND),
            fill_opacity: BAND_OPACITY,
            stroke: None,
        }));
    }
    let series = spec.kind.values_per_row(spec.series.len());
    for s in (0..series).rev() {
        let pts: Vec<(f32, f32)> = spec
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.values.get(s).copied().flatten().map(|v| point(i, v)))
            .collect();
        let (color, lw, dash, filled) = series_look(s);
        if pts.len() >= 2 {
            items.push(Item::Polygon(PolygonShape {
                points: pts.clone(),
                holes: Vec::new(),
                fill: filled.then_some(color),
                fill_opacity: 22,
                stroke: Some(Stroke {
                    color,
                    width: lw,
                    dash,
                }),
            }));
        }
        let d = if s == 0 { 2.2 } else { 1.6 };
        for (px, py) in pts {
            items.push(Item::Polygon(PolygonShape::filled(
                vec![(px, py - d), (px + d, py), (px, py + d), (px - d, py)],
                color,
            )));
        }
    }
    // Ring labels, right of the top spoke, on a light backdrop; one that would touch the
    // previous goes left of the spoke.
    let small = st.small;
    let ascent = fonts.ascent(FontKind::Regular, small);
    let descent = fonts.descent(FontKind::Regular, small);
    let mut placed: Vec<BBox> = Vec::new();
    for (at, label) in rings.iter().rev() {
        let label = text::truncate(fonts, FontKind::Regular, small, label, side_width);
        let w = fonts.text_width(FontKind::Regular, small, &label);
        let ry = cy - radius * (*at / max) as f32;
        let box_at = |left: bool| {
            let x0 = if left { cx - 2.5 - w } else { cx + 2.5 };
            BBox {
                x0,
                y0: ry - 0.6 - ascent - descent,
                x1: x0 + w,
                y1: ry - 0.6,
            }
        };
        let right = box_at(false);
        let b = if placed.iter().any(|p| p.overlaps(&right, 0.0)) {
            box_at(true)
        } else {
            right
        };
        placed.push(b);
        items.push(Item::Polygon(PolygonShape {
            points: vec![
                (b.x0 - 1.0, b.y0),
                (b.x1 + 1.0, b.y0),
                (b.x1 + 1.0, b.y1),
                (b.x0 - 1.0, b.y1),
            ],
            holes: Vec::new(),
            fill: Some(t::WHITE),
            fill_opacity: 70,
            stroke: None,
        }));
        texts.push(text_item(
            fonts,
            b.x0,
            b.y1 - descent,
            Style {
                font: FontKind::Regular,
                color: t::THRESHOLD,
            },
            small,
            label,
            w,
        ));
    }
    // Spoke labels.
    let base = super::layout::baseline_in(fonts, ls, lh);
    for l in &labels {
        let bw = l.b.x1 - l.b.x0;
        for (k, line) in l.lines.iter().enumerate() {
            let lx = cx + l.b.x0 + (bw - line.width) * l.align;
            let baseline = cy + l.b.y0 + k as f32 * lh + base;
            for mut item in line_items(fonts, line, lx, baseline, ls) {
                if let Item::Text(t) = &mut item {
                    t.title = Some(l.full.clone());
                }
                texts.push(item);
            }
        }
    }
    items.extend(texts);
    flow.push(Frag {
        space_before,
        height,
        items,
        ..Frag::default()
    });
    Ok(())
}
