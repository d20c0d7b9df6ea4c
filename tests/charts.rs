//! Charts keep their labels inside their box (report.md "Quality bar"): every chart of the
//! example reports and of a cohort, and a stress case (40 programs with 120-character names,
//! counts of 500 enterprises, a radar of 120-character pillar names), drawn at print width and
//! at phone width (the geometry the PDF and the SVG share). Count axes have whole-number ticks;
//! a shortened label keeps its full text as the SVG `<title>`.

use dxready::answers::Completeness;
use dxready::assessment::Assessment;
use dxready::report::markdown::{ChartKind, ChartRow, ChartSpec, Threshold};
use dxready::report::pdf::{ChartStyle, Drawing, Fonts, Item};
use dxready::report::{Renderer, html, view};
use dxready::setup::{Setup, Sources};

/// The report's content width on A4 (13 mm margins) and the HTML layout width.
const PRINT_WIDTH: f32 = 595.28 - 2.0 * 13.0 * 72.0 / 25.4;
const SCREEN_WIDTH: f32 = 270.0;

fn fonts() -> &'static Fonts {
    dxready::report::fonts().expect("fonts load")
}

/// Every item of the drawing lies inside it; returns the texts.
fn check(d: &Drawing, what: &str) -> Vec<String> {
    let mut texts = Vec::new();
    for item in &d.items {
        let b = item.bbox();
        // Labels exactly; shapes may bleed by half their stroke (a legend swatch at x = 0).
        let slack = if matches!(item, Item::Text(_)) {
            0.01
        } else {
            1.0
        };
        assert!(
            b.x0 >= -slack && b.y0 >= -slack && b.x1 <= d.width + slack && b.y1 <= d.height + slack,
            "{what}: {item:?} leaves the chart box {} × {}",
            d.width,
            d.height
        );
        if let Item::Text(t) = item {
            texts.push(t.text.clone());
        }
    }
    texts
}

fn draw_both(spec: &ChartSpec, what: &str) -> Vec<String> {
    let print = dxready::report::pdf::draw_chart(spec, PRINT_WIDTH, ChartStyle::PRINT, fonts())
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let texts = check(&print, &format!("{what} (print)"));
    let screen =
        dxready::report::pdf::draw_chart(spec, SCREEN_WIDTH, ChartStyle::SCREEN, fonts()).unwrap();
    check(&screen, &format!("{what} (screen)"));
    texts
}

fn chart_blocks(md: &str) -> Vec<ChartSpec> {
    let mut out = Vec::new();
    let mut lines = md.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "```chart" {
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            out.push(ChartSpec::parse(&body.join("\n")).expect("a valid chart block"));
        }
    }
    out
}

#[test]
fn the_charts_of_every_example_report_keep_their_labels_inside() {
    let setup = Setup::load(&Sources::default()).unwrap();
    let renderer = Renderer::embedded().unwrap();
    let mut charts = 0;
    for dir in ["examples", "examples/2026.1"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if !p.to_string_lossy().ends_with(".answers.yaml") {
                continue;
            }
            let loaded = dxready::setup::load_answers(&setup, &p, Completeness::Complete).unwrap();
            let (q, catalog) = (loaded.edition.questionnaire, loaded.edition.catalog);
            let a = Assessment::new(
                q,
                catalog,
                &loaded.answers,
                p.display().to_string(),
                None,
                None,
            );
            let v = view::build(q, catalog, &a, &view::Extras::default());
            let md = renderer.markdown("report.md.tera", &v).unwrap();
            for spec in chart_blocks(&md) {
                draw_both(&spec, &p.display().to_string());
                charts += 1;
            }
        }
    }
    assert!(charts >= 13, "{charts} charts");
}

fn row(label: String, values: Vec<Option<f64>>) -> ChartRow {
    ChartRow {
        label,
        values,
        note: None,
        mean: None,
        band: None,
    }
}

fn long(i: usize) -> String {
    let s: String = format!(
        "Chương trình {i} hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số, thương mại điện tử và truy xuất nguồn gốc sản phẩm, hàng hóa ở Hải Phòng"
    )
    .chars()
    .take(120)
    .collect();
    assert_eq!(s.chars().count(), 120);
    s
}

