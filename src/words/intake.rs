//! The intake workbook's fixed words (`questionnaire xlsx-template`): its sheets, the note
//! under each column, the read-me. Its yes/no lists and fixed columns use [`super::Common`].

/// The intake workbook's fixed words in one language.
#[derive(Debug)]
pub struct Intake {
    pub sheet: &'static str,
    pub readme: &'static str,
    pub pick: &'static str,
    pub multi: &'static str,
    pub number: &'static str,
    pub whole: &'static str,
    pub date: &'static str,
    pub text: &'static str,
    pub only_if: &'static str,
    pub optional: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub invalid: &'static str,
    pub readme_lines: &'static [&'static str],
}

pub const VI: Intake = Intake {
    sheet: "Nhập liệu",
    readme: "Hướng dẫn",
    pick: "Chọn trong danh sách.",
    multi: "Nhiều lựa chọn: chọn một mục trong danh sách hoặc gõ các nhãn cách nhau bởi dấu ; (ví dụ: {example}). [] nghĩa là không chọn mục nào.",
    number: "Số",
    whole: "Số nguyên",
    date: "Ngày (ô định dạng ngày, hoặc YYYY-MM-DD).",
    text: "Văn bản.",
    only_if: "Chỉ trả lời khi",
    optional: "Không bắt buộc.",
    from: "từ",
    to: "đến",
    invalid: "Giá trị không hợp lệ",
    readme_lines: &[
        "Mỗi dòng là một doanh nghiệp, bắt đầu từ dòng 4 của trang «Nhập liệu». Dòng 1 là câu hỏi, dòng 3 là ghi chú cho từng cột; dòng 2 (ẩn) chứa mã câu hỏi mà dxready đọc: đừng xóa hoặc sửa dòng này.",
        "Câu hỏi một lựa chọn, có/không và thang điểm: chọn trong danh sách thả xuống của ô.",
        "Câu hỏi nhiều lựa chọn: gõ các nhãn cách nhau bởi dấu ; (ví dụ «Website; Sàn TMĐT»); [] nghĩa là không chọn mục nào.",
        "Số: gõ số (dấu phẩy thập phân được chấp nhận). Ngày: định dạng ngày của Excel hoặc YYYY-MM-DD.",
        "Cột «Ngày đánh giá» là bắt buộc. Câu hỏi có ghi chú «Chỉ trả lời khi …» để trống khi điều kiện không đúng.",
        "Có thể dùng nhãn tiếng Việt hoặc tiếng Anh, hoặc mã phương án; dxready đọc được cả ba.",
        "Chấm điểm: dxready batch TEP.xlsx --out ket-qua/  (kiểm tra trước: dxready validate TEP.xlsx)",
    ],
};

pub const EN: Intake = Intake {
    sheet: "Intake",
    readme: "README",
    pick: "Pick from the list.",
    multi: "Several choices: pick one from the list or type labels separated by ; (e.g. {example}). [] means none of these.",
    number: "A number",
    whole: "A whole number",
    date: "A date (a date cell, or YYYY-MM-DD).",
    text: "Text.",
    only_if: "Answer only if",
    optional: "Optional.",
    from: "from",
    to: "to",
    invalid: "Invalid value",
    readme_lines: &[
        "One enterprise per row, from row 4 of the \"Intake\" sheet. Row 1 holds the questions, row 3 a note for each column; row 2 (hidden) holds the question ids dxready reads: do not delete or change it.",
        "Single-choice, yes/no and scale questions: pick from the cell's dropdown list.",
        "Multiple-choice questions: type the labels separated by ; (e.g. \"Website; Marketplace\"); [] means none of these.",
        "Numbers: type the number (a decimal comma is accepted). Dates: an Excel date or YYYY-MM-DD.",
        "The \"Assessment date\" column is required. Leave a question whose note says \"Answer only if …\" empty when that does not hold.",
        "Labels in Vietnamese or English, or option ids, are all read.",
        "To score: dxready batch FILE.xlsx --out results/  (check first: dxready validate FILE.xlsx)",
    ],
};
