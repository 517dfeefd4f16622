//! The term model: one term file, parsed with every span a diagnostic may
//! point at. Parsing never fails: bad input yields a partial [`Term`] and
//! diagnostics (`yaml-syntax`, `unknown-field`, `missing-field`,
//! `invalid-value`, `missing-challenge`).

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::line_index::{LineIndex, TextRange};
use crate::rule::{INVALID_VALUE, MISSING_CHALLENGE, MISSING_FIELD, UNKNOWN_FIELD, YAML_SYNTAX};
use crate::yaml::{self, Limits, Node, NodeKind, ScalarKind, ScalarStyle};

/// A string value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub range: TextRange,
    pub style: ScalarStyle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faq {
    /// Where the FAQ item starts.
    pub range: TextRange,
    pub question: Option<Text>,
    pub answer: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// The `challenge` key.
    pub key_range: TextRange,
    pub word: Option<Text>,
    pub hint: Option<Text>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    pub term: Option<Text>,
    pub aliases: Vec<Text>,
    /// Old or discouraged names that still identify the term: they hover,
    /// and `deprecated-name` flags them where they are used.
    pub deprecated: Vec<Text>,
    pub category: Option<Text>,
    pub definition: Option<Text>,
    pub context: Option<Text>,
    pub faqs: Vec<Faq>,
    /// The `faqs` key, when present.
    pub faqs_key: Option<TextRange>,
    pub related: Vec<Text>,
    /// The `related` key, when present.
    pub related_key: Option<TextRange>,
    pub challenge: Option<Challenge>,
}

impl Term {
    /// The display name and every alias.
    pub fn names(&self) -> impl Iterator<Item = &Text> {
        self.term.iter().chain(&self.aliases)
    }

    /// Every prose field a reader sees: definition, context, FAQ questions
    /// and answers.
    pub fn prose(&self) -> impl Iterator<Item = &Text> {
        self.definition.iter().chain(&self.context).chain(
            self.faqs
                .iter()
                .flat_map(|faq| faq.question.iter().chain(&faq.answer)),
        )
    }
}

/// The keys a term file may have, in their documented order.
pub const FIELDS: &[&str] = &[
    "term",
    "aliases",
    "deprecated",
    "category",
    "definition",
    "context",
    "faqs",
    "related",
    "challenge",
];
const FAQ_FIELDS: &[&str] = &["question", "answer"];
const CHALLENGE_FIELDS: &[&str] = &["word", "hint"];

#[derive(Debug, Clone)]
pub struct ParsedTerm {
    pub term: Term,
    pub diagnostics: Vec<Diagnostic>,
    /// The YAML itself was unreadable: no fix may touch this file.
    pub syntax_failed: bool,
}

/// Parse a term file's text.
pub fn parse_term(text: &str, index: &LineIndex, limits: Limits) -> ParsedTerm {
    let mut parsed = yaml::parse(text, index, limits);
    let mut diagnostics: Vec<Diagnostic> = parsed
        .errors
        .iter()
        .map(|err| Diagnostic::new(&YAML_SYNTAX, err.range, err.message.clone()))
        .collect();
    let syntax_failed = parsed.root.is_none();
    let mut builder = Builder {
        text,
        diagnostics: &mut diagnostics,
    };
    // The builder moves the strings out of the tree, which is dropped here.
    let term = match &mut parsed.root {
        None => Term::default(),
        Some(root) => builder.term(root),
    };
    ParsedTerm {
        term,
        diagnostics,
        syntax_failed,
    }
}

