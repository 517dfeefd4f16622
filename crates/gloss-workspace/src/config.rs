//! Finding and loading `gloss.toml`, one rule for both front ends: the file
//! given (`--config`), else the nearest `gloss.toml` walking up from a start
//! directory (the working directory of `gloss lint`, the editor's folder for
//! `gloss lsp`), else every default.

use crate::paths::{io_reason, normalize};
use gloss_core::TextRange;
use gloss_core::config::{self, Config, ConfigError, FILE_NAME};
use gloss_core::lint::Env;
use std::path::{Path, PathBuf};

/// A loaded configuration and where it came from.
pub struct Settings {
    /// The config file in use; `None` when there is none (defaults).
    pub path: Option<PathBuf>,
    /// The directory the config's paths are relative to: the config file's
    /// directory, or the start directory without one.
    pub base: PathBuf,
    /// The configuration with the challenge dictionary built from it.
    pub env: Env,
}

impl Settings {
    /// Every default, relative to `base`.
    pub fn defaults(base: &Path) -> Self {
        Self {
            path: None,
            base: base.to_path_buf(),
            env: Env::default(),
        }
    }

    /// The glossary root, normalized (see [`normalize`]).
    pub fn root(&self) -> PathBuf {
        normalize(&self.base.join(&self.env.config.root))
    }

    /// The config file's path, or where one would be.
    pub fn config_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| self.base.join(FILE_NAME))
    }

    /// The `challenge.extra-words` file, if the config names one.
    pub fn extra_words_path(&self) -> Option<PathBuf> {
        let file = self.env.config.challenge.extra_words.as_ref()?;
        Some(normalize(&self.base.join(file)))
    }
}

/// Why the configuration could not be used as written.
#[derive(Debug)]
pub struct ConfigProblem {
    /// The config file (or the path given for it).
    pub path: PathBuf,
    /// The config file's text (empty when it could not be read).
    pub text: String,
    pub kind: ProblemKind,
}

#[derive(Debug)]
pub enum ProblemKind {
    /// `--config` names a file that does not exist.
    Missing,
    /// The config file exists but cannot be read.
    Unreadable(std::io::Error),
    /// The config file is not a valid configuration.
    Invalid(ConfigError),
    /// The `challenge.extra-words` file cannot be read.
    ExtraWords {
        file: PathBuf,
        error: std::io::Error,
    },
}

impl ConfigProblem {
    /// The message for a terminal, naming the config file as `shown`.
    pub fn message(&self, shown: &str) -> String {
        match &self.kind {
            ProblemKind::Missing => format!("config file `{shown}` does not exist"),
            ProblemKind::Unreadable(err) if err.kind() == std::io::ErrorKind::IsADirectory => {
                format!("config file `{shown}` is a directory: name a gloss.toml file instead")
            }
            ProblemKind::Unreadable(err) => {
                format!("cannot read config file `{shown}`: {}", io_reason(err))
            }
            ProblemKind::Invalid(err) => {
                format!("invalid config {shown}:{}", err.located(&self.text))
            }
            ProblemKind::ExtraWords { file, error } => format!(
                "cannot read `challenge.extra-words` file `{}`: {}",
                file.display(),
                io_reason(error)
            ),
        }
    }

    /// The message for an editor, shown on the config file itself: what is
    /// wrong and what applies meanwhile.
    pub fn editor_message(&self) -> String {
        match &self.kind {
            ProblemKind::Missing | ProblemKind::Unreadable(_) => {
                format!(
                    "invalid config, defaults apply: {}",
                    self.message(&self.path.to_string_lossy())
                )
            }
            ProblemKind::Invalid(err) => format!("invalid config, defaults apply: {}", err.message),
            ProblemKind::ExtraWords { file, error } => format!(
                "cannot read `challenge.extra-words` file `{}`: {}; the challenge rules use the built-in word list without it",
                file.display(),
                io_reason(error)
            ),
        }
    }

    /// Where in the config text the problem is (bytes), when known.
    pub fn range(&self) -> Option<TextRange> {
        match &self.kind {
            ProblemKind::Invalid(err) => err.range,
            ProblemKind::ExtraWords { .. } => {
                let at = self.text.find("extra-words")?;
                Some(TextRange::new(at, at + "extra-words".len()))
            }
            ProblemKind::Missing | ProblemKind::Unreadable(_) => None,
        }
    }
}

/// The config file to use: `explicit`, else [`nearest`] from `start`.
pub fn find(explicit: Option<&Path>, start: &Path) -> Option<PathBuf> {
    match explicit {
        // A relative path is relative to the start (the working directory).
        Some(path) => Some(start.join(path)),
        None => nearest(start),
    }
}

