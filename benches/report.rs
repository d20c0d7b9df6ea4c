//! Report benchmark (issue figures: one PDF report ≤ 15 ms as a whole process; ≥ 300 reports/s
//! on 2 cores in one process; typical report ≤ 100 KB).
//!
//! Run: `cargo bench --bench report`. For the peers (WeasyPrint, ReportLab, Typst) in the same
//! run, use `scripts/bench-peers.sh`, which calls this benchmark too and prints ratios.

use std::time::{Duration, Instant};

use dxready::answers::{Answers, Completeness};
use dxready::assessment::Assessment;
use dxready::questionnaire::Questionnaire;
use dxready::report::pdf::Fonts;
use dxready::report::{Meta, Renderer, view};
use dxready::setup::{Setup, Sources};
use rayon::prelude::*;

/// How many reports each measurement renders: `DXREADY_BENCH_REPORTS`, default 400 (a small
/// number makes the benchmark quick to run under callgrind).
fn reports() -> usize {
    std::env::var("DXREADY_BENCH_REPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let setup = Setup::load(&Sources::default()).expect("embedded questionnaire loads");
    let q = &setup.questionnaire;
    let names = [
        "an-phat-thanh-ha",
        "chu-dau-ceramics",
        "garment-medium",
        "household-retail",
        "logistics-services",
    ];
    let answers: Vec<Answers> = names
        .iter()
        .map(|n| {
            let text =
                std::fs::read_to_string(format!("examples/{n}.answers.yaml")).expect("example");
            Answers::from_str(q, n, &text, Completeness::Complete)
                .expect("valid")
                .0
        })
        .collect();
    let renderer = Renderer::new(None).expect("templates compile");
    let fonts = dxready::report::fonts().expect("fonts");
    let one = |i: usize| {
        render(
            q,
            &setup,
            &answers[i % answers.len()],
            &renderer,
            fonts,
            |_| {},
        )
    };
    let sizes: Vec<usize> = (0..answers.len()).map(|i| one(i).len()).collect();
    stages(q, &setup, &answers, &renderer, fonts);
    println!("report-size: {:?} bytes (examples {:?})", sizes, names);
    let n = reports();
    let t = Instant::now();
    let total: usize = (0..n).map(|i| one(i).len()).sum();
    let single = t.elapsed();
    let t = Instant::now();
    let total2: usize = (0..n).into_par_iter().map(|i| one(i).len()).sum();
    let parallel = t.elapsed();
    assert_eq!(total, total2);
    println!(
        "report-throughput: {n} PDF reports in one process, 1 thread: {:.0}/s; {} threads: {:.0}/s",
        n as f64 / single.as_secs_f64(),
        rayon::current_num_threads(),
        n as f64 / parallel.as_secs_f64()
    );

    if let Ok(path) = std::env::var("DXREADY_PEER_DATA") {
        peer_content(&path);
    }

    let bin = env!("CARGO_BIN_EXE_dxready");
    let dir = std::env::temp_dir().join(format!("dxready-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("r.pdf");
    let mut runs = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let o = std::process::Command::new(bin)
            .args([
                "report",
                "examples/an-phat-thanh-ha.answers.yaml",
                "--quiet",
                "-o",
            ])
            .arg(&out)
            .output()
            .expect("runs");
        runs.push(t.elapsed());
        assert!(o.status.success());
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "report-process: median {:.2} ms over 30 runs (whole process, one PDF report)",
        median(runs).as_secs_f64() * 1000.0
    );
}

/// One PDF report, stage by stage, the way `dxready report` makes it: `mark(k)` is called as
/// stage `k` ends (0 assessment, 1 view, 2 Markdown, 3 PDF layout, 4 PDF writing).
fn render(
    q: &Questionnaire,
    setup: &Setup,
    answers: &Answers,
    renderer: &Renderer,
    fonts: &Fonts,
    mut mark: impl FnMut(usize),
) -> Vec<u8> {
    let a = Assessment::new(q, &setup.catalog, answers, String::new(), None, None);
    mark(0);
    let v = view::build(q, &setup.catalog, &a, &view::Extras::default());
    mark(1);
    let md = renderer.markdown("report.md.tera", &v).expect("renders");
    mark(2);
    let meta = Meta {
        title: v.enterprise.name.clone(),
        header: v.enterprise.name.clone(),
        footer: format!("dxready · {} {}", q.id, q.version),
        lang: v.lang.clone(),
    };
    let layout = dxready::report::pdf::layout(&md, &meta, fonts).expect("layout");
    mark(3);
    let bytes = dxready::report::pdf::write_pdf(&layout, &meta, fonts).expect("pdf");
    mark(4);
    bytes
}

/// Where one report's time goes, stage by stage (1 thread, over the examples).
#[inline(never)]
fn stages(
    q: &Questionnaire,
    setup: &Setup,
    answers: &[Answers],
    renderer: &Renderer,
    fonts: &Fonts,
) {
    let mut spent = [Duration::ZERO; 5];
    let n = reports();
    for i in 0..n {
        let mut last = Instant::now();
        let bytes = render(
            q,
            setup,
            &answers[i % answers.len()],
            renderer,
            fonts,
            |k| {
                let now = Instant::now();
                spent[k] += now - last;
                last = now;
            },
        );
        std::hint::black_box(bytes);
    }
    let us = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
    println!(
        "report-stages: per report, µs: assessment {:.0}, view {:.0}, markdown (tera) {:.0}, \
         PDF layout {:.0}, PDF writing {:.0}",
        us(spent[0]),
        us(spent[1]),
        us(spent[2]),
        us(spent[3]),
        us(spent[4])
    );
}

/// The peers' report content (bench-peers/common/data.json) as dxready Markdown, rendered by the
/// same PDF engine: the like-for-like comparison with WeasyPrint, ReportLab and Typst.
fn peer_content(path: &str) {
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("peer data")).expect("JSON");
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let markdown = |enterprise: &str| {
        let mut md = format!(
            "# {}\n\n**{}** · {}\n\n> **Điểm tổng: {}/100** · {}\n>\n> {}\n\n",
            s(&data["title"]),
            enterprise,
            s(&data["date"]),
            data["score"],
            s(&data["level"]),
            s(&data["summary"])
        );
        let rows: Vec<String> = data["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{{\"label\": {}, \"values\": [{}]}}", d["name"], d["score"]))
            .collect();
        md.push_str(&format!("```chart\n{{\"type\": \"bar\", \"max\": 100, \"rows\": [{}]}}\n```\n\n| Lĩnh vực | Điểm | Mức |\n|---|---:|---|\n", rows.join(", ")));
        for d in data["dimensions"].as_array().unwrap() {
            md.push_str(&format!(
                "| {} | {} | {} |\n",
                s(&d["name"]),
                d["score"],
                s(&d["level"])
            ));
        }
        md.push_str("\n## Nhận định\n\n");
        for f in data["findings"].as_array().unwrap() {
            md.push_str(&format!("### {}\n\n{}\n\n", s(&f["title"]), s(&f["text"])));
        }
        md.push_str("## Chương trình hỗ trợ\n\n");
        for p in data["programs"].as_array().unwrap() {
            md.push_str(&format!(
                "- **{}** ({}): {}. *{}*\n",
                s(&p["name"]),
                s(&p["provider"]),
                s(&p["benefit"]),
                s(&p["reason"])
            ));
        }
        md
    };
    let variants: Vec<String> = data["variants"].as_array().unwrap().iter().map(s).collect();
    let fonts = dxready::report::fonts().expect("fonts");
    let one = |i: usize| {
        let e = &variants[i % variants.len()];
        let meta = Meta {
            title: s(&data["title"]),
            header: e.clone(),
            footer: "dxready".into(),
            lang: "vi".into(),
        };
        dxready::report::pdf::render(&markdown(e), &meta, fonts).expect("renders")
    };
    let first = one(0);
    let pages = lopdf::Document::load_mem(&first)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    let n = 200;
    let t = Instant::now();
    let total: usize = (0..n).map(|i| one(i).len()).sum();
    let single = t.elapsed();
    let t = Instant::now();
    let _: usize = (0..n).into_par_iter().map(|i| one(i).len()).sum();
    let parallel = t.elapsed();
    println!(
        "peer-content: {pages} pages, {} bytes; 1 thread: {:.0} reports/s; {} threads: {:.0} reports/s",
        total / n,
        n as f64 / single.as_secs_f64(),
        rayon::current_num_threads(),
        n as f64 / parallel.as_secs_f64()
    );
}
