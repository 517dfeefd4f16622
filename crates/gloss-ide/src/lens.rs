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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{at, fixture};

    #[test]
    fn code_lens_on_the_challenge_key() {
        let fx = fixture();
        let relative = "glossary/product-operations-manager.yaml";
        let text = fx.text(relative);
        let Some(request) = challenge_lens(&fx.ws, &fx.path(relative)) else {
            panic!("no lens");
        };
        let key = at(&text, "challenge:");
        assert_eq!(request.range, TextRange::new(key, key + 9));
        let env = &fx.ws.env;
        let preview = ChallengePreview::new(
            &request.term,
            &request.word,
            request.hint.as_deref(),
            &env.dictionary,
            env.config.challenge.max_guesses,
        );
        let lens = lens(&request, &preview);
        assert_eq!(lens.range, request.range);
        assert!(
            lens.title.starts_with("6 letters · solved in "),
            "{}",
            lens.title
        );
        let guesses: usize = lens
            .title
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_default();
        assert!((1..=6).contains(&guesses), "{}", lens.title);
        // No lens in a doc.
        assert_eq!(challenge_lens(&fx.ws, &fx.path("docs/onboarding.md")), None);
    }
}
