//! Diagnostics are plain data: a rule, a severity, a message, a byte range,
//! related locations and an optional fix. Positions for humans and editors
//! are computed at the edges from a [`crate::LineIndex`].

use crate::line_index::TextRange;
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

/// A place in another file (or this one) that explains a diagnostic, e.g.
/// the first definition of a duplicated term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The file, as the caller named it; `None` means the diagnostic's own file.
    pub path: Option<String>,
    pub range: TextRange,
    pub message: String,
}

/// One replacement in the diagnostic's own file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub description: String,
    /// Text edits to the diagnostic's file; never overlapping.
    pub edits: Vec<Edit>,
    /// Rename the file to this file name (same directory), after the edits.
    pub rename_to: Option<String>,
}

impl Fix {
    pub fn edit(
        description: impl Into<String>,
        range: TextRange,
        new_text: impl Into<String>,
    ) -> Self {
        Self {
            description: description.into(),
            edits: vec![Edit {
                range,
                new_text: new_text.into(),
            }],
            rename_to: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's public kebab-case name.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: TextRange,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity; the lint driver applies
    /// the configured severity afterwards.
    pub fn new(rule: &crate::lint::Rule, range: TextRange, message: impl Into<String>) -> Self {
        Self {
            rule: rule.name,
            severity: rule.default_severity,
            message: message.into(),
            range,
            related: Vec::new(),
            fix: None,
        }
    }

    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    #[must_use]
    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }
}

/// Suggest the candidate closest to `input` when it is close enough to be a
/// likely typo (case-insensitive Levenshtein distance, scaled by length).
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input = input.to_lowercase();
    let max = input.chars().count().div_ceil(3);
    candidates
        .into_iter()
        .map(|c| (levenshtein(&input, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= max)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// All candidates within typo distance of `input`, closest first.
pub fn suggestions<'a, I>(input: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input = input.to_lowercase();
    let max = input.chars().count().div_ceil(3);
    let mut close: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (levenshtein(&input, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= max)
        .collect();
    close.sort();
    close.into_iter().map(|(_, c)| c).collect()
}

/// Levenshtein distance over Unicode scalar values.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_typos_only() {
        let keys = ["term", "aliases", "definition", "context", "faqs"];
        assert_eq!(did_you_mean("defintion", keys), Some("definition"));
        assert_eq!(did_you_mean("Alias", keys), Some("aliases"));
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
