//! The reference solver's guess count for every built-in answer, in normal
//! mode (`data/solver-guesses.txt`) and in hard mode
//! (`data/solver-guesses-hard.txt`), computed once by
//! `cargo run --release -p gloss-core --example solver_table` and
//! embedded: `gloss lint` then grades and checks `challenge-too-hard` for a
//! glossary of any size without replaying thousands of games, and
//! `gloss challenge --suggest` grades dozens of candidates within its budget. It applies only while the
//! project's dictionary has the built-in answers of that length (no extra or
//! blocked words of that length); otherwise the solver runs live.
//!
//! Format: one line per length, `<len>:` then one character per built-in
//! answer of that length in list order: `1`–`9` and `a`–`k` for 1–20
//! guesses, `-` for a word the solver does not play (blocked) or cannot
//! find within the cap.
//!
//! The trap groups of the built-in answers (`data/trap-groups.txt`, the
//! same command) are embedded the same way, so that grading thousands of
//! words never builds the one-letter-neighbour maps of the whole answer
//! list (tens of milliseconds and megabytes in `gloss lint`). Format: one
//! line per length, `<len>:` then two characters per built-in answer: the
//! position of the largest group of answers that differ from it at one
//! position only (`0`–`9`, the first when several are as large), and how
//! many other answers that group has (`0`–`9`, `a`–`z`, `A`–`Z` for
//! 0–61); `--` for a word that is not an answer (blocked).

use super::dictionary::Dictionary;
use super::feedback::to_letters;
use super::solver::{MAX_SOLVER_GUESSES, Mode, play};

const TABLE_TXT: &str = include_str!("../../data/solver-guesses.txt");
const HARD_TABLE_TXT: &str = include_str!("../../data/solver-guesses-hard.txt");
const TRAP_TABLE_TXT: &str = include_str!("../../data/trap-groups.txt");

/// The digits of a trap group's size in the trap table (0–61).
const COUNT_DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Encode a guess count for the table.
pub fn encode(guesses: Option<usize>) -> char {
    match guesses {
        Some(n @ 1..=9) => char::from(b'0' + n as u8),
        Some(n @ 10..=MAX_SOLVER_GUESSES) => char::from(b'a' + (n - 10) as u8),
        _ => '-',
    }
}

fn decode(c: u8) -> Option<usize> {
    match c {
        b'1'..=b'9' => Some(usize::from(c - b'0')),
        b'a'..=b'k' => Some(usize::from(c - b'a') + 10),
        _ => None,
    }
}

type Rows = Vec<(usize, &'static [u8])>;

/// The guess table's line for `len`, split out once.
fn row(mode: Mode, len: usize) -> Option<&'static [u8]> {
    static ROWS: std::sync::OnceLock<Rows> = std::sync::OnceLock::new();
    static HARD_ROWS: std::sync::OnceLock<Rows> = std::sync::OnceLock::new();
    let (cell, text) = match mode {
        Mode::Normal => (&ROWS, TABLE_TXT),
        Mode::Hard => (&HARD_ROWS, HARD_TABLE_TXT),
    };
    row_of(cell, text, len)
}

/// The line for `len` of the table `text`, split out once into `cell`.
fn row_of(
    cell: &'static std::sync::OnceLock<Rows>,
    text: &'static str,
    len: usize,
) -> Option<&'static [u8]> {
    cell.get_or_init(|| {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (n, rest) = l.split_once(':')?;
                Some((n.parse::<usize>().ok()?, rest.as_bytes()))
            })
            .collect()
    })
    .iter()
    .find(|(n, _)| *n == len)
    .map(|(_, row)| *row)
}

/// How many guesses the reference solver needs for `word` (any case) under
/// `dict`, from the embedded table; `None` when the table does not apply
/// (the word is not a built-in answer, or `dict` changes that length's
/// answers) or the solver does not find it.
pub fn table_guesses(word: &str, dict: &Dictionary) -> Option<Option<usize>> {
    lookup(Mode::Normal, word, dict)
}

/// [`table_guesses`] for the hard-mode solver.
pub fn table_guesses_hard(word: &str, dict: &Dictionary) -> Option<Option<usize>> {
    lookup(Mode::Hard, word, dict)
}

