//! Draws a [`ChartSpec`] as vector shapes: horizontal bars (single, paired or
//! box-and-whisker), wrapped row labels on the left, whole-number values at
//! the bar ends, a 0..max axis with ticks, dashed threshold lines with their
//! labels stacked so they never collide, and a legend.
//!
//! A chart is one fragment so it moves to the next page as a whole; a chart
//! taller than a page is cut into several, each with its own axis.

use super::PdfError;
use super::chart::{ChartKind, ChartRow, ChartSpec, nice_ticks, whole_number};
use super::fonts::FontKind;
use super::layout::{
    Flow, Frag, Item, LineSeg, PolygonShape, RectBox, Rgb, Stroke, line_items, text_item,
};
use super::text::{self, Line, Run, Style, Whitespace};
use super::theme as t;

const LABEL: Style = Style {
    font: FontKind::Regular,
    color: t::TEXT,
};
const MUTED: Style = Style {
    font: FontKind::Regular,
    color: t::MUTED,
};

/// Type sizes of a chart, in points: print (the PDF) or screen (the HTML, where a chart is
/// laid out narrow and scaled to the phone's width, so its smallest text stays readable).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    pub title: f32,
    pub label: f32,
    pub value: f32,
    pub small: f32,
    /// A radar's largest radius as a share of the chart width (its labels take the rest).
    pub radar_radius: f32,
    /// How wide a radar's side labels may be, as a share of the chart width.
    pub radar_label: f32,
}

impl ChartStyle {
    pub const PRINT: ChartStyle = ChartStyle {
        title: t::CHART_TITLE_SIZE,
        label: t::CHART_LABEL_SIZE,
        value: t::CHART_VALUE_SIZE,
        small: t::CHART_SMALL_SIZE,
        radar_radius: 0.165,
        radar_label: 0.26,
    };
    /// Every text at least 8.5 pt: laid out 270 pt wide and shown 358 px wide on a 390-px
    /// phone, that is 11.3 px.
    pub const SCREEN: ChartStyle = ChartStyle {
        title: 10.0,
        label: 8.5,
        value: 8.5,
        small: 8.5,
        radar_radius: 0.5,
        radar_label: 0.22,
    };

    /// The smallest text size used.
    pub fn smallest(&self) -> f32 {
        self.title.min(self.label).min(self.value).min(self.small)
    }

    fn lane(&self) -> f32 {
        self.small * 1.35
    }

    fn axis_height(&self) -> f32 {
        3.0 + self.small * 1.35 + 2.0
    }

    fn legend_line(&self) -> f32 {
        self.label * 1.4
    }
}

pub(crate) fn series_colors(kind: ChartKind) -> &'static [Rgb] {
    match kind {
        ChartKind::Bar => &[t::BAR],
        ChartKind::Paired => &[t::BAR_FIRST_PAIRED, t::BAR_SECOND],
        ChartKind::Box => &[t::BOX_FILL],
        ChartKind::Radar => &[t::BAR, t::BAR_SECOND, t::MUTED],
    }
}

/// Height of the bar block inside a row.
fn bar_block(kind: ChartKind) -> f32 {
    match kind {
        ChartKind::Bar | ChartKind::Radar => 10.0,
        ChartKind::Paired => 16.5,
        ChartKind::Box => 12.0,
    }
}

fn value_size(kind: ChartKind, style: &ChartStyle) -> f32 {
    match kind {
        ChartKind::Paired => (style.value - 0.5).max(style.small),
        _ => style.value,
    }
}

/// Baseline that vertically centres text of `size` on `cy`.
pub(crate) fn centred_baseline(flow: &Flow<'_>, size: f32, cy: f32) -> f32 {
    let a = flow.fonts.ascent(FontKind::Regular, size);
    let d = flow.fonts.descent(FontKind::Regular, size);
    cy + (a - d) / 2.0
}

pub(crate) fn line(
    x1: f32,
    y1: f32,
    x2: f32,
    y2: f32,
    color: Rgb,
    width: f32,
    dash: Option<[f32; 2]>,
) -> Item {
    Item::Line(LineSeg {
        x1,
        y1,
        x2,
        y2,
        stroke: Stroke { color, width, dash },
    })
}

