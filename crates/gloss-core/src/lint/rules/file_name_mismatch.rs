use crate::diagnostic::{Diagnostic, Fix};
use crate::lint::{Context, RuleCheck};
use crate::rule::FILE_NAME_MISMATCH as RULE;
use crate::slug;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(term) = &cx.term().term else {
        return;
    };
    let expected = slug(&term.value);
    if expected.is_empty() {
        out.push(Diagnostic::new(
            &RULE,
            term.range,
            format!(
                "the term `{}` has no letters or digits to make a slug from: add an ASCII spelling",
                term.value
            ),
        ));
        return;
    }
    if expected == cx.stem {
        return;
    }
    let extension = cx.file_name.rsplit_once('.').map_or("yaml", |(_, ext)| ext);
    let new_name = format!("{expected}.{extension}");
    out.push(
        Diagnostic::new(
            &RULE,
            term.range,
            format!(
                "file name `{}` does not match the term's slug: expected `{new_name}`",
                cx.file_name
            ),
        )
        .with_fix(Fix::rename(
            format!("rename the file to `{new_name}`"),
            new_name,
        )),
    );
}
