//! `gloss.toml`: every key defaulted, every mistake an error that names the
//! file's line and the key.

use crate::challenge::Level;
use crate::diagnostic::did_you_mean;
use crate::line_index::{LineIndex, TextRange};
use crate::rule::{RULES, Rule, RuleSeverity, Severity};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The configuration file's conventional name.
pub const FILE_NAME: &str = "gloss.toml";

#[derive(Debug, Clone)]
pub struct FaqTopic {
    pub category: String,
    pub name: String,
    pub pattern: Regex,
}

#[derive(Debug, Clone)]
pub struct ChallengeConfig {
    pub lengths: Vec<usize>,
    pub max_guesses: usize,
    /// A word list file, relative to the config file's directory.
    pub extra_words: Option<String>,
    pub blocked_words: Vec<String>,
    /// `difficulty`: the grade challenge words aim at (easy, medium or
    /// hard). `challenge-too-hard` flags words graded above it,
    /// `challenge-too-easy` words graded below it, and `gloss challenge
    /// --suggest` ranks candidates by their distance from it.
    pub difficulty: Level,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Where term files live, relative to the config file's directory.
    pub root: String,
    /// Markdown docs scanned for mentions (`[glossary] docs`).
    pub docs: Docs,
    /// Term files larger than this are not parsed.
    pub max_file_size: usize,
    /// Inline code and code blocks of docs are read for mentions too
    /// (`[docs] match-in-code`; off by default).
    pub match_in_code: bool,
    /// The URL of a term's page, with `{slug}` for the term's slug
    /// (`[docs] link`): how docs rules recognise and write links to terms.
    pub link: Option<LinkPattern>,
    /// Where `unlinked-mention` wants a term linked: at its first mention
    /// in each doc, or in each section (`[docs] first-mention`).
    pub first_mention: FirstMention,
    /// Files under the root that are not term files (`[glossary] exclude`).
    pub exclude: Exclude,
    pub faqs_min: usize,
    pub faq_topics: Vec<FaqTopic>,
    pub challenge: ChallengeConfig,
    /// Severity overrides by rule name; `None` turns a rule off.
    pub rules: BTreeMap<String, RuleSeverity>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            root: "glossary".to_owned(),
            docs: Docs::default(),
            max_file_size: 1024 * 1024,
            match_in_code: false,
            link: None,
            first_mention: FirstMention::Doc,
            exclude: Exclude::default(),
            faqs_min: 3,
            faq_topics: Vec::new(),
            challenge: ChallengeConfig {
                lengths: vec![5, 6, 7],
                max_guesses: 6,
                extra_words: None,
                blocked_words: Vec::new(),
                difficulty: Level::Medium,
            },
            rules: BTreeMap::new(),
        }
    }
}

/// A configuration mistake: what, and where in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    pub message: String,
    pub range: Option<TextRange>,
}

