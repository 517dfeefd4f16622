//! `gloss lint`: load, check in parallel, render, fix.

use crate::discover::{self, io_reason};
use crate::render::{self, Format};
use crate::workspace::{Workspace, display};
use crate::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, fix};
use clap::Args;
use gloss_core::file::index_files;
use gloss_core::{Diagnostic, Severity, TermFile};
use rayon::prelude::*;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct LintArgs {
    /// Term files or directories (default: the configured glossary root)
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply every safe fix in place
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the safe fixes as a unified diff instead of applying them
    #[arg(long)]
    pub diff: bool,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Use this config file instead of searching for gloss.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// One checked file: what it holds and what was found.
pub struct Checked {
    pub file: TermFile,
    pub path: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

/// The result of checking a glossary.
pub struct Report {
    pub files: Vec<Checked>,
    /// Problems of the run itself (unreadable files): exit 2 after output.
    pub failures: Vec<String>,
}

pub fn run(args: &LintArgs) -> anyhow::Result<u8> {
    let started = *STARTED.get_or_init(Instant::now);
    let cwd = crate::current_dir()?;
    let workspace = Workspace::load(args.config.as_deref(), &cwd)?;
    let targets = if args.paths.is_empty() {
        let root = workspace.root();
        if !root.is_dir() {
            anyhow::bail!(
                "glossary root `{}` is not a directory (set `glossary.root` in gloss.toml or pass paths)",
                display(&root, &cwd)
            );
        }
        vec![root]
    } else {
        args.paths.clone()
    };

    let mut report = check(&workspace, &targets, &cwd);
    let mut n_fixed = 0;
    if args.fix || args.diff {
        let outcome = fix::apply(&report, args.diff, &cwd)?;
        if args.diff {
            crate::out::reader_gone_is_fine(crate::out::print(&outcome.diff))?;
        } else if outcome.n_fixed > 0 {
            n_fixed = outcome.n_fixed;
            report = check(&workspace, &targets, &cwd);
        }
        report.failures.extend(outcome.failures);
    }

    let elapsed = started.elapsed();
    if !(args.diff && args.format == Format::Human) {
        let out = render::report(&report, args.format, elapsed, n_fixed);
        crate::out::reader_gone_is_fine(crate::out::print(&out))?;
    }
    phase("rendered");
    for failure in &report.failures {
        eprintln!("error: {failure}");
    }
    let counts = Counts::of(&report);
    let failing = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    let code = if !report.failures.is_empty() {
        EXIT_FAILURE
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    // The process ends next: freeing every file's text and tree one by one
    // would only cost time (several percent of a large run).
    std::mem::forget(report);
    Ok(code)
}

/// When the run started, for `GLOSS_TIMINGS`.
static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// With `GLOSS_TIMINGS` set, print the time since the run started.
fn phase(name: &str) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("GLOSS_TIMINGS").is_some()) {
        let started = STARTED.get_or_init(Instant::now);
        eprintln!("{name}: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    }
}

/// Read, parse and check every term file under `targets`, using both cores;
/// the output order is the sorted path order whatever the scheduling.
pub fn check(workspace: &Workspace, targets: &[PathBuf], cwd: &Path) -> Report {
    let mut walk_errors = Vec::new();
    let paths = discover::term_files(targets, &mut walk_errors);
    phase("discovered");
    let mut failures: Vec<String> = walk_errors.into_iter().map(|e| e.message).collect();
    let env = &workspace.env;
    let config = &env.config;
    let loaded: Vec<Result<(PathBuf, TermFile), String>> = paths
        .par_iter()
        .map(|path| {
            let shown = display(path, cwd);
            let file = load(path, &shown, config)
                .map_err(|err| format!("cannot read `{shown}`: {}", io_reason(&err)))?;
            Ok((path.clone(), file))
        })
        .collect();
    let mut files = Vec::with_capacity(loaded.len());
    let mut file_paths = Vec::with_capacity(loaded.len());
    for item in loaded {
        match item {
            Ok((path, file)) => {
                file_paths.push(path);
                files.push(file);
            }
            Err(message) => failures.push(message),
        }
    }
    phase("parsed");
    let glossary = index_files(&files);
    phase("indexed");
    let diagnostics: Vec<Vec<Diagnostic>> = files
        .par_iter()
        .enumerate()
        .map(|(id, file)| file.check(id, &glossary, env))
        .collect();
    phase("checked");
    let files = files
        .into_iter()
        .zip(file_paths)
        .zip(diagnostics)
        .map(|((file, path), diagnostics)| Checked {
            file,
            path,
            diagnostics,
        })
        .collect();
    Report { files, failures }
}

/// Read a term file; one over the size limit is reported by its size
/// without being loaded.
fn load(path: &Path, shown: &str, config: &gloss_core::Config) -> std::io::Result<TermFile> {
    let meta = std::fs::metadata(path)?;
    // Opening a FIFO blocks until a writer comes; discovery skips them, this
    // catches one swapped in since.
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let size = meta.len();
    if size > config.max_file_size as u64 {
        return Ok(TermFile::too_large(shown, size, config.max_file_size));
    }
    // A file that grows after the size check is still read only up to the
    // limit (plus one byte, so `from_bytes` sees it is too large).
    // Sized from the metadata so the buffer becomes the text without a copy
    // or spare capacity (`size` is under the limit here).
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    std::fs::File::open(path)?
        .take(config.max_file_size as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(TermFile::from_vec(shown, bytes, config))
}

#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(report: &Report) -> Self {
        let mut counts = Self {
            files: report.files.len(),
            ..Self::default()
        };
        for d in report.files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}
