//! The messages a user sees when something goes wrong, as methods of [`Words`]: each takes
//! what the message names and writes it in the words' language.

use super::Words;

impl Words {
    pub fn cannot_write_stdout(&self, e: &std::io::Error) -> String {
        if self.vi() {
            format!("không ghi được ra đầu ra chuẩn: {}", self.io(e))
        } else {
            format!("cannot write to standard output: {e}")
        }
    }

    /// An operating-system error, in this language where dxready knows its kind.
    pub fn io(&self, e: &std::io::Error) -> String {
        use std::io::ErrorKind as K;
        if !self.vi() {
            return e.to_string();
        }
        let said = match e.kind() {
            K::NotFound => "không có tệp hoặc thư mục này",
            K::PermissionDenied => "không có quyền truy cập",
            K::AlreadyExists => "đã có",
            K::IsADirectory => "đây là một thư mục",
            K::NotADirectory => "không phải thư mục",
            K::StorageFull => "đĩa đã đầy",
            K::ReadOnlyFilesystem => "hệ thống tệp chỉ cho đọc",
            _ => return format!("lỗi hệ thống: {e}"),
        };
        match e.raw_os_error() {
            Some(code) => format!("{said} (mã {code})"),
            None => said.to_string(),
        }
    }

    // --- Reading files (fsio, yaml) ---

    pub fn cannot_read(&self, e: &std::io::Error) -> String {
        if self.vi() {
            format!("không đọc được: {}", self.io(e))
        } else {
            format!("cannot read: {e}")
        }
    }

    pub fn cannot_write(&self, e: &std::io::Error) -> String {
        if self.vi() {
            format!("không ghi được: {}", self.io(e))
        } else {
            format!("cannot write: {e}")
        }
    }

    pub fn not_regular(&self, kind: Irregular) -> String {
        use Irregular as I;
        if self.vi() {
            let k = match kind {
                I::Folder => "một thư mục",
                I::Fifo => "một FIFO (đường ống có tên)",
                I::Device => "một thiết bị",
                I::Socket => "một socket",
                I::Other => "không phải tệp",
            };
            format!(
                "không đọc được: đây là {k}, không phải tệp thông thường (dxready chỉ đọc tệp thông thường)"
            )
        } else {
            let k = match kind {
                I::Folder => "a folder",
                I::Fifo => "a FIFO (named pipe)",
                I::Device => "a device",
                I::Socket => "a socket",
                I::Other => "not a file",
            };
            format!(
                "cannot read: this is {k}, not a regular file (dxready reads only regular files)"
            )
        }
    }

    /// `size` when the file system reports it.
    pub fn too_large(&self, size: Option<u64>, limit: u64) -> String {
        match (self.vi(), size) {
            (true, Some(n)) => format!(
                "tệp có {} byte, vượt giới hạn {} byte",
                self.count(n),
                self.count(limit)
            ),
            (true, None) => format!("tệp vượt giới hạn {} byte", self.count(limit)),
            (false, Some(n)) => format!("file is {n} bytes, over the limit of {limit} bytes"),
            (false, None) => format!("file is over the limit of {limit} bytes"),
        }
    }

