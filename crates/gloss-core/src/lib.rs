//! gloss-core: the term model, YAML parsing with spans, configuration, the
//! glossary index, lint rules and the challenge engine. No IO: callers hand
//! in text and get data back.

pub mod challenge;
pub mod config;
pub mod config_keys;
pub mod diagnostic;
pub mod file;
pub mod fix;
pub mod index;
pub mod line_index;
pub mod lint;
pub mod mentions;
pub mod names;
pub mod prose;
pub mod rule;
pub mod slug;
pub mod suggest;
pub mod term;
pub mod text;
pub mod yaml;

pub use config::Config;
pub use diagnostic::{ActionData, Diagnostic, Edit, Fix, Related};
pub use file::TermFile;
pub use index::{FileId, GlossaryIndex};
pub use line_index::{Encoding, LineCol, LineIndex, ProtoPos, TextRange};
pub use rule::{Applicability, Family, Rule, Severity};
pub use slug::slug;
