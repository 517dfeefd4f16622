//! The mention index: where a text names a glossary term or alias.
//!
//! Names are read as [`crate::names`] reads them (case, hyphens and
//! spaces, CamelCase and snake_case, plurals and possessives, the implicit
//! names of "X (Y)", abbreviations in capitals matched in capitals only),
//! in prose only ([`crate::prose`]). One multi-pattern automaton over the
//! normal forms holds every name, so a scan costs the same for 10 or 10,000
//! terms.
//!
//! Overlapping mentions are all kept ("the Kubernetes API server" names
//! both "Kubernetes API" and "API server"); a mention inside a longer one
//! is not ("Product Ops Manager" is no mention of "Manager").

use crate::index::{FileId, GlossaryIndex};
use crate::line_index::TextRange;
use crate::names::{Joint, NormalName, Words, last_word_ending_at, normal_names};
use crate::prose::{self, ProseRange};
use aho_corasick::automaton::{Automaton, OverlappingState, StateID};
use aho_corasick::{Anchored, Input, MatchKind, StartKind, dfa::DFA, nfa::contiguous::NFA};
use std::collections::BTreeMap;

/// One mention found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The mention in the scanned text, plural or possessive included.
    pub range: TextRange,
    /// Which name: an index for [`MentionIndex::name`] and
    /// [`MentionIndex::files`].
    pub name_idx: usize,
}

/// A name as matched: one normal form, in capitals or any case.
#[derive(Debug, Clone)]
struct Name {
    form: String,
    capitals: bool,
    files: Vec<FileId>,
}

/// The automaton of every name's normal form, walked from each word that
/// may start a mention (an anchored search): a match that starts inside a
/// word is never looked at. The compact one also searches a whole text in
/// one pass (unanchored), where walks from every word would cost too much
/// ([`WALK_BUDGET`]).
#[derive(Debug, Clone)]
enum Matcher {
    /// Compact: what a long-lived process keeps.
    Nfa(NFA),
    /// A DFA for the walks, some fifteen times larger and faster; the
    /// compact one kept for the one-pass search.
    Dfa { dfa: Box<DFA>, nfa: NFA },
}

impl Matcher {
    fn nfa(&self) -> &NFA {
        match self {
            Matcher::Nfa(nfa) | Matcher::Dfa { nfa, .. } => nfa,
        }
    }
}

/// How many automaton steps per byte of normal form the walks of one group
/// may take before the group is searched in one pass instead. A walk from
/// a word goes on while the text still spells a name, so walks from every
/// word of a text that repeats a long, self-repeating name ("word word …")
/// would cost words × name length; the one-pass search costs the text's
/// length and every match. Prose takes about one step per byte.
const WALK_BUDGET: usize = 8;

/// Every term name and alias of a glossary, ready to scan texts with.
#[derive(Debug, Clone, Default)]
pub struct MentionIndex {
    matcher: Option<Matcher>,
    /// For each pattern of the automaton, the names with that form (one in
    /// any case, one in capitals).
    by_pattern: Vec<Vec<usize>>,
    names: Vec<Name>,
    /// Every way a name's normal form may start: a walk from a word whose
    /// stem is none of these would find nothing, and is not taken.
    first_words: FirstWords,
}

/// How far around an offset [`MentionIndex::at`] looks; longer names are
/// still found by a full scan.
const WINDOW: usize = 512;

/// The stems a mention may start with, as bits of their hash: a set that
/// may answer yes for a stem never added (a walk taken for nothing), never
/// no for one added (a mention lost).
///
/// A mention of a normal form `P` starting at a word whose stem is `s`
/// reads `s` first, then the joint after the word (a space, a barrier or
/// punctuation: never an ASCII letter or digit, never inside a
/// character), or `P` ends with `s`. So every prefix of `P` that ends at a
/// character boundary before anything but an ASCII letter or digit, and
/// `P` itself, is added.
#[derive(Debug, Clone, Default)]
struct FirstWords {
    /// Empty: every stem may start a mention.
    bits: Vec<u64>,
    /// Which bits a hash picks: the top `shift`-complement ones.
    shift: u32,
}

impl FirstWords {
    fn of(patterns: &[String]) -> Self {
        let mut starts: Vec<&[u8]> = Vec::new();
        for pattern in patterns {
            let bytes = pattern.as_bytes();
            for (j, &b) in bytes.iter().enumerate().skip(1) {
                // A character boundary before anything but a letter or
                // digit in ASCII.
                if !b.is_ascii_alphanumeric() && !(0x80..0xC0).contains(&b) {
                    starts.push(&bytes[..j]);
                }
            }
            starts.push(bytes);
        }
        // Some sixteen bits per stem: about one stem in sixteen that
        // starts no name is walked all the same.
        let n_bits = (starts.len().saturating_mul(16))
            .next_power_of_two()
            .max(64);
        let mut set = Self {
            bits: vec![0; n_bits.div_ceil(64)],
            shift: 64 - n_bits.trailing_zeros(),
        };
        for start in starts {
            let at = set.slot(start);
            set.bits[at / 64] |= 1 << (at % 64);
        }
        set
    }

    fn slot(&self, key: &[u8]) -> usize {
        (stem_hash(key) >> self.shift) as usize
    }

    /// Whether a mention may start with `stem`.
    fn may_hold(&self, stem: &[u8]) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        let at = self.slot(stem);
        self.bits
            .get(at / 64)
            .is_none_or(|w| w & (1 << (at % 64)) != 0)
    }
}

/// The hash of [`FirstWords`]: FxHash over 8-byte words, the last (up to
/// 8 bytes) read in overlapping pieces rather than copied (a stem is a
/// few bytes, and this runs once for every word of every doc).
fn stem_hash(key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut h = key.len() as u64;
    let mut rest = key;
    while let Some((word, tail)) = rest.split_first_chunk::<8>()
        && !tail.is_empty()
    {
        h = mix(h, u64::from_le_bytes(*word));
        rest = tail;
    }
    let mut last = [0u8; 8];
    if let Some(word) = key.last_chunk::<8>() {
        last = *word;
    } else if let (Some(a), Some(b)) = (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        last[..4].copy_from_slice(a);
        last[4..].copy_from_slice(b);
    } else if let (Some(&a), Some(&b)) = (rest.first(), rest.last()) {
        last[0] = a;
        last[1] = rest.get(1).copied().unwrap_or_default();
        last[2] = b;
    }
    mix(h, u64::from_le_bytes(last))
}

