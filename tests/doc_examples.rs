//! The reference in `docs/reference/` kept current by the tool itself, so it cannot go stale
//! without a failing test:
//!
//! - every fenced YAML, CSV and JSON block there is marked with what it is (```` ```yaml
//!   questionnaire ````, `answers`, `catalog`, `mapping`, `condition`, `fragment`; ```` ```csv
//!   answers ID ````, `export`; ```` ```json score-output ````), and each is loaded by the real
//!   `dxready` binary: questionnaires, catalogs, answers and CSVs pass `validate --strict`,
//!   conditions are validated inside a catalog, a mapping reads the export after it;
//! - a block marked `error` fails, with exactly the `error:` lines of the ```` ```text ```` block
//!   after it;
//! - every number of the worked example in conditions.md is what `score` and `report` compute;
//! - every command and option in commands.md exists, every option that exists is there, every
//!   `dxready …` line of its examples parses, and every exit-code example gives its code;
//! - every field `report --explain-template` prints is named in docs/templates.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use clap::{CommandFactory, Parser};
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

const BIN: &str = env!("CARGO_BIN_EXE_dxready");

const DOCS: &[(&str, &str)] = &[
    (
        "docs/reference/formats.md",
        include_str!("../docs/reference/formats.md"),
    ),
    (
        "docs/reference/conditions.md",
        include_str!("../docs/reference/conditions.md"),
    ),
    (
        "docs/reference/commands.md",
        include_str!("../docs/reference/commands.md"),
    ),
    (
        "docs/reference/report.md",
        include_str!("../docs/reference/report.md"),
    ),
];
const CONDITIONS: &str = include_str!("../docs/reference/conditions.md");
const COMMANDS: &str = include_str!("../docs/reference/commands.md");
const TEMPLATES: &str = include_str!("../docs/templates.md");

/// A fenced block of a document.
#[derive(Clone, Debug)]
struct Block {
    doc: &'static str,
    /// 1-based line of the opening fence.
    line: usize,
    lang: String,
    tags: Vec<String>,
    body: String,
}

impl Block {
    fn has(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    fn at(&self) -> String {
        format!("{}:{}", self.doc, self.line)
    }
}

/// A block being read: where it starts, its fence's indentation, its lines so far.
struct Open {
    line: usize,
    indent: usize,
    lang: String,
    tags: Vec<String>,
    body: Vec<String>,
}

/// Every fenced block of `text`, indentation of the fence removed from its lines.
fn blocks(doc: &'static str, text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match open.take() {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    let mut words = info.split_whitespace().map(str::to_string);
                    open = Some(Open {
                        line: i + 1,
                        indent,
                        lang: words.next().unwrap_or_default(),
                        tags: words.collect(),
                        body: Vec::new(),
                    });
                }
            }
            Some(o) if trimmed == "```" => out.push(Block {
                doc,
                line: o.line,
                lang: o.lang,
                tags: o.tags,
                body: o.body.join("\n") + "\n",
            }),
            Some(mut o) => {
                o.body
                    .push(line.get(o.indent.min(indent)..).unwrap_or("").to_string());
                open = Some(o);
            }
        }
    }
    assert!(open.is_none(), "{doc}: a fenced block is not closed");
    out
}

fn all_blocks() -> Vec<Block> {
    DOCS.iter().flat_map(|(d, t)| blocks(d, t)).collect()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the dxready binary runs");
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !r.stderr.contains("panicked"),
        "dxready {args:?} panicked: {}",
        r.stderr
    );
    r
}

fn yaml(b: &Block) -> Yaml {
    serde_yaml::from_str(&b.body).unwrap_or_else(|e| panic!("{}: not YAML: {e}", b.at()))
}

fn str_at<'a>(v: &'a Yaml, path: &[&str]) -> Option<&'a str> {
    let mut v = v;
    for k in path {
        v = v.get(*k)?;
    }
    v.as_str()
}

/// The `error:` lines expected after a block marked `error`: the next block, a ```text one.
fn expected_errors(all: &[Block], i: usize) -> Vec<String> {
    let next = all
        .get(i + 1)
        .filter(|n| n.lang == "text" && n.doc == all[i].doc)
        .unwrap_or_else(|| {
            panic!(
                "{}: an `error` example needs a ```text block with its errors right after it",
                all[i].at()
            )
        });
    let lines: Vec<String> = next
        .body
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(str::to_string)
        .collect();
    assert!(!lines.is_empty(), "{}: no `error:` line", next.at());
    lines
}

