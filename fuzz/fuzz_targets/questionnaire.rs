//! A questionnaire: loaded and validated; when valid, scored on empty answers and described.
#![no_main]

use dxready::yaml::Limits;
use dxready_fuzz::{render_error, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data, Limits::DEFINITION) else {
        return;
    };
    match dxready::questionnaire::from_str("fuzz.yaml", text) {
        Ok((q, warnings)) => {
            let _ = warnings.warning_lines();
            let catalog = dxready::programs::Catalog {
                questionnaire: q.id.clone(),
                programs: Vec::new(),
            };
            let date = dxready::answers::parse_date("2026-11-27").expect("a date");
            let answers = dxready::answers::Answers::empty(&q, date, None);
            dxready_fuzz::exercise(&q, &catalog, &answers);
            let _ = answers.to_yaml(&q);
        }
        Err(e) => render_error(&e),
    }
});
