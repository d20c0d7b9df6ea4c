//! `dxready score ANSWERS… [--format table|json|csv]`.

use std::path::PathBuf;

use serde_json::json;

use super::{Common, print, print_warnings, setup};
use crate::answers::Completeness;
use crate::assessment::{Assessment, csv_safe, summary_header};
use crate::cli::ScoreFormat;
use crate::error::{Error, Outcome};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

impl From<ScoreFormat> for Format {
    fn from(f: ScoreFormat) -> Self {
        match f {
            ScoreFormat::Table => Format::Table,
            ScoreFormat::Json => Format::Json,
            ScoreFormat::Csv => Format::Csv,
        }
    }
}

pub fn run(common: &Common, files: &[PathBuf], format: Format) -> Result<Outcome, Error> {
    let setup = setup(common)?;
    let q = &setup.questionnaire;
    let mut failed = false;
    let mut csv = csv::WriterBuilder::new().from_writer(Vec::new());
    if format == Format::Csv {
        csv.write_record(summary_header(q))
            .map_err(|e| Error::Io(e.to_string()))?;
    }
    let mut first_table = true;
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
                            print("\n")?;
                        }
                        first_table = false;
                        print(&crate::text::neutralise(&a.to_table(q, catalog)))?;
                    }
                    Format::Json => print(&format!("{}\n", a.to_json(q, catalog)))?,
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
                    print(&format!(
                        "{}\n",
                        json!({"file": shown, "error": e.one_line()})
                    ))?;
                }
                for line in e.lines() {
                    super::eprint("error", &line);
                }
            }
        }
    }
    if format == Format::Csv {
        let bytes = csv.into_inner().map_err(|e| Error::Io(e.to_string()))?;
        super::print_bytes(&bytes)?;
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