/// `error: FILE:LINE:COL: rest` → `error: FILE: rest`.
fn without_position(line: &str) -> String {
    let Some(rest) = line.strip_prefix("error: ") else {
        return line.to_string();
    };
    let mut parts = rest.splitn(4, ':');
    let (file, a, b, tail) = (parts.next(), parts.next(), parts.next(), parts.next());
    match (file, a, b, tail) {
        (Some(f), Some(a), Some(b), Some(t))
            if a.chars().all(|c| c.is_ascii_digit()) && b.chars().all(|c| c.is_ascii_digit()) =>
        {
            format!("error: {f}:{t}")
        }
        _ => line.to_string(),
    }
}

/// The run failed with exactly the expected `error:` lines (positions compared where the
/// document gives them).
fn assert_errors(b: &Block, r: &Run, expected: &[String]) {
    assert_eq!(
        r.code,
        1,
        "{}: expected exit 1, got {}: {}",
        b.at(),
        r.code,
        r.stderr
    );
    let actual: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    for e in expected {
        let found = actual.iter().any(|a| *a == e || without_position(a) == *e);
        assert!(
            found,
            "{}: the documented error\n  {e}\nis not among what dxready prints:\n{}",
            b.at(),
            actual.join("\n")
        );
    }
    assert_eq!(
        actual.len(),
        expected.len(),
        "{}: dxready prints other errors than documented:\n{}",
        b.at(),
        actual.join("\n")
    );
}

/// A folder holding the documents' questionnaires (`ID.yaml`) and catalogs
/// (`ID.programs.yaml`, found beside them by `-q ID.yaml`).
struct World {
    dir: tempfile::TempDir,
    questionnaires: BTreeMap<String, Yaml>,
}

fn world(all: &[Block]) -> World {
    let dir = tempfile::tempdir().unwrap();
    let mut questionnaires = BTreeMap::new();
    for b in all.iter().filter(|b| b.lang == "yaml" && !b.has("error")) {
        if b.has("questionnaire") {
            let v = yaml(b);
            let id = str_at(&v, &["id"]).expect("a questionnaire id").to_string();
            std::fs::write(dir.path().join(format!("{id}.yaml")), &b.body).unwrap();
            questionnaires.insert(id, v);
        } else if b.has("catalog") {
            let v = yaml(b);
            let id = str_at(&v, &["questionnaire"]).expect("a catalog's questionnaire");
            std::fs::write(dir.path().join(format!("{id}.programs.yaml")), &b.body).unwrap();
        }
    }
    World {
        dir,
        questionnaires,
    }
}

const YAML_KINDS: &[&str] = &[
    "questionnaire",
    "answers",
    "catalog",
    "mapping",
    "condition",
    "fragment",
];

#[test]
fn every_data_block_says_what_it_is() {
    let all = all_blocks();
    assert!(all.len() > 10, "the reference has its examples");
    for b in &all {
        let kind = b.tags.first().map(String::as_str).unwrap_or("");
        match b.lang.as_str() {
            "yaml" => assert!(
                YAML_KINDS.contains(&kind),
                "{}: a ```yaml block must say what it is ({}), found {kind:?}",
                b.at(),
                YAML_KINDS.join(", ")
            ),
            "csv" => assert!(
                kind == "export" || (kind == "answers" && b.tags.len() >= 2),
                "{}: a ```csv block is `answers QUESTIONNAIRE_ID` or `export`",
                b.at()
            ),
            "json" => assert_eq!(kind, "score-output", "{}", b.at()),
            "text" | "sh" | "" => {}
            other => panic!("{}: unexpected block language {other:?}", b.at()),
        }
        if b.lang == "yaml" {
            yaml(b);
        }
    }
}

