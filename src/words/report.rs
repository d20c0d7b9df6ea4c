//! The report's fixed words (`report.md.tera` sees them as `labels`; docs/templates.md).

use serde::Serialize;

use super::{Words, common};

/// The report's fixed words in one language, in alphabetical order (the order
/// `report --explain-template` prints them in).
#[derive(Debug, Serialize)]
pub struct Report {
    pub actions: &'static str,
    pub actions_legend: &'static str,
    pub after: &'static str,
    pub answer: &'static str,
    pub appendix: &'static str,
    pub assessed_on: &'static str,
    pub because: &'static str,
    pub before: &'static str,
    pub benchmark: &'static str,
    pub benefit: &'static str,
    pub change: &'static str,
    pub comparison: &'static str,
    pub contact: &'static str,
    pub contact_person: &'static str,
    pub dimension_details: &'static str,
    pub done_well: &'static str,
    pub dropped: &'static str,
    pub enterprise: &'static str,
    pub enterprise_score: &'static str,
    pub findings: &'static str,
    pub gaps: &'static str,
    pub how_to_apply: &'static str,
    pub level: &'static str,
    pub new: &'static str,
    pub next_steps: &'static str,
    pub none_recommended: &'static str,
    pub not_applicable: &'static str,
    pub not_eligible: &'static str,
    pub notes: &'static str,
    pub office: &'static str,
    pub overall: &'static str,
    pub peers_median: &'static str,
    pub peers_middle: &'static str,
    pub pillar: &'static str,
    pub potential: &'static str,
    pub profile: &'static str,
    pub provider: &'static str,
    pub question: &'static str,
    pub questionnaire: &'static str,
    pub reasons: &'static str,
    pub recommended: &'static str,
    pub scale_disclaimer: &'static str,
    pub score: &'static str,
    pub scores: &'static str,
    pub source: &'static str,
    pub sources: &'static str,
    pub status: &'static str,
    pub step: &'static str,
    pub strengths: &'static str,
    pub title: &'static str,
    pub top_actions: &'static str,
    pub top_programs: &'static str,
    pub urgent: &'static str,
    pub valid: &'static str,
    pub versus_peers: &'static str,
    pub why_not: &'static str,
}

pub const VI: Report = Report {
    actions: "Kế hoạch hành động",
    actions_legend: "Việc bắt buộc trước, rồi đến việc tăng nhiều điểm nhất. Trong ngoặc: trụ cột, câu trả lời dẫn tới việc này, số điểm tổng tăng tối đa.",
    after: "Sau",
    answer: "Trả lời",
    appendix: "Phụ lục: câu trả lời",
    assessed_on: common::VI.assessed_on,
    because: "vì đã trả lời",
    before: "Trước",
    benchmark: "So với các doanh nghiệp cùng ngành, cùng quy mô",
    benefit: "Nội dung hỗ trợ",
    change: common::VI.change,
    comparison: "Tiến bộ so với lần đánh giá trước",
    contact: common::VI.contact,
    contact_person: "Người liên hệ",
    dimension_details: "Kết quả từng trụ cột",
    done_well: "Đã làm được",
    dropped: "đã bỏ",
    enterprise: common::VI.enterprise,
    enterprise_score: common::VI.enterprise,
    findings: "Nhận định chính",
    gaps: "Việc cần cải thiện",
    how_to_apply: "Cách đăng ký",
    level: common::VI.level,
    new: "mới",
    next_steps: "Việc nên làm tiếp",
    none_recommended: "Chưa có chương trình nào phù hợp vào ngày đánh giá.",
    not_applicable: common::VI.not_applicable,
    not_eligible: "Chương trình liên quan nhưng chưa đủ điều kiện",
    notes: common::VI.notes,
    office: common::VI.contact,
    overall: common::VI.overall_score,
    peers_median: "Trung vị của nhóm",
    peers_middle: "50% ở giữa của nhóm",
    pillar: common::VI.pillar,
    potential: "Điểm tổng có thể tăng thêm",
    profile: "Thông tin doanh nghiệp",
    provider: common::VI.provider,
    question: "Câu hỏi",
    questionnaire: common::VI.questionnaire,
    reasons: common::VI.why_it_applies,
    recommended: common::VI.recommended,
    scale_disclaimer: common::VI.scale_disclaimer,
    score: "Điểm",
    scores: common::VI.scores_by_pillar,
    source: "Nguồn",
    sources: "Nguồn của các chương trình",
    status: "Tình trạng",
    step: "bước",
    strengths: "Doanh nghiệp đã làm được",
    title: "Báo cáo đánh giá mức độ sẵn sàng chuyển đổi số",
    top_actions: "3 việc cần làm ngay",
    top_programs: "Chương trình hỗ trợ nên đăng ký",
    urgent: "Bắt buộc",
    valid: "Hiệu lực",
    versus_peers: "So với nhóm",
    why_not: "Lý do chưa đủ điều kiện",
};

