//! `gloss schema`: the JSON Schema of term files. The committed copy
//! `schema/term.schema.json` equals the command's output, the schema is a
//! valid draft 2020-12 schema, every shipped term validates against it, and
//! broken terms (a misspelled key, a lowercase challenge word, ...) do not.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn gloss(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(gloss_tests::gloss_bin())
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"))
}

fn committed_schema() -> Value {
    let path = gloss_tests::workspace_root().join("schema/term.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// A term file as the JSON value a YAML schema validator sees.
fn yaml_to_json(text: &str, what: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{what}: not YAML: {e}"))
}

/// The validation errors of `instance`, one line each.
fn errors(instance: &Value) -> Vec<String> {
    let schema = committed_schema();
    let validator = jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("schema/term.schema.json: {e}"));
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at `{}`", e.instance_path()))
        .collect()
}

#[test]
fn gloss_schema_prints_the_committed_copy() {
    let root = gloss_tests::workspace_root();
    let output = gloss(&["schema"], &root);
    assert_eq!(output.status.code(), Some(0));
    let committed = std::fs::read_to_string(root.join("schema/term.schema.json"))
        .unwrap_or_else(|e| panic!("schema/term.schema.json: {e}"));
    assert!(
        String::from_utf8_lossy(&output.stdout) == committed,
        "schema/term.schema.json is out of date: run `cargo run -- schema > schema/term.schema.json`"
    );
}

#[test]
fn schema_is_a_valid_draft_2020_12_schema() {
    let schema = committed_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(err) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("schema/term.schema.json is not a valid schema: {err}");
    }
}

#[test]
fn schema_has_exactly_the_fields_the_parser_knows() {
    let schema = committed_schema();
    let properties: Vec<&str> = schema["properties"]
        .as_object()
        .map(|props| props.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(properties, gloss_core::term::FIELDS);
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(
        schema["required"],
        serde_json::json!(["term", "definition", "faqs", "challenge"])
    );
}

#[test]
fn every_shipped_term_validates() {
    let glossary = gloss_tests::workspace_root().join("glossary");
    let mut n_terms = 0;
    let mut failures = Vec::new();
    let entries =
        std::fs::read_dir(&glossary).unwrap_or_else(|e| panic!("{}: {e}", glossary.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "yaml") {
            continue;
        }
        n_terms += 1;
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let found = errors(&yaml_to_json(&text, &path.display().to_string()));
        if !found.is_empty() {
            failures.push(format!("{}:\n  {}", path.display(), found.join("\n  ")));
        }
    }
    assert!(n_terms >= 30, "only {n_terms} term files in glossary/");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A shipped term with one edit, and a word the validator's complaint must name.
fn check_broken(edit: impl Fn(&str) -> String, expected: &str) {
    let path = gloss_tests::workspace_root().join("glossary/product-operations-manager.yaml");
    let original =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let broken = edit(&original);
    assert_ne!(broken, original, "the edit changed nothing");
    let found = errors(&yaml_to_json(&broken, "edited term"));
    assert!(
        found.iter().any(|e| e.contains(expected)),
        "expected an error mentioning `{expected}`, got {found:#?}"
    );
}

#[test]
fn a_misspelled_key_fails() {
    check_broken(
        |text| text.replacen("definition:", "defintion:", 1),
        "defintion",
    );
}

#[test]
fn a_misspelled_faq_key_fails() {
    check_broken(|text| text.replacen("answer:", "anwser:", 1), "anwser");
}

#[test]
fn a_lowercase_challenge_word_fails() {
    check_broken(
        |text| text.replacen("word: SPRINT", "word: Sprint", 1),
        "Sprint",
    );
}

#[test]
fn a_missing_required_field_fails() {
    check_broken(
        |text| {
            let start = text.find("challenge:").unwrap_or(text.len());
            text[..start].to_owned()
        },
        "challenge",
    );
}

#[test]
fn faqs_as_a_string_fails() {
    check_broken(
        |text| {
            let start = text.find("faqs:").unwrap_or(0);
            let end = text.find("related:").unwrap_or(text.len());
            format!("{}faqs: see the website\n{}", &text[..start], &text[end..])
        },
        "see the website",
    );
}

/// A copy of the shipped configuration in a fresh directory, for `gloss new`.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let config = gloss_tests::workspace_root().join("gloss.toml");
    std::fs::copy(&config, dir.path().join("gloss.toml"))
        .unwrap_or_else(|e| panic!("{}: {e}", config.display()));
    dir
}

#[test]
fn a_new_term_validates_and_its_only_lint_errors_are_placeholders() {
    let dir = sandbox();
    let output = gloss(&["new", "Net Revenue Retention"], dir.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = dir.path().join("glossary/net-revenue-retention.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let found = errors(&yaml_to_json(&text, "the new term"));
    assert!(found.is_empty(), "{found:#?}\n{text}");

    // Placeholders are valid, so the author starts from a file gloss reads;
    // lint fails on them (`placeholder-text`) and on nothing else.
    let lint = gloss(&["lint", "--format", "json"], dir.path());
    let stdout = String::from_utf8_lossy(&lint.stdout);
    assert_eq!(lint.status.code(), Some(1), "{stdout}");
    let report: Value = serde_json::from_slice(&lint.stdout).unwrap_or_default();
    let other_errors: Vec<&Value> = report["diagnostics"]
        .as_array()
        .map(|d| {
            d.iter()
                .filter(|d| d["severity"] == "error" && d["rule"] != "placeholder-text")
                .collect()
        })
        .unwrap_or_default();
    assert!(other_errors.is_empty(), "{other_errors:#?}");
    assert!(
        report["summary"]["errors"].as_u64().unwrap_or(0) > 0,
        "{stdout}"
    );
}

#[test]
fn a_new_term_with_yaml_special_characters_reads_back_unchanged() {
    for name in [
        "Yes",
        "Ratio: Net #1",
        "2024",
        "\"Quoted\" Term",
        "Café au Lait",
    ] {
        let dir = sandbox();
        let output = gloss(&["new", name], dir.path());
        assert_eq!(
            output.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let shown = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        let text = std::fs::read_to_string(dir.path().join(&shown))
            .unwrap_or_else(|e| panic!("{name}: {shown}: {e}"));
        let term = yaml_to_json(&text, name);
        assert_eq!(term["term"], name, "{text}");
        assert!(errors(&term).is_empty(), "{name}: {:#?}", errors(&term));
    }
}
