//! The distribution of every part of the difficulty grade over all built-in
//! answers of each length, as published in docs/challenge.md:
//!
//! `cargo run --release -p gloss-core --example challenge_grades`
//!
//! Grades every answer with the built-in dictionary and `max-guesses` 6
//! (pass `--max-guesses N` for another game), then prints per length: the
//! reference solver's average and worst guesses in normal and in hard mode
//! with the share over 6, the SCOWL size shares, the share with repeated
//! letters, the trap group's average, worst and share of each points band,
//! and how many answers get each level. `--words WORD,WORD` grades just
//! those words, one line of parts each.

use std::collections::BTreeMap;

use gloss_core::challenge::{Dictionary, Grade, Level, MAX_WORD_LEN, MIN_WORD_LEN};

fn pct(n: usize, of: usize) -> String {
    format!("{:.1}%", 100.0 * n as f64 / of.max(1) as f64)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let max_guesses = value("--max-guesses")
        .and_then(|n| n.parse().ok())
        .unwrap_or(6);
    let dict = Dictionary::builtin();
    if let Some(list) = value("--words") {
        for word in list.split(',') {
            match Grade::of(word, dict, max_guesses) {
                Some(grade) => println!(
                    "{:<12} {:<9} {}",
                    word.to_ascii_uppercase(),
                    grade.level.name(),
                    grade.reasons().join("; ")
                ),
                None => println!("{word}: cannot be played"),
            }
        }
        return;
    }
    println!("max-guesses {max_guesses}; every built-in answer of each length\n");
    println!(
        "len  answers | normal avg  worst  >{max_guesses} | hard avg  worst  >{max_guesses} | size35  size50 | repeats | trap avg  worst  1-2    3-5    6+ | easy   medium hard   too-hard"
    );
    for len in MIN_WORD_LEN..=MAX_WORD_LEN {
        let grades: Vec<Grade> = dict
            .answers(len)
            .filter_map(|w| Grade::of(w, dict, max_guesses))
            .collect();
        let n = grades.len();
        let guesses: Vec<usize> = grades.iter().filter_map(|g| g.parts.guesses).collect();
        let hard: Vec<usize> = grades
            .iter()
            .filter_map(|g| g.parts.hard_mode_guesses)
            .collect();
        let avg = |v: &[usize]| v.iter().sum::<usize>() as f64 / v.len().max(1) as f64;
        let worst = |v: &[usize]| v.iter().copied().max().unwrap_or(0);
        let over = |v: &[usize]| v.iter().filter(|&&g| g > max_guesses).count();
        let size = |s| {
            grades
                .iter()
                .filter(|g| g.parts.scowl_size == Some(s))
                .count()
        };
        let repeats = grades
            .iter()
            .filter(|g| g.parts.repeated_letters > 0)
            .count();
        let traps: Vec<usize> = grades.iter().map(|g| g.parts.trap_group).collect();
        let band = |lo: usize, hi: usize| traps.iter().filter(|&&t| (lo..=hi).contains(&t)).count();
        let mut levels: BTreeMap<Level, usize> = BTreeMap::new();
        for g in &grades {
            *levels.entry(g.level).or_default() += 1;
        }
        let level = |l| levels.get(&l).copied().unwrap_or(0);
        let worst_trap = grades
            .iter()
            .max_by_key(|g| g.parts.trap_group)
            .and_then(|g| g.parts.trap_pattern.clone())
            .unwrap_or_default();
        println!(
            "{len:3}  {n:7} | {:10.3}  {:5}  {:5} | {:8.3}  {:5}  {:5} | {:6}  {:6} | {:7} | {:8.2}  {:5}  {:5}  {:5}  {:5} | {:5}  {:5}  {:5}  {:5}   worst trap {worst_trap}",
            avg(&guesses),
            worst(&guesses),
            pct(over(&guesses), n),
            avg(&hard),
            worst(&hard),
            pct(over(&hard), n),
            pct(size(35), n),
            pct(size(50), n),
            pct(repeats, n),
            avg(&traps),
            worst(&traps),
            pct(band(1, 2), n),
            pct(band(3, 5), n),
            pct(band(6, usize::MAX), n),
            pct(level(Level::Easy), n),
            pct(level(Level::Medium), n),
            pct(level(Level::Hard), n),
            pct(level(Level::TooHard), n),
        );
    }
}
