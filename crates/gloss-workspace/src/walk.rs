//! Finding files, one walker for both front ends: term files (`*.yaml`,
//! `*.yml` under the glossary root, minus `[glossary] exclude`) and Markdown
//! docs (`[glossary] docs` under the config's directory). Both walks are
//! sorted, skip hidden entries (`.git`), never follow a link to a directory
//! (so a link loop cannot trap them) and read only regular files whose
//! target lies under the walk's root (a FIFO would block the reader, a link
//! out of the glossary would read what is not the glossary's).

use crate::paths::{display, io_reason, slash_path};
use gloss_core::config::{Docs, Exclude};
use std::path::{Path, PathBuf};

/// Whether a path names a term file by its extension.
pub fn is_term_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// A place the walk found: a file to read, or one (or a directory) that
/// cannot be read, with the reason. Problems are reported as `io-error`
/// diagnostics on their path, so that every output format shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Why the path cannot be read; `None` for a file to read.
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

/// Why a special file is not read.
pub fn not_regular() -> String {
    "not a regular file (a pipe, socket or device?); it was not read".to_owned()
}

/// Every term file under `root` that `exclude` does not match, sorted by
/// path (component-wise, as `Path` orders). `shown_root` names the root in
/// problems. A linked term file is read when its target is a regular file
/// under the root.
pub fn term_files(root: &Path, shown_root: &str, exclude: &Exclude) -> Vec<Found> {
    use rayon::prelude::*;
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // The directories are read on one thread; what is kept of each entry
    // (its extension, `exclude`'s globs, a link's target) is decided on
    // every core.
    let mut entries = Vec::new();
    walk(root, None, &mut |entry| entries.push(entry));
    let mut found: Vec<Found> = entries
        .into_par_iter()
        .filter_map(|entry| term_entry(entry, root, &real_root, shown_root, exclude))
        .collect();
    // Sorted once here rather than per directory by the walker, whose
    // comparison takes each entry's file name apart again (more than the
    // rest of the walk in a flat folder of 10,000 files); `Path::cmp` is as
    // slow. See [`order_key`].
    found.par_sort_by_cached_key(|f| order_key(&f.path));
    found
}

/// What the term walk keeps of one entry: a term file `exclude` leaves in
/// (a link only when its target is a regular file under the root), an
/// unreadable term file, or an unreadable directory (it may hold some).
fn term_entry(
    entry: Entry,
    root: &Path,
    real_root: &Path,
    shown_root: &str,
    exclude: &Exclude,
) -> Option<Found> {
    match entry {
        Entry::File {
            path,
            link,
            regular,
        } => {
            if !is_term_file(&path) {
                return None;
            }
            let relative = path.strip_prefix(root).ok()?;
            if exclude.is_excluded(&slash_path(relative)) {
                return None;
            }
            check_file(path, link, regular, real_root, shown_root)
        }
        Entry::Unreadable {
            path,
            problem,
            is_dir,
        } => (is_dir || is_term_file(&path)).then_some(Found {
            path,
            problem: Some(problem),
            is_dir,
        }),
    }
}

/// Every Markdown doc `docs` selects under `base`, sorted. Each pattern is
/// walked from its literal leading directories only, and only as deep as it
/// can match, so `*.md` never descends into the tree. Docs that cannot be
/// read are left out: they are read for mentions only.
pub fn doc_files(base: &Path, docs: &Docs) -> Vec<PathBuf> {
    let real_base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    let shown = display(base, base);
    let mut files = Vec::new();
    for pattern in docs.patterns() {
        let (start, depth) = walk_plan(pattern);
        walk(&base.join(start), depth, &mut |entry| {
            let Entry::File {
                path,
                link,
                regular,
            } = entry
            else {
                return;
            };
            let matched = path
                .strip_prefix(base)
                .is_ok_and(|relative| docs.matches(&slash_path(relative)));
            if matched
                && let Some(found) = check_file(path, link, regular, &real_base, &shown)
                && found.problem.is_none()
            {
                files.push(found.path);
            }
        });
    }
    files.sort();
    files.dedup();
    files
}

/// Where a docs pattern's walk starts (its literal leading directories)
/// and how deep it goes below (`None`: any depth, for `**`).
fn walk_plan(pattern: &str) -> (PathBuf, Option<usize>) {
    let segments: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let is_glob = |s: &str| s.contains(['*', '?', '[', '{']);
    let n_literal = segments
        .iter()
        .take(segments.len().saturating_sub(1))
        .take_while(|s| !is_glob(s))
        .count();
    let start = segments[..n_literal].iter().collect();
    let rest = &segments[n_literal..];
    let depth = if rest.iter().any(|s| s.contains("**")) {
        None
    } else {
        Some(rest.len())
    };
    (start, depth)
}

