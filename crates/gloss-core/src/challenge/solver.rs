//! The reference solver: deterministic entropy-greedy play.
//!
//! Candidates are the dictionary's answers of the word's length (extra words
//! included, blocked words excluded), plus the word itself when it is not one
//! of them. Each turn the solver guesses the word that maximises the Shannon
//! entropy of the feedback partition of the remaining candidates:
//!
//! - the guess pool is every answer of that length (the accepted-guess list
//!   is not used: it would triple the work for a marginal gain); with two
//!   candidates left only those two are tried, which changes nothing (either
//!   one splits them, the best any guess can do, and wins the tie-break);
//! - ties go to a word that is still a candidate, then to the alphabetically
//!   first;
//! - entropy is compared exactly, as the fixed-point sum Σ c·log2(c) over the
//!   partition's class sizes (smaller sum = higher entropy), so equal
//!   partitions really tie and results do not depend on float summation order;
//! - the first guess is fixed per length ([`opener`]): the entropy argmax over
//!   the built-in answers, committed below as [`BUILTIN_OPENERS`] and checked
//!   by `cargo run --release -p gloss-core --example challenge_openers`.
//!   Extra words do not move it; only when a project blocks the built-in
//!   opener is one recomputed (once per dictionary, and slow: seconds).
//!
//! In **hard mode** ([`solve_hard`]) every guess after the first must use the
//! hints revealed so far, as the game's hard mode enforces: a green letter
//! stays at its position, and a letter marked green or yellow is used again
//! (as many times as it was marked). The guess pool is then the answers that
//! obey every hint; the rest of the play is the same.
//!
//! The game tree is a pure function of the dictionary, so each
//! [`Dictionary`] memoises the solver's decisions (keyed by length and the
//! feedback seen so far) for words in its answer list: the first analyses
//! cost a few milliseconds, later ones that share a prefix of the tree far
//! less. Words outside the list change the candidates and are always
//! computed afresh.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;

use super::dictionary::Dictionary;
use super::feedback::{
    GuessPlan, Letters, Positions, letters_to_string, n_patterns, pattern, positions,
    solved_pattern, to_letters,
};
use super::{MAX_WORD_LEN, MIN_WORD_LEN, is_playable};

/// The safety cap: the solver keeps playing past `max-guesses` (to report
/// "solved in 8") but never beyond this many guesses.
pub const MAX_SOLVER_GUESSES: usize = 20;

/// With at most this many candidates left, only candidates are tried as
/// guesses (exact for 2, see the module doc).
const FULL_POOL_ABOVE: usize = 2;

/// The entropy-argmax first guess over the built-in answers, by length
/// (index 0 is length 4). Regenerate with
/// `cargo run --release -p gloss-core --example challenge_openers`.
pub const BUILTIN_OPENERS: [&str; MAX_WORD_LEN - MIN_WORD_LEN + 1] = [
    "sale",
    "tares",
    "caries",
    "saltier",
    "pantries",
    "contrails",
    "tolerances",
];

/// The reference solver's game for one word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SolverGame {
    /// Guesses played, up to and including the word when found (at most
    /// [`MAX_SOLVER_GUESSES`]).
    pub guesses: usize,
    /// Found within the game's `max-guesses`.
    pub solved: bool,
    /// Found at all within [`MAX_SOLVER_GUESSES`].
    pub found: bool,
    /// The guesses in order, uppercase; ends on the word when found.
    pub path: Vec<String>,
}

/// The answers of one length in the solver's forms, sorted.
#[derive(Clone, Default)]
pub(crate) struct Pool {
    len: usize,
    letters: Vec<Letters>,
    positions: Vec<Positions>,
    /// For each position, how many words share every other letter: the
    /// one-letter traps of a word without a scan of the pool (built on
    /// first use; one entry per word and position).
    wildcards: std::sync::OnceLock<Vec<WildcardCounts>>,
}

impl Pool {
    pub(crate) fn new(len: usize, letters: Vec<Letters>) -> Pool {
        let positions = letters.iter().map(|w| positions(w, len)).collect();
        Pool {
            len,
            letters,
            positions,
            wildcards: std::sync::OnceLock::new(),
        }
    }

