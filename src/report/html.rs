//! Markdown → one self-contained HTML file: inline CSS, charts as inline SVG, and every piece
//! of text escaped (raw HTML in the Markdown is printed as text, never interpreted).

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use super::markdown::ChartSpec;
use super::pdf::ChartStyle;

/// Readable from a 390-px phone up: the body is 16 px inside the screen edge, long words
/// wrap, charts scale to their box (at most 520 px wide), tables scroll sideways in theirs.
const CSS: &str = "*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}\
body{font-family:'DejaVu Sans','Noto Sans',Arial,sans-serif;max-width:820px;margin:0 auto;padding:1em 16px 2em;color:#1d2733;line-height:1.45;overflow-wrap:break-word}\
h1{font-size:1.5em;line-height:1.25;border-bottom:3px solid #1f6f8b;padding-bottom:.3em}h2{font-size:1.25em;color:#1f6f8b;margin-top:1.6em}h3{font-size:1.05em;margin-bottom:.3em}\
div.table{overflow-x:auto;margin:.8em 0;max-width:100%}table{border-collapse:collapse;min-width:100%}th,td{border:1px solid #c9d3dd;padding:.35em .5em;text-align:left;vertical-align:top}th{background:#eef3f7}\
blockquote{background:#eef6f9;border-left:6px solid #1f6f8b;margin:1em 0;padding:.6em 1em}\
ul,ol{padding-left:1.4em}li{margin:.2em 0}\
figure.chart{margin:1em 0;max-width:520px}figure.chart figcaption{font-weight:bold;margin-bottom:.4em}figure.chart svg{display:block;width:100%;height:auto}\
.pagebreak{page-break-after:always}em{color:#555}\
@media print{body{max-width:none}figure.chart{break-inside:avoid}}";

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
                    svg_chart(&ChartSpec::parse(&body)?)?
                } else {
                    "<div class=\"pagebreak\"></div>".to_string()
                };
                events.push(Event::Html(CowStr::from(html)));
                in_block = None;
            }
            (Some(_), _) => {}
            // Raw HTML from the Markdown is shown as text, never interpreted.
            (None, Event::Html(h)) | (None, Event::InlineHtml(h)) => events.push(Event::Text(h)),
            // Tables scroll sideways inside their own box on a narrow screen.
            (None, ev @ Event::Start(Tag::Table(_))) => {
                events.push(Event::Html(CowStr::from("<div class=\"table\">")));
                events.push(ev);
            }
            (None, ev @ Event::End(TagEnd::Table)) => {
                events.push(ev);
                events.push(Event::Html(CowStr::from("</div>")));
            }
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

/// A chart block as a figure: its title as the caption, the chart as inline SVG drawn with
/// the PDF's geometry (see `svg.rs`).
pub fn svg_chart(c: &ChartSpec) -> Result<String, String> {
    let fonts = super::fonts().map_err(|e| e.to_string())?;
    let mut spec = c.clone();
    let title = spec.title.take();
    let drawing =
        super::pdf::draw_chart(&spec, super::svg::SCREEN_WIDTH, ChartStyle::SCREEN, fonts)
            .map_err(|e| e.to_string())?;
    let mut s = "<figure class=\"chart\">".to_string();
    if let Some(t) = &title {
        s.push_str(&format!("<figcaption>{}</figcaption>", esc(t)));
    }
    s.push_str(&super::svg::svg(
        &drawing,
        title.as_deref().unwrap_or(""),
        fonts,
    ));
    s.push_str("</figure>\n");
    Ok(s)
}
