use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::CHALLENGE_WORD_LENGTH as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(word) = cx.term().challenge.as_ref().and_then(|c| c.word.as_ref()) else {
        return;
    };
    let n_letters = word.value.trim().chars().count();
    if n_letters == 0 || cx.config.challenge.lengths.contains(&n_letters) {
        return;
    }
    let allowed = cx
        .config
        .challenge
        .lengths
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    out.push(Diagnostic::new(
        &RULE,
        word.range,
        format!("the challenge word has {n_letters} letters; allowed lengths are {allowed} (`challenge.lengths`)"),
    ));
}
