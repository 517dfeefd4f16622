//! The code lens on a challenge: word length and solver result.

use crate::hover::{ChallengeRequest, challenge_request};
use gloss_core::TextRange;
use gloss_core::challenge::ChallengePreview;
use gloss_workspace::Glossary;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeLens {
    pub range: TextRange,
    pub title: String,
    /// The command run when the lens is clicked; empty for a label only.
    pub command: String,
}

/// The challenge the lens of the term file at `path` shows, at its
/// `challenge` key; `None` without a word. Like the hover, the preview is
/// the caller's to compute (see [`lens`]).
pub fn challenge_lens(ws: &Glossary, path: &Path) -> Option<ChallengeRequest> {
    let (_, file) = ws.term_file(path)?;
    challenge_request(&file, &[])
}

/// The lens of a challenge, from its preview.
pub fn lens(request: &ChallengeRequest, preview: &ChallengePreview) -> CodeLens {
    CodeLens {
        range: request.range,
        title: preview.summary(),
        command: String::new(),
    }
}
