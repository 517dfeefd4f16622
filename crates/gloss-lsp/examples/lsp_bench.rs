//! Benchmark of the language server (budgets: docs/performance.md).
//!
//! `cargo run --release -p gloss-lsp --example lsp_bench [N_TERMS]`
//! `cargo run --release -p gloss-lsp --example lsp_bench -- --corpus DIR`
//! `cargo run --release -p gloss-lsp --example lsp_bench -- --server target/release/gloss --corpus DIR`
//!
//! Works on a corpus written by `cargo run -p xtask -- gen-corpus` (any
//! shape), or generates a deterministic workspace of N_TERMS (default
//! 10,000) realistic term files plus Markdown docs in a temp dir. Drives the
//! real server in-process over JSON-RPC and prints initialize+index time,
//! the time to the initial diagnostics, hover p50/p95,
//! keystroke→publishDiagnostics p50/p95, an edit to a challenge word that
//! many files share (when some word is shared by 100 or more), a branch
//! switch (1,000 files changed on disk, one `didChangeWatchedFiles`) and
//! resident memory. With `--server BIN` the server is `BIN lsp`, a child
//! process spoken to over its stdin and stdout as an editor does, and the
//! memory and CPU time are that process's alone; without it the server runs
//! in this process and they include the client (which holds every message
//! it has not read yet). The last line,
//! `LSP_BENCH {json}`, is for `cargo run -p xtask -- bench`; the exit status
//! is 1 when a file was not published exactly once for an edit or a switch.

#![allow(clippy::print_stdout, clippy::unwrap_used)]

// The allocator of the `gloss` binary that editors run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

const ADJECTIVES: &[&str] = &[
    "Adaptive",
    "Agile",
    "Applied",
    "Automated",
    "Balanced",
    "Baseline",
    "Blended",
    "Canonical",
    "Central",
    "Clinical",
    "Cohort",
    "Composite",
    "Continuous",
    "Core",
    "Cross",
    "Customer",
    "Data",
    "Delivery",
    "Design",
    "Digital",
    "Direct",
    "Dynamic",
    "Early",
    "Edge",
    "Embedded",
    "Enterprise",
    "Evidence",
    "Experience",
    "External",
    "Feature",
    "Field",
    "Financial",
    "Flexible",
    "Focused",
    "Formal",
    "Global",
    "Growth",
    "Guided",
    "Hybrid",
    "Incremental",
    "Inbound",
    "Integrated",
    "Internal",
    "Iterative",
    "Joint",
    "Key",
    "Lean",
    "Lifecycle",
    "Linked",
    "Live",
    "Local",
    "Managed",
    "Market",
    "Measured",
    "Modular",
    "Native",
    "Net",
    "Open",
    "Operational",
    "Organic",
    "Outbound",
    "Partner",
    "Platform",
    "Portfolio",
    "Predictive",
    "Primary",
    "Product",
    "Program",
    "Quality",
    "Rapid",
    "Regional",
    "Release",
    "Remote",
    "Revenue",
    "Risk",
    "Roadmap",
    "Sales",
    "Scaled",
    "Secondary",
    "Service",
    "Shared",
    "Signal",
    "Smart",
    "Social",
    "Staged",
    "Strategic",
    "Structured",
    "Support",
    "Sustained",
    "System",
    "Targeted",
    "Team",
    "Technical",
    "Tiered",
    "Unified",
    "User",
    "Value",
    "Vendor",
    "Visual",
    "Weighted",
];

const NOUNS: &[&str] = &[
    "Analysis",
    "Architecture",
    "Assessment",
    "Audit",
    "Backlog",
    "Baseline",
    "Benchmark",
    "Budget",
    "Cadence",
    "Canvas",
    "Capacity",
    "Charter",
    "Checklist",
    "Cohort",
    "Council",
    "Coverage",
    "Dashboard",
    "Decision",
    "Dependency",
    "Discovery",
    "Engine",
    "Estimate",
    "Experiment",
    "Feedback",
    "Forecast",
    "Framework",
    "Funnel",
    "Gate",
    "Governance",
    "Guideline",
    "Handoff",
    "Hypothesis",
    "Incident",
    "Index",
    "Initiative",
    "Insight",
    "Interview",
    "Inventory",
    "Journey",
    "Kickoff",
    "Launch",
    "Ledger",
    "Loop",
    "Map",
    "Matrix",
    "Metric",
    "Milestone",
    "Model",
    "Monitor",
    "Narrative",
    "Network",
    "Objective",
    "Onboarding",
    "Operation",
    "Outcome",
    "Owner",
    "Pipeline",
    "Plan",
    "Playbook",
    "Policy",
    "Portal",
    "Practice",
    "Priority",
    "Process",
    "Profile",
    "Prototype",
    "Queue",
    "Ranking",
    "Ratio",
    "Readiness",
    "Register",
    "Report",
    "Requirement",
    "Retrospective",
    "Review",
    "Ritual",
    "Rollout",
    "Runway",
    "Scorecard",
    "Segment",
    "Sprint",
    "Stack",
    "Standard",
    "Standup",
    "Strategy",
    "Survey",
    "Sync",
    "Taxonomy",
    "Template",
    "Test",
    "Threshold",
    "Timeline",
    "Toolkit",
    "Tracker",
    "Trial",
    "Velocity",
    "Workflow",
    "Workshop",
    "Yield",
];

