//! Shell completion in a real bash: the script `gloss completions bash`
//! prints asks the built `gloss` at each Tab, so it completes the
//! glossary's term slugs and the rule names besides subcommands.

use gloss_tests::gloss_bin;
use std::path::Path;
use std::process::Command;

/// What bash offers for the command line `words`, the last being the word
/// under the cursor, in `dir`.
fn complete(dir: &Path, words: &[&str]) -> Vec<String> {
    let bin_dir = gloss_bin()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin_dir];
    paths.extend(std::env::split_paths(&path));
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <(gloss completions bash) || exit 3\n\
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_TYPE=9; COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}\n\
         _clap_complete_gloss gloss \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = quoted.join(" "),
        cword = words.len() - 1,
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(dir)
        .env(
            "PATH",
            std::env::join_paths(paths).unwrap_or_else(|e| panic!("{e}")),
        )
        .output()
        .unwrap_or_else(|e| panic!("cannot run bash: {e}"));
    assert!(
        output.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

fn glossary() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let dir = temp.path();
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    };
    write(
        "gloss.toml",
        "[glossary]\nroot = \"terms\"\nexclude = [\"drafts/**\"]\n",
    );
    // Slugs come from file names: the files need not even parse.
    write("terms/product-manager.yaml", "term: Product Manager\n");
    write("terms/product-roadmap.yml", "term: [broken\n");
    write("terms/sprint.yaml", "term: Sprint\n");
    write("terms/drafts/product-draft.yaml", "term: Product Draft\n");
    write("terms/words.txt", "PRODUCE\n");
    temp
}

#[test]
fn term_slugs_complete_for_challenge_and_play() {
    let temp = glossary();
    let dir = temp.path();
    assert_eq!(
        complete(dir, &["gloss", "challenge", "pro"]),
        ["product-manager", "product-roadmap"]
    );
    // An empty word: every slug (an excluded draft is none), then the flags.
    let all = complete(dir, &["gloss", "play", ""]);
    let slugs: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|c| !c.starts_with('-'))
        .collect();
    assert_eq!(slugs, ["product-manager", "product-roadmap", "sprint"]);
    assert!(all.iter().any(|c| c == "--config"), "{all:?}");
    // From a subdirectory, the same glossary (the config is found upwards).
    assert_eq!(
        complete(&dir.join("terms"), &["gloss", "challenge", "sp"]),
        ["sprint"]
    );
}

#[test]
fn rule_names_complete_for_explain() {
    let temp = glossary();
    let mut faq = complete(temp.path(), &["gloss", "explain", "faq-"]);
    faq.sort();
    assert_eq!(faq, ["faq-empty-answer", "faq-not-a-question"]);
    assert_eq!(
        complete(temp.path(), &["gloss", "explain", "self"]),
        ["self-related"]
    );
}

#[test]
fn subcommands_and_flags_still_complete() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let subcommands = complete(temp.path(), &["gloss", "li"]);
    assert_eq!(subcommands, ["lint"]);
    let flags = complete(temp.path(), &["gloss", "lint", "--den"]);
    assert_eq!(flags, ["--deny-warnings"]);
    // No config and no glossary here: no slugs, and no error.
    assert!(complete(temp.path(), &["gloss", "challenge", "x"]).is_empty());
}

/// `gloss SUB -h`'s stdout (the short help: one line per option).
fn help(args: &[&str]) -> String {
    let output = Command::new(gloss_bin())
        .args(args)
        .arg("-h")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    assert_eq!(output.status.code(), Some(0), "gloss {args:?} --help");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The first word of each line of a `--help` section (`Commands:`,
/// `Options:`), up to the blank line that ends it.
fn help_section(help: &str, title: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| *line != title)
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// The long flags of `gloss SUB --help` (`  -h, --help`, `      --fix`).
fn long_flags(sub: &str) -> Vec<String> {
    let text = help(&[sub]);
    let mut flags: Vec<String> = text
        .lines()
        .skip_while(|line| *line != "Options:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| {
            line.split_whitespace()
                .map(|w| w.trim_end_matches(','))
                .find(|w| w.starts_with("--"))
                .map(|w| w.split(['=', '[', '<']).next().unwrap_or(w).to_owned())
        })
        .collect();
    flags.sort();
    flags.dedup();
    flags
}

/// What bash completes is exactly what the CLI declares: every subcommand
/// of `gloss --help` for an empty word, and every long flag of each
/// subcommand's `--help` for `--` (a subcommand or flag the completer lost
/// or invented fails here).
#[test]
fn bash_completes_exactly_the_subcommands_and_flags_of_help() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut declared = help_section(&help(&[]), "Commands:");
    declared.sort();
    for required in [
        "lint",
        "rules",
        "explain",
        "challenge",
        "init",
        "new",
        "import",
        "lsp",
    ] {
        assert!(declared.iter().any(|d| d == required), "{declared:?}");
    }
    let mut offered: Vec<String> = complete(temp.path(), &["gloss", ""])
        .into_iter()
        .filter(|c| !c.starts_with('-'))
        .collect();
    offered.sort();
    assert_eq!(offered, declared, "subcommands");
    for sub in declared.iter().filter(|s| *s != "help") {
        let mut offered = complete(temp.path(), &["gloss", sub, "--"]);
        offered.sort();
        offered.dedup();
        assert_eq!(offered, long_flags(sub), "flags of `gloss {sub}`");
    }
}
