//! The report's fixed words in Vietnamese and English (other languages use English).

use crate::text::label;

pub type Labels = std::collections::BTreeMap<&'static str, &'static str>;

/// The report's fixed words.
pub fn labels(lang: &str) -> Labels {
    let vi = lang == "vi";
    let pairs: [(&str, &str, &str); 48] = [
        (
            "title",
            "Báo cáo đánh giá mức độ sẵn sàng chuyển đổi số",
            "Digital transformation readiness report",
        ),
        ("enterprise", "Doanh nghiệp", "Enterprise"),
        ("assessed_on", "Ngày đánh giá", "Assessment date"),
        ("questionnaire", "Bộ câu hỏi", "Questionnaire"),
        ("profile", "Thông tin doanh nghiệp", "Enterprise profile"),
        ("overall", "Điểm tổng", "Overall score"),
        ("level", "Mức", "Level"),
        ("scores", "Điểm theo trụ cột", "Scores by pillar"),
        ("findings", "Nhận định chính", "Key findings"),
        (
            "dimension_details",
            "Kết quả từng trụ cột",
            "Results by pillar",
        ),
        ("score", "Điểm", "Score"),
        (
            "strengths",
            "Doanh nghiệp đã làm được",
            "What the enterprise already does",
        ),
        ("gaps", "Việc cần cải thiện", "What to improve"),
        ("not_applicable", "Không áp dụng", "Not applicable"),
        (
            "recommended",
            "Chương trình hỗ trợ phù hợp",
            "Recommended support programs",
        ),
        (
            "none_recommended",
            "Chưa có chương trình nào phù hợp vào ngày đánh giá.",
            "No program applies on the assessment date.",
        ),
        ("provider", "Đơn vị chủ trì", "Provider"),
        ("benefit", "Nội dung hỗ trợ", "Benefit"),
        ("reasons", "Vì sao phù hợp", "Why it applies"),
        ("how_to_apply", "Cách đăng ký", "How to apply"),
        ("contact", "Liên hệ", "Contact"),
        ("source", "Nguồn", "Source"),
        (
            "not_eligible",
            "Chương trình liên quan nhưng chưa đủ điều kiện",
            "Relevant programs the enterprise is not eligible for",
        ),
        ("why_not", "Lý do chưa đủ điều kiện", "Why not eligible"),
        ("actions", "Kế hoạch hành động", "Action plan"),
        (
            "comparison",
            "Tiến bộ so với lần đánh giá trước",
            "Progress since the earlier assessment",
        ),
        ("appendix", "Phụ lục: câu trả lời", "Appendix: answers"),
        ("answer", "Trả lời", "Answer"),
        ("status", "Tình trạng", "Status"),
        ("urgent", "Bắt buộc", "Required"),
        (
            "scale_disclaimer",
            label("vi", "scale_disclaimer"),
            label("en", "scale_disclaimer"),
        ),
        ("new", "mới", "new"),
        ("top_actions", "3 việc cần làm ngay", "3 things to do now"),
        (
            "top_programs",
            "Chương trình hỗ trợ nên đăng ký",
            "Support programs worth applying for",
        ),
        ("done_well", "Đã làm được", "Already done"),
        ("next_steps", "Việc nên làm tiếp", "Next steps"),
        ("step", "bước", "step"),
        ("pillar", "Trụ cột", "Pillar"),
        ("because", "vì đã trả lời", "because of the answer"),
        (
            "sources",
            "Nguồn của các chương trình",
            "Sources of the programs",
        ),
        (
            "benchmark",
            "So với các doanh nghiệp cùng ngành, cùng quy mô",
            "Compared with enterprises of the same sector and size",
        ),
        ("enterprise_score", "Doanh nghiệp", "Enterprise"),
        ("peers_median", "Trung vị của nhóm", "Group median"),
        (
            "peers_middle",
            "50% ở giữa của nhóm",
            "Middle 50% of the group",
        ),
        ("versus_peers", "So với nhóm", "Against the group"),
        ("office", "Liên hệ", "Contact"),
        ("contact_person", "Người liên hệ", "Contact person"),
        (
            "actions_legend",
            "Việc bắt buộc trước, rồi đến việc tăng nhiều điểm nhất. Trong ngoặc: trụ cột, câu trả lời dẫn tới việc này, số điểm tổng tăng tối đa.",
            "Legal obligations first, then what adds most. In brackets: the pillar, the answer that led to the step, the overall points it adds at most.",
        ),
    ];
    let mut m: Labels = pairs
        .iter()
        .map(|(k, v, e)| (*k, if vi { *v } else { *e }))
        .collect();
    m.insert("question", if vi { "Câu hỏi" } else { "Question" });
    m.insert("before", if vi { "Trước" } else { "Before" });
    m.insert("after", if vi { "Sau" } else { "After" });
    m.insert("change", if vi { "Thay đổi" } else { "Change" });
    m.insert(
        "potential",
        if vi {
            "Điểm tổng có thể tăng thêm"
        } else {
            "Overall points it can add"
        },
    );
    m.insert("dropped", if vi { "đã bỏ" } else { "dropped" });
    m.insert("valid", if vi { "Hiệu lực" } else { "Valid" });
    m.insert("notes", if vi { "Ghi chú" } else { "Notes" });
    m
}
