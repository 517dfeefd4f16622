//! Benchmark of the language server on a generated glossary (DESIGN.md §8).
//!
//! `cargo run --release -p gloss-lsp --example lsp_bench [N_TERMS]`
//!
//! Generates a deterministic workspace of N_TERMS (default 10,000) realistic
//! term files (~2–3 KB: definition, context, 3–6 FAQs, related links, a
//! challenge word) plus Markdown docs in a temp dir, drives the real server
//! in-process over JSON-RPC, and prints initialize+index time, the time to
//! the initial diagnostics, hover p50/p95, keystroke→publishDiagnostics
//! p50/p95 and resident memory (this process: server plus a tiny client).

#![allow(clippy::print_stdout, clippy::unwrap_used)]

// The allocator of the `gloss` binary that editors run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::Path;
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

fn generate(dir: &Path, n_terms: usize) -> usize {
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
    for i in 0..n_terms {
        let text = term_file(i, n_terms, &words, &mut rng);
        total += text.len();
        std::fs::write(
            root.join(format!("{}.yaml", gloss_core::slug(&name(i)))),
            text,
        )
        .unwrap();
    }
    for d in 0..50 {
        let mut doc = format!("# Notes {d}\n\n");
        for _ in 0..40 {
            let _ = writeln!(doc, "{}\n", sentence(&mut rng, n_terms, true));
        }
        std::fs::write(dir.join(format!("docs/notes-{d}.md")), doc).unwrap();
    }
    total
}

struct Client {
    out: mpsc::UnboundedSender<Vec<u8>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    next_id: i64,
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

fn start() -> Client {
    let (client_side, server_side) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_side);
    tokio::spawn(gloss_lsp::serve(server_read, server_write));
    let (read, mut write) = tokio::io::split(client_side);
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let (in_tx, in_rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(bytes) = out_rx.recv().await {
            if write.write_all(&bytes).await.is_err() {
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
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let at = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[at]
}

fn memory() -> (String, String) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map_or_else(|| "?".to_owned(), |l| l[name.len()..].trim().to_owned())
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time this process has used (user + system), from /proc: on a shared
/// machine it tells the work done apart from the wait for a core.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
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
    let n_terms: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let bytes = generate(dir.path(), n_terms);
    println!(
        "generated {n_terms} terms ({:.1} MB, {:.0} bytes/term) + 50 docs in {:.2?}",
        bytes as f64 / 1e6,
        bytes as f64 / n_terms as f64,
        started.elapsed()
    );
    let root = format!("file://{}", dir.path().display());
    let mut client = start();

    let started = Instant::now();
    let cpu_before = cpu_time();
    client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": root, "workspaceFolders": [{"uri": root, "name": "bench"}], "capabilities": {}}),
        )
        .await;
    let index_time = started.elapsed();
    client.notify("initialized", json!({}));
    let (rss, hwm) = memory();
    println!(
        "initialize + index: {}   (budget 1 s; CPU time {})",
        ms(index_time),
        ms(cpu_time() - cpu_before)
    );
    println!("memory after indexing: VmRSS {rss}, VmHWM {hwm}");

    // Every file with a broken link gets its diagnostics: the backlog is done
    // (they are spread across the glossary, the last one among the last files).
    let n_broken = n_terms / 100;
    let mut broken = std::collections::HashSet::new();
    let mut n_published = 0;
    while broken.len() < n_broken {
        let params = client.diagnostics(|_| true).await;
        n_published += 1;
        let has_broken_link = params["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["code"] == "unknown-related"));
        if has_broken_link {
            broken.insert(params["uri"].as_str().unwrap_or_default().to_owned());
        }
    }
    println!(
        "all initial diagnostics ({n_published} files with findings, {n_broken} with a broken link): {}",
        ms(started.elapsed())
    );

    // Hover: mentions in the definitions of term files (line 4 of each).
    let mut rng = Rng(7);
    let mut hovers = Vec::new();
    let mut hits = 0;
    for _ in 0..1000 {
        let i = rng.below(n_terms);
        let path = dir
            .path()
            .join(format!("glossary/{}.yaml", gloss_core::slug(&name(i))));
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(at) = text.find("much like the ") else {
            continue;
        };
        let at = at + "much like the ".len() + 2;
        let line = text[..at].matches('\n').count();
        let character = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
        let uri = format!("file://{}", path.display());
        let t = Instant::now();
        let hover = client
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
            )
            .await;
        hovers.push(t.elapsed());
        if !hover.is_null() {
            hits += 1;
        }
    }
    let n_hovers = hovers.len();
    println!(
        "hover ({n_hovers} requests, {hits} on a mention): p50 {}, p95 {}   (budget p95 2 ms)",
        ms(percentile(&mut hovers, 0.5)),
        ms(percentile(&mut hovers, 0.95))
    );

    // Keystrokes in an open term file: each edit to its publishDiagnostics.
    let path = dir.path().join(format!(
        "glossary/{}.yaml",
        gloss_core::slug(&name(n_terms / 2))
    ));
    let uri = format!("file://{}", path.display());
    let text = std::fs::read_to_string(&path).unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    client
        .diagnostics(|p| p["uri"] == uri.as_str() && p["version"] == 1)
        .await;
    let line = text
        .lines()
        .position(|l| l.starts_with("context:"))
        .unwrap()
        + 1;
    let mut keystrokes = Vec::new();
    for k in 0..300 {
        let version = k + 2;
        let t = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": line, "character": 2}, "end": {"line": line, "character": 2}}, "text": "x"}],
            }),
        );
        client
            .diagnostics(|p| p["uri"] == uri.as_str() && p["version"] == version)
            .await;
        keystrokes.push(t.elapsed());
    }
    println!(
        "keystroke -> publishDiagnostics ({} edits): p50 {}, p95 {}   (budget p95 15 ms)",
        keystrokes.len(),
        ms(percentile(&mut keystrokes, 0.5)),
        ms(percentile(&mut keystrokes, 0.95))
    );
    // Keystrokes in a term's name: the mention index is rebuilt lazily.
    let mut renames = Vec::new();
    for k in 0..20 {
        let version = 1000 + k;
        let t = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 6}}, "text": "z"}],
            }),
        );
        client
            .diagnostics(|p| p["uri"] == uri.as_str() && p["version"] == version)
            .await;
        renames.push(t.elapsed());
    }
    println!(
        "keystroke in a term name -> publishDiagnostics: p50 {}, p95 {}",
        ms(percentile(&mut renames, 0.5)),
        ms(percentile(&mut renames, 0.95))
    );
    let (rss, hwm) = memory();
    println!("memory at the end: VmRSS {rss}, VmHWM {hwm}   (budget 200 MB)");
    client.request("shutdown", Value::Null).await;
    client.notify("exit", Value::Null);
}
