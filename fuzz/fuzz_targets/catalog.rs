//! A program catalog for the default questionnaire: loaded and validated; when valid, every
//! example enterprise is scored with it (eligibility, recommendations, reasons).
#![no_main]

use dxready::programs::Catalog;
use dxready::yaml::Limits;
use dxready_fuzz::{defaults, examples, exercise, render_error, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data, Limits::DEFINITION) else {
        return;
    };
    let q = &defaults().questionnaire;
    match Catalog::from_str(q, "fuzz.programs.yaml", text) {
        Ok((catalog, _warnings)) => {
            for a in examples() {
                exercise(q, &catalog, a);
            }
        }
        Err(e) => render_error(&e),
    }
});
