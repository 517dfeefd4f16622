use crate::Severity;
use crate::lint::Rule;

pub const RULE: Rule = Rule {
    name: "unknown-field",
    default_severity: Severity::Error,
    summary: "a key the term format does not have",
    fixable: false,
    check: None,
    doc: r#"## What it flags
A key that a term file, a FAQ or a challenge does not have. When the key is
close to a real one, the message suggests it.

## Why it matters
A misspelled key is silently dropped by the site: `defintion:` leaves the
page without a definition although the text is right there in the file.

## Example
```yaml
term: Sprint
defintion: A Sprint is a short, fixed period ...
```

## Fix
Rename the key to the one suggested (`definition`). The keys of a term file
are `term`, `aliases`, `category`, `definition`, `context`, `faqs`,
`related` and `challenge`; a FAQ has `question` and `answer`; a challenge
has `word` and `hint`.
"#,
};
