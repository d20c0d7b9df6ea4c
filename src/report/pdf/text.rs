//! Line breaking on real glyph advance widths.
//!
//! Text is cut into unbreakable tokens (words, or word parts after a hyphen or
//! slash), which are filled greedily into lines no wider than the measure.
//! A token wider than a whole line (a 150-character name without spaces, a
//! long URL) is broken between characters, never between a letter and a
//! combining mark, so that no text can run past its box.

use unicode_normalization::char::is_combining_mark;

use super::fonts::{FontKind, Fonts};
use super::layout::Rgb;

/// Font and colour of a run of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub font: FontKind,
    pub color: Rgb,
}

/// Input to [`wrap`]: text in one style; `'\n'` forces a line break.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub style: Style,
    pub text: String,
}

/// A piece of a laid-out line in one style, `x` relative to the line start.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piece {
    pub x: f32,
    pub width: f32,
    pub style: Style,
    pub text: String,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    pub pieces: Vec<Piece>,
    pub width: f32,
}

impl Line {
    fn push(&mut self, style: Style, text: &str, width: f32) {
        match self.pieces.last_mut() {
            Some(last) if last.style == style => {
                last.text.push_str(text);
                last.width += width;
            }
            _ => self.pieces.push(Piece {
                x: self.width,
                width,
                style,
                text: text.to_string(),
            }),
        }
        self.width += width;
    }

    fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }
}

/// How whitespace is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Whitespace {
    /// Runs of spaces collapse to one; spaces at line starts and ends vanish.
    Collapse,
    /// Every space counts (code blocks); lines may still wrap after spaces.
    Preserve,
}

/// A piece of a token in one style: `text[start..end]` of its [`Tokens`].
#[derive(Clone, Copy)]
struct TokenPiece {
    style: Style,
    start: usize,
    end: usize,
    width: f32,
}

/// An unbreakable unit of text. Its pieces are `pieces[first..end]` of its
/// [`Tokens`], so tokenizing allocates nothing per word.
#[derive(Default, Clone, Copy)]
struct Token {
    first: usize,
    end: usize,
    width: f32,
    /// Space before this token (collapsed), with the style it is drawn in.
    space: Option<(Style, f32)>,
    break_before: bool,
    chars: usize,
}

/// The tokens of some runs, with their text and pieces in shared buffers: made once by
/// [`tokenize`], then measured ([`Tokens::measure`]) and wrapped ([`Tokens::wrap`]) as
/// often as needed (a table cell is both).
#[derive(Default)]
pub(crate) struct Tokens {
    text: String,
    pieces: Vec<TokenPiece>,
    list: Vec<Token>,
    /// The token being built: its pieces start at `cur.first`.
    cur: Token,
}

impl Tokens {
    fn push(&mut self, style: Style, c: char, width: f32) {
        self.text.push(c);
        let end = self.text.len();
        let has_piece = self.pieces.len() > self.cur.first;
        match self.pieces.last_mut() {
            Some(last) if has_piece && last.style == style => {
                last.end = end;
                last.width += width;
            }
            _ => self.pieces.push(TokenPiece {
                style,
                start: end - c.len_utf8(),
                end,
                width,
            }),
        }
        self.cur.width += width;
        self.cur.chars += 1;
    }

    /// Adds the letters at the start of `rest` to the current token, whose last piece has
    /// their style, in one go: each is what the character-by-character path would push
    /// (same widths, added in the same order), up to the first character that path treats
    /// specially (a space, a break, a character after which a word may break, one the face
    /// lacks). Returns what is left.
    fn extend_word<'a>(&mut self, face: &super::fonts::Face, size: f32, rest: &'a str) -> &'a str {
        let Some(last) = self.pieces.last_mut() else {
            return rest;
        };
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            if matches!(c, ' ' | '\t' | '\n' | '\u{200b}' | '\u{a0}')
                || is_dropped(c)
                || breaks_after(c)
            {
                break;
            }
            let Some(advance) = face.covered_advance(c) else {
                break;
            };
            let width = advance * size;
            last.width += width;
            self.cur.width += width;
            self.cur.chars += 1;
            end = i + c.len_utf8();
        }
        self.text.push_str(&rest[..end]);
        last.end = self.text.len();
        &rest[end..]
    }

    fn ends_with_space(&self) -> bool {
        self.pieces.len() > self.cur.first && self.text.ends_with(' ')
    }

    /// Ends the current token (if it has any characters).
    fn finish(&mut self, pending_space: &mut Option<(Style, f32)>, pending_break: &mut bool) {
        if self.cur.chars > 0 {
            let mut t = self.cur;
            t.end = self.pieces.len();
            t.space = pending_space.take();
            t.break_before = std::mem::take(pending_break);
            self.list.push(t);
            self.cur = Token {
                first: self.pieces.len(),
                ..Token::default()
            };
        }
    }

    /// An empty token that only breaks the line.
    fn push_break(&mut self) {
        self.list.push(Token {
            first: self.pieces.len(),
            end: self.pieces.len(),
            break_before: true,
            ..Token::default()
        });
    }

    fn pieces(&self, t: &Token) -> impl Iterator<Item = (Style, &str, f32)> {
        self.pieces[t.first..t.end]
            .iter()
            .map(|p| (p.style, &self.text[p.start..p.end], p.width))
    }
}

