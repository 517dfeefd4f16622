use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::CHALLENGE_TOO_EASY as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper, grade)) = cx.graded_challenge_word() else {
        return;
    };
    let target = cx.config.challenge.difficulty;
    if grade.level >= target {
        return;
    }
    out.push(Diagnostic::new(
        &RULE,
        word.range,
        format!(
            "`{upper}` is graded {}, easier than the target `challenge.difficulty = \"{target}\"`: {}",
            grade.summary(),
            grade.scoring_reasons()
        ),
    ));
}