const CATEGORIES: &[&str] = &["practice", "metric", "artifact", "framework", "concept"];

/// A tiny deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn name(i: usize) -> String {
    let adjective = ADJECTIVES[i % ADJECTIVES.len()];
    let noun = NOUNS[(i / ADJECTIVES.len()) % NOUNS.len()];
    let round = i / (ADJECTIVES.len() * NOUNS.len());
    if round == 0 {
        format!("{adjective} {noun}")
    } else {
        format!("{adjective} {noun} {}", roman(round))
    }
}

fn roman(n: usize) -> String {
    ["", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .get(n)
        .map_or_else(|| format!("Mark {n}"), |s| (*s).to_owned())
}

const FILLER: &[&str] = &[
    "Teams use it to align on scope before committing engineering time",
    "it keeps stakeholders informed without adding meetings",
    "the practice matures as the organization scales across several product lines",
    "leaders review it every quarter alongside the roadmap and the budget",
    "a shared vocabulary makes handoffs between design, engineering and support smoother",
    "without it, decisions drift and the same debates repeat each planning cycle",
    "good examples are short, specific and tied to a measurable customer outcome",
    "it works best when one accountable owner keeps it current",
];

fn sentence(rng: &mut Rng, n_terms: usize, mention: bool) -> String {
    let mut s = FILLER[rng.below(FILLER.len())].to_owned();
    if mention {
        let other = name(rng.below(n_terms));
        s = format!("{s}, much like the {other}");
    }
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    }) + "."
}

fn folded(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if line.len() + word.len() > 76 {
            let _ = writeln!(out, "{indent}{}", line.trim_end());
            line.clear();
        }
        line.push_str(word);
        line.push(' ');
    }
    let _ = writeln!(out, "{indent}{}", line.trim_end());
    out
}

fn term_file(i: usize, n_terms: usize, words: &[String], rng: &mut Rng) -> String {
    let term = name(i);
    let mut out = format!(
        "term: {term}\naliases: [{term} Practice]\ncategory: {}\n",
        CATEGORIES[i % CATEGORIES.len()]
    );
    // Distinct words (as in `cargo xtask corpus`): a shared word would give
    // every file `challenge-word-duplicate` findings about all the others.
    let lower = term.to_lowercase();
    let word = (0..words.len())
        .map(|k| &words[(i + k) % words.len()])
        .find(|w| !lower.contains(w.as_str()))
        .unwrap_or(&words[0]);
    // The page uses its challenge word, as `cargo xtask corpus` writes it.
    let definition = format!(
        "A {term} is {} {} {} Teams often describe it through the word {word}.",
        sentence(rng, n_terms, true).to_lowercase(),
        sentence(rng, n_terms, false),
        sentence(rng, n_terms, true)
    );
    out.push_str("definition: >-\n");
    out.push_str(&folded(&definition, "  "));
    out.push_str("context: >-\n");
    let context: Vec<String> = (0..4).map(|k| sentence(rng, n_terms, k % 2 == 0)).collect();
    out.push_str(&folded(&context.join(" "), "  "));
    out.push_str("faqs:\n");
    let n_faqs = 3 + rng.below(4);
    let questions = [
        "How do teams start with a",
        "Who owns the",
        "How is success measured for a",
        "What are common mistakes with a",
        "When should a team revisit its",
        "How does tooling support a",
    ];
    for question in questions.iter().take(n_faqs) {
        let _ = writeln!(out, "  - question: {question} {term}?");
        out.push_str("    answer: >-\n");
        let answer: Vec<String> = (0..3).map(|k| sentence(rng, n_terms, k == 1)).collect();
        out.push_str(&folded(&answer.join(" "), "      "));
    }
    let mut related: Vec<String> = (0..3 + rng.below(3))
        .map(|_| gloss_core::slug(&name(rng.below(n_terms))))
        .filter(|s| *s != gloss_core::slug(&term))
        .collect();
    related.dedup();
    // One file in a hundred has a broken link, so the initial diagnostics
    // are published for files spread across the glossary.
    if i % 100 == 99 {
        related.push(format!("missing-term-{i}"));
    }
    let _ = writeln!(out, "related: [{}]", related.join(", "));
    let _ = writeln!(
        out,
        "challenge:\n  word: {}\n  hint: Think of the {}",
        word.to_uppercase(),
        term.to_lowercase()
    );
    out
}

