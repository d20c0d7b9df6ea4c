//! A CSV of answers in the formats.md §5 layout, against the default questionnaire: every
//! row read, checked, and scored when it loads.
#![no_main]

use dxready::answers::csv::{CsvAnswers, detect_delimiter};
use dxready_fuzz::{defaults, exercise, render_error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let setup = defaults();
    let q = &setup.questionnaire;
    let head = &data[..data.len().min(64 << 10)];
    let reader = dxready::fsio::Bounded::new(data, dxready::answers::csv::MAX_CSV_BYTES)
        .with_max_line(dxready::answers::csv::MAX_CSV_LINE_BYTES);
    match CsvAnswers::new(q, "fuzz.csv", reader, detect_delimiter(head)) {
        Ok(rows) => {
            for row in rows {
                if let Ok(a) = row.result {
                    exercise(q, &setup.catalog, &a);
                }
            }
        }
        Err(e) => render_error(&e),
    }
});
