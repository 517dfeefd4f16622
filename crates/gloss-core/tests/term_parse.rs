//! Term files parsed into a `Term`: the shapes the rule fixtures do not
//! reach (a file with no fields, a document that is not a mapping).

use gloss_core::LineIndex;
use gloss_core::term::{ParsedTerm, parse_term};
use gloss_core::yaml::Limits;

fn parse(text: &str) -> ParsedTerm {
    parse_term(text, &LineIndex::new(text), Limits::default())
}

/// `(rule, start, end, message)` of each diagnostic.
fn found(parsed: &ParsedTerm) -> Vec<(&'static str, usize, usize, String)> {
    parsed
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.range.start, d.range.end, d.message.clone()))
        .collect()
}

#[test]
fn a_file_of_only_null_says_it_has_no_fields() {
    for text in ["~\n", "null\n", "# just a comment\n---\n"] {
        let parsed = parse(text);
        assert_eq!(
            found(&parsed),
            vec![(
                "missing-field",
                0,
                0,
                "the file has no fields: a term file needs `term`, `definition`, `faqs` and `challenge`"
                    .to_owned()
            )],
            "{text:?}"
        );
        assert!(!parsed.syntax_failed, "{text:?}");
    }
}

#[test]
fn a_top_level_list_is_pointed_at_by_its_first_character() {
    // A collection's range is only where it starts: the finding covers
    // its first character, at offset 0 as anywhere else.
    for text in ["- a\n- b\n", "[a, b]\n"] {
        assert_eq!(
            found(&parse(text)),
            vec![(
                "invalid-value",
                0,
                1,
                "a term file must be a mapping of fields (`term: ...`), found a list".to_owned()
            )],
            "{text:?}"
        );
    }
}

const HEAD: &str = "term: Sprint\ndefinition: A sprint is a short, fixed period of work.\n";

#[test]
fn an_empty_faqs_field_is_not_a_wrong_shape() {
    // `faqs:` with nothing after it is null: an empty field, not a value
    // of the wrong kind.
    let text = format!("{HEAD}faqs:\nchallenge: {{word: scrum}}\n");
    let at = text.find("faqs:").expect("the key");
    let parsed = parse(&text);
    assert_eq!(
        found(&parsed),
        vec![("missing-field", at, at + 4, "`faqs` is empty".to_owned())]
    );
    assert!(parsed.term.faqs.is_empty());
}

#[test]
fn a_faq_with_an_empty_question_is_found_at_its_question_key() {
    for (faq, key) in [
        ("- question: ''\n  answer: It is short.\n", "question"),
        ("- answer: It is short.\n  question: ''\n", "question"),
    ] {
        let text = format!("{HEAD}faqs:\n{faq}challenge: {{word: scrum}}\n");
        let at = text.find(&format!("{key}: ''")).expect("the key");
        assert_eq!(
            found(&parse(&text)),
            vec![(
                "missing-field",
                at,
                at + key.len(),
                "FAQ 1 has no question".to_owned()
            )],
            "{faq:?}"
        );
    }
}

#[test]
fn an_empty_challenge_asks_for_a_word() {
    let text = format!("{HEAD}faqs:\n- question: Why?\n  answer: Because.\nchallenge:\n");
    let at = text.find("challenge:").expect("the key");
    assert_eq!(
        found(&parse(&text)),
        vec![(
            "missing-challenge",
            at,
            at + "challenge".len(),
            "`challenge` is empty: give it a `word`".to_owned()
        )]
    );
}

#[test]
fn an_empty_list_entry_and_a_null_key_are_named_as_such() {
    let text = format!(
        "{HEAD}aliases: [Scrum cycle, ~]\n~: stray\nfaqs:\n- question: Why?\n  answer: Because.\nchallenge: {{word: scrum}}\n"
    );
    let entry = text.find("~]").expect("the entry");
    let key = text.find("~:").expect("the key");
    assert_eq!(
        found(&parse(&text)),
        vec![
            (
                "invalid-value",
                entry,
                entry + 1,
                "an entry of `aliases` is empty".to_owned()
            ),
            (
                "invalid-value",
                key,
                key + 1,
                "a key of a term file must be a field name, found null".to_owned()
            ),
        ]
    );
}
