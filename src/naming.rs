//! Safe, unique file names for reports (docs/reference/commands.md; `report` uses the same rule): enterprise names come
//! from untrusted answers, so they are folded to ASCII, reduced to `a-z0-9-` and shortened
//! before they become a path; clashes are numbered in input order.

use std::collections::HashSet;

/// The longest name produced, in characters (all ASCII), suffix included.
pub const MAX_NAME: usize = 80;

/// A file name stem from an enterprise name: Vietnamese (and any other) letters folded to
/// ASCII (`Đ`→`D`, `ế`→`e`), lower case, every run of characters other than `a-z0-9` turned
/// into one `-`, no `-` at either end, at most [`MAX_NAME`] characters. When nothing is left,
/// the same is done to `fallback` (the answers file's stem or `row-N`); when that is empty too,
/// the result is `enterprise`. The result never contains `/`, `.` or control characters.
pub fn safe_name(name: &str, fallback: &str) -> String {
    let slug = slugify(name);
    if !slug.is_empty() {
        return slug;
    }
    let slug = slugify(fallback);
    if !slug.is_empty() {
        slug
    } else {
        "enterprise".to_string()
    }
}

fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len().min(MAX_NAME + 1));
    let mut dash = false;
    for c in ascii.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
            if out.len() >= MAX_NAME {
                break;
            }
        } else {
            dash = true;
        }
    }
    shorten(&out, MAX_NAME).to_string()
}

/// At most `max` characters of an ASCII slug, without a trailing `-`.
fn shorten(slug: &str, max: usize) -> &str {
    let cut = if slug.len() > max { &slug[..max] } else { slug };
    cut.trim_end_matches('-')
}

/// Hands out names in input order: the first `x` stays `x`, the next ones become `x-2`,
/// `x-3`, … (skipping any that are already taken, e.g. by an enterprise really called
/// `x-2`). A numbered name is shortened so that it still fits in [`MAX_NAME`] characters.
#[derive(Debug, Default)]
pub struct UniqueNames {
    used: HashSet<String>,
}

impl UniqueNames {
    pub fn new() -> Self {
        UniqueNames::default()
    }

    /// Claims `base` (a result of [`safe_name`]) or the first free numbered variant of it.
    pub fn claim(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 2usize;
        loop {
            let suffix = format!("-{n}");
            let stem = shorten(base, MAX_NAME - suffix.len());
            let candidate = format!("{stem}{suffix}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_NAME, UniqueNames, safe_name};

    #[test]
    fn folds_vietnamese_to_ascii() {
        assert_eq!(
            safe_name("Công ty TNHH Thực phẩm An Phát", "x"),
            "cong-ty-tnhh-thuc-pham-an-phat"
        );
        assert_eq!(safe_name("ĐẠI LÝ Đồng Tiến", "x"), "dai-ly-dong-tien");
        assert_eq!(
            safe_name("Hợp tác xã Nông nghiệp Ứng Hòa", "x"),
            "hop-tac-xa-nong-nghiep-ung-hoa"
        );
    }

    #[test]
    fn runs_of_other_characters_become_one_dash() {
        assert_eq!(safe_name("  A & B -- (Co.), Ltd.  ", "x"), "a-b-co-ltd");
        assert_eq!(
            safe_name("=HYPERLINK(\"http://x\")", "x"),
            "hyperlink-http-x"
        );
    }

    #[test]
    fn path_looking_names_stay_inside_the_folder() {
        for evil in [
            "../../etc/passwd",
            "..",
            "/",
            "a/../../b",
            "C:\\Windows\\x",
            "\u{0}\n\t..",
            "~/.ssh/id",
        ] {
            let n = safe_name(evil, "stem");
            assert!(
                !n.contains('/') && !n.contains('\\') && !n.contains('.') && !n.is_empty(),
                "{evil:?} → {n:?}"
            );
            assert!(
                n.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{n}"
            );
        }
        assert_eq!(safe_name("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(safe_name("..", "an-phat.answers"), "an-phat-answers");
    }

    #[test]
    fn empty_falls_back_to_stem_then_a_word() {
        assert_eq!(safe_name("", "an-phat"), "an-phat");
        assert_eq!(safe_name("***", "row-7"), "row-7");
        assert_eq!(safe_name("", "…"), "enterprise");
        // Scripts deunicode cannot read aloud still give something.
        assert!(!safe_name("株式会社", "x").is_empty());
    }

    #[test]
    fn at_most_80_characters_without_a_trailing_dash() {
        let long = "Công ty ".repeat(30);
        let n = safe_name(&long, "x");
        assert!(n.len() <= MAX_NAME, "{}", n.len());
        assert!(!n.ends_with('-'));
        assert!(n.starts_with("cong-ty-cong-ty"));
    }

    #[test]
    fn clashes_are_numbered_in_order() {
        let mut u = UniqueNames::new();
        assert_eq!(u.claim("an-phat"), "an-phat");
        assert_eq!(u.claim("an-phat"), "an-phat-2");
        assert_eq!(u.claim("an-phat-3"), "an-phat-3");
        assert_eq!(u.claim("an-phat"), "an-phat-4");
        assert_eq!(u.claim("other"), "other");
    }

    #[test]
    fn numbered_long_names_still_fit() {
        let mut u = UniqueNames::new();
        let base = "a".repeat(MAX_NAME);
        assert_eq!(u.claim(&base), base);
        let second = u.claim(&base);
        assert_eq!(second.len(), MAX_NAME);
        assert!(second.ends_with("-2"));
    }
}
