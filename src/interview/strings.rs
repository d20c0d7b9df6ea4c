//! Every word the interview itself says, in Vietnamese and English, in one table, so a
//! translation is one place to read and the tests can match on the same words the person sees.
//! Other languages fall back to English (questionnaire text is still shown in its language).
//!
//! Placeholders in braces (`{n}`, `{total}`, …) are filled in with [`fill`].

/// The interview's own words in one language.
#[derive(Debug)]
pub struct Strings {
    /// `Câu {n}/{total}`: the progress before the section title.
    pub progress: &'static str,
    /// The profile's section title (dimensions have their own).
    pub profile_title: &'static str,
    pub profile_intro: &'static str,
    /// Key hints under a single-choice list (also yes/no, scales and menus).
    pub keys_select: &'static str,
    /// Key hints under a multi-choice list.
    pub keys_multi: &'static str,
    /// Key hints under a typed answer.
    pub keys_typed: &'static str,
    /// Added to the key hints when the question has an explanation.
    pub keys_help: &'static str,
    /// The same under a multi-choice list, where `(?)` is ticked like an option.
    pub keys_help_multi: &'static str,
    /// Going back and pausing, at the end of every hint.
    pub keys_nav: &'static str,
    /// Added to the key hints when the question may be left unanswered.
    pub keys_skip: &'static str,
    /// The extra list entry that shows the question's explanation.
    pub help_option: &'static str,
    /// The extra list entry that leaves an optional question unanswered.
    pub skip_option: &'static str,
    /// Shown as the answer of a question left empty.
    pub skipped: &'static str,
    /// Shown before the explanation.
    pub help_heading: &'static str,
    pub hint_text: &'static str,
    pub hint_number: &'static str,
    pub hint_integer: &'static str,
    pub hint_range: &'static str,
    pub hint_at_least: &'static str,
    pub hint_at_most: &'static str,
    pub hint_example: &'static str,
    pub hint_date: &'static str,
    pub date_placeholder: &'static str,
    pub hint_scale: &'static str,
    pub multi_none_hint: &'static str,
    pub err_required: &'static str,
    pub err_not_number: &'static str,
    pub err_not_integer: &'static str,
    pub err_below: &'static str,
    pub err_above: &'static str,
    pub err_date: &'static str,
    pub err_too_long: &'static str,
    pub err_exclusive: &'static str,
    pub err_multi_empty: &'static str,
    pub err_choice: &'static str,
    pub first_question: &'static str,
    pub dropped: &'static str,
    pub welcome_keys: &'static str,
    pub saving_to: &'static str,
    pub resuming: &'static str,
    pub all_answered: &'static str,
    pub review_show_result: &'static str,
    pub review_walk: &'static str,
    /// Third choice for a finished file: go straight to one part of the questionnaire.
    pub review_jump: &'static str,
    /// The menu of parts.
    pub review_jump_to: &'static str,
    pub stopped: &'static str,
    pub continue_with: &'static str,
    pub result_heading: &'static str,
    pub result_out_of: &'static str,
    pub no_programs: &'static str,
    pub offer_report: &'static str,
    pub report_command: &'static str,
    pub report_written: &'static str,
    pub saved_final: &'static str,
    pub language_prompt: &'static str,
    /// Shown in place of the answer when Esc left a question.
    pub back_indicator: &'static str,
}

pub const VI: Strings = Strings {
    progress: "Câu {n}/{total}",
    profile_title: "Thông tin doanh nghiệp",
    profile_intro: "Một vài thông tin chung về doanh nghiệp, dùng để tính quy mô và tìm chương trình hỗ trợ phù hợp.",
    keys_select: "↑↓ rồi Enter: chọn",
    keys_multi: "↑↓ · Phím cách: đánh dấu/bỏ · Enter: xong",
    keys_typed: "Enter: xong",
    keys_help: "?: giải thích",
    keys_help_multi: "đánh dấu (?) rồi Enter: giải thích",
    keys_nav: "Esc: câu trước · Ctrl-C: tạm dừng",
    keys_skip: "để trống: bỏ qua",
    help_option: "(?) Giải thích câu hỏi này",
    skip_option: "(bỏ qua câu này)",
    skipped: "(bỏ trống)",
    help_heading: "Giải thích:",
    hint_text: "Tối đa {max} ký tự",
    hint_number: "Số",
    hint_integer: "Số nguyên",
    hint_range: "từ {min} đến {max}",
    hint_at_least: "từ {min} trở lên",
    hint_at_most: "không quá {max}",
    hint_example: "ví dụ {example}",
    hint_date: "Ngày/tháng/năm, ví dụ 27/11/2026",
    date_placeholder: "dd/mm/yyyy",
    hint_scale: "{min} là thấp nhất, {max} là cao nhất",
    multi_none_hint: "không đánh dấu gì: không có mục nào",
    err_required: "Câu này cần có câu trả lời.",
    err_not_number: "Chưa phải là số. Nhập số, ví dụ {example}.",
    err_not_integer: "Cần một số nguyên (không có phần thập phân).",
    err_below: "Giá trị phải từ {min} trở lên.",
    err_above: "Giá trị không được vượt quá {max}.",
    err_date: "Ngày chưa đúng. Nhập ngày/tháng/năm, ví dụ 27/11/2026, hoặc 2026-11-27.",
    err_too_long: "Dài {count} ký tự; tối đa {max} ký tự.",
    err_exclusive: "«{option}» không chọn cùng các mục khác được: bỏ đánh dấu «{option}» hoặc bỏ các mục còn lại.",
    err_multi_empty: "Hãy đánh dấu ít nhất một mục (hoặc «{option}» nếu không có mục nào).",
    err_choice: "Lựa chọn không có trong danh sách.",
    first_question: "Đây là câu hỏi đầu tiên, không còn câu nào trước đó.",
    dropped: "Câu trả lời vừa đổi làm các câu sau không còn áp dụng; đã bỏ câu trả lời của: {list}.",
    welcome_keys: "Chọn bằng phím mũi tên và Enter. Esc: quay lại câu trước. Ctrl-C: tạm dừng (đã lưu, tiếp tục sau được).",
    saving_to: "Câu trả lời được lưu sau mỗi câu vào: {file}",
    resuming: "Tiếp tục bài đánh giá trong {file} ({answered} câu đã trả lời).",
    all_answered: "Tất cả các câu hỏi trong {file} đã được trả lời. Anh/Chị muốn làm gì?",
    review_show_result: "Xem kết quả",
    review_walk: "Xem lại và sửa các câu trả lời từ đầu",
    review_jump: "Đi tới một phần để sửa",
    review_jump_to: "Sửa từ phần nào?",
    stopped: "Đã tạm dừng. Các câu trả lời đã được lưu trong {file}.",
    continue_with: "Để tiếp tục, chạy:\n  {command}",
    result_heading: "Kết quả đánh giá",
    result_out_of: "/100",
    no_programs: "Chưa tìm thấy chương trình hỗ trợ phù hợp trong danh mục.",
    offer_report: "Xuất báo cáo PDF cho doanh nghiệp?",
    report_command: "Để xuất báo cáo, chạy:\n  {command}",
    report_written: "Đã xuất báo cáo: {file}",
    saved_final: "Các câu trả lời đã lưu trong {file}.",
    language_prompt: "Ngôn ngữ / Language",
    back_indicator: "↩ quay lại",
};

