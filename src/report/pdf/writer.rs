//! Turns a [`Layout`] into PDF bytes with printpdf, deterministically.
//!
//! printpdf left alone is not reproducible: `FontId::new()` and the trailer
//! `/ID` come from a process-wide counter, so the same report differs
//! between runs and depends on what else the process rendered before. Here
//! fonts get fixed resource names, the document dates stay at printpdf's
//! fixed default (1970-01-01), and the `/ID` is replaced by a hash of the
//! layout and metadata. Serialising goes through `to_lopdf_document` +
//! `save_to`, so an I/O error is returned instead of being dropped (which
//! `save_writer` does); the result is a `Vec<u8>` the caller writes.
//!
//! Speed: lopdf's own `compress` runs zlib at its slowest level on every
//! stream, which was most of the cost of a report. The repertoire font
//! programs (see `fonts.rs`) are therefore deflated once and reused by every
//! later document, and all other streams go through the fast encoder in
//! `zlib` below, with flate2's fast level.

use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Polygon, PolygonRing, Pt,
    Rect, TextItem, TextMatrix, WindingOrder,
};
use printpdf::{FontEmbeddingMode, PrintpdfFontMeta};

use super::fonts::{Coverage, Face, FontKind, Fonts};
use super::layout::{Item, Layout, Rgb, Stroke};
use super::{PdfError, PdfMeta};

/// Resource names of the embedded fonts. Six capital letters, because
/// printpdf also uses the first six characters as the subset tag
/// (`DXREGX+DejaVuSans`), which PDF requires to be six capitals.
const FONT_IDS: [(&str, &str); 2] = [("DXREGU", "DXREGX"), ("DXBOLD", "DXBOLX")];

fn font_ids(kind: FontKind) -> (&'static str, &'static str) {
    match kind {
        FontKind::Regular => FONT_IDS[0],
        FontKind::Bold => FONT_IDS[1],
    }
}

/// Coordinates are written with two decimals (1/7200 inch): shorter
/// content streams that deflate faster, and no visible difference.
fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn color(c: Rgb) -> Color {
    let channel = |v: f32| (v.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
    Color::Rgb(printpdf::Rgb {
        r: channel(c.r),
        g: channel(c.g),
        b: channel(c.b),
        icc_profile: None,
    })
}

/// FNV-1a, 64 bit: tiny, stable across Rust versions and platforms.
struct Fnv(u64);

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn f32(&mut self, v: f32) {
        self.bytes(&v.to_bits().to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.bytes(s.as_bytes());
    }
}

/// A 32-hex-digit identifier derived from everything that is drawn.
fn document_id(layout: &Layout, meta: &PdfMeta) -> String {
    let mut hashers = [Fnv(0xcbf2_9ce4_8422_2325), Fnv(0x6c62_272e_07bb_0142)];
    for h in &mut hashers {
        for s in [&meta.title, &meta.header, &meta.footer, &meta.lang] {
            h.str(s);
        }
        h.f32(layout.page_width);
        h.f32(layout.page_height);
        for page in &layout.pages {
            h.bytes(b"P");
            for item in &page.items {
                let b = item.bbox();
                for v in [b.x0, b.y0, b.x1, b.y1] {
                    h.f32(v);
                }
                match item {
                    Item::Text(t) => {
                        h.bytes(&[b'T', t.font as u8]);
                        h.f32(t.size);
                        for v in [t.color.r, t.color.g, t.color.b] {
                            h.f32(v);
                        }
                        h.str(&t.text);
                    }
                    Item::Rect(r) => {
                        h.bytes(b"R");
                        for c in r.fill.iter().chain(r.stroke.iter().map(|s| &s.color)) {
                            for v in [c.r, c.g, c.b] {
                                h.f32(v);
                            }
                        }
                    }
                    Item::Line(l) => {
                        h.bytes(b"L");
                        for v in [l.x1, l.y1, l.x2, l.y2, l.stroke.width] {
                            h.f32(v);
                        }
                    }
                    Item::Polygon(p) => {
                        h.bytes(b"G");
                        for (x, y) in &p.points {
                            h.f32(*x);
                            h.f32(*y);
                        }
                    }
                }
            }
        }
    }
    format!("{:016X}{:016X}", hashers[0].0, hashers[1].0)
}

/// Tracks graphics state so unchanged colours and widths are not repeated.
#[derive(Default)]
struct State {
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
    dashed: Option<Option<[f32; 2]>>,
    font: Option<(&'static str, f32)>,
}

impl State {
    fn fill(&mut self, ops: &mut Vec<Op>, c: Rgb) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn stroke(&mut self, ops: &mut Vec<Op>, s: &Stroke) {
        if self.stroke != Some(s.color) {
            ops.push(Op::SetOutlineColor {
                col: color(s.color),
            });
            self.stroke = Some(s.color);
        }
        if self.width != Some(s.width) {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(r2(s.width)),
            });
            self.width = Some(s.width);
        }
        if self.dashed != Some(s.dash) {
            let dash = match s.dash {
                Some(d) => LineDashPattern::new(0.0, &d),
                None => LineDashPattern::solid(),
            };
            ops.push(Op::SetLineDashPattern { dash });
            self.dashed = Some(s.dash);
        }
    }

    fn font(&mut self, ops: &mut Vec<Op>, id: &'static str, size: f32) {
        if self.font != Some((id, size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(id.to_string())),
                size: Pt(size),
            });
            self.font = Some((id, size));
        }
    }
}

