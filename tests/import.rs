//! `gloss import`: every format's fixture (tests/fixtures/import/) imported
//! into a fresh site, compared with its goldens (the written files and the
//! report); idempotence with `--force`; existing files kept; `--dry-run`;
//! the size limit; usage errors; the real CPython glossary.
//!
//! `GLOSS_UPDATE_GOLDENS=1` rewrites the goldens from the output.

use gloss_tests::{gloss_bin, workspace_root};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    workspace_root().join("tests/fixtures/import")
}

/// A fresh site: an empty gloss.toml and the fixtures under `src/`.
fn site() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    std::fs::write(temp.path().join("gloss.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&fixtures(), &temp.path().join("src"));
    temp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let path = entry.path();
        if entry.file_name() == "expected" {
            continue;
        }
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

fn gloss(dir: &Path, args: &[&str]) -> Output {
    Command::new(gloss_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            out.insert(name, std::fs::read(entry.path()).unwrap_or_default());
        }
    }
    out
}

/// Compare the glossary written and the report with the goldens under
/// `tests/fixtures/import/<format>/expected/`.
fn check_goldens(format: &str, site: &Path, report: &str) {
    let expected = fixtures().join(format).join("expected");
    let written = tree(&site.join("glossary"));
    if std::env::var_os("GLOSS_UPDATE_GOLDENS").is_some() {
        let _ = std::fs::remove_dir_all(&expected);
        std::fs::create_dir_all(expected.join("glossary")).unwrap_or_else(|e| panic!("{e}"));
        for (name, bytes) in &written {
            std::fs::write(expected.join("glossary").join(name), bytes)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(expected.join("report.txt"), report).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let want = tree(&expected.join("glossary"));
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&written), names(&want), "files written for {format}");
    for (name, bytes) in &written {
        assert_eq!(
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&want[name]),
            "{format}: glossary/{name}"
        );
    }
    let want_report = std::fs::read_to_string(expected.join("report.txt")).unwrap_or_default();
    assert_eq!(report, want_report, "{format}: the report");
}

