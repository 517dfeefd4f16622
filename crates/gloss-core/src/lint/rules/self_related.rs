use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::SELF_RELATED as RULE;
use crate::slug;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

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
