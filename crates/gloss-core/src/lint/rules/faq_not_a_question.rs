use crate::diagnostic::{Diagnostic, Fix};
use crate::line_index::TextRange;
use crate::lint::{Context, RuleCheck};
use crate::rule::FAQ_NOT_A_QUESTION as RULE;
use crate::term::Text;
use crate::yaml::ScalarStyle;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for faq in &cx.term().faqs {
        let Some(question) = &faq.question else {
            continue;
        };
        let value = question.value.trim_end();
        if value.is_empty() || value.ends_with(['?', '？', '¿']) {
            continue;
        }
        let mut diagnostic =
            Diagnostic::new(&RULE, question.range, "this question does not end with `?`");
        if let Some(fix) = question_mark_fix(cx.text, question) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

/// Insert `?` after the last character of the question as written, or turn
/// a final `.` into `?`. No fix when the source does not end the way the
/// value does (escapes, odd quoting): better none than a wrong one.
fn question_mark_fix(text: &str, question: &Text) -> Option<Fix> {
    let written = text.get(question.range.start..question.range.end)?;
    let content_end = match question.style {
        ScalarStyle::Plain | ScalarStyle::Block => written.trim_end().len(),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
            let inner = written.get(..written.len().checked_sub(1)?)?;
            inner.trim_end().len()
        }
    };
    let last = written.get(..content_end)?.chars().next_back()?;
    let value_last = question.value.trim_end().chars().next_back()?;
    if last != value_last {
        return None;
    }
    let at = question.range.start + content_end;
    if last == '.' {
        // A plain `.` would become `?`, which YAML reads as a key indicator.
        if question.style == ScalarStyle::Plain && content_end == 1 {
            return None;
        }
        return Some(Fix::edit(
            "replace the final `.` with `?`",
            TextRange::new(at - 1, at),
            "?",
        ));
    }
    if last == ':' || last == '#' {
        return None;
    }
    Some(Fix::edit("append `?`", TextRange::empty(at), "?"))
}
