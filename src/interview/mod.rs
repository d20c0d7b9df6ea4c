//! The interview `dxready assess` conducts, without any terminal in it.
//!
//! [`Interview`] walks the questionnaire in order (the profile, then each applicable
//! dimension after its introduction), asking every question whose `show_if` holds *now*: it
//! re-evaluates visibility after every answer, so the questions asked and the progress total
//! follow the answers given so far. It asks through a [`Prompter`] (the terminal in
//! [`terminal`], a scripted one in the tests), checks every reply again, saves through a
//! [`Saver`] after every answer, goes back on [`Reply::Back`] with the earlier answer
//! pre-selected, and drops answers that a changed gate answer hides (saying which).
//!
//! The interview's own words are in [`crate::words::interview`]; typed input is read by [`input`]; the end
//! summary is [`summary`].

pub mod input;
pub mod summary;
pub mod terminal;

use jiff::civil::Date;

pub use input::{MultiOption, NumberSpec, ScaleSpec};

use crate::answers::{AnswerValue, Answers};
use crate::questionnaire::{Kind, MAX_TEXT_CHARS, Questionnaire, Section};
use crate::words::fill;

pub use input::{check_answer, parse_field};

/// What a person did at a prompt.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply<T> {
    /// An answer (the interview checks it again).
    Answer(T),
    /// Left an optional question unanswered.
    Skip,
    /// Esc: go to the previous question.
    Back,
    /// Asked for the question's explanation; the interview shows it and asks again,
    /// pre-selecting the draft (what was ticked so far), if any.
    Help(Option<T>),
    /// Ctrl-C, or the terminal went away: stop (everything answered is already saved).
    Interrupted,
}

impl<T> Reply<T> {
    fn map<U>(self, f: impl Fn(T) -> U) -> Reply<U> {
        match self {
            Reply::Answer(t) => Reply::Answer(f(t)),
            Reply::Skip => Reply::Skip,
            Reply::Back => Reply::Back,
            Reply::Help(d) => Reply::Help(d.map(f)),
            Reply::Interrupted => Reply::Interrupted,
        }
    }
}

/// What every question prompt shows besides its choices.
#[derive(Clone, Debug)]
pub struct Prompt<'a> {
    /// The question id (tests and logs; not shown).
    pub id: &'a str,
    /// The interview's language.
    pub lang: &'a str,
    /// `Câu 7/34 · Thương mại điện tử`.
    pub progress: &'a str,
    /// The question in the interview's language.
    pub text: &'a str,
    /// The question has an explanation that has not been shown yet.
    pub help: bool,
    /// An answer is needed (otherwise [`Reply::Skip`] is allowed).
    pub required: bool,
}

/// Asks one thing at a time. `default` is the answer to pre-select (an earlier answer when
/// going back or reviewing).
pub trait Prompter {
    /// A notice (a dropped answer, an error, the explanation of a question).
    fn message(&mut self, text: &str);
    /// The start of a section: its title and description.
    fn intro(&mut self, title: &str, description: Option<&str>);
    /// The end result (scores, levels, programs).
    fn result(&mut self, text: &str);
    /// A menu outside the questionnaire (language, review, report offer).
    fn menu(&mut self, lang: &str, title: &str, options: &[String], default: usize)
    -> Reply<usize>;
    fn single(&mut self, p: &Prompt, options: &[String], default: Option<usize>) -> Reply<usize>;
    fn multi(
        &mut self,
        p: &Prompt,
        options: &[MultiOption],
        default: &[usize],
    ) -> Reply<Vec<usize>>;
    fn yes_no(&mut self, p: &Prompt, default: Option<bool>) -> Reply<bool>;
    fn scale(&mut self, p: &Prompt, scale: &ScaleSpec, default: Option<i64>) -> Reply<i64>;
    fn number(&mut self, p: &Prompt, spec: &NumberSpec, default: Option<f64>) -> Reply<f64>;
    fn text(&mut self, p: &Prompt, max_chars: usize, default: Option<&str>) -> Reply<String>;
    fn date(&mut self, p: &Prompt, default: Option<Date>) -> Reply<Date>;
}

