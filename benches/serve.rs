//! Load benchmark of `dxready serve` (release build), driven from this process over loopback
//! while the server runs in its own process, as in a workshop hall:
//!
//! 1. start-up with 2,000 answers files in the workspace (1,700 finished, 300 new
//!    participants'), and the resident memory after it;
//! 2. 300 participants answering at once, each viewing a page and saving it every few seconds
//!    (1–4 s, as people read and tap): p50/p99 latency per page type, errors;
//! 3. throughput: 16 clients saving pages back to back for a few seconds → saves per second;
//! 4. a participant's PDF report (p50/p99 of 50 in a row);
//! 5. resident memory at the end.
//!
//! ```text
//! cargo bench --bench serve
//! DXREADY_BENCH_SECS=60 cargo bench --bench serve   # another length of the participant phase (default 60 s)
//! ```
//! Latencies are measured by the client (request written → response read), so they include
//! loopback and the client's own scheduling on the same 2 cores.

#[path = "../tests/support/serve.rs"]
mod support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dxready::setup::{Setup, Sources};
use support::*;

const PARTICIPANTS: usize = 300;
const FINISHED: usize = 1700;

fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Ids of the server's own form: 32 characters of a-z2-7, made from a counter.
fn id(prefix: char, n: usize) -> String {
    const A: &[u8] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut s = String::from(prefix);
    let mut x = n as u64 * 2_654_435_761 + 12_345;
    while s.len() < 32 {
        s.push(A[(x % 32) as usize] as char);
        x /= 32;
        if x == 0 {
            x = n as u64 + 7 + s.len() as u64;
        }
    }
    s
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[k.min(sorted.len() - 1)]
}

#[derive(Default)]
struct Stats {
    ms: BTreeMap<&'static str, Vec<f64>>,
    errors: usize,
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed().as_secs_f64() * 1000.0)
}