struct Builder<'a> {
    text: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Builder<'_> {
    fn term(&mut self, root: &mut Node) -> Term {
        let mut term = Term::default();
        let root_range = root.range;
        let head = self.head(root);
        let describe = root.describe();
        let entries = match &mut root.kind {
            NodeKind::Map(entries) => entries,
            NodeKind::Scalar {
                kind: ScalarKind::Null,
                ..
            } => {
                self.diagnostics.push(Diagnostic::new(
                    &MISSING_FIELD,
                    TextRange::empty(0),
                    "the file has no fields: a term file needs `term`, `definition`, `faqs` and `challenge`",
                ));
                return term;
            }
            _ => {
                self.diagnostics.push(Diagnostic::new(
                    &INVALID_VALUE,
                    head,
                    format!(
                        "a term file must be a mapping of fields (`term: ...`), found {describe}"
                    ),
                ));
                return term;
            }
        };
        let has_challenge = entries
            .iter()
            .any(|(k, _)| k.scalar_text() == Some("challenge"));
        for (key, value) in entries.iter_mut() {
            let Some(name) = self.key_name(key, FIELDS, "term file") else {
                continue;
            };
            match name {
                "term" => term.term = self.string(name, value),
                "aliases" => term.aliases = self.string_list(name, value),
                "deprecated" => term.deprecated = self.string_list(name, value),
                "category" => term.category = self.string(name, value),
                "definition" => term.definition = self.string(name, value),
                "context" => term.context = self.string(name, value),
                "faqs" => {
                    term.faqs_key = Some(key.range);
                    term.faqs = self.faqs(value);
                }
                "related" => {
                    term.related_key = Some(key.range);
                    term.related = self.string_list(name, value);
                }
                "challenge" => term.challenge = Some(self.challenge(key, value)),
                _ => {}
            }
        }
        let at = TextRange::empty(root_range.start);
        for (field, present) in [
            (
                "term",
                term.term
                    .as_ref()
                    .is_some_and(|t| !t.value.trim().is_empty()),
            ),
            (
                "definition",
                term.definition
                    .as_ref()
                    .is_some_and(|t| !t.value.trim().is_empty()),
            ),
            ("faqs", !term.faqs.is_empty()),
        ] {
            // A misspelled key already says what is missing (`unknown-field`).
            let misspelled = !present
                && entries.iter().any(|(k, _)| {
                    k.scalar_text().is_some_and(|name| {
                        name != field && did_you_mean(name, FIELDS.iter().copied()) == Some(field)
                    })
                });
            if !present && !misspelled {
                let key = entries.iter().find(|(k, _)| k.scalar_text() == Some(field));
                let (range, message) = match key {
                    Some((k, _)) => (k.range, format!("`{field}` is empty")),
                    None => (at, format!("missing required field `{field}`")),
                };
                self.diagnostics
                    .push(Diagnostic::new(&MISSING_FIELD, range, message));
            }
        }
        if !has_challenge {
            self.diagnostics.push(Diagnostic::new(
                &MISSING_CHALLENGE,
                at,
                "missing `challenge`: every term page ends with a Knowledge Challenge (`challenge: {word: ...}`)",
            ));
        }
        term
    }

    /// A collection's range is only its start; point at its first character.
    fn head(&self, node: &Node) -> TextRange {
        if node.range.is_empty() {
            let end = self.text[node.range.start.min(self.text.len())..]
                .chars()
                .next()
                .map_or(node.range.start, |c| node.range.start + c.len_utf8());
            TextRange::new(node.range.start, end)
        } else {
            node.range
        }
    }

    /// A mapping key's name when it is one of `known`; otherwise reports it.
    fn key_name(
        &mut self,
        key: &Node,
        known: &'static [&'static str],
        what: &str,
    ) -> Option<&'static str> {
        let Some(name) = key.scalar_text() else {
            self.diagnostics.push(Diagnostic::new(
                &INVALID_VALUE,
                self.head(key),
                format!(
                    "a key of a {what} must be a field name, found {}",
                    key.describe()
                ),
            ));
            return None;
        };
        if let Some(&field) = known.iter().find(|&&f| f == name) {
            return Some(field);
        }
        let mut message = format!("unknown field `{name}` in a {what}");
        if let Some(suggestion) = did_you_mean(name, known.iter().copied()) {
            message.push_str(&format!(": did you mean `{suggestion}`?"));
        } else {
            message.push_str(&format!("; expected one of {}", backticked(known)));
        }
        self.diagnostics
            .push(Diagnostic::new(&UNKNOWN_FIELD, key.range, message));
        None
    }

    /// A string field. Numbers and booleans are kept as written but flagged:
    /// YAML reads `word: 123456` or `term: true` as something else.
    /// The string is moved out of `node`.
    fn string(&mut self, field: &str, node: &mut Node) -> Option<Text> {
        let range = node.range;
        match &mut node.kind {
            NodeKind::Scalar {
                kind: ScalarKind::Null,
                ..
            } => None,
            NodeKind::Scalar {
                kind: ScalarKind::Str,
                value,
                style,
            } => Some(Text {
                value: std::mem::take(value),
                range,
                style: *style,
            }),
            NodeKind::Scalar { kind, .. } => {
                let written = self
                    .text
                    .get(node.range.start..node.range.end)
                    .unwrap_or_default();
                // Quoting a number would not make it a challenge word:
                // `challenge-word-charset` says what to write instead, once.
                let is_number = matches!(kind, ScalarKind::Int | ScalarKind::Float);
                if field == "word" && is_number {
                    return Some(Text {
                        value: written.to_owned(),
                        range: node.range,
                        style: ScalarStyle::Plain,
                    });
                }
                self.diagnostics.push(Diagnostic::new(
                    &INVALID_VALUE,
                    node.range,
                    format!(
                        "`{field}` must be a string, found {}: quote it (`\"{written}\"`)",
                        kind.describe()
                    ),
                ));
                Some(Text {
                    value: written.to_owned(),
                    range: node.range,
                    style: ScalarStyle::Plain,
                })
            }
            _ => {
                self.diagnostics.push(Diagnostic::new(
                    &INVALID_VALUE,
                    self.head(node),
                    format!("`{field}` must be a string, found {}", node.describe()),
                ));
                None
            }
        }
    }

    fn string_list(&mut self, field: &str, node: &mut Node) -> Vec<Text> {
        match &mut node.kind {
            NodeKind::Seq(items) => items
                .iter_mut()
                .filter_map(|item| {
                    if item.is_null() {
                        self.diagnostics.push(Diagnostic::new(
                            &INVALID_VALUE,
                            self.head(item),
                            format!("an entry of `{field}` is empty"),
                        ));
                        return None;
                    }
                    self.string(field, item)
                })
                .collect(),
            NodeKind::Scalar {
                kind: ScalarKind::Null,
                ..
            } => Vec::new(),
            NodeKind::Scalar { .. } => {
                // One name where a list belongs: keep it, but say so.
                let written = self
                    .text
                    .get(node.range.start..node.range.end)
                    .unwrap_or_default();
                self.diagnostics.push(Diagnostic::new(
                    &INVALID_VALUE,
                    node.range,
                    format!("`{field}` must be a list: write `{field}: [{written}]`"),
                ));
                self.string(field, node).into_iter().collect()
            }
            NodeKind::Map(_) => {
                self.diagnostics.push(Diagnostic::new(
                    &INVALID_VALUE,
                    self.head(node),
                    format!("`{field}` must be a list of strings, found a mapping"),
                ));
                Vec::new()
            }
        }
    }

    fn faqs(&mut self, node: &mut Node) -> Vec<Faq> {
        let head = self.head(node);
        let describe = node.describe();
        let items = match &mut node.kind {
            NodeKind::Seq(items) => items,
            NodeKind::Scalar {
                kind: ScalarKind::Null,
                ..
            } => return Vec::new(),
            _ => {
                self.diagnostics.push(Diagnostic::new(
                    &INVALID_VALUE,
                    head,
                    format!("`faqs` must be a list of `question`/`answer` pairs, found {describe}"),
                ));
                return Vec::new();
            }
        };
        let mut faqs = Vec::with_capacity(items.len());
        for (faq_idx, item) in items.iter_mut().enumerate() {
            let head = self.head(item);
            let describe = item.describe();
            let NodeKind::Map(entries) = &mut item.kind else {
                self.diagnostics.push(Diagnostic::new(
                    &INVALID_VALUE,
                    head,
                    format!(
                        "FAQ {} must be a mapping with `question` and `answer`, found {describe}",
                        faq_idx + 1,
                    ),
                ));
                continue;
            };
            let mut faq = Faq {
                range: head,
                question: None,
                answer: None,
            };
            for (key, value) in entries.iter_mut() {
                match self.key_name(key, FAQ_FIELDS, "FAQ") {
                    Some("question") => faq.question = self.string("question", value),
                    Some("answer") => faq.answer = self.string("answer", value),
                    _ => {}
                }
            }
            if faq
                .question
                .as_ref()
                .is_none_or(|q| q.value.trim().is_empty())
            {
                let range = entries
                    .iter()
                    .find(|(k, _)| k.scalar_text() == Some("question"))
                    .map_or(faq.range, |(k, _)| k.range);
                self.diagnostics.push(Diagnostic::new(
                    &MISSING_FIELD,
                    range,
                    format!("FAQ {} has no question", faq_idx + 1),
                ));
            }
            faqs.push(faq);
        }
        faqs
    }

    fn challenge(&mut self, key: &Node, node: &mut Node) -> Challenge {
        let mut challenge = Challenge {
            key_range: key.range,
            word: None,
            hint: None,
        };
        match &mut node.kind {
            NodeKind::Map(entries) => {
                for (key, value) in entries.iter_mut() {
                    match self.key_name(key, CHALLENGE_FIELDS, "challenge") {
                        Some("word") => challenge.word = self.string("word", value),
                        Some("hint") => challenge.hint = self.string("hint", value),
                        _ => {}
                    }
                }
                if challenge
                    .word
                    .as_ref()
                    .is_none_or(|w| w.value.trim().is_empty())
                {
                    self.diagnostics.push(Diagnostic::new(
                        &MISSING_CHALLENGE,
                        key.range,
                        "the challenge has no `word`",
                    ));
                }
            }
            NodeKind::Scalar {
                kind: ScalarKind::Null,
                ..
            } => {
                self.diagnostics.push(Diagnostic::new(
                    &MISSING_CHALLENGE,
                    key.range,
                    "`challenge` is empty: give it a `word`",
                ));
            }
            _ => {
                let hint = match node.scalar_text() {
                    Some(word) => format!(": write `challenge: {{word: {word}}}`"),
                    None => String::new(),
                };
                self.diagnostics.push(Diagnostic::new(
                    &INVALID_VALUE,
                    self.head(node),
                    format!(
                        "`challenge` must be a mapping with `word` (and an optional `hint`), found {}{hint}",
                        node.describe()
                    ),
                ));
            }
        }
        challenge
    }
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
