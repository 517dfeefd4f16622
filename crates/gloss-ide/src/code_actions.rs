//! Quick fixes for a term file's findings: the lint fix when it has one,
//! and a FAQ skeleton for a missing FAQ topic; on the challenge word, the
//! suggested words ("use suggested word X"). In a Markdown doc: the fix of
//! each docs finding, and "link every first mention in this file".

use crate::{FileEdits, FileRename, SourceChange, TextEdit};
use gloss_core::{ActionData, Applicability, Diagnostic, TermFile, TextRange};
use gloss_workspace::Glossary;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    /// A rewrite that fixes no finding: a suggested challenge word.
    Rewrite,
    /// A change to the whole file, offered wherever the cursor is.
    Source,
}

/// The title of the action that links every unlinked first mention.
pub const LINK_EVERY_MENTION: &str = "link every first mention in this file";

/// At most this many "use suggested word" actions are offered.
pub const MAX_WORD_ACTIONS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    /// The index, in the diagnostics given to [`code_actions`], of the
    /// finding this action fixes; `None` for a rewrite.
    pub fixes: Option<usize>,
    pub change: SourceChange,
    /// The one obvious fix, which an editor may apply on its own.
    pub preferred: bool,
}

/// The edits of a lint fix: text edits, then the file rename when the fix
/// has one.
fn fix_change(path: &Path, fix: &gloss_core::Fix) -> SourceChange {
    let edits: Vec<TextEdit> = text_edits(fix).collect();
    SourceChange {
        edits: if edits.is_empty() {
            Vec::new()
        } else {
            vec![FileEdits {
                path: path.to_path_buf(),
                edits,
            }]
        },
        rename: fix.rename_to.as_ref().map(|name| FileRename {
            from: path.to_path_buf(),
            to: path.with_file_name(name),
        }),
    }
}

fn text_edits(fix: &gloss_core::Fix) -> impl Iterator<Item = TextEdit> + '_ {
    fix.edits.iter().map(|e| TextEdit {
        range: e.range,
        new_text: e.new_text.clone(),
    })
}

/// The quick fix that applies the lint fix of finding `index`.
fn fix_action(path: &Path, index: usize, fix: &gloss_core::Fix) -> CodeAction {
    CodeAction {
        title: fix.description.clone(),
        kind: ActionKind::QuickFix,
        fixes: Some(index),
        change: fix_change(path, fix),
        // An unsafe fix is offered but never preferred: an editor's
        // "apply the preferred fix" must not pick a guess.
        preferred: fix.applicability == Applicability::Safe,
    }
}

/// "Add FAQ for <topic>": a question/answer skeleton after the last FAQ.
fn add_faq_edit(file: &TermFile, topic: &str) -> Option<TextEdit> {
    let term = file.term();
    let last = term.faqs.last()?;
    let text = &file.text;
    let item_line_start = file.line_index.line_range_at(text, last.range.start).start;
    let before_item = &text[item_line_start..last.range.start];
    // Block style only: `  - question: ...`.
    let dash = before_item.rfind('-')?;
    if !before_item[..dash].chars().all(|c| c == ' ') {
        return None;
    }
    let indent = &before_item[..dash];
    let mut end = [last.question.as_ref(), last.answer.as_ref()]
        .into_iter()
        .flatten()
        .map(|t| t.range.end)
        .max()
        .unwrap_or(last.range.end)
        .min(text.len());
    // A block scalar's range may run on over the line breaks after it; a
    // plain one may end in a non-ASCII blank (U+00A0) that YAML keeps.
    while let Some(c) = text[..end]
        .chars()
        .next_back()
        .filter(|c| c.is_whitespace())
    {
        end -= c.len_utf8();
    }
    let line_end = file.line_index.line_range_at(text, end).end;
    let name = term
        .term
        .as_ref()
        .map_or(file.stem.as_str(), |t| t.value.trim());
    let topic_words = topic.replace(['-', '_'], " ");
    let question = format!("What is the {topic_words} of a {name}?").replace('"', "'");
    let new_text =
        format!("\n{indent}- question: \"{question}\"\n{indent}  answer: \"TODO: answer\"");
    Some(TextEdit {
        range: TextRange::empty(line_end),
        new_text,
    })
}