    /// Ends a too-large message: what kind of file the limit is for.
    pub fn for_input(&self, kind: InputKind) -> &'static str {
        match (self.vi(), kind) {
            (true, InputKind::Answers) => "đối với một tệp câu trả lời",
            (true, InputKind::Csv) => "đối với một tệp CSV",
            (true, InputKind::Workbook) => "đối với một tệp bảng tính",
            (false, InputKind::Answers) => "for an answers file",
            (false, InputKind::Csv) => "for a CSV file",
            (false, InputKind::Workbook) => "for a workbook",
        }
    }

    pub fn not_utf8(&self) -> &'static str {
        if self.vi() {
            "tệp không phải văn bản UTF-8 (hãy lưu lại dưới dạng UTF-8)"
        } else {
            "file is not UTF-8 text (save it as UTF-8)"
        }
    }

    /// What to do about a CSV file in another encoding than UTF-8.
    pub fn save_as_csv_utf8(&self) -> &'static str {
        if self.vi() {
            "hãy lưu lại dưới dạng CSV UTF-8 (Excel: File → Save As → \"CSV UTF-8 (Comma delimited)\"; LibreOffice: Character set \"Unicode (UTF-8)\") rồi chạy lại"
        } else {
            "save it as CSV UTF-8 (Excel: File → Save As → \"CSV UTF-8 (Comma delimited)\"; LibreOffice: Character set \"Unicode (UTF-8)\") and run again"
        }
    }

    pub fn csv_empty(&self) -> &'static str {
        if self.vi() {
            "tệp trống (không có dòng tiêu đề)"
        } else {
            "the file is empty (no header row)"
        }
    }

    pub fn csv_bad_utf16(&self) -> String {
        if self.vi() {
            format!(
                "tệp là văn bản UTF-16 có ký tự không hợp lệ; {}",
                self.save_as_csv_utf8()
            )
        } else {
            format!(
                "the file is UTF-16 text with invalid characters; {}",
                self.save_as_csv_utf8()
            )
        }
    }

    /// A CSV file neither UTF-8 nor UTF-16; `vietnamese`: it reads as Vietnamese in
    /// Windows-1258, the code page Excel's plain "CSV" format uses on a Vietnamese Windows.
    pub fn csv_not_utf8(&self, vietnamese: bool) -> String {
        let save = self.save_as_csv_utf8();
        match (self.vi(), vietnamese) {
            (true, true) => format!(
                "tệp không phải văn bản UTF-8 (có vẻ là Windows-1258, bảng mã tiếng Việt mà định dạng \"CSV\" thường của Excel dùng); {save}"
            ),
            (true, false) => format!(
                "tệp không phải văn bản UTF-8 (có thể là một bảng mã ANSI của Windows); {save}"
            ),
            (false, true) => format!(
                "the file is not UTF-8 text (it looks like Windows-1258, the Vietnamese ANSI code page that Excel's plain \"CSV\" format uses); {save}"
            ),
            (false, false) => {
                format!("the file is not UTF-8 text (perhaps a Windows ANSI code page); {save}")
            }
        }
    }

    pub fn file_empty(&self) -> &'static str {
        if self.vi() {
            "tệp trống"
        } else {
            "file is empty"
        }
    }

    pub fn control_character(&self, c: u32) -> String {
        if self.vi() {
            format!("tệp chứa ký tự điều khiển U+{c:04X}, YAML không cho phép; hãy xoá nó")
        } else {
            format!(
                "the file contains the control character U+{c:04X}, which YAML does not allow; remove it"
            )
        }
    }

    pub fn number_too_large(&self, shown: &str) -> String {
        if self.vi() {
            format!("số {shown} quá lớn (số trong tệp dxready có độ lớn tối đa 10^15)")
        } else {
            format!(
                "the number {shown} is too large (numbers in dxready files are at most 10^15 in size)"
            )
        }
    }

    pub fn not_finite(&self, shown: &str) -> String {
        if self.vi() {
            format!("cần một số hữu hạn, nhận được {shown}")
        } else {
            format!("expected a finite number, found {shown}")
        }
    }

    pub fn duplicate_key(&self, key: &str, first_line: usize) -> String {
        if self.vi() {
            format!(
                "khoá `{key}` xuất hiện hai lần trong cùng một map (lần đầu ở dòng {first_line}); hãy giữ một"
            )
        } else {
            format!(
                "the key `{key}` appears twice in the same map (first on line {first_line}); keep one"
            )
        }
    }

    pub fn nested_too_deeply(&self) -> &'static str {
        if self.vi() {
            "tài liệu lồng nhau quá sâu"
        } else {
            "document is nested too deeply"
        }
    }

    pub fn alias_bomb(&self) -> &'static str {
        if self.vi() {
            "tài liệu mở rộng quá nhiều alias (bị từ chối vì có thể là một alias bomb)"
        } else {
            "document expands too many aliases (refused as a possible alias bomb)"
        }
    }

    pub fn yaml_syntax(&self, parser: &str) -> String {
        if self.vi() {
            format!("lỗi cú pháp YAML: {parser}")
        } else {
            format!("YAML syntax error: {parser}")
        }
    }

    pub fn too_many_values(&self, max: usize) -> String {
        if self.vi() {
            format!(
                "tài liệu có hơn {} giá trị (bị từ chối: quá lớn khi mở rộng alias)",
                self.count(max as u64)
            )
        } else {
            format!(
                "document has more than {max} values (refused: too large once aliases are expanded)"
            )
        }
    }

    pub fn nested_more_than(&self, max: usize) -> String {
        if self.vi() {
            format!("tài liệu lồng nhau sâu hơn {max} cấp")
        } else {
            format!("document is nested more than {max} levels deep")
        }
    }

    /// A value's kind, for "expected …, found …".
    pub fn value_kind(&self, v: &serde_yaml::Value) -> String {
        use serde_yaml::Value;
        let vi = self.vi();
        match v {
            Value::Null if vi => "không có gì (null)".into(),
            Value::Null => "nothing (null)".into(),
            Value::Bool(b) if vi => format!("giá trị logic {b}"),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Number(n) if vi => format!("số {n}"),
            Value::Number(n) => format!("the number {n}"),
            Value::String(s) if s.chars().count() > 60 => {
                let head: String = s.chars().take(50).collect();
                let n = s.chars().count();
                if vi {
                    format!("một đoạn văn bản {n} ký tự ({head:?}…)")
                } else {
                    format!("a text of {n} characters ({head:?}…)")
                }
            }
            Value::String(s) if vi => format!("văn bản {s:?}"),
            Value::String(s) => format!("the text {s:?}"),
            Value::Sequence(_) if vi => "một danh sách".into(),
            Value::Sequence(_) => "a list".into(),
            Value::Mapping(_) if vi => "một map".into(),
            Value::Mapping(_) => "a map".into(),
            Value::Tagged(t) if vi => format!("một giá trị có thẻ {}", t.tag),
            Value::Tagged(t) => format!("a value tagged {}", t.tag),
        }
    }

    pub fn unsupported_format(&self, format: u32) -> String {
        if self.vi() {
            format!("định dạng {format} không được hỗ trợ; phiên bản dxready này đọc định dạng 1")
        } else {
            format!("unsupported format {format}; this version of dxready reads format 1")
        }
    }

    /// `line 3, column 5: ` before a problem in a batch's `errors.csv`.
    pub fn at(&self, line: usize, column: usize) -> String {
        if self.vi() {
            format!("dòng {line}, cột {column}: ")
        } else {
            format!("line {line}, column {column}: ")
        }
    }

    pub fn invalid(&self) -> &'static str {
        if self.vi() {
            "không hợp lệ"
        } else {
            "invalid"
        }
    }

    /// `… and 12,345 more problems`.
    pub fn and_more(&self, n: usize) -> String {
        let grouped = self.count(n as u64);
        if self.vi() {
            format!("… và {grouped} lỗi khác")
        } else {
            let noun = if n == 1 { "problem" } else { "problems" };
            format!("… and {grouped} more {noun}")
        }
    }
}

