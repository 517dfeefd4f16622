use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::CHALLENGE_TOO_HARD as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper, grade)) = cx.graded_challenge_word() else {
        return;
    };
    let target = cx.config.challenge.difficulty;
    if grade.level <= target {
        return;
    }
    let message = match &grade.too_hard_because {
        Some(why) => format!(
            "`{upper}` is too hard: {why} (`challenge.max-guesses`); `gloss challenge --suggest` proposes others"
        ),
        None => format!(
            "`{upper}` is graded {}, harder than the target `challenge.difficulty = \"{target}\"`: {}",
            grade.summary(),
            grade.scoring_reasons()
        ),
    };
    out.push(Diagnostic::new(&RULE, word.range, message));
}