#[test]
fn a_stress_case_keeps_every_label_inside_with_whole_number_ticks() {
    // 40 programs with 120-character names, counts out of 500 enterprises.
    let bars = ChartSpec {
        kind: ChartKind::Bar,
        title: None,
        max: Some(500.0),
        series: vec!["Số doanh nghiệp".into()],
        thresholds: Vec::new(),
        band: None,
        rows: (0..40)
            .map(|i| row(long(i), vec![Some(((i * 37) % 500) as f64)]))
            .collect(),
    };
    let texts = draw_both(&bars, "40 programs");
    // Whole-number ticks on the count axis.
    let ticks: Vec<&String> = texts
        .iter()
        .filter(|t| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        })
        .collect();
    assert!(ticks.len() > 3, "{texts:?}");
    assert!(
        ticks.iter().all(|t| t.parse::<u64>().is_ok()),
        "non-integer ticks: {ticks:?}"
    );
    // Small counts: 0 1 2 3, never 0 1 1 2 2.
    let small = ChartSpec {
        rows: vec![
            row("A".into(), vec![Some(3.0)]),
            row("B".into(), vec![Some(1.0)]),
        ],
        max: Some(3.0),
        ..bars.clone()
    };
    let texts = draw_both(&small, "small counts");
    let ticks: Vec<&String> = texts.iter().filter(|t| t.parse::<u64>().is_ok()).collect();
    let mut unique = ticks.clone();
    unique.dedup();
    assert_eq!(ticks, unique, "repeated ticks: {texts:?}");
    // The SVG keeps the full name of a shortened label as its title.
    let svg = html::svg_chart(&bars).unwrap();
    assert!(
        svg.contains(&format!("<title>{}</title>", html::esc(&long(7)))),
        "no <title> for a long label"
    );

    // A box plot of 500 enterprises and a radar with long pillar names and level rings.
    let levels: Vec<Threshold> = [
        (20.0, "Khởi động"),
        (40.0, "Bắt đầu"),
        (60.0, "Hình thành"),
        (80.0, "Nâng cao"),
    ]
    .iter()
    .map(|(at, l)| Threshold {
        at: *at,
        label: l.to_string(),
    })
    .collect();
    let boxes = ChartSpec {
        kind: ChartKind::Box,
        title: Some("Điểm theo trụ cột".into()),
        max: Some(100.0),
        series: Vec::new(),
        thresholds: levels.clone(),
        band: None,
        rows: (0..8)
            .map(|i| ChartRow {
                mean: Some(47.0),
                ..row(
                    long(i),
                    vec![Some(0.0), Some(25.0), Some(50.0), Some(75.0), Some(100.0)],
                )
            })
            .collect(),
    };
    draw_both(&boxes, "box plots");
    let radar = ChartSpec {
        kind: ChartKind::Radar,
        title: None,
        max: Some(100.0),
        series: vec!["Trung vị".into()],
        thresholds: levels,
        band: Some("Một nửa số doanh nghiệp ở giữa".into()),
        rows: (0..8)
            .map(|i| ChartRow {
                band: Some([20.0, 70.0]),
                ..row(long(i), vec![Some(45.0 + i as f64)])
            })
            .collect(),
    };
    let texts = draw_both(&radar, "radar");
    // The level rings are labelled.
    for l in ["Khởi động", "Bắt đầu", "Hình thành", "Nâng cao"] {
        assert!(
            texts.iter().any(|t| t.contains(l)),
            "ring {l} unlabelled: {texts:?}"
        );
    }
}

#[test]
fn a_cohort_of_500_with_40_long_programs_stays_in_8_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cat = String::from("format: 1\nquestionnaire: sme-dx-readiness\nprograms:\n");
    for i in 0..40 {
        cat.push_str(&format!(
            "  - id: p{i}\n    name: \"{}\"\n    provider: \"Sở Khoa học và Công nghệ\"\n    benefit: \"Hỗ trợ kinh phí.\"\n    source: \"Quyết định {i}/QĐ-UBND\"\n    addresses: [ecommerce]\n",
            long(i)
        ));
    }
    let catalog = tmp.path().join("stress.programs.yaml");
    std::fs::write(&catalog, cat).unwrap();
    let base = std::fs::read_to_string("examples/enterprises.csv").unwrap();
    let mut lines = base.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let name = header
        .split(',')
        .position(|h| h == "enterprise_name")
        .unwrap();
    let tax = header.split(',').position(|h| h == "tax_code").unwrap();
    let mut csv = format!("{header}\n");
    let mut r = csv::ReaderBuilder::new().from_reader(base.as_bytes());
    let records: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(records.len(), rows.len());
    let mut w = csv::Writer::from_writer(Vec::new());
    for i in 0..500 {
        let mut cells: Vec<String> = records[i % records.len()]
            .iter()
            .map(str::to_string)
            .collect();
        cells[name] = format!("{} {}", long(i % 40), i);
        cells[tax] = format!("07{i:08}");
        w.write_record(&cells).unwrap();
    }
    csv.push_str(&String::from_utf8(w.into_inner().unwrap()).unwrap());
    let input = tmp.path().join("five-hundred.csv");
    std::fs::write(&input, csv).unwrap();
    let out = tmp.path().join("out");
    let o = assert_cmd::Command::cargo_bin("dxready")
        .unwrap()
        .arg("-p")
        .arg(&catalog)
        .args(["batch", input.to_str().unwrap(), "--no-xlsx", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = lopdf::Document::load(out.join("cohort.pdf")).unwrap();
    assert!(
        doc.get_pages().len() <= 8,
        "{} pages",
        doc.get_pages().len()
    );
}