/// Which kind of input a limit is for, in a too-large message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Answers,
    Csv,
    Workbook,
}

/// The answers a file gives: what a question accepts and why an answer does not fit.
impl Words {
    /// What a question accepts, for "expected …".
    pub fn expected_answer(&self, e: Expected<'_>) -> String {
        let vi = self.vi();
        match e {
            Expected::OneOf(ids) if vi => format!("một mã lựa chọn ({ids})"),
            Expected::OneOf(ids) => format!("one option id ({ids})"),
            Expected::OptionList if vi => "một danh sách mã lựa chọn".into(),
            Expected::OptionList => "a list of option ids".into(),
            Expected::YesNo if vi => "có hoặc không (yes/no)".into(),
            Expected::YesNo => "yes or no".into(),
            Expected::WholeFrom(min, max) => self.whole_number_from(min, max),
            Expected::Whole if vi => "một số nguyên".into(),
            Expected::Whole => "a whole number".into(),
            Expected::Number if vi => "một số".into(),
            Expected::Number => "a number".into(),
            Expected::Text if vi => "văn bản".into(),
            Expected::Text => "text".into(),
            Expected::Date if vi => "một ngày dạng YYYY-MM-DD".into(),
            Expected::Date => "a date YYYY-MM-DD".into(),
        }
    }

