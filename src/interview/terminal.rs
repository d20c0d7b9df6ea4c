//! The interview in a terminal, with inquire. This is the only file that imports inquire:
//! everything it shows comes from the interview ([`super::Prompt`], [`crate::words::interview`]) and
//! every typed answer is checked with [`super::input`], so what it accepts is what the
//! interview accepts.
//!
//! Keys: arrows and Enter choose, Space ticks in a multi-choice list, Esc goes back
//! (inquire's "cancel"), Ctrl-C stops (inquire's "interrupt"). A question's explanation is
//! the extra `(?)` entry of a list, or `?` typed alone as a typed answer. Where inquire cannot
//! untick the other choices live when an exclusive option is ticked, a validator refuses the
//! combination with a message saying what to untick (docs/reference/commands.md allows this).

use std::io::{IsTerminal, Write};

use anstyle::Style;
use inquire::error::InquireError;
use inquire::list_option::ListOption;
use inquire::ui::{Color, RenderConfig, Styled};
use inquire::validator::Validation;
use inquire::{MultiSelect, Select, Text};
use jiff::civil::Date;

use super::input::{self, MultiOption, NumberSpec, ScaleSpec};
use super::summary::wrap;
use super::{Prompt, Prompter, Reply};
use crate::words::{Interview, fill};

/// A prompt that ended without an answer.
enum Stop {
    Back,
    Interrupted,
}

impl Stop {
    fn reply<T>(self) -> Reply<T> {
        match self {
            Stop::Back => Reply::Back,
            Stop::Interrupted => Reply::Interrupted,
        }
    }
}

/// The longest list shown without scrolling.
const MAX_PAGE: usize = 12;

/// Asks in the terminal (stderr for the prompts and notices, stdout for the result).
pub struct TerminalPrompter {
    /// Why the terminal stopped answering, when it was not Esc or Ctrl-C.
    pub failure: Option<String>,
    /// Whether to colour (`--color`; `auto`: stderr is a terminal and `NO_COLOR` is unset).
    color: bool,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        TerminalPrompter::with_color(
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        )
    }
}

impl TerminalPrompter {
    pub fn new() -> Self {
        TerminalPrompter::default()
    }

    /// With colour on or off, as `--color` decided.
    pub fn with_color(color: bool) -> Self {
        TerminalPrompter {
            failure: None,
            color,
        }
    }

    /// Esc is Back, Ctrl-C is Interrupted; any other failure (the terminal went away) is
    /// recorded and also ends the interview.
    fn reply<T>(&mut self, r: Result<T, InquireError>) -> Result<T, Stop> {
        match r {
            Ok(v) => Ok(v),
            Err(InquireError::OperationCanceled) => Err(Stop::Back),
            Err(InquireError::OperationInterrupted) => {
                // inquire leaves the cursor below its prompt, which at the bottom of the
                // screen is still the hint line: what is printed next would overwrite it
                // from the left and leave its tail (a stray "]"). The line is cleared first.
                eprint!("\r\x1b[2K");
                Err(Stop::Interrupted)
            }
            Err(e) => {
                self.failure = Some(e.to_string());
                Err(Stop::Interrupted)
            }
        }
    }

