//! What gloss knows about each rule without running it: its public name,
//! family, default severity, fix applicability, summary and doc, and the
//! catalogue of every rule. A leaf module: the configuration, diagnostics,
//! the term parser and the rule checks all depend on it, and it on none of
//! them, so the crate's modules form no cycle.
//!
//! A rule's doc is Markdown in `docs/<name>.md` beside this file; its check
//! (when the term parser does not report it itself) is one file in
//! `lint/rules/`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a person looking at it (as ruff
/// has it). `gloss lint --fix` applies safe fixes only; `--unsafe-fixes`
/// adds the others; the language server offers both and marks safe ones
/// preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// The result is what the author meant, whatever the text: a `?` after a
    /// question, an uppercased word, a file named after its term.
    Safe,
    /// A likely repair that may be wrong: a slug picked by its spelling.
    Unsafe,
}

impl Applicability {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

impl fmt::Display for Applicability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What part of a term file a rule looks at. Front ends select findings by
/// family, never by the shape of a rule's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// The file as a file: readable, valid YAML, the format's keys and
    /// types, its name.
    File,
    /// The term's names and prose.
    Term,
    /// The `related` links.
    Related,
    /// The FAQs.
    Faq,
    /// The challenge: what `gloss challenge` and the challenge hover list.
    Challenge,
    /// How Markdown docs (and other terms' text) use the glossary: links
    /// to term pages, deprecated names, unused terms.
    Docs,
}

impl Family {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::File => "file",
            Self::Term => "term",
            Self::Related => "related",
            Self::Faq => "faq",
            Self::Challenge => "challenge",
            Self::Docs => "docs",
        }
    }
}

/// A rule's public identity and its doc.
#[derive(Debug)]
pub struct Rule {
    /// The stable kebab-case name: config key, JSON `rule`, LSP `code`.
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    /// The least safe fix the rule offers; `None` when it offers none.
    pub fix: Option<Applicability>,
    /// One line: what it flags.
    pub summary: &'static str,
    /// What it flags, why it matters, an example and the fix, in Markdown.
    pub doc: &'static str,
}

impl Rule {
    /// Whether the rule runs without a `[rules]` entry (see
    /// [`OFF_BY_DEFAULT`]).
    pub fn on_by_default(&self) -> bool {
        !OFF_BY_DEFAULT.contains(&self.name)
    }

    /// The default as docs and `gloss rules` show it: `warning`, or
    /// `off (info when on)` for a rule off by default.
    pub fn default_text(&self) -> String {
        if self.on_by_default() {
            self.default_severity.as_str().to_owned()
        } else {
            format!("off ({} when on)", self.default_severity.as_str())
        }
    }

    /// Whether the rule can offer an automatic fix.
    pub const fn fixable(&self) -> bool {
        self.fix.is_some()
    }

    /// "no", "safe" or "unsafe (…)": the fix line of the rule's doc.
    pub const fn fix_text(&self) -> &'static str {
        match self.fix {
            None => "no",
            Some(Applicability::Safe) => "safe",
            Some(Applicability::Unsafe) => "unsafe (applied with `--unsafe-fixes`)",
        }
    }
}

/// A configured severity: a level, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSeverity {
    Off,
    Level(Severity),
}

impl RuleSeverity {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "error" => Self::Level(Severity::Error),
            "warning" => Self::Level(Severity::Warning),
            "info" => Self::Level(Severity::Info),
            "off" => Self::Off,
            _ => return None,
        })
    }
}

pub fn rule_by_name(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.name == name)
}

/// The family of the rule named `name`; `None` for a name not in the
/// catalogue.
pub fn family_of(name: &str) -> Option<Family> {
    rule_by_name(name).map(|rule| rule.family)
}

/// `docs/rules.md`: the catalogue table and every rule's doc, generated
/// from the registry so the two cannot drift.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rule registry by `GLOSS_UPDATE_DOCS=1 cargo test -p gloss-core --test docs`; do not edit by hand. -->\n\n\
         Every rule has a stable kebab-case name, used in `gloss.toml` (`[rules]`), in JSON and SARIF output and as the\n\
         language server's `Diagnostic.code`. `gloss explain RULE` prints a rule's doc.\n\n\
         A fix is *safe* when its result is what the author meant whatever the text, and *unsafe* when it is a\n\
         likely repair that may be wrong. `gloss lint --fix` applies safe fixes only; `--unsafe-fixes` applies the\n\
         others too. The language server offers both as quick fixes and marks the safe ones preferred.\n\n\
         | rule | default | fix | flags |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        out.push_str(&format!(
            "| [`{0}`](#{0}) | {1} | {2} | {3} |\n",
            rule.name,
            rule.default_text(),
            rule.fix.map_or("", Applicability::as_str),
            rule.summary.replace('|', "\\|"),
        ));
    }
    for rule in RULES {
        out.push_str(&format!(
            "\n## {}\n\nDefault severity: {}. Family: {}. Automatic fix: {}.\n\n{}\n",
            rule.name,
            rule.default_text(),
            rule.family.as_str(),
            rule.fix_text(),
            rule.doc
                .trim()
                .replace("\n## ", "\n### ")
                .replacen("## ", "### ", 1),
        ));
    }
    out
}

