//! `gloss import FORMAT SRC…`: turn an existing glossary (Markdown pages
//! with front matter, a CSV export, a Sphinx `.. glossary::`) into term
//! files, report what could not be mapped, and lint the result
//! (docs/import.md).
//!
//! Reading a source (`markdown`, `csv`, `sphinx`) gives entries; `resolve`
//! gives them slugs and `related` links; `yaml` writes them; the lint of the
//! result runs the normal checks over the glossary as it would be after the
//! import (written or, with `--dry-run`, in memory).

mod csv;
mod faq;
mod map;
mod markdown;
mod model;
mod resolve;
mod shortcode;
mod sources;
mod sphinx;
mod yaml;

use crate::render::sanitize;
use crate::workspace::display;
use crate::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use anyhow::bail;
use clap::{Args, ValueEnum};
use gloss_core::index::GlossaryIndex;
use gloss_core::{Diagnostic, Severity, TermFile};
use gloss_workspace::config::Settings;
use gloss_workspace::read::read_found;
use gloss_workspace::walk;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Pages with YAML (`---`) or TOML (`+++`) front matter
    Markdown,
    /// A header row, one term a row
    Csv,
    /// `.. glossary::` directives in reStructuredText
    Sphinx,
}

impl ImportFormat {
    /// The extensions read from a source directory.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Markdown => &["md", "markdown", "mdx"],
            Self::Csv => &["csv"],
            Self::Sphinx => &["rst", "txt"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Csv => "csv",
            Self::Sphinx => "sphinx",
        }
    }
}