/// Characters after which a line may break inside a word.
fn breaks_after(c: char) -> bool {
    matches!(c, '-' | '/' | '–' | '—' | '\\' | '_' | '|')
}

/// Characters dropped from the text: invisible format characters and
/// control characters other than the line break.
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    ) || (c.is_control() && c != '\n' && c != '\t')
}

/// Cuts `runs` at `size` into tokens.
pub(crate) fn tokenize(fonts: &Fonts, runs: &[Run], size: f32, ws: Whitespace) -> Tokens {
    let len: usize = runs.iter().map(|r| r.text.len()).sum();
    let mut tokens = Tokens {
        text: String::with_capacity(len + 8),
        pieces: Vec::with_capacity(len / 4 + 4),
        list: Vec::with_capacity(len / 4 + 4),
        cur: Token::default(),
    };
    let mut pending_space: Option<(Style, f32)> = None;
    let mut pending_break = false;

    for run in runs {
        let face = fonts.face(run.style.font);
        let space_w = face.advance_em(' ') * size;
        let mut chars = run.text.chars();
        while let Some(c) = chars.next() {
            match c {
                '\n' => {
                    tokens.finish(&mut pending_space, &mut pending_break);
                    if pending_break {
                        // An empty line: keep it as an empty token.
                        tokens.push_break();
                    }
                    pending_space = None;
                    pending_break = true;
                }
                ' ' | '\t' if ws == Whitespace::Collapse => {
                    tokens.finish(&mut pending_space, &mut pending_break);
                    if pending_space.is_none() {
                        pending_space = Some((run.style, space_w));
                    }
                }
                '\t' => {
                    for _ in 0..4 {
                        tokens.push(run.style, ' ', space_w);
                    }
                }
                '\u{200b}' => tokens.finish(&mut pending_space, &mut pending_break),
                c if is_dropped(c) => {}
                _ => {
                    if ws == Whitespace::Preserve && c != ' ' && tokens.ends_with_space() {
                        tokens.finish(&mut pending_space, &mut pending_break);
                    }
                    // A no-break space keeps words together but is drawn
                    // (and extracted) as a plain space.
                    let (c, advance) = face.resolve_advance(if c == '\u{a0}' { ' ' } else { c });
                    let before = tokens.cur.chars;
                    tokens.push(run.style, c, advance * size);
                    if breaks_after(c) && before >= 2 {
                        tokens.finish(&mut pending_space, &mut pending_break);
                    } else if ws == Whitespace::Collapse {
                        chars = tokens.extend_word(face, size, chars.as_str()).chars();
                    }
                }
            }
        }
    }
    tokens.finish(&mut pending_space, &mut pending_break);
    if pending_break {
        tokens.push_break();
    }
    tokens
}

/// Splits `text` before every character that is not a combining mark, so a
/// letter is never separated from its accents.
pub(crate) fn clusters(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        chars.next()?;
        let end = chars
            .find(|(_, c)| !is_combining_mark(*c))
            .map_or(rest.len(), |(i, _)| i);
        let (head, tail) = rest.split_at(end);
        rest = tail;
        Some(head)
    })
}

/// Allowed rounding slack when comparing widths.
pub(crate) const EPS: f32 = 1e-3;

/// Breaks `runs` into lines at most `max_width` wide (a line can only be
/// wider when `max_width` is narrower than a single character).
pub(crate) fn wrap(
    fonts: &Fonts,
    runs: &[Run],
    size: f32,
    max_width: f32,
    ws: Whitespace,
) -> Vec<Line> {
    tokenize(fonts, runs, size, ws).wrap(fonts, size, max_width)
}

