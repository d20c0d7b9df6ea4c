//! Tests of the whole PDF pipeline: Vietnamese text survives a round trip
//! through a PDF reader, output is byte-identical across runs and threads,
//! and hostile inputs (huge names, cells and tables) never put anything
//! outside the margins or on top of other text.

use std::sync::OnceLock;
use std::time::Instant;

use unicode_normalization::UnicodeNormalization;

use super::theme as t;
use super::*;

const SAMPLE: &str = include_str!("testdata/sample_report.md");
const PHRASE: &str = "Công ty TNHH Thực phẩm An Phát — Đặng Ứng Ưu Ỷ";

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::dejavu().expect("bundled fonts parse"))
}

fn meta(lang: &str) -> PdfMeta {
    PdfMeta {
        title: "Báo cáo sẵn sàng chuyển đổi số".to_string(),
        header: PHRASE.to_string(),
        footer: "dxready 0.1.0 · sme-dx-readiness 2026.1".to_string(),
        lang: lang.to_string(),
    }
}

/// Text of every page as lopdf extracts it.
fn extract_pages(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).expect("text extracts"))
        .collect()
}

/// Every item inside the margin box; no two text boxes overlapping; every
/// text box exactly as wide as its text.
fn check_geometry(layout: &Layout) {
    let margin = layout.margin_box();
    for (p, page) in layout.pages.iter().enumerate() {
        let mut texts = Vec::new();
        for item in &page.items {
            let b = item.bbox();
            assert!(
                margin.contains(&b, 0.01),
                "page {}: {item:?} outside the margins {margin:?}",
                p + 1
            );
            if let Item::Text(tb) = item {
                let w = fonts().text_width(tb.font, tb.size, &tb.text);
                assert!(
                    (w - tb.width).abs() < 0.05,
                    "page {}: {tb:?} is {w} wide",
                    p + 1
                );
                texts.push(b);
            }
        }
        texts.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        for (i, a) in texts.iter().enumerate() {
            for b in texts[i + 1..].iter().take_while(|b| b.y0 < a.y1) {
                assert!(
                    !a.overlaps(b, 0.01),
                    "page {}: text boxes overlap: {a:?} {b:?}",
                    p + 1
                );
            }
        }
    }
}

fn text_items(page: &Page) -> impl Iterator<Item = &TextBox> {
    page.items.iter().filter_map(|i| match i {
        Item::Text(tb) => Some(tb),
        _ => None,
    })
}

/// Text boxes in the content area (not header or footer).
fn content_texts(page: &Page) -> Vec<&TextBox> {
    let top = t::MARGIN + t::HEADER_BAND - 0.01;
    let bottom = t::PAGE_HEIGHT - t::MARGIN - t::FOOTER_BAND + 0.01;
    text_items(page)
        .filter(|tb| tb.y >= top && tb.y + tb.height <= bottom)
        .collect()
}

#[test]
fn fonts_are_shareable_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Fonts>();
}

#[test]
fn vietnamese_text_round_trips_in_nfc() {
    let decomposed: String = PHRASE.nfd().collect();
    assert_ne!(decomposed, PHRASE);
    let md = format!("## {decomposed}\n\n{decomposed}\n\n| A |\n|---|\n| {decomposed} |\n");
    let mut m = meta("vi");
    m.header = decomposed.clone();
    let pdf = render(&md, &m, fonts()).expect("renders");
    let pages = extract_pages(&pdf);
    let text = pages.join("\n");
    assert!(text.matches(PHRASE).count() >= 4, "extracted text: {text}");
    assert!(!text.contains(&decomposed));
}

#[test]
fn sample_report_has_page_labels_and_expected_text() {
    let pdf = render(SAMPLE, &meta("vi"), fonts()).expect("renders");
    let pages = extract_pages(&pdf);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let n = pages.len();
    for (i, text) in pages.iter().enumerate() {
        assert!(
            text.contains(&format!("Trang {}/{n}", i + 1)),
            "page {}: {text}",
            i + 1
        );
        assert!(text.contains(PHRASE), "header missing on page {}", i + 1);
        assert!(text.contains("dxready 0.1.0 · sme-dx-readiness 2026.1"));
    }
    let all = pages.join("\n");
    for needle in [
        "Điểm tổng thể: 47,3 / 100",
        "Lãnh đạo & chiến lược số",
        "Không áp dụng",
        "Khởi động",
        "T1 · 2026-05-25",
        "Chương trình hỗ trợ phù hợp",
        "https://example.invalid/ho-tro",
    ] {
        assert!(all.contains(needle), "{needle:?} missing from {all}");
    }
    // The ```pagebreak``` fence starts section 3 on a new page.
    let p3 = pages
        .iter()
        .position(|p| p.contains("3. So sánh"))
        .expect("section 3");
    assert!(!pages[p3 - 1].contains("3. So sánh"));
    assert!(pages[p3 - 1].contains("Đào tạo kỹ năng số"));

    let en = extract_pages(&render(SAMPLE, &meta("en"), fonts()).expect("renders"));
    assert!(en[0].contains(&format!("Page 1 of {}", en.len())));
    check_geometry(&layout(SAMPLE, &meta("vi"), fonts()).expect("lays out"));
}

