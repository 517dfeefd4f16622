//! Completion of `related` slugs, `category` values and the challenge
//! `word` (the suggested words, graded); in a Markdown doc, of the slug in
//! a link to a term page (`[pods](/glossary/po`).

use gloss_core::{TermFile, TextRange};
use gloss_workspace::Glossary;
use std::path::Path;

/// What a completion item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// The slug of a term file, for `related`.
    Slug,
    /// A category, for `category`.
    Category,
    /// A suggested challenge word, for `challenge.word`.
    ChallengeWord,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// One line beside the label: the term a slug names, or `category`.
    pub detail: Option<String>,
    /// Markdown shown when the item is selected.
    pub documentation: Option<String>,
    /// The text the item replaces: the partly typed word.
    pub replace: TextRange,
    pub insert_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completions {
    pub items: Vec<CompletionItem>,
    /// More candidates matched than were sent: the client must ask again as
    /// the user types.
    pub is_incomplete: bool,
}

/// Where in a term file the cursor is, for completion.
#[derive(Debug, PartialEq, Eq)]
enum CompletionSite {
    Related {
        prefix: TextRange,
    },
    Category {
        prefix: TextRange,
    },
    /// The value of `word:` under `challenge:`.
    ChallengeWord {
        prefix: TextRange,
    },
}

fn completion_site(file: &TermFile, offset: usize) -> Option<CompletionSite> {
    // Judged on the text, not the parse: while an entry is being typed the
    // YAML is often broken (`related: [product-ma`).
    let text = &file.text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = file.line_index.line_range_at(text, offset).start;
    let before = &text[line_start..offset];
    let word_start = offset
        - before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            .map(char::len_utf8)
            .sum::<usize>();
    let prefix = TextRange::new(word_start, offset);
    // The top-level key whose value the cursor is in: this line's, or the
    // nearest line above that starts at column 0 (not a list item or comment).
    let mut key_line = before;
    let mut cursor_line_is_key = true;
    if !starts_top_level(before) {
        cursor_line_is_key = false;
        key_line = text[..line_start]
            .lines()
            .rev()
            .find(|line| starts_top_level(line))?;
    }
    let key = key_line.split(':').next()?.trim_end();
    let after_colon = !cursor_line_is_key || before.contains(':');
    match key {
        "related" if after_colon => Some(CompletionSite::Related { prefix }),
        "category" if cursor_line_is_key && after_colon => {
            Some(CompletionSite::Category { prefix })
        }
        "challenge"
            if !cursor_line_is_key
                && before
                    .trim_start()
                    .strip_prefix("word")
                    .is_some_and(|rest| rest.trim_start().starts_with(':')) =>
        {
            Some(CompletionSite::ChallengeWord { prefix })
        }
        _ => None,
    }
}

fn starts_top_level(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#')
}

/// At most this many items are sent; the list is then incomplete.
pub const MAX_COMPLETIONS: usize = 200;

/// At most this many challenge words are suggested at `word:`.
pub const MAX_WORD_SUGGESTIONS: usize = 10;

/// The completions at byte `offset` of the term file at `path`: slugs not
/// yet listed in `related`, categories in `category`; `None` elsewhere.
pub fn completion(ws: &Glossary, path: &Path, offset: usize) -> Option<Completions> {
    let Some((_, file)) = ws.term_file(path) else {
        return link_completion(ws, path, offset);
    };
    let site = completion_site(&file, offset)?;
    if let CompletionSite::ChallengeWord { prefix } = site {
        return Some(word_completions(ws, path, &file, prefix));
    }
    let (prefix, candidates, kind) = match site {
        CompletionSite::ChallengeWord { .. } => return None,
        CompletionSite::Related { prefix } => {
            let own = file.stem.as_str();
            let listed: Vec<&str> = file.term().related.iter().map(|r| r.value.trim()).collect();
            let slugs = ws
                .sorted_slugs()
                .into_iter()
                .filter(|s| *s != own && !listed.contains(s))
                .map(str::to_owned)
                .collect();
            (prefix, slugs, CompletionKind::Slug)
        }
        CompletionSite::Category { prefix } => (prefix, ws.categories(), CompletionKind::Category),
    };
    let (matching, is_incomplete) = matching(candidates, &file.text[prefix.start..prefix.end]);
    let items = matching
        .into_iter()
        .map(|candidate| {
            let detail = match kind {
                CompletionKind::Slug => slug_detail(ws, &candidate),
                CompletionKind::Category => Some("category".to_owned()),
                CompletionKind::ChallengeWord => None,
            };
            CompletionItem {
                label: candidate.clone(),
                kind,
                detail,
                documentation: None,
                replace: prefix,
                insert_text: candidate,
            }
        })
        .collect();
    Some(Completions {
        items,
        is_incomplete,
    })
}

