//! PDF rendering of readiness reports: Markdown in, A4 PDF bytes out.
//!
//! The report generator writes Markdown (CommonMark + GFM tables, plus
//! ```` ```pagebreak ```` and ```` ```chart ```` fences); this module lays
//! it out itself — word wrap on real glyph widths, pagination, tables that
//! repeat their header, vector charts, running header and footer — and
//! writes the PDF itself (`writer.rs`; printpdf only subsets fonts). The
//! two stages are public separately so tests (and callers) can inspect the
//! geometry: [`layout`] then [`write_pdf`]; [`render`] does both.
//!
//! Output is deterministic: the same input gives the same bytes, whatever
//! else the process renders and on whichever thread (see `writer.rs`).
//! [`Fonts`] is loaded once and shared by all reports and threads; the
//! bundled faces come with their repertoire subset pre-built (`fonts.rs`).
//!
//! # Performance
//!
//! Instructions counted with `valgrind --tool=callgrind` (stable on a busy
//! machine), release build, the an-phat-thanh-ha example:
//!
//! | | printpdf writer (6f9e785) | now |
//! |---|---|---|
//! | whole process, `dxready report … -o x.pdf` | 153.7 M | 47.8 M |
//! | of which `Setup::load` (questionnaire, untouched) | 14.9 M | 15.1 M |
//! | of which fonts, once per process | ~30 M (parse, subset, deflate) | 1.5 M (`Fonts::dejavu` 0.1 M, ToUnicode maps 1.4 M) |
//! | one more report in the same process | 102.2 M | 27.8 M |
//! | of which layout | ~18.7 M | ~12.3 M |
//! | of which writing the PDF | ~80 M | ~12 M (deflate ~7 M) |
//! | report size | 97.3 KB | 86.1 KB |
//!
//! Where the per-report time went: printpdf re-prepared the fonts and
//! hex-formatted every glyph id with `format!`, lopdf re-serialised
//! everything, and the content was four times larger than needed (hex
//! glyph ids: two bytes of id as four characters) before deflate. About
//! 4 M of the remaining deflate instructions are `memset`s of miniz_oxide's
//! tables when the compressor is reset for each stream: callgrind counts
//! `rep stosb` per byte; in wall time that is ~3 µs per page.
//!
//! Wall time on the shared 2-core machine, old and new binaries run
//! alternately (`cargo bench --bench report`; process time is the median of
//! 30 runs of `dxready report`): one thread 120 → ~410 reports/s, two
//! threads 225 → ~800 reports/s, whole process 32 → 10–12 ms.

pub mod chart;
mod chart_draw;
mod font_data;
mod fonts;
mod layout;
mod markdown;
mod radar_draw;
mod table;
mod text;
mod theme;
mod writer;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

pub use chart::ChartSpec;
pub use chart_draw::ChartStyle;
pub use fonts::{FontKind, Fonts};
pub use layout::{
    BBox, Item, Layout, LineSeg, Margins, Page, PolygonShape, RectBox, Rgb, Stroke, TextBox,
    page_label,
};

/// Document-level information that is not part of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfMeta {
    /// Document title (PDF metadata).
    pub title: String,
    /// Running header at the top of every page (the enterprise name);
    /// shortened with "…" when too long.
    pub header: String,
    /// Running footer on the left, e.g. "dxready 0.1.0 · sme-dx-readiness 2026.1".
    pub footer: String,
    /// "vi" gives the page label "Trang N/M"; anything else "Page N of M".
    pub lang: String,
}

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("cannot load the {name} font: {message}")]
    Font { name: &'static str, message: String },
    #[error("chart block {index}: {message}")]
    Chart { index: usize, message: String },
    #[error("cannot lay out the report: {0}")]
    Layout(String),
    #[error("cannot write the PDF: {0}")]
    Write(String),
}

/// `s` in Unicode NFC (borrowed when it already is).
fn nfc(s: &str) -> Cow<'_, str> {
    if crate::yaml::is_nfc(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

fn nfc_meta(meta: &PdfMeta) -> PdfMeta {
    PdfMeta {
        title: nfc(&meta.title).into_owned(),
        header: nfc(&meta.header).into_owned(),
        footer: nfc(&meta.footer).into_owned(),
        lang: meta.lang.clone(),
    }
}

/// Lays out `markdown` on A4 pages without writing a PDF.
pub fn layout(markdown: &str, meta: &PdfMeta, fonts: &Fonts) -> Result<Layout, PdfError> {
    let blocks = markdown::parse(&nfc(markdown))?;
    layout::layout_blocks(&blocks, &nfc_meta(meta), fonts)
}

/// Writes a layout as PDF bytes (fonts subset, streams compressed).
pub fn write_pdf(layout: &Layout, meta: &PdfMeta, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    writer::write(layout, &nfc_meta(meta), fonts)
}

/// Renders `markdown` to PDF bytes: [`layout`] then [`write_pdf`].
pub fn render(markdown: &str, meta: &PdfMeta, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let meta = nfc_meta(meta);
    let layout = layout(markdown, &meta, fonts)?;
    writer::write(&layout, &meta, fonts)
}

/// A chart drawn on its own, for the HTML (as SVG): its items with y from the top of the
/// chart, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// Draws one chart `width` points wide with the same geometry as in the PDF (never split
/// across pages).
pub fn draw_chart(
    spec: &ChartSpec,
    width: f32,
    style: ChartStyle,
    fonts: &Fonts,
) -> Result<Drawing, PdfError> {
    let mut flow = layout::Flow::new(fonts, f32::MAX / 4.0);
    chart_draw::layout_chart(&mut flow, spec, 0.0, width, 0.0, style)?;
    let mut items = Vec::new();
    let mut y = 0.0;
    for frag in flow.frags {
        for mut item in frag.items {
            item.shift(y);
            items.push(item);
        }
        y += frag.height;
    }
    Ok(Drawing {
        width,
        height: y,
        items,
    })
}
