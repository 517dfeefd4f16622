use crate::challenge::DictionaryStatus;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::CHALLENGE_WORD_NOT_IN_DICTIONARY as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    if !crate::challenge::is_playable(&upper) {
        return;
    }
    if cx.env.dictionary.status(&upper) == DictionaryStatus::Unknown {
        out.push(Diagnostic::new(
            &RULE,
            word.range,
            format!(
                "`{upper}` is not in the dictionary: players' guesses of it would be refused (add it to `challenge.extra-words`)"
            ),
        ));
    }
}
