//! `gloss challenge TERM --word WORD` and `--suggest`: a candidate is
//! previewed and analysed without touching the file, an ambiguous name is an
//! error that lists the terms, and a word players cannot enter is never
//! shown as solved.

use gloss_tests::{gloss_bin, workspace_root};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn gloss(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(gloss_bin())
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("gloss: {e}"))
}

fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = gloss(dir, args);
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (value, out.status.code().unwrap_or(-1))
}

fn rules(value: &Value) -> Vec<&str> {
    value["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["rule"].as_str())
        .collect()
}

/// Runs `args` on the shipped glossary and checks that `sprint.yaml` is
/// byte for byte what it was.
fn on_sprint(args: &[&str]) -> (Value, i32) {
    let root = workspace_root();
    let path = root.join("glossary/sprint.yaml");
    let before = std::fs::read(&path).unwrap_or_default();
    let result = json(&root, args);
    assert_eq!(
        std::fs::read(&path).unwrap_or_default(),
        before,
        "{args:?} changed the file"
    );
    result
}

#[test]
fn word_valid_previews_the_candidate() {
    let (value, code) = on_sprint(&["challenge", "sprint", "--word", "teams", "--format", "json"]);
    assert_eq!(code, 0, "{value}");
    assert_eq!(value["word"], "TEAMS");
    assert_eq!(value["current_word"], "CADENCE");
    assert_eq!(value["solver"]["solved"], true);
    assert_eq!(
        value["rows"]
            .as_array()
            .and_then(|r| r.last())
            .map(|r| &r["guess"]),
        Some(&Value::from("TEAMS"))
    );
    assert!(rules(&value).is_empty(), "{value}");
    assert!(
        ["easy", "medium", "hard", "too-hard"]
            .contains(&value["grade"]["level"].as_str().unwrap_or(""))
    );
    for part in [
        "guesses",
        "hard_mode_guesses",
        "scowl_size",
        "repeated_letters",
        "trap_group",
    ] {
        assert!(
            value["grade"]["parts"].get(part).is_some(),
            "{part}: {value}"
        );
    }
}

#[test]
fn word_blocked_is_an_error() {
    let (value, code) = on_sprint(&["challenge", "sprint", "--word", "BITCH", "--format", "json"]);
    assert_eq!(code, 1);
    assert!(rules(&value).contains(&"challenge-word-blocked"), "{value}");
}

#[test]
fn word_in_the_term_gives_itself_away() {
    let (value, code) = on_sprint(&[
        "challenge",
        "sprint",
        "--word",
        "SPRINTS",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    assert!(rules(&value).contains(&"challenge-word-in-term"), "{value}");
}

#[test]
fn word_outside_the_dictionary_is_never_solved() {
    let (value, code) = on_sprint(&[
        "challenge",
        "sprint",
        "--word",
        "OKRISH",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "warnings only");
    assert!(
        rules(&value).contains(&"challenge-word-not-in-dictionary"),
        "{value}"
    );
    assert_eq!(value["solver"], Value::Null);
    assert_eq!(value["rows"], Value::Array(vec![]));
    assert_eq!(value["grade"]["level"], "too-hard");
    assert_eq!(value["grade"]["parts"]["enterable"], false);
    let out = gloss(
        &workspace_root(),
        &["challenge", "sprint", "--word", "okrish", "--plain"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("solved in"), "{text}");
    assert!(text.contains("players cannot enter OKRISH"), "{text}");
    assert!(text.contains("Trying OKRISH in place of CADENCE"), "{text}");
}

#[test]
fn suggestions_in_json_have_word_grade_and_source() {
    let (value, code) = on_sprint(&["challenge", "sprint", "--suggest", "4", "--format", "json"]);
    assert_eq!(code, 0);
    let list = value["suggestions"].as_array().cloned().unwrap_or_default();
    assert!(!list.is_empty() && list.len() <= 4, "{value}");
    assert_eq!(value["target_difficulty"], "medium");
    for s in &list {
        let word = s["word"].as_str().unwrap_or_default();
        assert!(
            word.len() >= 5 && word.bytes().all(|b| b.is_ascii_uppercase()),
            "{s}"
        );
        assert!(s["grade"]["level"].is_string(), "{s}");
        assert!(
            s["source"]["field"].is_string() && s["source"]["line"].as_u64() > Some(0),
            "{s}"
        );
        assert!(
            s["source"]["excerpt"]
                .as_str()
                .unwrap_or_default()
                .to_uppercase()
                .contains(word),
            "{s}"
        );
        // each suggestion, tried, has no challenge finding
        let (tried, code) = on_sprint(&["challenge", "sprint", "--word", word, "--format", "json"]);
        assert_eq!((code, rules(&tried)), (0, vec![]), "{word}");
    }
    let out = gloss(&workspace_root(), &["challenge", "sprint", "--suggest"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Suggested words"), "{text}");
    assert!(text.contains("from the "), "{text}");
}

#[test]
fn suggest_and_word_do_not_mix() {
    let out = gloss(
        &workspace_root(),
        &["challenge", "sprint", "--suggest", "--word", "TEAMS"],
    );
    assert_eq!(out.status.code(), Some(2));
}

const TERM: &str = "term: {name}
aliases: [PM]
definition: A {name} is someone who manages.
faqs:
  - question: What does a {name} do?
    answer: Plans the work and keeps it moving.
  - question: Who hires one?
    answer: Companies with products or projects.
  - question: Is it a senior role?
    answer: It can be, at every level.
challenge:
  word: PLANS
";

#[test]
fn an_ambiguous_alias_lists_the_terms() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let glossary = tmp.path().join("glossary");
    std::fs::create_dir(&glossary).unwrap_or_else(|e| panic!("{e}"));
    for (slug, name) in [
        ("product-manager", "Product Manager"),
        ("project-manager", "Project Manager"),
    ] {
        std::fs::write(
            glossary.join(format!("{slug}.yaml")),
            TERM.replace("{name}", name),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(tmp.path().join("gloss.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    let out = gloss(tmp.path(), &["challenge", "pm"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a usage error, as an unknown term is"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`pm` names 2 terms"), "{stderr}");
    assert!(
        stderr.contains("product-manager  (Product Manager, glossary/product-manager.yaml)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("project-manager  (Project Manager"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // the slug still names one
    let out = gloss(
        tmp.path(),
        &["challenge", "project-manager", "--word", "PLANS"],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mastered Project Manager?"));
}