fn lookup(mode: Mode, word: &str, dict: &Dictionary) -> Option<Option<usize>> {
    let lower = word.to_ascii_lowercase();
    let index = builtin_index(&lower, dict)?;
    let code = *row(mode, lower.len())?.get(index)?;
    Some(decode(code))
}

/// `lower`'s index in the built-in answer list, when the tables apply to
/// it under `dict`: it is an answer, and `dict` has the built-in answers of
/// its length.
fn builtin_index(lower: &str, dict: &Dictionary) -> Option<usize> {
    if !dict.answers_are_builtin(lower.len()) || !dict.is_answer(lower) {
        return None;
    }
    Dictionary::builtin_answer_position(lower)
}

/// A built-in answer's row of the embedded tables, found with one lookup.
pub(crate) struct TableEntry {
    pub normal: Option<usize>,
    pub hard: Option<usize>,
    /// The position where the most other answers differ from the word at
    /// that position only, and how many do.
    pub trap: (usize, usize),
    pub scowl_size: u8,
}

/// Every table's entry for `lower` (a lower-case word) under `dict`;
/// `None` when the tables do not apply (as for [`table_guesses`]).
pub(crate) fn table_entry(lower: &str, dict: &Dictionary) -> Option<TableEntry> {
    let index = builtin_index(lower, dict)?;
    let len = lower.len();
    Some(TableEntry {
        normal: decode(*row(Mode::Normal, len)?.get(index)?),
        hard: decode(*row(Mode::Hard, len)?.get(index)?),
        trap: trap_at(len, index)?,
        scowl_size: Dictionary::builtin_answer_scowl_size(len, index)?,
    })
}

/// The trap table's entry for the built-in answer at `index` of length
/// `len`.
fn trap_at(len: usize, index: usize) -> Option<(usize, usize)> {
    static ROWS: std::sync::OnceLock<Rows> = std::sync::OnceLock::new();
    let row = row_of(&ROWS, TRAP_TABLE_TXT, len)?;
    let at = row.get(2 * index).filter(|b| b.is_ascii_digit())?;
    let count = row.get(2 * index + 1)?;
    let others = COUNT_DIGITS.iter().position(|d| d == count)?;
    Some((usize::from(at - b'0'), others))
}

/// The trap table's text for the built-in dictionary, computed live (the
/// neighbour maps of every length). `None` when a group is too large for
/// the table's digits.
pub fn compute_trap_table() -> Option<String> {
    let dict = Dictionary::builtin();
    let mut out = String::from(
        "# Largest trap group per built-in answer: position, other answers (see src/challenge/table.rs).\n\
         # Regenerate: cargo run --release -p gloss-core --example solver_table\n",
    );
    for len in super::MIN_WORD_LEN..=super::MAX_WORD_LEN {
        out.push_str(&format!("{len}:"));
        for word in Dictionary::builtin_answer_list(len) {
            let trap = dict
                .is_answer(word)
                .then(|| to_letters(word.as_bytes()))
                .flatten()
                .map(|letters| super::grade::largest_trap(&letters, len, dict));
            match trap {
                Some((at, others)) => {
                    out.push(char::from(b'0' + u8::try_from(at).ok()?));
                    out.push(char::from(*COUNT_DIGITS.get(others)?));
                }
                None => out.push_str("--"),
            }
        }
        out.push('\n');
    }
    Some(out)
}

/// The normal-mode table's text for the built-in dictionary, computed live.
pub fn compute_table() -> String {
    compute(
        Mode::Normal,
        "# Reference solver guesses per built-in answer (see src/challenge/table.rs).\n",
    )
}

/// The hard-mode table's text for the built-in dictionary, computed live.
pub fn compute_hard_table() -> String {
    compute(
        Mode::Hard,
        "# Hard-mode reference solver guesses per built-in answer (see src/challenge/table.rs).\n",
    )
}

