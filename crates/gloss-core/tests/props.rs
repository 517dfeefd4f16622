//! Property tests: fixes touch only their spans and a second run finds
//! nothing left; the line index round-trips on any Unicode text.

use gloss_core::Applicability;
use gloss_core::file::index_files;
use gloss_core::fix::apply_fixes;
use gloss_core::lint::Env;
use gloss_core::rule::FAQ_NOT_A_QUESTION as RULE;
use gloss_core::{
    Diagnostic, Edit, Encoding, Fix, LineCol, LineIndex, ProtoPos, TermFile, TextRange,
};
use proptest::prelude::*;
use std::sync::OnceLock;

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(Env::default)
}

/// A neighbour, so `related` slugs have something to resolve (or nearly
/// resolve, for the did-you-mean fix) to.
const KANBAN: &str = "term: Kanban
definition: Kanban is a method that moves work across a board.
faqs:
  - question: What is a WIP limit?
    answer: A cap on the items in one column.
  - question: Does Kanban use sprints?
    answer: No, work flows continuously.
  - question: Where did Kanban come from?
    answer: From lean manufacturing.
challenge:
  word: BOARD
";

/// Every diagnostic of `text` (as `glossary/<stem>.yaml`) next to Kanban.
fn lint(stem: &str, text: &str) -> (TermFile, Vec<Diagnostic>) {
    let files = vec![
        TermFile::from_text(&format!("glossary/{stem}.yaml"), text.to_owned()),
        TermFile::from_text("glossary/kanban.yaml", KANBAN.to_owned()),
    ];
    let glossary = index_files(&files);
    let diagnostics = files[0].check(0, &glossary, env());
    let file = files.into_iter().next().unwrap_or_else(|| unreachable!());
    (file, diagnostics)
}

/// Whether `new` is `old` with each group of overlapping edits either left
/// alone or replaced (a single edit by its own new text, a group of several
/// by anything): the text outside the edits is kept, in order.
fn only_edited_spans_changed(old: &str, new: &str, edits: &[&Edit]) -> bool {
    let mut edits: Vec<&Edit> = edits.to_vec();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    // Groups of edits whose ranges overlap or share an insertion point.
    let mut groups: Vec<(TextRange, Vec<&Edit>)> = Vec::new();
    for edit in edits {
        match groups.last_mut() {
            Some((range, members))
                if edit.range.start < range.end || edit.range.start == range.start =>
            {
                range.end = range.end.max(edit.range.end);
                members.push(edit);
            }
            _ => groups.push((edit.range, vec![edit])),
        }
    }
    let mut kept = Vec::new(); // the text before each group, then the tail
    let mut at = 0;
    for (range, _) in &groups {
        kept.push(&old[at..range.start]);
        at = range.end;
    }
    kept.push(&old[at..]);
    matches(new, &kept, &groups, old, 0)
}

fn matches(
    new: &str,
    kept: &[&str],
    groups: &[(TextRange, Vec<&Edit>)],
    old: &str,
    idx: usize,
) -> bool {
    let Some(rest) = new.strip_prefix(kept[idx]) else {
        return false;
    };
    let Some((range, members)) = groups.get(idx) else {
        return rest.is_empty();
    };
    if members.len() > 1 {
        // Any replacement: try every split point.
        return (0..=rest.len())
            .filter(|&n| rest.is_char_boundary(n))
            .any(|n| matches(&rest[n..], kept, groups, old, idx + 1));
    }
    let original = &old[range.start..range.end];
    [original, members[0].new_text.as_str()]
        .iter()
        .any(|candidate| {
            rest.strip_prefix(candidate)
                .is_some_and(|after| matches(after, kept, groups, old, idx + 1))
        })
}

/// Text for a YAML value: letters of several scripts, spaces, punctuation.
fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(vec![
                "Backlog", "grooming", "refine", "the", "team", "items", "Kanban", "board",
            ])
            .prop_map(str::to_owned),
            1 => prop::sample::select(vec![
                "café", "用語", "שלום", "😀", "e\u{301}", "Ω", "ß", "\u{200f}", "👩\u{200d}👩",
            ])
            .prop_map(str::to_owned),
            1 => prop::sample::select(vec![".", ",", "?", "!", "(x)", "-"]).prop_map(str::to_owned),
        ],
        1..6,
    )
    .prop_map(|w| w.join(" "))
}

/// A value written in one of YAML's scalar styles, on `indent`.
fn scalar(text: String, style: u8, indent: &str, eol: &str) -> String {
    match style {
        0 => format!("'{}'", text.replace('\'', "''")),
        1 => format!("\"{text}\""),
        2 => format!("|-{eol}{indent}  {text}"),
        3 => format!(">-{eol}{indent}  {text}"),
        _ => text,
    }
}

