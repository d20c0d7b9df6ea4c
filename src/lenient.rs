//! `Lenient<T>`: deserialise an element of a list on its own, so that one broken question
//! does not hide the problems of the others (validation reports every problem, formats.md).
//!
//! The JSON Schema of `Lenient<T>` is `T`'s: schemas come from the same types that load files.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_yaml::Value;

use crate::diagnostic::Diagnostics;
use crate::yaml::{Path, key};

/// An element that either deserialised, or failed with serde's message.
#[derive(Debug, Clone)]
pub enum Lenient<T> {
    Ok(T),
    Err {
        message: String,
        /// The element's `id`, when it has one, to name it in the message.
        id: Option<String>,
    },
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        let id = value.get("id").and_then(scalar_string);
        match serde_yaml::from_value::<T>(value) {
            Ok(t) => Ok(Lenient::Ok(t)),
            Err(e) => Ok(Lenient::Err {
                message: e.to_string(),
                id,
            }),
        }
    }
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
    /// The element, or `None` after recording its problem at `path`.
    pub fn take(&self, diags: &mut Diagnostics, path: &Path) -> Option<&T> {
        match self {
            Lenient::Ok(t) => Some(t),
            Lenient::Err { message, id } => {
                report_serde_error(diags, path, id.as_deref(), message);
                None
            }
        }
    }
}

/// Records a serde message, pointing at the offending key when serde names one.
pub fn report_serde_error(diags: &mut Diagnostics, path: &Path, id: Option<&str>, message: &str) {
    let mut at = path.clone();
    for marker in ["unknown field `", "unknown variant `"] {
        if marker.starts_with("unknown field")
            && let Some(rest) = message.strip_prefix(marker)
            && let Some(end) = rest.find('`')
        {
            at = key(path, &rest[..end]);
        }
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

/// A scalar as a string (`"yes"`, `3`, `true`), for ids written without quotes.
pub fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
