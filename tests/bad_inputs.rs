//! The bad-input corpus (`tests/fixtures/bad/cases.toml`) against the built
//! binary: every case is linted next to a valid sibling term and must give
//! its expected diagnostics and exit code, leave the sibling linted, never
//! panic (exit 101) and never run past the time bound.

use gloss_tests::gloss_bin;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// No input may keep `gloss lint` busy longer than this (debug build, a
/// loaded 2-core machine included).
const TIME_BOUND: Duration = Duration::from_secs(20);

const SIBLING: &str = "glossary/sprint-review.yaml";

fn fixtures() -> PathBuf {
    gloss_tests::workspace_root().join("tests/fixtures/bad")
}

pub(crate) struct Case {
    pub(crate) name: String,
    file: Option<String>,
    generate: Option<String>,
    setup: Option<String>,
    install_as: String,
    config: String,
    exit: i32,
    rules: BTreeSet<String>,
    message: Option<String>,
    stderr: Option<String>,
    n_files: u64,
}

pub(crate) fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(fixtures().join("cases.toml")).unwrap_or_default();
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("cases.toml: {e}"));
    let Some(toml::Value::Array(cases)) = table.get("case") else {
        panic!("cases.toml has no [[case]]")
    };
    cases
        .iter()
        .map(|case| {
            let str_of = |key: &str| case.get(key).and_then(|v| v.as_str()).map(str::to_owned);
            let name = str_of("name").unwrap_or_default();
            let file = str_of("file");
            let generate = str_of("generate");
            let setup = str_of("setup");
            let default_as = file
                .clone()
                .or_else(|| generate.as_ref().map(|g| format!("{g}.yaml")))
                .unwrap_or_default();
            Case {
                file,
                generate,
                setup,
                install_as: str_of("as").unwrap_or(default_as),
                config: str_of("config").unwrap_or_default(),
                exit: case
                    .get("exit")
                    .and_then(toml::Value::as_integer)
                    .and_then(|e| i32::try_from(e).ok())
                    .unwrap_or_else(|| panic!("{name}: no exit")),
                rules: case
                    .get("rules")
                    .and_then(|v| v.as_array())
                    .unwrap_or_else(|| panic!("{name}: no rules"))
                    .iter()
                    .filter_map(|r| r.as_str().map(str::to_owned))
                    .collect(),
                message: str_of("message"),
                stderr: str_of("stderr"),
                n_files: case
                    .get("files")
                    .and_then(toml::Value::as_integer)
                    .and_then(|n| u64::try_from(n).ok())
                    .unwrap_or(2),
                name,
            }
        })
        .collect()
}

/// The valid term most generated cases start from.
fn valid_term() -> String {
    std::fs::read_to_string(fixtures().join("files/crlf.yaml"))
        .unwrap_or_default()
        .replace("\r\n", "\n")
}

