//! Made-up enterprises and the files field tools would give for them: answers (valid for the
//! questionnaire, only to questions that are asked), a KoboToolbox export of the dxready
//! XLSForm, a Google Forms export using the questionnaire's texts, a filled intake workbook.
//! Shared by the tests and the benchmarks (`#[path]`), and what `examples/field/` is made of.

#![allow(dead_code)]

use dxready::answers::{AnswerValue, Answers};
use dxready::batch::mapping::xlsform_name;
use dxready::evaluate::Evaluation;
use dxready::questionnaire::{Kind, Questionnaire, Section};

/// A small deterministic random generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

const NAMES: &[&str] = &[
    "Công ty TNHH Thực phẩm Hòa Phát",
    "HTX Nông nghiệp Thanh Hà",
    "Công ty CP Gốm sứ Chu Đậu",
    "Cơ sở May mặc Cẩm Giàng",
    "Công ty TNHH Vận tải Hải Âu",
];

/// Valid answers to every question that is asked (conditions only look back, so one pass in
/// interview order settles visibility). Multi questions get at least one option, as a form's
/// required select_multiple does.
pub fn random_answers(q: &Questionnaire, i: usize, rng: &mut Rng) -> Answers {
    let assessed_on = jiff::civil::date(2026, 11, 27);
    let mut a = Answers::empty(q, assessed_on, Some(q.default_language().to_string()));
    for qi in 0..q.questions.len() {
        if !Evaluation::new(q, &a).visible[qi] {
            continue;
        }
        let question = &q.questions[qi];
        let v = match &question.kind {
            Kind::Single { options } => {
                AnswerValue::Choice(rng.below(options.len() as u64) as usize)
            }
            Kind::Multi { options, .. } => {
                let mut picked: Vec<usize> = (0..options.len())
                    .filter(|&o| !options[o].exclusive && rng.below(2) == 0)
                    .collect();
                if picked.is_empty() {
                    let x = options.iter().position(|o| o.exclusive).unwrap_or(0);
                    picked.push(x);
                }
                AnswerValue::Choices(picked)
            }
            Kind::YesNo { .. } => AnswerValue::Bool(rng.below(2) == 0),
            Kind::Scale { min, max, .. } => {
                AnswerValue::Int(min + rng.below((max - min + 1) as u64) as i64)
            }
            Kind::Number {
                min, max, integer, ..
            } => {
                let lo = min.unwrap_or(0.0);
                let hi = max.unwrap_or(lo + 200.0).min(lo + 1000.0);
                let mut v = (lo + rng.below((hi - lo) as u64 + 1) as f64).min(hi);
                if !integer && v + 0.5 <= hi {
                    v += 0.5;
                }
                AnswerValue::Number(v)
            }
            Kind::Text if question.id == "enterprise_name" => {
                AnswerValue::Text(format!("{} {}", NAMES[i % NAMES.len()], i + 1))
            }
            Kind::Text if question.id == "tax_code" => {
                AnswerValue::Text(format!("08{:08}", 1_000_000 + i * 7919))
            }
            Kind::Text => AnswerValue::Text(format!("Ghi chú số {}", i + 1)),
            Kind::Date => AnswerValue::Date(
                jiff::civil::date(2015, 1, 1)
                    .checked_add(jiff::Span::new().days(rng.below(4000) as i64))
                    .unwrap_or(assessed_on),
            ),
        };
        a.values[qi] = Some(v);
    }
    a
}

/// `n` enterprises from a fixed seed.
pub fn enterprises(q: &Questionnaire, n: usize) -> Vec<Answers> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n).map(|i| random_answers(q, i, &mut rng)).collect()
}

/// The XLSForm group of a question, as `questionnaire xlsform` names it.
fn group(q: &Questionnaire, qi: usize) -> String {
    let id = match q.questions[qi].section {
        Section::Profile => "profile".to_string(),
        Section::Dimension(d) => q.dimensions[d].id.clone(),
    };
    let taken = q.questions.iter().any(|x| x.id == id) || id == "assessed_on" || id == "language";
    if taken || !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("g_{id}")
    } else {
        id
    }
}

