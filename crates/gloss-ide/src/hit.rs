//! What the cursor is on: the first step of hover, definition, references
//! and rename.

use gloss_core::mentions::{Mention, MentionIndex};
use gloss_core::{FileId, TextRange};
use gloss_workspace::{DocText, Glossary};
use std::path::Path;

/// What the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    /// A mention of a term or alias, resolved to the files defining it:
    /// every term whose mention covers the cursor, the longest mention's
    /// first ("the Kubernetes API server" offers Kubernetes API and API
    /// server). `range` is the longest mention's.
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
            mention_hit(mentions, &mentions.at(&file.text, offset, prose))
        }
        DocText::Doc(doc) => mention_hit(
            mentions,
            &mentions.at_in_prose(&doc.text, &doc.parsed.prose, offset),
        ),
    }
}

/// The hit of the mentions covering the cursor (longest first): their
/// files in that order, each once.
fn mention_hit(mentions: &MentionIndex, covering: &[Mention]) -> Option<Hit> {
    let range = covering.first()?.range;
    let mut files: Vec<FileId> = Vec::new();
    for mention in covering {
        for &file in mentions.files(mention) {
            if !files.contains(&file) {
                files.push(file);
            }
        }
    }
    Some(Hit::Mention { range, files })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{at, fixture_with};
    use crate::references::references;

    fn term_file(name: &str, slug: &str) -> String {
        format!(
            "term: {name}\ndefinition: {name} is a thing.\nfaqs: []\nchallenge:\n  word: SPRINT\n# {slug}\n"
        )
    }

    /// Terms of the cases, and a doc mentioning them in prose and
    /// outside it.
    fn with_cluster() -> crate::fixture::Fixture {
        fixture_with(|dir| {
            for (name, slug) in [
                ("Kubernetes API", "kubernetes-api"),
                ("API server", "api-server"),
                ("Container", "container"),
                ("Image", "image"),
            ] {
                std::fs::write(
                    dir.join(format!("glossary/{slug}.yaml")),
                    term_file(name, slug),
                )
                .unwrap_or_else(|e| panic!("{slug}: {e}"));
            }
            std::fs::write(
                dir.join("docs/cluster.md"),
                "---\nreviewers: [container]\n---\n# Images {#image-pull}\n\nThe Kubernetes API server pulls a container image.\nSee [images](/docs/images/container-image/) and `image: x`.\n",
            )
            .unwrap_or_else(|e| panic!("cluster.md: {e}"));
        })
    }

    fn names_at(
        fx: &crate::fixture::Fixture,
        mentions: &MentionIndex,
        doc: &Path,
        offset: usize,
    ) -> Vec<String> {
        let Some(hit) = hit_at(&fx.ws, mentions, doc, offset) else {
            return Vec::new();
        };
        targets(&fx.ws, &hit)
            .into_iter()
            .filter_map(|id| fx.ws.slot(id))
            .filter_map(|slot| slot.file.term().term.as_ref().map(|t| t.value.clone()))
            .collect()
    }

    #[test]
    fn every_term_covering_the_cursor_is_offered_longest_first() {
        let mut fx = with_cluster();
        let mentions = fx.mentions();
        let doc = fx.path("docs/cluster.md");
        let text = fx.text("docs/cluster.md");
        let api = at(&text, "API server pulls") + 1;
        assert_eq!(
            names_at(&fx, &mentions, &doc, api),
            ["Kubernetes API", "API server"]
        );
        let server = at(&text, "server pulls") + 1;
        assert_eq!(names_at(&fx, &mentions, &doc, server), ["API server"]);
        let image = at(&text, "image.\n") + 1;
        assert_eq!(names_at(&fx, &mentions, &doc, image), ["Image"]);
        let container = at(&text, "container image") + 1;
        assert_eq!(names_at(&fx, &mentions, &doc, container), ["Container"]);
        // Nothing outside prose: front matter, heading id, link
        // destination, inline code.
        for outside in ["container]", "image-pull", "images/container", "image: x"] {
            let offset = at(&text, outside) + 1;
            assert!(
                names_at(&fx, &mentions, &doc, offset).is_empty(),
                "{outside}"
            );
        }
        // The heading's own text is prose.
        assert_eq!(
            names_at(&fx, &mentions, &doc, at(&text, "Images") + 1),
            ["Image"]
        );
    }

    #[test]
    fn references_of_either_overlapping_term_find_the_shared_text() {
        let mut fx = with_cluster();
        let mentions = fx.mentions();
        let doc = fx.path("docs/cluster.md");
        let text = fx.text("docs/cluster.md");
        let shared = at(&text, "API server pulls");
        for (needle, mentioned) in [
            ("Kubernetes API", "Kubernetes API"),
            ("server pulls", "API server"),
        ] {
            let on = at(&text, needle) + 1;
            let found: Vec<&str> = references(&fx.ws, &mentions, &doc, on, false)
                .iter()
                .filter(|r| r.path == doc)
                .map(|r| &text[r.range.start..r.range.end])
                .collect();
            assert_eq!(found, [mentioned], "{needle}");
            let covers_shared = references(&fx.ws, &mentions, &doc, on, false)
                .iter()
                .any(|r| r.path == doc && r.range.contains(shared + 1));
            assert!(covers_shared, "{needle}");
        }
    }
}
