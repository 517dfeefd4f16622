use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};

pub const RULE: Rule = Rule {
    name: "missing-faqs",
    default_severity: Severity::Error,
    summary: "fewer FAQs than `faqs.min`",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A term with some FAQs, but fewer than `faqs.min` in `gloss.toml` (default
3). A term with none at all is `missing-field`.

## Why it matters
The FAQ block is where a term page answers what readers actually search
for; the site's layout and its structured data expect a full set.

## Example
```yaml
faqs:
  - question: What is a Sprint Review?
    answer: A meeting at the end of a sprint where the team shows its work.
```

## Fix
Add FAQs until there are at least `faqs.min`: the questions readers ask
about the term, answered in two to five sentences.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let n_faqs = cx.term().faqs.len();
    let min = cx.config.faqs_min;
    if n_faqs == 0 || n_faqs >= min {
        return;
    }
    let Some(key) = cx.term().faqs_key else {
        return;
    };
    let plural = if n_faqs == 1 { "" } else { "s" };
    out.push(Diagnostic::new(
        &RULE,
        key,
        format!("only {n_faqs} FAQ{plural}: at least {min} are required (`faqs.min`)"),
    ));
}
