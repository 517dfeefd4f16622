use crate::diagnostic::{Applicability, Diagnostic, Fix, suggestions};
use crate::lint::docs::{DocContext, DocRuleCheck};
use crate::rule::BROKEN_TERM_LINK as RULE;

pub const CHECK: DocRuleCheck = DocRuleCheck { rule: &RULE, check };

fn check(cx: &DocContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(pattern) = &cx.config.link else {
        return;
    };
    // A reference definition is reported once, where its destination is
    // written, however many links use it: one fix there mends them all.
    let mut definitions_seen = std::collections::HashSet::new();
    for link in &cx.doc.links {
        let Some(slug) = pattern.slug_of(&link.destination) else {
            continue;
        };
        if let Some(definition) = link.definition
            && !definitions_seen.insert(definition.start)
        {
            continue;
        }
        if !cx.glossary.files_by_slug(slug).is_empty() {
            continue;
        }
        let similar = cx.glossary.similar_slugs(slug, 64);
        let mut close = suggestions(slug, similar.iter().copied());
        close.truncate(3);
        let mut message = format!(
            "no term has the slug `{slug}`: `{}` is a broken link",
            link.destination
        );
        match close.as_slice() {
            [] => {}
            [one] => message.push_str(&format!("; did you mean `{one}`?")),
            many => message.push_str(&format!(
                "; did you mean one of {}?",
                many.iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        // The slug's place in the written destination.
        let slug_range = link.destination_range.and_then(|r| {
            let at = link.destination.find(slug)?;
            Some(crate::TextRange::new(
                r.start + at,
                r.start + at + slug.len(),
            ))
        });
        let range = slug_range
            .or(link.destination_range)
            .or(link.definition)
            .unwrap_or(link.range);
        let mut diagnostic = Diagnostic::new(&RULE, range, message);
        if let ([one], Some(slug_range)) = (close.as_slice(), slug_range) {
            diagnostic = diagnostic.with_fix(
                Fix::edit(format!("replace `{slug}` with `{one}`"), slug_range, *one)
                    .with_applicability(Applicability::Unsafe),
            );
        }
        out.push(diagnostic);
    }
}
