//! `dxready validate [FILE…] [--strict]`: questionnaires, catalogs and answer files, the kind
//! told from the content, every problem listed.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::{Common, print};
use crate::answers::{Answers, Completeness};
use crate::diagnostic::{Diagnostics, MAX_LISTED};
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
        return in_use(common, strict);
    }

    // Read and classify every file first, so catalogs and answers can be checked against a
    // questionnaire given in the same call.
    let mut docs = Vec::new();
    let mut failed = false;
    let mut csvs = Vec::new();
    for path in files {
        if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            let e = e.to_ascii_lowercase();
            crate::batch::table::TEXT_EXTENSIONS.contains(&e.as_str())
                || crate::batch::table::SHEET_EXTENSIONS.contains(&e.as_str())
        }) {
            csvs.push(path);
            continue;
        }
        match read_doc(path) {
            Some(doc) => docs.push(doc),
            None => failed = true,
        }
    }
    let mut given: Vec<Questionnaire> = Vec::new();
    // Catalogs found beside a questionnaire (`-q x.yaml` loads `x.programs.yaml` with it),
    // checked against that questionnaire although not named here.
    let mut siblings: Vec<(Doc, usize)> = Vec::new();
    for doc in &docs {
        if doc.kind != Kind::Questionnaire {
            continue;
        }
        match questionnaire::from_value(&doc.file, doc.value.clone()) {
            Ok((q, mut w)) => {
                w.locate_if_needed(&doc.text);
                let bad = report(&w, strict);
                failed |= bad;
                if !bad {
                    ok_line(
                        common,
                        &format!(
                            "{} (questionnaire {} {}: {} dimensions, {} scored questions)",
                            doc.file,
                            q.id,
                            q.version,
                            q.dimensions.len(),
                            q.scored_questions()
                        ),
                    )?;
                }
                let sibling = crate::setup::sibling_catalog(&doc.path);
                if sibling.is_file() && !named(files, &sibling) {
                    match read_doc(&sibling) {
                        Some(c) => siblings.push((c, given.len())),
                        None => failed = true,
                    }
                }
                given.push(q);
            }
            Err(mut d) => {
                d.locate(&doc.text);
                report(&d, strict);
                failed = true;
            }
        }
    }
    let mut in_use: Option<Result<Setup, Error>> = None;
    let others = docs
        .into_iter()
        .filter(|d| d.kind != Kind::Questionnaire)
        .map(|d| (d, None))
        .chain(siblings.into_iter().map(|(d, i)| (d, Some(i))));
    for (doc, against) in others {
        let Doc {
            file,
            text,
            value,
            kind,
            ..
        } = doc;
        if kind == Kind::Answers && text.len() > Limits::ANSWERS.max_bytes {
            let w = crate::words::msg();
            crate::messages::error(&format!(
                "{file}: {} {}",
                w.too_large(Some(text.len() as u64), Limits::ANSWERS.max_bytes as u64),
                w.for_input(crate::words::InputKind::Answers)
            ));
            failed = true;
            continue;
        }
        // The questionnaire to check against: the one it sits beside, else one given here with
        // the id the file names, else the one in use.
        let wanted = referenced_id(&value, kind);
        let found = match against {
            Some(i) => given.get(i),
            None => given.iter().find(|q| Some(&q.id) == wanted.as_ref()),
        };
        let q = match found {
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
                                crate::messages::error(&l);
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
                            crate::messages::error(&l);
                        }
                        crate::messages::error(&format!(
                            "{file}: not checked: the questionnaire it refers to could not be loaded"
                        ));
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
                        crate::messages::error(&l);
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

/// No FILE: the questionnaire and catalog in use. Under --strict a file with warnings gets
/// no `ok:` line (it failed).
fn in_use(common: &Common, strict: bool) -> Result<Outcome, Error> {
    let setup = Setup::load(&common.sources)?;
    let mut failed = [false, false];
    for (i, w) in setup.warnings.iter().enumerate() {
        if report(w, strict) {
            failed[i.min(1)] = true;
        }
    }
    if !failed[0] {
        ok_line(
            common,
            &format!(
                "{} ({} {}: {} dimensions, {} scored questions)",
                setup.questionnaire_file,
                setup.questionnaire.id,
                setup.questionnaire.version,
                setup.questionnaire.dimensions.len(),
                setup.questionnaire.scored_questions()
            ),
        )?;
    }
    if let Some(c) = &setup.catalog_file
        && !failed[1]
    {
        ok_line(
            common,
            &format!("{c} ({} programs)", setup.catalog.programs.len()),
        )?;
    }
    Ok(if failed.iter().any(|&f| f) {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}

/// A YAML file read, parsed and classified.
struct Doc {
    path: PathBuf,
    file: String,
    text: String,
    value: Value,
    kind: Kind,
}

/// Reads, parses and classifies one file; its problems are printed (`None`).
fn read_doc(path: &Path) -> Option<Doc> {
    let file = path.display().to_string();
    let text = match crate::yaml::read_definition(path) {
        Ok(t) => t,
        Err(e) => {
            for l in e.lines() {
                crate::messages::error(&l);
            }
            return None;
        }
    };
    match yaml::parse(&file, &text, Limits::DEFINITION) {
        Ok(value) => match detect(&value) {
            Some(kind) => Some(Doc {
                path: path.to_path_buf(),
                file,
                text,
                value,
                kind,
            }),
            None => {
                crate::messages::error(&format!(
                    "{file}: cannot tell what kind of file this is: expected a questionnaire (with `dimensions`), a program catalog (with `programs`) or an answers file (with `answers`)"
                ));
                None
            }
        },
        Err(e) => {
            for l in e.lines() {
                crate::messages::error(&l);
            }
            None
        }
    }
}

/// Whether `path` is one of the files named on the command line (the same file, however named).
fn named(files: &[PathBuf], path: &Path) -> bool {
    let canonical = std::fs::canonicalize(path).ok();
    files
        .iter()
        .any(|f| f == path || (canonical.is_some() && std::fs::canonicalize(f).ok() == canonical))
}

/// Checks every row of a CSV file or worksheet of answers (read as `batch` reads it, with
/// the mapping built from the questionnaire); true when something failed.
fn validate_csv(
    common: &Common,
    editions: &dyn crate::setup::Editions,
    path: &Path,
    sheet: Option<&str>,
) -> Result<bool, Error> {
    use crate::batch::table::{self, Opened, Readers};
    let shown = path.display().to_string();
    let readers = Readers::new(editions, None);
    let mut rows = match table::open(&readers, path, sheet) {
        Ok(Opened::Table(t)) => t,
        Ok(Opened::Skip(notice)) => {
            crate::messages::error(&notice);
            return Ok(true);
        }
        Err(e) => {
            // Each problem names its row itself (`row 1: column G …`).
            for part in e.problems.iter().take(crate::diagnostic::MAX_LISTED) {
                crate::messages::error(&format!("{shown}: {part}"));
            }
            if e.problems.len() > crate::diagnostic::MAX_LISTED {
                crate::messages::error(&format!(
                    "{shown}: {}",
                    crate::diagnostic::and_more(e.problems.len() - crate::diagnostic::MAX_LISTED)
                ));
            }
            return Ok(true);
        }
    };
    if !common.quiet {
        for w in &rows.warnings {
            crate::messages::warning(w);
        }
    }
    let q = rows.edition().questionnaire;
    let mut versions: Vec<&str> = Vec::new();
    let (mut ok, mut bad, mut listed) = (0, 0, 0usize);
    while let Some(raw) = rows.next_row() {
        if let Some(w) = &raw.warning
            && !common.quiet
        {
            crate::messages::warning(&format!("{shown}: row {}: {w}", raw.row));
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
                listed += 1;
                if listed <= MAX_LISTED {
                    crate::messages::error(&format!("{shown}: row {}: {message}", raw.row));
                }
                continue;
            }
        };
        match row.result {
            Ok(_) => ok += 1,
            Err(problems) => {
                bad += 1;
                for p in problems {
                    listed += 1;
                    if listed <= MAX_LISTED {
                        crate::messages::error(&format!("{shown}: row {}: {p}", row.row));
                    }
                }
            }
        }
        if !common.quiet {
            for w in row.warnings {
                crate::messages::warning(&format!("{shown}: row {}: {w}", row.row));
            }
        }
    }
    if listed > MAX_LISTED {
        crate::messages::error(&format!(
            "{shown}: {} (in {bad} rows)",
            crate::diagnostic::and_more(listed - MAX_LISTED)
        ));
    }
    if ok + bad == 0 {
        crate::messages::error(&format!("{shown}: no enterprise rows below the header"));
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

/// Prints the problems (at most `MAX_LISTED` of each kind, then a count); true when the
/// file fails (errors, or warnings under --strict).
fn report(d: &Diagnostics, strict: bool) -> bool {
    for e in d.error_lines() {
        crate::messages::error(&e);
    }
    for w in d.warning_lines() {
        if strict {
            crate::messages::error(&format!("{w} {}", crate::words::msg().strict_warning));
        } else {
            crate::messages::warning(&w);
        }
    }
    d.has_errors() || (strict && d.warnings().next().is_some())
}
