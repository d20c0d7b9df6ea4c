//! `dxready report`: content of the Markdown and HTML outputs, escaping of answer text,
//! user templates, the T0 → T1 comparison and byte-identical output.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const T1: &str = "examples/an-phat-thanh-ha.answers.yaml";
const T0: &str = "examples/an-phat-thanh-ha-t0.answers.yaml";
/// The same enterprise's first assessment, answered to questionnaire version 2026.1.
const T0_2026_1: &str = "examples/2026.1/an-phat-thanh-ha-t0.answers.yaml";

fn dxready() -> Command {
    Command::cargo_bin("dxready").expect("binary built")
}

fn report(args: &[&str], out: &Path) -> String {
    let o = dxready()
        .args(["report"])
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn markdown_report_has_every_section() {
    let dir = TempDir::new().unwrap();
    let md = report(&[T1, "--format", "md"], &dir.path().join("r.md"));
    for needle in [
        "# Báo cáo đánh giá mức độ sẵn sàng chuyển đổi số",
        "Công ty TNHH Thực phẩm An Phát Thanh Hà",
        "27/11/2026",
        "sme-dx-readiness 2026.2",
        "> **Điểm tổng: 34,1/100** · Mức 2 – **Bắt đầu**",
        "> Ở mức này,",
        "**Điểm theo trụ cột**",
        "## 3 việc cần làm ngay",
        "## Chương trình hỗ trợ nên đăng ký",
        "**Việc nên làm tiếp**",
        // A yes/no strength reads as a statement, not "…không?: Có".
        "**Đã làm được:** Doanh nghiệp có bán hàng hoặc nhận đơn hàng qua kênh trực tuyến.",
        "## Chương trình hỗ trợ phù hợp",
        "### 1. Hỗ trợ 50% chi phí chứng thực chữ ký số",
        "20/05/2026 (6 tháng trước ngày đánh giá, trong vòng 12 tháng)",
        "*Đã công bố năm 2021 — cần xác nhận với Sở Khoa học và Công nghệ TP Hải Phòng.*",
        "*Dự thảo — chưa được ban hành",
        "## Kế hoạch hành động",
        "tăng tối đa 2,1 điểm tổng)*",
        // Reasons in words an owner reads, not a formula.
        "Mức sẵn sàng số còn thấp (34,1/100)",
        "## Phụ lục: câu trả lời",
    ] {
        assert!(md.contains(needle), "missing {needle:?}");
    }
    for gone in [
        "lĩnh vực",
        "Lĩnh vực cần",
        "Điểm còn thiếu",
        "không?: Có",
        "trước đây là Bộ",
    ] {
        assert!(!md.contains(gone), "still there: {gone:?}");
    }
    // The DBI disclaimer, once.
    assert_eq!(
        md.matches("thang mức của dxready, không phải kết quả đánh giá DBI chính thức")
            .count(),
        1
    );
    // Legal obligations lead the action plan: the firm's own digital signature is among the
    // first three steps.
    let plan = &md[md.find("## Kế hoạch hành động").unwrap()..];
    let first_three: Vec<&str> = plan
        .lines()
        .filter(|l| l.starts_with(['1', '2', '3']))
        .take(3)
        .collect();
    assert!(
        first_three.iter().all(|l| l.contains("**[Bắt buộc]**")),
        "{first_three:?}"
    );
    assert!(
        first_three
            .iter()
            .any(|l| l.contains("chứng thư chữ ký số")),
        "{first_three:?}"
    );
    // Charts become tables in the md output; no directive is left behind.
    assert!(!md.contains("```chart"));
}

#[test]
fn english_report() {
    let dir = TempDir::new().unwrap();
    let md = report(
        &[T1, "--format", "md", "--lang", "en"],
        &dir.path().join("r.md"),
    );
    assert!(md.contains("# Digital transformation readiness report"));
    assert!(md.contains("Recommended support programs"));
    assert!(md.contains("6 months before the assessment, within 12"));
}

#[test]
fn html_is_self_contained_and_escapes_answer_text() {
    let dir = TempDir::new().unwrap();
    let src = std::fs::read_to_string(T1).unwrap().replace(
        "enterprise_name: \"Công ty TNHH Thực phẩm An Phát Thanh Hà\"",
        "enterprise_name: \"*Công ty* <b>bold</b> <script>alert(1)</script> & [x](javascript:y)\"",
    );
    let f = dir.path().join("evil.answers.yaml");
    std::fs::write(&f, src).unwrap();
    let html = report(
        &[f.to_str().unwrap(), "--format", "html"],
        &dir.path().join("r.html"),
    );
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains("<svg"));
    assert!(!html.contains("<script>"), "answer text must be escaped");
    assert!(!html.contains("<b>bold"), "answer text must be escaped");
    assert!(html.contains("*Công ty* &lt;b&gt;bold&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; [x](javascript:y)"), "{}", &html[..2000.min(html.len())]);
    assert!(!html.contains("href=\"javascript"));
    let md = report(
        &[f.to_str().unwrap(), "--format", "md"],
        &dir.path().join("r.md"),
    );
    assert!(md.contains("\\*Công ty\\* \\<b\\>bold\\</b\\>"));
}

