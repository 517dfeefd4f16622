use crate::Severity;
use crate::diagnostic::{Diagnostic, Related};
use crate::lint::{Context, Rule};
use crate::text::normalize;

pub const RULE: Rule = Rule {
    name: "duplicate-faq",
    default_severity: Severity::Warning,
    summary: "the same question twice in a term",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A FAQ question that repeats an earlier question of the same term, compared
without case, spacing or punctuation.

## Why it matters
Two answers to one question on one page either repeat each other or, worse,
disagree. It usually means a merge went wrong.

## Example
```yaml
  - question: What is a Sprint?
    answer: ...
  - question: what is a sprint
    answer: ...
```

## Fix
Merge the two answers into one FAQ, or ask a different question.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(String, &crate::term::Text)> = Vec::new();
    for question in cx.term().faqs.iter().filter_map(|f| f.question.as_ref()) {
        let key = normalize(&question.value);
        if key.is_empty() {
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            let line = cx.line_of(first.range.start);
            out.push(
                Diagnostic::new(
                    &RULE,
                    question.range,
                    format!("this question repeats the one on line {line}"),
                )
                .with_related(Related {
                    path: None,
                    range: first.range,
                    message: "first asked here".to_owned(),
                }),
            );
        } else {
            seen.push((key, question));
        }
    }
}
