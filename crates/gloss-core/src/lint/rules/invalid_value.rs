use crate::Severity;
use crate::lint::Rule;

pub const RULE: Rule = Rule {
    name: "invalid-value",
    default_severity: Severity::Error,
    summary: "a value of the wrong type or shape",
    fixable: false,
    check: None,
    doc: r#"## What it flags
A value of the wrong type or shape: `faqs` written as a string, a FAQ that
is not a `question`/`answer` mapping, a `challenge` that is a bare word, a
number or boolean where text belongs (`word: 123456`, `term: true`), a file
whose top level is a list.

## Why it matters
YAML reads `term: true` as a boolean and `faqs: none` as one string, so the
site either fails to build or renders something the author never wrote.

## Example
```yaml
challenge: SPRINT
```

## Fix
Give the value its documented shape: `challenge: {word: SPRINT}`. Quote text
that YAML would read as a number or boolean: `term: "2024"`.
"#,
};