/// Quick fixes for those of `diagnostics` (the findings of the term file
/// at `path`) that overlap byte range `wanted`.
pub fn code_actions(
    ws: &Glossary,
    path: &Path,
    wanted: TextRange,
    diagnostics: &[Diagnostic],
) -> Vec<CodeAction> {
    let Some((_, file)) = ws.term_file(path) else {
        return Vec::new();
    };
    let mut actions = Vec::new();
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        let overlaps = diagnostic.range.start <= wanted.end && wanted.start <= diagnostic.range.end;
        if !overlaps {
            continue;
        }
        if let Some(fix) = &diagnostic.fix
            && file.fixable()
        {
            actions.push(fix_action(path, index, fix));
        }
        // The topic travels as data, never parsed out of the message.
        if let Some(ActionData::AddFaq { topic }) = &diagnostic.data
            && let Some(edit) = add_faq_edit(&file, topic)
        {
            actions.push(CodeAction {
                title: format!("add FAQ for {topic}"),
                kind: ActionKind::QuickFix,
                fixes: Some(index),
                change: SourceChange {
                    edits: vec![FileEdits {
                        path: path.to_path_buf(),
                        edits: vec![edit],
                    }],
                    rename: None,
                },
                preferred: false,
            });
        }
    }
    actions.extend(word_actions(path, &file, wanted, || {
        crate::challenge_words::suggestions(ws, path, MAX_WORD_ACTIONS)
    }));
    actions
}

/// Fixes for those of `diagnostics` (the findings of the doc at `path`)
/// that overlap byte range `wanted`, and "link every first mention in this
/// file" when the doc has more than one unlinked first mention: a quick fix
/// on one of them, a source action anywhere else.
pub fn doc_code_actions(
    path: &Path,
    wanted: TextRange,
    diagnostics: &[Diagnostic],
) -> Vec<CodeAction> {
    let overlaps = |d: &Diagnostic| d.range.start <= wanted.end && wanted.start <= d.range.end;
    let mut actions: Vec<CodeAction> = diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| overlaps(d))
        .filter_map(|(index, d)| Some(fix_action(path, index, d.fix.as_ref()?)))
        .collect();
    let unlinked: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.rule == gloss_core::rule::UNLINKED_MENTION.name)
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe && f.rename_to.is_none())
        })
        .collect();
    if unlinked.len() > 1 {
        let mut edits: Vec<TextEdit> = unlinked
            .iter()
            .flat_map(|d| d.fix.iter().flat_map(text_edits))
            .collect();
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        // Each finding is a different mention: their edits never overlap,
        // but an overlap would corrupt the file, so it is checked.
        let disjoint = edits.windows(2).all(|w| w[0].range.end <= w[1].range.start);
        if disjoint {
            let on_one = unlinked.iter().any(|d| overlaps(d));
            actions.push(CodeAction {
                title: LINK_EVERY_MENTION.to_owned(),
                kind: if on_one {
                    ActionKind::QuickFix
                } else {
                    ActionKind::Source
                },
                fixes: None,
                change: SourceChange {
                    edits: vec![FileEdits {
                        path: path.to_path_buf(),
                        edits,
                    }],
                    rename: None,
                },
                preferred: false,
            });
        }
    }
    actions
}

