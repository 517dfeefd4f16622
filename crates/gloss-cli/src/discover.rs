//! Resolving the paths given on the command line to a selection of the
//! glossary's term files (found by `gloss_workspace::walk`).

use anyhow::bail;
use gloss_workspace::paths::{io_reason, slash_path};
use std::path::{Path, PathBuf};

/// Which of the glossary's files a run reports on: all of them, or those
/// the command line names (files, or directories under the root).
pub enum Selection {
    All,
    /// Paths relative to the root (`/`-separated): files, and directory
    /// prefixes ending in `/`.
    Some {
        files: std::collections::HashSet<String>,
        dirs: Vec<String>,
    },
}

impl Selection {
    /// Resolve command-line paths against the root. A path outside the root
    /// is a usage error: gloss lints term files, and term files live under
    /// the root. A directory that holds the root selects all of it.
    pub fn resolve(root: &Path, paths: &[PathBuf], shown_root: &str) -> anyhow::Result<Self> {
        if paths.is_empty() {
            return Ok(Self::All);
        }
        let real_root = std::fs::canonicalize(root)?;
        let mut files = std::collections::HashSet::new();
        let mut dirs = Vec::new();
        for path in paths {
            // A dangling or looping link is still a path in the glossary:
            // selected by its own metadata, reported as an `io-error`.
            let meta = match std::fs::metadata(path).or_else(|_| std::fs::symlink_metadata(path)) {
                Ok(meta) => meta,
                Err(err) => bail!("cannot read `{}`: {}", path.display(), io_reason(&err)),
            };
            // A file's own name is kept (not resolved) so that a linked term
            // file is selected by the name it has in the glossary.
            let real = if meta.is_dir() {
                std::fs::canonicalize(path)?
            } else {
                let parent = match path.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => parent,
                    _ => Path::new("."),
                };
                let Some(name) = path.file_name() else {
                    bail!("`{}` names no file", path.display());
                };
                std::fs::canonicalize(parent)?.join(name)
            };
            if meta.is_dir() && real_root.starts_with(&real) {
                return Ok(Self::All);
            }
            let Ok(relative) = real.strip_prefix(&real_root) else {
                bail!(
                    "`{}` is outside the glossary root `{shown_root}`: gloss lints the term files under the root (set `[glossary] root` in gloss.toml, or pass `--config`)",
                    path.display()
                );
            };
            let relative = slash_path(relative);
            if meta.is_dir() {
                dirs.push(format!("{relative}/"));
            } else {
                files.insert(relative);
            }
        }
        Ok(Self::Some { files, dirs })
    }

    pub fn contains(&self, relative: &str) -> bool {
        match self {
            Self::All => true,
            Self::Some { files, dirs } => {
                files.contains(relative) || dirs.iter().any(|d| relative.starts_with(d))
            }
        }
    }

    /// Files named on the command line (relative to the root), sorted.
    pub fn files(&self) -> Vec<&str> {
        let mut named: Vec<&str> = match self {
            Self::All => Vec::new(),
            Self::Some { files, .. } => files.iter().map(String::as_str).collect(),
        };
        named.sort_unstable();
        named
    }
}
