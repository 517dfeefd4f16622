use crate::diagnostic::Diagnostic;
use crate::line_index::TextRange;
use crate::lint::{Context, RuleCheck};
use crate::rule::PLACEHOLDER_TEXT as RULE;
use crate::term::Text;
use crate::yaml::ScalarStyle;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

pub const CHECK: RuleCheck = RuleCheck { rule: &RULE, check };

/// What `gloss new` writes as the challenge word.
const SCAFFOLD_WORD: &str = "ANSWER";

/// Findings reported per field. A pasted blob of placeholders would
/// otherwise give a finding per word, each rendered with its (long) line:
/// output quadratic in the length of the line.
const MAX_PER_FIELD: usize = 20;

/// Uppercase markers, flagged as whole words in exactly this case.
const MARKERS: [&str; 4] = ["TODO", "TBD", "FIXME", "XXX"];

/// Which field a text is, for messages; formatted only when a field has a
/// placeholder (most have none).
#[derive(Clone, Copy)]
enum Field {
    Term,
    Alias(usize),
    Category,
    Definition,
    Context,
    Question(usize),
    Answer(usize),
    Related(usize),
    Word,
    Hint,
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Term => f.write_str("`term`"),
            Self::Alias(idx) => write!(f, "alias {}", idx + 1),
            Self::Category => f.write_str("`category`"),
            Self::Definition => f.write_str("the definition"),
            Self::Context => f.write_str("the context"),
            Self::Question(idx) => write!(f, "FAQ {} question", idx + 1),
            Self::Answer(idx) => write!(f, "FAQ {} answer", idx + 1),
            Self::Related(idx) => write!(f, "related entry {}", idx + 1),
            Self::Word => f.write_str("the challenge word"),
            Self::Hint => f.write_str("the challenge hint"),
        }
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let term = cx.term();
    check_scaffold_word(cx, out);
    // Most files have no candidate anywhere: one scan of the whole text
    // settles that, instead of one per field.
    if candidates().is_none_or(|matcher| matcher.find(cx.text).is_none()) {
        return;
    }
    let mut scan = |text: &Text, field: Field| scan_field(cx.text, text, field, out);
    if let Some(text) = &term.term {
        scan(text, Field::Term);
    }
    for (idx, alias) in term.aliases.iter().enumerate() {
        scan(alias, Field::Alias(idx));
    }
    if let Some(text) = &term.category {
        scan(text, Field::Category);
    }
    if let Some(text) = &term.definition {
        scan(text, Field::Definition);
    }
    if let Some(text) = &term.context {
        scan(text, Field::Context);
    }
    for (idx, faq) in term.faqs.iter().enumerate() {
        if let Some(text) = &faq.question {
            scan(text, Field::Question(idx));
        }
        if let Some(text) = &faq.answer {
            scan(text, Field::Answer(idx));
        }
    }
    for (idx, slug) in term.related.iter().enumerate() {
        scan(slug, Field::Related(idx));
    }
    let challenge = term.challenge.as_ref();
    if let Some(word) = challenge.and_then(|c| c.word.as_ref()) {
        scan(word, Field::Word);
    }
    if let Some(hint) = challenge.and_then(|c| c.hint.as_ref()) {
        scan(hint, Field::Hint);
    }
}

