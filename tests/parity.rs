//! The CLI and the language server report the same findings: for every
//! fixture glossary, `gloss lint --format json` and the built `gloss lsp`
//! (over stdio, the glossary's directory as its workspace root, nothing
//! opened) give the same diagnostics for every file: rule, severity, path,
//! range and message.
//!
//! The fixture glossaries: the shipped one, every directory under
//! `tests/fixtures/` with a `gloss.toml`, every case of the bad-input corpus
//! (`tests/fixtures/bad/cases.toml`, laid out as `bad_inputs` lays it out),
//! the CLI golden cases' glossaries and the rule fixtures. A glossary whose
//! config fails (`gloss lint` exits 2) has no findings to compare. The
//! server's diagnostics on `gloss.toml` are left out: the CLI reports a
//! config's problems on stderr, not as findings.
//!
//! Positions are compared as `gloss lint` gives them (1-based line, column
//! in characters, a BOM not counted); the server's 0-based UTF-16 positions
//! are converted with the file's text. (The other way round is not one to
//! one: column 1 of a file with a BOM is before and after the BOM.)
//!
//! `unused-term`, a finding about the whole site, is compared too: the
//! server publishes it once it has read every doc and term (see
//! `gloss_workspace::usage`).
//!
//! `cargo test -p gloss-tests parity::` runs it alone.

use crate::lsp_support::LspClient;
use gloss_core::{Encoding, LineIndex, ProtoPos};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the server must stay silent after its last publication before
/// its diagnostics are taken as complete.
const QUIET: Duration = Duration::from_millis(1000);

/// How long to wait for the server to publish every file the CLI reports
/// on; past it, what is missing is a difference.
const DEADLINE: Duration = Duration::from_secs(15);

/// Glossaries checked at once: each is one `gloss lsp` process.
const AT_ONCE: usize = 4;

struct Glossary {
    name: String,
    /// The directory holding `gloss.toml`: where `gloss lint` runs and the
    /// server's root.
    dir: PathBuf,
}

/// One diagnostic, as either front end reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    /// Relative to the glossary's directory, with `/`.
    path: String,
    /// 1-based line and column (characters).
    start: (usize, usize),
    end: (usize, usize),
    rule: String,
    severity: String,
    message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}:{}-{}:{} {}[{}] {:.300}",
            self.path,
            self.start.0,
            self.start.1,
            self.end.0,
            self.end.1,
            self.severity,
            self.rule,
            self.message
        )
    }
}

/// What came of one glossary.
enum Outcome {
    /// The config fails: nothing to compare.
    Skipped,
    Compared {
        n_findings: usize,
        only_cli: Vec<Finding>,
        only_server: Vec<Finding>,
    },
    /// The server did not get as far as diagnostics (it crashed, hung).
    ServerFailed(String),
}

fn glossaries(tmp: &Path) -> Vec<Glossary> {
    let root = gloss_tests::workspace_root();
    let mut out = Vec::new();
    // The shipped glossary, the CLI golden cases and the rule fixtures.
    for fixture in crate::one_file::fixtures(&tmp.join("one-file")) {
        out.push(Glossary {
            name: fixture.name,
            dir: fixture.dir,
        });
    }
    let mut fixture_dirs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap_or_else(|e| panic!("tests/fixtures: {e}"))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|dir| dir.join("gloss.toml").is_file())
        .collect();
    fixture_dirs.sort();
    for dir in fixture_dirs {
        out.push(Glossary {
            name: dir
                .strip_prefix(&root)
                .unwrap_or(&dir)
                .display()
                .to_string(),
            dir,
        });
    }
    for (i, case) in crate::bad_inputs::cases().iter().enumerate() {
        let dir = tmp.join(format!("bad-{i}"));
        let prepared = crate::bad_inputs::install(case, &dir);
        if prepared.skip.is_some() {
            continue;
        }
        out.push(Glossary {
            name: format!("tests/fixtures/bad: {}", case.name),
            dir,
        });
    }
    out
}

/// The file's text as gloss decodes it, near enough to convert positions:
/// an undecodable file's findings sit where its valid prefix ends.
fn text_of(path: &Path) -> String {
    // Not a FIFO: reading one would wait for a writer forever.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return String::new();
    }
    std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// Files' texts and line indexes, read once.
