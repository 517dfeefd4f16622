//! `unused-term`: a finding on a term file, from every doc and term file
//! read at once ([`crate::lint::docs::Usage`]).

use crate::diagnostic::Diagnostic;
use crate::rule::UNUSED_TERM as RULE;
use crate::term::Term;

/// The finding for a term that nothing uses, on its name (or its file's
/// start when it has none).
pub fn diagnostic(term: &Term) -> Diagnostic {
    let (range, name) = match &term.term {
        Some(t) => (t.range, t.value.trim().to_owned()),
        None => (crate::TextRange::new(0, 0), "this term".to_owned()),
    };
    Diagnostic::new(
        &RULE,
        range,
        format!("no doc and no other term mentions or links `{name}`"),
    )
}
