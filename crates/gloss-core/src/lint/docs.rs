//! The docs rules: how Markdown docs use the glossary.
//!
//! A doc is checked against the glossary index and the mention index, as a
//! term file is against the index alone: `check_doc` runs every enabled
//! docs rule on one doc, so the CLI and the language server publish the
//! same findings. The rules read a doc only through its prose, links and
//! headings ([`crate::prose::markdown_doc`]), never its raw text, so none of
//! them finds anything in code, link URLs, HTML or front matter.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::index::{FileId, GlossaryIndex};
use crate::lint::apply_severities;
use crate::mentions::MentionIndex;
use crate::prose::{MarkdownDoc, ProseRange};
use crate::rule::Rule;

/// What a docs rule's check sees: one doc and the glossary.
pub struct DocContext<'a> {
    /// The doc's path as the caller names it (for messages).
    pub path: &'a str,
    pub text: &'a str,
    pub doc: &'a MarkdownDoc,
    pub config: &'a Config,
    pub glossary: &'a GlossaryIndex,
    /// Every name of the glossary ([`MentionIndex::from_glossary`]).
    pub mentions: &'a MentionIndex,
}

pub type DocCheck = fn(&DocContext<'_>, &mut Vec<Diagnostic>);

/// A docs rule's check: what `check_doc` runs for it.
pub struct DocRuleCheck {
    pub rule: &'static Rule,
    pub check: DocCheck,
}

/// Every docs rule that checks a doc, in catalogue order. `unused-term`
/// is a finding on term files, computed over every doc at once
/// ([`used_terms`]).
pub static DOC_CHECKS: &[DocRuleCheck] = &[
    super::rules::unlinked_mention::CHECK,
    super::rules::deprecated_name::DOC_CHECK,
    super::rules::broken_term_link::CHECK,
];

/// Whether any docs rule that runs on docs is on: when none is, a front end
/// need not read the docs for linting.
pub fn any_doc_rule(config: &Config) -> bool {
    DOC_CHECKS.iter().any(|c| config.severity(c.rule).is_some())
}

/// Every finding for one doc, at the configured severities, sorted.
pub fn check_doc(cx: &DocContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule_check in DOC_CHECKS {
        if cx.config.severity(rule_check.rule).is_some() {
            (rule_check.check)(cx, &mut out);
        }
    }
    apply_severities(&mut out, cx.config);
    out
}

/// Whether `range` lies in one prose range (no markup inside it).
pub(crate) fn in_one_prose_range(prose: &[ProseRange], start: usize, end: usize) -> bool {
    let at = prose.partition_point(|p| p.range.end < end);
    prose
        .get(at)
        .is_some_and(|p| p.range.start <= start && end <= p.range.end)
}

/// The terms that docs and other terms use, for `unused-term`: mark them
/// in `used` (indexed by file id) as each text is read.
pub struct Usage<'a> {
    pub glossary: &'a GlossaryIndex,
    pub mentions: &'a MentionIndex,
    pub config: &'a Config,
    pub used: Vec<bool>,
}

impl<'a> Usage<'a> {
    pub fn new(
        glossary: &'a GlossaryIndex,
        mentions: &'a MentionIndex,
        config: &'a Config,
    ) -> Self {
        let n = glossary.id_bound();
        Self {
            glossary,
            mentions,
            config,
            used: vec![false; n],
        }
    }

    fn mark(&mut self, file: FileId, except: Option<FileId>) {
        if Some(file) != except
            && let Some(slot) = self.used.get_mut(file)
        {
            *slot = true;
        }
    }

    /// A doc: its mentions and its links to term pages.
    pub fn read_doc(&mut self, text: &str, doc: &MarkdownDoc) {
        for file in doc_uses(self.glossary, self.mentions, self.config, text, doc) {
            self.mark(file, None);
        }
    }

    /// A term file's prose and `related` entries (its own names do not
    /// count).
    pub fn read_term(&mut self, file: FileId, text: &str, term: &crate::term::Term) {
        for other in term_uses(self.glossary, self.mentions, file, text, term) {
            self.mark(other, Some(file));
        }
    }

