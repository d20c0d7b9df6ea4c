//! Scoring pinned by hand (formats.md §4) on the small fixture questionnaire
//! tests/fixtures/mini/mini.yaml, plus property tests of the invariants.

use dxready::answers::{AnswerValue, Answers, Completeness};
use dxready::programs::{Catalog, recommend};
use dxready::questionnaire::{self, Questionnaire};
use dxready::scoring::score;
use proptest::prelude::*;

const MINI: &str = include_str!("fixtures/mini/mini.yaml");
const MINI_PROGRAMS: &str = include_str!("fixtures/mini/mini.programs.yaml");

fn mini() -> Questionnaire {
    questionnaire::from_str("mini.yaml", MINI)
        .expect("fixture loads")
        .0
}

fn catalog(q: &Questionnaire) -> Catalog {
    Catalog::from_str(q, "mini.programs.yaml", MINI_PROGRAMS)
        .expect("fixture catalog loads")
        .0
}

/// Answers from YAML lines under `answers:` (the rest of the file is fixed).
fn answers(q: &Questionnaire, body: &str) -> Answers {
    let text = format!(
        "format: 1\nquestionnaire: {{ id: mini, version: \"1.0\" }}\nassessed_on: 2026-11-27\nanswers:\n{body}"
    );
    match Answers::from_str(q, "t.answers.yaml", &text, Completeness::Complete) {
        Ok((a, _)) => a,
        Err(e) => panic!("answers should load: {e}"),
    }
}

fn answers_err(q: &Questionnaire, body: &str) -> String {
    let text = format!(
        "format: 1\nquestionnaire: {{ id: mini, version: \"1.0\" }}\nassessed_on: 2026-11-27\nanswers:\n{body}"
    );
    match Answers::from_str(q, "t.answers.yaml", &text, Completeness::Complete) {
        Ok(_) => panic!("answers should fail"),
        Err(e) => e.to_string(),
    }
}

const PROFILE: &str = "  enterprise_name: \"An Phát\"\n  founded_on: 2026-05-20\n  employees: 12\n  sector: manufacturing\n  province: hai_duong_area\n";

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn full_example_matches_hand_computation() {
    let q = mini();
    let a = answers(
        &q,
        &format!(
            "{PROFILE}  sells_online: \"yes\"\n  channels: [website, marketplace, social]\n  online_share: 20\n  has_certificate: none\n  skills: 3\n  barcodes: \"no\"\n"
        ),
    );
    let card = score(&q, &a);
    // sales: yes 1/1, channels 3 chosen capped at 2 → 2/2, share 20 → band 2 of 4 → 0.5.
    let sales = 100.0 * (1.0 + 1.0 + 0.5) / 3.0;
    // signature: none 0/2; skills 3 on 1..5 → 2/4 with weight 0.5.
    let signature = 100.0 * (0.0 + 0.5 * 0.5) / 1.5;
    assert!(close(card.dimensions[0].score.unwrap(), sales));
    assert!(close(card.dimensions[1].score.unwrap(), signature));
    assert_eq!(card.dimensions[2].score, Some(0.0));
    // overall: sales has weight 2.
    let overall = (2.0 * sales + signature + 0.0) / 4.0;
    assert!(close(card.overall.unwrap(), overall));
    assert_eq!(q.levels[card.overall_level.unwrap()].id, 1);
    assert_eq!(q.levels[card.dimensions[0].level.unwrap()].id, 3);
}

#[test]
fn hidden_question_counts_as_zero_in_the_denominator() {
    let q = mini();
    let a = answers(
        &q,
        &format!(
            "{PROFILE}  sells_online: \"no\"\n  online_share: 20\n  has_certificate: valid\n  skills: 5\n  barcodes: \"yes\"\n"
        ),
    );
    let card = score(&q, &a);
    assert!(close(card.dimensions[0].score.unwrap(), 100.0 * 0.5 / 3.0));
    // An answer to the hidden question is kept but ignored (warning, not error).
    let text = format!(
        "format: 1\nquestionnaire: {{ id: mini, version: \"1.0\" }}\nassessed_on: 2026-11-27\nanswers:\n{PROFILE}  sells_online: \"no\"\n  channels: [website]\n  online_share: 20\n  has_certificate: valid\n  skills: 5\n  barcodes: \"yes\"\n"
    );
    let (b, warnings) = Answers::from_str(&q, "t", &text, Completeness::Complete).unwrap();
    assert!(
        warnings
            .warnings()
            .any(|w| w.path.contains("channels") && w.message.contains("ignored"))
    );
    assert_eq!(score(&q, &b).dimensions[0].score, card.dimensions[0].score);
}