/// A KoboToolbox "XML values and headers" export of the generated form: metadata columns,
/// the calculated `questionnaire_version`, group-prefixed headers, select_multiple as space-separated codes (`whole`) and/or 0/1
/// columns per option (`flags`), `delimiter` between cells.
pub fn kobo_export(
    q: &Questionnaire,
    rows: &[Answers],
    delimiter: u8,
    whole: bool,
    flags: bool,
) -> Vec<u8> {
    let mut header: Vec<String> = [
        "start",
        "end",
        "today",
        "deviceid",
        "assessed_on",
        "language",
        "questionnaire_version",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (qi, question) in q.questions.iter().enumerate() {
        let name = format!("{}/{}", group(q, qi), xlsform_name(&question.id));
        if let Kind::Multi { options, .. } = &question.kind {
            if whole {
                header.push(name.clone());
            }
            if flags {
                header.extend(options.iter().map(|o| format!("{name}/{}", o.id)));
            }
        } else {
            header.push(name);
        }
    }
    header.extend(
        [
            "meta/instanceID",
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_notes",
            "_status",
            "_submitted_by",
            "__version__",
            "_tags",
            "_index",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for (i, a) in rows.iter().enumerate() {
        let uuid = format!("5b1c0e7e-{:04}-4d0c-9a41-{:012}", i + 1, i + 1);
        let mut row: Vec<String> = vec![
            format!("{}T08:{:02}:00.000+07:00", a.assessed_on, i % 60),
            format!("{}T09:{:02}:30.000+07:00", a.assessed_on, i % 60),
            a.assessed_on.to_string(),
            "ee.kobotoolbox.org:a1B2c3".into(),
            a.assessed_on.to_string(),
            a.language.clone().unwrap_or_default(),
            q.version.clone(),
        ];
        for (qi, question) in q.questions.iter().enumerate() {
            let v = a.values[qi].as_ref();
            match (&question.kind, v) {
                (Kind::Multi { options, .. }, v) => {
                    let chosen: Vec<usize> = match v {
                        Some(AnswerValue::Choices(c)) => c.clone(),
                        _ => Vec::new(),
                    };
                    if whole {
                        row.push(
                            chosen
                                .iter()
                                .map(|&o| options[o].id.clone())
                                .collect::<Vec<_>>()
                                .join(" "),
                        );
                    }
                    if flags {
                        for o in 0..options.len() {
                            row.push(match v {
                                Some(_) => if chosen.contains(&o) { "1" } else { "0" }.into(),
                                None => String::new(),
                            });
                        }
                    }
                }
                (kind, Some(v)) => row.push(v.to_cell(kind)),
                (_, None) => row.push(String::new()),
            }
        }
        row.extend([
            format!("uuid:{uuid}"),
            (40_000 + i).to_string(),
            uuid,
            format!("{}T02:{:02}:41", a.assessed_on, i % 60),
            String::new(),
            String::new(),
            "submitted_via_web".into(),
            String::new(),
            "vGq7xY2bPq".into(),
            String::new(),
            (i + 1).to_string(),
        ]);
        w.write_record(&row).unwrap();
    }
    w.into_inner().unwrap()
}

/// A Google Forms CSV download of a form that uses the questionnaire's texts in `lang`:
/// `Timestamp`, then one column per question titled with its text; choice answers as labels
/// (several joined by `, `), dates as YYYY-MM-DD.
pub fn google_forms_export(q: &Questionnaire, rows: &[Answers], lang: &str) -> Vec<u8> {
    let mut header = vec!["Timestamp".to_string()];
    header.extend(q.questions.iter().map(|x| x.text.get(lang).to_string()));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for (i, a) in rows.iter().enumerate() {
        let d = a.assessed_on;
        let mut row = vec![format!(
            "{}/{}/{} 10:{:02}:42",
            d.month(),
            d.day(),
            d.year(),
            i % 60
        )];
        for (qi, question) in q.questions.iter().enumerate() {
            row.push(match a.values[qi].as_ref() {
                None => String::new(),
                Some(AnswerValue::Choices(c)) => c
                    .iter()
                    .map(|&o| question.kind.option_label(o, lang))
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(v @ (AnswerValue::Choice(_) | AnswerValue::Bool(_))) => {
                    question.format_answer(v, lang)
                }
                Some(v) => v.to_cell(&question.kind),
            });
        }
        w.write_record(&row).unwrap();
    }
    w.into_inner().unwrap()
}
