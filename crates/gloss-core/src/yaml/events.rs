//! The span tree built straight from granit-parser's event stream — the
//! parser serde-saphyr itself runs, re-exported by it.
//!
//! Going through serde's `Deserialize` machinery with `Spanned` wrappers costs
//! about twice what the parser does (see `docs/performance.md`); term files
//! are small, plain block YAML, and for those the tree is the events plus
//! YAML 1.2 scalar resolution. This builder handles exactly that subset and
//! answers `None` for anything else, so the caller falls back to
//! serde-saphyr's deserializer for the full rules and its error messages:
//!
//! - a syntax error (serde-saphyr words the message);
//! - anchors, aliases, tags, merge keys (`<<`) and non-scalar keys;
//! - a plain scalar that might not be a string (starts with a digit, a sign
//!   or `.`, or has surrounding blanks);
//! - several documents, an empty stream, a `%YAML` directive;
//! - input near the depth or node limits.
//!
//! For every document it accepts it must give the same tree and duplicate-key
//! errors as the reference path; the tests below and the `yaml_paths` fuzz
//! target compare the two.

use super::{
    Keys, Limits, Node, NodeKind, ScalarKind, ScalarStyle, YamlError, byte_range, finish,
    insert_entry,
};
use crate::line_index::{LineIndex, TextRange};
use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle as GranitStyle, Span};

/// A collection being filled.
enum Frame {
    Seq {
        range: TextRange,
        items: Vec<Node>,
    },
    Map {
        range: TextRange,
        entries: Vec<(Node, Node)>,
        keys: Keys,
        key: Option<Node>,
    },
}

/// The parser options serde-saphyr uses with its default options and budget,
/// so that both paths accept exactly the same input.
fn parser_options(limits: Limits) -> Options {
    let defaults = serde_saphyr::Options::default();
    let budget = defaults.budget.unwrap_or_default();
    let mut options = Options::default();
    options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    options.flow_nesting_limit = budget.flow_nesting_limit;
    options.block_nesting_limit = options
        .block_nesting_limit
        .max(limits.max_depth.saturating_add(1));
    options.emit_comments = false;
    options.strict_indentation = defaults.strict_indentation;
    options.bom_inside_document_as_content = defaults.bom_inside_document_as_content;
    options
}

/// The most nodes a document may have on this path; larger ones go to the
/// reference path, which enforces serde-saphyr's own budget.
const MAX_NODES: usize = 100_000;

/// Likewise for the total length of scalar values (serde-saphyr's default
/// budget allows 64 MiB).
const MAX_SCALAR_BYTES: usize = 32 << 20;

/// The tree of a plain document, or `None` when the reference path must
/// decide. Duplicate keys are reported into `errors` (which the caller
/// discards on `None`).
pub(super) fn build(
    text: &str,
    index: &LineIndex,
    limits: Limits,
    errors: &mut Vec<YamlError>,
) -> Option<Node> {
    let mut parser = Parser::new_from_str_with_options(text, parser_options(limits));
    let mut stack: Vec<Frame> = Vec::with_capacity(8);
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut nodes = 0usize;
    let mut scalar_bytes = 0usize;
    // Deeper documents are left to the reference path and its limit message.
    let max_depth = limits.max_depth.saturating_sub(1);
    while let Some(item) = parser.next_event() {
        let (event, span) = item.ok()?;
        let done = match event {
            Event::StreamStart | Event::DocumentEnd => None,
            Event::StreamEnd => break,
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() {
                    return None;
                }
                None
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                scalar_bytes = scalar_bytes.saturating_add(value.len());
                if scalar_bytes > MAX_SCALAR_BYTES {
                    return None;
                }
                let (kind, style) = match style {
                    GranitStyle::Plain => (resolve_plain(&value)?, ScalarStyle::Plain),
                    GranitStyle::SingleQuoted => (ScalarKind::Str, ScalarStyle::SingleQuoted),
                    GranitStyle::DoubleQuoted => (ScalarKind::Str, ScalarStyle::DoubleQuoted),
                    GranitStyle::Literal | GranitStyle::Folded => {
                        (ScalarKind::Str, ScalarStyle::Block)
                    }
                };
                let value = match kind {
                    ScalarKind::Null => String::new(),
                    ScalarKind::Bool => {
                        // The reference path prints the parsed boolean.
                        if value.starts_with(['t', 'T']) {
                            "true".to_owned()
                        } else {
                            "false".to_owned()
                        }
                    }
                    _ => value.into_owned(),
                };
                Some(finish(
                    text,
                    Node {
                        kind: NodeKind::Scalar { kind, value, style },
                        range: range(text, &span)?,
                    },
                ))
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= max_depth {
                    return None;
                }
                // A collection as a mapping key.
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    return None;
                }
                let range = range(text, &span)?;
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        range,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        range,
                        entries: Vec::new(),
                        keys: Keys::default(),
                        key: None,
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop()? {
                Frame::Seq { range, items } => Some(Node {
                    kind: NodeKind::Seq(items),
                    range,
                }),
                Frame::Map {
                    range,
                    entries,
                    key: None,
                    ..
                } => Some(Node {
                    kind: NodeKind::Map(entries),
                    range,
                }),
                // A key without a value: the parser never ends a mapping so.
                Frame::Map { key: Some(_), .. } => return None,
            },
            // Aliases, anchors and anything newer: the reference path.
            _ => return None,
        };
        let Some(node) = done else { continue };
        nodes += 1;
        if nodes > MAX_NODES {
            return None;
        }
        match stack.last_mut() {
            None => {
                if root.replace(node).is_some() {
                    return None;
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries, keys, key, ..
            }) => match key.take() {
                None => {
                    if node.scalar_text() == Some("<<") {
                        return None;
                    }
                    *key = Some(node);
                }
                Some(k) => insert_entry(entries, keys, (k, node), text, index, errors),
            },
        }
    }
    if !stack.is_empty() {
        return None;
    }
    root
}