/// Inputs too big to commit, built the same way every time.
fn generated(kind: &str) -> Vec<u8> {
    let valid = valid_term();
    let text = match kind {
        "nesting-flow" => format!(
            "term: Deep\ndefinition: {}{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
        "nesting-block" => format!("term: Deep\ndefinition:\n{}x\n", "- ".repeat(10_000)),
        "long-word" => valid.replace("word: REFINE", &format!("word: {}", "R".repeat(10_000))),
        "size-20mb" => {
            let line = "  Backlog Grooming keeps the backlog refined, ordered and ready to plan.\n";
            let n_lines = 20 * 1024 * 1024 / line.len() + 1;
            format!("{valid}context: >-\n{}", line.repeat(n_lines))
        }
        "placeholders-1mb" => {
            // 200,000 `TODO`s on one line: a finding each, rendered with the
            // 1 MB line, would be quadratic output (it ran out of memory).
            format!("{valid}context: >-\n  {}\n", "TODO ".repeat(200_000))
        }
        "keys-60k" => {
            // One mapping of 60,000 keys and a repeat at the end: finding a
            // repeated key must not scan every earlier key (that took 28 s
            // for 104k keys in a release build).
            let mut text = valid.clone();
            for i in 0..60_000 {
                text.push_str(&format!("x{i}: v\n"));
            }
            text.push_str("x5: again\n");
            text
        }
        "lines-100k-read" => {
            let (head, tail) = valid.split_once("challenge:").unwrap_or((&valid, ""));
            let mut text = head.to_owned();
            // 25,000 more FAQs of four lines each, five YAML nodes each.
            for i in 0..25_000 {
                text.push_str(&format!(
                    "  - question: How is item {i} refined in Backlog Grooming?\n    answer: >-\n      The team splits, estimates\n      and orders item {i}.\n"
                ));
            }
            text.push_str("challenge:");
            text.push_str(tail);
            assert!(text.lines().count() > 100_000);
            text
        }
        "lines-100k" => {
            let (head, tail) = valid.split_once("challenge:").unwrap_or((&valid, ""));
            let mut text = head.to_owned();
            // 50,000 more FAQs of two lines each: over 100,000 lines.
            for i in 0..50_000 {
                text.push_str(&format!(
                    "  - question: How is item {i} refined in Backlog Grooming?\n    answer: The team splits, estimates and orders item {i}.\n"
                ));
            }
            text.push_str("challenge:");
            text.push_str(tail);
            assert!(text.lines().count() > 100_000);
            text
        }
        other => panic!("unknown generator `{other}`"),
    };
    text.into_bytes()
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    let (target, link) = (target.as_ref(), link.as_ref());
    std::os::unix::fs::symlink(target, link)
        .unwrap_or_else(|e| panic!("symlink {} -> {}: {e}", link.display(), target.display()));
}

/// What a setup needs from the runner besides the glossary.
#[derive(Default)]
pub(crate) struct Prepared {
    /// Why the case's assertions do not apply on this machine.
    pub(crate) skip: Option<String>,
    /// The outcome expected instead of the case's own, and why: as root,
    /// `chmod 000` does not stop the read.
    pub(crate) instead: Option<(Outcome, &'static str)>,
}

/// What `gloss lint` must answer for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome {
    exit: i32,
    rules: BTreeSet<String>,
    message: Option<String>,
}

#[cfg(unix)]
fn set_up(kind: &str, dir: &Path, glossary: &Path, case: &Case) -> Prepared {
    use std::os::unix::fs::PermissionsExt as _;
    let valid = valid_term();
    let at = glossary.join(&case.install_as);
    let mut prepared = Prepared::default();
    match kind {
        "symlink-inside" => {
            // A hidden directory is not walked, so the target is linted once.
            let store = glossary.join(".store");
            write(&store.join("backlog-grooming.yaml"), valid.as_bytes());
            symlink(".store/backlog-grooming.yaml", &at);
        }
        "symlink-outside" => {
            let outside = dir.join("outside/secret.yaml");
            write(&outside, valid.as_bytes());
            symlink("../outside/secret.yaml", &at);
        }
        "symlink-dangling" => symlink("nowhere.yaml", &at),
        "symlink-loop-files" => {
            symlink("b.yaml", &at);
            symlink("a.yaml", glossary.join("b.yaml"));
        }
        "symlink-loop-dir" => {
            symlink(".", &at);
            symlink("..", glossary.join("up"));
            symlink(".", glossary.join("self"));
        }
        "dir-named-yaml" => write(&at, valid.as_bytes()),
        "fifo" => {
            let status = Command::new("mkfifo").arg(&at).status();
            assert!(status.is_ok_and(|s| s.success()), "mkfifo");
        }
        "unreadable" => {
            write(&at, valid.as_bytes());
            let _ = std::fs::set_permissions(&at, std::fs::Permissions::from_mode(0o000));
            if std::fs::read(&at).is_ok() {
                // root reads a file whatever its mode (CI runs as root): then
                // the file is a valid term and must be linted as one, with
                // no finding and exit 0. The CLI's unit tests cover a read
                // that fails for root too (`/proc/self/clear_refs`).
                let linted = Outcome {
                    exit: 0,
                    rules: BTreeSet::new(),
                    message: None,
                };
                prepared.instead = Some((linted, "chmod 000 does not stop root from reading"));
            }
        }
        other => panic!("unknown setup `{other}`"),
    }
    prepared
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Run `gloss` in `dir`, killing it once the time bound is past.
fn run_bounded(dir: &Path, args: &[String]) -> Run {
    let bin = gloss_bin();
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = child.stdout.take().map(|p| drain(Box::new(p)));
    let stderr = child.stderr.take().map(|p| drain(Box::new(p)));
    let code = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status.code(),
            Ok(None) if started.elapsed() > TIME_BOUND => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => panic!("waiting for gloss: {e}"),
        }
    };
    let elapsed = started.elapsed();
    let join = |h: Option<std::thread::JoinHandle<String>>| {
        h.map(|h| h.join().unwrap_or_default()).unwrap_or_default()
    };
    Run {
        code,
        stdout: join(stdout),
        stderr: join(stderr),
        elapsed,
    }
}

