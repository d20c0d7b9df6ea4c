//! Page geometry, type sizes and colours of the report, in one place so the
//! look can be tuned without touching the layout code. Units are PDF points
//! (1/72 inch); A4 is 210 x 297 mm = 595.28 x 841.89 pt.

use super::layout::Rgb;

pub(crate) const PAGE_WIDTH: f32 = 210.0 * 72.0 / 25.4;
pub(crate) const PAGE_HEIGHT: f32 = 297.0 * 72.0 / 25.4;
/// 13 mm on every side; header and footer sit inside this margin box.
pub(crate) const MARGIN: f32 = 13.0 * 72.0 / 25.4;

pub(crate) const HEADER_SIZE: f32 = 8.0;
/// From the top of the margin box to the top of the content.
pub(crate) const HEADER_BAND: f32 = 20.0;
/// From the bottom of the content to the bottom of the margin box.
pub(crate) const FOOTER_BAND: f32 = 22.0;

pub(crate) const BODY_SIZE: f32 = 8.5;
/// Line height as a multiple of the font size.
pub(crate) const LEADING: f32 = 1.28;
pub(crate) const PARAGRAPH_SPACE: f32 = 4.0;
pub(crate) const LIST_ITEM_SPACE: f32 = 1.2;
pub(crate) const LIST_INDENT: f32 = 13.0;
pub(crate) const BLOCK_SPACE: f32 = 7.0;

/// Heading font size and space above, by level (1..=3; deeper use the last).
pub(crate) const HEADINGS: [(f32, f32); 4] = [(15.0, 14.0), (12.0, 12.0), (10.0, 9.0), (9.5, 8.0)];
pub(crate) const HEADING_SPACE_AFTER: f32 = 2.0;

pub(crate) const QUOTE_PAD: f32 = 8.0;
pub(crate) const QUOTE_ACCENT_WIDTH: f32 = 3.0;
pub(crate) const CODE_SIZE: f32 = 9.0;

pub(crate) const TABLE_SIZE: f32 = 8.5;
/// Cell padding as a multiple of the table font size.
pub(crate) const TABLE_PAD: f32 = 0.45;
/// Smallest font size a very wide table may shrink to.
pub(crate) const TABLE_MIN_SIZE: f32 = 3.0;

pub(crate) const CHART_LABEL_SIZE: f32 = 8.0;
pub(crate) const CHART_VALUE_SIZE: f32 = 7.5;
pub(crate) const CHART_SMALL_SIZE: f32 = 6.5;
pub(crate) const CHART_TITLE_SIZE: f32 = 9.5;

const fn rgb(r: u8, g: u8, b: u8) -> Rgb {
    Rgb {
        r: r as f32 / 255.0,
        g: g as f32 / 255.0,
        b: b as f32 / 255.0,
    }
}

pub(crate) const TEXT: Rgb = rgb(33, 35, 41);
pub(crate) const MUTED: Rgb = rgb(105, 110, 120);
pub(crate) const HEADING: Rgb = rgb(16, 58, 105);
pub(crate) const EMPHASIS: Rgb = rgb(0, 112, 122);
pub(crate) const LINK: Rgb = rgb(22, 84, 176);
pub(crate) const RULE: Rgb = rgb(190, 194, 202);
pub(crate) const QUOTE_BG: Rgb = rgb(234, 241, 250);
pub(crate) const QUOTE_ACCENT: Rgb = rgb(42, 104, 178);
pub(crate) const CODE_BG: Rgb = rgb(243, 244, 246);
pub(crate) const TABLE_HEAD_BG: Rgb = rgb(223, 231, 242);
pub(crate) const TABLE_ZEBRA: Rgb = rgb(247, 248, 250);
pub(crate) const TABLE_BORDER: Rgb = rgb(184, 190, 200);
pub(crate) const WHITE: Rgb = rgb(255, 255, 255);
pub(crate) const BAR: Rgb = rgb(42, 104, 178);
pub(crate) const BAR_SECOND: Rgb = rgb(236, 135, 38);
pub(crate) const BAR_FIRST_PAIRED: Rgb = rgb(150, 178, 214);
pub(crate) const BOX_FILL: Rgb = rgb(196, 216, 240);
pub(crate) const GRID: Rgb = rgb(228, 231, 236);
pub(crate) const AXIS: Rgb = rgb(120, 126, 136);
pub(crate) const THRESHOLD: Rgb = rgb(176, 62, 62);