pub(crate) fn rect(
    x: f32,
    y: f32,
    width: f32,
    height: f32,
    fill: Option<Rgb>,
    stroke: Option<Stroke>,
) -> Item {
    Item::Rect(RectBox {
        x,
        y,
        width,
        height,
        fill,
        stroke,
    })
}

/// A threshold label placed in a lane above the plot.
struct Placed {
    x: f32,
    width: f32,
    lane: usize,
    line_x: f32,
    text: String,
}

struct RowLayout<'r> {
    row: &'r ChartRow,
    label: Vec<Line>,
    height: f32,
}

struct Chart<'s> {
    spec: &'s ChartSpec,
    style: ChartStyle,
    x: f32,
    width: f32,
    x0: f32,
    x1: f32,
    max: f64,
    label_width: f32,
    title: Vec<Line>,
    legend: Vec<Vec<(Rgb, String, f32)>>,
    thresholds: Vec<Placed>,
    lanes: usize,
    ticks: Vec<f64>,
}

const TITLE_LEADING: f32 = 1.3;
const LABEL_LEADING: f32 = 1.25;

impl Chart<'_> {
    fn xv(&self, v: f64) -> f32 {
        let f = (v / self.max).clamp(0.0, 1.0) as f32;
        self.x0 + f * (self.x1 - self.x0)
    }

    fn head_height(&self, first: bool) -> f32 {
        let title = if first && !self.title.is_empty() {
            self.title.len() as f32 * self.style.title * TITLE_LEADING + 3.0
        } else {
            0.0
        };
        let legend = if self.legend.is_empty() {
            0.0
        } else {
            self.legend.len() as f32 * self.style.legend_line() + 3.0
        };
        let lanes = if self.lanes == 0 {
            0.0
        } else {
            self.lanes as f32 * self.style.lane() + 2.0
        };
        title + legend + lanes
    }

    /// One fragment with the given rows.
    fn frag(&self, flow: &Flow<'_>, rows: &[RowLayout<'_>], first: bool) -> Frag {
        let fonts = flow.fonts;
        let st = self.style;
        let (lane, legend_line) = (st.lane(), st.legend_line());
        let mut items = Vec::new();
        let mut y = 0.0;
        if first && !self.title.is_empty() {
            let lh = st.title * TITLE_LEADING;
            let base = super::layout::baseline_in(fonts, st.title, lh);
            for l in &self.title {
                items.extend(line_items(fonts, l, self.x, y + base, st.title));
                y += lh;
            }
            y += 3.0;
        }
        for entries in &self.legend {
            let cy = y + legend_line / 2.0;
            let mut lx = self.x;
            for (color, label, w) in entries {
                items.push(rect(lx, cy - 3.5, 7.0, 7.0, Some(*color), None));
                let baseline = centred_baseline(flow, st.label, cy);
                items.push(text_item(
                    fonts,
                    lx + 10.0,
                    baseline,
                    LABEL,
                    st.label,
                    label.clone(),
                    *w,
                ));
                lx += 10.0 + w + 12.0;
            }
            y += legend_line;
        }
        if !self.legend.is_empty() {
            y += 3.0;
        }
        let lanes_top = y;
        if self.lanes > 0 {
            y += self.lanes as f32 * lane + 2.0;
        }
        let rows_top = y;
        let rows_bottom = rows_top + rows.iter().map(|r| r.height).sum::<f32>();

        // Grid first so bars paint over it.
        for tick in &self.ticks {
            let tx = self.xv(*tick);
            items.push(line(tx, rows_top, tx, rows_bottom, t::GRID, 0.5, None));
        }
        let ascent = fonts.ascent(FontKind::Regular, st.small);
        for th in &self.thresholds {
            let lane_bottom = lanes_top + (th.lane + 1) as f32 * lane;
            let baseline = lanes_top + th.lane as f32 * lane + ascent;
            items.push(text_item(
                fonts,
                th.x,
                baseline,
                Style {
                    font: FontKind::Regular,
                    color: t::THRESHOLD,
                },
                st.small,
                th.text.clone(),
                th.width,
            ));
            items.push(line(
                th.line_x,
                lane_bottom,
                th.line_x,
                rows_bottom,
                t::THRESHOLD,
                0.7,
                Some([2.0, 1.5]),
            ));
        }

        let mut ry = rows_top;
        for r in rows {
            self.draw_row(flow, r, ry, &mut items);
            ry += r.height;
        }

        // Axis.
        items.push(line(
            self.x0,
            rows_bottom,
            self.x1,
            rows_bottom,
            t::AXIS,
            0.6,
            None,
        ));
        let size = st.small;
        let baseline = rows_bottom + 3.0 + ascent + 1.0;
        for tick in &self.ticks {
            let tx = self.xv(*tick);
            items.push(line(
                tx,
                rows_bottom,
                tx,
                rows_bottom + 3.0,
                t::AXIS,
                0.6,
                None,
            ));
            let label = whole_number(*tick);
            let w = fonts.text_width(FontKind::Regular, size, &label);
            let lx = (tx - w / 2.0).clamp(self.x, self.x + self.width - w);
            items.push(text_item(fonts, lx, baseline, MUTED, size, label, w));
        }
        Frag {
            height: rows_bottom + st.axis_height(),
            items,
            ..Frag::default()
        }
    }

    fn draw_row(&self, flow: &Flow<'_>, r: &RowLayout<'_>, y: f32, items: &mut Vec<Item>) {
        let fonts = flow.fonts;
        let cy = y + r.height / 2.0;
        let ls = self.style.label;
        let lh = ls * LABEL_LEADING;
        let label_top = cy - r.label.len() as f32 * lh / 2.0;
        let base = super::layout::baseline_in(fonts, ls, lh);
        for (i, l) in r.label.iter().enumerate() {
            items.extend(titled(
                line_items(fonts, l, self.x, label_top + i as f32 * lh + base, ls),
                &r.row.label,
            ));
        }
        let kind = self.spec.kind;
        let vs = value_size(kind, &self.style);
        let note_width = self.x + self.width - self.x0 - 4.0;
        // Labels get a white backing so threshold and grid lines do not
        // run through them.
        let label = |items: &mut Vec<Item>, text: String, x: f32, cy: f32, style: Style| {
            let w = fonts.text_width(FontKind::Regular, vs, &text);
            let item = text_item(fonts, x, centred_baseline(flow, vs, cy), style, vs, text, w);
            let b = item.bbox();
            items.push(rect(
                b.x0 - 1.0,
                b.y0,
                b.x1 - b.x0 + 2.0,
                b.y1 - b.y0,
                Some(t::WHITE),
                None,
            ));
            items.push(item);
        };
        let note = |items: &mut Vec<Item>, cy: f32| {
            let text = r.row.note.as_deref().unwrap_or("—");
            let text = text::truncate(fonts, FontKind::Regular, vs, text, note_width);
            label(items, text, self.x0 + 3.0, cy, MUTED);
        };
        let value = |items: &mut Vec<Item>, v: f64, at: f32, cy: f32| {
            label(items, whole_number(v), at, cy, LABEL);
        };
        let values = &r.row.values;
        match kind {
            ChartKind::Bar | ChartKind::Paired | ChartKind::Radar => {
                let colors = series_colors(kind);
                let slots = kind.values_per_row(self.spec.series.len());
                let (bar_h, gap) = if slots == 1 { (10.0, 0.0) } else { (7.5, 1.5) };
                let block = slots as f32 * bar_h + (slots - 1) as f32 * gap;
                let mut noted = false;
                for s in 0..slots {
                    let top = cy - block / 2.0 + s as f32 * (bar_h + gap);
                    let scy = top + bar_h / 2.0;
                    match values.get(s).copied().flatten() {
                        Some(v) => {
                            let xv = self.xv(v);
                            if xv > self.x0 {
                                let color = colors.get(s).copied().unwrap_or(t::BAR);
                                items.push(rect(
                                    self.x0,
                                    top,
                                    xv - self.x0,
                                    bar_h,
                                    Some(color),
                                    None,
                                ));
                            }
                            value(items, v, xv + 3.0, scy);
                        }
                        None if !noted => {
                            note(items, scy);
                            noted = true;
                        }
                        None => {}
                    }
                }
            }
            ChartKind::Box => {
                let v: Vec<f64> = values.iter().flatten().copied().collect();
                if let [min, q1, med, q3, max] = v[..] {
                    let (xmin, xq1, xmed, xq3, xmax) = (
                        self.xv(min),
                        self.xv(q1),
                        self.xv(med),
                        self.xv(q3),
                        self.xv(max),
                    );
                    let h = bar_block(kind);
                    items.push(line(xmin, cy, xmax, cy, t::AXIS, 0.8, None));
                    items.push(line(xmin, cy - 3.0, xmin, cy + 3.0, t::AXIS, 0.8, None));
                    items.push(line(xmax, cy - 3.0, xmax, cy + 3.0, t::AXIS, 0.8, None));
                    items.push(rect(
                        xq1,
                        cy - h / 2.0,
                        (xq3 - xq1).max(0.0),
                        h,
                        Some(t::BOX_FILL),
                        Some(Stroke {
                            color: t::BAR,
                            width: 0.6,
                            dash: None,
                        }),
                    ));
                    items.push(line(
                        xmed,
                        cy - h / 2.0,
                        xmed,
                        cy + h / 2.0,
                        t::BAR,
                        1.4,
                        None,
                    ));
                    if let Some(mean) = r.row.mean {
                        let xm = self.xv(mean);
                        items.push(Item::Polygon(PolygonShape::filled(
                            vec![
                                (xm, cy - 3.5),
                                (xm + 3.5, cy),
                                (xm, cy + 3.5),
                                (xm - 3.5, cy),
                            ],
                            t::BAR_SECOND,
                        )));
                    }
                    value(items, med, xmax + 5.0, cy);
                } else {
                    note(items, cy);
                }
            }
        }
    }
}