pub const YAML_SYNTAX: Rule = Rule {
    name: "yaml-syntax",
    family: Family::File,
    default_severity: Severity::Error,
    fix: None,
    summary: "the file is not valid YAML",
    doc: include_str!("docs/yaml-syntax.md"),
};

pub const IO_ERROR: Rule = Rule {
    name: "io-error",
    family: Family::File,
    default_severity: Severity::Error,
    fix: None,
    summary: "a term file that cannot be read as a text file",
    doc: include_str!("docs/io-error.md"),
};

pub const UNKNOWN_FIELD: Rule = Rule {
    name: "unknown-field",
    family: Family::File,
    default_severity: Severity::Error,
    fix: None,
    summary: "a key the term format does not have",
    doc: include_str!("docs/unknown-field.md"),
};

pub const MISSING_FIELD: Rule = Rule {
    name: "missing-field",
    family: Family::File,
    default_severity: Severity::Error,
    fix: None,
    summary: "`term`, `definition` or `faqs` absent or empty (or a FAQ without a question)",
    doc: include_str!("docs/missing-field.md"),
};

pub const PLACEHOLDER_TEXT: Rule = Rule {
    name: "placeholder-text",
    family: Family::Term,
    default_severity: Severity::Error,
    fix: None,
    summary: "placeholder text (`TODO`, `TBD`, lorem ipsum, the `gloss new` scaffold) left in a field",
    doc: include_str!("docs/placeholder-text.md"),
};

pub const INVALID_VALUE: Rule = Rule {
    name: "invalid-value",
    family: Family::File,
    default_severity: Severity::Error,
    fix: None,
    summary: "a value of the wrong type or shape",
    doc: include_str!("docs/invalid-value.md"),
};

pub const FILE_NAME_MISMATCH: Rule = Rule {
    name: "file-name-mismatch",
    family: Family::File,
    default_severity: Severity::Error,
    fix: Some(Applicability::Safe),
    summary: "the file name is not the slug of `term`",
    doc: include_str!("docs/file-name-mismatch.md"),
};

pub const DUPLICATE_TERM: Rule = Rule {
    name: "duplicate-term",
    family: Family::Term,
    default_severity: Severity::Error,
    fix: None,
    summary: "two files share a term or alias (case-insensitive)",
    doc: include_str!("docs/duplicate-term.md"),
};

pub const UNKNOWN_RELATED: Rule = Rule {
    name: "unknown-related",
    family: Family::Related,
    default_severity: Severity::Error,
    fix: Some(Applicability::Unsafe),
    summary: "a `related` slug with no term file",
    doc: include_str!("docs/unknown-related.md"),
};

pub const SELF_RELATED: Rule = Rule {
    name: "self-related",
    family: Family::Related,
    default_severity: Severity::Warning,
    fix: None,
    summary: "a term lists itself in `related`",
    doc: include_str!("docs/self-related.md"),
};

pub const DEFINITION_MISSING_TERM: Rule = Rule {
    name: "definition-missing-term",
    family: Family::Term,
    default_severity: Severity::Warning,
    fix: None,
    summary: "the definition names neither the term nor an alias",
    doc: include_str!("docs/definition-missing-term.md"),
};

pub const MISSING_FAQS: Rule = Rule {
    name: "missing-faqs",
    family: Family::Faq,
    default_severity: Severity::Error,
    fix: None,
    summary: "fewer FAQs than `faqs.min`",
    doc: include_str!("docs/missing-faqs.md"),
};

pub const MISSING_FAQ_TOPIC: Rule = Rule {
    name: "missing-faq-topic",
    family: Family::Faq,
    default_severity: Severity::Warning,
    fix: None,
    summary: "a FAQ topic required for the term's category has no matching question",
    doc: include_str!("docs/missing-faq-topic.md"),
};

