use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};

pub const RULE: Rule = Rule {
    name: "challenge-word-blocked",
    default_severity: Severity::Error,
    summary: "the challenge word is on the built-in or configured blocklist",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A challenge word on gloss's built-in blocklist of offensive words, or on
the project's `challenge.blocked-words`.

## Why it matters
The answer is revealed in large tiles at the end of every game, and shared
in results. An offensive answer — even one that is innocent in the term's
field — is not something a glossary should show its readers.

## Example
With `blocked-words = ["churn"]` in `gloss.toml`:
```yaml
challenge:
  word: CHURN
```

## Fix
Pick another word the term's text uses.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    if cx.env.dictionary.is_blocked(&upper) {
        out.push(Diagnostic::new(
            &RULE,
            word.range,
            format!("`{upper}` is on the blocklist (built-in or `challenge.blocked-words`): pick another word"),
        ));
    }
}
