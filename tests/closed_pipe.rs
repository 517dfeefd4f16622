//! A reader that stops reading (`gloss lint | head`, a pager quit early)
//! ends every subcommand quietly: no panic, nothing on stderr, and the exit
//! code the command would have had (0 for commands that only print, the
//! verdict for `lint` and `challenge`; see `crates/gloss-cli/src/out.rs`).
//!
//! Each command runs with stdout on a pipe whose read end is closed before
//! the command starts, so its first write fails with EPIPE whatever the size
//! of its output; one large `lint` run also closes the pipe while gloss is
//! blocked writing into a full pipe.

use gloss_tests::{gloss_bin, workspace_root};
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// Run `gloss args` in `dir` with a closed stdout and `stdin` as input;
/// returns the exit code and stderr.
fn run_closed(dir: &Path, args: &[&str], stdin: &str) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap_or_else(|e| panic!("pipe: {e}"));
    drop(reader);
    let mut child = Command::new(gloss_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run gloss {args:?}: {e}"));
    if let Some(mut input) = child.stdin.take() {
        use std::io::Write as _;
        // gloss may exit before reading its input: a failed write is fine.
        let _ = input.write_all(stdin.as_bytes());
    }
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("gloss {args:?}: {e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Why `gloss args` did not end quietly, if it did not.
fn noise(args: &[&str], (code, stderr): (Option<i32>, String), expected: i32) -> Option<String> {
    if stderr.contains("panicked") || stderr.contains("Broken pipe") || !stderr.is_empty() {
        return Some(format!(
            "gloss {args:?} wrote to stderr on a closed stdout:\n{stderr}"
        ));
    }
    // `None` would be death by SIGPIPE: also not the quiet exit asked for.
    (code != Some(expected))
        .then(|| format!("gloss {args:?}: exit {code:?} on a closed stdout, expected {expected}"))
}

fn assert_quiet(args: &[&str], result: (Option<i32>, String), expected: i32) {
    if let Some(problem) = noise(args, result, expected) {
        panic!("{problem}");
    }
}

/// Run every case in `dir`, then fail with every case that was not quiet.
fn assert_all_quiet(dir: &Path, cases: &[&[&str]], expected: i32) {
    let problems: Vec<String> = cases
        .iter()
        .filter_map(|args| noise(args, run_closed(dir, args, ""), expected))
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {} commands were not quiet:\n{}",
        problems.len(),
        cases.len(),
        problems.join("\n")
    );
}

/// Commands that only print: exit 0 on a closed stdout.
#[test]
fn printing_commands_exit_0() {
    let root = workspace_root();
    let cases: &[&[&str]] = &[
        &["rules"],
        &["rules", "--format", "json"],
        &["schema"],
        &["explain", "unknown-field"],
        &["completions", "bash"],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["completions", "powershell"],
        &["completions", "elvish"],
        &["lint"],
        &["lint", "--format", "json"],
        &["lint", "--format", "sarif"],
        &["challenge", "sprint"],
        &["challenge", "sprint", "--format", "json"],
        &["--help"],
    ];
    assert_all_quiet(&root, cases, 0);
}

/// `gloss build` still writes the site when nobody reads its summary, and
/// `gloss preview` whose URL line cannot be written ends quietly (no one
/// can learn where it serves).
#[test]
fn build_and_preview_end_quietly() {
    let root = workspace_root();
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = out.path().join("site");
    let site_arg = site.to_string_lossy().into_owned();
    assert_all_quiet(&root, &[&["build", site_arg.as_str()], &["preview"]], 0);
    assert!(site.join("index.html").is_file());
    assert!(site.join("sprint/index.html").is_file());
}

/// A closed stdout does not turn a failing lint into a passing one: with
/// `set -o pipefail`, `gloss lint | head` still fails CI on errors.
#[test]
fn lint_and_challenge_keep_their_verdict() {
    let broken = workspace_root().join("tests/fixtures/broken-term");
    let cases: &[&[&str]] = &[
        &["lint"],
        &["lint", "--format", "json"],
        &["lint", "--format", "github"],
        &["lint", "--format", "sarif"],
        &["challenge", "kanban"],
        &["challenge", "velocity", "--format", "json"],
    ];
    assert_all_quiet(&broken, cases, 1);
}

/// `lint --diff` prints the fixes it would make: the misnamed file stays
/// unfixed and the error stands.
#[test]
fn lint_diff_keeps_its_verdict() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let glossary = temp.path().join("glossary");
    std::fs::create_dir_all(&glossary).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(temp.path().join("gloss.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    let sprint = workspace_root().join("tests/fixtures/broken-term/glossary/sprint.yaml");
    let text = std::fs::read_to_string(&sprint)
        .unwrap_or_else(|e| panic!("{}: {e}", sprint.display()))
        .replace("related: [kanban, velocity]", "related: []");
    std::fs::write(glossary.join("sprnt.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    let args = ["lint", "--diff"];
    assert_quiet(&args, run_closed(temp.path(), &args, ""), 1);
    assert!(
        glossary.join("sprnt.yaml").is_file(),
        "--diff renamed the file"
    );
}

/// `play` stops the game at a closed stdout, unsolved: exit 1 as when its
/// input ends.
#[test]
fn play_ends_unsolved() {
    let args = ["play", "sprint", "--plain"];
    let result = run_closed(&workspace_root(), &args, "saltier\nbalance\n");
    assert_quiet(&args, result, 1);
}

/// `new` has created the file by the time it prints its path: exit 0.
#[test]
fn new_exits_0_with_the_file_created() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    std::fs::write(temp.path().join("gloss.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    let args = ["new", "Net Revenue Retention"];
    assert_quiet(&args, run_closed(temp.path(), &args, ""), 0);
    assert!(
        temp.path()
            .join("glossary/net-revenue-retention.yaml")
            .is_file()
    );
}

/// Several hundred KB of findings: gloss blocks on a full pipe, then the
/// reader goes away after reading a little.
#[test]
fn large_lint_output_into_a_pipe_closed_midway() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let glossary = temp.path().join("glossary");
    std::fs::create_dir_all(&glossary).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(temp.path().join("gloss.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    for idx in 0..400 {
        // No term, a FAQ that is no question, an unknown field: several
        // findings with source excerpts per file.
        let text = format!(
            "definition: Entry {idx} is TODO.\nfaqs:\n  - question: entry {idx}\n    answer: TBD\nextra_{idx}: 1\n"
        );
        std::fs::write(glossary.join(format!("entry-{idx}.yaml")), text)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let args = ["lint"];
    let mut child = Command::new(gloss_bin())
        .args(args)
        .current_dir(temp.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    let mut stdout = child
        .stdout
        .take()
        .unwrap_or_else(|| panic!("no stdout pipe"));
    let mut first = [0u8; 4096];
    let n = stdout
        .read(&mut first)
        .unwrap_or_else(|e| panic!("read: {e}"));
    assert!(n > 0, "gloss printed nothing");
    drop(stdout);
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("gloss lint: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // The glossary has errors: exit 1 even though the report was cut short.
    assert_quiet(&args, (output.status.code(), stderr), 1);
}

/// A write that fails for another reason than a gone reader (a full disk)
/// is a failure of the run, whatever the format: exit 2 and one line that
/// says so, not a quiet end and not the lint's own verdict.
#[test]
fn a_full_disk_is_a_failure_of_the_run() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("skipped: this system has no /dev/full");
        return;
    }
    let broken = workspace_root().join("tests/fixtures/broken-term");
    for format in ["human", "json", "github", "sarif"] {
        let stdout = std::fs::OpenOptions::new()
            .write(true)
            .open(full)
            .unwrap_or_else(|e| panic!("/dev/full: {e}"));
        let output = Command::new(gloss_bin())
            .args(["lint", "--format", format])
            .current_dir(&broken)
            .stdout(stdout)
            .stderr(Stdio::piped())
            .output()
            .unwrap_or_else(|e| panic!("gloss: {e}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.contains("error: cannot write to standard output: No space left on device"),
            "{format}: {stderr}"
        );
    }
}