/// The candidates that contain what is typed (any case), at most
/// [`MAX_COMPLETIONS`], and whether some were left out.
fn matching<T: AsRef<str>>(candidates: Vec<T>, typed: &str) -> (Vec<T>, bool) {
    let typed = typed.to_lowercase();
    let mut matching: Vec<T> = candidates
        .into_iter()
        .filter(|c| c.as_ref().to_lowercase().contains(&typed))
        .collect();
    let is_incomplete = matching.len() > MAX_COMPLETIONS;
    matching.truncate(MAX_COMPLETIONS);
    (matching, is_incomplete)
}

/// A slug's detail: the name of its term.
fn slug_detail(ws: &Glossary, slug: &str) -> Option<String> {
    let id = ws.index.term_by_slug(slug)?;
    let term = ws.slot(id)?.file.term().term.as_ref()?;
    Some(term.value.trim().to_owned())
}

/// In a doc, with `[docs] link` set: the slugs of the terms at a link
/// destination on the term-page path (`[text](/glossary/po|`), the slug
/// typed so far replaced, the pattern's suffix added unless it follows.
/// Judged on the line's text, not the parse: a link being typed is not
/// yet a link.
fn link_completion(ws: &Glossary, path: &Path, offset: usize) -> Option<Completions> {
    let link = ws.env.config.link.as_ref()?;
    let doc = ws.docs.get(path)?.body()?;
    let text = doc.text.as_str();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = doc.line_index.line_range_at(text, offset);
    let before = &text[line.start..offset];
    let open = match definition_destination_start(before) {
        Some(open) => open,
        None => before.rfind("](")? + 2,
    };
    let mut typed_start = line.start + open;
    if text[typed_start..offset].starts_with('<') {
        typed_start += 1;
    }
    let typed = &text[typed_start..offset];
    if typed.contains([')', '>', ' ']) {
        return None;
    }
    let slug_start = typed_start + link.slug_start(typed)?;
    // The rest of a slug already written after the cursor is replaced too.
    let after = &text[offset..line.end];
    let slug_end = offset
        + after
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
    let suffix = link.suffix.as_str();
    let has_suffix = suffix.is_empty() || text[slug_end..].starts_with(suffix);
    let (matching, is_incomplete) = matching(ws.sorted_slugs(), &text[slug_start..offset]);
    let items = matching
        .into_iter()
        .map(|slug| CompletionItem {
            label: slug.to_owned(),
            kind: CompletionKind::Slug,
            detail: slug_detail(ws, slug),
            documentation: None,
            replace: TextRange::new(slug_start, slug_end),
            insert_text: if has_suffix {
                slug.to_owned()
            } else {
                format!("{slug}{suffix}")
            },
        })
        .collect();
    Some(Completions {
        items,
        is_incomplete,
    })
}

/// Where the destination starts on a line that is a reference definition
/// being written (`[label]: /glossary/po`, indented 3 spaces at most): after
/// the label's `]:` and the blanks after it, if any (CommonMark needs none).
fn definition_destination_start(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 || !line[indent..].starts_with('[') {
        return None;
    }
    let close = gloss_core::prose::label_end(line, indent)?;
    // A label has a character other than a blank; `[^1]:` is a footnote.
    let label = &line[indent + 1..close];
    if label.trim().is_empty() || label.starts_with('^') {
        return None;
    }
    let rest = line[close + 1..].strip_prefix(':')?;
    let blanks = rest.len() - rest.trim_start().len();
    Some(close + 2 + blanks)
}

