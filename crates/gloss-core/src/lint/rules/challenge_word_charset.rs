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
    if !value.bytes().all(|b| b.is_ascii_alphabetic()) {
        let first_bad = value
            .chars()
            .find(|c| !c.is_ascii_alphabetic())
            .unwrap_or(' ');
        out.push(Diagnostic::new(
            &RULE,
            word.range,
            format!(
                "the challenge word `{value}` has `{}`, which the game's keyboard cannot type: use the letters A-Z only",
                first_bad.escape_default()
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
