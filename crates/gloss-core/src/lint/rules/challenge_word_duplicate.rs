use crate::Severity;
use crate::diagnostic::{Diagnostic, Related};
use crate::lint::{Context, Rule};

pub const RULE: Rule = Rule {
    name: "challenge-word-duplicate",
    default_severity: Severity::Warning,
    summary: "another term uses the same challenge word",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A challenge word that another term file also uses (case-insensitive). Each
file gets the diagnostic, pointing at the other.

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
    for site in cx
        .glossary
        .sites_by_word(&upper)
        .iter()
        .filter(|s| s.file != cx.file)
    {
        let other = cx.glossary.path(site.file).unwrap_or("another file");
        out.push(
            Diagnostic::new(
                &RULE,
                word.range,
                format!("`{upper}` is also the challenge word of `{other}`"),
            )
            .with_related(Related {
                path: Some(other.to_owned()),
                range: site.range,
                message: "also used here".to_owned(),
            }),
        );
    }
}
