//! Reading untrusted YAML (and JSON, which is YAML) into a plain value tree.
//!
//! Every file the tool reads goes through [`parse`]: a size limit, the parser's own alias
//! repetition and recursion limits, a depth and node-count limit of ours, Unicode NFC on
//! every string, and removal of `x-` keys (a province's own annotations). Typed loading
//! then works on the tree. Positions are not kept in the tree: when a problem is reported,
//! [`locate`] walks the source once more to the problem's path and asks the parser where
//! that node starts, so the happy path pays nothing for line numbers.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_yaml::Value;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use crate::diagnostic::LoadError;

/// One step of a path into a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

pub type Path = Vec<Seg>;

/// Extends a path by one key.
pub fn key(path: &[Seg], k: &str) -> Path {
    let mut p = path.to_vec();
    p.push(Seg::Key(k.to_string()));
    p
}

/// Extends a path by one index.
pub fn index(path: &[Seg], i: usize) -> Path {
    let mut p = path.to_vec();
    p.push(Seg::Index(i));
    p
}

/// Limits applied to every document.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_nodes: usize,
}

impl Limits {
    /// Answer files arrive from many enterprises: 1 MiB (cli.md).
    pub const ANSWERS: Limits = Limits {
        max_bytes: 1 << 20,
        max_depth: 16,
        max_nodes: 50_000,
    };
    /// Questionnaires and catalogs are written by consultants; generous but bounded.
    pub const DEFINITION: Limits = Limits {
        max_bytes: 8 << 20,
        max_depth: 48,
        max_nodes: 1_000_000,
    };
}

