//! The default questionnaire and program catalog, compiled into the binary so a fresh install
//! needs no paths (the same files as `questionnaires/` in the repository).

pub const QUESTIONNAIRE_NAME: &str = "sme-dx-readiness.yaml";
pub const QUESTIONNAIRE: &str = include_str!("../questionnaires/sme-dx-readiness.yaml");
pub const PROGRAMS_NAME: &str = "sme-dx-readiness.programs.yaml";
pub const PROGRAMS: &str = include_str!("../questionnaires/sme-dx-readiness.programs.yaml");

/// How the embedded files are named in messages.
pub fn display_name(name: &str) -> String {
    format!("<embedded>/{name}")
}
