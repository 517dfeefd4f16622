//! The challenge dictionary: built-in SCOWL-derived lists plus a project's
//! extra and blocked words.
//!
//! The built-in lists are embedded as `data/answers.txt` and
//! `data/guesses.txt`: after `#` comment lines, one line per length,
//! `<len>:` followed by that length's words sorted and concatenated. Every
//! word of a line has the same width, so a lookup is a binary search on the
//! embedded text itself: nothing is parsed or allocated per word.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::iter::Peekable;
use std::sync::OnceLock;

use serde::Serialize;

use super::feedback::{Letters, to_letters};
use super::solver::{DecisionCache, Pool};
use super::{MAX_WORD_LEN, MIN_WORD_LEN};

const ANSWERS_TXT: &str = include_str!("../../data/answers.txt");
const GUESSES_TXT: &str = include_str!("../../data/guesses.txt");
const BLOCKLIST_TXT: &str = include_str!("../../data/blocklist.txt");
const ANSWER_LEVELS_TXT: &str = include_str!("../../data/answer-levels.txt");

/// One embedded list: for each length, the concatenated sorted words.
struct WordList {
    by_len: [&'static str; MAX_WORD_LEN + 1],
}

impl WordList {
    fn parse(text: &'static str) -> WordList {
        let mut by_len = [""; MAX_WORD_LEN + 1];
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((len, words)) = line.split_once(':') else {
                continue;
            };
            match len.parse::<usize>() {
                Ok(len)
                    if (MIN_WORD_LEN..=MAX_WORD_LEN).contains(&len) && words.len() % len == 0 =>
                {
                    by_len[len] = words;
                }
                _ => {}
            }
        }
        WordList { by_len }
    }

    fn words(&self, len: usize) -> impl Iterator<Item = &'static str> + use<> {
        let block = self.by_len.get(len).copied().unwrap_or("");
        let n_words = block.len().checked_div(len).unwrap_or(0);
        (0..n_words).filter_map(move |i| block.get(i * len..(i + 1) * len))
    }

    fn n_words(&self, len: usize) -> usize {
        self.by_len
            .get(len)
            .and_then(|block| block.len().checked_div(len))
            .unwrap_or(0)
    }

    /// `word` must already be lowercase.
    fn contains(&self, word: &str) -> bool {
        self.position(word).is_some()
    }

    /// The word's index among the list's words of its length.
    fn position(&self, word: &str) -> Option<usize> {
        let len = word.len();
        let block = self.by_len.get(len).map(|b| b.as_bytes())?;
        let (mut lo, mut hi) = (0, self.n_words(len));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match block[mid * len..(mid + 1) * len].cmp(word.as_bytes()) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

struct Builtin {
    answers: WordList,
    guesses: WordList,
    blocked: BTreeSet<&'static str>,
    /// Per length, one byte per answer: `3` SCOWL size 35, `5` size 50.
    answer_levels: [&'static [u8]; MAX_WORD_LEN + 1],
}

fn parse_levels(text: &'static str) -> [&'static [u8]; MAX_WORD_LEN + 1] {
    let mut by_len: [&'static [u8]; MAX_WORD_LEN + 1] = [&[]; MAX_WORD_LEN + 1];
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if let Some((len, levels)) = line.split_once(':')
            && let Ok(len) = len.parse::<usize>()
            && let Some(slot) = by_len.get_mut(len)
        {
            *slot = levels.as_bytes();
        }
    }
    by_len
}

fn builtin_lists() -> &'static Builtin {
    static BUILTIN: OnceLock<Builtin> = OnceLock::new();
    BUILTIN.get_or_init(|| Builtin {
        answers: WordList::parse(ANSWERS_TXT),
        guesses: WordList::parse(GUESSES_TXT),
        blocked: BLOCKLIST_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect(),
        answer_levels: parse_levels(ANSWER_LEVELS_TXT),
    })
}

/// Where a word stands in a [`Dictionary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DictionaryStatus {
    /// An answer a reader can be expected to know (built-in answer list or
    /// `extra-words`).
    Answer,
    /// Accepted as a guess, but too rare for the answer list.
    GuessOnly,
    /// On the built-in or configured blocklist: never an answer.
    Blocked,
    /// Known to neither list: players could not even type it as a guess.
    Unknown,
}

impl DictionaryStatus {
    /// A short human description that reads after "WORD is", e.g. for
    /// hovers.
    pub fn describe(self) -> &'static str {
        match self {
            DictionaryStatus::Answer => "in the answer list",
            DictionaryStatus::GuessOnly => "accepted as a guess only (not in the answer list)",
            DictionaryStatus::Blocked => "blocked: never used as an answer",
            DictionaryStatus::Unknown => "not in the dictionary: players' guesses would be refused",
        }
    }
}

