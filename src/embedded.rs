//! The default questionnaire and program catalog, compiled into the binary so a fresh install
//! needs no paths (the same files as `questionnaires/` in the repository).

pub const QUESTIONNAIRE_NAME: &str = "sme-dx-readiness.yaml";
pub const QUESTIONNAIRE: &str = include_str!("../questionnaires/sme-dx-readiness.yaml");
pub const PROGRAMS_NAME: &str = "sme-dx-readiness.programs.yaml";
pub const PROGRAMS: &str = include_str!("../questionnaires/sme-dx-readiness.programs.yaml");

/// The same two files as JSON, converted by build.rs (`null` when the conversion failed).
pub const QUESTIONNAIRE_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/sme-dx-readiness.yaml.json"));
pub const PROGRAMS_JSON: &str = include_str!(concat!(
    env!("OUT_DIR"),
    "/sme-dx-readiness.programs.yaml.json"
));

/// The parsed tree of an embedded file, when the build-time JSON is usable.
pub fn prepared(json: &str) -> Option<serde_yaml::Value> {
    serde_json::from_str::<serde_yaml::Value>(json)
        .ok()
        .filter(|v| !v.is_null())
}

/// How the embedded files are named in messages.
pub fn display_name(name: &str) -> String {
    format!("<embedded>/{name}")
}
