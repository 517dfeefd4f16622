//! Editor and CI integrations that need no editor to check: shell
//! completions, the pre-commit hook definition, and the VS Code extension's
//! manifest against the commands its code registers. (Real clients: the
//! Neovim end-to-end test in `editors_nvim.rs`; the extension's own logic has
//! `node --test` unit tests in `editors/vscode/test`.)

use serde_json::Value;
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

/// Each shell's script asks `gloss` itself at Tab time (`COMPLETE=<shell>
/// gloss -- …`): what it completes is tested in a real bash in
/// `completions.rs`; here, that every shell gets such a script.
#[test]
fn completions_register_the_dynamic_completer_in_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = completions(shell);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(
            script.contains("COMPLETE") && script.contains(shell) && script.contains("gloss"),
            "{shell}: the script does not call back into gloss:\n{script}"
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
    // Only glossary workspaces: `onLanguage:yaml` started the client (and its
    // missing-binary error) for every YAML file anywhere.
    assert_eq!(activation, ["workspaceContains:**/gloss.toml"]);
    assert_eq!(manifest["main"], "./dist/extension.js");
}
