//! The example glossary and the language server's test docs, loaded as the
//! server loads a workspace, for the query tests.

use gloss_core::mentions::MentionIndex;
use gloss_core::{Diagnostic, TextRange};
use gloss_workspace::Glossary;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub ws: Glossary,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name()))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

/// A fresh copy of the example glossary, `gloss.toml` and the docs of
/// `tests/fixtures/lsp/docs`, loaded.
pub fn fixture() -> Fixture {
    fixture_with(|_| {})
}

/// As [`fixture`], after `prepare` changed the copy on disk.
pub fn fixture_with(prepare: impl FnOnce(&Path)) -> Fixture {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let repo = repo();
    copy_dir(&repo.join("glossary"), &dir.path().join("glossary"));
    copy_dir(
        &repo.join("tests/fixtures/lsp/docs"),
        &dir.path().join("docs"),
    );
    // The shipped config, with its docs pointed at the test docs (the
    // shipped one selects the example site).
    let config = std::fs::read_to_string(repo.join("gloss.toml"))
        .unwrap_or_else(|e| panic!("gloss.toml: {e}"))
        .replace(r#"docs = ["site/**/*.md"]"#, r#"docs = ["docs/**/*.md"]"#);
    assert!(config.contains(r#"docs = ["docs/**/*.md"]"#), "{config}");
    std::fs::write(dir.path().join("gloss.toml"), config)
        .unwrap_or_else(|e| panic!("gloss.toml: {e}"));
    prepare(dir.path());
    let ws = Glossary::load(dir.path(), None);
    Fixture { dir, ws }
}

impl Fixture {
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn text(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    pub fn mentions(&mut self) -> Arc<MentionIndex> {
        self.ws.mentions()
    }

    /// The current findings of a term file, as the server reads them.
    pub fn diagnostics(&self, relative: &str) -> Vec<Diagnostic> {
        match self.ws.diagnostics(&self.path(relative)) {
            Some(found) => found.to_vec(),
            None => panic!("no term file {relative}"),
        }
    }

    /// Open `relative` in the "editor" with `text`.
    pub fn open(&mut self, relative: &str, text: &str) {
        let path = self.path(relative);
        self.ws.open_doc(&path, text.to_owned(), 1);
    }
}

/// The byte offset of `needle` in `text`.
pub fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the text"))
}

/// The range of `needle` in `text`.
pub fn range_of(text: &str, needle: &str) -> TextRange {
    let start = at(text, needle);
    TextRange::new(start, start + needle.len())
}