    /// For each position `i < len`, how many other words of the pool
    /// differ from `word` at `i` only.
    pub(crate) fn one_letter_neighbours(&self, word: &Letters) -> [usize; MAX_WORD_LEN] {
        let len = self.len;
        let maps = self.wildcards.get_or_init(|| {
            (0..len)
                .map(|at| {
                    let mut counts =
                        WildcardCounts::with_capacity_and_hasher(self.letters.len(), KeyHash);
                    for w in &self.letters {
                        *counts.entry(wildcard_key(w, len, at)).or_insert(0u32) += 1;
                    }
                    counts
                })
                .collect()
        });
        let own = usize::from(self.index_of(word).is_ok());
        let mut out = [0usize; MAX_WORD_LEN];
        for (at, counts) in maps.iter().enumerate() {
            let n = counts
                .get(&wildcard_key(word, len, at))
                .copied()
                .unwrap_or(0);
            out[at] = (n as usize).saturating_sub(own);
        }
        out
    }

    pub(crate) fn len(&self) -> usize {
        self.letters.len()
    }

    /// The words, sorted.
    #[cfg(test)]
    pub(crate) fn words(&self) -> &[Letters] {
        &self.letters
    }

    fn index_of(&self, word: &Letters) -> Result<usize, usize> {
        self.letters.binary_search(word)
    }

    /// This pool with `word` inserted at `at` (from a failed [`index_of`]).
    fn with(&self, at: usize, word: Letters) -> Pool {
        let mut letters = Vec::with_capacity(self.len() + 1);
        letters.extend_from_slice(&self.letters[..at]);
        letters.push(word);
        letters.extend_from_slice(&self.letters[at..]);
        let mut positions_ = Vec::with_capacity(self.len() + 1);
        positions_.extend_from_slice(&self.positions[..at]);
        positions_.push(positions(&word, self.len));
        positions_.extend_from_slice(&self.positions[at..]);
        Pool {
            len: self.len,
            letters,
            positions: positions_,
            wildcards: std::sync::OnceLock::new(),
        }
    }
}

/// Counts by wildcard key. The keys are packed letters, not attacker
/// controlled and already well spread: one multiplication hashes them.
type WildcardCounts = std::collections::HashMap<u64, u32, KeyHash>;

#[derive(Clone, Copy, Default)]
struct KeyHash;

impl std::hash::BuildHasher for KeyHash {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = (self.0 ^ key)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
}

/// `word`'s first `len` letters packed five bits each, with position `at`
/// as 31 (no letter): words that differ at `at` only share the key.
fn wildcard_key(word: &Letters, len: usize, at: usize) -> u64 {
    word[..len].iter().enumerate().fold(0u64, |key, (i, &l)| {
        (key << 5) | if i == at { 31 } else { u64::from(l) }
    })
}

/// How the solver may guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Mode {
    /// Any answer of the length may be guessed.
    Normal,
    /// Every guess uses the hints revealed so far (the game's hard mode).
    Hard,
}

/// The memo key: mode, length and the feedback codes so far.
type DecisionKey = (Mode, usize, Vec<u16>);

/// A dictionary's memo of the solver's decisions: (mode, length, feedback
/// codes so far) → next guess. Only for answers in the dictionary's own pool.
#[derive(Default)]
pub(crate) struct DecisionCache {
    next_guess: Mutex<HashMap<DecisionKey, Letters>>,
}

impl DecisionCache {
    fn get(&self, key: &DecisionKey) -> Option<Letters> {
        let map = self.next_guess.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key).copied()
    }

    fn insert(&self, key: DecisionKey, guess: Letters) {
        let mut map = self.next_guess.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(key, guess);
    }
}

/// The hints revealed so far, as hard mode enforces them: the letter fixed
/// at each green position, and the least number of copies of each letter a
/// guess must use.
#[derive(Clone, Copy)]
struct Hints {
    fixed: [Option<u8>; MAX_WORD_LEN],
    min_copies: [u8; 26],
}

impl Hints {
    fn none() -> Hints {
        Hints {
            fixed: [None; MAX_WORD_LEN],
            min_copies: [0; 26],
        }
    }

    /// Adds the hints of one row: `guess` scored `code`.
    fn learn(&mut self, guess: &Letters, len: usize, code: u16) {
        let mut copies = [0u8; 26];
        let mut rest = code;
        for (i, &letter) in guess.iter().take(len).enumerate() {
            let digit = rest % 3;
            rest /= 3;
            if digit == 2 {
                self.fixed[i] = Some(letter);
            }
            if digit > 0 {
                copies[usize::from(letter % 26)] += 1;
            }
        }
        for (least, seen) in self.min_copies.iter_mut().zip(copies) {
            *least = (*least).max(seen);
        }
    }

