//! Regenerates `data/solver-guesses.txt`, the reference solver's guess count
//! for every built-in answer: `cargo run --release -p gloss-core --example solver_table`.
//! With `--check`, exits 1 when the committed table is out of date.

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/solver-guesses.txt");
    let started = std::time::Instant::now();
    let table = gloss_core::challenge::compute_table();
    eprintln!("computed in {:.1} s", started.elapsed().as_secs_f64());
    if std::env::args().any(|a| a == "--check") {
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        if committed != table {
            eprintln!("{path} is out of date: rerun without --check");
            std::process::exit(1);
        }
        eprintln!("{path} is up to date");
        return;
    }
    if let Err(err) = std::fs::write(path, table) {
        eprintln!("cannot write {path}: {err}");
        std::process::exit(1);
    }
    eprintln!("wrote {path}");
}
