use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::CHALLENGE_WORD_IN_TERM as RULE;
use crate::text::{is_form_of, words};

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    for name in cx.term().names() {
        if let Some(hit) = words(&name.value).find(|w| is_form_of(w, &upper)) {
            out.push(Diagnostic::new(
                &RULE,
                word.range,
                format!(
                    "`{upper}` gives itself away: the term's name `{}` contains `{hit}`",
                    name.value.trim()
                ),
            ));
            return;
        }
    }
}