    /// Whether `guess` uses every hint.
    fn allow(&self, guess: &Letters, len: usize) -> bool {
        let mut copies = [0u8; 26];
        for (i, &letter) in guess.iter().take(len).enumerate() {
            if self.fixed[i].is_some_and(|fixed| fixed != letter) {
                return false;
            }
            copies[usize::from(letter % 26)] += 1;
        }
        copies
            .iter()
            .zip(&self.min_copies)
            .all(|(have, least)| have >= least)
    }
}

/// Plays the reference solver against `answer` (4–10 ASCII letters, any
/// case) with the answers of `dict`. Returns `None` when `answer` cannot be
/// played (wrong length or not only letters).
pub fn solve(answer: &str, dict: &Dictionary, max_guesses: usize) -> Option<SolverGame> {
    play(answer, dict, max_guesses, Mode::Normal)
}

/// [`solve`] in hard mode: every guess uses the hints revealed so far.
pub fn solve_hard(answer: &str, dict: &Dictionary, max_guesses: usize) -> Option<SolverGame> {
    play(answer, dict, max_guesses, Mode::Hard)
}

/// The reference solver's game in `mode`.
pub(crate) fn play(
    answer: &str,
    dict: &Dictionary,
    max_guesses: usize,
    mode: Mode,
) -> Option<SolverGame> {
    if !is_playable(answer) {
        return None;
    }
    let word = answer.to_ascii_lowercase();
    let len = word.len();
    let target = to_letters(word.as_bytes())?;
    let target_positions = positions(&target, len);
    let solved_code = solved_pattern(len);

    let dict_pool = dict.pool(len);
    let (pool, cache) = match dict_pool.index_of(&target) {
        Ok(_) => (Cow::Borrowed(dict_pool), Some(dict.decision_cache())),
        Err(at) => (Cow::Owned(dict_pool.with(at, target)), None),
    };

    let mut path = Vec::new();
    let mut codes = Vec::new();
    let mut hints = Hints::none();
    let mut search: Option<Search<'_>> = None;
    let mut guess = match opener_letters(dict, len) {
        Some(opener) => opener,
        None => pool.letters[Search::all(&pool).best_guess()],
    };
    let found = loop {
        path.push(letters_to_string(&guess, len).to_ascii_uppercase());
        let plan = GuessPlan::new(&guess, len);
        let code = pattern(&plan, &target_positions);
        if code == solved_code {
            break true;
        }
        if path.len() >= MAX_SOLVER_GUESSES {
            break false;
        }
        codes.push(code);
        if mode == Mode::Hard {
            hints.learn(&guess, len, code);
        }
        let search = match &mut search {
            Some(search) => {
                search.keep_matching(&plan, code);
                search
            }
            None => search.insert(Search::matching(&pool, &plan, code)),
        };
        let key = (mode, len, codes.clone());
        let cached = cache.and_then(|c| c.get(&key));
        guess = match cached {
            Some(cached) => cached,
            None => {
                let best = match mode {
                    Mode::Normal => search.best_guess(),
                    Mode::Hard => search.best_guess_obeying(&hints),
                };
                let next = pool.letters[best];
                if let Some(cache) = cache.filter(|_| search.candidates.len() > FULL_POOL_ABOVE) {
                    cache.insert(key, next);
                }
                next
            }
        };
    };
    let guesses = path.len();
    Some(SolverGame {
        guesses,
        solved: found && guesses <= max_guesses,
        found,
        path,
    })
}

/// The solver's fixed first guess for words of `len` letters in `dict`,
/// lowercase. `None` outside 4–10 or when `dict` has no answer of that
/// length.
pub fn opener(dict: &Dictionary, len: usize) -> Option<String> {
    opener_letters(dict, len).map(|letters| letters_to_string(&letters, len))
}

/// Computes the entropy-argmax first guess over `dict`'s answers of `len`
/// letters from scratch: `answers²` feedback computations, up to 2 s in
/// release mode for the long lengths. For checking and regenerating
/// [`BUILTIN_OPENERS`].
pub fn compute_opener(dict: &Dictionary, len: usize) -> Option<String> {
    let pool = dict.pool(len);
    if pool.len() == 0 {
        return None;
    }
    let idx = Search::all(pool).best_guess();
    Some(letters_to_string(&pool.letters[idx], len))
}

