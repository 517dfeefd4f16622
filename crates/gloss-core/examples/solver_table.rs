//! Regenerates `data/solver-guesses.txt` and `data/solver-guesses-hard.txt`,
//! the reference solver's guess count for every built-in answer in normal and
//! in hard mode: `cargo run --release -p gloss-core --example solver_table`.
//! With `--check`, exits 1 when a committed table is out of date.

/// A committed table's path and the function that computes it.
type Table = (&'static str, fn() -> String);

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let mut stale = false;
    let tables: [Table; 2] = [
        (
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/solver-guesses.txt"),
            gloss_core::challenge::compute_table,
        ),
        (
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/solver-guesses-hard.txt"),
            gloss_core::challenge::compute_hard_table,
        ),
    ];
    for (path, compute) in tables {
        let started = std::time::Instant::now();
        let table = compute();
        eprintln!(
            "{path}: computed in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        if check {
            let committed = std::fs::read_to_string(path).unwrap_or_default();
            if committed == table {
                eprintln!("{path} is up to date");
            } else {
                eprintln!("{path} is out of date: rerun without --check");
                stale = true;
            }
            continue;
        }
        if let Err(err) = std::fs::write(path, table) {
            eprintln!("cannot write {path}: {err}");
            std::process::exit(1);
        }
        eprintln!("wrote {path}");
    }
    if stale {
        std::process::exit(1);
    }
}
