//! The condition language: the input (YAML) becomes the `eligible_if` and `recommend_if` of a
//! one-program catalog for the default questionnaire; when it validates, it is evaluated,
//! explained and described for every example enterprise.
#![no_main]

use dxready::programs::Catalog;
use dxready::yaml::Limits;
use dxready_fuzz::{defaults, examples, exercise, render_error, text};
use libfuzzer_sys::fuzz_target;
use serde_yaml::{Mapping, Value};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data, Limits::DEFINITION) else {
        return;
    };
    let Ok(condition) = dxready::yaml::parse("fuzz.yaml", text, Limits::DEFINITION) else {
        return;
    };
    let q = &defaults().questionnaire;
    let mut program = Mapping::new();
    for (k, v) in [
        ("id", Value::from("p")),
        ("name", Value::from("P")),
        ("provider", Value::from("X")),
        ("benefit", Value::from("Y")),
        ("source", Value::from("Z")),
        ("eligible_if", condition.clone()),
        ("recommend_if", condition),
    ] {
        program.insert(Value::from(k), v);
    }
    let mut root = Mapping::new();
    root.insert("format".into(), Value::from(1));
    root.insert("questionnaire".into(), Value::from(q.id.clone()));
    root.insert(
        "programs".into(),
        Value::Sequence(vec![Value::Mapping(program)]),
    );
    let mut diags = dxready::diagnostic::Diagnostics::new("fuzz.yaml");
    match Catalog::from_value(q, Value::Mapping(root), &mut diags) {
        Some(catalog) if !diags.has_errors() => {
            for a in examples() {
                exercise(q, &catalog, a);
            }
            for p in &catalog.programs {
                for c in p.eligible_if.iter().chain(p.recommend_if.iter()) {
                    for lang in &q.languages {
                        let _ = c.describe(q, lang);
                    }
                }
            }
        }
        _ => {
            diags.locate(text);
            render_error(&dxready::diagnostic::LoadError::Invalid(Box::new(diags)));
        }
    }
});
