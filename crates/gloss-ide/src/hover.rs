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
        .filter(|d| d.is_challenge_finding())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{at, fixture, fixture_with};

    fn ready(plan: Option<HoverPlan>) -> Hover {
        match plan {
            Some(HoverPlan::Ready(hover)) => hover,
            other => panic!("no term hover: {other:?}"),
        }
    }

    #[test]
    fn hover_on_product_ops_manager_in_a_markdown_doc() {
        let mut fx = fixture();
        let mentions = fx.mentions();
        let doc = fx.path("docs/onboarding.md");
        let text = fx.text("docs/onboarding.md");
        let start = at(&text, "Product Ops Manager who");
        let found = ready(hover(&fx.ws, &mentions, &doc, start + 8, &[]));
        let markdown = &found.markdown;
        assert!(
            markdown.starts_with("**Product Operations Manager** · *role*"),
            "{markdown}"
        );
        assert!(markdown.contains("Also: Product Ops Manager"), "{markdown}");
        assert!(
            markdown.contains(
                "A Product Operations Manager (Product Ops Manager) is the operational backbone"
            ),
            "{markdown}"
        );
        assert!(
            markdown.ends_with("`glossary/product-operations-manager.yaml`"),
            "{markdown}"
        );
        assert_eq!(found.range, TextRange::new(start, start + 19));
        // Plurals: "Product Managers" is a mention of Product Manager.
        let start = at(&text, "Product Managers decide");
        let found = ready(hover(&fx.ws, &mentions, &doc, start, &[]));
        assert!(found.markdown.starts_with("**Product Manager** · *role*"));
        assert_eq!(found.range, TextRange::new(start, start + 16));
        // Plain words are not mentions.
        let plain = at(&text, "squad works");
        assert_eq!(hover(&fx.ws, &mentions, &doc, plain, &[]), None);
    }

    #[test]
    fn hover_escapes_term_text() {
        let mut fx = fixture_with(|dir| {
            let evil = "term: Evil Term\ndefinition: \"Evil Term: [click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold**\"\nfaqs: []\nchallenge:\n  word: EVILS\n";
            std::fs::write(dir.join("glossary/evil.yaml"), evil)
                .unwrap_or_else(|e| panic!("evil.yaml: {e}"));
        });
        fx.open("docs/evil.md", "Beware the Evil Term.\n");
        let mentions = fx.mentions();
        let doc = fx.path("docs/evil.md");
        let markdown = ready(hover(&fx.ws, &mentions, &doc, 12, &[])).markdown;
        assert!(
            markdown.contains(r"\[click\](command:workbench.action.terminal.new) \<img src=x onerror=alert(1)\> \*\*bold\*\*"),
            "{markdown}"
        );
        // Every character that could open a link, HTML or emphasis is escaped.
        for (at, c) in markdown.char_indices() {
            if matches!(c, '[' | ']' | '<' | '>') {
                assert!(
                    markdown[..at].ends_with('\\'),
                    "an unescaped {c:?} in {markdown:?}"
                );
            }
        }
    }

    fn challenge_of(plan: Option<HoverPlan>) -> ChallengeRequest {
        match plan {
            Some(HoverPlan::Challenge(request)) => request,
            other => panic!("no challenge hover: {other:?}"),
        }
    }

    #[test]
    fn hover_on_the_challenge_word_shows_prompt_and_solver_rows() {
        let mut fx = fixture();
        let mentions = fx.mentions();
        let relative = "glossary/product-operations-manager.yaml";
        let file = fx.path(relative);
        let text = fx.text(relative);
        let word = at(&text, "SPRINT");
        assert!(is_on_challenge(&fx.ws, &mentions, &file, word + 2));
        let request = challenge_of(hover(&fx.ws, &mentions, &file, word + 2, &[]));
        assert_eq!(request.range, TextRange::new(word, word + 6));
        assert_eq!(
            (request.term.as_str(), request.word.as_str()),
            ("Product Operations Manager", "SPRINT")
        );
        let env = &fx.ws.env;
        let preview = ChallengePreview::new(
            &request.term,
            &request.word,
            request.hint.as_deref(),
            &env.dictionary,
            env.config.challenge.max_guesses,
        );
        let found = challenge_hover(&request, &preview);
        assert_eq!(found.range, request.range);
        let markdown = &found.markdown;
        for expected in [
            "Mastered Product Operations Manager? Now try to guess the related 6-letter word!",
            "_ _ _ _ _ _   (6 letters)",
            "Hint: A time-boxed unit of delivery",
            "Dictionary: SPRINT is in the answer list",
            "Reference solver: solved in ",
            "🟩🟩🟩🟩🟩🟩 SPRINT",
            "Difficulty: easy (0 points)",
            "  reference solver: ",
            "  hard mode: ",
            "  word frequency: SCOWL size 35",
            "  repeated letters: none (+0)",
            "  trap group: SP_INT, 2 answers (+0)",
            "No challenge findings.",
        ] {
            assert!(markdown.contains(expected), "{expected}: {markdown}");
        }
        // The `challenge` key shows the same preview, over the key.
        let key = at(&text, "challenge:");
        let on_key = challenge_of(hover(&fx.ws, &mentions, &file, key, &[]));
        assert_eq!(on_key.range, TextRange::new(key, key + "challenge".len()));
        assert_eq!(on_key.word, "SPRINT");
        // A name is no challenge.
        assert!(!is_on_challenge(&fx.ws, &mentions, &file, 8));
    }

    #[test]
    fn the_challenge_hover_lists_the_challenge_findings_it_is_given() {
        let relative = "glossary/product-operations-manager.yaml";
        let mut fx = fixture_with(|dir| {
            let path = dir.join(relative);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            let broken = text.replace("word: SPRINT", "word: QXZQXZ").replacen(
                "related: [",
                "related: [no-such-term, ",
                1,
            );
            std::fs::write(&path, broken).unwrap_or_else(|e| panic!("{e}"));
        });
        let mentions = fx.mentions();
        let file = fx.path(relative);
        let text = fx.text(relative);
        let diagnostics = fx.diagnostics(relative);
        let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule).collect();
        assert!(rules.contains(&"unknown-related"), "{rules:?}");
        let word = at(&text, "QXZQXZ");
        let request = challenge_of(hover(&fx.ws, &mentions, &file, word, &diagnostics));
        assert!(!request.findings.is_empty(), "{rules:?}");
        for finding in &request.findings {
            assert!(
                finding.starts_with("error (challenge")
                    || finding.starts_with("warning (challenge"),
                "{finding}"
            );
        }
        let env = &fx.ws.env;
        let preview = ChallengePreview::new(
            &request.term,
            &request.word,
            request.hint.as_deref(),
            &env.dictionary,
            env.config.challenge.max_guesses,
        );
        let markdown = challenge_hover(&request, &preview).markdown;
        assert!(markdown.contains("Challenge findings:"), "{markdown}");
        assert!(markdown.contains(r"\`QXZQXZ\`"), "escaped: {markdown}");
        assert!(!markdown.contains("no-such-term"), "{markdown}");
        // Without diagnostics given, none are listed: the query does not lint.
        let request = challenge_of(hover(&fx.ws, &mentions, &file, word, &[]));
        assert!(request.findings.is_empty());
    }
}
