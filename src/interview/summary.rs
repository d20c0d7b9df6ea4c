//! What the owner sees at the end of the interview: the overall and per-dimension scores
//! with their levels, every recommended program (its name and one line: what it gives, and
//! whether it is only announced or a draft), and the offer to write the report (which has
//! the reasons, the offices and the action plan).

use super::{Prompter, Reply};
use crate::answers::Answers;
use crate::assessment::Assessment;
use crate::programs::Catalog;
use crate::questionnaire::Questionnaire;
use crate::words::fill;

/// The width the summary's long texts (program benefits) are wrapped to.
const WIDTH: usize = 78;

/// The end summary as text.
pub fn summary(
    q: &Questionnaire,
    catalog: &Catalog,
    answers: &Answers,
    lang: &str,
    file: &str,
) -> String {
    let s = &crate::words::of(lang).interview;
    let a = Assessment::new(q, catalog, answers, file.to_string(), None, Some(lang));
    let mut out = format!("{} · {}\n\n", s.result_heading, a.enterprise(q));
    out.push_str(&a.score_lines(q, s.result_out_of));
    if let Some(desc) = a
        .card
        .overall
        .and(a.card.overall_level)
        .and_then(|i| q.levels[i].description.as_ref())
    {
        out.push_str(&format!("\n{}\n", desc.get(lang)));
    }
    if a.card.overall.is_some() {
        push_wrapped(&mut out, "", crate::words::of(lang).common.scale_disclaimer);
    }
    for (fi, f) in q.facts.iter().enumerate() {
        if let Some(c) = a.card.eval.facts[fi] {
            out.push_str(&format!("{}: {}\n", f.title(lang), f.value_label(c, lang)));
        }
    }
    out.push_str(&format!(
        "\n{}:\n",
        crate::words::of(lang).common.recommended
    ));
    if a.recs.recommended.is_empty() {
        out.push_str(&format!("  {}\n", s.no_programs));
    }
    for (n, pick) in a.recs.recommended.iter().enumerate() {
        let prog = &catalog.programs[pick.program];
        let texts = prog.texts(&a.card.eval, lang);
        push_wrapped(&mut out, &format!("  {}. ", n + 1), prog.name.get(lang));
        if let Some(line) = texts.one_line() {
            push_wrapped(&mut out, "     ", &line);
        }
        if let Some(note) = prog.status_note(&texts, lang) {
            push_wrapped(&mut out, "     ", &format!("({note})"));
        }
    }
    out
}

/// Shows the summary and asks whether to write the report. `true`: the person wants it.
pub fn finish(
    p: &mut dyn Prompter,
    q: &Questionnaire,
    catalog: &Catalog,
    answers: &Answers,
    lang: &str,
    file: &str,
) -> bool {
    let s = &crate::words::of(lang).interview;
    p.result(&summary(q, catalog, answers, lang, file));
    p.message(&fill(s.saved_final, &[("file", file)]));
    let options = [
        crate::words::of(lang).common.yes.to_string(),
        crate::words::of(lang).common.no.to_string(),
    ];
    matches!(p.menu(lang, s.offer_report, &options, 0), Reply::Answer(0))
}

/// `prefix` + text wrapped to [`WIDTH`], later lines indented as far as the prefix.
fn push_wrapped(out: &mut String, prefix: &str, text: &str) {
    let indent = " ".repeat(prefix.chars().count());
    let wrapped = wrap(text, WIDTH.saturating_sub(indent.len()).max(20));
    for (k, line) in wrapped.lines().enumerate() {
        out.push_str(if k == 0 { prefix } else { &indent });
        out.push_str(line.trim_start());
        out.push('\n');
    }
}

/// Wraps text at spaces so no line passes `width` characters (long words stay whole). Lines
/// that start with two spaces (commands, tables) are kept as they are, so they can be copied.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (k, para) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if para.starts_with("  ") {
            out.push_str(para);
            continue;
        }
        let mut len = 0;
        for (w, word) in para.split(' ').enumerate() {
            let n = word.chars().count();
            if w > 0 {
                if len + 1 + n > width {
                    out.push('\n');
                    len = 0;
                } else {
                    out.push(' ');
                    len += 1;
                }
            }
            out.push_str(word);
            len += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_keeps_indented_lines() {
        assert_eq!(wrap("một hai ba bốn", 7), "một hai\nba bốn");
        assert_eq!(wrap("a\nb c", 3), "a\nb c");
        assert_eq!(wrap("dàiquáđithôi x", 4), "dàiquáđithôi\nx");
        assert_eq!(
            wrap("run:\n  dxready report a b c", 5),
            "run:\n  dxready report a b c"
        );
    }
}
