//! Fonts shared by every report: glyph metrics for line breaking, plus what
//! the PDF writer embeds.
//!
//! Why it is shaped like this: parsing the 750 KB DejaVu faces and subsetting
//! them cost more than a whole report, on every run of the program. So each
//! face is subset to a fixed *repertoire* (ASCII, Vietnamese, the
//! punctuation and bullets reports use) once per **build**: the subset
//! programs, their deflated bytes and the metrics the layout and writer need
//! are committed (`assets/fonts/repertoire/`, `font_data.rs`), generated from
//! the full faces by [`FaceData::generate`]. A test regenerates them from the
//! TTFs and fails when the committed copies differ, so they cannot drift; to
//! regenerate after changing a font or [`repertoire`], run
//! `cargo test --lib -- --ignored regenerate_font_assets`.
//!
//! Loading [`Fonts::dejavu`] therefore parses nothing. Characters outside the
//! repertoire still work: the first one parses the full face (once per
//! process, [`OnceLock`]), and the writer subsets it per document for the
//! characters used; characters the face does not have at all are replaced by
//! U+FFFD so that nothing silently renders as an empty box.
//!
//! Numbers (callgrind, release, one `dxready report`): `Fonts::dejavu` went
//! from ~14 M instructions (parse + subset) to ~0.1 M, and deflating the two
//! repertoire programs (~16 M once per process) is gone.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use printpdf::ParsedFont;

use super::PdfError;
use super::font_data;

/// The two faces a report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontKind {
    /// Body text, emphasis (in colour), code, links.
    Regular,
    /// Headings, table headers, `**strong**`.
    Bold,
}

/// Codepoints below this limit have their metrics cached in a dense table, filled on first
/// use.
const DENSE_LIMIT: u32 = 0x3000;

/// Characters embedded from the shared, pre-subset program: what Vietnamese and English
/// reports use, list bullets included. Anything else the face has (ä, ß, Ω, Привет…) still
/// renders, from the full face subset per document, at some cost in time and size.
pub(crate) fn repertoire() -> impl Iterator<Item = char> {
    let ranges = [
        ('\u{20}', '\u{7e}'),     // ASCII
        ('\u{1ea0}', '\u{1ef9}'), // Vietnamese letters with two marks
    ];
    let extra =
        "\u{a0}àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ«»°·×±§©®ĂăĐđĨĩŨũƠơƯư–—‘’“”•◦▪…€₫−→←≤≥≠≈✓\u{fffd}";
    ranges
        .into_iter()
        .flat_map(|(a, b)| a..=b)
        .chain(extra.chars())
}

/// Values of a PDF `/FontDescriptor`, in 1/1000 em.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Descriptor {
    pub(crate) ascent: i32,
    pub(crate) descent: i32,
    pub(crate) cap_height: i32,
    pub(crate) italic_angle: i32,
    pub(crate) flags: i32,
    pub(crate) stem_v: i32,
    pub(crate) bbox: [i32; 4],
}

impl Descriptor {
    /// The values printpdf derives from a face (same rules, so output stays comparable).
    pub(crate) fn of(font: &ParsedFont) -> Descriptor {
        let m = &font.pdf_font_metrics;
        let scale = 1000.0 / f32::from(m.units_per_em.max(1));
        let s = |v: f32| (v * scale).round() as i32;
        let ascent = s(font.font_metrics.ascent);
        let italic_angle = if m.caret_slope_rise == 0 {
            0
        } else {
            (-f32::from(m.caret_slope_run).atan2(f32::from(m.caret_slope_rise)))
                .to_degrees()
                .round() as i32
        };
        Descriptor {
            ascent,
            descent: s(font.font_metrics.descent),
            cap_height: font.font_metrics.cap_height.map_or(ascent, s),
            italic_angle,
            // Non-symbolic, plus italic when slanted (PDF 32000-1, table 123).
            flags: 32 | if italic_angle != 0 { 64 } else { 0 },
            stem_v: if m.us_weight_class == 0 {
                80
            } else {
                50 + (f32::from(m.us_weight_class) / 65.0).powi(2).round() as i32
            },
            bbox: [m.x_min, m.y_min, m.x_max, m.y_max].map(|v| s(f32::from(v))),
        }
    }
}

