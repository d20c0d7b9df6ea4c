//! `dxready score ANSWERS… [--format table|json|csv|xlsx] [-o FILE]`.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::{Common, print_warnings, setup};
use crate::answers::Completeness;
use crate::assessment::{Assessment, csv_safe, summary_header};
use crate::cli::ScoreFormat;
use crate::error::{Error, Outcome};
use crate::sheets::summary::SummaryBook;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    /// A workbook like the batch's `summary.xlsx` (summary and errors sheets).
    Xlsx,
}

impl From<ScoreFormat> for Format {
    fn from(f: ScoreFormat) -> Self {
        match f {
            ScoreFormat::Table => Format::Table,
            ScoreFormat::Json => Format::Json,
            ScoreFormat::Csv => Format::Csv,
            ScoreFormat::Xlsx => Format::Xlsx,
        }
    }
}

pub fn run(
    common: &Common,
    files: &[PathBuf],
    format: Format,
    output: Option<&Path>,
) -> Result<Outcome, Error> {
    if format == Format::Xlsx && output.is_none() {
        return Err(Error::Usage(
            "--format xlsx writes a workbook: name it with -o FILE.xlsx".into(),
        ));
    }
    let setup = setup(common)?;
    let q = &setup.questionnaire;
    let mut failed = false;
    let mut csv = csv::WriterBuilder::new().from_writer(Vec::new());
    if format == Format::Csv {
        csv.write_record(summary_header(q))
            .map_err(|e| Error::Io(e.to_string()))?;
    }
    let mut first_table = true;
    let mut out = Vec::new();
    let xlsx_err =
        |e: rust_xlsxwriter::XlsxError| Error::Io(format!("cannot build the workbook: {e}"));
    let lang = common
        .lang
        .clone()
        .unwrap_or_else(|| q.default_language().to_string());
    let mut book = if format == Format::Xlsx {
        Some(SummaryBook::new(q, &lang, None, false).map_err(xlsx_err)?)
    } else {
        None
    };
    for path in files {
        let shown = path.display().to_string();
        match crate::setup::load_answers(&setup, path, Completeness::Complete) {
            Ok(loaded) => {
                if !common.quiet {
                    print_warnings(&loaded.warnings);
                }
                // Answers to an earlier shipped version are scored with it.
                let (q, catalog) = (loaded.edition.questionnaire, loaded.edition.catalog);
                let answers = loaded.answers;
                let a = Assessment::new(q, catalog, &answers, shown, None, common.lang.as_deref());
                match format {
                    Format::Table => {
                        if !first_table {
                            out.push(b'\n');
                        }
                        first_table = false;
                        out.extend_from_slice(
                            crate::text::neutralise(&a.to_table(q, catalog)).as_bytes(),
                        );
                    }
                    Format::Json => {
                        out.extend_from_slice(format!("{}\n", a.to_json(q, catalog)).as_bytes())
                    }
                    Format::Xlsx => {
                        if let Some(b) = &mut book {
                            b.add_summary(&a.summary(q, catalog, &setup.questionnaire, ""), &[])
                                .map_err(xlsx_err)?;
                        }
                    }
                    Format::Csv => {
                        let row: Vec<String> = a
                            .summary_row(q, catalog, &setup.questionnaire)
                            .iter()
                            .map(|c| csv_safe(c))
                            .collect();
                        csv.write_record(&row)
                            .map_err(|e| Error::Io(e.to_string()))?;
                    }
                }
            }
            Err(e) => {
                failed = true;
                if format == Format::Json {
                    out.extend_from_slice(
                        format!("{}\n", json!({"file": shown, "error": e.one_line()})).as_bytes(),
                    );
                }
                if let Some(b) = &mut book {
                    b.add_error(&shown, None, &e.one_line()).map_err(xlsx_err)?;
                }
                for line in e.lines() {
                    crate::messages::error(&line);
                }
            }
        }
    }
    if format == Format::Csv {
        out = csv.into_inner().map_err(|e| Error::Io(e.to_string()))?;
    }
    if let Some(b) = book {
        out = b.finish().map_err(xlsx_err)?;
    }
    match output {
        Some(path) => crate::fsio::write_atomic(path, &out)
            .map_err(|e| Error::Io(format!("{}: cannot write: {e}", path.display())))?,
        None => super::print_bytes(&out)?,
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