/// The range and style of every scalar in document order, as far as the
/// parser reads (for the reference path, which serde leaves without styles).
pub(super) fn scalar_styles(text: &str, limits: Limits) -> Vec<(TextRange, ScalarStyle)> {
    let mut styles = Vec::new();
    for item in Parser::new_from_str_with_options(text, parser_options(limits)) {
        let Ok((Event::Scalar(_, style, ..), span)) = item else {
            if item.is_err() {
                break;
            }
            continue;
        };
        let style = match style {
            GranitStyle::Plain => ScalarStyle::Plain,
            GranitStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            GranitStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            GranitStyle::Literal | GranitStyle::Folded => ScalarStyle::Block,
        };
        if let Some(range) = range(text, &span) {
            styles.push((range, style));
        }
    }
    styles
}

fn range(text: &str, span: &Span) -> Option<TextRange> {
    byte_range(text, span.start.byte_offset()?, span.end.byte_offset()?)
}

/// What a plain scalar resolves to under the YAML 1.2 core schema with
/// strict booleans, or `None` when it could be a number (the reference path
/// decides those: its integer and float rules have many spellings).
fn resolve_plain(value: &str) -> Option<ScalarKind> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(ScalarKind::Null),
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return Some(ScalarKind::Bool),
        _ => {}
    }
    let bytes = value.as_bytes();
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    if bytes.first().is_none_or(blank) || bytes.last().is_none_or(blank) {
        return None;
    }
    let first = bytes[0];
    // Only these can start a number. No number has a blank inside, so
    // `5 Whys` or `.NET Core` is a string; `2024` or `.NET` is decided by
    // the reference path.
    if (first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) && !bytes.iter().any(blank) {
        return None;
    }
    Some(ScalarKind::Str)
}

#[cfg(test)]
mod tests {
    use super::super::{Parsed, parse_reference};
    use super::*;

    fn both(text: &str) -> (Option<Node>, Vec<YamlError>, Parsed) {
        let index = LineIndex::new(text);
        let mut errors = Vec::new();
        let fast = build(text, &index, Limits::default(), &mut errors);
        (
            fast,
            errors,
            parse_reference(text, &index, Limits::default()),
        )
    }

    /// The event builder takes `text` and agrees with the reference path.
    #[track_caller]
    fn agrees(text: &str) {
        let (fast, errors, reference) = both(text);
        let Some(fast) = fast else {
            panic!("the event builder declined {text:?}");
        };
        assert_eq!(Some(&fast), reference.root.as_ref(), "{text:?}");
        assert_eq!(errors, reference.errors, "{text:?}");
    }

    /// The event builder leaves `text` to the reference path.
    #[track_caller]
    fn declines(text: &str) {
        let (fast, _, _) = both(text);
        assert!(fast.is_none(), "the event builder took {text:?}");
    }

