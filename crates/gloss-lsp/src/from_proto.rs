//! Protocol → query types: positions and ranges to byte offsets in the
//! document the workspace holds for a path.

use crate::pos_conv::Lines;
use gloss_core::{Encoding, TextRange};
use gloss_workspace::Glossary;
use std::path::Path;
use tower_lsp_server::ls_types::{Position, Range};

/// The byte offset of `pos` in the document at `path`; `None` when the
/// workspace does not know the document.
pub fn offset(ws: &Glossary, path: &Path, pos: Position, encoding: Encoding) -> Option<usize> {
    let doc = ws.doc_text(path)?;
    Some(
        Lines {
            text: doc.text(),
            index: doc.line_index(),
        }
        .offset(pos, encoding),
    )
}

/// The byte range of `range` in the document at `path`.
pub fn text_range(
    ws: &Glossary,
    path: &Path,
    range: Range,
    encoding: Encoding,
) -> Option<TextRange> {
    let doc = ws.doc_text(path)?;
    Some(
        Lines {
            text: doc.text(),
            index: doc.line_index(),
        }
        .range_to_bytes(range, encoding),
    )
}
