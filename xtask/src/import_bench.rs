//! `import-bench`: 1,000 (or `--pages N`) Markdown pages with front
//! matter, sections and links generated into a temporary directory, then
//! `gloss import markdown` (the release binary) timed over them, best of 5.

use anyhow::{Context as _, bail};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub fn run(pages: usize) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("gloss-import-bench-{}", std::process::id()));
    let src = dir.join("site/glossary");
    std::fs::create_dir_all(&src).context("cannot create the bench directory")?;
    std::fs::write(dir.join("gloss.toml"), "").context("gloss.toml")?;
    for i in 0..pages {
        let next = (i + 1) % pages;
        let mut page = format!(
            "---\ntitle: Term {i}\naka: [T{i}]\ntags: [concept]\n---\n\
             Term {i} is the {i}th concept of the benchmark, linked to [term {next}](term-{next}.md).\n\n\
             It matters where teams share a vocabulary.\n\n"
        );
        for section in ["Problem it addresses", "How it works", "Examples"] {
            let _ = write!(
                page,
                "## {section}\n\nA paragraph on {section} for term {i}, with **markup** and a [link](/glossary/term-{next}/).\n\n"
            );
        }
        std::fs::write(src.join(format!("term-{i}.md")), page).context("cannot write a page")?;
    }
    let bin =
        PathBuf::from(std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into()))
            .join("release/gloss");
    if !bin.is_file() {
        bail!("build the release binary first: cargo build --release -p gloss-cli");
    }
    let bin = std::fs::canonicalize(&bin)?;
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let _ = std::fs::remove_dir_all(dir.join("glossary"));
        let started = Instant::now();
        let output = std::process::Command::new(&bin)
            .args(["import", "markdown", "site/glossary"])
            .current_dir(&dir)
            .output()
            .context("cannot run gloss")?;
        best = best.min(started.elapsed());
        if output.status.code() != Some(0) {
            bail!(
                "gloss import failed: {}",
                String::from_utf8_lossy(&output.stdout)
            );
        }
    }
    let written = std::fs::read_dir(dir.join("glossary"))?.count();
    println!(
        "gloss import markdown: {pages} pages -> {written} term files in {:.0} ms (best of 5, lint included)",
        best.as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
