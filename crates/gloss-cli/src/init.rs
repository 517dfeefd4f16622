//! `gloss init`: set gloss up in an existing site repository — a commented
//! `gloss.toml` with every key at its default, the glossary folder with one
//! example term that lints clean and, when asked, a GitHub Actions workflow
//! and a pre-commit config. It never overwrites a file: when any of them
//! exists it writes nothing and exits 2.

use crate::workspace::display;
use crate::{EXIT_OK, current_dir};
use anyhow::{Context as _, bail};
use clap::{Args, ValueEnum};
use gloss_core::config::{Config, FILE_NAME};
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct InitArgs {
    /// Also write a CI workflow for this service
    #[arg(long, value_enum, value_name = "SERVICE")]
    pub ci: Option<CiService>,
    /// Also write a .pre-commit-config.yaml with a gloss lint hook
    #[arg(long)]
    pub pre_commit: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CiService {
    /// .github/workflows/glossary.yml: annotations, SARIF for code scanning
    Github,
}

/// The example term's file name under the glossary root.
pub const EXAMPLE_FILE: &str = "glossary.yaml";

pub fn run(args: &InitArgs) -> anyhow::Result<u8> {
    let cwd = current_dir()?;
    let files = plan(args);
    // Every file is checked before any is written: a refused init leaves
    // the repository as it was.
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| cwd.join(path).symlink_metadata().is_ok())
        .map(|(path, _)| display(&cwd.join(path), &cwd))
        .collect();
    if !existing.is_empty() {
        let (verb, pronoun) = if existing.len() == 1 {
            ("exists", "it")
        } else {
            ("exist", "them")
        };
        bail!(
            "{} already {verb}: gloss init wrote nothing (it never overwrites a file; move {pronoun} aside to start afresh)",
            existing
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    for (path, text) in &files {
        write_new(&cwd, path, text)?;
        crate::out::print(&format!("created {}\n", display(&cwd.join(path), &cwd)))?;
    }
    crate::out::print(&format!(
        "\nnext: `gloss new \"Term Name\"` to add a term, `gloss lint` to check the glossary{}\n",
        if args.pre_commit {
            ", `pre-commit install` to lint before each commit"
        } else {
            ""
        }
    ))?;
    Ok(EXIT_OK)
}

/// The files to write, relative to the working directory.
fn plan(args: &InitArgs) -> Vec<(PathBuf, String)> {
    let root = Config::default().root;
    let mut files = vec![
        (
            PathBuf::from(FILE_NAME),
            gloss_core::config_keys::init_toml(),
        ),
        (Path::new(&root).join(EXAMPLE_FILE), EXAMPLE_TERM.to_owned()),
    ];
    if args.ci == Some(CiService::Github) {
        files.push((
            PathBuf::from(".github/workflows/glossary.yml"),
            GITHUB_WORKFLOW.to_owned(),
        ));
    }
    if args.pre_commit {
        files.push((
            PathBuf::from(".pre-commit-config.yaml"),
            PRE_COMMIT_CONFIG.to_owned(),
        ));
    }
    files
}

/// Create `path` under `cwd` with its parents; `create_new` refuses a file
/// that appeared since the check.
fn write_new(cwd: &Path, path: &Path, text: &str) -> anyhow::Result<()> {
    let full = cwd.join(path);
    let shown = display(&full, cwd);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", display(parent, cwd)))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
        .with_context(|| format!("cannot create `{shown}`"))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write `{shown}`"))
}

/// One term that lints clean with every default: a model to copy.
pub const EXAMPLE_TERM: &str = "\
# An example term written by `gloss init`: it lints clean, so use it as a
# model, then delete it once your own terms exist (`gloss new \"Term Name\"`).
term: Glossary
aliases: [Word List]
category: concept
definition: >-
  A glossary is an alphabetical list of the terms of a field, each with a
  short definition, so that every reader gives a word the same meaning.
context: >-
  Teams keep a glossary when the same words mean different things to
  different people. Each entry names the term, defines it in a sentence or
  two and links the entries that are close to it, so that a reader who meets
  an unfamiliar word can look it up and go on reading.
faqs:
  - question: What belongs in a glossary?
    answer: >-
      The terms a reader of your site is likely to meet and not know: the
      jargon of your field, the names of your own processes and the
      abbreviations you use, each with a short definition.
  - question: How does a glossary differ from a dictionary?
    answer: >-
      A dictionary defines the words of a language in general, while a
      glossary defines the terms of one field or one site, in the sense that
      field or site gives them.
  - question: Who should maintain a glossary?
    answer: >-
      The people who write the site's content: each new term is a file next
      to the others, reviewed like any other change and checked by gloss in
      continuous integration.
related: []
challenge:
  word: TERMS
  hint: What a glossary lists
";

/// `.github/workflows/glossary.yml`. actionlint checks it in CI (.ci/run).
pub const GITHUB_WORKFLOW: &str = r#"# Lint the glossary on every pull request and push to main: annotations on
# the changed lines, and a SARIF log for code scanning. Written by `gloss init`.
name: glossary
on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
      actions: read           # code scanning reads the run (private repositories)
      contents: read
      security-events: write  # the SARIF upload
    steps:
      - uses: actions/checkout@v5
      # gloss has no published release yet: this job builds it from a copy of
      # gloss's source repository that this workflow can read. Set the
      # repository variable GLOSS_REPOSITORY to its owner/name.
      - name: Check that GLOSS_REPOSITORY is set
        if: vars.GLOSS_REPOSITORY == ''
        run: |
          echo "::error::set the repository variable GLOSS_REPOSITORY to the owner/name of a copy of gloss's source"
          exit 1
      - uses: actions/checkout@v5
        with:
          repository: ${{ vars.GLOSS_REPOSITORY }}
          path: .gloss-src
      - uses: dtolnay/rust-toolchain@stable
      - name: Install gloss
        run: cargo install --locked --path .gloss-src/crates/gloss-cli
      - name: Lint the glossary (SARIF)
        id: sarif
        # Exit 0 or 1 leaves a SARIF log to upload; 2 means gloss itself
        # failed (a bad gloss.toml, say): no log, and the job fails here.
        run: |
          status=0
          gloss lint --format sarif > gloss.sarif || status=$?
          echo "status=$status" >> "$GITHUB_OUTPUT"
          if [ "$status" -ge 2 ]; then exit "$status"; fi
      - name: Upload SARIF
        if: steps.sarif.outputs.status == '0' || steps.sarif.outputs.status == '1'
        uses: github/codeql-action/upload-sarif@v4
        with:
          sarif_file: gloss.sarif
          category: gloss
      - name: Lint the glossary (annotations)
        # Fails the job on errors (exit 1; add --deny-warnings to fail on
        # warnings too) and when gloss itself fails (exit 2).
        run: gloss lint --format github
"#;

/// `.pre-commit-config.yaml`: a local hook running the `gloss` on PATH.
pub const PRE_COMMIT_CONFIG: &str = r#"# Lint the glossary before each commit (`pre-commit install` once, then
# `git commit` runs it). The hook runs the `gloss` on your PATH. Written by
# `gloss init`.
repos:
  - repo: local
    hooks:
      - id: gloss-lint
        name: gloss lint
        entry: gloss lint
        language: system
        # Term files, the config and word lists: any of them changes findings.
        files: (\.ya?ml|(^|/)gloss\.toml|\.txt)$
        # Cross-file rules (duplicates, unknown `related` slugs) need the
        # whole glossary: gloss checks it all, not only the staged files.
        pass_filenames: false
        require_serial: true
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/ci.md shows the files `gloss init` writes, as they are written.
    #[test]
    fn the_ci_docs_show_the_files_init_writes() {
        let ci_md = include_str!("../../../docs/ci.md");
        assert!(
            ci_md.contains(GITHUB_WORKFLOW),
            "docs/ci.md lacks the workflow"
        );
        assert!(
            ci_md.contains(PRE_COMMIT_CONFIG),
            "docs/ci.md lacks the pre-commit config"
        );
    }

    /// The repository's own hook definition takes the same files as the
    /// local hook `gloss init` writes (gloss.toml among them).
    #[test]
    fn the_shipped_hook_and_the_local_hook_take_the_same_files() {
        let files_line = |text: &str| {
            text.lines()
                .map(str::trim)
                .find(|line| line.starts_with("files:"))
                .map(str::to_owned)
        };
        let shipped = files_line(include_str!("../../../.pre-commit-hooks.yaml"));
        assert_eq!(shipped, files_line(PRE_COMMIT_CONFIG));
        assert!(shipped.is_some_and(|line| line.contains("gloss\\.toml")));
    }
}
