//! The lint entry point shared by `gloss lint` and the language server.
//!
//! A rule's check is one file in `rules/` and one entry in [`CHECKS`]; its
//! name, severity and doc are in [`crate::rule`]. `check_file` runs every
//! check on one parsed file against the glossary index, so the CLI and the
//! server produce the very same diagnostics and an edit re-checks one file,
//! not the glossary.

pub mod docs;
pub mod rules;

use crate::challenge::{Dictionary, Grade, SolverGame};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Related;
use crate::index::{FileId, GlossaryIndex, Site};
use crate::line_index::LineIndex;
pub use crate::rule::{RULES, Rule, RuleSeverity, rule_by_name};
use crate::term::ParsedTerm;
use std::collections::HashMap;
use std::sync::Mutex;

/// What every check shares across files: the configuration, the challenge
/// dictionary built from it, and a cache of solver games (a word's game
/// depends only on the word and the dictionary).
pub struct Env {
    pub config: Config,
    pub dictionary: Dictionary,
    solver_games: Mutex<HashMap<String, Option<SolverGame>>>,
    grades: Mutex<HashMap<String, Option<Grade>>>,
}

impl Env {
    /// `extra_words` are the words of the `challenge.extra-words` file, read
    /// by the caller.
    pub fn new(config: Config, extra_words: &[String]) -> Self {
        let dictionary = Dictionary::new(extra_words, &config.challenge.blocked_words);
        Self {
            config,
            dictionary,
            solver_games: Mutex::new(HashMap::new()),
            grades: Mutex::new(HashMap::new()),
        }
    }

    /// The difficulty grade of `word` (any case) for this config's game;
    /// `None` when the word cannot be played (not 4–10 letters A–Z).
    /// Built-in answers are graded from the embedded tables, in constant
    /// time and without a lock; other words need the solver, and their
    /// grades are cached.
    pub fn grade(&self, word: &str) -> Option<Grade> {
        let max = self.config.challenge.max_guesses;
        if let Some(grade) = Grade::from_tables(word, &self.dictionary, max) {
            return Some(grade);
        }
        let key = word.to_ascii_uppercase();
        if let Ok(cache) = self.grades.lock()
            && let Some(grade) = cache.get(&key)
        {
            return grade.clone();
        }
        let grade = self.grade_uncached(&key);
        if let Ok(mut cache) = self.grades.lock() {
            cache.insert(key, grade.clone());
        }
        grade
    }

    fn grade_uncached(&self, word: &str) -> Option<Grade> {
        let max = self.config.challenge.max_guesses;
        Grade::with_guesses(word, &self.dictionary, max, |mode| match mode {
            crate::challenge::Mode::Normal => self
                .solver_guesses(word)
                .and_then(|(guesses, found)| found.then_some(guesses)),
            crate::challenge::Mode::Hard => {
                match crate::challenge::table_guesses_hard(word, &self.dictionary) {
                    Some(guesses) => guesses,
                    None => crate::challenge::solve_hard(
                        word,
                        &self.dictionary,
                        crate::challenge::MAX_SOLVER_GUESSES,
                    )
                    .filter(|g| g.found)
                    .map(|g| g.guesses),
                }
            }
        })
    }

    /// How many guesses the reference solver needs for `word` (any case),
    /// and whether it finds it at all (within its cap). The embedded table
    /// answers for built-in answers; other words are played live, cached.
    pub fn solver_guesses(&self, word: &str) -> Option<(usize, bool)> {
        match crate::challenge::table_guesses(word, &self.dictionary) {
            Some(Some(guesses)) => Some((guesses, true)),
            Some(None) => Some((crate::challenge::MAX_SOLVER_GUESSES, false)),
            None => self.solver_game(word).map(|g| (g.guesses, g.found)),
        }
    }

    /// The reference solver's game for `word` (any case), cached.
    pub fn solver_game(&self, word: &str) -> Option<SolverGame> {
        let key = word.to_ascii_uppercase();
        if let Ok(cache) = self.solver_games.lock()
            && let Some(game) = cache.get(&key)
        {
            return game.clone();
        }
        let game =
            crate::challenge::solve(&key, &self.dictionary, self.config.challenge.max_guesses);
        if let Ok(mut cache) = self.solver_games.lock() {
            cache.insert(key, game.clone());
        }
        game
    }
}

impl Default for Env {
    fn default() -> Self {
        Self::new(Config::default(), &[])
    }
}

