//! Benchmark of the challenge analysis (budget, docs/performance.md: one word ≤ 50 ms,
//! solver included).
//!
//! `cargo run --release -p gloss-core --example solver_bench`
//!
//! Prints, per length 4–10, the p50/p95/max time of one word's analysis
//! (`ChallengePreview::new`: dictionary status + reference solver + rows)
//! over a deterministic sample of answers, then the average and worst number
//! of guesses of the reference solver over ALL answers of lengths 5 and 6.
//! Pass `--all-lengths` to play every answer of every length (slower), or
//! `--sample N` to time N words per length (default 200).

use std::time::{Duration, Instant};

use gloss_core::challenge::{ChallengePreview, Dictionary, MAX_WORD_LEN, MIN_WORD_LEN, solve};

const MAX_GUESSES: usize = 6;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(rank).copied().unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all_lengths = args.iter().any(|a| a == "--all-lengths");
    let sample = args
        .iter()
        .position(|a| a == "--sample")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(200);

    let dict = Dictionary::builtin();
    println!("per-word analysis time (ChallengePreview::new), {sample} words per length;");
    println!("cold: a fresh Dictionary per word (building its answer pool included),");
    println!("warm: one shared Dictionary whose solver memo fills as the sample runs");
    println!("len  answers  guesses | cold p50  cold p95  cold max | warm p50  warm p95  warm max");
    let mut worst_cold = Duration::ZERO;
    for len in MIN_WORD_LEN..=MAX_WORD_LEN {
        let answers: Vec<&str> = dict.answers(len).collect();
        let step = (answers.len() / sample.max(1)).max(1);
        let words: Vec<&str> = answers.iter().copied().step_by(step).take(sample).collect();
        let time = |word: &str, shared: Option<&Dictionary>| {
            let start = Instant::now();
            let fresh;
            let dict = match shared {
                Some(dict) => dict,
                None => {
                    fresh = Dictionary::new::<&str>(&[], &[]);
                    &fresh
                }
            };
            let preview = ChallengePreview::new("Benchmark Term", word, None, dict, MAX_GUESSES);
            let elapsed = start.elapsed();
            assert!(preview.solver.is_some_and(|g| g.found), "{word} not solved");
            elapsed
        };
        let mut cold: Vec<Duration> = words.iter().map(|word| time(word, None)).collect();
        let mut warm: Vec<Duration> = words.iter().map(|word| time(word, Some(dict))).collect();
        cold.sort();
        warm.sort();
        let cold_max = cold.last().copied().unwrap_or_default();
        worst_cold = worst_cold.max(cold_max);
        println!(
            "{len:3}  {:7}  {:7} | {:>8.2?}  {:>8.2?}  {:>8.2?} | {:>8.2?}  {:>8.2?}  {:>8.2?}",
            answers.len(),
            dict.n_guesses(len),
            percentile(&cold, 0.5),
            percentile(&cold, 0.95),
            cold_max,
            percentile(&warm, 0.5),
            percentile(&warm, 0.95),
            warm.last().copied().unwrap_or_default(),
        );
    }
    println!("worst cold analysis: {worst_cold:.2?} (budget 50ms)");

    let lengths: Vec<usize> = if all_lengths {
        (MIN_WORD_LEN..=MAX_WORD_LEN).collect()
    } else {
        vec![5, 6]
    };
    println!("\nreference solver over ALL answers (max-guesses {MAX_GUESSES}, shared Dictionary):");
    println!("len  answers  average  worst  over-{MAX_GUESSES}  worst-word      total time");
    for len in lengths {
        let start = Instant::now();
        let (mut total, mut worst, mut worst_word, mut over, mut n) = (0, 0, String::new(), 0, 0);
        for word in dict.answers(len) {
            let Some(game) = solve(word, dict, MAX_GUESSES) else {
                continue;
            };
            assert!(game.found, "{word} not solved");
            n += 1;
            total += game.guesses;
            over += usize::from(!game.solved);
            if game.guesses > worst {
                worst = game.guesses;
                worst_word = word.to_owned();
            }
        }
        println!(
            "{len:3}  {n:7}  {:7.3}  {worst:5}  {over:7}  {worst_word:<12}  {:.1?}",
            total as f64 / n.max(1) as f64,
            start.elapsed()
        );
    }
}
