//! `bench`: one table comparing `gloss lint` with the parse-only floor and
//! with the tools teams use today, at 1k, 10k and 100k terms.

use crate::corpus::Shape;
use anyhow::{Context as _, bail};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What the floor does with each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloorMode {
    /// serde-saphyr into a generic value tree.
    Value,
    /// serde-saphyr into `IgnoredAny`: its own minimum.
    Validate,
    /// The event stream of granit-parser, the parser under serde-saphyr.
    Events,
}

/// Read and parse every `*.yaml` under `dir` with serde-saphyr and nothing
/// else, on all cores: the floor `gloss lint` is measured against. With
/// `value`, build a generic value tree instead of only validating. The
/// Markdown docs in `dir/../docs` are read and parsed too (pulldown-cmark,
/// every event), since `gloss lint` lints them.
pub fn parse_floor(dir: &Path, mode: FloorMode) -> anyhow::Result<(usize, usize)> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    let n_bytes = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            match mode {
                FloorMode::Value => {
                    let _ = serde_saphyr::from_str::<serde_json::Value>(&text);
                }
                FloorMode::Validate => {
                    let _ = serde_saphyr::from_str::<serde::de::IgnoredAny>(&text);
                }
                FloorMode::Events => {
                    for event in serde_saphyr::granit_parser::Parser::new_from_str(&text) {
                        if event.is_err() {
                            break;
                        }
                    }
                }
            }
            text.len()
        })
        .sum::<usize>();
    // The docs `gloss lint` reads (a `docs` folder beside the glossary, as
    // the generated corpora have): read and parsed with pulldown-cmark,
    // which gloss uses too, every event consumed.
    let mut docs = Vec::new();
    if let Some(docs_dir) = dir.parent().map(|p| p.join("docs"))
        && docs_dir.is_dir()
    {
        collect_ext(&docs_dir, &["md"], &mut docs)?;
    }
    let doc_bytes: usize = docs
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let events = pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::all())
                .into_offset_iter()
                .count();
            std::hint::black_box(events);
            text.len()
        })
        .sum();
    Ok((files.len() + docs.len(), n_bytes + doc_bytes))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    collect_ext(dir, &["yaml", "yml"], out)
}

pub fn collect_ext(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_ext(&path, exts, out)?;
        } else if path
            .extension()
            .is_some_and(|e| exts.iter().any(|x| e == *x))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Wall time and peak resident memory of one command, via GNU time.
struct Measured {
    wall: Duration,
    peak_kib: u64,
    stdout: String,
}

