//! Finding and reading the sources of an import: files as named, or the
//! files of the format's extensions under a directory (sorted, hidden
//! entries skipped, links not followed). A source that cannot be used (too
//! large, not UTF-8, unreadable) is reported and skipped, never fatal.

use super::ImportFormat;
use super::map::FieldMap;
use super::model::SourceResult;
use super::{csv, markdown, sphinx};
use anyhow::bail;
use gloss_workspace::paths::display;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Sources larger than this (1 MiB) are reported and skipped.
pub const MAX_SOURCE_BYTES: u64 = 1 << 20;

/// The files to import, in order. A path that does not exist is a usage
/// error (exit 2), as `gloss lint` treats one.
pub fn collect(
    format: ImportFormat,
    paths: &[PathBuf],
    cwd: &Path,
) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let path = cwd.join(path);
        let Ok(meta) = std::fs::metadata(&path) else {
            bail!("source `{}` does not exist", display(&path, cwd));
        };
        if meta.is_dir() {
            let before = files.len();
            walk(&path, format.extensions(), &mut files);
            if files.len() == before {
                crate::out::note!(
                    "note: no `*.{}` file under `{}`",
                    format.extensions().join("`, `*."),
                    display(&path, cwd)
                );
            }
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, extensions, out);
        } else if kind.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
        {
            out.push(path);
        }
    }
}

/// Read and convert every source, on both cores; results in source order.
pub fn read_all(
    format: ImportFormat,
    files: &[PathBuf],
    map: &FieldMap,
    cwd: &Path,
) -> Vec<(String, SourceResult)> {
    files
        .par_iter()
        .map(|path| {
            let shown = display(path, cwd);
            let result = read_one(format, path, &shown, map);
            (shown, result)
        })
        .collect()
}

fn read_one(format: ImportFormat, path: &Path, shown: &str, map: &FieldMap) -> SourceResult {
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(err) => {
            return SourceResult::unusable(format!(
                "cannot read it: {}",
                gloss_workspace::paths::io_reason(&err)
            ));
        }
    };
    if size > MAX_SOURCE_BYTES {
        return SourceResult::unusable(format!(
            "it is {size} bytes, over the import limit of {MAX_SOURCE_BYTES} bytes (1 MiB): skipped"
        ));
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            return SourceResult::unusable(format!(
                "cannot read it: {}",
                gloss_workspace::paths::io_reason(&err)
            ));
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return SourceResult::unusable(
            "it is not UTF-8 text: skipped (convert it with `iconv -t UTF-8`)",
        );
    };
    if text.contains('\0') {
        return SourceResult::unusable("it holds NUL bytes (binary data?): skipped");
    }
    match format {
        ImportFormat::Markdown => {
            let (stem, dir) = page_names(path);
            markdown::import(
                &markdown::Page {
                    origin: shown,
                    stem: &stem,
                    dir,
                },
                &text,
                map,
            )
        }
        ImportFormat::Csv => csv::import(shown, &text, map),
        ImportFormat::Sphinx => sphinx::import(shown, &text),
    }
}

/// A page's id (its file stem; for `index.md`, `_index.md` or `README.md`
/// its directory's name) and the slug of the directory above that.
fn page_names(path: &Path) -> (String, Option<String>) {
    let name = |p: Option<&Path>| {
        p.and_then(Path::file_name)
            .map(|s| s.to_string_lossy().into_owned())
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = path.parent();
    if matches!(
        stem.to_ascii_lowercase().as_str(),
        "index" | "_index" | "readme"
    ) && let Some(dir) = name(parent)
    {
        return (
            dir,
            name(parent.and_then(Path::parent)).map(|d| gloss_core::slug(&d)),
        );
    }
    (stem, name(parent).map(|d| gloss_core::slug(&d)))
}