/// The largest compact automaton that [`MentionIndex::for_batch`] turns
/// into a DFA (2 MiB, about 35,000 terms; the DFA is some fifteen times
/// larger).
const DFA_FROM: usize = 2 << 20;

impl MentionIndex {
    /// An index of `(name, file)` pairs: each name with its implicit names
    /// and normal forms. Names without a word are skipped.
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a str, FileId)>) -> Self {
        Self::from_forms(
            names
                .into_iter()
                .map(|(name, file)| (Self::forms(name), file)),
        )
    }

    /// The forms one name is matched by: each normal form (and joined
    /// forms) with whether it is matched in capitals only. What [`Self::new`]
    /// computes per name; a caller with many names can compute them on
    /// every core and pass them to [`Self::from_forms`].
    pub fn forms(name: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for NormalName {
            spaced,
            joined,
            humps_joined,
            capitals,
        } in normal_names(name)
        {
            for form in std::iter::once(spaced).chain(joined).chain(humps_joined) {
                out.push((form, capitals));
            }
        }
        out
    }

    /// [`Self::new`] from each name's [`Self::forms`], with its file, in
    /// the same order.
    pub fn from_forms(names: impl IntoIterator<Item = (Vec<(String, bool)>, FileId)>) -> Self {
        let mut grouped: BTreeMap<(String, bool), Vec<FileId>> = BTreeMap::new();
        for (forms, file) in names {
            for key in forms {
                let files = grouped.entry(key).or_default();
                if !files.contains(&file) {
                    files.push(file);
                }
            }
        }
        let mut patterns: Vec<String> = Vec::new();
        let mut by_pattern: Vec<Vec<usize>> = Vec::new();
        let mut names: Vec<Name> = Vec::with_capacity(grouped.len());
        for ((form, capitals), files) in grouped {
            // Keys sort by form first: a form in both cases is adjacent.
            if patterns.last() != Some(&form) {
                patterns.push(form.clone());
                by_pattern.push(Vec::new());
            }
            if let Some(list) = by_pattern.last_mut() {
                list.push(names.len());
            }
            names.push(Name {
                form,
                capitals,
                files,
            });
        }
        let first_words = FirstWords::of(&patterns);
        let matcher = if patterns.is_empty() {
            None
        } else {
            NFA::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .ok()
                .map(Matcher::Nfa)
        };
        Self {
            matcher,
            by_pattern,
            names,
            first_words,
        }
    }

    /// The same index with its automaton built as a DFA, when that stays
    /// small: a scan is then about a sixth faster, for some fifteen times
    /// the memory (8 MB rather than 0.6 MB at 10,000 terms). For a run
    /// over many texts (`gloss lint`); a long-lived process keeps the
    /// compact one. Above [`DFA_FROM`] bytes of automaton, it stays as it is.
    pub fn for_batch(self) -> Self {
        self.dfa_within(DFA_FROM)
    }

    /// [`Self::for_batch`] with the largest automaton to turn into a DFA.
    fn dfa_within(mut self, limit: usize) -> Self {
        let Some(Matcher::Nfa(nfa)) = &self.matcher else {
            return self;
        };
        if nfa.memory_usage() > limit {
            return self;
        }
        let nfa = nfa.clone();
        // Pattern `i` is the form of the names of `by_pattern[i]`.
        let Some(patterns) = self
            .by_pattern
            .iter()
            .map(|names| Some(self.names.get(*names.first()?)?.form.as_str()))
            .collect::<Option<Vec<&str>>>()
        else {
            return self;
        };
        if let Ok(dfa) = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            .build(&patterns)
        {
            self.matcher = Some(Matcher::Dfa {
                dfa: Box::new(dfa),
                nfa,
            });
        }
        self
    }

    /// Every term and alias of a glossary index.
    pub fn from_glossary(glossary: &GlossaryIndex) -> Self {
        Self::new(glossary.written_names())
    }

    pub fn n_names(&self) -> usize {
        self.names.len()
    }

    /// The normal form a mention matched.
    pub fn name(&self, mention: &Mention) -> &str {
        self.names
            .get(mention.name_idx)
            .map_or("", |n| n.form.as_str())
    }

    /// The files that define the name a mention matched.
    pub fn files(&self, mention: &Mention) -> &[FileId] {
        self.names
            .get(mention.name_idx)
            .map_or(&[], |n| n.files.as_slice())
    }

    /// Every mention in `text`, read whole as plain prose (bare URLs left
    /// out).
    pub fn find_all(&self, text: &str) -> Vec<Mention> {
        self.find_in(text, TextRange::new(0, text.len()))
    }

    /// Every mention inside `range` of `text`, read as plain prose.
    pub fn find_in(&self, text: &str, range: TextRange) -> Vec<Mention> {
        self.find_in_prose(text, &prose::plain(text, range))
    }

    /// Every mention in the prose ranges of `text`, sorted by start and
    /// longest first; overlapping mentions are all there, one inside
    /// another is not.
    pub fn find_in_prose(&self, text: &str, prose: &[ProseRange]) -> Vec<Mention> {
        maximal(self.candidates(text, prose))
    }

    /// Every mention in the prose ranges, one inside a longer one too
    /// (what a hover offers), sorted by start and longest first.
    pub fn find_all_in_prose(&self, text: &str, prose: &[ProseRange]) -> Vec<Mention> {
        let mut all = self.candidates(text, prose);
        all.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end), m.name_idx));
        all.dedup();
        all
    }

    /// Every match in the prose ranges, nested ones too, unsorted.
    fn candidates(&self, text: &str, prose: &[ProseRange]) -> Vec<Mention> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        self.candidates_grouped(matcher, text, prose, GROUP_BYTES)
    }

    /// [`Self::candidates`], reading groups of at least `min_bytes`.
    fn candidates_grouped(
        &self,
        matcher: &Matcher,
        text: &str,
        prose: &[ProseRange],
        min_bytes: usize,
    ) -> Vec<Mention> {
        let mut candidates: Vec<Mention> = Vec::new();
        // Read a long text a group of paragraphs at a time: no name matches
        // across a barrier, so the groups find what the whole text would,
        // while the words read (some fifty bytes for each) are those of one
        // group, not of a whole 5 MB doc.
        for group in barrier_groups(prose, min_bytes) {
            let words = Words::read(text, group);
            let budget = WALK_BUDGET.saturating_mul(words.norm.len().saturating_add(1));
            let mark = candidates.len();
            if !self.walk(matcher, text, &words, budget, &mut candidates) {
                candidates.truncate(mark);
                self.candidates_in_one_pass(matcher.nfa(), text, &words, &mut candidates);
            }
        }
        candidates
    }

    /// [`Self::candidates_in`] with the matcher's walking automaton.
    fn walk(
        &self,
        matcher: &Matcher,
        text: &str,
        words: &Words,
        budget: usize,
        candidates: &mut Vec<Mention>,
    ) -> bool {
        match matcher {
            Matcher::Nfa(nfa) => self.candidates_in(nfa, text, words, budget, candidates),
            Matcher::Dfa { dfa, .. } => {
                self.candidates_in(dfa.as_ref(), text, words, budget, candidates)
            }
        }
    }

    /// What [`Self::candidates_in`] finds, in one unanchored pass over the
    /// normal form that reports every match, those starting inside a word
    /// too (then dropped): linear in the text and its matches whatever the
    /// names.
    fn candidates_in_one_pass(
        &self,
        nfa: &NFA,
        text: &str,
        words: &Words,
        candidates: &mut Vec<Mention>,
    ) {
        let input = Input::new(&words.norm);
        let mut state = OverlappingState::start();
        while nfa.try_find_overlapping(&input, &mut state).is_ok() {
            let Some(found) = state.get_match() else {
                break;
            };
            let Some(first) = words.word_starting_at(found.start()) else {
                continue;
            };
            let Some(last) = last_word_ending_at(words, first, found.end()) else {
                continue;
            };
            self.push_names(
                found.pattern().as_usize(),
                text,
                words,
                first,
                last,
                candidates,
            );
        }
    }

    /// The names of `pattern` that words `first..=last` mention.
    fn push_names(
        &self,
        pattern: usize,
        text: &str,
        words: &Words,
        first: usize,
        last: usize,
        candidates: &mut Vec<Mention>,
    ) {
        let Some(names) = self.by_pattern.get(pattern) else {
            return;
        };
        for &name_idx in names {
            let capitals = self.names[name_idx].capitals;
            if words.is_mention(text, first, last, capitals) {
                candidates.push(Mention {
                    range: words.range(first, last),
                    name_idx,
                });
            }
        }
    }

    /// [`Self::candidates`] of the words of prose ranges that start at a
    /// barrier: from each word that may start a mention, the automaton is
    /// walked over the normal form (anchored: a name must start there)
    /// until no name can match any more; a name that matched up to the end
    /// of a word is a candidate. `false`, with some candidates pushed, when
    /// the walks took more than `budget` steps.
    fn candidates_in(
        &self,
        automaton: &impl Automaton,
        text: &str,
        words: &Words,
        budget: usize,
        candidates: &mut Vec<Mention>,
    ) -> bool {
        let Ok(start) = automaton.start_state(Anchored::Yes) else {
            return false;
        };
        let mut steps: usize = 0;
        let norm = words.norm.as_bytes();
        for (first, word) in words.words.iter().enumerate() {
            // A mention never starts inside a written word.
            if word.joint == Joint::Inner {
                continue;
            }
            let from = word.norm_start;
            if !self
                .first_words
                .may_hold(norm.get(from..word.norm_end).unwrap_or_default())
            {
                continue;
            }
            let mut sid: StateID = start;
            // The word the walk is in.
            let mut last = first;
            // Where the walk is: the bytes before `end` are read.
            let mut end = from;
            while let Some(&byte) = norm.get(end) {
                end += 1;
                sid = automaton.next_state(Anchored::Yes, sid, byte);
                if !automaton.is_special(sid) {
                    continue;
                }
                if automaton.is_dead(sid) {
                    break;
                }
                if !automaton.is_match(sid) {
                    continue;
                }
                while words.words.get(last).is_some_and(|w| w.norm_end < end) {
                    last += 1;
                }
                if words.words.get(last).is_none_or(|w| w.norm_end != end) {
                    continue;
                }
                for k in 0..automaton.match_len(sid) {
                    let pattern = automaton.match_pattern(sid, k);
                    // A name ending here that started after `from` (a
                    // state's matches include its suffixes') is another
                    // word's to find.
                    if automaton.pattern_len(pattern) != end - from {
                        continue;
                    }
                    self.push_names(pattern.as_usize(), text, words, first, last, candidates);
                }
            }
            // Counted per walk: one walk reads at most the group, so the
            // budget is overrun by no more than that.
            steps = steps.saturating_add(end - from);
            if steps > budget {
                return false;
            }
        }
        true
    }

    /// Every mention covering byte `offset` of `text` (a cursor right
    /// after a word's last letter is not on it), longest first, looking
    /// only inside `within`, read as plain prose.
    pub fn at(&self, text: &str, offset: usize, within: TextRange) -> Vec<Mention> {
        self.at_in_prose(text, &prose::plain(text, within), offset)
    }

    /// Every mention covering byte `offset`, longest first (one inside a
    /// longer one included), in the prose ranges of `text`: only the
    /// ranges near the offset are read.
    pub fn at_in_prose(&self, text: &str, prose: &[ProseRange], offset: usize) -> Vec<Mention> {
        let from = offset.saturating_sub(WINDOW);
        let to = offset.saturating_add(WINDOW);
        // The ranges near the offset, the outer two cut at a space so that
        // no word is cut in two.
        let first = prose.partition_point(|p| p.range.end <= from);
        let mut near: Vec<ProseRange> = prose[first..]
            .iter()
            .take_while(|p| p.range.start < to)
            .copied()
            .collect();
        if let Some(head) = near.first_mut()
            && head.range.start < from
        {
            let cut = space_before(text, from, head.range.start);
            head.range = TextRange::new(cut, head.range.end);
            head.joins_previous = false;
        }
        if let Some(tail) = near.last_mut()
            && tail.range.end > to
        {
            let cut = space_after(text, to, tail.range.end);
            tail.range = TextRange::new(tail.range.start, cut);
        }
        // Nested mentions too: on "Python package index" the cursor is on
        // both Python Package Index and Package Index.
        let mut covering: Vec<Mention> = self
            .candidates(text, &near)
            .into_iter()
            .filter(|m| m.range.start <= offset && offset < m.range.end)
            .collect();
        covering.sort_by_key(|m| (std::cmp::Reverse(m.range.len()), m.range.start, m.name_idx));
        covering.dedup();
        covering
    }
}

