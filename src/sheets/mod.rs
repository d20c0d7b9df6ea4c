//! Spreadsheets in and out: the summary workbook a batch writes, reading `.xlsx`/`.xls`/`.ods`
//! sheets as rows of text cells for the same reader as CSV, the intake workbook an agency
//! fills in, and the XLSForm that puts the questionnaire on KoboToolbox or ODK.
//!
//! Writing uses rust_xlsxwriter, reading calamine. Everything here is generated from the
//! questionnaire model, never from a fixed list of questions.

pub mod intake;
pub mod read;
pub mod summary;
pub mod xlsform;
