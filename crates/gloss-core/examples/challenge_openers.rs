//! Recomputes the reference solver's first guess for every length (the
//! entropy argmax over the built-in answers) and compares it with the
//! committed `BUILTIN_OPENERS` in `src/challenge/solver.rs`.
//!
//! `cargo run --release -p gloss-core --example challenge_openers`
//!
//! Prints the constant to paste and exits 1 when any committed opener is
//! stale (after regenerating the word lists, say). Takes a few seconds per
//! length in release mode.

use std::process::ExitCode;
use std::time::Instant;

use gloss_core::challenge::{
    BUILTIN_OPENERS, Dictionary, MAX_WORD_LEN, MIN_WORD_LEN, compute_opener,
};

fn main() -> ExitCode {
    let dict = Dictionary::builtin();
    let mut computed = Vec::new();
    let mut stale = false;
    for len in MIN_WORD_LEN..=MAX_WORD_LEN {
        let start = Instant::now();
        let best = compute_opener(dict, len).unwrap_or_default();
        let committed = BUILTIN_OPENERS[len - MIN_WORD_LEN];
        let verdict = if best == committed { "ok" } else { "STALE" };
        stale |= best != committed;
        println!(
            "length {len:2}: {} answers, opener {best:<10} committed {committed:<10} {verdict} ({:.1?})",
            dict.n_answers(len),
            start.elapsed()
        );
        computed.push(format!("{best:?}"));
    }
    println!(
        "\npub const BUILTIN_OPENERS: [&str; MAX_WORD_LEN - MIN_WORD_LEN + 1] =\n    [{}];",
        computed.join(", ")
    );
    if stale {
        eprintln!("challenge_openers: committed openers are stale; paste the constant above");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