#[derive(Debug, Clone)]
struct TermSpec {
    stem: String,
    term: String,
    faqs: Vec<(String, bool, u8, String, Option<String>)>,
    related: Vec<String>,
    word: String,
    word_style: u8,
    crlf: bool,
}

fn term_spec() -> impl Strategy<Value = TermSpec> {
    (
        prop::sample::select(vec!["backlog-grooming", "backlog", "grooming-café"]),
        prop::sample::select(vec!["Backlog Grooming", "Backlog grooming", "Grooming"]),
        prop::collection::vec(
            (
                words(),
                any::<bool>(),
                0u8..6,
                words(),
                prop::option::of(words()),
            ),
            0..5,
        ),
        prop::collection::vec(
            prop::sample::select(vec!["kanban", "kanbam", "kanbn", "backlog-grooming", "zzz"])
                .prop_map(str::to_owned),
            0..4,
        ),
        prop::sample::select(vec![
            "REFINE",
            "refine",
            "Refine",
            "réfine",
            "ref1ne",
            "REFINEMENT",
            "board",
            "",
        ]),
        0u8..5,
        any::<bool>(),
    )
        .prop_map(
            |(stem, term, faqs, related, word, word_style, crlf)| TermSpec {
                stem: stem.to_owned(),
                term: term.to_owned(),
                faqs,
                related,
                word: word.to_owned(),
                word_style,
                crlf,
            },
        )
}

fn render(spec: &TermSpec) -> String {
    let eol = if spec.crlf { "\r\n" } else { "\n" };
    let mut out = format!("# a term{eol}term: {}{eol}", spec.term);
    out += &format!(
        "definition: {} is where the team refines the items of a backlog.{eol}",
        spec.term
    );
    if !spec.faqs.is_empty() {
        out += &format!("faqs:{eol}");
    }
    for (question, ends_with_mark, style, answer, comment) in &spec.faqs {
        let mut question = question.trim_end_matches('?').to_owned();
        if *ends_with_mark {
            question.push('?');
        }
        out += &format!("  - question: {}", scalar(question, *style, "    ", eol));
        if let Some(comment) = comment {
            // A comment after a value must survive its fix.
            if *style < 2 || *style > 3 {
                out += &format!("   # {comment}");
            }
        }
        out += &format!(
            "{eol}    answer: {}{eol}",
            scalar(answer.clone(), 4, "    ", eol)
        );
    }
    if !spec.related.is_empty() {
        out += &format!("related: [{}]{eol}", spec.related.join(", "));
    }
    out += &format!(
        "challenge:{eol}  word: {}{eol}",
        scalar(spec.word.clone(), spec.word_style, "  ", eol)
    );
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        // About one generated file in five is not valid YAML and has no fixes.
        max_global_rejects: 1 << 20,
        ..ProptestConfig::with_cases(256)
    })]

    /// `--fix` on any term file: only the fixed spans change, and linting
    /// the result finds nothing left to fix.
    #[test]
    fn fixes_change_only_their_spans_and_are_idempotent(spec in term_spec()) {
        let text = render(&spec);
        let (file, diagnostics) = lint(&spec.stem, &text);
        prop_assume!(file.fixable());
        let applied = apply_fixes(&text, &diagnostics, Applicability::Unsafe);
        let edits: Vec<&Edit> = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| &f.edits)
            .collect();
        prop_assert!(
            only_edited_spans_changed(&text, &applied.text, &edits),
            "outside the edits:\n{text:?}\n=>\n{:?}\nedits: {edits:?}",
            applied.text
        );
        let stem = applied
            .rename_to
            .as_deref()
            .map_or(spec.stem.as_str(), |name| name.trim_end_matches(".yaml"))
            .to_owned();
        let (again, diagnostics) = lint(&stem, &applied.text);
        prop_assert!(again.fixable(), "the fix broke the YAML:\n{:?}", applied.text);
        let left: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.fix.is_some()).collect();
        prop_assert!(
            left.is_empty(),
            "left to fix after one run:\n{:?}\n{left:#?}",
            applied.text
        );
    }

    /// `apply_fixes` with arbitrary edits, overlapping, out of range or
    /// inside a character included: no panic, and only edited spans change.
    #[test]
    fn apply_fixes_never_panics_and_keeps_the_rest(
        text in "(?s).{0,40}",
        fixes in prop::collection::vec(
            prop::collection::vec((0usize..48, 0usize..6, "(?s).{0,4}"), 1..4),
            0..6,
        ),
    ) {
        let diagnostics: Vec<Diagnostic> = fixes
            .into_iter()
            .map(|edits| {
                let edits = edits
                    .into_iter()
                    .map(|(start, len, new_text)| Edit {
                        range: TextRange::new(start, start + len),
                        new_text,
                    })
                    .collect();
                Diagnostic::new(&RULE, TextRange::empty(0), "x").with_fix(Fix {
                    description: "d".to_owned(),
                    edits,
                    rename_to: None,
                    applicability: Applicability::Safe,
                })
            })
            .collect();
        let applied = apply_fixes(&text, &diagnostics, Applicability::Unsafe);
        let valid: Vec<&Edit> = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| &f.edits)
            .filter(|e| {
                e.range.end <= text.len()
                    && text.is_char_boundary(e.range.start)
                    && text.is_char_boundary(e.range.end)
            })
            .collect();
        prop_assert!(only_edited_spans_changed(&text, &applied.text, &valid));
        prop_assert!(applied.n_fixed <= diagnostics.len());
    }

    /// Byte offset ↔ line/column ↔ protocol position (UTF-16 and UTF-8)
    /// round trips on any text, line breaks, BOMs and astral characters
    /// included; any position maps onto a char boundary.
    #[test]
    fn line_index_round_trips(
        chars in prop::collection::vec(
            prop_oneof![
                4 => any::<char>(),
                1 => Just('\n'),
                1 => Just('\r'),
                1 => Just('\u{feff}'),
                1 => Just('😀'),
            ],
            0..64,
        ),
        positions in prop::collection::vec((0u32..12, 0u32..80), 0..8),
    ) {
        let text: String = chars.into_iter().collect();
        let index = LineIndex::new(&text);
        let offsets = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        let mut previous = LineCol { line: 0, column: 0 };
        for offset in offsets {
            for encoding in [Encoding::Utf16, Encoding::Utf8] {
                let pos = index.to_proto(&text, offset, encoding);
                prop_assert_eq!(index.from_proto(&text, pos, encoding), offset);
            }
            let line_col = index.line_col(&text, offset);
            // Columns grow along a line; the BOM and what follows it share column 1.
            let after_bom = offset == 3 && text.starts_with('\u{feff}');
            prop_assert!(line_col > previous || after_bom, "{line_col:?} after {previous:?}");
            previous = line_col;
            // The BOM itself has no column of its own.
            if !(offset == 0 && text.starts_with('\u{feff}')) {
                prop_assert_eq!(index.offset_of_line_col(&text, line_col), offset);
            }
        }
        for (line, character) in positions {
            for encoding in [Encoding::Utf16, Encoding::Utf8] {
                let offset = index.from_proto(&text, ProtoPos { line, character }, encoding);
                prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
            }
        }
    }
}

