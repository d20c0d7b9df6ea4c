//! The enterprise report as its reader gets it (report.md "What the enterprise report
//! contains"): every example fits in 6 pages, page 1 of the Thanh Hà report says where the
//! firm stands and what to do first, `--appendix` adds the answers, and `--benchmark` names
//! its peer group with medians that are those of the summary it was given.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

const THANH_HA: &str = "examples/an-phat-thanh-ha.answers.yaml";

fn dxready() -> Command {
    Command::cargo_bin("dxready").expect("binary built")
}

fn run(args: &[&str]) -> Vec<u8> {
    let o = dxready().args(args).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

fn pages_text(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    doc.get_pages()
        .keys()
        .map(|p| doc.extract_text(&[*p]).expect("text extracts"))
        .collect()
}

/// Without white space (wrapped lines break anywhere).
fn flat(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn examples() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["examples", "examples/2026.1"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.to_string_lossy().ends_with(".answers.yaml") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 13, "{files:?}");
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("household-business.answers.yaml"))
    );
    files
}

#[test]
fn every_example_report_fits_in_six_pages_and_the_appendix_is_asked_for() {
    let dir = TempDir::new().unwrap();
    for f in examples() {
        let out = dir.path().join("r.pdf");
        run(&["report", f.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        let pages = pages_text(&out);
        assert!(pages.len() <= 6, "{}: {} pages", f.display(), pages.len());
        let all = pages.join("\n");
        assert!(
            !all.contains("Phụ lục") && !all.contains("Appendix"),
            "{}",
            f.display()
        );
    }
    // --appendix adds every answer; the md output always has it.
    let out = dir.path().join("a.pdf");
    run(&[
        "report",
        THANH_HA,
        "--appendix",
        "-o",
        out.to_str().unwrap(),
    ]);
    let all = flat(&pages_text(&out).join(""));
    assert!(all.contains(&flat("Phụ lục: câu trả lời")));
    assert!(all.contains(&flat("Thỉnh thoảng, khi nhớ ra")));
    let md = dir.path().join("a.md");
    run(&[
        "report",
        THANH_HA,
        "--format",
        "md",
        "-o",
        md.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read_to_string(md)
            .unwrap()
            .contains("## Phụ lục: câu trả lời")
    );
}

#[test]
fn page_one_of_thanh_ha_says_where_it_stands_and_what_to_do_first() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("r.pdf");
    run(&["report", THANH_HA, "-o", out.to_str().unwrap()]);
    let pages = pages_text(&out);
    let one = flat(&pages[0]);
    for needle in [
        "Công ty TNHH Thực phẩm An Phát Thanh Hà",
        "27/11/2026",
        "Điểm tổng: 34,1/100",
        "Mức 2 – Bắt đầu",
        "không phải kết quả đánh giá DBI chính thức",
        // The radar: its pillar labels with scores and its level rings.
        "Lãnh đạo và chiến lược số 50",
        "Chữ ký số và giao dịch điện tử 22",
        "Dẫn dắt",
        "3 việc cần làm ngay",
        "Chương trình hỗ trợ nên đăng ký",
        "Hỗ trợ 50% chi phí chứng thực chữ ký số cho doanh nghiệp mới thành lập",
        "Sở Khoa học và Công nghệ TP Hải Phòng",
    ] {
        assert!(
            one.contains(&flat(needle)),
            "page 1 lacks {needle:?}:\n{}",
            pages[0]
        );
    }
    // The three actions (list numbers come out of the text where the PDF draws them): the
    // enterprise's own digital signature first, then the other two.
    let start = one.find(&flat("3 việc cần làm ngay")).unwrap();
    let end = one.find(&flat("Chương trình hỗ trợ nên đăng ký")).unwrap();
    let actions = &one[start..end];
    let at = |s: &str| {
        actions
            .find(&flat(s))
            .unwrap_or_else(|| panic!("no {s:?} in {actions}"))
    };
    let signature = at("[Bắt buộc] Đăng ký chứng thư chữ ký số cho doanh nghiệp");
    assert!(signature < at("Đăng ký giao dịch điện tử với cơ quan BHXH"));
    assert!(signature < at("người bán trực tuyến phải được định danh qua VNeID"));
    for n in ["1.", "2.", "3."] {
        assert!(actions.contains(n), "{actions}");
    }
    assert!(!actions.contains("4."), "{actions}");
}

/// R type 7 quantile of sorted values.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Writes `n` variants of the Thanh Hà answers (manufacturing, small) and `m` of a trading
/// micro firm, each with its own name and tax code and a few answers changed.
fn cohort(dir: &Path, n: usize, m: usize) -> PathBuf {
    let base = std::fs::read_to_string(THANH_HA).unwrap();
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let skills = ["1", "2", "3", "4", "5"];
    for i in 0..n + m {
        let mut text = base
            .replace(
                "Công ty TNHH Thực phẩm An Phát Thanh Hà",
                &format!("Doanh nghiệp thử {i}"),
            )
            .replace("\"0801234567\"", &format!("\"09{i:08}\""))
            .replace(
                "ld_commitment: leads",
                ["ld_commitment: leads", "ld_commitment: aware"][i % 2],
            )
            .replace(
                "ds_has_certificate: none",
                ["ds_has_certificate: none", "ds_has_certificate: valid"][i % 3 / 2],
            );
        text = text.replace("pp_skills: 3", &format!("pp_skills: {}", skills[i % 5]));
        if i >= n {
            text = text
                .replace("sector: manufacturing", "sector: trade")
                .replace("employees: 12", "employees: 3")
                .replace("revenue: 4.5", "revenue: 0.8")
                .replace("capital: 2.5", "capital: 0.5");
        }
        std::fs::write(inputs.join(format!("e{i:03}.answers.yaml")), text).unwrap();
    }
    inputs
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn csv_header(path: &Path) -> Vec<String> {
    csv::Reader::from_path(path)
        .unwrap()
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect()
}

/// The benchmark part of the view model of `report THANH_HA --benchmark FROM`.
fn benchmark(from: &Path) -> serde_json::Value {
    let json = run(&[
        "report",
        THANH_HA,
        "--benchmark",
        from.to_str().unwrap(),
        "--explain-template",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    v["benchmark"].clone()
}

/// The medians of the summary's pillar columns over the rows `keep` selects.
fn medians(summary: &Path, keep: impl Fn(&[String], &[String]) -> bool) -> Vec<(String, f64)> {
    let h = csv_header(summary);
    let rows = csv_rows(summary);
    let first = h.iter().position(|x| x == "level_name").unwrap() + 1;
    let last = h.iter().position(|x| x == "recommended").unwrap();
    (first..last)
        .map(|c| {
            let mut v: Vec<f64> = rows
                .iter()
                .filter(|r| keep(&h, r))
                .filter_map(|r| r[c].parse().ok())
                .collect();
            v.sort_by(f64::total_cmp);
            (h[c].clone(), quantile(&v, 0.5))
        })
        .collect()
}

fn check_medians(b: &serde_json::Value, expected: &[(String, f64)]) {
    for (id, m) in expected {
        let line = b["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id.as_str())
            .unwrap_or_else(|| panic!("no {id} in {b}"));
        let got = line["median"].as_f64().unwrap();
        // The summary has two decimals; the report computes from the same cells.
        assert!((got - m).abs() < 0.006, "{id}: {got} vs {m}");
    }
}

#[test]
fn benchmark_names_its_group_and_its_medians_are_the_summarys() {
    let dir = TempDir::new().unwrap();
    // 12 of the same sector and size: that group.
    let inputs = cohort(dir.path(), 12, 7);
    let out = dir.path().join("out");
    run(&[
        "batch",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--cohort-format",
        "md",
        "--no-xlsx",
    ]);
    let summary = out.join("summary.csv");
    let b = benchmark(&summary);
    assert_eq!(b["scope"], "sector_and_size", "{b}");
    assert_eq!(b["size"], 12);
    let p = b["paragraph"].as_str().unwrap();
    assert!(p.starts_with("So với 12 doanh nghiệp cùng ngành Công nghiệp, chế biến, chế tạo và cùng quy mô (Doanh nghiệp nhỏ)"), "{p}");
    let same = |h: &[String], r: &[String]| {
        let c = |n: &str| h.iter().position(|x| x == n).unwrap();
        r[c("sector")] == "manufacturing" && r[c("size_class")] == "small"
    };
    check_medians(&b, &medians(&summary, same));

    // 9 of the same sector and size: too few, so the whole file, and the report says so.
    let dir2 = TempDir::new().unwrap();
    let inputs = cohort(dir2.path(), 9, 7);
    let out = dir2.path().join("out");
    run(&[
        "batch",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--cohort-format",
        "md",
        "--no-xlsx",
        "--format",
        "json",
    ]);
    let jsonl = out.join("summary.jsonl");
    let b = benchmark(&jsonl);
    assert_eq!(
        (b["scope"].as_str(), b["size"].as_u64()),
        (Some("all"), Some(16)),
        "{b}"
    );
    let p = b["paragraph"].as_str().unwrap();
    assert!(p.contains("chỉ có 9 doanh nghiệp (cần ít nhất 10)"), "{p}");
    assert!(
        p.contains("So với 16 doanh nghiệp trong toàn bộ tệp so sánh"),
        "{p}"
    );
    // The same enterprises as a CSV summary give the same medians, those of every row.
    let out_csv = dir2.path().join("out-csv");
    run(&[
        "batch",
        inputs.to_str().unwrap(),
        "--out",
        out_csv.to_str().unwrap(),
        "--cohort-format",
        "md",
        "--no-xlsx",
    ]);
    let expected = medians(&out_csv.join("summary.csv"), |_, _| true);
    check_medians(&b, &expected);
    check_medians(&benchmark(&out_csv.join("summary.csv")), &expected);
    // A serve workspace (its answers/ folder of finished interviews) is read the same way.
    let ws = dir2.path().join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::rename(&inputs, ws.join("answers")).unwrap();
    let from_ws = benchmark(&ws);
    assert_eq!(from_ws["size"], 16);
    check_medians(&from_ws, &expected);
    // The PDF shows the paragraph and the peers' outline on the radar.
    let pdf = dir2.path().join("b.pdf");
    run(&[
        "report",
        THANH_HA,
        "--benchmark",
        jsonl.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let pages = pages_text(&pdf);
    // The 6-page bound is for the default report; the comparison adds its own section.
    assert!(pages.len() <= 7, "{} pages", pages.len());
    let all = flat(&pages.join(""));
    assert!(
        all.contains(&flat(
            "Trung vị của 16 doanh nghiệp trong toàn bộ tệp so sánh"
        )),
        "{all}"
    );
}

#[test]
fn the_pdf_names_its_language_title_and_headings() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("r.pdf");
    run(&["report", THANH_HA, "-o", out.to_str().unwrap()]);
    let doc = lopdf::Document::load(&out).unwrap();
    let catalog = doc.catalog().unwrap();
    let text = |o: &lopdf::Object| match o {
        lopdf::Object::String(b, _) => {
            let units: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        other => panic!("not a string: {other:?}"),
    };
    assert_eq!(text(catalog.get(b"Lang").unwrap()), "vi");
    assert_eq!(
        catalog.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseOutlines"
    );
    // The outline: the report's sections in order, the pillars and programs under theirs.
    let root = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    fn walk(
        doc: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        depth: usize,
        text: &dyn Fn(&lopdf::Object) -> String,
        out: &mut Vec<String>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let d = doc.get_dictionary(id).unwrap();
            out.push(format!(
                "{}{}",
                "  ".repeat(depth),
                text(d.get(b"Title").unwrap())
            ));
            let kid = d.get(b"First").ok().map(|f| f.as_reference().unwrap());
            walk(doc, kid, depth + 1, text, out);
            next = d.get(b"Next").ok().map(|f| f.as_reference().unwrap());
        }
    }
    let mut titles = Vec::new();
    let first = root.get(b"First").ok().map(|f| f.as_reference().unwrap());
    walk(&doc, first, 0, &text, &mut titles);
    for t in [
        "Báo cáo đánh giá mức độ sẵn sàng chuyển đổi số",
        "  3 việc cần làm ngay",
        "  Kế hoạch hành động",
        "    Chữ ký số và giao dịch điện tử: 22,2 · Mức 1 – Khởi động",
    ] {
        assert!(titles.iter().any(|x| x == t), "no {t:?} in {titles:?}");
    }
    // The title in the document info and in the XMP metadata.
    let title =
        "Báo cáo đánh giá mức độ sẵn sàng chuyển đổi số — Công ty TNHH Thực phẩm An Phát Thanh Hà";
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(text(info.get(b"Title").unwrap()), title);
    let xmp = doc
        .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap()
        .content
        .clone();
    let xmp = String::from_utf8(xmp).unwrap();
    assert!(
        xmp.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")),
        "{xmp}"
    );
    assert!(
        xmp.contains("<dc:language><rdf:Bag><rdf:li>vi</rdf:li>"),
        "{xmp}"
    );
    // English reports say so.
    let en = dir.path().join("en.pdf");
    run(&[
        "report",
        THANH_HA,
        "--lang",
        "en",
        "-o",
        en.to_str().unwrap(),
    ]);
    let doc = lopdf::Document::load(&en).unwrap();
    assert_eq!(text(doc.catalog().unwrap().get(b"Lang").unwrap()), "en");
}