impl ConfigError {
    /// `line:col: message`, or just the message when it has no position.
    pub fn located(&self, text: &str) -> String {
        match self.range {
            Some(range) => {
                let at = LineIndex::new(text).line_col(text, range.start);
                format!("{}:{}: {}", at.line, at.column, self.message)
            }
            None => self.message.clone(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    glossary: RawGlossary,
    #[serde(default)]
    docs: RawDocs,
    #[serde(default)]
    faqs: RawFaqs,
    #[serde(default)]
    challenge: RawChallenge,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawGlossary {
    root: Option<String>,
    docs: Option<Vec<Spanned<String>>>,
    max_file_size: Option<usize>,
    exclude: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawDocs {
    match_in_code: Option<bool>,
    link: Option<Spanned<String>>,
    first_mention: Option<Spanned<String>>,
}

/// Where a term should be linked in a doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstMention {
    /// At its first mention in the doc.
    Doc,
    /// At its first mention under each heading.
    Section,
}

/// A term page's URL: a prefix and a suffix around `{slug}`
/// (`/glossary/{slug}/` is `/glossary/` and `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPattern {
    pub prefix: String,
    pub suffix: String,
}

impl LinkPattern {
    /// The URL of the page of the term `slug`.
    pub fn url(&self, slug: &str) -> String {
        [self.prefix.as_str(), slug, self.suffix.as_str()].concat()
    }

    /// The slug a link destination names when it points at a term page:
    /// the pattern itself (`/glossary/pod/`), the same without its
    /// trailing slash or with `index.html`/`.html`/`.md` after it, and a
    /// relative link that climbs to it (`../glossary/pod/`,
    /// `glossary/pod`); a `#fragment` or `?query` is ignored. `None` for
    /// any other destination (another site, a page that is no term's).
    pub fn slug_of<'a>(&self, destination: &'a str) -> Option<&'a str> {
        let dest = destination.trim();
        let dest = dest.split(['#', '?']).next().unwrap_or_default();
        if dest.starts_with("mailto:") {
            return None;
        }
        let rest = self.after_prefix(dest)?;
        let suffix = self.suffix.trim_end_matches('/');
        let end = rest.find('/').unwrap_or(rest.len());
        let (slug, tail) = rest.split_at(end);
        let slug = slug
            .strip_suffix(".html")
            .or_else(|| slug.strip_suffix(".md"))
            .unwrap_or(slug);
        let tail = tail.strip_prefix(suffix).unwrap_or(tail);
        let tail_ok = matches!(tail, "" | "/" | "/index.html" | "/index.md");
        (!slug.is_empty() && tail_ok && !slug.contains(['/', ' '])).then_some(slug)
    }

    /// Where the slug starts in `typed`, the start of a link destination
    /// being written (up to the cursor), when it is on the pattern's path
    /// as [`Self::slug_of`] reads it and the slug is not finished (no `/`,
    /// `#`, `?` or space after it yet): what a completion replaces.
    pub fn slug_start(&self, typed: &str) -> Option<usize> {
        let slug = self.after_prefix(typed)?;
        (!slug.contains(['/', '#', '?', ' '])).then_some(typed.len() - slug.len())
    }

    /// What follows the pattern's prefix in a destination on the pattern's
    /// path: an absolute one (`/glossary/…`), or a relative one that climbs
    /// to it whatever it climbs (`../glossary/…`, `./glossary/…`,
    /// `glossary/…`). `None` for another site's URL or another path: the
    /// prefix is a site path (`/…`, see [`Config::parse`]), which neither
    /// `https://…` nor `//host/…` starts with, nor leads to by climbing.
    fn after_prefix<'a>(&self, dest: &'a str) -> Option<&'a str> {
        if dest.starts_with('/') {
            return dest.strip_prefix(self.prefix.as_str());
        }
        let mut rest = dest;
        loop {
            if let Some(r) = rest.strip_prefix("./") {
                rest = r;
            } else if let Some(r) = rest.strip_prefix("../") {
                rest = r;
            } else {
                break;
            }
        }
        rest.strip_prefix(self.prefix.trim_start_matches('/'))
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFaqs {
    min: Option<usize>,
    #[serde(default)]
    topics: Vec<RawTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTopic {
    category: String,
    name: String,
    pattern: Spanned<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawChallenge {
    lengths: Option<Spanned<Vec<usize>>>,
    max_guesses: Option<Spanned<usize>>,
    extra_words: Option<String>,
    blocked_words: Option<Vec<String>>,
    difficulty: Option<Spanned<String>>,
}

/// The lengths a challenge engine can handle.
pub const CHALLENGE_LENGTHS: std::ops::RangeInclusive<usize> = 4..=10;

impl Config {
    /// Parse a `gloss.toml`'s text.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| ConfigError {
            message: toml_message(&err),
            range: err.span().map(|s| TextRange::new(s.start, s.end)),
        })?;
        let mut config = Self::default();
        if let Some(root) = raw.glossary.root {
            config.root = root;
        }
        if let Some(docs) = raw.glossary.docs {
            config.docs = Docs::new(&docs)?;
        }
        if let Some(max) = raw.glossary.max_file_size {
            config.max_file_size = max;
        }
        if let Some(match_in_code) = raw.docs.match_in_code {
            config.match_in_code = match_in_code;
        }
        if let Some(link) = raw.docs.link {
            let span = link.span();
            let value = link.get_ref();
            let Some((prefix, suffix)) = value.split_once("{slug}") else {
                return Err(ConfigError {
                    message: format!(
                        "`docs.link` `{value}` has no `{{slug}}`: write where the term's slug goes, e.g. \"/glossary/{{slug}}/\""
                    ),
                    range: Some(TextRange::new(span.start, span.end)),
                });
            };
            // A site path: `/…`, not another site's URL (`https://…`) nor a
            // protocol-relative one (`//host/…`).
            let site_path = prefix.starts_with('/') && !prefix.starts_with("//");
            if suffix.contains("{slug}") || prefix.contains("://") || !site_path {
                return Err(ConfigError {
                    message: format!(
                        "`docs.link` `{value}` must be a site path with one `{{slug}}`, e.g. \"/glossary/{{slug}}/\""
                    ),
                    range: Some(TextRange::new(span.start, span.end)),
                });
            }
            config.link = Some(LinkPattern {
                prefix: prefix.to_owned(),
                suffix: suffix.to_owned(),
            });
        }
        if let Some(first) = raw.docs.first_mention {
            let span = first.span();
            config.first_mention = match first.get_ref().as_str() {
                "doc" => FirstMention::Doc,
                "section" => FirstMention::Section,
                other => {
                    return Err(ConfigError {
                        message: format!(
                            "bad `docs.first-mention` `{other}`: expected \"doc\" or \"section\""
                        ),
                        range: Some(TextRange::new(span.start, span.end)),
                    });
                }
            };
        }
        if let Some(patterns) = raw.glossary.exclude {
            config.exclude = Exclude::new(&patterns)?;
        }
        if let Some(min) = raw.faqs.min {
            config.faqs_min = min;
        }
        for topic in raw.faqs.topics {
            let span = topic.pattern.span();
            let pattern = Regex::new(topic.pattern.get_ref()).map_err(|err| ConfigError {
                message: format!(
                    "`faqs.topics.pattern` of topic `{}` is not a valid regex: {}",
                    topic.name,
                    err.to_string()
                        .lines()
                        .last()
                        .unwrap_or_default()
                        .trim()
                        .trim_start_matches("error: ")
                ),
                range: Some(TextRange::new(span.start, span.end)),
            })?;
            config.faq_topics.push(FaqTopic {
                category: topic.category,
                name: topic.name,
                pattern,
            });
        }
        if let Some(lengths) = raw.challenge.lengths {
            let span = lengths.span();
            let lengths = lengths.into_inner();
            if lengths.is_empty() || lengths.iter().any(|n| !CHALLENGE_LENGTHS.contains(n)) {
                return Err(ConfigError {
                    message: format!(
                        "`challenge.lengths` must list word lengths from {} to {}",
                        CHALLENGE_LENGTHS.start(),
                        CHALLENGE_LENGTHS.end()
                    ),
                    range: Some(TextRange::new(span.start, span.end)),
                });
            }
            config.challenge.lengths = lengths;
        }
        if let Some(max) = raw.challenge.max_guesses {
            let span = max.span();
            if !(1..=20).contains(max.get_ref()) {
                return Err(ConfigError {
                    message: "`challenge.max-guesses` must be between 1 and 20".to_owned(),
                    range: Some(TextRange::new(span.start, span.end)),
                });
            }
            config.challenge.max_guesses = max.into_inner();
        }
        if let Some(difficulty) = raw.challenge.difficulty {
            let span = difficulty.span();
            config.challenge.difficulty = Level::parse(difficulty.get_ref())
                .filter(|level| *level != Level::TooHard)
                .ok_or_else(|| ConfigError {
                    message: format!(
                        "bad `challenge.difficulty` `{}`: expected \"easy\", \"medium\" or \"hard\"",
                        difficulty.get_ref()
                    ),
                    range: Some(TextRange::new(span.start, span.end)),
                })?;
        }
        config.challenge.extra_words = raw.challenge.extra_words;
        if let Some(blocked) = raw.challenge.blocked_words {
            config.challenge.blocked_words = blocked;
        }
        for (name, severity) in raw.rules {
            let name_span = name.span();
            let name = name.into_inner();
            if !RULES.iter().any(|rule| rule.name == name) {
                let mut message = format!("unknown rule `{name}` in [rules]");
                if let Some(s) = did_you_mean(&name, RULES.iter().map(|r| r.name)) {
                    message.push_str(&format!(": did you mean `{s}`?"));
                } else {
                    message.push_str(" (`gloss rules` lists them)");
                }
                return Err(ConfigError {
                    message,
                    range: Some(TextRange::new(name_span.start, name_span.end)),
                });
            }
            let value_span = severity.span();
            let Some(parsed) = RuleSeverity::parse(severity.get_ref()) else {
                return Err(ConfigError {
                    message: format!(
                        "bad severity `{}` for rule `{name}`: expected \"error\", \"warning\", \"info\" or \"off\"",
                        severity.get_ref()
                    ),
                    range: Some(TextRange::new(value_span.start, value_span.end)),
                });
            };
            config.rules.insert(name, parsed);
        }
        Ok(config)
    }

