use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Others, Rule};

pub const RULE: Rule = Rule {
    name: "challenge-word-duplicate",
    default_severity: Severity::Warning,
    summary: "another term uses the same challenge word",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A challenge word that another term file also uses (case-insensitive). Each
file that shares the word gets one diagnostic on its word, which says how
many other terms use it and names the first three (in path order), also as
related locations; a word shared by a thousand files gives a thousand
diagnostics, not a million.

## Why it matters
Readers play many challenges in a row; meeting the same answer twice spoils
the second game and makes the glossary feel repetitive.

## Example
`glossary/sprint.yaml` and `glossary/sprint-review.yaml` both have
`word: DEMOS`.

## Fix
Keep the word where it fits best and pick another for the other term.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    let others = Others::of(cx.glossary.sites_by_word(&upper), cx.file);
    if others.count == 0 {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        &RULE,
        word.range,
        format!(
            "`{upper}` is also the challenge word of {}",
            others.describe(cx.glossary, "terms")
        ),
    );
    diagnostic.related = others.related(cx.glossary, "also used here");
    out.push(diagnostic);
}
