//! Regenerates `data/solver-guesses.txt` and `data/solver-guesses-hard.txt`,
//! the reference solver's guess count for every built-in answer in normal and
//! in hard mode, and `data/trap-groups.txt`, every built-in answer's largest
//! trap group: `cargo run --release -p gloss-core --example solver_table`.
//! With `--check`, exits 1 when a committed table is out of date. Other
//! arguments pick tables by file name (`trap-groups` does only that one).

/// A committed table's path and the function that computes it.
type Table = (&'static str, fn() -> String);

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let picked: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let mut stale = false;
    let tables: [Table; 3] = [
        (
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/solver-guesses.txt"),
            gloss_core::challenge::compute_table,
        ),
        (
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/solver-guesses-hard.txt"),
            gloss_core::challenge::compute_hard_table,
        ),
        (
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/trap-groups.txt"),
            trap_table,
        ),
    ];
    for (path, compute) in tables {
        if !picked.is_empty() && !picked.iter().any(|p| path.contains(p.as_str())) {
            continue;
        }
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

/// The trap table; a group too large for its digits stops the run (the
/// table's format would have to grow).
fn trap_table() -> String {
    gloss_core::challenge::compute_trap_table().unwrap_or_else(|| {
        eprintln!("a trap group is larger than data/trap-groups.txt can write (61)");
        std::process::exit(1);
    })
}
