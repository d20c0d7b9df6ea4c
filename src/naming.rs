//! File names made from enterprise names (cli.md): Vietnamese letters folded to ASCII
//! (`Đ`→`D`, `ế`→`e`), lower case, runs of anything but `a-z0-9` become `-`, at most 80
//! characters; an empty result falls back to the given stem. Names taken from answers can
//! therefore never contain `/`, `..` or control characters.

/// A safe file stem for `name`, or `fallback` (itself made safe) when nothing is left.
pub fn safe_stem(name: &str, fallback: &str) -> String {
    let s = fold(name);
    if s.is_empty() {
        let f = fold(fallback);
        if f.is_empty() {
            "report".to_string()
        } else {
            f
        }
    } else {
        s
    }
}

fn fold(name: &str) -> String {
    let ascii = deunicode::deunicode(&name.replace(['Đ', 'đ'], "d"));
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    let mut s = out.trim_end_matches('-').to_string();
    if s.len() > 80 {
        s.truncate(80);
        s = s.trim_end_matches('-').to_string();
    }
    s
}

/// Makes stems unique in the order they are asked for: `x`, `x-2`, `x-3`, …
#[derive(Debug, Default)]
pub struct Unique {
    taken: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl Unique {
    pub fn name(&mut self, stem: &str) -> String {
        let mut k = self.next.get(stem).copied().unwrap_or(1);
        let mut candidate = if k == 1 {
            stem.to_string()
        } else {
            format!("{stem}-{k}")
        };
        while !self.taken.insert(candidate.clone()) {
            k += 1;
            candidate = format!("{stem}-{k}");
        }
        self.next.insert(stem.to_string(), k + 1);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_and_strips_paths() {
        assert_eq!(
            safe_stem("Công ty TNHH Thực phẩm An Phát", "x"),
            "cong-ty-tnhh-thuc-pham-an-phat"
        );
        assert_eq!(safe_stem("Đặng Ứng — Hải Dương", "x"), "dang-ung-hai-duong");
        assert_eq!(safe_stem("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(safe_stem("///", "a.answers"), "a-answers");
        assert_eq!(safe_stem(&"a".repeat(200), "x").len(), 80);
        assert_eq!(safe_stem("\u{0}\u{7}", ""), "report");
    }

    #[test]
    fn clashes_get_numbers_in_order() {
        let mut u = Unique::default();
        assert_eq!(u.name("a"), "a");
        assert_eq!(u.name("a"), "a-2");
        assert_eq!(u.name("a"), "a-3");
        assert_eq!(u.name("b"), "b");
    }
}