/// Keeps the answers somewhere after every change (the command writes the answers file
/// atomically; tests record each state).
pub trait Saver {
    fn save(&mut self, answers: &Answers) -> Result<(), String>;
}

impl<F: FnMut(&Answers) -> Result<(), String>> Saver for F {
    fn save(&mut self, answers: &Answers) -> Result<(), String> {
        self(answers)
    }
}

/// How an interview ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Every question asked was answered (or skipped where allowed).
    Finished,
    /// The person stopped; the answers so far are saved.
    Interrupted,
}

/// The answers could not be saved; the message says why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveError(pub String);

/// One interview: a questionnaire, the answers so far, the language.
pub struct Interview<'q> {
    q: &'q Questionnaire,
    lang: String,
    answers: Answers,
}

impl<'q> Interview<'q> {
    /// An interview in `lang` over `answers` (empty for a new run, a file's for `--resume`).
    pub fn new(q: &'q Questionnaire, mut answers: Answers, lang: &str) -> Self {
        answers.language = Some(lang.to_string());
        Interview {
            q,
            lang: lang.to_string(),
            answers,
        }
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn into_answers(self) -> Answers {
        self.answers
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Which questions are asked with the current answers.
    pub fn visible(&self) -> Vec<bool> {
        self.answers.evaluate(self.q).visible
    }

    /// Where a resumed interview continues: the question after the last one answered, or an
    /// earlier required question still unanswered. `None`: nothing is left to ask.
    pub fn resume_point(&self) -> Option<usize> {
        let visible = self.visible();
        let n = self.q.questions.len();
        let open = |i: usize| visible[i] && self.answers.values[i].is_none();
        let required_missing = (0..n).find(|&i| open(i) && self.q.questions[i].required);
        let last_answered = (0..n)
            .rev()
            .find(|&i| visible[i] && self.answers.values[i].is_some());
        let after_last = (last_answered.map_or(0, |i| i + 1)..n).find(|&i| open(i));
        match (required_missing, after_last) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// `Câu 7/34 · Thương mại điện tử`: the question's place among those asked now.
    pub fn progress(&self, visible: &[bool], qi: usize) -> String {
        let n = visible[..=qi].iter().filter(|v| **v).count();
        let total = visible.iter().filter(|v| **v).count();
        let counter = fill(
            crate::words::of(&self.lang).interview.progress,
            &[("n", &n.to_string()), ("total", &total.to_string())],
        );
        format!(
            "{counter} · {}",
            self.section_title(self.q.questions[qi].section)
        )
    }

    fn section_title(&self, section: Section) -> &str {
        match section {
            Section::Profile => crate::words::of(&self.lang).interview.profile_title,
            Section::Dimension(d) => self.q.dimensions[d].title.get(&self.lang),
        }
    }

    /// The whole conversation up to the result: a welcome (new run) or where it resumes; for
    /// a file that is already complete, the choice between its result and a review.
    pub fn conduct(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
        file: &str,
        resumed: bool,
    ) -> Result<End, SaveError> {
        let s = &crate::words::of(&self.lang).interview;
        if !resumed {
            p.message(&welcome(self.q, &self.lang, file));
            saver.save(&self.answers).map_err(SaveError)?;
            return self.run(p, saver, 0);
        }
        match self.resume_point() {
            Some(start) => {
                let answered = self.answers.values.iter().filter(|v| v.is_some()).count();
                p.message(&fill(
                    s.resuming,
                    &[("file", file), ("answered", &answered.to_string())],
                ));
                self.run(p, saver, start)
            }
            None => loop {
                let options = [
                    s.review_show_result.to_string(),
                    s.review_walk.to_string(),
                    s.review_jump.to_string(),
                ];
                match p.menu(
                    &self.lang,
                    &fill(s.all_answered, &[("file", file)]),
                    &options,
                    0,
                ) {
                    Reply::Answer(1) => return self.run(p, saver, 0),
                    Reply::Answer(2) => {
                        // Each part of the questionnaire, by its first question asked.
                        let visible = self.visible();
                        let mut starts: Vec<usize> = Vec::new();
                        for (i, q) in self.q.questions.iter().enumerate() {
                            if visible[i]
                                && starts
                                    .last()
                                    .is_none_or(|&l| self.q.questions[l].section != q.section)
                            {
                                starts.push(i);
                            }
                        }
                        let titles: Vec<String> = starts
                            .iter()
                            .map(|&i| self.section_title(self.q.questions[i].section).to_string())
                            .collect();
                        match p.menu(&self.lang, s.review_jump_to, &titles, 0) {
                            Reply::Answer(k) if k < starts.len() => {
                                return self.run(p, saver, starts[k]);
                            }
                            Reply::Interrupted => return Ok(End::Interrupted),
                            _ => continue,
                        }
                    }
                    Reply::Interrupted => return Ok(End::Interrupted),
                    _ => return Ok(End::Finished),
                }
            },
        }
    }

    /// Asks from question `start` on until the last question asked is answered.
    pub fn run(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
        start: usize,
    ) -> Result<End, SaveError> {
        let s = &crate::words::of(&self.lang).interview;
        let mut pos = start;
        let mut forward = true;
        let mut intro_done: Option<Section> = None;
        let mut help_shown: Option<usize> = None;
        let mut draft: Option<AnswerValue> = None;
        loop {
            let visible = self.visible();
            let Some(qi) = (pos..visible.len()).find(|&i| visible[i]) else {
                return Ok(End::Finished);
            };
            let question = &self.q.questions[qi];
            if intro_done != Some(question.section) {
                if forward {
                    self.intro(p, question.section);
                }
                intro_done = Some(question.section);
            }
            if help_shown.is_some_and(|h| h != qi) {
                help_shown = None;
            }
            let progress = self.progress(&visible, qi);
            let prompt = Prompt {
                id: &question.id,
                lang: &self.lang,
                progress: &progress,
                text: question.text.get(&self.lang),
                help: question.help.is_some() && help_shown != Some(qi),
                required: question.required,
            };
            let default = draft.take().or_else(|| self.answers.values[qi].clone());
            match self.ask(p, &prompt, qi, default) {
                Asked::Reply(Reply::Answer(v)) => {
                    self.set(p, qi, Some(v));
                    saver.save(&self.answers).map_err(SaveError)?;
                    pos = qi + 1;
                    forward = true;
                }
                Asked::Reply(Reply::Skip) if question.required => p.message(s.err_required),
                Asked::Reply(Reply::Skip) => {
                    self.set(p, qi, None);
                    saver.save(&self.answers).map_err(SaveError)?;
                    pos = qi + 1;
                    forward = true;
                }
                Asked::Reply(Reply::Back) => match (0..qi).rev().find(|&i| visible[i]) {
                    Some(prev) => {
                        pos = prev;
                        forward = false;
                    }
                    None => p.message(s.first_question),
                },
                Asked::Reply(Reply::Help(d)) => {
                    if let Some(help) = &question.help {
                        p.message(&format!("{} {}", s.help_heading, help.get(&self.lang)));
                    }
                    help_shown = Some(qi);
                    draft = d;
                }
                Asked::Reply(Reply::Interrupted) => return Ok(End::Interrupted),
                Asked::Invalid(message) => p.message(&message),
            }
        }
    }

    fn intro(&self, p: &mut dyn Prompter, section: Section) {
        match section {
            Section::Profile => p.intro(
                crate::words::of(&self.lang).interview.profile_title,
                Some(crate::words::of(&self.lang).interview.profile_intro),
            ),
            Section::Dimension(d) => {
                let dim = &self.q.dimensions[d];
                p.intro(
                    dim.title.get(&self.lang),
                    dim.description.as_ref().map(|t| t.get(&self.lang)),
                );
            }
        }
    }

    /// Asks question `qi` through the prompter and checks the reply with
    /// [`input::check_answer`], the check the web forms use too.
    fn ask(
        &self,
        p: &mut dyn Prompter,
        prompt: &Prompt,
        qi: usize,
        default: Option<AnswerValue>,
    ) -> Asked {
        let lang = self.lang.as_str();
        let s = &crate::words::of(lang).interview;
        let question = &self.q.questions[qi];
        let reply: Reply<AnswerValue> = match &question.kind {
            Kind::Single { options } => {
                let labels: Vec<String> = options
                    .iter()
                    .map(|o| o.label.get(lang).to_string())
                    .collect();
                let d = match default {
                    Some(AnswerValue::Choice(i)) => Some(i),
                    _ => None,
                };
                p.single(prompt, &labels, d).map(AnswerValue::Choice)
            }
            Kind::Multi { options, .. } => {
                let opts: Vec<MultiOption> = options
                    .iter()
                    .map(|o| MultiOption {
                        label: o.label.get(lang).to_string(),
                        exclusive: o.exclusive,
                    })
                    .collect();
                let d = match default {
                    Some(AnswerValue::Choices(list)) => list,
                    _ => Vec::new(),
                };
                match p.multi(prompt, &opts, &d) {
                    Reply::Help(Some(mut list)) => {
                        list.retain(|&i| i < opts.len());
                        list.sort_unstable();
                        list.dedup();
                        Reply::Help(Some(AnswerValue::Choices(list)))
                    }
                    r => r.map(AnswerValue::Choices),
                }
            }
            Kind::YesNo { .. } => {
                let d = match default {
                    Some(AnswerValue::Bool(b)) => Some(b),
                    _ => None,
                };
                p.yes_no(prompt, d).map(AnswerValue::Bool)
            }
            Kind::Scale { .. } => {
                let Some(spec) = ScaleSpec::of(&question.kind, lang) else {
                    return Asked::Invalid(s.err_choice.to_string());
                };
                let d = match default {
                    Some(AnswerValue::Int(v)) => Some(v),
                    _ => None,
                };
                p.scale(prompt, &spec, d).map(AnswerValue::Int)
            }
            Kind::Number { .. } => {
                let Some(spec) = NumberSpec::of(&question.kind, lang) else {
                    return Asked::Invalid(s.err_choice.to_string());
                };
                let d = default.as_ref().and_then(AnswerValue::as_number);
                p.number(prompt, &spec, d).map(AnswerValue::Number)
            }
            Kind::Text => {
                let d = match &default {
                    Some(AnswerValue::Text(t)) => Some(t.as_str()),
                    _ => None,
                };
                match p.text(prompt, MAX_TEXT_CHARS, d) {
                    Reply::Answer(t) if t.trim().is_empty() => Reply::Skip,
                    r => r.map(AnswerValue::Text),
                }
            }
            Kind::Date => {
                let d = match default {
                    Some(AnswerValue::Date(d)) => Some(d),
                    _ => None,
                };
                p.date(prompt, d).map(AnswerValue::Date)
            }
        };
        match reply {
            Reply::Answer(v) => match input::check_answer(question, v, lang) {
                Ok(v) => Asked::Reply(Reply::Answer(v)),
                Err(m) => Asked::Invalid(m),
            },
            r => Asked::Reply(r),
        }
    }

    /// Records an answer (or its absence) and drops the answers of questions it hides.
    fn set(&mut self, p: &mut dyn Prompter, qi: usize, value: Option<AnswerValue>) {
        let dropped = set_answer(self.q, &mut self.answers, qi, value);
        if let Some(m) = dropped_message(self.q, &self.lang, &dropped) {
            p.message(&m);
        }
    }
}

/// Records `value` as the answer to question `qi` and drops the answers of the questions
/// this change hides (they were asked before it and are not asked after). Returns the
/// dropped questions' indices. `assess` calls it after every answer; a web page's answers
/// go through [`apply_page`], which keeps the same rule.
pub fn set_answer(
    q: &Questionnaire,
    answers: &mut Answers,
    qi: usize,
    value: Option<AnswerValue>,
) -> Vec<usize> {
    let before = answers.evaluate(q).visible;
    answers.values[qi] = value;
    drop_hidden(q, answers, &before)
}

/// Clears the answers of questions visible in `before` and hidden now.
fn drop_hidden(q: &Questionnaire, answers: &mut Answers, before: &[bool]) -> Vec<usize> {
    let after = answers.evaluate(q).visible;
    let mut dropped = Vec::new();
    for j in 0..q.questions.len() {
        if before[j] && !after[j] && answers.values[j].is_some() {
            answers.values[j] = None;
            dropped.push(j);
        }
    }
    dropped
}

/// The notice about dropped answers (`None` when nothing was dropped), naming the questions.
pub fn dropped_message(q: &Questionnaire, lang: &str, dropped: &[usize]) -> Option<String> {
    if dropped.is_empty() {
        return None;
    }
    let list: Vec<String> = dropped
        .iter()
        .map(|&j| format!("«{}»", q.questions[j].text.get(lang)))
        .collect();
    Some(fill(
        crate::words::of(lang).interview.dropped,
        &[("list", &list.join(", "))],
    ))
}

/// A problem with one answer of a page: the question's index and the message, in the
/// page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub question: usize,
    pub message: String,
}

/// Applies one page of answers at once (a web form): the questions of `page`, in order,
/// each read from `field(qi)` with [`input::parse_field`] and seen with the answers before
/// it, the page's included, so a gate answered on the page decides at once whether the
/// questions it guards count. A question the new answers hide is not read (what was typed
/// into it is ignored); a required question asked and left empty is refused with the same
/// message as in `assess`. With any problem nothing changes and every problem is returned;
/// otherwise the answers are updated, the answers that the change hides are dropped as
/// [`set_answer`] drops them, and their indices are returned.
pub fn apply_page<'f>(
    q: &Questionnaire,
    answers: &mut Answers,
    page: &[usize],
    field: &dyn Fn(usize) -> Vec<&'f str>,
    lang: &str,
) -> Result<Vec<usize>, Vec<FieldError>> {
    let before = answers.evaluate(q).visible;
    let mut next = answers.clone();
    let mut errors = Vec::new();
    for &qi in page {
        if !next.evaluate(q).visible[qi] {
            continue;
        }
        let question = &q.questions[qi];
        match input::parse_field(question, &field(qi), lang) {
            Ok(None) if question.required => errors.push(FieldError {
                question: qi,
                message: crate::words::of(lang).interview.err_required.to_string(),
            }),
            Ok(v) => next.values[qi] = v,
            Err(message) => errors.push(FieldError {
                question: qi,
                message,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let dropped = drop_hidden(q, &mut next, &before);
    *answers = next;
    Ok(dropped)
}

/// A checked reply, or why it was refused (the question is asked again).
enum Asked {
    Reply(Reply<AnswerValue>),
    Invalid(String),
}

/// The first words of a new interview: the questionnaire's title and description, the keys,
/// where the answers are saved.
pub fn welcome(q: &Questionnaire, lang: &str, file: &str) -> String {
    let s = &crate::words::of(lang).interview;
    let mut out = q.title.get(lang).to_string();
    if let Some(d) = &q.description {
        out.push_str("\n\n");
        out.push_str(d.get(lang));
    }
    out.push_str("\n\n");
    out.push_str(s.welcome_keys);
    out.push('\n');
    out.push_str(&fill(s.saving_to, &[("file", file)]));
    out
}

/// A language as the language menu shows it: `Tiếng Việt (vi)`, or the code alone when
/// dxready does not know the language's name.
pub fn language_label(code: &str) -> String {
    match crate::words::endonym(code) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_string(),
    }
}

/// Asks the interview language (the questionnaire's first pre-selected). `None`: interrupted.
pub fn choose_language(p: &mut dyn Prompter, q: &Questionnaire) -> Option<String> {
    let names: Vec<String> = q.languages.iter().map(|l| language_label(l)).collect();
    loop {
        match p.menu(
            q.default_language(),
            crate::words::of(q.default_language())
                .interview
                .language_prompt,
            &names,
            0,
        ) {
            Reply::Answer(i) if i < q.languages.len() => return Some(q.languages[i].clone()),
            Reply::Interrupted => return None,
            _ => {}
        }
    }
}
