//! dxready's own words in Vietnamese and English, in one typed table: [`Words`] holds every
//! word the tool itself says in one language, by area (the interview, the report, the cohort
//! report, the web pages, the workbooks and forms), and the messages a user sees when something
//! goes wrong are its methods (`messages.rs`). Questionnaire and catalog text is the files'
//! own; these are dxready's.
//!
//! A word that more than one area says is written once, in [`Common`]; the areas' tables take
//! it from there (`level: common::VI.level`), so "Mức" is the same in the score table, the
//! report, the cohort report and the web pages. Each table is a struct with one field per
//! word and a `VI` and an `EN` value: the compiler checks both languages are complete.
//!
//! Messages follow `--lang`, else the answers file's `language`, else the questionnaire's
//! first language ([`Lang::set_messages`] is called once the command knows). Languages other
//! than Vietnamese use English. Library code that is never told (tests, other programs)
//! speaks English.

pub mod cohort;
pub mod common;
pub mod conditions;
pub mod intake;
pub mod interview;
mod messages;
pub mod report;
pub mod serve;
pub mod show;
pub mod summary;
pub mod xlsform;

use std::sync::atomic::{AtomicU8, Ordering};

pub use cohort::Cohort;
pub use common::Common;
pub use conditions::Conditions;
pub use intake::Intake;
pub use interview::Interview;
pub use messages::{ColumnHint, Expected, InputKind, Irregular};
pub use report::Report;
pub use serve::Serve;
pub use show::Show;
pub use summary::Summary;
pub use xlsform::XlsForm;

/// A language dxready speaks itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

static MESSAGES: AtomicU8 = AtomicU8::new(0);

impl Lang {
    /// The language for a language code (`vi`, `en`, …): Vietnamese or else English.
    pub fn of(code: &str) -> Lang {
        if code == "vi" { Lang::Vi } else { Lang::En }
    }

    /// The language messages are written in now.
    pub fn messages() -> Lang {
        if MESSAGES.load(Ordering::Relaxed) == 1 {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// Sets the language of messages for the rest of the run.
    pub fn set_messages(lang: Lang) {
        MESSAGES.store(u8::from(lang == Lang::Vi), Ordering::Relaxed);
    }
}

/// A whole number grouped by thousands: `1.500.000` in Vietnamese, `1,500,000` in English.
pub fn group_thousands(n: i128, lang: Lang) -> String {
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// dxready's own words in one language.
#[derive(Debug)]
pub struct Words {
    pub lang: Lang,
    /// The prefix of an error line (`error:` without the colon).
    pub error: &'static str,
    pub warning: &'static str,
    pub note: &'static str,
    /// After a warning printed as an error under `validate --strict`.
    pub strict_warning: &'static str,
    /// The words several areas say (the score table, the reports, the interview, the web).
    pub common: Common,
    /// A condition on one line (`questionnaire show`); its sentences are methods.
    pub conditions: Conditions,
    /// `dxready assess` (and the answer checks `serve` shares with it).
    pub interview: Interview,
    /// The report's fixed words; templates see them as `labels`.
    pub report: Report,
    /// The cohort report's fixed words; its template sees them as `t`.
    pub cohort: Cohort,
    /// The web pages of `dxready serve`; templates see them as `w`.
    pub serve: Serve,
    /// `questionnaire show`.
    pub show: Show,
    /// The headers and sheet names of `summary.xlsx`.
    pub summary: Summary,
    /// The intake workbook (`questionnaire xlsx-template`).
    pub intake: Intake,
    /// The XLSForm (`questionnaire xlsform`), per form language.
    pub xlsform: XlsForm,
}

static VI: Words = Words {
    lang: Lang::Vi,
    error: "lỗi",
    warning: "cảnh báo",
    note: "ghi chú",
    strict_warning: "(cảnh báo, thành lỗi khi dùng --strict)",
    common: common::VI,
    conditions: conditions::VI,
    interview: interview::VI,
    report: report::VI,
    cohort: cohort::VI,
    serve: serve::VI,
    show: show::VI,
    summary: summary::VI,
    intake: intake::VI,
    xlsform: xlsform::VI,
};

static EN: Words = Words {
    lang: Lang::En,
    error: "error",
    warning: "warning",
    note: "note",
    strict_warning: "(warning, an error under --strict)",
    common: common::EN,
    conditions: conditions::EN,
    interview: interview::EN,
    report: report::EN,
    cohort: cohort::EN,
    serve: serve::EN,
    show: show::EN,
    summary: summary::EN,
    intake: intake::EN,
    xlsform: xlsform::EN,
};

/// The words of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The words for a language code (`vi`, `en`, …): Vietnamese, or else English.
pub fn of(code: &str) -> &'static Words {
    words(Lang::of(code))
}

/// The words of the language messages are written in ([`Lang::messages`]).
pub fn msg() -> &'static Words {
    words(Lang::messages())
}

impl Words {
    /// Whether these are the Vietnamese words.
    pub fn vi(&self) -> bool {
        self.lang == Lang::Vi
    }

    /// A whole number grouped by thousands in this language (`1.500.000`, `1,500,000`).
    pub fn count(&self, n: impl Into<i128>) -> String {
        group_thousands(n.into(), self.lang)
    }
}

/// Replaces `{name}` placeholders in one of the words (`Câu {n}/{total}`).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A language's name in that language, where dxready knows it (`Tiếng Việt` for `vi`): the
/// interview's language menu and an XLSForm's language list show it with the code.
pub fn endonym(code: &str) -> Option<&'static str> {
    const NAMES: [(&str, &str); 6] = [
        ("vi", "Tiếng Việt"),
        ("en", "English"),
        ("fr", "Français"),
        ("zh", "中文"),
        ("ko", "한국어"),
        ("ja", "日本語"),
    ];
    NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}
