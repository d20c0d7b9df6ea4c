//! An answers file against the default questionnaire: loaded (as a finished file and as an
//! interview in progress), scored and rendered when it loads, and written back: load →
//! `to_yaml` → load gives the same answers.
#![no_main]

use dxready::answers::{Answers, Completeness};
use dxready::yaml::Limits;
use dxready_fuzz::{defaults, exercise, render_error, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data, Limits::ANSWERS) else {
        return;
    };
    let setup = defaults();
    let q = &setup.questionnaire;
    for completeness in [Completeness::Complete, Completeness::Partial] {
        match Answers::from_str(q, "fuzz.yaml", text, completeness) {
            Ok((a, _warnings)) => {
                exercise(q, &setup.catalog, &a);
                let written = a.to_yaml(q);
                let (back, _) = Answers::from_str(q, "written.yaml", &written, completeness)
                    .unwrap_or_else(|e| panic!("the written file does not load: {e}\n{written}"));
                assert_eq!(back.values, a.values, "{written}");
                assert_eq!(back.assessed_on, a.assessed_on);
                assert_eq!(back.language, a.language);
                assert_eq!(back.notes, a.notes);
            }
            Err(e) => render_error(&e),
        }
    }
});
