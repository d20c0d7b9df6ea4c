//! The words of `dxready questionnaire show`, the questionnaire as readable text (the English
//! names of question types are the types as the YAML writes them).

use super::common;

/// `questionnaire show`'s fixed words in one language.
#[derive(Debug)]
pub struct Show {
    pub levels: &'static str,
    pub profile: &'static str,
    pub fact: &'static str,
    /// A fact's last case, without a condition.
    pub otherwise: &'static str,
    pub pillar: &'static str,
    pub weight: &'static str,
    pub applies_if: &'static str,
    pub asked_if: &'static str,
    pub optional: &'static str,
    /// `{n}`: a question's most points.
    pub max_points: &'static str,
    pub unscored: &'static str,
    /// After an exclusive option's score, with its comma.
    pub exclusive: &'static str,
    pub single: &'static str,
    pub multi: &'static str,
    pub yes_no: &'static str,
    pub scale: &'static str,
    pub number: &'static str,
    pub text: &'static str,
    pub date: &'static str,
}

pub const VI: Show = Show {
    levels: "Các mức:",
    profile: "Thông tin doanh nghiệp:",
    fact: "Dữ kiện",
    otherwise: "còn lại",
    pillar: common::VI.pillar,
    weight: "trọng số",
    applies_if: "áp dụng khi",
    asked_if: "hỏi khi",
    optional: "không bắt buộc",
    max_points: "tối đa {n} điểm",
    unscored: "không tính điểm",
    exclusive: ", loại trừ",
    single: "chọn một",
    multi: "chọn nhiều",
    yes_no: "có/không",
    scale: "thang điểm",
    number: "số",
    text: "chữ",
    date: "ngày",
};

pub const EN: Show = Show {
    levels: "Levels:",
    profile: "Profile:",
    fact: "Fact",
    otherwise: "otherwise",
    pillar: common::EN.pillar,
    weight: "weight",
    applies_if: "applies if",
    asked_if: "asked if",
    optional: "optional",
    max_points: "max {n}",
    unscored: "unscored",
    exclusive: ", exclusive",
    single: "single",
    multi: "multi",
    yes_no: "yesno",
    scale: "scale",
    number: "number",
    text: "text",
    date: "date",
};