/// What a rule's check sees: one file, the glossary around it, the config.
pub struct Context<'a> {
    pub file: FileId,
    /// The file's path as the caller names it (for messages).
    pub path: &'a str,
    /// The file name without its extension: the term's slug.
    pub stem: &'a str,
    /// The file name with its extension.
    pub file_name: &'a str,
    pub text: &'a str,
    pub line_index: &'a LineIndex,
    pub parsed: &'a ParsedTerm,
    pub config: &'a Config,
    pub env: &'a Env,
    pub glossary: &'a GlossaryIndex,
}

impl Context<'_> {
    pub fn term(&self) -> &crate::term::Term {
        &self.parsed.term
    }

    /// The 1-based line of an offset, for messages that cite another place.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_index.line_col(self.text, offset).line
    }

    /// The challenge word when it is all ASCII letters (any case), trimmed:
    /// what the word rules beyond charset look at.
    pub fn challenge_word(&self) -> Option<(&crate::term::Text, String)> {
        let word = self.term().challenge.as_ref()?.word.as_ref()?;
        let value = word.value.trim();
        (!value.is_empty() && value.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| (word, value.to_ascii_uppercase()))
    }

    /// The challenge word with its grade, for the rules that compare the
    /// grade with `challenge.difficulty`; `None` for a word without one, or
    /// one that is blocked or that players cannot type (those have findings
    /// of their own).
    pub fn graded_challenge_word(&self) -> Option<(&crate::term::Text, String, Grade)> {
        let (word, upper) = self.challenge_word()?;
        let dictionary = &self.env.dictionary;
        if dictionary.is_blocked(&upper) || !dictionary.is_guess(&upper) {
            return None;
        }
        let grade = self.env.grade(&upper)?;
        Some((word, upper, grade))
    }
}

/// At most this many other places are named (in the message and as related
/// locations) by one cross-file finding, so that output stays linear in the
/// number of files however large a group of files sharing a value grows.
pub const MAX_LISTED: usize = 3;

/// The other members of a group of files sharing a value (a name, a
/// challenge word), seen from one member: how many there are and the first
/// few in file order.
pub struct Others<'a> {
    pub count: usize,
    pub listed: Vec<&'a Site>,
}

impl<'a> Others<'a> {
    /// `sites` is a posting list of the index (one site per file, in file
    /// order); `own` is the file the finding is for. Constant time in the
    /// size of the group.
    pub fn of(sites: &'a [Site], own: FileId) -> Self {
        let own_in_group = sites.binary_search_by_key(&own, |s| s.file).is_ok();
        Self {
            count: sites.len() - usize::from(own_in_group),
            listed: sites
                .iter()
                .filter(|s| s.file != own)
                .take(MAX_LISTED)
                .collect(),
        }
    }

    /// "`a.yaml`" for one other file; "3 other terms: `a.yaml`, `b.yaml`
    /// and `c.yaml`"; "1,109 other terms: `a.yaml`, `b.yaml`, `c.yaml` and
    /// 1,106 more". `noun` is the plural the count counts ("terms").
    pub fn describe(&self, glossary: &GlossaryIndex, noun: &str) -> String {
        let names: Vec<String> = self
            .listed
            .iter()
            .map(|s| format!("`{}`", glossary.path(s.file).unwrap_or("another file")))
            .collect();
        if self.count <= 1 {
            return names.into_iter().next().unwrap_or_default();
        }
        let rest = self.count.saturating_sub(names.len());
        // Two or more others are listed here (up to MAX_LISTED).
        let list = match (names.split_last(), rest) {
            (Some((last, first)), 0) => format!("{} and {last}", first.join(", ")),
            (_, rest) => format!("{} and {} more", names.join(", "), thousands(rest)),
        };
        format!("{} other {noun}: {list}", thousands(self.count))
    }

    /// The listed sites as related locations.
    pub fn related(&self, message: &str) -> Vec<Related> {
        self.listed
            .iter()
            .map(|s| Related {
                file: Some(s.file),
                range: s.range,
                message: message.to_owned(),
            })
            .collect()
    }
}

/// `1109` → `1,109`: counts in messages read at a glance.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// A rule's check: what `check_file` runs for it.
pub struct RuleCheck {
    pub rule: &'static Rule,
    pub check: Check,
}

