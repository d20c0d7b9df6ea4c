//! One enterprise's answers (docs/reference/formats.md): loading answer files, checking every answer
//! against its question, and writing answer files back (the interview saves after each answer).

pub mod csv;
pub mod csv_file;
pub mod mapping;
mod value;

use std::collections::BTreeMap;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_yaml::{Mapping, Value};

pub use value::{parse_text_answer, parse_value_answer};

/// Answers are values of the questionnaire's question kinds; the type lives with them.
pub use crate::questionnaire::AnswerValue;

use crate::diagnostic::{Diagnostics, LoadError};
use crate::evaluate::Evaluation;
use crate::lenient::deserialize_all;
use crate::questionnaire::Questionnaire;
use crate::words::msg;
use crate::yaml::{self, Limits, Path, key};

/// Whether missing required answers are errors (a finished file) or expected (an interview
/// in progress).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completeness {
    Complete,
    Partial,
}

/// The answers of one enterprise, checked against one questionnaire.
#[derive(Clone, Debug)]
pub struct Answers {
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub assessed_on: Date,
    pub language: Option<String>,
    /// By question index (see `Questionnaire::questions`).
    pub values: Vec<Option<AnswerValue>>,
    pub notes: Option<String>,
}

/// The answers file as written.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dxready answers")]
pub struct RawAnswers {
    /// Version of the file format; always 1.
    pub format: u32,
    /// The questionnaire these answers belong to.
    pub questionnaire: QuestionnaireRef,
    /// The assessment date, YYYY-MM-DD; `within_months` and program validity use it.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub assessed_on: String,
    /// Report language (one of the questionnaire's languages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Question id → answer: an option id (single, yesno `yes`/`no`), a list of option ids
    /// (multi), a number (scale, number), text, or a date `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, AnswerSchema>")]
    pub answers: Mapping,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Reference to a questionnaire by id and version.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
}

/// The shapes an answer can take (for the JSON Schema).
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
enum AnswerSchema {
    Text(String),
    Number(f64),
    Bool(bool),
    Options(Vec<String>),
}

impl Answers {
    /// An empty set of answers for an interview starting on `assessed_on`.
    pub fn empty(q: &Questionnaire, assessed_on: Date, language: Option<String>) -> Self {
        Answers {
            questionnaire_id: q.id.clone(),
            questionnaire_version: q.version.clone(),
            assessed_on,
            language,
            values: vec![None; q.questions.len()],
            notes: None,
        }
    }

    /// Reads an answers file's text. Warnings are returned alongside.
    pub fn from_str(
        q: &Questionnaire,
        file: &str,
        text: &str,
        completeness: Completeness,
    ) -> Result<(Answers, Diagnostics), LoadError> {
        let value = yaml::parse(file, text, Limits::ANSWERS)?;
        Self::from_parsed(q, file, text, value, completeness)
    }

    /// Like [`Answers::from_str`], with the tree already parsed from `text`.
    pub fn from_parsed(
        q: &Questionnaire,
        file: &str,
        text: &str,
        value: Value,
        completeness: Completeness,
    ) -> Result<(Answers, Diagnostics), LoadError> {
        yaml::checked(file, text, value, |v, diags| {
            Self::from_value(q, v, completeness, diags)
        })
    }

    /// Reads and checks a parsed answers document, recording every problem in `diags`.
    pub fn from_value(
        q: &Questionnaire,
        value: Value,
        completeness: Completeness,
        diags: &mut Diagnostics,
    ) -> Option<Answers> {
        if !value.is_mapping() {
            diags.error(
                &Vec::new(),
                None,
                msg().not_answers_file(&yaml::kind(&value)),
            );
            return None;
        }
        let raw: RawAnswers = deserialize_all(value, diags, &Vec::new(), None)?;
        let root: Path = Vec::new();
        diags.check_format(raw.format);
        if raw.questionnaire.id != q.id {
            diags.error(
                &key(&key(&root, "questionnaire"), "id"),
                None,
                msg().other_questionnaire(&raw.questionnaire.id, &q.id),
            );
            return None;
        }
        let other_version = raw.questionnaire.version != q.version;
        // Ids unknown to the questionnaire in use; for answers to another version, one
        // problem naming the version rather than a list of unknown ids.
        let mut unknown: Vec<String> = Vec::new();
        let all_known = raw
            .answers
            .keys()
            .all(|k| k.as_str().is_some_and(|id| q.question_index(id).is_some()));
        if other_version && all_known {
            diags.warning(
                &key(&key(&root, "questionnaire"), "version"),
                None,
                msg().scored_with_version(&raw.questionnaire.version, &q.id, &q.version),
            );
        }
        let assessed_on = match parse_date(&raw.assessed_on) {
            Some(d) => Some(d),
            None => {
                diags.error(
                    &key(&root, "assessed_on"),
                    None,
                    msg().not_a_date(&raw.assessed_on),
                );
                None
            }
        };
        if let Some(lang) = &raw.language
            && !q.languages.contains(lang)
        {
            diags.error(
                &key(&root, "language"),
                None,
                msg().language_not_declared(lang, &q.languages.join(", ")),
            );
        }
        let apath = key(&root, "answers");
        let mut values = vec![None; q.questions.len()];
        let mut invalid = Vec::new();
        for (k, v) in &raw.answers {
            let Some(id) = k.as_str() else {
                diags.error(&apath, None, msg().keys_must_be_ids(&yaml::kind(k)));
                continue;
            };
            let path = || key(&apath, id);
            let Some(qi) = q.question_index(id) else {
                if other_version {
                    unknown.push(format!("`{id}`"));
                    continue;
                }
                diags.error(&path(), Some(id), msg().unknown_question(id, &q.id));
                continue;
            };
            match parse_value_answer(&q.questions[qi], v) {
                Ok(Some(a)) => values[qi] = Some(a),
                Ok(None) => {}
                Err(m) => {
                    diags.error(&path(), Some(id), m);
                    invalid.push(qi);
                }
            }
        }
        if !unknown.is_empty() {
            let n = unknown.len();
            let listed = unknown
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            let more = if n > 5 {
                msg().and_n_more(n - 5)
            } else {
                String::new()
            };
            diags.error(
                &key(&key(&root, "questionnaire"), "version"),
                None,
                msg().other_version(
                    &raw.questionnaire.version,
                    &q.id,
                    &q.version,
                    &format!("{listed}{more}"),
                ),
            );
        }
        let answers = Answers {
            questionnaire_id: raw.questionnaire.id,
            questionnaire_version: raw.questionnaire.version,
            assessed_on: assessed_on?,
            language: raw.language,
            values,
            notes: raw.notes,
        };
        // A question whose answer was refused is not "missing" as well.
        answers.check_visibility(q, completeness, diags, &apath, &invalid);
        Some(answers)
    }