    pub fn whole_number_from(&self, min: i64, max: i64) -> String {
        if self.vi() {
            format!("một số nguyên từ {min} đến {max}")
        } else {
            format!("a whole number from {min} to {max}")
        }
    }

    /// `expected X, found Y`.
    pub fn expected_found(&self, expected: &str, found: &str) -> String {
        if self.vi() {
            format!("cần {expected}, nhận được {found}")
        } else {
            format!("expected {expected}, found {found}")
        }
    }

    pub fn option_ids_in_list(&self, found: &str) -> String {
        self.expected_found(
            if self.vi() {
                "các mã lựa chọn trong danh sách"
            } else {
                "option ids in the list"
            },
            found,
        )
    }

    pub fn list_like(&self, first: &str, found: &str) -> String {
        if self.vi() {
            format!(
                "cần một danh sách mã lựa chọn như [{first}] (hoặc [] nếu không chọn gì), nhận được {found}"
            )
        } else {
            format!("expected a list of option ids like [{first}] (or [] for none), found {found}")
        }
    }

    pub fn text_not_number(&self, found: &str) -> String {
        if self.vi() {
            format!(
                "cần văn bản, nhận được {found}; hãy đặt trong dấu ngoặc kép (\"…\") để giữ số 0 đứng đầu và các chữ số"
            )
        } else {
            format!(
                "expected text, found {found}; put it in quotes (\"…\") so leading zeros and digits are kept"
            )
        }
    }

    pub fn tagged(&self, expected: &str) -> String {
        if self.vi() {
            format!("cần {expected}, nhận được một giá trị có thẻ")
        } else {
            format!("expected {expected}, found a tagged value")
        }
    }

    /// `one`: a single choice (else some of a multi-choice).
    pub fn not_an_option(&self, given: &str, ids: &str, one: bool) -> String {
        match (self.vi(), one) {
            (true, true) => {
                format!("`{given}` không phải một lựa chọn của câu hỏi này (cần một trong: {ids})")
            }
            (true, false) => format!(
                "`{given}` không phải một lựa chọn của câu hỏi này (cần một vài trong: {ids})"
            ),
            (false, true) => {
                format!("`{given}` is not an option of this question (expected one of: {ids})")
            }
            (false, false) => {
                format!("`{given}` is not an option of this question (expected some of: {ids})")
            }
        }
    }

    pub fn yes_or_no(&self, found: &str) -> String {
        if self.vi() {
            format!("cần yes hoặc no, nhận được {found:?}")
        } else {
            format!("expected yes or no, found {found:?}")
        }
    }

    pub fn whole_number(&self, found: &str) -> String {
        if self.vi() {
            format!("cần một số nguyên, nhận được {found}")
        } else {
            format!("expected a whole number, found {found}")
        }
    }

    pub fn below_minimum(&self, given: &str, min: &str) -> String {
        if self.vi() {
            format!("{given} nhỏ hơn mức tối thiểu {min}")
        } else {
            format!("{given} is below the minimum {min}")
        }
    }

