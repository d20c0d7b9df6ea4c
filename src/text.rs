//! Localised text: a plain string, or one string per declared language (docs/reference/formats.md).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostics;
use crate::yaml::Path;

/// Text as written in a file: `"same everywhere"` or `{ vi: "…", en: "…" }`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum RawText {
    /// The same text in every language.
    Plain(String),
    /// One text per language code; the questionnaire's first language is required.
    Map(BTreeMap<String, String>),
}

/// Validated localised text: one entry per declared language, the first being the default
/// (a missing language falls back to the default's text).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Text {
    entries: Vec<(String, String)>,
}

impl Text {
    /// Text that is the same in every language.
    pub fn plain(s: impl Into<String>) -> Self {
        Text {
            entries: vec![(String::new(), s.into())],
        }
    }

    /// The text in `lang`, else in the default language.
    pub fn get(&self, lang: &str) -> &str {
        self.entries
            .iter()
            .find(|(l, _)| l == lang)
            .or_else(|| self.entries.first())
            .map(|(_, s)| s.as_str())
            .unwrap_or("")
    }

    /// The text in the default language.
    pub fn default_text(&self) -> &str {
        self.entries.first().map(|(_, s)| s.as_str()).unwrap_or("")
    }

    /// (language, text) pairs as they were written, for writing files back.
    pub fn to_raw(&self) -> RawText {
        if self.entries.len() == 1 && self.entries[0].0.is_empty() {
            RawText::Plain(self.entries[0].1.clone())
        } else {
            RawText::Map(self.entries.iter().cloned().collect())
        }
    }

    /// Validates raw text against the declared languages.
    pub fn from_raw(
        raw: &RawText,
        languages: &[String],
        diags: &mut Diagnostics,
        path: &Path,
        id: Option<&str>,
    ) -> Text {
        match raw {
            RawText::Plain(s) => Text::plain(s.clone()),
            RawText::Map(map) => {
                for lang in map.keys() {
                    if !languages.contains(lang) {
                        diags.error(
                            &crate::yaml::key(path, lang),
                            id,
                            format!(
                                "language `{lang}` is not declared in `languages` ({})",
                                languages.join(", ")
                            ),
                        );
                    }
                }
                let Some(default) = languages.first() else {
                    return Text::plain(map.values().next().cloned().unwrap_or_default());
                };
                let fallback = match map.get(default) {
                    Some(s) => s.clone(),
                    None => {
                        diags.error(
                            path,
                            id,
                            format!("text has no `{default}` (the default language) version"),
                        );
                        map.values().next().cloned().unwrap_or_default()
                    }
                };
                let mut entries = Vec::with_capacity(languages.len());
                for lang in languages {
                    match map.get(lang) {
                        Some(s) => entries.push((lang.clone(), s.clone())),
                        None => {
                            if lang != default {
                                diags.warning(
                                    path,
                                    id,
                                    format!(
                                        "text has no `{lang}` version; the `{default}` text is used"
                                    ),
                                );
                            }
                            entries.push((lang.clone(), fallback.clone()));
                        }
                    }
                }
                Text { entries }
            }
        }
    }
}

/// The 1e-9 allowance used for levels and score comparisons (docs/reference/conditions.md),
/// so that binary noise in a sum never moves a score across a threshold.
pub const EPSILON: f64 = 1e-9;

/// A score with one decimal, rounded half away from zero (docs/reference/conditions.md), in the
/// language's decimal style (`47,3` in Vietnamese, `47.3` otherwise).
pub fn one_decimal(score: f64, lang: &str) -> String {
    let s = format!("{:.1}", round_half_away(score, 1));
    if lang == "vi" { s.replace('.', ",") } else { s }
}

/// Rounds half away from zero at `digits` decimals, tolerating binary noise
/// (47.25 → 47.3; 2.675 → 2.68).
pub fn round_half_away(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    let y = x * scale;
    let nudged = y + y.signum() * 1e-9 * y.abs().max(1.0);
    nudged.round() / scale
}

#[cfg(test)]
mod number_tests {
    use super::format_number;

    #[test]
    fn numbers_are_grouped_by_thousands_in_each_language() {
        assert_eq!(format_number(1_500_000.0, "vi"), "1.500.000");
        assert_eq!(format_number(1_500_000.0, "en"), "1,500,000");
        assert_eq!(format_number(2.5, "vi"), "2,5");
        assert_eq!(format_number(12345.75, "vi"), "12.345,75");
        assert_eq!(format_number(-4200.0, "en"), "-4,200");
        assert_eq!(format_number(-0.5, "vi"), "-0,5");
        assert_eq!(format_number(999.0, "vi"), "999");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(one_decimal(47.25, "en"), "47.3");
        assert_eq!(one_decimal(47.25, "vi"), "47,3");
        assert_eq!(one_decimal(47.24999, "en"), "47.2");
        assert_eq!(format!("{:.2}", round_half_away(2.675, 2)), "2.68");
        assert_eq!(one_decimal(100.0, "en"), "100.0");
        assert_eq!(one_decimal(0.05, "en"), "0.1");
    }
}

