//! Finding term files: `*.yaml`/`*.yml` under the glossary root (and nowhere
//! else), minus `[glossary] exclude`, sorted; and resolving the paths given
//! on the command line to a selection of them.

use anyhow::bail;
use gloss_core::config::Exclude;
use std::path::{Path, PathBuf};

pub fn is_term_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// A place the walk found: a term file to read, or one (or a directory)
/// that cannot be read, with the reason. Problems are reported as `io-error`
/// diagnostics on their path, so that every output format shows them.
pub struct Found {
    pub path: PathBuf,
    /// Why the path cannot be read; `None` for a term file to read.
    pub problem: Option<String>,
    /// Whether the path is a directory (a problem only): it names no term.
    pub is_dir: bool,
}

impl Found {
    pub fn file(path: PathBuf) -> Self {
        Self {
            path,
            problem: None,
            is_dir: false,
        }
    }

    fn problem(path: PathBuf, problem: String) -> Self {
        Self {
            path,
            problem: Some(problem),
            is_dir: false,
        }
    }
}

/// Every term file under `root` that `exclude` does not match, sorted by
/// path. Symbolic links to directories are not followed, so a link loop
/// cannot trap the walk; a linked file is read only when its target lies
/// under the root, so nothing outside the glossary is read. Only regular
/// files are read: a FIFO or a device would block or never end. Hidden
/// files and directories (`.git`) are skipped.
pub fn term_files(root: &Path, shown_root: &str, exclude: &Exclude) -> Vec<Found> {
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let walk = Walk {
        shown_root,
        real_root: &real_root,
        exclude,
    };
    let mut found = Vec::new();
    walk.dir(root, &mut String::new(), &mut found);
    found
}

struct Walk<'a> {
    shown_root: &'a str,
    real_root: &'a Path,
    exclude: &'a Exclude,
}

impl Walk<'_> {
    /// `relative` is `dir` relative to the root, `/`-separated, for
    /// `exclude` (empty at the root).
    fn dir(&self, dir: &Path, relative: &mut String, found: &mut Vec<Found>) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => {
                found.push(Found {
                    path: dir.to_path_buf(),
                    problem: Some(format!("cannot read directory: {}", io_reason(&err))),
                    is_dir: true,
                });
                return;
            }
        };
        // Names fetched once and sorted per directory: the walk then yields
        // paths in sorted order without comparing whole paths.
        let mut entries: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|entry| (entry.file_name(), entry))
            .collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, entry) in entries {
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let len = relative.len();
            if !relative.is_empty() {
                relative.push('/');
            }
            relative.push_str(&name.to_string_lossy());
            let path = entry.path();
            if file_type.is_dir() {
                self.dir(&path, relative, found);
            } else if is_term_file(&path) && !self.exclude.is_excluded(relative) {
                if file_type.is_symlink() {
                    self.link(path, found);
                } else if file_type.is_file() {
                    found.push(Found::file(path));
                } else {
                    found.push(Found::problem(path, not_regular()));
                }
            }
            relative.truncate(len);
        }
    }

    /// A linked term file is read when its target is a regular file under
    /// the root; a link to a directory is skipped like any linked directory.
    fn link(&self, path: PathBuf, found: &mut Vec<Found>) {
        let target = match std::fs::canonicalize(&path) {
            Ok(target) => target,
            Err(err) => {
                let problem = format!("cannot follow the symbolic link: {}", io_reason(&err));
                found.push(Found::problem(path, problem));
                return;
            }
        };
        if !target.starts_with(self.real_root) {
            let problem = format!(
                "the symbolic link leads outside the glossary root `{}`; it was not followed",
                self.shown_root
            );
            found.push(Found::problem(path, problem));
            return;
        }
        match std::fs::metadata(&target) {
            Ok(meta) if meta.is_file() => found.push(Found::file(path)),
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => found.push(Found::problem(path, not_regular())),
            Err(err) => {
                let problem = format!("cannot follow the symbolic link: {}", io_reason(&err));
                found.push(Found::problem(path, problem));
            }
        }
    }
}

pub fn not_regular() -> String {
    "not a regular file (a pipe, socket or device?); it was not read".to_owned()
}

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

/// A relative path with `/` between components, as `exclude` and the
/// selection compare them.
pub fn slash_path(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&component.as_os_str().to_string_lossy());
    }
    out
}

/// The OS error without Rust's "(os error N)" suffix.
pub fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
