//! Markdown → one self-contained HTML file: inline CSS, charts as inline SVG, and every piece
//! of text escaped (raw HTML in the Markdown is printed as text, never interpreted).

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use super::markdown::{ChartKind, ChartSpec};

const CSS: &str = "body{font-family:'DejaVu Sans','Noto Sans',Arial,sans-serif;max-width:820px;margin:2em auto;padding:0 1em;color:#1d2733;line-height:1.45}\
h1{font-size:1.6em;border-bottom:3px solid #1f6f8b;padding-bottom:.3em}h2{color:#1f6f8b;margin-top:1.6em}h3{margin-bottom:.3em}\
table{border-collapse:collapse;width:100%;margin:.8em 0}th,td{border:1px solid #c9d3dd;padding:.35em .5em;text-align:left;vertical-align:top}th{background:#eef3f7}\
blockquote{background:#eef6f9;border-left:6px solid #1f6f8b;margin:1em 0;padding:.6em 1em;font-size:1.15em}\
figure.chart{margin:1em 0}figure.chart figcaption{font-weight:bold;margin-bottom:.4em}.pagebreak{page-break-after:always}em{color:#555}";

/// Renders the report Markdown as a complete HTML page.
pub fn render(markdown: &str, title: &str, lang: &str) -> Result<String, String> {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES);
    let mut events: Vec<Event> = Vec::new();
    let mut in_block: Option<String> = None;
    let mut body = String::new();
    for ev in parser {
        match (&in_block, ev) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))))
                if matches!(info.as_ref(), "chart" | "pagebreak") =>
            {
                in_block = Some(info.to_string());
                body.clear();
            }
            (Some(_), Event::Text(t)) => body.push_str(&t),
            (Some(kind), Event::End(TagEnd::CodeBlock)) => {
                let html = if kind == "chart" {
                    svg_chart(&ChartSpec::parse(&body)?)
                } else {
                    "<div class=\"pagebreak\"></div>".to_string()
                };
                events.push(Event::Html(CowStr::from(html)));
                in_block = None;
            }
            (Some(_), _) => {}
            // Raw HTML from the Markdown is shown as text, never interpreted.
            (None, Event::Html(h)) | (None, Event::InlineHtml(h)) => events.push(Event::Text(h)),
            (None, ev) => events.push(ev),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 2);
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(lang),
        esc(title)
    ));
    html::push_html(&mut out, events.into_iter());
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

/// HTML-escapes text.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A horizontal bar chart as inline SVG.
pub fn svg_chart(c: &ChartSpec) -> String {
    let label_w = 230.0;
    let plot_w = 440.0;
    let width = label_w + plot_w + 50.0;
    let per = if c.kind == ChartKind::Paired { 2 } else { 1 };
    let bar_h = 14.0;
    let row_h = bar_h * per as f64 + 10.0;
    let top = if c.kind == ChartKind::Paired {
        26.0
    } else {
        8.0
    };
    let height = top + row_h * c.rows.len() as f64 + 34.0;
    let max = c.axis_max();
    let x = |v: f64| label_w + plot_w * (v / max).clamp(0.0, 1.0);
    let colors = ["#1f6f8b", "#e0873a"];
    let mut s = "<figure class=\"chart\">".to_string();
    if let Some(t) = &c.title {
        s.push_str(&format!("<figcaption>{}</figcaption>", esc(t)));
    }
    s.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">"
    ));
    if c.kind == ChartKind::Paired {
        for (i, name) in c.series.iter().enumerate().take(2) {
            let lx = label_w + i as f64 * 200.0;
            s.push_str(&format!("<rect x=\"{lx}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"14\">{}</text>", colors[i], lx + 16.0, esc(name)));
        }
    }
    let bottom = top + row_h * c.rows.len() as f64;
    for t in &c.thresholds {
        let tx = x(t.at);
        s.push_str(&format!("<line x1=\"{tx:.1}\" y1=\"{top}\" x2=\"{tx:.1}\" y2=\"{bottom}\" stroke=\"#9aa5b1\" stroke-dasharray=\"3,3\"/><title>{}</title>", esc(&t.label)));
    }
    for (i, r) in c.rows.iter().enumerate() {
        let y0 = top + row_h * i as f64 + 5.0;
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            label_w - 8.0,
            y0 + bar_h * per as f64 / 2.0 + 4.0,
            esc(&r.label)
        ));
        if c.kind == ChartKind::Box {
            if let [Some(mn), Some(q1), Some(md), Some(q3), Some(mx)] = r.values[..] {
                let cy = y0 + bar_h / 2.0;
                s.push_str(&format!("<line x1=\"{:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\" stroke=\"#1d2733\"/>", x(mn), x(mx)));
                s.push_str(&format!("<rect x=\"{:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{bar_h}\" fill=\"#9fc7d6\" stroke=\"#1f6f8b\"/>", x(q1), (x(q3) - x(q1)).max(1.0)));
                s.push_str(&format!("<line x1=\"{:.1}\" y1=\"{y0:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1d2733\" stroke-width=\"2\"/>", x(md), x(md), y0 + bar_h));
                s.push_str(&format!(
                    "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                    x(mx) + 4.0,
                    y0 + bar_h - 3.0,
                    md.round() as i64
                ));
            }
            continue;
        }
        for (k, v) in r.values.iter().enumerate().take(per) {
            let y = y0 + bar_h * k as f64;
            match v {
                Some(v) => {
                    s.push_str(&format!("<rect x=\"{label_w}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{}\" fill=\"{}\"/>", x(*v) - label_w, bar_h - 2.0, colors[k.min(1)]));
                    s.push_str(&format!(
                        "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                        x(*v) + 4.0,
                        y + bar_h - 4.0,
                        v.round() as i64
                    ));
                }
                None => {
                    let note = r.note.clone().unwrap_or_else(|| "—".into());
                    s.push_str(&format!("<text x=\"{}\" y=\"{:.1}\" fill=\"#6b7785\" font-style=\"italic\">{}</text>", label_w + 4.0, y + bar_h - 4.0, esc(&note)));
                }
            }
        }
    }
    // Axis with ticks.
    s.push_str(&format!(
        "<line x1=\"{label_w}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\" stroke=\"#1d2733\"/>",
        label_w + plot_w
    ));
    for k in 0..=4 {
        let v = max * k as f64 / 4.0;
        let tx = x(v);
        s.push_str(&format!("<line x1=\"{tx:.1}\" y1=\"{bottom}\" x2=\"{tx:.1}\" y2=\"{}\" stroke=\"#1d2733\"/><text x=\"{tx:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>", bottom + 4.0, bottom + 16.0, v.round() as i64));
    }
    s.push_str("</svg></figure>\n");
    s
}