/// `12`, `0.5`: numbers without a trailing `.0`.
pub fn trim_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A number as people read it: thousands grouped and the language's decimal mark
/// (`1.500.000` and `2,5` in Vietnamese, `1,500,000` and `2.5` otherwise), without a
/// trailing `.0` ([`trim_number`]).
pub fn format_number(n: f64, lang: &str) -> String {
    let plain = trim_number(n);
    if plain.contains(['e', 'E']) || !n.is_finite() {
        return plain;
    }
    let (int, frac) = match plain.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (plain.as_str(), None),
    };
    let Ok(whole) = int.parse::<i128>() else {
        return plain;
    };
    let mut out = if whole == 0 && int.starts_with('-') {
        "-0".to_string()
    } else {
        group_thousands(whole, lang)
    };
    if let Some(f) = frac {
        out.push(if lang == "vi" { ',' } else { '.' });
        out.push_str(f);
    }
    out
}

/// A whole number grouped by thousands as people read it: `1.500.000` in Vietnamese,
/// `1,500,000` otherwise ([`crate::words::group_thousands`]).
pub fn group_thousands(n: i128, lang: &str) -> String {
    crate::words::group_thousands(n, crate::words::Lang::of(lang))
}

/// A question as a label in a sentence: without its closing `?`/`:` and without a
/// parenthesis at its end that only explains it ("Ngày thành lập (ngày cấp …)" →
/// "Ngày thành lập").
pub fn short_question(text: &str) -> &str {
    let t = text.trim().trim_end_matches(['?', ':', ' ']);
    if let Some(body) = t.strip_suffix(')')
        && let Some(open) = body.rfind('(')
        && !body[open + 1..].contains('(')
    {
        let head = body[..open].trim_end();
        if head.chars().count() >= 8 {
            return head.trim_end_matches(['?', ':', ' ', ',']);
        }
    }
    t
}

/// Option labels without the explanations in brackets at their end, each part of a list
/// joined by `; ` on its own: "Sàn thương mại điện tử (Shopee, Lazada…); Mạng xã hội (Zalo
/// OA…)" → "Sàn thương mại điện tử; Mạng xã hội" (reasons and the action plan name answers;
/// the appendix has them whole).
pub fn short_labels(answer: &str) -> String {
    answer
        .split("; ")
        .map(|part| {
            let p = part.trim();
            if let Some(body) = p.strip_suffix(')')
                && let Some(open) = body.rfind(" (")
                && !body[open + 2..].contains('(')
                && body[..open].chars().count() >= 3
            {
                return body[..open].trim_end();
            }
            p
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Text from a file, made harmless for a terminal or a spreadsheet: control characters
/// (which can move the cursor, retitle the window or clear the screen: `ESC ]0;…`), NUL and
/// the bidirectional overrides (which can make text read backwards, U+202E) are replaced by
/// visible stand-ins (`␛`, `␀`, `�`); line breaks and tabs stay. Text without them is
/// returned as it is, without copying.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    // Every character replaced below starts with a byte < 0x20, 0x7f, 0xc2 (C1), 0xd8
    // (U+061C) or 0xe2 (U+200E…U+2069).
    let suspicious = s
        .bytes()
        .any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2));
    if !suspicious || !s.chars().any(needs_neutralising) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\t' => c,
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                c if needs_neutralising(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

fn needs_neutralising(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod neutralise_tests {
    use super::neutralise;

    #[test]
    fn escapes_and_overrides_become_visible_stand_ins() {
        assert_eq!(neutralise("\u{1b}]0;pwned\u{7}\u{1b}[2J"), "␛]0;pwned␇␛[2J");
        assert_eq!(neutralise("a\0b\u{7f}\u{85}"), "a␀b␡\u{fffd}");
        assert_eq!(neutralise("abc\u{202e}fed"), "abc\u{fffd}fed");
        assert_eq!(neutralise("x\r\ny"), "x␍\ny");
        let plain = "Công ty TNHH · “Đặng” — 2026\n\tok";
        assert!(matches!(neutralise(plain), std::borrow::Cow::Borrowed(_)));
    }
}
