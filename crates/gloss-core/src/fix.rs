//! Applying fixes to the original text: only the edited spans change, so
//! comments, quoting and layout survive.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// The result of applying a file's fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// How many diagnostics' fixes went in whole.
    pub n_fixed: usize,
    /// The first file rename asked for, if any.
    pub rename_to: Option<String>,
}

/// Apply the fixes of `diagnostics` that are at most as unsafe as `allowed`
/// (`Safe`: safe fixes only; `Unsafe`: all) to `text`. A fix whose edits
/// overlap an earlier accepted fix (or each other), or fall outside the
/// text or inside a character, is skipped whole; a second run picks it up.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], allowed: Applicability) -> Applied {
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut n_fixed = 0;
    let mut rename_to = None;
    for fix in diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| fix.applies_at(allowed))
    {
        let valid = fix.edits.iter().all(|e| {
            e.range.start <= e.range.end
                && e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        });
        let overlap = |e: &Edit, a: &Edit| {
            e.range.start < a.range.end && a.range.start < e.range.end
                || e.range.start == a.range.start
        };
        // A fix's own edits never overlap by contract; one that breaks it is
        // skipped rather than applied out of order.
        let clashes = fix.edits.iter().enumerate().any(|(i, e)| {
            accepted.iter().any(|a| overlap(e, a))
                || fix.edits[..i].iter().any(|earlier| overlap(e, earlier))
        });
        if !valid || clashes {
            continue;
        }
        if let Some(name) = &fix.rename_to {
            if rename_to.is_some() {
                continue;
            }
            rename_to = Some(name.clone());
        }
        accepted.extend(&fix.edits);
        n_fixed += 1;
    }
    accepted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for edit in accepted {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.new_text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    Applied {
        text: out,
        n_fixed,
        rename_to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TextRange;
    use crate::diagnostic::Fix;
    use crate::rule::FAQ_NOT_A_QUESTION as RULE;

    fn fixing(range: TextRange, new_text: &str) -> Diagnostic {
        Diagnostic::new(&RULE, range, "x").with_fix(Fix::edit("d", range, new_text))
    }

    #[test]
    fn edits_apply_and_overlaps_are_skipped() {
        let text = "abc def ghi";
        let applied = apply_fixes(
            text,
            &[
                fixing(TextRange::empty(3), "?"),
                fixing(TextRange::new(8, 11), "GHI"),
                fixing(TextRange::new(9, 10), "X"),
                fixing(TextRange::new(40, 41), "out of range"),
            ],
            Applicability::Safe,
        );
        assert_eq!(applied.text, "abc? def GHI");
        assert_eq!(applied.n_fixed, 2);
    }

    #[test]
    fn edits_that_only_touch_both_apply_in_either_order() {
        let text = "abc def";
        let first = fixing(TextRange::new(0, 3), "ABC");
        let second = fixing(TextRange::new(3, 4), "_");
        for diagnostics in [[first.clone(), second.clone()], [second, first]] {
            let applied = apply_fixes(text, &diagnostics, Applicability::Safe);
            assert_eq!(applied.text, "ABC_def");
            assert_eq!(applied.n_fixed, 2);
        }
    }

    #[test]
    fn edits_inside_a_character_are_refused() {
        let text = "é";
        let applied = apply_fixes(
            text,
            &[fixing(TextRange::empty(1), "?")],
            Applicability::Safe,
        );
        assert_eq!(applied.text, text);
        assert_eq!(applied.n_fixed, 0);
    }

    #[test]
    fn unsafe_fixes_apply_only_when_allowed() {
        let text = "related: [kanbam]";
        let guess = fixing(TextRange::new(10, 16), "kanban");
        let guess = Diagnostic {
            fix: guess
                .fix
                .map(|f| f.with_applicability(Applicability::Unsafe)),
            ..guess
        };
        let diagnostics = [guess, fixing(TextRange::empty(0), "# ")];
        let safe_only = apply_fixes(text, &diagnostics, Applicability::Safe);
        assert_eq!(safe_only.text, "# related: [kanbam]");
        assert_eq!(safe_only.n_fixed, 1);
        let all = apply_fixes(text, &diagnostics, Applicability::Unsafe);
        assert_eq!(all.text, "# related: [kanban]");
        assert_eq!(all.n_fixed, 2);
    }
}
