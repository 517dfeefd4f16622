//! Rule fixtures: every rule has `fixtures/rules/<rule>/trigger/`, a small
//! glossary that triggers it (snapshot of every diagnostic, with exact
//! positions), and `near-miss/`, one that looks alike but must not.

use gloss_core::Applicability;
use gloss_core::config::{Config, parse_word_list};
use gloss_core::file::index_files;
use gloss_core::fix::apply_fixes;
use gloss_core::lint::docs::{DOC_CHECKS, DocContext, Usage, check_doc};
use gloss_core::lint::{CHECKS, Env};
use gloss_core::mentions::MentionIndex;
use gloss_core::prose::{MarkdownDoc, ProseOptions, markdown_doc};
use gloss_core::rule::{Family, RULES};
use gloss_core::{Diagnostic, TermFile};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// Lint one fixture glossary; returns the files and their diagnostics.
fn lint_dir(dir: &Path) -> Vec<(TermFile, Vec<Diagnostic>)> {
    let config_path = dir.join("gloss.toml");
    let config = match std::fs::read_to_string(&config_path) {
        Ok(text) => {
            Config::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", config_path.display()))
        }
        Err(_) => Config::default(),
    };
    let extra = config
        .challenge
        .extra_words
        .as_ref()
        .and_then(|f| std::fs::read_to_string(dir.join(f)).ok())
        .map(|t| parse_word_list(&t))
        .unwrap_or_default();
    let env = Env::new(config, &extra);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    paths.sort();
    let files: Vec<TermFile> = paths
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(p).unwrap_or_default();
            TermFile::from_bytes(&name, &bytes, &env.config)
        })
        .collect();
    let index = index_files(&files);
    // Docs: the fixture's `*.md` files, checked as `gloss lint` checks them.
    let mut doc_paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("md"))
        .collect();
    doc_paths.sort();
    let options = ProseOptions {
        match_in_code: env.config.match_in_code,
    };
    let docs: Vec<(TermFile, MarkdownDoc)> = doc_paths
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let file = TermFile::document(&name, std::fs::read_to_string(p).unwrap_or_default());
            let doc = markdown_doc(&file.text, options);
            (file, doc)
        })
        .collect();
    let mentions = MentionIndex::from_glossary(&index);
    let mut usage = Usage::new(&index, &mentions, &env.config);
    for (file, doc) in &docs {
        usage.read_doc(&file.text, doc);
    }
    for (id, file) in files.iter().enumerate() {
        usage.read_term(id, &file.text, file.term());
    }
    let unused_on = env
        .config
        .severity(&gloss_core::rule::UNUSED_TERM)
        .is_some();
    let mut out: Vec<(TermFile, Vec<Diagnostic>)> = files
        .into_iter()
        .enumerate()
        .map(|(id, file)| {
            let mut diagnostics = file.check(id, &index, &env);
            if unused_on && file.term().term.is_some() && !usage.is_used(id) {
                diagnostics.push(gloss_core::lint::rules::unused_term::diagnostic(
                    file.term(),
                ));
            }
            (file, diagnostics)
        })
        .collect();
    for (file, doc) in docs {
        let diagnostics = check_doc(&DocContext {
            path: &file.path,
            text: &file.text,
            doc: &doc,
            config: &env.config,
            glossary: &index,
            mentions: &mentions,
        });
        out.push((file, diagnostics));
    }
    out
}

/// One line per diagnostic with its exact range, then its fix applied.
fn render(results: &[(TermFile, Vec<Diagnostic>)]) -> String {
    let mut out = String::new();
    for (file, diagnostics) in results {
        for d in diagnostics {
            let start = file.line_index.line_col(&file.text, d.range.start);
            let end = file.line_index.line_col(&file.text, d.range.end);
            let _ = writeln!(
                out,
                "{}:{}:{}-{}:{} {}[{}] {}",
                file.path,
                start.line,
                start.column,
                end.line,
                end.column,
                d.severity,
                d.rule,
                d.message
            );
            for related in &d.related {
                let _ = writeln!(
                    out,
                    "    related: {} {}",
                    related.file.map_or("(this file)", |id| results
                        .get(id)
                        .map_or("(no such file)", |(f, _)| f.path.as_str())),
                    related.message
                );
            }
            if let Some(fix) = &d.fix {
                let _ = writeln!(out, "    fix ({}): {}", fix.applicability, fix.description);
                let fixed = apply_fixes(&file.text, std::slice::from_ref(d), Applicability::Unsafe);
                for (old, new) in file
                    .text
                    .lines()
                    .zip(fixed.text.lines())
                    .filter(|(o, n)| o != n)
                {
                    let _ = writeln!(out, "      - {old}\n      + {new}");
                }
            }
        }
    }
    out
}

