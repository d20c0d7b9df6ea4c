//! A drawn chart ([`Drawing`]: the same items the PDF paints) written as inline SVG.
//!
//! The chart is laid out narrow, in points, with the screen type sizes
//! (`ChartStyle::SCREEN`) and scaled by the browser to the width of its box: on a 390-px
//! phone its smallest text is still 11 px or more. Text boxes keep the width measured with the
//! report font (`textLength`), so a label ends where the layout says in whatever font the
//! browser has; a label that is part of a longer text carries the full text as `<title>`.
//! Shapes are painted first and text last, as in the PDF. Every piece of text is escaped.

use std::fmt::Write as _;

use super::html::esc;
use super::pdf::{Drawing, FontKind, Fonts, Item, Rgb, Stroke};

/// The chart width in points the HTML lays charts out at (see the module doc).
pub const SCREEN_WIDTH: f32 = 270.0;

fn num(v: f32) -> String {
    let r = (v * 100.0).round() / 100.0;
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn color(c: Rgb) -> String {
    let ch = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", ch(c.r), ch(c.g), ch(c.b))
}

fn stroke_attrs(s: &mut String, st: &Stroke) {
    let _ = write!(
        s,
        " stroke=\"{}\" stroke-width=\"{}\"",
        color(st.color),
        num(st.width)
    );
    if let Some([on, off]) = st.dash {
        let _ = write!(s, " stroke-dasharray=\"{} {}\"", num(on), num(off));
    }
}

fn ring(s: &mut String, points: &[(f32, f32)]) {
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(
            s,
            "{}{} {}",
            if i == 0 { "M" } else { "L" },
            num(*x),
            num(*y)
        );
    }
    s.push('Z');
}

/// The drawing as an `<svg>` element; `label` is its accessible name. `fonts` measure the
/// spaces that SVG drops at the ends of a text.
pub fn svg(d: &Drawing, label: &str, fonts: &Fonts) -> String {
    let mut s = String::with_capacity(4096 + d.items.len() * 96);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\" font-family=\"'DejaVu Sans', Verdana, sans-serif\">",
        esc(label),
        w = num(d.width),
        h = num(d.height.ceil()),
    );
    for item in &d.items {
        match item {
            Item::Rect(r) => {
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                    num(r.x),
                    num(r.y),
                    num(r.width),
                    num(r.height)
                );
                match r.fill {
                    Some(f) => {
                        let _ = write!(s, " fill=\"{}\"", color(f));
                    }
                    None => s.push_str(" fill=\"none\""),
                }
                if let Some(st) = &r.stroke {
                    stroke_attrs(&mut s, st);
                }
                s.push_str("/>");
            }
            Item::Line(l) => {
                let _ = write!(
                    s,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"",
                    num(l.x1),
                    num(l.y1),
                    num(l.x2),
                    num(l.y2)
                );
                stroke_attrs(&mut s, &l.stroke);
                s.push_str("/>");
            }
            Item::Polygon(p) => {
                s.push_str("<path d=\"");
                ring(&mut s, &p.points);
                for h in &p.holes {
                    ring(&mut s, h);
                }
                s.push('"');
                match p.fill {
                    Some(f) => {
                        let _ = write!(s, " fill=\"{}\"", color(f));
                        if p.fill_opacity < 100 {
                            let _ = write!(
                                s,
                                " fill-opacity=\"{}\"",
                                num(f32::from(p.fill_opacity) / 100.0)
                            );
                        }
                        if !p.holes.is_empty() {
                            s.push_str(" fill-rule=\"evenodd\"");
                        }
                    }
                    None => s.push_str(" fill=\"none\""),
                }
                if let Some(st) = &p.stroke {
                    stroke_attrs(&mut s, st);
                    s.push_str(" stroke-linejoin=\"round\"");
                }
                s.push_str("/>");
            }
            Item::Text(_) => {}
        }
    }
    for item in &d.items {
        let Item::Text(t) = item else { continue };
        let text = t.text.trim();
        if text.is_empty() {
            continue;
        }
        // SVG collapses the spaces at the ends: the box starts at the first letter.
        let lead = t.text.len() - t.text.trim_start().len();
        let x = t.x + fonts.text_width(t.font, t.size, &t.text[..lead]);
        let width = fonts.text_width(t.font, t.size, text);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" textLength=\"{}\" lengthAdjust=\"spacing\"",
            num(x),
            num(t.baseline),
            num(t.size),
            color(t.color),
            num(width)
        );
        if t.font == FontKind::Bold {
            s.push_str(" font-weight=\"bold\"");
        }
        s.push('>');
        s.push_str(&esc(text));
        if let Some(full) = &t.title {
            let _ = write!(s, "<title>{}</title>", esc(full));
        }
        s.push_str("</text>");
    }
    s.push_str("</svg>");
    s
}