    #[test]
    fn plain_documents_agree() {
        for text in [
            "term: Product Ops\naliases: [A, 'B c']\nyes: no\n",
            "term: x\nfaqs:\n  - question: Why?\n    answer: >-\n      Because\n      so.\n  - question: \"How?\"\n    answer: |\n      Like\n      this.\n\nrelated: []\n",
            "a: >\n  folded\n\n\nb: |+\n  kept\n\n",
            "a:\nb: ~\nc: null\nd: True\ne: FALSE\nf: ''\n",
            "---\nterm: x\n...\n",
            "# only a comment then\nterm: x # trailing\n",
            "\u{feff}term: bom\n",
            "term: x\r\ndefinition: y\r\n",
            "term: x\nterm: y\nterm: z\n",
            "list:\n- a\n- - b\n  - c\n- {k: v}\n",
            "plain scalar root\n",
            "\"quoted root\"\n",
            "term: ünïcödé — 漢字 🎉\nkey with spaces: value, a:b and a question?\n",
            "term: 'it''s'\ndefinition: \"tab\\tand \\u00e9\"\n",
            "a: plain\n  continued\n  lines\n",
            "nested:\n  deeper:\n    deepest: {x: [a1, b2]}\n",
            // Block scalars: empty, after blank lines, after a line that
            // only looks like a header, with a lone CR.
            "a: |\nb: c\n",
            "a: |\n\n\n  x\nb: y\n",
            "a: [x, y >-z]\nb: c\n",
            "- |\n  item\n- >+\n  folded\n\n- plain\n",
            "a: >-\r  x\r  y\rb: z\r",
            "a: |2 # comment\n    indented\nb: c\n",
            // Found by the yaml_paths fuzz target: a key after a content
            // line that looks like a header, a bare `|`, an empty block
            // scalar sharing its range with the next key.
            "context: >-\n  text\n    answer: >-overy, x]\nchallenge: a\nchallenge: b\n",
            "|",
            "definition: >-\n: value\n",
            // Plain scalars that start like a number but have a blank inside.
            "term: 5 Whys\nhint: .NET Core\nx: -not a number\ny: +1 more\nz: 1e3 apples\n",
            // The same key written two ways is one key.
            "challenge: a\n'challenge': b\n\"challenge\": c\n",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn unusual_documents_are_left_to_the_reference() {
        for text in [
            "a: 1\n",
            "a: 2024\n",
            "hint: .NET\n",
            "a: 1_000\n",
            "a: -1\n",
            "a: .5\n",
            "a: .nan\n",
            "a: &x b\nc: *x\n",
            "a: !!str 1\n",
            "<<: {a: b}\n",
            "? [a, b]\n: c\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: b\n",
            "",
            "# nothing\n",
            "a: [b\n",
            "a:\n\tb: c\n",
        ] {
            declines(text);
        }
    }

    #[test]
    fn repeated_keys_in_a_large_mapping() {
        let mut text: String = (0..100).map(|i| format!("k{i}: v{i}\n")).collect();
        text.push_str("k5: again\nk70: again\n'k99': quoted\n");
        agrees(&text);
        let (_, errors, _) = both(&text);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].message.contains("`k5` (first on line 6)"),
            "{errors:?}"
        );
    }

    #[test]
    fn depth_near_the_limit_is_left_to_the_reference() {
        let deep = format!("{}x{}", "[".repeat(300), "]".repeat(300));
        declines(&deep);
        let shallow = format!("{}x{}", "[".repeat(20), "]".repeat(20));
        agrees(&shallow);
    }

    /// Every shipped term and fixture: where the event builder takes a file
    /// it agrees with the reference path.
    #[test]
    fn shipped_files_agree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut taken = 0;
        let mut seen = 0;
        for dir in ["glossary", "tests/fixtures"] {
            let mut stack = vec![root.join(dir)];
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                        continue;
                    }
                    if !path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                        continue;
                    }
                    let Ok(text) = std::fs::read_to_string(&path) else {
                        continue;
                    };
                    seen += 1;
                    let (fast, errors, reference) = both(&text);
                    if let Some(fast) = fast {
                        taken += 1;
                        assert_eq!(Some(&fast), reference.root.as_ref(), "{}", path.display());
                        assert_eq!(errors, reference.errors, "{}", path.display());
                    }
                }
            }
        }
        assert!(seen > 50, "only {seen} files found");
        // The shipped glossary is plain YAML: the fast path must take most.
        assert!(taken * 2 > seen, "the event builder took {taken} of {seen}");
    }
}
