//! `dxready questionnaire show | export DIR | csv-template | xlsx-template -o FILE |
//! xlsform -o FILE`: for consultants preparing a workshop or a field survey, or adapting the
//! questionnaire for a province.

use std::fmt::Write as _;
use std::path::Path;

use super::{Common, print, setup};
use crate::answers::{AnswerValue, Answers};
use crate::error::{Error, Outcome};
use crate::questionnaire::{Kind, Question, Questionnaire, Section};
use crate::text::trim_number;
use crate::words::fill;

pub fn show(common: &Common) -> Result<Outcome, Error> {
    let setup = setup(common)?;
    let q = &setup.questionnaire;
    let lang = common
        .lang
        .clone()
        .unwrap_or_else(|| q.default_language().to_string());
    print(&render(q, &setup.catalog, &lang))?;
    Ok(Outcome::Success)
}

/// The questionnaire as readable text.
pub fn render(q: &Questionnaire, catalog: &crate::programs::Catalog, lang: &str) -> String {
    let w = &crate::words::of(lang).show;
    let mut s = String::new();
    let _ = writeln!(s, "{} — {} {}", q.title.get(lang), q.id, q.version);
    if let Some(d) = &q.description {
        let _ = writeln!(s, "{}", d.get(lang));
    }
    let _ = writeln!(s, "\n{}", w.levels);
    for l in &q.levels {
        let _ = writeln!(
            s,
            "  {} {} (≥ {})",
            l.id,
            l.name.get(lang),
            trim_number(l.min)
        );
    }
    let _ = writeln!(s, "\n{}", w.profile);
    for question in q.profile() {
        question_lines(&mut s, q, question, lang);
    }
    for f in &q.facts {
        let _ = writeln!(s, "\n{} `{}`:", w.fact, f.id);
        for c in &f.cases {
            let when = c
                .when
                .as_ref()
                .map_or_else(|| w.otherwise.to_string(), |c| c.describe(q, lang));
            let _ = writeln!(s, "  {} ← {when}", f.value_label(c.value, lang));
        }
    }
    for (di, d) in q.dimensions.iter().enumerate() {
        let _ = writeln!(
            s,
            "\n{} {}. {} [{}] ({} {})",
            w.pillar,
            di + 1,
            d.title.get(lang),
            d.id,
            w.weight,
            trim_number(d.weight)
        );
        if let Some(c) = &d.applies_if {
            let _ = writeln!(s, "  {}: {}", w.applies_if, c.describe(q, lang));
        }
        for question in &q.questions[d.questions.clone()] {
            question_lines(&mut s, q, question, lang);
        }
    }
    if !catalog.programs.is_empty() {
        let _ = writeln!(
            s,
            "\n{} ({}):",
            crate::words::of(lang).common.recommended,
            catalog.programs.len()
        );
        for p in &catalog.programs {
            let _ = writeln!(s, "  [{}] {}", p.id, p.name.get(lang));
        }
    }
    s
}

fn question_lines(s: &mut String, q: &Questionnaire, question: &Question, lang: &str) {
    let vi = lang == "vi";
    let w = &crate::words::of(lang).show;
    let mut flags = vec![kind_name(&question.kind, lang).to_string()];
    if !question.required {
        flags.push(w.optional.to_string());
    }
    if question.section != Section::Profile {
        if let Some(m) = question.kind.max_points().filter(|_| question.is_scored()) {
            let number = |n: f64| {
                let t = trim_number(n);
                if vi { t.replace('.', ",") } else { t }
            };
            flags.push(fill(w.max_points, &[("n", &number(m))]));
            if question.weight != 1.0 {
                flags.push(format!("{} {}", w.weight, number(question.weight)));
            }
        } else {
            flags.push(w.unscored.to_string());
        }
    }
    let _ = writeln!(
        s,
        "  - [{}] {} ({})",
        question.id,
        question.text.get(lang),
        flags.join(", ")
    );
    if let Some(c) = &question.show_if {
        let _ = writeln!(s, "      {}: {}", w.asked_if, c.describe(q, lang));
    }
    match &question.kind {
        Kind::Single { options } | Kind::Multi { options, .. } => {
            let scored = question.section != Section::Profile;
            for o in options {
                if !scored {
                    let _ = writeln!(s, "      · {} = {}", o.id, o.label.get(lang));
                    continue;
                }
                let excl = if o.exclusive { w.exclusive } else { "" };
                let _ = writeln!(
                    s,
                    "      · {} = {} ({}{excl})",
                    o.id,
                    o.label.get(lang),
                    trim_number(o.score)
                );
            }
        }
        Kind::Scale {
            min, max, labels, ..
        } => {
            for (i, v) in (*min..=*max).enumerate() {
                let l = labels.get(i).map(|t| t.get(lang)).unwrap_or("");
                let _ = writeln!(s, "      · {v} {l}");
            }
        }
        Kind::Number {
            bands, min, max, ..
        } => {
            let range = format!(
                "{}..{}",
                min.map(trim_number).unwrap_or_default(),
                max.map(trim_number).unwrap_or_default()
            );
            let b: Vec<String> = bands
                .iter()
                .map(|b| format!("≥{} → {}", trim_number(b.min), trim_number(b.score)))
                .collect();
            let _ = writeln!(s, "      · {range} {}", b.join(", "));
        }
        Kind::YesNo { yes, no } => {
            let _ = writeln!(
                s,
                "      · yes = {} ({}), no = {} ({})",
                crate::words::of(lang).common.yes,
                trim_number(*yes),
                crate::words::of(lang).common.no,
                trim_number(*no)
            );
        }
        Kind::Text | Kind::Date => {}
    }
}

