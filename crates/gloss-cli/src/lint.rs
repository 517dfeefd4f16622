//! `gloss lint`: load, check in parallel, render, fix.

use crate::discover::Selection;
use crate::render::{self, Format};
use crate::workspace::display;
use crate::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, fix};
use clap::Args;
use gloss_core::index::{GlossaryIndex, Prepared};
use gloss_core::mentions::MentionIndex;
use gloss_core::{Applicability, Diagnostic, Related, Severity, TermFile};
use gloss_workspace::config::Settings;
use gloss_workspace::paths::slash_path;
use gloss_workspace::read::read_found;
use gloss_workspace::walk;
use rayon::prelude::*;
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
    /// Print the safe fixes as a unified diff instead of applying them (one
    /// round: --fix applies rounds while a fix makes another due)
    #[arg(long)]
    pub diff: bool,
    /// With --fix or --diff, unsafe fixes too (a related slug picked by its spelling)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Use this config file instead of searching for gloss.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

impl LintArgs {
    /// Flags that cannot mean anything together: a usage error (exit 2)
    /// rather than one of them silently ignored.
    pub fn conflict(&self) -> Option<String> {
        if self.diff && self.format != Format::Human {
            let format = match self.format {
                Format::Human => "human",
                Format::Json => "json",
                Format::Github => "github",
                Format::Sarif => "sarif",
            };
            return Some(format!(
                "`--diff` prints a unified diff, which cannot be combined with `--format {format}`: use one or the other"
            ));
        }
        if self.unsafe_fixes && !self.fix && !self.diff {
            return Some(
                "`--unsafe-fixes` only chooses which fixes `--fix` or `--diff` use: add one of them"
                    .to_owned(),
            );
        }
        None
    }
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
    /// Every term file of the glossary, checked or not: related locations
    /// name files by their id in it.
    pub glossary: GlossaryIndex,
    /// The glossary's other files (outside the paths given): a finding in a
    /// checked file can point into one of them (`duplicate-term`).
    pub unchecked: Vec<TermFile>,
    /// Problems of the run itself (fixes that could not be written): exit 2
    /// after output.
    pub failures: Vec<String>,
}

impl Report {
    /// The path of a related location's file as the output names it;
    /// `None` for the diagnostic's own file.
    pub fn related_path(&self, related: &Related) -> Option<&str> {
        related
            .file
            .map(|id| self.glossary.path(id).unwrap_or("another file"))
    }
}

