//! What the optional script needs to show and hide `show_if` questions while a participant
//! fills in a page: each gated question's condition as JSON, with every part that does not
//! depend on this page already decided from the saved answers (`{"c": true}`), and only the
//! tests on this page's questions left for the browser. The server decides again when the
//! page is sent, so the script only ever makes the page easier to read; without it the
//! gated questions are shown with a note saying when to answer them.

use serde_json::{Value, json};

use crate::condition::{Condition, months_before};
use crate::evaluate::Evaluation;
use crate::questionnaire::Questionnaire;

/// The questions a condition tests.
pub fn questions(c: &Condition, out: &mut Vec<usize>) {
    match c {
        Condition::Is { q, .. }
        | Condition::Has { q, .. }
        | Condition::AtLeast { q, .. }
        | Condition::AtMost { q, .. }
        | Condition::WithinMonths { q, .. }
        | Condition::Answered { q, .. } => out.push(*q),
        Condition::All(list) | Condition::Any(list) => {
            list.iter().for_each(|c| questions(c, out));
        }
        Condition::Not(c) => questions(c, out),
        Condition::Fact { .. } | Condition::ScoreBelow { .. } | Condition::ScoreAtLeast { .. } => {}
    }
}

/// Whether the condition tests a question of the page (its outcome can change while the
/// page is filled in).
pub fn depends_on(c: &Condition, page: &std::ops::Range<usize>) -> bool {
    let mut qs = Vec::new();
    questions(c, &mut qs);
    qs.iter().any(|q| page.contains(q))
}

/// The condition for the script: tests of questions on `page` kept (by question id, option
/// ids as the form sends them), everything else evaluated with `eval` into a constant.
pub fn to_json(
    c: &Condition,
    q: &Questionnaire,
    eval: &Evaluation,
    page: &std::ops::Range<usize>,
) -> Value {
    let id = |qi: &usize| q.questions[*qi].id.clone();
    let live = |qi: &usize| page.contains(qi);
    match c {
        Condition::All(list) => {
            json!({"all": list.iter().map(|c| to_json(c, q, eval, page)).collect::<Vec<_>>()})
        }
        Condition::Any(list) => {
            json!({"any": list.iter().map(|c| to_json(c, q, eval, page)).collect::<Vec<_>>()})
        }
        Condition::Not(inner) => json!({"not": to_json(inner, q, eval, page)}),
        Condition::Is { q: qi, options } if live(qi) => {
            let kind = &q.questions[*qi].kind;
            let ids: Vec<String> = options.iter().map(|&o| kind.option_id(o)).collect();
            json!({"q": id(qi), "is": ids})
        }
        Condition::Has { q: qi, option } if live(qi) => {
            json!({"q": id(qi), "has": q.questions[*qi].kind.option_id(*option)})
        }
        Condition::AtLeast { q: qi, n } if live(qi) => json!({"q": id(qi), "ge": n}),
        Condition::AtMost { q: qi, n } if live(qi) => json!({"q": id(qi), "le": n}),
        Condition::WithinMonths { q: qi, months } if live(qi) => {
            let on = eval.answers.assessed_on;
            json!({"q": id(qi), "within": [months_before(on, *months).to_string(), on.to_string()]})
        }
        Condition::Answered { q: qi, answered } if live(qi) => {
            json!({"q": id(qi), "answered": answered})
        }
        other => json!({"c": other.eval(eval)}),
    }
}