pub const FAQ_NOT_A_QUESTION: Rule = Rule {
    name: "faq-not-a-question",
    family: Family::Faq,
    default_severity: Severity::Warning,
    fix: Some(Applicability::Safe),
    summary: "a FAQ question that does not end with `?`",
    doc: include_str!("docs/faq-not-a-question.md"),
};

pub const FAQ_EMPTY_ANSWER: Rule = Rule {
    name: "faq-empty-answer",
    family: Family::Faq,
    default_severity: Severity::Error,
    fix: None,
    summary: "an empty answer, or one that only repeats the question",
    doc: include_str!("docs/faq-empty-answer.md"),
};

pub const DUPLICATE_FAQ: Rule = Rule {
    name: "duplicate-faq",
    family: Family::Faq,
    default_severity: Severity::Warning,
    fix: None,
    summary: "the same question twice in a term",
    doc: include_str!("docs/duplicate-faq.md"),
};

pub const MISSING_CHALLENGE: Rule = Rule {
    name: "missing-challenge",
    family: Family::Challenge,
    default_severity: Severity::Error,
    fix: None,
    summary: "no challenge, or a challenge without a word",
    doc: include_str!("docs/missing-challenge.md"),
};

pub const CHALLENGE_WORD_LENGTH: Rule = Rule {
    name: "challenge-word-length",
    family: Family::Challenge,
    default_severity: Severity::Error,
    fix: None,
    summary: "the challenge word's length is not in `challenge.lengths`",
    doc: include_str!("docs/challenge-word-length.md"),
};

pub const CHALLENGE_WORD_CHARSET: Rule = Rule {
    name: "challenge-word-charset",
    family: Family::Challenge,
    default_severity: Severity::Error,
    fix: Some(Applicability::Safe),
    summary: "the challenge word has characters other than the letters A–Z",
    doc: include_str!("docs/challenge-word-charset.md"),
};

pub const CHALLENGE_WORD_NOT_IN_DICTIONARY: Rule = Rule {
    name: "challenge-word-not-in-dictionary",
    family: Family::Challenge,
    default_severity: Severity::Warning,
    fix: None,
    summary: "neither the built-in dictionary nor `extra-words` has the challenge word",
    doc: include_str!("docs/challenge-word-not-in-dictionary.md"),
};

pub const CHALLENGE_WORD_IN_TERM: Rule = Rule {
    name: "challenge-word-in-term",
    family: Family::Challenge,
    default_severity: Severity::Error,
    fix: None,
    summary: "the challenge word is (or is a form of) a word of the term or an alias",
    doc: include_str!("docs/challenge-word-in-term.md"),
};

pub const CHALLENGE_WORD_UNRELATED: Rule = Rule {
    name: "challenge-word-unrelated",
    family: Family::Challenge,
    default_severity: Severity::Warning,
    fix: None,
    summary: "the challenge word appears nowhere in the definition, context or FAQs",
    doc: include_str!("docs/challenge-word-unrelated.md"),
};

pub const CHALLENGE_WORD_DUPLICATE: Rule = Rule {
    name: "challenge-word-duplicate",
    family: Family::Challenge,
    default_severity: Severity::Warning,
    fix: None,
    summary: "another term uses the same challenge word",
    doc: include_str!("docs/challenge-word-duplicate.md"),
};

pub const CHALLENGE_WORD_BLOCKED: Rule = Rule {
    name: "challenge-word-blocked",
    family: Family::Challenge,
    default_severity: Severity::Error,
    fix: None,
    summary: "the challenge word is on the built-in or configured blocklist",
    doc: include_str!("docs/challenge-word-blocked.md"),
};

pub const CHALLENGE_TOO_HARD: Rule = Rule {
    name: "challenge-too-hard",
    family: Family::Challenge,
    default_severity: Severity::Info,
    fix: None,
    summary: "the word is graded harder than `challenge.difficulty` (or the solver needs more than `max-guesses`)",
    doc: include_str!("docs/challenge-too-hard.md"),
};

pub const CHALLENGE_TOO_EASY: Rule = Rule {
    name: "challenge-too-easy",
    family: Family::Challenge,
    default_severity: Severity::Info,
    fix: None,
    summary: "the word is graded easier than `challenge.difficulty` (off by default)",
    doc: include_str!("docs/challenge-too-easy.md"),
};

