//! PDF reports read back with lopdf: names, levels, programs and page numbers come back in
//! NFC; bytes are identical across runs and report order; stress content stays inside the
//! margins (checked on the layout boxes).

use dxready::answers::{Answers, Completeness};
use dxready::assessment::Assessment;
use dxready::programs::Catalog;
use dxready::report::pdf::{self, Item};
use dxready::report::{Format, Renderer, view};
use dxready::setup::{Setup, Sources};
use unicode_normalization::UnicodeNormalization;

const EXAMPLES: [&str; 5] = [
    "an-phat-thanh-ha",
    "chu-dau-ceramics",
    "garment-medium",
    "household-retail",
    "logistics-services",
];

fn pages_text(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
    doc.get_pages()
        .keys()
        .map(|p| doc.extract_text(&[*p]).expect("text extracts"))
        .collect()
}

/// Extracted text without any white space: wrapped lines may break after a hyphen or
/// inside a long word, so the comparison ignores spacing.
fn flat(pages: &[String]) -> String {
    squeeze(&pages.join(""))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Made {
    pdf: Vec<u8>,
    markdown: String,
    enterprise: String,
    levels: Vec<String>,
    programs: Vec<String>,
}

fn make(
    setup: &Setup,
    catalog: &Catalog,
    renderer: &Renderer,
    text: &str,
    lang: Option<&str>,
) -> Made {
    let q = &setup.questionnaire;
    let (answers, _) = Answers::from_str(q, "x.answers.yaml", text, Completeness::Complete)
        .expect("valid answers");
    let a = Assessment::new(q, catalog, &answers, "x.answers.yaml".into(), None, lang);
    let v = view::build(q, catalog, &a, &view::Extras::default());
    let markdown = renderer.markdown("report.md.tera", &v).unwrap();
    let meta = dxready::report::Meta {
        title: v.enterprise.name.clone(),
        header: v.enterprise.name.clone(),
        footer: format!("dxready · {} {}", q.id, q.version),
        lang: v.lang.clone(),
    };
    let pdf = dxready::report::finish(&markdown, Format::Pdf, &meta).unwrap();
    Made {
        pdf,
        markdown,
        enterprise: v.enterprise.name.clone(),
        levels: std::iter::once(v.overall.level_name.clone())
            .chain(
                v.dimensions
                    .iter()
                    .filter(|d| d.applicable)
                    .map(|d| d.result.level_name.clone()),
            )
            .collect(),
        programs: v.recommended.iter().map(|p| p.name.clone()).collect(),
    }
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("examples/{name}.answers.yaml")).unwrap()
}

#[test]
fn text_comes_back_in_nfc_with_names_levels_programs_and_page_numbers() {
    let setup = Setup::load(&Sources::default()).unwrap();
    let renderer = Renderer::new(None).unwrap();
    for (name, lang) in [
        ("an-phat-thanh-ha", None),
        ("logistics-services", Some("en")),
        ("chu-dau-ceramics", Some("vi")),
    ] {
        let m = make(&setup, &setup.catalog, &renderer, &example(name), lang);
        let pages = pages_text(&m.pdf);
        let all = flat(&pages);
        assert_eq!(all, all.nfc().collect::<String>(), "extracted text is NFC");
        assert!(
            all.contains(&squeeze(&m.enterprise)),
            "{name}: enterprise name"
        );
        for l in &m.levels {
            assert!(all.contains(&squeeze(l)), "{name}: level {l}");
        }
        assert!(!m.programs.is_empty() || name == "logistics-services");
        for p in &m.programs {
            assert!(all.contains(&squeeze(p)), "{name}: program {p}");
        }
        let n = pages.len();
        for (i, page) in pages.iter().enumerate() {
            let label = if lang == Some("en") {
                format!("Page {} of {n}", i + 1)
            } else {
                format!("Trang {}/{n}", i + 1)
            };
            assert!(
                page.contains(&label),
                "{name}: page {} has {label:?}",
                i + 1
            );
        }
        assert!(m.pdf.len() < 100_000, "{name}: {} bytes", m.pdf.len());
    }
}