fn compute(mode: Mode, title: &str) -> String {
    let dict = Dictionary::builtin();
    let mut out = String::from(title);
    out.push_str("# Regenerate: cargo run --release -p gloss-core --example solver_table\n");
    for len in super::MIN_WORD_LEN..=super::MAX_WORD_LEN {
        out.push_str(&format!("{len}:"));
        for word in Dictionary::builtin_answer_list(len) {
            let guesses = if dict.is_answer(word) {
                play(word, dict, MAX_SOLVER_GUESSES, mode)
                    .filter(|g| g.found)
                    .map(|g| g.guesses)
            } else {
                None
            };
            out.push(encode(guesses));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trap table's entry for `lower` under `dict`, where it applies.
    fn table_trap(lower: &str, dict: &Dictionary) -> Option<(usize, usize)> {
        table_entry(lower, dict).map(|e| e.trap)
    }

    #[test]
    fn guess_counts_are_encoded_one_character_each_and_read_back() {
        assert_eq!(encode(Some(1)), '1');
        assert_eq!(encode(Some(9)), '9');
        assert_eq!(encode(Some(10)), 'a');
        assert_eq!(encode(Some(12)), 'c');
        assert_eq!(encode(Some(MAX_SOLVER_GUESSES)), 'k');
        for n in 1..=MAX_SOLVER_GUESSES {
            let c = encode(Some(n));
            assert_eq!(decode(c as u8), Some(n), "{n} as {c}");
        }
        for unplayed in [None, Some(0), Some(MAX_SOLVER_GUESSES + 1)] {
            assert_eq!(encode(unplayed), '-', "{unplayed:?}");
        }
        assert_eq!(decode(b'-'), None);
    }

    #[test]
    fn table_agrees_with_the_live_solver() {
        let dict = Dictionary::builtin();
        for len in [4, 5, 6, 7, 10] {
            let words: Vec<&str> = dict.answers(len).collect();
            // A spread of words across the list.
            for word in words.iter().step_by((words.len() / 12).max(1)) {
                let live = super::super::solve(word, dict, MAX_SOLVER_GUESSES)
                    .filter(|g| g.found)
                    .map(|g| g.guesses);
                assert_eq!(table_guesses(word, dict), Some(live), "{word}");
            }
        }
    }

    #[test]
    fn the_trap_table_agrees_with_the_neighbour_maps_for_every_answer() {
        let dict = Dictionary::builtin();
        let mut checked = 0;
        for len in super::super::MIN_WORD_LEN..=super::super::MAX_WORD_LEN {
            for word in dict.answers(len) {
                let Some(letters) = to_letters(word.as_bytes()) else {
                    panic!("{word} is letters");
                };
                let live = super::super::grade::largest_trap(&letters, len, dict);
                assert_eq!(table_trap(word, dict), Some(live), "{word}");
                checked += 1;
            }
        }
        assert!(checked > 40_000, "{checked} answers");
        // A word with a large group, read from the table.
        assert!(table_trap("round", dict).is_some_and(|(at, n)| at == 0 && n >= 7));
    }

    #[test]
    fn the_trap_table_does_not_apply_where_the_answers_differ() {
        // Not an answer: a guess-only word, a non-word, a blocked word.
        let dict = Dictionary::builtin();
        assert_eq!(table_trap("xyzzy", dict), None);
        assert_eq!(table_trap("zzzz", dict), None);
        // Extra or blocked words of a length change its groups.
        let custom = Dictionary::new(&["kanban"], &[]);
        assert_eq!(table_trap("sprint", &custom), None);
        assert_eq!(table_trap("round", &custom), table_trap("round", dict));
        let blocked = Dictionary::new::<&str>(&[], &["hound"]);
        assert_eq!(table_trap("round", &blocked), None);
    }

    #[test]
    fn the_committed_trap_table_is_the_computed_one() {
        assert_eq!(compute_trap_table().as_deref(), Some(TRAP_TABLE_TXT));
    }

    #[test]
    fn table_does_not_apply_to_changed_dictionaries() {
        let custom = Dictionary::new(&["kanban"], &[]);
        assert_eq!(
            table_guesses("crane", &custom),
            Some(table_guesses("crane", Dictionary::builtin()).flatten())
        );
        assert_eq!(table_guesses("sprint", &custom), None);
        let blocked = Dictionary::new::<&str>(&[], &["crane"]);
        assert_eq!(table_guesses("slate", &blocked), None);
        assert_eq!(table_guesses("xyzzy", Dictionary::builtin()), None);
    }
}
