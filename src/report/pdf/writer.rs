//! Turns a [`Layout`] into PDF bytes, deterministically and cheaply.
//!
//! The PDF is written here directly, object by object: a report needs only a
//! handful of object kinds (catalog, pages, two or four Type0 fonts, one
//! content stream per page), and the content streams only text in glyph ids,
//! rectangles, lines, polygons and colours. This used to go through printpdf
//! (`to_lopdf_document`, lopdf `save_to`), which on every document cloned the
//! parsed fonts, rebuilt their widths and ToUnicode maps, hex-encoded each glyph
//! id with `format!` and serialised everything again through lopdf's object
//! model: together ~75 M instructions of a ~100 M report. The drawing
//! operators and numbers are the ones printpdf wrote (same formatting), so
//! pages look exactly as before (checked by rendering every page of the
//! examples with poppler before and after: identical pixels). Text is
//! written more compactly: glyph codes as raw bytes in literal strings, one
//! byte per glyph for the repertoire fonts ([`Codes::OneByte`]), and `Td`
//! instead of a full `Tm` to place a new text object.
//!
//! What repeats is built once: the repertoire fonts' `/W` arrays and deflated
//! `/ToUnicode` maps once per process ([`FontDict`], cached here per face), their
//! deflated programs once per build (`fonts.rs`). Only characters outside the
//! repertoire cost per document: the full face is subset to them with
//! printpdf's subsetter.
//!
//! Determinism: object numbers, resource names (`/DXREGU`, `/DXBOLD`, and
//! `/DXREGX`, `/DXBOLX` for the fallback subsets) and dictionary contents are
//! fixed, there are no dates, and the trailer `/ID` is a hash of the layout and
//! metadata. Same input, same bytes, on any thread and in any order.
//!
//! Content streams are deflated by [`zlib`] (miniz_oxide, one compressor per
//! thread, level [`ZLIB_LEVEL`], chosen by measurement). miniz_oxide is called
//! directly, not through flate2: flate2 switches to another backend (zlib-rs)
//! as soon as any crate in the build asks for it (`zip`, under calamine and
//! rust_xlsxwriter, does), and another backend gives other bytes, so the PDF
//! and the committed font programs would change with the dependency tree.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::RwLock;

use miniz_oxide::deflate::core::CompressorOxide;
use miniz_oxide::deflate::stream::deflate;
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::fonts::{Coverage, Descriptor, Face, FontKind, Fonts};
use super::layout::{Item, Layout, Rgb, Stroke};
use super::{PdfError, PdfMeta};

/// Resource names of the embedded fonts, `(repertoire, fallback)`. Six
/// capital letters, because they are also the subset tag (`DXREGU+DejaVuSans`),
/// which PDF requires to be six capitals.
const FONT_IDS: [(&str, &str); 2] = [("DXREGU", "DXREGX"), ("DXBOLD", "DXBOLX")];

fn font_ids(kind: FontKind) -> (&'static str, &'static str) {
    match kind {
        FontKind::Regular => FONT_IDS[0],
        FontKind::Bold => FONT_IDS[1],
    }
}

