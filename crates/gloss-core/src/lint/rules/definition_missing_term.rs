use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};
use crate::text::mentions;

pub const RULE: Rule = Rule {
    name: "definition-missing-term",
    default_severity: Severity::Warning,
    summary: "the definition names neither the term nor an alias",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A definition in which neither the term nor any alias appears as whole
words (case-insensitive; a plural counts).

## Why it matters
Definitions are quoted on their own: in search results, in hovers, in
social previews. One that starts "It is the ..." means nothing out of
context, and search engines rank a definition that names its term higher.

## Example
```yaml
term: Product Backlog
definition: An ordered list of everything the team might build next.
```

## Fix
Name the term: "A Product Backlog is an ordered list of ...".
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let term = cx.term();
    let Some(definition) = &term.definition else {
        return;
    };
    if definition.value.trim().is_empty() || term.term.is_none() {
        return;
    }
    if term
        .names()
        .any(|name| mentions(&definition.value, &name.value))
    {
        return;
    }
    let name = term.term.as_ref().map_or("", |t| t.value.trim());
    out.push(Diagnostic::new(
        &RULE,
        definition.range,
        format!("the definition does not name `{name}` or any alias"),
    ));
}
