use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::FAQ_EMPTY_ANSWER as RULE;
use crate::text::normalize;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

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
