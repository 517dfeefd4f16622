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