/// "use suggested word X (medium)" for each suggestion, when `wanted`
/// touches the challenge word and the file may be edited; `suggestions` is
/// only called then.
fn word_actions(
    path: &Path,
    file: &TermFile,
    wanted: TextRange,
    suggestions: impl FnOnce() -> Vec<gloss_core::suggest::Suggestion>,
) -> Vec<CodeAction> {
    let Some(range) = crate::challenge_words::word_range(file) else {
        return Vec::new();
    };
    let touches = range.start <= wanted.end && wanted.start <= range.end;
    if !touches || !file.fixable() {
        return Vec::new();
    }
    suggestions()
        .into_iter()
        .map(|s| CodeAction {
            title: format!("use suggested word {} ({})", s.word, s.grade.level),
            kind: ActionKind::Rewrite,
            fixes: None,
            change: SourceChange {
                edits: vec![FileEdits {
                    path: path.to_path_buf(),
                    edits: vec![TextEdit {
                        range,
                        new_text: s.word,
                    }],
                }],
                rename: None,
            },
            preferred: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{Fixture, at, fixture};

    /// `text` with every edit of `change` to `path` applied.
    fn apply_change(text: &str, change: &SourceChange, path: &Path) -> String {
        let mut edits: Vec<&TextEdit> = change
            .edits
            .iter()
            .filter(|f| f.path == path)
            .flat_map(|f| &f.edits)
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut out = text.to_owned();
        for edit in edits {
            out = apply(&out, edit);
        }
        out
    }

    #[test]
    fn a_doc_offers_each_link_fix_and_link_every_first_mention() {
        let mut fx = fixture();
        let relative = "docs/onboarding.md";
        let path = fx.path(relative);
        let text = fx.text(relative);
        let Some(diagnostics) = fx.ws.doc_diagnostics(&path) else {
            panic!("the docs rules check {relative}");
        };
        let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule).collect();
        assert!(rules.len() >= 2, "{diagnostics:?}");
        assert!(rules.iter().all(|r| *r == "unlinked-mention"), "{rules:?}");
        // On a mention: its own fix (preferred) and the whole-file fix.
        let on = at(&text, "Product Ops Manager who");
        let actions = doc_code_actions(&path, TextRange::new(on, on + 3), &diagnostics);
        let titles: Vec<&str> = actions.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(actions.len(), 2, "{titles:?}");
        assert!(actions[0].preferred && actions[0].kind == ActionKind::QuickFix);
        assert_eq!(
            actions[0].fixes.map(|i| diagnostics[i].range.start),
            Some(on)
        );
        let one = apply_change(&text, &actions[0].change, &path);
        assert!(
            one.contains("[Product Ops Manager](/glossary/product-operations-manager/) who"),
            "{one}"
        );
        assert_eq!(actions[1].title, LINK_EVERY_MENTION);
        assert_eq!(actions[1].kind, ActionKind::QuickFix);
        assert!(!actions[1].preferred && actions[1].fixes.is_none());
        // Elsewhere (the heading): the whole-file fix alone, as a source action.
        let heading = at(&text, "Onboarding");
        let actions = doc_code_actions(&path, TextRange::empty(heading), &diagnostics);
        assert_eq!(actions.len(), 1);
        assert_eq!(
            (actions[0].title.as_str(), actions[0].kind),
            (LINK_EVERY_MENTION, ActionKind::Source)
        );
        let all = apply_change(&text, &actions[0].change, &path);
        let n_links = all.matches("](/glossary/").count();
        assert_eq!(n_links, diagnostics.len(), "{all}");
        // Linked, the doc has no unlinked first mention left, and the text
        // outside the links is what it was.
        fx.open(relative, &all);
        let Some(after) = fx.ws.doc_diagnostics(&path) else {
            panic!("still checked");
        };
        assert!(after.is_empty(), "{after:?}");
        let unlinked = |t: &str| {
            let mut out = String::new();
            let mut rest = t;
            while let Some(open) = rest.find("](") {
                let close = rest[open..].find(')').map_or(rest.len(), |c| open + c + 1);
                out.push_str(&rest[..open]);
                rest = &rest[close..];
            }
            out.push_str(rest);
            out.replace('[', "")
        };
        assert_eq!(unlinked(&all), text);
        // An unsafe fix is not one to apply to the whole file.
        let mut one_unsafe = diagnostics[..2].to_vec();
        if let Some(fix) = one_unsafe[1].fix.as_mut() {
            fix.applicability = Applicability::Unsafe;
        }
        let actions = doc_code_actions(&path, TextRange::empty(heading), &one_unsafe);
        assert!(actions.is_empty(), "{actions:?}");
        // A single unlinked mention gets no whole-file action.
        let one_finding = &diagnostics[..1];
        let actions = doc_code_actions(&path, TextRange::empty(heading), one_finding);
        assert!(actions.is_empty(), "{actions:?}");
    }

    fn actions_at(
        fx: &Fixture,
        relative: &str,
        wanted: TextRange,
    ) -> (Vec<Diagnostic>, Vec<CodeAction>) {
        let diagnostics = fx.diagnostics(relative);
        let actions = code_actions(&fx.ws, &fx.path(relative), wanted, &diagnostics);
        (diagnostics, actions)
    }

    #[test]
    fn the_lint_fix_of_an_unknown_related_slug() {
        let mut fx = fixture();
        let original = fx.text("glossary/epic.yaml");
        let text = original.replace("term: Epic", "term: Epic Copy").replace(
            "related: [user-story, product-backlog, product-roadmap, sprint]",
            "related: [product-backlogg, brand-new-term]",
        );
        let relative = "glossary/epic-copy.yaml";
        fx.open(relative, &text);
        let typo = at(&text, "product-backlogg") + 1;
        let (diagnostics, actions) = actions_at(&fx, relative, TextRange::empty(typo));
        assert_eq!(actions.len(), 1, "{actions:?}");
        let action = &actions[0];
        assert_eq!(
            action.title,
            "replace `product-backlogg` with `product-backlog`"
        );
        assert_eq!(action.kind, ActionKind::QuickFix);
        // A slug guessed by its spelling is an unsafe fix: offered, not preferred.
        assert!(!action.preferred);
        assert_eq!(
            diagnostics[action.fixes.unwrap_or(usize::MAX)].rule,
            "unknown-related"
        );
        assert_eq!(action.change.rename, None);
        let fixed = apply_change(&text, &action.change, &fx.path(relative));
        assert!(
            fixed.contains("related: [product-backlog, brand-new-term]"),
            "{fixed}"
        );
        // The other unknown entry has no fix, and a range away from both
        // findings gets no action.
        let other = at(&text, "brand-new-term") + 1;
        assert!(
            actions_at(&fx, relative, TextRange::empty(other))
                .1
                .is_empty()
        );
        assert!(actions_at(&fx, relative, TextRange::empty(0)).1.is_empty());
        // Docs have no actions.
        assert!(
            code_actions(
                &fx.ws,
                &fx.path("docs/onboarding.md"),
                TextRange::empty(0),
                &diagnostics
            )
            .is_empty()
        );
    }

    #[test]
    fn a_lint_fix_that_renames_the_file() {
        let mut fx = fixture();
        let text = fx
            .text("glossary/sprint.yaml")
            .replacen("term: Sprint", "term: Sprint Copy", 1);
        let relative = "glossary/wrong-name.yaml";
        fx.open(relative, &text);
        let (diagnostics, actions) = actions_at(&fx, relative, TextRange::empty(8));
        let Some(rename) = actions.iter().find(|a| a.change.rename.is_some()) else {
            panic!("no rename action: {actions:?}");
        };
        assert_eq!(rename.title, "rename the file to `sprint-copy.yaml`");
        assert_eq!(
            diagnostics[rename.fixes.unwrap_or(usize::MAX)].rule,
            "file-name-mismatch"
        );
        assert!(rename.preferred);
        assert_eq!(
            rename.change,
            SourceChange {
                edits: Vec::new(),
                rename: Some(FileRename {
                    from: fx.path(relative),
                    to: fx.path("glossary/sprint-copy.yaml"),
                }),
            }
        );
    }

    #[test]
    fn add_faq_quick_fix_for_a_missing_topic() {
        let mut fx = fixture();
        let relative = "glossary/product-owner.yaml";
        let text = fx.text(relative);
        let from = at(&text, "  - question: What is a typical career path");
        let to = from + at(&text[from..], "  - question: Can a Product Owner");
        let without_career = format!("{}{}", &text[..from], &text[to..]);
        fx.open(relative, &without_career);
        let mut diagnostics = fx.diagnostics(relative);
        let Some(missing) = diagnostics
            .iter_mut()
            .find(|d| d.rule == "missing-faq-topic")
        else {
            panic!("no missing-faq-topic: {diagnostics:?}");
        };
        // The topic travels as data; the message's wording plays no part.
        assert_eq!(
            missing.data,
            Some(ActionData::AddFaq {
                topic: "career-path".to_owned()
            })
        );
        missing.message = "reworded".to_owned();
        let missing = missing.clone();
        let actions = code_actions(&fx.ws, &fx.path(relative), missing.range, &diagnostics);
        let Some(add) = actions
            .iter()
            .find(|a| a.title == "add FAQ for career-path")
        else {
            panic!("no add-FAQ action: {actions:?}");
        };
        assert!(!add.preferred);
        assert_eq!(
            diagnostics[add.fixes.unwrap_or(usize::MAX)].rule,
            "missing-faq-topic"
        );
        let fixed = apply_change(&without_career, &add.change, &fx.path(relative));
        assert!(
            fixed.contains("\n  - question: \"What is the career path of a Product Owner?\"\n    answer: \"TODO: answer\"\nrelated:"),
            "{fixed}"
        );
        fx.open(relative, &fixed);
        let rules: Vec<&str> = fx.diagnostics(relative).iter().map(|d| d.rule).collect();
        assert!(!rules.contains(&"missing-faq-topic"), "{rules:?}");
    }

    fn apply(text: &str, edit: &TextEdit) -> String {
        let mut edited = text.to_owned();
        edited.replace_range(edit.range.start..edit.range.end, &edit.new_text);
        edited
    }

    #[test]
    fn add_faq_skeleton_follows_the_list_indent() {
        let text = "term: Owner\nfaqs:\n  - question: What?\n    answer: That.\nrelated: []\n";
        let file = TermFile::from_text("glossary/owner.yaml", text.to_owned());
        let Some(edit) = add_faq_edit(&file, "career-path") else {
            panic!("a block-style FAQ list takes a skeleton");
        };
        assert_eq!(
            apply(text, &edit),
            "term: Owner\nfaqs:\n  - question: What?\n    answer: That.\n  - question: \"What is the career path of a Owner?\"\n    answer: \"TODO: answer\"\nrelated: []\n"
        );
    }

    #[test]
    fn add_faq_after_an_answer_ending_in_a_non_ascii_blank() {
        // YAML keeps a trailing U+00A0 in a plain scalar; stepping back
        // over it byte by byte split the character.
        let text =
            "term: Owner\nfaqs:\n  - question: What?\n    answer: That.\u{a0}\nrelated: []\n";
        let file = TermFile::from_text("glossary/owner.yaml", text.to_owned());
        let Some(edit) = add_faq_edit(&file, "career-path") else {
            panic!("a block-style FAQ list takes a skeleton");
        };
        let edited = apply(text, &edit);
        assert!(edited.contains("That.\u{a0}\n  - question:"), "{edited}");
    }

    #[test]
    fn the_challenge_word_offers_the_suggested_words() {
        let fx = fixture();
        let relative = "glossary/sprint.yaml";
        let text = fx.text(relative);
        let word = at(&text, "CADENCE");
        let (_, actions) = actions_at(&fx, relative, TextRange::empty(word + 2));
        let expected =
            crate::challenge_words::suggestions(&fx.ws, &fx.path(relative), MAX_WORD_ACTIONS);
        assert!(!expected.is_empty());
        let rewrites: Vec<&CodeAction> = actions
            .iter()
            .filter(|a| a.kind == ActionKind::Rewrite)
            .collect();
        assert_eq!(rewrites.len(), expected.len(), "{actions:?}");
        for (action, s) in rewrites.iter().zip(&expected) {
            assert_eq!(
                action.title,
                format!("use suggested word {} ({})", s.word, s.grade.level)
            );
            assert_eq!(action.fixes, None);
            assert!(!action.preferred);
            let fixed = apply_change(&text, &action.change, &fx.path(relative));
            assert_eq!(
                fixed,
                text.replace("word: CADENCE", &format!("word: {}", s.word))
            );
        }
        // elsewhere in the file: none
        let (_, actions) = actions_at(&fx, relative, TextRange::empty(at(&text, "hint:")));
        assert!(
            actions.iter().all(|a| a.kind != ActionKind::Rewrite),
            "{actions:?}"
        );
    }

    #[test]
    fn word_actions_need_a_word_an_overlap_and_a_fixable_file() {
        let path = Path::new("glossary/a.yaml");
        let no_word = TermFile::from_text("glossary/a.yaml", "term: A\n".to_owned());
        let called = std::cell::Cell::new(false);
        let probe = || {
            called.set(true);
            Vec::new()
        };
        assert!(word_actions(path, &no_word, TextRange::empty(0), probe).is_empty());
        assert!(!called.get(), "suggestions are not computed without a word");
        let text = "term: A\nchallenge:\n  word: ABIDE\n";
        let file = TermFile::from_text("glossary/a.yaml", text.to_owned());
        let word = at(text, "ABIDE");
        assert!(
            word_actions(path, &file, TextRange::empty(0), || panic!(
                "not on the word"
            ))
            .is_empty()
        );
        let mut seen = false;
        word_actions(path, &file, TextRange::empty(word + 5), || {
            seen = true;
            Vec::new()
        });
        assert!(seen, "the end of the word touches it");
        let broken = TermFile::from_text("glossary/a.yaml", format!("{text}term: B\n"));
        assert!(!broken.fixable());
        assert!(
            word_actions(path, &broken, TextRange::empty(word), || panic!(
                "not fixable"
            ))
            .is_empty()
        );
    }
}
