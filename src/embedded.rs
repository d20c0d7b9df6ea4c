//! The default questionnaire and program catalog, compiled into the binary so a fresh install
//! needs no paths (the same files as `questionnaires/` in the repository), and every earlier
//! version of them that dxready has shipped (`questionnaires/versions/<version>/`, kept byte
//! for byte), so answers given to an earlier version are still scored with it.

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

/// One earlier shipped version of the default questionnaire and its catalog.
#[derive(Clone, Copy, Debug)]
pub struct Shipped {
    /// The questionnaire's `version` (its folder's name).
    pub version: &'static str,
    pub questionnaire: &'static str,
    /// Converted by build.rs (`null` when the conversion failed).
    pub questionnaire_json: &'static str,
    pub programs: Option<&'static str>,
    pub programs_json: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// The earlier shipped version `version`, if this binary has it.
pub fn earlier(version: &str) -> Option<&'static Shipped> {
    EARLIER.iter().find(|s| s.version == version)
}

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

/// How an earlier shipped version's files are named in messages.
pub fn versioned_name(version: &str, name: &str) -> String {
    format!("<embedded>/versions/{version}/{name}")
}
