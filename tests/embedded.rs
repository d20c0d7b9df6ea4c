//! The embedded defaults (the current questionnaire and catalog, and every shipped version)
//! are read at start-up from the JSON build.rs prepared, straight into dxready's types. That
//! fast path must give exactly what the YAML loader gives from the files themselves.

use dxready::embedded::{self, EARLIER};
use dxready::programs::Catalog;
use dxready::questionnaire::{self, Questionnaire};

/// Everything a questionnaire holds that a user can reach (its private id index is built from
/// `questions`).
fn shown(q: &Questionnaire) -> String {
    format!(
        "{:#?}",
        (
            &q.id,
            &q.version,
            &q.languages,
            &q.title,
            &q.description,
            &q.levels,
            q.profile_len,
            &q.facts,
            &q.dimensions,
            &q.questions,
        )
    )
}

fn messages(d: &dxready::diagnostic::Diagnostics) -> Vec<String> {
    d.items.iter().map(|i| format!("{:?}", i.message)).collect()
}

/// One embedded edition: its name in messages, YAML and prepared JSON for both files.
struct Edition {
    version: &'static str,
    questionnaire: &'static str,
    questionnaire_json: &'static str,
    programs: Option<(&'static str, &'static str)>,
}

fn editions() -> Vec<Edition> {
    let mut out = vec![Edition {
        version: "current",
        questionnaire: embedded::QUESTIONNAIRE,
        questionnaire_json: embedded::QUESTIONNAIRE_JSON,
        programs: Some((embedded::PROGRAMS, embedded::PROGRAMS_JSON)),
    }];
    out.extend(EARLIER.iter().map(|s| Edition {
        version: s.version,
        questionnaire: s.questionnaire,
        questionnaire_json: s.questionnaire_json,
        programs: s.programs.zip(s.programs_json),
    }));
    out
}

#[test]
fn the_prepared_json_reads_as_the_yaml_does() {
    let all = editions();
    assert!(
        all.len() >= 2,
        "the current default and at least one shipped version"
    );
    for e in all {
        let file = format!("{}/{}", e.version, embedded::QUESTIONNAIRE_NAME);
        let (slow, slow_warnings) = questionnaire::from_str(&file, e.questionnaire)
            .unwrap_or_else(|err| panic!("{file}: {}", err.one_line()));
        let (fast, fast_warnings) = questionnaire::from_prepared_json(&file, e.questionnaire_json)
            .unwrap_or_else(|| panic!("{file}: the prepared JSON is not usable"));
        assert_eq!(shown(&fast), shown(&slow), "{file}");
        assert_eq!(messages(&fast_warnings), messages(&slow_warnings), "{file}");

        let Some((programs, programs_json)) = e.programs else {
            continue;
        };
        let file = format!("{}/{}", e.version, embedded::PROGRAMS_NAME);
        let (slow_c, slow_w) = Catalog::from_str(&slow, &file, programs)
            .unwrap_or_else(|err| panic!("{file}: {}", err.one_line()));
        let (fast_c, fast_w) = Catalog::from_prepared_json(&slow, &file, programs_json)
            .unwrap_or_else(|| panic!("{file}: the prepared JSON is not usable"));
        assert!(!slow_c.programs.is_empty(), "{file}");
        assert_eq!(format!("{fast_c:#?}"), format!("{slow_c:#?}"), "{file}");
        assert_eq!(messages(&fast_w), messages(&slow_w), "{file}");
    }
}

#[test]
fn the_fast_path_gives_way_on_anything_wrong() {
    // Not usable, or usable but with errors: `None`, and the caller takes the full loader,
    // which reports every problem where it is.
    assert!(questionnaire::from_prepared_json("q", "null").is_none());
    assert!(questionnaire::from_prepared_json("q", "{\"format\": 1").is_none());
    let mut v: serde_json::Value = serde_json::from_str(embedded::QUESTIONNAIRE_JSON).unwrap();
    v["surprise"] = serde_json::json!(true);
    assert!(questionnaire::from_prepared_json("q", &v.to_string()).is_none());
    let mut v: serde_json::Value = serde_json::from_str(embedded::QUESTIONNAIRE_JSON).unwrap();
    v["id"] = serde_json::json!("Not An Id");
    assert!(questionnaire::from_prepared_json("q", &v.to_string()).is_none());
    // One broken question among many: the element-by-element reading would keep the others,
    // but the fast path gives way as a whole.
    let mut v: serde_json::Value = serde_json::from_str(embedded::QUESTIONNAIRE_JSON).unwrap();
    v["dimensions"][0]["questions"][0]["weight"] = serde_json::json!("heavy");
    let text = v.to_string();
    assert!(questionnaire::from_prepared_json("q", &text).is_none());
    let err = questionnaire::from_str("q.json", &text).unwrap_err();
    assert!(err.one_line().contains("weight"), "{}", err.one_line());

    let (q, _) = questionnaire::from_str("q", embedded::QUESTIONNAIRE).unwrap();
    assert!(Catalog::from_prepared_json(&q, "c", "[]").is_none());
    let mut v: serde_json::Value = serde_json::from_str(embedded::PROGRAMS_JSON).unwrap();
    v["questionnaire"] = serde_json::json!("another");
    assert!(Catalog::from_prepared_json(&q, "c", &v.to_string()).is_none());
}
