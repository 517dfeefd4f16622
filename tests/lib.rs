//! Shared helpers for the end-to-end tests: they run the built `gloss`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The `gloss` binary of this build profile, built once if it is missing.
pub fn gloss_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| workspace_root().join("target"), PathBuf::from);
        let profile = if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        };
        let bin = target
            .join(profile)
            .join(format!("gloss{}", std::env::consts::EXE_SUFFIX));
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut build = std::process::Command::new(cargo);
        build.args(["build", "--quiet", "-p", "gloss-cli", "--bin", "gloss"]);
        if profile == "release" {
            build.arg("--release");
        }
        let status = build.current_dir(workspace_root()).status();
        assert!(
            status.is_ok_and(|s| s.success()) || bin.is_file(),
            "cannot build gloss; run `cargo build -p gloss-cli` first"
        );
        bin
    })
    .clone()
}
