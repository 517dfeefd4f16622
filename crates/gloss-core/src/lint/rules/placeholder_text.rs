use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::line_index::TextRange;
use crate::lint::{Context, Rule};
use crate::term::Text;
use crate::yaml::ScalarStyle;

pub const RULE: Rule = Rule {
    name: "placeholder-text",
    default_severity: Severity::Error,
    summary: "placeholder text (`TODO`, `TBD`, lorem ipsum, the `gloss new` scaffold) left in a field",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
Placeholder text in any field of a term file: `term`, `aliases`,
`category`, `definition`, `context`, every FAQ question and answer,
`related`, and the challenge `word` and `hint`. One finding per
occurrence, on the placeholder itself:

- the markers `TODO`, `TBD`, `FIXME` and `XXX` as whole words, in capitals
  only ("a to-do list", "Todo app" and "TODOs" are prose, not markers);
- "lorem ipsum" in any case, also across a line break;
- the word "placeholder" in brackets: `[placeholder]`, `<placeholder>` or
  `{placeholder}` in any case (the bare word is ordinary prose, e.g. in a UI
  glossary);
- the challenge word `ANSWER`, which `gloss new` writes as its placeholder.

A new term from `gloss new` has `TODO` in its definition, context, FAQ
questions and answers and `ANSWER` as its challenge word, so it fails
lint until every one of them is replaced. YAML comments are never
checked, and escapes in double-quoted strings are read as written.

## Why it matters
A placeholder that reaches the site is a broken page: readers see "TODO"
where the definition should be, search engines index it, and the
challenge asks players to guess `ANSWER`.

## Example
```yaml
term: Net Revenue Retention
definition: >-
  Net Revenue Retention is TODO.
faqs:
  - question: TODO question 1 about Net Revenue Retention?
    answer: Lorem ipsum dolor sit amet.
challenge:
  word: ANSWER
```

## Fix
Write the real text in place of each placeholder, and choose a challenge
word related to the term. If the term really is about such a word (a
glossary of programming terms defining `TODO`), quote it in another way or
turn the rule off for that glossary in `gloss.toml`.
"#,
};

/// What `gloss new` writes as the challenge word.
const SCAFFOLD_WORD: &str = "ANSWER";

/// Uppercase markers, flagged as whole words in exactly this case.
const MARKERS: [&str; 4] = ["TODO", "TBD", "FIXME", "XXX"];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let term = cx.term();
    let mut fields: Vec<(&Text, String)> = Vec::new();
    if let Some(text) = &term.term {
        fields.push((text, "`term`".to_owned()));
    }
    for (idx, alias) in term.aliases.iter().enumerate() {
        fields.push((alias, format!("alias {}", idx + 1)));
    }
    if let Some(text) = &term.category {
        fields.push((text, "`category`".to_owned()));
    }
    if let Some(text) = &term.definition {
        fields.push((text, "the definition".to_owned()));
    }
    if let Some(text) = &term.context {
        fields.push((text, "the context".to_owned()));
    }
    for (idx, faq) in term.faqs.iter().enumerate() {
        if let Some(text) = &faq.question {
            fields.push((text, format!("FAQ {} question", idx + 1)));
        }
        if let Some(text) = &faq.answer {
            fields.push((text, format!("FAQ {} answer", idx + 1)));
        }
    }
    for (idx, slug) in term.related.iter().enumerate() {
        fields.push((slug, format!("related entry {}", idx + 1)));
    }
    let challenge = term.challenge.as_ref();
    if let Some(word) = challenge.and_then(|c| c.word.as_ref()) {
        fields.push((word, "the challenge word".to_owned()));
    }
    if let Some(hint) = challenge.and_then(|c| c.hint.as_ref()) {
        fields.push((hint, "the challenge hint".to_owned()));
    }
    for (text, field) in fields {
        scan_field(cx.text, text, &field, out);
    }
    if let Some(word) = challenge.and_then(|c| c.word.as_ref())
        && word.value.trim().eq_ignore_ascii_case(SCAFFOLD_WORD)
    {
        let range = find_written(cx.text, word.range, SCAFFOLD_WORD).unwrap_or(word.range);
        out.push(Diagnostic::new(
            &RULE,
            range,
            format!(
                "the challenge word `{}` is the `gloss new` placeholder: choose a word related to the term",
                word.value.trim()
            ),
        ));
    }
}

