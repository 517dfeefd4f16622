//! Development tasks: `gen-corpus`, `parse-floor`, `bench`, `import-bench`,
//! `doc-scan`.

// The same allocator as `gloss`, so the parse-only floor is not measured
// with a different one.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod corpus;
mod doc_scan;
mod import_bench;

use anyhow::{Context as _, bail};
use std::path::PathBuf;

fn usage() -> &'static str {
    "usage:
  cargo run --release -p xtask -- gen-corpus [--shape SHAPE] [--terms N] [--docs N] [--seed N] OUT
  cargo run --release -p xtask -- parse-floor [--value | --events] DIR
  cargo run --release -p xtask -- bench [--shapes SHAPE,…] [--sizes 1000,10000] [--skip-external] [--skip-lsp]
  cargo run --release -p xtask -- import-bench [--pages 1000]
  cargo run --release -p xtask -- doc-scan [--runs 3] [--only markdown|find|check|big] CORPUS
shapes: distinct, shared-words, shared-alias, dense-related, docs-heavy"
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        bail!("{}", usage());
    };
    let rest = &args[1..];
    let flag = |name: &str| {
        rest.iter()
            .position(|a| a == name)
            .and_then(|i| rest.get(i + 1))
            .cloned()
    };
    // The last argument that is neither a flag nor a flag's value.
    let positional = || {
        const WITH_VALUE: &[&str] = &[
            "--terms", "--docs", "--seed", "--sizes", "--shape", "--shapes", "--runs", "--only",
        ];
        rest.iter()
            .enumerate()
            .filter(|&(i, a)| {
                !a.starts_with("--") && (i == 0 || !WITH_VALUE.contains(&rest[i - 1].as_str()))
            })
            .map(|(_, a)| a.clone())
            .next_back()
    };
    match command.as_str() {
        "gen-corpus" => {
            let out = positional().context("gen-corpus needs an output directory")?;
            let terms = flag("--terms")
                .map_or(Ok(10_000), |v| v.parse())
                .context("--terms")?;
            let shape = corpus::Shape::parse(flag("--shape").as_deref().unwrap_or("distinct"))?;
            let docs = flag("--docs")
                .map_or(Ok(shape.default_docs(terms)), |v| v.parse())
                .context("--docs")?;
            let seed = flag("--seed")
                .map_or(Ok(1), |v| v.parse())
                .context("--seed")?;
            let corpus = corpus::generate(&PathBuf::from(&out), shape, terms, docs, seed)?;
            println!(
                "wrote {} {} terms, {} docs, {} planted defects to {out}",
                corpus.n_terms,
                shape.name(),
                corpus.n_docs,
                corpus.defects.len()
            );
        }
        "parse-floor" => {
            let dir = positional().context("parse-floor needs a directory")?;
            let mode = if rest.iter().any(|a| a == "--value") {
                bench::FloorMode::Value
            } else if rest.iter().any(|a| a == "--events") {
                bench::FloorMode::Events
            } else {
                bench::FloorMode::Validate
            };
            let (n_files, n_bytes) = bench::parse_floor(&PathBuf::from(dir), mode)?;
            println!("parsed {n_files} files, {n_bytes} bytes");
        }
        "bench" => bench::run(rest)?,
        "import-bench" => {
            let pages = flag("--pages")
                .map_or(Ok(1000), |v| v.parse())
                .context("--pages")?;
            import_bench::run(pages)?;
        }
        "doc-scan" => {
            let corpus = positional().context("doc-scan needs a corpus directory")?;
            let runs = flag("--runs")
                .map_or(Ok(3), |v| v.parse())
                .context("--runs")?;
            doc_scan::run(&PathBuf::from(corpus), runs, flag("--only").as_deref())?;
        }
        _ => bail!("unknown task `{command}`\n{}", usage()),
    }
    Ok(())
}
