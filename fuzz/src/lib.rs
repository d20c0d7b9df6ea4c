//! What the fuzz targets share: the default questionnaire and catalog (loaded once), the
//! examples' answers, and [`exercise`], which runs every stage after loading on a result so
//! a loader's output is also fuzzed through scoring, recommendations and every rendering.

use std::sync::OnceLock;

use dxready::answers::{Answers, Completeness};
use dxready::assessment::Assessment;
use dxready::programs::Catalog;
use dxready::questionnaire::Questionnaire;
use dxready::setup::{Setup, Sources};

/// The embedded default questionnaire and catalog.
pub fn defaults() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| Setup::load(&Sources::default()).expect("the defaults load"))
}

/// The small questionnaire of the tests and the KoboToolbox mapping made for it.
pub fn mini() -> &'static (Questionnaire, dxready::batch::mapping::Mapping) {
    static MINI: OnceLock<(Questionnaire, dxready::batch::mapping::Mapping)> = OnceLock::new();
    MINI.get_or_init(|| {
        let q = dxready::questionnaire::from_str(
            "mini.yaml",
            include_str!("../../tests/fixtures/mini/mini.yaml"),
        )
        .expect("mini loads")
        .0;
        let m = dxready::batch::mapping::Mapping::from_str(
            &q,
            "kobo.map.yaml",
            include_str!("../../examples/batch/kobo.map.yaml"),
        )
        .expect("the kobo map loads")
        .0;
        (q, m)
    })
}

/// The example answer files, loaded against the defaults.
pub fn examples() -> &'static [Answers] {
    static EXAMPLES: OnceLock<Vec<Answers>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let q = &defaults().questionnaire;
        [
            include_str!("../../examples/an-phat-thanh-ha.answers.yaml"),
            include_str!("../../examples/chu-dau-ceramics.answers.yaml"),
            include_str!("../../examples/garment-medium.answers.yaml"),
            include_str!("../../examples/household-retail.answers.yaml"),
            include_str!("../../examples/logistics-services.answers.yaml"),
        ]
        .iter()
        .map(|t| {
            Answers::from_str(q, "example", t, Completeness::Complete)
                .expect("the examples load")
                .0
        })
        .collect()
    })
}

/// Scores, recommends and renders one set of answers in every text form.
pub fn exercise(q: &Questionnaire, catalog: &Catalog, answers: &Answers) {
    for lang in &q.languages {
        let a = Assessment::new(q, catalog, answers, "fuzz".into(), Some(2), Some(lang));
        let _ = a.to_table(q, catalog);
        let _ = a.to_json(q, catalog).to_string();
        let _ = a.summary_row(q, catalog, q);
    }
}

/// The bytes as text the way the tool takes them (size limit, UTF-8, byte-order mark).
pub fn text(data: &[u8], limits: dxready::yaml::Limits) -> Option<&str> {
    dxready::yaml::decode("fuzz.yaml", data, limits).ok()
}

/// Every problem of a failed load, rendered as it is printed (positions included).
pub fn render_error(e: &dxready::diagnostic::LoadError) {
    let _ = e.lines();
    let _ = e.one_line();
    let _ = e.reason();
}
