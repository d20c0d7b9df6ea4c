//! Reviewed output (issue 9, item 5): insta snapshots of the Markdown and HTML reports of
//! every example and of a cohort report, so a change in what a reader gets shows up in review
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test snapshots` to accept);
//! and `qpdf --check` on the PDF of every example and on a cohort.pdf.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

fn dxready() -> Command {
    Command::cargo_bin("dxready").expect("binary built")
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
    files
}

/// `2026.1-garment-medium` for `examples/2026.1/garment-medium.answers.yaml`.
fn snapshot_name(f: &Path) -> String {
    let stem = f
        .file_name()
        .unwrap()
        .to_string_lossy()
        .trim_end_matches(".answers.yaml")
        .to_string();
    match f.parent().and_then(|p| p.file_name()) {
        Some(d) if d != "examples" => format!("{}-{stem}", d.to_string_lossy()),
        _ => stem,
    }
}

fn report(f: &Path, format: &str, out: &Path) -> Vec<u8> {
    let o = dxready()
        .args(["report", f.to_str().unwrap(), "--format", format, "-o"])
        .arg(out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}: {}",
        f.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(out).unwrap()
}

#[test]
fn markdown_and_html_reports_of_every_example() {
    let dir = tempfile::tempdir().unwrap();
    for f in examples() {
        let name = snapshot_name(&f);
        let md = String::from_utf8(report(&f, "md", &dir.path().join("r.md"))).unwrap();
        insta::assert_snapshot!(format!("report-{name}.md"), md);
        let html = String::from_utf8(report(&f, "html", &dir.path().join("r.html"))).unwrap();
        insta::assert_snapshot!(format!("report-{name}.html"), html);
    }
}

#[test]
fn cohort_markdown_of_the_examples() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = dxready()
        .args([
            "batch",
            "examples/enterprises.csv",
            "examples/2026.1/enterprises.csv",
            "--cohort-format",
            "md",
            "--no-xlsx",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(out.join("cohort.md")).unwrap();
    insta::assert_snapshot!("cohort.md", md);
}

/// Whether `qpdf` runs; without it the test skips (and fails under DXREADY_FULL_TESTS=1).
fn qpdf_available() -> bool {
    let ok = Process::new("qpdf")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("DXREADY_FULL_TESTS").as_deref() == Ok("1") {
            panic!("DXREADY_FULL_TESTS=1 but qpdf is not installed (apt-get install qpdf)");
        }
        eprintln!("skipped: qpdf is not installed, so the PDFs are not checked with qpdf --check");
    }
    ok
}

fn qpdf_check(pdf: &Path) {
    let o = Process::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    // Exit 0: no problem; 3: warnings only. Both are reported: a warning is a defect too.
    assert!(
        o.status.success() && !text.contains("WARNING"),
        "qpdf --check {}: {text}",
        pdf.display()
    );
    assert!(
        text.contains("No syntax or stream encoding errors"),
        "{text}"
    );
}

#[test]
fn every_example_pdf_passes_qpdf_check() {
    if !qpdf_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for f in examples() {
        let out = dir.path().join(format!("{}.pdf", snapshot_name(&f)));
        report(&f, "pdf", &out);
        qpdf_check(&out);
    }
    // With the comparison and the appendix.
    let out = dir.path().join("compare.pdf");
    let o = dxready()
        .args([
            "report",
            "examples/an-phat-thanh-ha.answers.yaml",
            "--compare",
            "examples/an-phat-thanh-ha-t0.answers.yaml",
            "--appendix",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    qpdf_check(&out);
    let batch = dir.path().join("batch");
    let o = dxready()
        .args(["batch", "examples/enterprises.csv", "--no-xlsx", "--out"])
        .arg(&batch)
        .output()
        .unwrap();
    assert!(o.status.success());
    qpdf_check(&batch.join("cohort.pdf"));
}
