//! The language review's points (domain.md "Wording"): one term for pillars, one register,
//! the interview's and the report's own words, and `questionnaire show` in Vietnamese with
//! no English in it.

use assert_cmd::Command;
use dxready::words::interview::{EN, VI};

fn dxready(args: &[&str]) -> String {
    let o = Command::cargo_bin("dxready")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn questionnaire_show_in_vietnamese_prints_no_english() {
    let text = dxready(&["questionnaire", "show"]);
    for english in [
        " and ",
        " or ",
        "(single",
        "(multi",
        "(yesno",
        "(scale",
        "(number",
        "max ",
        "Dimension",
        "Profile",
        "weight",
        "asked if",
        "applies if",
        "otherwise",
    ] {
        assert!(
            !text.contains(english),
            "{english:?} in `questionnaire show`"
        );
    }
    assert!(text.contains("Trụ cột 1. Lãnh đạo và chiến lược số [leadership]"));
    assert!(text.contains("(chọn một, tối đa 3 điểm)"));
    assert!(text.contains(" và employees ≤ 10 và (revenue ≤ 3 hoặc capital ≤ 3)"));
    // In English it stays English.
    let en = dxready(&["--lang", "en", "questionnaire", "show"]);
    assert!(en.contains("Pillar 1. Leadership and digital strategy [leadership]"));
    assert!(en.contains("(single, max 3)"));
}

#[test]
fn the_interview_speaks_one_register_and_says_phim_cach_and_xuat_bao_cao() {
    let all = format!("{VI:?}");
    assert!(!all.contains("bạn") && !all.contains("Bạn"), "{all}");
    assert!(VI.keys_multi.contains("Phím cách"));
    assert!(VI.offer_report.starts_with("Xuất báo cáo"));
    assert_eq!(VI.err_below, "Giá trị phải từ {min} trở lên.");
    assert_eq!(EN.err_below, "The value must be {min} or more.");
}

#[test]
fn reports_say_tru_cot_and_percentages_without_a_space() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.md");
    dxready(&[
        "report",
        "examples/an-phat-thanh-ha.answers.yaml",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("trụ cột"));
    assert!(!md.contains("lĩnh vực nào") && !md.contains("theo lĩnh vực"));
    assert!(md.contains("| 15% |"), "the online share reads 15%");
    assert!(!md.contains("15 %"));
    // English level names as reviewed.
    let en = dxready(&[
        "--lang",
        "en",
        "score",
        "examples/an-phat-thanh-ha-t0.answers.yaml",
    ]);
    assert!(en.contains("Initiating") || en.contains("Emerging"), "{en}");
    assert!(
        !en.contains("Starting") && !en.contains("Beginning"),
        "{en}"
    );
}
