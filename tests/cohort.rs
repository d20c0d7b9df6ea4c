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

fn batch(args: &[&str], out: &Path) {
    batch_xlsx(&[args, &["--no-xlsx"]].concat(), out);
}

/// `batch` with the workbook (`summary.xlsx`, the default).
fn batch_xlsx(args: &[&str], out: &Path) {
    let o = dxready()
        .arg("batch")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn compare_pairs_by_tax_code_and_shows_t0_to_t1() {
    let tmp = tempfile::tempdir().unwrap();
    let (t0, t1) = (tmp.path().join("t0"), tmp.path().join("t1"));
    batch(
        &[
            "examples/an-phat-thanh-ha-t0.answers.yaml",
            "examples/garment-medium.answers.yaml",
        ],
        &t0,
    );
    let previous = t0.join("summary.csv");
    batch_xlsx(
        &[
            "examples/an-phat-thanh-ha.answers.yaml",
            "examples/chu-dau-ceramics.answers.yaml",
            "--cohort-format",
            "md",
            "--compare",
            previous.to_str().unwrap(),
        ],
        &t1,
    );
    let (h0, before) = csv_table(&previous);
    let (h, now) = csv_table(&t1.join("summary.csv"));
    let col = |h: &[String], n: &str| h.iter().position(|x| x == n).unwrap();
    assert_eq!(
        h[col(&h, "duplicate_of") + 1..3 + col(&h, "duplicate_of")],
        ["previous_overall", "previous_level"]
    );
    // Thanh Hà (same tax code): the deltas are now minus then, from the two summaries.
    let (a0, a1) = (&before[0], &now[0]);
    assert_eq!(a1[col(&h, "previous_overall")], a0[col(&h0, "overall")]);
    assert_eq!(a1[col(&h, "previous_level")], a0[col(&h0, "level")]);
    for d in ["overall", "leadership", "digital_signature"] {
        let then: f64 = a0[col(&h0, d)].parse().unwrap();
        let later: f64 = a1[col(&h, d)].parse().unwrap();
        let delta: f64 = a1[col(&h, &format!("delta_{d}"))].parse().unwrap();
        assert!(
            (delta - (later - then)).abs() <= 0.011,
            "{d}: {delta} vs {later} − {then}"
        );
    }
    // Chu Đậu was not in the earlier batch: empty cells.
    assert_eq!(now[1][col(&h, "delta_overall")], "");
    let md = std::fs::read_to_string(t1.join("cohort.md")).unwrap();
    assert!(md.contains("## Tiến bộ so với lần trước (T0 → T1)"), "{md}");
    assert!(
        md.contains("1 doanh nghiệp có trong bảng tổng hợp lần trước; 1 doanh nghiệp mới"),
        "{md}"
    );
    assert!(md.contains("| 1 | 0 | 0 | \\+23,4 |"), "{md}");

    // summary.xlsx carries the same cells, as numbers, under headers in the report's language.
    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto(t1.join("summary.xlsx")).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<Vec<calamine::Data>> = sheet.rows().map(<[_]>::to_vec).collect();
    let head: Vec<String> = cells[0].iter().map(ToString::to_string).collect();
    let at = |name: &str| {
        head.iter()
            .position(|x| x == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {head:?}"))
    };
    let number = |row: usize, name: &str| match &cells[row][at(name)] {
        calamine::Data::Float(f) => Some(*f),
        calamine::Data::Int(i) => Some(*i as f64),
        calamine::Data::Empty => None,
        other => panic!("{name}: {other:?} is not a number"),
    };
    let csv_number = |row: usize, name: &str| now[row][col(&h, name)].parse::<f64>().ok();
    for (xlsx, csv) in [
        ("Điểm kỳ trước", "previous_overall"),
        ("Mức kỳ trước", "previous_level"),
        ("Thay đổi điểm tổng", "delta_overall"),
        ("Thay đổi: Lãnh đạo và chiến lược số", "delta_leadership"),
    ] {
        for row in 0..2 {
            let (a, b) = (number(row + 1, xlsx), csv_number(row, csv));
            assert_eq!(a.is_some(), b.is_some(), "{xlsx}, row {row}");
            if let (Some(a), Some(b)) = (a, b) {
                assert!((a - b).abs() <= 0.006, "{xlsx}, row {row}: {a} vs {b}");
            }
        }
    }
}

#[test]
fn batch_benchmark_compares_every_report_with_the_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    batch(&["examples/enterprises.csv", "--pdf", "--benchmark"], &out);
    let (h, rows) = csv_table(&out.join("summary.csv"));
    let report = h.iter().position(|x| x == "report").unwrap();
    let n = rows.len();
    for r in &rows {
        let doc = lopdf::Document::load(out.join("reports").join(&r[report])).unwrap();
        let text: String = doc
            .get_pages()
            .keys()
            .map(|p| doc.extract_text(&[*p]).unwrap())
            .collect::<String>()
            .split_whitespace()
            .collect();
        assert!(
            // Each report in its answers' language.
            text.contains(&format!("Trungvịcủa{n}doanhnghiệptrongtoànbộtệpsosánh"))
                || text.contains(&format!("Medianof{n}enterprisesinthewholecomparisonfile")),
            "{}: {text}",
            r[report]
        );
    }
    let o = dxready()
        .args(["batch", "examples/enterprises.csv", "--benchmark", "--out"])
        .arg(tmp.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("needs --pdf"));
}
