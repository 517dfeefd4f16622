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

use super::dictionary::Dictionary;
use super::solver::{MAX_SOLVER_GUESSES, Mode, play};

const TABLE_TXT: &str = include_str!("../../data/solver-guesses.txt");
const HARD_TABLE_TXT: &str = include_str!("../../data/solver-guesses-hard.txt");

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

/// The table's line for `len`, split out once.
fn row(mode: Mode, len: usize) -> Option<&'static [u8]> {
    static ROWS: std::sync::OnceLock<Rows> = std::sync::OnceLock::new();
    static HARD_ROWS: std::sync::OnceLock<Rows> = std::sync::OnceLock::new();
    let (cell, text) = match mode {
        Mode::Normal => (&ROWS, TABLE_TXT),
        Mode::Hard => (&HARD_ROWS, HARD_TABLE_TXT),
    };
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
    let len = lower.len();
    if !dict.answers_are_builtin(len) || !dict.is_answer(&lower) {
        return None;
    }
    let index = Dictionary::builtin_answer_position(&lower)?;
    let code = *row(mode, len)?.get(index)?;
    Some(decode(code))
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
