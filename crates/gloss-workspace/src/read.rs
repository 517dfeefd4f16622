//! Reading term files, with the size limit, as both front ends do.

use crate::paths::io_reason;
use crate::walk::Found;
use gloss_core::{Config, TermFile};
use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

/// A found path as a term file named `shown` in messages: parsed, or an
/// `io-error` when it cannot be read, so that the problem shows in every
/// output format and in the editor.
pub fn read_found(found: &Found, shown: &str, config: &Config) -> TermFile {
    match &found.problem {
        Some(problem) => TermFile::unreadable(shown, problem.clone()),
        None => read_term(&found.path, shown, config),
    }
}

/// As [`read_found`], sharing `old` (the same file in the glossary a reload
/// replaces) when the file still holds its bytes under the same name: a
/// term file's parse depends on its name and bytes alone, once they are
/// within the size limit.
pub fn read_found_reusing(
    found: &Found,
    shown: &str,
    config: &Config,
    old: Option<&Arc<TermFile>>,
) -> Arc<TermFile> {
    // An old parse is only as good as its text is the file's bytes: not one
    // of a file that could not be read (no text) or was not UTF-8 (its text
    // repaired, U+FFFD for each bad byte).
    let old = old
        .filter(|old| old.path == shown && !old.text.is_empty() && !old.text.contains('\u{FFFD}'));
    match (&found.problem, old) {
        (None, Some(old)) => match read_bytes(&found.path, config) {
            Ok(Some(bytes)) if bytes == old.text.as_bytes() => Arc::clone(old),
            Ok(Some(bytes)) => Arc::new(TermFile::from_vec(shown, bytes, config)),
            _ => Arc::new(read_found(found, shown, config)),
        },
        _ => Arc::new(read_found(found, shown, config)),
    }
}

/// Read and parse one term file; one over `max-file-size` is reported by
/// its size without being loaded, one that cannot be read is an `io-error`.
pub fn read_term(path: &Path, shown: &str, config: &Config) -> TermFile {
    load(path, shown, config).unwrap_or_else(|err| {
        TermFile::unreadable(shown, format!("cannot read the file: {}", io_reason(&err)))
    })
}

fn load(path: &Path, shown: &str, config: &Config) -> std::io::Result<TermFile> {
    Ok(match read_bytes(path, config)? {
        Some(bytes) => TermFile::from_vec(shown, bytes, config),
        None => {
            let size = std::fs::metadata(path)?.len();
            TermFile::too_large(shown, size, config.max_file_size)
        }
    })
}

/// A term file's bytes, or `None` when it is over the size limit (then it
/// is not read). At most the limit plus one byte is read, so a file that
/// grows after the size check is still seen to be too large.
fn read_bytes(path: &Path, config: &Config) -> std::io::Result<Option<Vec<u8>>> {
    let meta = std::fs::metadata(path)?;
    // Opening a FIFO blocks until a writer comes; the walk skips them, this
    // catches one swapped in since.
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let size = meta.len();
    let limit = config.max_file_size as u64;
    if size > limit {
        return Ok(None);
    }
    // Sized from the metadata so the buffer becomes the text without a copy
    // or spare capacity; a file that grows after the size check is still
    // read only up to the limit plus one byte, so `from_vec` sees it is too
    // large.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    std::fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// A term file's text from the editor, judged as the disk's would be (the
/// size limit, NUL bytes), so that the editor shows what `gloss lint` will.
pub fn term_from_text(shown: &str, text: String, config: &Config) -> TermFile {
    TermFile::from_vec(shown, text.into_bytes(), config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(file: &TermFile) -> Vec<(&str, &str)> {
        file.parsed
            .diagnostics
            .iter()
            .map(|d| (d.rule, d.message.as_str()))
            .collect()
    }

    #[test]
    fn a_read_that_fails_even_for_root_is_an_io_error() {
        // Write-only for everyone, and every read fails with EINVAL even as
        // root: what CI runs as, where `chmod 000` stops nobody.
        let path = Path::new("/proc/self/clear_refs");
        if !path.exists() {
            return;
        }
        let file = read_found(
            &Found::file(path.to_path_buf()),
            "clear_refs",
            &Config::default(),
        );
        let found = rules(&file);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "io-error");
        assert!(
            found[0].1.starts_with("cannot read the file: "),
            "{found:?}"
        );
        assert!(!file.fixable());
    }

    #[test]
    fn a_problem_met_by_the_walk_is_an_io_error_without_reading() {
        let found = Found {
            path: "/g/pipe.yaml".into(),
            problem: Some(crate::walk::not_regular()),
            is_dir: false,
        };
        let file = read_found(&found, "pipe.yaml", &Config::default());
        assert_eq!(file.path, "pipe.yaml");
        assert_eq!(
            rules(&file),
            [(
                "io-error",
                "not a regular file (a pipe, socket or device?); it was not read"
            )]
        );
    }

    #[test]
    fn files_over_the_limit_are_not_read_from_disk_or_the_editor() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("big.yaml");
        let text = "term: big\n".repeat(100);
        std::fs::write(&path, &text)?;
        let config = Config {
            max_file_size: 10,
            ..Config::default()
        };
        // A file exactly at the limit is read.
        let at_limit = Config {
            max_file_size: text.len(),
            ..Config::default()
        };
        assert_eq!(read_term(&path, "big.yaml", &at_limit).text, text);
        let from_disk = read_term(&path, "big.yaml", &config);
        let from_editor = term_from_text("big.yaml", text, &config);
        for file in [&from_disk, &from_editor] {
            assert!(file.text.is_empty());
            assert_eq!(rules(file).len(), 1, "{:?}", rules(file));
            assert_eq!(rules(file), rules(&from_disk));
        }
        Ok(())
    }
}
