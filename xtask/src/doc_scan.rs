//! `xtask doc-scan CORPUS`: the docs checks of `gloss lint`, timed on one
//! core, phase by phase, so that a change to the matcher can be measured
//! without the noise of a whole process on a shared machine.

use anyhow::Context as _;
use gloss_core::config::Config;
use gloss_core::file::{TermFile, index_files};
use gloss_core::lint::docs::{DocContext, check_doc};
use gloss_core::mentions::MentionIndex;
use gloss_core::prose::{ProseOptions, markdown_doc};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(corpus: &Path, runs: usize, only: Option<&str>) -> anyhow::Result<()> {
    let on = |phase: &str| only.is_none_or(|o| o == phase);
    let config_text = std::fs::read_to_string(corpus.join("gloss.toml")).unwrap_or_default();
    let config = Config::parse(&config_text).map_err(|e| anyhow::anyhow!("gloss.toml: {e:?}"))?;
    let mut term_paths = Vec::new();
    crate::bench::collect_ext(&corpus.join("glossary"), &["yaml", "yml"], &mut term_paths)?;
    term_paths.sort();
    let files: Vec<TermFile> = term_paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            TermFile::from_vec(&p.to_string_lossy(), bytes, &config)
        })
        .collect();
    let glossary = index_files(&files);
    // `gloss lint` scans with the batch automaton; the language server,
    // whose one-doc keystroke the `big` phase measures, with the compact one.
    let compact = MentionIndex::from_glossary(&glossary);
    let mentions = compact.clone().for_batch();
    let mut doc_paths: Vec<PathBuf> = Vec::new();
    crate::bench::collect_ext(&corpus.join("docs"), &["md"], &mut doc_paths)
        .context("the corpus has no docs folder")?;
    doc_paths.sort();
    let texts: Vec<(String, String)> = doc_paths
        .iter()
        .map(|p| {
            (
                p.to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap_or_default(),
            )
        })
        .collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} terms, {} names, {} docs, {mb:.1} MB; times on one core, best of {runs}",
        files.len(),
        mentions.n_names(),
        texts.len()
    );
    let options = ProseOptions {
        match_in_code: config.match_in_code,
    };
    let best = |f: &mut dyn FnMut() -> usize| {
        let mut best = f64::INFINITY;
        let mut out = 0;
        for _ in 0..runs {
            let started = Instant::now();
            out = std::hint::black_box(f());
            best = best.min(started.elapsed().as_secs_f64());
        }
        (best, out)
    };
    let report = |name: &str, (secs, n): (f64, usize)| {
        println!(
            "{name:<24} {:>8.1} ms {:>8.1} MB/s {n:>9}",
            secs * 1e3,
            mb / secs
        );
    };
    if on("markdown") {
        report(
            "markdown_doc",
            best(&mut || {
                texts
                    .iter()
                    .map(|(_, t)| markdown_doc(t, options).prose.len())
                    .sum()
            }),
        );
    }
    let docs: Vec<_> = texts
        .iter()
        .map(|(_, t)| markdown_doc(t, options))
        .collect();
    if on("find") {
        report(
            "find_in_prose",
            best(&mut || {
                texts
                    .iter()
                    .zip(&docs)
                    .map(|((_, t), d)| mentions.find_in_prose(t, &d.prose).len())
                    .sum()
            }),
        );
        // The two automata must find the same mentions in every doc.
        for ((path, text), doc) in texts.iter().zip(&docs) {
            if mentions.find_in_prose(text, &doc.prose) != compact.find_in_prose(text, &doc.prose) {
                anyhow::bail!("the batch and the compact mention index disagree on {path}");
            }
        }
        println!("batch and compact mention index agree on every doc");
    }
    if on("check") {
        report(
            "check_doc",
            best(&mut || {
                texts
                    .iter()
                    .zip(&docs)
                    .map(|((path, text), doc)| {
                        check_doc(&DocContext {
                            path,
                            text,
                            doc,
                            config: &config,
                            glossary: &glossary,
                            mentions: &mentions,
                        })
                        .len()
                    })
                    .sum()
            }),
        );
    }
    if on("big") {
        // One doc of 200 KB made of the corpus's docs (of ordinary size),
        // as the language server's benchmark types into: what one
        // keystroke in it costs the docs rules.
        let mut big = String::new();
        for (_, text) in texts
            .iter()
            .filter(|(_, t)| t.len() <= 50_000)
            .cycle()
            .take(10_000)
        {
            if big.len() >= 200_000 {
                break;
            }
            big.push_str(text);
            big.push('\n');
        }
        let mut n_findings = 0;
        let (secs, _) = best(&mut || {
            let doc = markdown_doc(&big, options);
            let found = check_doc(&DocContext {
                path: "big.md",
                text: &big,
                doc: &doc,
                config: &config,
                glossary: &glossary,
                mentions: &compact,
            });
            n_findings = found.len();
            n_findings
        });
        println!(
            "one {} KB doc: markdown_doc + check_doc {:.2} ms, {n_findings} findings",
            big.len() / 1000,
            secs * 1e3
        );
    }
    Ok(())
}