/// A face's repertoire: the subset program and everything the layout and the
/// writer need to know about it. Committed for DejaVu (`font_data.rs`),
/// computed at start-up for other fonts ([`Fonts::from_ttf`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FaceData {
    /// PostScript name of the face.
    pub(crate) name: Cow<'static, str>,
    pub(crate) units_per_em: u16,
    /// hhea ascender and descender, in font units.
    pub(crate) ascender: i16,
    pub(crate) descender: i16,
    pub(crate) descriptor: Descriptor,
    /// `(character, glyph id in the program, advance in font units)`, sorted by
    /// character. Each glyph serves exactly one character, so `/ToUnicode` can
    /// map it back without knowing the text.
    pub(crate) glyphs: Cow<'static, [(char, u16, u16)]>,
    /// The subset TrueType program.
    pub(crate) program: Cow<'static, [u8]>,
    /// `program` in zlib format, as embedded.
    pub(crate) deflated: Cow<'static, [u8]>,
}

impl FaceData {
    /// Subsets `full` to the [`repertoire`]. Deterministic: the committed assets are
    /// exactly what this returns for the bundled faces.
    pub(crate) fn generate(full: &ParsedFont) -> Result<FaceData, String> {
        let mut wanted: BTreeMap<u16, String> = BTreeMap::new();
        let mut chars: Vec<(char, u16)> = Vec::new();
        for c in repertoire() {
            let Some(gid) = full.lookup_glyph_index(c as u32).filter(|g| *g != 0) else {
                continue;
            };
            // A glyph shared by two characters stays with the first one; the
            // other goes through the per-document fallback, whose /ToUnicode
            // knows which of them the text used.
            if wanted.contains_key(&gid) || chars.iter().any(|(d, _)| *d == c) {
                continue;
            }
            wanted.insert(gid, c.to_string());
            chars.push((c, gid));
        }
        let subset = printpdf::subset_font(full, &wanted)?;
        let mut glyphs = chars
            .iter()
            .map(|&(c, gid)| {
                let new = subset
                    .glyph_mapping
                    .get(&gid)
                    .map(|(new, _)| *new)
                    .ok_or_else(|| format!("glyph {gid} missing from the subset"))?;
                Ok((c, new, full.get_horizontal_advance(gid)))
            })
            .collect::<Result<Vec<_>, String>>()?;
        glyphs.sort_unstable();
        let m = &full.pdf_font_metrics;
        Ok(FaceData {
            name: Cow::Owned(full.font_name.clone().unwrap_or_else(|| "Font".to_string())),
            units_per_em: m.units_per_em.max(1),
            ascender: m.ascender,
            descender: m.descender,
            descriptor: Descriptor::of(full),
            glyphs: Cow::Owned(glyphs),
            deflated: Cow::Owned(super::writer::deflate_best(&subset.bytes)?),
            program: Cow::Owned(subset.bytes),
        })
    }

    fn find(&self, c: char) -> Option<(u16, u16)> {
        self.glyphs
            .binary_search_by_key(&c, |g| g.0)
            .ok()
            .map(|i| (self.glyphs[i].1, self.glyphs[i].2))
    }
}

/// Where a character's glyph comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coverage {
    /// Not in the face: layout substitutes it.
    Missing,
    /// In the shared, pre-subset program.
    Repertoire,
    /// Only in the full face (subset per document).
    Fallback,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// Advance in font units.
    pub(crate) advance: u16,
    /// Glyph id: in the repertoire program, or in the full face for a fallback.
    pub(crate) gid: u16,
    pub(crate) coverage: Coverage,
}

const MISSING: Glyph = Glyph {
    advance: 0,
    gid: 0,
    coverage: Coverage::Missing,
};

/// One face: its repertoire, and the full face behind it.
pub(crate) struct Face {
    name: &'static str,
    pub(crate) data: FaceData,
    full_bytes: Cow<'static, [u8]>,
    /// The whole face, parsed on first need (characters outside the repertoire).
    full: OnceLock<Option<ParsedFont>>,
    units_per_em: f32,
    /// Ascender above the baseline, in em.
    pub(crate) ascent: f32,
    /// Descender below the baseline, in em (positive).
    pub(crate) descent: f32,
    dense: Box<[OnceLock<Glyph>]>,
    /// What replaces characters the face lacks.
    replacement: char,
    /// Which face this is, for the lifetime of the process: what the writer keys its
    /// cache of the repertoire's PDF objects by (`writer.rs`).
    id: u64,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("name", &self.data.name)
            .field("repertoire_glyphs", &self.data.glyphs.len())
            .field("repertoire_program_len", &self.data.program.len())
            .finish_non_exhaustive()
    }
}

