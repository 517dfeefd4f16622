use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::CHALLENGE_TOO_HARD as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    if !crate::challenge::is_playable(&upper) || cx.env.dictionary.is_blocked(&upper) {
        return;
    }
    let Some((guesses, found)) = cx.env.solver_guesses(&upper) else {
        return;
    };
    let max = cx.config.challenge.max_guesses;
    if found && guesses <= max {
        return;
    }
    let how = if found {
        format!("needs {guesses} guesses")
    } else {
        format!("does not find it in {guesses} guesses")
    };
    out.push(Diagnostic::new(
        &RULE,
        word.range,
        format!("the reference solver {how}; the game allows {max} (`challenge.max-guesses`)"),
    ));
}
