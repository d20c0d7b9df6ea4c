//! `dxready validate [FILE…] [--strict]`: questionnaires, catalogs and answer files, the kind
//! told from the content, every problem listed.

use std::path::PathBuf;

use serde_yaml::Value;

use super::{Common, print};
use crate::answers::{Answers, Completeness};
use crate::diagnostic::Diagnostics;
use crate::error::{Error, Outcome};
use crate::programs::Catalog;
use crate::questionnaire::{self, Questionnaire};
use crate::setup::Setup;
use crate::yaml::{self, Limits};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Questionnaire,
    Catalog,
    Answers,
}

/// The kind of a parsed document, from its keys.
fn detect(v: &Value) -> Option<Kind> {
    let m = v.as_mapping()?;
    let has = |k: &str| m.contains_key(Value::String(k.into()));
    if has("programs") {
        Some(Kind::Catalog)
    } else if has("answers") || has("assessed_on") {
        Some(Kind::Answers)
    } else if has("dimensions") || has("levels") || has("profile") {
        Some(Kind::Questionnaire)
    } else {
        None
    }
}

pub fn run(
    common: &Common,
    files: &[PathBuf],
    strict: bool,
    sheet: Option<&str>,
) -> Result<Outcome, Error> {
    if files.is_empty() {
        // The questionnaire and catalog in use.
        let setup = Setup::load(&common.sources)?;
        let warnings: usize = setup.warnings.iter().map(|w| w.warnings().count()).sum();
        for w in &setup.warnings {
            report(w, strict);
        }
        if !common.quiet {
            print(&format!(
                "ok: {} ({} {}: {} dimensions, {} scored questions)\n",
                setup.questionnaire_file,
                setup.questionnaire.id,
                setup.questionnaire.version,
                setup.questionnaire.dimensions.len(),
                setup.questionnaire.scored_questions()
            ))?;
            if let Some(c) = &setup.catalog_file {
                print(&format!(
                    "ok: {c} ({} programs)\n",
                    setup.catalog.programs.len()
                ))?;
            }
        }
        return Ok(if strict && warnings > 0 {
            Outcome::SomeFailed
        } else {
            Outcome::Success
        });
    }

    // Read and classify every file first, so catalogs and answers can be checked against a
    // questionnaire given in the same call.
    let mut docs = Vec::new();
    let mut failed = false;
    let mut csvs = Vec::new();
    for path in files {
        let shown = path.display().to_string();
        if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            let e = e.to_ascii_lowercase();
            crate::batch::table::TEXT_EXTENSIONS.contains(&e.as_str())
                || crate::batch::table::SHEET_EXTENSIONS.contains(&e.as_str())
        }) {
            csvs.push(path);
            continue;
        }
        let text = match crate::setup::read_definition(path) {
            Ok(t) => t,
            Err(Error::Io(m)) => {
                eprintln!("{} {m}", super::prefix("error"));
                failed = true;
                continue;
            }
            Err(e) => {
                for l in e.lines() {
                    eprintln!("{} {l}", super::prefix("error"));
                }
                failed = true;
                continue;
            }
        };
        match yaml::parse(&shown, &text, Limits::DEFINITION) {
            Ok(v) => match detect(&v) {
                Some(kind) => docs.push((shown, text, v, kind)),
                None => {
                    eprintln!(
                        "error: {shown}: cannot tell what kind of file this is: expected a questionnaire (with `dimensions`), a program catalog (with `programs`) or an answers file (with `answers`)"
                    );
                    failed = true;
                }
            },
            Err(e) => {
                for l in e.lines() {
                    eprintln!("{} {l}", super::prefix("error"));
                }
                failed = true;
            }
        }
    }
    let mut given: Vec<Questionnaire> = Vec::new();
    let mut in_use: Option<Result<Setup, Error>> = None;
    for (file, text, value, kind) in &docs {
        if *kind != Kind::Questionnaire {
            continue;
        }
        match questionnaire::from_value(file, value.clone()) {
            Ok((q, mut w)) => {
                w.locate_if_needed(text);
                failed |= report(&w, strict);
                ok_line(
                    common,
                    &format!(
                        "{file} (questionnaire {} {}: {} dimensions, {} scored questions)",
                        q.id,
                        q.version,
                        q.dimensions.len(),
                        q.scored_questions()
                    ),
                )?;
                given.push(q);
            }
            Err(mut d) => {
                d.locate(text);
                report(&d, strict);
                failed = true;
            }
        }
    }
    for (file, text, value, kind) in docs {
        if kind == Kind::Questionnaire {
            continue;
        }
        // The questionnaire to check against: one given here with the id the file names, else the one in use.
        let wanted = referenced_id(&value, kind);
        let q = match given.iter().find(|q| Some(&q.id) == wanted.as_ref()) {
            Some(q) => q,
            None => {
                let setup: &Result<Setup, Error> =
                    in_use.get_or_insert_with(|| Setup::load(&common.sources));
                let edition = match (setup, kind) {
                    // Answers to an earlier shipped version are checked against it.
                    (Ok(s), Kind::Answers) => crate::setup::edition_for(s, &value)
                        .map(|e| e.questionnaire)
                        .map_err(|e| {
                            for l in e.lines() {
                                eprintln!("{} {l}", super::prefix("error"));
                            }
                        })
                        .ok(),
                    (Ok(s), _) => Some(&s.questionnaire),
                    (Err(_), _) => None,
                };
                match (setup, edition) {
                    (Ok(_), Some(q)) => q,
                    (Ok(_), None) => {
                        failed = true;
                        continue;
                    }
                    (Err(e), _) => {
                        for l in e.lines() {
                            eprintln!("{} {l}", super::prefix("error"));
                        }
                        eprintln!(
                            "error: {file}: not checked: the questionnaire it refers to could not be loaded"
                        );
                        failed = true;
                        continue;
                    }
                }
            }
        };
        let mut d = Diagnostics::new(file.as_str());
        let summary = match kind {
            Kind::Catalog => Catalog::from_value(q, value, &mut d).map(|c| {
                format!(
                    "{file} (catalog for {}: {} programs)",
                    q.id,
                    c.programs.len()
                )
            }),
            _ => Answers::from_value(q, value, Completeness::Complete, &mut d).map(|a| {
                format!(
                    "{file} (answers to {} {}, assessed on {})",
                    q.id, a.questionnaire_version, a.assessed_on
                )
            }),
        };
        d.locate_if_needed(&text);
        let bad = report(&d, strict);
        failed |= bad;
        if let Some(s) = summary
            && !bad
        {
            ok_line(common, &s)?;
        }
    }
    for path in csvs {
        // A questionnaire given in the same call, else the one in use (with its earlier
        // shipped versions: a sheet made for one of them is checked against it).
        let catalog;
        let edition;
        let editions: &dyn crate::setup::Editions = match given.first() {
            Some(q) => {
                catalog = Catalog {
                    questionnaire: q.id.clone(),
                    programs: Vec::new(),
                };
                edition = crate::setup::Edition::new(q, &catalog);
                &edition
            }
            None => match in_use.get_or_insert_with(|| Setup::load(&common.sources)) {
                Ok(s) => s,
                Err(e) => {
                    for l in e.lines() {
                        eprintln!("{} {l}", super::prefix("error"));
                    }
                    failed = true;
                    continue;
                }
            },
        };
        failed |= validate_csv(common, editions, path, sheet)?;
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}

