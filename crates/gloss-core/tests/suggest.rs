//! Challenge suggestions on the shipped glossary: every suggestion for every
//! term passes every challenge rule when the file is checked with it (the
//! full `check_file`, not the filter that chose it), comes from the page, has
//! an allowed length and is in the answer list.

use gloss_core::config::{Config, parse_word_list};
use gloss_core::file::index_files;
use gloss_core::lint::Env;
use gloss_core::rule::{Family, family_of};
use gloss_core::suggest::{Field, RelatedTerm};
use gloss_core::text::words;
use gloss_core::{TermFile, challenge::Level};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shipped(config: Config) -> (Env, Vec<TermFile>) {
    let extra = config
        .challenge
        .extra_words
        .as_ref()
        .and_then(|f| std::fs::read_to_string(repo().join(f)).ok())
        .map(|t| parse_word_list(&t))
        .unwrap_or_default();
    let env = Env::new(config, &extra);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join("glossary"))
        .unwrap_or_else(|e| panic!("glossary/: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let files = paths
        .iter()
        .map(|p| {
            let name = format!(
                "glossary/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            TermFile::from_bytes(&name, &std::fs::read(p).unwrap_or_default(), &env.config)
        })
        .collect();
    (env, files)
}

fn shipped_config() -> Config {
    let text = std::fs::read_to_string(repo().join("gloss.toml")).unwrap_or_default();
    Config::parse(&text).unwrap_or_else(|e| panic!("gloss.toml: {e}"))
}

fn check_every_suggestion(env: &Env, files: &[TermFile]) -> usize {
    let index = index_files(files);
    let mut n_suggestions = 0;
    for (id, file) in files.iter().enumerate() {
        let related: Vec<RelatedTerm<'_>> = file
            .term()
            .related
            .iter()
            .filter_map(|slug| {
                let other = index.term_by_slug(slug.value.trim())?;
                Some((files[other].stem.as_str(), files[other].term()))
            })
            .collect();
        let suggestions = file.suggest(id, &index, env, &related, usize::MAX);
        for s in &suggestions {
            n_suggestions += 1;
            let findings: Vec<String> = file
                .check_with_word(id, &index, env, &s.word)
                .into_iter()
                .filter(|d| family_of(d.rule) == Some(Family::Challenge))
                .map(|d| format!("{}: {}", d.rule, d.message))
                .collect();
            assert!(
                findings.is_empty(),
                "{}: suggestion {} fails {findings:?}",
                file.path,
                s.word
            );
            assert!(env.config.challenge.lengths.contains(&s.word.len()));
            assert!(env.dictionary.is_answer(&s.word), "{}", s.word);
            assert!(s.grade.level <= env.config.challenge.difficulty);
            // the word is where the source says
            let term = file.term();
            let text = match s.source.field {
                Field::Definition => term.definition.as_ref().map(|t| t.value.clone()),
                Field::Context => term.context.as_ref().map(|t| t.value.clone()),
                Field::FaqAnswer => s
                    .source
                    .faq
                    .and_then(|i| term.faqs.get(i))
                    .and_then(|f| f.answer.as_ref())
                    .map(|t| t.value.clone()),
                Field::RelatedName | Field::RelatedDefinition => related
                    .iter()
                    .find(|(slug, _)| Some(*slug) == s.source.related.as_deref())
                    .map(|(_, t)| {
                        let names: Vec<&str> = t.names().map(|n| n.value.as_str()).collect();
                        let definition = t.definition.as_ref().map_or("", |d| d.value.as_str());
                        format!("{} {definition}", names.join(" "))
                    }),
            };
            let text = text.unwrap_or_default();
            assert!(
                words(&text).any(|w| w.eq_ignore_ascii_case(&s.word)),
                "{}: {} not in its source {:?}",
                file.path,
                s.word,
                s.source
            );
            assert!(
                s.source.excerpt.to_ascii_uppercase().contains(&s.word),
                "{:?}",
                s.source
            );
        }
        // ranked: distance from the target never decreases
        let target = env.config.challenge.difficulty;
        assert!(
            suggestions
                .windows(2)
                .all(|w| w[0].grade.level.distance(target) <= w[1].grade.level.distance(target)),
            "{}",
            file.path
        );
        let current = file
            .term()
            .challenge
            .as_ref()
            .and_then(|c| c.word.as_ref())
            .map(|w| w.value.to_ascii_uppercase());
        assert!(
            suggestions
                .iter()
                .all(|s| Some(&s.word) != current.as_ref())
        );
    }
    n_suggestions
}

#[test]
fn every_suggestion_for_every_shipped_term_passes_every_challenge_rule() {
    let (env, files) = shipped(shipped_config());
    assert!(files.len() >= 30);
    let n = check_every_suggestion(&env, &files);
    assert!(
        n >= files.len(),
        "only {n} suggestions for {} terms",
        files.len()
    );
}

#[test]
fn with_every_target_and_too_easy_on_suggestions_still_pass() {
    for target in ["easy", "hard"] {
        let mut text = std::fs::read_to_string(repo().join("gloss.toml")).unwrap_or_default();
        text.push_str(&format!(
            "difficulty = \"{target}\"\n[rules]\nchallenge-too-easy = \"info\"\n"
        ));
        let config = Config::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            config.challenge.difficulty,
            Level::parse(target).unwrap_or(Level::Medium)
        );
        let (env, files) = shipped(config);
        check_every_suggestion(&env, &files);
    }
}

/// The candidates of one term file (tests of `suggest`, from the full
/// mutation run: docs/testing.md).
#[test]
fn suggestions_keep_to_the_lengths_skip_function_words_and_count_repeats() {
    use gloss_core::file::index_files;
    use gloss_core::lint::Env;
    use gloss_core::rule::MISSING_CHALLENGE;
    use gloss_core::{Config, TermFile};
    // No FAQs: the file has findings of other families, which must not
    // stop a word from passing the challenge rules.
    let text = "term: Sprint Review\n\
        definition: A review where the team shows the board about the sprint; \
        the board shows each story and the board is kept.\n";
    // The length rule off: the lengths still bound the candidates.
    let config =
        Config::parse("[challenge]\nlengths = [5]\n[rules]\nchallenge-word-length = \"off\"\n")
            .unwrap_or_default();
    let env = Env::new(config, &[]);
    let files = vec![TermFile::from_bytes(
        "glossary/sprint-review.yaml",
        text.as_bytes(),
        &env.config,
    )];
    let index = index_files(&files);
    let found = files[0].suggest(0, &index, &env, &[], usize::MAX);
    let words: Vec<&str> = found.iter().map(|s| s.word.as_str()).collect();
    assert!(words.contains(&"BOARD"), "{words:?}");
    assert!(
        words.iter().all(|w| w.len() == 5),
        "only the lengths allowed: {words:?}"
    );
    assert!(!words.contains(&"ABOUT"), "a function word: {words:?}");
    let board = found
        .iter()
        .find(|s| s.word == "BOARD")
        .map(|s| s.occurrences);
    assert_eq!(board, Some(3));
    // Checked with a word, the file has one: no `missing-challenge`.
    let rules: Vec<&str> = files[0]
        .check_with_word(0, &index, &env, "BOARD")
        .iter()
        .map(|d| d.rule)
        .collect();
    assert!(!rules.is_empty(), "its other findings stay");
    assert!(!rules.contains(&MISSING_CHALLENGE.name), "{rules:?}");
    let plain: Vec<&str> = files[0].parsed.diagnostics.iter().map(|d| d.rule).collect();
    assert!(plain.contains(&MISSING_CHALLENGE.name), "{plain:?}");
}
