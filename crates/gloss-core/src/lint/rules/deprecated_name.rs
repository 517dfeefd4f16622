//! `deprecated-name`, in docs and in term files.

use crate::diagnostic::{Diagnostic, Fix};
use crate::index::{FileId, GlossaryIndex};
use crate::lint::docs::{DocContext, DocRuleCheck};
use crate::lint::{Context, RuleCheck};
use crate::prose::ProseRange;
use crate::rule::DEPRECATED_NAME as RULE;

pub const CHECK: RuleCheck = RuleCheck {
    rule: &RULE,
    check: check_term,
};

pub const DOC_CHECK: DocRuleCheck = DocRuleCheck {
    rule: &RULE,
    check: check_doc,
};

fn check_doc(cx: &DocContext<'_>, out: &mut Vec<Diagnostic>) {
    find(cx.text, &cx.doc.prose, cx.glossary, None, false, out);
}

/// Another term's deprecated name in this term file's prose.
fn check_term(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !cx.glossary.has_deprecated() {
        return;
    }
    for field in cx.term().prose() {
        let range = field.range;
        if cx.text.get(range.start..range.end).is_none() {
            continue;
        }
        let prose = crate::prose::plain(cx.text, range);
        find(cx.text, &prose, cx.glossary, Some(cx.file), true, out);
    }
}

fn find(
    text: &str,
    prose: &[ProseRange],
    glossary: &GlossaryIndex,
    own: Option<FileId>,
    in_yaml: bool,
    out: &mut Vec<Diagnostic>,
) {
    let deprecated: Vec<(&str, FileId)> = glossary
        .deprecated_names()
        .filter(|&(_, file)| Some(file) != own)
        .collect();
    if deprecated.is_empty() {
        return;
    }
    let found = crate::names::find_names(text, prose, deprecated.iter().map(|(name, _)| *name));
    for (range, i) in found {
        let Some(&(matched, file)) = deprecated.get(i) else {
            continue;
        };
        let Some(name) = glossary.display_name(file) else {
            continue;
        };
        let written = &text[range.start..range.end];
        let replacement = crate::names::written_like(written, matched, name);
        let mut diagnostic = Diagnostic::new(
            &RULE,
            range,
            format!("`{written}` is a deprecated name of `{name}`: write `{replacement}`"),
        );
        // In YAML, only a replacement that cannot change how the scalar
        // reads (letters, digits, spaces, hyphens) is written unasked.
        let plain = replacement
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '\u{2019}'));
        // Only where the name is one run of text: a fix across emphasis or
        // a line break would move the markup or break the line.
        let one_run = crate::lint::docs::in_one_prose_range(prose, range.start, range.end);
        if one_run && (!in_yaml || plain) {
            diagnostic = diagnostic.with_fix(Fix::edit(
                format!("replace `{written}` with `{replacement}`"),
                range,
                replacement,
            ));
        }
        out.push(diagnostic);
    }
}
