//! Find references: every mention and `related` entry of a term.

use crate::FileRange;
use crate::goto::definition_of;
use crate::hit::{hit_at, targets};
use gloss_core::FileId;
use gloss_core::mentions::MentionIndex;
use gloss_workspace::Glossary;
use rayon::prelude::*;
use std::path::Path;

/// Every mention and `related` entry of term `id` across the glossary and
/// the docs, sorted by path and offset; its definition first when asked.
pub fn references_of(
    ws: &Glossary,
    mentions: &MentionIndex,
    id: FileId,
    include_declaration: bool,
) -> Vec<FileRange> {
    let Some(slot) = ws.slot(id) else {
        return Vec::new();
    };
    let slug = slot.file.stem.as_str();
    let mut found: Vec<FileRange> = ws
        .slots()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|(_, slot)| {
            let term = slot.file.term();
            let mut here: Vec<FileRange> = term
                .related
                .iter()
                .filter(|r| r.value.trim() == slug)
                .map(|r| FileRange {
                    path: slot.path.clone(),
                    range: r.range,
                })
                .collect();
            for prose in term.prose() {
                for mention in mentions.find_in(&slot.file.text, prose.range) {
                    if mentions.files(&mention).contains(&id) {
                        here.push(FileRange {
                            path: slot.path.clone(),
                            range: mention.range,
                        });
                    }
                }
            }
            here
        })
        .collect();
    found.extend(
        ws.docs
            .par_iter()
            .flat_map_iter(|(path, doc)| {
                // A doc only on disk is read now (and dropped after).
                let Some(body) = doc.body() else {
                    return Vec::new();
                };
                mentions
                    .find_in_prose(&body.text, &body.parsed.prose)
                    .into_iter()
                    .filter(|m| mentions.files(m).contains(&id))
                    .map(|m| FileRange {
                        path: path.clone(),
                        range: m.range,
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>(),
    );
    found.sort();
    let mut references = Vec::with_capacity(found.len() + 1);
    if include_declaration && let Some(declaration) = definition_of(ws, id) {
        references.push(declaration);
    }
    references.extend(found);
    references
}

/// The references of what is at byte `offset` of the document at `path`.
pub fn references(
    ws: &Glossary,
    mentions: &MentionIndex,
    path: &Path,
    offset: usize,
    include_declaration: bool,
) -> Vec<FileRange> {
    let Some(hit) = hit_at(ws, mentions, path, offset) else {
        return Vec::new();
    };
    targets(ws, &hit)
        .into_iter()
        .flat_map(|id| references_of(ws, mentions, id, include_declaration))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{at, fixture};
    use gloss_core::TextRange;

    #[test]
    fn references_from_a_mention_cover_docs_prose_and_related_entries() {
        let mut fx = fixture();
        let mentions = fx.mentions();
        let doc = fx.path("docs/onboarding.md");
        let pom = fx.path("glossary/product-operations-manager.yaml");
        let start = at(&fx.text("docs/onboarding.md"), "Product Ops Manager who");
        let found = references(&fx.ws, &mentions, &doc, start, true);
        assert_eq!(
            found[0],
            FileRange {
                path: pom.clone(),
                range: TextRange::new(6, 32)
            }
        );
        let in_doc = found.iter().filter(|r| r.path == doc).count();
        assert_eq!(in_doc, 2, "{found:?}");
        let head = fx.path("glossary/head-of-product-operations.yaml");
        let entry = at(
            &fx.text("glossary/head-of-product-operations.yaml"),
            "product-operations-manager,",
        );
        let related = FileRange {
            path: head,
            range: TextRange::new(entry, entry + 26),
        };
        assert!(
            found.contains(&related),
            "the `related` entry of head-of-product-operations is a reference"
        );
        // After the declaration, sorted by path and offset.
        assert!(found[1..].windows(2).all(|w| w[0] <= w[1]), "{found:?}");
        // Without the declaration: the same, less the first.
        let without = references(&fx.ws, &mentions, &doc, start, false);
        assert_eq!(without, found[1..]);
    }
}
