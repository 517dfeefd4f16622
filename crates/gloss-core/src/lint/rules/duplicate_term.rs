use crate::diagnostic::Diagnostic;
use crate::index::name_key;
use crate::lint::{Context, Others, RuleCheck};
use crate::rule::DUPLICATE_TERM as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<String> = Vec::new();
    for name in cx.term().names() {
        // A name repeated inside one file is reported once, at its first
        // place, as the index keeps one site per file and name.
        let key = name_key(&name.value);
        if seen.contains(&key) {
            continue;
        }
        let others = Others::of(cx.glossary.sites_by_name(&key), cx.file);
        seen.push(key);
        if others.count == 0 {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            &RULE,
            name.range,
            format!(
                "`{}` is also a term or alias in {}",
                name.value.trim(),
                others.describe(cx.glossary, "files")
            ),
        );
        diagnostic.related = others.related("also defined here");
        out.push(diagnostic);
    }
}