fn point(x: f32, y: f32, page_height: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(r2(x)),
            y: Pt(r2(page_height - y)),
        },
        bezier: false,
    }
}

/// Content-stream operations for one page; also records which font
/// programs the page needs (`used[kind][0]` repertoire, `[1]` fallback).
fn page_ops(items: &[Item], fonts: &Fonts, page_height: f32, used: &mut [[bool; 2]; 2]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 3);
    let mut st = State::default();
    for item in items {
        match item {
            Item::Rect(r) => {
                let mode = match (r.fill, r.stroke) {
                    (Some(f), Some(s)) => {
                        st.fill(&mut ops, f);
                        st.stroke(&mut ops, &s);
                        PaintMode::FillStroke
                    }
                    (Some(f), None) => {
                        st.fill(&mut ops, f);
                        PaintMode::Fill
                    }
                    (None, Some(s)) => {
                        st.stroke(&mut ops, &s);
                        PaintMode::Stroke
                    }
                    (None, None) => continue,
                };
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(r2(r.x)),
                        y: Pt(r2(page_height - r.y - r.height)),
                        width: Pt(r2(r.width)),
                        height: Pt(r2(r.height)),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Item::Line(l) => {
                st.stroke(&mut ops, &l.stroke);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            point(l.x1, l.y1, page_height),
                            point(l.x2, l.y2, page_height),
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Polygon(p) => {
                st.fill(&mut ops, p.fill);
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: p
                                .points
                                .iter()
                                .map(|(x, y)| point(*x, *y, page_height))
                                .collect(),
                        }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Item::Text(_) => {}
        }
    }
    // Text last, so it is never painted over. Each visual run of text gets
    // its own text object: extractors that only look at operators (lopdf)
    // then see a line break between table cells and lines.
    let mut in_text = false;
    let mut pen: Option<(f32, f32)> = None;
    for item in items {
        let Item::Text(t) = item else { continue };
        if t.text.is_empty() {
            continue;
        }
        let continues = pen.is_some_and(|(baseline, end)| {
            (baseline - t.baseline).abs() < 0.01 && (t.x - end).abs() < 0.5
        });
        if in_text && !continues {
            ops.push(Op::EndTextSection);
            in_text = false;
        }
        if !in_text {
            ops.push(Op::StartTextSection);
            in_text = true;
        }
        pen = Some((t.baseline, t.x + t.width));
        st.fill(&mut ops, t.color);
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(r2(t.x)), Pt(r2(page_height - t.baseline))),
        });
        let face = fonts.face(t.font);
        let ids = font_ids(t.font);
        let k = t.font as usize;
        for (fallback, segment) in segments(face, &t.text) {
            used[k][usize::from(fallback)] = true;
            st.font(&mut ops, if fallback { ids.1 } else { ids.0 }, t.size);
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(segment.to_string())],
            });
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// Splits text into runs drawn from the repertoire program (`false`) or the
/// per-document fallback subset (`true`).
fn segments<'t>(face: &Face, text: &'t str) -> impl Iterator<Item = (bool, &'t str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let fallback = face.coverage(first) == Coverage::Fallback;
        let end = rest
            .char_indices()
            .find(|(_, c)| (face.coverage(*c) == Coverage::Fallback) != fallback)
            .map_or(rest.len(), |(i, _)| i);
        let (head, tail) = rest.split_at(end);
        rest = tail;
        Some((fallback, head))
    })
}

