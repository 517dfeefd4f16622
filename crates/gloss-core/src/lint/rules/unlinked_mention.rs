use crate::config::FirstMention;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::index::FxHasher;
use crate::lint::docs::{DocContext, DocRuleCheck, in_one_prose_range};
use crate::rule::UNLINKED_MENTION as RULE;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// Pairs of numbers from this doc: hashed fast, one lookup per mention.
type PairSet = HashSet<(usize, usize), BuildHasherDefault<FxHasher>>;

pub const CHECK: DocRuleCheck = DocRuleCheck { rule: &RULE, check };

fn check(cx: &DocContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(link) = &cx.config.link else {
        return;
    };
    let doc = cx.doc;
    let deprecated: PairSet = if cx.glossary.has_deprecated() {
        crate::names::find_names(
            cx.text,
            &doc.prose,
            cx.glossary.deprecated_names().map(|(name, _)| name),
        )
        .into_iter()
        .map(|(r, _)| (r.start, r.end))
        .collect()
    } else {
        PairSet::default()
    };
    // (section, term) pairs already seen: a term's first mention decides.
    let mut seen = PairSet::default();
    for m in cx.mentions.find_in_prose(cx.text, &doc.prose) {
        let [file] = cx.mentions.files(&m) else {
            // No name, or one two terms share: which page to link is
            // not known.
            continue;
        };
        let (start, end) = (m.range.start, m.range.end);
        let heading_at = doc.headings.partition_point(|h| h.start <= start);
        let section = match cx.config.first_mention {
            FirstMention::Doc => 0,
            FirstMention::Section => heading_at,
        };
        // A term whose first mention in this section was taken: nothing
        // below can make this one a finding. Most mentions in a long doc
        // are such repeats; this spares them the term's index entry.
        if seen.contains(&(section, *file)) {
            continue;
        }
        let in_heading = |r: &crate::TextRange| r.start <= start && end <= r.end;
        if heading_at > 0 && in_heading(&doc.headings[heading_at - 1]) {
            continue;
        }
        let Some(slug) = cx.glossary.stem(*file) else {
            continue;
        };
        // Links are in order and never nested: the one that could hold the
        // mention is the last to start at or before it.
        let link_at = doc.links.partition_point(|l| l.text.start <= start);
        let enclosing = link_at
            .checked_sub(1)
            .and_then(|i| doc.links.get(i))
            .filter(|l| l.text.start <= start && end <= l.text.end);
        if let Some(l) = enclosing
            && link.slug_of(&l.destination) != Some(slug)
        {
            // Inside a link elsewhere: a link cannot hold a link.
            continue;
        }
        // An old name takes the first mention's place but is no finding:
        // `deprecated-name` reports it, and once its fix writes the term's
        // name there, that is the mention to link (not a later one, which
        // would leave the page linked twice).
        if !seen.insert((section, *file))
            || enclosing.is_some()
            || deprecated.contains(&(start, end))
        {
            continue;
        }
        let written = &cx.text[start..end];
        let name = cx.glossary.display_name(*file).unwrap_or(slug);
        let url = link.url(slug);
        let scope = match cx.config.first_mention {
            FirstMention::Doc => "in this doc",
            FirstMention::Section => "in this section",
        };
        // Strings joined rather than formatted: a long doc has thousands
        // of these findings, and `format!` was a fifth of its check.
        let mut diagnostic = Diagnostic::new(
            &RULE,
            m.range,
            [
                "first mention of `",
                name,
                "` ",
                scope,
                " is not linked to its page `",
                &url,
                "`",
            ]
            .concat(),
        );
        if in_one_prose_range(&doc.prose, start, end) && link_may_start_after(&cx.text[..start]) {
            diagnostic = diagnostic.with_fix(Fix {
                description: ["link `", written, "` to `", &url, "`"].concat(),
                edits: vec![
                    Edit {
                        range: crate::TextRange::new(start, start),
                        new_text: "[".to_owned(),
                    },
                    Edit {
                        range: crate::TextRange::new(end, end),
                        new_text: ["](", &url, ")"].concat(),
                    },
                ],
                rename_to: None,
                applicability: crate::Applicability::Safe,
            });
        }
        out.push(diagnostic);
    }
}

/// Whether a link written right after `before` reads as one: not after a
/// `!` (an image), a backslash (an escaped bracket) or a `]` (a reference
/// link's label).
fn link_may_start_after(before: &str) -> bool {
    !before.ends_with(['!', '\\', ']'])
}
