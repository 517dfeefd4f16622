use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};
use crate::{Severity, slug};

pub const RULE: Rule = Rule {
    name: "self-related",
    default_severity: Severity::Warning,
    summary: "a term lists itself in `related`",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A `related` entry that is the term's own slug.

## Why it matters
A link from a page to itself wastes one of the few related-term slots and
looks careless to readers.

## Example
In `glossary/sprint.yaml`:
```yaml
related: [sprint, sprint-review]
```

## Fix
Remove the entry, or replace it with a genuinely related term.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let own_slug = cx.term().term.as_ref().map(|t| slug(&t.value));
    for entry in &cx.term().related {
        let value = entry.value.trim();
        if value == cx.stem || own_slug.as_deref() == Some(value) {
            out.push(Diagnostic::new(
                &RULE,
                entry.range,
                format!("`{value}` is this term itself: a page should not link to itself"),
            ));
        }
    }
}
