//! The Markdown stage's safety and chart directives.
//!
//! Every value a template prints with `{{ … }}` goes through [`escape`] (it is the tera escape
//! function for `.md.tera` templates), so answer text such as `*Công ty* <b>` prints literally
//! in every output format. Charts are fenced blocks ```` ```chart ```` whose body is a JSON
//! [`ChartSpec`] (JSON is YAML), built here so templates print them with `| safe`.

/// Backslash-escapes what CommonMark would read as markup. Inline specials are escaped
/// everywhere; block markers (`#`, `-`, `+`, `=`, `>`, `1.`) only at the start of the value;
/// line breaks become spaces so a value cannot start a new block.
pub fn escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape_str(input).as_bytes())
}

pub fn escape_str(input: &str) -> String {
    let mut s = String::with_capacity(input.len() + 8);
    let mut at_start = true;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        let c = if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        if at_start && c == ' ' {
            s.push(c);
            continue;
        }
        let block_marker = at_start && matches!(c, '#' | '-' | '+' | '=' | '>');
        let ordered = at_start && c.is_ascii_digit() && {
            let mut look = chars.clone();
            let mut next = look.next();
            while next.is_some_and(|n| n.is_ascii_digit()) {
                next = look.next();
            }
            matches!(next, Some('.' | ')'))
        };
        if ordered {
            // `1. x` would start a numbered list: escape the punctuation after the digits.
            s.push(c);
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() {
                    s.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            if let Some(p) = chars.next() {
                s.push('\\');
                s.push(p);
            }
            at_start = false;
            continue;
        }
        if block_marker
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!'
            )
        {
            s.push('\\');
        }
        s.push(c);
        at_start = false;
    }
    s
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
}
