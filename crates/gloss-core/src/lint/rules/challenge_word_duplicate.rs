use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Others, RuleCheck};
use crate::rule::CHALLENGE_WORD_DUPLICATE as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    let others = Others::of(cx.glossary.sites_by_word(&upper), cx.file);
    if others.count == 0 {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        &RULE,
        word.range,
        format!(
            "`{upper}` is also the challenge word of {}",
            others.describe(cx.glossary, "terms")
        ),
    );
    diagnostic.related = others.related("also used here");
    out.push(diagnostic);
}