#[test]
fn user_template_overrides_the_embedded_one() {
    let dir = TempDir::new().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::write(tpl.join("report.md.tera"), "# Tỉnh {{ enterprise.name }}\n\n{{ overall.score_text }} {% for p in recommended %}[{{ p.id }}]{% endfor %}\n").unwrap();
    let md = report(
        &[T1, "--format", "md", "--templates", tpl.to_str().unwrap()],
        &dir.path().join("r.md"),
    );
    assert!(md.starts_with("# Tỉnh Công ty TNHH Thực phẩm An Phát Thanh Hà"));
    assert!(md.contains("34,1") && md.contains("[hd-digital-signature-50]"));
    // A broken template is an input error naming the file.
    std::fs::write(tpl.join("report.md.tera"), "{% for x in %}").unwrap();
    let o = dxready()
        .args([
            "report",
            T1,
            "--format",
            "md",
            "--templates",
            tpl.to_str().unwrap(),
            "-o",
        ])
        .arg(dir.path().join("x.md"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("report.md.tera: template error"));
    assert!(!dir.path().join("x.md").exists(), "no half-written output");
}

#[test]
fn comparison_shows_progress_with_signs() {
    let dir = TempDir::new().unwrap();
    let md = report(
        &[T1, "--format", "md", "--compare", T0],
        &dir.path().join("r.md"),
    );
    assert!(md.contains("## Tiến bộ so với lần đánh giá trước"));
    assert!(
        md.contains("| **Điểm tổng** | 10,6 | 34,1 | +23,4 |"),
        "{md}"
    );
    assert!(!md.contains("hai phiên bản bộ câu hỏi"));
}

#[test]
fn comparison_across_questionnaire_versions_matches_pillars_by_id() {
    let dir = TempDir::new().unwrap();
    let md = report(
        &[T1, "--format", "md", "--compare", T0_2026_1],
        &dir.path().join("r.md"),
    );
    assert!(
        md.contains("hai phiên bản bộ câu hỏi (2026.1 và 2026.2)"),
        "{md}"
    );
    // Scored with its own version: 13,5 is the 2026.1 T0 overall.
    assert!(
        md.contains("| **Điểm tổng** | 13,5 | 34,1 | +20,6 |"),
        "{md}"
    );
    // Same pillar, both versions; the pillar new in 2026.2 is shown as new.
    assert!(
        md.contains("| Lãnh đạo và chiến lược số | 9,7 | 50,0 | +40,3 |"),
        "{md}"
    );
    assert!(
        md.contains("| Dữ liệu và trí tuệ nhân tạo | mới | 27,8 | — |"),
        "{md}"
    );
    // And the other way round, the pillar is dropped.
    let back = report(
        &[
            "examples/2026.1/an-phat-thanh-ha.answers.yaml",
            "--format",
            "md",
            "--compare",
            T0,
            "--lang",
            "en",
        ],
        &dir.path().join("back.md"),
    );
    assert!(
        back.contains("| Data and artificial intelligence | 0.0 | dropped | — |"),
        "{back}"
    );
}

#[test]
fn outputs_are_byte_identical_across_runs() {
    let dir = TempDir::new().unwrap();
    for fmt in ["md", "html"] {
        let a = report(&[T1, "--format", fmt], &dir.path().join(format!("a.{fmt}")));
        let b = report(&[T1, "--format", fmt], &dir.path().join(format!("b.{fmt}")));
        assert_eq!(a, b, "{fmt}");
    }
}

#[test]
fn default_output_name_comes_from_the_enterprise() {
    let dir = TempDir::new().unwrap();
    let o = dxready()
        .current_dir(dir.path())
        .args([
            "report",
            &format!("{}/{T1}", env!("CARGO_MANIFEST_DIR")),
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        dir.path()
            .join("cong-ty-tnhh-thuc-pham-an-phat-thanh-ha.html")
            .is_file()
    );
}

#[test]
fn explain_template_prints_the_view_model() {
    let o = dxready()
        .args(["report", T1, "--explain-template"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["enterprise"]["name"],
        "Công ty TNHH Thực phẩm An Phát Thanh Hà"
    );
    assert!(v["dimensions"].as_array().unwrap().len() == 8);
    assert_eq!(v["recommended"][0]["id"], "hd-digital-signature-50");
    assert_eq!(v["recommended"][0]["status"], "announced");
    assert!(v["actions"][0]["urgent"].as_bool().unwrap());
    assert!(v["recommended"][0]["reasons"].is_array());
}
