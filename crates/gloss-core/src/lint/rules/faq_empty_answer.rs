use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};
use crate::text::normalize;

pub const RULE: Rule = Rule {
    name: "faq-empty-answer",
    default_severity: Severity::Error,
    summary: "an empty answer, or one that only repeats the question",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A FAQ with no `answer`, an empty one, or an answer whose words are just the
question's words again.

## Why it matters
An unanswered question on a published page is worse than no question: it
promises help and delivers nothing.

## Example
```yaml
  - question: What is a North Star Metric?
    answer: What is a North Star Metric
```

## Fix
Write the answer: two to five sentences that a reader could act on.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (faq_idx, faq) in cx.term().faqs.iter().enumerate() {
        let Some(question) = &faq.question else {
            continue;
        };
        match &faq.answer {
            None => out.push(Diagnostic::new(
                &RULE,
                question.range,
                format!("FAQ {} has no answer", faq_idx + 1),
            )),
            Some(answer) if answer.value.trim().is_empty() => out.push(Diagnostic::new(
                &RULE,
                answer.range,
                format!("FAQ {} has an empty answer", faq_idx + 1),
            )),
            // Only an answer about as long as the question can repeat it.
            Some(answer)
                if answer.value.len() <= question.value.len() * 2 + 8
                    && normalize(&answer.value) == normalize(&question.value) =>
            {
                out.push(Diagnostic::new(
                    &RULE,
                    answer.range,
                    "the answer only repeats the question",
                ));
            }
            Some(_) => {}
        }
    }
}
