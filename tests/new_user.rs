//! The new user's path, end to end, in a temporary git repository: `gloss
//! init --ci github --pre-commit`, `gloss new`, the term filled in, `gloss
//! lint` clean, `pre-commit run --all-files` passing; then a stricter
//! `faqs.min` in gloss.toml — the only change staged — makes the hook fail,
//! both the one `gloss init` wrote and this repository's own hook
//! definition (`.pre-commit-hooks.yaml`, through `pre-commit try-repo`).
//!
//! pre-commit comes from `$GLOSS_PRE_COMMIT` (`.ci/run` installs it into
//! its virtualenv and sets the variable) or `pre-commit` on PATH. Without
//! it the test says SKIPPED on stderr, except under CI (`CI=true`), where it
//! fails.

use gloss_tests::gloss_bin;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn find_pre_commit() -> Result<PathBuf, String> {
    let candidate = std::env::var_os("GLOSS_PRE_COMMIT")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("pre-commit"), PathBuf::from);
    match Command::new(&candidate).arg("--version").output() {
        Ok(output) if output.status.success() => Ok(candidate),
        Ok(output) => Err(format!(
            "`{} --version` failed: {}",
            candidate.display(),
            String::from_utf8_lossy(&output.stderr)
        )),
        Err(e) => Err(format!("cannot run `{}`: {e}", candidate.display())),
    }
}

/// PATH with the built gloss first: the hooks run the `gloss` on PATH.
fn path_with_gloss() -> std::ffi::OsString {
    let mut paths: Vec<PathBuf> = gloss_bin()
        .parent()
        .map(Path::to_path_buf)
        .into_iter()
        .collect();
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap_or_else(|e| panic!("{e}"))
}

fn run(dir: &Path, program: &Path, args: &[&str], home: &Path) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PATH", path_with_gloss())
        .env("NO_COLOR", "1")
        .env("PRE_COMMIT_HOME", home)
        .env("PRE_COMMIT_COLOR", "never")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} {args:?}: {e}", program.display()))
}