/// What the walk met.
#[derive(Debug)]
enum Entry {
    /// A file, or a link (to anything).
    File {
        path: PathBuf,
        link: bool,
        regular: bool,
    },
    /// A path that could not be read (a directory, or a file's entry).
    Unreadable {
        path: PathBuf,
        problem: String,
        is_dir: bool,
    },
}

/// Walk `start` (to `max_depth` levels below it) in no particular order
/// (callers sort what they keep), hidden entries and ignore files left
/// aside, links not followed.
fn walk(start: &Path, max_depth: Option<usize>, each: &mut dyn FnMut(Entry)) {
    let walker = ignore::WalkBuilder::new(start)
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .max_depth(max_depth)
        .build();
    for item in walker {
        match item {
            Ok(entry) => {
                let Some(file_type) = entry.file_type() else {
                    continue;
                };
                if file_type.is_dir() {
                    continue;
                }
                each(Entry::File {
                    link: file_type.is_symlink(),
                    regular: file_type.is_file(),
                    path: entry.into_path(),
                });
            }
            Err(err) => {
                if let Some(entry) = unreadable(&err, start) {
                    each(entry);
                }
            }
        }
    }
}

/// An error of the walk as a problem on its path; `None` when it names no
/// path, or when the start itself does not exist (no glossary to report on:
/// the caller checks the root itself).
fn unreadable(err: &ignore::Error, start: &Path) -> Option<Entry> {
    let path = error_path(err)?;
    let not_found = err
        .io_error()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    if path == start && not_found {
        return None;
    }
    let reason = err.io_error().map_or_else(|| err.to_string(), io_reason);
    let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
    let problem = if is_dir {
        format!("cannot read directory: {reason}")
    } else {
        format!("cannot read the file: {reason}")
    };
    Some(Entry::Unreadable {
        path,
        problem,
        is_dir,
    })
}

/// The path an error of the walk is about.
fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errors) => errors.iter().find_map(error_path),
        _ => None,
    }
}

/// A file the walk met, as something to read or a problem; `None` for a
/// link to a directory (skipped like any linked directory).
fn check_file(
    path: PathBuf,
    link: bool,
    regular: bool,
    real_root: &Path,
    shown_root: &str,
) -> Option<Found> {
    if !link {
        return Some(if regular {
            Found::file(path)
        } else {
            Found::problem(path, not_regular())
        });
    }
    let target = match std::fs::canonicalize(&path) {
        Ok(target) => target,
        Err(err) => {
            let problem = format!("cannot follow the symbolic link: {}", io_reason(&err));
            return Some(Found::problem(path, problem));
        }
    };
    if !target.starts_with(real_root) {
        let problem = format!(
            "the symbolic link leads outside the glossary root `{shown_root}`; it was not followed"
        );
        return Some(Found::problem(path, problem));
    }
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_file() => Some(Found::file(path)),
        Ok(meta) if meta.is_dir() => None,
        Ok(_) => Some(Found::problem(path, not_regular())),
        Err(err) => {
            let problem = format!("cannot follow the symbolic link: {}", io_reason(&err));
            Some(Found::problem(path, problem))
        }
    }
}

/// What [`term_files`] finds at `path` (a changed file): `None` when the walk
/// would not take it (gone, outside `root`, hidden, another extension,
/// excluded, a link to a directory), so that a file read again on its own
/// is judged as it is in a full walk.
pub fn term_file_at(
    root: &Path,
    shown_root: &str,
    exclude: &Exclude,
    path: &Path,
) -> Option<Found> {
    let relative = path.strip_prefix(root).ok()?;
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."));
    if hidden || !is_term_file(path) || exclude.is_excluded(&slash_path(relative)) {
        return None;
    }
    // Gone, or under a directory that cannot be read (which the walk
    // reports on the directory): no file to read here.
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.is_dir() {
        return None;
    }
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    check_file(
        path.to_path_buf(),
        meta.file_type().is_symlink(),
        meta.is_file(),
        &real_root,
        shown_root,
    )
}