/// Each format's fixture: the files and report of the goldens, exit 1
/// (each fixture holds unusable sources on purpose).
#[test]
fn every_format_matches_its_goldens() {
    for (format, src) in [
        ("markdown", "src/markdown/site/glossary"),
        ("csv", "src/csv"),
        ("sphinx", "src/sphinx"),
    ] {
        let site = site();
        let output = gloss(site.path(), &["import", format, src]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        check_goldens(format, site.path(), &stdout(&output));
    }
}

/// Importing twice with `--force` writes the same bytes (with
/// `--suggest-challenge` too, whose words depend on the glossary).
#[test]
fn importing_twice_with_force_gives_the_same_bytes() {
    for (format, src) in [
        ("markdown", "src/markdown/site/glossary"),
        ("csv", "src/csv"),
        ("sphinx", "src/sphinx"),
    ] {
        for suggest in [false, true] {
            let site = site();
            let mut args = vec!["import", format, src, "--force"];
            if suggest {
                args.push("--suggest-challenge");
            }
            let first = gloss(site.path(), &args);
            let once = tree(&site.path().join("glossary"));
            let second = gloss(site.path(), &args);
            let twice = tree(&site.path().join("glossary"));
            assert!(!once.is_empty(), "{format}");
            assert_eq!(once, twice, "{format} suggest={suggest}");
            assert_eq!(
                stdout(&first),
                stdout(&second),
                "{format} suggest={suggest}"
            );
        }
    }
}

/// Without `--force` an existing term file is kept byte for byte, the
/// report says so and the run exits 1; `--force` replaces it.
#[test]
fn existing_files_are_kept_unless_forced() {
    let site = site();
    let glossary = site.path().join("glossary");
    std::fs::create_dir_all(&glossary).unwrap_or_else(|e| panic!("{e}"));
    let mine = "term: Sprint\n# my own\n";
    std::fs::write(glossary.join("sprint.yaml"), mine).unwrap_or_else(|e| panic!("{e}"));
    let src = site.path().join("src/markdown/site/glossary/sprint.md");
    let src = src.to_string_lossy();
    let output = gloss(site.path(), &["import", "markdown", &src]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("kept (it exists; --force overwrites) glossary/sprint.yaml"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        std::fs::read_to_string(glossary.join("sprint.yaml")).unwrap_or_default(),
        mine
    );
    let output = gloss(site.path(), &["import", "markdown", &src, "--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        std::fs::read_to_string(glossary.join("sprint.yaml"))
            .unwrap_or_default()
            .contains("A Sprint is")
    );
}

/// `--dry-run` prints the files and writes nothing, not even the root.
#[test]
fn dry_run_writes_nothing() {
    let site = site();
    let output = gloss(site.path(), &["import", "csv", "src/csv", "--dry-run"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.contains("==> glossary/churn-rate.yaml <==\n# gloss import: from src/csv/metrics.csv row 3\nterm: Churn Rate\n"), "{out}");
    assert!(
        out.contains("would write glossary/churn-rate.yaml"),
        "{out}"
    );
    assert!(
        out.contains("lint of the imported files: 0 of 3 files clean"),
        "{out}"
    );
    assert!(!site.path().join("glossary").exists());
}

/// A page that maps to a complete term imports with exit 0 and lints
/// clean; `--suggest-challenge` marks the word it fills for review.
#[test]
fn a_complete_page_imports_clean_and_suggestions_are_marked() {
    let site = site();
    let pages = site.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        pages.join("burndown-chart.md"),
        "---\ntitle: Burndown Chart\naka: [Burndown]\ncategory: artifact\n---\n\
         A Burndown Chart plots the work remaining in a sprint against time.\n\n\
         ## Why it matters\n\nThe slope shows early whether the team will finish its forecast.\n\n\
         ## How it works\n\nEach day the remaining estimate is plotted; an ideal line runs to zero.\n\n\
         ## Examples\n\nA two-week sprint starting at forty points that flattens midway signals trouble.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = gloss(
        site.path(),
        &["import", "markdown", "pages", "--suggest-challenge"],
    );
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(
        out.contains("lint of the imported files: 1 of 1 file clean; 0 errors, 0 warnings"),
        "{out}"
    );
    let text = std::fs::read_to_string(site.path().join("glossary/burndown-chart.yaml"))
        .unwrap_or_default();
    assert!(
        text.contains("  # gloss import: suggested, review\n"),
        "{text}"
    );
    assert!(
        text.contains("  - question: Why does Burndown Chart matter?\n"),
        "{text}"
    );
    let lint = gloss(site.path(), &["lint"]);
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
}

/// A source over 1 MiB is reported and skipped; the others are imported.
#[test]
fn huge_sources_are_skipped() {
    let site = site();
    let pages = site.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap_or_else(|e| panic!("{e}"));
    let huge = format!("---\ntitle: Huge\n---\n{}", "word ".repeat(220_000));
    std::fs::write(pages.join("huge.md"), huge).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        pages.join("small.md"),
        "---\ntitle: Small\n---\nSmall is small.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = gloss(site.path(), &["import", "markdown", "pages"]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("unusable pages/huge.md: it is 1100020 bytes, over the import limit of 1048576 bytes (1 MiB): skipped"), "{out}");
    assert!(site.path().join("glossary/small.yaml").is_file());
    assert!(!site.path().join("glossary/huge.yaml").exists());
}

/// Usage errors exit 2 and write nothing.
#[test]
fn usage_errors_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["import", "markdown", "nowhere"],
            "source `nowhere` does not exist",
        ),
        (
            &["import", "csv", "src/csv", "--map", "nonsense"],
            "needs the form KEY=FIELD",
        ),
        (
            &["import", "csv", "src/csv", "--map", "alias=AKA"],
            "`alias` is not a term file key",
        ),
        (
            &["import", "sphinx", "src/sphinx", "--map", "term=x"],
            "a Sphinx glossary has neither",
        ),
        (&["import", "yaml", "src"], "invalid value 'yaml'"),
        (&["import", "csv"], "required"),
    ];
    for (args, message) in cases {
        let site = site();
        let output = gloss(site.path(), args);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(!site.path().join("glossary").exists(), "{args:?}");
    }
}

/// The real CPython glossary (tests/eval/import/cpython): the numbers
/// docs/import.md records, without and with `--suggest-challenge`.
#[test]
fn cpython_glossary_imports_with_the_recorded_numbers() {
    let site = site();
    let src = workspace_root().join("tests/eval/import/cpython/glossary.rst");
    let src = src.to_string_lossy();
    let output = gloss(site.path(), &["import", "sphinx", &src]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("imported 68 entries from 1 source (sphinx): wrote 66 files, 2 unusable"),
        "{out}"
    );
    assert!(
        out.contains("lint of the imported files: 0 of 66 files clean; 132 errors, 30 warnings"),
        "{out}"
    );
    let output = gloss(
        site.path(),
        &["import", "sphinx", &src, "--force", "--suggest-challenge"],
    );
    let out = stdout(&output);
    assert!(
        out.contains("lint of the imported files: 0 of 66 files clean; 68 errors, 30 warnings"),
        "{out}"
    );
    assert!(
        out.contains("missing-challenge        2 in 2 files"),
        "{out}"
    );
}