    pub fn above_maximum(&self, given: &str, max: &str) -> String {
        if self.vi() {
            format!("{given} lớn hơn mức tối đa {max}")
        } else {
            format!("{given} is above the maximum {max}")
        }
    }

    pub fn text_too_long(&self, count: usize, max: usize) -> String {
        if self.vi() {
            format!(
                "văn bản dài {} ký tự, vượt giới hạn {} ký tự",
                self.count(count as u64),
                self.count(max as u64)
            )
        } else {
            format!("text is {count} characters, over the limit of {max}")
        }
    }

    pub fn not_a_date(&self, found: &str) -> String {
        if self.vi() {
            format!("cần một ngày dạng YYYY-MM-DD, nhận được {found:?}")
        } else {
            format!("expected a date YYYY-MM-DD, found {found:?}")
        }
    }

    pub fn listed_twice(&self, id: &str) -> String {
        if self.vi() {
            format!("lựa chọn `{id}` được liệt kê hai lần")
        } else {
            format!("option `{id}` is listed twice")
        }
    }

    pub fn not_combinable(&self, id: &str) -> String {
        if self.vi() {
            format!("lựa chọn `{id}` không thể đi cùng các lựa chọn khác")
        } else {
            format!("option `{id}` cannot be combined with other options")
        }
    }

    pub fn not_answers_file(&self, found: &str) -> String {
        if self.vi() {
            format!(
                "cần một tệp câu trả lời (một map có `format`, `questionnaire`, `assessed_on`, `answers`), nhận được {found}"
            )
        } else {
            format!(
                "expected an answers file (a map with `format`, `questionnaire`, `assessed_on`, `answers`), found {found}"
            )
        }
    }

    pub fn other_questionnaire(&self, given: &str, in_use: &str) -> String {
        if self.vi() {
            format!(
                "các câu trả lời này dành cho bộ câu hỏi `{given}`, nhưng bộ câu hỏi đang dùng là `{in_use}` (chỉ định bộ đúng bằng -q)"
            )
        } else {
            format!(
                "these answers are for questionnaire `{given}`, but the questionnaire in use is `{in_use}` (pass the right one with -q)"
            )
        }
    }

    pub fn scored_with_version(&self, given: &str, id: &str, in_use: &str) -> String {
        if self.vi() {
            format!(
                "các câu trả lời được đưa ra cho phiên bản {given} của `{id}`; chấm điểm bằng phiên bản {in_use}"
            )
        } else {
            format!(
                "answers were given to version {given} of `{id}`; scoring with version {in_use}"
            )
        }
    }

    pub fn language_not_declared(&self, lang: &str, declared: &str) -> String {
        if self.vi() {
            format!("ngôn ngữ `{lang}` không thuộc các ngôn ngữ của bộ câu hỏi ({declared})")
        } else {
            format!("language `{lang}` is not one of the questionnaire's ({declared})")
        }
    }

    pub fn keys_must_be_ids(&self, found: &str) -> String {
        if self.vi() {
            format!("khoá của câu trả lời phải là mã câu hỏi, nhận được {found}")
        } else {
            format!("answer keys must be question ids, found {found}")
        }
    }

    pub fn unknown_question(&self, id: &str, questionnaire: &str) -> String {
        if self.vi() {
            format!("mã câu hỏi không có: `{id}` (không thuộc bộ câu hỏi `{questionnaire}`)")
        } else {
            format!("unknown question id `{id}` (not in questionnaire `{questionnaire}`)")
        }
    }

    pub fn and_n_more(&self, n: usize) -> String {
        if self.vi() {
            format!(" và {} mã khác", self.count(n as u64))
        } else {
            format!(" and {n} more")
        }
    }

    pub fn other_version(&self, given: &str, id: &str, in_use: &str, listed: &str) -> String {
        if self.vi() {
            format!(
                "các câu trả lời này dành cho phiên bản {given} của `{id}`, nhưng bộ câu hỏi đang dùng là phiên bản {in_use}, không có câu hỏi {listed}: hãy chỉ định bộ câu hỏi phiên bản {given} bằng -q FILE"
            )
        } else {
            format!(
                "these answers are for version {given} of `{id}`, but the questionnaire in use is version {in_use}, which has no question {listed}: pass version {given}'s questionnaire with -q FILE"
            )
        }
    }

