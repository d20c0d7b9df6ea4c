//! Scoring benchmark (issue figures: `dxready score` on one file ≤ 10 ms as a whole process;
//! ≥ 20,000 answer files/s with YAML parsing on 2 cores).
//!
//! Run: `cargo bench --bench score`. Prints medians; numbers go in the README with the machine.

use std::time::{Duration, Instant};

use dxready::answers::{Answers, Completeness};
use dxready::assessment::Assessment;
use dxready::setup::{Editions, Setup, Sources};
use rayon::prelude::*;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut loads = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let _ = Setup::load(&Sources::default()).expect("embedded questionnaire loads");
        loads.push(t.elapsed());
    }
    println!(
        "setup-load: median {:.2} ms (embedded questionnaire + catalog, parsed and validated)",
        median(loads).as_secs_f64() * 1000.0
    );
    let setup = Setup::load(&Sources::default()).expect("embedded questionnaire loads");
    let q = &setup.questionnaire;
    let catalog = &setup.catalog;
    let examples: Vec<String> = [
        "an-phat-thanh-ha",
        "chu-dau-ceramics",
        "garment-medium",
        "household-retail",
        "logistics-services",
    ]
    .iter()
    .map(|n| std::fs::read_to_string(format!("examples/{n}.answers.yaml")).expect("example exists"))
    .collect();
    // 20,000 distinct in-memory files (the enterprise name varies).
    let files: Vec<String> = (0..20_000)
        .map(|i| {
            let base = &examples[i % examples.len()];
            base.replacen(
                "enterprise_name: \"",
                &format!("enterprise_name: \"#{i} "),
                1,
            )
        })
        .collect();
    let score_one = |text: &String| {
        let (a, _) = Answers::from_str(q, "bench.answers.yaml", text, Completeness::Complete)
            .expect("valid");
        let r = Assessment::new(q, catalog, &a, String::new(), None, None);
        r.card.overall.unwrap_or(0.0) + r.recs.recommended.len() as f64
    };
    let t = Instant::now();
    for f in files.iter().take(5000) {
        let v = dxready::yaml::parse("b", f, dxready::yaml::Limits::ANSWERS).expect("parses");
        std::hint::black_box(v);
    }
    println!(
        "yaml-parse-only: {:.0} files/s",
        5000.0 / t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    for f in files.iter().take(5000) {
        let v: serde::de::IgnoredAny = serde_yaml::from_str(f).expect("parses");
        std::hint::black_box(v);
    }
    println!(
        "yaml-events-only: {:.0} files/s",
        5000.0 / t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    for f in files.iter().take(5000) {
        let v: serde_yaml::Value = serde_yaml::from_str(f).expect("parses");
        std::hint::black_box(v);
    }
    println!(
        "yaml-value-only: {:.0} files/s",
        5000.0 / t.elapsed().as_secs_f64()
    );
    let parsed: Vec<Answers> = files
        .iter()
        .take(5000)
        .map(|f| {
            Answers::from_str(q, "b", f, Completeness::Complete)
                .expect("valid")
                .0
        })
        .collect();
    let t = Instant::now();
    for a in &parsed {
        std::hint::black_box(dxready::scoring::score(q, a).overall);
    }
    println!(
        "score-only: {:.0} files/s",
        5000.0 / t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    for a in &parsed {
        std::hint::black_box(
            Assessment::new(q, catalog, a, String::new(), None, None)
                .recs
                .recommended
                .len(),
        );
    }
    println!(
        "score+recommend: {:.0} files/s",
        5000.0 / t.elapsed().as_secs_f64()
    );
    // Warm up.
    let _: f64 = files.iter().take(500).map(score_one).sum();

    let mut single = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let s: f64 = files.iter().map(score_one).sum();
        single.push(t.elapsed());
        assert!(s > 0.0);
    }
    let single = median(single);
    let mut parallel = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let s: f64 = files.par_iter().map(score_one).sum();
        parallel.push(t.elapsed());
        assert!(s > 0.0);
    }
    let parallel = median(parallel);
    let n = files.len() as f64;
    println!(
        "score-throughput: {} files, 1 thread: {:.0} files/s; {} threads: {:.0} files/s",
        files.len(),
        n / single.as_secs_f64(),
        rayon::current_num_threads(),
        n / parallel.as_secs_f64()
    );

    // Whole process: `dxready score examples/an-phat-thanh-ha.answers.yaml`.
    let bin = env!("CARGO_BIN_EXE_dxready");
    let mut runs = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let out = std::process::Command::new(bin)
            .args(["score", "examples/an-phat-thanh-ha.answers.yaml"])
            .output()
            .expect("runs");
        runs.push(t.elapsed());
        assert!(out.status.success());
    }
    println!(
        "score-process: median {:.2} ms over {} runs (whole process, one example file)",
        median(runs).as_secs_f64() * 1000.0,
        30
    );

    versions(bin);
}

/// The two embedded versions side by side, in one run (the machine is shared, so compare the
/// ratios): loading each edition, scoring their examples, and the whole process for a file of
/// each (a 2026.1 file also loads the 2026.1 edition).
fn versions(bin: &str) {
    let mut current = Vec::new();
    let mut earlier = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let setup = Setup::load(&Sources::default()).expect("loads");
        current.push(t.elapsed());
        let t = Instant::now();
        setup.version("2026.1").expect("loads").expect("shipped");
        earlier.push(t.elapsed());
    }
    println!(
        "edition-load: 2026.2 median {:.2} ms; 2026.1 (loaded on first use) median {:.2} ms",
        median(current).as_secs_f64() * 1000.0,
        median(earlier).as_secs_f64() * 1000.0
    );
    let setup = Setup::load(&Sources::default()).expect("loads");
    let names = [
        "an-phat-thanh-ha",
        "chu-dau-ceramics",
        "garment-medium",
        "household-retail",
        "logistics-services",
    ];
    for (dir, e) in [
        ("examples", setup.current()),
        ("examples/2026.1", setup.version("2026.1").unwrap().unwrap()),
    ] {
        let texts: Vec<String> = names
            .iter()
            .map(|n| std::fs::read_to_string(format!("{dir}/{n}.answers.yaml")).unwrap())
            .collect();
        let t = Instant::now();
        for i in 0..5000 {
            let (a, _) = Answers::from_str(
                e.questionnaire,
                "b",
                &texts[i % texts.len()],
                Completeness::Complete,
            )
            .expect("valid");
            let r = Assessment::new(e.questionnaire, e.catalog, &a, String::new(), None, None);
            std::hint::black_box(r.recs.recommended.len());
        }
        println!(
            "version-throughput {}: {:.0} files/s (parse + score + recommend, 1 thread)",
            e.questionnaire.version,
            5000.0 / t.elapsed().as_secs_f64()
        );
    }
    for file in [
        "examples/an-phat-thanh-ha.answers.yaml",
        "examples/2026.1/an-phat-thanh-ha.answers.yaml",
    ] {
        let mut runs = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            let out = std::process::Command::new(bin)
                .args(["score", file])
                .output()
                .expect("runs");
            runs.push(t.elapsed());
            assert!(out.status.success());
        }
        println!(
            "version-process {file}: median {:.2} ms over 30 runs",
            median(runs).as_secs_f64() * 1000.0
        );
    }
}
