//! Any bytes as a term file, linted with every rule next to a valid sibling
//! (so the cross-file rules run too), then its fixes applied and the result
//! parsed again. Panics, hangs, diagnostics that point outside the text and
//! fixes that break the YAML are bugs.
#![no_main]

use gloss_core::file::index_files;
use gloss_core::Applicability;
use gloss_core::fix::apply_fixes;
use gloss_core::lint::Env;
use gloss_core::{Config, TermFile};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const SIBLING: &str = "term: Sprint Planning\n\
definition: Sprint Planning is where a team picks the work of a sprint.\n\
faqs:\n  - question: What is Sprint Planning?\n    answer: A meeting.\n\
  - question: Who attends?\n    answer: The team.\n\
  - question: How long is it?\n    answer: Two hours.\n\
related: [fuzzed]\n\
challenge:\n  word: BACKLOG\n";

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(Env::default)
}

fn check_ranges(file: &TermFile, diagnostics: &[gloss_core::Diagnostic]) {
    let text = &file.text;
    for d in diagnostics {
        assert!(d.range.start <= d.range.end, "{d:?}");
        assert!(d.range.end <= text.len(), "{d:?}");
        assert!(text.is_char_boundary(d.range.start), "{d:?}");
        assert!(text.is_char_boundary(d.range.end), "{d:?}");
        let _ = file.line_index.line_col(text, d.range.start);
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(edit.range.start <= edit.range.end && edit.range.end <= text.len());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    let files = vec![
        TermFile::from_bytes("glossary/fuzzed.yaml", data, &config),
        TermFile::from_bytes("glossary/sprint-planning.yaml", SIBLING.as_bytes(), &config),
    ];
    let glossary = index_files(&files);
    let diagnostics = files[0].check(0, &glossary, env());
    check_ranges(&files[0], &diagnostics);
    let sibling = files[1].check(1, &glossary, env());
    check_ranges(&files[1], &sibling);
    if files[0].fixable() {
        let applied = apply_fixes(&files[0].text, &diagnostics, Applicability::Unsafe);
        let changed = applied.text != files[0].text;
        let again = TermFile::from_text("glossary/fuzzed.yaml", applied.text);
        // A fix never turns a file that parsed into one that does not.
        assert!(
            !changed || again.fixable(),
            "the fixes broke the YAML: {:?}",
            again.text
        );
        let _ = again.check(0, &index_files(std::slice::from_ref(&again)), env());
    }
});
