use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};

pub const RULE: Rule = Rule {
    name: "challenge-word-length",
    default_severity: Severity::Error,
    summary: "the challenge word's length is not in `challenge.lengths`",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A challenge word whose number of letters is not one of `challenge.lengths`
in `gloss.toml` (default 5, 6 or 7).

## Why it matters
The game's board and on-screen keyboard are laid out for the configured
lengths; a 3- or 12-letter word does not fit, and very short or very long
words make the game trivial or hopeless.

## Example
```yaml
challenge:
  word: PRIORITIZATION
```

## Fix
Pick a word of an allowed length that the term's text uses: `IMPACT`.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(word) = cx.term().challenge.as_ref().and_then(|c| c.word.as_ref()) else {
        return;
    };
    let n_letters = word.value.trim().chars().count();
    if n_letters == 0 || cx.config.challenge.lengths.contains(&n_letters) {
        return;
    }
    let allowed = cx
        .config
        .challenge
        .lengths
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    out.push(Diagnostic::new(
        &RULE,
        word.range,
        format!("the challenge word has {n_letters} letters; allowed lengths are {allowed} (`challenge.lengths`)"),
    ));
}
