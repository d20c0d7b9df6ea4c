//! A batch killed at any instant never leaves two runs mixed: after a complete first run of
//! 1,500 inputs with `--pdf`, runs over other inputs are killed (SIGKILL, some SIGINT) at
//! seeded random points spread over a run, and at the moment outputs are put in place; after
//! each, the output folder holds the previous complete run, the new complete run, or is marked
//! incomplete (no manifest, the marker present) — never a mix. And a full disk (a 4 MiB tmpfs
//! in a user namespace) fails with exit 3 and leaves the previous run as it was.

#![cfg(unix)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

const MANIFEST: &str = "dxready-run.json";
const MARKER: &str = "dxready-run-INCOMPLETE.txt";
const INPUTS: usize = 1500;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dxready")
}

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/mini.yaml")
}

/// A small seeded generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

/// `n` inputs in two CSV files under `dir/<set>/`, named `<set> <i>`; one in 40 fails (a
/// number that is not one), so `errors.csv` has rows too.
fn inputs(dir: &Path, set: &str, n: usize, seed: u64) -> PathBuf {
    let folder = dir.join(set);
    fs::create_dir_all(&folder).unwrap();
    let mut rng = Rng(seed);
    let header = "enterprise_name,founded_on,assessed_on,employees,sector,province,sells_online,channels,online_share,has_certificate,skills,barcodes\n";
    let mut files = [header.to_string(), header.to_string()];
    for i in 0..n {
        let online = rng.pick(&["yes", "no"]);
        let channels = if online == "yes" {
            rng.pick(&["website", "marketplace;social", "none"])
        } else {
            ""
        };
        let employees = if i % 40 == 7 {
            "many".to_string()
        } else {
            (1 + rng.below(200)).to_string()
        };
        files[i % 2].push_str(&format!(
            "Doanh nghiệp {set} {i},2019-0{}-01,2026-11-27,{employees},{},{},{online},{channels},{},{},{},{}\n",
            1 + rng.below(9),
            rng.pick(&["services", "manufacturing"]),
            rng.pick(&["other", "hai_duong_area"]),
            rng.below(101),
            rng.pick(&["valid", "expired", "none"]),
            1 + rng.below(5),
            rng.pick(&["yes", "no"]),
        ));
    }
    for (k, text) in files.iter().enumerate() {
        fs::write(folder.join(format!("part-{k}.csv")), text).unwrap();
    }
    folder
}

fn batch(input: &Path, out: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("-q")
        .arg(mini())
        .arg("--quiet")
        .arg("batch")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("--pdf")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// What a reader finds in the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    /// A complete run: its id and the input set it scored.
    Complete { run: String, set: String },
    /// Marked incomplete: no manifest, the marker there.
    Incomplete,
}

/// The files of the output folder as a reader sees them (hidden staging debris apart).
fn visible_files(out: &Path) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for entry in fs::read_dir(out).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            assert!(
                name.starts_with(".dxready-run-"),
                "a hidden entry dxready did not name as its own: {name}"
            );
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            for e in fs::read_dir(entry.path()).unwrap() {
                let n = e.unwrap().file_name().to_string_lossy().into_owned();
                assert!(!n.starts_with('.'), "a temp file left in {name}/: {n}");
                files.insert(format!("{name}/{n}"));
            }
        } else if name != MANIFEST && name != MARKER {
            files.insert(name);
        }
    }
    files
}