pub const EN: Report = Report {
    actions: "Action plan",
    actions_legend: "Legal obligations first, then what adds most. In brackets: the pillar, the answer that led to the step, the overall points it adds at most.",
    after: "After",
    answer: "Answer",
    appendix: "Appendix: answers",
    assessed_on: common::EN.assessed_on,
    because: "because of the answer",
    before: "Before",
    benchmark: "Compared with enterprises of the same sector and size",
    benefit: "Benefit",
    change: common::EN.change,
    comparison: "Progress since the earlier assessment",
    contact: common::EN.contact,
    contact_person: "Contact person",
    dimension_details: "Results by pillar",
    done_well: "Already done",
    dropped: "dropped",
    enterprise: common::EN.enterprise,
    enterprise_score: common::EN.enterprise,
    findings: "Key findings",
    gaps: "What to improve",
    how_to_apply: "How to apply",
    level: common::EN.level,
    new: "new",
    next_steps: "Next steps",
    none_recommended: "No program applies on the assessment date.",
    not_applicable: common::EN.not_applicable,
    not_eligible: "Relevant programs the enterprise is not eligible for",
    notes: common::EN.notes,
    office: common::EN.contact,
    overall: common::EN.overall_score,
    peers_median: "Group median",
    peers_middle: "Middle 50% of the group",
    pillar: common::EN.pillar,
    potential: "Overall points it can add",
    profile: "Enterprise profile",
    provider: common::EN.provider,
    question: "Question",
    questionnaire: common::EN.questionnaire,
    reasons: common::EN.why_it_applies,
    recommended: common::EN.recommended,
    scale_disclaimer: common::EN.scale_disclaimer,
    score: "Score",
    scores: common::EN.scores_by_pillar,
    source: "Source",
    sources: "Sources of the programs",
    status: "Status",
    step: "step",
    strengths: "What the enterprise already does",
    title: "Digital transformation readiness report",
    top_actions: "3 things to do now",
    top_programs: "Support programs worth applying for",
    urgent: "Required",
    valid: "Valid",
    versus_peers: "Against the group",
    why_not: "Why not eligible",
};

/// The report's sentences: page 1, the findings, the action plan, the comparison with peers
/// and with an earlier assessment.
impl Words {
    /// A program's status in a few words for one-line lists; `year`: when it was announced.
    pub fn announced_short(&self, year: Option<i16>) -> String {
        match (self.vi(), year) {
            (true, Some(y)) => format!("đã công bố năm {y}, cần xác nhận"),
            (true, None) => "đã công bố, cần xác nhận".to_string(),
            (false, Some(y)) => format!("announced in {y}, to be confirmed"),
            (false, None) => "announced, to be confirmed".to_string(),
        }
    }

