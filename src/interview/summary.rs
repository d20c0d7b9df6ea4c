//! What the owner sees at the end of the interview: the overall and per-dimension scores
//! with their levels, the top recommended programs with their reasons, and the offer to
//! write the report.

use super::strings::{fill, strings};
use super::{Prompter, Reply};
use crate::answers::Answers;
use crate::assessment::Assessment;
use crate::programs::Catalog;
use crate::questionnaire::Questionnaire;
use crate::text::{label, one_decimal};

/// How many recommended programs the summary lists (the report lists them all).
pub const TOP_PROGRAMS: usize = 3;

/// The end summary as text.
pub fn summary(
    q: &Questionnaire,
    catalog: &Catalog,
    answers: &Answers,
    lang: &str,
    file: &str,
) -> String {
    let s = strings(lang);
    let a = Assessment::new(q, catalog, answers, file.to_string(), None, Some(lang));
    let mut out = format!("{} · {}\n\n", s.result_heading, a.enterprise(q));
    let level = |l: Option<usize>| match l {
        Some(i) => format!(
            "{} {} · {}",
            label(lang, "level"),
            q.levels[i].id,
            q.levels[i].name.get(lang)
        ),
        None => String::new(),
    };
    let mut rows: Vec<(String, String, String)> = Vec::new();
    rows.push((
        label(lang, "overall").to_string(),
        match a.card.overall {
            Some(x) => format!("{}{}", one_decimal(x, lang), s.result_out_of),
            None => "—".into(),
        },
        match a.card.overall {
            Some(_) => level(a.card.overall_level),
            None => label(lang, "undefined").to_string(),
        },
    ));
    for (d, ds) in q.dimensions.iter().zip(&a.card.dimensions) {
        rows.push((
            format!("  {}", d.title.get(lang)),
            ds.score
                .map(|x| one_decimal(x, lang))
                .unwrap_or_else(|| "—".into()),
            if ds.applicable {
                level(ds.level)
            } else {
                label(lang, "not_applicable").to_string()
            },
        ));
    }
    let w0 = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    for (name, score, lvl) in &rows {
        out.push_str(&format!("{name:<w0$}  {score:>w1$}  {lvl}\n"));
    }
    if let Some(desc) = a
        .card
        .overall
        .and(a.card.overall_level)
        .and_then(|i| q.levels[i].description.as_ref())
    {
        out.push_str(&format!("\n{}\n", desc.get(lang)));
    }
    for (fi, f) in q.facts.iter().enumerate() {
        if let Some(c) = a.card.eval.facts[fi] {
            out.push_str(&format!("{}: {}\n", f.title(lang), f.cases[c].label(lang)));
        }
    }
    out.push_str(&format!("\n{}:\n", label(lang, "recommended")));
    if a.recs.recommended.is_empty() {
        out.push_str(&format!("  {}\n", s.no_programs));
    }
    for (n, pick) in a.recs.recommended.iter().take(TOP_PROGRAMS).enumerate() {
        let prog = &catalog.programs[pick.program];
        out.push_str(&format!(
            "  {}. {} ({})\n",
            n + 1,
            prog.name.get(lang),
            prog.provider.get(lang)
        ));
        out.push_str(&format!("     {}\n", prog.benefit.get(lang)));
        for r in &pick.reasons {
            out.push_str(&format!("     · {r}\n"));
        }
    }
    let more = a.recs.recommended.len().saturating_sub(TOP_PROGRAMS);
    if more > 0 {
        out.push_str(&format!(
            "  {}\n",
            fill(s.more_programs, &[("count", &more.to_string())])
        ));
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
    let s = strings(lang);
    p.result(&summary(q, catalog, answers, lang, file));
    p.message(&fill(s.saved_final, &[("file", file)]));
    let options = [
        label(lang, "yes").to_string(),
        label(lang, "no").to_string(),
    ];
    matches!(p.menu(lang, s.offer_report, &options, 0), Reply::Answer(0))
}