pub fn run(args: &LintArgs) -> anyhow::Result<u8> {
    let started = *STARTED.get_or_init(Instant::now);
    let cwd = crate::current_dir()?;
    let workspace = crate::workspace::settings(args.config.as_deref(), &cwd)?;
    let mut report = check(&workspace, &args.paths, &cwd)?;
    let mut n_fixed = 0;
    if args.fix || args.diff {
        let allowed = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let outcome = fix::apply(&report, args.diff, allowed, &cwd)?;
        if args.diff {
            crate::out::reader_gone_is_fine(crate::out::print(&outcome.diff))?;
            report.failures.extend(outcome.failures);
        } else {
            // A fix can make another one due (a deprecated name replaced by
            // the term's name is then its first, unlinked mention): apply
            // fixes until none is left, as a second `--fix` would.
            let mut outcome = outcome;
            let mut failures = Vec::new();
            for _ in 0..MAX_FIX_PASSES {
                failures.append(&mut outcome.failures);
                if outcome.n_fixed == 0 {
                    break;
                }
                n_fixed += outcome.n_fixed;
                report = check(&workspace, &args.paths, &cwd)?;
                outcome = fix::apply(&report, false, allowed, &cwd)?;
            }
            report.failures.extend(failures);
        }
    }

    let elapsed = started.elapsed();
    if !(args.diff && args.format == Format::Human) {
        let out = render::report(&report, args.format, elapsed, n_fixed);
        crate::out::reader_gone_is_fine(crate::out::print_pieces(out))?;
    }
    phase("rendered");
    for failure in &report.failures {
        crate::out::note!("error: {failure}");
    }
    let counts = Counts::of(&report);
    let failing = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    if args.deny_warnings && counts.errors == 0 && counts.warnings > 0 {
        crate::out::note!(
            "error: {} warning{} and `--deny-warnings`: warnings fail the run (exit 1)",
            counts.warnings,
            if counts.warnings == 1 { "" } else { "s" }
        );
    }
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

/// How many rounds of fixes `--fix` applies at most: each round fixes
/// what the previous one made due; more than a few means two fixes undo
/// each other, and the run stops rather than loop.
const MAX_FIX_PASSES: usize = 4;

/// When the run started, for `GLOSS_TIMINGS`.
static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// With `GLOSS_TIMINGS` set, print the time since the run started.
fn phase(name: &str) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("GLOSS_TIMINGS").is_some()) {
        let started = STARTED.get_or_init(Instant::now);
        // Resident memory too, where the system tells it (Linux).
        let rss = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or_else(String::new, |pages| {
                format!(", {} MiB resident", pages * 4096 / (1024 * 1024))
            });
        crate::out::note!(
            "{name}: {:.1} ms{rss}",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// Read, parse and index every term file of the glossary (its root, minus
/// `exclude`), using both cores, and check those that `paths` select (all
/// when empty): a file is always checked against the whole glossary, so
/// linting one file gives the findings a full run gives for it. The output
/// order is the sorted path order whatever the scheduling. Errors are
/// failures of the run itself (no root, a path outside it): exit 2.
pub fn check(workspace: &Settings, paths: &[PathBuf], cwd: &Path) -> anyhow::Result<Report> {
    let root = workspace.root();
    let shown_root = display(&root, cwd);
    if !root.is_dir() {
        anyhow::bail!(
            "glossary root `{shown_root}` is not a directory (set `glossary.root` in gloss.toml)"
        );
    }
    let env = &workspace.env;
    let config = &env.config;
    // Docs named on the command line (or under a directory named) are
    // linted as docs; the other paths select term files.
    let all_docs = walk::doc_files(&workspace.base, &config.docs);
    let (doc_selection, term_paths) = select_docs(&all_docs, paths);
    let only_docs = !paths.is_empty() && term_paths.is_empty();
    let selection = if only_docs {
        Selection::Some {
            files: Default::default(),
            dirs: Vec::new(),
        }
    } else {
        Selection::resolve(&root, &term_paths, &shown_root)?
    };
    let found = walk::term_files(&root, &shown_root, &config.exclude);
    // A file named on the command line is linted when it is a term file,
    // that is when the walk takes it: a file linted alone then gets the
    // findings of a full run. Anything else under the root (excluded, hidden,
    // another extension) is left out with a note, so that a hook passing
    // changed files never lints a draft, a word list or a README.
    for relative in selection.files() {
        let path = root.join(relative);
        if found.binary_search_by(|f| f.path.cmp(&path)).is_ok() {
            continue;
        }
        let why = if config.exclude.is_excluded(relative) {
            "it is excluded by `[glossary] exclude` in gloss.toml"
        } else {
            "term files are the `*.yaml` and `*.yml` files under the root, outside hidden directories"
        };
        crate::out::note!("note: `{}` is not linted: {why}", display(&path, cwd));
    }
    phase("discovered");
    let files: Vec<TermFile> = found
        .par_iter()
        .map(|found| read_found(found, &display(&found.path, cwd), config))
        .collect();
    phase("parsed");
    // A directory that could not be read names no term; every file does,
    // readable or not (a `related` slug naming it is not unknown).
    // Each file's keys in parallel; the index takes them in file order.
    let prepared: Vec<Option<Prepared>> = files
        .par_iter()
        .zip(&found)
        .map(|(file, found)| {
            (!found.is_dir).then(|| Prepared::new(&file.path, &file.stem, file.term()))
        })
        .collect();
    let has_deprecated = prepared.iter().flatten().any(Prepared::has_deprecated);
    let plan = docs_plan(&doc_selection, has_deprecated, config);
    // The mention index needs only each file's names: their normal forms
    // are computed on every core, then the index is built beside the
    // glossary index, while the docs are read and parsed (none of the
    // three needs another).
    let forms: Vec<(Vec<(String, bool)>, usize)> = if plan.is_some_and(|p| p.needs_mentions) {
        prepared
            .par_iter()
            .enumerate()
            .flat_map_iter(|(id, prepared)| {
                prepared
                    .iter()
                    .flat_map(Prepared::written_names)
                    .map(move |name| (MentionIndex::forms(name), id))
            })
            .collect()
    } else {
        Vec::new()
    };
    let (glossary, (read, mentions)) = rayon::join(
        || {
            let mut glossary = GlossaryIndex::default();
            for (id, prepared) in prepared.into_iter().enumerate() {
                if let Some(prepared) = prepared {
                    glossary.set_prepared(id, prepared);
                }
            }
            phase("index built");
            glossary
        },
        || {
            rayon::join(
                || {
                    let read =
                        plan.map(|plan| read_docs(&all_docs, &doc_selection, plan, config, cwd));
                    phase("docs read");
                    read
                },
                || {
                    let mentions = MentionIndex::from_forms(forms).for_batch();
                    phase("mention index built");
                    mentions
                },
            )
        },
    );
    phase("indexed");
    let selected: Vec<bool> = found
        .iter()
        .map(|f| match &selection {
            Selection::All => true,
            selection => f
                .path
                .strip_prefix(&root)
                .is_ok_and(|relative| selection.contains(&slash_path(relative))),
        })
        .collect();
    if !paths.is_empty() && !only_docs && !selected.contains(&true) {
        // `gloss lint glossary/drafts` with drafts excluded: say why
        // "Checked 0 files" rather than let it pass for a clean glossary.
        crate::out::note!(
            "note: no term file under the given paths (term files are the `*.yaml` and `*.yml` files under `{shown_root}` that `[glossary] exclude` leaves in)"
        );
    }
    let diagnostics: Vec<Option<Vec<Diagnostic>>> = files
        .par_iter()
        .enumerate()
        .map(|(id, file)| selected[id].then(|| file.check(id, &glossary, env)))
        .collect();
    let loaded = read.map(|read| LoadedDocs {
        read,
        mentions,
        unused_on: plan.is_some_and(|p| p.unused_on),
    });
    phase("checked");
    let mut diagnostics = diagnostics;
    let docs = check_docs(
        loaded,
        &all_docs,
        &doc_selection,
        &files,
        &glossary,
        &mut diagnostics,
        config,
    );
    phase("checked docs");
    // Sized once: a checked file is a large value, and regrowing the list
    // would copy ten thousand of them again and again.
    let n_checked = diagnostics.iter().filter(|d| d.is_some()).count();
    let mut checked = Vec::with_capacity(n_checked + docs.len());
    let mut unchecked = Vec::with_capacity(files.len() - n_checked);
    for ((file, found), diagnostics) in files.into_iter().zip(found).zip(diagnostics) {
        match diagnostics {
            Some(diagnostics) => checked.push(Checked {
                file,
                path: found.path,
                diagnostics,
            }),
            None => unchecked.push(file),
        }
    }
    checked.extend(docs);
    Ok(Report {
        files: checked,
        glossary,
        unchecked,
        failures: Vec::new(),
    })
}

/// Which docs a run lints, and the paths left for term files: every doc
/// when no path is given; else the docs named, and those under a directory
/// named (`gloss lint .`).
fn select_docs(all_docs: &[PathBuf], paths: &[PathBuf]) -> (Vec<bool>, Vec<PathBuf>) {
    if paths.is_empty() {
        return (vec![true; all_docs.len()], Vec::new());
    }
    let real_docs: Vec<PathBuf> = all_docs
        .iter()
        .map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.clone()))
        .collect();
    let mut selected = vec![false; all_docs.len()];
    let mut term_paths = Vec::new();
    for path in paths {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if path.is_dir() {
            for (i, doc) in real_docs.iter().enumerate() {
                if doc.starts_with(&real) {
                    selected[i] = true;
                }
            }
            term_paths.push(path.clone());
        } else if let Some(i) = real_docs.iter().position(|d| *d == real) {
            selected[i] = true;
        } else {
            term_paths.push(path.clone());
        }
    }
    // A directory that holds docs but no term file (`gloss lint docs/`)
    // selects its docs only.
    term_paths.retain(|p| {
        !p.is_dir() || {
            let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            !real_docs.iter().any(|d| d.starts_with(&real)) || contains_yaml(p)
        }
    });
    (selected, term_paths)
}