/// Returns the bytes written and the files with a broken link.
fn generate(dir: &Path, n_terms: usize) -> (usize, Vec<PathBuf>) {
    let root = dir.join("glossary");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(
        dir.join("gloss.toml"),
        "[glossary]\nroot = \"glossary\"\ndocs = [\"docs/**/*.md\"]\n\n[faqs]\nmin = 3\n",
    )
    .unwrap();
    let dict = gloss_core::challenge::Dictionary::builtin();
    // Built-in answers: the solver's embedded table knows their games.
    let words: Vec<String> = [5, 6, 7]
        .iter()
        .flat_map(|&len| dict.answers(len).map(str::to_owned).collect::<Vec<_>>())
        .collect();
    assert!(
        words.len() >= n_terms.min(5_000),
        "too few dictionary answers: {}",
        words.len()
    );
    let mut rng = Rng(42);
    let mut total = 0;
    let mut broken = Vec::new();
    for i in 0..n_terms {
        let text = term_file(i, n_terms, &words, &mut rng);
        total += text.len();
        let path = root.join(format!("{}.yaml", gloss_core::slug(&name(i))));
        std::fs::write(&path, text).unwrap();
        if i % 100 == 99 {
            broken.push(path);
        }
    }
    for d in 0..50 {
        let mut doc = format!("# Notes {d}\n\n");
        for _ in 0..40 {
            let _ = writeln!(doc, "{}\n", sentence(&mut rng, n_terms, true));
        }
        std::fs::write(dir.join(format!("docs/notes-{d}.md")), doc).unwrap();
    }
    (total, broken)
}

/// Where to ask about a term in a term file: inside its first mention of
/// another term (generated workspace) or its first `related` slug (corpus),
/// as a protocol line and character (the files are ASCII).
fn mention_position(path: &Path) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(path).ok()?;
    let at = ["much like the ", "related: ["]
        .iter()
        .find_map(|m| Some(text.find(m)? + m.len()))?
        + 2;
    let line = text[..at].matches('\n').count();
    let character = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    Some((line, character))
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The term files under `dir/glossary`, sorted.
fn term_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("glossary"))
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// The challenge word of a term file as the server reads it (none when the
/// file does not parse).
fn challenge_word(path: &Path, text: &str) -> Option<String> {
    let file = gloss_core::TermFile::from_text(&path.display().to_string(), text.to_owned());
    let word = file.term().challenge.as_ref()?.word.as_ref()?;
    Some(word.value.trim().to_uppercase())
}

