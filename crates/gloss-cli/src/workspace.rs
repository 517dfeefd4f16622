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

    pub fn root(&self) -> PathBuf {
        self.base.join(&self.env.config.root)
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

/// A path for messages: relative to the working directory when inside it.
pub fn display(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}
