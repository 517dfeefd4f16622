use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Rule};

pub const RULE: Rule = Rule {
    name: "challenge-too-hard",
    default_severity: Severity::Info,
    summary: "the reference solver needs more than `max-guesses` guesses",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A challenge word that gloss's reference solver — a deterministic,
entropy-greedy player over the answer list — does not find within
`challenge.max-guesses` (default 6).

## Why it matters
Words with many close neighbours (`_ATCH`: batch, catch, hatch, latch,
match, patch, watch) defeat even a perfect strategy; readers who lose
after doing everything right do not come back for the next term.

## Example
```yaml
challenge:
  word: HATCH
```

## Fix
Pick a word with fewer look-alikes. `gloss challenge TERM` shows the
solver's game for the current word.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((word, upper)) = cx.challenge_word() else {
        return;
    };
    if !crate::challenge::is_playable(&upper) || cx.env.dictionary.is_blocked(&upper) {
        return;
    }
    let Some((guesses, found)) = cx.env.solver_guesses(&upper) else {
        return;
    };
    let max = cx.config.challenge.max_guesses;
    if found && guesses <= max {
        return;
    }
    let how = if found {
        format!("needs {guesses} guesses")
    } else {
        format!("does not find it in {guesses} guesses")
    };
    out.push(Diagnostic::new(
        &RULE,
        word.range,
        format!("the reference solver {how}; the game allows {max} (`challenge.max-guesses`)"),
    ));
}
