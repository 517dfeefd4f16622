//! Challenge word suggestions and previews of a candidate word: what
//! `gloss challenge TERM --suggest` / `--word WORD` and the language
//! server's completion at `word:` offer.
//!
//! A candidate is a word of the page itself — the definition, the context,
//! the FAQ answers, and the names and definitions of the related terms — of
//! an allowed length and in the answer list. It is kept only when every
//! challenge rule passes for it: the term file is checked as if its
//! challenge word were the candidate, with the very checks `gloss lint`
//! runs (configured severities, rules turned off skipped), so a suggestion
//! never gives the term away, is never another term's word, never blocked,
//! never graded beyond the target. Kept candidates are ranked by how far
//! their grade is from `challenge.difficulty`, then by where they occur
//! (definition first), then by how often.
//!
//! The work is bounded: at most [`MAX_CANDIDATES`] distinct words are
//! checked, in page order; grades of built-in answers come from the
//! embedded solver tables.

use std::collections::HashMap;

use serde::Serialize;

use crate::challenge::{Grade, is_playable};
use crate::diagnostic::Diagnostic;
use crate::line_index::TextRange;
use crate::lint::{CHECKS, Context, check_file};
use crate::rule::{Family, MISSING_CHALLENGE};
use crate::term::{Challenge, ParsedTerm, Term, Text};
use crate::text::words;
use crate::yaml::ScalarStyle;

/// At most this many distinct candidate words are checked and graded per
/// suggestion list (the first ones in page order).
pub const MAX_CANDIDATES: usize = 200;

/// Function words and other words that carry no meaning of their own: a
/// challenge "related to" the term is never one of them. Lowercase, sorted.
const FUNCTION_WORDS: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "among",
    "another",
    "anyone",
    "anything",
    "around",
    "back",
    "became",
    "because",
    "become",
    "becomes",
    "been",
    "before",
    "behind",
    "being",
    "below",
    "between",
    "both",
    "cannot",
    "could",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "enough",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "few",
    "first",
    "from",
    "further",
    "gets",
    "give",
    "given",
    "gives",
    "goes",
    "going",
    "have",
    "having",
    "here",
    "herself",
    "himself",
    "however",
    "instead",
    "into",
    "itself",
    "just",
    "keep",
    "keeps",
    "last",
    "less",
    "like",
    "made",
    "make",
    "makes",
    "many",
    "might",
    "more",
    "most",
    "much",
    "must",
    "myself",
    "near",
    "need",
    "needs",
    "never",
    "next",
    "none",
    "often",
    "once",
    "only",
    "onto",
    "other",
    "others",
    "otherwise",
    "ours",
    "over",
    "perhaps",
    "quite",
    "rather",
    "really",
    "same",
    "second",
    "seem",
    "seems",
    "several",
    "shall",
    "should",
    "since",
    "some",
    "someone",
    "something",
    "sometimes",
    "still",
    "such",
    "take",
    "takes",
    "than",
    "that",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "thing",
    "things",
    "third",
    "this",
    "those",
    "though",
    "three",
    "through",
    "thus",
    "together",
    "too",
    "toward",
    "towards",
    "under",
    "unless",
    "until",
    "upon",
    "used",
    "uses",
    "using",
    "usually",
    "very",
    "want",
    "wants",
    "well",
    "were",
    "what",
    "whatever",
    "when",
    "whenever",
    "where",
    "whether",
    "which",
    "while",
    "whole",
    "whom",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yours",
    "yourself",
];

fn is_function_word(lower: &str) -> bool {
    FUNCTION_WORDS.binary_search(&lower).is_ok()
}

/// Where a candidate occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Definition,
    Context,
    FaqAnswer,
    RelatedName,
    RelatedDefinition,
}

impl Field {
    /// The field as docs and JSON name it: `definition`, `faq-answer`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Definition => "definition",
            Field::Context => "context",
            Field::FaqAnswer => "faq-answer",
            Field::RelatedName => "related-name",
            Field::RelatedDefinition => "related-definition",
        }
    }
}

/// The first place a candidate occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub field: Field,
    /// The FAQ's index (0-based) for [`Field::FaqAnswer`].
    pub faq: Option<usize>,
    /// The related term's slug for the related fields.
    pub related: Option<String>,
    /// The field's value in its file (this file, or the related term's).
    #[serde(skip)]
    pub range: TextRange,
    /// A few words of the text around the candidate.
    pub excerpt: String,
}

impl Source {
    /// `definition`, `FAQ 2 answer`, `related term product-manager (definition)`.
    pub fn describe(&self) -> String {
        match (self.field, &self.related) {
            (Field::FaqAnswer, _) => format!("FAQ {} answer", self.faq.unwrap_or(0) + 1),
            (Field::RelatedName, Some(slug)) => format!("related term `{slug}` (name)"),
            (Field::RelatedDefinition, Some(slug)) => format!("related term `{slug}` (definition)"),
            (field, _) => field.name().to_owned(),
        }
    }
}

