//! `gloss lint FILE` checks FILE against the whole glossary: for every
//! fixture glossary, linting each file on its own gives exactly the
//! findings the full run gives for that file (cross-file rules included).

use gloss_tests::{gloss_bin, workspace_root};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every fixture glossary: a directory of term files and the config that
/// goes with it (its root relative to the config's directory).
pub(crate) struct Fixture {
    pub(crate) name: String,
    /// Where gloss runs: the config's directory.
    pub(crate) dir: PathBuf,
    /// The term files, relative to `dir`.
    pub(crate) files: Vec<String>,
}

fn term_files_under(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            term_files_under(&path, base, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) && let Ok(relative) = path.strip_prefix(base)
        {
            out.push(relative.to_string_lossy().into_owned());
        }
    }
}

/// Copy a rule fixture (term files and gloss.toml side by side) into a temp
/// dir and point its config's root at the directory itself.
fn rule_fixture(src: &Path, tmp: &Path) -> PathBuf {
    std::fs::create_dir_all(tmp).unwrap_or_else(|e| panic!("{e}"));
    let mut config = String::new();
    for entry in std::fs::read_dir(src)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let name = entry.file_name();
        if name == "gloss.toml" {
            config = std::fs::read_to_string(&path).unwrap_or_default();
        } else if path.is_file() {
            std::fs::copy(&path, tmp.join(&name)).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let config = if config.contains("[glossary]") {
        config.replacen("[glossary]", "[glossary]\nroot = \".\"", 1)
    } else {
        format!("[glossary]\nroot = \".\"\n\n{config}")
    };
    std::fs::write(tmp.join("gloss.toml"), config).unwrap_or_else(|e| panic!("{e}"));
    tmp.to_path_buf()
}

pub(crate) fn fixtures(tmp: &Path) -> Vec<Fixture> {
    let root = workspace_root();
    let mut out = Vec::new();
    let rules = root.join("crates/gloss-core/tests/fixtures/rules");
    let mut rule_dirs: Vec<PathBuf> = std::fs::read_dir(&rules)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .flat_map(|rule| ["trigger", "near-miss"].map(|kind| rule.path().join(kind)))
        .filter(|dir| dir.is_dir())
        .collect();
    rule_dirs.sort();
    for (i, src) in rule_dirs.iter().enumerate() {
        let dir = rule_fixture(src, &tmp.join(format!("rule-{i}")));
        let mut files = Vec::new();
        term_files_under(&dir, &dir, &mut files);
        out.push(Fixture {
            name: src.strip_prefix(&root).unwrap_or(src).display().to_string(),
            dir,
            files,
        });
    }
    // The CLI golden cases' glossaries and the shipped one, as they are.
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/cmd"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("glossary").is_dir() && p.join("gloss.toml").is_file())
        .collect();
    dirs.sort();
    dirs.push(root.clone());
    for dir in dirs {
        let mut files = Vec::new();
        term_files_under(&dir.join("glossary"), &dir, &mut files);
        out.push(Fixture {
            name: dir
                .strip_prefix(&root)
                .unwrap_or(&dir)
                .display()
                .to_string(),
            dir,
            files,
        });
    }
    out
}

/// `gloss lint --format json ARGS` in `dir`: the exit code and diagnostics
/// by path; `None` when the run itself failed (exit 2: a bad config).
fn lint(dir: &Path, args: &[&str]) -> Option<(i32, BTreeMap<String, Vec<Value>>)> {
    let output = Command::new(gloss_bin())
        .args(["lint", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = output.status.code().unwrap_or(-1);
    if code == 2 {
        return None;
    }
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: gloss lint {args:?}: not JSON ({e}): {}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut by_path: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for d in report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let path = d["path"].as_str().unwrap_or_default().to_owned();
        by_path.entry(path).or_default().push(d);
    }
    Some((code, by_path))
}

#[test]
fn each_file_linted_alone_gets_the_findings_of_the_full_run() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fixtures = fixtures(tmp.path());
    assert!(
        fixtures.len() > 50,
        "only {} fixture glossaries",
        fixtures.len()
    );
    let mut problems = Vec::new();
    let mut n_files = 0;
    let mut n_cross_file = 0;
    for fixture in &fixtures {
        let Some((_, full)) = lint(&fixture.dir, &[]) else {
            // A glossary whose config is meant to fail has nothing to compare.
            continue;
        };
        for file in &fixture.files {
            n_files += 1;
            let Some((code, alone)) = lint(&fixture.dir, &[file]) else {
                problems.push(format!("{}: `gloss lint {file}` failed", fixture.name));
                continue;
            };
            let want = full.get(file).cloned().unwrap_or_default();
            let got = alone.get(file).cloned().unwrap_or_default();
            n_cross_file += want
                .iter()
                .filter(|d| {
                    [
                        "duplicate-term",
                        "challenge-word-duplicate",
                        "unknown-related",
                    ]
                    .contains(&d["rule"].as_str().unwrap_or_default())
                })
                .count();
            if alone.keys().any(|path| path != file) {
                problems.push(format!(
                    "{}: `gloss lint {file}` reported other files: {:?}",
                    fixture.name,
                    alone.keys().collect::<Vec<_>>()
                ));
            }
            if got != want {
                problems.push(format!(
                    "{}: `gloss lint {file}` differs from the full run:\n  alone: {}\n  full:  {}",
                    fixture.name,
                    serde_json::to_string(&got).unwrap_or_default(),
                    serde_json::to_string(&want).unwrap_or_default()
                ));
            }
            let errors = want.iter().any(|d| d["severity"] == "error");
            if code != i32::from(errors) {
                problems.push(format!(
                    "{}: `gloss lint {file}` exits {code} with errors={errors}",
                    fixture.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The comparison means something only if cross-file findings occur.
    assert!(n_files > 100, "only {n_files} files compared");
    assert!(
        n_cross_file >= 10,
        "only {n_cross_file} cross-file findings compared"
    );
}

fn gloss(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(gloss_bin())
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A copy of the shipped glossary and config in a temp dir.
fn shipped_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = workspace_root();
    std::fs::create_dir_all(tmp.path().join("glossary")).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(root.join("glossary"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
    {
        std::fs::copy(
            entry.path(),
            tmp.path().join("glossary").join(entry.file_name()),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::copy(root.join("gloss.toml"), tmp.path().join("gloss.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    tmp
}

#[test]
fn a_broken_link_named_alone_is_an_io_error_like_in_a_full_run() {
    let tmp = shipped_copy();
    let dir = tmp.path();
    std::os::unix::fs::symlink("gone.yaml", dir.join("glossary/dangling.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("loop-b.yaml", dir.join("glossary/loop-a.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("loop-a.yaml", dir.join("glossary/loop-b.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let Some((code, full)) = lint(dir, &[]) else {
        panic!("the full run failed");
    };
    assert_eq!(code, 1);
    for file in ["glossary/dangling.yaml", "glossary/loop-a.yaml"] {
        let Some((code, alone)) = lint(dir, &[file, "glossary/kanban.yaml"]) else {
            panic!("`gloss lint {file}` failed to run");
        };
        assert_eq!(code, 1, "{file}");
        assert_eq!(alone.get(file), full.get(file), "{file}");
        let rules: Vec<&str> = alone[file]
            .iter()
            .filter_map(|d| d["rule"].as_str())
            .collect();
        assert_eq!(rules, ["io-error"], "{file}");
    }
}

#[test]
fn files_under_the_root_that_are_not_term_files_are_not_linted_when_named() {
    let tmp = shipped_copy();
    let dir = tmp.path();
    std::fs::write(dir.join("glossary/words.txt"), "KANBAN\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("glossary/.hidden.yaml"), "nope: 1\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let output = gloss(
        dir,
        &[
            "lint",
            "glossary/words.txt",
            "glossary/.hidden.yaml",
            "glossary/kanban.yaml",
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("Checked 1 file"), "{stdout}");
    for file in ["glossary/words.txt", "glossary/.hidden.yaml"] {
        assert!(
            stderr.contains(&format!(
                "note: `{file}` is not linted: term files are the `*.yaml` and `*.yml` files under the root, outside hidden directories"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn a_config_elsewhere_names_files_without_dot_dot() {
    let tmp = shipped_copy();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("ci")).unwrap_or_else(|e| panic!("{e}"));
    let config = std::fs::read_to_string(dir.join("gloss.toml")).unwrap_or_default();
    std::fs::write(
        dir.join("ci/gloss.toml"),
        config.replace("root = \"glossary\"", "root = \"../glossary\""),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let kanban = dir.join("glossary/kanban.yaml");
    let text = std::fs::read_to_string(&kanban).unwrap_or_default();
    std::fs::write(
        &kanban,
        text.replacen("term: Kanban", "term: Kanban\nnope: 1", 1),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = gloss(
        dir,
        &["lint", "--config", "ci/gloss.toml", "--format", "github"],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("file=glossary/kanban.yaml,line=2,"),
        "{stdout}"
    );
    assert!(!stdout.contains(".."), "{stdout}");
}

#[test]
fn a_closed_stderr_never_turns_a_run_into_a_panic() {
    let tmp = shipped_copy();
    let dir = tmp.path();
    // Many notes on stderr, and a usage error: both must end as usual.
    let mut args = vec!["lint".to_owned()];
    for i in 0..2000 {
        let name = format!("glossary/note-{i}.txt");
        std::fs::write(dir.join(&name), "x\n").unwrap_or_else(|e| panic!("{e}"));
        args.push(name);
    }
    for (args, expected) in [(args, 0), (vec!["lint".to_owned(), "/etc".to_owned()], 2)] {
        let (reader, writer) = std::io::pipe().unwrap_or_else(|e| panic!("{e}"));
        drop(reader);
        let status = Command::new(gloss_bin())
            .args(&args)
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(writer)
            .status()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(status.code(), Some(expected), "{:?}", &args[..2]);
    }
}

#[test]
fn naming_only_excluded_files_says_that_nothing_was_linted() {
    let tmp = shipped_copy();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("glossary/drafts")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("glossary/drafts/idea.yaml"), "nope: 1\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let config = std::fs::read_to_string(dir.join("gloss.toml")).unwrap_or_default();
    std::fs::write(
        dir.join("gloss.toml"),
        config.replacen("[glossary]", "[glossary]\nexclude = [\"drafts/**\"]", 1),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = gloss(dir, &["lint", "glossary/drafts"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("Checked 0 files"), "{stdout}");
    assert!(
        stderr.contains("note: no term file under the given paths"),
        "{stderr}"
    );
    // The whole glossary, drafts left out, is clean and says nothing.
    let output = gloss(dir, &["lint"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
