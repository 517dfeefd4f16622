use crate::diagnostic::Diagnostic;
use crate::index::Site;
use crate::lint::{Context, Others, RuleCheck};
use crate::rule::DUPLICATE_TERM as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<String> = Vec::new();
    for name in cx.term().names() {
        // Names read alike when a key is shared (`crate::names`: normal
        // forms and the implicit names of "X (Y)"). A key repeated inside
        // one file is reported once, at its first name, as the index keeps
        // one site per file and key.
        let keys: Vec<String> = crate::names::keys(&name.value)
            .into_iter()
            .filter(|k| !seen.contains(k))
            .collect();
        if keys.is_empty() {
            continue;
        }
        // One key (most names): its group as the index keeps it. Several
        // ("X (Y)"): the union of their groups, one site per file.
        let merged: Vec<Site>;
        let sites: &[Site] = if let [key] = keys.as_slice() {
            cx.glossary.sites_by_key(key)
        } else {
            let mut union: Vec<Site> = keys
                .iter()
                .flat_map(|key| cx.glossary.sites_by_key(key).iter().cloned())
                .collect();
            union.sort_by_key(|s| s.file);
            union.dedup_by_key(|s| s.file);
            merged = union;
            &merged
        };
        seen.extend(keys);
        let others = Others::of(sites, cx.file);
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
