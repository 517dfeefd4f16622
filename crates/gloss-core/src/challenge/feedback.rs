//! Wordle feedback, exactly as the game scores it.

use serde::Serialize;

use super::MAX_WORD_LEN;

/// The colour of one tile after a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// The letter is not in the answer (or every copy of it is already
    /// accounted for by other tiles).
    Gray,
    /// The letter is in the answer, at another position.
    Yellow,
    /// The letter is in the answer at this position.
    Green,
}

impl Mark {
    /// The coloured square the game shows: 🟩, 🟨 or ⬛.
    pub fn emoji(self) -> &'static str {
        match self {
            Mark::Green => "🟩",
            Mark::Yellow => "🟨",
            Mark::Gray => "⬛",
        }
    }

    /// The digit of this mark in a pattern code (gray 0, yellow 1, green 2).
    fn digit(self) -> u16 {
        match self {
            Mark::Gray => 0,
            Mark::Yellow => 1,
            Mark::Green => 2,
        }
    }
}

/// The feedback for one guess: one [`Mark`] per letter of the guess.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Feedback {
    marks: Vec<Mark>,
}

impl Feedback {
    /// The marks, one per letter of the guess.
    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    /// Whether every tile is green: the guess was the answer.
    pub fn is_solved(&self) -> bool {
        !self.marks.is_empty() && self.marks.iter().all(|&m| m == Mark::Green)
    }

    /// The compact pattern code the solver uses: the base-3 number whose
    /// digit `i` (least significant first) is the mark of letter `i`
    /// (gray 0, yellow 1, green 2). `None` past [`MAX_WORD_LEN`] letters.
    pub fn code(&self) -> Option<u16> {
        if self.marks.len() > MAX_WORD_LEN {
            return None;
        }
        Some(
            self.marks
                .iter()
                .rev()
                .fold(0, |code, mark| code * 3 + mark.digit()),
        )
    }

    /// The emoji squares, e.g. `🟩🟨⬛⬛⬛`.
    pub fn emoji(&self) -> String {
        self.marks.iter().map(|m| m.emoji()).collect()
    }
}

/// Scores `guess` against `answer` as the game does: first every letter in the
/// right place is green; then, left to right, a letter is yellow while the
/// answer still has an unmatched copy of it (copies used by greens or by
/// earlier yellows do not count), and gray otherwise.
///
/// Letters compare ASCII-case-insensitively. The result has one mark per byte
/// of `guess`; when the lengths differ, positions past the end of `answer`
/// are never green.
pub fn score(guess: &str, answer: &str) -> Feedback {
    let guess = guess.as_bytes();
    let answer = answer.as_bytes();
    let same_at = |i: usize| answer.get(i).is_some_and(|a| a.eq_ignore_ascii_case(&guess[i]));

    // Unmatched copies of each byte of the answer, case-folded.
    let mut unmatched = [0u16; 256];
    for (i, &a) in answer.iter().enumerate() {
        if guess.get(i).is_none_or(|g| !g.eq_ignore_ascii_case(&a)) {
            unmatched[usize::from(a.to_ascii_lowercase())] += 1;
        }
    }
    let marks = guess
        .iter()
        .enumerate()
        .map(|(i, &g)| {
            if same_at(i) {
                return Mark::Green;
            }
            let left = &mut unmatched[usize::from(g.to_ascii_lowercase())];
            if *left > 0 {
                *left -= 1;
                Mark::Yellow
            } else {
                Mark::Gray
            }
        })
        .collect();
    Feedback { marks }
}

/// A word as letter indices `0..26`, padded with zeros, for the solver.
pub(crate) type Letters = [u8; MAX_WORD_LEN];

/// `3^i`, the weight of position `i` in a pattern code.
const POW3: [u16; MAX_WORD_LEN] = {
    let mut pow = [1u16; MAX_WORD_LEN];
    let mut i = 1;
    while i < MAX_WORD_LEN {
        pow[i] = pow[i - 1] * 3;
        i += 1;
    }
    pow
};

/// Number of distinct pattern codes for words of `len` letters (`3^len`).
pub(crate) fn n_patterns(len: usize) -> usize {
    3usize.pow(len as u32)
}

/// Converts a lowercase `a`–`z` word of at most [`MAX_WORD_LEN`] letters.
pub(crate) fn to_letters(word: &[u8]) -> Option<Letters> {
    if word.len() > MAX_WORD_LEN {
        return None;
    }
    let mut letters = [0u8; MAX_WORD_LEN];
    for (slot, &b) in letters.iter_mut().zip(word) {
        if !b.is_ascii_lowercase() {
            return None;
        }
        *slot = b - b'a';
    }
    Some(letters)
}

