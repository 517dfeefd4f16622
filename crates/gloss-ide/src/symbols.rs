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