/// The suggested challenge words that start with what is typed (any case),
/// best first, each with its grade as the detail.
fn word_completions(ws: &Glossary, path: &Path, file: &TermFile, prefix: TextRange) -> Completions {
    let typed = file.text[prefix.start..prefix.end].to_ascii_uppercase();
    let items = crate::challenge_words::suggestions(ws, path, usize::MAX)
        .into_iter()
        .filter(|s| s.word.starts_with(&typed))
        .take(MAX_WORD_SUGGESTIONS)
        .map(|s| CompletionItem {
            label: s.word.clone(),
            kind: CompletionKind::ChallengeWord,
            detail: Some(crate::challenge_words::detail(&s)),
            documentation: Some(crate::challenge_words::documentation(&s)),
            replace: prefix,
            insert_text: s.word,
        })
        .collect();
    Completions {
        items,
        is_incomplete: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{at, fixture};

    #[test]
    fn completion_of_the_slug_in_a_link_to_a_term_page() {
        let mut fx = fixture();
        let relative = "docs/links.md";
        let text = "Read [the board](/glossary/kan and [a sprint](../glossary/spr/#faq).\n\
                    Not [elsewhere](https://example.com/glossary/kan) nor [x](/docs/kan.\n";
        fx.open(relative, text);
        let path = fx.path(relative);
        let cursor = at(text, "/glossary/kan") + "/glossary/kan".len();
        let Some(found) = completion(&fx.ws, &path, cursor) else {
            panic!("no completion after `/glossary/kan`");
        };
        let labels: Vec<&str> = found.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["kanban"]);
        let item = &found.items[0];
        assert_eq!(item.kind, CompletionKind::Slug);
        assert_eq!(item.detail.as_deref(), Some("Kanban"));
        // The typed slug is replaced; the pattern's `/` is added.
        assert_eq!(item.replace, TextRange::new(cursor - 3, cursor));
        assert_eq!(item.insert_text, "kanban/");
        // A relative link: the slug's rest after the cursor is replaced and
        // the `/` that follows is kept.
        let cursor = at(text, "../glossary/sp") + "../glossary/sp".len();
        let Some(found) = completion(&fx.ws, &path, cursor) else {
            panic!("no completion in a relative link");
        };
        let sprint = found.items.iter().find(|i| i.label == "sprint");
        let Some(sprint) = sprint else {
            panic!("{found:?}")
        };
        let slug_start = at(text, "spr/#faq");
        assert_eq!(sprint.replace, TextRange::new(slug_start, slug_start + 3));
        assert_eq!(sprint.insert_text, "sprint");
        // Every slug, when none is typed yet.
        let cursor = at(text, "/glossary/kan") + "/glossary/".len();
        let Some(found) = completion(&fx.ws, &path, cursor) else {
            panic!("no completion after `/glossary/`");
        };
        assert_eq!(found.items.len(), fx.ws.sorted_slugs().len());
        // Not in another site's URL, another path, the link text or prose.
        for (needle, len) in [
            ("example.com/glossary/kan", 24),
            ("/docs/kan", 9),
            ("the board", 5),
            ("Read", 2),
        ] {
            let cursor = at(text, needle) + len;
            assert_eq!(completion(&fx.ws, &path, cursor), None, "{needle}");
        }
    }

    #[test]
    fn completion_of_the_slug_in_a_reference_definition() {
        let mut fx = fixture();
        let relative = "docs/refs.md";
        let text = "See [the board].\n\n[the board]: /glossary/kan\n   [b\\]x]:  </glossary/spr\n\
                    [c] /glossary/kan\n    [d]: /glossary/kan\n[e]:/glossary/kan\n\
                    [ ]: /glossary/kan\n[^1]: /glossary/kan\n";
        fx.open(relative, text);
        let path = fx.path(relative);
        let first = |needle: &str| -> Option<(String, TextRange, String)> {
            let cursor = at(text, needle) + needle.len();
            completion(&fx.ws, &path, cursor)
                .and_then(|c| c.items.into_iter().next())
                .map(|i| (i.label, i.replace, i.insert_text))
        };
        let cursor = at(text, "]: /glossary/kan") + "]: /glossary/kan".len();
        assert_eq!(
            first("]: /glossary/kan"),
            Some((
                "kanban".to_owned(),
                TextRange::new(cursor - 3, cursor),
                "kanban/".to_owned()
            ))
        );
        // Indented, an escaped `]` in the label, the destination in `<>`.
        let cursor = at(text, "</glossary/spr") + "</glossary/spr".len();
        assert_eq!(
            first("</glossary/spr"),
            Some((
                "sprint".to_owned(),
                TextRange::new(cursor - 3, cursor),
                "sprint/".to_owned()
            ))
        );
        // No blank is needed after the colon.
        assert!(first("[e]:/glossary/kan").is_some());
        // Not a definition: no colon, indented as code, an empty label, a
        // footnote.
        assert_eq!(first("[c] /glossary/kan"), None);
        assert_eq!(first("[d]: /glossary/kan"), None);
        assert_eq!(first("[ ]: /glossary/kan"), None);
        assert_eq!(first("[^1]: /glossary/kan"), None);
    }

    #[test]
    fn link_completion_reads_the_text_as_written() {
        let mut fx = fixture();
        let relative = "docs/edge.md";
        let text = "[a](</glossary/kan>) [b](/glossary/product-manager/) [c](/glossary/kanè\n";
        fx.open(relative, text);
        let path = fx.path(relative);
        let labels = |offset: usize| -> Vec<(String, TextRange, String)> {
            completion(&fx.ws, &path, offset)
                .map(|c| {
                    c.items
                        .into_iter()
                        .map(|i| (i.label, i.replace, i.insert_text))
                        .collect()
                })
                .unwrap_or_default()
        };
        // An angle-bracketed destination.
        let cursor = at(text, "kan>") + 3;
        let found = labels(cursor);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, TextRange::new(cursor - 3, cursor));
        // The rest of a slug with `-` after the cursor is replaced, up to
        // the `/` that follows.
        let cursor = at(text, "product-manager/") + "prod".len();
        let found = labels(cursor);
        let pm = found.iter().find(|f| f.0 == "product-manager");
        let start = at(text, "product-manager/");
        assert_eq!(
            pm.map(|f| (f.1, f.2.as_str())),
            Some((TextRange::new(start, start + 15), "product-manager")),
            "{found:?}"
        );
        // A cursor inside a multi-byte character is moved back to its start.
        let cursor = at(text, "kanè") + 4;
        let found = labels(cursor);
        assert_eq!(
            found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
            ["kanban"]
        );
    }

    #[test]
    fn link_completion_sends_at_most_max_completions() {
        let extra = MAX_COMPLETIONS - 31;
        let mut fx = crate::fixture::fixture_with(|dir| {
            for i in 0..extra {
                let path = dir.join(format!("glossary/extra-{i:03}.yaml"));
                let text = format!("term: Extra {i}\ndefinition: An extra term.\n");
                std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
            }
        });
        assert_eq!(fx.ws.sorted_slugs().len(), MAX_COMPLETIONS);
        let relative = "docs/all.md";
        let text = "[x](/glossary/\n";
        fx.open(relative, text);
        let path = fx.path(relative);
        let cursor = text.len() - 1;
        let Some(found) = completion(&fx.ws, &path, cursor) else {
            panic!("no completion");
        };
        assert_eq!(found.items.len(), MAX_COMPLETIONS);
        assert!(!found.is_incomplete, "every slug was sent");
        fx.open(
            "glossary/one-more.yaml",
            "term: One More\ndefinition: One more term.\n",
        );
        let Some(found) = completion(&fx.ws, &path, cursor) else {
            panic!("no completion");
        };
        assert_eq!(found.items.len(), MAX_COMPLETIONS);
        assert!(found.is_incomplete, "one slug was left out");
    }

    #[test]
    fn completion_at_word_offers_the_suggestions_with_their_grade() {
        let mut fx = fixture();
        let original = fx.text("glossary/sprint.yaml");
        let text = original.replace("word: CADENCE", "word: ");
        assert_ne!(text, original);
        fx.open("glossary/sprint.yaml", &text);
        let file = fx.path("glossary/sprint.yaml");
        let cursor = at(&text, "word: ") + "word: ".len();
        let Some(found) = completion(&fx.ws, &file, cursor) else {
            panic!("no completion at `word:`");
        };
        let expected: Vec<String> =
            crate::challenge_words::suggestions(&fx.ws, &file, MAX_WORD_SUGGESTIONS)
                .into_iter()
                .map(|s| s.word)
                .collect();
        let labels: Vec<&str> = found.items.iter().map(|i| i.label.as_str()).collect();
        assert!(!labels.is_empty());
        assert_eq!(labels, expected);
        for item in &found.items {
            assert_eq!(item.kind, CompletionKind::ChallengeWord);
            let detail = item.detail.as_deref().unwrap_or_default();
            assert!(
                ["easy", "medium", "hard"]
                    .iter()
                    .any(|l| detail.starts_with(l)),
                "{detail}"
            );
            assert_eq!(item.replace, TextRange::empty(cursor));
        }
        // what is typed narrows the list, in any case
        let first = &labels[0][..2].to_ascii_lowercase();
        let typed = text.replace("word: \n", &format!("word: {first}\n"));
        fx.open("glossary/sprint.yaml", &typed);
        let cursor = at(&typed, "word: ") + "word: ".len() + 2;
        let Some(found) = completion(&fx.ws, &file, cursor) else {
            panic!("no completion after `word: {first}`");
        };
        assert!(!found.items.is_empty());
        assert!(
            found
                .items
                .iter()
                .all(|i| i.label.to_ascii_lowercase().starts_with(first.as_str()))
        );
        assert_eq!(found.items[0].replace, TextRange::new(cursor - 2, cursor));
        // `hint:` is not `word:`
        let hint = at(&typed, "hint: ") + "hint: ".len();
        assert_eq!(completion(&fx.ws, &file, hint), None);
    }

    #[test]
    fn completion_of_related_slugs_and_categories() {
        let mut fx = fixture();
        let text = "term: New Term\ncategory: ro\nrelated: [product-man\n";
        fx.open("glossary/new-term.yaml", text);
        let file = fx.path("glossary/new-term.yaml");
        let end_of_slug = at(text, "product-man") + "product-man".len();
        let Some(found) = completion(&fx.ws, &file, end_of_slug) else {
            panic!("no completion in `related`");
        };
        let labels: Vec<&str> = found.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["product-manager"]);
        assert!(!found.is_incomplete);
        let item = &found.items[0];
        assert_eq!(item.kind, CompletionKind::Slug);
        assert_eq!(item.detail.as_deref(), Some("Product Manager"));
        assert_eq!(item.insert_text, "product-manager");
        assert_eq!(
            item.replace,
            TextRange::new(at(text, "product-man"), end_of_slug)
        );
        let end_of_category = at(text, "ro\n") + 2;
        let Some(found) = completion(&fx.ws, &file, end_of_category) else {
            panic!("no completion in `category`");
        };
        let labels: Vec<&str> = found.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["role"]);
        assert_eq!(found.items[0].kind, CompletionKind::Category);
        assert_eq!(found.items[0].detail.as_deref(), Some("category"));
        // Nothing to complete in the term name.
        assert_eq!(completion(&fx.ws, &file, 8), None);
    }

    #[test]
    fn listed_slugs_and_the_own_slug_are_not_offered() {
        let mut fx = fixture();
        let text = "term: Kanban Copy\nrelated:\n  - kanban\n  - kan\n";
        fx.open("glossary/kanban-copy.yaml", text);
        let file = fx.path("glossary/kanban-copy.yaml");
        let Some(found) = completion(&fx.ws, &file, text.len() - 1) else {
            panic!("no completion in `related`");
        };
        let labels: Vec<&str> = found.items.iter().map(|i| i.label.as_str()).collect();
        assert!(!labels.contains(&"kanban"), "{labels:?}");
        assert!(!labels.contains(&"kanban-copy"), "{labels:?}");
        // Elsewhere in the glossary, `kanban` is offered for the same prefix.
        let other = "term: Other\nrelated:\n  - kan\n";
        fx.open("glossary/other.yaml", other);
        let Some(found) = completion(&fx.ws, &fx.path("glossary/other.yaml"), other.len() - 1)
        else {
            panic!("no completion in `related`");
        };
        let labels: Vec<&str> = found.items.iter().map(|i| i.label.as_str()).collect();
        assert!(labels.contains(&"kanban"), "{labels:?}");
        assert!(labels.contains(&"kanban-copy"), "{labels:?}");
    }

    #[test]
    fn completion_site_inside_related_only() {
        let text = "term: A\ncategory: ro\nrelated:\n  - b\n  - \nchallenge:\n  word: ABIDE\n";
        let broken = TermFile::from_text(
            "glossary/b.yaml",
            "term: B\nrelated: [product-ma\n".to_owned(),
        );
        assert!(matches!(
            completion_site(&broken, 27),
            Some(CompletionSite::Related { .. })
        ));
        let file = TermFile::from_text("glossary/a.yaml", text.to_owned());
        let in_list = text.find("  - \n").unwrap_or_default() + 4;
        assert!(matches!(
            completion_site(&file, in_list),
            Some(CompletionSite::Related { .. })
        ));
        let in_category = text.find("ro\n").unwrap_or_default() + 2;
        assert!(matches!(
            completion_site(&file, in_category),
            Some(CompletionSite::Category { .. })
        ));
        let in_challenge = text.find("ABIDE").unwrap_or_default();
        assert!(matches!(
            completion_site(&file, in_challenge),
            Some(CompletionSite::ChallengeWord { .. })
        ));
        let on_key = text.find("challenge:").unwrap_or_default() + "challenge:".len();
        assert!(completion_site(&file, on_key).is_none());
        let before_colon = text.find("word:").unwrap_or_default() + 2;
        assert!(completion_site(&file, before_colon).is_none());
    }
}
