//! CLI golden tests: each `tests/cmd/<case>.toml` runs `gloss` in
//! `<case>.in/` and compares stdout, stderr, the exit code and (for fixes)
//! the files afterwards. Regenerate expectations with `TRYCMD=overwrite`.

#[test]
fn cli_golden() {
    trycmd::TestCases::new()
        .register_bin("gloss", gloss_tests::gloss_bin())
        .env("NO_COLOR", "1")
        .case("cmd/*.toml");
}

/// The shipped example lints clean with every docs rule on, `unused-term`
/// (off by default) included: its site pages link each term at its first
/// mention, use no deprecated name, and every term is used.
#[test]
fn shipped_example_lints_clean_with_every_docs_rule_on() {
    let root = gloss_tests::workspace_root();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    for sub in ["glossary", "site"] {
        copy_tree(&root.join(sub), &dir.path().join(sub));
    }
    let config = std::fs::read_to_string(root.join("gloss.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(config.contains("docs = [\"site/**/*.md\"]"), "{config}");
    assert!(!config.contains("[rules]"), "the example turns no rule off");
    std::fs::write(
        dir.path().join("gloss.toml"),
        format!("{config}\n[rules]\nunused-term = \"info\"\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(gloss_tests::gloss_bin())
        .args(["lint", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run gloss: {e}"));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"));
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");
    let n_pages = std::fs::read_dir(root.join("site"))
        .map(|d| d.count())
        .unwrap_or_default();
    assert!(n_pages >= 3, "the example has its own pages");
    assert_eq!(out.status.code(), Some(0));
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