fn megabytes(kb_field: &str) -> f64 {
    kb_field
        .split_whitespace()
        .next()
        .and_then(|n| n.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Files that were not published exactly once (`expected` each once).
fn not_once(expected: &[String], counts: &HashMap<String, usize>) -> Vec<(String, usize)> {
    expected
        .iter()
        .map(|u| (u.clone(), counts.get(u).copied().unwrap_or(0)))
        .filter(|(_, n)| *n != 1)
        .collect()
}

/// Write `files` to disk, send one `didChangeWatchedFiles` listing them all,
/// and wait until each has been published. Returns the time to the last of
/// them (`None` after a minute without them all) and the publishes per URI
/// until the server went quiet.
async fn branch_switch(
    client: &mut Client,
    files: &[(PathBuf, String)],
) -> (Option<Duration>, HashMap<String, usize>) {
    for (path, text) in files {
        std::fs::write(path, text).unwrap();
    }
    let uris: Vec<String> = files.iter().map(|(p, _)| uri(p)).collect();
    let changes: Vec<Value> = uris.iter().map(|u| json!({"uri": u, "type": 2})).collect();
    let started = Instant::now();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
    let mut waiting: HashSet<&str> = uris.iter().map(String::as_str).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut done = None;
    while !waiting.is_empty() {
        let Some(params) = client.next_publish(Duration::from_secs(60)).await else {
            break;
        };
        let u = params["uri"].as_str().unwrap_or_default().to_owned();
        waiting.remove(u.as_str());
        *counts.entry(u).or_default() += 1;
        if waiting.is_empty() {
            done = Some(started.elapsed());
        }
    }
    client.drain(Duration::from_millis(500), &mut counts).await;
    (done, counts)
}

struct Client {
    out: mpsc::UnboundedSender<Vec<u8>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    next_id: i64,
    /// The server's process when it is a child (`--server`), else this one.
    server: Option<tokio::process::Child>,
}

impl Client {
    fn send(&self, value: &Value) {
        let body = value.to_string();
        let _ = self
            .out
            .send(format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes());
    }
    fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }
    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.incoming.recv().await.unwrap();
            if message["id"] == id && message.get("method").is_none() {
                return message["result"].clone();
            }
        }
    }
    /// The next publishDiagnostics within `within`, or `None`.
    async fn next_publish(&mut self, within: Duration) -> Option<Value> {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = tokio::time::timeout(left, self.incoming.recv())
                .await
                .ok()??;
            if message["method"] == "textDocument/publishDiagnostics" {
                return Some(message["params"].clone());
            }
        }
    }
    /// Publishes until none arrives for `quiet`, counted by URI.
    async fn drain(&mut self, quiet: Duration, counts: &mut HashMap<String, usize>) {
        while let Some(params) = self.next_publish(quiet).await {
            *counts
                .entry(params["uri"].as_str().unwrap_or_default().to_owned())
                .or_default() += 1;
        }
    }
    /// Type `typed` at `line`:`character` of `uri` once per version in
    /// `versions`, each time waiting for that version's diagnostics: the
    /// time of each keystroke to its publishDiagnostics.
    async fn keystrokes(
        &mut self,
        uri: &str,
        versions: std::ops::Range<usize>,
        (line, character): (usize, usize),
        typed: &str,
    ) -> Vec<Duration> {
        let mut times = Vec::new();
        for version in versions {
            let t = Instant::now();
            let at = json!({"line": line, "character": character});
            self.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": at, "end": at}, "text": typed}],
                }),
            );
            self.diagnostics(|p| p["uri"] == uri && p["version"] == version)
                .await;
            times.push(t.elapsed());
        }
        times
    }
    /// Wait for a publishDiagnostics matching `accept`.
    async fn diagnostics(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.incoming.recv().await.unwrap();
            if message["method"] == "textDocument/publishDiagnostics" && accept(&message["params"])
            {
                return message["params"].clone();
            }
        }
    }
}

/// Start the server: `server lsp` as a child process, or in this process.
fn start(server: Option<&Path>) -> Client {
    match server {
        Some(bin) => {
            let mut child = tokio::process::Command::new(bin)
                .arg("lsp")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .kill_on_drop(true)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {} lsp: {e}", bin.display()));
            let write = child.stdin.take().unwrap();
            let read = child.stdout.take().unwrap();
            let mut client = connect(read, write);
            client.server = Some(child);
            client
        }
        None => {
            let (client_side, server_side) = tokio::io::duplex(1 << 20);
            let (server_read, server_write) = tokio::io::split(server_side);
            tokio::spawn(gloss_lsp::serve(server_read, server_write));
            let (read, write) = tokio::io::split(client_side);
            connect(read, write)
        }
    }
}

fn connect(
    read: impl tokio::io::AsyncRead + Unpin + Send + 'static,
    mut write: impl tokio::io::AsyncWrite + Unpin + Send + 'static,
) -> Client {
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let (in_tx, in_rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(bytes) = out_rx.recv().await {
            if write.write_all(&bytes).await.is_err() || write.flush().await.is_err() {
                return;
            }
        }
    });
    tokio::spawn(async move {
        let mut reader = BufReader::new(read);
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length:") {
                    length = n.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).await.is_err() {
                return;
            }
            if let Ok(value) = serde_json::from_slice::<Value>(&body) {
                let _ = in_tx.send(value);
            }
        }
    });
    Client {
        out: out_tx,
        incoming: in_rx,
        next_id: 1,
        server: None,
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let at = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[at]
}

/// `/proc/self`, or the server child's entry.
fn proc_dir(client: &Client) -> PathBuf {
    match client.server.as_ref().and_then(tokio::process::Child::id) {
        Some(pid) => PathBuf::from(format!("/proc/{pid}")),
        None => PathBuf::from("/proc/self"),
    }
}