/// One suggested challenge word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The word, uppercase.
    pub word: String,
    pub grade: Grade,
    /// Where it first occurs.
    pub source: Source,
    /// How many times it occurs across the sources.
    pub occurrences: usize,
}

/// A related term of the page: its slug and its parsed term.
pub type RelatedTerm<'a> = (&'a str, &'a Term);

/// Every diagnostic the file would have if its challenge word were `word`
/// (the file itself unchanged): what `gloss challenge TERM --word WORD`
/// reports. The word takes the place of the current one, or of the
/// `challenge` key when there is none.
pub fn check_with_word(cx: &Context<'_>, word: &str) -> Vec<Diagnostic> {
    let parsed = with_word(cx.parsed, word);
    check_file(&Context {
        parsed: &parsed,
        ..*cx
    })
}

/// Up to `limit` suggestions for the term of `cx`, best first.
pub fn suggest(cx: &Context<'_>, related: &[RelatedTerm<'_>], limit: usize) -> Vec<Suggestion> {
    let current = cx.challenge_word().map(|(_, upper)| upper);
    let mut candidates: Vec<(String, Source, usize)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let lengths = &cx.config.challenge.lengths;
    let dict = &cx.env.dictionary;
    for (text, field, faq, slug) in sources(cx.term(), related) {
        for (at, word) in word_offsets(&text.value) {
            if !lengths.contains(&word.len())
                || !is_playable(word)
                || is_function_word(&word.to_ascii_lowercase())
            {
                continue;
            }
            let upper = word.to_ascii_uppercase();
            if current.as_deref() == Some(upper.as_str()) {
                continue;
            }
            if let Some(&idx) = seen.get(&upper) {
                candidates[idx].2 += 1;
                continue;
            }
            if !dict.is_answer(&upper) || candidates.len() >= MAX_CANDIDATES {
                continue;
            }
            seen.insert(upper.clone(), candidates.len());
            let source = Source {
                field,
                faq,
                related: slug.map(str::to_owned),
                range: text.range,
                excerpt: excerpt(&text.value, at, word.len()),
            };
            candidates.push((upper, source, 1));
        }
    }

    let mut parsed = with_word(cx.parsed, "");
    let target = cx.config.challenge.difficulty;
    let mut kept = Vec::new();
    for (word, source, occurrences) in candidates {
        set_word(&mut parsed, &word);
        let trial = Context {
            parsed: &parsed,
            ..*cx
        };
        if fails_a_challenge_rule(&trial) {
            continue;
        }
        let Some(grade) = cx.env.grade(&word) else {
            continue;
        };
        kept.push(Suggestion {
            word,
            grade,
            source,
            occurrences,
        });
    }
    kept.sort_by(|a, b| {
        let key = |s: &Suggestion| (s.grade.level.distance(target), s.source.field);
        key(a)
            .cmp(&key(b))
            .then(b.occurrences.cmp(&a.occurrences))
            .then(a.grade.points.cmp(&b.grade.points))
            .then(a.word.cmp(&b.word))
    });
    kept.truncate(limit);
    kept
}

/// Whether any challenge rule (at its configured severity) has a finding
/// for the file as it is in `cx`.
pub fn fails_a_challenge_rule(cx: &Context<'_>) -> bool {
    let mut found = Vec::new();
    for rule_check in CHECKS {
        if rule_check.rule.family == Family::Challenge
            && cx.config.severity(rule_check.rule).is_some()
        {
            (rule_check.check)(cx, &mut found);
            if !found.is_empty() {
                return true;
            }
        }
    }
    false
}

type SourceText<'a> = (&'a Text, Field, Option<usize>, Option<&'a str>);

/// The texts candidates are drawn from, in ranking order.
fn sources<'a>(term: &'a Term, related: &'a [RelatedTerm<'a>]) -> Vec<SourceText<'a>> {
    let mut out: Vec<SourceText<'a>> = Vec::new();
    out.extend(
        term.definition
            .iter()
            .map(|t| (t, Field::Definition, None, None)),
    );
    out.extend(term.context.iter().map(|t| (t, Field::Context, None, None)));
    for (i, faq) in term.faqs.iter().enumerate() {
        out.extend(
            faq.answer
                .iter()
                .map(|t| (t, Field::FaqAnswer, Some(i), None)),
        );
    }
    for (slug, other) in related {
        out.extend(
            other
                .names()
                .map(|t| (t, Field::RelatedName, None, Some(*slug))),
        );
    }
    for (slug, other) in related {
        out.extend(
            other
                .definition
                .iter()
                .map(|t| (t, Field::RelatedDefinition, None, Some(*slug))),
        );
    }
    out
}

