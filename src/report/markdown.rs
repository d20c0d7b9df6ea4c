//! The Markdown stage's safety and chart directives.
//!
//! Every value a template prints with `{{ … }}` goes through [`escape`] (it is the tera escape
//! function for `.md.tera` templates), so answer text such as `*Công ty* <b>` prints literally
//! in every output format. Charts are fenced blocks ```` ```chart ```` whose body is a JSON
//! [`ChartSpec`] (JSON is YAML), built here so templates print them with `| safe`.

/// The tera escape function for `.md.tera` templates: see [`escape_str`].
pub fn escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if needs_no_escape(input) {
        return out.write_all(input.as_bytes());
    }
    out.write_all(escape_full(input).as_bytes())
}

/// ASCII bytes [`escape_str`] changes anywhere: control characters, DEL and [`INLINE`].
const SPECIAL: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7f] = true;
    let mut i = 0;
    while i < INLINE.len() {
        t[INLINE[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether [`escape_str`] would return `text` unchanged, found without building a string:
/// most answer text (names, sentences) has nothing to escape. Conservative: a `true` is
/// always right, a `false` only sends the text down the full path.
fn needs_no_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    if let Some(&first) = bytes.first()
        && (first.is_ascii_digit() || LINE_START.contains(&char::from(first)))
    {
        return false;
    }
    bytes.iter().enumerate().all(|(i, &b)| match b {
        0..0x80 => !SPECIAL[usize::from(b)],
        // C1 control characters, U+0080..U+009F, are 0xC2 0x80..0x9F in UTF-8.
        0xc2 => bytes.get(i + 1).is_none_or(|&next| next >= 0xa0),
        _ => true,
    })
}

/// Characters with a meaning anywhere in a line (emphasis, code, links, tables, raw HTML,
/// entities, strikethrough, math). `!` means something only before `[` (an image), which is
/// escaped itself, so it is left alone: "Chú ý!" prints as it is.
const INLINE: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '$', '{', '}',
];
/// Characters that only mean something at the start of a line (headings, lists, quotes,
/// thematic breaks, setext underlines).
const LINE_START: &[char] = &['#', '+', '-', '=', '>', ':'];

/// Backslash-escapes the Markdown punctuation in `text` (CommonMark: a backslash before any
/// ASCII punctuation makes it literal) and turns line breaks and other control characters
/// into spaces, so the text stays on one line (a table cell, a heading).
pub fn escape_str(text: &str) -> String {
    if needs_no_escape(text) {
        text.to_string()
    } else {
        escape_full(text)
    }
}

fn escape_full(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        if c.is_control() {
            out.push(' ');
            continue;
        }
        let at_start = i == 0;
        if INLINE.contains(&c) || (at_start && LINE_START.contains(&c)) {
            out.push('\\');
        } else if at_start && c.is_ascii_digit() {
            // `1. ` or `1) ` would start an ordered list (1 to 9 digits, then `.` or `)`, then
            // a space or the end): escape that punctuation. `2026.1` and `86.8/100` are not.
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            let rest = &text[digits.len()..];
            let list_marker = digits.len() <= 9
                && (rest.starts_with('.') || rest.starts_with(')'))
                && rest[1..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == ' ' || c == '\t' || c.is_control());
            if list_marker {
                out.push_str(&digits);
                out.push('\\');
                out.push_str(&escape_rest(rest));
                return out;
            }
        }
        out.push(c);
    }
    out
}

