//! Document symbols (a term file's outline) and workspace symbols (terms
//! and aliases, fuzzy-matched).

use gloss_core::{FileId, TextRange};
use gloss_workspace::Glossary;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// A term file's term.
    Term,
    /// An alias of a term.
    Alias,
    Faq,
    Challenge,
}

/// A symbol of one document; ranges in that document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// Everything the symbol spans.
    pub range: TextRange,
    /// What to select when the symbol is picked: its name.
    pub selection: TextRange,
    /// `None` for a leaf.
    pub children: Option<Vec<DocumentSymbol>>,
}

/// A term or alias anywhere in the glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    pub path: PathBuf,
    pub range: TextRange,
    /// The term an alias belongs to.
    pub container: Option<String>,
}

fn leaf(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: TextRange,
    selection: TextRange,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        range,
        selection,
        children: None,
    }
}

/// The term, its FAQs and its challenge.
pub fn document_symbols(ws: &Glossary, path: &Path) -> Option<Vec<DocumentSymbol>> {
    let (_, file) = ws.term_file(path)?;
    let term = file.term();
    let whole = TextRange::new(0, file.text.len());
    let name_range = term.term.as_ref().map_or(TextRange::empty(0), |t| t.range);
    let mut children = Vec::new();
    for (faq_idx, faq) in term.faqs.iter().enumerate() {
        let question = faq.question.as_ref();
        let end = faq
            .answer
            .as_ref()
            .or(question)
            .map_or(faq.range.end, |t| t.range.end)
            .max(faq.range.end);
        let name = question
            .map(|q| q.value.trim().to_owned())
            .filter(|q| !q.is_empty())
            .unwrap_or_else(|| format!("FAQ {}", faq_idx + 1));
        let selection = question.map_or(faq.range, |q| q.range);
        children.push(leaf(
            name,
            Some(format!("FAQ {}", faq_idx + 1)),
            SymbolKind::Faq,
            TextRange::new(faq.range.start, end),
            selection,
        ));
    }
    if let Some(challenge) = &term.challenge {
        let word = challenge.word.as_ref();
        let end = [challenge.hint.as_ref(), word]
            .into_iter()
            .flatten()
            .map(|t| t.range.end)
            .max()
            .unwrap_or(challenge.key_range.end);
        children.push(leaf(
            "challenge".to_owned(),
            word.map(|w| w.value.trim().to_uppercase()),
            SymbolKind::Challenge,
            TextRange::new(challenge.key_range.start, end),
            word.map_or(challenge.key_range, |w| w.range),
        ));
    }
    let name = term
        .term
        .as_ref()
        .map(|t| t.value.trim().to_owned())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| file.stem.clone());
    let mut root = leaf(
        name,
        term.category.as_ref().map(|c| c.value.trim().to_owned()),
        SymbolKind::Term,
        whole,
        name_range,
    );
    root.children = Some(children);
    Some(vec![root])
}

/// Fuzzy score of `query` against `candidate` (both lowercase): `None` when
/// the query's characters do not all appear in order; lower is better.
fn fuzzy_score(query: &str, candidate: &str) -> Option<usize> {
    if query.is_empty() {
        return Some(candidate.len());
    }
    if let Some(at) = candidate.find(query) {
        return Some(at);
    }
    let mut chars = candidate.char_indices();
    let mut first = None;
    let mut last = 0;
    for q in query.chars() {
        let (i, _) = chars.find(|(_, c)| *c == q)?;
        first.get_or_insert(i);
        last = i;
    }
    Some(1000 + last - first.unwrap_or(0))
}

/// At most this many workspace symbols are returned.
pub const MAX_WORKSPACE_SYMBOLS: usize = 100;

