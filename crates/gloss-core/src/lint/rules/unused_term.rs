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

/// Add the finding for a term nothing uses to `diagnostics` (a term file's
/// findings, kept in range order), with its configured severity; nothing
/// when the file could not be parsed (`syntax_failed`) or names no term,
/// or the rule is off.
pub fn add_to(
    term: &Term,
    syntax_failed: bool,
    diagnostics: &mut Vec<Diagnostic>,
    config: &crate::config::Config,
) {
    if syntax_failed || term.term.is_none() {
        return;
    }
    let mut found = vec![diagnostic(term)];
    crate::lint::apply_severities(&mut found, config);
    diagnostics.extend(found);
    diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::term::Text;

    fn named(name: &str) -> Term {
        Term {
            term: Some(Text {
                value: name.to_owned(),
                range: crate::TextRange::new(6, 6 + name.len()),
                style: crate::yaml::ScalarStyle::Plain,
            }),
            ..Term::default()
        }
    }

    #[test]
    fn add_to_adds_the_finding_with_its_severity_unless_it_cannot_apply() {
        let config = Config::parse("[rules]\nunused-term = \"warning\"\n").expect("config");
        let mut found = Vec::new();
        add_to(&named("Velocity"), false, &mut found, &config);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "unused-term");
        assert_eq!(found[0].severity, crate::Severity::Warning);
        assert_eq!(found[0].range, crate::TextRange::new(6, 14));
        // A file that could not be parsed, or names no term: nothing.
        let mut found = Vec::new();
        add_to(&named("Velocity"), true, &mut found, &config);
        add_to(&Term::default(), false, &mut found, &config);
        assert!(found.is_empty());
        // The rule off (its default): nothing.
        add_to(&named("Velocity"), false, &mut found, &Config::default());
        assert!(found.is_empty());
    }
}
