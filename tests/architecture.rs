//! The library's data flows one way: parse → document → rules → diagnostics → fixes and
//! rendering. This reads every `crate::` path in `src/` (the binary's `main.rs` and `cli/`
//! aside, and test modules, which may reach anywhere) and fails on a circle between the
//! library's top-level modules, or on an edge the layering forbids.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules it names.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![root.clone()];
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
            let relative = path.strip_prefix(&root).unwrap();
            let top = relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if matches!(top.as_str(), "lib" | "main" | "cli") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Test modules close their file by convention; they may use anything.
            let code = text.split("#[cfg(test)]\nmod ").next().unwrap_or("");
            let edges = graph.entry(top.clone()).or_default();
            for (at, _) in code.match_indices("crate::") {
                let name: String = code[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
                let is_comment = code[line_start..at].trim_start().starts_with("//");
                if !name.is_empty() && name != top && !is_comment && is_module(&root, &name) {
                    edges.insert(name);
                }
            }
        }
    }
    graph
}

/// Whether `crate::name` is a module (a file or folder of `src/`), not an item of the
/// crate root such as `crate::check`.
fn is_module(root: &Path, name: &str) -> bool {
    root.join(format!("{name}.rs")).is_file() || root.join(name).join("mod.rs").is_file()
}

/// A circle of modules, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_library_modules_form_no_circle() {
    let graph = module_graph();
    assert!(graph.contains_key("rules") && graph.contains_key("document"));
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import circle: {}\n{graph:#?}", cycle.join(" → "));
    }
}

#[test]
fn the_layers_point_one_way() {
    let graph = module_graph();
    let uses = |module: &str| graph.get(module).cloned().unwrap_or_default();
    let forbidden_for_the_model = ["rules", "config", "online", "render", "fix", "baseline"];
    let model = uses("document");
    for module in forbidden_for_the_model {
        assert!(
            !model.contains(module),
            "document imports {module}: {model:?}"
        );
    }
    assert!(
        uses("span").is_empty(),
        "span is a leaf: {:?}",
        uses("span")
    );
    let diagnostic = uses("diagnostic");
    assert!(
        diagnostic.iter().all(|m| m == "span"),
        "diagnostic imports only span: {diagnostic:?}"
    );
    for leaf in ["packs", "files", "source"] {
        let found = uses(leaf);
        assert!(
            found.iter().all(|m| m == "span" || m == "files"),
            "{leaf} is data or I/O and imports no stage: {found:?}"
        );
    }
}

#[test]
fn a_circle_is_found() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&graph), None);
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
