//! Editor and CI integrations that need no editor to check: shell
//! completions, the pre-commit hook definition, and the VS Code extension's
//! manifest against the commands its code registers. (Real clients: the
//! Neovim end-to-end test in `editors_nvim.rs`; the extension's own logic has
//! `node --test` unit tests in `editors/vscode/test`.)

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn completions(shell: &str) -> std::process::Output {
    Command::new(gloss_tests::gloss_bin())
        .args(["completions", shell])
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"))
}

fn help(args: &[&str]) -> String {
    let output = Command::new(gloss_tests::gloss_bin())
        .args(args)
        .arg("--help")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    assert_eq!(output.status.code(), Some(0), "gloss {args:?} --help");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The lines of a `--help` section (`Commands:`, `Options:`), up to the
/// blank line that ends it.
fn help_section<'a>(help: &'a str, title: &str) -> Vec<&'a str> {
    help.lines()
        .skip_while(|line| *line != title)
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .collect()
}

/// What the CLI itself says: each subcommand (`help` aside) and its long
/// flags, from `gloss --help` and `gloss SUB --help`.
fn cli_surface() -> BTreeMap<String, BTreeSet<String>> {
    let root = help(&[]);
    help_section(&root, "Commands:")
        .iter()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(|name| {
            let flags = help_section(&help(&[name]), "Options:")
                .iter()
                .filter_map(|line| {
                    // `  -h, --help  Print help`, `      --fix  Apply ...`:
                    // the first `--` word, not one quoted in a description.
                    let line = line.trim_start();
                    let line = line
                        .strip_prefix('-')
                        .filter(|rest| !rest.starts_with('-'))
                        .map_or(line, |rest| rest.get(3..).unwrap_or_default());
                    let flag = line.strip_prefix("--")?;
                    Some(flag.split([' ', '=']).next()?.to_owned())
                })
                .collect();
            (name.to_owned(), flags)
        })
        .collect()
}

/// Subcommands and their long flags as a completion script offers them.
fn script_surface(shell: &str, script: &str) -> BTreeMap<String, BTreeSet<String>> {
    let words = |s: &str| -> BTreeSet<String> {
        s.split_whitespace()
            .filter_map(|w| w.strip_prefix("--"))
            .map(str::to_owned)
            .collect()
    };
    let mut surface = BTreeMap::new();
    match shell {
        "bash" => {
            // `gloss)` then `opts="... lint rules ..."`; `gloss__subcmd__lint)`
            // then `opts="-h --format ..."`.
            let opts_after = |label: &str| -> Option<String> {
                let at = script.find(&format!("\n        {label})\n"))?;
                let rest = &script[at..];
                let start = rest.find("opts=\"")? + "opts=\"".len();
                let end = rest[start..].find('"')? + start;
                Some(rest[start..end].to_owned())
            };
            let root = opts_after("gloss").unwrap_or_default();
            for name in root.split_whitespace().filter(|w| !w.starts_with('-')) {
                if name == "help" {
                    continue;
                }
                let opts = opts_after(&format!("gloss__subcmd__{name}")).unwrap_or_default();
                surface.insert(name.to_owned(), words(&opts));
            }
        }
        "zsh" => {
            // `_gloss_commands` lists `'lint:Check ...'`; each `(lint)` arm
            // of the first `case $line[1]` lists `'--fix[...]'` specs.
            let commands = script
                .split("_gloss_commands() {")
                .nth(1)
                .and_then(|rest| rest.split("_describe").next())
                .unwrap_or_default();
            let arms = script
                .split("case $line[1] in")
                .nth(1)
                .and_then(|rest| rest.split("\n        esac").next())
                .unwrap_or_default();
            for line in commands.lines() {
                let Some(name) = line.strip_prefix('\'').and_then(|l| l.split(':').next()) else {
                    continue;
                };
                if name == "help" {
                    continue;
                }
                let arm = arms
                    .split(&format!("({name})\n"))
                    .nth(1)
                    .and_then(|rest| rest.split("\n;;").next())
                    .unwrap_or_default();
                let flags = arm
                    .lines()
                    .filter_map(|spec| {
                        let spec = spec.strip_prefix('\'')?;
                        // `(--diff)--fix[...]`: the exclusion group first.
                        let spec = spec.strip_prefix('(').map_or(spec, |rest| {
                            rest.split_once(')').map_or(rest, |(_, after)| after)
                        });
                        let flag = spec.strip_prefix("--")?;
                        Some(flag.split(['[', '=']).next()?.to_owned())
                    })
                    .collect();
                surface.insert(name.to_owned(), flags);
            }
        }
        "fish" => {
            for line in script.lines() {
                if let Some(rest) = line
                    .strip_prefix("complete -c gloss -n \"__fish_gloss_needs_command\" -f -a \"")
                {
                    let name = rest.split('"').next().unwrap_or_default();
                    if name != "help" {
                        surface.entry(name.to_owned()).or_default();
                    }
                } else if let Some(rest) =
                    line.strip_prefix("complete -c gloss -n \"__fish_gloss_using_subcommand ")
                {
                    let Some((name, options)) = rest.split_once('"') else {
                        continue;
                    };
                    if name.contains(' ') {
                        continue; // `help; and not ...`: the help subcommand's own tree
                    }
                    let mut tokens = options.split_whitespace();
                    while let Some(token) = tokens.next() {
                        if token == "-l"
                            && let Some(flag) = tokens.next()
                        {
                            surface
                                .entry(name.to_owned())
                                .or_default()
                                .insert(flag.to_owned());
                        }
                    }
                }
            }
        }
        other => panic!("no parser for {other}"),
    }
    surface
}

