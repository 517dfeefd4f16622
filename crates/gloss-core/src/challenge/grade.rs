//! The difficulty grade of a challenge word: easy, medium, hard or too hard,
//! from parts that are each measured and shown (docs/challenge.md has the
//! method and the distribution of every part over the answer lists).
//!
//! What makes a Wordle answer hard for people is documented by the game's
//! players and analysts: a rare word, repeated letters, and a *trap group* —
//! answers that differ from it in one letter (`_OUND`: bound, found, hound,
//! mound, pound, round, sound, wound), which lose games played by the hints.
//! An entropy solver's guess count alone misses all three, so the grade adds
//! them up as points:
//!
//! | part | 0 points | 1 point | 2 points |
//! |---|---|---|---|
//! | reference solver, normal mode | ≤ 3 guesses | 4 | ≥ 5 |
//! | hard mode: guesses beyond normal mode | 0 | 1 | ≥ 2 |
//! | word frequency (SCOWL size) | 35 | 50 | 70 or none |
//! | repeated letters | none | any | |
//! | trap group (answers one letter apart, the word included) | ≤ 2 | 3–5 | ≥ 6 |
//!
//! 0–1 points is easy, 2–3 medium, 4 or more hard. The word is **too hard**
//! whatever its points when players cannot enter it (not in the guess list),
//! or the reference solver needs more than `max-guesses` in normal or in
//! hard mode.

use serde::Serialize;

use super::dictionary::Dictionary;
use super::feedback::{Letters, to_letters};
use super::is_playable;
use super::solver::{MAX_SOLVER_GUESSES, Mode, play};

/// A difficulty level, easiest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Easy,
    Medium,
    Hard,
    TooHard,
}

impl Level {
    /// The level's public name: `easy`, `medium`, `hard`, `too-hard`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Medium => "medium",
            Level::Hard => "hard",
            Level::TooHard => "too-hard",
        }
    }

    /// The level named `name` (as [`Level::name`] spells it).
    pub fn parse(name: &str) -> Option<Level> {
        [Level::Easy, Level::Medium, Level::Hard, Level::TooHard]
            .into_iter()
            .find(|level| level.name() == name)
    }

    /// How far this level is from `target`, in levels.
    pub fn distance(self, target: Level) -> usize {
        (self as usize).abs_diff(target as usize)
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The measured parts of a grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeParts {
    /// Whether players can type the word as a guess at all.
    pub enterable: bool,
    /// The reference solver's guesses in normal mode; `None` when it is not
    /// played (players cannot enter the word) or not found within
    /// [`MAX_SOLVER_GUESSES`].
    pub guesses: Option<usize>,
    /// The same in hard mode (every guess uses the hints revealed so far).
    pub hard_mode_guesses: Option<usize>,
    /// The smallest SCOWL size that has the word: 35 (common) or 50 for the
    /// answer list, 70 for words accepted as guesses only; `None` for a word
    /// SCOWL's lists up to size 70 do not have (an `extra-words` word).
    pub scowl_size: Option<u8>,
    /// Letters that repeat an earlier letter of the word (`LLAMA`: 2).
    pub repeated_letters: usize,
    /// The largest group of answers that differ from the word only at one
    /// position, the word included (1 when there is none).
    pub trap_group: usize,
    /// That group's pattern, `_OUND`; `None` when the group is the word alone.
    pub trap_pattern: Option<String>,
}

/// A word's difficulty grade: its level, the points it came from and the
/// parts they were measured from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub level: Level,
    /// The sum of the parts' points (see the module doc).
    pub points: u32,
    pub parts: GradeParts,
    /// Why the level is too hard regardless of points, when it is.
    pub too_hard_because: Option<String>,
}

fn solver_points(guesses: usize) -> u32 {
    match guesses {
        ..=3 => 0,
        4 => 1,
        _ => 2,
    }
}

fn hard_mode_points(extra: usize) -> u32 {
    extra.min(2) as u32
}

fn frequency_points(scowl_size: Option<u8>) -> u32 {
    match scowl_size {
        Some(..=35) => 0,
        Some(36..=50) => 1,
        _ => 2,
    }
}

fn repeat_points(repeated: usize) -> u32 {
    u32::from(repeated > 0)
}