/// Report every placeholder in the source of one field. The source is
/// scanned rather than the value so that each finding points at the
/// placeholder itself, whatever the scalar style (block, folded, quoted).
fn scan_field(source: &str, text: &Text, field: &str, out: &mut Vec<Diagnostic>) {
    let Some(written) = source.get(text.range.start..text.range.end) else {
        return;
    };
    for (range, found) in placeholders(written, text.style == ScalarStyle::DoubleQuoted) {
        let range = TextRange::new(text.range.start + range.start, text.range.start + range.end);
        let message = match found {
            Found::Marker(marker) => {
                format!("`{marker}` placeholder in {field}: replace it with the real text")
            }
            Found::Lorem(words) => format!(
                "`{}` placeholder text in {field}: replace it with the real text",
                words.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            Found::Bracketed(words) => {
                format!("`{words}` placeholder in {field}: replace it with the real text")
            }
        };
        out.push(Diagnostic::new(&RULE, range, message));
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Found<'a> {
    Marker(&'a str),
    Lorem(&'a str),
    Bracketed(&'a str),
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every placeholder in `text`, with its range in `text`, in order. One pass
/// over the words of the text: linear in its length.
fn placeholders(text: &str, double_quoted: bool) -> Vec<(TextRange, Found<'_>)> {
    let mut found = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let Some(skip) = rest.find(is_word_char) else {
            break;
        };
        let mut start = pos + skip;
        let len = text[start..]
            .find(|c: char| !is_word_char(c))
            .unwrap_or(text.len() - start);
        let end = start + len;
        pos = end;
        // In a double-quoted string `\tTODO` is a tab, then the word `TODO`:
        // step over the escape letter (not `\x`/`\u`, whose hex digits follow).
        let backslashes = text[..start]
            .bytes()
            .rev()
            .take_while(|&b| b == b'\\')
            .count();
        if double_quoted
            && backslashes % 2 == 1
            && len > 1
            && !text[start..].starts_with(['x', 'u', 'U'])
        {
            start += 1;
        }
        let word = &text[start..end];
        if MARKERS.contains(&word) {
            found.push((TextRange::new(start, end), Found::Marker(word)));
        } else if word.eq_ignore_ascii_case("lorem") {
            let after = &text[end..];
            let gap = after.len() - after.trim_start().len();
            let next = &after[gap..];
            let ipsum_end = end + gap + "ipsum".len();
            if gap > 0
                && next
                    .get(..5)
                    .is_some_and(|w| w.eq_ignore_ascii_case("ipsum"))
                && !next[5..].starts_with(is_word_char)
            {
                found.push((
                    TextRange::new(start, ipsum_end),
                    Found::Lorem(&text[start..ipsum_end]),
                ));
                pos = ipsum_end;
            }
        } else if word.eq_ignore_ascii_case("placeholder") {
            let open = text[..start].chars().next_back();
            let close = text[end..].chars().next();
            let bracketed = matches!(
                (open, close),
                (Some('['), Some(']')) | (Some('<'), Some('>')) | (Some('{'), Some('}'))
            );
            if bracketed {
                let range = TextRange::new(start - 1, end + 1);
                found.push((range, Found::Bracketed(&text[range.start..range.end])));
            }
        }
    }
    found
}

/// Where `value` is written inside `range` of the source, any case.
fn find_written(source: &str, range: TextRange, value: &str) -> Option<TextRange> {
    let written = source.get(range.start..range.end)?;
    let at = written.to_ascii_uppercase().find(value)?;
    Some(TextRange::new(
        range.start + at,
        range.start + at + value.len(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        placeholders(text, false)
            .into_iter()
            .map(|(r, _)| &text[r.start..r.end])
            .collect()
    }

    #[test]
    fn markers_are_whole_uppercase_words() {
        assert_eq!(words("X is TODO."), ["TODO"]);
        assert_eq!(words("TODO question 1 about X?"), ["TODO"]);
        assert_eq!(words("TBD, FIXME: XXX"), ["TBD", "FIXME", "XXX"]);
        assert_eq!(words("(TODO)"), ["TODO"]);
        assert!(words("a todo list, a Todo app, TODOs, to-do, TBDs, XXXL, _TODO").is_empty());
    }

    #[test]
    fn lorem_ipsum_in_any_case_and_across_lines() {
        assert_eq!(words("Lorem ipsum dolor"), ["Lorem ipsum"]);
        assert_eq!(words("x LOREM\n  IPSUM"), ["LOREM\n  IPSUM"]);
        assert!(words("Loremipsum, lorem, ipsum, lorem ipsums").is_empty());
    }

    #[test]
    fn only_bracketed_placeholder() {
        assert_eq!(
            words("[placeholder] <Placeholder> {PLACEHOLDER}"),
            ["[placeholder]", "<Placeholder>", "{PLACEHOLDER}"]
        );
        assert!(words("a placeholder shows a hint; (placeholder) [placeholder text]").is_empty());
    }

    #[test]
    fn escapes_in_double_quoted_strings() {
        let text = "\"a\\tTODO\\nTBD\"";
        let found: Vec<&str> = placeholders(text, true)
            .into_iter()
            .map(|(r, _)| &text[r.start..r.end])
            .collect();
        assert_eq!(found, ["TODO", "TBD"]);
        assert!(placeholders("\"\\x41TODO\"", true).is_empty());
        assert!(placeholders("\"\\\\TODO\"", true).len() == 1);
    }

    #[test]
    fn non_ascii_text_is_scanned_on_char_boundaries() {
        assert_eq!(words("é TODO ü lorem ipsum"), ["TODO", "lorem ipsum"]);
        assert!(words("ÉTODO").is_empty());
    }
}
