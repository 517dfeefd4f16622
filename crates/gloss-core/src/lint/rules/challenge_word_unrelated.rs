use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};
use crate::text::{is_form_of, words};

pub const RULE: Rule = Rule {
    name: "challenge-word-unrelated",
    default_severity: Severity::Warning,
    summary: "the challenge word appears nowhere in the definition, context or FAQs",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A challenge word that appears in none of the term's definition, context,
FAQ questions or answers, not even in a simple form (`sprints` counts for
`SPRINT`, `planning` for `PLAN`).

## Why it matters
The challenge asks for "the related word": a reader who has just read the
page should be able to get there from it. A word the page never uses feels
arbitrary.

## Example
```yaml
term: Kanban
definition: Kanban is a method that moves work across a board ...
challenge:
  word: GUITAR
```

## Fix
Pick a word the page uses (`BOARD`), or work the word into the text where
it genuinely belongs.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    let used = cx
        .term()
        .prose()
        .any(|text| words(&text.value).any(|w| is_form_of(w, &upper)));
    if !used {
        out.push(Diagnostic::new(
            &RULE,
            word.range,
            format!("`{upper}` appears nowhere in the definition, context or FAQs: readers cannot get to it from the page"),
        ));
    }
}
