//! Go to definition: the `term` of the files the cursor's name resolves to.

use crate::FileRange;
use crate::hit::{hit_at, targets};
use gloss_core::mentions::MentionIndex;
use gloss_core::{FileId, TextRange};
use gloss_workspace::Glossary;
use std::path::Path;

/// Where a term is defined: its `term` value (or the file's start).
pub fn definition_of(ws: &Glossary, id: FileId) -> Option<FileRange> {
    let slot = ws.slot(id)?;
    let range = slot
        .file
        .term()
        .term
        .as_ref()
        .map_or(TextRange::empty(0), |t| t.range);
    Some(FileRange {
        path: slot.path.clone(),
        range,
    })
}

/// The definitions of what is at byte `offset` of the document at `path`.
pub fn definition(
    ws: &Glossary,
    mentions: &MentionIndex,
    path: &Path,
    offset: usize,
) -> Vec<FileRange> {
    let Some(hit) = hit_at(ws, mentions, path, offset) else {
        return Vec::new();
    };
    targets(ws, &hit)
        .into_iter()
        .filter_map(|id| definition_of(ws, id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{at, fixture, range_of};

    #[test]
    fn definition_from_a_mention_and_from_a_related_slug() {
        let mut fx = fixture();
        let mentions = fx.mentions();
        let doc = fx.path("docs/onboarding.md");
        let pom = fx.path("glossary/product-operations-manager.yaml");
        let start = at(&fx.text("docs/onboarding.md"), "Product Ops Manager who");
        let term = range_of(
            &fx.text("glossary/product-operations-manager.yaml"),
            "Product Operations Manager",
        );
        assert_eq!(term, TextRange::new(6, 32));
        assert_eq!(
            definition(&fx.ws, &mentions, &doc, start),
            [FileRange {
                path: pom.clone(),
                range: term
            }]
        );
        let head = fx.path("glossary/head-of-product-operations.yaml");
        let entry = at(
            &fx.text("glossary/head-of-product-operations.yaml"),
            "product-operations-manager,",
        );
        let found = definition(&fx.ws, &mentions, &head, entry + 3);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, pom);
        // Plain prose defines nothing.
        let plain = at(&fx.text("docs/onboarding.md"), "squad works");
        assert!(definition(&fx.ws, &mentions, &doc, plain).is_empty());
    }
}