    /// A single-choice list with the optional `(?)` and skip entries; the chosen index, or
    /// the reply that is not an answer.
    fn pick(&mut self, p: &Prompt, options: &[String], default: Option<usize>) -> Reply<usize> {
        let s = &crate::words::of(p.lang).interview;
        progress_line(p, self.color);
        let mut shown: Vec<String> = options.to_vec();
        let help_at = p.help.then(|| {
            shown.push(s.help_option.to_string());
            shown.len() - 1
        });
        let skip_at = (!p.required).then(|| {
            shown.push(s.skip_option.to_string());
            shown.len() - 1
        });
        let hint = fit_hint(&keys(s, s.keys_select, p.help, false), width());
        let page = shown.len().clamp(1, MAX_PAGE);
        // Typing filters the list (letters without their accents match too: "dien tu"
        // finds "điện tử"). When nothing matches, one entry says so instead of an empty list.
        let folded: Vec<String> = shown.iter().map(|l| fold(l)).collect();
        let no_match_at = shown.len();
        shown.push(crate::words::of(p.lang).interview.no_match.to_string());
        let scorer = move |input: &str, _: &String, _: &str, i: usize| -> Option<i64> {
            let needle = fold(input.trim());
            let matches = |i: usize| needle.is_empty() || folded[i].contains(&needle);
            if i == no_match_at {
                return (!(0..no_match_at).any(matches)).then_some(0);
            }
            // Kept in list order (the sort is by descending score).
            matches(i).then(|| -(i as i64))
        };
        loop {
            let prompt = Select::new(p.text, shown.clone())
                .with_render_config(config(p.lang, self.color))
                .with_help_message(&hint)
                .with_page_size(page)
                .with_scorer(&scorer)
                .with_starting_cursor(default.filter(|&d| d < options.len()).unwrap_or(0));
            return match self.reply(prompt.raw_prompt()) {
                Ok(choice) if choice.index == no_match_at => continue,
                Ok(choice) if Some(choice.index) == help_at => Reply::Help(None),
                Ok(choice) if Some(choice.index) == skip_at => Reply::Skip,
                Ok(choice) => Reply::Answer(choice.index),
                Err(stop) => stop.reply(),
            };
        }
    }

    /// A typed answer read by `parse` (which the validator runs live, after `?` for the
    /// explanation and empty input for "no answer" are handled).
    #[allow(clippy::too_many_arguments)]
    fn typed<T>(
        &mut self,
        p: &Prompt,
        hint: &str,
        placeholder: Option<&str>,
        initial: Option<&str>,
        show: Option<&dyn Fn(&str) -> String>,
        parse: impl Fn(&str) -> Result<T, String> + Clone + 'static,
    ) -> Reply<T> {
        let s = &crate::words::of(p.lang).interview;
        progress_line(p, self.color);
        let full_hint = fit_hint(
            &format!("{hint} · {}", keys(s, s.keys_typed, p.help, !p.required)),
            width(),
        );
        let (help, required) = (p.help, p.required);
        let required_msg = s.err_required;
        let check = parse.clone();
        let validator = move |text: &str| -> Result<Validation, inquire::error::CustomUserError> {
            if help && input::is_help_request(text) {
                return Ok(Validation::Valid);
            }
            if text.trim().is_empty() {
                return Ok(if required {
                    Validation::Invalid(required_msg.into())
                } else {
                    Validation::Valid
                });
            }
            Ok(match check(text) {
                Ok(_) => Validation::Valid,
                Err(m) => Validation::Invalid(m.into()),
            })
        };
        let (help_shown, skipped) = (s.help_option, s.skipped);
        let formatter = move |text: &str| -> String {
            if help && input::is_help_request(text) {
                help_shown.to_string()
            } else if text.trim().is_empty() {
                skipped.to_string()
            } else {
                show.map_or_else(|| text.trim().to_string(), |f| f(text))
            }
        };
        let mut prompt = Text::new(p.text)
            .with_render_config(config(p.lang, self.color))
            .with_help_message(&full_hint)
            .with_validator(validator)
            .with_formatter(&formatter);
        if let Some(ph) = placeholder {
            prompt = prompt.with_placeholder(ph);
        }
        if let Some(init) = initial {
            prompt = prompt.with_initial_value(init);
        }
        match self.reply(prompt.prompt()) {
            Ok(text) if p.help && input::is_help_request(&text) => Reply::Help(None),
            Ok(text) if text.trim().is_empty() => Reply::Skip,
            // The validator accepted it, so it parses; should it not, the interview asks again.
            Ok(text) => match parse(&text) {
                Ok(v) => Reply::Answer(v),
                Err(m) => {
                    self.message(&m);
                    Reply::Help(None)
                }
            },
            Err(stop) => stop.reply(),
        }
    }
}

impl Prompter for TerminalPrompter {
    fn message(&mut self, text: &str) {
        eprintln!("{}", wrap(text, width()));
    }

