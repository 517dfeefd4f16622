use crate::diagnostic::{Diagnostic, Related};
use crate::lint::{Context, RuleCheck};
use crate::rule::DUPLICATE_FAQ as RULE;
use crate::text::normalize;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

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
                    file: None,
                    range: first.range,
                    message: "first asked here".to_owned(),
                }),
            );
        } else {
            seen.push((key, question));
        }
    }
}