#[test]
fn typical_report_is_small() {
    let pdf = render(SAMPLE, &meta("vi"), fonts()).expect("renders");
    assert!(pdf.len() < 100_000, "{} bytes", pdf.len());
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn output_is_byte_identical_across_runs_orders_and_threads() {
    let docs: Vec<String> = vec![
        SAMPLE.to_string(),
        format!("# {PHRASE}\n\nŁódź, Ωmega, Привет — {PHRASE}\n"),
        "| a | b |\n|---|---|\n| 1 | 2 |\n".repeat(3),
    ];
    let m = meta("vi");
    // A fresh Fonts takes the "deflate the font program" path; the shared
    // one the cached path. Both must give the same bytes.
    let fresh = Fonts::dejavu().expect("fonts");
    let expected: Vec<Vec<u8>> = docs
        .iter()
        .map(|d| render(d, &m, &fresh).expect("renders"))
        .collect();
    for (d, e) in docs.iter().zip(&expected) {
        assert_eq!(&render(d, &m, fonts()).expect("renders"), e);
    }
    let results: Vec<Vec<(usize, Vec<u8>)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let docs = &docs;
                let m = &m;
                s.spawn(move || {
                    (0..docs.len() * 3)
                        .map(|i| {
                            let k = (i + t) % docs.len();
                            (k, render(&docs[k], m, fonts()).expect("renders"))
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    for (k, bytes) in results.into_iter().flatten() {
        assert!(bytes == expected[k], "document {k} differs");
    }
    // Different content, different /ID.
    assert_ne!(expected[0], expected[1]);
}

fn long_name() -> String {
    "CôngTyTNHHThươngMạiDịchVụXuấtNhậpKhẩuNôngSảnThựcPhẩmChếBiếnĐặngỨngƯuỶ".repeat(3)[..]
        .chars()
        .take(150)
        .collect()
}

fn table(rows: usize, cols: usize, cell: impl Fn(usize, usize) -> String) -> String {
    let mut md = String::new();
    md.push('|');
    for c in 0..cols {
        md.push_str(&format!(" Cột {c} |"));
    }
    md.push_str("\n|");
    md.push_str(&"---|".repeat(cols));
    md.push('\n');
    for r in 0..rows {
        md.push('|');
        for c in 0..cols {
            md.push_str(&format!(" {} |", cell(r, c)));
        }
        md.push('\n');
    }
    md
}

#[test]
fn hostile_inputs_stay_inside_the_margins_without_overlap() {
    let name = long_name();
    assert_eq!(name.chars().count(), 150);
    let cell200: String = "Hỗ trợ tư vấn chuyển đổi số cho doanh nghiệp nhỏ và vừa "
        .repeat(4)
        .chars()
        .take(200)
        .collect();
    let word200: String = "Đ".repeat(200);
    let chart_rows: String = (0..80)
        .map(|i| format!("  - {{ label: \"Lĩnh vực số {i} với tên khá dài để phải xuống dòng nhiều lần\", values: [{}] }}\n", (i * 7) % 110))
        .collect();
    let thresholds: String = (0..12)
        .map(|i| format!("  - {{ at: {}, label: \"Mức {i}\" }}\n", i * 8))
        .collect();
    let quote_lines: String = (0..70)
        .map(|i| format!("> Dòng trích dẫn số {i} với **chữ đậm** và *nhấn mạnh*.\n>\n"))
        .collect();
    let docs = vec![
        format!("# {name}\n\n{name} là tên doanh nghiệp. {name}\n"),
        table(40, 5, |r, c| format!("Ô {r}-{c}")),
        table(10, 3, |r, c| {
            if c == 1 {
                word200.clone()
            } else {
                format!("{r}: {cell200}")
            }
        }),
        table(500, 4, |r, c| format!("{r}·{c} {}", "dữ liệu ".repeat(c))),
        table(3, 30, |r, c| format!("{r}{c}")),
        table(2, 2, |_, _| "x ".repeat(3000)),
        format!(
            "```chart\ntype: bar\ntitle: \"{name}\"\nthresholds:\n{thresholds}rows:\n{chart_rows}```\n"
        ),
        format!(
            "```chart\ntype: paired\nseries: [\"{name}\", \"T1\"]\nrows:\n  - {{ label: \"{name}\", values: [null, 120] }}\n```\n"
        ),
        format!(
            "{quote_lines}\n- a\n  - b\n    - c\n      - d {name}\n        1. e\n\n```\n{}\n```\n",
            "code ".repeat(200)
        ),
        "<div>raw <b>html</b></div>\n\nxin chào<br>".to_string(),
        format!("{}\n", "> ".repeat(30) + "sâu"),
        format!(
            "{}\n",
            (0..40)
                .map(|i| format!("{}- mục {i}\n", "  ".repeat(i)))
                .collect::<String>()
        ),
        "".to_string(),
        "漢字 😀 \u{0007} tab\there\u{00a0}nbsp".to_string(),
    ];
    let mut m = meta("vi");
    m.header = name.clone();
    m.footer = name.repeat(3);
    for (i, md) in docs.iter().enumerate() {
        let l = layout(md, &m, fonts()).unwrap_or_else(|e| panic!("doc {i}: {e}"));
        check_geometry(&l);
        let pdf = write_pdf(&l, &m, fonts()).unwrap_or_else(|e| panic!("doc {i}: {e}"));
        assert!(
            lopdf::Document::load_mem(&pdf).is_ok(),
            "doc {i} unreadable"
        );
        if i == 3 {
            assert!(l.pages.len() >= 10, "500 rows on {} pages", l.pages.len());
        }
    }
    let all = docs.concat();
    let l = layout(&all, &m, fonts()).expect("lays out");
    check_geometry(&l);
}

#[test]
fn long_header_is_truncated_with_an_ellipsis() {
    let mut m = meta("vi");
    m.header = long_name();
    let l = layout("x", &m, fonts()).expect("lays out");
    let header = text_items(&l.pages[0])
        .find(|tb| tb.y < t::MARGIN + t::HEADER_BAND)
        .expect("header text");
    assert!(header.text.ends_with('…'), "{header:?}");
    assert!(header.text.chars().count() < 150);
}

#[test]
fn table_header_repeats_on_every_page() {
    let md = table(500, 3, |r, c| format!("giá trị {r}.{c}"));
    let l = layout(&md, &meta("vi"), fonts()).expect("lays out");
    assert!(l.pages.len() > 5);
    for (p, page) in l.pages.iter().enumerate() {
        let first = content_texts(page).into_iter().next().expect("content");
        assert_eq!(first.text, "Cột 0", "page {}", p + 1);
        assert_eq!(first.font, FontKind::Bold);
    }
}

#[test]
fn headings_are_never_last_on_a_page() {
    for n in 20..75 {
        let mut md = String::new();
        for i in 0..n {
            md.push_str(&format!("Đoạn văn ngắn số {i}.\n\n"));
        }
        md.push_str("## Tiêu đề mục\n\nNội dung sau tiêu đề.\n\n### Mục con\n\nThêm nội dung.\n");
        let l = layout(&md, &meta("vi"), fonts()).expect("lays out");
        for (p, page) in l.pages.iter().enumerate() {
            if let Some(last) = content_texts(page).last() {
                assert!(
                    !(last.font == FontKind::Bold && last.color == t::HEADING),
                    "n={n}: page {} ends with heading {:?}",
                    p + 1,
                    last.text
                );
            }
        }
    }
}

#[test]
fn long_words_break_by_characters_and_text_is_kept() {
    let name = long_name();
    let l = layout(&name, &meta("vi"), fonts()).expect("lays out");
    let body: String = content_texts(&l.pages[0])
        .iter()
        .map(|tb| tb.text.as_str())
        .collect();
    assert_eq!(body, name);
}

#[test]
fn characters_outside_the_repertoire_still_render() {
    let md = "Łódź Ωmega Привет ∑ 漢";
    let pdf = render(md, &meta("vi"), fonts()).expect("renders");
    let text = extract_pages(&pdf).join("");
    assert!(text.contains("Łódź Ωmega Привет ∑"), "{text}");
    assert!(
        text.contains('\u{fffd}'),
        "missing glyph should become U+FFFD: {text}"
    );
}

#[test]
fn fonts_subset_at_start_up_give_the_same_bytes_as_the_committed_repertoire() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let read = |name: &str| std::fs::read(root.join(name)).expect("bundled font");
    let runtime = Fonts::from_ttf(&read("DejaVuSans.ttf"), &read("DejaVuSans-Bold.ttf"))
        .expect("fonts subset");
    let md = format!("{SAMPLE}\n\nŁódź Ωmega Привет — {PHRASE}\n");
    let m = meta("vi");
    assert!(
        render(&md, &m, &runtime).expect("renders") == render(&md, &m, fonts()).expect("renders")
    );
}

#[test]
fn every_repertoire_character_round_trips_in_both_faces() {
    // Covers every code of the one-byte encoding, the two-byte `FF xx` codes
    // and the bytes that must be escaped in literal strings.
    let chars: String = fonts::repertoire().collect();
    let escaped: String = chars
        .chars()
        .map(|c| {
            if c.is_ascii_punctuation() {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect();
    let pdf = render(
        &format!("{escaped}\n\n**{escaped}**\n"),
        &meta("vi"),
        fonts(),
    )
    .expect("renders");
    let text: String = extract_pages(&pdf)
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let want: String = chars.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(text.matches(&want).count(), 2, "{text}");
    // Nothing of it needed a per-document fallback subset.
    assert!(!pdf.windows(6).any(|w| w == b"DXREGX" || w == b"DXBOLX"));
}

/// CPU time of the calling thread (Linux), so that other processes on a
/// busy machine do not distort the numbers.
fn thread_cpu() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

#[test]
#[ignore = "benchmark: cargo test --release -- --ignored bench --nocapture"]
fn bench_typical_report() {
    let t0 = Instant::now();
    let fonts = Fonts::dejavu().expect("fonts");
    let parse = t0.elapsed();
    let m = meta("vi");
    let first = render(SAMPLE, &m, &fonts).expect("renders");
    let pages = layout(SAMPLE, &m, &fonts).expect("lays out").pages.len();
    let n = 200u32;

    let (wall, cpu) = (Instant::now(), thread_cpu());
    for _ in 0..n {
        std::hint::black_box(layout(SAMPLE, &m, &fonts).expect("lays out"));
    }
    let layout_cpu = thread_cpu().zip(cpu).map(|(b, a)| (b - a) / n);
    let layout_wall = wall.elapsed() / n;

    let (wall, cpu) = (Instant::now(), thread_cpu());
    for _ in 0..n {
        let bytes = render(SAMPLE, &m, &fonts).expect("renders");
        assert_eq!(bytes, first);
    }
    let render_cpu = thread_cpu().zip(cpu).map(|(b, a)| (b - a) / n);
    let render_wall = wall.elapsed() / n;

    let threads = 2;
    let wall = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                for _ in 0..n {
                    std::hint::black_box(render(SAMPLE, &m, &fonts).expect("renders"));
                }
            });
        }
    });
    let multi = wall.elapsed();

    println!("font parse + repertoire subset (once): {parse:?}");
    println!("typical report: {pages} pages, {} bytes", first.len());
    println!("layout only: {layout_wall:?} wall, {layout_cpu:?} CPU per report");
    println!(
        "render, 1 thread: {render_wall:?} wall, {render_cpu:?} CPU per report = {:.0} reports/s wall",
        1.0 / render_wall.as_secs_f64()
    );
    if let Some(cpu) = render_cpu {
        println!(
            "  = {:.0} reports/s per core of CPU time",
            1.0 / cpu.as_secs_f64()
        );
    }
    println!(
        "render, {threads} threads: {:.0} reports/s wall",
        f64::from(n * threads) / multi.as_secs_f64()
    );
}

/// The committed repertoire assets (see `fonts.rs`), regenerated from the full TTFs.
fn regenerated_font_assets() -> Vec<(String, Vec<u8>)> {
    fonts::generate_assets().expect("the bundled fonts subset")
}

#[test]
fn committed_font_assets_match_the_fonts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, bytes) in regenerated_font_assets() {
        let committed = std::fs::read(root.join(&path)).unwrap_or_default();
        if path.ends_with(".zlib") {
            // It inflates to the committed program, and it is what the compressor gives now:
            // reports embed these bytes, and a face subset at start-up (another font) is
            // deflated by the same compressor, so the two must agree.
            let program = miniz_oxide::inflate::decompress_to_vec_zlib(&committed);
            assert!(program.is_ok(), "{path} does not inflate");
            let plain =
                std::fs::read(root.join(path.trim_end_matches(".zlib"))).unwrap_or_default();
            assert!(
                program.ok() == Some(plain),
                "{path} does not inflate to its program"
            );
            assert!(
                committed == bytes,
                "{path} is not what the compressor gives now (a new miniz_oxide in Cargo.lock?): \
                 run `cargo test --lib -- --ignored regenerate_font_assets`"
            );
        } else {
            assert!(
                committed == bytes,
                "{path} differs from what the fonts give: run \
                 `cargo test --lib -- --ignored regenerate_font_assets`"
            );
        }
    }
}

#[test]
#[ignore = "writes the repertoire assets: cargo test --lib -- --ignored regenerate_font_assets"]
fn regenerate_font_assets() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, bytes) in regenerated_font_assets() {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(&path, bytes).expect("writable");
        println!("wrote {}", path.display());
    }
}
