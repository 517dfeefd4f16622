//! Finding and loading `gloss.toml`.

use anyhow::{Context as _, bail};
use gloss_core::Config;
use gloss_core::config::FILE_NAME;
use gloss_core::lint::Env;
use std::path::{Path, PathBuf};

/// A loaded configuration and the directory its paths are relative to.
pub struct Workspace {
    /// The configuration, with the challenge dictionary built from it.
    pub env: Env,
    /// The config file's directory, or the working directory without one.
    pub base: PathBuf,
}

impl Workspace {
    /// `--config PATH`, else the first `gloss.toml` walking up from `cwd`,
    /// else every default.
    pub fn load(explicit: Option<&Path>, cwd: &Path) -> anyhow::Result<Self> {
        let path = match explicit {
            Some(path) => {
                if !path.is_file() {
                    bail!("config file `{}` does not exist", path.display());
                }
                Some(path.to_path_buf())
            }
            None => cwd
                .ancestors()
                .map(|dir| dir.join(FILE_NAME))
                .find(|candidate| candidate.is_file()),
        };
        let Some(path) = path else {
            return Ok(Self {
                env: Env::default(),
                base: cwd.to_path_buf(),
            });
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read config file `{}`", path.display()))?;
        let config = Config::parse(&text).map_err(|err| {
            anyhow::anyhow!(
                "invalid config {}:{}",
                display(&path, cwd),
                err.located(&text)
            )
        })?;
        let base = path
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| cwd.to_path_buf());
        let extra_words = read_extra_words(&config, &base)?;
        Ok(Self {
            env: Env::new(config, &extra_words),
            base,
        })
    }

    /// The glossary root, with `.` and `name/..` removed from the path, so
    /// that `--config ci/gloss.toml` with `root = "../glossary"` names files
    /// `glossary/x.yaml` in every output format, not `ci/../glossary/x.yaml`.
    pub fn root(&self) -> PathBuf {
        normalize(&self.base.join(&self.env.config.root))
    }
}

/// The words of the `challenge.extra-words` file, if the config names one:
/// one word a line, `#` starts a comment.
fn read_extra_words(config: &Config, base: &Path) -> anyhow::Result<Vec<String>> {
    {
        let Some(file) = &config.challenge.extra_words else {
            return Ok(Vec::new());
        };
        let path = base.join(file);
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "cannot read `challenge.extra-words` file `{}`",
                path.display()
            )
        })?;
        Ok(gloss_core::config::parse_word_list(&text))
    }
}

/// `path` without `.` components and with each `..` taking away the normal
/// component before it (lexically: a `..` at the start, or after another
/// `..`, stays).
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
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

/// A path for messages: relative to the working directory when inside it.
pub fn display(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
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
}