/// Lay out a case's glossary in `dir`: its config, the sibling and the case.
pub(crate) fn install(case: &Case, dir: &Path) -> Prepared {
    let glossary = dir.join("glossary");
    write(&dir.join("gloss.toml"), case.config.as_bytes());
    let sibling = std::fs::read(fixtures().join("sibling.yaml")).unwrap_or_default();
    write(&dir.join(SIBLING), &sibling);
    let mut prepared = Prepared::default();
    if let Some(file) = &case.file {
        let bytes = std::fs::read(fixtures().join("files").join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        write(&glossary.join(&case.install_as), &bytes);
    } else if let Some(kind) = &case.generate {
        write(&glossary.join(&case.install_as), &generated(kind));
    } else if let Some(kind) = &case.setup {
        #[cfg(unix)]
        {
            prepared = set_up(kind, dir, &glossary, case);
        }
        #[cfg(not(unix))]
        {
            prepared.skip = Some(format!("setup `{kind}` needs a Unix file system"));
        }
    }
    prepared
}

/// Lint one case; every mismatch is returned, not panicked on, so that one
/// run reports every broken case.
fn check_case(case: &Case) -> Vec<String> {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let dir = temp.path();
    let prepared = install(case, dir);
    let mut problems = Vec::new();
    let mut args: Vec<String> = vec!["lint".into(), "--format".into(), "json".into()];
    let json = run_bounded(dir, &args);
    args[2] = "human".into();
    let human = run_bounded(dir, &args);
    for (format, run) in [("json", &json), ("human", &human)] {
        match run.code {
            None => problems.push(format!(
                "{format}: no exit within {TIME_BOUND:?} (killed after {:?})",
                run.elapsed
            )),
            Some(101) => problems.push(format!("{format}: panicked: {}", run.stderr)),
            Some(_) => {}
        }
        if run.stderr.contains("panicked") {
            problems.push(format!("{format}: panic message on stderr: {}", run.stderr));
        }
    }
    if let Some(why) = &prepared.skip {
        eprintln!(
            "note: `{}`: expected outcome not asserted: {why}",
            case.name
        );
        return problems;
    }
    let want = match &prepared.instead {
        Some((instead, why)) => {
            eprintln!("note: `{}`: {why}; expecting {instead:?}", case.name);
            instead.clone()
        }
        None => Outcome {
            exit: case.exit,
            rules: case.rules.clone(),
            message: case.message.clone(),
        },
    };
    if json.code != Some(want.exit) || human.code != Some(want.exit) {
        problems.push(format!(
            "exit: expected {}, got {:?} (json) / {:?} (human); stderr: {}",
            want.exit, json.code, human.code, json.stderr
        ));
    }
    if let Some(want) = &case.stderr
        && !json.stderr.to_lowercase().contains(&want.to_lowercase())
    {
        problems.push(format!("stderr lacks {want:?}: {:?}", json.stderr));
    }
    // Human output never carries a raw escape character to the terminal.
    if human.stdout.contains('\u{1b}') {
        problems.push("human output contains a raw ESC".to_owned());
    }
    let report: Value = match serde_json::from_str(&json.stdout) {
        Ok(report) => report,
        Err(e) => {
            problems.push(format!(
                "--format json is not JSON ({e}): {:.300}",
                json.stdout
            ));
            return problems;
        }
    };
    let n_files = report["summary"]["files"].as_u64();
    if n_files != Some(case.n_files) {
        problems.push(format!(
            "files linted: expected {}, got {n_files:?}",
            case.n_files
        ));
    }
    let diagnostics = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let case_path = format!("glossary/{}", case.install_as);
    let of_case: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["path"] == case_path.as_str())
        .collect();
    let rules: BTreeSet<String> = of_case
        .iter()
        .filter_map(|d| d["rule"].as_str().map(str::to_owned))
        .collect();
    if rules != want.rules {
        problems.push(format!(
            "rules: expected {:?}, got {rules:?}: {}",
            want.rules,
            of_case
                .iter()
                .map(|d| format!("{}: {:.200}", d["rule"], d["message"]))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    if let Some(want) = &want.message
        && !of_case.iter().any(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains(want.as_str()))
        })
    {
        problems.push(format!("no diagnostic message contains {want:?}"));
    }
    // The sibling was linted: its one warning is there, and nothing else.
    let of_sibling: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d["path"] == SIBLING)
        .filter_map(|d| d["rule"].as_str())
        .collect();
    if of_sibling != ["faq-not-a-question"] {
        problems.push(format!(
            "the sibling should give exactly faq-not-a-question, got {of_sibling:?}"
        ));
    }
    // Every diagnostic of the case lands inside the file, never at line 0.
    for d in &of_case {
        let start = &d["range"]["start"];
        if start["line"].as_u64().unwrap_or(0) < 1 || start["column"].as_u64().unwrap_or(0) < 1 {
            problems.push(format!("a range outside the file: {d}"));
        }
    }
    problems
}

