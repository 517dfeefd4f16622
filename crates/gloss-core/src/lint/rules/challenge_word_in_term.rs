use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};
use crate::text::{is_form_of, words};

pub const RULE: Rule = Rule {
    name: "challenge-word-in-term",
    default_severity: Severity::Error,
    summary: "the challenge word is (or is a form of) a word of the term or an alias",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A challenge word that is a word of the term or of an alias, in any case or
a simple form of it (plural, `-ed`, `-ing`, `-er`).

## Why it matters
The prompt reads "Mastered Sprint Review? Now try to guess the related
6-letter word!" right above the board: a word taken from the term gives
itself away.

## Example
```yaml
term: Sprint Review
challenge:
  word: SPRINT
```

## Fix
Pick a word the term's definition, context or FAQs use but its name does
not: `DEMOS`, `INSPECT`.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    for name in cx.term().names() {
        if let Some(hit) = words(&name.value).find(|w| is_form_of(w, &upper)) {
            out.push(Diagnostic::new(
                &RULE,
                word.range,
                format!(
                    "`{upper}` gives itself away: the term's name `{}` contains `{hit}`",
                    name.value.trim()
                ),
            ));
            return;
        }
    }
}
