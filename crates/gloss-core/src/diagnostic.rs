//! Diagnostics are plain data: a rule, a severity, a message, a byte range,
//! related locations and an optional fix. Positions for humans and editors
//! are computed at the edges from a [`crate::LineIndex`].

use crate::line_index::TextRange;
pub use crate::rule::{Applicability, Severity};
use crate::rule::{Family, Rule};

/// A file's position in the glossary index; stable while the file is
/// indexed.
pub type FileId = usize;

/// A place in another file (or this one) that explains a diagnostic, e.g.
/// the first definition of a duplicated term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The file's id in the glossary index the diagnostic was checked
    /// against; `None` means the diagnostic's own file. Front ends map it to
    /// a path (and a position) with that index.
    pub file: Option<FileId>,
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
    /// Whether `gloss lint --fix` may apply it unasked; at most as safe as
    /// its rule's [`Rule::fix`] declares.
    pub applicability: Applicability,
}

impl Fix {
    /// A safe fix that replaces `range` with `new_text`.
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
            applicability: Applicability::Safe,
        }
    }

    /// A safe fix that renames the file (same directory).
    pub fn rename(description: impl Into<String>, file_name: impl Into<String>) -> Self {
        Self {
            description: description.into(),
            edits: Vec::new(),
            rename_to: Some(file_name.into()),
            applicability: Applicability::Safe,
        }
    }

    #[must_use]
    pub fn with_applicability(mut self, applicability: Applicability) -> Self {
        self.applicability = applicability;
        self
    }

    /// Whether a run that applies fixes up to `allowed` applies this one:
    /// `Safe` allows safe fixes only, `Unsafe` allows every fix.
    pub fn applies_at(&self, allowed: Applicability) -> bool {
        self.applicability <= allowed
    }
}

/// What an editor needs to offer an action beyond the fix, as data: the
/// server sends it in the protocol diagnostic's `data` and reads it back
/// when asked for code actions, never parsing it out of the message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum ActionData {
    /// Add a FAQ skeleton on `topic` (a `[[faqs.topics]]` name).
    AddFaq { topic: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's public kebab-case name.
    pub rule: &'static str,
    /// The rule's family: what front ends select findings by.
    pub family: Family,
    pub severity: Severity,
    pub message: String,
    pub range: TextRange,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    pub data: Option<ActionData>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity; the lint driver applies
    /// the configured severity afterwards.
    pub fn new(rule: &Rule, range: TextRange, message: impl Into<String>) -> Self {
        Self {
            rule: rule.name,
            family: rule.family,
            severity: rule.default_severity,
            message: message.into(),
            range,
            related: Vec::new(),
            fix: None,
            data: None,
        }
    }

    #[must_use]
    pub fn with_data(mut self, data: ActionData) -> Self {
        self.data = Some(data);
        self
    }

    /// Whether `gloss challenge` and the challenge hover list it: a finding
    /// of the challenge family, whatever the rule's name looks like.
    pub fn is_challenge_finding(&self) -> bool {
        self.family == Family::Challenge
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
    suggestions(input, candidates).into_iter().next()
}

/// All candidates within typo distance of `input` (a third of its length,
/// rounded up), closest first, then alphabetical.
pub fn suggestions<'a, I>(input: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input: Vec<char> = input.chars().flat_map(char::to_lowercase).collect();
    let max = input.len().div_ceil(3);
    let input_histogram = histogram(input.iter().copied());
    let mut buffer = Vec::new();
    let mut row = Vec::new();
    let mut close: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            // Cheap lower bounds first: a glossary has thousands of slugs.
            if c.is_ascii() {
                if c.len().abs_diff(input.len()) > max {
                    return None;
                }
                let candidate_histogram =
                    histogram(c.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                if histogram_distance(&input_histogram, &candidate_histogram) > 2 * max {
                    return None;
                }
            }
            buffer.clear();
            buffer.extend(c.chars().flat_map(char::to_lowercase));
            if buffer.len().abs_diff(input.len()) > max {
                return None;
            }
            // Each edit changes at most two letter counts by one.
            if histogram_distance(&input_histogram, &histogram(buffer.iter().copied())) > 2 * max {
                return None;
            }
            bounded_levenshtein(&input, &buffer, max, &mut row).map(|d| (d, c))
        })
        .collect();
    close.sort_unstable();
    close.dedup();
    close.into_iter().map(|(_, c)| c).collect()
}

/// Candidates that contain `input`'s words as a run of their own words, the
/// last one possibly cut short: `north-star` and `north-st` find
/// `north-star-metric`, `star` finds `north-star`. For a did-you-mean where
/// no candidate is a near spelling. Shortest first, then alphabetical; the
/// input needs three letters or digits, so `a` does not match everything.
pub fn word_run_matches<'a, I>(input: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted: Vec<String> = words_of(input);
    if wanted.iter().map(String::len).sum::<usize>() < 3 {
        return Vec::new();
    }
    let Some((last, whole)) = wanted.split_last() else {
        return Vec::new();
    };
    let mut found: Vec<&str> = candidates
        .into_iter()
        .filter(|candidate| {
            let have = words_of(candidate);
            // The input itself is no suggestion.
            let longer = have.len() > wanted.len()
                || have.last().is_some_and(|word| word.len() > last.len());
            longer
                && (0..have.len()).any(|start| {
                    let run = &have[start..];
                    run.len() >= wanted.len()
                        && run[..whole.len()] == *whole
                        && run[whole.len()].starts_with(last.as_str())
                })
        })
        .collect();
    found.sort_unstable_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    found.dedup();
    found
}

