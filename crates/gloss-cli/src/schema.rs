//! `gloss schema`: a JSON Schema (draft 2020-12) of term files, for editors
//! that validate YAML against a schema (the Red Hat YAML extension and
//! `yaml-language-server`). `schema/term.schema.json` is a committed copy,
//! kept equal to this output by a test.
//!
//! The schema describes the shape that the term file format (README) and the parser accept
//! (`unknown-field`, `missing-field`, `invalid-value`, the letters of
//! `challenge-word-charset`); rules that need the config or the rest of the
//! glossary (lengths, dictionary, cross-references) stay with `gloss lint`.

use crate::EXIT_OK;
use serde_json::{Value, json};

/// The schema as pretty-printed JSON with a trailing newline, exactly as the
/// committed `schema/term.schema.json`.
pub fn text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

pub fn run() -> anyhow::Result<u8> {
    crate::out::print(&text())?;
    Ok(EXIT_OK)
}

fn schema() -> Value {
    // Optional fields may be left empty (`category:`): gloss reads that as absent.
    let optional_string = |description: &str| {
        json!({
            "description": description,
            "type": ["string", "null"],
        })
    };
    let string_list = |description: &str, items: Value| {
        json!({
            "description": description,
            "type": ["array", "null"],
            "items": items,
        })
    };
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "gloss term file",
        "description": "One glossary term: glossary/<slug>.yaml. Checked in full by `gloss lint`.",
        "type": "object",
        "additionalProperties": false,
        "required": ["term", "definition", "faqs", "challenge"],
        "properties": {
            "term": {
                "description": "The display name. The file name is its slug: `Product Operations Manager` → product-operations-manager.yaml.",
                "type": "string",
                "pattern": "\\S",
            },
            "aliases": string_list(
                "Other names readers use for the term (abbreviations, variants). Hover and duplicate checks use them.",
                json!({"type": "string", "pattern": "\\S"}),
            ),
            "deprecated": string_list(
                "Old or discouraged names that still identify the term: they hover, and `deprecated-name` flags them in docs and other terms' text, with a fix that writes the term's name.",
                json!({"type": "string", "pattern": "\\S"}),
            ),
            "category": optional_string(
                "The kind of term, e.g. role, metric, practice. Selects the FAQ topics `[[faqs.topics]]` in gloss.toml requires.",
            ),
            "definition": {
                "description": "What the term is, in one or two sentences that name the term or an alias.",
                "type": "string",
                "pattern": "\\S",
            },
            "context": optional_string("Why the term matters: where and how it is used."),
            "faqs": {
                "description": "Questions readers ask, each with an answer (at least `faqs.min` from gloss.toml, default 3).",
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["question", "answer"],
                    "properties": {
                        "question": {
                            "description": "A question, ending with `?`.",
                            "type": "string",
                            "pattern": "\\S",
                        },
                        "answer": {
                            "description": "The answer, in a few sentences; more than a repeat of the question.",
                            "type": "string",
                            "pattern": "\\S",
                        },
                    },
                },
            },
            "related": string_list(
                "Slugs of related terms (their file names without `.yaml`).",
                json!({"type": "string", "pattern": "\\S"}),
            ),
            "challenge": {
                "description": "The Knowledge Challenge: a Wordle-style game whose answer relates to the term.",
                "type": "object",
                "additionalProperties": false,
                "required": ["word"],
                "properties": {
                    "word": {
                        "description": "The answer: capital letters A-Z, a length from `challenge.lengths` (default 5, 6 or 7), not a word of the term itself.",
                        "type": "string",
                        "pattern": "^[A-Z]+$",
                    },
                    "hint": optional_string("A hint shown to players."),
                },
            },
        },
    })
}
