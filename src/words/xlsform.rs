//! The XLSForm's own words (`questionnaire xlsform`), one column per form language: its fixed
//! questions and groups, and the constraint messages KoboToolbox/ODK show under a field.

use super::{Words, report};

/// The XLSForm's fixed words in one language.
#[derive(Debug)]
pub struct XlsForm {
    /// The `language` question.
    pub report_language: &'static str,
    /// The profile's group.
    pub profile: &'static str,
}

pub const VI: XlsForm = XlsForm {
    report_language: "Ngôn ngữ của báo cáo",
    profile: report::VI.profile,
};

pub const EN: XlsForm = XlsForm {
    report_language: "Language of the report",
    profile: report::EN.profile,
};

/// The constraint messages of the XLSForm (numbers already written as the form reads them).
impl Words {
    /// `names`: the exclusive options' labels.
    pub fn form_not_combinable(&self, names: &[&str]) -> String {
        if self.vi() {
            format!("«{}» không thể chọn cùng các mục khác", names.join("», «"))
        } else {
            format!(
                "\"{}\" cannot be combined with other options",
                names.join("\", \"")
            )
        }
    }

    /// A number's bounds (`None`: no bound on that side; both `None`: nothing to say).
    pub fn form_number_bounds(&self, min: Option<&str>, max: Option<&str>) -> String {
        match (self.vi(), min, max) {
            (true, Some(a), Some(b)) => format!("Nhập số từ {a} đến {b}"),
            (false, Some(a), Some(b)) => format!("Enter a number from {a} to {b}"),
            (true, Some(a), None) => format!("Nhập số không nhỏ hơn {a}"),
            (false, Some(a), None) => format!("Enter a number of at least {a}"),
            (true, None, Some(b)) => format!("Nhập số không lớn hơn {b}"),
            (false, None, Some(b)) => format!("Enter a number of at most {b}"),
            (_, None, None) => String::new(),
        }
    }

    pub fn form_max_chars(&self, max: usize) -> String {
        if self.vi() {
            format!("Tối đa {max} ký tự")
        } else {
            format!("At most {max} characters")
        }
    }
}
