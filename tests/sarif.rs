//! `gloss lint --format sarif` validates against the official SARIF 2.1.0
//! schema, carries the rule catalogue and the fixes.

use std::process::Command;

#[test]
fn sarif_output_validates_against_the_schema() {
    let root = gloss_tests::workspace_root();
    let case = root.join("tests/cmd/one-error-two-warnings.in");
    let output = Command::new(gloss_tests::gloss_bin())
        .args(["lint", "--format", "sarif"])
        .current_dir(&case)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    assert_eq!(output.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON: {e}\n{}", String::from_utf8_lossy(&output.stdout)));

    let schema_path = root.join("tests/fixtures/sarif-schema-2.1.0.json");
    let schema_text = std::fs::read_to_string(&schema_path)
        .unwrap_or_else(|e| panic!("{}: {e}", schema_path.display()));
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap_or_default();
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(rules, gloss_core::lint::RULES.len());
    let results = run["results"].as_array().cloned().unwrap_or_default();
    // an error, two warnings and the `challenge-too-hard` info on WEEKS
    assert_eq!(results.len(), 4);
    let related = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-related")
        .unwrap_or_else(|| panic!("no unknown-related result"));
    assert_eq!(related["level"], "error");
    assert_eq!(
        related["locations"][0]["physicalLocation"]["region"]["startLine"],
        10
    );
    let replacement = &related["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "sprint");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 11);
}

#[test]
fn sarif_with_no_findings_is_still_valid() {
    let root = gloss_tests::workspace_root();
    let output = Command::new(gloss_tests::gloss_bin())
        .args(["lint", "--format", "sarif"])
        .current_dir(&root)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    assert_eq!(output.status.code(), Some(0));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(0)
    );
}

/// A related location in a file that was not linted (only `kanban.yaml` is
/// named) still names that file: related locations carry the file's id in
/// the glossary, which the output maps to its path.
#[test]
fn sarif_related_location_names_the_other_file() {
    let root = gloss_tests::workspace_root();
    let case = root.join("tests/cmd/explicit-paths.in");
    let output = Command::new(gloss_tests::gloss_bin())
        .args(["lint", "--format", "sarif", "glossary/kanban.yaml"])
        .current_dir(&case)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON: {e}\n{}", String::from_utf8_lossy(&output.stdout)));
    let results = sarif["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 1, "{sarif}");
    let related = &results[0]["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"], "glossary/sprint.yaml",
        "{related}"
    );
    assert_eq!(related["message"]["text"], "also used here");
}
