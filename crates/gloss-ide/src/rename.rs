//! Rename a term's slug: its file and every `related` entry naming it.

use crate::hit::{Hit, hit_at};
use crate::{FileEdits, FileRename, SourceChange, TextEdit};
use gloss_core::TextRange;
use gloss_core::mentions::MentionIndex;
use gloss_workspace::Glossary;
use std::path::Path;

/// What a rename at the cursor would rename: the range in the request's
/// document and the current slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepareRename {
    pub range: TextRange,
    pub placeholder: String,
}

/// Rename works on slugs only: a `related` entry naming an existing term,
/// or the file's own `term`.
pub fn prepare_rename(
    ws: &Glossary,
    mentions: &MentionIndex,
    path: &Path,
    offset: usize,
) -> Option<PrepareRename> {
    match hit_at(ws, mentions, path, offset)? {
        Hit::Related { range, slug } if !ws.index.files_by_slug(&slug).is_empty() => {
            Some(PrepareRename {
                range,
                placeholder: slug,
            })
        }
        Hit::OwnName {
            range,
            file: Some(id),
        } => {
            let file = &ws.slot(id)?.file;
            let is_term = file.term().term.as_ref().is_some_and(|t| t.range == range);
            is_term.then(|| PrepareRename {
                range,
                placeholder: file.stem.clone(),
            })
        }
        _ => None,
    }
}

/// Why a rename cannot be done, for the user.
pub type RenameError = String;

/// The refusal of a rename anywhere but on a slug.
pub const NOT_A_SLUG: &str =
    "only a term's slug can be renamed: put the cursor on a `related` entry or on `term`";

/// Rename the slug at the cursor to `new_name`: an edit to every `related`
/// entry naming it (files in path order), then the file's rename.
pub fn rename(
    ws: &Glossary,
    mentions: &MentionIndex,
    path: &Path,
    offset: usize,
    new_name: &str,
) -> Result<SourceChange, RenameError> {
    let Some(PrepareRename {
        placeholder: old_slug,
        ..
    }) = prepare_rename(ws, mentions, path, offset)
    else {
        return Err(NOT_A_SLUG.to_owned());
    };
    let new_slug = new_name.trim();
    if new_slug.is_empty() || gloss_core::slug(new_slug) != new_slug {
        return Err(format!(
            "`{new_slug}` is not a slug: use lowercase words joined by hyphens, e.g. `{}`",
            gloss_core::slug(new_slug)
        ));
    }
    if !ws.index.files_by_slug(new_slug).is_empty() {
        return Err(format!("a term file with slug `{new_slug}` already exists"));
    }
    let Some(&target) = ws.index.files_by_slug(&old_slug).first() else {
        return Err(format!("no term file has slug `{old_slug}`"));
    };
    let mut edits: Vec<FileEdits> = ws
        .slots()
        .filter_map(|(_, slot)| {
            let edits: Vec<TextEdit> = slot
                .file
                .term()
                .related
                .iter()
                .filter(|r| r.value.trim() == old_slug)
                .map(|r| TextEdit {
                    range: r.range,
                    new_text: new_slug.to_owned(),
                })
                .collect();
            (!edits.is_empty()).then(|| FileEdits {
                path: slot.path.clone(),
                edits,
            })
        })
        .collect();
    edits.sort_by(|a, b| a.path.cmp(&b.path));
    let slot = ws
        .slot(target)
        .ok_or_else(|| format!("no term file has slug `{old_slug}`"))?;
    let extension = slot
        .path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("yaml");
    Ok(SourceChange {
        edits,
        rename: Some(FileRename {
            from: slot.path.clone(),
            to: slot.path.with_file_name(format!("{new_slug}.{extension}")),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{at, fixture};

    #[test]
    fn rename_a_slug_renames_the_file_and_every_related_entry() {
        let mut fx = fixture();
        let mentions = fx.mentions();
        let head = fx.path("glossary/head-of-product-operations.yaml");
        let head_text = fx.text("glossary/head-of-product-operations.yaml");
        let entry = at(&head_text, "product-operations-manager,");
        let entry_range = TextRange::new(entry, entry + 26);
        assert_eq!(
            prepare_rename(&fx.ws, &mentions, &head, entry + 2),
            Some(PrepareRename {
                range: entry_range,
                placeholder: "product-operations-manager".to_owned()
            })
        );
        // Prose is not renameable.
        let prose = at(&head_text, "definition:");
        let prose = prose + head_text[prose..].find('\n').unwrap_or_default() + 5;
        assert_eq!(prepare_rename(&fx.ws, &mentions, &head, prose), None);
        let change = rename(&fx.ws, &mentions, &head, entry + 2, "product-ops-manager");
        let Ok(change) = change else {
            panic!("{change:?}");
        };
        assert_eq!(
            change.rename,
            Some(FileRename {
                from: fx.path("glossary/product-operations-manager.yaml"),
                to: fx.path("glossary/product-ops-manager.yaml"),
            })
        );
        let edited: Vec<String> = change
            .edits
            .iter()
            .filter_map(|f| Some(f.path.file_name()?.to_str()?.to_owned()))
            .collect();
        assert_eq!(
            edited,
            [
                "customer-feedback-loop.yaml",
                "head-of-product-operations.yaml",
                "kanban.yaml",
                "product-manager.yaml",
                "product-tech-stack.yaml",
                "release-notes.yaml",
                "technical-program-manager.yaml"
            ]
        );
        let head_edit = change.edits.iter().find(|f| f.path == head);
        assert_eq!(
            head_edit.map(|f| f.edits.clone()),
            Some(vec![TextEdit {
                range: entry_range,
                new_text: "product-ops-manager".to_owned()
            }])
        );
    }

    #[test]
    fn rename_refuses_non_slugs_taken_slugs_and_prose() {
        let mut fx = fixture();
        let mentions = fx.mentions();
        let head = fx.path("glossary/head-of-product-operations.yaml");
        let head_text = fx.text("glossary/head-of-product-operations.yaml");
        let entry = at(&head_text, "product-operations-manager,");
        let refused = rename(&fx.ws, &mentions, &head, entry + 2, "Product Ops");
        assert!(
            refused
                .as_ref()
                .is_err_and(|m| m.contains("`Product Ops` is not a slug")),
            "{refused:?}"
        );
        let taken = rename(&fx.ws, &mentions, &head, entry + 2, "kanban");
        assert_eq!(
            taken,
            Err("a term file with slug `kanban` already exists".to_owned())
        );
        let prose = at(&head_text, "definition:");
        let prose = prose + head_text[prose..].find('\n').unwrap_or_default() + 5;
        assert_eq!(
            rename(&fx.ws, &mentions, &head, prose, "anything"),
            Err(NOT_A_SLUG.to_owned())
        );
    }

    #[test]
    fn the_own_term_is_renameable_but_an_alias_is_not() {
        let mut fx = fixture();
        let mentions = fx.mentions();
        let pom = fx.path("glossary/product-operations-manager.yaml");
        let text = fx.text("glossary/product-operations-manager.yaml");
        assert_eq!(
            prepare_rename(&fx.ws, &mentions, &pom, 8),
            Some(PrepareRename {
                range: TextRange::new(6, 32),
                placeholder: "product-operations-manager".to_owned()
            })
        );
        let alias = at(&text, "Product Ops Manager]");
        assert_eq!(prepare_rename(&fx.ws, &mentions, &pom, alias + 1), None);
    }
}
