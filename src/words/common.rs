//! The words more than one area says: the score table and `questionnaire show`, the report,
//! the cohort report, the interview, the web pages, the CSV and workbook headers. The areas'
//! tables take them from here, so one word has one entry.

/// Words several areas share, in one language.
#[derive(Debug)]
pub struct Common {
    /// The overall score in a table row or a sentence ("Overall: 47.3").
    pub overall: &'static str,
    /// The overall score as a heading.
    pub overall_score: &'static str,
    pub level: &'static str,
    /// One of the questionnaire's dimensions.
    pub pillar: &'static str,
    pub scores_by_pillar: &'static str,
    pub not_applicable: &'static str,
    /// The overall level when no pillar applies.
    pub undefined: &'static str,
    pub recommended: &'static str,
    /// Why a recommended program applies (the heading of its reasons).
    pub why_it_applies: &'static str,
    /// The office running a program.
    pub provider: &'static str,
    pub contact: &'static str,
    pub no_programs_found: &'static str,
    pub not_eligible: &'static str,
    pub enterprise: &'static str,
    pub questionnaire: &'static str,
    /// The built-in `size_class` fact.
    pub size_class: &'static str,
    /// The fixed `assessed_on` column and field.
    pub assessed_on: &'static str,
    /// The fixed `language` column.
    pub language: &'static str,
    /// The fixed `notes` column and field.
    pub notes: &'static str,
    /// A yes/no answer.
    pub yes: &'static str,
    pub no: &'static str,
    /// A multi-choice answer with nothing ticked.
    pub none_chosen: &'static str,
    /// An answer a condition reads but that was not given.
    pub unanswered: &'static str,
    /// In the appendix, a question skipped given an earlier answer.
    pub not_asked: &'static str,
    /// Under every level: the scale is dxready's own.
    pub scale_disclaimer: &'static str,
    pub assessment_result: &'static str,
    pub see_result: &'static str,
    /// A score's change since an earlier assessment.
    pub change: &'static str,
    /// The language menu's question (the same in every language).
    pub language_prompt: &'static str,
}

pub const VI: Common = Common {
    overall: "Điểm tổng",
    overall_score: "Điểm tổng",
    level: "Mức",
    pillar: "Trụ cột",
    scores_by_pillar: "Điểm theo trụ cột",
    not_applicable: "Không áp dụng",
    undefined: "không xác định (không trụ cột nào áp dụng)",
    recommended: "Chương trình hỗ trợ phù hợp",
    why_it_applies: "Vì sao phù hợp",
    provider: "Đơn vị chủ trì",
    contact: "Liên hệ",
    no_programs_found: "Chưa tìm thấy chương trình hỗ trợ phù hợp trong danh mục.",
    not_eligible: "Chưa đủ điều kiện",
    enterprise: "Doanh nghiệp",
    questionnaire: "Bộ câu hỏi",
    size_class: "Quy mô",
    assessed_on: "Ngày đánh giá",
    language: "Ngôn ngữ",
    notes: "Ghi chú",
    yes: "Có",
    no: "Không",
    none_chosen: "(không chọn mục nào)",
    unanswered: "chưa trả lời",
    not_asked: "(không hỏi vì câu trả lời trước)",
    scale_disclaimer: "Mức được tính theo thang mức của dxready, không phải kết quả đánh giá DBI chính thức.",
    assessment_result: "Kết quả đánh giá",
    see_result: "Xem kết quả",
    change: "Thay đổi",
    language_prompt: "Ngôn ngữ / Language",
};

pub const EN: Common = Common {
    overall: "Overall",
    overall_score: "Overall score",
    level: "Level",
    pillar: "Pillar",
    scores_by_pillar: "Scores by pillar",
    not_applicable: "Not applicable",
    undefined: "undefined (no pillar applies)",
    recommended: "Recommended support programs",
    why_it_applies: "Why it applies",
    provider: "Provider",
    contact: "Contact",
    no_programs_found: "No matching support program was found in the catalog.",
    not_eligible: "Not eligible",
    enterprise: "Enterprise",
    questionnaire: "Questionnaire",
    size_class: "Size class",
    assessed_on: "Assessment date",
    language: "Language",
    notes: "Notes",
    yes: "Yes",
    no: "No",
    none_chosen: "(none of these)",
    unanswered: "not answered",
    not_asked: "(not asked, given an earlier answer)",
    scale_disclaimer: "The level is on dxready's own scale, not an official DBI result.",
    assessment_result: "Assessment result",
    see_result: "See the result",
    change: "Change",
    language_prompt: "Ngôn ngữ / Language",
};