impl Tokens {
    /// [`wrap`] of the runs these tokens were made from (at the same `size`).
    pub(crate) fn wrap(&self, fonts: &Fonts, size: f32, max_width: f32) -> Vec<Line> {
        let tokens = self;
        let mut lines = Vec::new();
        let mut line = Line::default();
        let mut started = false;
        for token in &tokens.list {
            if token.break_before && started {
                lines.push(std::mem::take(&mut line));
            }
            started = true;
            if token.chars == 0 {
                continue;
            }
            let space = if line.is_empty() { None } else { token.space };
            let space_w = space.map_or(0.0, |(_, w)| w);
            if line.width + space_w + token.width <= max_width + EPS {
                if let Some((style, w)) = space {
                    line.push(style, " ", w);
                }
                for (style, text, w) in tokens.pieces(token) {
                    line.push(style, text, w);
                }
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if token.width <= max_width + EPS {
                for (style, text, w) in tokens.pieces(token) {
                    line.push(style, text, w);
                }
                continue;
            }
            // Break an over-long token between characters.
            for (style, text, _) in tokens.pieces(token) {
                for cluster in clusters(text) {
                    let w = fonts.text_width(style.font, size, cluster);
                    if !line.is_empty() && line.width + w > max_width + EPS {
                        lines.push(std::mem::take(&mut line));
                    }
                    line.push(style, cluster, w);
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        // Trailing spaces kept by `Whitespace::Preserve` must not make a line
        // look wider than the measure.
        for line in &mut lines {
            while let Some(last) = line.pieces.last_mut() {
                let trimmed = last.text.trim_end_matches(' ').len();
                if trimmed == last.text.len() {
                    break;
                }
                let removed = last.text.len() - trimmed;
                let w = fonts.char_width(last.style.font, size, ' ') * removed as f32;
                last.text.truncate(trimmed);
                last.width -= w;
                line.width -= w;
                if last.text.is_empty() {
                    line.pieces.pop();
                } else {
                    break;
                }
            }
        }
        lines
    }

    /// [`measure`] of the runs these tokens were made from.
    pub(crate) fn measure(&self) -> (f32, f32) {
        let mut min = 0f32;
        let mut max = 0f32;
        let mut line = 0f32;
        for token in &self.list {
            if token.break_before {
                line = 0.0;
            }
            min = min.max(token.width);
            if line > 0.0 {
                line += token.space.map_or(0.0, |(_, w)| w);
            }
            line += token.width;
            max = max.max(line);
        }
        (min, max)
    }
}

/// Width of the widest unbreakable token (what a column needs to avoid
/// breaking words) and of the widest line when nothing wraps.
pub(crate) fn measure(fonts: &Fonts, runs: &[Run], size: f32) -> (f32, f32) {
    tokenize(fonts, runs, size, Whitespace::Collapse).measure()
}

/// `text` shortened with a trailing "…" so that it is at most `max_width`
/// wide (empty when not even the ellipsis fits).
pub(crate) fn truncate(
    fonts: &Fonts,
    font: FontKind,
    size: f32,
    text: &str,
    max_width: f32,
) -> String {
    let face = fonts.face(font);
    let clean: String = text
        .chars()
        .filter(|c| !is_dropped(*c) || *c == '\n' || *c == '\t')
        .map(|c| match c {
            '\n' | '\t' | '\u{a0}' => ' ',
            c => face.resolve(c),
        })
        .collect();
    let clean = clean.trim();
    if fonts.text_width(font, size, clean) <= max_width + EPS {
        return clean.to_string();
    }
    let ellipsis = fonts.char_width(font, size, '…');
    if ellipsis > max_width + EPS {
        return String::new();
    }
    let mut out = String::new();
    let mut width = 0.0;
    for cluster in clusters(clean) {
        let w = fonts.text_width(font, size, cluster);
        if width + w + ellipsis > max_width + EPS {
            break;
        }
        out.push_str(cluster);
        width += w;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Shortens the last piece of `line` so the line plus "…" fits `max_width` (a label cut
/// to a number of lines says that it goes on).
pub(crate) fn ellipsize(fonts: &Fonts, line: &mut Line, size: f32, max_width: f32) {
    let Some(last) = line.pieces.pop() else {
        return;
    };
    let room = max_width - last.x;
    let font = last.style.font;
    let text = truncate(
        fonts,
        font,
        size,
        &format!("{}…", last.text.trim_end()),
        room,
    );
    let width = fonts.text_width(font, size, &text);
    line.width = last.x + width;
    line.pieces.push(Piece {
        x: last.x,
        width,
        style: last.style,
        text,
    });
}
