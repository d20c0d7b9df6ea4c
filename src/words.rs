//! The tool's own words in Vietnamese and English, in one typed table (as
//! [`crate::interview`]'s strings are): the prefixes and the messages a user sees when
//! something goes wrong. Questionnaire text is the questionnaire's own; these are dxready's.
//!
//! Messages follow `--lang`, else the answers file's `language`, else the questionnaire's
//! first language ([`Lang::set_messages`] is called once the command knows). Languages other
//! than Vietnamese use English. Library code that is never told (tests, other programs)
//! speaks English.

use std::sync::atomic::{AtomicU8, Ordering};

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

/// dxready's own words in one language.
#[derive(Debug)]
pub struct Words {
    /// The prefix of an error line (`error:` without the colon).
    pub error: &'static str,
    pub warning: &'static str,
    pub lang: Lang,
}

static VI: Words = Words {
    error: "lỗi",
    warning: "cảnh báo",
    lang: Lang::Vi,
};

static EN: Words = Words {
    error: "error",
    warning: "warning",
    lang: Lang::En,
};

/// The words of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The words of the language messages are written in ([`Lang::messages`]).
pub fn msg() -> &'static Words {
    words(Lang::messages())
}

impl Words {
    fn vi(&self) -> bool {
        self.lang == Lang::Vi
    }

    pub fn cannot_write_stdout(&self, e: &std::io::Error) -> String {
        if self.vi() {
            format!("không ghi được ra đầu ra chuẩn: {e}")
        } else {
            format!("cannot write to standard output: {e}")
        }
    }
}
