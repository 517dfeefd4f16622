use crate::diagnostic::{Applicability, Diagnostic, Fix, suggestions, word_run_matches};
use crate::lint::{Context, RuleCheck};
use crate::rule::UNKNOWN_RELATED as RULE;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for entry in &cx.term().related {
        let wanted = entry.value.trim();
        if !cx.glossary.files_by_slug(wanted).is_empty() {
            continue;
        }
        // The slug of a term whose file is misnamed: the link is right and
        // the file's `file-name-mismatch` fix (a rename) repairs it.
        if let Some(&file) = cx.glossary.files_by_term_slug(wanted).first() {
            let path = cx.glossary.path(file).unwrap_or("its file");
            out.push(Diagnostic::new(
                &RULE,
                entry.range,
                format!(
                    "no term file for related slug `{wanted}`: the term is in `{path}`, which should be renamed to `{wanted}.yaml`"
                ),
            ));
            continue;
        }
        // A term or alias written where its slug belongs.
        let by_name = cx
            .glossary
            .term_by_name(wanted)
            .and_then(|f| cx.glossary.stem(f));
        let candidates: Vec<&str> = match by_name {
            Some(stem) => vec![stem],
            None => {
                let similar = cx.glossary.similar_slugs(wanted, 64);
                let mut close = suggestions(wanted, similar.iter().copied());
                if close.is_empty() {
                    // `north-star` for `north-star-metric`: the words, not a typo.
                    close = word_run_matches(wanted, similar);
                }
                close.truncate(3);
                close
            }
        };
        let mut message = format!("no term file for related slug `{wanted}`");
        match candidates.as_slice() {
            [] => {}
            [one] => message.push_str(&format!(": did you mean `{one}`?")),
            many => message.push_str(&format!(
                ": did you mean one of {}?",
                many.iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        let mut diagnostic = Diagnostic::new(&RULE, entry.range, message);
        if let [one] = candidates.as_slice() {
            // A name of a term points at exactly that term; a slug that is
            // merely spelled alike may be another term than the one meant
            // (`spring` for `sprint`), so a person confirms it.
            let applicability = if by_name.is_some() {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            diagnostic = diagnostic.with_fix(
                Fix::edit(
                    format!("replace `{wanted}` with `{one}`"),
                    entry.range,
                    plain_scalar(one),
                )
                .with_applicability(applicability),
            );
        }
        out.push(diagnostic);
    }
}

/// A slug written so that YAML reads it back as the same string.
fn plain_scalar(slug: &str) -> String {
    if slug.chars().all(|c| c.is_ascii_digit()) {
        format!("\"{slug}\"")
    } else {
        slug.to_owned()
    }
}