/// The words of the game: answers (words a reader can be expected to know)
/// and guesses (every word a player may type), 4–10 lowercase letters.
///
/// Lookups are ASCII-case-insensitive. A project's `challenge.extra-words`
/// count as both answers and guesses; `challenge.blocked-words` and the
/// built-in blocklist are never answers (they stay acceptable guesses).
pub struct Dictionary {
    /// Extra words per length, lowercase, sorted, minus built-in answers.
    extra_by_len: [Vec<String>; MAX_WORD_LEN + 1],
    /// Configured blocked words, lowercase (the built-in ones are separate).
    blocked: BTreeSet<String>,
    /// Extra words that are not 4–10 letters a–z, as given.
    ignored_extra: Vec<String>,
    /// Per length: the answers in the solver's forms; built on first use.
    pools: [OnceLock<Pool>; MAX_WORD_LEN + 1],
    /// The solver's memoised decisions for this dictionary's answers.
    decisions: DecisionCache,
    /// Per length: an opener computed for this dictionary when the built-in
    /// one is blocked here.
    custom_openers: [OnceLock<Option<Letters>>; MAX_WORD_LEN + 1],
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field(
                "n_extra",
                &self.extra_by_len.iter().map(Vec::len).sum::<usize>(),
            )
            .field("blocked", &self.blocked)
            .field("ignored_extra", &self.ignored_extra)
            .finish_non_exhaustive()
    }
}

impl Default for Dictionary {
    fn default() -> Self {
        Dictionary::new::<&str>(&[], &[])
    }
}

