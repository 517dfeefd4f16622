//! Emacs end to end: real Emacs (28 with Debian's `elpa-eglot`,
//! `elpa-yaml-mode`, `elpa-markdown-mode`, or 29+) with the eglot setup of
//! `editors/emacs/README.md` and the built `gloss lsp`, driven by
//! `editors/emacs/test/e2e.el` on a copy of the shipped glossary:
//! diagnostics, hover on a mention and on the challenge word, a code action,
//! Markdown hover — in two layouts: no git (eglot's project root is then the
//! file's own folder, `glossary/`), and a git repository with `gloss.toml` in
//! a subfolder (the root is the repository's top, above the config).
//!
//! Emacs comes from `$GLOSS_EMACS` or `emacs` on PATH (`.ci/run` installs
//! Debian's). Without it, or without eglot and yaml-mode, the test says
//! SKIPPED on stderr; under CI (`CI` set) it fails instead.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(180);

/// The Emacs to test with and its version line, or why there is none.
fn find_emacs() -> Result<(PathBuf, String), String> {
    let candidate = std::env::var_os("GLOSS_EMACS")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("emacs"), PathBuf::from);
    let output = Command::new(&candidate)
        .args(["--batch", "-q", "--eval"])
        .arg("(progn (require 'eglot) (require 'yaml-mode) (require 'markdown-mode) (princ emacs-version))")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", candidate.display()))?;
    if !output.status.success() {
        return Err(format!(
            "`{}` lacks eglot, yaml-mode or markdown-mode ({})",
            candidate.display(),
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .filter(|l| !l.starts_with("Loading"))
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }
    Ok((
        candidate,
        String::from_utf8_lossy(&output.stdout).trim().to_owned(),
    ))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_file() {
            std::fs::copy(&path, to.join(entry.file_name()))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

#[derive(Clone, Copy)]
enum Layout {
    /// `site/` holds `gloss.toml` and `glossary/`; no git anywhere.
    NoGit,
    /// `repo/` is a git repository; `repo/docs-site/` holds `gloss.toml`.
    Nested,
}

#[test]
fn emacs_without_git_the_root_is_the_glossary_folder() {
    run(Layout::NoGit);
}

#[test]
fn emacs_in_a_git_repository_with_a_nested_gloss_toml() {
    run(Layout::Nested);
}

fn run(layout: Layout) {
    let (emacs, version) = match find_emacs() {
        Ok(found) => found,
        Err(why) if std::env::var_os("CI").is_none() => {
            // Straight to the stderr handle: libtest captures `eprintln!`
            // of passing tests, and a skip must be visible.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED emacs end-to-end test: {why}. Install Emacs with eglot \
                 (Debian: apt-get install emacs-nox elpa-eglot elpa-yaml-mode \
                 elpa-markdown-mode) or set GLOSS_EMACS; under CI this fails."
            );
            return;
        }
        Err(why) => panic!("CI is set but Emacs is unavailable: {why}"),
    };
    println!("using {} (Emacs {version})", emacs.display());

    let root = gloss_tests::workspace_root();
    let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let (top, site) = match layout {
        Layout::NoGit => (scratch.path().join("site"), scratch.path().join("site")),
        Layout::Nested => (
            scratch.path().join("repo"),
            scratch.path().join("repo/docs-site"),
        ),
    };
    copy_dir(&root.join("glossary"), &site.join("glossary"));
    std::fs::copy(root.join("gloss.toml"), site.join("gloss.toml"))
        .unwrap_or_else(|e| panic!("gloss.toml: {e}"));
    if matches!(layout, Layout::Nested) {
        let git = Command::new("git")
            .args(["init", "-q"])
            .arg(&top)
            .status()
            .unwrap_or_else(|e| panic!("git init: {e}"));
        assert!(git.success(), "git init failed");
    }
    let home = scratch.path().join("home");
    std::fs::create_dir_all(&home).unwrap_or_else(|e| panic!("{e}"));

    let mut child = Command::new(&emacs)
        .args(["--batch", "-q", "-l"])
        .arg(root.join("editors/emacs/test/e2e.el"))
        .current_dir(&top)
        .env("GLOSS_BIN", gloss_tests::gloss_bin())
        .env("GLOSS_SITE", &site)
        .env("HOME", &home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", emacs.display()));
    // Drain the pipes while waiting, so a chatty run cannot block on a full pipe.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout_reader = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let stderr_reader = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => panic!("waiting for emacs: {e}"),
        }
    };
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    println!("{stdout}");
    let report = format!("--- stdout\n{stdout}\n--- stderr\n{stderr}");
    let Some(status) = status else {
        panic!("emacs did not finish within {TIMEOUT:?}\n{report}");
    };
    assert!(
        status.success(),
        "the Emacs test failed ({status})\n{report}"
    );
    // The project root eglot picked is the one the layout calls for.
    let expected_root = match layout {
        Layout::NoGit => site.join("glossary"),
        Layout::Nested => top.clone(),
    };
    assert!(
        stdout.contains(&format!("(project root {}/)", expected_root.display())),
        "eglot's project root is not {}\n{report}",
        expected_root.display()
    );
    for step in [
        "ok - hover on a term mention shows its definition",
        "ok - hover on the challenge word shows the challenge preview",
        "ok - diagnostics on a broken copy",
        "repaired the buffer and cleared the diagnostic",
        "ok - hover on a term mention in Markdown",
        "ok - the server shut down",
    ] {
        assert!(
            stdout.contains(step),
            "the script skipped `{step}`\n{report}"
        );
    }
}
