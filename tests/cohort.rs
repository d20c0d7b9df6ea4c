//! The cohort report and the call lists an agency acts on (report.md "The cohort report",
//! cli.md "Batch"): `cohort.pdf` by default, at most 8 pages for 5,000 enterprises, and each
//! `programs/<id>.csv` lists exactly the enterprises whose `recommended` has that id.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;

fn dxready() -> Command {
    Command::cargo_bin("dxready").expect("binary built")
}

fn csv_table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let h = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (h, rows)
}

/// `n` enterprises: the rows of examples/enterprises.csv in turn, each with its own name,
/// tax code and province.
fn big_csv(path: &Path, n: usize) {
    let (h, rows) = csv_table(Path::new("examples/enterprises.csv"));
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (name, tax, province) = (col("enterprise_name"), col("tax_code"), col("province"));
    let provinces: BTreeSet<String> = rows.iter().map(|r| r[province].clone()).collect();
    let provinces: Vec<String> = provinces.into_iter().collect();
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(&h).unwrap();
    for i in 0..n {
        let mut r = rows[i % rows.len()].clone();
        r[name] = format!("Doanh nghiệp {i:04} {}", r[name]);
        r[tax] = format!("08{i:08}");
        r[province] = provinces[(i / rows.len()) % provinces.len()].clone();
        w.write_record(&r).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn five_thousand_enterprises_give_a_short_cohort_pdf_and_exact_call_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("big.csv");
    big_csv(&input, 5000);
    let out = tmp.path().join("out");
    let o = dxready()
        .args(["batch", input.to_str().unwrap(), "--no-xlsx", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // cohort.pdf is the default.
    let doc = lopdf::Document::load(out.join("cohort.pdf")).expect("a readable cohort.pdf");
    let pages = doc.get_pages();
    assert!(pages.len() <= 8, "{} pages", pages.len());
    let text: String = pages
        .keys()
        .map(|p| doc.extract_text(&[*p]).unwrap())
        .collect::<String>()
        .split_whitespace()
        .collect();
    for needle in [
        "Báocáonhómdoanhnghiệp",
        "Phânbốmứcsẵnsàng",
        "Trungvịtheotrụcột",
        "Theongành",
        "Theoquymô",
        "Theotỉnh/thànhphố",
        "Theoloạihình",
        "10doanhnghiệpđiểmcaonhất",
        "10doanhnghiệpđiểmthấpnhất",
        "summary.csv",
    ] {
        assert!(text.contains(needle), "no {needle:?} in the cohort report");
    }
    assert!(!out.join("cohort.md").exists());

    let (h, summary) = csv_table(&out.join("summary.csv"));
    assert_eq!(summary.len(), 5000);
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (rec, tax, dup) = (col("recommended"), col("tax_code"), col("duplicate_of"));
    for program in ["hd-digital-signature-50", "nd80-solutions"] {
        let expected: BTreeSet<String> = summary
            .iter()
            .filter(|r| r[dup].is_empty() && r[rec].split(';').any(|p| p == program))
            .map(|r| r[tax].clone())
            .collect();
        assert!(!expected.is_empty(), "{program} is recommended to someone");
        let (lh, list) = csv_table(&out.join(format!("programs/{program}.csv")));
        let ltax = lh.iter().position(|x| x == "tax_code").unwrap();
        let listed: Vec<String> = list.iter().map(|r| r[ltax].clone()).collect();
        assert_eq!(
            listed.len(),
            expected.len(),
            "{program}: each enterprise once"
        );
        assert_eq!(
            listed.into_iter().collect::<BTreeSet<_>>(),
            expected,
            "{program}"
        );
        assert!(lh.contains(&"reasons".to_string()) && lh.contains(&"contact".to_string()));
    }
}