/// A question type in words (`questionnaire show` in Vietnamese prints no English).
fn kind_name(kind: &Kind, lang: &str) -> &'static str {
    let w = &crate::words::of(lang).show;
    match kind {
        Kind::Single { .. } => w.single,
        Kind::Multi { .. } => w.multi,
        Kind::YesNo { .. } => w.yes_no,
        Kind::Scale { .. } => w.scale,
        Kind::Number { .. } => w.number,
        Kind::Text => w.text,
        Kind::Date => w.date,
    }
}

pub fn export(common: &Common, dir: &Path) -> Result<Outcome, Error> {
    let setup = setup(common)?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Io(format!("{}: cannot create folder: {e}", dir.display())))?;
    let q_name = name_of(&setup.questionnaire_file);
    let mut outputs = vec![(dir.join(&q_name), setup.questionnaire_text.clone())];
    if let (Some(f), Some(t)) = (&setup.catalog_file, &setup.catalog_text) {
        outputs.push((dir.join(name_of(f)), t.clone()));
    }
    for (path, _) in &outputs {
        if path.exists() {
            return Err(Error::Usage(format!(
                "{} already exists; export into an empty folder so nothing you edited is overwritten",
                path.display()
            )));
        }
    }
    for (path, text) in &outputs {
        crate::fsio::write_atomic(path, text.as_bytes())
            .map_err(|e| Error::Io(format!("{}: cannot write: {e}", path.display())))?;
        if !common.quiet {
            print(&format!("wrote {}\n", path.display()))?;
        }
    }
    Ok(Outcome::Success)
}

fn name_of(file: &str) -> String {
    let f = file.strip_prefix("<embedded>/").unwrap_or(file);
    Path::new(f)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| f.to_string())
}

pub fn csv_template(common: &Common) -> Result<Outcome, Error> {
    let setup = setup(common)?;
    let q = &setup.questionnaire;
    let mut header: Vec<String> = q.questions.iter().map(|x| x.id.clone()).collect();
    header.push("assessed_on".into());
    header.push("language".into());
    let example = example_answers(q);
    let mut row: Vec<String> = q
        .questions
        .iter()
        .enumerate()
        .map(|(i, x)| {
            example
                .get(i)
                .map(|a| a.to_cell(&x.kind))
                .unwrap_or_default()
        })
        .collect();
    row.push(example.assessed_on.to_string());
    row.push(q.default_language().to_string());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header)
        .and_then(|_| w.write_record(&row))
        .map_err(|e| Error::Io(e.to_string()))?;
    let bytes = w.into_inner().map_err(|e| Error::Io(e.to_string()))?;
    super::print_bytes(&bytes)?;
    Ok(Outcome::Success)
}

/// A plausible complete set of answers (the first options, mid values), answering exactly
/// the questions that are then asked.
fn example_answers(q: &Questionnaire) -> Answers {
    let on = jiff::civil::date(2026, 1, 15);
    let mut a = Answers::empty(q, on, Some(q.default_language().to_string()));
    for (i, question) in q.questions.iter().enumerate() {
        if !a.evaluate(q).visible[i] {
            continue;
        }
        let v = match &question.kind {
            Kind::Single { .. } => AnswerValue::Choice(0),
            Kind::Multi { options, .. } => AnswerValue::Choices(
                options
                    .iter()
                    .position(|o| !o.exclusive)
                    .into_iter()
                    .collect(),
            ),
            Kind::YesNo { .. } => AnswerValue::Bool(true),
            Kind::Scale { min, max, .. } => AnswerValue::Int((min + max) / 2),
            Kind::Number {
                min, max, integer, ..
            } => {
                let lo = min.unwrap_or(0.0);
                let v = max.map_or(lo + 10.0, |hi| (lo + hi) / 2.0);
                AnswerValue::Number(if *integer { v.floor() } else { v })
            }
            Kind::Text if question.id == crate::questionnaire::ENTERPRISE_NAME => {
                AnswerValue::Text("Công ty TNHH Ví dụ".into())
            }
            Kind::Text => AnswerValue::Text(String::new()),
            Kind::Date => AnswerValue::Date(jiff::civil::date(2020, 3, 2)),
        };
        if matches!(&v, AnswerValue::Text(t) if t.is_empty()) {
            continue;
        }
        a.values[i] = Some(v);
    }
    a
}

/// Writes a generated workbook (atomic), saying so unless `--quiet`.
fn write_workbook(
    common: &Common,
    path: &Path,
    bytes: Result<Vec<u8>, rust_xlsxwriter::XlsxError>,
) -> Result<Outcome, Error> {
    let bytes = bytes.map_err(|e| {
        Error::Io(format!(
            "{}: cannot build the workbook: {e}",
            path.display()
        ))
    })?;
    crate::fsio::write_atomic(path, &bytes)
        .map_err(|e| Error::Io(format!("{}: cannot write: {e}", path.display())))?;
    if !common.quiet {
        eprintln!("wrote {}", path.display());
    }
    Ok(Outcome::Success)
}

pub fn xlsx_template(common: &Common, path: &Path) -> Result<Outcome, Error> {
    let setup = setup(common)?;
    let q = &setup.questionnaire;
    let lang = common.lang.as_deref().unwrap_or(q.default_language());
    write_workbook(common, path, crate::sheets::intake::workbook(q, lang, &[]))
}

pub fn xlsform(common: &Common, path: &Path) -> Result<Outcome, Error> {
    let setup = setup(common)?;
    let q = &setup.questionnaire;
    let lang = common.lang.as_deref().unwrap_or(q.default_language());
    write_workbook(common, path, crate::sheets::xlsform::workbook(q, lang))
}