/// The word spelled by the first `len` letters.
pub(crate) fn letters_to_string(letters: &Letters, len: usize) -> String {
    letters[..len].iter().map(|&l| char::from(b'a' + l)).collect()
}

/// The fast equivalent of `score(guess, answer).code()` for two words of
/// `len` letters in [`Letters`] form: the solver's inner loop.
#[inline]
pub(crate) fn pattern(guess: &Letters, answer: &Letters, len: usize) -> u16 {
    let mut unmatched = [0u8; 26];
    let mut green = 0u16;
    for i in 0..len {
        if guess[i] == answer[i] {
            green |= 1 << i;
        } else {
            unmatched[usize::from(answer[i])] += 1;
        }
    }
    let mut code = 0u16;
    for i in 0..len {
        if green & (1 << i) != 0 {
            code += 2 * POW3[i];
        } else {
            let left = &mut unmatched[usize::from(guess[i])];
            if *left > 0 {
                *left -= 1;
                code += POW3[i];
            }
        }
    }
    code
}

/// The code of an all-green pattern for `len` letters.
pub(crate) fn solved_pattern(len: usize) -> u16 {
    POW3[..len].iter().map(|p| 2 * p).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Mark::{Gray as B, Green as G, Yellow as Y};

    #[track_caller]
    fn check(guess: &str, answer: &str, expected: &[Mark]) {
        let feedback = score(guess, answer);
        assert_eq!(feedback.marks(), expected, "{guess} vs {answer}");
        // The solver's fast path must agree with the reference scoring.
        let (g, a) = (
            to_letters(guess.to_ascii_lowercase().as_bytes()),
            to_letters(answer.to_ascii_lowercase().as_bytes()),
        );
        if let (Some(g), Some(a)) = (g, a) {
            assert_eq!(Some(pattern(&g, &a, guess.len())), feedback.code());
        }
    }

    #[test]
    fn repeated_guess_letter_with_one_copy_in_answer() {
        // Only one E in ABIDE: the first unmatched E takes it.
        check("SPEED", "ABIDE", &[B, B, Y, B, Y]);
    }

    #[test]
    fn repeated_letters_on_both_sides() {
        // SPEED has two Es (positions 2, 3), one S. ERASE: E(0) yellow,
        // R gray, A gray, S yellow, E(4) yellow: SPEED's second E is unmatched.
        check("ERASE", "SPEED", &[Y, B, B, Y, Y]);
        // Three Es guessed, two in the answer: the third is gray.
        check("EERIE", "SPEED", &[Y, Y, B, B, B]);
    }

    #[test]
    fn greens_are_taken_before_yellows() {
        // KEBAB has two Bs; ABBEY's B(2) is green, B(1) takes the other B.
        check("ABBEY", "KEBAB", &[Y, Y, G, Y, B]);
        check("KEBAB", "ABBEY", &[B, Y, G, Y, Y]);
        // A later green B uses the only B, so the earlier B is gray.
        check("BOBBY", "ABBEY", &[Y, B, G, B, G]);
        check("LLAMA", "HELLO", &[Y, Y, B, B, B]);
        check("HELLO", "LLAMA", &[B, B, Y, Y, B]);
    }

    #[test]
    fn all_green_and_all_gray() {
        let solved = score("sprint", "SPRINT");
        assert_eq!(solved.marks(), &[G; 6]);
        assert!(solved.is_solved());
        assert_eq!(solved.code(), Some(solved_pattern(6)));
        check("CRANE", "BUILT", &[B; 5]);
        assert_eq!(score("crane", "built").code(), Some(0));
        assert!(!score("crane", "built").is_solved());
    }

    #[test]
    fn emoji_row() {
        assert_eq!(score("SPEED", "ABIDE").emoji(), "⬛⬛🟨⬛🟨");
    }

    #[test]
    fn lengths_that_differ_do_not_panic() {
        assert_eq!(score("abc", "ab").marks(), &[G, G, B]);
        assert_eq!(score("ab", "ba c").marks(), &[Y, Y]);
        assert_eq!(score("abcdefghijk", "abcdefghijk").code(), None);
    }

    #[test]
    fn fast_pattern_matches_reference_on_many_pairs() {
        let words = [
            "abbey", "kebab", "speed", "abide", "erase", "eerie", "llama", "hello", "sassy",
            "asses", "geese", "eagle", "mummy", "tummy", "crane", "sprint",
        ];
        for g in words {
            for a in words.iter().filter(|a| a.len() == g.len()) {
                let (Some(gl), Some(al)) = (to_letters(g.as_bytes()), to_letters(a.as_bytes()))
                else {
                    panic!("test words are lowercase");
                };
                assert_eq!(
                    Some(pattern(&gl, &al, g.len())),
                    score(g, a).code(),
                    "{g} vs {a}"
                );
            }
        }
    }
}
