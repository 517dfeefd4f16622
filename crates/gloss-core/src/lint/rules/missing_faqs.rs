use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::MISSING_FAQS as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

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