/// The words of `text` with their byte offsets.
fn word_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    words(text).map(move |w| (w.as_ptr() as usize - base, w))
}

/// Up to 30 bytes either side of the word, cut at word boundaries, on one
/// line, with `…` where text was left out.
fn excerpt(text: &str, at: usize, len: usize) -> String {
    const SIDE: usize = 30;
    let mut start = at.saturating_sub(SIDE);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > 0
        && let Some(space) = text[start..at].find(char::is_whitespace)
    {
        start += space + 1;
    }
    let mut end = (at + len + SIDE).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len()
        && let Some(space) = text[at + len..end].rfind(char::is_whitespace)
    {
        end = at + len + space;
    }
    let body = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "{}{body}{}",
        if start > 0 { "…" } else { "" },
        if end < text.len() { "…" } else { "" }
    )
}

/// `parsed` with its challenge word replaced by `word` (a `challenge` added
/// when there is none), and without the parser's `missing-challenge`.
fn with_word(parsed: &ParsedTerm, word: &str) -> ParsedTerm {
    let mut parsed = parsed.clone();
    parsed
        .diagnostics
        .retain(|d| d.rule != MISSING_CHALLENGE.name);
    set_word(&mut parsed, word);
    parsed
}

fn set_word(parsed: &mut ParsedTerm, word: &str) {
    let challenge = parsed.term.challenge.get_or_insert_with(|| Challenge {
        key_range: TextRange::empty(0),
        word: None,
        hint: None,
    });
    let range = challenge
        .word
        .as_ref()
        .map_or(challenge.key_range, |w| w.range);
    challenge.word = Some(Text {
        value: word.to_owned(),
        range,
        style: ScalarStyle::Plain,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_word_boundaries() {
        let text = "A Sprint is a short, fixed period in which a team delivers working product to its users every time.";
        let at = text.find("team").unwrap_or_default();
        let cut = excerpt(text, at, 4);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("a team delivers"), "{cut}");
        assert_eq!(excerpt("plan the sprint", 9, 6), "plan the sprint");
        // multi-byte text around the word never splits a character
        let text = "ééééééééééééééééééééé board ééééééééééééééééééé";
        let at = text.find("board").unwrap_or_default();
        assert!(excerpt(text, at, 5).contains("board"));
        assert_eq!(excerpt("a\n  b\tboard", 7, 5), "a b board");
    }

    #[test]
    fn excerpts_are_exact_on_both_sides() {
        let text = "A Sprint is a short, fixed period in which a team delivers working product to its users every time.";
        let at = text.find("team").unwrap_or_default();
        assert_eq!(
            excerpt(text, at, 4),
            "…fixed period in which a team delivers working product to…"
        );
        // No space to cut at within reach, and the 30 bytes end inside a
        // two-byte `é`: the cut moves to the next character on the left
        // side and to the previous one on the right.
        let before = format!("{}-board", "é".repeat(20));
        let at = before.find("board").unwrap_or_default();
        assert_eq!(
            excerpt(&before, at, 5),
            format!("…{}-board", "é".repeat(14))
        );
        let after = format!("board-{}", "é".repeat(20));
        assert_eq!(excerpt(&after, 0, 5), format!("board-{}…", "é".repeat(14)));
    }

    #[test]
    fn function_words_are_sorted_lowercase_and_recognised() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            FUNCTION_WORDS
                .iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
        );
        assert!(is_function_word("which") && is_function_word("because"));
        assert!(!is_function_word("sprint") && !is_function_word("Which"));
    }

    #[test]
    fn word_offsets_point_at_the_words() {
        let text = "Plan, then build: ship!";
        for (at, word) in word_offsets(text) {
            assert_eq!(&text[at..at + word.len()], word);
        }
        assert_eq!(word_offsets(text).count(), 4);
    }

    #[test]
    fn sources_describe_themselves() {
        let source = |field, faq, related: Option<&str>| Source {
            field,
            faq,
            related: related.map(str::to_owned),
            range: TextRange::empty(0),
            excerpt: String::new(),
        };
        assert_eq!(
            source(Field::Definition, None, None).describe(),
            "definition"
        );
        assert_eq!(source(Field::Context, None, None).describe(), "context");
        assert_eq!(
            source(Field::FaqAnswer, Some(1), None).describe(),
            "FAQ 2 answer"
        );
        assert_eq!(
            source(Field::RelatedName, None, Some("scrum")).describe(),
            "related term `scrum` (name)"
        );
        assert_eq!(
            source(Field::RelatedDefinition, None, Some("scrum")).describe(),
            "related term `scrum` (definition)"
        );
    }
}