    pub fn hidden_answer(&self) -> &'static str {
        if self.vi() {
            "câu trả lời cho một câu hỏi không được hỏi với các câu trả lời này (bị ẩn bởi show_if hoặc một trụ cột không áp dụng); nó bị bỏ qua"
        } else {
            "answer to a question that is not asked for these answers (hidden by show_if or a not-applicable dimension); it is ignored"
        }
    }

    pub fn missing_required(&self, id: &str, kind: &str, text: &str) -> String {
        if self.vi() {
            format!("thiếu câu trả lời cho câu hỏi bắt buộc `{id}` ({kind}: {text})")
        } else {
            format!("missing answer to required question `{id}` ({kind}: {text})")
        }
    }
}

/// What commands say when they cannot do their job.
impl Words {
    pub fn already_exists(&self, shown: &str, resume: &str) -> String {
        if self.vi() {
            format!(
                "{shown} đã có và sẽ bị ghi đè.\nĐể tiếp tục bài đánh giá đó, chạy `{resume}`; để bắt đầu bài mới, chọn tệp khác bằng `-o FILE`."
            )
        } else {
            format!(
                "{shown} already exists and would be overwritten.\nTo continue that assessment, run `{resume}`; to start a new one, choose another file with `-o FILE`."
            )
        }
    }

    pub fn inputs_failed(&self, n: usize, errors_csv: &str) -> String {
        if self.vi() {
            format!(
                "{} đầu vào không chấm điểm được; lý do ở {errors_csv}",
                self.count(n as u64)
            )
        } else {
            format!("{n} input(s) could not be scored; the reasons are in {errors_csv}")
        }
    }

    pub fn lang_not_declared(&self, lang: &str, id: &str, declared: &str) -> String {
        if self.vi() {
            format!("--lang {lang}: bộ câu hỏi `{id}` chỉ có {declared}")
        } else {
            format!("--lang {lang}: the questionnaire `{id}` declares only {declared}")
        }
    }

    /// `e`: the reason, already in this language ([`Words::io`]).
    pub fn cannot_save_answers(&self, shown: &str, e: &str) -> String {
        if self.vi() {
            format!(
                "{shown}: không lưu được câu trả lời: {e}; các câu trả lời trước câu này đã có trong tệp"
            )
        } else {
            format!(
                "{shown}: cannot save the answers: {e}; the answers given before this one are in the file"
            )
        }
    }
}

/// What an answer was expected to be ([`Words::expected_answer`]).
#[derive(Clone, Copy, Debug)]
pub enum Expected<'a> {
    /// One of these option ids (joined with commas).
    OneOf(&'a str),
    OptionList,
    YesNo,
    WholeFrom(i64, i64),
    Whole,
    Number,
    Text,
    Date,
}

/// What a path is when it is not a regular file (`crate::fsio` refuses to read it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Irregular {
    Folder,
    /// A FIFO (named pipe).
    Fifo,
    Device,
    Socket,
    Other,
}

/// A row of a CSV file or worksheet of answers.
impl Words {
    /// `sheet `S`, column H `header``.
    pub fn column(&self, sheet: Option<&str>, letter: &str, header: &str) -> String {
        match (self.vi(), sheet) {
            (true, Some(s)) => format!("trang `{s}`, cột {letter} `{header}`"),
            (true, None) => format!("cột {letter} `{header}`"),
            (false, Some(s)) => format!("sheet `{s}`, column {letter} `{header}`"),
            (false, None) => format!("column {letter} `{header}`"),
        }
    }

