//! Paths as gloss shows and compares them.

use std::path::{Component, Path, PathBuf};

/// `path` without `.` components and with each `..` taking away the normal
/// component before it (lexically: a `..` at the start, or after another
/// `..`, stays), so that `--config ci/gloss.toml` with
/// `root = "../glossary"` names files `glossary/x.yaml`, not
/// `ci/../glossary/x.yaml`.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            Component::ParentDir
                if matches!(
                    out.components().next_back(),
                    Some(Component::RootDir | Component::Prefix(_))
                ) => {}
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// A path for messages: relative to `base` (`/`-separated), with `..` when
/// the two share a directory below the file system's root (`gloss lint` in
/// `site/docs` names `../glossary/a.yaml`); whole when they share none, or
/// when one of them is relative and the other not.
pub fn display(path: &Path, base: &Path) -> String {
    if let Ok(relative) = path.strip_prefix(base) {
        return if relative.as_os_str().is_empty() {
            ".".to_owned()
        } else {
            slash_path(relative)
        };
    }
    let path_parts: Vec<Component> = path.components().collect();
    let base_parts: Vec<Component> = base.components().collect();
    let shared = path_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let shares_a_directory = path_parts[..shared]
        .iter()
        .any(|part| matches!(part, Component::Normal(_)));
    let only_names = |parts: &[Component]| {
        parts
            .iter()
            .all(|part| matches!(part, Component::Normal(_)))
    };
    if !shares_a_directory || !only_names(&base_parts[shared..]) {
        return path.to_string_lossy().into_owned();
    }
    let mut out: Vec<String> = vec!["..".to_owned(); base_parts.len() - shared];
    out.extend(
        path_parts[shared..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    out.join("/")
}

/// A relative path with `/` between components, as `[glossary] exclude`,
/// `[glossary] docs` and the command-line selection compare them.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_removes_dot_and_name_dotdot_lexically() {
        let n = |p: &str| normalize(Path::new(p)).display().to_string();
        assert_eq!(n("ci/../glossary"), "glossary");
        assert_eq!(n("/tmp/x/../y/./glossary"), "/tmp/y/glossary");
        assert_eq!(n("../glossary"), "../glossary");
        assert_eq!(n("../../a/b/../c"), "../../a/c");
        assert_eq!(n("/../a"), "/a");
        assert_eq!(n("a/.."), ".");
        assert_eq!(n("./glossary/"), "glossary");
    }

    #[test]
    fn display_is_relative_inside_the_base_and_whole_outside() {
        let base = Path::new("/site");
        assert_eq!(
            display(Path::new("/site/glossary/a.yaml"), base),
            "glossary/a.yaml"
        );
        assert_eq!(
            display(Path::new("/elsewhere/a.yaml"), base),
            "/elsewhere/a.yaml"
        );
        assert_eq!(display(Path::new("/site"), base), ".");
        let sub = Path::new("/home/ana/site/docs");
        assert_eq!(
            display(Path::new("/home/ana/site/glossary/a.yaml"), sub),
            "../glossary/a.yaml"
        );
        assert_eq!(display(Path::new("/home/ana/site"), sub), "..");
        assert_eq!(
            display(
                Path::new("/home/ana/x.yaml"),
                Path::new("/home/ana/site/a/b")
            ),
            "../../../x.yaml"
        );
        assert_eq!(
            display(Path::new("glossary/a.yaml"), sub),
            "glossary/a.yaml"
        );
        assert_eq!(
            display(
                Path::new("/home/ana/a.yaml"),
                Path::new("/home/ana/site/../x")
            ),
            "/home/ana/a.yaml",
            "a `..` in the base cannot be undone by name"
        );
    }

    #[test]
    fn io_reason_drops_the_os_error_number() {
        let err = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&err), "No such file or directory");
        assert_eq!(io_reason(&std::io::Error::other("plain")), "plain");
    }
}
