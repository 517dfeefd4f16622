//! YAML syntax errors as gloss reports them: where, and in what words (the
//! parser's message without its position, which the caller renders), and
//! a tab in indentation pointed at with a hint.

use gloss_core::LineIndex;
use gloss_core::yaml::{Limits, parse, parse_events_only, parse_reference};

/// `(start, end, message)` of each error.
fn errors(text: &str) -> Vec<(usize, usize, String)> {
    parse(text, &LineIndex::new(text), Limits::default())
        .errors
        .iter()
        .map(|e| (e.range.start, e.range.end, e.message.clone()))
        .collect()
}

const TAB_HINT: &str = ": indent with spaces (YAML does not allow tabs in indentation)";

#[test]
fn messages_carry_no_position() {
    for (text, at, message) in [
        ("term: [a\n", 6, "unclosed bracket '['"),
        ("term: 'a\n", 6, "unclosed quote"),
        (
            "a: b: c\n",
            4,
            "mapping values are not allowed in this context",
        ),
        (
            "- a\nb: c\n",
            4,
            "while parsing a block collection, did not find expected '-' indicator",
        ),
    ] {
        assert_eq!(
            errors(text),
            vec![(at, at + 1, message.to_owned())],
            "{text:?}"
        );
    }
}

#[test]
fn a_tab_in_indentation_is_pointed_at() {
    // After two spaces: the tab itself, not the line's start.
    let text = "term: a\nfaqs:\n  - question: x\n  \t answer: y\n";
    let tab = text.find('\t').expect("a tab");
    assert_eq!(
        errors(text),
        vec![(
            tab,
            tab + 1,
            format!("while scanning a plain scalar, found a tab{TAB_HINT}")
        )]
    );
    // A tab at the end of the line before is not the one.
    let text = "term: a\t\n\tdefinition: b\n";
    assert_eq!(
        errors(text),
        vec![(
            9,
            10,
            format!("while scanning a plain scalar, found a tab{TAB_HINT}")
        )]
    );
    // The parser points at the block's first line, which is the tab's.
    let text = "definition: >-\n\tb\n";
    assert_eq!(
        errors(text),
        vec![(
            15,
            16,
            format!("a block scalar content cannot start with a tab{TAB_HINT}")
        )]
    );
}

#[test]
fn an_ordinary_term_file_takes_the_event_builder() {
    let text = "term: Sprint\naliases: [Iteration]\ndefinition: >-\n  A short, fixed period.\nfaqs:\n  - question: How long?\n    answer: 'Two weeks, often.'\nchallenge: {word: scrum}\n";
    let index = LineIndex::new(text);
    let Some(fast) = parse_events_only(text, &index, Limits::default()) else {
        panic!("an ordinary term file needs no fallback");
    };
    let reference = parse_reference(text, &index, Limits::default());
    assert_eq!(fast.root, reference.root);
    assert_eq!(fast.errors, reference.errors);
    assert!(fast.errors.is_empty() && fast.root.is_some());
}
