use crate::Severity;
use crate::lint::Rule;

pub const RULE: Rule = Rule {
    name: "missing-field",
    default_severity: Severity::Error,
    summary: "`term`, `definition` or `faqs` absent or empty (or a FAQ without a question)",
    fixable: false,
    check: None,
    doc: r#"## What it flags
A term file without `term`, `definition` or `faqs`, or with one of them
empty; a FAQ without a `question`; a file with no fields at all. (A missing
challenge is `missing-challenge`.)

## Why it matters
Every term page shows its name, a definition and its FAQs; without them the
page is broken or empty.

## Example
```yaml
term: Kanban
faqs:
  - question: What is a WIP limit?
    answer: A cap on how many items may be in one column at once.
```

## Fix
Add the missing field: here a `definition:` that names the term.
"#,
};