    pub fn draft_short(&self) -> &'static str {
        if self.vi() {
            "dự thảo, chưa ban hành"
        } else {
            "draft, not adopted yet"
        }
    }

    /// After the first steps on page 1: how many more the action plan has.
    pub fn more_steps(&self, n: usize) -> String {
        if self.vi() {
            format!("còn {n} việc khác trong kế hoạch hành động")
        } else if n == 1 {
            "one more in the action plan".to_string()
        } else {
            format!("{n} more in the action plan")
        }
    }

    /// After the first programs on page 1: how many more are recommended.
    pub fn more_programs(&self, n: usize) -> String {
        if self.vi() {
            format!("Và {n} chương trình khác: xem mục Chương trình hỗ trợ phù hợp.")
        } else if n == 1 {
            "And one more program: see Recommended support programs.".to_string()
        } else {
            format!("And {n} more programs: see Recommended support programs.")
        }
    }

    pub fn no_pillar_applies(&self) -> &'static str {
        if self.vi() {
            "Không trụ cột nào áp dụng cho doanh nghiệp."
        } else {
            "No pillar applies to the enterprise."
        }
    }

    /// A finding: the strongest pillar, or (`strongest` false) the one to improve first.
    pub fn pillar_finding(
        &self,
        strongest: bool,
        pillar: &str,
        score: &str,
        level: u32,
        level_name: &str,
    ) -> String {
        match (self.vi(), strongest) {
            (true, true) => format!(
                "Trụ cột mạnh nhất là {pillar} với {score} điểm (mức {level} – {level_name})."
            ),
            (true, false) => format!(
                "Trụ cột cần ưu tiên cải thiện là {pillar} với {score} điểm (mức {level} – {level_name})."
            ),
            (false, true) => format!(
                "The strongest pillar is {pillar} at {score} (level {level} – {level_name})."
            ),
            (false, false) => format!(
                "The pillar to improve first is {pillar} at {score} (level {level} – {level_name})."
            ),
        }
    }

    /// A finding: the pillars that do not apply (`pillars` joined by commas).
    pub fn not_applicable_finding(&self, pillars: &str) -> String {
        format!("{}: {pillars}.", self.common.not_applicable)
    }

    /// `points`: already written with one decimal.
    pub fn potential(&self, points: &str) -> String {
        if self.vi() {
            format!("tăng tối đa {points} điểm tổng")
        } else {
            format!("adds up to {points} overall points")
        }
    }

    /// Where a score stands against the peers' median (`Greater`: above it; `None`: no
    /// comparison).
    pub fn peer_position(&self, at: Option<std::cmp::Ordering>) -> &'static str {
        use std::cmp::Ordering as O;
        match (self.vi(), at) {
            (true, Some(O::Greater)) => "cao hơn trung vị",
            (false, Some(O::Greater)) => "above the median",
            (true, Some(O::Less)) => "thấp hơn trung vị",
            (false, Some(O::Less)) => "below the median",
            (true, Some(O::Equal)) => "ngang trung vị",
            (false, Some(O::Equal)) => "at the median",
            (_, None) => "—",
        }
    }

    /// The peers: of the same sector and size class (`Some`), or the whole comparison file.
    pub fn peer_scope(&self, sector_and_size: Option<(&str, &str)>) -> String {
        match (self.vi(), sector_and_size) {
            (true, Some((sector, size))) => format!("cùng ngành {sector} và cùng quy mô ({size})"),
            (false, Some((sector, size))) => {
                format!("of the same sector ({sector}) and size ({size})")
            }
            (true, None) => "trong toàn bộ tệp so sánh".to_string(),
            (false, None) => "in the whole comparison file".to_string(),
        }
    }

    /// Why the whole comparison file is used: the group `narrow` has only `n` enterprises.
    pub fn peer_group_too_small(&self, narrow: &str, n: usize, min: usize) -> String {
        if self.vi() {
            format!(
                "Nhóm doanh nghiệp {narrow} chỉ có {n} doanh nghiệp (cần ít nhất {min}), nên báo cáo so với toàn bộ tệp so sánh. "
            )
        } else {
            format!(
                "The group of enterprises {narrow} has only {n} (at least {min} are needed), so the report compares with the whole comparison file. "
            )
        }
    }

    /// The overall score against `size` peers `group`; `range`: the middle half, `q1–q3`.
    pub fn peer_overall(
        &self,
        size: usize,
        group: &str,
        score: &str,
        median: &str,
        position: &str,
        range: &str,
    ) -> String {
        if self.vi() {
            format!(
                "So với {size} doanh nghiệp {group}: điểm tổng của doanh nghiệp là {score}, trung vị của nhóm là {median} ({position}); một nửa số doanh nghiệp của nhóm có điểm tổng từ {}.",
                range.replace('–', " đến ")
            )
        } else {
            format!(
                "Compared with {size} enterprises {group}: the enterprise's overall score is {score}, the group's median {median} ({position}); half of the group scores between {}.",
                range.replace('–', " and ")
            )
        }
    }

    /// The pillars above (`above`) or below the peers' median, `pillars` joined by commas.
    pub fn peer_pillars(&self, above: bool, n: usize, pillars: &str) -> String {
        match (self.vi(), above) {
            (true, true) => format!(" Cao hơn trung vị ở {n} trụ cột ({pillars})."),
            (false, true) => format!(" Above the median in {n} pillar(s) ({pillars})."),
            (true, false) => format!(" Thấp hơn trung vị ở {n} trụ cột ({pillars})."),
            (false, false) => format!(" Below the median in {n} pillar(s) ({pillars})."),
        }
    }

    /// The chart legend of the peers' median.
    pub fn peer_legend(&self, size: usize, group: &str) -> String {
        if self.vi() {
            format!("Trung vị của {size} doanh nghiệp {group}")
        } else {
            format!("Median of {size} enterprises {group}")
        }
    }

    /// The two assessments compared used two questionnaire versions.
    pub fn versions_differ(&self, earlier: &str, now: &str) -> String {
        if self.vi() {
            format!(
                "Hai lần đánh giá dùng hai phiên bản bộ câu hỏi ({earlier} và {now}): các trụ cột được so theo mã; trụ cột mới hoặc đã bỏ không có điểm so sánh, và câu hỏi trong một trụ cột có thể đã thay đổi."
            )
        } else {
            format!(
                "The two assessments used different questionnaire versions ({earlier} and {now}): pillars are matched by id; a new or dropped pillar has no score to compare, and the questions within a pillar may have changed."
            )
        }
    }
}

