//! `dxready schema questionnaire|answers|programs`: JSON Schemas generated from the very types
//! that load the files, so they cannot drift apart.

use super::print;
use crate::cli::SchemaKind;
use crate::error::{Error, Outcome};

pub fn run(kind: SchemaKind) -> Result<Outcome, Error> {
    print(&format!("{}\n", schema_json(kind)))?;
    Ok(Outcome::Success)
}

/// The schema as pretty JSON.
pub fn schema_json(kind: SchemaKind) -> String {
    let schema = match kind {
        SchemaKind::Questionnaire => {
            schemars::schema_for!(crate::questionnaire::raw::RawQuestionnaire)
        }
        SchemaKind::Answers => schemars::schema_for!(crate::answers::RawAnswers),
        SchemaKind::Programs => schemars::schema_for!(crate::programs::RawCatalog),
    };
    let mut value = serde_json::to_value(&schema).unwrap_or_default();
    allow_x_keys(&mut value);
    if let Some(obj) = value.as_object_mut() {
        let name = match kind {
            SchemaKind::Questionnaire => "questionnaire",
            SchemaKind::Answers => "answers",
            SchemaKind::Programs => "programs",
        };
        obj.insert(
            "$id".into(),
            format!("https://dxready.invalid/schema/{name}.json").into(),
        );
        obj.insert(
            "description".into(),
            "Keys starting with `x-` are allowed anywhere and ignored by dxready.".into(),
        );
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Every closed object also accepts `x-…` keys, which dxready ignores (docs/reference/formats.md).
fn allow_x_keys(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if map.get("additionalProperties") == Some(&serde_json::Value::Bool(false)) {
                map.insert("patternProperties".into(), serde_json::json!({"^x-": {}}));
            }
            for (_, child) in map.iter_mut() {
                allow_x_keys(child);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(allow_x_keys),
        _ => {}
    }
}