/// The row labels' text items carry the label's full text (an SVG `<title>`).
fn titled(items: Vec<Item>, full: &str) -> Vec<Item> {
    items
        .into_iter()
        .map(|mut i| {
            if let Item::Text(t) = &mut i {
                t.title = Some(full.to_string());
            }
            i
        })
        .collect()
}

/// Lays out a chart block into `flow`: radar charts by `radar_draw`, the others here.
pub(crate) fn layout_chart(
    flow: &mut Flow<'_>,
    spec: &ChartSpec,
    x: f32,
    width: f32,
    space_before: f32,
    style: ChartStyle,
) -> Result<(), PdfError> {
    if spec.kind == ChartKind::Radar {
        return match super::radar_draw::as_bars(spec) {
            Some(bars) => layout_bars(flow, &bars, x, width, space_before, style),
            None => super::radar_draw::layout_radar(flow, spec, x, width, space_before, style),
        };
    }
    layout_bars(flow, spec, x, width, space_before, style)
}

fn layout_bars(
    flow: &mut Flow<'_>,
    spec: &ChartSpec,
    x: f32,
    width: f32,
    space_before: f32,
    style: ChartStyle,
) -> Result<(), PdfError> {
    let fonts = flow.fonts;
    let max = spec.axis_max();
    let kind = spec.kind;
    let vs = value_size(kind, &style);
    let ls = style.label;

    let title = match spec.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => text::wrap(
            fonts,
            &[Run {
                style: Style {
                    font: FontKind::Bold,
                    color: t::HEADING,
                },
                text: title.to_string(),
            }],
            style.title,
            width,
            Whitespace::Collapse,
        ),
        _ => Vec::new(),
    };

    // Legend entries, flowed into lines.
    let mut legend: Vec<Vec<(Rgb, String, f32)>> = Vec::new();
    let mut lx = 0.0;
    for (i, name) in spec.series.iter().enumerate() {
        let color = series_colors(kind).get(i).copied().unwrap_or(t::MUTED);
        let name = text::truncate(fonts, FontKind::Regular, ls, name, width - 10.0);
        let w = fonts.text_width(FontKind::Regular, ls, &name);
        let entry = 10.0 + w;
        if legend.is_empty() || lx + entry > width {
            legend.push(Vec::new());
            lx = 0.0;
        }
        if let Some(last) = legend.last_mut() {
            last.push((color, name, w));
        }
        lx += entry + 12.0;
    }

    // Value gutter on the right: wide enough for every value label.
    let mut gutter = fonts.text_width(FontKind::Regular, vs, "100");
    for row in &spec.rows {
        let shown: Vec<f64> = match kind {
            ChartKind::Box => row.values.get(2).copied().flatten().into_iter().collect(),
            _ => row.values.iter().flatten().copied().collect(),
        };
        for v in shown {
            gutter = gutter.max(fonts.text_width(FontKind::Regular, vs, &whole_number(v)));
        }
    }
    let gutter = gutter + 6.0;

    let label_runs = |row: &ChartRow| {
        [Run {
            style: LABEL,
            text: row.label.clone(),
        }]
    };
    let natural = spec
        .rows
        .iter()
        .map(|r| text::measure(fonts, &label_runs(r), ls).1)
        .fold(0.0, f32::max);
    let label_width = (natural + 8.0)
        .clamp(width * 0.2, width * 0.38)
        .min(width - gutter - width * 0.4);
    let x0 = x + label_width;
    let x1 = x + width - gutter;
    let plot = x1 - x0;

    // Ticks: as many as fit without their labels touching.
    let widest_tick = fonts.text_width(FontKind::Regular, style.small, &whole_number(max)) + 4.0;
    let whole = spec.whole_values();
    let ticks = [10, 8, 5, 4, 2, 1]
        .into_iter()
        .map(|n| nice_ticks(max, n, whole))
        .find(|ticks| match ticks.get(1) {
            Some(step) => plot * (*step / max) as f32 >= widest_tick,
            None => true,
        })
        .unwrap_or_else(|| vec![0.0]);

    let mut chart = Chart {
        spec,
        style,
        x,
        width,
        x0,
        x1,
        max,
        label_width,
        title,
        legend,
        thresholds: Vec::new(),
        lanes: 0,
        ticks,
    };

    // Threshold labels: greedily stacked into lanes so none overlap.
    let mut sorted: Vec<_> = spec
        .thresholds
        .iter()
        .filter(|th| th.at >= 0.0 && th.at <= max)
        .collect();
    sorted.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut lane_ends: Vec<f32> = Vec::new();
    for th in sorted {
        let line_x = chart.xv(th.at);
        let label = text::truncate(fonts, FontKind::Regular, style.small, &th.label, width);
        let w = fonts.text_width(FontKind::Regular, style.small, &label);
        let lx = (line_x - w / 2.0).clamp(x, x + width - w);
        let lane = match lane_ends.iter().position(|end| *end + 3.0 <= lx) {
            Some(l) => l,
            None => {
                lane_ends.push(f32::NEG_INFINITY);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = lx + w;
        chart.thresholds.push(Placed {
            x: lx,
            width: w,
            lane,
            line_x,
            text: label,
        });
    }
    chart.lanes = lane_ends.len();

    // Rows, then chunks that each fit a page.
    let lh = ls * LABEL_LEADING;
    let row_room = flow.max_height
        - chart.head_height(true).max(chart.head_height(false))
        - style.axis_height();
    let max_label_lines = (((row_room - 4.0) / lh).floor() as usize).max(1);
    let rows: Vec<RowLayout<'_>> = spec
        .rows
        .iter()
        .map(|row| {
            let mut label = text::wrap(
                fonts,
                &label_runs(row),
                ls,
                chart.label_width - 8.0,
                Whitespace::Collapse,
            );
            if label.len() > max_label_lines {
                // Only a label taller than a page is shortened; its last line ends in "…"
                // (the full text is the item's title).
                label.truncate(max_label_lines);
                if let Some(last) = label.last_mut() {
                    text::ellipsize(fonts, last, ls, chart.label_width - 8.0);
                }
            }
            let height = (bar_block(kind) + 6.0).max(label.len() as f32 * lh + 4.0);
            RowLayout { row, label, height }
        })
        .collect();

    let mut first = true;
    let mut start = 0;
    while start < rows.len() || (first && rows.is_empty()) {
        let room = flow.max_height - chart.head_height(first) - style.axis_height();
        let mut end = start;
        let mut used = 0.0;
        while end < rows.len() && (end == start || used + rows[end].height <= room) {
            used += rows[end].height;
            end += 1;
        }
        let mut frag = chart.frag(flow, &rows[start..end], first);
        if first {
            frag.space_before = space_before;
        }
        flow.push(frag);
        first = false;
        start = end;
        if rows.is_empty() {
            break;
        }
    }
    Ok(())
}