/// Checks the folder: a complete, consistent run, or marked incomplete; panics on a mix.
fn check(out: &Path, context: &str) -> State {
    let Ok(text) = fs::read_to_string(out.join(MANIFEST)) else {
        assert!(
            out.join(MARKER).exists(),
            "{context}: neither a manifest nor the incomplete marker in {}",
            out.display()
        );
        let marker = fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(marker.contains("INCOMPLETE FOLDER"), "{marker}");
        return State::Incomplete;
    };
    let m: serde_json::Value = serde_json::from_str(&text).unwrap();
    let run = m["run"].as_str().unwrap().to_string();
    let mut named = BTreeSet::new();
    for f in m["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        let bytes = fs::read(out.join(path)).unwrap_or_else(|e| {
            panic!("{context}: run {run} names {path}, which is not there: {e}")
        });
        assert_eq!(
            bytes.len() as u64,
            f["bytes"].as_u64().unwrap(),
            "{context}: {path}"
        );
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hash,
            f["sha256"].as_str().unwrap(),
            "{context}: {path} is not run {run}'s"
        );
        named.insert(path.to_string());
    }
    assert_eq!(
        visible_files(out),
        named,
        "{context}: files in the folder that run {run} did not write, or the reverse"
    );
    let summary = csv_rows(&out.join("summary.csv"));
    let errors = csv_rows(&out.join("errors.csv"));
    assert_eq!(
        summary.len() + errors.len(),
        INPUTS,
        "{context}: rows of run {run}"
    );
    assert_eq!(m["inputs"].as_u64(), Some(INPUTS as u64));
    assert_eq!(m["scored"].as_u64(), Some(summary.len() as u64));
    // One input set throughout: every summary and error row comes from it.
    let sets: BTreeSet<String> = summary
        .iter()
        .chain(&errors)
        .map(|r| {
            Path::new(&r["input"])
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(sets.len(), 1, "{context}: inputs of two runs: {sets:?}");
    let set = sets.into_iter().next().unwrap();
    // Every report the summary names is there, and no other.
    let reports: BTreeSet<String> = summary
        .iter()
        .map(|r| format!("reports/{}", r["report"]))
        .collect();
    let present: BTreeSet<String> = named
        .iter()
        .filter(|f| f.starts_with("reports/"))
        .cloned()
        .collect();
    assert_eq!(reports, present, "{context}: reports and summary disagree");
    // The call lists are the summary's.
    for f in named.iter().filter(|f| f.starts_with("programs/")) {
        let id = f.trim_start_matches("programs/").trim_end_matches(".csv");
        let listed: BTreeSet<String> = csv_rows(&out.join(f))
            .iter()
            .map(|r| r["enterprise"].clone())
            .collect();
        let expected: BTreeSet<String> = summary
            .iter()
            .filter(|r| {
                r["duplicate_of"].is_empty() && r["recommended"].split(';').any(|p| p == id)
            })
            .map(|r| r["enterprise"].clone())
            .collect();
        assert_eq!(listed, expected, "{context}: call list {id}");
    }
    State::Complete { run, set }
}

/// Polls for `path` (the marker: the commit has begun) until the child exits.
fn wait_for(child: &mut Child, path: &Path, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if path.exists() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
    false
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(child.id().to_string())
        .status()
        .unwrap()
        .success();
    // The run may have ended just before.
    let _ = ok;
}

#[test]
fn a_batch_killed_at_any_point_never_leaves_two_runs_mixed() {
    let tmp = tempfile::tempdir().unwrap();
    let sets = [
        inputs(tmp.path(), "inA", INPUTS, 11),
        inputs(tmp.path(), "inB", INPUTS, 23),
    ];
    let out = tmp.path().join("out");
    let start = Instant::now();
    let first = batch(&sets[0], &out).output().unwrap();
    let took = start.elapsed();
    assert_eq!(
        first.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let mut last = match check(&out, "first run") {
        s @ State::Complete { .. } => s,
        s => panic!("the first run is not complete: {s:?}"),
    };
    eprintln!("one run of {INPUTS} inputs with --pdf: {took:?}");

    const TRIALS: usize = 20;
    let mut rng = Rng(0x5eed_0013);
    // Stratified over 0–110% of a run, in a shuffled order; every fourth trial instead waits
    // for the commit to begin (the marker) and kills 0–3 ms into it.
    let mut fractions: Vec<f64> = (0..TRIALS)
        .map(|k| (k as f64 + (rng.below(1000) as f64 / 1000.0)) / TRIALS as f64 * 1.1)
        .collect();
    for i in (1..fractions.len()).rev() {
        fractions.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut seen = BTreeMap::new();
    for (trial, fraction) in fractions.iter().enumerate() {
        let set = match &last {
            State::Complete { set, .. } if set == "inA" => 1,
            _ => 0,
        };
        let sig = if trial % 7 == 3 { "INT" } else { "KILL" };
        let mut child = batch(&sets[set], &out).spawn().unwrap();
        let at_commit = trial % 4 == 1;
        if at_commit {
            wait_for(&mut child, &out.join(MARKER), took * 4);
            std::thread::sleep(Duration::from_micros(rng.below(3000)));
        } else {
            std::thread::sleep(took.mul_f64(*fraction));
        }
        signal(&child, sig);
        let status = child.wait().unwrap();
        let context = format!(
            "trial {trial} ({sig} {}, {status})",
            if at_commit {
                "at the commit".to_string()
            } else {
                format!("at {:.0}% of a run", fraction * 100.0)
            }
        );
        let now = check(&out, &context);
        let kind = match (&now, &last) {
            (State::Incomplete, _) => "incomplete",
            (a, b) if a == b => "previous run",
            (State::Complete { set: s, .. }, _) => {
                assert_eq!(
                    s,
                    &sets[set].file_name().unwrap().to_string_lossy(),
                    "{context}"
                );
                "new run"
            }
        };
        *seen.entry(kind).or_insert(0) += 1;
        if let State::Complete { .. } = now {
            last = now;
        }
    }
    eprintln!("after {TRIALS} kills: {seen:?}");
    // The next run cleans up whatever the kills left and completes.
    let set = match &last {
        State::Complete { set, .. } if set == "inA" => 1,
        _ => 0,
    };
    let done = batch(&sets[set], &out).output().unwrap();
    assert_eq!(
        done.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(matches!(check(&out, "final run"), State::Complete { .. }));
    let hidden: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n == MARKER)
        .collect();
    assert!(hidden.is_empty(), "debris after a complete run: {hidden:?}");
}

/// A real full disk: a 4 MiB tmpfs mounted in a user and mount namespace (`unshare -rm`).
#[test]
fn a_full_disk_fails_with_exit_3_and_keeps_the_previous_run() {
    let usable = Command::new("unshare")
        .args(["-rm", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !usable {
        let why = "`unshare -rm` is not available (no user namespaces), so no small file system can be mounted without root";
        if std::env::var_os("DXREADY_FULL_TESTS").is_some_and(|v| v == "1") {
            panic!("{why}");
        }
        eprintln!("skipped: {why}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let small = inputs(tmp.path(), "small", 10, 5);
    let big = inputs(tmp.path(), "big", 400, 6);
    let t = tmp.path();
    let q = mini();
    let run = |input: &Path, n: u32| {
        format!(
            "'{bin}' -q '{q}' --quiet batch '{input}' --out '{t}/mnt/out' --pdf 2>'{t}/err{n}'; echo $? >'{t}/rc{n}'; cp -a '{t}/mnt/out' '{t}/snap{n}'",
            bin = bin(),
            q = q.display(),
            input = input.display(),
            t = t.display()
        )
    };
    let script = format!(
        "mkdir '{t}/mnt' && mount -t tmpfs -o size=4m tmpfs '{t}/mnt' || exit 1; {}; {}; {}",
        run(&small, 1),
        run(&big, 2),
        run(&small, 3),
        t = t.display()
    );
    let status = Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .status()
        .unwrap();
    assert!(status.success());
    let rc = |n: u32| {
        fs::read_to_string(t.join(format!("rc{n}")))
            .unwrap()
            .trim()
            .to_string()
    };
    let err = |n: u32| fs::read_to_string(t.join(format!("err{n}"))).unwrap();
    assert_eq!(rc(1), "1", "{}", err(1));
    assert_eq!(rc(2), "3", "{}", err(2));
    assert!(err(2).contains("No space left on device"), "{}", err(2));
    assert!(err(2).contains("left as they were"), "{}", err(2));
    // The previous run, whole: the same manifest, every file as it names.
    let m1 = fs::read_to_string(t.join("snap1").join(MANIFEST)).unwrap();
    let m2 = fs::read_to_string(t.join("snap2").join(MANIFEST)).unwrap();
    assert_eq!(m1, m2);
    let names = |n: u32| -> Vec<String> {
        fs::read_dir(t.join(format!("snap{n}")))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert!(
        names(2).iter().all(|n| !n.starts_with('.') && n != MARKER),
        "{:?}",
        names(2)
    );
    for f in serde_json::from_str::<serde_json::Value>(&m2).unwrap()["files"]
        .as_array()
        .unwrap()
    {
        let bytes = fs::read(t.join("snap2").join(f["path"].as_str().unwrap())).unwrap();
        assert_eq!(bytes.len() as u64, f["bytes"].as_u64().unwrap());
    }
    // With room again, the next run completes.
    assert_eq!(rc(3), "1", "{}", err(3));
    assert!(names(3).iter().any(|n| n == MANIFEST) && !names(3).iter().any(|n| n.starts_with('.')));
}