#[test]
fn bytes_are_identical_across_runs_and_orders() {
    let setup = Setup::load(&Sources::default()).unwrap();
    let first = Renderer::new(None).unwrap();
    let forward: Vec<Vec<u8>> = EXAMPLES
        .iter()
        .map(|e| make(&setup, &setup.catalog, &first, &example(e), None).pdf)
        .collect();
    let second = Renderer::new(None).unwrap();
    let mut backward: Vec<Vec<u8>> = EXAMPLES
        .iter()
        .rev()
        .map(|e| make(&setup, &setup.catalog, &second, &example(e), None).pdf)
        .collect();
    backward.reverse();
    assert_eq!(forward, backward);
    // And from several threads sharing one renderer.
    let threaded: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = EXAMPLES
            .iter()
            .map(|e| s.spawn(|| make(&setup, &setup.catalog, &first, &example(e), None).pdf))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(forward, threaded);
}

#[test]
fn stress_content_stays_inside_the_margins() {
    let setup = Setup::load(&Sources::default()).unwrap();
    let q = &setup.questionnaire;
    // 40 programs that every enterprise gets, with long texts.
    let mut cat = String::from("format: 1\nquestionnaire: sme-dx-readiness\nprograms:\n");
    for i in 0..40 {
        cat.push_str(&format!(
            "  - id: p{i}\n    name: \"Chương trình hỗ trợ chuyển đổi số số {i} dành cho doanh nghiệp nhỏ và vừa ở khu vực Hải Dương cũ, nay thuộc thành phố Hải Phòng\"\n    provider: \"Sở Khoa học và Công nghệ\"\n    benefit: \"{}\"\n    source: \"Quyết định {i}/QĐ-UBND\"\n    addresses: [ecommerce, people]\n",
            "Hỗ trợ kinh phí, đào tạo và tư vấn. ".repeat(8)
        ));
    }
    let (catalog, _) = Catalog::from_str(q, "stress.programs.yaml", &cat).unwrap();
    let name = format!(
        "Công ty TNHH {}",
        "Thương mại Dịch vụ Sản xuất Đặng Ứng Ưu ".repeat(4)
    )
    .chars()
    .take(150)
    .collect::<String>();
    let contact: String =
        "Nguyễn Thị Hoa, giám đốc, điện thoại 0912345678, thư điện tử hoa@example.vn; "
            .repeat(4)
            .chars()
            .take(200)
            .collect();
    let text = example("an-phat-thanh-ha")
        .replace("Công ty TNHH Thực phẩm An Phát Thanh Hà", &name)
        .replace("Chị Nguyễn Thị Hoa, giám đốc", &contact);
    let renderer = Renderer::new(None).unwrap();
    let m = make(&setup, &catalog, &renderer, &text, None);
    let fonts = pdf::Fonts::dejavu().unwrap();
    let meta = dxready::report::Meta {
        title: name.clone(),
        header: name.clone(),
        footer: "dxready".into(),
        lang: "vi".into(),
    };
    let layout = pdf::layout(&m.markdown, &meta, &fonts).unwrap();
    let margin = layout.margin_box();
    let mut texts = 0;
    for (p, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            assert!(
                margin.contains(&item.bbox(), 0.01),
                "page {}: {item:?} outside {margin:?}",
                p + 1
            );
            if matches!(item, Item::Text(_)) {
                texts += 1;
            }
        }
    }
    assert!(texts > 500);
    let all = flat(&pages_text(&m.pdf));
    for i in [0, 17, 39] {
        assert!(
            all.contains(&squeeze(&format!(
                "Chương trình hỗ trợ chuyển đổi số số {i} dành"
            ))),
            "program {i} printed"
        );
    }
}
