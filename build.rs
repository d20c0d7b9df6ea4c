//! Converts the embedded default questionnaire and catalog from YAML to JSON at build time:
//! JSON parses several times faster than YAML, and every `dxready` run loads them. The YAML
//! files stay the source (and what `questionnaire export` writes). A file that does not
//! convert is embedded as `null`, and dxready then parses the YAML at run time and reports
//! its problems as usual.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["sme-dx-readiness.yaml", "sme-dx-readiness.programs.yaml"] {
        let src = Path::new("questionnaires").join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let json = std::fs::read_to_string(&src)
            .ok()
            .and_then(|text| serde_yaml::from_str::<serde_yaml::Value>(&text).ok())
            .and_then(|v| serde_json::to_string(&v).ok())
            .unwrap_or_else(|| "null".to_string());
        std::fs::write(Path::new(&out).join(format!("{name}.json")), json)
            .expect("OUT_DIR is writable");
    }
}
