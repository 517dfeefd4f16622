use crate::diagnostic::{Diagnostic, Fix};
use crate::line_index::TextRange;
use crate::lint::{Context, RuleCheck};
use crate::rule::CHALLENGE_WORD_CHARSET as RULE;
use crate::yaml::ScalarStyle;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(word) = cx.term().challenge.as_ref().and_then(|c| c.word.as_ref()) else {
        return;
    };
    let value = word.value.trim();
    if value.is_empty() || value.bytes().all(|b| b.is_ascii_uppercase()) {
        return;
    }
    let bad: String = value
        .chars()
        .filter(|c| !c.is_ascii_uppercase())
        .take(5)
        .collect();
    if !value.chars().any(|c| c.is_ascii_alphabetic()) {
        // `word: 123456` (YAML reads a number; quoting it would not help).
        out.push(Diagnostic::new(
            &RULE,
            word.range,
            format!(
                "the challenge word `{value}` has no letters: write a word of the letters A-Z, which is all the game's keyboard can type"
            ),
        ));
        return;
    }
    if !value.bytes().all(|b| b.is_ascii_alphabetic()) {
        let first_bad = value
            .chars()
            .find(|c| !c.is_ascii_alphabetic())
            .unwrap_or(' ');
        out.push(Diagnostic::new(
            &RULE,
            word.range,
            format!(
                "the challenge word `{value}` has {}, which the game's keyboard cannot type: use the letters A-Z only",
                shown_char(first_bad)
            ),
        ));
        return;
    }
    let upper = value.to_ascii_uppercase();
    let mut diagnostic = Diagnostic::new(
        &RULE,
        word.range,
        format!(
            "the challenge word `{value}` has lowercase letters (`{bad}`): write it as `{upper}`"
        ),
    );
    if let Some(edit_range) = content_range(cx.text, word.range, word.style, value) {
        // YAML reads a bare TRUE/FALSE/NULL as a boolean or null: keep it a string.
        let quoted =
            word.style == ScalarStyle::Plain && matches!(upper.as_str(), "TRUE" | "FALSE" | "NULL");
        let new_text = if quoted {
            format!("\"{upper}\"")
        } else {
            upper.clone()
        };
        diagnostic =
            diagnostic.with_fix(Fix::edit(format!("write `{upper}`"), edit_range, new_text));
    }
    out.push(diagnostic);
}

/// A character as a reader recognises it: the letter itself (`É`), or its
/// code point for one that cannot be seen (a space, a control character).
fn shown_char(c: char) -> String {
    if c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
    {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// Where the word's letters are in the source, when they are written there
/// as they are in the value (no escapes).
fn content_range(
    text: &str,
    range: TextRange,
    style: ScalarStyle,
    value: &str,
) -> Option<TextRange> {
    let written = text.get(range.start..range.end)?;
    let at = written.find(value)?;
    let inner = match style {
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => at >= 1,
        ScalarStyle::Plain | ScalarStyle::Block => true,
    };
    inner.then(|| TextRange::new(range.start + at, range.start + at + value.len()))
}
