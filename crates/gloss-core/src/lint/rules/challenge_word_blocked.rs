use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::CHALLENGE_WORD_BLOCKED as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    if cx.env.dictionary.is_blocked(&upper) {
        out.push(Diagnostic::new(
            &RULE,
            word.range,
            format!("`{upper}` is on the blocklist (built-in or `challenge.blocked-words`): pick another word"),
        ));
    }
}
