//! The `glossary.docs` patterns: `*` and `?` within a path segment, `**` for
//! any number of directories, matched against `/`-separated paths relative to
//! the config file's directory.

use std::path::{Path, PathBuf};

/// Whether a relative path (with `/` separators) matches a pattern.
pub fn matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let path: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match_segments(&pattern, &path)
}

fn match_segments(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| match_segments(rest, &path[skip..])),
        Some((first, rest)) => path.split_first().is_some_and(|(segment, path_rest)| {
            match_segment(first, segment) && match_segments(rest, path_rest)
        }),
    }
}

fn match_segment(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    // Iterative wildcard matching with backtracking to the last `*`.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some('?') => {
                p += 1;
                t += 1;
            }
            Some(&c) if c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Every file under `base` matching one of `patterns`, sorted. Each pattern
/// is walked from its literal leading directories only, and only as deep as
/// it can match, so `*.md` never descends into the tree. Hidden entries and
/// symbolic links to directories are skipped.
pub fn walk(base: &Path, patterns: &[String]) -> Vec<PathBuf> {
    let canonical_base = base.canonicalize().ok();
    let mut files = Vec::new();
    for pattern in patterns {
        let segments: Vec<&str> = pattern
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .collect();
        if segments.contains(&"..") {
            continue;
        }
        let n_literal = segments
            .iter()
            .take(segments.len().saturating_sub(1))
            .take_while(|s| !s.contains(['*', '?']))
            .count();
        let start = segments[..n_literal]
            .iter()
            .fold(base.to_path_buf(), |dir, s| dir.join(s));
        let depth = if segments.contains(&"**") {
            usize::MAX
        } else {
            segments.len() - n_literal
        };
        walk_dir(
            base,
            canonical_base.as_deref(),
            &start,
            depth,
            pattern,
            &mut files,
        );
    }
    files.sort();
    files.dedup();
    files
}

fn walk_dir(
    base: &Path,
    canonical_base: Option<&Path>,
    dir: &Path,
    depth: usize,
    pattern: &str,
    files: &mut Vec<PathBuf>,
) {
    if depth == 0 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            walk_dir(
                base,
                canonical_base,
                &path,
                depth.saturating_sub(1),
                pattern,
                files,
            );
        } else if let Some(relative) = relative(base, &path)
            && matches(pattern, &relative)
            && is_regular_inside(&path, file_type, canonical_base)
        {
            files.push(path);
        }
    }
}

/// Whether a walked entry is a file to read: a regular file, or a link to a
/// regular file inside `canonical_root`. Pipes, sockets and devices (a read
/// would block or never end) and links leading out of the root are not.
pub fn is_regular_inside(
    path: &Path,
    file_type: std::fs::FileType,
    canonical_root: Option<&Path>,
) -> bool {
    if !file_type.is_symlink() {
        return file_type.is_file();
    }
    let (Some(root), Ok(target)) = (canonical_root, path.canonicalize()) else {
        return false;
    };
    target.starts_with(root) && std::fs::metadata(&target).is_ok_and(|m| m.is_file())
}

/// `path` relative to `base`, with `/` separators.
pub fn relative(base: &Path, path: &Path) -> Option<String> {
    let rest = path.strip_prefix(base).ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_double_star() {
        assert!(matches("*.md", "README.md"));
        assert!(!matches("*.md", "docs/README.md"));
        assert!(matches("docs/**/*.md", "docs/a.md"));
        assert!(matches("docs/**/*.md", "docs/x/y/a.md"));
        assert!(!matches("docs/**/*.md", "other/a.md"));
        assert!(matches("notes/?.md", "notes/a.md"));
        assert!(!matches("notes/?.md", "notes/ab.md"));
        assert!(matches("**/*.md", "a/b.md"));
        assert!(matches("a*b*c.md", "axxbyyc.md"));
        assert!(!matches("a*b*c.md", "axxbyy.md"));
    }

    #[test]
    fn walk_follows_patterns_only() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let base = dir.path();
        std::fs::create_dir_all(base.join("docs/deep"))?;
        std::fs::create_dir_all(base.join("other"))?;
        std::fs::create_dir_all(base.join(".hidden"))?;
        for file in [
            "README.md",
            "docs/a.md",
            "docs/deep/b.md",
            "other/c.md",
            ".hidden/d.md",
            "docs/e.txt",
        ] {
            std::fs::write(base.join(file), "x")?;
        }
        let found: Vec<String> = walk(base, &["docs/**/*.md".to_owned(), "*.md".to_owned()])
            .iter()
            .filter_map(|p| relative(base, p))
            .collect();
        assert_eq!(found, vec!["README.md", "docs/a.md", "docs/deep/b.md"]);
        Ok(())
    }
}