    /// The severity a rule runs at, after overrides; `None` when it is off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        match self.rules.get(rule.name) {
            Some(RuleSeverity::Off) => None,
            Some(RuleSeverity::Level(level)) => Some(*level),
            None => rule.on_by_default().then_some(rule.default_severity),
        }
    }
}

/// `[glossary] exclude`: glob patterns of paths under the glossary root that
/// are not term files (drafts, templates, data files). A pattern matches the
/// path relative to the root, with `/` between components (`drafts/**`,
/// `**/_*.yaml`, `{templates,examples}/**`); `*` and `?` stay inside one
/// component, `**` crosses them. A pattern without `/` also matches the file
/// name at any depth (`_*.yaml`, `index.yml`).
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    /// Whether any pattern was given: most glossaries have none, and
    /// their walk then matches nothing.
    any: bool,
    by_path: globset::GlobSet,
    by_name: globset::GlobSet,
}

impl Exclude {
    fn new(patterns: &[Spanned<String>]) -> Result<Self, ConfigError> {
        let mut by_path = globset::GlobSetBuilder::new();
        let mut by_name = globset::GlobSetBuilder::new();
        for pattern in patterns {
            let span = pattern.span();
            let text = pattern.get_ref();
            let glob = globset::GlobBuilder::new(text)
                .literal_separator(true)
                .build()
                .map_err(|err| ConfigError {
                    message: format!(
                        "`glossary.exclude` pattern `{text}` is not a valid glob: {}",
                        glob_reason(&err)
                    ),
                    range: Some(TextRange::new(span.start, span.end)),
                })?;
            if !text.contains('/') {
                by_name.add(glob.clone());
            }
            by_path.add(glob);
        }
        let build = |set: globset::GlobSetBuilder| {
            set.build().map_err(|err| ConfigError {
                message: format!("`glossary.exclude` is not valid: {}", glob_reason(&err)),
                range: None,
            })
        };
        Ok(Self {
            any: !patterns.is_empty(),
            by_path: build(by_path)?,
            by_name: build(by_name)?,
        })
    }

