//! The mention index: where a text names a glossary term or alias.
//!
//! Matching ignores case (the one folding of [`crate::text::fold_char`],
//! which `definition-missing-term` uses too), on word boundaries, with a
//! simple plural or possessive (`s`, `es`, `'s`) allowed after the name; a
//! run of whitespace in the text (a line break in folded YAML) matches the
//! single space of a name, and the longest name wins where names overlap
//! ("Product Ops Manager" over "Product Ops"). One multi-pattern automaton
//! holds every name, so a scan costs the same for 10 or 10,000 terms.

use crate::index::{FileId, GlossaryIndex, name_key};
use crate::line_index::TextRange;
use crate::text::fold_char;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::BTreeMap;

/// One mention found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The mention in the scanned text, plural suffix included.
    pub range: TextRange,
    /// Which name: an index for [`MentionIndex::name`] and
    /// [`MentionIndex::files`].
    pub name_idx: usize,
}

/// Every term name and alias of a glossary, ready to scan texts with.
#[derive(Debug, Clone, Default)]
pub struct MentionIndex {
    matcher: Option<AhoCorasick>,
    /// Name keys (see [`name_key`]), one per pattern.
    names: Vec<String>,
    /// The files defining each name.
    files: Vec<Vec<FileId>>,
}

/// Suffixes a mention may carry, tried longest first.
const SUFFIXES: [&str; 4] = ["'s", "\u{2019}s", "es", "s"];

/// How far around an offset [`MentionIndex::at`] looks; longer names are
/// still found by a full scan.
const WINDOW: usize = 512;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl MentionIndex {
    /// An index of `(name, file)` pairs; names are keyed like
    /// [`GlossaryIndex::sites_by_name`] (trimmed, lowercase, inner
    /// whitespace collapsed). Empty names are skipped.
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a str, FileId)>) -> Self {
        let mut grouped: BTreeMap<String, Vec<FileId>> = BTreeMap::new();
        for (name, file) in names {
            let key = name_key(name);
            if key.is_empty() {
                continue;
            }
            let files = grouped.entry(key).or_default();
            if !files.contains(&file) {
                files.push(file);
            }
        }
        let (names, files): (Vec<String>, Vec<Vec<FileId>>) = grouped.into_iter().unzip();
        let matcher = if names.is_empty() {
            None
        } else {
            // Names are keys, already folded; the text is folded as it is
            // scanned.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&names)
                .ok()
        };
        Self {
            matcher,
            names,
            files,
        }
    }

    /// Every term and alias of a glossary index.
    pub fn from_glossary(glossary: &GlossaryIndex) -> Self {
        Self::new(
            glossary
                .names()
                .flat_map(|(name, sites)| sites.iter().map(move |site| (name, site.file))),
        )
    }

    pub fn n_names(&self) -> usize {
        self.names.len()
    }

    /// The name key a mention matched.
    pub fn name(&self, mention: &Mention) -> &str {
        self.names.get(mention.name_idx).map_or("", String::as_str)
    }

    /// The files that define the name a mention matched.
    pub fn files(&self, mention: &Mention) -> &[FileId] {
        self.files.get(mention.name_idx).map_or(&[], Vec::as_slice)
    }

    /// Every mention in `text`, in order, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Mention> {
        self.find_in(text, TextRange::new(0, text.len()))
    }

    /// Every mention inside `range` of `text` (word boundaries are judged
    /// on the whole text), in order, not overlapping.
    pub fn find_in(&self, text: &str, range: TextRange) -> Vec<Mention> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let end = floor_char_boundary(text, range.end.min(text.len())).max(start);
        let (normalized, offsets) = fold_and_collapse_whitespace(&text[start..end], start);
        let mut candidates: Vec<Mention> = Vec::new();
        for found in matcher.find_overlapping_iter(&normalized) {
            let from = offsets[found.start()];
            let to = offsets[found.end()];
            // A match must not start or end inside a collapsed run, nor
            // inside a multi-byte character (folding is one character for
            // one, so it never does, but the offsets must stay on char
            // boundaries regardless).
            if !text.is_char_boundary(from) || !text.is_char_boundary(to) {
                continue;
            }
            let before_ok = text[..from]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
            if !before_ok {
                continue;
            }
            let Some(to) = word_end(text, to, end) else {
                continue;
            };
            candidates.push(Mention {
                range: TextRange::new(from, to),
                name_idx: found.pattern().as_usize(),
            });
        }
        candidates.sort_by(|a, b| {
            (a.range.start, std::cmp::Reverse(a.range.end))
                .cmp(&(b.range.start, std::cmp::Reverse(b.range.end)))
        });
        let mut mentions: Vec<Mention> = Vec::new();
        for candidate in candidates {
            if mentions
                .last()
                .is_none_or(|last| candidate.range.start >= last.range.end)
            {
                mentions.push(candidate);
            }
        }
        mentions
    }

    /// The mention covering byte `offset` of `text` (its end included, so a
    /// cursor right after a word still finds it), looking only inside
    /// `within`.
    pub fn at(&self, text: &str, offset: usize, within: TextRange) -> Option<Mention> {
        let from = within.start.max(offset.saturating_sub(WINDOW));
        let to = within.end.min(offset.saturating_add(WINDOW));
        if from > to {
            return None;
        }
        self.find_in(text, TextRange::new(from, to))
            .into_iter()
            .find(|m| m.range.start <= offset && offset < m.range.end.max(m.range.start + 1))
    }
}

