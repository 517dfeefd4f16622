//! Hover: the card of the term under the cursor, or the challenge preview.

use crate::hit::{Hit, hit_at, targets};
use crate::markdown::{code_span, escape, fenced};
use gloss_core::challenge::ChallengePreview;
use gloss_core::mentions::MentionIndex;
use gloss_core::{Diagnostic, FileId, TermFile, TextRange};
use gloss_workspace::Glossary;
use std::path::Path;

/// A hover: Markdown, and the range of the hovered document it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    pub range: TextRange,
}

/// What a hover needs: the challenge preview runs the solver (tens of
/// milliseconds), so the caller computes it, cached and outside any lock,
/// and finishes with [`challenge_hover`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HoverPlan {
    Ready(Hover),
    Challenge(ChallengeRequest),
}

/// The challenge of one term file: what its preview is computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeRequest {
    /// The hovered `challenge` key or word.
    pub range: TextRange,
    pub term: String,
    pub word: String,
    pub hint: Option<String>,
    /// The file's challenge findings, as `severity (rule): message`.
    pub findings: Vec<String>,
}

/// The hover at byte `offset` of the document at `path`. `diagnostics` are
/// the file's current findings: the challenge hover lists the challenge
/// ones, nothing else reads them.
pub fn hover(
    ws: &Glossary,
    mentions: &MentionIndex,
    path: &Path,
    offset: usize,
    diagnostics: &[Diagnostic],
) -> Option<HoverPlan> {
    let hit = hit_at(ws, mentions, path, offset)?;
    if let Hit::Challenge { range } = hit {
        let (_, file) = ws.term_file(path)?;
        let mut request = challenge_request(&file, diagnostics)?;
        request.range = range;
        return Some(HoverPlan::Challenge(request));
    }
    let cards: Vec<String> = targets(ws, &hit)
        .into_iter()
        .filter_map(|id| term_card(ws, id))
        .collect();
    if cards.is_empty() {
        return None;
    }
    Some(HoverPlan::Ready(Hover {
        markdown: cards.join("\n\n---\n\n"),
        range: hit.range(),
    }))
}

/// Whether the hover at `offset` is on a challenge, so it needs the file's
/// diagnostics; lets a caller without cached diagnostics skip computing
/// them for every other hover.
pub fn is_on_challenge(ws: &Glossary, mentions: &MentionIndex, path: &Path, offset: usize) -> bool {
    matches!(
        hit_at(ws, mentions, path, offset),
        Some(Hit::Challenge { .. })
    )
}

/// The hover card of a term: name, category, aliases, definition, file;
/// every piece of term text escaped.
pub fn term_card(ws: &Glossary, id: FileId) -> Option<String> {
    let slot = ws.slot(id)?;
    let term = slot.file.term();
    let name = term
        .term
        .as_ref()
        .map_or(slot.file.stem.as_str(), |t| t.value.trim());
    let mut out = format!("**{}**", escape(name));
    if let Some(category) = term
        .category
        .as_ref()
        .filter(|c| !c.value.trim().is_empty())
    {
        out.push_str(&format!(" · *{}*", escape(category.value.trim())));
    }
    if !term.aliases.is_empty() {
        let aliases: Vec<String> = term
            .aliases
            .iter()
            .map(|a| escape(a.value.trim()))
            .collect();
        out.push_str(&format!("\n\nAlso: {}", aliases.join(", ")));
    }
    if let Some(definition) = &term.definition {
        out.push_str(&format!("\n\n{}", escape(&definition.value)));
    }
    out.push_str(&format!("\n\n{}", code_span(&ws.display(&slot.path))));
    Some(out)
}

/// Whether a finding is about the challenge.
fn is_challenge_finding(diagnostic: &Diagnostic) -> bool {
    diagnostic.rule.starts_with("challenge") || diagnostic.rule == "missing-challenge"
}

/// The challenge of `file`, with its challenge findings out of
/// `diagnostics`; `None` without a word. The range is the `challenge` key.
pub fn challenge_request(file: &TermFile, diagnostics: &[Diagnostic]) -> Option<ChallengeRequest> {
    let term = file.term();
    let challenge = term.challenge.as_ref()?;
    let word = challenge.word.as_ref()?.value.trim().to_owned();
    if word.is_empty() {
        return None;
    }
    let name = term
        .term
        .as_ref()
        .map_or(file.stem.as_str(), |t| t.value.trim())
        .to_owned();
    let findings = diagnostics
        .iter()
        .filter(|d| is_challenge_finding(d))
        .map(|d| format!("{} ({}): {}", d.severity, d.rule, d.message))
        .collect();
    Some(ChallengeRequest {
        range: challenge.key_range,
        term: name,
        word,
        hint: challenge.hint.as_ref().map(|h| h.value.trim().to_owned()),
        findings,
    })
}

/// The challenge hover: the preview in a code block (term text cannot
/// escape it), then the findings, escaped.
pub fn challenge_hover(request: &ChallengeRequest, preview: &ChallengePreview) -> Hover {
    let mut markdown = fenced("text", &preview.render_text(false));
    if request.findings.is_empty() {
        markdown.push_str("\n\nNo challenge findings.");
    } else {
        markdown.push_str("\n\nChallenge findings:\n");
        for finding in &request.findings {
            markdown.push_str(&format!("\n- {}", escape(finding)));
        }
    }
    Hover {
        markdown,
        range: request.range,
    }
}
