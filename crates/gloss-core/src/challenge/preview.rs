//! The challenge preview: what `gloss challenge` prints and what the language
//! server shows when hovering a term's `challenge`.

use std::fmt::Write as _;

use serde::Serialize;

use super::dictionary::{Dictionary, DictionaryStatus};
use super::feedback::{Mark, score};
use super::grade::Grade;
use super::solver::{MAX_SOLVER_GUESSES, SolverGame, solve};

/// One row of the reference solver's game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewRow {
    /// The guess, uppercase.
    pub guess: String,
    /// One mark per letter of the guess.
    pub marks: Vec<Mark>,
    /// The coloured squares followed by the guess: `🟩🟨⬛⬛⬛ CRANE`.
    pub emoji: String,
    /// The same without colour or emoji, one cell per letter separated by
    /// spaces: `[C]` right letter in the right place (green), `(C)` letter
    /// elsewhere in the word (yellow), `.C.` letter not in the word (gray):
    /// `[C] (R) .A. .N. .E.`.
    pub plain: String,
}

impl PreviewRow {
    fn new(guess: &str, word: &str) -> PreviewRow {
        let guess = guess.to_ascii_uppercase();
        let feedback = score(&guess, word);
        let plain = guess
            .chars()
            .zip(feedback.marks())
            .map(|(letter, mark)| match mark {
                Mark::Green => format!("[{letter}]"),
                Mark::Yellow => format!("({letter})"),
                Mark::Gray => format!(".{letter}."),
            })
            .collect::<Vec<_>>()
            .join(" ");
        PreviewRow {
            emoji: format!("{} {guess}", feedback.emoji()),
            marks: feedback.marks().to_vec(),
            guess,
            plain,
        }
    }
}

/// Everything a reader and an author see of a term's challenge, as plain
/// data. Lint findings are attached by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChallengePreview {
    /// The term's display name.
    pub term: String,
    /// The challenge word, uppercase.
    pub word: String,
    /// Number of letters (characters) of the word.
    pub length: usize,
    /// Exactly as the page shows it:
    /// `Mastered <term>? Now try to guess the related <n>-letter word!`.
    pub prompt: String,
    /// One `_` per letter, separated by spaces: `_ _ _ _ _ _`.
    pub tiles: String,
    /// The hint, when the term has one.
    pub hint: Option<String>,
    /// Where the word stands in the dictionary.
    pub status: DictionaryStatus,
    /// The game's number of rows (`challenge.max-guesses`).
    pub max_guesses: usize,
    /// The reference solver's game; `None` when the word cannot be played
    /// (not 4–10 letters A–Z) or players could not enter it (not in the
    /// guess list): such a word is never shown as solved.
    pub solver: Option<SolverGame>,
    /// The difficulty grade; `None` when the word cannot be played.
    pub grade: Option<Grade>,
    /// The solver's guesses with their feedback.
    pub rows: Vec<PreviewRow>,
}

impl ChallengePreview {
    /// Builds the preview of `term`'s challenge `word`, running the reference
    /// solver (≤ 50 ms in release builds).
    pub fn new(
        term: &str,
        word: &str,
        hint: Option<&str>,
        dict: &Dictionary,
        max_guesses: usize,
    ) -> ChallengePreview {
        let length = word.chars().count();
        let status = dict.status(word);
        let solver = if status == DictionaryStatus::Unknown {
            None
        } else {
            solve(word, dict, max_guesses)
        };
        let rows = solver
            .iter()
            .flat_map(|game| &game.path)
            .map(|guess| PreviewRow::new(guess, word))
            .collect();
        ChallengePreview {
            term: term.to_owned(),
            word: word.to_uppercase(),
            length,
            prompt: format!("Mastered {term}? Now try to guess the related {length}-letter word!"),
            tiles: vec!["_"; length].join(" "),
            hint: hint.map(str::to_owned).filter(|h| !h.trim().is_empty()),
            status,
            max_guesses,
            solver,
            grade: Grade::of(word, dict, max_guesses),
            rows,
        }
    }

    /// A one-line summary for code lenses and inlay hints:
    /// `6 letters · solved in 4`, `6 letters · solved in 8 (max 6)`,
    /// `6 letters · not solved in 20`, or just `6 letters` when the word
    /// cannot be played.
    pub fn summary(&self) -> String {
        let letters = format!("{} letters", self.length);
        match &self.solver {
            Some(game) if game.solved => format!("{letters} · solved in {}", game.guesses),
            Some(game) if game.found => format!(
                "{letters} · solved in {} (max {})",
                game.guesses, self.max_guesses
            ),
            Some(_) => format!("{letters} · not solved in {MAX_SOLVER_GUESSES}"),
            None if self.is_unenterable() => format!("{letters} · players cannot enter it"),
            None => letters,
        }
    }

