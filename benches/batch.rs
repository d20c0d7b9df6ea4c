//! Benchmark of `dxready batch` (release build): generates answer files (and one CSV and one
//! `.xlsx` workbook with the same enterprises) for the questionnaire in use, times the real
//! binary on them and reports inputs per second and peak memory (RSS). The workbook is also
//! scored on one thread (`--jobs 1`): reading xlsx must stay above 5,000 rows/s there.
//!
//! ```text
//! cargo bench --bench batch                       # 1,000 and 10,000 inputs, mini questionnaire
//! DXREADY_BENCH_N=50000 cargo bench --bench batch # other sizes (comma-separated allowed)
//! DXREADY_BENCH_Q=embedded cargo bench --bench batch   # the built-in default questionnaire
//! ```
//!
//! Peak RSS comes from `/usr/bin/time -v` when it exists, else from polling the child's
//! `VmHWM` in `/proc/<pid>/status`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use dxready::answers::{AnswerValue, Answers};
use dxready::evaluate::Evaluation;
use dxready::questionnaire::{Kind, Questionnaire};

/// A small deterministic random generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// Valid answers to every question that is asked (conditions only look back, so one pass in
/// interview order settles visibility).
fn random_answers(q: &Questionnaire, i: usize, rng: &mut Rng) -> Answers {
    let assessed_on = jiff::civil::date(2026, 11, 27);
    let mut a = Answers::empty(q, assessed_on, None);
    for qi in 0..q.questions.len() {
        let visible = Evaluation::new(q, &a).visible[qi];
        if !visible {
            continue;
        }
        let question = &q.questions[qi];
        let v = match &question.kind {
            Kind::Single { options } => {
                AnswerValue::Choice(rng.below(options.len() as u64) as usize)
            }
            Kind::Multi { options, .. } => {
                let mut picked: Vec<usize> = (0..options.len())
                    .filter(|&o| !options[o].exclusive && rng.below(2) == 0)
                    .collect();
                if picked.is_empty()
                    && let Some(x) = options.iter().position(|o| o.exclusive)
                {
                    picked.push(x);
                }
                AnswerValue::Choices(picked)
            }
            Kind::YesNo { .. } => AnswerValue::Bool(rng.below(2) == 0),
            Kind::Scale { min, max, .. } => {
                AnswerValue::Int(min + rng.below((max - min + 1) as u64) as i64)
            }
            Kind::Number { min, max, .. } => {
                let lo = min.unwrap_or(0.0);
                let hi = max.unwrap_or(lo + 200.0).min(lo + 1000.0);
                AnswerValue::Number((lo + rng.below((hi - lo) as u64 + 1) as f64).min(hi))
            }
            Kind::Text if question.id == "enterprise_name" => {
                AnswerValue::Text(format!("Công ty TNHH Thương mại Dịch vụ số {i}"))
            }
            Kind::Text => AnswerValue::Text("Ghi chú của doanh nghiệp".into()),
            Kind::Date => AnswerValue::Date(
                jiff::civil::date(2015, 1, 1)
                    .checked_add(jiff::Span::new().days(rng.below(4000) as i64))
                    .unwrap_or(assessed_on),
            ),
        };
        a.values[qi] = Some(v);
    }
    a
}

fn generate(q: &Questionnaire, dir: &Path, n: usize) -> PathBuf {
    let files = dir.join("files");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut header: Vec<String> = q.questions.iter().map(|x| x.id.clone()).collect();
    header.push("assessed_on".into());
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(&header).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory().unwrap();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for i in 0..n {
        let a = random_answers(q, i, &mut rng);
        let sub = files.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&sub).unwrap();
        }
        fs::write(sub.join(format!("e{i:06}.answers.yaml")), a.to_yaml(q)).unwrap();
        let mut row: Vec<String> = q
            .questions
            .iter()
            .enumerate()
            .map(|(qi, x)| {
                a.values[qi]
                    .as_ref()
                    .map(|v| v.to_cell(&x.kind))
                    .unwrap_or_default()
            })
            .collect();
        row.push(a.assessed_on.to_string());
        csv.write_record(&row).unwrap();
        // As a spreadsheet stores them: numbers as numbers, the rest as text.
        for (c, cell) in row.iter().enumerate() {
            let r = i as u32 + 1;
            match cell.parse::<f64>() {
                Ok(n)
                    if !cell.is_empty()
                        && q.questions.get(c).is_some_and(|x| x.id != "tax_code") =>
                {
                    sheet.write_number(r, c as u16, n).unwrap();
                }
                _ if cell.is_empty() => {}
                _ => {
                    sheet.write_string(r, c as u16, cell).unwrap();
                }
            }
        }
    }
    fs::write(dir.join("rows.csv"), csv.into_inner().unwrap()).unwrap();
    book.save(dir.join("rows.xlsx")).unwrap();
    files
}

