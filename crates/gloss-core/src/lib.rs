//! gloss-core: the term model, YAML parsing with spans, configuration, the
//! glossary index, lint rules and the challenge engine. No IO: callers hand
//! in text and get data back.

pub mod diagnostic;
pub mod line_index;
pub mod lint;
pub mod slug;
pub mod yaml;

pub use diagnostic::{Diagnostic, Edit, Fix, Related, Severity};
pub use line_index::{Encoding, LineCol, LineIndex, ProtoPos, TextRange};
pub use slug::slug;