    /// Whether `relative` (a path under the root, `/`-separated) is excluded.
    pub fn is_excluded(&self, relative: &str) -> bool {
        if !self.any {
            return false;
        }
        let name = relative.rsplit('/').next().unwrap_or(relative);
        self.by_path.is_match(relative) || self.by_name.is_match(name)
    }
}

/// `[glossary] docs`: glob patterns of Markdown docs, relative to the config
/// file's directory, `/`-separated. `*` and `?` stay within a path segment,
/// `**` spans directories, `{md,mdx}` and `[ab]` work as in ripgrep.
#[derive(Debug, Clone)]
pub struct Docs {
    patterns: Vec<String>,
    set: globset::GlobSet,
}

impl Default for Docs {
    fn default() -> Self {
        let patterns = ["docs/**/*.md", "*.md"].map(|p| Spanned::new(0..0, p.to_owned()));
        // The defaults are valid globs; an empty set would only mean no docs.
        Self::new(&patterns).unwrap_or(Self {
            patterns: Vec::new(),
            set: globset::GlobSet::empty(),
        })
    }
}

impl Docs {
    fn new(patterns: &[Spanned<String>]) -> Result<Self, ConfigError> {
        let mut set = globset::GlobSetBuilder::new();
        let mut kept = Vec::new();
        for pattern in patterns {
            let span = pattern.span();
            let at = Some(TextRange::new(span.start, span.end));
            let text = pattern.get_ref().trim_start_matches("./");
            if text.split('/').any(|part| part == "..") || text.starts_with('/') {
                return Err(ConfigError {
                    message: format!(
                        "`glossary.docs` pattern `{text}` leaves the config's directory: docs are matched below it"
                    ),
                    range: at,
                });
            }
            let glob = globset::GlobBuilder::new(text)
                .literal_separator(true)
                .build()
                .map_err(|err| ConfigError {
                    message: format!(
                        "`glossary.docs` pattern `{text}` is not a valid glob: {}",
                        glob_reason(&err)
                    ),
                    range: at,
                })?;
            set.add(glob);
            kept.push(text.to_owned());
        }
        let set = set.build().map_err(|err| ConfigError {
            message: format!("`glossary.docs` is not valid: {}", glob_reason(&err)),
            range: None,
        })?;
        Ok(Self {
            patterns: kept,
            set,
        })
    }

