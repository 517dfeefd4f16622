//! The hard-mode reference solver obeys the hints: every guess after the
//! first keeps each green letter in its place and uses every letter marked
//! green or yellow in any earlier row, as many times as it was marked. The
//! check here is written from the game's feedback alone (`score`), not from
//! the solver's own bookkeeping.

use gloss_core::challenge::{Dictionary, Mark, SolverGame, score, solve, solve_hard};
use proptest::prelude::*;

/// Whether `guess` uses every hint of the rows before it.
fn obeys_hints(guess: &str, earlier: &[&str], answer: &str) -> bool {
    let guess = guess.as_bytes();
    earlier.iter().all(|row| {
        let marks = score(row, answer);
        let row = row.as_bytes();
        let mut needed = [0usize; 256];
        for (i, mark) in marks.marks().iter().enumerate() {
            if *mark == Mark::Green && guess[i] != row[i] {
                return false;
            }
            if *mark != Mark::Gray {
                needed[usize::from(row[i])] += 1;
            }
        }
        (0..256).all(|letter| {
            guess.iter().filter(|&&g| usize::from(g) == letter).count() >= needed[letter]
        })
    })
}

fn breaks_a_hint(game: &SolverGame, answer: &str) -> Option<usize> {
    let path: Vec<&str> = game.path.iter().map(String::as_str).collect();
    (1..path.len()).find(|&i| !obeys_hints(path[i], &path[..i], answer))
}

fn word_of(list: &[&'static str], pick: usize) -> &'static str {
    list[pick % list.len()]
}

fn answers(len: usize) -> Vec<&'static str> {
    Dictionary::builtin().answers(len).collect()
}

fn guesses_only(len: usize) -> Vec<&'static str> {
    let dict = Dictionary::builtin();
    dict.guesses(len).filter(|w| !dict.is_answer(w)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn hard_mode_play_obeys_every_hint(len in 4usize..=10, pick in any::<usize>(), rare in any::<bool>()) {
        let list = if rare { guesses_only(len) } else { answers(len) };
        let word = word_of(&list, pick).to_ascii_uppercase();
        let Some(game) = solve_hard(&word, Dictionary::builtin(), 6) else {
            return Err(TestCaseError::fail(format!("{word} is playable")));
        };
        prop_assert!(game.found, "{word}: {game:?}");
        prop_assert_eq!(game.path.last(), Some(&word));
        prop_assert_eq!(breaks_a_hint(&game, &word), None, "{}: {:?}", word, game.path);
        let mut seen = std::collections::BTreeSet::new();
        prop_assert!(game.path.iter().all(|g| seen.insert(g)), "a guess repeated: {:?}", game.path);
    }
}

#[test]
fn the_hint_check_can_fail_normal_mode_breaks_hints() {
    // Normal mode may guess a word that ignores the hints (that is what
    // makes it faster): the check above must catch such a game.
    let dict = Dictionary::builtin();
    let broken = answers(5)
        .into_iter()
        .step_by(7)
        .filter_map(|w| {
            let upper = w.to_ascii_uppercase();
            let game = solve(&upper, dict, 6)?;
            breaks_a_hint(&game, &upper).map(|_| upper)
        })
        .count();
    assert!(broken > 10, "only {broken} normal-mode games break a hint");
    assert!(!obeys_hints("CRANE", &["SLATE"], "STALE"));
    assert!(
        !obeys_hints("STOLE", &["SLATE"], "STALE"),
        "the yellow A is not used"
    );
    assert!(obeys_hints("STALE", &["SLATE"], "STALE"));
    // EERIE against LEVEL: one E green, one yellow: two Es are needed
    assert!(obeys_hints("BEVEL", &["EERIE"], "LEVEL"));
    assert!(!obeys_hints("BELOW", &["EERIE"], "LEVEL"));
    assert!(
        !obeys_hints("BEVEL", &["EERIE", "LEMON"], "LEVEL"),
        "the green L of row 2 is lost"
    );
}
