//! gloss-core's top-level modules depend on each other without a cycle, so
//! each layer (rule metadata, diagnostics, config, the term model, the
//! index, the checks) can be read and tested on its own. A module depends
//! on another when its source names `crate::other` (a `use`, a path, a doc
//! link); `crate::Name` re-exported by `lib.rs` counts as a dependency on
//! the module it comes from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The first identifier of every path after `crate::`, including each item
/// of a group: `crate::{a::X, b}` names `a` and `b`.
fn crate_paths(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        if text[..at].ends_with(|c: char| is_ident(c)) {
            continue; // `my_crate::`, not ours
        }
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && is_ident(c) => {
                        let name: String =
                            group[i..].chars().take_while(|&c| is_ident(c)).collect();
                        names.push(name);
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// `lib.rs`'s `pub mod` names, and which module each re-exported name
/// comes from (`pub use diagnostic::{Diagnostic, Edit}`).
fn lib_items() -> (BTreeSet<String>, BTreeMap<String, String>) {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap_or_default();
    let mut modules = BTreeSet::new();
    let mut reexports = BTreeMap::new();
    for line in lib.lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod ") {
            modules.insert(name.trim_end_matches(';').to_owned());
        } else if let Some(path) = line.trim().strip_prefix("pub use ") {
            let Some((module, items)) = path.trim_end_matches(';').split_once("::") else {
                continue;
            };
            for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
                let item = item.trim();
                let exported = item.rsplit(" as ").next().unwrap_or(item);
                if !exported.is_empty() {
                    reexports.insert(exported.to_owned(), module.to_owned());
                }
            }
        }
    }
    (modules, reexports)
}

/// Edges between top-level modules, each with one file that makes it.
fn module_graph() -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let (modules, reexports) = lib_items();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(src()).unwrap_or(&file);
        let Some(first) = relative.components().next() else {
            continue;
        };
        let from = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if from == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for name in crate_paths(&text) {
            let to = if modules.contains(&name) {
                name
            } else if let Some(module) = reexports.get(&name) {
                module.clone()
            } else {
                continue;
            };
            if to != from {
                graph
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| relative.to_path_buf());
            }
        }
    }
    graph
}

/// A cycle as `a -> b -> a`, each edge with the file that makes it.
fn find_cycle(graph: &BTreeMap<String, BTreeMap<String, PathBuf>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, PathBuf>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_owned(), Mark::Open);
        stack.push(node.to_owned());
        for (next, file) in graph.get(node).into_iter().flatten() {
            match marks.get(next) {
                Some(Mark::Open) => {
                    let start = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[start..]
                        .windows(2)
                        .map(|w| {
                            format!("{} -> {} ({})", w[0], w[1], graph[&w[0]][&w[1]].display())
                        })
                        .collect();
                    cycle.push(format!("{node} -> {next} ({})", file.display()));
                    return Some(cycle);
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(cycle) = visit(next, graph, marks, stack) {
                        return Some(cycle);
                    }
                }
            }
        }
        stack.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if !marks.contains_key(node)
            && let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn top_level_modules_form_no_cycle() {
    let graph = module_graph();
    // The scan sees the dependencies that are known to exist; an empty or
    // partial graph would pass vacuously.
    for (from, to) in [
        ("lint", "config"),
        ("config", "rule"),
        ("term", "rule"),
        ("diagnostic", "rule"),
        ("file", "lint"),
    ] {
        assert!(
            graph.get(from).is_some_and(|edges| edges.contains_key(to)),
            "expected `{from}` to depend on `{to}`; the scan is broken: {graph:#?}"
        );
    }
    assert!(
        !graph.contains_key("rule"),
        "`rule` is the leaf every other module builds on, yet it depends on {:?}",
        graph
            .get("rule")
            .map(|edges| edges.keys().collect::<Vec<_>>())
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "gloss-core's modules form a cycle:\n  {}",
            cycle.join("\n  ")
        );
    }
}

#[test]
fn the_scan_sees_grouped_imports_and_finds_a_cycle() {
    assert_eq!(
        crate_paths("use crate::{Severity, slug};\nuse crate::lint::{A, B};\nmy_crate::no"),
        ["Severity", "slug", "lint"]
    );
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for (from, to) in [
        ("config", "lint"),
        ("lint", "diagnostic"),
        ("lint", "config"),
    ] {
        graph
            .entry(from.to_owned())
            .or_default()
            .insert(to.to_owned(), PathBuf::from(format!("{from}.rs")));
    }
    let cycle = find_cycle(&graph).unwrap_or_default();
    assert_eq!(
        cycle,
        ["config -> lint (config.rs)", "lint -> config (lint.rs)"]
    );
}