/// A program's status in plain words (announced and draft programs).
impl Words {
    /// `year`: when it was announced; `office`: the first office of its contact.
    pub fn announced(&self, year: Option<i16>, office: Option<&str>) -> String {
        let when = match (self.vi(), year) {
            (true, Some(y)) => format!("Đã công bố năm {y}"),
            (true, None) => "Đã công bố".to_string(),
            (false, Some(y)) => format!("Announced in {y}"),
            (false, None) => "Announced".to_string(),
        };
        match (self.vi(), office) {
            (true, Some(o)) => format!("{when} — cần xác nhận với {o}"),
            (true, None) => format!("{when} — cần xác nhận với đơn vị chủ trì"),
            (false, Some(o)) => format!("{when} — to be confirmed with {o}"),
            (false, None) => format!("{when} — to be confirmed with the provider"),
        }
    }

    pub fn draft(&self) -> &'static str {
        if self.vi() {
            "Dự thảo — chưa được ban hành, nội dung và mức hỗ trợ có thể thay đổi"
        } else {
            "Draft — not adopted yet; the content and amounts may change"
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_are_in_alphabetical_order_as_explain_template_prints_them() {
        let json = serde_json::to_value(super::EN).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(super::VI.level, "Mức");
        assert_eq!(super::VI.score, "Điểm");
    }
}
