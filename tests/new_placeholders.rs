//! `gloss new` scaffolds a term that fails lint until every placeholder is
//! replaced with real text (`placeholder-text`), and passes it after.

use gloss_tests::gloss_bin;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn gloss(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(gloss_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss {args:?}: {e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// The placeholder-text findings of `gloss lint --format json`: (line, message).
fn placeholder_findings(stdout: &str) -> Vec<(u64, String)> {
    let report: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    report["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics array: {stdout}"))
        .iter()
        .filter(|d| d["rule"] == "placeholder-text")
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_new_term_fails_lint_until_its_placeholders_are_replaced() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let dir = temp.path();
    std::fs::write(dir.join("gloss.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout) = gloss(dir, &["new", "Net Revenue Retention"]);
    assert_eq!(code, Some(0), "gloss new: {stdout}");
    let path = dir.join("glossary/net-revenue-retention.yaml");
    let scaffold = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        scaffold.contains("`gloss lint` fails (rule placeholder-text)"),
        "the template does not say that lint fails:\n{scaffold}"
    );

    let (code, stdout) = gloss(dir, &["lint", "--format", "json"]);
    assert_eq!(
        code,
        Some(1),
        "an untouched scaffold must fail lint: {stdout}"
    );
    let findings = placeholder_findings(&stdout);
    let messages: Vec<&str> = findings.iter().map(|(_, m)| m.as_str()).collect();
    // The definition, the context, three questions, three answers, the word.
    assert_eq!(findings.len(), 9, "{messages:#?}");
    for field in [
        "the definition",
        "the context",
        "FAQ 1 question",
        "FAQ 3 answer",
    ] {
        assert!(
            messages
                .iter()
                .any(|m| m.contains(&format!("`TODO` placeholder in {field}"))),
            "no finding for {field}: {messages:#?}"
        );
    }
    assert!(
        messages
            .iter()
            .any(|m| m.contains("challenge word `ANSWER`")),
        "{messages:#?}"
    );

    let filled = scaffold
        .replace(
            "Net Revenue Retention is TODO.",
            "Net Revenue Retention is the share of recurring revenue kept from existing customers over a year.",
        )
        .replace(
            "context: >-\n  TODO",
            "context: >-\n  Subscription businesses report it to show growth from the customers they already have.",
        )
        .replace("TODO question 1 about Net Revenue Retention?", "How is Net Revenue Retention computed?")
        .replace("TODO question 2 about Net Revenue Retention?", "What is a good Net Revenue Retention?")
        .replace("TODO question 3 about Net Revenue Retention?", "Why can Net Revenue Retention exceed 100%?")
        .replacen(
            "answer: >-\n      TODO",
            "answer: >-\n      Revenue from last year's customers today, divided by their revenue a year ago.",
            1,
        )
        .replacen(
            "answer: >-\n      TODO",
            "answer: >-\n      Above 100% is healthy for most subscription software companies.",
            1,
        )
        .replacen(
            "answer: >-\n      TODO",
            "answer: >-\n      Upgrades and expansion from existing customers can outweigh their churn.",
            1,
        )
        .replace("word: ANSWER", "word: CHURN");
    std::fs::write(&path, filled).unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout) = gloss(dir, &["lint", "--format", "json"]);
    assert_eq!(
        placeholder_findings(&stdout),
        [],
        "placeholders left after filling in: {stdout}"
    );
    assert_eq!(
        code,
        Some(0),
        "the filled-in term still fails lint: {stdout}"
    );
}