/// Terms and aliases matching `query`, best first.
pub fn workspace_symbols(ws: &Glossary, query: &str) -> Vec<WorkspaceSymbol> {
    let query = query.trim().to_lowercase();
    let mut scored: Vec<(usize, String, FileId, TextRange, bool)> = ws
        .slots()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|(id, slot)| {
            let term = slot.file.term();
            let query = &query;
            term.names()
                .enumerate()
                .filter_map(move |(i, name)| {
                    let value = name.value.trim();
                    let score = fuzzy_score(query, &value.to_lowercase())?;
                    Some((score, value.to_owned(), *id, name.range, i > 0))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    scored.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    scored.truncate(MAX_WORKSPACE_SYMBOLS);
    scored
        .into_iter()
        .filter_map(|(_, name, id, range, is_alias)| {
            let slot = ws.slot(id)?;
            let container = is_alias.then(|| {
                slot.file
                    .term()
                    .term
                    .as_ref()
                    .map_or(slot.file.stem.clone(), |t| t.value.trim().to_owned())
            });
            Some(WorkspaceSymbol {
                name,
                kind: if is_alias {
                    SymbolKind::Alias
                } else {
                    SymbolKind::Term
                },
                path: slot.path.clone(),
                range,
                container,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{at, fixture};

    #[test]
    fn document_symbols_outline_term_faqs_and_challenge() {
        let fx = fixture();
        let relative = "glossary/product-operations-manager.yaml";
        let text = fx.text(relative);
        let Some(symbols) = document_symbols(&fx.ws, &fx.path(relative)) else {
            panic!("no symbols");
        };
        assert_eq!(symbols.len(), 1);
        let root = &symbols[0];
        assert_eq!(root.name, "Product Operations Manager");
        assert_eq!(root.detail.as_deref(), Some("role"));
        assert_eq!(root.kind, SymbolKind::Term);
        assert_eq!(root.range, TextRange::new(0, text.len()));
        assert_eq!(root.selection, TextRange::new(6, 32));
        let children = root.children.as_deref().unwrap_or_default();
        let names: Vec<&str> = children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "What are the core responsibilities of a Product Operations Manager?",
                "How does a Product Operations Manager differ from a Product Manager?",
                "What is the career path for a Product Operations Manager?",
                "challenge"
            ]
        );
        assert_eq!(children[0].kind, SymbolKind::Faq);
        assert_eq!(children[0].detail.as_deref(), Some("FAQ 1"));
        let challenge = &children[3];
        assert_eq!(challenge.kind, SymbolKind::Challenge);
        assert_eq!(challenge.detail.as_deref(), Some("SPRINT"));
        let word = at(&text, "SPRINT");
        assert_eq!(challenge.selection, TextRange::new(word, word + 6));
        assert!(children.iter().all(|c| c.children.is_none()));
        // Docs have no outline.
        assert_eq!(
            document_symbols(&fx.ws, &fx.path("docs/onboarding.md")),
            None
        );
    }

    #[test]
    fn workspace_symbols_find_terms_and_aliases() {
        let fx = fixture();
        let found = workspace_symbols(&fx.ws, "prod ops");
        let names: Vec<&str> = found.iter().map(|s| s.name.as_str()).collect();
        assert!(names.contains(&"Product Ops Manager"), "{names:?}");
        let found = workspace_symbols(&fx.ws, "jtbd");
        assert_eq!(found[0].name, "JTBD");
        assert_eq!(found[0].kind, SymbolKind::Alias);
        assert_eq!(found[0].container.as_deref(), Some("Jobs to Be Done"));
        assert_eq!(found[0].path, fx.path("glossary/jobs-to-be-done.yaml"));
        let text = fx.text("glossary/jobs-to-be-done.yaml");
        assert_eq!(&text[found[0].range.start..found[0].range.end], "JTBD");
        let found = workspace_symbols(&fx.ws, "Sprint");
        assert_eq!(found[0].name, "Sprint");
        assert_eq!(found[0].kind, SymbolKind::Term);
        assert_eq!(found[0].container, None);
        // Everything for an empty query, capped.
        let all = workspace_symbols(&fx.ws, "");
        assert!(
            all.len() > 31 && all.len() <= MAX_WORKSPACE_SYMBOLS,
            "{}",
            all.len()
        );
        assert!(workspace_symbols(&fx.ws, "zzqqxx").is_empty());
    }

    #[test]
    fn fuzzy_prefers_substrings_then_tight_subsequences() {
        assert_eq!(fuzzy_score("ops", "product ops manager"), Some(8));
        assert!(fuzzy_score("pom", "product operations manager").is_some());
        assert!(fuzzy_score("xyz", "product manager").is_none());
        let tight = fuzzy_score("pm", "pm lead");
        let loose = fuzzy_score("pm", "product manager");
        assert!(tight < loose);
    }
}