/// Found by `apply_fixes_never_panics_and_keeps_the_rest`: one fix whose own
/// edits overlap made `apply_fixes` slice backwards and panic.
#[test]
fn a_fix_with_overlapping_edits_is_skipped_not_a_panic() {
    let text = "abcdefghij";
    let overlapping = Fix {
        description: "d".to_owned(),
        edits: vec![
            Edit {
                range: TextRange::new(6, 10),
                new_text: String::new(),
            },
            Edit {
                range: TextRange::new(4, 8),
                new_text: String::new(),
            },
        ],
        rename_to: None,
        applicability: Applicability::Safe,
    };
    let diagnostics = [Diagnostic::new(&RULE, TextRange::empty(0), "x").with_fix(overlapping)];
    let applied = apply_fixes(text, &diagnostics, Applicability::Unsafe);
    assert_eq!(applied.text, text);
    assert_eq!(applied.n_fixed, 0);
}

/// Found by `fixes_change_only_their_spans_and_are_idempotent`: the
/// question `.` became `?`, a YAML indicator, and the fixed file no longer
/// parsed.
#[test]
fn the_question_mark_fix_never_breaks_the_yaml() {
    for question in [".", "'.'", "\".\"", "Why.", "What -"] {
        let text = format!(
            "term: Backlog Grooming\ndefinition: Backlog Grooming refines items.\nfaqs:\n  - question: {question}\n    answer: Yes.\nchallenge:\n  word: REFINE\n"
        );
        let (_, diagnostics) = lint("backlog-grooming", &text);
        let applied = apply_fixes(&text, &diagnostics, Applicability::Unsafe);
        let (again, _) = lint("backlog-grooming", &applied.text);
        assert!(again.fixable(), "{question:?} became:\n{}", applied.text);
    }
}