/// The end of a mention whose name ends at `at`: after an optional suffix,
/// provided a word boundary follows. `None` when the name runs on into a
/// longer word.
fn word_end(text: &str, at: usize, limit: usize) -> Option<usize> {
    let rest = &text[at..];
    let boundary = |s: &str| s.chars().next().is_none_or(|c| !is_word_char(c));
    for suffix in SUFFIXES {
        if rest.len() >= suffix.len()
            && rest.is_char_boundary(suffix.len())
            && rest[..suffix.len()].eq_ignore_ascii_case(suffix)
            && boundary(&rest[suffix.len()..])
            && at + suffix.len() <= limit.max(at)
        {
            return Some(at + suffix.len());
        }
    }
    boundary(rest).then_some(at)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `slice` [folded](fold_char) with every whitespace run turned into one
/// space, and for each byte of the result (plus one past the end) its
/// offset in the original text (`base` is the slice's own offset). A run
/// maps to where it starts, so a match ending before a run ends where the
/// word does; every byte of a folded character maps to the start of the
/// character it stands for (a folded character may be longer or shorter in
/// UTF-8 than the original: `K` → `k`).
fn fold_and_collapse_whitespace(slice: &str, base: usize) -> (String, Vec<usize>) {
    let mut normalized = String::with_capacity(slice.len());
    let mut offsets = Vec::with_capacity(slice.len() + 1);
    let mut in_space = false;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                normalized.push(' ');
                offsets.push(base + i);
                in_space = true;
            }
            continue;
        }
        in_space = false;
        let folded = fold_char(c);
        normalized.push(folded);
        if folded.len_utf8() == c.len_utf8() {
            offsets.extend((0..c.len_utf8()).map(|k| base + i + k));
        } else {
            offsets.extend(std::iter::repeat_n(base + i, folded.len_utf8()));
        }
    }
    offsets.push(base + slice.len());
    (normalized, offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> MentionIndex {
        MentionIndex::new([
            ("Product Operations Manager", 0),
            ("Product Ops Manager", 0),
            ("Product Manager", 1),
            ("PM", 1),
            ("Process", 2),
            ("Manager", 3),
        ])
    }

    fn found(text: &str) -> Vec<(&str, String)> {
        let index = index();
        index
            .find_all(text)
            .iter()
            .map(|m| (&text[m.range.start..m.range.end], index.name(m).to_owned()))
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            found("Ask the Product Ops Manager."),
            vec![("Product Ops Manager", "product ops manager".to_owned())]
        );
        assert_eq!(
            found("a product manager and a manager"),
            vec![
                ("product manager", "product manager".to_owned()),
                ("manager", "manager".to_owned())
            ]
        );
    }

    #[test]
    fn word_boundaries_and_plurals() {
        assert_eq!(
            found("PMs and PM's"),
            vec![("PMs", "pm".to_owned()), ("PM's", "pm".to_owned())]
        );
        assert_eq!(
            found("processes"),
            vec![("processes", "process".to_owned())]
        );
        assert!(found("PMO, npm, Managerial").is_empty());
        assert_eq!(found("the_pm"), Vec::<(&str, String)>::new());
    }

    #[test]
    fn line_breaks_inside_a_name() {
        let text = "the Product Ops\n    Manager owns it";
        assert_eq!(
            found(text),
            vec![("Product Ops\n    Manager", "product ops manager".to_owned())]
        );
    }

    #[test]
    fn falls_back_to_a_shorter_name_when_the_longer_runs_on() {
        // "Product Managerial" is not "Product Manager"; nothing shorter fits either.
        assert!(found("Product Managerial").is_empty());
        assert_eq!(found("Managers"), vec![("Managers", "manager".to_owned())]);
    }

    #[test]
    fn at_finds_the_mention_under_the_cursor() {
        let index = index();
        let text = "🙂 用語 the PM owns it";
        let at = text.find("PM").unwrap_or_default();
        let mention = index.at(text, at + 1, TextRange::new(0, text.len()));
        assert_eq!(mention.map(|m| m.range), Some(TextRange::new(at, at + 2)));
        assert_eq!(mention.map(|m| index.files(&m).to_vec()), Some(vec![1]));
        assert!(index.at(text, 0, TextRange::new(0, text.len())).is_none());
        assert!(index.at(text, 999, TextRange::new(0, text.len())).is_none());
    }

    /// `definition-missing-term` (through `text::mentions`) and hover or
    /// references (through the mention index) agree on what names a term,
    /// in both directions of case, for non-ASCII names too.
    #[test]
    fn the_rule_and_the_index_agree_on_non_ascii_names() {
        let cases = [
            // (name, text, names it)
            ("Écran", "L'écran affiche la page.", true),
            ("écran", "L'Écran affiche la page.", true),
            ("écran", "Un ÉCRAN tactile.", true),
            ("ÉCRAN", "un écran tactile", true),
            ("Écran", "Un Écrans tactile.", true),
            ("ΟΔΟΣ", "η οδος είναι", true),
            ("οδος", "Η ΟΔΟΣ", true),
            ("οδός", "Η ΟΔΌΣ", true),
            ("Straße", "die STRASSE", false),
            ("STRASSE", "die Straße", false),
            ("Straße", "die STRAẞE", true),
            ("Kelvin", "5 \u{212A}elvin", true),
            ("Écran", "Écranné", false),
        ];
        for (name, text, expected) in cases {
            let by_rule = crate::text::mentions(text, name);
            let index = MentionIndex::new([(name, 0)]);
            let by_index = !index.find_all(text).is_empty();
            assert_eq!(
                (by_rule, by_index),
                (expected, expected),
                "{name:?} in {text:?}: (rule, index)"
            );
        }
    }

    #[test]
    fn empty_index_finds_nothing() {
        let index = MentionIndex::new([("  ", 0)]);
        assert_eq!(index.n_names(), 0);
        assert!(index.find_all("anything").is_empty());
    }
}