#[derive(Args)]
pub struct ImportArgs {
    /// The source format
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// Source files, or directories to read every file of the format from
    #[arg(required = true, value_name = "SRC")]
    pub sources: Vec<PathBuf>,
    /// Fill a term file key from a named field or column, e.g. `aliases=aka`,
    /// `term=Name` (keys: term, aliases, category, definition, context,
    /// related, challenge, hint)
    #[arg(long = "map", value_name = "KEY=FIELD")]
    pub map: Vec<String>,
    /// Write nothing: print the files that would be written, then the report
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite existing term files of the same slug
    #[arg(long)]
    pub force: bool,
    /// Fill each missing challenge word with the best suggestion of
    /// `gloss challenge --suggest`, marked `# gloss import: suggested, review`
    #[arg(long)]
    pub suggest_challenge: bool,
    /// Use this config file instead of searching for gloss.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// One term file the import produces.
struct Planned {
    path: PathBuf,
    shown: String,
    resolved: resolve::Resolved,
    /// An existing file is in the way and `--force` was not given.
    kept: bool,
}

pub fn run(args: &ImportArgs) -> anyhow::Result<u8> {
    let map = map::FieldMap::parse(&args.map).map_err(anyhow::Error::msg)?;
    if args.format == ImportFormat::Sphinx && !map.is_empty() {
        bail!("`--map` names front-matter fields or CSV columns; a Sphinx glossary has neither");
    }
    let cwd = crate::current_dir()?;
    let workspace = crate::workspace::settings(args.config.as_deref(), &cwd)?;
    let root = workspace.root();
    let files = sources::collect(args.format, &args.sources, &cwd)?;
    let read = sources::read_all(args.format, &files, &map, &cwd);

    let mut report = String::new();
    let mut unusable: Vec<(String, String)> = Vec::new();
    let mut source_notes: Vec<(String, String)> = Vec::new();
    let mut entries = Vec::new();
    let n_sources = read.len();
    for (shown, result) in read {
        unusable.extend(result.unusable.into_iter().map(|u| (shown.clone(), u)));
        source_notes.extend(result.notes.into_iter().map(|n| (shown.clone(), n)));
        entries.extend(result.entries);
    }
    let n_entries = entries.len();
    let resolved = resolve::resolve(entries, &mut unusable);
    let mut planned: Vec<Planned> = resolved
        .into_iter()
        .map(|resolved| {
            let path = root.join(format!("{}.yaml", resolved.slug));
            let kept = !args.force && path.exists();
            Planned {
                shown: display(&path, &cwd),
                path,
                resolved,
                kept,
            }
        })
        .collect();

    if args.suggest_challenge {
        suggest_challenges(&workspace, &cwd, &mut planned);
    }
    for plan in &mut planned {
        if plan.resolved.out.challenge.is_none() {
            plan.resolved.notes.push("no challenge word".to_owned());
        }
    }
    let texts: Vec<String> = planned
        .iter()
        .map(|p| yaml::render(&p.resolved.out))
        .collect();

    // Write (or show) the files.
    let mut failures = Vec::new();
    if args.dry_run {
        for (plan, text) in planned.iter().zip(&texts) {
            if !plan.kept {
                let _ = write!(report, "==> {} <==\n{}\n", plan.shown, sanitize_block(text));
            }
        }
    } else if planned.iter().any(|p| !p.kept) {
        if let Err(err) = std::fs::create_dir_all(&root) {
            bail!(
                "cannot create the glossary root `{}`: {}",
                display(&root, &cwd),
                gloss_workspace::paths::io_reason(&err)
            );
        }
        for (plan, text) in planned.iter_mut().zip(&texts) {
            if plan.kept {
                continue;
            }
            match write_file(&plan.path, text, args.force) {
                Ok(()) => {}
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => plan.kept = true,
                Err(err) => failures.push(format!(
                    "cannot write `{}`: {}",
                    plan.shown,
                    gloss_workspace::paths::io_reason(&err)
                )),
            }
        }
    }

    // The report: per file what could not be mapped.
    let verb = if args.dry_run { "would write" } else { "wrote" };
    for plan in &planned {
        let what = if plan.kept {
            "kept (it exists; --force overwrites)"
        } else {
            verb
        };
        let _ = writeln!(
            report,
            "{what} {}  <- {}",
            plan.shown,
            sanitize(&plan.resolved.out.origin)
        );
        for note in &plan.resolved.notes {
            let _ = writeln!(report, "  - {}", sanitize(note));
        }
    }
    for (source, note) in &source_notes {
        let _ = writeln!(report, "note {}: {}", sanitize(source), sanitize(note));
    }
    for (source, why) in &unusable {
        let _ = writeln!(report, "unusable {}: {}", sanitize(source), sanitize(why));
    }
    let n_kept = planned.iter().filter(|p| p.kept).count();
    let n_files = planned.len() - n_kept;
    let _ = writeln!(
        report,
        "\n{} {n_entries} {} from {n_sources} {} ({}): {} {n_files} {}{}{}",
        if args.dry_run { "read" } else { "imported" },
        plural(n_entries, "entry", "entries"),
        plural(n_sources, "source", "sources"),
        args.format.name(),
        verb,
        plural(n_files, "file", "files"),
        if n_kept > 0 {
            format!(", kept {n_kept} existing")
        } else {
            String::new()
        },
        if unusable.is_empty() {
            String::new()
        } else {
            format!(", {} unusable", unusable.len())
        },
    );

    // The lint of the result.
    let new: Vec<(PathBuf, String)> = planned
        .iter()
        .zip(&texts)
        .filter(|(p, _)| !p.kept)
        .map(|(p, t)| (p.path.clone(), t.clone()))
        .collect();
    if !new.is_empty() {
        let overlay = Overlay::build(&workspace, &cwd, &new);
        let diagnostics = overlay.check_new(&workspace);
        report.push_str(&lint_summary(&diagnostics));
    }
    crate::out::reader_gone_is_fine(crate::out::print(&report))?;
    for failure in &failures {
        crate::out::note!("error: {failure}");
    }
    Ok(if !failures.is_empty() {
        EXIT_FAILURE
    } else if !unusable.is_empty() || n_kept > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A file's text for the terminal: each line sanitized.
fn sanitize_block(text: &str) -> String {
    text.lines().map(sanitize).collect::<Vec<_>>().join("\n")
}

/// Write `text` to `path`: with `force` replacing a file there, else only
/// when none exists (atomically, as `gloss new`).
fn write_file(path: &Path, text: &str, force: bool) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = if force {
        std::fs::File::create(path)?
    } else {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?
    };
    file.write_all(text.as_bytes())
}

/// The glossary as it is after the import: its existing term files, with
/// the imported ones added or in place of those they overwrite.
struct Overlay {
    files: Vec<TermFile>,
    index: GlossaryIndex,
    /// The ids of the imported files, in the order given.
    new_ids: Vec<usize>,
}

impl Overlay {
    fn build(workspace: &Settings, cwd: &Path, new: &[(PathBuf, String)]) -> Self {
        let root = workspace.root();
        let config = &workspace.env.config;
        let replaced: HashSet<&Path> = new.iter().map(|(p, _)| p.as_path()).collect();
        let found = if root.is_dir() {
            walk::term_files(&root, &display(&root, cwd), &config.exclude)
        } else {
            Vec::new()
        };
        let mut files: Vec<TermFile> = found
            .par_iter()
            .filter(|f| !f.is_dir && !replaced.contains(f.path.as_path()))
            .map(|f| read_found(f, &display(&f.path, cwd), config))
            .collect();
        let first_new = files.len();
        files.par_extend(
            new.par_iter()
                .map(|(path, text)| TermFile::from_text(&display(path, cwd), text.clone())),
        );
        let index = gloss_core::file::index_files(&files);
        Self {
            new_ids: (first_new..files.len()).collect(),
            files,
            index,
        }
    }

    /// The findings of every imported file.
    fn check_new(&self, workspace: &Settings) -> Vec<Vec<Diagnostic>> {
        self.new_ids
            .par_iter()
            .map(|&id| self.files[id].check(id, &self.index, &workspace.env))
            .collect()
    }
}

/// Fill every missing challenge word with the best suggestion that no
/// other imported term took.
fn suggest_challenges(workspace: &Settings, cwd: &Path, planned: &mut [Planned]) {
    let new: Vec<(PathBuf, String)> = planned
        .iter()
        .filter(|p| !p.kept)
        .map(|p| (p.path.clone(), yaml::render(&p.resolved.out)))
        .collect();
    let overlay = Overlay::build(workspace, cwd, &new);
    let mut taken: HashSet<String> = planned
        .iter()
        .filter_map(|p| {
            p.resolved
                .out
                .challenge
                .as_ref()
                .map(|(w, _)| w.to_uppercase())
        })
        .collect();
    let writing = planned.iter_mut().filter(|p| !p.kept);
    for (plan, &id) in writing.zip(&overlay.new_ids) {
        if plan.resolved.out.challenge.is_some() {
            continue;
        }
        let file = &overlay.files[id];
        let related: Vec<gloss_core::suggest::RelatedTerm<'_>> = file
            .term()
            .related
            .iter()
            .filter_map(|slug| {
                let other = overlay.index.term_by_slug(slug.value.trim())?;
                Some((
                    overlay.files[other].stem.as_str(),
                    overlay.files[other].term(),
                ))
            })
            .collect();
        let suggestions = file.suggest(id, &overlay.index, &workspace.env, &related, 10);
        match suggestions.into_iter().find(|s| !taken.contains(&s.word)) {
            Some(best) => {
                plan.resolved.notes.push(format!(
                    "challenge word suggested: {} ({}, from the {}): review it",
                    best.word,
                    best.grade.level.name(),
                    best.source.describe()
                ));
                taken.insert(best.word.clone());
                plan.resolved.out.challenge = Some((best.word, true));
            }
            None => plan.resolved.notes.push(
                "no challenge word: no word of the page passes every challenge rule".to_owned(),
            ),
        }
    }
}

/// How many imported files lint clean, and the findings by rule.
fn lint_summary(diagnostics: &[Vec<Diagnostic>]) -> String {
    let mut by_rule: BTreeMap<(u8, &str), (usize, usize)> = BTreeMap::new();
    let (mut errors, mut warnings, mut clean) = (0, 0, 0);
    for file in diagnostics {
        let mut rules_here: Vec<&str> = Vec::new();
        let mut dirty = false;
        for d in file {
            let rank = match d.severity {
                Severity::Error => {
                    errors += 1;
                    dirty = true;
                    0
                }
                Severity::Warning => {
                    warnings += 1;
                    dirty = true;
                    1
                }
                Severity::Info => 2,
            };
            let slot = by_rule.entry((rank, d.rule)).or_default();
            slot.0 += 1;
            if !rules_here.contains(&d.rule) {
                rules_here.push(d.rule);
                slot.1 += 1;
            }
        }
        if !dirty {
            clean += 1;
        }
    }
    let n = diagnostics.len();
    let mut out = format!(
        "lint of the imported files: {clean} of {n} {} clean; {errors} {}, {warnings} {}\n",
        plural(n, "file", "files"),
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
    );
    let width = by_rule.keys().map(|(_, r)| r.len()).max().unwrap_or(0);
    for ((rank, rule), (count, files)) in &by_rule {
        let severity = ["error", "warning", "info"][usize::from(*rank)];
        let _ = writeln!(
            out,
            "  {severity:<7} {rule:<width$}  {count} in {files} {}",
            plural(*files, "file", "files")
        );
    }
    if errors + warnings > 0 {
        out.push_str("`gloss lint` shows each finding; `gloss explain RULE` what a rule wants\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator of hostile text: markup fragments,
    /// multi-byte and control characters, in random order.
    fn hostile(seed: u64, n: usize) -> String {
        const PIECES: &[&str] = &[
            "---\n",
            "+++\n",
            "# ",
            "## ",
            "\n",
            "\n\n",
            "   ",
            "\t",
            "{{",
            "}}",
            "{{<",
            ">}}",
            "{{Glossary(\"",
            "\")}}",
            "[",
            "](",
            ")",
            "<",
            ">",
            "<!--",
            "-->",
            "<script>",
            "`",
            "``",
            ":term:`",
            "<x>`",
            ".. glossary::\n",
            "   term\n",
            "      def ",
            "::",
            "*",
            "**",
            "\\",
            "\"",
            ",",
            "\r\n",
            "\r",
            "İ",
            "ß",
            "\u{3000}",
            "\u{85}",
            "\u{2028}",
            "\u{feff}",
            "é",
            "\u{e000}",
            "\u{e001}",
            "0",
            "?",
            "title: ",
            "aka: [",
            "]",
            " vs ",
            "How to ",
            "\u{0}",
        ];
        let mut state = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut out = String::new();
        for _ in 0..n {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pick = usize::try_from(state >> 33).unwrap_or(0) % PIECES.len();
            out.push_str(PIECES[pick]);
        }
        out
    }

    #[test]
    fn hostile_input_never_panics_and_renders_valid_yaml() {
        let map = map::FieldMap::default();
        for seed in 0..400 {
            let text = hostile(seed, 1 + usize::try_from(seed % 97).unwrap_or(0));
            let page = markdown::Page {
                origin: "p.md",
                stem: "p",
                dir: None,
            };
            let mut results = vec![
                markdown::import(&page, &text, &map),
                csv::import("t.csv", &text, &map),
                sphinx::import("g.rst", &text),
            ];
            for result in &mut results {
                let mut unusable = Vec::new();
                let entries = std::mem::take(&mut result.entries);
                for resolved in resolve::resolve(entries, &mut unusable) {
                    let yaml = yaml::render(&resolved.out);
                    let file = TermFile::from_text("x.yaml", yaml.clone());
                    assert!(
                        !file
                            .parsed
                            .diagnostics
                            .iter()
                            .any(|d| d.rule == "yaml-syntax"),
                        "seed {seed}: {:?}\n{yaml}",
                        file.parsed.diagnostics
                    );
                    assert_eq!(
                        file.term().term.as_ref().map(|t| t.value.as_str()),
                        Some(resolved.out.term.as_str()),
                        "seed {seed}\n{yaml}"
                    );
                }
            }
        }
    }
}
