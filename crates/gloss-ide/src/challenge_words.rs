//! Challenge word suggestions for a term file, for completion at `word:`
//! and the "use suggested word" code actions: the words of the page that
//! pass every challenge rule, graded (`gloss_core::suggest`).

use gloss_core::suggest::{RelatedTerm, Suggestion};
use gloss_core::{TermFile, TextRange};
use gloss_workspace::Glossary;
use std::path::Path;
use std::sync::Arc;

/// Up to `limit` suggestions for the term file at `path`, best first; empty
/// for a path that is no term file.
pub fn suggestions(ws: &Glossary, path: &Path, limit: usize) -> Vec<Suggestion> {
    let Some((id, file)) = ws.term_file(path) else {
        return Vec::new();
    };
    let related_files: Vec<Arc<TermFile>> = file
        .term()
        .related
        .iter()
        .filter_map(|slug| ws.index.term_by_slug(slug.value.trim()))
        .filter_map(|id| ws.slot(id).map(|slot| Arc::clone(&slot.file)))
        .collect();
    let related: Vec<RelatedTerm<'_>> = related_files
        .iter()
        .map(|f| (f.stem.as_str(), f.term()))
        .collect();
    file.suggest(
        id.unwrap_or(usize::MAX),
        &ws.index,
        &ws.env,
        &related,
        limit,
    )
}

/// The range of the challenge word's value in `file`, when it has one.
pub fn word_range(file: &TermFile) -> Option<TextRange> {
    file.term()
        .challenge
        .as_ref()?
        .word
        .as_ref()
        .map(|w| w.range)
}

/// One line for a suggestion: `medium (2 points) · from the definition`.
pub fn detail(s: &Suggestion) -> String {
    format!("{} · from the {}", s.grade.summary(), s.source.describe())
}

/// The Markdown shown with a suggestion: where it is on the page and its
/// grade's parts. Page text is set in a code span so it cannot inject
/// links or commands.
pub fn documentation(s: &Suggestion) -> String {
    let mut out = format!(
        "**{}** — difficulty {}\n\nFrom the {}: {}\n",
        s.word,
        s.grade.summary(),
        s.source.describe(),
        code_span(&s.source.excerpt)
    );
    for reason in s.grade.reasons() {
        out.push_str(&format!("\n- {reason}"));
    }
    out.push('\n');
    out
}

/// `text` as an inline code span that no backtick in it can close.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    format!("{fence} {} {fence}", text.replace(['\n', '\r'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::fixture;

    #[test]
    fn suggestions_of_a_shipped_term_pass_its_rules_and_are_graded() {
        let fx = fixture();
        let found = suggestions(&fx.ws, &fx.path("glossary/sprint.yaml"), 5);
        assert!(!found.is_empty() && found.len() <= 5, "{found:?}");
        let doc = documentation(&found[0]);
        assert!(
            doc.contains(&found[0].word) && doc.contains("- reference solver"),
            "{doc}"
        );
        assert!(
            detail(&found[0]).contains(" · from the "),
            "{}",
            detail(&found[0])
        );
        assert!(suggestions(&fx.ws, &fx.path("docs/none.md"), 5).is_empty());
    }

    #[test]
    fn code_spans_cannot_be_closed_by_the_text() {
        assert_eq!(code_span("plain"), "` plain `");
        assert_eq!(code_span("a `b` c"), "`` a `b` c ``");
        assert_eq!(code_span("x ``` y\nz"), "```` x ``` y z ````");
    }
}