impl Dictionary {
    /// The built-in lists with nothing added or blocked beyond the built-in
    /// blocklist.
    pub fn builtin() -> &'static Dictionary {
        static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();
        DICTIONARY.get_or_init(Dictionary::default)
    }

    /// The built-in lists layered with a project's `challenge.extra-words`
    /// (added to answers and guesses) and `challenge.blocked-words` (never
    /// answers). Both compare case-insensitively and ignore surrounding
    /// whitespace. Extra words that are not 4–10 letters a–z cannot be
    /// played; they are left out and reported by
    /// [`ignored_extra_words`](Self::ignored_extra_words).
    pub fn new<S: AsRef<str>>(extra_words: &[S], blocked_words: &[S]) -> Dictionary {
        let builtin = builtin_lists();
        let mut extra_by_len: [Vec<String>; MAX_WORD_LEN + 1] = Default::default();
        let mut ignored_extra = Vec::new();
        for word in extra_words {
            let given = word.as_ref().trim();
            if given.is_empty() {
                continue;
            }
            let lower = given.to_ascii_lowercase();
            let len = lower.len();
            if !(MIN_WORD_LEN..=MAX_WORD_LEN).contains(&len)
                || !lower.bytes().all(|b| b.is_ascii_lowercase())
            {
                ignored_extra.push(given.to_owned());
            } else if !builtin.answers.contains(&lower) {
                extra_by_len[len].push(lower);
            }
        }
        for words in &mut extra_by_len {
            words.sort_unstable();
            words.dedup();
        }
        let blocked = blocked_words
            .iter()
            .map(|w| w.as_ref().trim().to_ascii_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        Dictionary {
            extra_by_len,
            blocked,
            ignored_extra,
            pools: Default::default(),
            decisions: DecisionCache::default(),
            custom_openers: Default::default(),
        }
    }

    /// Extra words that were left out because they are not 4–10 letters
    /// a–z, as they were given (trimmed).
    pub fn ignored_extra_words(&self) -> &[String] {
        &self.ignored_extra
    }

    /// Whether `word` is on the built-in or configured blocklist.
    pub fn is_blocked(&self, word: &str) -> bool {
        self.is_blocked_lower(&word.trim().to_ascii_lowercase())
    }

    fn is_blocked_lower(&self, lower: &str) -> bool {
        builtin_lists().blocked.contains(lower) || self.blocked.contains(lower)
    }

    /// Whether `word` may be a challenge answer: a built-in answer or extra
    /// word, and not blocked.
    pub fn is_answer(&self, word: &str) -> bool {
        let lower = word.to_ascii_lowercase();
        (builtin_lists().answers.contains(&lower) || self.is_extra(&lower))
            && !self.is_blocked_lower(&lower)
    }

    /// Whether a player may type `word` as a guess: any built-in word
    /// (the built-in guesses include every built-in answer) or extra word.
    /// Blocked words are still accepted.
    pub fn is_guess(&self, word: &str) -> bool {
        let lower = word.to_ascii_lowercase();
        builtin_lists().guesses.contains(&lower) || self.is_extra(&lower)
    }

    /// The smallest SCOWL size whose list has `word` (any case): 35 or 50
    /// for a built-in answer, 70 for a built-in guess that is no answer;
    /// `None` for a word the built-in lists do not have (an extra word).
    pub fn scowl_size(&self, word: &str) -> Option<u8> {
        let lower = word.to_ascii_lowercase();
        let builtin = builtin_lists();
        if let Some(at) = builtin.answers.position(&lower) {
            return Self::builtin_answer_scowl_size(lower.len(), at);
        }
        builtin.guesses.contains(&lower).then_some(70)
    }

    /// Where `word` stands: blocked first, then answer, guess-only, unknown.
    pub fn status(&self, word: &str) -> DictionaryStatus {
        if self.is_blocked(word) {
            DictionaryStatus::Blocked
        } else if self.is_answer(word) {
            DictionaryStatus::Answer
        } else if self.is_guess(word) {
            DictionaryStatus::GuessOnly
        } else {
            DictionaryStatus::Unknown
        }
    }

    /// The answers of `len` letters (extra words included, blocked words
    /// excluded), sorted. Empty outside 4–10.
    pub fn answers(&self, len: usize) -> impl Iterator<Item = &str> + '_ {
        let extra = self.extra_by_len.get(len).map(Vec::as_slice).unwrap_or(&[]);
        MergeSorted {
            left: builtin_lists().answers.words(len).map(shorten).peekable(),
            right: extra.iter().map(String::as_str).peekable(),
        }
        .filter(|w| !self.is_blocked_lower(w))
    }

    /// The accepted guesses of `len` letters (answers, extra and blocked words
    /// included), sorted. Empty outside 4–10.
    pub fn guesses(&self, len: usize) -> impl Iterator<Item = &str> + '_ {
        let builtin = builtin_lists();
        let extra = self.extra_by_len.get(len).map(Vec::as_slice).unwrap_or(&[]);
        let extra = extra
            .iter()
            .map(String::as_str)
            .filter(|w| !builtin.guesses.contains(w));
        MergeSorted {
            left: builtin.guesses.words(len).map(shorten).peekable(),
            right: extra.peekable(),
        }
    }

    /// Number of answers of `len` letters (see [`answers`](Self::answers)).
    pub fn n_answers(&self, len: usize) -> usize {
        self.answers(len).count()
    }

    /// Number of accepted guesses of `len` letters.
    pub fn n_guesses(&self, len: usize) -> usize {
        self.guesses(len).count()
    }

    fn is_extra(&self, lower: &str) -> bool {
        self.extra_by_len
            .get(lower.len())
            .is_some_and(|words| words.binary_search_by(|w| w.as_str().cmp(lower)).is_ok())
    }

    /// Whether nothing configured changes the answers of `len` letters.
    /// The built-in answer list's words of `len` letters, blocked ones
    /// included, in list order (the order of the solver table).
    pub(crate) fn builtin_answer_list(len: usize) -> impl Iterator<Item = &'static str> {
        builtin_lists().answers.words(len)
    }

    /// The SCOWL size ([`Self::scowl_size`]) of the built-in answer at
    /// `index` of [`Self::builtin_answer_list`]`(len)`.
    pub(crate) fn builtin_answer_scowl_size(len: usize, index: usize) -> Option<u8> {
        let level = builtin_lists().answer_levels.get(len)?.get(index)?;
        Some(if *level == b'3' { 35 } else { 50 })
    }

    /// A word's index in [`Self::builtin_answer_list`].
    pub(crate) fn builtin_answer_position(word: &str) -> Option<usize> {
        builtin_lists().answers.position(word)
    }

    pub(crate) fn answers_are_builtin(&self, len: usize) -> bool {
        self.extra_by_len.get(len).is_none_or(Vec::is_empty)
            && !self.blocked.iter().any(|w| w.len() == len)
    }

    /// The answers of `len` letters in the solver's forms, sorted (its
    /// candidates and guess pool). Empty outside 4–10.
    pub(crate) fn pool(&self, len: usize) -> &Pool {
        static EMPTY: OnceLock<Pool> = OnceLock::new();
        match self.pools.get(len) {
            Some(cell) => cell.get_or_init(|| {
                let letters = self
                    .answers(len)
                    .filter_map(|w| to_letters(w.as_bytes()))
                    .collect();
                Pool::new(len, letters)
            }),
            None => EMPTY.get_or_init(Pool::default),
        }
    }

    pub(crate) fn decision_cache(&self) -> &DecisionCache {
        &self.decisions
    }

    /// The cache for an opener computed for this dictionary's own answers.
    pub(crate) fn custom_opener_cell(&self, len: usize) -> Option<&OnceLock<Option<Letters>>> {
        self.custom_openers.get(len)
    }
}

