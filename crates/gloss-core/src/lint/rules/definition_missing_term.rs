use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::DEFINITION_MISSING_TERM as RULE;
use crate::text::mentions;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

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
