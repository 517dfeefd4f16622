use crate::diagnostic::Diagnostic;
use crate::lint::{Context, RuleCheck};
use crate::rule::CHALLENGE_WORD_UNRELATED as RULE;
use crate::text::{is_form_of, words};

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    let used = cx
        .term()
        .prose()
        .any(|text| words(&text.value).any(|w| is_form_of(w, &upper)));
    if !used {
        out.push(Diagnostic::new(
            &RULE,
            word.range,
            format!("`{upper}` appears nowhere in the definition, context or FAQs: readers cannot get to it from the page"),
        ));
    }
}