/// Runs the binary; returns wall time and peak RSS in KiB.
fn run(args: &[String]) -> (Duration, Option<u64>) {
    let exe = env!("CARGO_BIN_EXE_dxready");
    let time = Path::new("/usr/bin/time");
    let start = Instant::now();
    if time.exists() {
        let out = Command::new(time)
            .arg("-v")
            .arg(exe)
            .args(args)
            .output()
            .expect("run dxready");
        let elapsed = start.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "dxready failed: {stderr}");
        let rss = stderr
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|v| v.trim().parse().ok());
        return (elapsed, rss);
    }
    let mut child = Command::new(exe).args(args).spawn().expect("run dxready");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(s) = fs::read_to_string(&status_file)
            && let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = Some(peak.unwrap_or(0).max(kb));
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "dxready failed");
            return (start.elapsed(), peak);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it,
    // and a test run should not spend a minute generating files.
    if !std::env::args().any(|a| a == "--bench") {
        println!("dxready batch benchmark: run it with `cargo bench --bench batch`");
        return;
    }
    let sizes: Vec<usize> = std::env::var("DXREADY_BENCH_N")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let q_arg = std::env::var("DXREADY_BENCH_Q").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini/mini.yaml").into()
    });
    let common: Vec<String> = if q_arg == "embedded" {
        Vec::new()
    } else {
        vec!["-q".into(), q_arg.clone()]
    };
    let setup = dxready::setup::Setup::load(&dxready::setup::Sources {
        questionnaire: (q_arg != "embedded").then(|| PathBuf::from(&q_arg)),
        programs: None,
    })
    .expect("questionnaire");
    let q = &setup.questionnaire;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "dxready batch benchmark: questionnaire `{}` {} ({} questions), {cores} cores",
        q.id,
        q.version,
        q.questions.len()
    );
    println!(
        "{:>8}  {:<14} {:>9} {:>12} {:>10}",
        "inputs", "kind", "seconds", "inputs/s", "peak RSS"
    );
    for &n in &sizes {
        let tmp = tempfile::tempdir().unwrap();
        let files = generate(q, tmp.path(), n);
        for (kind, input, jobs) in [
            ("answer files", files.clone(), None),
            ("CSV rows", tmp.path().join("rows.csv"), None),
            ("xlsx rows", tmp.path().join("rows.xlsx"), None),
            ("xlsx, 1 thread", tmp.path().join("rows.xlsx"), Some("1")),
        ] {
            let out = tmp.path().join("out");
            let mut args = common.clone();
            args.extend([
                "batch".into(),
                input.display().to_string(),
                "--out".into(),
                out.display().to_string(),
                "--quiet".into(),
            ]);
            if let Some(j) = jobs {
                args.extend(["--jobs".into(), j.into()]);
            }
            // Best of three (the first also warms the page cache).
            let mut best: Option<(Duration, Option<u64>)> = None;
            for _ in 0..3 {
                let r = run(&args);
                if best.is_none_or(|b| r.0 < b.0) {
                    best = Some(r);
                }
            }
            let (t, rss) = best.unwrap();
            let rows = fs::read_to_string(out.join("summary.csv"))
                .unwrap()
                .lines()
                .count()
                - 1;
            assert_eq!(rows, n, "every generated input is scored");
            let rss = rss.map_or("?".to_string(), |kb| {
                format!("{:.1} MB", kb as f64 / 1024.0)
            });
            println!(
                "{n:>8}  {kind:<14} {:>9.3} {:>12.0} {rss:>10}",
                t.as_secs_f64(),
                n as f64 / t.as_secs_f64()
            );
        }
    }
}