#[test]
fn multi_exclusive_and_empty_list() {
    let q = mini();
    let err = answers_err(
        &q,
        &format!(
            "{PROFILE}  sells_online: \"yes\"\n  channels: [none, website]\n  online_share: 0\n  has_certificate: valid\n  skills: 1\n  barcodes: \"no\"\n"
        ),
    );
    assert!(
        err.contains("channels") && err.contains("cannot be combined"),
        "{err}"
    );
    let a = answers(
        &q,
        &format!(
            "{PROFILE}  sells_online: \"yes\"\n  channels: []\n  online_share: 0\n  has_certificate: valid\n  skills: 1\n  barcodes: \"no\"\n"
        ),
    );
    let card = score(&q, &a);
    assert!(close(card.dimensions[0].score.unwrap(), 100.0 / 3.0));
    assert_eq!(
        a.values[q.question_index("channels").unwrap()],
        Some(AnswerValue::Choices(vec![]))
    );
}

#[test]
fn number_bands() {
    let q = mini();
    let share = |v: &str| {
        let a = answers(
            &q,
            &format!(
                "{PROFILE}  sells_online: \"no\"\n  online_share: {v}\n  has_certificate: valid\n  skills: 1\n  barcodes: \"no\"\n"
            ),
        );
        score(&q, &a).questions[q.question_index("online_share").unwrap()]
            .ratio
            .unwrap()
    };
    assert_eq!(share("4.99"), 0.0);
    assert_eq!(share("5"), 0.25);
    assert_eq!(share("49.9"), 0.5);
    assert_eq!(share("50"), 1.0);
    assert_eq!(share("100"), 1.0);
    let err = answers_err(
        &q,
        &format!(
            "{PROFILE}  sells_online: \"no\"\n  online_share: 101\n  has_certificate: valid\n  skills: 1\n  barcodes: \"no\"\n"
        ),
    );
    assert!(
        err.contains("online_share") && err.contains("above the maximum 100"),
        "{err}"
    );
}

#[test]
fn not_applicable_dimension_is_left_out_of_the_overall() {
    let q = mini();
    let profile = PROFILE.replace("manufacturing", "services");
    let a = answers(
        &q,
        &format!(
            "{profile}  sells_online: \"no\"\n  online_share: 50\n  has_certificate: valid\n  skills: 5\n"
        ),
    );
    let card = score(&q, &a);
    assert!(!card.dimensions[2].applicable);
    assert_eq!(card.dimensions[2].score, None);
    let sales = 100.0 / 3.0;
    assert!(close(card.overall.unwrap(), (2.0 * sales + 100.0) / 3.0));
}

#[test]
fn levels_use_the_1e9_allowance() {
    let q = mini();
    let level = |s: f64| &q.levels[dxready::scoring::level_index(&q, s)];
    assert_eq!(level(50.99999999999999).id, 2);
    assert_eq!(level(50.9999).id, 1);
    assert_eq!(level(0.0).id, 0);
    assert_eq!(level(25.0).id, 1);
    assert_eq!(level(100.0).id, 3);
}

#[test]
fn facts_follow_the_first_matching_case() {
    let q = mini();
    for (employees, class) in [
        (3, "micro"),
        (10, "micro"),
        (11, "small"),
        (100, "small"),
        (101, "large"),
    ] {
        let profile = PROFILE.replace("employees: 12", &format!("employees: {employees}"));
        let a = answers(
            &q,
            &format!(
                "{profile}  sells_online: \"no\"\n  online_share: 0\n  has_certificate: valid\n  skills: 1\n  barcodes: \"no\"\n"
            ),
        );
        let card = score(&q, &a);
        assert_eq!(
            card.eval.fact_value(&q, 0),
            Some(class),
            "{employees} employees"
        );
    }
}

#[test]
fn within_months_eligibility_at_the_boundary_with_reasons() {
    let q = mini();
    let c = catalog(&q);
    let run = |founded: &str| {
        let profile = PROFILE.replace("2026-05-20", founded);
        let a = answers(
            &q,
            &format!(
                "{profile}  sells_online: \"no\"\n  online_share: 0\n  has_certificate: none\n  skills: 1\n  barcodes: \"no\"\n"
            ),
        );
        let card = score(&q, &a);
        let r = recommend(&q, &card, &c, "en");
        let ids = |l: &[dxready::programs::Pick]| {
            l.iter()
                .map(|p| c.programs[p.program].id.clone())
                .collect::<Vec<_>>()
        };
        (ids(&r.recommended), ids(&r.not_eligible), r)
    };
    let (rec, _, r) = run("2025-11-27");
    assert!(rec.contains(&"sig-50".to_string()));
    let reasons = &r
        .recommended
        .iter()
        .find(|p| c.programs[p.program].id == "sig-50")
        .unwrap()
        .reasons;
    assert!(
        reasons
            .iter()
            .any(|s| s.contains("12 months before the assessment")),
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|s| s.contains("None")), "{reasons:?}");
    let (rec, not, r) = run("2025-11-26");
    assert!(!rec.contains(&"sig-50".to_string()));
    assert!(not.contains(&"sig-50".to_string()));
    let why = &r
        .not_eligible
        .iter()
        .find(|p| c.programs[p.program].id == "sig-50")
        .unwrap()
        .reasons;
    assert_eq!(
        why,
        &vec!["Founding date: 2025-11-26 (more than 12 months before the assessment)".to_string()]
    );
    // Expired programs are never recommended.
    assert!(!rec.contains(&"old".to_string()));
    assert_eq!(r.expired.len(), 1);
}