pub const UNLINKED_MENTION: Rule = Rule {
    name: "unlinked-mention",
    family: Family::Docs,
    default_severity: Severity::Warning,
    fix: Some(Applicability::Safe),
    summary: "a term's first mention in a doc is not a link to its page (needs `docs.link`)",
    doc: include_str!("docs/unlinked-mention.md"),
};

pub const DEPRECATED_NAME: Rule = Rule {
    name: "deprecated-name",
    family: Family::Docs,
    default_severity: Severity::Warning,
    fix: Some(Applicability::Safe),
    summary: "a doc or another term uses a term's deprecated name",
    doc: include_str!("docs/deprecated-name.md"),
};

pub const BROKEN_TERM_LINK: Rule = Rule {
    name: "broken-term-link",
    family: Family::Docs,
    default_severity: Severity::Error,
    fix: Some(Applicability::Unsafe),
    summary: "a link to a term page names no term (needs `docs.link`)",
    doc: include_str!("docs/broken-term-link.md"),
};

pub const UNUSED_TERM: Rule = Rule {
    name: "unused-term",
    family: Family::Docs,
    default_severity: Severity::Info,
    fix: None,
    summary: "no doc and no other term mentions or links the term (off by default)",
    doc: include_str!("docs/unused-term.md"),
};

/// Rules that run only when `[rules]` gives them a severity
/// (`challenge-too-easy = "info"`): opinions a glossary opts into. Their
/// `default_severity` is what the docs suggest turning them on at.
pub static OFF_BY_DEFAULT: &[&str] = &[CHALLENGE_TOO_EASY.name, UNUSED_TERM.name];

/// The catalogue, in the order of docs/rules.md.
pub static RULES: &[&Rule] = &[
    &YAML_SYNTAX,
    &IO_ERROR,
    &UNKNOWN_FIELD,
    &MISSING_FIELD,
    &PLACEHOLDER_TEXT,
    &INVALID_VALUE,
    &FILE_NAME_MISMATCH,
    &DUPLICATE_TERM,
    &UNKNOWN_RELATED,
    &SELF_RELATED,
    &DEFINITION_MISSING_TERM,
    &MISSING_FAQS,
    &MISSING_FAQ_TOPIC,
    &FAQ_NOT_A_QUESTION,
    &FAQ_EMPTY_ANSWER,
    &DUPLICATE_FAQ,
    &MISSING_CHALLENGE,
    &CHALLENGE_WORD_LENGTH,
    &CHALLENGE_WORD_CHARSET,
    &CHALLENGE_WORD_NOT_IN_DICTIONARY,
    &CHALLENGE_WORD_IN_TERM,
    &CHALLENGE_WORD_UNRELATED,
    &CHALLENGE_WORD_DUPLICATE,
    &CHALLENGE_WORD_BLOCKED,
    &CHALLENGE_TOO_HARD,
    &CHALLENGE_TOO_EASY,
    &UNLINKED_MENTION,
    &DEPRECATED_NAME,
    &BROKEN_TERM_LINK,
    &UNUSED_TERM,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_and_applicabilities_print_their_names() {
        assert_eq!(
            format!(
                "{} {} {}",
                Severity::Error,
                Severity::Warning,
                Severity::Info
            ),
            "error warning info"
        );
        assert_eq!(
            format!("{} {}", Applicability::Safe, Applicability::Unsafe),
            "safe unsafe"
        );
    }

    #[test]
    fn rules_are_found_by_name_with_their_family_and_fix() {
        let rule = rule_by_name("unknown-related").expect("a rule");
        assert_eq!(rule.name, "unknown-related");
        assert!(rule.fixable());
        assert!(!rule_by_name("yaml-syntax").expect("a rule").fixable());
        assert!(rule_by_name("no-such-rule").is_none());
        assert_eq!(family_of("unknown-related"), Some(Family::Related));
        assert_eq!(family_of("faq-not-a-question"), Some(Family::Faq));
        assert_eq!(family_of("yaml-syntax"), Some(Family::File));
        assert_eq!(family_of("no-such-rule"), None);
    }

    #[test]
    fn rule_severities_parse_from_their_names() {
        let parsed: Vec<Option<RuleSeverity>> = ["error", "warning", "info", "off", "Error", ""]
            .iter()
            .map(|t| RuleSeverity::parse(t))
            .collect();
        assert_eq!(
            parsed,
            vec![
                Some(RuleSeverity::Level(Severity::Error)),
                Some(RuleSeverity::Level(Severity::Warning)),
                Some(RuleSeverity::Level(Severity::Info)),
                Some(RuleSeverity::Off),
                None,
                None,
            ]
        );
    }
}