fn measure(cmd: &mut Command) -> anyhow::Result<Measured> {
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(ToOwned::to_owned).collect();
    let dir = cmd.get_current_dir().map(Path::to_path_buf);
    let mut timed = Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("GLOSS_TIME %e %M")
        .arg(program)
        .args(args);
    if let Some(dir) = dir {
        timed.current_dir(dir);
    }
    let started = Instant::now();
    let output = timed
        .output()
        .context("cannot run /usr/bin/time (apt-get install time)")?;
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // 0: clean, 1: findings (gloss, yamllint and check-jsonschema alike);
    // anything else (a crash, a usage error, a signal) spoils the numbers.
    if !matches!(output.status.code(), Some(0 | 1)) {
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        bail!(
            "{} {:?} failed ({}):\n{}",
            cmd.get_program().to_string_lossy(),
            cmd.get_args().collect::<Vec<_>>(),
            output.status,
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    let peak_kib = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("GLOSS_TIME "))
        .filter_map(|l| l.split_whitespace().nth(1)?.parse().ok())
        .next_back()
        .unwrap_or(0);
    Ok(Measured {
        wall,
        peak_kib,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    })
}

/// The median of `runs` measurements (by wall time).
/// The median of `runs` runs of each command, after one warm-up run of each
/// (page cache, huge pages). Runs are interleaved so that a change in the
/// machine's load falls on every command alike.
fn medians<const N: usize>(
    runs: usize,
    mut commands: [Command; N],
) -> anyhow::Result<[Measured; N]> {
    let mut all: Vec<Vec<Measured>> = (0..N).map(|_| Vec::new()).collect();
    for round in 0..=runs {
        for (i, cmd) in commands.iter_mut().enumerate() {
            let m = measure(cmd)?;
            if round > 0 {
                all[i].push(m);
            }
        }
    }
    let mut out = Vec::with_capacity(N);
    for mut each in all {
        each.sort_by_key(|m| m.wall);
        let mid = each.len() / 2;
        out.push(each.swap_remove(mid));
    }
    out.try_into()
        .map_err(|_| anyhow::anyhow!("wrong number of measurements"))
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// The value of `--name`, if given.
fn arg<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// The sizes each shape runs at unless `--sizes` says otherwise: the two
/// shapes whose cost grows with the glossary up to 100k, the others to 10k.
fn default_sizes(shape: Shape) -> Vec<usize> {
    match shape {
        Shape::Distinct | Shape::SharedWords => vec![1_000, 10_000, 100_000],
        _ => vec![1_000, 10_000],
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    }
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let sizes: Option<Vec<usize>> = arg(args, "--sizes")
        .map(|list| {
            list.split(',')
                .map(|s| {
                    s.trim()
                        .parse()
                        .context("--sizes takes numbers like 1000,10000")
                })
                .collect::<anyhow::Result<_>>()
        })
        .transpose()?;
    let shapes: Vec<Shape> = match arg(args, "--shapes") {
        Some(list) => list
            .split(',')
            .map(|s| Shape::parse(s.trim()))
            .collect::<anyhow::Result<_>>()?,
        None => Shape::ALL.to_vec(),
    };
    let skip_external = args.iter().any(|a| a == "--skip-external");
    let skip_lsp = args.iter().any(|a| a == "--skip-lsp");
    let root = workspace_root();
    // Where cargo puts the binaries: CARGO_TARGET_DIR when set (relative to
    // the workspace, as cargo reads it), else target/.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| root.join("target"), |dir| root.join(dir));
    for build in [
        &["build", "--release", "-p", "gloss-cli"][..],
        &[
            "build",
            "--release",
            "-p",
            "gloss-lsp",
            "--example",
            "lsp_bench",
        ][..],
    ] {
        if skip_lsp && build.contains(&"lsp_bench") {
            continue;
        }
        let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(build)
            .current_dir(&root)
            .status()?;
        if !status.success() {
            bail!("cannot build: cargo {}", build.join(" "));
        }
    }
    let gloss = target.join("release/gloss");
    let lsp_bench = target.join("release/examples/lsp_bench");
    let xtask = std::env::current_exe()?;
    let venv_bin = target.join("bench-venv/bin");
    let yamllint = venv_bin.join("yamllint");
    let check_jsonschema = venv_bin.join("check-jsonschema");
    let schema = root.join("schema/term.schema.json");

    let mut table = String::from(
        "| shape | terms | docs | gloss lint | peak RSS | floor: validate only | ratio | floor: value tree | ratio | parser events only | ratio | files/s | JSON output | diagnostics |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let mut tools = String::from(
        "| terms | gloss lint | yamllint | check-jsonschema | gloss speed-up vs yamllint / check-jsonschema |\n|---|---|---|---|---|\n",
    );
    let mut catches = String::new();
    let mut lsp = String::from(
        "| shape | terms | initialize + index | RSS after index / peak | hover p95 | keystroke → diagnostics p95 | shared-word edit: own file p95 / all affected p95 (files) | publishes per affected file | branch switch, 1,000 files: all published (back) | publishes per changed file |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let mut lsp_rows = 0;
    let mut lsp_failures = Vec::new();
    for &shape in &shapes {
        for n in sizes.clone().unwrap_or_else(|| default_sizes(shape)) {
            let dir = target.join(format!("bench/{}-{n}", shape.name()));
            let n_docs = shape.default_docs(n);
            if !crate::corpus::is_current(&dir, shape, n, 1) {
                eprintln!(
                    "generating {} {n} terms into {}",
                    shape.name(),
                    dir.display()
                );
                crate::corpus::generate(&dir, shape, n, n_docs, 1)?;
            }
            let runs = if n >= 100_000 { 1 } else { 5 };
            eprintln!("measuring {} {n} terms ({runs} runs each)", shape.name());
            let floor = |mode: Option<&str>| {
                let mut c = Command::new(&xtask);
                c.arg("parse-floor").args(mode).arg(dir.join("glossary"));
                c
            };
            let mut lint_cmd = Command::new(&gloss);
            lint_cmd
                .args(["lint", "--format", "json"])
                .current_dir(&dir);
            let [lint, floor_value, floor_validate, floor_events] = medians(
                runs,
                [
                    lint_cmd,
                    floor(Some("--value")),
                    floor(None),
                    floor(Some("--events")),
                ],
            )?;
            let missed = missed_defects(&dir, &lint.stdout)?;
            if !missed.is_empty() {
                bail!(
                    "gloss lint missed {} planted defects in the {} corpus at {n} terms, e.g. {}",
                    missed.len(),
                    shape.name(),
                    missed[0]
                );
            }
            let n_diagnostics = serde_json::from_str::<serde_json::Value>(&lint.stdout)
                .ok()
                .and_then(|v| v["diagnostics"].as_array().map(Vec::len))
                .context("gloss lint --format json printed no diagnostics array")?;
            let ratio =
                |floor: &Measured| lint.wall.as_secs_f64() / floor.wall.as_secs_f64().max(1e-9);
            let rate = n as f64 / lint.wall.as_secs_f64().max(1e-9);
            let _ = writeln!(
                table,
                "| {} | {} | {} | {} | {} | {} | {:.2}× | {} | {:.2}× | {} | {:.2}× | {rate:.0} | {} | {} |",
                shape.name(),
                thousands(n),
                thousands(n_docs),
                ms(lint.wall),
                mib(lint.peak_kib),
                ms(floor_validate.wall),
                ratio(&floor_validate),
                ms(floor_value.wall),
                ratio(&floor_value),
                ms(floor_events.wall),
                ratio(&floor_events),
                size(lint.stdout.len()),
                thousands(n_diagnostics),
            );
            // The Python tools take minutes at 100k files; they run up to
            // 10k, on the plain shape only (they see no cross-file shape).
            if shape == Shape::Distinct
                && !skip_external
                && n <= 10_000
                && yamllint.is_file()
                && check_jsonschema.is_file()
            {
                let y = measure(
                    Command::new(&yamllint)
                        .args(["-f", "parsable", "-d", "relaxed", "glossary"])
                        .current_dir(&dir),
                )?;
                let mut files = Vec::new();
                collect(&dir.join("glossary"), &mut files)?;
                files.sort();
                let mut cmd = Command::new(&check_jsonschema);
                cmd.arg("--schemafile")
                    .arg(&schema)
                    .args(&files)
                    .current_dir(&dir);
                let c = measure(&mut cmd)?;
                let _ = writeln!(
                    tools,
                    "| {} | {} | {} | {} | {:.1}× / {:.1}× |",
                    thousands(n),
                    ms(lint.wall),
                    ms(y.wall),
                    ms(c.wall),
                    y.wall.as_secs_f64() / lint.wall.as_secs_f64(),
                    c.wall.as_secs_f64() / lint.wall.as_secs_f64()
                );
                if catches.is_empty() {
                    catches = detection_table(&dir, &lint.stdout, &y.stdout, &c.stdout)?;
                }
            }
            if !skip_lsp {
                eprintln!("language server on {} {n} terms", shape.name());
                // The server runs as editors run it: `gloss lsp`, its own
                // process, whose memory is measured alone.
                let output = Command::new(&lsp_bench)
                    .arg("--server")
                    .arg(&gloss)
                    .arg("--corpus")
                    .arg(&dir)
                    .output()?;
                let stdout = String::from_utf8_lossy(&output.stdout);
                let result = stdout
                    .lines()
                    .find_map(|l| l.strip_prefix("LSP_BENCH "))
                    .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok());
                match result {
                    Some(r) => {
                        lsp_rows += 1;
                        lsp.push_str(&lsp_row(shape, n, &r));
                        if !output.status.success() {
                            lsp_failures.push(format!("{} {n}: {}", shape.name(), r["failures"]));
                        }
                    }
                    None => lsp_failures.push(format!(
                        "{} {n}: lsp_bench failed ({}): {}{}",
                        shape.name(),
                        output.status,
                        stdout,
                        String::from_utf8_lossy(&output.stderr)
                    )),
                }
            }
        }
    }
    println!("## gloss lint vs the parse-only floor, by shape\n\n{table}");
    if tools.lines().count() > 2 {
        println!("## Against today's tools (distinct shape)\n\n{tools}");
    }
    if lsp_rows > 0 {
        println!("## Language server (lsp_bench --corpus)\n\n{lsp}");
    }
    if !catches.is_empty() {
        println!("## Planted defects caught (distinct shape, first size)\n\n{catches}");
    }
    println!(
        "## Challenge analysis (reference solver, one word, cold dictionary memo)\n\n{}",
        solver_times()?
    );
    if !lsp_failures.is_empty() {
        bail!(
            "language server checks failed:\n{}",
            lsp_failures.join("\n")
        );
    }
    Ok(())
}

/// One row of the language-server table from `lsp_bench`'s result line.
fn lsp_row(shape: Shape, n: usize, r: &serde_json::Value) -> String {
    let f = |v: &serde_json::Value, digits: usize| {
        v.as_f64()
            .map_or_else(|| "—".to_owned(), |x| format!("{x:.digits$}"))
    };
    let once = |v: &serde_json::Value| match (v["files"].as_u64(), v["not_once"].as_u64()) {
        (Some(files), Some(0)) => format!("once each ({})", thousands(files as usize)),
        (Some(_), Some(bad)) => format!("**{bad} files not once**"),
        _ => "—".to_owned(),
    };
    let edit = &r["shared_edit"];
    let (edit_times, edit_once) = if edit.is_object() {
        (
            format!(
                "{} / {} ms ({})",
                f(&edit["own_p95_ms"], 2),
                f(&edit["all_p95_ms"], 1),
                thousands(edit["files"].as_u64().unwrap_or(0) as usize)
            ),
            once(edit),
        )
    } else {
        ("—".to_owned(), "—".to_owned())
    };
    let switch = &r["branch_switch"];
    format!(
        "| {} | {} | {} ms | {} / {} MB | {} ms | {} ms | {edit_times} | {edit_once} | {} ms ({} ms) | {} |\n",
        shape.name(),
        thousands(n),
        f(&r["index_ms"], 0),
        f(&r["rss_after_index_mb"], 0),
        f(&r["peak_rss_mb"], 0),
        f(&r["hover_p95_ms"], 3),
        f(&r["keystroke_p95_ms"], 2),
        f(&switch["ms"], 0),
        f(&switch["back_ms"], 0),
        once(switch),
    )
}

/// A planted defect as `defects.json` lists it: the file, the gloss rule
/// that must report it (its kind) and the lines a report may start on.
struct Defect {
    path: String,
    rule: String,
    lines: std::ops::RangeInclusive<usize>,
}

impl std::fmt::Display for Defect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}:{}", self.rule, self.path, self.lines.start())
    }
}

