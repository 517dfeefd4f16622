use crate::diagnostic::{ActionData, Diagnostic};
use crate::lint::{Context, RuleCheck};
use crate::rule::MISSING_FAQ_TOPIC as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

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
            )
            .with_data(ActionData::AddFaq {
                topic: topic.name.clone(),
            }));
        }
    }
}