/// Whether a directory holds a `*.yaml`/`*.yml` file at any depth.
fn contains_yaml(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let path = e.path();
        if path.is_dir() {
            contains_yaml(&path)
        } else {
            matches!(
                path.extension().and_then(|x| x.to_str()),
                Some("yaml" | "yml")
            )
        }
    })
}

/// The docs a run reads, and the index of every name their prose is
/// searched for (built beside the glossary index).
struct LoadedDocs {
    read: Vec<(usize, TermFile, gloss_core::prose::MarkdownDoc)>,
    mentions: MentionIndex,
    unused_on: bool,
}

/// Which docs work a run does, when it reads docs at all.
#[derive(Clone, Copy)]
struct DocsPlan {
    /// `unused-term` is on: every doc is read, selected or not.
    unused_on: bool,
    /// Only `unlinked-mention` (with a link pattern) and `unused-term` read
    /// mentions of every name: the mention index is built for them.
    needs_mentions: bool,
}

/// Whether a run reads docs: `None` when no docs rule can find anything.
/// `has_deprecated`: whether any term has a deprecated name.
fn docs_plan(
    selected: &[bool],
    has_deprecated: bool,
    config: &gloss_core::config::Config,
) -> Option<DocsPlan> {
    use gloss_core::lint::docs::any_doc_rule;
    let unused_on = config.severity(&gloss_core::rule::UNUSED_TERM).is_some();
    // Without a link pattern and deprecated names no docs rule can find
    // anything: the docs are not read.
    let docs_on = any_doc_rule(config)
        && (config.link.is_some() || has_deprecated)
        && selected.contains(&true);
    if !docs_on && !unused_on {
        return None;
    }
    let needs_mentions = unused_on
        || (config.link.is_some()
            && config
                .severity(&gloss_core::rule::UNLINKED_MENTION)
                .is_some());
    Some(DocsPlan {
        unused_on,
        needs_mentions,
    })
}

