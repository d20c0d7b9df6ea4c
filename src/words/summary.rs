//! The headers and sheet names of `summary.xlsx` (batch, `score --format xlsx`), in the
//! report language; the dimension columns are the pillars' titles.

use super::common;

/// The summary workbook's fixed words in one language.
#[derive(Debug)]
pub struct Summary {
    /// Input, row, enterprise, overall, level, level name.
    pub head: [&'static str; 6],
    pub recommended: &'static str,
    /// Tax code, sector, size class, province, commune, report, duplicate of.
    pub tail: [&'static str; 7],
    /// The failed inputs: input, row, reason.
    pub errors: [&'static str; 3],
    /// A program's call list.
    pub calls: [&'static str; 10],
    pub sheet_summary: &'static str,
    pub sheet_errors: &'static str,
    /// `batch --compare`: previous overall, previous level, change in overall; then
    /// "change: DIMENSION" as a prefix of each dimension's title.
    pub compare: [&'static str; 3],
    pub change: &'static str,
}

pub const VI: Summary = Summary {
    head: [
        "Tệp",
        "Dòng",
        common::VI.enterprise,
        common::VI.overall,
        common::VI.level,
        "Tên mức",
    ],
    recommended: "Chương trình đề xuất",
    tail: [
        "Mã số thuế",
        "Ngành",
        common::VI.size_class,
        "Tỉnh/thành",
        "Xã/phường",
        "Báo cáo",
        "Trùng với",
    ],
    errors: ["Tệp", "Dòng", "Lý do"],
    calls: [
        common::VI.enterprise,
        "Mã số thuế",
        common::VI.contact,
        "Tỉnh/thành",
        "Xã/phường",
        "Ngành",
        common::VI.size_class,
        "Lý do đề xuất",
        "Tệp",
        "Dòng",
    ],
    sheet_summary: "Tổng hợp",
    sheet_errors: "Lỗi",
    compare: ["Điểm kỳ trước", "Mức kỳ trước", "Thay đổi điểm tổng"],
    change: common::VI.change,
};

pub const EN: Summary = Summary {
    head: [
        "Input",
        "Row",
        common::EN.enterprise,
        common::EN.overall,
        common::EN.level,
        "Level name",
    ],
    recommended: "Recommended programs",
    tail: [
        "Tax code",
        "Sector",
        common::EN.size_class,
        "Province",
        "Commune",
        "Report",
        "Duplicate of",
    ],
    errors: ["Input", "Row", "Reason"],
    calls: [
        common::EN.enterprise,
        "Tax code",
        common::EN.contact,
        "Province",
        "Commune",
        "Sector",
        common::EN.size_class,
        "Reasons",
        "Input",
        "Row",
    ],
    sheet_summary: "Summary",
    sheet_errors: "Errors",
    compare: ["Previous overall", "Previous level", "Change in overall"],
    change: common::EN.change,
};
