//! The workspace layer of gloss, shared by `gloss lint` and `gloss lsp`:
//! finding and loading `gloss.toml`, finding and reading term files and
//! Markdown docs, and the live glossary (every file, the index, incremental
//! updates). It does IO; `gloss-core` stays pure and the protocol stays in
//! the server.

pub mod config;
pub mod glossaries;
pub mod glossary;
pub mod paths;
pub mod read;
pub mod usage;
pub mod walk;

pub use glossaries::Glossaries;
pub use glossary::{
    Checker, DocBody, DocText, Glossary, Kind, MdDoc, OpenDoc, Slot, SourceText, Target, UsageDone,
    UsageJob,
};

/// Helpers shared by the unit tests of this crate.
#[cfg(test)]
mod test_support {
    use std::path::Path;

    /// Writes `text` to `path`, creating its parent directories.
    pub fn write(path: &Path, text: &str) -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)
    }
}