/// The lowercased runs of letters and digits of `text`.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Letter counts, folded into 32 buckets (a lower bound stays a lower bound).
fn histogram(chars: impl Iterator<Item = char>) -> [u16; 32] {
    let mut counts = [0u16; 32];
    for c in chars {
        let slot = &mut counts[(c as usize) % 32];
        *slot = slot.saturating_add(1);
    }
    counts
}

fn histogram_distance(a: &[u16; 32], b: &[u16; 32]) -> usize {
    a.iter()
        .zip(b)
        .map(|(x, y)| usize::from(x.abs_diff(*y)))
        .sum()
}

/// Levenshtein distance over Unicode scalar values.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    bounded_levenshtein(&a, &b, usize::MAX, &mut Vec::new()).unwrap_or(usize::MAX)
}

/// The distance when it is at most `max`; gives up as soon as every cell of
/// a row exceeds `max`, so far-off candidates cost a few rows, not a table.
fn bounded_levenshtein(a: &[char], b: &[char], max: usize, row: &mut Vec<usize>) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    row.clear();
    row.extend(0..=b.len());
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        let mut row_min = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
            row_min = row_min.min(next);
        }
        if row_min > max {
            return None;
        }
    }
    row.last().copied().filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_findings_are_chosen_by_family_not_by_name() {
        const LOOKALIKE: Rule = Rule {
            name: "challenge-lookalike",
            family: Family::Term,
            default_severity: Severity::Warning,
            fix: None,
            summary: "a rule of another family whose name starts with `challenge`",
            doc: "",
        };
        let range = TextRange::empty(0);
        assert!(!Diagnostic::new(&LOOKALIKE, range, "x").is_challenge_finding());
        assert!(
            Diagnostic::new(&crate::rule::MISSING_CHALLENGE, range, "x").is_challenge_finding()
        );
        assert!(
            Diagnostic::new(&crate::rule::CHALLENGE_TOO_HARD, range, "x").is_challenge_finding()
        );
        assert!(!Diagnostic::new(&crate::rule::UNKNOWN_RELATED, range, "x").is_challenge_finding());
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let keys = ["term", "aliases", "definition", "context", "faqs"];
        assert_eq!(did_you_mean("defintion", keys), Some("definition"));
        assert_eq!(did_you_mean("Alias", keys), Some("aliases"));
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }

    #[test]
    fn word_runs_find_longer_slugs_that_hold_the_words() {
        let slugs = [
            "north-star-metric",
            "north-star",
            "star-rating",
            "northern-lights",
            "nsm",
        ];
        assert_eq!(word_run_matches("north-star", slugs), ["north-star-metric"]);
        assert_eq!(word_run_matches("North Star", slugs), ["north-star-metric"]);
        assert_eq!(
            word_run_matches("north-st", slugs),
            ["north-star", "north-star-metric"]
        );
        assert_eq!(
            word_run_matches("star", slugs),
            ["north-star", "star-rating", "north-star-metric"]
        );
        assert_eq!(word_run_matches("metric", slugs), ["north-star-metric"]);
        assert!(
            word_run_matches("star-north", slugs).is_empty(),
            "the order counts"
        );
        assert!(
            word_run_matches("ns", slugs).is_empty(),
            "too short to mean anything"
        );
        assert!(
            word_run_matches("north-star-metric", slugs).is_empty(),
            "itself is no suggestion"
        );
        assert!(word_run_matches("", slugs).is_empty());
        // Three letters are enough.
        assert_eq!(
            word_run_matches("sta", slugs),
            ["north-star", "star-rating", "north-star-metric"]
        );
    }

    #[test]
    fn suggestions_reach_the_full_distance_in_substitutions() {
        // `backlog` has 7 letters: up to 3 edits. `hackler` and `bäcklör`
        // are 3 substitutions away, each changing two letter counts, the
        // most the histogram bound lets through (one ASCII, one not);
        // `hacklers` is one edit more.
        assert_eq!(
            suggestions("backlog", ["hackler", "bäcklör", "hacklers"]),
            ["bäcklör", "hackler"]
        );
        // Closest first.
        assert_eq!(
            suggestions("backlog", ["hackler", "backlot", "backlog"]),
            ["backlog", "backlot", "hackler"]
        );
    }

    #[test]
    fn suggestions_read_any_script_and_an_empty_input_matches_only_itself() {
        let slugs = ["спринт", "kanban"];
        assert_eq!(did_you_mean("спрнт", slugs), Some(slugs[0]));
        assert_eq!(suggestions("", ["", "a"]), [""]);
    }

    #[test]
    fn levenshtein_counts_deletions_and_insertions_anywhere() {
        assert_eq!(levenshtein("backlog", "acklog"), 1);
        assert_eq!(levenshtein("acklog", "backlog"), 1);
        assert_eq!(levenshtein("sprint", "spint"), 1);
        assert_eq!(levenshtein("spint", "sprint"), 1);
        assert_eq!(levenshtein("a", ""), 1);
        assert_eq!(levenshtein("", "a"), 1);
    }
}
