use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};

pub const RULE: Rule = Rule {
    name: "missing-faq-topic",
    default_severity: Severity::Warning,
    summary: "a FAQ topic required for the term's category has no matching question",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A term whose `category` has required FAQ topics in `gloss.toml`
(`[[faqs.topics]]`), where no question matches a topic's `pattern`.

## Why it matters
Pages of one kind should answer the same core questions: every `role` page
says what the role is responsible for, how it differs from its neighbour
and where it leads. Readers compare pages; gaps stand out.

## Example
With
```toml
[[faqs.topics]]
category = "role"
name = "career-path"
pattern = "(?i)career"
```
a `category: role` term whose questions never mention a career.

## Fix
Add a FAQ on the topic: "What is the career path for a Product Owner?".
The language server offers an "add FAQ" quick fix with a skeleton.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let term = cx.term();
    let Some(category) = &term.category else {
        return;
    };
    let category_name = category.value.trim();
    let anchor = term.faqs_key.unwrap_or(category.range);
    for topic in cx
        .config
        .faq_topics
        .iter()
        .filter(|t| t.category.eq_ignore_ascii_case(category_name))
    {
        let covered = term
            .faqs
            .iter()
            .filter_map(|faq| faq.question.as_ref())
            .any(|q| topic.pattern.is_match(&q.value));
        if !covered {
            out.push(Diagnostic::new(
                &RULE,
                anchor,
                format!(
                    "no FAQ on `{}`, which every `{category_name}` term needs: add a question matching `{}`",
                    topic.name,
                    topic.pattern.as_str()
                ),
            ));
        }
    }
}