/// Two FNV-1a hashes, 64 bit, from two offset bases, fed the same bytes in one pass (two
/// independent multiply chains run side by side): tiny, stable across Rust versions and
/// platforms.
struct Fnv([u64; 2]);

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        let [mut a, mut b] = self.0;
        for &byte in bytes {
            a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = [a, b];
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
    let mut h = Fnv([0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142]);
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
                    h.bytes(&[p.fill_opacity]);
                    for (x, y) in p.points.iter().chain(p.holes.iter().flatten()) {
                        h.f32(*x);
                        h.f32(*y);
                    }
                    for c in p.fill.iter().chain(p.stroke.iter().map(|s| &s.color)) {
                        for v in [c.r, c.g, c.b] {
                            h.f32(v);
                        }
                    }
                }
            }
        }
    }
    format!("{:016X}{:016X}", h.0[0], h.0[1])
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends a non-negative integer in decimal.
fn push_uint(buf: &mut Vec<u8>, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

fn push_int(buf: &mut Vec<u8>, v: i64) {
    if v < 0 {
        buf.push(b'-');
    }
    push_uint(buf, v.unsigned_abs());
}

/// Appends `scaled / 10^decimals` without trailing zeros (and without a point
/// for whole numbers): what `{}` prints for the `f32` nearest to that value.
fn push_fixed(buf: &mut Vec<u8>, scaled: i64, decimals: u32) {
    let unit = 10u64.pow(decimals);
    if scaled < 0 {
        buf.push(b'-');
    }
    let a = scaled.unsigned_abs();
    push_uint(buf, a / unit);
    let mut frac = a % unit;
    if frac == 0 {
        return;
    }
    let mut width = decimals;
    while frac.is_multiple_of(10) {
        frac /= 10;
        width -= 1;
    }
    buf.push(b'.');
    let mut digits = [b'0'; 8];
    for i in (0..width as usize).rev() {
        digits[i] = b'0' + (frac % 10) as u8;
        frac /= 10;
    }
    buf.extend_from_slice(&digits[..width as usize]);
}

/// Appends `v` rounded to `10^-decimals`, exactly as `{}` formats the rounded
/// `f32` (`-0` included), fast for the values pages have.
fn push_rounded(buf: &mut Vec<u8>, v: f32, decimals: u32) {
    let unit = 10u32.pow(decimals) as f32;
    let scaled = (v * unit).round();
    if scaled.abs() < 1e6 {
        if scaled == 0.0 && scaled.is_sign_negative() {
            buf.extend_from_slice(b"-0");
        } else {
            push_fixed(buf, scaled as i64, decimals);
        }
    } else {
        let _ = write!(buf, "{}", scaled / unit);
    }
}

/// Coordinates are written with two decimals (1/7200 inch): shorter content
/// streams that deflate faster, and no visible difference.
fn push_coord(buf: &mut Vec<u8>, v: f32) {
    push_rounded(buf, v, 2);
}

/// Any `f32`, as `{}` formats it.
fn push_f32(buf: &mut Vec<u8>, v: f32) {
    if v.fract() == 0.0 && v.abs() < 1e6 && !(v == 0.0 && v.is_sign_negative()) {
        push_int(buf, v as i64);
    } else {
        let _ = write!(buf, "{v}");
    }
}

/// Colour channels with three decimals.
fn push_rgb(buf: &mut Vec<u8>, c: Rgb, op: &[u8]) {
    for v in [c.r, c.g, c.b] {
        push_rounded(buf, v.clamp(0.0, 1.0), 3);
        buf.push(b' ');
    }
    buf.extend_from_slice(op);
    buf.push(b'\n');
}

/// Where each text run's glyph ids come from.
struct FontUse {
    /// `fallback[kind]`: full-face glyph id → glyph id in the document's
    /// fallback subset (empty when the document needs none).
    fallback: [BTreeMap<u16, u16>; 2],
    /// `used[kind][0]` repertoire, `[1]` fallback.
    used: [[bool; 2]; 2],
    /// How each repertoire font's glyph ids are written.
    codes: [Codes; 2],
}

/// Tracks graphics state so unchanged colours and widths are not repeated.
#[derive(Default, Clone)]
struct State {
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
    dashed: Option<Option<[f32; 2]>>,
    font: Option<(&'static str, f32)>,
}

impl State {
    fn fill(&mut self, buf: &mut Vec<u8>, c: Rgb) {
        if self.fill != Some(c) {
            push_rgb(buf, c, b"rg");
            self.fill = Some(c);
        }
    }

    fn stroke(&mut self, buf: &mut Vec<u8>, s: &Stroke) {
        if self.stroke != Some(s.color) {
            push_rgb(buf, s.color, b"RG");
            self.stroke = Some(s.color);
        }
        if self.width != Some(s.width) {
            push_coord(buf, s.width);
            buf.extend_from_slice(b" w\n");
            self.width = Some(s.width);
        }
        if self.dashed != Some(s.dash) {
            buf.push(b'[');
            if let Some([on, off]) = s.dash {
                push_f32(buf, on);
                buf.push(b' ');
                push_f32(buf, off);
            }
            buf.extend_from_slice(b"] 0 d\n");
            self.dashed = Some(s.dash);
        }
    }

    fn font(&mut self, buf: &mut Vec<u8>, id: &'static str, size: f32) {
        if self.font != Some((id, size)) {
            buf.push(b'/');
            buf.extend_from_slice(id.as_bytes());
            buf.push(b' ');
            push_f32(buf, size);
            buf.extend_from_slice(b" Tf\n");
            self.font = Some((id, size));
        }
    }
}

fn push_point(buf: &mut Vec<u8>, x: f32, y: f32, page_height: f32, op: &[u8]) {
    push_coord(buf, x);
    buf.push(b' ');
    push_coord(buf, page_height - y);
    buf.extend_from_slice(op);
}

/// The content stream of one page (uncompressed).
fn page_content(items: &[Item], fonts: &Fonts, page_height: f32, fu: &FontUse, buf: &mut Vec<u8>) {
    let mut st = State::default();
    for item in items {
        match item {
            Item::Rect(r) => {
                let op: &[u8] = match (r.fill, r.stroke) {
                    (Some(f), Some(s)) => {
                        st.fill(buf, f);
                        st.stroke(buf, &s);
                        b" re\nB\n"
                    }
                    (Some(f), None) => {
                        st.fill(buf, f);
                        b" re\nf\n"
                    }
                    (None, Some(s)) => {
                        st.stroke(buf, &s);
                        b" re\nS\n"
                    }
                    (None, None) => continue,
                };
                for v in [r.x, page_height - r.y - r.height, r.width] {
                    push_coord(buf, v);
                    buf.push(b' ');
                }
                push_coord(buf, r.height);
                buf.extend_from_slice(op);
            }
            Item::Line(l) => {
                st.stroke(buf, &l.stroke);
                push_point(buf, l.x1, l.y1, page_height, b" m\n");
                push_point(buf, l.x2, l.y2, page_height, b" l\nS\n");
            }
            Item::Polygon(p) => {
                let translucent = p.fill.is_some() && p.fill_opacity < 100;
                let saved = translucent.then(|| {
                    let _ = write!(buf, "q\n/GA{} gs\n", p.fill_opacity);
                    st.clone()
                });
                let even_odd = !p.holes.is_empty();
                let op: &[u8] = match (p.fill, p.stroke) {
                    (Some(f), Some(s)) => {
                        st.fill(buf, f);
                        st.stroke(buf, &s);
                        if even_odd { b"B*\n" } else { b"B\n" }
                    }
                    (Some(f), None) => {
                        st.fill(buf, f);
                        if even_odd { b"f*\n" } else { b"f\n" }
                    }
                    (None, Some(s)) => {
                        st.stroke(buf, &s);
                        b"S\n"
                    }
                    (None, None) => continue,
                };
                for ring in std::iter::once(&p.points).chain(&p.holes) {
                    for (i, (x, y)) in ring.iter().enumerate() {
                        let op: &[u8] = if i == 0 { b" m\n" } else { b" l\n" };
                        push_point(buf, *x, *y, page_height, op);
                    }
                    buf.extend_from_slice(b"h\n");
                }
                buf.extend_from_slice(op);
                if let Some(saved) = saved {
                    buf.extend_from_slice(b"Q\n");
                    st = saved;
                }
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
            buf.extend_from_slice(b"ET\n");
            in_text = false;
        }
        if !in_text {
            buf.extend_from_slice(b"BT\n");
            in_text = true;
        }
        // A new text object starts at the identity matrix, so a move (`Td`)
        // places it; a run continuing an open object sets its matrix (`Tm`).
        if pen.is_some() && continues {
            buf.extend_from_slice(b"1 0 0 1 ");
            push_point(buf, t.x, t.baseline, page_height, b" Tm\n");
        } else {
            push_point(buf, t.x, t.baseline, page_height, b" Td\n");
        }
        pen = Some((t.baseline, t.x + t.width));
        st.fill(buf, t.color);
        let face = fonts.face(t.font);
        let ids = font_ids(t.font);
        let remap = &fu.fallback[t.font as usize];
        let codes = fu.codes[t.font as usize];
        // Glyph ids as two raw bytes each in a literal string: half the size
        // of hex, so less to deflate. Runs outside the repertoire switch to
        // the fallback font.
        let mut run: Option<bool> = None;
        for c in t.text.chars() {
            let g = face.glyph(c);
            let fallback = g.coverage == Coverage::Fallback;
            if run != Some(fallback) {
                if run.is_some() {
                    buf.extend_from_slice(b") Tj\n");
                }
                st.font(buf, if fallback { ids.1 } else { ids.0 }, t.size);
                buf.push(b'(');
                run = Some(fallback);
            }
            let gid = if fallback {
                remap.get(&g.gid).copied().unwrap_or(0)
            } else {
                g.gid
            };
            let codes = if fallback { Codes::Identity } else { codes };
            push_code(buf, gid, codes);
        }
        if run.is_some() {
            buf.extend_from_slice(b") Tj\n");
        }
    }
    if in_text {
        buf.extend_from_slice(b"ET\n");
    }
    // Operators are separated by newlines, with none after the last one.
    if buf.last() == Some(&b'\n') {
        buf.pop();
    }
}

/// How glyph ids are written in content streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codes {
    /// `/Identity-H`: two bytes per glyph. For the per-document fallback
    /// subsets, which can hold any number of glyphs.
    Identity,
    /// [`ONE_BYTE_CMAP`]: one byte for glyph ids below 255, `FF` and one
    /// more byte for 255..=510. The repertoire programs have ~260 glyphs, so
    /// text takes half the bytes of `/Identity-H`, and page content (mostly
    /// text) deflates in a quarter less time.
    OneByte,
}

/// Largest glyph id [`Codes::OneByte`] can address.
const ONE_BYTE_MAX_GID: u16 = 255 + 255;

/// The encoding CMap of [`Codes::OneByte`] (PDF 32000-1, 9.7.5): codes
/// `00`..`FE` are CIDs 0..254 and `FF00`..`FFFF` CIDs 255..510; with
/// `/CIDToGIDMap /Identity`, CIDs are the program's glyph ids.
const ONE_BYTE_CMAP: &[u8] = b"%!PS-Adobe-3.0 Resource-CMap\n\
/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo 3 dict dup begin\n/Registry (Adobe) def\n/Ordering (Identity) def\n\
/Supplement 0 def\nend def\n/CMapName /DXready-OneByte def\n/CMapType 1 def\n\
2 begincodespacerange\n<00> <FE>\n<FF00> <FFFF>\nendcodespacerange\n\
2 begincidrange\n<00> <FE> 0\n<FF00> <FFFF> 255\nendcidrange\n\
endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

/// Appends the code of glyph `gid` in a literal string, escaped.
fn push_code(buf: &mut Vec<u8>, gid: u16, codes: Codes) {
    let bytes = gid.to_be_bytes();
    let code: &[u8] = match codes {
        Codes::Identity => &bytes,
        Codes::OneByte if gid < 255 => &bytes[1..],
        Codes::OneByte => &[0xFF, (gid - 255) as u8],
    };
    for &byte in code {
        match byte {
            b'(' | b')' | b'\\' => buf.extend_from_slice(&[b'\\', byte]),
            // A bare CR would be read as a line feed.
            b'\r' => buf.extend_from_slice(b"\\r"),
            _ => buf.push(byte),
        }
    }
}

/// The parts of a font dictionary that depend only on its glyphs: built once
/// per process for a repertoire font, per document for a fallback subset.
#[derive(Debug)]
struct FontDict {
    /// How the content streams encode glyph ids for this font.
    codes: Codes,
    /// The `/W` array, e.g. `[1[317] 6[950 390]]`.
    widths: Vec<u8>,
    /// The `/ToUnicode` CMap, deflated.
    to_unicode: Vec<u8>,
}

impl FontDict {
    /// From `(glyph id, character, advance in font units)` sorted by glyph id.
    fn new(
        glyphs: &[(u16, char, u16)],
        units_per_em: u16,
        tag: &str,
        codes: Codes,
    ) -> Result<FontDict, PdfError> {
        let upm = f32::from(units_per_em.max(1));
        let mut widths = Vec::with_capacity(glyphs.len() * 5);
        widths.push(b'[');
        let mut prev: Option<u16> = None;
        for &(gid, _, advance) in glyphs {
            match prev {
                Some(p) if gid == p.wrapping_add(1) => widths.push(b' '),
                Some(_) => {
                    widths.extend_from_slice(b"] ");
                    push_uint(&mut widths, gid.into());
                    widths.push(b'[');
                }
                None => {
                    push_uint(&mut widths, gid.into());
                    widths.push(b'[');
                }
            }
            // printpdf's rounding (toward zero, in f32), which viewers then use
            // to advance the pen inside a run.
            push_int(&mut widths, (f32::from(advance) * 1000.0 / upm) as i64);
            prev = Some(gid);
        }
        if prev.is_some() {
            widths.push(b']');
        }
        widths.push(b']');
        Ok(FontDict {
            codes,
            widths,
            to_unicode: zlib(&to_unicode_cmap(glyphs, tag, codes))?,
        })
    }
}

/// A ToUnicode CMap mapping each glyph back to its character: `bfrange`
/// entries for runs of consecutive glyphs with consecutive characters (ASCII
/// is one entry), `bfchar` for the rest. printpdf's layout otherwise, without
/// its optional `/CMapVersion` and `/WMode` entries: they are valid, but lopdf
/// (up to at least 0.38) only accepts `/CIDSystemInfo`, `/CMapName` and
/// `/CMapType` there and then fails to extract any text; Adobe's own ToUnicode
/// examples carry just those three.
fn to_unicode_cmap(glyphs: &[(u16, char, u16)], tag: &str, codes: Codes) -> Vec<u8> {
    // The source code of a glyph, and which group of codes a range must stay in.
    let code = |gid: u16| -> (u16, u16, usize) {
        match codes {
            Codes::Identity => (gid, gid >> 8, 4),
            Codes::OneByte if gid < 255 => (gid, 0, 2),
            Codes::OneByte => (0xFF00 + (gid - 255), 1, 4),
        }
    };
    let mut ranges: Vec<(u16, u16, char)> = Vec::new();
    let mut singles: Vec<(u16, char)> = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        let (gid, c, _) = glyphs[i];
        let mut j = i + 1;
        // A range may vary only in the last byte of the glyph id, and the
        // character's last byte must not carry (PDF 32000-1, 9.10.3).
        while (c as u32) < 0xFFFF
            && j < glyphs.len()
            && u32::from(glyphs[j].0) == u32::from(gid) + (j - i) as u32
            && code(glyphs[j].0).1 == code(gid).1
            && u32::from(code(glyphs[j].0).0) == u32::from(code(gid).0) + (j - i) as u32
            && glyphs[j].1 as u32 == c as u32 + (j - i) as u32
            && (c as u32 & 0xFF) + ((j - i) as u32) <= 0xFF
        {
            j += 1;
        }
        if j - i >= 2 {
            ranges.push((gid, glyphs[j - 1].0, c));
        } else {
            singles.push((gid, c));
        }
        i = j;
    }
    let mut out = Vec::with_capacity(400 + ranges.len() * 20 + singles.len() * 16);
    let _ = write!(
        out,
        "/CIDInit /ProcSet findresource begin\n\n12 dict begin\n\nbegincmap\n\n\
         %!PS-Adobe-3.0 Resource-CMap\n%%DocumentNeededResources: procset CIDInit\n\
         %%IncludeResource: procset CIDInit\n\n/CIDSystemInfo 3 dict dup begin\n\
         /Registry (FontSpecific) def\n/Ordering ({tag}) def\n/Supplement 0 def\nend def\n\n\
         /CMapName /FontSpecific-{tag} def\n/CMapType 2 def\n\n"
    );
    out.extend_from_slice(match codes {
        Codes::Identity => b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        Codes::OneByte => b"2 begincodespacerange\n<00> <FE>\n<FF00> <FFFF>\nendcodespacerange\n",
    });
    let push_src = |out: &mut Vec<u8>, gid: u16| {
        let (c, _, digits) = code(gid);
        out.push(b'<');
        for shift in (0..digits).rev() {
            out.push(HEX[usize::from((c >> (4 * shift)) & 15)]);
        }
        out.push(b'>');
    };
    let utf16 = |out: &mut Vec<u8>, c: char| {
        let mut units = [0u16; 2];
        for u in c.encode_utf16(&mut units) {
            let _ = write!(out, "{u:04X}");
        }
    };
    // At most 100 entries per block.
    for chunk in ranges.chunks(100) {
        let _ = writeln!(out, "{} beginbfrange", chunk.len());
        for &(first, last, c) in chunk {
            push_src(&mut out, first);
            out.push(b' ');
            push_src(&mut out, last);
            out.extend_from_slice(b" <");
            utf16(&mut out, c);
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfrange\n");
    }
    for chunk in singles.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for &(gid, c) in chunk {
            push_src(&mut out, gid);
            out.extend_from_slice(b" <");
            utf16(&mut out, c);
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The repertoire fonts' dictionary parts, one per face ([`Face::id`]), built by the first
/// document that uses the face and kept for the rest of the process (the faces themselves
/// are made once, `report::fonts`; a face made later gets its own entry).
static REPERTOIRE_DICTS: RwLock<Vec<(u64, &'static FontDict)>> = RwLock::new(Vec::new());

/// The repertoire font's dictionary parts for `face` (a race between threads builds
/// identical copies and keeps one).
fn repertoire_dict(face: &Face, tag: &str) -> Result<&'static FontDict, PdfError> {
    let cached = |dicts: &[(u64, &'static FontDict)]| {
        dicts
            .iter()
            .find(|(id, _)| *id == face.id())
            .map(|(_, d)| *d)
    };
    if let Some(dict) = cached(&REPERTOIRE_DICTS.read().unwrap_or_else(|e| e.into_inner())) {
        return Ok(dict);
    }
    let mut glyphs: Vec<(u16, char, u16)> = face
        .data
        .glyphs
        .iter()
        .map(|&(c, gid, advance)| (gid, c, advance))
        .collect();
    glyphs.sort_unstable();
    let codes = if glyphs.last().is_some_and(|g| g.0 > ONE_BYTE_MAX_GID) {
        Codes::Identity
    } else {
        Codes::OneByte
    };
    let dict = FontDict::new(&glyphs, face.data.units_per_em, tag, codes)?;
    let mut dicts = REPERTOIRE_DICTS.write().unwrap_or_else(|e| e.into_inner());
    if let Some(first) = cached(&dicts) {
        return Ok(first);
    }
    let dict: &'static FontDict = Box::leak(Box::new(dict));
    dicts.push((face.id(), dict));
    Ok(dict)
}

/// A font ready to be written: four objects (font, ToUnicode, descriptor, program).
struct FontObjects<'a> {
    resource: &'static str,
    base_font: String,
    dict: &'a FontDict,
    descriptor: Descriptor,
    program_len: usize,
    program_deflated: &'a [u8],
}

/// The fallback subset of one face for one document.
struct Fallback {
    base_font: String,
    dict: FontDict,
    descriptor: Descriptor,
    program_len: usize,
    deflated: Vec<u8>,
    remap: BTreeMap<u16, u16>,
}

/// Subsets the full face to the fallback characters a document uses.
fn fallback_subset(
    face: &Face,
    tag: &str,
    chars: &BTreeMap<u16, char>,
) -> Result<Fallback, PdfError> {
    let fail = |message: String| PdfError::Font {
        name: face.role(),
        message,
    };
    let full = face
        .full()
        .ok_or_else(|| fail("the full face does not parse".to_string()))?;
    let wanted: BTreeMap<u16, String> = chars.iter().map(|(g, c)| (*g, c.to_string())).collect();
    let subset = printpdf::subset_font(full, &wanted).map_err(fail)?;
    let mut remap = BTreeMap::new();
    let mut glyphs = Vec::with_capacity(chars.len());
    for (&gid, &c) in chars {
        if let Some(&(new, _)) = subset.glyph_mapping.get(&gid) {
            remap.insert(gid, new);
            glyphs.push((new, c, full.get_horizontal_advance(gid)));
        }
    }
    glyphs.sort_unstable();
    Ok(Fallback {
        base_font: pdf_name(&format!("{tag}+{}", face.data.name)),
        dict: FontDict::new(
            &glyphs,
            full.pdf_font_metrics.units_per_em,
            tag,
            Codes::Identity,
        )?,
        descriptor: Descriptor::of(full),
        program_len: subset.bytes.len(),
        deflated: zlib(&subset.bytes)?,
        remap,
    })
}

/// Assembles the file: objects with their offsets, then the cross-reference
/// table and trailer.
struct Out {
    buf: Vec<u8>,
    offsets: Vec<usize>,
}

impl Out {
    fn begin(&mut self, number: usize) {
        debug_assert_eq!(number, self.offsets.len() + 1);
        self.offsets.push(self.buf.len());
        push_uint(&mut self.buf, number as u64);
        self.buf.extend_from_slice(b" 0 obj\n");
    }

    fn end(&mut self) {
        self.buf.extend_from_slice(b"\nendobj\n");
    }

    fn reference(&mut self, number: usize) {
        push_uint(&mut self.buf, number as u64);
        self.buf.extend_from_slice(b" 0 R");
    }

    /// A deflated stream; `extra` goes into its dictionary.
    fn stream(&mut self, number: usize, extra: &[u8], deflated: &[u8]) {
        self.begin(number);
        self.buf.extend_from_slice(b"<</Length ");
        push_uint(&mut self.buf, deflated.len() as u64);
        self.buf.extend_from_slice(extra);
        self.buf
            .extend_from_slice(b"/Filter/FlateDecode>>\nstream\n");
        self.buf.extend_from_slice(deflated);
        self.buf.extend_from_slice(b"\nendstream");
        self.end();
    }

    /// Objects `first..first + 4`; `cmap` is the object of [`ONE_BYTE_CMAP`].
    fn font(&mut self, first: usize, f: &FontObjects<'_>, cmap: usize) {
        self.begin(first);
        let _ = write!(
            self.buf,
            "<</Type/Font/Subtype/Type0/BaseFont/{}",
            f.base_font
        );
        match f.dict.codes {
            Codes::Identity => self.buf.extend_from_slice(b"/Encoding/Identity-H"),
            Codes::OneByte => {
                self.buf.extend_from_slice(b"/Encoding ");
                self.reference(cmap);
            }
        }
        let _ = write!(
            self.buf,
            "/ToUnicode {tu} 0 R/DescendantFonts[<</Type/Font/Subtype/CIDFontType2/BaseFont/{name}\
             /CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/W",
            name = f.base_font,
            tu = first + 1,
        );
        self.buf.extend_from_slice(&f.dict.widths);
        let _ = write!(
            self.buf,
            "/DW 1000/FontDescriptor {} 0 R/CIDToGIDMap/Identity>>]>>",
            first + 2
        );
        self.end();
        self.stream(first + 1, b"", &f.dict.to_unicode);
        let d = &f.descriptor;
        self.begin(first + 2);
        let _ = write!(
            self.buf,
            "<</Type/FontDescriptor/FontName/{}/Ascent {}/Descent {}/CapHeight {}\
             /ItalicAngle {}/Flags {}/StemV {}/FontBBox[{} {} {} {}]/FontFile2 {} 0 R>>",
            f.base_font,
            d.ascent,
            d.descent,
            d.cap_height,
            d.italic_angle,
            d.flags,
            d.stem_v,
            d.bbox[0],
            d.bbox[1],
            d.bbox[2],
            d.bbox[3],
            first + 3
        );
        self.end();
        let mut extra = b"/Length1 ".to_vec();
        push_uint(&mut extra, f.program_len as u64);
        self.stream(first + 3, &extra, f.program_deflated);
    }
}

/// `s` as the characters of a PDF name (after the `/`): bytes that are not
/// regular characters written as `#XX` (a font's own name can hold spaces).
fn pdf_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if (33..=126).contains(&b) && !b"()<>[]{}/%#".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('#');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// A PDF text string: UTF-16BE with a byte order mark, in hex.
fn push_text_string(buf: &mut Vec<u8>, s: &str) {
    buf.extend_from_slice(b"<FEFF");
    for u in s.encode_utf16() {
        for shift in [12, 8, 4, 0] {
            buf.push(HEX[usize::from((u >> shift) & 15)]);
        }
    }
    buf.push(b'>');
}

/// Serialises a layout to PDF bytes.
pub(crate) fn write(layout: &Layout, meta: &PdfMeta, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    // Which fonts the document uses, and its characters outside the repertoire.
    let mut fu = FontUse {
        fallback: [BTreeMap::new(), BTreeMap::new()],
        used: [[false; 2]; 2],
        codes: [Codes::Identity; 2],
    };
    let mut fallback_chars: [BTreeMap<u16, char>; 2] = [BTreeMap::new(), BTreeMap::new()];
    for page in &layout.pages {
        for item in &page.items {
            let Item::Text(t) = item else { continue };
            let k = t.font as usize;
            let face = fonts.face(t.font);
            for c in t.text.chars() {
                let g = face.glyph(c);
                let fallback = g.coverage == Coverage::Fallback;
                fu.used[k][usize::from(fallback)] = true;
                if fallback {
                    fallback_chars[k].insert(g.gid, c);
                }
            }
        }
    }
    let mut fallbacks: [Option<Fallback>; 2] = [None, None];
    for kind in [FontKind::Regular, FontKind::Bold] {
        let k = kind as usize;
        if !fallback_chars[k].is_empty() {
            let f = fallback_subset(fonts.face(kind), font_ids(kind).1, &fallback_chars[k])?;
            fu.fallback[k] = f.remap.clone();
            fallbacks[k] = Some(f);
        }
    }

    let mut font_objects = Vec::with_capacity(4);
    for kind in [FontKind::Regular, FontKind::Bold] {
        let k = kind as usize;
        let face = fonts.face(kind);
        let (rep_id, _) = font_ids(kind);
        if fu.used[k][0] {
            let dict = repertoire_dict(face, rep_id)?;
            fu.codes[k] = dict.codes;
            font_objects.push(FontObjects {
                resource: rep_id,
                base_font: pdf_name(&format!("{rep_id}+{}", face.data.name)),
                dict,
                descriptor: face.data.descriptor,
                program_len: face.data.program.len(),
                program_deflated: &face.data.deflated,
            });
        }
    }
    for (kind, f) in [FontKind::Regular, FontKind::Bold]
        .into_iter()
        .zip(&fallbacks)
    {
        if let Some(f) = f {
            font_objects.push(FontObjects {
                resource: font_ids(kind).1,
                base_font: f.base_font.clone(),
                dict: &f.dict,
                descriptor: f.descriptor,
                program_len: f.program_len,
                program_deflated: &f.deflated,
            });
        }
    }

    // Page contents, deflated.
    let mut raw = Vec::with_capacity(16 * 1024);
    let contents: Vec<Vec<u8>> = layout
        .pages
        .iter()
        .map(|page| {
            raw.clear();
            page_content(&page.items, fonts, layout.page_height, &fu, &mut raw);
            zlib(&raw)
        })
        .collect::<Result<_, _>>()?;

    // Objects: 1 catalog, 2 page tree, 3 info, 4 resources, 5 the one-byte
    // encoding CMap if a font uses it, then four per font, then a page and its
    // content per page.
    let one_byte = font_objects.iter().any(|f| f.dict.codes == Codes::OneByte);
    let cmap = 5;
    let first_font = cmap + usize::from(one_byte);
    let first_page = first_font + 4 * font_objects.len();
    // After the pages: the XMP metadata stream, then the outline root and its entries.
    let metadata = first_page + 2 * contents.len();
    let outline = &layout.outline;
    let outlines = metadata + 1;
    let size = outlines + usize::from(!outline.is_empty()) * (1 + outline.len());
    let capacity = 2048
        + font_objects
            .iter()
            .map(|f| f.program_deflated.len() + f.dict.widths.len() + f.dict.to_unicode.len() + 600)
            .sum::<usize>()
        + contents.iter().map(|c| c.len() + 200).sum::<usize>();
    let mut out = Out {
        buf: Vec::with_capacity(capacity),
        offsets: Vec::with_capacity(size),
    };
    out.buf.extend_from_slice(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");

    out.begin(1);
    out.buf
        .extend_from_slice(b"<</Type/Catalog/Pages 2 0 R/PageLayout/OneColumn");
    if outline.is_empty() {
        out.buf.extend_from_slice(b"/PageMode/UseNone");
    } else {
        out.buf
            .extend_from_slice(b"/PageMode/UseOutlines/Outlines ");
        out.reference(outlines);
    }
    if !meta.lang.trim().is_empty() {
        out.buf.extend_from_slice(b"/Lang");
        push_text_string(&mut out.buf, meta.lang.trim());
    }
    out.buf.extend_from_slice(b"/Metadata ");
    out.reference(metadata);
    out.buf
        .extend_from_slice(b"/ViewerPreferences<</DisplayDocTitle true>>>>");
    out.end();

    out.begin(2);
    out.buf.extend_from_slice(b"<</Type/Pages/Count ");
    push_uint(&mut out.buf, contents.len() as u64);
    out.buf.extend_from_slice(b"/Kids[");
    for i in 0..contents.len() {
        if i > 0 {
            out.buf.push(b' ');
        }
        out.reference(first_page + 2 * i);
    }
    out.buf.extend_from_slice(b"]>>");
    out.end();

    out.begin(3);
    out.buf.extend_from_slice(b"<</Title");
    push_text_string(&mut out.buf, &meta.title);
    out.buf
        .extend_from_slice(b"/Creator(dxready)/Producer(dxready)>>");
    out.end();

    out.begin(4);
    out.buf.extend_from_slice(b"<</Font<<");
    for (i, f) in font_objects.iter().enumerate() {
        out.buf.push(b'/');
        out.buf.extend_from_slice(f.resource.as_bytes());
        out.buf.push(b' ');
        out.reference(first_font + 4 * i);
    }
    out.buf.extend_from_slice(b">>");
    // One graphics state per fill opacity the pages use (`/GA30 gs`: 30% opaque fills).
    let opacities: std::collections::BTreeSet<u8> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Polygon(p) if p.fill.is_some() && p.fill_opacity < 100 => Some(p.fill_opacity),
            _ => None,
        })
        .collect();
    if !opacities.is_empty() {
        out.buf.extend_from_slice(b"/ExtGState<<");
        for a in opacities {
            let _ = write!(out.buf, "/GA{a}<</ca {}>>", f32::from(a) / 100.0);
        }
        out.buf.extend_from_slice(b">>");
    }
    out.buf.extend_from_slice(b">>");
    out.end();

    if one_byte {
        out.begin(cmap);
        out.buf.extend_from_slice(
            b"<</Type/CMap/CMapName/DXready-OneByte\
              /CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/Length ",
        );
        push_uint(&mut out.buf, ONE_BYTE_CMAP.len() as u64);
        out.buf.extend_from_slice(b">>\nstream\n");
        out.buf.extend_from_slice(ONE_BYTE_CMAP);
        out.buf.extend_from_slice(b"\nendstream");
        out.end();
    }
    for (i, f) in font_objects.iter().enumerate() {
        out.font(first_font + 4 * i, f, cmap);
    }

    let mut media_box = b"/MediaBox[0 0 ".to_vec();
    push_f32(&mut media_box, layout.page_width);
    media_box.push(b' ');
    push_f32(&mut media_box, layout.page_height);
    media_box.push(b']');
    for (i, content) in contents.iter().enumerate() {
        let n = first_page + 2 * i;
        out.begin(n);
        out.buf.extend_from_slice(b"<</Type/Page/Parent 2 0 R");
        out.buf.extend_from_slice(&media_box);
        out.buf.extend_from_slice(b"/Resources 4 0 R/Contents ");
        out.reference(n + 1);
        out.buf.extend_from_slice(b">>");
        out.end();
        out.stream(n + 1, b"", content);
    }

    // XMP (uncompressed, so that tools find the title without inflating).
    let xmp = xmp_packet(meta);
    out.begin(metadata);
    out.buf
        .extend_from_slice(b"<</Type/Metadata/Subtype/XML/Length ");
    push_uint(&mut out.buf, xmp.len() as u64);
    out.buf.extend_from_slice(b">>\nstream\n");
    out.buf.extend_from_slice(xmp.as_bytes());
    out.buf.extend_from_slice(b"\nendstream");
    out.end();
    if !outline.is_empty() {
        write_outline(&mut out, outline, outlines, first_page, layout.page_height);
    }

    let xref = out.buf.len();
    out.buf.extend_from_slice(b"xref\n0 ");
    push_uint(&mut out.buf, size as u64);
    out.buf.extend_from_slice(b"\n0000000000 65535 f \n");
    for &offset in &out.offsets {
        let mut digits = [b'0'; 10];
        let mut v = offset;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (v % 10) as u8;
            v /= 10;
        }
        out.buf.extend_from_slice(&digits);
        out.buf.extend_from_slice(b" 00000 n \n");
    }
    let id = document_id(layout, meta);
    let _ = write!(
        out.buf,
        "trailer\n<</Size {size}/Root 1 0 R/Info 3 0 R/ID[<{id}><{id}>]>>\nstartxref\n{xref}\n%%EOF\n"
    );
    Ok(out.buf)
}

/// The XMP packet: title, language and producer, as PDF/A and screen readers read them.
fn xmp_packet(meta: &PdfMeta) -> String {
    let esc = |s: &str| {
        s.chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let lang = if meta.lang.trim().is_empty() {
        "x-default".to_string()
    } else {
        esc(meta.lang.trim())
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n\
         <dc:format>application/pdf</dc:format>\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
         <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
         <pdf:Producer>dxready</pdf:Producer><xmp:CreatorTool>dxready</xmp:CreatorTool>\n\
         </rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"r\"?>",
        title = esc(&meta.title),
    )
}

/// The outline (bookmarks): one entry per heading, nested by level, each opening its page at
/// the heading. Objects `root`, then `root + 1 + i` for heading `i`.
fn write_outline(
    out: &mut Out,
    outline: &[super::layout::OutlineEntry],
    root: usize,
    first_page: usize,
    page_height: f32,
) {
    let n = outline.len();
    // The parent of each entry: the nearest earlier entry of a lower level.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in outline.iter().enumerate() {
        while stack.last().is_some_and(|&j| outline[j].level >= e.level) {
            stack.pop();
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    let children =
        |p: Option<usize>| -> Vec<usize> { (0..n).filter(|&i| parent[i] == p).collect() };
    let obj = |i: usize| root + 1 + i;
    let top = children(None);
    out.begin(root);
    out.buf.extend_from_slice(b"<</Type/Outlines/First ");
    out.reference(obj(top[0]));
    out.buf.extend_from_slice(b"/Last ");
    out.reference(obj(top[top.len() - 1]));
    out.buf.extend_from_slice(b"/Count ");
    push_uint(&mut out.buf, n as u64);
    out.buf.extend_from_slice(b">>");
    out.end();
    for (i, e) in outline.iter().enumerate() {
        let siblings = children(parent[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let kids = children(Some(i));
        out.begin(obj(i));
        out.buf.extend_from_slice(b"<</Title");
        push_text_string(&mut out.buf, &e.title);
        out.buf.extend_from_slice(b"/Parent ");
        out.reference(parent[i].map_or(root, obj));
        if at > 0 {
            out.buf.extend_from_slice(b"/Prev ");
            out.reference(obj(siblings[at - 1]));
        }
        if let Some(&next) = siblings.get(at + 1) {
            out.buf.extend_from_slice(b"/Next ");
            out.reference(obj(next));
        }
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            out.buf.extend_from_slice(b"/First ");
            out.reference(obj(first));
            out.buf.extend_from_slice(b"/Last ");
            out.reference(obj(last));
            // Negative: closed, so the sidebar shows the sections first.
            out.buf.extend_from_slice(b"/Count -");
            push_uint(&mut out.buf, kids.len() as u64);
        }
        out.buf.extend_from_slice(b"/Dest[");
        out.reference(first_page + 2 * e.page);
        out.buf.extend_from_slice(b"/XYZ null ");
        push_f32(&mut out.buf, page_height - e.y);
        out.buf.extend_from_slice(b" null]>>");
        out.end();
    }
}

/// zlib through miniz_oxide (already in printpdf's dependency tree) with one compressor per
/// thread, reset between streams: creating a compressor allocates its tables, which cost more
/// than compressing a page. Output depends only on the input (and on the miniz_oxide version
/// in Cargo.lock).
pub(crate) fn zlib(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Box<CompressorOxide>> =
            std::cell::RefCell::new(compressor(ZLIB_LEVEL as u8));
    }
    COMPRESSOR
        .with(|c| deflate_with(&mut c.borrow_mut(), data))
        .map_err(PdfError::Write)
}

/// A zlib-format compressor at `level` (0–9), set up as flate2 sets up its miniz_oxide
/// backend, so the bytes are the ones `flate2::Compress` gave before the switch.
fn compressor(level: u8) -> Box<CompressorOxide> {
    let mut c: Box<CompressorOxide> = Box::default();
    c.set_format_and_level(DataFormat::Zlib, level);
    c
}

fn deflate_with(c: &mut CompressorOxide, data: &[u8]) -> Result<Vec<u8>, String> {
    c.reset();
    let mut out = vec![0u8; data.len() / 2 + 64];
    let (mut consumed, mut written) = (0, 0);
    loop {
        let r = deflate(c, &data[consumed..], &mut out[written..], MZFlush::Finish);
        consumed += r.bytes_consumed;
        written += r.bytes_written;
        match r.status {
            Ok(MZStatus::StreamEnd) => {
                out.truncate(written);
                return Ok(out);
            }
            // The output is full: give it more room and go on.
            Ok(_) | Err(MZError::Buf) => {
                let more = out.len().max(1024);
                out.resize(out.len() + more, 0);
            }
            Err(e) => return Err(format!("cannot deflate a stream: {e:?}")),
        }
    }
}

/// zlib at the best level: for the font programs, deflated once per build.
pub(crate) fn deflate_best(data: &[u8]) -> Result<Vec<u8>, String> {
    deflate_with(&mut compressor(9), data)
}

/// The compression level of page content. Measured on the an-phat-thanh-ha report
/// (callgrind instructions of the whole process; file size alone and with `--compare`):
///
/// | content encoding | level 1 | level 2 | level 3 | level 4 |
/// |---|---|---|---|---|
/// | hex glyph ids (printpdf's) | | | 62.0 M, 89.6 KB | 69.1 M, 89.6 KB |
/// | two-byte literal strings | 56.0 M, 94.7 KB | 61.2 M, 88.5 KB | 62.0 M, 86.9 KB | 64.6 M, 86.5 KB |
/// | one-byte codes ([`Codes`]) | 48.4 M, 86.1 / 88.9 KB | 52.6 M, 83.4 / 86.0 KB | 53.0 M, 82.8 / 85.3 KB | |
///
/// With one-byte codes, level 1 (miniz_oxide's fast path) gives what level 3 gave
/// before, for a third less deflate work; the default level 6 costs more again.
const ZLIB_LEVEL: u32 = 1;

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(f: impl Fn(&mut Vec<u8>)) -> String {
        let mut buf = Vec::new();
        f(&mut buf);
        String::from_utf8(buf).expect("ASCII")
    }

    /// The fast number formatting writes exactly what `{}` writes for the
    /// rounded value (what printpdf and lopdf wrote before).
    #[test]
    fn numbers_are_formatted_like_display() {
        for k in -1_100_000..1_100_000 {
            let v = k as f32 / 100.0;
            let rounded = (v * 100.0).round() / 100.0;
            assert_eq!(shown(|b| push_coord(b, v)), format!("{rounded}"), "{v}");
        }
        for k in 0..=1000 {
            let v = k as f32 / 1000.0;
            let rounded = (v.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
            assert_eq!(shown(|b| push_rounded(b, v, 3)), format!("{rounded}"));
        }
        for v in [
            -0.001f32,
            -0.0,
            0.0,
            1e7,
            -1e7,
            123_456.78,
            f32::NAN,
            0.5,
            18.0,
            9.5,
            -3.0,
        ] {
            let rounded = (v * 100.0).round() / 100.0;
            assert_eq!(shown(|b| push_coord(b, v)), format!("{rounded}"), "{v}");
            assert_eq!(shown(|b| push_f32(b, v)), format!("{v}"), "{v}");
        }
        assert_eq!(
            pdf_name("DX+Deja Vu/Sans#é"),
            "DX+Deja#20Vu#2FSans#23#C3#A9"
        );
        assert_eq!(shown(|b| push_int(b, -42)), "-42");
        assert_eq!(shown(|b| push_uint(b, 0)), "0");
    }
}