/// A key whose byte order is `Path`'s order (component by component) for
/// the paths a walk yields (joined from one root, no `.` or doubled
/// separators): each separator becomes a NUL byte, which no file name
/// holds, so a name sorts before every longer name it begins.
fn order_key(path: &Path) -> Vec<u8> {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|&b| {
            if std::path::is_separator(b as char) {
                0
            } else {
                b
            }
        })
        .collect()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn the_order_key_sorts_as_paths_do() {
        let names = [
            "g/a-b/x.yaml",
            "g/a/x.yaml",
            "g/a.yaml",
            "g/a/b/c.yaml",
            "g/a b.yaml",
            "g/ä.yaml",
            "g/a/",
            "g/A.yaml",
            "g/a/b.yaml",
            "g/ab.yaml",
            "g/a-b.yaml",
            "g/z/a.yaml",
        ];
        let mut by_path: Vec<&Path> = names.iter().map(Path::new).collect();
        let mut by_key = by_path.clone();
        by_path.sort();
        by_key.sort_by_cached_key(|p| order_key(p));
        assert_eq!(by_key, by_path);
        assert_ne!(
            by_path[0],
            Path::new(names[0]),
            "the case must not start sorted"
        );
    }

    fn names(found: &[Found]) -> Vec<(String, Option<&str>)> {
        found
            .iter()
            .map(|f| {
                let name = f.path.file_name().map(|n| n.to_string_lossy().into_owned());
                (name.unwrap_or_default(), f.problem.as_deref())
            })
            .collect()
    }

    #[test]
    fn term_files_are_sorted_and_links_out_and_special_files_are_problems() -> std::io::Result<()> {
        let outside = tempfile::tempdir()?;
        let secret = outside.path().join("secret.yaml");
        std::fs::write(&secret, "term: secret\n")?;
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("terms");
        std::fs::create_dir_all(root.join("b-dir"))?;
        std::fs::create_dir_all(root.join(".hidden"))?;
        std::fs::write(root.join("b-dir/c.yml"), "term: c\n")?;
        std::fs::write(root.join(".hidden/h.yaml"), "term: h\n")?;
        std::fs::write(root.join(".dot.yaml"), "term: dot\n")?;
        std::fs::write(root.join("a.yaml"), "term: a\n")?;
        std::fs::write(root.join("notes.txt"), "not a term\n")?;
        symlink(root.join("a.yaml"), root.join("inner.yaml"))?;
        symlink(&secret, root.join("outer.yaml"))?;
        symlink(&root, root.join("loop.yaml"))?;
        symlink(root.join("b-dir"), root.join("z-link"))?;
        let fifo = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.yaml"))
            .status()
            .is_ok_and(|s| s.success());
        if fifo {
            symlink(root.join("pipe.yaml"), root.join("pipe-link.yaml"))?;
        }
        let found = term_files(&root, "terms", &Exclude::default());
        let mut expected = vec![
            ("a.yaml".to_owned(), None),
            ("c.yml".to_owned(), None),
            ("inner.yaml".to_owned(), None),
            (
                "outer.yaml".to_owned(),
                Some(
                    "the symbolic link leads outside the glossary root `terms`; it was not followed",
                ),
            ),
        ];
        if fifo {
            for name in ["pipe-link.yaml", "pipe.yaml"] {
                expected.push((
                    name.to_owned(),
                    Some("not a regular file (a pipe, socket or device?); it was not read"),
                ));
            }
        }
        assert_eq!(names(&found), expected);
        // Sorted as paths sort, so that a caller can binary-search them.
        assert!(found.windows(2).all(|w| w[0].path < w[1].path));
        // `[glossary] exclude` leaves a file out, as a single-file check does.
        let config =
            gloss_core::Config::parse("[glossary]\nexclude = [\"inner.*\", \"b-dir/**\"]\n")
                .map_err(|e| std::io::Error::other(e.to_string()))?;
        let found = term_files(&root, "terms", &config.exclude);
        assert_eq!(names(&found)[0].0, "a.yaml");
        assert!(
            !names(&found)
                .iter()
                .any(|(n, _)| n == "inner.yaml" || n == "c.yml")
        );
        let at =
            |name: &str, exclude: &Exclude| term_file_at(&root, "terms", exclude, &root.join(name));
        assert_eq!(at("inner.yaml", &config.exclude), None);
        assert_eq!(
            at("inner.yaml", &Exclude::default()).map(|f| f.problem),
            Some(None)
        );
        assert!(at("outer.yaml", &Exclude::default()).is_some_and(|f| f.problem.is_some()));
        assert_eq!(at(".hidden/h.yaml", &Exclude::default()), None);
        assert_eq!(at("loop.yaml", &Exclude::default()), None);
        assert_eq!(at("gone.yaml", &Exclude::default()), None);
        assert_eq!(at("notes.txt", &Exclude::default()), None);
        assert_eq!(at("a.yaml/under-a-file.yaml", &Exclude::default()), None);
        // A root that does not exist has nothing to report: the caller
        // says so about the root.
        assert_eq!(
            term_files(&dir.path().join("missing"), "missing", &Exclude::default()),
            []
        );
        Ok(())
    }

    #[test]
    fn the_term_walk_keeps_unreadable_directories_and_term_files_only() {
        let root = Path::new("g");
        let unreadable = |path: &str, is_dir: bool| Entry::Unreadable {
            path: PathBuf::from(path),
            problem: "denied".to_owned(),
            is_dir,
        };
        let keep = |entry| term_entry(entry, root, root, "g", &Exclude::default());
        let kept = |path: &str, is_dir: bool| Found {
            path: PathBuf::from(path),
            problem: Some("denied".to_owned()),
            is_dir,
        };
        assert_eq!(keep(unreadable("g/sub", true)), Some(kept("g/sub", true)));
        assert_eq!(
            keep(unreadable("g/a.yaml", false)),
            Some(kept("g/a.yaml", false))
        );
        assert_eq!(keep(unreadable("g/notes.txt", false)), None);
        let file = |path: &str| Entry::File {
            path: PathBuf::from(path),
            link: false,
            regular: true,
        };
        assert_eq!(
            keep(file("g/a.yml")),
            Some(Found::file(PathBuf::from("g/a.yml")))
        );
        assert_eq!(keep(file("g/README.md")), None);
        assert_eq!(keep(file("elsewhere/a.yaml")), None, "outside the root");
    }

    #[test]
    fn an_error_of_the_walk_is_a_problem_on_its_path() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub)?;
        let file = dir.path().join("x.yaml");
        std::fs::write(&file, "term: x\n")?;
        let denied =
            || ignore::Error::Io(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        let at = |path: &Path, err: ignore::Error| ignore::Error::WithPath {
            path: path.to_path_buf(),
            err: Box::new(err),
        };
        let deep = |err| ignore::Error::WithDepth {
            depth: 2,
            err: Box::new(err),
        };
        let shown = |entry: Option<Entry>| match entry {
            Some(Entry::Unreadable {
                path,
                problem,
                is_dir,
            }) => Some((path, problem, is_dir)),
            _ => None,
        };
        let start = dir.path();
        assert_eq!(
            shown(unreadable(&deep(at(&sub, denied())), start)),
            Some((
                sub.clone(),
                "cannot read directory: permission denied".to_owned(),
                true
            ))
        );
        assert_eq!(
            shown(unreadable(
                &ignore::Error::Partial(vec![at(&file, denied())]),
                start
            )),
            Some((
                file,
                "cannot read the file: permission denied".to_owned(),
                false
            ))
        );
        assert_eq!(
            shown(unreadable(&denied(), start)),
            None,
            "no path, no problem"
        );
        let gone = || ignore::Error::Io(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(shown(unreadable(&at(start, gone()), start)), None);
        assert!(shown(unreadable(&at(&sub, gone()), start)).is_some());
        Ok(())
    }

    #[test]
    fn a_docs_pattern_is_walked_from_its_literal_directories_only() {
        let plan = |p: &str| {
            let (start, depth) = walk_plan(p);
            (slash_path(&start), depth)
        };
        assert_eq!(plan("*.md"), (String::new(), Some(1)));
        assert_eq!(plan("docs/**/*.md"), ("docs".to_owned(), None));
        assert_eq!(
            plan("docs/guide/*.{md,mdx}"),
            ("docs/guide".to_owned(), Some(1))
        );
        assert_eq!(plan("site/*/index.md"), ("site".to_owned(), Some(2)));
        assert_eq!(plan("docs//a.md"), ("docs".to_owned(), Some(1)));
    }

    #[test]
    fn an_unreadable_directory_is_a_problem_on_the_directory() -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked)?;
        std::fs::write(locked.join("x.yaml"), "term: x\n")?;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))?;
        let readable = std::fs::read_dir(&locked).is_ok();
        let found = term_files(dir.path(), ".", &Exclude::default());
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755))?;
        if readable {
            // Root reads it anyway (CI runs as root): then the file is found.
            assert_eq!(names(&found), [("x.yaml".to_owned(), None)]);
        } else {
            assert_eq!(found.len(), 1);
            assert!(found[0].is_dir);
            assert_eq!(
                found[0].problem.as_deref(),
                Some("cannot read directory: Permission denied")
            );
        }
        Ok(())
    }

    #[test]
    fn docs_match_brace_globs_and_stay_within_their_depth() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let base = dir.path();
        for file in [
            "README.md",
            "docs/a.md",
            "docs/deep/b.mdx",
            "docs/deep/c.txt",
            "deep/d.md",
            ".git/e.md",
        ] {
            let path = base.join(file);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, "# doc\n")?;
        }
        let config =
            gloss_core::Config::parse("[glossary]\ndocs = [\"docs/**/*.{md,mdx}\", \"./*.md\"]\n")
                .map_err(|e| std::io::Error::other(e.to_string()))?;
        let docs: Vec<String> = doc_files(base, &config.docs)
            .iter()
            .filter_map(|p| p.strip_prefix(base).ok().map(slash_path))
            .collect();
        assert_eq!(docs, ["README.md", "docs/a.md", "docs/deep/b.mdx"]);
        Ok(())
    }
}