    pub fn not_a_number(&self, cell: &str) -> String {
        if self.vi() {
            format!("cần một số, nhận được {cell:?}")
        } else {
            format!("expected a number, found {cell:?}")
        }
    }

    pub fn two_readings(&self, cell: &str, a: &str, b: &str) -> String {
        if self.vi() {
            format!(
                "{cell:?} có thể hiểu theo hai cách (dấu phân cách hàng nghìn hoặc dấu thập phân): hãy viết {a} hoặc {b}"
            )
        } else {
            format!(
                "{cell:?} could be read two ways (a thousands separator or a decimal comma): write it as {a} or {b}"
            )
        }
    }

    /// `hint`: how dates are written (`YYYY-MM-DD`, `DD/MM/YYYY (dates: dmy)`).
    pub fn date_cell(&self, hint: &str, found: &str, parenthesised: bool) -> String {
        match (self.vi(), parenthesised) {
            (true, true) => format!("cần một ngày ({hint}), nhận được {found:?}"),
            (true, false) => format!("cần một ngày {hint}, nhận được {found:?}"),
            (false, true) => format!("expected a date ({hint}), found {found:?}"),
            (false, false) => format!("expected a date {hint}, found {found:?}"),
        }
    }

    pub fn too_many_cells(&self, cells: usize, columns: usize) -> String {
        if self.vi() {
            format!("dòng có {cells} ô nhưng tiêu đề chỉ có {columns} cột")
        } else {
            format!("the row has {cells} cells but the header only {columns} columns")
        }
    }

    pub fn not_a_language(&self, value: &str, declared: &str) -> String {
        if self.vi() {
            format!("`{value}` không thuộc các ngôn ngữ của bộ câu hỏi ({declared})")
        } else {
            format!("`{value}` is not one of the questionnaire's languages ({declared})")
        }
    }

    pub fn tick_cell(&self, found: &str) -> String {
        if self.vi() {
            format!("cần 1 (được chọn) hoặc 0, nhận được {found:?}")
        } else {
            format!("expected 1 (ticked) or 0, found {found:?}")
        }
    }

    pub fn flag_columns(&self, id: &str) -> String {
        if self.vi() {
            format!("các cột {id}/…")
        } else {
            format!("columns {id}/…")
        }
    }

    pub fn date_missing(&self) -> &'static str {
        if self.vi() {
            "thiếu (ngày đánh giá là bắt buộc)"
        } else {
            "missing (the assessment date is required)"
        }
    }

    pub fn no_column_for_it(&self) -> &'static str {
        if self.vi() {
            "(tệp không có cột cho câu này)"
        } else {
            "(the file has no column for it)"
        }
    }

    pub fn row_not_utf8(&self) -> &'static str {
        if self.vi() {
            "dòng không phải văn bản UTF-8"
        } else {
            "the row is not UTF-8 text"
        }
    }

    pub fn cannot_read_further(&self, e: &std::io::Error) -> String {
        if self.vi() {
            format!("không đọc tiếp được tệp: {}", self.io(e))
        } else {
            format!("cannot read the file any further: {e}")
        }
    }

    pub fn cannot_read_row(&self, e: &str) -> String {
        if self.vi() {
            format!("không đọc được dòng: {e}")
        } else {
            format!("cannot read the row: {e}")
        }
    }
}

/// A batch run.
impl Words {
    pub fn scored_failed(&self, scored: usize, failed: usize, outputs: &str) -> String {
        if self.vi() {
            format!(
                "đã chấm {}, không chấm được {} → {outputs}",
                self.count(scored as u64),
                self.count(failed as u64)
            )
        } else {
            format!("scored {scored}, failed {failed} → {outputs}")
        }
    }

    pub fn cannot_read_folder(&self, e: &std::io::Error) -> String {
        if self.vi() {
            format!("không đọc được thư mục: {}", self.io(e))
        } else {
            format!("cannot read the folder: {e}")
        }
    }

