use crate::Severity;
use crate::challenge::DictionaryStatus;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};

pub const RULE: Rule = Rule {
    name: "challenge-word-not-in-dictionary",
    default_severity: Severity::Warning,
    summary: "neither the built-in dictionary nor `extra-words` has the challenge word",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A challenge word that is neither in gloss's built-in English dictionary
(derived from SCOWL, the word lists behind Debian's `wamerican`) nor in
the project's `challenge.extra-words` file.

## Why it matters
The game only accepts dictionary words as guesses. A reader who types the
right answer would see it refused, and the reference solver cannot reason
about a word it has never seen.

## Example
```yaml
challenge:
  word: KANBAN
```

## Fix
Add domain words to the file named by `challenge.extra-words` (one word a
line), or pick a dictionary word.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    if !crate::challenge::is_playable(&upper) {
        return;
    }
    if cx.env.dictionary.status(&upper) == DictionaryStatus::Unknown {
        out.push(Diagnostic::new(
            &RULE,
            word.range,
            format!(
                "`{upper}` is not in the dictionary: players' guesses of it would be refused (add it to `challenge.extra-words`)"
            ),
        ));
    }
}