#[test]
fn completions_offer_exactly_the_cli_subcommands_and_flags_in_each_shell() {
    let cli = cli_surface();
    // The documented command line (README) is there, and lint's flags.
    for subcommand in [
        "lint",
        "rules",
        "explain",
        "challenge",
        "play",
        "new",
        "schema",
        "lsp",
        "completions",
    ] {
        assert!(
            cli.contains_key(subcommand),
            "gloss --help lacks `{subcommand}`"
        );
    }
    let lint = cli.get("lint").cloned().unwrap_or_default();
    for flag in [
        "format",
        "fix",
        "diff",
        "unsafe-fixes",
        "deny-warnings",
        "config",
        "help",
    ] {
        assert!(
            lint.contains(flag),
            "gloss lint --help lacks `--{flag}`: {lint:?}"
        );
    }
    for shell in ["bash", "zsh", "fish"] {
        let output = completions(shell);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            script_surface(shell, &script),
            cli,
            "{shell} completions: subcommands and flags differ from --help"
        );
    }
}

#[test]
fn bash_completions_are_valid_bash() {
    let output = completions("bash");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let script = dir.path().join("gloss.bash");
    std::fs::write(&script, &output.stdout).unwrap_or_else(|e| panic!("{e}"));
    // Source it and ask for the completion function, as bash-completion would.
    let check = Command::new("bash")
        .arg("-c")
        .arg(r#"source "$1" && complete -p gloss"#)
        .arg("bash")
        .arg(&script)
        .output();
    match check {
        Ok(check) => assert!(
            check.status.success() && String::from_utf8_lossy(&check.stdout).contains("gloss"),
            "bash rejected the completions: {}",
            String::from_utf8_lossy(&check.stderr)
        ),
        Err(e) => panic!("cannot run bash: {e}"),
    }
}

#[test]
fn completions_reject_an_unknown_shell() {
    let output = completions("tcsh");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("tcsh"));
}

#[test]
fn pre_commit_hook_lints_the_whole_glossary() {
    let path = gloss_tests::workspace_root().join(".pre-commit-hooks.yaml");
    let hooks: Value =
        serde_saphyr::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let hooks = hooks.as_array().cloned().unwrap_or_default();
    let hook = hooks
        .iter()
        .find(|h| h["id"] == "gloss-lint")
        .unwrap_or_else(|| panic!("no `gloss-lint` hook in {hooks:?}"));
    assert_eq!(hook["entry"], "gloss lint");
    assert_eq!(hook["pass_filenames"], false);
    for key in ["name", "language", "files"] {
        assert!(hook[key].is_string(), "the hook lacks `{key}`");
    }
    // The hook must run when a term file or the config changes.
    // pre-commit searches the path with this Python regex; the syntax used
    // reads the same in the `regex` crate.
    let files = hook["files"].as_str().unwrap_or_default();
    let files = regex::Regex::new(files).unwrap_or_else(|e| panic!("`files`: {e}"));
    for path in [
        "glossary/sprint.yaml",
        "glossary/a.yml",
        "gloss.toml",
        "site/gloss.toml",
    ] {
        assert!(files.is_match(path), "`files` skips {path}");
    }
    for path in ["src/main.rs", "notgloss.toml"] {
        assert!(!files.is_match(path), "`files` matches {path}");
    }
}

#[test]
fn vscode_manifest_declares_what_the_extension_registers() {
    let dir = gloss_tests::workspace_root().join("editors/vscode");
    let manifest: Value = serde_json::from_str(&read(&dir.join("package.json")))
        .unwrap_or_else(|e| panic!("package.json: {e}"));
    let source = read(&dir.join("src/extension.ts"));

    let declared: Vec<&str> = manifest["contributes"]["commands"]
        .as_array()
        .map(|commands| {
            commands
                .iter()
                .filter_map(|c| c["command"].as_str())
                .collect()
        })
        .unwrap_or_default();
    let registered: Vec<&str> = source
        .split("registerCommand(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(
        declared, registered,
        "package.json commands and registerCommand calls differ"
    );
    for title in ["Restart Server", "Preview Challenge", "New Term"] {
        assert!(
            manifest["contributes"]["commands"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c["title"] == title)),
            "no `{title}` command"
        );
    }

    let settings = &manifest["contributes"]["configuration"]["properties"];
    assert_eq!(settings["gloss.server.path"]["type"], "string");
    assert_eq!(
        settings["gloss.trace.server"]["enum"],
        serde_json::json!(["off", "messages", "verbose"])
    );
    // vscode-languageclient reads `<id>.trace.server`: the client id must be `gloss`.
    assert!(source.contains("new LanguageClient(\"gloss\""));
    assert!(source.contains("getConfiguration(\"gloss\").get<string>(\"server.path\")"));

    let activation: Vec<&str> = manifest["activationEvents"]
        .as_array()
        .map(|events| events.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for event in ["onLanguage:yaml", "onLanguage:markdown"] {
        assert!(activation.contains(&event), "no activation on {event}");
    }
    assert_eq!(manifest["main"], "./dist/extension.js");
}
