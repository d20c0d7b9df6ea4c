//! The layering of src/lib.rs, checked: stages never import the command layer, and the only
//! import cycle between top-level modules is the inherent questionnaire ⇄ condition one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its code (not its comments) names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    let root = stack[0].clone();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let module = rel
                .split('/')
                .next()
                .unwrap()
                .trim_end_matches(".rs")
                .to_string();
            if module == "main" || module == "lib" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let targets = graph.entry(module.clone()).or_default();
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                let mut rest = line;
                while let Some(at) = rest.find("crate::") {
                    rest = &rest[at + 7..];
                    let mut names = Vec::new();
                    if let Some(group) = rest.strip_prefix('{') {
                        // `use crate::{a, b::c}` on one line.
                        let group = group.split('}').next().unwrap_or("");
                        names.extend(
                            group
                                .split(',')
                                .map(|n| n.trim().split("::").next().unwrap_or("")),
                        );
                    } else {
                        names.push(
                            rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                                .next()
                                .unwrap_or(""),
                        );
                    }
                    for n in names {
                        if !n.is_empty() && n != module && n != "self" {
                            targets.insert(n.to_string());
                        }
                    }
                }
            }
        }
    }
    graph
}

#[test]
fn stages_never_import_the_command_layer() {
    for (module, targets) in imports() {
        if module == "command" || module == "cli" {
            continue;
        }
        assert!(
            !targets.contains("command"),
            "src/{module} imports crate::command"
        );
    }
}

#[test]
fn the_only_cycle_is_questionnaire_and_conditions() {
    let graph = imports();
    // Modules that reach themselves, grouped by the set of modules they reach and are
    // reached from (strongly connected components, by brute force: the graph is small).
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(m) = todo.pop() {
            for t in graph.get(&m).into_iter().flatten() {
                if seen.insert(t.clone()) {
                    todo.push(t.clone());
                }
            }
        }
        seen
    };
    let mut cycles = BTreeSet::new();
    for m in graph.keys() {
        let r = reach(m);
        if r.contains(m) {
            let component: BTreeSet<String> =
                r.into_iter().filter(|o| reach(o).contains(m)).collect();
            cycles.insert(component);
        }
    }
    let inherent: BTreeSet<String> = ["condition", "conditional", "questionnaire"]
        .into_iter()
        .map(String::from)
        .collect();
    let unexpected: Vec<_> = cycles.into_iter().filter(|c| *c != inherent).collect();
    assert!(unexpected.is_empty(), "import cycles: {unexpected:?}");
}