fn opener_letters(dict: &Dictionary, len: usize) -> Option<Letters> {
    let committed = BUILTIN_OPENERS.get(len.checked_sub(MIN_WORD_LEN)?)?;
    if let Some(letters) = to_letters(committed.as_bytes()).filter(|_| committed.len() == len)
        && (dict.answers_are_builtin(len) || dict.pool(len).index_of(&letters).is_ok())
    {
        return Some(letters);
    }
    let cell = dict.custom_opener_cell(len)?;
    *cell.get_or_init(|| {
        let pool = dict.pool(len);
        (pool.len() > 0).then(|| pool.letters[Search::all(pool).best_guess()])
    })
}

/// The state of one analysis: the pool and the remaining candidates.
struct Search<'p> {
    pool: &'p Pool,
    /// Indices into `pool` of the words still consistent with the feedback,
    /// ascending.
    candidates: Vec<u32>,
    /// The candidates' letter positions, in the same order (contiguous for
    /// the inner loop).
    candidate_positions: Vec<Positions>,
    /// Scratch: class size per pattern code, all zero between guesses.
    class_sizes: Vec<u32>,
    /// Scratch: the pattern codes with a non-zero class size.
    touched: Vec<u16>,
    /// `c·log2(c)` in 32-bit fixed point, for `c` up to the candidate count.
    xlogx: Vec<u64>,
}

