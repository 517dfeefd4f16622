//! What the cursor is on: the first step of hover, definition, references
//! and rename.

use gloss_core::mentions::MentionIndex;
use gloss_core::{FileId, TextRange};
use gloss_workspace::{DocText, Glossary};
use std::path::Path;

/// What the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    /// A mention of a term or alias, resolved to the files defining it.
    Mention {
        range: TextRange,
        files: Vec<FileId>,
    },
    /// An entry of `related`.
    Related { range: TextRange, slug: String },
    /// The file's own `term` or an alias.
    OwnName {
        range: TextRange,
        file: Option<FileId>,
    },
    /// The `challenge` key or its `word`.
    Challenge { range: TextRange },
}

impl Hit {
    /// The range of the document the hit covers.
    pub fn range(&self) -> TextRange {
        match self {
            Self::Mention { range, .. }
            | Self::Related { range, .. }
            | Self::OwnName { range, .. }
            | Self::Challenge { range } => *range,
        }
    }
}

/// The thing at byte `offset` of the document at `path`: a term file (in
/// the glossary or loose) or a Markdown doc.
pub fn hit_at(ws: &Glossary, mentions: &MentionIndex, path: &Path, offset: usize) -> Option<Hit> {
    match ws.doc_text(path)? {
        DocText::Term(file) => {
            let term = file.term();
            if let Some(challenge) = &term.challenge {
                let on_word = challenge
                    .word
                    .as_ref()
                    .is_some_and(|w| w.range.contains(offset));
                if challenge.key_range.contains(offset) || on_word {
                    let range = match &challenge.word {
                        Some(word) if on_word => word.range,
                        _ => challenge.key_range,
                    };
                    return Some(Hit::Challenge { range });
                }
            }
            if let Some(entry) = term.related.iter().find(|r| r.range.contains(offset)) {
                return Some(Hit::Related {
                    range: entry.range,
                    slug: entry.value.trim().to_owned(),
                });
            }
            if let Some(name) = term.names().find(|n| n.range.contains(offset)) {
                return Some(Hit::OwnName {
                    range: name.range,
                    file: ws.id_of(path),
                });
            }
            let prose = term.prose().find(|p| p.range.contains(offset))?.range;
            let mention = mentions.at(&file.text, offset, prose)?;
            Some(Hit::Mention {
                range: mention.range,
                files: mentions.files(&mention).to_vec(),
            })
        }
        DocText::Doc(doc) => {
            let mention = mentions.at(&doc.text, offset, TextRange::new(0, doc.text.len()))?;
            Some(Hit::Mention {
                range: mention.range,
                files: mentions.files(&mention).to_vec(),
            })
        }
    }
}

/// The term files a hit points at.
pub fn targets(ws: &Glossary, hit: &Hit) -> Vec<FileId> {
    match hit {
        Hit::Mention { files, .. } => files.clone(),
        Hit::Related { slug, .. } => ws.index.files_by_slug(slug).to_vec(),
        Hit::OwnName { file, .. } => file.iter().copied().collect(),
        Hit::Challenge { .. } => Vec::new(),
    }
}