const CMAP_START: &[u8] = b"/CIDInit /ProcSet findresource begin";

/// printpdf's ToUnicode CMap without its optional `/CMapVersion` and
/// `/WMode` entries. They are valid, but lopdf (up to at least 0.38) only
/// accepts `/CIDSystemInfo`, `/CMapName` and `/CMapType` there and then
/// fails to extract any text; Adobe's own ToUnicode examples carry just
/// those three, so every reader accepts the result.
fn plain_cmap(cmap: &[u8]) -> Vec<u8> {
    cmap.split_inclusive(|b| *b == b'\n')
        .filter(|line| !(line.starts_with(b"/CMapVersion ") || line.starts_with(b"/WMode ")))
        .flatten()
        .copied()
        .collect()
}

/// Serialises a layout to PDF bytes.
pub(crate) fn write(layout: &Layout, meta: &PdfMeta, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info.creator = "dxready".to_string();
    doc.metadata.info.producer = "dxready".to_string();

    let mut used = [[false; 2]; 2];
    doc.pages = layout
        .pages
        .iter()
        .map(|page| {
            PdfPage::new(
                Mm::from(Pt(layout.page_width)),
                Mm::from(Pt(layout.page_height)),
                page_ops(&page.items, fonts, layout.page_height, &mut used),
            )
        })
        .collect();

    let full_embed = PrintpdfFontMeta {
        embedding_mode: FontEmbeddingMode::Full,
        requires_subsetting: false,
        ..PrintpdfFontMeta::default()
    };
    for kind in [FontKind::Regular, FontKind::Bold] {
        let face = fonts.face(kind);
        let (rep_id, fallback_id) = font_ids(kind);
        let [rep, fallback] = used[kind as usize];
        if rep {
            doc.resources.fonts.map.insert(
                FontId(rep_id.to_string()),
                PdfFont::with_meta(face.repertoire.clone(), full_embed.clone()),
            );
        }
        if fallback {
            doc.resources.fonts.map.insert(
                FontId(fallback_id.to_string()),
                PdfFont::new(face.full.clone()),
            );
        }
    }

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Write(w.msg.clone()));
    }

    for object in lo.objects.values_mut() {
        let Ok(stream) = object.as_stream_mut() else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() || !stream.allows_compression {
            continue;
        }
        if stream.content.starts_with(CMAP_START) {
            let cmap = plain_cmap(&stream.content);
            stream.set_content(cmap);
        }
        let face = [&fonts.regular, &fonts.bold].into_iter().find(|f| {
            stream.dict.get(b"Length1").is_ok() && stream.content == f.repertoire_program
        });
        let deflated = match face {
            // The shared font programs: deflated once by the first document
            // (deflate is deterministic, so a race between threads stores
            // identical bytes).
            Some(face) => face
                .repertoire_deflated
                .get_or_init(|| zlib(&stream.content))
                .clone(),
            None => zlib(&stream.content),
        };
        if deflated.len() < stream.content.len() {
            stream.set_content(deflated);
            stream.dict.set("Filter", "FlateDecode");
        }
    }

    // Replace printpdf's counter-based /ID with a content hash.
    let id = document_id(layout, meta);
    if let Ok(ids) = lo.trailer.get_mut(b"ID").and_then(|o| o.as_array_mut()) {
        for part in ids.iter_mut() {
            if let Ok(bytes) = part.as_str_mut() {
                *bytes = id.as_bytes().to_vec();
            }
        }
    }

    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// zlib through flate2 (already in printpdf's dependency tree) with one compressor per thread,
/// reset between streams: creating a compressor allocates its tables, which cost more than
/// compressing a page. lopdf's default (the slowest level, a new compressor per stream) was
/// most of the cost of a report. Output depends only on the input.
fn zlib(data: &[u8]) -> Vec<u8> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<flate2::Compress> =
            std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::new(ZLIB_LEVEL), true));
    }
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        c.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = c.total_in() as usize;
            match c.compress_vec(&data[consumed..], &mut out, flate2::FlushCompress::Finish) {
                Ok(flate2::Status::StreamEnd) => return out,
                Ok(_) => out.reserve(out.capacity().max(1024)),
                // Cannot happen with a Vec; keep the stream uncompressed if it ever does.
                Err(_) => return data.to_vec(),
            }
        }
    })
}

/// The compression level of page content: 4 keeps typical reports under 100 KB at a
/// fraction of the cost of the default level 6.
const ZLIB_LEVEL: u32 = 4;