/// Checks every row of a CSV file or worksheet of answers (read as `batch` reads it, with
/// the mapping built from the questionnaire); true when something failed.
fn validate_csv(
    common: &Common,
    editions: &dyn crate::setup::Editions,
    path: &std::path::Path,
    sheet: Option<&str>,
) -> Result<bool, Error> {
    use crate::batch::table::{self, Opened, Readers};
    let shown = path.display().to_string();
    let readers = Readers::new(editions, None);
    let mut rows = match table::open(&readers, path, sheet) {
        Ok(Opened::Table(t)) => t,
        Ok(Opened::Skip(notice)) => {
            eprintln!("{} {notice}", super::prefix("error"));
            return Ok(true);
        }
        Err(e) => {
            let at = e.row.map(|r| format!(" row {r}:")).unwrap_or_default();
            let reason = e.reason.strip_prefix("row 1: ").unwrap_or(&e.reason);
            for part in reason.split(" | ") {
                eprintln!("{} {shown}:{at} {part}", super::prefix("error"));
            }
            return Ok(true);
        }
    };
    if !common.quiet {
        for w in &rows.warnings {
            eprintln!("{} {w}", super::prefix("warning"));
        }
    }
    let q = rows.edition().questionnaire;
    let mut versions: Vec<&str> = Vec::new();
    let (mut ok, mut bad) = (0, 0);
    while let Some(raw) = rows.next_row() {
        if let Some(w) = &raw.warning
            && !common.quiet
        {
            eprintln!("{} {shown}: row {}: {w}", super::prefix("warning"), raw.row);
        }
        let row = match raw.record {
            Ok(record) => {
                let v = raw.edition.questionnaire.version.as_str();
                if !versions.contains(&v) {
                    versions.push(v);
                }
                raw.layout.parse(raw.row, &record)
            }
            Err(message) => {
                bad += 1;
                eprintln!(
                    "{} {shown}: row {}: {message}",
                    super::prefix("error"),
                    raw.row
                );
                continue;
            }
        };
        match row.result {
            Ok(_) => ok += 1,
            Err(problems) => {
                bad += 1;
                for p in problems {
                    eprintln!("{} {shown}: row {}: {p}", super::prefix("error"), row.row);
                }
            }
        }
        if !common.quiet {
            for w in row.warnings {
                eprintln!("{} {shown}: row {}: {w}", super::prefix("warning"), row.row);
            }
        }
    }
    if ok + bad == 0 {
        eprintln!(
            "{} {shown}: no enterprise rows below the header",
            super::prefix("error")
        );
        return Ok(true);
    }
    if bad == 0 {
        ok_line(
            common,
            &format!(
                "{shown} ({} of answers to {} {}: {ok} rows)",
                if table::is_sheet(path) {
                    "workbook"
                } else {
                    "CSV"
                },
                q.id,
                if versions.is_empty() {
                    q.version.clone()
                } else {
                    versions.join(" and ")
                }
            ),
        )?;
    }
    Ok(bad > 0)
}

fn referenced_id(v: &Value, kind: Kind) -> Option<String> {
    match kind {
        Kind::Catalog => v.get("questionnaire")?.as_str().map(str::to_string),
        Kind::Answers => v
            .get("questionnaire")?
            .get("id")?
            .as_str()
            .map(str::to_string),
        Kind::Questionnaire => None,
    }
}

fn ok_line(common: &Common, s: &str) -> Result<(), Error> {
    if common.quiet {
        Ok(())
    } else {
        print(&format!("ok: {s}\n"))
    }
}

/// Prints the problems; true when the file fails (errors, or warnings under --strict).
fn report(d: &Diagnostics, strict: bool) -> bool {
    for e in d.errors() {
        eprintln!("{} {e}", super::prefix("error"));
    }
    for w in d.warnings() {
        if strict {
            eprintln!(
                "{} {w} (warning, an error under --strict)",
                super::prefix("error")
            );
        } else {
            eprintln!("{} {w}", super::prefix("warning"));
        }
    }
    d.has_errors() || (strict && d.warnings().next().is_some())
}