#[test]
fn score_conditions_in_the_catalog() {
    let q = mini();
    let c = catalog(&q);
    let a = answers(
        &q,
        &format!(
            "{PROFILE}  sells_online: \"no\"\n  online_share: 0\n  has_certificate: valid\n  skills: 1\n  barcodes: \"no\"\n"
        ),
    );
    let card = score(&q, &a);
    let r = recommend(&q, &card, &c, "vi");
    let shop = r
        .recommended
        .iter()
        .find(|p| c.programs[p.program].id == "shop")
        .expect("shop recommended for a weak sales score");
    assert_eq!(
        shop.reasons,
        vec!["Trụ cột Bán hàng còn thấp (0,0/100)".to_string()]
    );
}

// ------------------------------------------------------------------------------------------
// Properties.

/// A random but valid set of answers to the mini questionnaire (hidden questions may be answered).
fn arb_answers() -> impl Strategy<Value = Vec<Option<AnswerValue>>> {
    (
        0u32..150,
        prop::bool::ANY,
        prop::option::of(prop::bool::ANY),
        prop::option::of(prop::sample::subsequence(vec![0usize, 1, 2], 0..=3)),
        prop::option::of(0.0f64..100.0),
        prop::option::of(0usize..3),
        prop::option::of(1i64..=5),
        prop::option::of(prop::bool::ANY),
    )
        .prop_map(
            |(emp, manuf, sells, channels, share, cert, skills, barcodes)| {
                vec![
                    Some(AnswerValue::Text("X".into())),
                    Some(AnswerValue::Date(jiff::civil::date(2026, 1, 1))),
                    Some(AnswerValue::Number(f64::from(emp))),
                    Some(AnswerValue::Choice(if manuf { 0 } else { 1 })),
                    Some(AnswerValue::Choice(0)),
                    sells.map(AnswerValue::Bool),
                    channels.map(AnswerValue::Choices),
                    share.map(AnswerValue::Number),
                    cert.map(AnswerValue::Choice),
                    skills.map(AnswerValue::Int),
                    barcodes.map(AnswerValue::Bool),
                ]
            },
        )
}

fn with_values(q: &Questionnaire, values: Vec<Option<AnswerValue>>) -> Answers {
    let mut a = Answers::empty(q, jiff::civil::date(2026, 11, 27), None);
    a.values = values;
    a
}

proptest! {
    #[test]
    fn scores_stay_within_0_and_100(values in arb_answers()) {
        let q = mini();
        let a = with_values(&q, values);
        let card = score(&q, &a);
        for d in &card.dimensions {
            if let Some(s) = d.score { prop_assert!((0.0..=100.0).contains(&s)); }
        }
        if let Some(s) = card.overall { prop_assert!((0.0..=100.0).contains(&s)); }
    }

    #[test]
    fn answering_a_hidden_question_never_changes_a_score(values in arb_answers(), channels in prop::sample::subsequence(vec![0usize, 1, 2], 0..=3)) {
        let q = mini();
        let ci = q.question_index("channels").unwrap();
        let mut v = values;
        v[5] = Some(AnswerValue::Bool(false)); // sells_online: no → channels hidden
        v[ci] = None;
        let a = with_values(&q, v.clone());
        v[ci] = Some(AnswerValue::Choices(channels));
        let b = with_values(&q, v);
        let (ca, cb) = (score(&q, &a), score(&q, &b));
        prop_assert_eq!(ca.overall, cb.overall);
        prop_assert_eq!(ca.dimensions, cb.dimensions);
    }

    #[test]
    fn more_points_never_lower_a_score(values in arb_answers(), low in 0usize..3, high in 0usize..3) {
        // has_certificate options score 2, 1, 0 for indices 0, 1, 2.
        let q = mini();
        let (better, worse) = if low <= high { (low, high) } else { (high, low) };
        let mut v = values;
        v[8] = Some(AnswerValue::Choice(worse));
        let a = score(&q, &with_values(&q, v.clone())).overall;
        v[8] = Some(AnswerValue::Choice(better));
        let b = score(&q, &with_values(&q, v)).overall;
        prop_assert!(b.unwrap() >= a.unwrap() - 1e-12);
    }

    #[test]
    fn recommendations_follow_the_weighted_gap(values in arb_answers()) {
        let q = mini();
        let c = catalog(&q);
        let a = with_values(&q, values);
        let card = score(&q, &a);
        let r = recommend(&q, &card, &c, "en");
        for pair in r.recommended.windows(2) {
            prop_assert!(pair[0].gap >= pair[1].gap);
            if pair[0].gap == pair[1].gap { prop_assert!(pair[0].program < pair[1].program); }
        }
        for p in &r.recommended {
            let expected: f64 = c.programs[p.program].addresses.iter()
                .filter_map(|&d| card.dimensions[d].score.map(|s| q.dimensions[d].weight * (100.0 - s)))
                .sum();
            prop_assert!((p.gap - expected).abs() < 1e-9);
        }
    }
}
