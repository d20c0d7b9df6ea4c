//! QR codes of addresses: as inline SVG for the pages (a participant's "keep this link") and
//! as text for the terminal (the consultant projects the first participant address).

use qrcode::render::{svg, unicode};
use qrcode::{EcLevel, QrCode};

/// An SVG image (without the XML declaration, to be placed inside a page). `None` when the
/// text is too long for a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(180, 180)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let start = image.find("<svg")?;
    let label = crate::report::html::esc(label);
    Some(image[start..].replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" class=\"qr\" "),
        1,
    ))
}

/// The code drawn with half-block characters, two modules per character cell, dark on a
/// light terminal background or light on a dark one alike (with its quiet zone).
pub fn text(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    Some(
        code.render::<unicode::Dense1x2>()
            .dark_color(unicode::Dense1x2::Light)
            .light_color(unicode::Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn svg_and_text_codes() {
        let s = super::svg("http://192.0.2.1:8080/s/abc/", "<link>").unwrap();
        assert!(s.starts_with("<svg role=\"img\" aria-label=\"&lt;link&gt;\""));
        assert!(s.ends_with("</svg>"));
        let t = super::text("http://192.0.2.1:8080/").unwrap();
        assert!(t.lines().count() > 10);
    }
}