pub const EN: Strings = Strings {
    progress: "Question {n} of {total}",
    profile_title: "About the enterprise",
    profile_intro: "A few general facts about the enterprise, used for its size class and to find matching support programs.",
    keys_select: "↑↓ then Enter: choose",
    keys_multi: "↑↓ · Space: tick/untick · Enter: done",
    keys_typed: "Enter: done",
    keys_help: "?: explain",
    keys_help_multi: "tick (?) then Enter: explain",
    keys_nav: "Esc: previous question · Ctrl-C: pause",
    keys_skip: "empty: skip",
    help_option: "(?) Explain this question",
    skip_option: "(skip this question)",
    skipped: "(left empty)",
    help_heading: "Explanation:",
    hint_text: "At most {max} characters",
    hint_number: "A number",
    hint_integer: "A whole number",
    hint_range: "from {min} to {max}",
    hint_at_least: "{min} or more",
    hint_at_most: "at most {max}",
    hint_example: "e.g. {example}",
    hint_date: "Date as YYYY-MM-DD, e.g. 2026-11-27",
    date_placeholder: "YYYY-MM-DD",
    hint_scale: "{min} is the lowest, {max} the highest",
    multi_none_hint: "nothing ticked: none of these",
    err_required: "This question needs an answer.",
    err_not_number: "That is not a number. Type a number, e.g. {example}.",
    err_not_integer: "A whole number is needed (no decimals).",
    err_below: "The value must be {min} or more.",
    err_above: "The value must not be more than {max}.",
    err_date: "That is not a date. Type YYYY-MM-DD, e.g. 2026-11-27.",
    err_too_long: "{count} characters long; at most {max}.",
    err_exclusive: "“{option}” cannot be combined with other choices: untick “{option}” or the others.",
    err_multi_empty: "Tick at least one choice (or “{option}” if none applies).",
    err_choice: "That choice is not in the list.",
    first_question: "This is the first question; there is none before it.",
    dropped: "The changed answer means later questions no longer apply; their answers were removed: {list}.",
    welcome_keys: "Choose with the arrow keys and Enter. Esc: previous question. Ctrl-C: pause (answers are saved; you can continue later).",
    saving_to: "Answers are saved after every question to: {file}",
    resuming: "Continuing the assessment in {file} ({answered} questions answered).",
    all_answered: "Every question in {file} is answered. What would you like to do?",
    review_show_result: "See the result",
    review_walk: "Review and change the answers from the start",
    review_jump: "Go to one part to change it",
    review_jump_to: "Change from which part?",
    stopped: "Paused. The answers are saved in {file}.",
    continue_with: "To continue, run:\n  {command}",
    result_heading: "Assessment result",
    result_out_of: "/100",
    no_programs: "No matching support program was found in the catalog.",
    offer_report: "Write the PDF report for the enterprise?",
    report_command: "To write the report, run:\n  {command}",
    report_written: "Report written: {file}",
    saved_final: "The answers are saved in {file}.",
    language_prompt: "Ngôn ngữ / Language",
    back_indicator: "↩ back",
};

/// The table for a language (English for any language but Vietnamese).
pub fn strings(lang: &str) -> &'static Strings {
    if lang == "vi" { &VI } else { &EN }
}

/// Replaces `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A language's own name, for the language menu.
pub fn language_name(code: &str) -> String {
    match code {
        "vi" => "Tiếng Việt (vi)".into(),
        "en" => "English (en)".into(),
        other => other.to_string(),
    }
}