/// The one discovery rule of gloss: the first `gloss.toml` (a file) in
/// `dir` or one of its ancestors. `gloss lint` starts at its working
/// directory; the language server at the directory of each document, so a
/// document belongs to the glossary of the nearest config above it, and a
/// workspace with several configs (a monorepo) holds several glossaries.
pub fn nearest(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Find and load the configuration. With a problem, the settings are the
/// best that still apply: every default for a config that cannot be read or
/// parsed, the config without its extra words when only they are missing.
/// `gloss lint` stops on a problem; `gloss lsp` shows it on the config file
/// and goes on.
pub fn load(explicit: Option<&Path>, start: &Path) -> (Settings, Option<ConfigProblem>) {
    let Some(path) = find(explicit, start) else {
        return (Settings::defaults(start), None);
    };
    let base = path.parent().unwrap_or(start).to_path_buf();
    let problem = |text: String, kind| ConfigProblem {
        path: path.clone(),
        text,
        kind,
    };
    let defaults = Settings {
        path: Some(path.clone()),
        ..Settings::defaults(&base)
    };
    if !path.is_file() && std::fs::metadata(&path).is_err() {
        return (defaults, Some(problem(String::new(), ProblemKind::Missing)));
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            return (
                defaults,
                Some(problem(String::new(), ProblemKind::Unreadable(err))),
            );
        }
    };
    let config = match Config::parse(&text) {
        Ok(config) => config,
        Err(err) => return (defaults, Some(problem(text, ProblemKind::Invalid(err)))),
    };
    let mut settings = Settings {
        path: Some(path.clone()),
        base,
        env: Env::default(),
    };
    let mut found = None;
    let extra_words = match config.challenge.extra_words.as_ref() {
        None => Vec::new(),
        Some(file) => {
            let file = normalize(&settings.base.join(file));
            match std::fs::read_to_string(&file) {
                Ok(words) => config::parse_word_list(&words),
                Err(error) => {
                    found = Some(ProblemKind::ExtraWords { file, error });
                    Vec::new()
                }
            }
        }
    };
    settings.env = Env::new(config, &extra_words);
    (settings, found.map(|kind| problem(text, kind)))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::write;

    #[test]
    fn the_nearest_config_walking_up_wins() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        write(&dir.path().join("gloss.toml"), "[faqs]\nmin = 1\n")?;
        write(&dir.path().join("site/gloss.toml"), "[faqs]\nmin = 2\n")?;
        let deep = dir.path().join("site/glossary/sub");
        std::fs::create_dir_all(&deep)?;
        let (settings, problem) = load(None, &deep);
        assert!(problem.is_none());
        assert_eq!(settings.base, dir.path().join("site"));
        assert_eq!(settings.env.config.faqs_min, 2);
        assert_eq!(settings.root(), dir.path().join("site/glossary"));
        Ok(())
    }

    #[test]
    fn without_a_config_every_default_applies_at_the_start() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (settings, problem) = load(None, dir.path());
        // A gloss.toml above the temp dir would make this test meaningless.
        if find(None, dir.path()).is_some() {
            return Ok(());
        }
        assert!(problem.is_none());
        assert_eq!(settings.path, None);
        assert_eq!(settings.root(), dir.path().join("glossary"));
        assert_eq!(settings.config_path(), dir.path().join("gloss.toml"));
        Ok(())
    }

    #[test]
    fn a_missing_explicit_config_is_a_problem() {
        let (settings, problem) = load(Some(Path::new("ci/gloss.toml")), Path::new("/no/such"));
        assert_eq!(
            problem.as_ref().map(|p| p.path.as_path()),
            Some(Path::new("/no/such/ci/gloss.toml"))
        );
        let problem = problem.map(|p| p.message("ci/gloss.toml"));
        assert_eq!(
            problem.as_deref(),
            Some("config file `ci/gloss.toml` does not exist")
        );
        // Defaults apply, relative to the named file's directory.
        assert_eq!(settings.base, Path::new("/no/such/ci"));
        assert_eq!(settings.config_path(), Path::new("/no/such/ci/gloss.toml"));
    }

    #[test]
    fn a_directory_given_as_the_config_cannot_be_read() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (_, problem) = load(Some(Path::new("conf")), dir.path());
        let message = problem.map(|p| p.message("conf"));
        assert_eq!(
            message.as_deref(),
            Some("config file `conf` does not exist")
        );
        std::fs::create_dir(dir.path().join("conf"))?;
        let (_, problem) = load(Some(Path::new("conf")), dir.path());
        let message = problem.map(|p| p.message("conf"));
        assert_eq!(
            message.as_deref(),
            Some("config file `conf` is a directory: name a gloss.toml file instead")
        );
        Ok(())
    }

    #[test]
    fn an_invalid_config_gives_defaults_and_a_located_problem() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        write(&dir.path().join("gloss.toml"), "[faqs]\nmin = \"three\"\n")?;
        let (settings, problem) = load(None, dir.path());
        assert_eq!(settings.env.config.faqs_min, 3);
        // The file is still known, so an editor can show the problem on it.
        assert_eq!(settings.path, Some(dir.path().join("gloss.toml")));
        let Some(problem) = problem else {
            panic!("no problem for an invalid config");
        };
        assert!(
            problem
                .message("gloss.toml")
                .starts_with("invalid config gloss.toml:2:7: ")
        );
        assert_eq!(problem.range().map(|r| r.start), Some(13));
        assert!(
            problem
                .editor_message()
                .starts_with("invalid config, defaults apply: ")
        );
        Ok(())
    }

    #[test]
    fn missing_extra_words_keep_the_config_and_are_a_problem() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let text = "[faqs]\nmin = 1\n[challenge]\nextra-words = \"words.txt\"\n";
        write(&dir.path().join("gloss.toml"), text)?;
        let (settings, problem) = load(None, dir.path());
        assert_eq!(settings.env.config.faqs_min, 1);
        let Some(problem) = problem else {
            panic!("no problem for a missing word list");
        };
        let message = problem.message("gloss.toml");
        assert!(
            message.starts_with("cannot read `challenge.extra-words` file `")
                && message.ends_with("words.txt`: No such file or directory"),
            "{message}"
        );
        let at = text
            .find("extra-words")
            .map(|at| TextRange::new(at, at + 11));
        assert_eq!(problem.range(), at);
        // Once the file exists, its words are in the dictionary.
        write(&dir.path().join("words.txt"), "zzyzx\n")?;
        let (settings, problem) = load(None, dir.path());
        assert!(problem.is_none());
        assert!(settings.env.dictionary.is_answer("ZZYZX"));
        Ok(())
    }
}