#[test]
fn corpus_has_every_listed_kind() {
    let cases = cases();
    // Exact: a case that vanishes from cases.toml (a bad merge, a typo in
    // `[[case]]`) fails here instead of passing unnoticed.
    assert_eq!(cases.len(), 59, "cases in tests/fixtures/bad/cases.toml");
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names.iter().collect::<BTreeSet<_>>().len(),
        names.len(),
        "case names must be unique"
    );
    for case in &cases {
        let sources = [&case.file, &case.generate, &case.setup]
            .iter()
            .filter(|s| s.is_some())
            .count();
        assert_eq!(sources, 1, "{}: one of file, generate, setup", case.name);
        if let Some(file) = &case.file {
            assert!(fixtures().join("files").join(file).is_file(), "{file}");
        }
    }
}

/// Run the case of cases.toml named `name`; fail with every mismatch.
fn run_case(name: &str) {
    let Some(case) = cases().into_iter().find(|c| c.name == name) else {
        panic!("no case named {name:?} in tests/fixtures/bad/cases.toml");
    };
    let started = Instant::now();
    let problems = check_case(&case);
    eprintln!("{:>6.2}s  {}", started.elapsed().as_secs_f64(), case.name);
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
}

/// One `#[test]` per case, so a failure names its case and the others
/// still run (`cargo test -p gloss-tests bad_inputs::case::` runs them
/// all). `every_case_of_cases_toml_has_its_test` keeps this list and the
/// file in step.
macro_rules! case_tests {
    ($($test:ident: $name:literal,)*) => {
        const CASE_NAMES: &[&str] = &[$($name),*];
        mod case {
            $(
                #[test]
                fn $test() {
                    super::run_case($name);
                }
            )*
        }
    };
}