fn planted(dir: &Path) -> anyhow::Result<Vec<Defect>> {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("defects.json"))?)?;
    manifest["defects"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let field = |key: &str| {
                d[key]
                    .as_u64()
                    .map(|n| n as usize)
                    .with_context(|| format!("defects.json: a defect without `{key}`: {d}"))
            };
            Ok(Defect {
                path: d["path"].as_str().unwrap_or_default().to_owned(),
                rule: d["kind"].as_str().unwrap_or_default().to_owned(),
                lines: field("line")?..=field("end_line")?,
            })
        })
        .collect()
}

/// Findings as (file relative to the corpus, rule if the tool names one in
/// gloss's terms, 1-based line).
type Findings = std::collections::HashSet<(String, Option<String>, usize)>;

/// Whether a finding reports the defect: the right file and a line the
/// defect spans, and the right rule when the tool names one.
fn reports(findings: &Findings, defect: &Defect, by_rule: bool) -> bool {
    defect.lines.clone().any(|line| {
        let rule = by_rule.then(|| defect.rule.clone());
        findings.contains(&(defect.path.clone(), rule, line))
    })
}

/// The errors and warnings of `gloss lint --format json`, by rule and line.
fn gloss_findings(gloss_json: &str) -> Findings {
    let gloss: serde_json::Value = serde_json::from_str(gloss_json).unwrap_or_default();
    gloss["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["severity"] == "error" || d["severity"] == "warning")
        .filter_map(|d| {
            Some((
                d["path"].as_str()?.to_owned(),
                Some(d["rule"].as_str()?.to_owned()),
                d["range"]["start"]["line"].as_u64()? as usize,
            ))
        })
        .collect()
}

/// The errors of `yamllint -f parsable` (`glossary/x.yaml:12:3: [error] ...`),
/// by line: its rules are its own, so none is named.
fn yamllint_findings(out: &str) -> Findings {
    out.lines()
        .filter(|l| l.contains(": [error] "))
        .filter_map(|l| {
            let mut parts = l.splitn(3, ':');
            let path = parts.next()?.trim_start_matches("./").to_owned();
            let line = parts.next()?.parse().ok()?;
            Some((path, None, line))
        })
        .collect()
}

/// The findings of `check-jsonschema` (text output), by line: a parse error
/// at the lines its message names, a schema error at the line of the value
/// its JSON path names (or of the key an "Additional properties" error
/// names). It names no gloss rule.
fn check_jsonschema_findings(dir: &Path, out: &str) -> Findings {
    let relative = |file: &str| {
        let file = Path::new(file.trim());
        file.strip_prefix(dir)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned()
    };
    let mut findings = Findings::new();
    let mut parse_failure: Option<String> = None;
    for line in out.lines() {
        if let Some(file) = line.trim_start().strip_prefix("Failed to parse ") {
            parse_failure = Some(relative(file));
            continue;
        }
        if let Some((file, rest)) = line.trim_start().split_once("::$") {
            parse_failure = None;
            let (path, message) = rest.split_once(": ").unwrap_or((rest, ""));
            let file = relative(file);
            let text = std::fs::read_to_string(dir.join(&file)).unwrap_or_default();
            let unexpected = message
                .strip_prefix("Additional properties are not allowed ('")
                .and_then(|m| m.split('\'').next());
            if let Some(line) = json_path_line(&text, path, unexpected) {
                findings.insert((file, None, line));
            }
            continue;
        }
        // `  in "<byte string>", line 3, column 9:` under a parse failure.
        if let Some(file) = &parse_failure
            && let Some((_, after)) = line.split_once(", line ")
            && let Some(n) = after.split(',').next().and_then(|n| n.trim().parse().ok())
        {
            findings.insert((file.clone(), None, n));
        }
    }
    findings
}

/// The 1-based line of the node a JSON path (`.faqs[1].question`, after the
/// `$`) names in a YAML text: a mapping entry's key, a sequence item; then,
/// with `key`, that key of the mapping reached.
fn json_path_line(text: &str, path: &str, key: Option<&str>) -> Option<usize> {
    use gloss_core::yaml::{NodeKind, parse};
    let index = gloss_core::LineIndex::new(text);
    let root = parse(text, &index, gloss_core::yaml::Limits::default()).root?;
    let mut node = &root;
    let mut at = root.range.start;
    let mut segments: Vec<String> = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, indices) = part.split_once('[').map_or((part, ""), |(n, i)| (n, i));
        if !name.is_empty() {
            segments.push(name.to_owned());
        }
        for i in indices.split('[') {
            if let Some(i) = i.strip_suffix(']') {
                segments.push(format!("[{i}]"));
            }
        }
    }
    segments.extend(key.map(str::to_owned));
    for segment in &segments {
        match (
            &node.kind,
            segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')),
        ) {
            (NodeKind::Seq(items), Some(i)) => {
                node = items.get(i.parse::<usize>().ok()?)?;
                at = node.range.start;
            }
            (NodeKind::Map(entries), None) => {
                let (k, v) = entries
                    .iter()
                    .find(|(k, _)| k.scalar_text() == Some(segment.as_str()))?;
                at = k.range.start;
                node = v;
            }
            _ => return None,
        }
    }
    Some(index.line_col(text, at).line)
}