    /// Whether the term of `file` is used somewhere.
    pub fn is_used(&self, file: FileId) -> bool {
        self.used.get(file).copied().unwrap_or(true)
    }
}

/// The term files a doc uses for `unused-term`: those it mentions and those
/// it links to (by the `[docs] link` pattern), sorted, each once.
pub fn doc_uses(
    glossary: &GlossaryIndex,
    mentions: &MentionIndex,
    config: &Config,
    text: &str,
    doc: &MarkdownDoc,
) -> Vec<FileId> {
    let mut out: Vec<FileId> = Vec::new();
    for m in mentions.find_in_prose(text, &doc.prose) {
        out.extend_from_slice(mentions.files(&m));
    }
    if let Some(link) = &config.link {
        for l in &doc.links {
            if let Some(slug) = link.slug_of(&l.destination) {
                out.extend_from_slice(glossary.files_by_slug(slug));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The other term files that term file `file` uses for `unused-term`:
/// those its prose mentions and those its `related` entries name (never
/// itself), sorted, each once.
pub fn term_uses(
    glossary: &GlossaryIndex,
    mentions: &MentionIndex,
    file: FileId,
    text: &str,
    term: &crate::term::Term,
) -> Vec<FileId> {
    let mut out: Vec<FileId> = Vec::new();
    for field in term.prose() {
        let range = field.range;
        if text.get(range.start..range.end).is_none() {
            continue;
        }
        for m in mentions.find_in(text, range) {
            out.extend_from_slice(mentions.files(&m));
        }
    }
    for related in &term.related {
        out.extend_from_slice(glossary.files_by_slug(related.value.trim()));
    }
    out.retain(|&other| other != file);
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::{ProseOptions, markdown_doc};
    use crate::term::Term;

    #[test]
    fn docs_are_read_while_one_docs_rule_is_on() {
        assert!(any_doc_rule(&Config::default()));
        let off = "[rules]\nunlinked-mention = \"off\"\ndeprecated-name = \"off\"\nbroken-term-link = \"off\"\n";
        assert!(!any_doc_rule(&Config::parse(off).expect("config")));
        let one = off.replace("deprecated-name = \"off\"\n", "");
        assert!(any_doc_rule(&Config::parse(&one).expect("config")));
    }

    #[test]
    fn one_prose_range_holds_a_span_up_to_its_end() {
        let range = |start, end| ProseRange {
            range: crate::TextRange::new(start, end),
            joins_previous: false,
        };
        let prose = [range(0, 10), range(10, 20), range(25, 30)];
        assert!(in_one_prose_range(&prose, 5, 10));
        assert!(in_one_prose_range(&prose, 10, 20));
        assert!(in_one_prose_range(&prose, 25, 26));
        assert!(!in_one_prose_range(&prose, 5, 15));
        assert!(!in_one_prose_range(&prose, 18, 26));
        assert!(!in_one_prose_range(&prose, 30, 31));
    }

    #[test]
    fn a_doc_uses_what_it_mentions_and_links() {
        let mut glossary = GlossaryIndex::default();
        let sprint = glossary.add("sprint.yaml", "sprint", &Term::default());
        let kanban = glossary.add("kanban.yaml", "kanban", &Term::default());
        let _velocity = glossary.add("velocity.yaml", "velocity", &Term::default());
        let mentions = MentionIndex::new([("Sprint", sprint), ("Kanban", kanban)]);
        let config = Config::parse("[docs]\nlink = \"/glossary/{slug}/\"\n").expect("config");
        let text = "A sprint is short. See [the list](/glossary/velocity/).\n";
        let doc = markdown_doc(text, ProseOptions::default());
        assert_eq!(
            doc_uses(&glossary, &mentions, &config, text, &doc),
            vec![sprint, 2]
        );
        let mut usage = Usage::new(&glossary, &mentions, &config);
        usage.read_doc(text, &doc);
        assert!(usage.is_used(sprint) && usage.is_used(2));
        assert!(!usage.is_used(kanban));
    }
}
