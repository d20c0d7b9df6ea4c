//! A field-survey export read through a mapping (`--map`): the KoboToolbox example's map for
//! the tests' small questionnaire; every row read and checked.
#![no_main]

use dxready::answers::csv::{CsvAnswers, detect_delimiter};
use dxready_fuzz::{mini, render_error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (q, mapping) = mini();
    let head = &data[..data.len().min(64 << 10)];
    let reader = dxready::fsio::Bounded::new(data, dxready::answers::csv::MAX_CSV_BYTES)
        .with_max_line(dxready::answers::csv::MAX_CSV_LINE_BYTES);
    match CsvAnswers::with_mapping(q, Some(mapping), "fuzz.csv", reader, detect_delimiter(head)) {
        Ok(rows) => {
            for row in rows {
                let _ = row.result.map(|a| a.to_yaml(q));
            }
        }
        Err(e) => render_error(&e),
    }
});