#[test]
fn every_rule_triggers_on_its_fixture_and_not_on_its_near_miss() {
    let mut failures = Vec::new();
    for rule in RULES {
        let dir = fixtures().join(rule.name);
        let trigger = lint_dir(&dir.join("trigger"));
        if !trigger
            .iter()
            .flat_map(|(_, d)| d)
            .any(|d| d.rule == rule.name)
        {
            failures.push(format!(
                "{}: the trigger fixture does not trigger it",
                rule.name
            ));
        }
        for fix in trigger
            .iter()
            .flat_map(|(_, d)| d)
            .filter(|d| d.rule == rule.name)
            .filter_map(|d| d.fix.as_ref())
        {
            if rule.fix.is_none_or(|declared| fix.applicability > declared) {
                failures.push(format!(
                    "{}: offers a {} fix but declares `fix: {:?}`",
                    rule.name, fix.applicability, rule.fix
                ));
            }
        }
        insta::assert_snapshot!(format!("{}-trigger", rule.name), render(&trigger));
        let near_miss = lint_dir(&dir.join("near-miss"));
        let hits: Vec<String> = near_miss
            .iter()
            .flat_map(|(_, d)| d)
            .filter(|d| d.rule == rule.name)
            .map(|d| d.message.clone())
            .collect();
        if !hits.is_empty() {
            failures.push(format!(
                "{}: the near-miss fixture triggers it: {hits:?}",
                rule.name
            ));
        }
        insta::assert_snapshot!(format!("{}-near-miss", rule.name), render(&near_miss));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn registry_is_complete_and_well_formed() {
    let rules_src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint/rules");
    let mut problems = Vec::new();
    let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() != RULES.len() {
        problems.push("two rules share a name".to_owned());
    }
    for rule in RULES {
        let kebab = !rule.name.is_empty()
            && rule.name.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !kebab {
            problems.push(format!("`{}` is not kebab-case", rule.name));
        }
        if rule.name.starts_with("no-") || rule.name.starts_with("require-") {
            problems.push(format!("`{}` should say what is flagged", rule.name));
        }
        for section in [
            "## What it flags",
            "## Why it matters",
            "## Example",
            "## Fix",
        ] {
            if !rule.doc.contains(section) {
                problems.push(format!("`{}`'s doc has no `{section}` section", rule.name));
            }
        }
        // The challenge family is what `gloss challenge` and the hover list.
        let about_the_challenge =
            rule.name.starts_with("challenge-") || rule.name == "missing-challenge";
        if about_the_challenge != (rule.family == Family::Challenge) {
            problems.push(format!(
                "`{}` is in the {} family",
                rule.name,
                rule.family.as_str()
            ));
        }
        if rule.summary.is_empty() {
            problems.push(format!("`{}` has no summary", rule.name));
        }
        let file = rules_src.join(format!("{}.rs", rule.name.replace('-', "_")));
        // `unused-term` reads every doc and term at once: the front ends
        // run it (`lint::docs::Usage`), not a per-file check.
        let checked = CHECKS.iter().any(|c| c.rule.name == rule.name)
            || DOC_CHECKS.iter().any(|c| c.rule.name == rule.name)
            || rule.name == "unused-term";
        if checked != file.is_file() {
            problems.push(format!(
                "`{}` has a check: {checked}, but a file {}: {}",
                rule.name,
                file.display(),
                file.is_file()
            ));
        }
        for kind in ["trigger", "near-miss"] {
            let dir = fixtures().join(rule.name).join(kind);
            if !dir.is_dir() {
                problems.push(format!("`{}` has no fixture {}", rule.name, dir.display()));
            }
        }
    }
    for (i, check) in CHECKS.iter().enumerate() {
        if !RULES.iter().any(|r| r.name == check.rule.name) {
            problems.push(format!(
                "`{}` has a check but is not in `RULES`",
                check.rule.name
            ));
        }
        if CHECKS[..i].iter().any(|c| c.rule.name == check.rule.name) {
            problems.push(format!("`{}` has two checks", check.rule.name));
        }
    }
    // Every rule file is registered.
    if let Ok(entries) = std::fs::read_dir(&rules_src) {
        for entry in entries.filter_map(Result::ok) {
            let stem = entry
                .path()
                .file_stem()
                .map(|s| s.to_string_lossy().replace('_', "-"))
                .unwrap_or_default();
            if stem != "mod"
                && stem != "unused-term"
                && !CHECKS.iter().any(|c| c.rule.name == stem)
                && !DOC_CHECKS.iter().any(|c| c.rule.name == stem)
            {
                problems.push(format!("rule file `{stem}` is not in `lint::CHECKS`"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `unlinked-mention`'s scopes and its fix across markup.
mod unlinked_mention {
    use gloss_core::config::Config;
    use gloss_core::lint::docs::{DocContext, check_doc};
    use gloss_core::mentions::MentionIndex;
    use gloss_core::prose::{ProseOptions, markdown_doc};

    fn findings(config: &str, doc: &str) -> Vec<(usize, usize)> {
        let config = Config::parse(config).unwrap_or_else(|e| panic!("{e}"));
        let term = gloss_core::TermFile::from_text(
            "sprint.yaml",
            "term: Sprint\naliases: [Iteration]\ndefinition: A Sprint is short.\n".to_owned(),
        );
        let glossary = gloss_core::file::index_files(std::slice::from_ref(&term));
        let mentions = MentionIndex::from_glossary(&glossary);
        let parsed = markdown_doc(doc, ProseOptions::default());
        check_doc(&DocContext {
            path: "doc.md",
            text: doc,
            doc: &parsed,
            config: &config,
            glossary: &glossary,
            mentions: &mentions,
        })
        .into_iter()
        .filter(|d| d.rule == "unlinked-mention")
        .map(|d| (d.range.start, d.range.end))
        .collect()
    }

    const DOC: &str = "A sprint.\n\n## Two\n\nAn iteration, a sprint.\n\n## Three\n\n[Sprint](/glossary/sprint/) and a sprint.\n";

    #[test]
    fn a_term_is_wanted_linked_once_per_doc_or_once_per_section() {
        let link = "[docs]\nlink = \"/glossary/{slug}/\"\n";
        assert_eq!(findings(link, DOC), vec![(2, 8)]);
        let sections = format!("{link}first-mention = \"section\"\n");
        // Section two's first mention is the alias; section three links it.
        assert_eq!(findings(&sections, DOC), vec![(2, 8), (22, 31)]);
        // Without a link pattern there is nothing to link to.
        assert_eq!(findings("", DOC), vec![]);
        // Off by `[rules]`.
        let off = format!("{link}[rules]\nunlinked-mention = \"off\"\n");
        assert_eq!(findings(&off, DOC), vec![]);
    }

    #[test]
    fn a_mention_inside_a_link_is_judged_by_the_link_that_holds_it() {
        let link = "[docs]\nlink = \"/glossary/{slug}/\"\n";
        // In the second of three links (to another page): not flagged, and
        // not the first mention either; the plain one after is.
        let doc = "[A](/a/) then [one sprint](/other/) then [B](/b/), a sprint.\n";
        let plain = doc.rfind("sprint").unwrap_or_default();
        assert_eq!(findings(link, doc), vec![(plain, plain + 6)]);
        // In a link to its own page, among others: linked, nothing to flag.
        let doc = "[A](/a/) then [one sprint](/glossary/sprint/) then [B](/b/), a sprint.\n";
        assert_eq!(findings(link, doc), vec![]);
        // After every link: the last link does not hold it.
        let doc = "[A](/a/) [B](/b/) a sprint.\n";
        let at = doc.find("sprint").unwrap_or_default();
        assert_eq!(findings(link, doc), vec![(at, at + 6)]);
    }

    #[test]
    fn a_mention_across_markup_is_flagged_without_a_fix() {
        let config = Config::parse("[docs]\nlink = \"/glossary/{slug}/\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let term = gloss_core::TermFile::from_text(
            "product-backlog.yaml",
            "term: Product Backlog\ndefinition: The Product Backlog lists work.\n".to_owned(),
        );
        let glossary = gloss_core::file::index_files(std::slice::from_ref(&term));
        let mentions = MentionIndex::from_glossary(&glossary);
        for (doc, fixed) in [
            ("Keep the **product** backlog short.\n", false),
            ("Keep the product backlog short.\n", true),
        ] {
            let parsed = markdown_doc(doc, ProseOptions::default());
            let found = check_doc(&DocContext {
                path: "doc.md",
                text: doc,
                doc: &parsed,
                config: &config,
                glossary: &glossary,
                mentions: &mentions,
            });
            assert_eq!(found.len(), 1, "{doc}: {found:?}");
            assert_eq!(found[0].fix.is_some(), fixed, "{doc}");
        }
    }
}