fn trap_points(group: usize) -> u32 {
    match group {
        ..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

fn level_of(points: u32) -> Level {
    match points {
        0..=1 => Level::Easy,
        2..=3 => Level::Medium,
        _ => Level::Hard,
    }
}

impl GradeParts {
    fn points(&self) -> u32 {
        let normal = self.guesses.unwrap_or(MAX_SOLVER_GUESSES);
        let hard = self.hard_mode_guesses.unwrap_or(MAX_SOLVER_GUESSES);
        solver_points(normal)
            + hard_mode_points(hard.saturating_sub(normal))
            + frequency_points(self.scowl_size)
            + repeat_points(self.repeated_letters)
            + trap_points(self.trap_group)
    }
}

impl Grade {
    /// Grades `word` (4–10 ASCII letters, any case) against `dict` for a game
    /// of `max_guesses` rows. `None` when the word cannot be played at all.
    ///
    /// Built-in answers are graded from the embedded tables (constant
    /// time); other words are played live in both modes (a few
    /// milliseconds).
    pub fn of(word: &str, dict: &Dictionary, max_guesses: usize) -> Option<Grade> {
        if let Some(grade) = Grade::from_tables(word, dict, max_guesses) {
            return Some(grade);
        }
        // No table applies: both modes are played.
        let guesses = |mode| {
            play(word, dict, MAX_SOLVER_GUESSES, mode)
                .filter(|g| g.found)
                .map(|g| g.guesses)
        };
        Grade::with_guesses(word, dict, max_guesses, guesses)
    }

    /// [`Grade::of`] with the guess counts from `guesses` (per mode, `None`
    /// when the solver does not find the word), for callers that cache them.
    pub(crate) fn with_guesses(
        word: &str,
        dict: &Dictionary,
        max_guesses: usize,
        guesses: impl Fn(Mode) -> Option<usize>,
    ) -> Option<Grade> {
        if !is_playable(word) {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        let enterable = dict.is_guess(&lower);
        let (normal, hard) = if enterable {
            (guesses(Mode::Normal), guesses(Mode::Hard))
        } else {
            (None, None)
        };
        let (trap_group, trap_pattern) = trap_group(&lower, dict);
        let parts = GradeParts {
            enterable,
            guesses: normal,
            hard_mode_guesses: hard,
            scowl_size: dict.scowl_size(&lower),
            repeated_letters: repeated_letters(&lower),
            trap_group,
            trap_pattern,
        };
        Some(Grade::from_parts(parts, max_guesses))
    }

    /// The grade of a built-in answer from its row of the embedded tables
    /// (one lookup for every part); `None` when the tables do not apply
    /// (the word is not a built-in answer, or `dict` changes that length's
    /// answers). The same grade as [`Grade::of`].
    pub(crate) fn from_tables(word: &str, dict: &Dictionary, max_guesses: usize) -> Option<Grade> {
        let lower = word.to_ascii_lowercase();
        let entry = super::table::table_entry(&lower, dict)?;
        let (trap_group, trap_pattern) = trap_of(&lower, entry.trap);
        let parts = GradeParts {
            // The built-in guesses include every built-in answer.
            enterable: true,
            guesses: entry.normal,
            hard_mode_guesses: entry.hard,
            scowl_size: Some(entry.scowl_size),
            repeated_letters: repeated_letters(&lower),
            trap_group,
            trap_pattern,
        };
        Some(Grade::from_parts(parts, max_guesses))
    }

    /// The verdict on the parts: why a word is too hard whatever its
    /// points, the points and the level.
    fn from_parts(parts: GradeParts, max_guesses: usize) -> Grade {
        let (normal, hard) = (parts.guesses, parts.hard_mode_guesses);
        let too_hard_because = if !parts.enterable {
            Some("players cannot enter it: it is not in the guess list".to_owned())
        } else {
            match (normal, hard) {
                (None, _) => Some(format!(
                    "the reference solver does not find it in {MAX_SOLVER_GUESSES} guesses"
                )),
                (Some(n), _) if n > max_guesses => Some(format!(
                    "the reference solver needs {n} guesses, more than the {max_guesses} allowed"
                )),
                (_, None) => Some(format!(
                    "in hard mode the reference solver does not find it in {MAX_SOLVER_GUESSES} guesses"
                )),
                (_, Some(h)) if h > max_guesses => Some(format!(
                    "in hard mode the reference solver needs {h} guesses, more than the {max_guesses} allowed"
                )),
                _ => None,
            }
        };
        let points = parts.points();
        let level = if too_hard_because.is_some() {
            Level::TooHard
        } else {
            level_of(points)
        };
        Grade {
            level,
            points,
            parts,
            too_hard_because,
        }
    }

    /// One line per part with its points, then the verdict, for terminals and
    /// hovers: `reference solver: 4 guesses (+1)`.
    pub fn reasons(&self) -> Vec<String> {
        let p = &self.parts;
        let mut lines = Vec::new();
        match p.guesses {
            Some(n) => lines.push(format!(
                "reference solver: {n} guess{} (+{})",
                if n == 1 { "" } else { "es" },
                solver_points(n)
            )),
            None if !p.enterable => lines.push("reference solver: not played".to_owned()),
            None => lines.push(format!(
                "reference solver: not found in {MAX_SOLVER_GUESSES} (+{})",
                solver_points(MAX_SOLVER_GUESSES)
            )),
        }
        if let Some(h) = p.hard_mode_guesses {
            let normal = p.guesses.unwrap_or(MAX_SOLVER_GUESSES);
            let extra = h.saturating_sub(normal);
            lines.push(format!(
                "hard mode: {h} guess{}, {extra} more (+{})",
                if h == 1 { "" } else { "es" },
                hard_mode_points(extra)
            ));
        } else if p.enterable {
            lines.push(format!("hard mode: not found in {MAX_SOLVER_GUESSES}"));
        }
        lines.push(match p.scowl_size {
            Some(size) => format!(
                "word frequency: SCOWL size {size}{} (+{})",
                match size {
                    ..=35 => ", common",
                    36..=50 => "",
                    _ => ", rare: accepted as a guess only",
                },
                frequency_points(p.scowl_size)
            ),
            None => format!(
                "word frequency: not in SCOWL up to size 70 (+{})",
                frequency_points(None)
            ),
        });
        lines.push(format!(
            "repeated letters: {} (+{})",
            match p.repeated_letters {
                0 => "none".to_owned(),
                n => n.to_string(),
            },
            repeat_points(p.repeated_letters)
        ));
        lines.push(match &p.trap_pattern {
            Some(pattern) => format!(
                "trap group: {pattern}, {} answers (+{})",
                p.trap_group,
                trap_points(p.trap_group)
            ),
            None => "trap group: none (+0)".to_owned(),
        });
        lines
    }

    /// The parts that add points, as [`Grade::reasons`] words them, joined:
    /// `trap group: _EEKS, 6 answers (+2), repeated letters: 1 (+1)`; `no
    /// part adds points` when none does.
    pub fn scoring_reasons(&self) -> String {
        let scoring: Vec<String> = self
            .reasons()
            .into_iter()
            .filter(|r| !r.ends_with("(+0)") && r.ends_with(')'))
            .collect();
        if scoring.is_empty() {
            "no part adds points".to_owned()
        } else {
            scoring.join(", ")
        }
    }

    /// The verdict as a phrase: `medium (3 points)`, `too hard: players
    /// cannot enter it: …`.
    pub fn summary(&self) -> String {
        match &self.too_hard_because {
            Some(why) => format!("too hard: {why}"),
            None => format!(
                "{} ({} point{})",
                self.level,
                self.points,
                if self.points == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Letters of `word` that repeat an earlier one.
pub fn repeated_letters(word: &str) -> usize {
    let mut seen = [false; 256];
    word.bytes()
        .filter(|&b| std::mem::replace(&mut seen[usize::from(b.to_ascii_lowercase())], true))
        .count()
}

/// The largest group of `dict`'s answers that equal `lower` except at one
/// position (the word itself included, whether or not it is an answer), and
/// its pattern (`_OUND`) when the group has another word, from the answer
/// pool's neighbour maps (built-in answers read it from the embedded table
/// instead: [`Grade::from_tables`]).
fn trap_group(lower: &str, dict: &Dictionary) -> (usize, Option<String>) {
    match to_letters(lower.as_bytes()) {
        Some(word) => trap_of(lower, largest_trap(&word, lower.len(), dict)),
        None => (1, None),
    }
}

/// The trap group's size (the word included) and pattern, from the
/// position where the most other answers differ from `lower` and how many
/// do.
fn trap_of(lower: &str, (at, others): (usize, usize)) -> (usize, Option<String>) {
    if others == 0 || at >= lower.len() {
        return (1, None);
    }
    let pattern = lower
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            if i == at {
                '_'
            } else {
                char::from(b.to_ascii_uppercase())
            }
        })
        .collect();
    (others + 1, Some(pattern))
}

/// The position where the most other answers of `dict` differ from `word`
/// (its first `len` letters) at that position only, the first of the
/// largest, and how many do; `(0, 0)` for a word without such neighbours.
pub(crate) fn largest_trap(word: &Letters, len: usize, dict: &Dictionary) -> (usize, usize) {
    let differ_at = dict.pool(len).one_letter_neighbours(word);
    differ_at[..len.min(differ_at.len())]
        .iter()
        .enumerate()
        .max_by_key(|&(at, &n)| (n, std::cmp::Reverse(at)))
        .map_or((0, 0), |(at, &n)| (at, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::challenge::feedback::Letters;

    /// The one position where `a` and `b` differ, if exactly one: the
    /// scan the pool's neighbour index replaces, as its oracle.
    fn only_difference(a: &Letters, b: &Letters, len: usize) -> Option<usize> {
        let mut at = None;
        for i in 0..len {
            if a[i] != b[i] {
                if at.is_some() {
                    return None;
                }
                at = Some(i);
            }
        }
        at
    }

    #[test]
    fn the_neighbour_index_counts_what_a_scan_of_the_pool_counts() {
        let dict = Dictionary::builtin();
        // Answers (in the pool) and guesses outside it, every length.
        let words = [
            "round",
            "sound",
            "taunt",
            "rhythm",
            "sale",
            "tares",
            "caries",
            "saltier",
            "pantries",
            "contrails",
            "tolerances",
            "zzzzz",
            "bxund",
            "roundx",
        ];
        for word in words {
            let len = word.len();
            let Some(letters) = to_letters(word.as_bytes()) else {
                panic!("{word} is letters");
            };
            let pool = dict.pool(len);
            let mut scan = [0usize; crate::challenge::MAX_WORD_LEN];
            for other in pool.words() {
                if let Some(at) = only_difference(&letters, other, len) {
                    scan[at] += 1;
                }
            }
            assert_eq!(pool.one_letter_neighbours(&letters), scan, "{word}");
        }
        let round = to_letters(b"round").map(|w| dict.pool(5).one_letter_neighbours(&w));
        assert!(round.is_some_and(|n| n[0] >= 7), "{round:?}");
    }

    #[test]
    fn a_word_the_solver_does_not_find_is_too_hard_in_either_mode() {
        let dict = Dictionary::builtin();
        let with = |normal: Option<usize>, hard: Option<usize>| {
            Grade::with_guesses("round", dict, 6, |mode| match mode {
                Mode::Normal => normal,
                Mode::Hard => hard,
            })
            .and_then(|g| g.too_hard_because)
        };
        assert_eq!(
            with(None, Some(4)).as_deref(),
            Some("the reference solver does not find it in 20 guesses")
        );
        assert_eq!(
            with(Some(3), None).as_deref(),
            Some("in hard mode the reference solver does not find it in 20 guesses")
        );
        assert_eq!(
            with(Some(7), Some(7)).as_deref(),
            Some("the reference solver needs 7 guesses, more than the 6 allowed")
        );
        assert_eq!(
            with(Some(3), Some(8)).as_deref(),
            Some("in hard mode the reference solver needs 8 guesses, more than the 6 allowed")
        );
        assert_eq!(with(Some(3), Some(4)), None);
    }

    #[test]
    fn a_grade_from_the_tables_is_the_grade_of_the_word() {
        let dict = Dictionary::builtin();
        let mut compared = 0;
        for len in crate::challenge::MIN_WORD_LEN..=crate::challenge::MAX_WORD_LEN {
            let words: Vec<&str> = dict.answers(len).collect();
            for word in words.iter().step_by((words.len() / 40).max(1)) {
                for max in [4, 6, 8] {
                    let upper = word.to_ascii_uppercase();
                    let from_tables = Grade::from_tables(&upper, dict, max);
                    assert!(from_tables.is_some(), "{word} is a built-in answer");
                    // The general grading: each part looked up on its own,
                    // the trap group counted in the neighbour maps.
                    let general = Grade::with_guesses(word, dict, max, |mode| match mode {
                        Mode::Normal => crate::challenge::table_guesses(word, dict).flatten(),
                        Mode::Hard => crate::challenge::table_guesses_hard(word, dict).flatten(),
                    });
                    assert_eq!(from_tables, general, "{word}, {max} rows");
                    assert_eq!(Grade::of(word, dict, max), general, "{word}, {max} rows");
                    compared += 1;
                }
            }
        }
        assert!(compared > 500, "{compared}");
        // Graded by the tables or not at all: a guess-only word, a word of
        // a length whose answers a project changes, an unplayable word.
        assert_eq!(Grade::from_tables("xyzzy", dict, 6), None);
        let custom = Dictionary::new(&["kanban"], &[]);
        assert_eq!(Grade::from_tables("sprint", &custom, 6), None);
        assert_eq!(Grade::from_tables("ab", dict, 6), None);
    }

    fn grade(word: &str) -> Grade {
        let Some(grade) = Grade::of(word, Dictionary::builtin(), 6) else {
            panic!("{word} is playable");
        };
        grade
    }

    #[test]
    fn an_ound_word_has_a_large_trap_group() {
        let round = grade("round");
        assert_eq!(round.parts.trap_pattern.as_deref(), Some("_OUND"));
        // bound, found, hound, mound, pound, round, sound, wound (and more)
        assert!(round.parts.trap_group >= 8, "{round:?}");
        assert_eq!(trap_points(round.parts.trap_group), 2);
        let taunt = grade("taunt");
        assert_eq!(taunt.parts.trap_pattern.as_deref(), Some("_AUNT"));
        assert!(taunt.parts.trap_group >= 5, "{taunt:?}");
    }

    #[test]
    fn a_word_without_neighbours_has_no_trap_group() {
        let g = grade("rhythm");
        assert_eq!((g.parts.trap_group, g.parts.trap_pattern), (1, None));
    }

    #[test]
    fn repeated_letters_count_every_extra_copy() {
        assert_eq!(repeated_letters("llama"), 2);
        assert_eq!(repeated_letters("Sprint"), 0);
        assert_eq!(repeated_letters("sassy"), 2);
        assert_eq!(repeated_letters("Aa"), 1);
        assert_eq!(grade("llama").parts.repeated_letters, 2);
    }

    #[test]
    fn frequency_is_the_smallest_scowl_size() {
        let dict = Dictionary::builtin();
        assert_eq!(dict.scowl_size("house"), Some(35));
        assert_eq!(grade("house").parts.scowl_size, Some(35));
        // in wamerican but not wamerican-small
        let fifty = dict
            .answers(6)
            .find(|w| dict.scowl_size(w) == Some(50))
            .unwrap_or_default();
        assert_eq!(fifty.len(), 6);
        // in wamerican-large only
        assert_eq!(dict.scowl_size("abaca"), Some(70));
        assert_eq!(dict.scowl_size("kanban"), None);
    }

    #[test]
    fn guess_counts_come_from_both_modes() {
        let g = grade("round");
        let dict = Dictionary::builtin();
        let normal = crate::challenge::solve("round", dict, 20).map(|g| g.guesses);
        let hard = crate::challenge::solve_hard("round", dict, 20).map(|g| g.guesses);
        assert_eq!(g.parts.guesses, normal);
        assert_eq!(g.parts.hard_mode_guesses, hard);
    }

    #[test]
    fn points_add_up_to_the_level() {
        let house = grade("house");
        assert_eq!(house.points, house.parts.points());
        assert_eq!(house.level, level_of(house.points));
        assert!(house.too_hard_because.is_none());
        assert_eq!(level_of(0), Level::Easy);
        assert_eq!(level_of(1), Level::Easy);
        assert_eq!(level_of(2), Level::Medium);
        assert_eq!(level_of(3), Level::Medium);
        assert_eq!(level_of(4), Level::Hard);
        assert_eq!(level_of(9), Level::Hard);
        let parts = GradeParts {
            enterable: true,
            guesses: Some(4),
            hard_mode_guesses: Some(6),
            scowl_size: Some(50),
            repeated_letters: 1,
            trap_group: 4,
            trap_pattern: Some("_ILLS".to_owned()),
        };
        assert_eq!(parts.points(), 1 + 2 + 1 + 1 + 1);
    }

    #[test]
    fn part_thresholds() {
        assert_eq!(
            [1, 3, 4, 5, 9].map(solver_points),
            [0, 0, 1, 2, 2],
            "normal-mode guesses"
        );
        assert_eq!([0, 1, 2, 5].map(hard_mode_points), [0, 1, 2, 2]);
        assert_eq!(
            [Some(35), Some(50), Some(70), None].map(frequency_points),
            [0, 1, 2, 2]
        );
        assert_eq!([0, 1, 3].map(repeat_points), [0, 1, 1]);
        assert_eq!([1, 2, 3, 5, 6, 12].map(trap_points), [0, 0, 1, 1, 2, 2]);
    }

    #[test]
    fn a_word_players_cannot_enter_is_too_hard_and_never_solved() {
        let g = grade("okrish");
        assert!(!g.parts.enterable);
        assert_eq!(g.level, Level::TooHard);
        assert_eq!((g.parts.guesses, g.parts.hard_mode_guesses), (None, None));
        assert!(g.summary().contains("cannot enter"), "{}", g.summary());
        assert!(g.reasons()[0].contains("not played"));
    }

    #[test]
    fn a_word_the_solver_never_finds_says_so_and_not_that_it_was_not_played() {
        let mut g = grade("round");
        assert!(g.parts.enterable);
        g.parts.guesses = None;
        assert_eq!(
            g.reasons()[0],
            format!(
                "reference solver: not found in {MAX_SOLVER_GUESSES} (+{})",
                solver_points(MAX_SOLVER_GUESSES)
            )
        );
        g.parts.enterable = false;
        assert_eq!(g.reasons()[0], "reference solver: not played");
    }

    #[test]
    fn a_word_over_max_guesses_is_too_hard() {
        let dict = Dictionary::builtin();
        let Some(g) = Grade::of("faxed", dict, 6) else {
            panic!("playable");
        };
        assert_eq!(g.level, Level::TooHard, "{g:?}");
        assert!(g.summary().contains("more than the 6 allowed"));
        let Some(g) = Grade::of("faxed", dict, 20) else {
            panic!("playable");
        };
        assert_ne!(g.level, Level::TooHard, "{g:?}");
    }

    #[test]
    fn hard_mode_alone_can_make_a_word_too_hard() {
        let dict = Dictionary::builtin();
        let word = dict
            .answers(5)
            .find(|w| {
                crate::challenge::table_guesses(w, dict)
                    .flatten()
                    .is_some_and(|n| n <= 6)
                    && crate::challenge::table_guesses_hard(w, dict)
                        .flatten()
                        .is_some_and(|h| h > 6)
            })
            .unwrap_or_default();
        let Some(g) = Grade::of(word, dict, 6) else {
            panic!("some five-letter word needs over 6 only in hard mode");
        };
        assert_eq!(g.level, Level::TooHard);
        assert!(g.summary().contains("in hard mode"), "{}", g.summary());
    }

    #[test]
    fn unplayable_words_have_no_grade() {
        let dict = Dictionary::builtin();
        assert_eq!(Grade::of("cat", dict, 6), None);
        assert_eq!(Grade::of("sp1nt", dict, 6), None);
    }

    #[test]
    fn levels_are_named_and_ordered() {
        for level in [Level::Easy, Level::Medium, Level::Hard, Level::TooHard] {
            assert_eq!(Level::parse(level.name()), Some(level));
        }
        assert_eq!(Level::parse("Medium"), None);
        assert!(Level::Easy < Level::Medium && Level::Hard < Level::TooHard);
        assert_eq!(Level::Easy.distance(Level::Hard), 2);
        assert_eq!(Level::Hard.distance(Level::Easy), 2);
        assert_eq!(Level::TooHard.to_string(), "too-hard");
    }

    #[test]
    fn scoring_reasons_list_only_the_parts_with_points() {
        let round = grade("round");
        let text = round.scoring_reasons();
        assert!(text.contains("trap group: _OUND"), "{text}");
        assert!(
            !text.contains("(+0)") && !text.contains("word frequency"),
            "{text}"
        );
        let easy = Dictionary::builtin()
            .answers(7)
            .filter_map(|w| Grade::of(w, Dictionary::builtin(), 6))
            .find(|g| g.points == 0);
        let Some(easy) = easy else {
            panic!("some seven-letter word scores 0");
        };
        assert_eq!(easy.scoring_reasons(), "no part adds points");
    }

    #[test]
    fn reasons_show_every_part() {
        let text = grade("round").reasons().join("\n");
        for part in [
            "reference solver: ",
            "hard mode: ",
            "word frequency: SCOWL size 35",
            "repeated letters: none (+0)",
            "trap group: _OUND",
        ] {
            assert!(text.contains(part), "{part} in {text}");
        }
    }
}
