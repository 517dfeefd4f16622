//! `docs/rules.md` is generated from the registry; this fails when it is stale.

use std::path::Path;

#[test]
fn rules_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let expected = gloss_core::rule::catalogue_markdown();
    if std::env::var_os("GLOSS_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run `GLOSS_UPDATE_DOCS=1 cargo test -p gloss-core --test docs`"
    );
}

/// `docs/config.md` is generated from `gloss_core::config_keys`; its own
/// tests fail when a key the parser accepts is missing there.
#[test]
fn config_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/config.md");
    let expected = gloss_core::config_keys::config_markdown();
    if std::env::var_os("GLOSS_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/config.md is stale: run `GLOSS_UPDATE_DOCS=1 cargo test -p gloss-core --test docs`"
    );
}
