//! Benchmark of `gloss challenge TERM --suggest` (budget: 50 ms per
//! suggestion list, hard-mode analysis included; docs/challenge.md):
//!
//! `cargo run --release -p gloss-core --example suggest_bench`
//!
//! For every term of the shipped glossary (`glossary/`, `gloss.toml`),
//! times one suggestion list of 5 (`TermFile::suggest`: candidates from the
//! page and the related terms, every challenge check per candidate, the
//! grade with normal- and hard-mode guesses, trap group and frequency),
//! `--rounds N` times (default 20), cold (a fresh `Env`, so no grade or
//! solver game is cached) and warm (one shared `Env`). Prints p50, p95 and
//! max over all lists, and the number of candidates per term.

use std::path::Path;
use std::time::{Duration, Instant};

use gloss_core::TermFile;
use gloss_core::config::{Config, parse_word_list};
use gloss_core::file::index_files;
use gloss_core::lint::Env;
use gloss_core::suggest::RelatedTerm;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(rank).copied().unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(20);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let config_text = std::fs::read_to_string(repo.join("gloss.toml")).unwrap_or_default();
    let config = Config::parse(&config_text).unwrap_or_default();
    let extra: Vec<String> = config
        .challenge
        .extra_words
        .as_ref()
        .and_then(|f| std::fs::read_to_string(repo.join(f)).ok())
        .map(|t| parse_word_list(&t))
        .unwrap_or_default();
    let mut paths: Vec<_> = std::fs::read_dir(repo.join("glossary"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "yaml"));
    paths.sort();
    let files: Vec<TermFile> = paths
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            TermFile::from_bytes(
                &format!("glossary/{name}"),
                &std::fs::read(p).unwrap_or_default(),
                &config,
            )
        })
        .collect();
    let index = index_files(&files);
    let related_of = |file: &TermFile| -> Vec<RelatedTerm<'_>> {
        file.term()
            .related
            .iter()
            .filter_map(|slug| index.term_by_slug(slug.value.trim()))
            .map(|id| (files[id].stem.as_str(), files[id].term()))
            .collect()
    };
    let shared = Env::new(config.clone(), &extra);
    let (mut cold, mut warm) = (Vec::new(), Vec::new());
    let mut n_suggested = 0;
    for _ in 0..rounds {
        for (id, file) in files.iter().enumerate() {
            let related = related_of(file);
            let fresh = Env::new(config.clone(), &extra);
            let start = Instant::now();
            let list = file.suggest(id, &index, &fresh, &related, 5);
            cold.push(start.elapsed());
            n_suggested += list.len();
            let start = Instant::now();
            let again = file.suggest(id, &index, &shared, &related, 5);
            warm.push(start.elapsed());
            assert_eq!(list, again, "{}", file.path);
        }
    }
    cold.sort();
    warm.sort();
    println!(
        "{} terms x {rounds} rounds, 5 suggestions per list ({:.1} on average)",
        files.len(),
        n_suggested as f64 / cold.len().max(1) as f64
    );
    println!(
        "cold (fresh Env): p50 {:.2?}  p95 {:.2?}  max {:.2?}",
        percentile(&cold, 0.5),
        percentile(&cold, 0.95),
        cold.last().copied().unwrap_or_default()
    );
    println!(
        "warm (shared Env): p50 {:.2?}  p95 {:.2?}  max {:.2?}",
        percentile(&warm, 0.5),
        percentile(&warm, 0.95),
        warm.last().copied().unwrap_or_default()
    );
    println!("budget: 50ms per suggestion list");
}