    /// Hidden questions' answers are warnings; missing required shown answers are errors.
    pub fn check_against_visibility(
        &self,
        q: &Questionnaire,
        completeness: Completeness,
        diags: &mut Diagnostics,
        apath: &Path,
    ) {
        self.check_visibility(q, completeness, diags, apath, &[]);
    }

    /// [`Answers::check_against_visibility`], saying nothing about the questions in `refused`
    /// (their answer was already reported as wrong).
    fn check_visibility(
        &self,
        q: &Questionnaire,
        completeness: Completeness,
        diags: &mut Diagnostics,
        apath: &Path,
        refused: &[usize],
    ) {
        let eval = self.evaluate(q);
        for (i, question) in q.questions.iter().enumerate() {
            if refused.contains(&i) {
                continue;
            }
            let given = self.values[i].is_some();
            if given && !eval.visible[i] {
                diags.warning(
                    &key(apath, &question.id),
                    Some(&question.id),
                    msg().hidden_answer(),
                );
            } else if !given
                && eval.visible[i]
                && question.required
                && completeness == Completeness::Complete
            {
                diags.error(
                    apath,
                    Some(&question.id),
                    msg().missing_required(
                        &question.id,
                        question.kind.name(),
                        question.text.default_text(),
                    ),
                );
            }
        }
    }

    /// Which questions are asked, which dimensions apply and the facts, for these answers.
    pub fn evaluate<'a>(&'a self, q: &Questionnaire) -> Evaluation<'a> {
        Evaluation::new(q, &self.values, self.assessed_on)
    }

    /// The answer to question `qi` if it is given.
    pub fn get(&self, qi: usize) -> Option<&AnswerValue> {
        self.values.get(qi).and_then(Option::as_ref)
    }

    /// The enterprise name from the `enterprise_name` answer, if any.
    pub fn enterprise_name(&self, q: &Questionnaire) -> Option<&str> {
        let i = q.question_index(crate::questionnaire::ENTERPRISE_NAME)?;
        match self.get(i) {
            Some(AnswerValue::Text(t)) if !t.trim().is_empty() => Some(t.trim()),
            _ => None,
        }
    }

    /// The answers file as YAML text (questions in questionnaire order).
    pub fn to_yaml(&self, q: &Questionnaire) -> String {
        let mut answers = Mapping::new();
        for (i, question) in q.questions.iter().enumerate() {
            if let Some(v) = &self.values[i] {
                answers.insert(
                    Value::String(question.id.clone()),
                    v.to_yaml(&question.kind),
                );
            }
        }
        let raw = RawAnswers {
            format: 1,
            questionnaire: QuestionnaireRef {
                id: self.questionnaire_id.clone(),
                version: self.questionnaire_version.clone(),
            },
            assessed_on: self.assessed_on.to_string(),
            language: self.language.clone(),
            answers,
            notes: self.notes.clone(),
        };
        let body = serde_yaml::to_string(&raw).unwrap_or_default();
        format!("# dxready answers: {} {}\n{body}", q.id, q.version)
    }
}

/// Reads an answers file's text (1 MiB limit, [`crate::yaml::read`]); missing, unreadable
/// or too large is a problem of that input.
pub fn read(path: &std::path::Path) -> Result<String, LoadError> {
    yaml::read(path, Limits::ANSWERS)
        .map_err(|f| f.into_input_error(msg().for_input(crate::words::InputKind::Answers)))
}

/// Reads and checks one answers file against `q`. To score answers with the version they
/// name, use [`crate::setup::load_answers`].
pub fn load(
    q: &Questionnaire,
    path: &std::path::Path,
    completeness: Completeness,
) -> Result<(Answers, Diagnostics), LoadError> {
    let text = read(path)?;
    Answers::from_str(q, &path.display().to_string(), &text, completeness)
}

/// `YYYY-MM-DD` only.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return None;
    }
    s.parse().ok()
}
