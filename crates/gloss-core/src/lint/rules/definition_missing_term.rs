use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::DEFINITION_MISSING_TERM as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let term = cx.term();
    let Some(definition) = &term.definition else {
        return;
    };
    if definition.value.trim().is_empty() || term.term.is_none() {
        return;
    }
    // The definition's text as parsed (not its YAML source), read as the
    // matcher reads prose: implicit names, normal forms, no URLs.
    let text = definition.value.as_str();
    let prose = crate::prose::plain(text, crate::TextRange::new(0, text.len()));
    if crate::names::names_any(text, &prose, term.names().map(|n| n.value.as_str())) {
        return;
    }
    let name = term.term.as_ref().map_or("", |t| t.value.trim());
    out.push(Diagnostic::new(
        &RULE,
        definition.range,
        format!("the definition does not name `{name}` or any alias"),
    ));
}
