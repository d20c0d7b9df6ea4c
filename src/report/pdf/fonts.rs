//! Fonts parsed once and shared by every report: glyph metrics for line
//! breaking, plus the font programs the PDF writer embeds.
//!
//! Why it is shaped like this: printpdf subsets and deflates (at the slowest
//! zlib level) every embedded font again for every document, which costs more
//! than all the rest of a report together. So each face is subset once, here,
//! to a fixed *repertoire* (ASCII, Latin-1, Vietnamese, common punctuation),
//! and the writer embeds that small program as is, reusing one deflated copy
//! for all reports (see `writer.rs`). Characters outside the repertoire still
//! work: they fall back to the full face, which printpdf then subsets per
//! document as usual; characters the face does not have at all are replaced
//! by U+FFFD so that nothing silently renders as an empty box.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::PdfError;

/// The two faces a report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontKind {
    /// Body text, emphasis (in colour), code, links.
    Regular,
    /// Headings, table headers, `**strong**`.
    Bold,
}

/// Codepoints below this limit have their metrics cached in a dense table, filled on first
/// use (a cmap lookup is slow, and a report uses a few hundred characters).
const DENSE_LIMIT: u32 = 0x3000;

/// Characters subset once at start-up and embedded from a shared program: what Vietnamese
/// and English reports use. Anything else the face has (ä, ß, Ω, Привет…) still renders,
/// from the full face subset per document, at some cost in time.
fn repertoire() -> impl Iterator<Item = char> {
    let ranges = [
        ('\u{20}', '\u{7e}'),     // ASCII
        ('\u{1ea0}', '\u{1ef9}'), // Vietnamese letters with two marks
    ];
    let extra =
        "\u{a0}àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ«»°·×±§©®ĂăĐđĨĩŨũƠơƯư–—‘’“”•…€₫−→←≤≥≠≈✓\u{fffd}";
    ranges
        .into_iter()
        .flat_map(|(a, b)| a..=b)
        .chain(extra.chars())
}

/// Where a character's glyph comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coverage {
    /// Not in the face: layout substitutes it.
    Missing,
    /// In the shared, pre-subset program.
    Repertoire,
    /// Only in the full face (subset per document by printpdf).
    Fallback,
}

#[derive(Debug, Clone, Copy)]
struct Glyph {
    /// Advance in font units.
    advance: u16,
    coverage: Coverage,
}

const MISSING: Glyph = Glyph {
    advance: 0,
    coverage: Coverage::Missing,
};

/// One parsed face with its metrics and embeddable programs.
pub(crate) struct Face {
    /// The whole face; used for characters outside the repertoire.
    pub(crate) full: ParsedFont,
    /// The face subset to the repertoire, parsed again.
    pub(crate) repertoire: ParsedFont,
    /// The bytes of `repertoire` (exactly what printpdf embeds for it).
    pub(crate) repertoire_program: Vec<u8>,
    /// `repertoire_program` deflated; filled by the first document written.
    pub(crate) repertoire_deflated: OnceLock<Vec<u8>>,
    units_per_em: f32,
    /// Ascender above the baseline, in em.
    pub(crate) ascent: f32,
    /// Descender below the baseline, in em (positive).
    pub(crate) descent: f32,
    dense: Box<[OnceLock<Glyph>]>,
    /// What replaces characters the face lacks.
    replacement: char,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("font_name", &self.full.font_name)
            .field("repertoire_program_len", &self.repertoire_program.len())
            .finish_non_exhaustive()
    }
}

impl Face {
    fn parse(name: &'static str, bytes: &[u8]) -> Result<Face, PdfError> {
        let fail = |message: String| PdfError::Font { name, message };
        let mut warnings = Vec::new();
        let full = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| fail(format!("not a usable TrueType font ({warnings:?})")))?;

        let mut wanted: BTreeMap<u16, String> = BTreeMap::new();
        for c in repertoire() {
            if let Some(gid) = full.lookup_glyph_index(c as u32) {
                wanted.entry(gid).or_insert_with(|| c.to_string());
            }
        }
        let subset = printpdf::subset_font(&full, &wanted).map_err(fail)?;
        let repertoire = ParsedFont::from_bytes(&subset.bytes, 0, &mut warnings)
            .ok_or_else(|| fail("cannot parse its own subset".to_string()))?;

        let metrics = full.pdf_font_metrics;
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let mut face = Face {
            repertoire_program: subset.bytes,
            repertoire_deflated: OnceLock::new(),
            units_per_em,
            ascent: f32::from(metrics.ascender) / units_per_em,
            descent: -f32::from(metrics.descender) / units_per_em,
            dense: (0..DENSE_LIMIT).map(|_| OnceLock::new()).collect(),
            replacement: '?',
            full,
            repertoire,
        };
        if face.glyph('\u{fffd}').coverage != Coverage::Missing {
            face.replacement = '\u{fffd}';
        }
        if face.glyph(' ').coverage != Coverage::Repertoire {
            return Err(fail("has no space glyph".to_string()));
        }
        Ok(face)
    }

    fn lookup(&self, c: char) -> Glyph {
        if let Some(gid) = self
            .repertoire
            .lookup_glyph_index(c as u32)
            .filter(|g| *g != 0)
        {
            return Glyph {
                advance: self.repertoire.get_horizontal_advance(gid),
                coverage: Coverage::Repertoire,
            };
        }
        match self.full.lookup_glyph_index(c as u32).filter(|g| *g != 0) {
            Some(gid) => Glyph {
                advance: self.full.get_horizontal_advance(gid),
                coverage: Coverage::Fallback,
            },
            None => MISSING,
        }
    }

    fn glyph(&self, c: char) -> Glyph {
        match self.dense.get(c as usize) {
            Some(cell) => *cell.get_or_init(|| self.lookup(c)),
            None => self.lookup(c),
        }
    }

    /// Where `c`'s glyph is embedded from.
    pub(crate) fn coverage(&self, c: char) -> Coverage {
        self.glyph(c).coverage
    }

    /// `c` itself when the face can draw it, otherwise the replacement glyph.
    pub(crate) fn resolve(&self, c: char) -> char {
        if self.glyph(c).coverage == Coverage::Missing {
            self.replacement
        } else {
            c
        }
    }

    /// Advance width of `c` in em (0 for characters the face lacks).
    pub(crate) fn advance_em(&self, c: char) -> f32 {
        f32::from(self.glyph(c).advance) / self.units_per_em
    }
}

/// The report fonts, parsed once and shared (`Send + Sync`) by all reports
/// and threads.
#[derive(Debug)]
pub struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl Fonts {
    /// DejaVu Sans and DejaVu Sans Bold, compiled into the binary.
    pub fn dejavu() -> Result<Fonts, PdfError> {
        Fonts::from_ttf(
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/assets/fonts/DejaVuSans.ttf"
            )),
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/assets/fonts/DejaVuSans-Bold.ttf"
            )),
        )
    }

    /// Any regular/bold pair of TrueType fonts.
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