/// Checks size and encoding of raw bytes, returning the text (a byte-order mark is dropped).
pub fn decode<'a>(file: &str, bytes: &'a [u8], limits: Limits) -> Result<&'a str, LoadError> {
    if bytes.len() > limits.max_bytes {
        return Err(LoadError::single(
            file,
            None,
            format!(
                "file is {} bytes, over the limit of {} bytes",
                bytes.len(),
                limits.max_bytes
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let upto = &bytes[..e.valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = upto.len() - upto.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        LoadError::single(
            file,
            Some((line, col)),
            "file is not UTF-8 text (save it as UTF-8)".to_string(),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Parses text into a normalised value tree.
pub fn parse(file: &str, text: &str, limits: Limits) -> Result<Value, LoadError> {
    if text.len() > limits.max_bytes {
        return Err(LoadError::single(
            file,
            None,
            format!(
                "file is {} bytes, over the limit of {} bytes",
                text.len(),
                limits.max_bytes
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(LoadError::single(file, None, "file is empty"));
    }
    let value: Value = serde_yaml::from_str(text).map_err(|e| syntax_error(file, &e))?;
    prepare(file, value, limits)
}

/// Applies the limits, NFC and `x-` key removal to an already parsed tree (the embedded
/// defaults arrive as JSON converted at build time, which parses several times faster).
pub fn prepare(file: &str, mut value: Value, limits: Limits) -> Result<Value, LoadError> {
    let mut nodes = 0usize;
    normalise(&mut value, 0, &mut nodes, limits).map_err(|m| LoadError::single(file, None, m))?;
    Ok(value)
}

fn syntax_error(file: &str, e: &serde_yaml::Error) -> LoadError {
    let location = e.location().map(|l| (l.line(), l.column()));
    let mut message = e.to_string();
    // The parser appends " at line N column M"; we print the position up front instead.
    if let Some(pos) = message.find(" at line ") {
        message.truncate(pos);
    }
    if message.contains("recursion limit") {
        message = "document is nested too deeply".into();
    } else if message.contains("repetition limit") {
        message = "document expands too many aliases (refused as a possible alias bomb)".into();
    } else {
        message = format!("YAML syntax error: {message}");
    }
    LoadError::single(file, location, message)
}

fn normalise(v: &mut Value, depth: usize, nodes: &mut usize, limits: Limits) -> Result<(), String> {
    *nodes += 1;
    if *nodes > limits.max_nodes {
        return Err(format!(
            "document has more than {} values (refused: too large once aliases are expanded)",
            limits.max_nodes
        ));
    }
    if depth > limits.max_depth {
        return Err(format!(
            "document is nested more than {} levels deep",
            limits.max_depth
        ));
    }
    match v {
        Value::String(s) => nfc_in_place(s),
        Value::Sequence(seq) => {
            for item in seq {
                normalise(item, depth + 1, nodes, limits)?;
            }
        }
        Value::Mapping(map) => {
            let needs_rebuild = map.keys().any(|k| match k {
                Value::String(s) => s.starts_with("x-") || !is_nfc(s),
                _ => false,
            });
            if needs_rebuild {
                let old = std::mem::take(map);
                for (mut k, val) in old {
                    if let Value::String(s) = &mut k {
                        if s.starts_with("x-") {
                            continue;
                        }
                        nfc_in_place(s);
                    }
                    map.insert(k, val);
                }
            }
            for (_, val) in map.iter_mut() {
                normalise(val, depth + 1, nodes, limits)?;
            }
        }
        Value::Tagged(t) => normalise(&mut t.value, depth + 1, nodes, limits)?,
        _ => {}
    }
    Ok(())
}

/// Whether a string is already NFC. Characters below U+0300, Latin Extended Additional
/// (precomposed Vietnamese, U+1E00–U+1EFF) and general punctuation from U+2002 all have
/// NFC_Quick_Check = Yes, so typical Vietnamese text is settled by one cheap pass; anything
/// else goes through the full quick check.
fn is_nfc(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    let simple = s.chars().all(|c| {
        let c = c as u32;
        c < 0x300 || (0x1E00..=0x1EFF).contains(&c) || (0x2002..=0x206F).contains(&c)
    });
    simple || is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
}

/// Normalises a string to NFC, allocating only when it is not already NFC.
pub fn nfc_in_place(s: &mut String) {
    if !is_nfc(s) {
        *s = s.nfc().collect();
    }
}

/// NFC copy of a string.
pub fn nfc(s: &str) -> String {
    let mut owned = s.to_string();
    nfc_in_place(&mut owned);
    owned
}

/// A short description of a value's kind, for "expected …, found …" messages.
pub fn kind(v: &Value) -> String {
    match v {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text {s:?}"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a map".into(),
        Value::Tagged(t) => format!("a value tagged {}", t.tag),
    }
}

// ---------------------------------------------------------------------------------------------
// Locating a path in the source.

const HERE: &str = "\u{0}dxready-locate";

/// Line and column (1-based) where the node at `path` starts, if the parser can say.
pub fn locate(source: &str, path: &[Seg]) -> Option<(usize, usize)> {
    let de = serde_yaml::Deserializer::from_str(source);
    match (Locate { path }).deserialize(de) {
        Err(e) if e.to_string().contains(HERE) => e.location().map(|l| (l.line(), l.column())),
        _ => None,
    }
}

struct Locate<'a> {
    path: &'a [Seg],
}

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.path.split_first() {
            None => Err(de::Error::custom(HERE)),
            Some((Seg::Key(want), rest)) => {
                while let Some(k) = map.next_key::<Value>()? {
                    let matches = match &k {
                        Value::String(s) => nfc(s) == *want,
                        Value::Bool(b) => b.to_string() == *want,
                        Value::Number(n) => n.to_string() == *want,
                        _ => false,
                    };
                    if matches {
                        return map.next_value_seed(Locate { path: rest });
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(())
            }
            Some((Seg::Index(_), _)) => Ok(()),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        match self.path.split_first() {
            None => Err(de::Error::custom(HERE)),
            Some((Seg::Index(want), rest)) => {
                let mut i = 0;
                loop {
                    if i == *want {
                        return seq.next_element_seed(Locate { path: rest }).map(|_| ());
                    }
                    if seq.next_element::<IgnoredAny>()?.is_none() {
                        return Ok(());
                    }
                    i += 1;
                }
            }
            Some((Seg::Key(_), _)) => Ok(()),
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.leaf()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.leaf()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.leaf()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.leaf()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.leaf()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.leaf()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.leaf()
    }
}

impl Locate<'_> {
    fn leaf<E: de::Error>(&self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(E::custom(HERE))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_nodes() {
        let src = "a: 1\nlist:\n  - id: x\n    v: [1, 2]\n  - id: y\n    v: 3\n";
        assert_eq!(locate(src, &[Seg::Key("a".into())]), Some((1, 4)));
        let p = vec![Seg::Key("list".into()), Seg::Index(1), Seg::Key("v".into())];
        assert_eq!(locate(src, &p), Some((6, 8)));
        let p = vec![Seg::Key("list".into()), Seg::Index(1)];
        assert_eq!(locate(src, &p).map(|l| l.0), Some(5));
    }

    #[test]
    fn nfc_check_agrees_with_the_full_algorithm() {
        for s in [
            "Công ty TNHH Thực phẩm An Phát — “Đặng” Ứng Ỷ",
            "Co\u{0302}ng",
            "\u{2000}",
            "Å",
            "A\u{030A}",
            "ﬁ",
            "가",
        ] {
            let full = is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
                || s.nfc().collect::<String>() == s;
            assert_eq!(is_nfc(s) || s.nfc().collect::<String>() == s, full, "{s:?}");
            assert_eq!(nfc(s), s.nfc().collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn strips_x_keys_and_normalises() {
        let v = parse(
            "t",
            "x-note: hi\nname: \"Co\u{0302}ng\"\nm: {x-a: 1, b: 2}\n",
            Limits::ANSWERS,
        )
        .unwrap();
        let m = v.as_mapping().unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(v["name"].as_str(), Some("Công"));
        assert_eq!(v["m"].as_mapping().unwrap().len(), 1);
    }

    #[test]
    fn refuses_alias_bombs_and_depth() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='j' {
            bomb.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        let err = parse("bomb.yaml", &bomb, Limits::ANSWERS).unwrap_err();
        assert!(err.to_string().contains("bomb.yaml"), "{err}");
        let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        let err = parse("deep.yaml", &deep, Limits::ANSWERS).unwrap_err();
        assert!(err.to_string().contains("nested"), "{err}");
    }
}