    /// A playable word that players could not type as a guess.
    fn is_unenterable(&self) -> bool {
        self.status == DictionaryStatus::Unknown && self.grade.is_some()
    }

    /// The solver's verdict as a sentence.
    fn solver_line(&self) -> String {
        match &self.solver {
            Some(game) if game.solved => format!(
                "Reference solver: solved in {} of {} guesses",
                game.guesses, self.max_guesses
            ),
            Some(game) if game.found => format!(
                "Reference solver: needs {} guesses, more than the {} allowed",
                game.guesses, self.max_guesses
            ),
            Some(_) => format!("Reference solver: not solved within {MAX_SOLVER_GUESSES} guesses"),
            None if self.is_unenterable() => format!(
                "Reference solver: not played: players cannot enter {} (not in the guess list; add it to `challenge.extra-words`)",
                self.word
            ),
            None => "Reference solver: cannot play this word (4-10 letters A-Z only)".to_owned(),
        }
    }

    /// The preview as text for a terminal or a hover: the prompt, the masked
    /// tiles, the hint, the dictionary status and the solver's rows, as
    /// emoji rows or, with `plain`, in the `[X] (X) .X.` notation of
    /// [`PreviewRow::plain`] with a legend.
    pub fn render_text(&self, plain: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.prompt);
        let _ = writeln!(out, "{}   ({} letters)", self.tiles, self.length);
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "Hint: {hint}");
        }
        let _ = writeln!(
            out,
            "Dictionary: {} is {}",
            self.word,
            self.status.describe()
        );
        let _ = writeln!(out, "{}", self.solver_line());
        for row in &self.rows {
            let _ = writeln!(out, "  {}", if plain { &row.plain } else { &row.emoji });
        }
        if plain && !self.rows.is_empty() {
            let _ = writeln!(
                out,
                "  ([X] right place, (X) elsewhere in the word, .X. not in the word)"
            );
        }
        if let Some(grade) = &self.grade {
            let _ = writeln!(out, "Difficulty: {}", grade.summary());
            for reason in grade.reasons() {
                let _ = writeln!(out, "  {reason}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sprint_preview() -> ChallengePreview {
        ChallengePreview::new(
            "Product Operations Manager",
            "SPRINT",
            Some("A time-boxed unit of delivery"),
            Dictionary::builtin(),
            6,
        )
    }

    #[test]
    fn prompt_tiles_and_status() {
        let preview = sprint_preview();
        assert_eq!(
            preview.prompt,
            "Mastered Product Operations Manager? Now try to guess the related 6-letter word!"
        );
        assert_eq!(preview.tiles, "_ _ _ _ _ _");
        assert_eq!(preview.length, 6);
        assert_eq!(preview.word, "SPRINT");
        assert_eq!(preview.status, DictionaryStatus::Answer);
        assert_eq!(
            preview.hint.as_deref(),
            Some("A time-boxed unit of delivery")
        );
    }

    #[test]
    fn rows_follow_the_solver_and_end_all_green() {
        let preview = sprint_preview();
        let Some(game) = &preview.solver else {
            panic!("SPRINT is playable");
        };
        assert!(game.solved);
        assert_eq!(preview.rows.len(), game.guesses);
        let last = preview.rows.last().map(|r| r.plain.as_str());
        assert_eq!(last, Some("[S] [P] [R] [I] [N] [T]"));
        let last = preview.rows.last().map(|r| r.emoji.as_str());
        assert_eq!(last, Some("🟩🟩🟩🟩🟩🟩 SPRINT"));
        assert_eq!(
            preview.summary(),
            format!("6 letters · solved in {}", game.guesses)
        );
    }

    #[test]
    fn a_game_solved_late_or_never_is_summed_up_as_such() {
        let mut preview = sprint_preview();
        let Some(game) = preview.solver.as_mut() else {
            panic!("SPRINT is playable");
        };
        (game.solved, game.found, game.guesses) = (false, true, 8);
        assert_eq!(preview.summary(), "6 letters · solved in 8 (max 6)");
        assert_eq!(
            preview.solver_line(),
            "Reference solver: needs 8 guesses, more than the 6 allowed"
        );
        if let Some(game) = preview.solver.as_mut() {
            (game.solved, game.found) = (false, false);
        }
        assert_eq!(
            preview.summary(),
            format!("6 letters · not solved in {MAX_SOLVER_GUESSES}")
        );
        assert_eq!(
            preview.solver_line(),
            format!("Reference solver: not solved within {MAX_SOLVER_GUESSES} guesses")
        );
        if let Some(game) = preview.solver.as_mut() {
            (game.solved, game.found, game.guesses) = (true, true, 4);
        }
        assert_eq!(preview.summary(), "6 letters · solved in 4");
        assert_eq!(
            preview.solver_line(),
            "Reference solver: solved in 4 of 6 guesses"
        );
    }

    #[test]
    fn the_legend_is_for_plain_rows_only() {
        let mut preview = sprint_preview();
        let legend = "[X] right place";
        assert!(preview.render_text(true).contains(legend));
        assert!(!preview.render_text(false).contains(legend));
        preview.rows.clear();
        assert!(!preview.render_text(true).contains(legend));
    }

    #[test]
    fn plain_rows_mark_each_letter() {
        let row = PreviewRow::new("speed", "ABIDE");
        assert_eq!(row.guess, "SPEED");
        assert_eq!(row.plain, ".S. .P. (E) .E. (D)");
        assert_eq!(row.emoji, "⬛⬛🟨⬛🟨 SPEED");
        let row = PreviewRow::new("crane", "cared");
        assert_eq!(row.plain, "[C] (R) (A) .N. (E)");
    }

    #[test]
    fn render_text_shows_everything() {
        let preview = sprint_preview();
        let text = preview.render_text(false);
        assert!(text.starts_with("Mastered Product Operations Manager? Now try"));
        assert!(text.contains("_ _ _ _ _ _   (6 letters)\n"));
        assert!(text.contains("Hint: A time-boxed unit of delivery\n"));
        assert!(text.contains("Dictionary: SPRINT is in the answer list\n"));
        assert!(text.contains("Reference solver: solved in "));
        assert!(text.contains("🟩🟩🟩🟩🟩🟩 SPRINT\n"));
        let plain = preview.render_text(true);
        assert!(!plain.contains('🟩') && !plain.contains('⬛'));
        assert!(plain.contains("  [S] [P] [R] [I] [N] [T]\n"));
        assert!(plain.contains("[X] right place"));
    }

    #[test]
    fn unplayable_words_still_preview() {
        let preview = ChallengePreview::new("CI", "C1", None, Dictionary::builtin(), 6);
        assert_eq!(
            preview.prompt,
            "Mastered CI? Now try to guess the related 2-letter word!"
        );
        assert_eq!(preview.tiles, "_ _");
        assert_eq!(preview.status, DictionaryStatus::Unknown);
        assert!(preview.solver.is_none() && preview.rows.is_empty());
        assert_eq!(preview.summary(), "2 letters");
        assert!(preview.render_text(true).contains("cannot play this word"));
        assert!(!preview.render_text(false).contains("Hint:"));
    }

    #[test]
    fn words_players_cannot_enter_are_never_shown_solved() {
        let dict = Dictionary::builtin();
        let preview = ChallengePreview::new("Product Ops", "OKRISH", None, dict, 6);
        assert_eq!(preview.status, DictionaryStatus::Unknown);
        assert!(preview.solver.is_none() && preview.rows.is_empty());
        assert_eq!(preview.summary(), "6 letters · players cannot enter it");
        let text = preview.render_text(false);
        assert!(!text.contains("solved in"), "{text}");
        assert!(text.contains("players cannot enter OKRISH"), "{text}");
        assert!(
            text.contains("Difficulty: too hard: players cannot enter it"),
            "{text}"
        );
    }

    #[test]
    fn guess_only_and_extra_words_are_played() {
        // a rare word players may type: added to the solver's candidates
        let dict = Dictionary::builtin();
        let preview = ChallengePreview::new("Fibre", "ABACA", None, dict, 6);
        assert_eq!(preview.status, DictionaryStatus::GuessOnly);
        assert_eq!(preview.rows.last().map(|r| r.guess.as_str()), Some("ABACA"));
        let extra = Dictionary::new(&["kanban"], &[]);
        let preview = ChallengePreview::new("Kanban", "KANBAN", None, &extra, 6);
        assert_eq!(preview.status, DictionaryStatus::Answer);
        assert_eq!(
            preview.rows.last().map(|r| r.guess.as_str()),
            Some("KANBAN")
        );
        assert!(
            preview
                .grade
                .as_ref()
                .is_some_and(|g| g.parts.scowl_size.is_none())
        );
    }

    #[test]
    fn the_preview_shows_the_grade_and_its_parts() {
        let preview = sprint_preview();
        let Some(grade) = &preview.grade else {
            panic!("SPRINT is graded");
        };
        let text = preview.render_text(true);
        assert!(
            text.contains(&format!("Difficulty: {}\n", grade.summary())),
            "{text}"
        );
        for reason in grade.reasons() {
            assert!(
                text.contains(&format!("  {reason}\n")),
                "{reason} in {text}"
            );
        }
    }
}