fn escape_rest(rest: &str) -> String {
    let mut out = String::with_capacity(rest.len() + 4);
    for (i, c) in rest.chars().enumerate() {
        if c.is_control() {
            out.push(' ');
            continue;
        }
        if INLINE.contains(&c) && i > 0 {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub use super::pdf::chart::{ChartKind, ChartRow, ChartSpec, Threshold};

impl ChartSpec {
    /// The fenced block a template prints.
    pub fn to_block(&self) -> String {
        format!(
            "```chart\n{}\n```\n",
            serde_json::to_string(self).unwrap_or_default()
        )
    }

    /// Parses and checks a block body (YAML or JSON).
    pub fn parse(body: &str) -> Result<ChartSpec, String> {
        ChartSpec::from_yaml(body).map_err(|e| format!("chart block: {e}"))
    }

    /// The chart as a Markdown table (the `md` output draws no pictures).
    pub fn to_table(&self) -> String {
        let mut s = String::new();
        if let Some(t) = &self.title {
            s.push_str(&format!("**{}**\n\n", escape_str(t)));
        }
        let mut header: Vec<String> = vec![String::new()];
        match self.kind {
            ChartKind::Paired => header.extend(self.series.iter().map(|x| escape_str(x))),
            ChartKind::Radar => {
                let n = self.kind.values_per_row(self.series.len());
                header.extend((0..n).map(|i| {
                    self.series
                        .get(i)
                        .map(|x| escape_str(x))
                        .unwrap_or_default()
                }));
                if let Some(b) = self
                    .band
                    .as_ref()
                    .filter(|_| self.rows.iter().any(|r| r.band.is_some()))
                {
                    header.push(escape_str(b));
                }
            }
            ChartKind::Box => header.extend(
                ["min", "Q1", "median", "Q3", "max", "mean"]
                    .iter()
                    .map(|x| x.to_string()),
            ),
            _ => header.push(
                self.series
                    .first()
                    .map(|x| escape_str(x))
                    .unwrap_or_default(),
            ),
        }
        while header.len() < 2 {
            header.push(String::new());
        }
        s.push_str(&format!("| {} |\n", header.join(" | ")));
        s.push_str(&format!("|{}\n", "---|".repeat(header.len())));
        for r in &self.rows {
            let mut cells = vec![escape_str(&r.label)];
            for v in &r.values {
                cells.push(
                    v.map(|x| format!("{}", x.round() as i64))
                        .unwrap_or_else(|| r.note.clone().unwrap_or_else(|| "—".into())),
                );
            }
            if let Some([lo, hi]) = r.band {
                cells.push(format!("{}–{}", lo.round() as i64, hi.round() as i64));
            }
            if self.kind == ChartKind::Box {
                cells.push(
                    r.mean
                        .map(|x| format!("{}", x.round() as i64))
                        .unwrap_or_default(),
                );
            }
            while cells.len() < header.len() {
                cells.push(String::new());
            }
            s.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_in_answer_text() {
        assert_eq!(escape_str("*Công ty* <b>"), "\\*Công ty\\* \\<b\\>");
        assert_eq!(escape_str("# not a heading"), "\\# not a heading");
        assert_eq!(escape_str("1. not a list"), "1\\. not a list");
        assert_eq!(escape_str("a | b\nc"), "a \\| b c");
        assert_eq!(
            escape_str("Công ty TNHH An Phát - Hải Dương"),
            "Công ty TNHH An Phát - Hải Dương"
        );
        assert_eq!(
            escape_str("[link](javascript:x)"),
            "\\[link\\](javascript:x)"
        );
    }

    proptest::proptest! {
        /// The shortcut never skips text the full escape would change.
        #[test]
        fn shortcut_agrees_with_the_full_escape(
            text in "[a-zA-Z0-9 .)#>:\\-*_|<&\\[\\]`~$\u{0}-\u{1f}\u{7f}\u{80}-\u{a0}·ếđ\u{2028}]{0,12}"
        ) {
            if needs_no_escape(&text) {
                proptest::prop_assert_eq!(escape_full(&text), text.clone());
            }
            proptest::prop_assert_eq!(escape_str(&text), escape_full(&text));
        }
    }

    #[test]
    fn no_needless_escapes() {
        for plain in [
            "2026.1",
            "86.8/100",
            "sme-dx-readiness 2026.1",
            "Chú ý!",
            "3)x",
            "1234567890. ten digits",
        ] {
            assert_eq!(escape_str(plain), plain);
        }
        assert_eq!(escape_str("2026."), "2026\\.");
        assert_eq!(escape_str("3) three"), "3\\) three");
        assert_eq!(escape_str("![img](x.png)"), "!\\[img\\](x.png)");
    }
}

#[cfg(test)]
mod escape_tests {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::escape_str;

    /// The text a Markdown renderer shows for `md`, and whether it produced anything but
    /// plain text (emphasis, links, HTML, code, lists, headings…).
    fn rendered(md: &str) -> (String, bool) {
        let mut text = String::new();
        let mut markup = false;
        let mut options = Options::empty();
        options.insert(Options::ENABLE_TABLES);
        options.insert(Options::ENABLE_STRIKETHROUGH);
        options.insert(Options::ENABLE_MATH);
        for ev in Parser::new_ext(md, options) {
            match ev {
                Event::Text(t) => text.push_str(&t),
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => markup = true,
            }
        }
        (text, markup)
    }

    #[test]
    fn names_print_literally() {
        let cases = [
            "*Công ty* <b>",
            "Công ty TNHH Thực phẩm An Phát",
            "_a_ __b__ `c` ~~d~~ $x$",
            "[link](http://evil) ![img](x.png)",
            "<script>alert(1)</script>",
            "A &amp; B &lt;",
            "# Heading",
            "- list item",
            "+ plus",
            "> quote",
            "1. first",
            "2026) year",
            "a | b | c",
            "back\\slash\\*",
            "=HYPERLINK(\"x\")",
            "---",
            "***",
            "{{ tera }} {% raw %}",
            "2026.1",
            "86.8/100",
            "2026.",
            "7) seven",
            "Chú ý!",
            "!important",
            "a ![b](c)",
        ];
        for s in cases {
            let escaped = escape_str(s);
            let (text, markup) = rendered(&escaped);
            assert!(!markup, "{s:?} → {escaped:?} produced markup");
            assert_eq!(text, s, "{s:?} → {escaped:?}");
        }
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(escape_str("a\nb\r\n# c"), "a b  # c");
        let (text, markup) = rendered(&escape_str("x\n# not a heading\n- nor a list"));
        assert!(!markup);
        assert_eq!(text, "x # not a heading - nor a list");
    }

    #[test]
    fn plain_vietnamese_is_untouched() {
        assert_eq!(escape_str("Hợp tác xã Đồng Tiến"), "Hợp tác xã Đồng Tiến");
    }
}
