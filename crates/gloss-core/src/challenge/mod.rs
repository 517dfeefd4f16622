//! The Knowledge Challenge engine: the Wordle-style game at the end of each
//! term page.
//!
//! - [`Dictionary`]: the built-in word lists (derived from Debian's SCOWL-based
//!   `wamerican` / `wamerican-large`, see `crates/gloss-core/data/README.md`)
//!   layered with a project's `challenge.extra-words` and
//!   `challenge.blocked-words`.
//! - [`score`]: the game's feedback for a guess, repeated letters included.
//! - [`solve`]: the deterministic entropy-greedy reference solver behind
//!   `challenge-too-hard`, `gloss challenge` and the editor previews.
//! - [`ChallengePreview`]: the plain-data preview shown by `gloss challenge`
//!   and the language server's hover.
//!
//! Everything here is pure: the word lists are embedded in the binary and no
//! function touches the file system.

mod dictionary;
mod feedback;
mod grade;
mod preview;
mod solver;
mod table;

pub use dictionary::{Dictionary, DictionaryStatus};
pub use feedback::{Feedback, Mark, score};
pub use grade::{Grade, GradeParts, Level, repeated_letters};
pub use preview::{ChallengePreview, PreviewRow};
pub(crate) use solver::Mode;
pub use solver::{
    BUILTIN_OPENERS, MAX_SOLVER_GUESSES, SolverGame, compute_opener, opener, solve, solve_hard,
};
pub use table::{
    compute_hard_table, compute_table, compute_trap_table, table_guesses, table_guesses_hard,
};

/// Shortest challenge word the built-in dictionary and the solver support.
pub const MIN_WORD_LEN: usize = 4;
/// Longest challenge word the built-in dictionary and the solver support.
pub const MAX_WORD_LEN: usize = 10;

/// Whether `word` can be played: 4–10 ASCII letters (either case).
pub fn is_playable(word: &str) -> bool {
    (MIN_WORD_LEN..=MAX_WORD_LEN).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_alphabetic())
}
