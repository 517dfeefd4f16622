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
pub mod walk;

pub use glossaries::Glossaries;
pub use glossary::{Checker, DocText, Glossary, Kind, MdDoc, OpenDoc, Slot, Target};