/// Every rule's check, in catalogue order. The rules the term parser
/// reports itself (`yaml-syntax`, `unknown-field`, `missing-field`,
/// `invalid-value`, `missing-challenge`) and `io-error` have none.
pub static CHECKS: &[RuleCheck] = &[
    rules::placeholder_text::CHECK,
    rules::file_name_mismatch::CHECK,
    rules::duplicate_term::CHECK,
    rules::unknown_related::CHECK,
    rules::self_related::CHECK,
    rules::definition_missing_term::CHECK,
    rules::missing_faqs::CHECK,
    rules::missing_faq_topic::CHECK,
    rules::faq_not_a_question::CHECK,
    rules::faq_empty_answer::CHECK,
    rules::duplicate_faq::CHECK,
    rules::challenge_word_length::CHECK,
    rules::challenge_word_charset::CHECK,
    rules::challenge_word_not_in_dictionary::CHECK,
    rules::challenge_word_in_term::CHECK,
    rules::challenge_word_unrelated::CHECK,
    rules::challenge_word_duplicate::CHECK,
    rules::challenge_word_blocked::CHECK,
    rules::challenge_too_hard::CHECK,
    rules::challenge_too_easy::CHECK,
    rules::deprecated_name::CHECK,
];

/// Every diagnostic for one file: the parser's and every rule's, at the
/// configured severities (rules turned off dropped), sorted by position.
pub fn check_file(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = cx.parsed.diagnostics.clone();
    if !cx.parsed.syntax_failed {
        for rule_check in CHECKS {
            if cx.config.severity(rule_check.rule).is_some() {
                (rule_check.check)(cx, &mut out);
            }
        }
    }
    apply_severities(&mut out, cx.config);
    out
}

/// Apply `[rules]` overrides, drop rules that are off, sort by position.
pub fn apply_severities(diagnostics: &mut Vec<Diagnostic>, config: &Config) {
    diagnostics.retain_mut(|d| match rule_by_name(d.rule).map(|r| config.severity(r)) {
        Some(Some(severity)) => {
            d.severity = severity;
            true
        }
        Some(None) => false,
        None => true,
    });
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    diagnostics.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line_index::TextRange;
    use crate::term::Term;

    fn glossary(n: usize) -> (GlossaryIndex, Vec<Site>) {
        let mut index = GlossaryIndex::default();
        let mut sites = Vec::new();
        for i in 0..n {
            let file = index.add(&format!("t{i}.yaml"), &format!("t{i}"), &Term::default());
            sites.push(Site {
                file,
                range: TextRange::new(i, i + 1),
            });
        }
        (index, sites)
    }

    #[test]
    fn words_outside_the_tables_are_graded_live_and_cached() {
        // `kanban` is an extra answer: its length's answers change, so no
        // table applies and the solver plays it.
        let env = Env::new(Config::default(), &["kanban".to_owned()]);
        let live = env.grade("KANBAN");
        assert!(live.is_some(), "an extra answer is graded");
        assert_eq!(
            live,
            Grade::of("kanban", &env.dictionary, env.config.challenge.max_guesses)
        );
        assert_eq!(env.grade("kanban"), live, "the cached grade, any case");
        assert!(env.grades.lock().is_ok_and(|c| c.contains_key("KANBAN")));
        // A built-in answer of another length is read from the tables and
        // not cached.
        assert!(env.grade("round").is_some());
        assert!(env.grades.lock().is_ok_and(|c| !c.contains_key("ROUND")));
        assert_eq!(env.grade("ab"), None);
    }

    #[test]
    fn others_count_the_group_and_list_the_first_three() {
        let (index, sites) = glossary(6);
        let others = Others::of(&sites[..2], 0);
        assert_eq!(others.count, 1);
        assert_eq!(others.describe(&index, "terms"), "`t1.yaml`");
        let others = Others::of(&sites[..3], 1);
        assert_eq!(
            others.describe(&index, "terms"),
            "2 other terms: `t0.yaml` and `t2.yaml`"
        );
        let others = Others::of(&sites[..4], 3);
        assert_eq!(
            others.describe(&index, "files"),
            "3 other files: `t0.yaml`, `t1.yaml` and `t2.yaml`"
        );
        let others = Others::of(&sites, 0);
        assert_eq!(others.count, 5);
        assert_eq!(
            others.describe(&index, "terms"),
            "5 other terms: `t1.yaml`, `t2.yaml`, `t3.yaml` and 2 more"
        );
        let related = others.related("also used here");
        assert_eq!(related.len(), MAX_LISTED);
        assert_eq!(related[0].file, Some(1));
        assert_eq!(related[2].range, TextRange::new(3, 4));
        // A file outside the group (a loose file) counts every member.
        assert_eq!(Others::of(&sites[..2], usize::MAX).count, 2);
        assert_eq!(Others::of(&[], 0).count, 0);
    }

    #[test]
    fn thousands_separates_groups_of_three_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_106), "1,106");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }
}