fn text(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// What the user writes in place of the scaffold's placeholders.
const FILLED_IN: &str = "\
term: North Star Metric
aliases: [NSM]
category: metric
definition: >-
  A North Star Metric is the one number a product team chooses to measure the
  value its customers get, so that every team can steer its work by it.
context: >-
  Teams with many dashboards argue about which number matters. Agreeing on one
  north star gives each team a shared focus: work that does not move it waits.
faqs:
  - question: How do you choose a North Star Metric?
    answer: >-
      Pick the number that rises when customers get what they came for, such as
      weekly active teams for a collaboration tool, and check that revenue
      follows it over time.
  - question: Can a company have more than one North Star Metric?
    answer: >-
      It can have supporting metrics for each team, but one north star keeps
      the focus; several at once bring back the arguments it was meant to end.
  - question: How often should the North Star Metric change?
    answer: >-
      Rarely: only when the product or its market changes so much that the old
      number no longer tracks the value customers receive.
related: [glossary]
challenge:
  word: FOCUS
  hint: What one shared number gives every team
";

#[test]
fn init_new_lint_and_pre_commit_from_an_empty_repository() {
    let pre_commit = match find_pre_commit() {
        Ok(found) => found,
        Err(why) if std::env::var_os("CI").is_none() => {
            // Straight to the stderr handle: libtest captures `eprintln!`
            // of passing tests, and a skip must be visible.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED new-user end-to-end test: {why}. Install pre-commit \
                 (`pip install pre-commit`) or set GLOSS_PRE_COMMIT; under CI this fails."
            );
            return;
        }
        Err(why) => panic!("CI is set but pre-commit is unavailable: {why}"),
    };
    let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let home = scratch.path().join("home");
    let site = scratch.path().join("site");
    std::fs::create_dir_all(&home).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(site.join("docs")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(site.join("docs/index.md"), "# Our site\n").unwrap_or_else(|e| panic!("{e}"));
    let git = Path::new("git");
    let gloss = gloss_bin();
    let ok = |output: Output, what: &str| {
        assert!(output.status.success(), "{what}: {}", text(&output));
        output
    };
    ok(run(&site, git, &["init", "-q"], &home), "git init");

    let init = ok(
        run(
            &site,
            &gloss,
            &["init", "--ci", "github", "--pre-commit"],
            &home,
        ),
        "gloss init",
    );
    for file in [
        "gloss.toml",
        "glossary/glossary.yaml",
        ".github/workflows/glossary.yml",
        ".pre-commit-config.yaml",
    ] {
        assert!(
            site.join(file).is_file(),
            "gloss init did not write {file}: {}",
            text(&init)
        );
    }
    let again = run(&site, &gloss, &["init"], &home);
    assert_eq!(
        again.status.code(),
        Some(2),
        "a second init: {}",
        text(&again)
    );

    ok(
        run(&site, &gloss, &["new", "North Star Metric"], &home),
        "gloss new",
    );
    let term = site.join("glossary/north-star-metric.yaml");
    let scaffold = run(&site, &gloss, &["lint"], &home);
    assert_eq!(
        scaffold.status.code(),
        Some(1),
        "an unfilled scaffold: {}",
        text(&scaffold)
    );
    std::fs::write(&term, FILLED_IN).unwrap_or_else(|e| panic!("{e}"));

    let lint = ok(run(&site, &gloss, &["lint"], &home), "gloss lint");
    let stdout = String::from_utf8_lossy(&lint.stdout);
    assert!(
        stdout.contains("Checked 2 files") && stdout.contains(": 0 errors, 0 warnings, 0 infos"),
        "the filled-in glossary is not clean: {}",
        text(&lint)
    );

    ok(run(&site, git, &["add", "-A"], &home), "git add");
    let hook = run(&site, &pre_commit, &["run", "--all-files"], &home);
    assert!(
        hook.status.success(),
        "pre-commit on a clean glossary: {}",
        text(&hook)
    );
    assert!(
        String::from_utf8_lossy(&hook.stdout).contains("gloss lint"),
        "{}",
        text(&hook)
    );
    ok(
        run(
            &site,
            git,
            &[
                "-c",
                "user.name=Ana",
                "-c",
                "user.email=ana@localhost",
                "commit",
                "-qm",
                "glossary",
                "--no-verify",
            ],
            &home,
        ),
        "git commit",
    );

    // Two terms have three FAQs each; five are now required. Only gloss.toml
    // changes, so the hook runs only if its `files` takes gloss.toml.
    let config = std::fs::read_to_string(site.join("gloss.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(config.contains("\nmin = 3\n"), "{config}");
    std::fs::write(
        site.join("gloss.toml"),
        config.replace("\nmin = 3\n", "\nmin = 5\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    ok(
        run(&site, git, &["add", "gloss.toml"], &home),
        "git add gloss.toml",
    );
    let staged = ok(
        run(&site, git, &["diff", "--cached", "--name-only"], &home),
        "git diff",
    );
    assert_eq!(String::from_utf8_lossy(&staged.stdout).trim(), "gloss.toml");

    for args in [&["run"][..], &["run", "--all-files"][..]] {
        let failing = run(&site, &pre_commit, args, &home);
        let shown = text(&failing);
        assert_eq!(
            failing.status.code(),
            Some(1),
            "pre-commit {args:?} after raising faqs.min: {shown}"
        );
        assert!(
            shown.contains("missing-faqs"),
            "the hook ran but did not report missing-faqs: {shown}"
        );
    }
    // This repository's own hook definition, as a user of it would get it.
    let repo = gloss_tests::workspace_root();
    let repo = repo.to_string_lossy();
    let tried = run(
        &site,
        &pre_commit,
        &["try-repo", &repo, "gloss-lint"],
        &home,
    );
    let shown = text(&tried);
    assert_eq!(
        tried.status.code(),
        Some(1),
        "try-repo gloss-lint with only gloss.toml staged: {shown}"
    );
    assert!(shown.contains("missing-faqs"), "{shown}");

    // And a gloss.toml gloss cannot use: the hook fails too (exit 2).
    std::fs::write(
        site.join("gloss.toml"),
        config.replace("\nmin = 3\n", "\nmin = \"three\"\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    ok(
        run(&site, git, &["add", "gloss.toml"], &home),
        "git add gloss.toml",
    );
    let broken = run(&site, &pre_commit, &["run"], &home);
    assert_eq!(broken.status.code(), Some(1), "{}", text(&broken));
    assert!(
        text(&broken).contains("invalid config"),
        "{}",
        text(&broken)
    );
}