/// How many bytes of prose [`MentionIndex::candidates`] reads at least
/// at a time (more when no barrier comes sooner).
const GROUP_BYTES: usize = 32 << 10;

/// `prose` cut into runs of consecutive ranges, each of at least `min_bytes`
/// (but the last) and each starting at a range that does not join the one
/// before it: a barrier no name matches across.
fn barrier_groups(prose: &[ProseRange], min_bytes: usize) -> impl Iterator<Item = &[ProseRange]> {
    let mut rest = prose;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut len = 0;
        let mut end = rest.len();
        for (i, range) in rest.iter().enumerate() {
            if i > 0 && len >= min_bytes && !range.joins_previous {
                end = i;
                break;
            }
            len += range.range.len();
        }
        let (group, tail) = rest.split_at(end);
        rest = tail;
        Some(group)
    })
}

/// The last whitespace at or before `at` and after `floor` (or `floor`).
fn space_before(text: &str, at: usize, floor: usize) -> usize {
    let mut at = at.min(text.len());
    while at > floor && !text.is_char_boundary(at) {
        at -= 1;
    }
    text[floor..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(floor, |(i, _)| floor + i)
}

/// The first whitespace at or after `at` and before `ceiling` (or `ceiling`).
fn space_after(text: &str, at: usize, ceiling: usize) -> usize {
    let mut at = at.min(ceiling);
    while at < ceiling && !text.is_char_boundary(at) {
        at += 1;
    }
    text[at..ceiling]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(ceiling, |(i, _)| at + i)
}

/// The candidates less duplicates and those inside a longer one, sorted by
/// start, longest first.
fn maximal(mut candidates: Vec<Mention>) -> Vec<Mention> {
    candidates.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end), m.name_idx));
    candidates.dedup();
    let mut out: Vec<Mention> = Vec::with_capacity(candidates.len());
    // The furthest end of any mention so far: sorted by start, a mention
    // ending before it (or at it, shorter) lies inside an earlier one.
    let mut reach: Option<(usize, usize)> = None;
    for candidate in candidates {
        let inside = reach.is_some_and(|(start, end)| {
            candidate.range.end <= end
                && (candidate.range.start > start || candidate.range.end < end)
        });
        if inside {
            continue;
        }
        if reach.is_none_or(|(_, end)| candidate.range.end > end) {
            reach = Some((candidate.range.start, candidate.range.end));
        }
        out.push(candidate);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_of_paragraphs_find_what_the_whole_text_finds() {
        let index = index();
        let mut text = String::new();
        for k in 0..40 {
            text.push_str(match k % 5 {
                0 => "A **Product** Manager and a PM meet.\n\n",
                1 => "# Product Operations Manager\n\nThe *Product Ops* Manager's process.\n\n",
                2 => "- Product\n- Manager: `Process` code\n\n",
                3 => "[Product Manager](/pm/) then Process-driven managers.\n\n",
                _ => "Product\nManager across a line, PMs and PROCESS.\n\n",
            });
        }
        let doc = crate::prose::markdown_doc(&text, crate::prose::ProseOptions::default());
        let Some(matcher) = &index.matcher else {
            panic!("an index with names has an automaton");
        };
        let whole = index.candidates_grouped(matcher, &text, &doc.prose, usize::MAX);
        assert!(whole.len() > 100, "{}", whole.len());
        for min_bytes in [0, 1, 40, 100, 1000] {
            assert_eq!(
                index.candidates_grouped(matcher, &text, &doc.prose, min_bytes),
                whole,
                "groups of {min_bytes} bytes"
            );
        }
    }

    #[test]
    fn a_group_starts_only_at_a_barrier() {
        let range = |start: usize, joins_previous: bool| ProseRange {
            range: TextRange::new(start, start + 10),
            joins_previous,
        };
        let prose = [
            range(0, false),
            range(10, true),
            range(20, true),
            range(30, false),
            range(40, false),
            range(50, true),
        ];
        let groups: Vec<Vec<usize>> = barrier_groups(&prose, 15)
            .map(|g| g.iter().map(|r| r.range.start).collect())
            .collect();
        assert_eq!(groups, vec![vec![0, 10, 20], vec![30, 40, 50]]);
        let groups: Vec<usize> = barrier_groups(&prose, 0).map(<[_]>::len).collect();
        assert_eq!(groups, vec![3, 1, 2]);
        let groups: Vec<usize> = barrier_groups(&prose, 10).map(<[_]>::len).collect();
        assert_eq!(groups, vec![3, 1, 2]);
        let groups: Vec<usize> = barrier_groups(&prose, 11).map(<[_]>::len).collect();
        assert_eq!(groups, vec![3, 3]);
        assert_eq!(barrier_groups(&[], 0).count(), 0);
    }

    #[test]
    fn first_words_skip_only_walks_that_find_nothing() {
        // Names whose forms start in every way a walk can: one word, words
        // joined by spaces, punctuation kept between them (ASCII and not),
        // letters beyond ASCII, a joined form, capitals, a possessive.
        let names = [
            "CI/CD",
            "C++",
            "Node.js",
            "Straße",
            "naïve café",
            "e-mail",
            "Add-ons",
            "Kubernetes API",
            "API server",
            "SAFE",
            "pod",
            "Ünïcode – dash",
            "über·punkt",
            "a b c d e f g h i",
            "long-named-thing-with-a-name-longer-than-sixteen-bytes",
        ];
        let with = MentionIndex::new(names.iter().enumerate().map(|(i, n)| (*n, i)));
        let without = MentionIndex {
            first_words: FirstWords::default(),
            ..with.clone()
        };
        let (batch_with, batch_without) = (with.clone().for_batch(), without.clone().for_batch());
        let texts = [
            "CI/CD and ci/cd; C++ or c++. Node.js, node.JS. STRASSE, straße, Straßes.",
            "A naïve café, naive cafe, NAÏVE CAFÉ's. e-mail, email, E-Mails, e mail.",
            "Add-ons, addons, add ons, AddOns. The Kubernetes API server's pods.",
            "SAFE, safe, SAFEs. Ünïcode – dash, ünïcode–dash, über·punkt, Über·Punkt.",
            "a b c d e f g h i, A-B-C-D-E-F-G-H-I, a b c d e f g h",
            "long-named-thing-with-a-name-longer-than-sixteen-bytes, Long Named Thing",
        ];
        let mut found = 0;
        for text in texts {
            assert_eq!(with.find_all(text), without.find_all(text), "{text}");
            assert_eq!(
                batch_with.find_all(text),
                batch_without.find_all(text),
                "{text}"
            );
            found += with.find_all(text).len();
        }
        assert!(found >= 25, "{found}");
        // Stems that start no name are turned away (most of them: the set
        // may let a few through), those that do never are.
        let turned_away = ["the", "and", "server", "cd", "dash", "b", "mail", "ops"]
            .iter()
            .filter(|w| !with.first_words.may_hold(w.as_bytes()))
            .count();
        assert!(turned_away >= 6, "{turned_away}");
        // Nor are the parts of a form that end inside a word.
        let inside = ["ku", "kub", "kube", "serv", "nod", "stra", "lon", "ad"]
            .iter()
            .filter(|w| !with.first_words.may_hold(w.as_bytes()))
            .count();
        assert!(inside >= 6, "{inside}");
        for start in [
            "ci",
            "c",
            "node",
            "straße",
            "naïve",
            "naïve café",
            "e",
            "add",
            "addon",
            "kubernete",
            "api",
            "safe",
            "pod",
            "ünïcode",
            "über",
            "a",
            "long",
        ] {
            assert!(with.first_words.may_hold(start.as_bytes()), "{start}");
        }
        // No names: every stem may start one.
        assert!(FirstWords::default().may_hold(b"anything"));
    }

    #[test]
    fn stem_hashes_tell_apart_every_short_string() {
        // Every string of up to 10 bytes over two letters, and longer ones
        // of one letter with the other at each place: no two alike.
        let mut keys: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..10 {
            last = last
                .iter()
                .flat_map(|w| {
                    [b'a', b'b'].map(|b| {
                        let mut w = w.clone();
                        w.push(b);
                        w
                    })
                })
                .collect();
            keys.extend(last.iter().cloned());
        }
        for n in 11..=26 {
            for at in 0..n {
                let mut w = vec![b'a'; n];
                w[at] = b'b';
                keys.push(w);
            }
        }
        let hashes: std::collections::HashSet<u64> = keys.iter().map(|k| stem_hash(k)).collect();
        assert_eq!(hashes.len(), keys.len());
    }

    #[test]
    fn first_words_hold_every_key_of_every_length() {
        let keys: Vec<String> = (0..40)
            .map(|n| {
                "abcdefghijklmnopqrstuvwxyz0123456789ÄÖÜ"
                    .chars()
                    .take(n)
                    .collect()
            })
            .collect();
        // Each key twice: whole, and as the start of a longer pattern.
        let patterns: Vec<String> = keys
            .iter()
            .flat_map(|k| [k.clone(), format!("{k}/x")])
            .collect();
        let set = FirstWords::of(&patterns);
        for key in &keys {
            assert!(set.may_hold(key.as_bytes()), "{key}");
        }
        // Keys that differ in one byte mostly land apart.
        let misses = (0..1000)
            .filter(|i| !set.may_hold(format!("zz{i}").as_bytes()))
            .count();
        assert!(misses > 900, "{misses}");
    }

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
    fn a_batch_index_is_a_dfa_that_finds_the_same() {
        let many: Vec<(String, FileId)> = (0..300)
            .map(|i| (format!("Widget {i}"), i))
            .chain([
                ("Product Ops Manager".to_owned(), 300),
                ("PM".to_owned(), 301),
            ])
            .collect();
        let build = || MentionIndex::new(many.iter().map(|(n, f)| (n.as_str(), *f)));
        let compact = build();
        let batch = build().for_batch();
        let is_dfa = |i: &MentionIndex| matches!(i.matcher, Some(Matcher::Dfa { .. }));
        assert!(is_dfa(&batch));
        assert!(matches!(compact.matcher, Some(Matcher::Nfa(_))));
        for text in [
            "The Product Ops Manager's widget 7; a PM and two PMs. Widgets 12 and 299.",
            "product-ops manager, widget-3, WIDGET 300, widget 12s",
        ] {
            assert_eq!(batch.find_all(text), compact.find_all(text), "{text}");
            assert!(!batch.find_all(text).is_empty());
        }
        // Above the limit, the compact automaton stays.
        let size = match &compact.matcher {
            Some(Matcher::Nfa(nfa)) => nfa.memory_usage(),
            _ => 0,
        };
        assert!(is_dfa(&build().dfa_within(size)));
        assert!(!is_dfa(&build().dfa_within(size - 1)));
        // No names: nothing to build.
        assert!(MentionIndex::default().for_batch().matcher.is_none());
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            found("Ask the Product Ops Manager."),
            vec![("Product Ops Manager", "product op manager".to_owned())]
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
            found("pms and pm's"),
            Vec::<(&str, String)>::new(),
            "an abbreviation is matched in capitals only"
        );
        assert_eq!(
            found("processes"),
            vec![("processes", "process".to_owned())]
        );
        assert!(found("PMO, npm, Managerial").is_empty());
        assert_eq!(found("the_pm"), Vec::<(&str, String)>::new());
        assert_eq!(found("the_PM"), Vec::<(&str, String)>::new());
    }

    #[test]
    fn line_breaks_inside_a_name() {
        let text = "the Product Ops\n    Manager owns it";
        assert_eq!(
            found(text),
            vec![("Product Ops\n    Manager", "product op manager".to_owned())]
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
        assert_eq!(
            mention.iter().map(|m| m.range).collect::<Vec<_>>(),
            vec![TextRange::new(at, at + 2)]
        );
        assert_eq!(index.files(&mention[0]), [1]);
        assert!(index.at(text, 0, TextRange::new(0, text.len())).is_empty());
        assert!(
            index
                .at(text, 999, TextRange::new(0, text.len()))
                .is_empty()
        );
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
            // A name in capitals is an abbreviation: capitals only.
            ("ÉCRAN", "un écran tactile", false),
            ("ÉCRAN", "UN ÉCRAN", true),
            ("Écran", "Un Écrans tactile.", true),
            ("ΟΔΟΣ", "η οδος είναι", false),
            ("Οδος", "η οδος είναι", true),
            ("οδος", "Η ΟΔΟΣ", true),
            ("οδός", "Η ΟΔΌΣ", true),
            ("Straße", "die STRASSE", false),
            ("STRASSE", "die Straße", false),
            ("Straße", "die STRAẞE", true),
            ("Kelvin", "5 \u{212A}elvin", true),
            ("Écran", "Écranné", false),
        ];
        for (name, text, expected) in cases {
            let prose = crate::prose::plain(text, TextRange::new(0, text.len()));
            let by_rule = crate::names::names_any(text, &prose, [name]);
            let index = MentionIndex::new([(name, 0)]);
            let by_index = !index.find_all(text).is_empty();
            assert_eq!(
                (by_rule, by_index),
                (expected, expected),
                "{name:?} in {text:?}: (rule, index)"
            );
        }
    }

    /// Text with `[a|b]` marking what the cursor at `|` must offer:
    /// `cases` are (names, text with the cursor, offered names longest
    /// first).
    #[test]
    fn every_mention_covering_the_cursor_is_offered_longest_first() {
        let cases: &[(&[&str], &str, &[&str])] = &[
            (
                &["Kubernetes API", "API server", "Kubernetes"],
                "the Kubernetes| API server runs",
                &["kubernete api"],
            ),
            (
                &["Kubernetes API", "API server", "Kubernetes"],
                "the Kubernetes A|PI server runs",
                &["kubernete api", "api server"],
            ),
            (
                &["Kubernetes API", "API server", "Kubernetes"],
                "the Kube|rnetes API server runs",
                &["kubernete api", "kubernete"],
            ),
            (
                &["Kubernetes API", "API server"],
                "the Kubernetes API ser|ver runs",
                &["api server"],
            ),
            (
                &["Container", "Image", "Container image"],
                "pull a container im|age now",
                &["container image", "image"],
            ),
            (
                &["Container", "Image"],
                "pull a container im|age now",
                &["image"],
            ),
            (
                &["Product Ops Manager", "Manager"],
                "the Product Ops Mana|ger",
                &["product op manager", "manager"],
            ),
            (
                &["Container runtime interface (CRI)"],
                "the C|RI and the Container Runtime Interface",
                &["cri"],
            ),
            (&["Operator pattern"], "an oper|ator", &[]),
            (&["SAFE"], "it is sa|fe", &[]),
        ];
        for (names, marked, expected) in cases {
            let offset = marked.find('|').unwrap_or_default();
            let text = marked.replace('|', "");
            let index = MentionIndex::new(names.iter().enumerate().map(|(i, n)| (*n, i)));
            let offered: Vec<&str> = index
                .at(&text, offset, TextRange::new(0, text.len()))
                .iter()
                .map(|m| index.name(m))
                .collect();
            assert_eq!(offered, *expected, "{marked}");
        }
    }

    /// Walks from every word of a text that keeps spelling a long name
    /// run out of their budget, and that group is searched in one pass,
    /// which finds what unbounded walks find; ordinary prose is walked.
    #[test]
    fn walks_over_budget_give_way_to_one_pass() {
        let long = format!("{}end", "word ".repeat(60));
        let names = [long.as_str(), "word", "word word", "end"];
        let compact = MentionIndex::new(names.iter().enumerate().map(|(i, n)| (*n, i)));
        let batch = compact.clone().for_batch();
        let repeated = format!("{} {long} and word.", "word ".repeat(400));
        let prose_text = "A word and another word; the end of a word word list.";
        for index in [&compact, &batch] {
            let Some(matcher) = &index.matcher else {
                panic!("an automaton");
            };
            let walk = |text: &str, budget: usize| {
                let words = Words::read(text, &prose::plain(text, TextRange::new(0, text.len())));
                let mut out = Vec::new();
                let done = index.walk(matcher, text, &words, budget, &mut out);
                let mut one_pass = Vec::new();
                index.candidates_in_one_pass(matcher.nfa(), text, &words, &mut one_pass);
                let budget = WALK_BUDGET * (words.norm.len() + 1);
                (done, out, one_pass, budget)
            };
            for text in [repeated.as_str(), prose_text] {
                let (done, mut walked, mut one_pass, _) = walk(text, usize::MAX);
                assert!(done);
                walked.sort_by_key(|m| (m.range.start, m.range.end, m.name_idx));
                one_pass.sort_by_key(|m| (m.range.start, m.range.end, m.name_idx));
                assert_eq!(walked, one_pass, "{text}");
            }
            let (_, _, _, budget) = walk(&repeated, 0);
            assert!(!walk(&repeated, budget).0, "the repeats are over budget");
            let (_, _, _, budget) = walk(prose_text, 0);
            assert!(walk(prose_text, budget).0, "prose is within it");
            assert!(!walk(prose_text, 3).0, "three steps are not enough");
            // Whichever way it was read, the long name is found once.
            let found = index.find_all(&repeated);
            let long_found: Vec<&Mention> = found
                .iter()
                .filter(|m| index.name(m) == "word ".repeat(60) + "end")
                .collect();
            assert_eq!(long_found.len(), 1);
            assert!(repeated[long_found[0].range.start..].starts_with(&long));
        }
    }

    /// The budget counts every byte a walk reads, the one that kills it
    /// included: "ab ab" takes 3 steps from the first word (`a`, `b`, the
    /// space) and 2 from the second.
    #[test]
    fn the_walk_budget_is_exact() {
        let compact = MentionIndex::new([("ab", 0)]);
        let batch = compact.clone().for_batch();
        let text = "ab ab";
        let words = Words::read(text, &prose::plain(text, TextRange::new(0, text.len())));
        for index in [&compact, &batch] {
            let within = |budget: usize| {
                let mut out = Vec::new();
                index
                    .matcher
                    .as_ref()
                    .is_some_and(|m| index.walk(m, text, &words, budget, &mut out))
            };
            assert!(within(5));
            assert!(!within(4));
        }
    }

    /// Each name is found where it starts: a name that ends where a longer
    /// one does ("server" in "API server") is a mention of its own range,
    /// never the longer one's, and every mention reads back as its name.
    #[test]
    fn every_mention_reads_as_its_name_from_where_it_starts() {
        let names = [
            "Kubernetes API",
            "API server",
            "API",
            "server",
            "Kubernetes API server",
            "Add-ons",
            "StorageClass",
            "class",
            "PM",
        ];
        let index = MentionIndex::new(names.iter().enumerate().map(|(i, n)| (*n, i)));
        let text = "The Kubernetes API server's addons; storage classes, a PM's add-on, \
                    StorageClass and apiServer. API servers, APIs.";
        let found: Vec<(&str, &str)> = index
            .find_all_in_prose(text, &prose::plain(text, TextRange::new(0, text.len())))
            .iter()
            .map(|m| (&text[m.range.start..m.range.end], index.name(m)))
            .collect();
        for (written, name) in &found {
            let normal = crate::names::normal_name(written).expect("a name");
            assert!(
                normal.spaced == *name || normal.joined.as_deref() == Some(*name),
                "`{written}` found as `{name}`"
            );
        }
        assert_eq!(
            found,
            [
                ("Kubernetes API server's", "kubernete api server"),
                ("Kubernetes API", "kubernete api"),
                ("API server's", "api server"),
                ("API", "api"),
                ("server's", "server"),
                ("addons", "addon"),
                ("storage classes", "storage class"),
                ("classes", "class"),
                ("PM's", "pm"),
                ("add-on", "add on"),
                ("StorageClass", "storage class"),
                ("apiServer", "api server"),
                ("API servers", "api server"),
                ("API", "api"),
                ("servers", "server"),
                ("APIs", "api"),
            ]
        );
    }

    /// A CamelCase word of a longer name is found written whole, in any
    /// case, by every way of reading: walks (compact and DFA), one pass,
    /// a hover and `definition-missing-term`.
    #[test]
    fn a_camel_case_word_of_a_longer_name_is_found_in_lower_case() {
        let names = ["OAuth Client", "GitHub Actions", "OAuth", "Git Hub"];
        let compact = MentionIndex::new(names.iter().enumerate().map(|(i, n)| (*n, i)));
        let batch = compact.clone().for_batch();
        let text = "Configure the oauth clients. Run github actions, not git hubactions; \
                    an OAuth client, OAUTH CLIENTS, oAuth-client's scope.";
        let expected = [
            ("oauth clients", "oauth client"),
            ("github actions", "github action"),
            ("OAuth client", "o auth client"),
            ("OAUTH CLIENTS", "oauth client"),
            ("oAuth-client's", "o auth client"),
        ];
        let prose = prose::plain(text, TextRange::new(0, text.len()));
        for index in [&compact, &batch] {
            let found: Vec<(&str, &str)> = index
                .find_all(text)
                .iter()
                .map(|m| (&text[m.range.start..m.range.end], index.name(m)))
                .collect();
            assert_eq!(found, expected);
            // Where they are, exactly.
            let ranges: Vec<(usize, usize)> = index
                .find_all(text)
                .iter()
                .map(|m| (m.range.start, m.range.end))
                .collect();
            assert_eq!(ranges, [(14, 27), (33, 47), (72, 84), (86, 99), (101, 115)]);
            // One pass finds what the walks find.
            let Some(matcher) = &index.matcher else {
                panic!("an automaton");
            };
            let words = Words::read(text, &prose);
            let mut walked = Vec::new();
            assert!(index.walk(matcher, text, &words, usize::MAX, &mut walked));
            let mut one_pass = Vec::new();
            index.candidates_in_one_pass(matcher.nfa(), text, &words, &mut one_pass);
            walked.sort_by_key(|m| (m.range.start, m.range.end, m.name_idx));
            one_pass.sort_by_key(|m| (m.range.start, m.range.end, m.name_idx));
            assert_eq!(walked, one_pass);
            // A hover on "oauth" offers the longer name and the shorter.
            let offered: Vec<(&str, &str)> = index
                .at(text, 16, TextRange::new(0, text.len()))
                .iter()
                .map(|m| (&text[m.range.start..m.range.end], index.name(m)))
                .collect();
            assert_eq!(
                offered,
                [("oauth clients", "oauth client"), ("oauth", "oauth")]
            );
        }
        // `definition-missing-term` agrees, name by name.
        for (i, name) in names.iter().enumerate() {
            let by_rule = crate::names::find_names(text, &prose, [*name]);
            let by_index: Vec<TextRange> = compact
                .find_all_in_prose(text, &prose)
                .iter()
                .filter(|m| compact.files(m).contains(&i))
                .map(|m| m.range)
                .collect();
            assert_eq!(
                by_rule.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
                by_index,
                "{name}"
            );
        }
    }

    #[test]
    fn overlapping_mentions_are_all_found_and_nested_ones_are_not() {
        let index =
            MentionIndex::new([("Kubernetes API", 0), ("API server", 1), ("Kubernetes", 2)]);
        let text = "The Kubernetes API server and Kubernetes.";
        let found: Vec<(&str, &[FileId])> = index
            .find_all(text)
            .iter()
            .map(|m| (&text[m.range.start..m.range.end], index.files(m)))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Kubernetes API", &[0][..]),
                ("API server", &[1][..]),
                ("Kubernetes", &[2][..])
            ]
        );
    }

    #[test]
    fn two_terms_claiming_one_abbreviation_share_its_mentions() {
        let index = MentionIndex::new([
            ("Continuous Delivery (CD)", 0),
            ("Continuous Deployment (CD)", 1),
        ]);
        let text = "Ship with CD.";
        let found = index.find_all(text);
        assert_eq!(found.len(), 1);
        assert_eq!(index.files(&found[0]), [0, 1]);
        assert_eq!(found[0].range, TextRange::new(10, 12));
    }

    #[test]
    fn prose_ranges_bound_what_is_read() {
        let index = MentionIndex::new([("Pod", 0), ("Kubernetes API", 1)]);
        let text = "---\nreviewers: [pod]\n---\nSee [pods](/docs/pods/pod-lifecycle/), `pod`,\n<a title=\"pod\">x</a> **Kubernetes** API.\n\n## Pod {#pod-id}\n";
        let prose = crate::prose::markdown(text, crate::prose::ProseOptions::default());
        let found: Vec<&str> = index
            .find_in_prose(text, &prose)
            .iter()
            .map(|m| &text[m.range.start..m.range.end])
            .collect();
        assert_eq!(found, vec!["pods", "Kubernetes** API", "Pod"]);
        let heading = text.rfind("Pod").unwrap_or_default();
        assert_eq!(index.at_in_prose(text, &prose, heading + 1).len(), 1);
        assert!(index.at_in_prose(text, &prose, heading + 7).is_empty());
    }

    #[test]
    fn empty_index_finds_nothing() {
        let index = MentionIndex::new([("  ", 0)]);
        assert_eq!(index.n_names(), 0);
        assert!(index.find_all("anything").is_empty());
    }
    #[test]
    fn space_before_finds_the_last_space_down_to_its_floor() {
        // (text, at, floor, expected)
        let cases = [
            ("ab cd ef", 6, 0, 5),
            ("ab cd ef", 4, 0, 2),
            ("ab cd ef", 6, 3, 5),
            ("abcdef", 4, 1, 1),
            ("ab cd", 2, 2, 2),
            // Inside a character: back to its start first (a no-break
            // space is two bytes and whitespace).
            ("a\u{a0}b", 2, 0, 0),
            ("a\u{a0}b", 3, 0, 1),
            ("ab", 9, 0, 0),
        ];
        for (text, at, floor, expected) in cases {
            assert_eq!(
                space_before(text, at, floor),
                expected,
                "{text:?} {at} {floor}"
            );
        }
    }

    #[test]
    fn space_after_finds_the_first_space_up_to_its_ceiling() {
        // (text, at, ceiling, expected)
        let cases = [
            ("ab cd ef", 3, 8, 5),
            ("ab cd ef", 1, 8, 2),
            ("ab cd ef", 3, 4, 4),
            ("abcdef", 2, 5, 5),
            ("ab cd", 9, 5, 5),
            // Inside a character: on to its end first.
            ("a\u{a0}b c", 2, 6, 4),
            ("\u{e9}\u{a0}b", 1, 5, 2),
        ];
        for (text, at, ceiling, expected) in cases {
            assert_eq!(
                space_after(text, at, ceiling),
                expected,
                "{text:?} {at} {ceiling}"
            );
        }
    }

    #[test]
    fn maximal_keeps_overlaps_and_drops_what_lies_inside() {
        let index = MentionIndex::new([
            ("alpha beta", 0),
            ("beta gamma delta", 1),
            ("gamma", 2),
            ("Safe", 3),
            ("SAFE", 4),
        ]);
        let text = "alpha beta gamma delta";
        let ranges: Vec<(usize, usize)> = index
            .find_all(text)
            .iter()
            .map(|m| (m.range.start, m.range.end))
            .collect();
        // `gamma` lies inside `beta gamma delta` (not inside `alpha beta`).
        assert_eq!(ranges, vec![(0, 10), (6, 22)]);
        // Two names on the same words are both kept.
        let text = "be SAFE";
        let mut files: Vec<FileId> = index
            .find_all(text)
            .iter()
            .flat_map(|m| index.files(m).to_vec())
            .collect();
        files.sort_unstable();
        assert_eq!(files, vec![3, 4]);
        // A hover offers the nested ones too.
        let text = "alpha beta gamma delta";
        let all: Vec<(usize, usize)> = index
            .find_all_in_prose(
                text,
                &crate::prose::plain(text, TextRange::new(0, text.len())),
            )
            .iter()
            .map(|m| (m.range.start, m.range.end))
            .collect();
        assert_eq!(all, vec![(0, 10), (6, 22), (11, 16)]);
        assert_eq!(index.n_names(), 7, "each form of each name");
    }
}
