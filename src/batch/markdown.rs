//! Escaping answer text (enterprise names, free text) before it enters the Markdown stage, so
//! a name like `*Công ty* <b>` prints literally in every output format and can neither add
//! formatting nor raw HTML (cli.md "Untrusted input").

/// Characters with a meaning anywhere in a line (emphasis, code, links, tables, raw HTML,
/// entities, strikethrough, math).
const INLINE: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '$', '!', '{', '}',
];
/// Characters that only mean something at the start of a line (headings, lists, quotes,
/// thematic breaks, setext underlines).
const LINE_START: &[char] = &['#', '+', '-', '=', '>', ':'];

/// Backslash-escapes the Markdown punctuation in `text` (CommonMark: a backslash before any
/// ASCII punctuation makes it literal) and turns line breaks and other control characters
/// into spaces, so the text stays on one line (a table cell, a heading).
pub fn markdown_escape(text: &str) -> String {
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
            // `1. ` or `1) ` would start an ordered list: escape the punctuation after the digits.
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            let rest = &text[digits.len()..];
            if rest.starts_with('.') || rest.starts_with(')') {
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

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::markdown_escape;

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
        ];
        for s in cases {
            let escaped = markdown_escape(s);
            let (text, markup) = rendered(&escaped);
            assert!(!markup, "{s:?} → {escaped:?} produced markup");
            assert_eq!(text, s, "{s:?} → {escaped:?}");
        }
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(markdown_escape("a\nb\r\n# c"), "a b  # c");
        let (text, markup) = rendered(&markdown_escape("x\n# not a heading\n- nor a list"));
        assert!(!markup);
        assert_eq!(text, "x # not a heading - nor a list");
    }

    #[test]
    fn plain_vietnamese_is_untouched() {
        assert_eq!(
            markdown_escape("Hợp tác xã Đồng Tiến"),
            "Hợp tác xã Đồng Tiến"
        );
    }
}