    fn intro(&mut self, title: &str, description: Option<&str>) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err);
        let _ = writeln!(
            err,
            "{}",
            styled(&format!("━━ {title} ━━"), Style::new().bold(), self.color)
        );
        if let Some(d) = description {
            let _ = writeln!(err, "{}", wrap(d, width()));
        }
        let _ = writeln!(err);
    }

    fn result(&mut self, text: &str) {
        // Already laid out in columns: printed as it is.
        eprintln!();
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    fn menu(
        &mut self,
        lang: &str,
        title: &str,
        options: &[String],
        default: usize,
    ) -> Reply<usize> {
        let hint = fit_hint(crate::words::of(lang).interview.keys_select, width());
        let prompt = Select::new(title, options.to_vec())
            .with_render_config(config(lang, self.color))
            .with_help_message(&hint)
            .with_page_size(options.len().clamp(1, MAX_PAGE))
            .with_starting_cursor(default.min(options.len().saturating_sub(1)));
        match self.reply(prompt.raw_prompt()) {
            Ok(choice) => Reply::Answer(choice.index),
            Err(stop) => stop.reply(),
        }
    }

    fn single(&mut self, p: &Prompt, options: &[String], default: Option<usize>) -> Reply<usize> {
        self.pick(p, options, default)
    }

    fn multi(
        &mut self,
        p: &Prompt,
        options: &[MultiOption],
        default: &[usize],
    ) -> Reply<Vec<usize>> {
        let s = &crate::words::of(p.lang).interview;
        progress_line(p, self.color);
        let mut shown: Vec<String> = options.iter().map(|o| o.label.clone()).collect();
        let help_at = p.help.then(|| {
            shown.push(s.help_option.to_string());
            shown.len() - 1
        });
        let mut hint = keys(s, s.keys_multi, false, false);
        if p.help {
            hint = hint.replacen(" · Esc", &format!(" · {} · Esc", s.keys_help_multi), 1);
        }
        if !options.iter().any(|o| o.exclusive) {
            hint = format!("{hint} · {}", s.multi_none_hint);
        }
        let opts = options.to_vec();
        let lang = p.lang.to_string();
        let validator = move |chosen: &[ListOption<&String>]| -> Result<Validation, inquire::error::CustomUserError> {
            let picked: Vec<usize> = chosen.iter().map(|c| c.index).collect();
            if help_at.is_some_and(|h| picked.contains(&h)) {
                return Ok(Validation::Valid);
            }
            Ok(match input::check_multi(&opts, &picked, &lang) {
                Ok(()) => Validation::Valid,
                Err(m) => Validation::Invalid(m.into()),
            })
        };
        let page = shown.len().clamp(1, MAX_PAGE);
        let hint = fit_hint(&hint, width());
        let prompt = MultiSelect::new(p.text, shown)
            .with_render_config(config(p.lang, self.color))
            .with_help_message(&hint)
            .with_page_size(page)
            .with_default(default)
            .with_validator(validator);
        match self.reply(prompt.raw_prompt()) {
            Ok(chosen) => {
                let picked: Vec<usize> = chosen.iter().map(|c| c.index).collect();
                match help_at {
                    Some(h) if picked.contains(&h) => {
                        Reply::Help(Some(picked.into_iter().filter(|&i| i != h).collect()))
                    }
                    _ => Reply::Answer(picked),
                }
            }
            Err(stop) => stop.reply(),
        }
    }

    fn yes_no(&mut self, p: &Prompt, default: Option<bool>) -> Reply<bool> {
        let options = [
            crate::words::of(p.lang).common.yes.to_string(),
            crate::words::of(p.lang).common.no.to_string(),
        ];
        self.pick(p, &options, default.map(|b| if b { 0 } else { 1 }))
            .map(|i| i == 0)
    }

    fn scale(&mut self, p: &Prompt, scale: &ScaleSpec, default: Option<i64>) -> Reply<i64> {
        let s = &crate::words::of(p.lang).interview;
        let mut text = p.text.to_string();
        if scale.entries.iter().all(|e| !e.contains(' ')) {
            let range = fill(
                s.hint_scale,
                &[
                    ("min", &scale.min.to_string()),
                    ("max", &scale.max.to_string()),
                ],
            );
            text = format!("{text} ({range})");
        }
        let shown = Prompt {
            text: &text,
            ..p.clone()
        };
        let d = default.and_then(|v| usize::try_from(v - scale.min).ok());
        self.pick(&shown, &scale.entries, d)
            .map(|i| scale.min + i as i64)
    }

    fn number(&mut self, p: &Prompt, spec: &NumberSpec, default: Option<f64>) -> Reply<f64> {
        let text = match &spec.unit {
            Some(u) => format!("{} ({u})", p.text),
            None => p.text.to_string(),
        };
        let shown = Prompt {
            text: &text,
            ..p.clone()
        };
        let initial = default.map(|n| input::format_number(n, p.lang));
        let (spec_c, lang) = (spec.clone(), p.lang.to_string());
        let parse = move |t: &str| input::parse_number(t, &spec_c, &lang);
        // The unit is in the question text, so the answer is shown as a number alone.
        let (parse_c, lang) = (parse.clone(), p.lang);
        let show = move |t: &str| match parse_c(t) {
            Ok(n) => input::format_number(n, lang),
            Err(_) => t.to_string(),
        };
        self.typed(
            &shown,
            &spec.hint(p.lang),
            None,
            initial.as_deref(),
            Some(&show),
            parse,
        )
    }

    fn text(&mut self, p: &Prompt, max_chars: usize, default: Option<&str>) -> Reply<String> {
        let s = &crate::words::of(p.lang).interview;
        let hint = fill(s.hint_text, &[("max", &max_chars.to_string())]);
        let lang = p.lang.to_string();
        let parse =
            move |t: &str| input::check_text(t.trim(), &lang).map(|()| t.trim().to_string());
        self.typed(p, &hint, None, default, None, parse)
    }

    fn date(&mut self, p: &Prompt, default: Option<Date>) -> Reply<Date> {
        let s = &crate::words::of(p.lang).interview;
        let initial = default.map(|d| crate::questionnaire::format_date(d, p.lang));
        let lang = p.lang.to_string();
        let parse = move |t: &str| input::parse_date(t, &lang);
        let lang = p.lang;
        let show = move |t: &str| match input::parse_date(t, lang) {
            Ok(d) => crate::questionnaire::format_date(d, lang),
            Err(_) => t.to_string(),
        };
        self.typed(
            p,
            s.hint_date,
            Some(s.date_placeholder),
            initial.as_deref(),
            Some(&show),
            parse,
        )
    }
}