fn check_scaffold_word(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let challenge = cx.term().challenge.as_ref();
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
fn scan_field(source: &str, text: &Text, field: Field, out: &mut Vec<Diagnostic>) {
    let Some(written) = source.get(text.range.start..text.range.end) else {
        return;
    };
    let found = placeholders(written, text.style == ScalarStyle::DoubleQuoted);
    let n_found = found.len();
    for (idx, (range, found)) in found.into_iter().take(MAX_PER_FIELD).enumerate() {
        let range = TextRange::new(text.range.start + range.start, text.range.start + range.end);
        let mut message = match found {
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
        if idx + 1 == MAX_PER_FIELD && n_found > MAX_PER_FIELD {
            let more = n_found - MAX_PER_FIELD;
            message.push_str(&format!(
                " ({more} more placeholder{} in {field} not reported)",
                if more == 1 { "" } else { "s" }
            ));
        }
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

/// How "lorem" and "placeholder" are written to count. A fixed set of
/// spellings rather than any case: an automaton of exact patterns scans every
/// field of a 10k-term glossary (21 MB) in about 1.5 ms, an ASCII
/// case-insensitive one in 35 ms.
const LOREM: [&str; 3] = ["lorem", "Lorem", "LOREM"];
const BRACKETED: [&str; 9] = [
    "[placeholder",
    "[Placeholder",
    "[PLACEHOLDER",
    "<placeholder",
    "<Placeholder",
    "<PLACEHOLDER",
    "{placeholder",
    "{Placeholder",
    "{PLACEHOLDER",
];

/// Every candidate; [`placeholders`] checks word boundaries and what follows.
fn candidates() -> Option<&'static AhoCorasick> {
    static MATCHER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    MATCHER
        .get_or_init(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostFirst)
                .build(MARKERS.iter().chain(&LOREM).chain(&BRACKETED))
                .ok()
        })
        .as_ref()
}

/// Whether the word starting at `start` has a word boundary before it. In a
/// double-quoted string `\tTODO` is a tab, then the word `TODO`: the escape
/// letter (not `\x`/`\u`, whose hex digits follow) counts as a boundary.
fn boundary_before(text: &str, start: usize, double_quoted: bool) -> bool {
    let Some(prev) = text[..start].chars().next_back() else {
        return true;
    };
    if !is_word_char(prev) {
        return true;
    }
    if !double_quoted || !prev.is_ascii_alphabetic() || matches!(prev, 'x' | 'u' | 'U') {
        return false;
    }
    let backslashes = text[..start - 1]
        .bytes()
        .rev()
        .take_while(|&b| b == b'\\')
        .count();
    backslashes % 2 == 1
}

fn boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// Every placeholder in `text`, with its range in `text`, in order: one
/// automaton scan, then a constant amount of work per candidate, so linear
/// in the length of the text.
fn placeholders(text: &str, double_quoted: bool) -> Vec<(TextRange, Found<'_>)> {
    let mut found = Vec::new();
    let Some(matcher) = candidates() else {
        return found;
    };
    for hit in matcher.find_iter(text) {
        let (start, end) = (hit.start(), hit.end());
        let word = &text[start..end];
        if let Some(open) = word.bytes().next().filter(|b| b"[<{".contains(b)) {
            let close = match open {
                b'[' => b']',
                b'<' => b'>',
                _ => b'}',
            };
            if text.as_bytes().get(end) == Some(&close) {
                found.push((
                    TextRange::new(start, end + 1),
                    Found::Bracketed(&text[start..=end]),
                ));
            }
            continue;
        }
        if !boundary_before(text, start, double_quoted) || !boundary_after(text, end) {
            continue;
        }
        if MARKERS.contains(&word) {
            found.push((TextRange::new(start, end), Found::Marker(word)));
        } else {
            let after = &text[end..];
            let gap = after.len() - after.trim_start().len();
            let ipsum_end = end + gap + "ipsum".len();
            let is_ipsum = gap > 0
                && after[gap..]
                    .get(..5)
                    .is_some_and(|w| w.eq_ignore_ascii_case("ipsum"))
                && boundary_after(text, ipsum_end);
            if is_ipsum {
                found.push((
                    TextRange::new(start, ipsum_end),
                    Found::Lorem(&text[start..ipsum_end]),
                ));
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

    /// The findings of one definition of `n` TODOs.
    fn todos(n: usize) -> Vec<Diagnostic> {
        let value = vec!["TODO"; n].join(" ");
        let source = format!("definition: {value}\n");
        let text = Text {
            value,
            range: TextRange::new(12, source.len() - 1),
            style: ScalarStyle::Plain,
        };
        let mut out = Vec::new();
        scan_field(&source, &text, Field::Definition, &mut out);
        out
    }

    #[test]
    fn a_field_reports_twenty_placeholders_and_counts_the_rest() {
        let plain = "`TODO` placeholder in the definition: replace it with the real text";
        let exactly = todos(MAX_PER_FIELD);
        assert_eq!(exactly.len(), MAX_PER_FIELD);
        assert!(exactly.iter().all(|d| d.message == plain));
        for (n, note) in [
            (
                MAX_PER_FIELD + 1,
                " (1 more placeholder in the definition not reported)",
            ),
            (
                MAX_PER_FIELD + 3,
                " (3 more placeholders in the definition not reported)",
            ),
        ] {
            let found = todos(n);
            assert_eq!(found.len(), MAX_PER_FIELD, "{n}");
            let last = 12 + (MAX_PER_FIELD - 1) * 5;
            assert_eq!(
                found[MAX_PER_FIELD - 1].range,
                TextRange::new(last, last + 4)
            );
            assert_eq!(found[MAX_PER_FIELD - 1].message, format!("{plain}{note}"));
            assert!(
                found[..MAX_PER_FIELD - 1]
                    .iter()
                    .all(|d| d.message == plain)
            );
        }
    }

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
    fn an_escape_letter_is_a_boundary_only_where_it_escapes() {
        let found = |text: &str, double_quoted: bool| -> Vec<String> {
            placeholders(text, double_quoted)
                .into_iter()
                .map(|(r, _)| text[r.start..r.end].to_owned())
                .collect()
        };
        // Plain text has no escapes: `\n` is a backslash and an `n`.
        assert!(found("a\\nTODO", false).is_empty());
        // `\x` and `\u` take hex digits after them, not a word.
        assert!(found("\"a\\xTODO\"", true).is_empty());
        assert!(found("\"a\\uTODO\"", true).is_empty());
        assert!(found("\"a\\UTODO\"", true).is_empty());
        // An escaped backslash before a letter escapes nothing.
        assert!(found("\"a\\\\nTODO\"", true).is_empty());
        assert_eq!(found("\"a\\nTODO\"", true), ["TODO"]);
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