#[test]
fn questionnaires_catalogs_and_answers_load() {
    let all = all_blocks();
    let w = world(&all);
    let d = w.dir.path();
    let mut checked = 0;
    for (i, b) in all.iter().enumerate() {
        if b.lang != "yaml" && b.lang != "csv" {
            continue;
        }
        let kind = b.tags.first().map(String::as_str).unwrap_or("");
        let error = b.has("error");
        match (b.lang.as_str(), kind) {
            ("yaml", "questionnaire") => {
                let r = if error {
                    std::fs::write(d.join("example.yaml"), &b.body).unwrap();
                    run(d, &["validate", "example.yaml"])
                } else {
                    let id = str_at(&yaml(b), &["id"]).unwrap().to_string();
                    run(d, &["validate", "--strict", &format!("{id}.yaml")])
                };
                check(b, &r, error.then(|| expected_errors(&all, i)));
            }
            ("yaml", "catalog") => {
                let id = str_at(&yaml(b), &["questionnaire"]).unwrap().to_string();
                let r = run(
                    d,
                    &[
                        "validate",
                        "--strict",
                        &format!("{id}.yaml"),
                        &format!("{id}.programs.yaml"),
                    ],
                );
                check(b, &r, None);
                assert!(
                    r.stdout.contains("(catalog for "),
                    "{}: the catalog was not checked: {}",
                    b.at(),
                    r.stdout
                );
            }
            ("yaml", "answers") => {
                let v = yaml(b);
                let id =
                    str_at(&v, &["questionnaire", "id"]).expect("answers name a questionnaire");
                std::fs::write(d.join("example.yaml"), &b.body).unwrap();
                let q = format!("{id}.yaml");
                let mut args = vec!["validate"];
                if !error {
                    args.push("--strict");
                }
                if w.questionnaires.contains_key(id) {
                    args.push(&q);
                }
                args.push("example.yaml");
                let r = run(d, &args);
                check(b, &r, error.then(|| expected_errors(&all, i)));
            }
            ("csv", "answers") => {
                let q = format!("{}.yaml", b.tags[1]);
                std::fs::write(d.join("example.csv"), &b.body).unwrap();
                let r = run(d, &["validate", "--strict", &q, "example.csv"]);
                check(b, &r, error.then(|| expected_errors(&all, i)));
                let rows = b.body.lines().count() - 1;
                let r = run(
                    d,
                    &[
                        "-q",
                        &q,
                        "batch",
                        "example.csv",
                        "--out",
                        "csv-out",
                        "--no-xlsx",
                    ],
                );
                assert_eq!(r.code, 0, "{}: batch: {}", b.at(), r.stderr);
                let summary = std::fs::read_to_string(d.join("csv-out/summary.csv")).unwrap();
                assert_eq!(
                    summary.lines().count() - 1,
                    rows,
                    "{}: one summary row per row",
                    b.at()
                );
            }
            ("yaml", "mapping") => {
                let export = all
                    .get(i + 1)
                    .filter(|n| n.lang == "csv" && n.has("export"))
                    .unwrap_or_else(|| {
                        panic!("{}: a mapping is followed by its ```csv export", b.at())
                    });
                let q = format!("{}.yaml", b.tags[1]);
                std::fs::write(d.join("survey.map.yaml"), &b.body).unwrap();
                std::fs::write(d.join("export.csv"), &export.body).unwrap();
                let r = run(
                    d,
                    &[
                        "-q",
                        &q,
                        "batch",
                        "export.csv",
                        "--map",
                        "survey.map.yaml",
                        "--out",
                        "map-out",
                        "--no-xlsx",
                    ],
                );
                assert_eq!(
                    r.code,
                    0,
                    "{}: batch --map: {}{}",
                    b.at(),
                    r.stdout,
                    r.stderr
                );
                let summary = std::fs::read_to_string(d.join("map-out/summary.csv")).unwrap();
                assert_eq!(
                    summary.lines().count(),
                    export.body.lines().count(),
                    "{}: every export row scored",
                    b.at()
                );
                // The mapped row reads as the formats.md answers of the same shop.
                assert!(summary.contains("Cửa hàng Minh An"), "{summary}");
            }
            ("yaml", "condition") => {
                let r = conditions(d, b);
                check(b, &r, error.then(|| expected_errors(&all, i)));
            }
            _ => continue,
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} examples were loaded");
}

fn check(b: &Block, r: &Run, errors: Option<Vec<String>>) {
    match errors {
        Some(e) => assert_errors(b, r, &e),
        None => assert_eq!(
            r.code,
            0,
            "{}: the example does not pass `validate --strict`:\n{}{}",
            b.at(),
            r.stdout,
            r.stderr
        ),
    }
}

/// Validates the conditions of a ```yaml condition block (one condition or a list) inside the
/// `recommend_if` of a program `probe` of a catalog for the reference's questionnaire `shop`.
fn conditions(d: &Path, b: &Block) -> Run {
    let list = match yaml(b) {
        Yaml::Sequence(s) => s,
        one => vec![one],
    };
    let mut all = serde_yaml::Mapping::new();
    all.insert("all".into(), Yaml::Sequence(list));
    let mut program = serde_yaml::Mapping::new();
    for (k, v) in [
        ("id", "probe"),
        ("name", "probe"),
        ("provider", "p"),
        ("benefit", "b"),
        ("source", "s"),
    ] {
        program.insert(k.into(), v.into());
    }
    program.insert("recommend_if".into(), Yaml::Mapping(all));
    let mut catalog = serde_yaml::Mapping::new();
    catalog.insert("format".into(), 1.into());
    catalog.insert("questionnaire".into(), "shop".into());
    catalog.insert(
        "programs".into(),
        Yaml::Sequence(vec![Yaml::Mapping(program)]),
    );
    let text = serde_yaml::to_string(&Yaml::Mapping(catalog)).unwrap();
    std::fs::write(d.join("example.yaml"), text).unwrap();
    run(d, &["validate", "--strict", "shop.yaml", "example.yaml"])
}

// ---------------------------------------------------------------------------------------
// The worked example.

/// The rows of the Markdown table whose header row starts with `header`.
fn table(doc: &str, header: &str) -> Vec<Vec<String>> {
    let mut lines = doc.lines().skip_while(|l| !l.starts_with(header));
    assert!(lines.next().is_some(), "no table `{header}`");
    lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// The last number in a cell (`100 × 1/3 × 0.5 = 11.1` → 11.1).
fn last_number(cell: &str) -> Option<f64> {
    cell.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .rfind(|s| !s.is_empty() && s != &".")
        .and_then(|s| s.parse().ok())
}

/// Rounded half away from zero to one decimal, as reports show scores.
fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn unquote(cell: &str) -> &str {
    cell.trim_matches('`')
}

/// The shop's answers (formats.md), scored with `shop` and its catalog.
struct Scored {
    /// `score` as a table.
    table: String,
    json: Json,
    view: Json,
    questionnaire: Yaml,
}

fn worked_example() -> Scored {
    let all = all_blocks();
    let w = world(&all);
    let d = w.dir.path();
    let answers = all
        .iter()
        .find(|b| b.has("answers") && b.lang == "yaml" && !b.has("error"))
        .expect("formats.md has an answers example");
    std::fs::write(d.join("minh-an.answers.yaml"), &answers.body).unwrap();
    let r = run(d, &["-q", "shop.yaml", "score", "minh-an.answers.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let table = r.stdout;
    let r = run(
        d,
        &[
            "-q",
            "shop.yaml",
            "score",
            "minh-an.answers.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: Json = serde_json::from_str(r.stdout.trim()).unwrap();
    let r = run(
        d,
        &[
            "-q",
            "shop.yaml",
            "report",
            "minh-an.answers.yaml",
            "--explain-template",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let view: Json = serde_json::from_str(&r.stdout).unwrap();
    Scored {
        table,
        json,
        view,
        questionnaire: w.questionnaires["shop"].clone(),
    }
}

fn dimension_of(q: &Yaml) -> BTreeMap<String, (String, String, f64)> {
    let mut out = BTreeMap::new();
    for d in q["dimensions"].as_sequence().unwrap() {
        let did = d["id"].as_str().unwrap().to_string();
        for question in d["questions"].as_sequence().unwrap() {
            let kind = question["type"].as_str().unwrap().to_string();
            let weight = question.get("weight").and_then(Yaml::as_f64).unwrap_or(1.0);
            out.insert(
                question["id"].as_str().unwrap().to_string(),
                (did.clone(), kind, weight),
            );
        }
    }
    out
}

#[test]
fn the_worked_example_is_what_dxready_computes() {
    let s = worked_example();
    let dims: BTreeMap<String, &Json> = s.json["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap().to_string(), d))
        .collect();

    // The whole table `score` prints.
    let shown = blocks("docs/reference/conditions.md", CONDITIONS)
        .into_iter()
        .find(|b| b.has("score-table"))
        .expect("conditions.md shows the output of score");
    assert_eq!(shown.body, s.table, "{}: the output of `score`", shown.at());

    // Facts.
    let size = s.json["facts"]["size_class"].as_str().unwrap();
    assert!(CONDITIONS.contains(&format!("`size_class` is `{size}`")));

    // Questions: r = p / max, and the table's rows give each dimension's score.
    let of = dimension_of(&s.questionnaire);
    let rows = table(CONDITIONS, "| question | answer | p | max | r | w |");
    let mut sums: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for row in &rows {
        let id = unquote(&row[0]);
        let (p, max, r, w): (f64, f64, f64, f64) = (
            row[2].parse().unwrap(),
            row[3].parse().unwrap(),
            row[4].parse().unwrap(),
            row[5].parse().unwrap(),
        );
        assert!((p / max - r).abs() < 1e-12, "{id}: {p} / {max} is not {r}");
        let (dim, _, weight) = &of[id];
        assert_eq!(*weight, w, "{id}: the questionnaire gives weight {weight}");
        let e = sums.entry(dim.clone()).or_default();
        e.0 += w * r;
        e.1 += w;
    }
    // Every scored question of an applicable dimension is in the table.
    let expected: BTreeSet<&str> = of
        .iter()
        .filter(|(_, (d, kind, w))| {
            dims[d]["applicable"] == Json::Bool(true)
                && !matches!(kind.as_str(), "text" | "date")
                && *w > 0.0
        })
        .map(|(id, _)| id.as_str())
        .collect();
    let listed: BTreeSet<&str> = rows.iter().map(|r| unquote(&r[0])).collect();
    assert_eq!(
        listed, expected,
        "the question table lists the scored questions"
    );
    for (dim, (num, den)) in &sums {
        let actual = dims[dim]["score"].as_f64().unwrap();
        assert!(
            (100.0 * num / den - actual).abs() < 1e-9,
            "{dim}: the table gives {}, dxready {actual}",
            100.0 * num / den
        );
    }

    // Dimensions and overall: score (one decimal) and level.
    for row in table(CONDITIONS, "| dimension | W |") {
        let id = unquote(&row[0]);
        let (score, level) = if id == "overall" {
            (&s.json["overall"]["score"], &s.json["overall"]["level"])
        } else {
            (&dims[id]["score"], &dims[id]["level"])
        };
        match score.as_f64() {
            Some(x) => {
                assert_eq!(row[3].parse::<f64>().unwrap(), one_decimal(x), "{id}");
                let shown: u64 = row[4].split_whitespace().next().unwrap().parse().unwrap();
                assert_eq!(Some(shown), level.as_u64(), "{id}: level");
            }
            None => assert_eq!(row[3], "—", "{id} does not apply"),
        }
    }
    let exact = s.json["overall"]["score"].to_string();
    assert!(
        CONDITIONS.contains(&format!("`{exact}`")),
        "conditions.md states the overall score in full: {exact}"
    );

    // Next steps: order, urgency, potential.
    let actions = s.view["actions"].as_array().unwrap();
    let steps = table(CONDITIONS, "| step | urgent | gain | potential |");
    assert_eq!(
        steps.len(),
        actions.len(),
        "every next step is in the table"
    );
    for (row, a) in steps.iter().zip(actions) {
        let advice = row[0].split(" (`").next().unwrap();
        assert_eq!(advice, a["advice"].as_str().unwrap());
        assert_eq!(row[1] == "yes", a["urgent"].as_bool().unwrap(), "{advice}");
        let potential = a["potential"].as_f64().unwrap();
        assert_eq!(
            last_number(&row[3]),
            Some(one_decimal(potential)),
            "{advice}"
        );
    }

    // Programs: outcome, order, gap, reasons.
    let mut order = 0;
    for row in table(CONDITIONS, "| program | outcome | gap | reasons |") {
        let id = unquote(&row[0]);
        let find = |list: &str| {
            s.json[list]
                .as_array()
                .unwrap()
                .iter()
                .position(|p| p["id"] == id)
        };
        let (list, at) = if row[1].starts_with("recommended") {
            ("recommended", find("recommended"))
        } else if row[1].starts_with("not eligible") {
            ("not_eligible", find("not_eligible"))
        } else {
            assert!(row[1].starts_with("expired"), "{id}");
            let at = find("expired").unwrap_or_else(|| panic!("{id} is not expired"));
            let until = s.json["expired"][at]["valid_until"].as_str().unwrap();
            assert!(row[1].contains(until), "{id}: valid until {until}");
            continue;
        };
        let at = at.unwrap_or_else(|| panic!("{id} is not {list}: {}", s.json));
        let p = &s.json[list][at];
        if list == "recommended" {
            assert_eq!(at, order, "{id}: position among the recommended");
            order += 1;
        }
        let gap = p["gap"].as_f64().unwrap();
        assert_eq!(last_number(&row[2]), Some(one_decimal(gap)), "{id}: gap");
        let reasons: Vec<&str> = p["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert_eq!(
            row[3].split(" · ").collect::<Vec<_>>(),
            reasons,
            "{id}: reasons"
        );
    }
    assert_eq!(
        order,
        s.json["recommended"].as_array().unwrap().len(),
        "every recommended program is in the table"
    );
}

/// The ```json score-output block: every key it shows is in the real output, with the same
/// value unless the document writes `…`; arrays are matched by `id`.
#[test]
fn the_documented_json_shape_is_what_score_prints() {
    let s = worked_example();
    let doc = all_blocks()
        .into_iter()
        .find(|b| b.has("score-output"))
        .expect("commands.md shows the JSON of score");
    let shown: Json =
        serde_json::from_str(&doc.body).unwrap_or_else(|e| panic!("{}: not JSON: {e}", doc.at()));
    fn within(doc: &Json, real: &Json, path: &str) {
        match (doc, real) {
            (Json::Object(d), Json::Object(r)) => {
                for (k, v) in d {
                    let rv = r
                        .get(k)
                        .unwrap_or_else(|| panic!("{path}.{k} is documented but not printed"));
                    within(v, rv, &format!("{path}.{k}"));
                }
            }
            (Json::Array(d), Json::Array(r)) => {
                for (i, v) in d.iter().enumerate() {
                    let rv = match v.get("id") {
                        Some(id) => r.iter().find(|x| x.get("id") == Some(id)),
                        None => r.get(i),
                    };
                    let rv = rv.unwrap_or_else(|| panic!("{path}[{i}] is not printed"));
                    within(v, rv, &format!("{path}[{i}]"));
                }
            }
            (Json::String(t), _) if t == "…" => {}
            _ => assert_eq!(doc, real, "{path}"),
        }
    }
    within(&shown, &s.json, "");
}

/// Every field `--explain-template` prints is named in docs/templates.md, and every field named
/// there is printed: the view model has one source.
#[test]
fn the_view_model_is_documented() {
    let s = worked_example();
    let view = s.view.as_object().unwrap();
    // `questionnaire.id`, `.version`: a name starting with `.` is another sub-field.
    let documented: BTreeSet<String> = table(TEMPLATES, "| field | type |")
        .iter()
        .flat_map(|r| {
            r[0].split('`')
                .skip(1)
                .step_by(2)
                .filter(|f| !f.starts_with('.'))
                .map(|f| f.split(['.', '[']).next().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let printed: BTreeSet<String> = view.keys().cloned().collect();
    assert_eq!(
        printed, documented,
        "docs/templates.md's view-model table and --explain-template differ"
    );
    // The nested types, each documented in a paragraph `**Name**: `a`, `b` …`.
    let paragraph = |name: &str| -> BTreeSet<String> {
        let start = TEMPLATES
            .find(&format!("**{name}**:"))
            .unwrap_or_else(|| panic!("templates.md describes {name}"));
        let text = &TEMPLATES[start..];
        let end = text.find("\n\n").unwrap_or(text.len());
        text[..end]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|f| f.split(['[', ' ']).next().unwrap().to_string())
            .collect()
    };
    let keys = |v: &Json| -> BTreeSet<String> { v.as_object().unwrap().keys().cloned().collect() };
    let check = |name: &str, v: &Json| {
        let documented = paragraph(name);
        for k in keys(v) {
            assert!(
                documented.contains(&k),
                "{name}.{k} is printed but not described in docs/templates.md"
            );
        }
    };
    check("Score", &s.view["overall"]);
    check("Dimension", &s.view["dimensions"][0]);
    check("Program", &s.view["recommended"][0]);
}

// ---------------------------------------------------------------------------------------
// Commands.

/// Section heading (`dxready questionnaire show`, or "Global options") → the options named in
/// the first column of its `| option | meaning |` table.
fn documented_options() -> BTreeMap<Vec<String>, BTreeSet<String>> {
    let mut out: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    let mut section: Option<Vec<String>> = None;
    let mut in_table = false;
    for line in COMMANDS.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            in_table = false;
            section = if h == "Global options" {
                Some(Vec::new())
            } else {
                h.strip_prefix("`dxready ")
                    .and_then(|h| h.strip_suffix('`'))
                    .map(|h| h.split_whitespace().map(str::to_string).collect())
            };
            if let Some(s) = &section {
                out.entry(s.clone()).or_default();
            }
            continue;
        }
        if line.starts_with("| option | meaning |") {
            in_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let (Some(s), true) = (&section, in_table) else {
            continue;
        };
        if line.starts_with("|---") {
            continue;
        }
        let first = line.trim_matches('|').split(" | ").next().unwrap();
        for code in first.split('`').skip(1).step_by(2) {
            let flag = code.split_whitespace().next().unwrap().to_string();
            assert!(
                flag.starts_with('-'),
                "commands.md: `{code}` is not an option"
            );
            out.get_mut(s).unwrap().insert(flag);
        }
    }
    out
}

fn flags(args: impl Iterator<Item = clap::Arg>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for a in args {
        if a.get_id() == "help" || a.get_id() == "version" || a.is_positional() {
            continue;
        }
        if let Some(l) = a.get_long() {
            out.insert(format!("--{l}"));
        }
        if let Some(s) = a.get_short() {
            out.insert(format!("-{s}"));
        }
    }
    out
}

/// Every leaf command (path of names) with its own options.
fn real_options() -> BTreeMap<Vec<String>, BTreeSet<String>> {
    fn walk(
        cmd: &clap::Command,
        path: Vec<String>,
        out: &mut BTreeMap<Vec<String>, BTreeSet<String>>,
    ) {
        let own: Vec<clap::Arg> = cmd
            .get_arguments()
            .filter(|a| path.is_empty() || !a.is_global_set())
            .cloned()
            .collect();
        if cmd.has_subcommands() {
            if path.is_empty() {
                let mut f = flags(own.into_iter());
                f.extend(["-h", "--help", "-V", "--version"].map(String::from));
                out.insert(path.clone(), f);
            }
            for sub in cmd.get_subcommands() {
                let mut p = path.clone();
                p.push(sub.get_name().to_string());
                walk(sub, p, out);
            }
        } else {
            out.insert(path, flags(own.into_iter()));
        }
    }
    let mut out = BTreeMap::new();
    walk(&dxready::cli::Cli::command(), Vec::new(), &mut out);
    out
}

#[test]
fn every_command_and_option_is_documented_and_exists() {
    let documented = documented_options();
    let real = real_options();
    let names = |m: &BTreeMap<Vec<String>, BTreeSet<String>>| -> BTreeSet<String> {
        m.keys().map(|k| k.join(" ")).collect()
    };
    assert_eq!(
        names(&documented),
        names(&real),
        "commands.md has one section per command (## `dxready NAME`)"
    );
    for (cmd, flags) in &real {
        assert_eq!(
            &documented[cmd],
            flags,
            "the options of `dxready {}`: commands.md (left) and the command line (right)",
            cmd.join(" ")
        );
    }
}

/// Splits a shell line into words (single and double quotes; no expansions needed here).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn every_example_command_parses() {
    let mut n = 0;
    for b in blocks("docs/reference/commands.md", COMMANDS)
        .iter()
        .filter(|b| b.lang == "sh")
    {
        for line in b.body.lines().filter(|l| l.starts_with("dxready ")) {
            let line = line.split(" # ").next().unwrap();
            let line = line.split(" > ").next().unwrap();
            let w = words(line);
            if let Err(e) = dxready::cli::Cli::try_parse_from(&w) {
                panic!("{}: `{line}` does not parse:\n{e}", b.at());
            }
            n += 1;
        }
    }
    assert!(n >= 20, "only {n} example commands");
}

#[test]
fn every_exit_code_example_gives_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let rows = table(COMMANDS, "| code | meaning | example |");
    assert_eq!(rows.len(), 4, "codes 0, 1, 2 and 3");
    for row in rows {
        let code: i32 = row[0].parse().unwrap();
        let example = unquote(&row[2]);
        let w = words(example);
        assert_eq!(w[0], "dxready");
        let r = run(
            dir.path(),
            &w[1..].iter().map(String::as_str).collect::<Vec<_>>(),
        );
        assert_eq!(r.code, code, "`{example}`: {}", r.stderr);
        if code != 0 {
            assert!(
                r.stderr.lines().any(|l| l.starts_with("error: ")),
                "`{example}` says why on stderr: {}",
                r.stderr
            );
        }
    }
}