    /// A header column that names no question; `hint` says where it could be named.
    pub fn unknown_column(
        &self,
        letter: &str,
        name: &str,
        q: &str,
        hint: ColumnHint<'_>,
    ) -> String {
        if self.vi() {
            let hint = match hint {
                ColumnHint::Map(file) => format!("hãy khai báo nó trong {file} (`columns`) hoặc liệt kê nó dưới `ignore`"),
                ColumnHint::Auto => "cũng không phải nội dung một câu hỏi ở một trong các ngôn ngữ của nó, assessed_on, language, notes; với biểu mẫu tự làm, hãy dùng --map FILE".into(),
                ColumnHint::Plain => "cũng không phải assessed_on, language, notes".into(),
            };
            format!("cột {letter} `{name}` không phải mã câu hỏi của `{q}` ({hint})")
        } else {
            let hint = match hint {
                ColumnHint::Map(file) => format!("map it in {file} (`columns`) or list it under `ignore`"),
                ColumnHint::Auto => "nor a question's text in one of its languages, assessed_on, language, notes; for a form made by hand, pass --map FILE".into(),
                ColumnHint::Plain => "nor assessed_on, language, notes".into(),
            };
            format!("column {letter} `{name}` is not a question id of `{q}` ({hint})")
        }
    }

    pub fn same_answer_columns(
        &self,
        letter: &str,
        name: &str,
        first: &str,
        first_name: &str,
    ) -> String {
        if self.vi() {
            format!("cột {letter} `{name}` chứa cùng câu trả lời với cột {first} `{first_name}`")
        } else {
            format!(
                "column {letter} `{name}` holds the same answer as column {first} `{first_name}`"
            )
        }
    }

    pub fn no_date_column(&self, map_file: Option<&str>) -> String {
        match (self.vi(), map_file) {
            (true, Some(f)) => format!(
                "không cột nào chứa `assessed_on` (ngày đánh giá): hãy khai báo một cột trong {f} (ví dụ ngày nộp)"
            ),
            (true, None) => "tiêu đề không có cột `assessed_on` (ngày đánh giá, YYYY-MM-DD)".into(),
            (false, Some(f)) => format!(
                "no column holds `assessed_on` (the assessment date): map one in {f} (e.g. the submission date)"
            ),
            (false, None) => {
                "the header has no `assessed_on` column (the assessment date, YYYY-MM-DD)".into()
            }
        }
    }

    /// `sheet `S`: row 1: ` before a header problem.
    pub fn header_row(&self, sheet: Option<&str>, row: usize) -> String {
        match (self.vi(), sheet) {
            (true, Some(s)) => format!("trang `{s}`: dòng {row}: "),
            (true, None) => format!("dòng {row}: "),
            (false, Some(s)) => format!("sheet `{s}`: row {row}: "),
            (false, None) => format!("row {row}: "),
        }
    }
}

/// Where an unknown header column could be named.
#[derive(Clone, Copy, Debug)]
pub enum ColumnHint<'a> {
    /// In this `--map` file.
    Map(&'a str),
    /// The mapping built from the questionnaire: a question's text would do.
    Auto,
    /// Plain CSV: only question ids and the fixed columns.
    Plain,
}

/// Cells read through a `--map` mapping (or the one built from the questionnaire).
impl Words {
    /// `auto`: the mapping built from the questionnaire (labels are the options' own).
    pub fn not_a_choice(&self, item: &str, ids: &str, auto: bool) -> String {
        match (self.vi(), auto) {
            (true, true) => format!(
                "`{item}` không phải mã hay nhãn của một lựa chọn (cần một vài trong: {ids})"
            ),
            (true, false) => format!(
                "`{item}` không phải một lựa chọn hay nhãn đã khai báo (cần một vài trong: {ids})"
            ),
            (false, true) => {
                format!("`{item}` is not an option id or label (expected some of: {ids})")
            }
            (false, false) => format!(
                "`{item}` is not an option or a mapped choice label (expected some of: {ids})"
            ),
        }
    }
}
