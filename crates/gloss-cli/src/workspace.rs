//! The configuration of a command, found and loaded by the workspace layer
//! (`gloss-workspace`, shared with the language server). A problem with it
//! stops the command (exit 2): CI must not pass on defaults it did not ask
//! for.

use gloss_workspace::config::{self, Settings};
use std::path::Path;

pub use gloss_workspace::paths::display;

/// `--config PATH`, else the first `gloss.toml` walking up from `cwd`, else
/// every default.
pub fn settings(explicit: Option<&Path>, cwd: &Path) -> anyhow::Result<Settings> {
    match config::load(explicit, cwd) {
        (settings, None) => Ok(settings),
        (_, Some(problem)) => {
            // The config file as the user named it, or relative to here.
            let shown = explicit.map_or_else(
                || display(&problem.path, cwd),
                |path| path.display().to_string(),
            );
            anyhow::bail!("{}", problem.message(&shown))
        }
    }
}