case_tests! {
    invalid_utf_8: "invalid UTF-8",
    utf_16_le_with_bom: "UTF-16 little-endian with BOM",
    utf_16_be_with_bom: "UTF-16 big-endian with BOM",
    a_nul_byte: "a NUL byte",
    raw_control_characters: "raw control characters (ESC, BEL) in a plain scalar",
    an_empty_file: "an empty file",
    only_whitespace: "only whitespace",
    only_comments: "only comments",
    only_a_document_marker: "only a document marker",
    only_a_utf_8_bom: "only a UTF-8 BOM",
    a_utf_8_bom_before_a_valid_term: "a UTF-8 BOM before a valid term",
    several_yaml_documents: "several YAML documents in one file",
    tabs_in_indentation: "tabs in indentation",
    an_unclosed_flow_sequence: "an unclosed flow sequence",
    an_unknown_escape: "an unknown escape in a double-quoted string",
    the_root_is_a_list: "the root is a list",
    the_root_is_a_string: "the root is a string",
    billion_laughs_alias_bomb: "billion laughs alias bomb",
    a_merge_key: "a merge key `<<`",
    duplicate_keys: "duplicate keys",
    mapping_and_sequence_keys: "mapping and sequence keys",
    unknown_fields: "unknown fields",
    tagged_values: "tagged values (!!binary, a custom tag)",
    nesting_10k_flow: "nesting 10,000 levels deep (flow)",
    nesting_10k_block_sequences: "nesting 10,000 levels deep (block sequences)",
    every_field_with_the_wrong_type: "every field with the wrong type",
    faqs_is_a_string: "faqs is a string",
    faq_items_of_the_wrong_shape: "FAQ items of the wrong shape",
    challenge_fields_of_the_wrong_type: "challenge fields of the wrong type",
    word_123456: "word: 123456",
    word_true: "word: true",
    term_yes: "term: yes (a string in YAML 1.2)",
    term_true: "term: true",
    term_null: "term: ~",
    fields_left_empty_or_null: "fields left empty or null",
    an_integer_too_big_for_128_bits: "an integer too big for 128 bits",
    nan_and_inf: ".nan and -.inf",
    a_10k_character_challenge_word: "a 10,000-character challenge word",
    a_lowercase_challenge_word: "a lowercase challenge word (fixable)",
    emoji_cjk_rtl_and_combining: "emoji, CJK, right-to-left and combining characters in every text field",
    hostile_text: "hostile text: links, HTML, %0A, ANSI escapes",
    crlf_line_endings: "CRLF line endings",
    mixed_lf_and_crlf_line_endings: "mixed LF and CRLF line endings",
    cr_only_line_endings: "CR-only line endings",
    a_20_mb_file_over_the_limit: "a 20 MB file (over the default 1 MiB limit)",
    a_20_mb_file_read_in_full: "a 20 MB file read in full (limit raised): the time bound",
    a_100k_line_term_over_the_node_budget: "a 100,000-line term: over the parser's node budget",
    a_100k_line_term_read_in_full: "a 100,000-line term read in full (limit raised): the time bound",
    placeholders_200k_on_one_line: "200,000 placeholders on one 1 MB line: bounded findings",
    keys_60k_in_one_mapping: "60,000 keys in one mapping and a repeated one: the time bound",
    a_configured_size_limit: "a configured size limit",
    a_symlink_inside_the_root: "a term file that is a symlink (inside the root)",
    a_symlink_leading_outside_the_root: "a symlink leading outside the glossary root",
    a_dangling_symlink: "a dangling symlink",
    a_symlink_loop_between_two_files: "a symlink loop between two term files",
    a_symlink_loop_in_the_glossary: "a symlink loop in the glossary directory",
    a_directory_named_x_yaml: "a directory named x.yaml",
    a_fifo_named_like_a_term_file: "a FIFO named like a term file",
    an_unreadable_file_chmod_000: "an unreadable file (chmod 000)",
}

#[test]
fn every_case_of_cases_toml_has_its_test() {
    let in_file: Vec<String> = cases().into_iter().map(|c| c.name).collect();
    let listed: Vec<String> = CASE_NAMES.iter().map(|&n| n.to_owned()).collect();
    assert_eq!(listed, in_file, "case_tests! and cases.toml, in order");
}

/// `--fix` never writes through a link: not one leading outside the root
/// (which is not even read), not one inside it, not one given by name.
#[cfg(unix)]
#[test]
fn fix_never_writes_through_a_symlink() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let dir = temp.path();
    write(&dir.join("gloss.toml"), b"");
    // A lowercase challenge word: a fixable finding.
    let fixable = valid_term().replace("word: REFINE", "word: refine");
    let outside = dir.join("outside/backlog-grooming.yaml");
    write(&outside, fixable.as_bytes());
    let inside = dir.join("glossary/.store/backlog-grooming.yaml");
    write(&inside, fixable.as_bytes());
    std::fs::create_dir_all(dir.join("glossary")).unwrap_or_else(|e| panic!("{e}"));
    symlink(
        "../outside/backlog-grooming.yaml",
        dir.join("glossary/escape.yaml"),
    );
    symlink(
        ".store/backlog-grooming.yaml",
        dir.join("glossary/backlog-grooming.yaml"),
    );

    let walked = run_bounded(dir, &["lint".into(), "--fix".into()]);
    assert_eq!(walked.code, Some(1), "{}", walked.stderr);
    assert!(
        walked.stdout.contains("error[io-error]")
            && walked.stdout.contains("leads outside the glossary root"),
        "{}",
        walked.stdout
    );
    let named = run_bounded(
        dir,
        &["lint".into(), "--fix".into(), "glossary/escape.yaml".into()],
    );
    assert_eq!(named.code, Some(1), "{}{}", named.stdout, named.stderr);
    for path in [&outside, &inside] {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(text, fixable, "{} was written", path.display());
    }
    // The links are still links.
    for link in ["glossary/escape.yaml", "glossary/backlog-grooming.yaml"] {
        let meta = std::fs::symlink_metadata(dir.join(link)).unwrap_or_else(|e| panic!("{e}"));
        assert!(meta.file_type().is_symlink(), "{link}");
    }
}
