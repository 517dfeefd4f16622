//! `gloss new "Term Name"`: scaffold `<glossary root>/<slug>.yaml` from a
//! template with every field present and commented guidance.

use crate::EXIT_OK;
use crate::workspace::display;
use anyhow::{Context as _, bail};
use clap::Args;
use gloss_core::Config;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

#[derive(Args)]
pub struct NewArgs {
    /// The term's display name, e.g. "Net Revenue Retention"
    pub term: String,
    /// Use this config file instead of searching for gloss.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// The placeholder answer of a new term's challenge: it passes the schema,
/// and `placeholder-text` fails lint on it until the author picks a real one.
const PLACEHOLDER_WORD: &str = "ANSWER";

pub fn run(args: &NewArgs) -> anyhow::Result<u8> {
    let name = args.term.trim();
    if name.is_empty() {
        bail!("the term name is empty: write it as `gloss new \"Term Name\"`");
    }
    if name.chars().any(char::is_control) {
        bail!("the term name must be one line of text without control characters");
    }
    let slug = gloss_core::slug(name);
    if slug.is_empty() {
        bail!(
            "cannot derive a file name from `{name}`: it needs at least one ASCII letter or digit"
        );
    }
    let cwd = crate::current_dir()?;
    let workspace = crate::workspace::settings(args.config.as_deref(), &cwd)?;
    let root = workspace.root();
    std::fs::create_dir_all(&root)
        .with_context(|| format!("cannot create the glossary root `{}`", display(&root, &cwd)))?;
    let path = root.join(format!("{slug}.yaml"));
    let shown = display(&path, &cwd);
    // `create_new` refuses an existing file atomically: no check-then-write race.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("`{shown}` already exists: edit it, or choose another term name")
        }
        Err(err) => return Err(err).with_context(|| format!("cannot create `{shown}`")),
    };
    file.write_all(template(name, &slug, &workspace.env.config).as_bytes())
        .with_context(|| format!("cannot write `{shown}`"))?;
    crate::out::print(&format!("{shown}\n"))?;
    Ok(EXIT_OK)
}

/// A YAML scalar for `value`: plain when that reads back unchanged, else
/// double-quoted (a JSON string is a valid YAML double-quoted scalar).
pub(crate) fn yaml_scalar(value: &str) -> String {
    let plain_safe = value
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '(')
        && !value.ends_with(' ')
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        )
        && value.parse::<f64>().is_err()
        // `0x1F`, `0o17`: YAML numbers that are no Rust float.
        && (!value.starts_with(|c: char| c.is_ascii_digit())
            || value.contains(char::is_whitespace));
    if plain_safe {
        value.to_owned()
    } else {
        serde_json::Value::String(value.to_owned()).to_string()
    }
}

/// The new term file. Required fields hold `TODO` placeholders that are valid
/// (so the schema and the parser accept the file) but plainly unfinished:
/// `placeholder-text` fails lint on each of them until it is replaced.
fn template(name: &str, slug: &str, config: &Config) -> String {
    let term = yaml_scalar(name);
    let n_faqs = config.faqs_min.max(1);
    let lengths = config
        .challenge
        .lengths
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>();
    let lengths = match lengths.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "5, 6 or 7".to_owned(),
    };
    let mut categories: Vec<&str> = Vec::new();
    for topic in &config.faq_topics {
        if !categories.contains(&topic.category.as_str()) {
            categories.push(&topic.category);
        }
    }
    let category_note = if categories.is_empty() {
        String::new()
    } else {
        format!(
            "\n# Here, terms of category {} need FAQs on the topics in gloss.toml ([[faqs.topics]]).",
            categories
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        )
    };

    let mut out = String::new();
    let _ = write!(
        out,
        "\
# {name}: a new glossary term.
# `gloss lint` fails (rule placeholder-text) on the TODO placeholders below and
# on the challenge word {PLACEHOLDER_WORD} until you replace them with real text.
# Editors validate this file against `gloss schema`; `gloss explain RULE` explains a finding.

# The display name. The file name is its slug ({slug}.yaml): rename both together.
term: {term}

# Other names readers use (abbreviations, variants), e.g. [NRR]. Mentions of
# aliases get hovers too, and no two terms may share a name or an alias.
aliases: []

# Optional: the kind of term, e.g. role, metric, practice, artifact, concept.{category_note}
category:

# What it is, in one or two sentences that name the term (or an alias).
definition: >-
  {name} is TODO.

# Why it matters: where, when and by whom it is used.
context: >-
  TODO

# At least {n_faqs} questions readers ask, each ending with `?`, each with an
# answer of a few sentences that says more than the question.
faqs:
"
    );
    for faq_idx in 1..=n_faqs {
        let question = yaml_scalar(&format!("TODO question {faq_idx} about {name}?"));
        let _ = write!(
            out,
            "  - question: {question}\n    answer: >-\n      TODO\n"
        );
    }
    let _ = write!(
        out,
        "
# Slugs of related terms (their file names without .yaml), e.g. [product-manager].
related: []

# The Knowledge Challenge: \"Mastered {name}? Now try to guess the related
# n-letter word!\" The word: capital letters A-Z, {lengths} of them, related to
# the term (used in its definition, context or FAQs) but not a word of the
# term itself. Preview it with `gloss challenge {slug}`.
challenge:
  word: {PLACEHOLDER_WORD}
  # Optional: a hint shown to players.
  hint:
"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::yaml_scalar;

    #[test]
    fn names_that_yaml_would_misread_are_quoted() {
        assert_eq!(
            yaml_scalar("Net Revenue Retention"),
            "Net Revenue Retention"
        );
        assert_eq!(yaml_scalar("A/B Testing"), "A/B Testing");
        assert_eq!(yaml_scalar("Yes"), "\"Yes\"");
        assert_eq!(yaml_scalar("2024"), "\"2024\"");
        assert_eq!(yaml_scalar("Ratio: Net"), "\"Ratio: Net\"");
        assert_eq!(yaml_scalar("#hashtag"), "\"#hashtag\"");
        assert_eq!(yaml_scalar("0x1F"), "\"0x1F\"");
        assert_eq!(yaml_scalar("3D Printing"), "3D Printing");
        assert_eq!(yaml_scalar("\"Quoted\""), "\"\\\"Quoted\\\"\"");
    }
}