/// The next [`Face::id`].
static NEXT_FACE_ID: AtomicU64 = AtomicU64::new(0);

impl Face {
    /// An identity no other face of this process has (ids are never reused).
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    fn new(
        name: &'static str,
        data: FaceData,
        full_bytes: Cow<'static, [u8]>,
        full: OnceLock<Option<ParsedFont>>,
    ) -> Result<Face, PdfError> {
        let units_per_em = f32::from(data.units_per_em.max(1));
        let mut face = Face {
            name,
            units_per_em,
            ascent: f32::from(data.ascender) / units_per_em,
            descent: -f32::from(data.descender) / units_per_em,
            dense: (0..DENSE_LIMIT).map(|_| OnceLock::new()).collect(),
            replacement: '?',
            data,
            full_bytes,
            full,
            id: NEXT_FACE_ID.fetch_add(1, Ordering::Relaxed),
        };
        if face.data.find('\u{fffd}').is_some() {
            face.replacement = '\u{fffd}';
        }
        if face.data.find(' ').is_none() {
            return Err(PdfError::Font {
                name,
                message: "has no space glyph".to_string(),
            });
        }
        Ok(face)
    }

    /// A face from its full TrueType program, subset now.
    fn parse(name: &'static str, bytes: &[u8]) -> Result<Face, PdfError> {
        let fail = |message: String| PdfError::Font { name, message };
        let mut warnings = Vec::new();
        let full = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| fail(format!("not a usable TrueType font ({warnings:?})")))?;
        let data = FaceData::generate(&full).map_err(fail)?;
        Face::new(
            name,
            data,
            Cow::Owned(bytes.to_vec()),
            OnceLock::from(Some(full)),
        )
    }

    /// The full face, parsed on first use; `None` if it does not parse.
    pub(crate) fn full(&self) -> Option<&ParsedFont> {
        self.full
            .get_or_init(|| ParsedFont::from_bytes(&self.full_bytes, 0, &mut Vec::new()))
            .as_ref()
    }

    fn lookup(&self, c: char) -> Glyph {
        if let Some((gid, advance)) = self.data.find(c) {
            return Glyph {
                advance,
                gid,
                coverage: Coverage::Repertoire,
            };
        }
        let Some(full) = self.full() else {
            return MISSING;
        };
        match full.lookup_glyph_index(c as u32).filter(|g| *g != 0) {
            Some(gid) => Glyph {
                advance: full.get_horizontal_advance(gid),
                gid,
                coverage: Coverage::Fallback,
            },
            None => MISSING,
        }
    }

    #[inline]
    pub(crate) fn glyph(&self, c: char) -> Glyph {
        match self.dense.get(c as usize) {
            Some(cell) => *cell.get_or_init(|| self.lookup(c)),
            None => self.lookup(c),
        }
    }

    /// `c` itself when the face can draw it, otherwise the replacement glyph.
    pub(crate) fn resolve(&self, c: char) -> char {
        if self.glyph(c).coverage == Coverage::Missing {
            self.replacement
        } else {
            c
        }
    }

    /// The advance of `c` in em when the face can draw it (what [`Face::resolve_advance`]
    /// gives then), `None` when it cannot.
    #[inline]
    pub(crate) fn covered_advance(&self, c: char) -> Option<f32> {
        let g = self.glyph(c);
        (g.coverage != Coverage::Missing).then(|| f32::from(g.advance) / self.units_per_em)
    }

    /// [`Face::resolve`] and the advance of what it gives, in em, with one lookup.
    #[inline]
    pub(crate) fn resolve_advance(&self, c: char) -> (char, f32) {
        let g = self.glyph(c);
        if g.coverage == Coverage::Missing {
            (self.replacement, self.advance_em(self.replacement))
        } else {
            (c, f32::from(g.advance) / self.units_per_em)
        }
    }

    /// Advance width of `c` in em (0 for characters the face lacks).
    #[inline]
    pub(crate) fn advance_em(&self, c: char) -> f32 {
        f32::from(self.glyph(c).advance) / self.units_per_em
    }

    /// "regular" or "bold", for error messages.
    pub(crate) fn role(&self) -> &'static str {
        self.name
    }
}

/// The report fonts, loaded once and shared (`Send + Sync`) by all reports
/// and threads.
#[derive(Debug)]
pub struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

const DEJAVU_REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans.ttf"
));
const DEJAVU_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans-Bold.ttf"
));