impl<'p> Search<'p> {
    /// Every word of the pool is a candidate.
    fn all(pool: &'p Pool) -> Search<'p> {
        Search::with_candidates(
            pool,
            (0..pool.len() as u32).collect(),
            pool.positions.clone(),
        )
    }

    /// The words of the pool that would have given `code` for `guess`.
    fn matching(pool: &'p Pool, guess: &GuessPlan, code: u16) -> Search<'p> {
        let (mut candidates, mut candidate_positions) = (Vec::new(), Vec::new());
        for (idx, answer) in pool.positions.iter().enumerate() {
            if pattern(guess, answer) == code {
                candidates.push(idx as u32);
                candidate_positions.push(*answer);
            }
        }
        Search::with_candidates(pool, candidates, candidate_positions)
    }

    fn with_candidates(
        pool: &'p Pool,
        candidates: Vec<u32>,
        candidate_positions: Vec<Positions>,
    ) -> Search<'p> {
        let xlogx = (0..=candidates.len())
            .map(|c| {
                let c = c as f64;
                if c <= 1.0 {
                    0
                } else {
                    (c * c.log2() * 4_294_967_296.0).round() as u64
                }
            })
            .collect();
        Search {
            pool,
            candidates,
            candidate_positions,
            class_sizes: vec![0; n_patterns(pool.len)],
            touched: Vec::new(),
            xlogx,
        }
    }

    /// Keeps the candidates that would have given `code` for `guess`.
    fn keep_matching(&mut self, guess: &GuessPlan, code: u16) {
        let mut kept = 0;
        for i in 0..self.candidates.len() {
            let answer = self.candidate_positions[i];
            if pattern(guess, &answer) == code {
                self.candidates[kept] = self.candidates[i];
                self.candidate_positions[kept] = answer;
                kept += 1;
            }
        }
        self.candidates.truncate(kept);
        self.candidate_positions.truncate(kept);
    }

    /// The pool index of the best next guess (see the module doc); 0 when
    /// no candidate is left.
    fn best_guess(&mut self) -> usize {
        self.best_guess_where(|_| true)
    }

    /// [`Self::best_guess`] among the guesses that use every hint (the
    /// candidates always do).
    fn best_guess_obeying(&mut self, hints: &Hints) -> usize {
        let (pool, len) = (self.pool, self.pool.len);
        self.best_guess_where(|idx| hints.allow(&pool.letters[idx], len))
    }

    fn best_guess_where(&mut self, allowed: impl Fn(usize) -> bool) -> usize {
        match self.candidates.as_slice() {
            [] => return 0,
            [only] => return *only as usize,
            _ => {}
        }
        let restricted = self.candidates.len() <= FULL_POOL_ABOVE;
        let n_guesses = if restricted {
            self.candidates.len()
        } else {
            self.pool.len()
        };
        let mut best: Option<(u64, bool, usize)> = None;
        for i in 0..n_guesses {
            let guess_idx = if restricted {
                self.candidates[i] as usize
            } else {
                i
            };
            if !restricted && !allowed(guess_idx) {
                continue;
            }
            let plan = GuessPlan::new(&self.pool.letters[guess_idx], self.pool.len);
            let sum = self.partition_cost(&plan);
            let better = match best {
                None => true,
                Some((best_sum, best_is_candidate, _)) => {
                    sum < best_sum
                        || (sum == best_sum && !best_is_candidate && self.is_candidate(guess_idx))
                }
            };
            if better {
                best = Some((sum, self.is_candidate(guess_idx), guess_idx));
            }
        }
        best.map_or(0, |(_, _, idx)| idx)
    }

    fn is_candidate(&self, pool_idx: usize) -> bool {
        self.candidates.binary_search(&(pool_idx as u32)).is_ok()
    }

    /// Σ c·log2(c) over the classes of the candidates' feedback for `guess`.
    fn partition_cost(&mut self, guess: &GuessPlan) -> u64 {
        for answer in &self.candidate_positions {
            let code = pattern(guess, answer);
            let size = &mut self.class_sizes[usize::from(code)];
            if *size == 0 {
                self.touched.push(code);
            }
            *size += 1;
        }
        let mut sum = 0;
        for &code in &self.touched {
            let size = &mut self.class_sizes[usize::from(code)];
            sum += self.xlogx[*size as usize];
            *size = 0;
        }
        self.touched.clear();
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::challenge::score;

    #[track_caller]
    fn solved(word: &str, dict: &Dictionary) -> SolverGame {
        let Some(game) = solve(word, dict, 6) else {
            panic!("{word} is playable");
        };
        assert!(game.found, "{word}: {game:?}");
        assert_eq!(game.guesses, game.path.len());
        assert_eq!(
            game.path.last().map(String::as_str),
            Some(word.to_ascii_uppercase().as_str())
        );
        game
    }

    #[test]
    fn solves_words_of_every_length() {
        let dict = Dictionary::builtin();
        for word in [
            "team",
            "crane",
            "sprint",
            "backlog",
            "pipeline",
            "blueprint",
            "management",
        ] {
            let game = solved(word, dict);
            assert!(game.solved, "{word} in at most 6: {:?}", game.path);
            assert_eq!(
                game.path[0],
                BUILTIN_OPENERS[word.len() - MIN_WORD_LEN].to_ascii_uppercase()
            );
        }
    }

    #[test]
    fn is_deterministic_and_case_insensitive() {
        let fresh = Dictionary::new::<&str>(&[], &[]);
        let first = solved("sprint", Dictionary::builtin());
        assert_eq!(solved("SPRINT", &fresh), first);
        assert_eq!(
            solved("Sprint", &fresh),
            first,
            "memoised decisions give the same game"
        );
    }

    #[test]
    fn never_repeats_a_guess_even_among_near_twins() {
        // Words that differ in one letter are the worst case for greedy play.
        let dict = Dictionary::builtin();
        for word in [
            "bills", "fills", "hills", "kills", "mills", "pills", "tills", "wills",
        ] {
            let game = solved(word, dict);
            let mut seen = std::collections::BTreeSet::new();
            assert!(
                game.path.iter().all(|g| seen.insert(g)),
                "{word}: {:?}",
                game.path
            );
        }
    }

    #[test]
    fn the_last_guesses_are_consistent_with_all_feedback() {
        // Once the solver guesses a remaining candidate, that guess agrees
        // with every earlier row; the word itself always does.
        let dict = Dictionary::builtin();
        for word in ["crane", "abbey", "kebab", "llama", "sprint"] {
            let game = solved(word, dict);
            let rows: Vec<_> = game.path.iter().map(|g| (g, score(g, word))).collect();
            let consistent = |candidate: &str| {
                rows.iter()
                    .all(|(guess, feedback)| score(guess, candidate) == *feedback)
            };
            assert!(consistent(word));
            let n_consistent = game.path.iter().filter(|g| consistent(g)).count();
            assert!(n_consistent >= 1, "{word}: {:?}", game.path);
        }
    }

    #[test]
    fn keeps_playing_past_max_guesses() {
        let dict = Dictionary::builtin();
        let Some(game) = solve("faxed", dict, 6) else {
            panic!("faxed is playable");
        };
        assert!(game.found);
        assert!(game.guesses > 6, "{game:?}");
        assert!(!game.solved);
        let Some(game) = solve("faxed", dict, 10) else {
            panic!("faxed is playable");
        };
        assert!(game.solved);
    }

    #[test]
    fn words_outside_the_answer_list_are_added_as_candidates() {
        let dict = Dictionary::builtin();
        assert!(!dict.is_answer("kanban"));
        let game = solved("kanban", dict);
        assert!(game.guesses <= MAX_SOLVER_GUESSES);
        solved("onboarding", dict);
        // a blocked word is no answer, but the solver still analyses it
        let blocked = Dictionary::new(&[] as &[&str], &["crane"]);
        solved("crane", &blocked);
    }

    #[test]
    fn extra_words_join_the_candidates() {
        let dict = Dictionary::new(&["kanban", "devops"], &[]);
        let with_extra = solved("kanban", &dict);
        assert_eq!(with_extra, solved("kanban", Dictionary::builtin()));
        assert_eq!(
            opener(&dict, 6).as_deref(),
            Some("caries"),
            "extra words keep the opener"
        );
    }

    #[test]
    fn a_committed_opener_stays_while_it_is_an_answer() {
        // Every other ten-letter answer blocked, and 400 extra words of rare
        // letters: over this pool the entropy argmax is another word, but
        // the committed opener is still an answer, so it stays (an opener
        // is computed only for a dictionary without it).
        let extra: Vec<String> = (0..400u32)
            .map(|mut n| {
                (0..10)
                    .map(|_| {
                        let c = char::from(b"jqvwxyzk"[(n % 8) as usize]);
                        n /= 8;
                        c
                    })
                    .collect()
            })
            .collect();
        let blocked: Vec<String> = Dictionary::builtin()
            .answers(10)
            .filter(|w| *w != "tolerances")
            .map(str::to_owned)
            .collect();
        let dict = Dictionary::new(&extra, &blocked);
        assert_ne!(compute_opener(&dict, 10).as_deref(), Some("tolerances"));
        assert_eq!(opener(&dict, 10).as_deref(), Some("tolerances"));
    }

    #[test]
    fn a_blocked_ten_letter_opener_is_replaced() {
        // Every length has its own cell for the opener computed in place of
        // a blocked one, ten letters too. (Most answers blocked as well, so
        // that computing it is quick.)
        let blocked: Vec<String> = Dictionary::builtin()
            .answers(10)
            .enumerate()
            .filter(|(i, w)| *i >= 40 || *w == "tolerances")
            .map(|(_, w)| w.to_owned())
            .collect();
        let dict = Dictionary::new(&[] as &[String], &blocked);
        let Some(replacement) = opener(&dict, 10) else {
            panic!("there are ten-letter answers left");
        };
        assert_ne!(replacement, "tolerances");
        assert!(dict.is_answer(&replacement));
    }

    #[test]
    fn a_length_with_every_answer_blocked_has_no_opener() {
        let all: Vec<String> = Dictionary::builtin()
            .answers(10)
            .map(str::to_owned)
            .collect();
        let dict = Dictionary::new(&[] as &[String], &all);
        assert_eq!(dict.answers(10).count(), 0);
        assert_eq!(opener(&dict, 10), None);
        assert_eq!(opener(&dict, 9).as_deref(), Some("contrails"));
    }

    #[test]
    fn a_blocked_opener_is_replaced() {
        let dict = Dictionary::new(&[] as &[&str], &["sale"]);
        let Some(replacement) = opener(&dict, 4) else {
            panic!("there are 4-letter answers");
        };
        assert_ne!(replacement, "sale");
        assert!(dict.is_answer(&replacement));
        let game = solved("team", &dict);
        assert!(game.path.iter().all(|g| g != "SALE"));
    }

    #[test]
    fn unplayable_words_are_refused() {
        let dict = Dictionary::builtin();
        for word in [
            "",
            "cat",
            "spr1nt",
            "responsibilities",
            "naïve",
            "two words",
        ] {
            assert_eq!(solve(word, dict, 6), None, "{word}");
        }
        assert_eq!(opener(dict, 3), None);
        assert_eq!(opener(dict, 11), None);
    }

    #[test]
    fn committed_short_openers_are_the_entropy_argmax() {
        // The long lengths take too long for a debug-mode test: the example
        // `challenge_openers` checks all of them in release mode.
        let dict = Dictionary::builtin();
        for len in [4, 5] {
            assert_eq!(
                compute_opener(dict, len).as_deref(),
                Some(BUILTIN_OPENERS[len - MIN_WORD_LEN]),
                "length {len}: run `cargo run --release -p gloss-core --example challenge_openers`"
            );
        }
    }
}
