use crate::Severity;
use crate::lint::Rule;

pub const RULE: Rule = Rule {
    name: "missing-challenge",
    default_severity: Severity::Error,
    summary: "no challenge, or a challenge without a word",
    fixable: false,
    check: None,
    doc: r#"## What it flags
A term file with no `challenge`, or a challenge with no `word`.

## Why it matters
Every term page ends with its Knowledge Challenge ("Mastered Sprint? Now
try to guess the related 6-letter word!"). Without a word the game has no
answer and the page ships broken.

## Example
```yaml
challenge:
  hint: What a team commits to
```

## Fix
Add a word of the allowed length that the term's text uses but its name
does not: `word: BACKLOG`.
"#,
};
