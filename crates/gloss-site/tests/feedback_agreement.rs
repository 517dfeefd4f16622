//! The game's JavaScript scores exactly as the Rust engine.
//!
//! `tests/fixtures/preview/feedback-cases.json` holds (answer, guess,
//! marks) cases computed by `gloss_core::challenge::score`: hand-picked
//! repeated-letter cases and a deterministic sample of dictionary pairs.
//! One test fails when the file is not what the engine produces now
//! (`GLOSS_BLESS=1` rewrites it); the other runs
//! `node tests/preview/feedback.test.js` over it.

use gloss_core::challenge::{Dictionary, score};
use serde_json::{Value, json};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture_path() -> PathBuf {
    root().join("tests/fixtures/preview/feedback-cases.json")
}

const HAND_PICKED: &[(&str, &str)] = &[
    ("ABIDE", "SPEED"),
    ("SPEED", "ERASE"),
    ("SPEED", "EERIE"),
    ("KEBAB", "ABBEY"),
    ("ABBEY", "KEBAB"),
    ("ABBEY", "BOBBY"),
    ("HELLO", "LLAMA"),
    ("LLAMA", "HELLO"),
    ("SPRINT", "SPRINT"),
    ("SPRINT", "PRINTS"),
    ("SPRINT", "SSSSSS"),
    ("BUILT", "CRANE"),
    ("GEESE", "EAGLE"),
    ("EAGLE", "GEESE"),
    ("MUMMY", "TUMMY"),
    ("SASSY", "ASSES"),
    ("ASSES", "SASSY"),
    ("TESTS", "SETTS"),
    ("BOARD", "ABORD"),
    ("CYCLE", "CLICK"),
    ("BANANA", "ANANAS"),
    ("COFFEE", "EFFECT"),
    ("MISSISSIPP", "SIPPSSIMIS"),
];

fn marks(guess: &str, answer: &str) -> Vec<Value> {
    score(guess, answer)
        .marks()
        .iter()
        .map(|m| serde_json::to_value(m).unwrap_or(Value::Null))
        .collect()
}

/// Every case, as the engine scores it now.
fn cases() -> Value {
    let mut cases = Vec::new();
    let mut push = |answer: &str, guess: &str| {
        cases.push(json!({"answer": answer, "guess": guess, "marks": marks(guess, answer)}));
    };
    for (answer, guess) in HAND_PICKED {
        push(answer, guess);
    }
    let dictionary = Dictionary::builtin();
    for length in 4..=10 {
        let words: Vec<String> = dictionary
            .guesses(length)
            .map(str::to_ascii_uppercase)
            .collect();
        let repeated: Vec<&String> = words
            .iter()
            .filter(|w| {
                let mut letters: Vec<u8> = w.bytes().collect();
                letters.sort_unstable();
                letters.windows(2).any(|p| p[0] == p[1])
            })
            .step_by(487)
            .take(8)
            .collect();
        let sample: Vec<&String> = words.iter().step_by(997).take(6).collect();
        for answer in repeated.iter().chain(&sample) {
            for guess in repeated.iter().chain(&sample) {
                push(answer, guess);
            }
        }
    }
    json!({
        "about": "gloss_core::challenge::score(guess, answer); written by crates/gloss-site/tests/feedback_agreement.rs (GLOSS_BLESS=1)",
        "cases": cases,
    })
}

#[test]
fn the_committed_cases_are_what_the_engine_scores_now() {
    // One case per line: reviewable in a diff, a quarter of the pretty size.
    let all = cases();
    let mut expected = format!("{{\"about\": {},\n\"cases\": [\n", all["about"]);
    let lines: Vec<String> = all["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .map(Value::to_string)
        .collect();
    expected.push_str(&lines.join(",\n"));
    expected.push_str("\n]}\n");
    if std::env::var_os("GLOSS_BLESS").is_some() {
        std::fs::write(fixture_path(), &expected).unwrap_or_else(|e| panic!("{e}"));
    }
    let committed = std::fs::read_to_string(fixture_path()).unwrap_or_default();
    assert!(
        committed == expected,
        "{} is stale: run `GLOSS_BLESS=1 cargo test -p gloss-site --test feedback_agreement`",
        fixture_path().display()
    );
}

#[test]
fn the_game_script_scores_every_case_as_the_engine() {
    let script = root().join("tests/preview/feedback.test.js");
    let output = match std::process::Command::new("node").arg(&script).output() {
        Ok(output) => output,
        Err(err) if std::env::var_os("CI").is_none() => {
            println!("skipped: node is not installed here ({err}); CI runs it");
            return;
        }
        Err(err) => panic!("node is needed in CI: {err}"),
    };
    assert!(
        output.status.success(),
        "node {}:\n{}{}",
        script.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