/// Planted defects that gloss did not report by their rule on their lines.
fn missed_defects(dir: &Path, gloss_json: &str) -> anyhow::Result<Vec<String>> {
    let findings = gloss_findings(gloss_json);
    Ok(planted(dir)?
        .iter()
        .filter(|d| !reports(&findings, d, true))
        .map(ToString::to_string)
        .collect())
}

/// Which planted defects each tool reports, by kind: gloss by rule and
/// line, yamllint and check-jsonschema (which cannot name gloss's rules) by
/// file and line.
fn detection_table(
    dir: &Path,
    gloss_json: &str,
    yamllint_out: &str,
    cj_out: &str,
) -> anyhow::Result<String> {
    let gloss = gloss_findings(gloss_json);
    let yamllint = yamllint_findings(yamllint_out);
    let check_jsonschema = check_jsonschema_findings(dir, cj_out);
    let mut by_kind: std::collections::BTreeMap<String, (usize, usize, usize, usize)> =
        Default::default();
    for defect in planted(dir)? {
        let entry = by_kind.entry(defect.rule.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(reports(&gloss, &defect, true));
        entry.2 += usize::from(reports(&yamllint, &defect, false));
        entry.3 += usize::from(reports(&check_jsonschema, &defect, false));
    }
    let mut out = String::from(
        "| defect | planted | gloss (rule and line) | yamllint (line) | check-jsonschema (line) |\n|---|---|---|---|---|\n",
    );
    for (kind, (n, g, y, c)) in by_kind {
        let _ = writeln!(out, "| {kind} | {n} | {g} | {y} | {c} |");
    }
    Ok(out)
}

fn solver_times() -> anyhow::Result<String> {
    use gloss_core::challenge::{Dictionary, solve};
    let mut out = String::from("| length | words | p50 | p95 | max |\n|---|---|---|---|---|\n");
    let mut rng = crate::corpus::Rng::new(7);
    for len in [5usize, 6, 7] {
        let words: Vec<String> = Dictionary::builtin()
            .answers(len)
            .map(str::to_owned)
            .collect();
        let mut times = Vec::new();
        for _ in 0..100 {
            let word = &words[rng.below(words.len())];
            let dict = Dictionary::new::<&str>(&[], &[]);
            let started = Instant::now();
            let _ = solve(word, &dict, 6);
            times.push(started.elapsed());
        }
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
        let _ = writeln!(
            out,
            "| {len} | {} | {:.1} ms | {:.1} ms | {:.1} ms |",
            times.len(),
            at(0.5).as_secs_f64() * 1e3,
            at(0.95).as_secs_f64() * 1e3,
            at(1.0).as_secs_f64() * 1e3
        );
    }
    Ok(out)
}
