//! `Lenient<T>`: deserialise an element of a list on its own, so that one broken question
//! does not hide the problems of the others (validation reports every problem, docs/reference/formats.md).
//!
//! The JSON Schema of `Lenient<T>` is `T`'s: schemas come from the same types that load files.

use std::borrow::Cow;
use std::cell::Cell;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_yaml::Value;

use crate::diagnostic::Diagnostics;
use crate::yaml::{Path, Seg, key};

/// An element that either deserialised, or failed with serde's messages.
#[derive(Debug, Clone)]
pub enum Lenient<T> {
    Ok(T),
    Err {
        /// Each problem with its path inside the element.
        problems: Vec<(Path, String)>,
        /// The element's `id`, when it has one, to name it in the message.
        id: Option<String>,
    },
}

thread_local! {
    /// Set while [`collect`] makes its first, plain attempt: every element is then read in
    /// place, as `T` itself, instead of being copied out first to be read on its own. When that
    /// attempt fails anywhere, `collect` starts again with this unset, element by element, so
    /// the problems found (and their paths) are the same either way.
    static IN_PLACE: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with [`IN_PLACE`] set to `on`, restoring the earlier setting afterwards (also when
/// `f` unwinds).
fn in_place<R>(on: bool, f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            IN_PLACE.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(IN_PLACE.with(|c| c.replace(on)));
    f()
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if IN_PLACE.with(Cell::get) {
            return T::deserialize(d).map(Lenient::Ok);
        }
        let value = Value::deserialize(d)?;
        let id = value.get("id").and_then(scalar_string);
        let (t, problems) = collect::<T>(value);
        Ok(match t {
            Some(t) if problems.is_empty() => Lenient::Ok(t),
            _ => Lenient::Err { problems, id },
        })
    }
}

/// Deserialises a whole document (or part), recording every problem serde finds at its path
/// under `path` rather than the first only (docs/reference/formats.md: every problem after a successful
/// parse). `None` when nothing usable came out; `Some` with errors recorded when the value
/// deserialised once the offending keys were left out, so later checks can run on the rest.
pub fn deserialize_all<T: DeserializeOwned>(
    value: Value,
    diags: &mut Diagnostics,
    path: &Path,
    id: Option<&str>,
) -> Option<T> {
    let (t, problems) = collect::<T>(value);
    for (inner, message) in &problems {
        let mut at = path.clone();
        at.extend(inner.iter().cloned());
        report_serde_error(diags, &at, id, message);
    }
    t
}

/// Reads `T` straight from JSON text already prepared the way [`crate::yaml::prepare`] leaves
/// a tree (the embedded defaults, converted by build.rs), without building the tree: `None` on
/// any problem, so the caller takes the full path, which finds and places every problem.
pub fn from_prepared_json<T: DeserializeOwned>(json: &str) -> Option<T> {
    in_place(true, || serde_json::from_str(json).ok())
}

/// How many keys are left out, one at a time, before the rest is given up.
const MAX_RETRIES: usize = crate::diagnostic::MAX_LISTED;

/// The value deserialised, with the problems met on the way (each with its path). The happy
/// path is one plain deserialisation; only a failing value is walked again with paths
/// tracked: the key at fault is recorded and left out, and the rest tried again.
fn collect<T: DeserializeOwned>(value: Value) -> (Option<T>, Vec<(Path, String)>) {
    if let Ok(t) = in_place(true, || T::deserialize(&value)) {
        return (Some(t), Vec::new());
    }
    in_place(false, || collect_slowly(value))
}

/// [`collect`] once the plain attempt failed: each element on its own, paths tracked.
fn collect_slowly<T: DeserializeOwned>(mut value: Value) -> (Option<T>, Vec<(Path, String)>) {
    let mut problems: Vec<(Path, String)> = Vec::new();
    // Keys left out so far: a "missing key" error about one of them is a consequence.
    let mut removed: Vec<(Path, String)> = Vec::new();
    for _ in 0..MAX_RETRIES {
        let e = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(t) => return (Some(t), problems),
            Err(e) => e,
        };
        let mut at: Path = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                _ => None,
            })
            .collect();
        let message = e.into_inner().to_string();
        if let Some(k) = quoted_after(&message, "missing field `")
            && removed.iter().any(|(p, r)| *p == at && r == k)
        {
            return (None, problems);
        }
        // The key at fault: an unknown one is named in the message, else the path ends at it.
        let (parent, k) = match quoted_after(&message, "unknown field `") {
            Some(k) => {
                // The tracked path may or may not end at the unknown key itself.
                if at.last() == Some(&Seg::Key(k.to_string())) {
                    at.pop();
                }
                (at.clone(), k.to_string())
            }
            None => match at.pop() {
                Some(Seg::Key(k)) => (at.clone(), k),
                Some(other) => {
                    at.push(other);
                    problems.push((at, message));
                    return (None, problems);
                }
                None => {
                    problems.push((at, message));
                    return (None, problems);
                }
            },
        };
        if quoted_after(&message, "unknown field `").is_some() {
            problems.push((parent.clone(), message));
        } else {
            let mut full = parent.clone();
            full.push(Seg::Key(k.clone()));
            problems.push((full, message));
        }
        if !remove(&mut value, &parent, &k) {
            return (None, problems);
        }
        removed.push((parent, k));
    }
    (None, problems)
}

/// The text between `marker` and the next backtick.
fn quoted_after<'a>(message: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &message[message.find(marker)? + marker.len()..];
    rest.find('`').map(|end| &rest[..end])
}

/// Removes key `k` from the map at `path`; false when there is no such key.
fn remove(value: &mut Value, path: &[Seg], k: &str) -> bool {
    let mut v = value;
    for seg in path {
        v = match (seg, v) {
            (Seg::Index(i), Value::Sequence(s)) => match s.get_mut(*i) {
                Some(x) => x,
                None => return false,
            },
            (Seg::Key(key), Value::Mapping(m)) => {
                match m
                    .iter_mut()
                    .find(|(mk, _)| scalar_string(mk).as_deref() == Some(key.as_str()))
                {
                    Some((_, x)) => x,
                    None => return false,
                }
            }
            _ => return false,
        };
    }
    let Value::Mapping(m) = v else { return false };
    let before = m.len();
    m.retain(|mk, _| scalar_string(mk).as_deref() != Some(k));
    m.len() < before
}

impl<T: JsonSchema> JsonSchema for Lenient<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

impl<T> Lenient<T> {
    /// The element, or `None` after recording its problems under `path`.
    pub fn take(&self, diags: &mut Diagnostics, path: &Path) -> Option<&T> {
        match self {
            Lenient::Ok(t) => Some(t),
            Lenient::Err { problems, id } => {
                for (inner, message) in problems {
                    let mut at = path.clone();
                    at.extend(inner.iter().cloned());
                    report_serde_error(diags, &at, id.as_deref(), message);
                }
                None
            }
        }
    }
}

/// Records a serde message, pointing at the offending key when serde names one.
pub fn report_serde_error(diags: &mut Diagnostics, path: &Path, id: Option<&str>, message: &str) {
    let mut at = path.clone();
    if let Some(k) = quoted_after(message, "unknown field `")
        && message.starts_with("unknown field `")
    {
        at = key(path, k);
    }
    diags.error(&at, id, tidy(message));
}

/// serde_yaml's messages, made a little friendlier.
fn tidy(message: &str) -> String {
    let m = message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
        .replace("invalid type: ", "wrong type: found ")
        .replace(", expected", "; expected");
    m.replace("at line 1 column 1", "").trim().to_string()
}

pub use crate::yaml::scalar_string;
