//! The query layer of gloss: what the language server answers, computed
//! over the live glossary ([`gloss_workspace::Glossary`]) and returned as
//! plain data.
//!
//! No protocol type appears here. Positions come in as byte offsets into a
//! document and every answer is made of paths, [`FileId`]s, byte ranges
//! ([`TextRange`]), text edits and small enums; the server converts
//! protocol positions to offsets and these answers back (UTF-16 or UTF-8
//! columns, URIs, protocol values). Queries never lint: the ones that
//! show findings (the challenge hover, code actions) take the file's
//! diagnostics from the caller, who can cache them per document version.
//!
//! One module per feature: [`hover`], [`goto`], [`references`],
//! [`rename`], [`completion`], [`symbols`], [`code_actions`], [`lens`],
//! [`challenge_words`] (suggested challenge words);
//! [`hit`] finds what the cursor is on, for all of them.

pub mod challenge_words;
pub mod code_actions;
pub mod completion;
pub mod goto;
pub mod hit;
pub mod hover;
pub mod lens;
pub mod markdown;
pub mod references;
pub mod rename;
pub mod symbols;

#[cfg(test)]
mod fixture;

use gloss_core::TextRange;
use std::path::PathBuf;

pub use gloss_core::FileId;

/// A range in one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileRange {
    pub path: PathBuf,
    pub range: TextRange,
}

/// Replace `range` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// The edits to one file; ranges refer to the file's current text and
/// never overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEdits {
    pub path: PathBuf,
    pub edits: Vec<TextEdit>,
}

/// Rename a file (after the text edits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRename {
    pub from: PathBuf,
    pub to: PathBuf,
}

/// A change to the workspace: text edits by file (in path order when
/// there are several), then at most one file rename.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceChange {
    pub edits: Vec<FileEdits>,
    pub rename: Option<FileRename>,
}