/// Read and parse the docs a run needs (the selected ones; with
/// `unused-term` on, all), in parallel. One doc that cannot be read as
/// UTF-8 text is an `io-error` on it.
fn read_docs(
    all_docs: &[PathBuf],
    selected: &[bool],
    plan: DocsPlan,
    config: &gloss_core::config::Config,
    cwd: &Path,
) -> Vec<(usize, TermFile, gloss_core::prose::MarkdownDoc)> {
    use gloss_core::prose::{ProseOptions, markdown_doc};
    let options = ProseOptions {
        match_in_code: config.match_in_code,
    };
    all_docs
        .par_iter()
        .enumerate()
        .filter(|(i, _)| plan.unused_on || selected[*i])
        .map(|(i, path)| {
            let file = read_doc(path, &display(path, cwd), config);
            let doc = markdown_doc(&file.text, options);
            (i, file, doc)
        })
        .collect()
}

/// A doc as a file: its text, or why it has none.
fn read_doc(path: &Path, shown: &str, config: &gloss_core::config::Config) -> TermFile {
    match std::fs::read(path) {
        Ok(bytes) if bytes.len() > config.max_file_size => {
            TermFile::too_large(shown, bytes.len() as u64, config.max_file_size)
        }
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => TermFile::document(shown, text),
            Err(_) => TermFile::unreadable(
                shown,
                "the doc is not UTF-8 text: gloss reads Markdown docs as UTF-8",
            ),
        },
        Err(err) => TermFile::unreadable(
            shown,
            format!(
                "cannot read the doc: {}",
                gloss_workspace::paths::io_reason(&err)
            ),
        ),
    }
}

/// Check the selected docs that [`read_docs`] read, and add `unused-term`
/// to the checked term files (when it is on, from every doc and term
/// file).
fn check_docs(
    loaded: Option<LoadedDocs>,
    all_docs: &[PathBuf],
    selected: &[bool],
    files: &[TermFile],
    glossary: &GlossaryIndex,
    term_diagnostics: &mut [Option<Vec<Diagnostic>>],
    config: &gloss_core::config::Config,
) -> Vec<Checked> {
    use gloss_core::lint::docs::{DocContext, Usage, check_doc};
    let Some(LoadedDocs {
        read,
        mentions,
        unused_on,
    }) = loaded
    else {
        return Vec::new();
    };
    if unused_on {
        let mut usage = Usage::new(glossary, &mentions, config);
        for (_, file, doc) in &read {
            usage.read_doc(&file.text, doc);
        }
        for (id, file) in files.iter().enumerate() {
            usage.read_term(id, &file.text, file.term());
        }
        for (id, diagnostics) in term_diagnostics.iter_mut().enumerate() {
            if let Some(diagnostics) = diagnostics
                && !usage.is_used(id)
            {
                let file = &files[id];
                gloss_core::lint::rules::unused_term::add_to(
                    file.term(),
                    file.parsed.syntax_failed,
                    diagnostics,
                    config,
                );
            }
        }
    }
    read.into_par_iter()
        .filter(|(i, _, _)| selected[*i])
        .map(|(i, file, doc)| {
            let mut diagnostics = file.parsed.diagnostics.clone();
            if !file.parsed.syntax_failed {
                diagnostics.extend(check_doc(&DocContext {
                    path: &file.path,
                    text: &file.text,
                    doc: &doc,
                    config,
                    glossary,
                    mentions: &mentions,
                }));
            }
            Checked {
                file,
                path: all_docs[i].clone(),
                diagnostics,
            }
        })
        .collect()
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
