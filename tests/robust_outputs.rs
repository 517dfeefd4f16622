//! Hostile term text through every `gloss lint` output format: a term can
//! not inject terminal escapes, GitHub workflow commands or broken JSON.

use gloss_tests::gloss_bin;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Every text a diagnostic message echoes carries a Markdown command link,
/// HTML, a percent-encoded newline with a workflow command after it, ANSI
/// escapes (colour, clear screen, an OSC 8 hyperlink), BEL and CR/LF.
const HOSTILE: &str = r#"term: "Evil [x](command:workbench.action.terminal.new) <script>alert(1)</script> %0A::error::pwned \e[31mred\e[0m"
definition: "Evil is defined here.\e[2J\a"
faqs:
  - question: "What is Evil\e]8;;https://evil.invalid\e\\click\e]8;;\e\\"
    answer: It is a test.
  - question: "Why Evil%0A::warning file=x::injected\r\n::error::also injected"
    answer: Because.
  - question: Is it <b>bold</b> [x](command:evil)
    answer: No.
related: ["x](command:evil)%0A::error::pwned<img src=x onerror=alert(1)>\e[5m"]
"\e[31mkey%0A::notice::x": 1
challenge:
  word: "<B>\e[5m%0A"
"#;

/// The hostile texts as they must come out when read as data (JSON, SARIF).
const PAYLOADS: &[&str] = &[
    "x](command:evil)%0A::error::pwned<img src=x onerror=alert(1)>\u{1b}[5m",
    "\u{1b}[31mkey%0A::notice::x",
];

fn lint(dir: &Path, format: &str) -> (Option<i32>, String) {
    let output = Command::new(gloss_bin())
        .args(["lint", "--format", format])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    let stdout = String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("{format}: {e}"));
    (output.status.code(), stdout)
}

fn glossary() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let glossary = temp.path().join("glossary");
    std::fs::create_dir_all(&glossary).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(temp.path().join("gloss.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(glossary.join("evil.yaml"), HOSTILE).unwrap_or_else(|e| panic!("{e}"));
    temp
}

/// No byte of the output may drive the terminal: no ESC, BEL, CR or other
/// C0/C1 control besides the newline ending each line.
fn assert_no_controls(format: &str, out: &str) {
    for (line_idx, line) in out.lines().enumerate() {
        if let Some(ch) = line.chars().find(|c| c.is_control() && *c != '\t') {
            panic!(
                "{format}: control character {ch:?} on line {}: {line:?}",
                line_idx + 1
            );
        }
    }
}

#[test]
fn the_hostile_term_is_linted_with_findings() {
    let temp = glossary();
    let (code, out) = lint(temp.path(), "json");
    assert_eq!(code, Some(1), "{out}");
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    for rule in ["unknown-field", "unknown-related", "challenge-word-charset"] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
}

#[test]
fn human_output_shows_control_characters_escaped() {
    let temp = glossary();
    let (code, out) = lint(temp.path(), "human");
    assert_eq!(code, Some(1), "{out}");
    assert_no_controls("human", &out);
    // Escaped, not dropped: the reader still sees what is in the file.
    assert!(out.contains("\\u{1b}[31mkey"), "{out}");
}

#[test]
fn json_output_carries_hostile_text_as_exact_data() {
    let temp = glossary();
    let (_, out) = lint(temp.path(), "json");
    assert_no_controls("json", &out);
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["message"].as_str())
        .collect();
    for payload in PAYLOADS {
        assert!(
            messages.iter().any(|m| m.contains(payload)),
            "{payload:?} not in {messages:#?}"
        );
    }
}

#[test]
fn sarif_output_carries_hostile_text_as_exact_data() {
    let temp = glossary();
    let (_, out) = lint(temp.path(), "sarif");
    assert_no_controls("sarif", &out);
    let log: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!results.is_empty(), "{out}");
    let texts: Vec<&str> = results
        .iter()
        .filter_map(|r| r["message"]["text"].as_str())
        .collect();
    for payload in PAYLOADS {
        assert!(
            texts.iter().any(|t| t.contains(payload)),
            "{payload:?} not in {texts:#?}"
        );
    }
    // A result's message is plain text: no Markdown variant a viewer could
    // render a command link from.
    assert!(
        results
            .iter()
            .all(|r| r["message"].get("markdown").is_none()),
        "{out}"
    );
}

#[test]
fn github_output_cannot_inject_workflow_commands() {
    let temp = glossary();
    let (code, out) = lint(temp.path(), "github");
    assert_eq!(code, Some(1), "{out}");
    assert_no_controls("github", &out);
    let (_, json) = lint(temp.path(), "json");
    let report: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let n_diagnostics = report["diagnostics"].as_array().map_or(0, Vec::len);
    // One workflow command per diagnostic, each on its own line: nothing a
    // message holds starts a line of its own.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), n_diagnostics, "{out}");
    for line in &lines {
        let is_command = ["::error ", "::warning ", "::notice "]
            .iter()
            .any(|c| line.starts_with(c));
        assert!(is_command, "{line}");
        // The message is everything after the second `::`; a `%` in it is
        // always encoded, so `%0A` cannot decode to a line break.
        let (_, message) = line
            .split_once("::")
            .and_then(|(_, rest)| rest.split_once("::"))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        assert!(!message.contains("%0A::"), "{line}");
    }
    assert!(out.contains("%250A::error::pwned"), "{out}");
}