impl Fonts {
    /// DejaVu Sans and DejaVu Sans Bold, compiled into the binary with their
    /// pre-built repertoire (nothing is parsed until a report needs a
    /// character outside it).
    pub fn dejavu() -> Result<Fonts, PdfError> {
        Ok(Fonts {
            regular: Face::new(
                "regular",
                font_data::REGULAR,
                Cow::Borrowed(DEJAVU_REGULAR),
                OnceLock::new(),
            )?,
            bold: Face::new(
                "bold",
                font_data::BOLD,
                Cow::Borrowed(DEJAVU_BOLD),
                OnceLock::new(),
            )?,
        })
    }

    /// Any regular/bold pair of TrueType fonts (parsed and subset now).
    pub fn from_ttf(regular: &[u8], bold: &[u8]) -> Result<Fonts, PdfError> {
        Ok(Fonts {
            regular: Face::parse("regular", regular)?,
            bold: Face::parse("bold", bold)?,
        })
    }

    pub(crate) fn face(&self, kind: FontKind) -> &Face {
        match kind {
            FontKind::Regular => &self.regular,
            FontKind::Bold => &self.bold,
        }
    }

    /// Width of `text` in points, from the glyph advances (no kerning is
    /// applied when drawing either, so this is exactly the drawn width).
    pub fn text_width(&self, kind: FontKind, size: f32, text: &str) -> f32 {
        let face = self.face(kind);
        text.chars().map(|c| face.advance_em(c)).sum::<f32>() * size
    }

    /// Width of one character in points.
    pub fn char_width(&self, kind: FontKind, size: f32, c: char) -> f32 {
        self.face(kind).advance_em(c) * size
    }

    /// Ascender of the face in points at `size`.
    pub fn ascent(&self, kind: FontKind, size: f32) -> f32 {
        self.face(kind).ascent * size
    }

    /// Descender of the face in points at `size` (positive).
    pub fn descent(&self, kind: FontKind, size: f32) -> f32 {
        self.face(kind).descent * size
    }
}

/// The committed assets for the bundled faces, regenerated from the full TTFs:
/// `(path relative to the crate, bytes)`, `font_data.rs` first.
#[cfg(test)]
pub(crate) fn generate_assets() -> Result<Vec<(String, Vec<u8>)>, String> {
    use std::fmt::Write as _;
    let mut src = String::from(
        "//! Repertoire data of the bundled DejaVu faces: GENERATED from assets/fonts/*.ttf by\n\
         //! `FaceData::generate` (see `fonts.rs`); do not edit. The test\n\
         //! `committed_font_assets_match_the_fonts` fails when this file or the programs in\n\
         //! assets/fonts/repertoire/ no longer match the fonts and the repertoire.\n\
         \n\
         use std::borrow::Cow;\n\
         \n\
         use super::fonts::{Descriptor, FaceData};\n",
    );
    let mut files = Vec::new();
    for (konst, file, bytes) in [
        ("REGULAR", "DejaVuSans", DEJAVU_REGULAR),
        ("BOLD", "DejaVuSans-Bold", DEJAVU_BOLD),
    ] {
        let full = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .ok_or_else(|| format!("{file}.ttf does not parse"))?;
        let d = FaceData::generate(&full)?;
        let path = format!("assets/fonts/repertoire/{file}");
        let _ = write!(
            src,
            "\n#[rustfmt::skip]\npub(crate) const {konst}: FaceData = FaceData {{\n    \
             name: Cow::Borrowed({:?}),\n    units_per_em: {},\n    ascender: {},\n    \
             descender: {},\n    descriptor: {:?},\n    \
             program: Cow::Borrowed(include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{path}.ttf\"))),\n    \
             deflated: Cow::Borrowed(include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{path}.ttf.zlib\"))),\n    \
             glyphs: Cow::Borrowed(&[",
            d.name, d.units_per_em, d.ascender, d.descender, d.descriptor,
        );
        for (i, (c, gid, advance)) in d.glyphs.iter().enumerate() {
            let sep = if i % 6 == 0 { "\n        " } else { " " };
            let _ = write!(src, "{sep}('\\u{{{:x}}}', {gid}, {advance}),", *c as u32);
        }
        src.push_str("\n    ]),\n};\n");
        files.push((format!("{path}.ttf"), d.program.into_owned()));
        files.push((format!("{path}.ttf.zlib"), d.deflated.into_owned()));
    }
    files.insert(
        0,
        ("src/report/pdf/font_data.rs".to_string(), src.into_bytes()),
    );
    Ok(files)
}