/// The server's resident memory and its peak.
fn memory(client: &Client) -> (String, String) {
    let status = std::fs::read_to_string(proc_dir(client).join("status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map_or_else(|| "?".to_owned(), |l| l[name.len()..].trim().to_owned())
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time the server has used (user + system), from /proc: on a shared
/// machine it tells the work done apart from the wait for a core.
fn cpu_time(client: &Client) -> Duration {
    let stat = std::fs::read_to_string(proc_dir(client).join("stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime is the
    // 14th field of the line, stime the 15th; in clock ticks (100 a second).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let server = args.iter().position(|a| a == "--server").map(|at| {
        let bin = args
            .get(at + 1)
            .expect("--server needs the gloss binary")
            .clone();
        args.drain(at..at + 2);
        std::fs::canonicalize(&bin).unwrap_or_else(|e| panic!("--server {bin}: {e}"))
    });
    let temp = tempfile::tempdir().unwrap();
    // The workspace, and the files whose initial diagnostics mark the end of
    // the backlog (spread across the glossary, the last among the last).
    let (dir, expected): (PathBuf, Vec<PathBuf>) = if args.first().map(String::as_str)
        == Some("--corpus")
    {
        let dir = std::fs::canonicalize(args.get(1).expect("--corpus needs a directory")).unwrap();
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("defects.json")).unwrap())
                .unwrap();
        let defects = manifest["defects"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| Some(dir.join(d["path"].as_str()?)))
            .collect();
        println!(
            "corpus {} ({} terms, shape {})",
            dir.display(),
            manifest["terms"],
            manifest["shape"]
        );
        (dir, defects)
    } else {
        let n_terms: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(10_000);
        let started = Instant::now();
        let (bytes, broken) = generate(temp.path(), n_terms);
        println!(
            "generated {n_terms} terms ({:.1} MB, {:.0} bytes/term) + 50 docs in {:.2?}",
            bytes as f64 / 1e6,
            bytes as f64 / n_terms as f64,
            started.elapsed()
        );
        (temp.path().to_path_buf(), broken)
    };
    let files = term_files(&dir);
    let n_terms = files.len();
    let mut failures: Vec<String> = Vec::new();
    let root = uri(&dir);
    let mut client = start(server.as_deref());
    match &server {
        Some(bin) => println!(
            "server: {} lsp, a child process (memory and CPU time are its own)",
            bin.display()
        ),
        None => println!("server: in this process (memory and CPU time include the client)"),
    }

    let started = Instant::now();
    let cpu_before = cpu_time(&client);
    client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": root, "workspaceFolders": [{"uri": root, "name": "bench"}], "capabilities": {}}),
        )
        .await;
    let index_time = started.elapsed();
    client.notify("initialized", json!({}));
    let (rss, hwm) = memory(&client);
    let rss_after_index = megabytes(&rss);
    println!(
        "initialize + index: {}   (budget 1 s; CPU time {})",
        ms(index_time),
        ms(cpu_time(&client) - cpu_before)
    );
    println!("memory after indexing: VmRSS {rss}, VmHWM {hwm}");

    let mut waiting: HashSet<String> = expected.iter().map(|p| uri(p)).collect();
    let mut n_published = 0;
    let mut last = started.elapsed();
    while !waiting.is_empty() {
        let Some(params) = client.next_publish(Duration::from_secs(60)).await else {
            failures.push(format!(
                "{} files with planted findings never published, e.g. {:?}",
                waiting.len(),
                waiting.iter().next()
            ));
            break;
        };
        n_published += 1;
        waiting.remove(params["uri"].as_str().unwrap_or_default());
        last = started.elapsed();
    }
    // The rest of the backlog, so that what follows is measured alone.
    let mut rest = HashMap::new();
    client.drain(Duration::from_millis(500), &mut rest).await;
    println!(
        "initial diagnostics: {} files with planted findings by {}, {} files published in all",
        expected.len(),
        ms(last),
        n_published + rest.values().sum::<usize>()
    );

    // Hover: mentions of other terms (generated workspace) or related slugs
    // (corpus), in random term files.
    let mut rng = Rng(7);
    let mut hovers = Vec::new();
    let mut hits = 0;
    for _ in 0..1000 {
        let path = &files[rng.below(n_terms)];
        let Some((line, character)) = mention_position(path) else {
            continue;
        };
        let t = Instant::now();
        let hover = client
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}}),
            )
            .await;
        hovers.push(t.elapsed());
        if !hover.is_null() {
            hits += 1;
        }
    }
    let n_hovers = hovers.len();
    let hover_p95 = percentile(&mut hovers, 0.95);
    println!(
        "hover ({n_hovers} requests, {hits} on a mention or link): p50 {}, p95 {}   (budget p95 2 ms)",
        ms(percentile(&mut hovers, 0.5)),
        ms(hover_p95)
    );

    // Find references of terms (from related slugs, as the hovers): every
    // term file and every doc is read for mentions, the docs from disk.
    let mut references = Vec::new();
    let (mut n_locations, mut n_in_docs) = (0, 0);
    let docs_dir = uri(&dir.join("docs"));
    for _ in 0..10 {
        let path = &files[rng.below(n_terms)];
        let Some((line, character)) = mention_position(path) else {
            continue;
        };
        let t = Instant::now();
        let found = client
            .request(
                "textDocument/references",
                json!({"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character},
                       "context": {"includeDeclaration": true}}),
            )
            .await;
        references.push(t.elapsed());
        let locations = found.as_array().map_or(&[][..], Vec::as_slice);
        n_locations += locations.len();
        n_in_docs += locations
            .iter()
            .filter(|l| {
                l["uri"]
                    .as_str()
                    .is_some_and(|u| u.starts_with(docs_dir.as_str()))
            })
            .count();
    }
    if !references.is_empty() {
        let n = references.len();
        println!(
            "references ({n} requests, {n_locations} locations, {n_in_docs} in docs): p50 {}, p95 {}",
            ms(percentile(&mut references, 0.5)),
            ms(percentile(&mut references, 0.95))
        );
    }

    // Keystrokes in an open term file: each edit to its publishDiagnostics.
    let path = files[n_terms / 2..]
        .iter()
        .chain(&files[..n_terms / 2])
        .find(|p| {
            std::fs::read_to_string(p).is_ok_and(|t| t.lines().any(|l| l.starts_with("context:")))
        })
        .unwrap()
        .clone();
    let typed_uri = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": typed_uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    client
        .diagnostics(|p| p["uri"] == typed_uri.as_str() && p["version"] == 1)
        .await;
    let line = text
        .lines()
        .position(|l| l.starts_with("context:"))
        .unwrap()
        + 1;
    let mut keystrokes = client.keystrokes(&typed_uri, 2..302, (line, 2), "x").await;
    let keystroke_p95 = percentile(&mut keystrokes, 0.95);
    println!(
        "keystroke -> publishDiagnostics ({} edits): p50 {}, p95 {}   (budget p95 15 ms)",
        keystrokes.len(),
        ms(percentile(&mut keystrokes, 0.5)),
        ms(keystroke_p95)
    );
    // Keystrokes in a term's name: the mention index is rebuilt lazily.
    let mut renames = client.keystrokes(&typed_uri, 1000..1020, (0, 6), "z").await;
    let rename_p95 = percentile(&mut renames, 0.95);
    println!(
        "keystroke in a term name -> publishDiagnostics: p50 {}, p95 {}",
        ms(percentile(&mut renames, 0.5)),
        ms(rename_p95)
    );
    let mut settle = HashMap::new();
    client.drain(Duration::from_millis(300), &mut settle).await;

    // Keystrokes in a 200 KB Markdown doc the docs rules check: the docs of
    // the workspace, joined, opened as a new doc under `docs/` (not written
    // to disk); each keystroke re-parses the doc and runs the docs rules.
    let mut doc_files: Vec<PathBuf> = std::fs::read_dir(dir.join("docs"))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    doc_files.sort();
    let mut big = String::new();
    for path in doc_files.iter().cycle().take(10_000) {
        if big.len() >= 200_000 {
            break;
        }
        let text = std::fs::read_to_string(path).unwrap_or_default();
        // Docs of ordinary size only (docs-heavy has one of 5 MB).
        if text.len() <= 50_000 {
            big.push_str(&text);
            big.push('\n');
        }
    }
    if big.len() >= 200_000 {
        let doc_uri = uri(&dir.join("docs/zz-lsp-bench-200k.md"));
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": doc_uri, "languageId": "markdown", "version": 1, "text": big}}),
        );
        let first = client
            .diagnostics(|p| p["uri"] == doc_uri.as_str() && p["version"] == 1)
            .await;
        let n_findings = first["diagnostics"].as_array().map_or(0, Vec::len);
        // Type into the middle of the doc, at the start of a prose line.
        let line = big.lines().count() / 2;
        let line = (line..big.lines().count())
            .find(|&l| {
                big.lines()
                    .nth(l)
                    .is_some_and(|t| t.chars().next().is_some_and(char::is_alphabetic))
            })
            .unwrap_or(line);
        let mut doc_keys = client.keystrokes(&doc_uri, 2..102, (line, 0), "x").await;
        let doc_p95 = percentile(&mut doc_keys, 0.95);
        println!(
            "keystroke in a {} KB doc ({n_findings} findings) -> publishDiagnostics: p50 {}, p95 {}   (budget p95 15 ms)",
            big.len() / 1000,
            ms(percentile(&mut doc_keys, 0.5)),
            ms(doc_p95)
        );
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": doc_uri}}),
        );
        client.drain(Duration::from_millis(300), &mut settle).await;
    } else {
        println!(
            "keystroke in a 200 KB doc: skipped, the workspace's docs are {} bytes in all",
            big.len()
        );
    }

    // A keystroke in a challenge word that many files share: every file of
    // the group gets a new count in its `challenge-word-duplicate` finding.
    let mut groups: HashMap<String, Vec<PathBuf>> = HashMap::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        if let Some(word) = challenge_word(path, &text) {
            groups.entry(word).or_default().push(path.clone());
        }
    }
    let shared = groups
        .iter()
        .max_by_key(|(word, group)| (group.len(), std::cmp::Reverse((*word).clone())))
        .filter(|(_, group)| group.len() >= 100)
        .map(|(word, group)| (word.clone(), group.clone()));
    let mut shared_edit = Value::Null;
    // Open documents: the server takes their text from the editor, not disk.
    let mut open = vec![path.clone()];
    if let Some((word, group)) = shared {
        let edited = group.iter().find(|p| **p != path).unwrap().clone();
        open.push(edited.clone());
        let edited_uri = uri(&edited);
        let text = std::fs::read_to_string(&edited).unwrap();
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": edited_uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        client
            .diagnostics(|p| p["uri"] == edited_uri.as_str() && p["version"] == 1)
            .await;
        client.drain(Duration::from_millis(300), &mut settle).await;
        let line = text
            .lines()
            .position(|l| l.starts_with("  word: "))
            .unwrap();
        let end = "  word: ".len() + word.len();
        let affected: Vec<String> = group
            .iter()
            .filter(|p| **p != edited)
            .map(|p| uri(p))
            .collect();
        let (mut own, mut all) = (Vec::new(), Vec::new());
        let mut bad = 0;
        for k in 0..20 {
            let version = 2 + k;
            // Type a letter after the word, then delete it: each edit moves
            // the file out of the group or back into it.
            let (range_end, typed) = if k % 2 == 0 {
                (end, "X")
            } else {
                (end + 1, "")
            };
            let t = Instant::now();
            client.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": edited_uri, "version": version},
                    "contentChanges": [{"range": {"start": {"line": line, "character": end}, "end": {"line": line, "character": range_end}}, "text": typed}],
                }),
            );
            let mut counts: HashMap<String, usize> = HashMap::new();
            let mut waiting: HashSet<&str> = affected.iter().map(String::as_str).collect();
            let mut own_done = false;
            while !(own_done && waiting.is_empty()) {
                let Some(params) = client.next_publish(Duration::from_secs(30)).await else {
                    break;
                };
                let u = params["uri"].as_str().unwrap_or_default().to_owned();
                if u == edited_uri && params["version"] == version {
                    own.push(t.elapsed());
                    own_done = true;
                }
                waiting.remove(u.as_str());
                *counts.entry(u).or_default() += 1;
                if own_done && waiting.is_empty() {
                    all.push(t.elapsed());
                }
            }
            client.drain(Duration::from_millis(300), &mut counts).await;
            let mut expected_once = affected.clone();
            expected_once.push(edited_uri.clone());
            let wrong = not_once(&expected_once, &counts);
            if let Some((u, n)) = wrong.first() {
                failures.push(format!(
                    "shared-word edit {k}: {} files not published once, e.g. {u} {n} times",
                    wrong.len()
                ));
            }
            bad = bad.max(wrong.len());
        }
        let own_p95 = percentile(&mut own, 0.95);
        let all_p95 = (!all.is_empty()).then(|| percentile(&mut all, 0.95));
        println!(
            "keystroke in the challenge word {word} shared by {} files ({} edits): edited file p50 {}, p95 {}; all {} affected files published p50 {}, p95 {}; files not published exactly once per edit: {bad}",
            group.len(),
            own.len(),
            ms(percentile(&mut own, 0.5)),
            ms(own_p95),
            affected.len(),
            all_p95.map_or_else(|| "never".to_owned(), |_| ms(percentile(&mut all, 0.5))),
            all_p95.map_or_else(|| "never".to_owned(), ms),
        );
        shared_edit = json!({
            "word": word,
            "files": affected.len(),
            "own_p95_ms": millis(own_p95),
            "all_p95_ms": all_p95.map(millis),
            "not_once": bad,
        });
    }

    // A branch switch: 1,000 term files change on disk at once (the first
    // question of each loses its `?`, so each has a finding), then back.
    let step = (n_terms / 1000).max(1);
    let switched: Vec<(PathBuf, String)> = files
        .iter()
        .step_by(step)
        .filter(|p| !open.contains(p))
        .take(1000)
        .map(|p| (p.clone(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let changed: Vec<(PathBuf, String)> = switched
        .iter()
        .map(|(p, text)| {
            let mut text = text.clone();
            let question = text
                .find("  - question: ")
                .and_then(|at| Some(at + text[at..].find('\n')?));
            match question {
                Some(eol) if text[..eol].ends_with('?') => {
                    text.remove(eol - 1);
                }
                _ => text.push_str("# switched\n"),
            }
            (p.clone(), text)
        })
        .collect();
    let switched_uris: Vec<String> = switched.iter().map(|(p, _)| uri(p)).collect();
    let mut switch_bad = 0;
    let mut switch_times = Vec::new();
    for (label, set) in [("switch", &changed), ("switch back", &switched)] {
        let (done, counts) = branch_switch(&mut client, set).await;
        let wrong = not_once(&switched_uris, &counts);
        if let Some((u, n)) = wrong.first() {
            failures.push(format!(
                "branch {label}: {} of {} changed files not published once, e.g. {u} {n} times",
                wrong.len(),
                set.len()
            ));
        }
        switch_bad += wrong.len();
        println!(
            "branch {label}: {} files changed on disk, one didChangeWatchedFiles -> all published in {}; files not published exactly once: {}   (budget 1 s)",
            set.len(),
            done.map_or_else(|| "never".to_owned(), ms),
            wrong.len()
        );
        switch_times.push(done.map(millis));
    }
    // The client's own queue emptied first: what is measured is the
    // server's memory (and a tiny client), not notifications not yet read.
    client.drain(Duration::from_millis(300), &mut settle).await;
    let (rss, hwm) = memory(&client);
    println!("memory before a full re-index: VmRSS {rss}, VmHWM {hwm}   (budget 200 MB)");
    let rss_before_reindex = megabytes(&rss);
    // Hovers while the whole glossary is indexed again (gloss.toml changed
    // on disk): answered from the glossary as it was, not after the reload.
    let config_uri = uri(&dir.join("gloss.toml"));
    let reload_started = Instant::now();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let mut reindex_hovers = Vec::new();
    let mut reindex_hits = 0;
    while reload_started.elapsed() < index_time.max(Duration::from_millis(200)) {
        let path = &files[rng.below(n_terms)];
        let Some((line, character)) = mention_position(path) else {
            continue;
        };
        let t = Instant::now();
        let hover = client
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}}),
            )
            .await;
        reindex_hovers.push(t.elapsed());
        if !hover.is_null() {
            reindex_hits += 1;
        }
    }
    let n_reindex_hovers = reindex_hovers.len();
    let reindex_hover_p95 = percentile(&mut reindex_hovers, 0.95);
    println!(
        "hover during a full re-index ({n_reindex_hovers} requests in the first {}, {reindex_hits} answered): p50 {}, p95 {}   (budget p95 2 ms)",
        ms(index_time.max(Duration::from_millis(200))),
        ms(percentile(&mut reindex_hovers, 0.5)),
        ms(reindex_hover_p95)
    );
    let mut after_reload = HashMap::new();
    client
        .drain(Duration::from_millis(1000), &mut after_reload)
        .await;

    let (rss, hwm) = memory(&client);
    println!(
        "memory at the end, after a full re-index that keeps the old glossary for requests until the new one is ready: VmRSS {rss}, VmHWM {hwm}"
    );
    client.request("shutdown", Value::Null).await;
    client.notify("exit", Value::Null);
    let result = json!({
        "terms": n_terms,
        "index_ms": millis(index_time),
        "rss_after_index_mb": rss_after_index,
        "rss_before_reindex_mb": rss_before_reindex,
        "peak_rss_mb": megabytes(&hwm),
        "hover_p95_ms": millis(hover_p95),
        "reindex_hover_p95_ms": millis(reindex_hover_p95),
        "keystroke_p95_ms": millis(keystroke_p95),
        "name_keystroke_p95_ms": millis(rename_p95),
        "shared_edit": shared_edit,
        "branch_switch": {
            "files": switched.len(),
            "ms": switch_times[0],
            "back_ms": switch_times[1],
            "not_once": switch_bad,
        },
        "failures": failures,
    });
    println!("LSP_BENCH {result}");
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