fn main() {
    let secs: u64 = std::env::var("DXREADY_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let q = Arc::new(Setup::load(&Sources::default()).unwrap().questionnaire);
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let answers = ws.join("answers");
    std::fs::create_dir_all(&answers).unwrap();
    let example = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/an-phat-thanh-ha.answers.yaml"),
    )
    .unwrap();
    for n in 0..FINISHED {
        let text = example.replace(
            "Công ty TNHH Thực phẩm An Phát Thanh Hà",
            &format!("Công ty TNHH Thử tải số {n}"),
        );
        std::fs::write(answers.join(format!("{}.answers.yaml", id('f', n))), text).unwrap();
    }
    let empty = format!(
        "format: 1\nquestionnaire: {{ id: {}, version: \"{}\" }}\nassessed_on: 2026-11-27\nlanguage: vi\nanswers: {{}}\n",
        q.id, q.version
    );
    let participants: Vec<String> = (0..PARTICIPANTS).map(|n| id('p', n)).collect();
    for p in &participants {
        std::fs::write(answers.join(format!("{p}.answers.yaml")), &empty).unwrap();
    }

    // 1. Start-up.
    let (server, startup) = timed(|| Server::start(&ws, &[], &["--max-sessions", "5000"]));
    let pid = server.child.id();
    let rss_start = rss_mb(pid);
    println!(
        "start-up with {} answers files: {startup:.0} ms, RSS {rss_start:.1} MB",
        FINISHED + PARTICIPANTS
    );

    // 2. 300 participants, each a page every few seconds.
    let stats = Arc::new(Mutex::new(Stats::default()));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let base = server.base.clone();
    let workers: Vec<_> = participants
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let (q, stats, base, p) = (q.clone(), stats.clone(), base.clone(), p.clone());
            std::thread::spawn(move || {
                let agent = agent();
                let mut seed = k as u64 * 7919 + 1;
                let mut pause = || {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    Duration::from_millis(1000 + seed % 3000)
                };
                // Spread the first requests over the first seconds, as people arrive.
                std::thread::sleep(Duration::from_millis((k as u64 * 13) % 3000));
                let mut next = format!("/s/{p}/p/0");
                let mut local: Vec<(&'static str, f64)> = Vec::new();
                let mut errors = 0;
                while Instant::now() < deadline {
                    let url = format!("{base}{next}");
                    let (r, ms) = timed(|| agent.get(&url).call());
                    let html = match r {
                        Ok(mut r) if r.status() == 200 => {
                            r.body_mut().read_to_string().unwrap_or_default()
                        }
                        _ => {
                            errors += 1;
                            break;
                        }
                    };
                    local.push(("view", ms));
                    std::thread::sleep(pause());
                    let fields = fill_page(&q, &html, &format!("Người tham gia {k}"), &[]);
                    let (r, ms) = timed(|| {
                        agent
                            .post(&url)
                            .send_form(fields.iter().map(|(a, b)| (a.as_str(), b.as_str())))
                    });
                    match r {
                        Ok(r) if r.status() == 303 => {
                            local.push(("save", ms));
                            let loc = r
                                .headers()
                                .get("location")
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("")
                                .to_string();
                            if loc.contains("/review") {
                                let (r, ms) =
                                    timed(|| agent.get(&format!("{base}/s/{p}/review")).call());
                                if r.map(|r| r.status() == 200).unwrap_or(false) {
                                    local.push(("review", ms));
                                } else {
                                    errors += 1;
                                }
                                let (r, ms) =
                                    timed(|| agent.get(&format!("{base}/s/{p}/result")).call());
                                if r.map(|r| r.status() == 200).unwrap_or(false) {
                                    local.push(("result", ms));
                                } else {
                                    errors += 1;
                                }
                                next = format!("/s/{p}/p/0");
                            } else {
                                next = loc;
                            }
                        }
                        _ => errors += 1,
                    }
                }
                let mut s = stats.lock().unwrap();
                for (kind, ms) in local {
                    s.ms.entry(kind).or_default().push(ms);
                }
                s.errors += errors;
            })
        })
        .collect();
    let mut rss_peak: f64 = 0.0;
    while Instant::now() < deadline {
        rss_peak = rss_peak.max(rss_mb(pid));
        std::thread::sleep(Duration::from_millis(500));
    }
    for w in workers {
        w.join().unwrap();
    }
    let stats = Arc::try_unwrap(stats).ok().unwrap().into_inner().unwrap();
    println!(
        "{PARTICIPANTS} participants for {secs} s (a page every 1–4 s each), errors: {}",
        stats.errors
    );
    println!(
        "  {:<8} {:>7} {:>8} {:>8}",
        "page", "count", "p50 ms", "p99 ms"
    );
    for (kind, mut v) in stats.ms {
        v.sort_by(f64::total_cmp);
        println!(
            "  {kind:<8} {:>7} {:>8.2} {:>8.2}",
            v.len(),
            percentile(&v, 0.5),
            percentile(&v, 0.99)
        );
    }
    println!("  RSS during the run: peak {rss_peak:.1} MB");

    // 3. Throughput: 16 clients saving back to back.
    let burst = Duration::from_secs(5);
    let until = Instant::now() + burst;
    let clients: Vec<_> = participants[..16]
        .iter()
        .map(|p| {
            let (q, base, p) = (q.clone(), base.clone(), p.clone());
            std::thread::spawn(move || {
                let agent = agent();
                let url = format!("{base}/s/{p}/p/1");
                let html = agent
                    .get(&url)
                    .call()
                    .unwrap()
                    .body_mut()
                    .read_to_string()
                    .unwrap();
                let fields = fill_page(&q, &html, "", &[]);
                let (mut ok, mut bad) = (0usize, 0usize);
                while Instant::now() < until {
                    match agent
                        .post(&url)
                        .send_form(fields.iter().map(|(a, b)| (a.as_str(), b.as_str())))
                    {
                        Ok(r) if r.status() == 303 => ok += 1,
                        _ => bad += 1,
                    }
                }
                (ok, bad)
            })
        })
        .collect();
    let (mut ok, mut bad) = (0, 0);
    for c in clients {
        let (o, b) = c.join().unwrap();
        ok += o;
        bad += b;
    }
    println!(
        "throughput, 16 clients saving back to back for {} s: {:.0} saves/s, errors {bad}",
        burst.as_secs(),
        ok as f64 / burst.as_secs_f64()
    );

    // 4. A participant's PDF report.
    let finished = id('f', 0);
    let agent = agent();
    let mut pdf = Vec::new();
    for _ in 0..50 {
        let (r, ms) = timed(|| {
            agent
                .get(&format!("{base}/s/{finished}/report.pdf"))
                .call()
                .unwrap()
                .body_mut()
                .read_to_vec()
                .unwrap()
        });
        assert!(r.starts_with(b"%PDF"));
        pdf.push(ms);
    }
    pdf.sort_by(f64::total_cmp);
    println!(
        "participant PDF report (50 in a row): p50 {:.1} ms, p99 {:.1} ms",
        percentile(&pdf, 0.5),
        percentile(&pdf, 0.99)
    );
    println!("RSS at the end: {:.1} MB", rss_mb(pid));
}
