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
        let shown = shown(text, prose, range);
        let mut diagnostic = Diagnostic::new(
            &RULE,
            range,
            format!("`{shown}` is a deprecated name of `{name}`: write `{replacement}`"),
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
                format!("replace `{shown}` with `{replacement}`"),
                range,
                replacement,
            ));
        }
        out.push(diagnostic);
    }
}

/// The words of `range` as a message shows them: its prose only (not the
/// `*` of emphasis or the `>` of a quote's next line), spaces and line
/// breaks as one space.
fn shown(text: &str, prose: &[ProseRange], range: crate::TextRange) -> String {
    let mut out = String::new();
    let mut last_end: Option<usize> = None;
    for p in prose {
        let (start, end) = (p.range.start.max(range.start), p.range.end.min(range.end));
        let Some(piece) = text.get(start..end).filter(|_| start < end) else {
            continue;
        };
        // Markup between two runs is left out; a space or line break in it
        // is one space.
        let gap = last_end
            .and_then(|from| text.get(from..start))
            .unwrap_or("");
        if gap.contains(char::is_whitespace) {
            out.push(' ');
        }
        out.push_str(piece);
        last_end = Some(end);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::shown;
    use crate::TextRange;
    use crate::prose::{ProseOptions, markdown};

    #[test]
    fn a_message_shows_the_words_without_markup_or_line_breaks() {
        for (text, written, want) in [
            ("A *card* wall.\n", "card* wall", "card wall"),
            ("> A card\n> wall.\n", "card\n> wall", "card wall"),
            ("A card  \nwall.\n", "card  \nwall", "card wall"),
            ("A ca*rd* wall.\n", "ca*rd* wall", "card wall"),
            ("A card wall.\n", "card wall", "card wall"),
        ] {
            let start = text.find(written).unwrap_or_default();
            let range = TextRange::new(start, start + written.len());
            let prose = markdown(text, ProseOptions::default());
            assert_eq!(shown(text, &prose, range), want, "{text:?}");
        }
    }
}
