//! Finding term files: `*.yaml`/`*.yml` under the given paths, sorted.

use std::path::{Path, PathBuf};

/// A problem met while walking, reported without stopping the walk.
pub struct WalkError {
    pub message: String,
}

pub fn is_term_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Every term file under `paths` (files are taken as given), sorted and
/// deduplicated. Symbolic links to directories are not followed, so a link
/// loop cannot trap the walk; a linked file is read only when it lies under
/// the directory being walked, so nothing outside the tree is read. Only
/// regular files are read: a FIFO or a device would block or never end.
pub fn term_files(paths: &[PathBuf], errors: &mut Vec<WalkError>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let root = Root {
                    shown: path,
                    real: std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
                };
                walk(path, &root, &mut files, errors);
            }
            Ok(meta) if meta.is_file() => files.push(path.clone()),
            Ok(_) => errors.push(not_regular(path.clone())),
            Err(err) => errors.push(WalkError {
                message: format!("cannot read `{}`: {}", path.display(), io_reason(&err)),
            }),
        }
    }
    files.sort();
    files.dedup();
    files
}

/// The directory a walk started from: linked files must stay under it.
struct Root<'a> {
    shown: &'a Path,
    real: PathBuf,
}

fn not_regular(path: PathBuf) -> WalkError {
    WalkError {
        message: format!(
            "`{}` is not a regular file (a pipe, socket or device?); it was not read",
            path.display()
        ),
    }
}

fn walk(dir: &Path, root: &Root<'_>, files: &mut Vec<PathBuf>, errors: &mut Vec<WalkError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(WalkError {
                message: format!(
                    "cannot read directory `{}`: {}",
                    dir.display(),
                    io_reason(&err)
                ),
            });
            return;
        }
    };
    // Names fetched once: `sort_by_key(DirEntry::file_name)` would allocate
    // two names per comparison.
    let mut entries: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| (entry.file_name(), entry))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, entry) in entries {
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        if file_type.is_dir() {
            walk(&path, root, files, errors);
        } else if is_term_file(&path) {
            if file_type.is_symlink() {
                follow_link(path, root, files, errors);
            } else if file_type.is_file() {
                files.push(path);
            } else {
                errors.push(not_regular(path));
            }
        }
    }
}

/// A linked term file is read when its target is a regular file under the
/// root; a link to a directory is skipped like any linked directory.
fn follow_link(
    path: PathBuf,
    root: &Root<'_>,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<WalkError>,
) {
    let target = match std::fs::canonicalize(&path) {
        Ok(target) => target,
        Err(err) => {
            errors.push(WalkError {
                message: format!(
                    "cannot follow link `{}`: {}",
                    path.display(),
                    io_reason(&err)
                ),
            });
            return;
        }
    };
    if !target.starts_with(&root.real) {
        errors.push(WalkError {
            message: format!(
                "not following link `{}`: it leads outside `{}`",
                path.display(),
                root.shown.display()
            ),
        });
        return;
    }
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_file() => files.push(path),
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => errors.push(not_regular(path)),
        Err(err) => errors.push(WalkError {
            message: format!(
                "cannot follow link `{}`: {}",
                path.display(),
                io_reason(&err)
            ),
        }),
    }
}

/// The OS error without Rust's "(os error N)" suffix.
pub fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
