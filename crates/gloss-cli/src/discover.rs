//! Finding term files: `*.yaml`/`*.yml` under the given paths, sorted.

use std::path::{Path, PathBuf};

/// A problem met while walking, reported without stopping the walk.
pub struct WalkError {
    pub path: PathBuf,
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
/// loop cannot trap the walk and nothing outside the tree is read.
pub fn term_files(paths: &[PathBuf], errors: &mut Vec<WalkError>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, errors),
            Ok(_) => files.push(path.clone()),
            Err(err) => errors.push(WalkError {
                path: path.clone(),
                message: format!("cannot read `{}`: {}", path.display(), io_reason(&err)),
            }),
        }
    }
    files.sort();
    files.dedup();
    files
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<WalkError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(WalkError {
                path: dir.to_path_buf(),
                message: format!(
                    "cannot read directory `{}`: {}",
                    dir.display(),
                    io_reason(&err)
                ),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if file_type.is_dir() {
            walk(&path, files, errors);
        } else if is_term_file(&path) {
            if file_type.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(meta) if meta.is_file() => files.push(path),
                    Ok(_) => {}
                    Err(err) => errors.push(WalkError {
                        message: format!(
                            "cannot follow link `{}`: {}",
                            path.display(),
                            io_reason(&err)
                        ),
                        path,
                    }),
                }
            } else {
                files.push(path);
            }
        }
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