#[derive(Default)]
struct Texts {
    by_path: BTreeMap<PathBuf, (String, LineIndex)>,
}

impl Texts {
    fn get(&mut self, path: &Path) -> &(String, LineIndex) {
        self.by_path.entry(path.to_path_buf()).or_insert_with(|| {
            let text = text_of(path);
            let index = LineIndex::new(&text);
            (text, index)
        })
    }
}

/// A CLI JSON position as (line, column).
fn cli_position(at: &Value) -> (usize, usize) {
    let get = |key: &str| at[key].as_u64().map_or(usize::MAX, |n| n as usize);
    (get("line"), get("column"))
}

/// An LSP position (0-based, UTF-16) as the CLI would give it.
fn server_position(texts: &mut Texts, path: &Path, at: &Value) -> (usize, usize) {
    let (text, index) = texts.get(path);
    let get = |key: &str| at[key].as_u64().map_or(u32::MAX, |n| n as u32);
    let pos = ProtoPos {
        line: get("line"),
        character: get("character"),
    };
    let line_col = index.line_col(text, index.from_proto(text, pos, Encoding::Utf16));
    (line_col.line, line_col.column)
}

/// `gloss lint --format json` in the glossary's directory; its stderr when the
/// run itself fails (exit 2).
fn cli_findings(dir: &Path) -> Result<BTreeSet<Finding>, String> {
    let output = Command::new(gloss_tests::gloss_bin())
        .args(["lint", "--format", "json"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    if output.status.code() == Some(2) {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: `gloss lint --format json` is not JSON ({e}): {}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut out = BTreeSet::new();
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        out.insert(Finding {
            path: d["path"].as_str().unwrap_or_default().to_owned(),
            start: cli_position(&d["range"]["start"]),
            end: cli_position(&d["range"]["end"]),
            rule: d["rule"].as_str().unwrap_or_default().to_owned(),
            severity: d["severity"].as_str().unwrap_or_default().to_owned(),
            message: d["message"].as_str().unwrap_or_default().to_owned(),
        });
    }
    Ok(out)
}

fn severity_name(value: &Value) -> String {
    match value.as_u64() {
        Some(1) => "error",
        Some(2) => "warning",
        Some(3) => "info",
        Some(4) => "hint",
        _ => "none",
    }
    .to_owned()
}

/// A `file://` URI's path, percent-decoded.
fn path_of_uri(uri: &str) -> PathBuf {
    let encoded = uri.strip_prefix("file://").unwrap_or(uri);
    let bytes = encoded.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    PathBuf::from(String::from_utf8_lossy(&decoded).into_owned())
}

/// Start the server on `dir` and collect what it publishes until every
/// path in `expected` has been published and the server is quiet; the last
/// publication of each file counts.
async fn server_findings(
    dir: &Path,
    expected: &BTreeSet<String>,
) -> (BTreeSet<Finding>, Vec<String>) {
    let mut client = LspClient::stdio();
    client.initialize(dir, false).await;
    let started = Instant::now();
    let mut latest: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    loop {
        for params in client.publishes_until_quiet(QUIET).await {
            let path = path_of_uri(params["uri"].as_str().unwrap_or_default());
            let relative = path
                .strip_prefix(dir)
                .map_or_else(|_| path.display().to_string(), slash);
            let diagnostics = params["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            latest.insert(relative, diagnostics);
        }
        if expected.iter().all(|path| latest.contains_key(path)) || started.elapsed() > DEADLINE {
            break;
        }
    }
    let unpublished: Vec<String> = expected
        .iter()
        .filter(|path| !latest.contains_key(*path))
        .cloned()
        .collect();
    let mut out = BTreeSet::new();
    let mut texts = Texts::default();
    for (path, diagnostics) in latest {
        if path == "gloss.toml" {
            continue;
        }
        let full = dir.join(&path);
        for d in diagnostics {
            out.insert(Finding {
                start: server_position(&mut texts, &full, &d["range"]["start"]),
                end: server_position(&mut texts, &full, &d["range"]["end"]),
                path: path.clone(),
                rule: d["code"].as_str().unwrap_or_default().to_owned(),
                severity: severity_name(&d["severity"]),
                message: d["message"].as_str().unwrap_or_default().to_owned(),
            });
        }
    }
    // Dropping the client ends the server (kill on drop): a server that
    // hangs must not hold the test.
    let _ = tokio::time::timeout(Duration::from_secs(5), client.shutdown()).await;
    (out, unpublished)
}

fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

async fn compare(dir: PathBuf) -> Outcome {
    let cli_dir = dir.clone();
    let cli = tokio::task::spawn_blocking(move || cli_findings(&cli_dir))
        .await
        .unwrap_or_else(|e| Err(format!("the CLI run panicked: {e}")));
    let cli = match cli {
        Ok(cli) => cli,
        Err(_) => return Outcome::Skipped,
    };
    let expected: BTreeSet<String> = cli.iter().map(|f| f.path.clone()).collect();
    // A panic in the client (the server never answered `initialize`) is a
    // finding of this test, not the end of it.
    let server_dir = dir.clone();
    let server = tokio::spawn(async move { server_findings(&server_dir, &expected).await }).await;
    let (server, unpublished) = match server {
        Ok(found) => found,
        Err(e) => {
            let why = e
                .try_into_panic()
                .ok()
                .and_then(|p| {
                    p.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                })
                .unwrap_or_else(|| "the server task failed".to_owned());
            return Outcome::ServerFailed(format!("{why:.500}"));
        }
    };
    let mut only_server: Vec<Finding> = server.difference(&cli).cloned().collect();
    let only_cli: Vec<Finding> = cli.difference(&server).cloned().collect();
    for path in unpublished {
        only_server.push(Finding {
            path,
            start: (0, 0),
            end: (0, 0),
            rule: "(nothing published)".to_owned(),
            severity: String::new(),
            message: format!("no publishDiagnostics within {DEADLINE:?}"),
        });
    }
    Outcome::Compared {
        n_findings: cli.len(),
        only_cli,
        only_server,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_and_the_server_report_the_same_diagnostics() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let glossaries = glossaries(tmp.path());
    let names: BTreeSet<&str> = glossaries.iter().map(|g| g.name.as_str()).collect();
    for must in ["", "tests/fixtures/broken-term"] {
        assert!(names.contains(must), "fixture glossary `{must}` missing");
    }
    let permits = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut tasks = Vec::new();
    for glossary in &glossaries {
        let permits = Arc::clone(&permits);
        let dir = glossary.dir.clone();
        let name = glossary.name.clone();
        tasks.push(tokio::spawn(async move {
            let _permit = permits.acquire_owned().await;
            let started = Instant::now();
            let outcome = compare(dir).await;
            eprintln!("{:>6.2}s  {name}", started.elapsed().as_secs_f64());
            outcome
        }));
    }
    let mut report = String::new();
    let mut n_compared = 0;
    let mut n_findings = 0;
    for (glossary, task) in glossaries.iter().zip(tasks) {
        let name = if glossary.name.is_empty() {
            "the shipped glossary"
        } else {
            &glossary.name
        };
        match task.await {
            Ok(Outcome::Skipped) => {}
            Ok(Outcome::Compared {
                n_findings: n,
                only_cli,
                only_server,
            }) => {
                n_compared += 1;
                n_findings += n;
                if only_cli.is_empty() && only_server.is_empty() {
                    continue;
                }
                report.push_str(&format!("\n== {name} ({})\n", glossary.dir.display()));
                for finding in &only_cli {
                    report.push_str(&format!("  only `gloss lint`: {finding}\n"));
                }
                for finding in &only_server {
                    report.push_str(&format!("  only `gloss lsp`:  {finding}\n"));
                }
            }
            Ok(Outcome::ServerFailed(why)) => {
                n_compared += 1;
                report.push_str(&format!("\n== {name}\n  `gloss lsp` failed: {why}\n"));
            }
            Err(e) => report.push_str(&format!("\n== {name}\n  the comparison panicked: {e}\n")),
        }
    }
    eprintln!("{n_compared} glossaries compared, {n_findings} findings from `gloss lint`");
    // The comparison is only worth its name on many findings.
    assert!(n_compared > 100, "only {n_compared} glossaries compared");
    assert!(n_findings > 300, "only {n_findings} findings compared");
    assert!(
        report.is_empty(),
        "`gloss lint` and `gloss lsp` differ (positions: line:column as `gloss lint` gives them):{report}"
    );
}