/// inquire's look, with its one English word ("<canceled>") in the interview's language;
/// without colour when `--color never` (or `NO_COLOR`) says so.
fn config(lang: &str, color: bool) -> RenderConfig<'static> {
    let mut c = if color {
        RenderConfig::default()
    } else {
        RenderConfig::empty()
    };
    let (back, bang) = (
        Styled::new(crate::words::of(lang).interview.back_indicator),
        Styled::new("!"),
    );
    if !color {
        c.canceled_prompt_indicator = back;
        c.error_message.prefix = bang;
    } else {
        c.canceled_prompt_indicator = back.with_fg(Color::DarkYellow);
        c.error_message.prefix = bang.with_fg(Color::LightRed);
    }
    c
}

/// The key hints under a prompt, with `? giải thích` when there is an explanation.
fn keys(s: &Interview, base: &str, help: bool, skip: bool) -> String {
    let mut out = base.to_string();
    if help {
        out = format!("{out} · {}", s.keys_help);
    }
    if skip {
        out = format!("{out} · {}", s.keys_skip);
    }
    format!("{out} · {}", s.keys_nav)
}

/// Text for matching what is typed into a list: lower case, accents folded (`Đ` → `d`).
fn fold(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

/// A hint of ` · `-separated parts cut to one line of the terminal (inquire prints it in
/// brackets; a hint that wraps leaves a stray `]` when the prompt is redrawn): parts are kept
/// in order while they fit, and a part that does not fit is left out.
fn fit_hint(hint: &str, width: usize) -> String {
    let room = width.saturating_sub(3);
    let mut out = String::new();
    for part in hint.split(" · ") {
        let extra = if out.is_empty() { 0 } else { 3 };
        if out.chars().count() + extra + part.chars().count() <= room {
            if !out.is_empty() {
                out.push_str(" · ");
            }
            out.push_str(part);
        }
    }
    out
}

/// The width notices are wrapped to: `COLUMNS` when set, else 80 (never below 40).
fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(80)
        .clamp(40, 120)
        - 1
}

/// `Câu 7/34 · Thương mại điện tử` above the question.
fn progress_line(p: &Prompt, color: bool) {
    eprintln!("{}", styled(p.progress, Style::new().dimmed(), color));
}

/// Text in `style` when colour is on.
fn styled(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}