/// Lets built-in words merge with words borrowed from a [`Dictionary`].
fn shorten<'a>(word: &'static str) -> &'a str {
    word
}

/// Merges two sorted iterators of distinct words into one sorted iterator.
struct MergeSorted<L: Iterator, R: Iterator> {
    left: Peekable<L>,
    right: Peekable<R>,
}

impl<'a, L, R> Iterator for MergeSorted<L, R>
where
    L: Iterator<Item = &'a str>,
    R: Iterator<Item = &'a str>,
{
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match (self.left.peek(), self.right.peek()) {
            (Some(l), Some(r)) if r < l => self.right.next(),
            (Some(_), _) => self.left.next(),
            (None, _) => self.right.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dictionary_debugs_as_what_the_project_changed() {
        let dict = Dictionary::new(&["kanban", "x1"], &["crane"]);
        assert_eq!(
            format!("{dict:?}"),
            r#"Dictionary { n_extra: 1, blocked: {"crane"}, ignored_extra: ["x1"], .. }"#
        );
    }

    #[test]
    fn a_word_list_keeps_only_well_formed_lines() {
        let list = WordList::parse(
            "# comment\n4:salecrab\n5:tarescrane\n3:catdog\n11:abcdefghijkabcdefghijk\n6:shortest\nnonsense\n",
        );
        assert_eq!(list.words(4).collect::<Vec<_>>(), vec!["sale", "crab"]);
        assert_eq!(list.words(5).collect::<Vec<_>>(), vec!["tares", "crane"]);
        // Outside 4-10 letters, or not a whole number of words: dropped.
        assert_eq!(list.n_words(3), 0);
        assert_eq!(list.n_words(6), 0);
        assert_eq!(list.words(11).count(), 0);
    }

    /// The `# words per length:` header line of an embedded list.
    fn header_counts(text: &str) -> Vec<(usize, usize)> {
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix("# words per length: "))
            .unwrap_or_default();
        line.split(", ")
            .filter_map(|pair| {
                let (len, n) = pair.split_once(": ")?;
                Some((len.parse().ok()?, n.parse().ok()?))
            })
            .collect()
    }

    #[test]
    fn embedded_lists_match_their_headers_and_are_sorted() {
        for (text, list) in [
            (ANSWERS_TXT, &builtin_lists().answers),
            (GUESSES_TXT, &builtin_lists().guesses),
        ] {
            let counts = header_counts(text);
            assert_eq!(counts.len(), MAX_WORD_LEN - MIN_WORD_LEN + 1);
            for (len, n) in counts {
                assert_eq!(list.n_words(len), n, "length {len}");
                let words: Vec<_> = list.words(len).collect();
                assert!(words.windows(2).all(|w| w[0] < w[1]), "length {len} sorted");
                assert!(
                    words
                        .iter()
                        .all(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
                );
            }
        }
    }

    #[test]
    fn every_answer_is_a_guess() {
        let dict = Dictionary::builtin();
        for len in MIN_WORD_LEN..=MAX_WORD_LEN {
            assert!(builtin_lists().answers.words(len).all(|w| dict.is_guess(w)));
        }
    }

    #[test]
    fn common_words_are_answers_in_any_case() {
        let dict = Dictionary::builtin();
        for word in ["sprint", "SPRINT", "Crane", "team", "product", "management"] {
            assert!(dict.is_answer(word), "{word}");
            assert!(dict.is_guess(word), "{word}");
            assert_eq!(dict.status(word), DictionaryStatus::Answer, "{word}");
        }
    }

    #[test]
    fn proper_nouns_possessives_and_accents_are_not_words() {
        let dict = Dictionary::builtin();
        // "Boston", "Alice" and "café" are in the raw lists only capitalised
        // or accented; possessives carry an apostrophe.
        for word in ["boston", "alice", "sprint's", "café", "cafe's"] {
            assert!(!dict.is_answer(word), "{word}");
            assert!(!dict.is_guess(word), "{word}");
            assert_eq!(dict.status(word), DictionaryStatus::Unknown, "{word}");
        }
    }

    #[test]
    fn rare_words_are_guesses_only() {
        let dict = Dictionary::builtin();
        // in wamerican-large but not wamerican
        assert!(!dict.is_answer("abaca"));
        assert!(dict.is_guess("abaca"));
        assert_eq!(dict.status("abaca"), DictionaryStatus::GuessOnly);
    }

    #[test]
    fn only_lengths_four_to_ten() {
        let dict = Dictionary::builtin();
        assert!(!dict.is_guess("cat"));
        assert!(!dict.is_guess("a"));
        assert!(!dict.is_guess(""));
        assert!(dict.is_answer("cats"));
        assert!(dict.is_answer("management"));
        assert!(!dict.is_guess("managements"));
        assert!(!dict.is_guess("responsibilities"));
        assert_eq!(dict.answers(3).count(), 0);
        assert_eq!(dict.answers(11).count(), 0);
        assert!(dict.answers(4).all(|w| w.len() == 4));
        assert!(dict.answers(10).all(|w| w.len() == 10));
    }

    #[test]
    fn builtin_blocklist_words_are_never_answers() {
        let dict = Dictionary::builtin();
        for word in builtin_lists().blocked.iter() {
            assert!(!dict.is_answer(word), "{word}");
            assert!(dict.is_blocked(word), "{word}");
        }
        assert!(dict.is_blocked("Bitch"));
        assert!(
            dict.is_guess("bitch"),
            "blocked words stay acceptable guesses"
        );
        assert_eq!(dict.status("bitch"), DictionaryStatus::Blocked);
        assert!(dict.answers(5).all(|w| !dict.is_blocked(w)));
        assert!(!dict.is_blocked("sprint"));
    }

    #[test]
    fn extra_words_are_answers_and_guesses() {
        let dict = Dictionary::new(
            &[
                "Kanban".to_owned(),
                " devops ".to_owned(),
                "sprint".to_owned(),
                "ci".to_owned(),
                "naïve".to_owned(),
                "a-b-c-d".to_owned(),
            ],
            &[],
        );
        for word in ["kanban", "KANBAN", "devops"] {
            assert!(dict.is_answer(word), "{word}");
            assert!(dict.is_guess(word), "{word}");
        }
        assert!(!Dictionary::builtin().is_guess("kanban"));
        assert_eq!(dict.ignored_extra_words(), ["ci", "naïve", "a-b-c-d"]);
        let sixes: Vec<_> = dict.answers(6).collect();
        assert!(
            sixes.windows(2).all(|w| w[0] < w[1]),
            "merged answers stay sorted"
        );
        assert!(sixes.contains(&"kanban") && sixes.contains(&"devops"));
        assert_eq!(sixes.len(), Dictionary::builtin().n_answers(6) + 2);
        assert!(dict.guesses(6).any(|w| w == "kanban"));
        assert_eq!(dict.n_guesses(6), Dictionary::builtin().n_guesses(6) + 2);
    }

    #[test]
    fn configured_blocked_words_are_blocked() {
        let dict = Dictionary::new(
            &["Kanban".to_owned()],
            &["KANBAN".to_owned(), "Crane".to_owned()],
        );
        assert!(dict.is_blocked("crane"));
        assert!(!dict.is_answer("crane"));
        assert!(!dict.is_answer("kanban"));
        assert!(dict.is_guess("crane"));
        assert!(dict.answers(5).all(|w| w != "crane"));
        assert!(Dictionary::builtin().is_answer("crane"));
    }

    #[test]
    fn dictionary_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Dictionary>();
    }

    #[test]
    fn answer_levels_cover_every_answer() {
        let builtin = builtin_lists();
        for len in MIN_WORD_LEN..=MAX_WORD_LEN {
            let levels = builtin.answer_levels[len];
            assert_eq!(levels.len(), builtin.answers.n_words(len), "length {len}");
            assert!(levels.iter().all(|l| matches!(l, b'3' | b'5')));
            // most answers are common words, not all
            let common = levels.iter().filter(|l| **l == b'3').count();
            assert!(
                common > levels.len() / 2 && common < levels.len(),
                "length {len}"
            );
        }
        let dict = Dictionary::builtin();
        assert_eq!(dict.scowl_size("WATER"), Some(35));
        assert_eq!(dict.scowl_size("xyzzy"), None);
        assert_eq!(dict.scowl_size("abc"), None);
    }

    #[test]
    fn pool_matches_answers() {
        let dict = Dictionary::builtin();
        assert_eq!(dict.pool(5).len(), dict.n_answers(5));
        assert_eq!(dict.pool(3).len(), 0);
        assert_eq!(dict.pool(99).len(), 0);
    }
}
