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
    let same_at = |i: usize| {
        answer
            .get(i)
            .is_some_and(|a| a.eq_ignore_ascii_case(&guess[i]))
    };

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

/// Number of distinct pattern codes for words of `len` letters: `3^len`.
pub(crate) fn n_patterns(len: usize) -> usize {
    3usize.pow(len.min(MAX_WORD_LEN) as u32)
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
    letters[..len]
        .iter()
        .map(|&l| char::from(b'a' + l))
        .collect()
}

/// Where each letter occurs in a word: bit `i` of `positions[l]` is set when
/// letter `l` is at position `i` (entries 26–31 pad the array to one cache
/// line and let lookups mask the index instead of bounds-checking it). The
/// answer side of [`pattern`].
pub(crate) type Positions = [u16; 32];

/// The positions of every letter of the first `len` letters.
pub(crate) fn positions(letters: &Letters, len: usize) -> Positions {
    let mut positions = [0u16; 32];
    for (i, &l) in letters.iter().take(len).enumerate() {
        positions[usize::from(l & 31)] |= 1 << i;
    }
    positions
}

/// The guess side of [`pattern`]: the guess's distinct letters, each with
/// the positions it occupies, split into letters that occur once (the
/// branch-free common case) and repeated letters.
#[derive(Clone, Copy)]
pub(crate) struct GuessPlan {
    singles: [(u8, u16); MAX_WORD_LEN],
    n_singles: usize,
    repeats: [(u8, u16); MAX_WORD_LEN / 2],
    n_repeats: usize,
}

impl GuessPlan {
    pub(crate) fn new(letters: &Letters, len: usize) -> GuessPlan {
        let mut plan = GuessPlan {
            singles: [(0, 0); MAX_WORD_LEN],
            n_singles: 0,
            repeats: [(0, 0); MAX_WORD_LEN / 2],
            n_repeats: 0,
        };
        for (in_guess, letter) in positions(letters, len).into_iter().zip(0u8..) {
            if in_guess == 0 {
                continue;
            }
            if in_guess.count_ones() == 1 {
                plan.singles[plan.n_singles] = (letter, in_guess);
                plan.n_singles += 1;
            } else {
                plan.repeats[plan.n_repeats] = (letter, in_guess);
                plan.n_repeats += 1;
            }
        }
        plan
    }
}

/// `TERNARY[m]` = Σ 3^i over the bits `i` of `m`: the code of the marks
/// "yellow at the bits of `m`" (twice that for green).
static TERNARY: [u16; 1 << MAX_WORD_LEN] = {
    let mut table = [0u16; 1 << MAX_WORD_LEN];
    let mut m = 0;
    while m < table.len() {
        let mut i = 0;
        while i < MAX_WORD_LEN {
            if m & (1 << i) != 0 {
                table[m] += POW3[i];
            }
            i += 1;
        }
        m += 1;
    }
    table
};

/// The solver's inner loop: `score(guess, answer).code()` for two words of
/// the same length, from their precomputed [`GuessPlan`] and [`Positions`].
///
/// Per letter of the guess: the positions both words share are green; the
/// answer's other copies of that letter turn the guess's remaining
/// positions yellow, leftmost first.
#[inline]
pub(crate) fn pattern(guess: &GuessPlan, answer: &Positions) -> u16 {
    let mut green = 0u16;
    let mut yellow = 0u16;
    for &(letter, in_guess) in &guess.singles[..guess.n_singles] {
        let in_answer = answer[usize::from(letter & 31)];
        let shared = in_guess & in_answer;
        green |= shared;
        // Yellow when the answer has the letter elsewhere: all ones or zero.
        let present = 0u16.wrapping_sub(u16::from(in_answer != 0));
        yellow |= (in_guess ^ shared) & present;
    }
    for &(letter, in_guess) in &guess.repeats[..guess.n_repeats] {
        let in_answer = answer[usize::from(letter & 31)];
        if in_answer == 0 {
            continue;
        }
        let shared = in_guess & in_answer;
        green |= shared;
        let available = in_answer.count_ones() - shared.count_ones();
        let mut rest = in_guess & !in_answer;
        for _ in 0..available {
            yellow |= rest & rest.wrapping_neg();
            rest &= rest.wrapping_sub(1);
        }
    }
    2 * TERNARY[usize::from(green & 0x3ff)] + TERNARY[usize::from(yellow & 0x3ff)]
}

/// The pattern code of an all-green guess of `len` letters.
pub(crate) fn solved_pattern(len: usize) -> u16 {
    2 * POW3.iter().take(len).sum::<u16>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Mark::{Gray as B, Green as G, Yellow as Y};

    fn fast(guess: &Letters, answer: &Letters, len: usize) -> u16 {
        pattern(&GuessPlan::new(guess, len), &positions(answer, len))
    }

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
            assert_eq!(feedback.code(), Some(fast(&g, &a, guess.len())));
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
    fn fast_pattern_matches_reference_on_dictionary_words() {
        let dict = crate::challenge::Dictionary::builtin();
        for len in crate::challenge::MIN_WORD_LEN..=MAX_WORD_LEN {
            let words: Vec<&str> = dict.guesses(len).step_by(97).take(60).collect();
            for g in &words {
                for a in &words {
                    let (Some(gl), Some(al)) = (to_letters(g.as_bytes()), to_letters(a.as_bytes()))
                    else {
                        panic!("dictionary words are lowercase");
                    };
                    assert_eq!(score(g, a).code(), Some(fast(&gl, &al, len)), "{g} vs {a}");
                }
            }
        }
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
                    score(g, a).code(),
                    Some(fast(&gl, &al, g.len())),
                    "{g} vs {a}"
                );
            }
        }
    }
}