    /// The patterns as written (without a leading `./`).
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Whether `relative` (a path under the config's directory,
    /// `/`-separated) is a doc.
    pub fn matches(&self, relative: &str) -> bool {
        self.set.is_match(relative)
    }
}

/// globset's error without the pattern it repeats.
fn glob_reason(err: &globset::Error) -> String {
    err.kind().to_string()
}

/// toml's message without its own code frame: the first line, lowercased.
fn toml_message(err: &toml::de::Error) -> String {
    let message = err.message().trim();
    let message = message.lines().next().unwrap_or(message);
    // toml says "unknown field `x`, expected one of `a`, `b`"; name the table too.
    message.to_owned()
}

/// The words of a `challenge.extra-words` file: one a line, `#` starts a
/// comment, blank lines ignored.
pub fn parse_word_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_at(text: &str) -> (String, usize) {
        match Config::parse(text) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(err) => {
                let range = err.range.unwrap_or_default();
                let line = LineIndex::new(text).line_col(text, range.start).line;
                (err.message, line)
            }
        }
    }

    #[test]
    fn empty_file_is_all_defaults() {
        let config = Config::parse("").unwrap_or_default();
        assert_eq!(config.root, "glossary");
        assert_eq!(config.faqs_min, 3);
        assert_eq!(config.challenge.lengths, vec![5, 6, 7]);
    }

    #[test]
    fn full_file_parses() {
        let text = r#"
[glossary]
root = "terms"
docs = ["*.md"]

[faqs]
min = 2

[[faqs.topics]]
category = "role"
name = "career-path"
pattern = "(?i)career"

[challenge]
lengths = [5, 6]
max-guesses = 7
extra-words = "words.txt"
blocked-words = ["dull"]
difficulty = "hard"

[rules]
self-related = "off"
definition-missing-term = "error"
"#;
        let config = Config::parse(text).unwrap_or_default();
        assert_eq!(config.root, "terms");
        assert_eq!(config.faqs_min, 2);
        assert_eq!(config.faq_topics.len(), 1);
        assert!(config.faq_topics[0].pattern.is_match("Career path?"));
        assert_eq!(config.challenge.max_guesses, 7);
        assert_eq!(config.challenge.difficulty, Level::Hard);
        assert_eq!(config.rules.get("self-related"), Some(&RuleSeverity::Off));
    }

    #[test]
    fn difficulty_defaults_to_medium_and_takes_three_levels() {
        assert_eq!(Config::default().challenge.difficulty, Level::Medium);
        for (name, level) in [("easy", Level::Easy), ("medium", Level::Medium)] {
            let text = format!("[challenge]\ndifficulty = \"{name}\"\n");
            let config = Config::parse(&text).unwrap_or_default();
            assert_eq!(config.challenge.difficulty, level);
        }
        for bad in ["too-hard", "Medium", "impossible"] {
            let (message, line) = error_at(&format!("[challenge]\n\ndifficulty = \"{bad}\"\n"));
            assert!(
                message.contains("challenge.difficulty") && message.contains(bad),
                "{message}"
            );
            assert_eq!(line, 3);
        }
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let (message, line) = error_at("[glossary]\nroot = \"g\"\nrooot = \"x\"\n");
        assert!(message.contains("rooot"), "{message}");
        assert_eq!(line, 3);
        let (message, line) = error_at("[glosary]\n");
        assert!(message.contains("glosary"), "{message}");
        assert_eq!(line, 1);
    }

    #[test]
    fn wrong_type_bad_regex_bad_severity() {
        let (message, line) = error_at("[faqs]\nmin = \"three\"\n");
        assert!(
            message.contains("integer") || message.contains("usize"),
            "{message}"
        );
        assert_eq!(line, 2);
        let (message, line) = error_at(
            "[[faqs.topics]]\ncategory = \"role\"\nname = \"x\"\npattern = \"(unclosed\"\n",
        );
        assert!(message.contains("regex"), "{message}");
        assert_eq!(line, 4);
        let (message, line) = error_at("[rules]\nself-related = \"loud\"\n");
        assert!(message.contains("loud"), "{message}");
        assert_eq!(line, 2);
        let (message, line) = error_at("\n[rules]\nself-relatd = \"off\"\n");
        assert!(message.contains("did you mean `self-related`"), "{message}");
        assert_eq!(line, 3);
    }

    #[test]
    fn exclude_globs_match_paths_under_the_root_and_names_at_any_depth() {
        let config = Config::parse(
            "[glossary]\nexclude = [\"drafts/**\", \"_*.yaml\", \"{templates,examples}/*.yml\"]\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let exclude = &config.exclude;
        assert!(exclude.is_excluded("drafts/new-term.yaml"));
        assert!(exclude.is_excluded("drafts/deep/new-term.yaml"));
        assert!(exclude.is_excluded("_template.yaml"));
        assert!(exclude.is_excluded("nested/_template.yaml"));
        assert!(exclude.is_excluded("templates/a.yml"));
        assert!(exclude.is_excluded("examples/a.yml"));
        assert!(
            !exclude.is_excluded("templates/deep/a.yml"),
            "`*` stays in one component"
        );
        assert!(!exclude.is_excluded("sprint.yaml"));
        assert!(
            !exclude.is_excluded("nested/drafts/x.yaml"),
            "`drafts/**` is anchored at the root"
        );
        assert!(!Config::default().exclude.is_excluded("_template.yaml"));
    }

    #[test]
    fn a_bad_exclude_glob_is_an_error_at_its_position() {
        let (message, line) = error_at("[glossary]\nexclude = [\n  \"ok/**\",\n  \"bad/{a\",\n]\n");
        assert!(
            message.contains("`bad/{a` is not a valid glob"),
            "{message}"
        );
        assert_eq!(line, 4);
    }

    #[test]
    fn a_bad_glob_error_gives_the_pattern_and_globset_s_reason() {
        let reason = |pattern: &str| {
            globset::Glob::new(pattern)
                .err()
                .map(|err| err.kind().to_string())
                .unwrap_or_default()
        };
        assert!(!reason("bad/{a").is_empty() && !reason("[oops").is_empty());
        let (message, _) = error_at("[glossary]\nexclude = [\"bad/{a\"]\n");
        assert_eq!(
            message,
            format!(
                "`glossary.exclude` pattern `bad/{{a` is not a valid glob: {}",
                reason("bad/{a")
            )
        );
        let (message, _) = error_at("[glossary]\ndocs = [\"[oops\"]\n");
        assert_eq!(
            message,
            format!(
                "`glossary.docs` pattern `[oops` is not a valid glob: {}",
                reason("[oops")
            )
        );
    }

    #[test]
    fn a_link_pattern_names_the_slug_of_term_page_links() {
        let config =
            Config::parse("[docs]\nlink = \"/glossary/{slug}/\"\nfirst-mention = \"section\"\n")
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.first_mention, FirstMention::Section);
        let Some(link) = config.link else {
            panic!("a link pattern")
        };
        assert_eq!(link.url("pod"), "/glossary/pod/");
        for (dest, slug) in [
            ("/glossary/pod/", Some("pod")),
            ("/glossary/pod", Some("pod")),
            ("/glossary/pod/#faq", Some("pod")),
            ("/glossary/pod/index.html", Some("pod")),
            ("/glossary/pod.html", Some("pod")),
            ("../glossary/pod/", Some("pod")),
            ("../../glossary/pod/?x=1", Some("pod")),
            ("./glossary/pod/", Some("pod")),
            ("glossary/pod.md", Some("pod")),
            ("/glossary/", None),
            ("/glossary/pod/extra/", None),
            ("/docs/pod/", None),
            ("https://example.com/glossary/pod/", None),
            ("//example.com/glossary/pod/", None),
            ("mailto:a@b.c", None),
            ("/glossaryx/pod/", None),
        ] {
            assert_eq!(link.slug_of(dest), slug, "{dest}");
        }
        let plain = Config::parse("[docs]\nlink = \"/terms/{slug}.html\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let Some(plain) = plain.link else {
            panic!("a link pattern")
        };
        assert_eq!(plain.slug_of("/terms/pod.html"), Some("pod"));
        assert_eq!(plain.slug_of("/terms/pod"), Some("pod"));
        // Where a slug being typed starts, for completion.
        for (typed, start) in [
            ("/glossary/", Some(10)),
            ("/glossary/po", Some(10)),
            ("../glossary/po", Some(12)),
            ("./../glossary/", Some(14)),
            ("glossary/p", Some(9)),
            ("/glossary/pod/", None),
            ("/glossary/pod#", None),
            ("/glossar", None),
            ("/docs/", None),
            ("https://x.org/glossary/", None),
            ("//x.org/glossary/", None),
        ] {
            assert_eq!(link.slug_start(typed), start, "{typed}");
        }
        assert_eq!(Config::default().link, None);
        assert_eq!(Config::default().first_mention, FirstMention::Doc);
    }

    #[test]
    fn a_bad_link_pattern_or_scope_is_an_error_at_its_value() {
        for (text, message) in [
            ("[docs]\nlink = \"/glossary/\"\n", "has no `{slug}`"),
            (
                "[docs]\nlink = \"https://x.org/{slug}\"\n",
                "must be a site path",
            ),
            ("[docs]\nlink = \"/{slug}/{slug}\"\n", "must be a site path"),
            (
                "[docs]\nlink = \"//cdn.x.org/{slug}/\"\n",
                "must be a site path",
            ),
            (
                "[docs]\nfirst-mention = \"page\"\n",
                "expected \"doc\" or \"section\"",
            ),
        ] {
            let Err(err) = Config::parse(text) else {
                panic!("{text} is an error")
            };
            assert!(err.message.contains(message), "{text}: {}", err.message);
            assert_eq!(
                err.range.map(|r| r.start),
                text.find(" = ").map(|i| i + 3),
                "{text}"
            );
        }
    }

    #[test]
    fn match_in_code_is_off_unless_turned_on() {
        assert!(!Config::default().match_in_code);
        let on = Config::parse("[docs]\nmatch-in-code = true\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(on.match_in_code);
        let off =
            Config::parse("[docs]\nmatch-in-code = false\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(!off.match_in_code);
        assert!(Config::parse("[docs]\nmatch-in-code = \"yes\"\n").is_err());
        assert!(Config::parse("[docs]\nmatch-in-kode = true\n").is_err());
    }

    #[test]
    fn docs_globs_take_braces_and_keep_star_within_a_directory() {
        let config = Config::parse("[glossary]\ndocs = [\"docs/**/*.{md,mdx}\", \"./*.md\"]\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let docs = &config.docs;
        assert_eq!(docs.patterns(), ["docs/**/*.{md,mdx}", "*.md"]);
        assert!(docs.matches("docs/a.md"));
        assert!(docs.matches("docs/deep/b.mdx"));
        assert!(docs.matches("README.md"));
        assert!(!docs.matches("sub/README.md"), "`*` stays in one directory");
        assert!(!docs.matches("docs/a.txt"));
        let defaults = Config::default();
        assert!(defaults.docs.matches("docs/guide/x.md") && defaults.docs.matches("index.md"));
        assert!(!defaults.docs.matches("glossary/x.md"));
    }

    #[test]
    fn a_bad_docs_glob_is_an_error_at_its_position() {
        let (message, line) = error_at("[glossary]\ndocs = [\n  \"docs/**\",\n  \"[oops\",\n]\n");
        assert!(message.contains("`[oops` is not a valid glob"), "{message}");
        assert_eq!(line, 4);
        let (message, line) = error_at("[glossary]\ndocs = [\"../other/*.md\"]\n");
        assert!(
            message.contains("leaves the config's directory"),
            "{message}"
        );
        assert_eq!(line, 2);
    }

    #[test]
    fn challenge_lengths_must_be_a_non_empty_list_of_engine_lengths() {
        for bad in ["[]", "[5, 99]", "[3]"] {
            let text = format!("[challenge]\nlengths = {bad}\n");
            let (message, line) = error_at(&text);
            assert!(message.contains("`challenge.lengths`"), "{bad}: {message}");
            assert_eq!(line, 2, "{bad}");
        }
        let config = Config::parse("[challenge]\nlengths = [4, 10]\n");
        assert_eq!(config.map(|c| c.challenge.lengths).ok(), Some(vec![4, 10]));
    }

    #[test]
    fn located_errors_read_line_colon_column() {
        let text = "[challenge]\nmax-guesses = 99\n";
        let Err(err) = Config::parse(text) else {
            panic!("max-guesses = 99 was accepted");
        };
        assert_eq!(
            err.located(text),
            "2:15: `challenge.max-guesses` must be between 1 and 20"
        );
        let unplaced = ConfigError {
            message: "no position".to_owned(),
            range: None,
        };
        assert_eq!(unplaced.located(text), "no position");
    }
}
