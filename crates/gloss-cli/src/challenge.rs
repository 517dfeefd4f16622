//! `gloss challenge TERM` (preview and analysis) and `gloss play TERM`.

use crate::lint::{Checked, Report, check};
use crate::render::{diagnostic_json, sanitize};
use crate::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use clap::{Args, ValueEnum};
use gloss_core::challenge::{ChallengePreview, Grade, Mark, is_playable, score};
use gloss_core::diagnostic::suggestions;
use gloss_core::file::index_files;
use gloss_core::suggest::{RelatedTerm, Suggestion};
use gloss_core::{Diagnostic, Severity};
use gloss_workspace::config::Settings;
use serde_json::json;
use std::fmt::Write as _;
use std::io::BufRead as _;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChallengeFormat {
    Human,
    Json,
}

#[derive(Args)]
pub struct ChallengeArgs {
    /// The term: its slug, name or an alias
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::completions::term_slugs))]
    pub term: String,
    #[arg(long, value_enum, default_value_t = ChallengeFormat::Human)]
    pub format: ChallengeFormat,
    /// Text marks ([X] right place, (X) elsewhere, .X. absent) instead of emoji
    #[arg(long)]
    pub plain: bool,
    /// Suggest up to N words from the page that pass every challenge rule,
    /// graded and ranked by the target difficulty (default 5)
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "5", conflicts_with = "word")]
    pub suggest: Option<usize>,
    /// Preview and analyse WORD as the challenge word, without editing the file
    #[arg(long, value_name = "WORD")]
    pub word: Option<String>,
    /// Use this config file instead of searching for gloss.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Args)]
pub struct PlayArgs {
    /// The term: its slug, name or an alias
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::completions::term_slugs))]
    pub term: String,
    /// Text marks instead of emoji
    #[arg(long)]
    pub plain: bool,
    /// Use this config file instead of searching for gloss.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// The glossary, checked, and the file that `query` names.
fn find_term(
    config: Option<&std::path::Path>,
    query: &str,
) -> anyhow::Result<Result<(Settings, Report, usize), String>> {
    let cwd = crate::current_dir()?;
    let workspace = crate::workspace::settings(config, &cwd)?;
    let report = check(&workspace, &[], &cwd)?;
    let files: Vec<_> = report.files.iter().map(|c| c.file.clone()).collect();
    let index = index_files(&files);
    if index.term_by_slug(query.trim()).is_none() {
        let sites = index.sites_by_name(query);
        if sites.len() > 1 {
            return Ok(Err(ambiguous(
                query,
                sites.len(),
                sites.iter().map(|s| {
                    let file = &report.files[s.file];
                    (
                        file.file.path.as_str(),
                        display_name(file),
                        file.file.stem.as_str(),
                    )
                }),
            )));
        }
    }
    if let Some(file) = index.resolve(query) {
        return Ok(Ok((workspace, report, file)));
    }
    let mut close = suggestions(query, index.slugs());
    if close.is_empty() {
        close = suggestions(query, index.written_names().map(|(name, _)| name));
    }
    if close.is_empty() {
        close = gloss_core::diagnostic::word_run_matches(query, index.slugs());
    }
    close.truncate(3);
    let mut message = format!("no term `{query}` in the glossary");
    if !close.is_empty() {
        let list = close
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(message, ": did you mean {list}?");
    }
    Ok(Err(message))
}

/// At most this many terms are listed by the error for an ambiguous name.
const MAX_AMBIGUOUS_LISTED: usize = 10;

/// The error for a name (an alias) that several terms share.
fn ambiguous<'a>(
    query: &str,
    count: usize,
    terms: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
) -> String {
    let mut message = format!(
        "`{}` names {count} terms; name one by its slug:",
        sanitize(query.trim())
    );
    for (path, name, slug) in terms.take(MAX_AMBIGUOUS_LISTED) {
        let _ = write!(message, "\n  {slug}  ({}, {path})", sanitize(name));
    }
    if count > MAX_AMBIGUOUS_LISTED {
        let _ = write!(message, "\n  and {} more", count - MAX_AMBIGUOUS_LISTED);
    }
    message
}

/// The term `query` names, or `None` after printing why there is none.
fn find_or_report(
    config: Option<&std::path::Path>,
    query: &str,
) -> anyhow::Result<Option<(Settings, Report, usize)>> {
    Ok(match find_term(config, query)? {
        Ok(found) => Some(found),
        Err(message) => {
            crate::out::note!("error: {message}");
            None
        }
    })
}

/// The term's name as the page shows it (its file stem when it has none).
fn display_name(checked: &Checked) -> &str {
    checked
        .file
        .term()
        .term
        .as_ref()
        .map_or(checked.file.stem.as_str(), |t| t.value.trim())
}

/// What `gloss challenge` reports: every finding about the challenge, and
/// every error of the file (a YAML error leaves no challenge to preview, and
/// a page with errors ships no challenge), in the file's order.
fn challenge_findings(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.is_challenge_finding() || d.severity == Severity::Error)
        .collect()
}

/// One finding as `  error[rule] path:line:col: message`.
fn finding_line(checked: &Checked, d: &Diagnostic) -> String {
    let at = checked
        .file
        .line_index
        .line_col(&checked.file.text, d.range.start);
    format!(
        "  {}[{}] {}:{}:{}: {}\n",
        d.severity,
        d.rule,
        checked.file.path,
        at.line,
        at.column,
        sanitize(&d.message)
    )
}

pub fn run_challenge(args: &ChallengeArgs) -> anyhow::Result<u8> {
    let Some((workspace, report, file)) = find_or_report(args.config.as_deref(), &args.term)?
    else {
        return Ok(EXIT_FAILURE);
    };
    let checked = &report.files[file];
    let term = checked.file.term();
    let name = display_name(checked);
    let env = &workspace.env;
    let files: Vec<_> = report.files.iter().map(|c| c.file.clone()).collect();
    let index = index_files(&files);
    let challenge = term.challenge.as_ref();
    let current = challenge
        .and_then(|c| c.word.as_ref())
        .map(|w| w.value.trim().to_owned());
    // `--word`: the file checked as if its word were WORD; nothing is written.
    let trial = args.word.as_ref().map(|w| w.trim().to_ascii_uppercase());
    let trial_diagnostics = trial
        .as_ref()
        .map(|w| checked.file.check_with_word(file, &index, env, w));
    let diagnostics = trial_diagnostics.as_ref().unwrap_or(&checked.diagnostics);
    let findings = challenge_findings(diagnostics);
    let exit = if findings.iter().any(|d| d.severity == Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    let word = trial.clone().or(current.clone());
    let hint = challenge
        .and_then(|c| c.hint.as_ref())
        .map(|h| h.value.trim());
    let preview = word.as_deref().filter(|w| is_playable(w)).map(|w| {
        ChallengePreview::new(
            name,
            w,
            hint,
            &env.dictionary,
            env.config.challenge.max_guesses,
        )
    });
    let suggestions = args.suggest.map(|limit| {
        let related: Vec<RelatedTerm<'_>> = term
            .related
            .iter()
            .filter_map(|slug| {
                let other = index.term_by_slug(slug.value.trim())?;
                Some((files[other].stem.as_str(), files[other].term()))
            })
            .collect();
        checked.file.suggest(file, &index, env, &related, limit)
    });
    // Where a suggestion's source is: this file or a related term's.
    let source_at = |s: &Suggestion| -> (String, usize) {
        let owner = s
            .source
            .related
            .as_deref()
            .and_then(|slug| index.term_by_slug(slug))
            .map_or(&checked.file, |id| &files[id]);
        let at = owner.line_index.line_col(&owner.text, s.source.range.start);
        (owner.path.clone(), at.line)
    };

    if args.format == ChallengeFormat::Json {
        let length = word.as_ref().map_or(0, |w| w.chars().count());
        let solver = preview.as_ref().and_then(|p| p.solver.as_ref()).map_or(serde_json::Value::Null, |game| {
            json!({"guesses": game.guesses, "solved": game.solved, "found": game.found, "path": game.path})
        });
        let mut value = json!({
            "term": name,
            "slug": checked.file.stem,
            "path": checked.file.path,
            "word": word.as_ref().map(|w| w.to_uppercase()),
            "length": length,
            "prompt": format!("Mastered {name}? Now try to guess the related {length}-letter word!"),
            "tiles": preview.as_ref().map(|p| p.tiles.clone()),
            "hint": hint,
            "in_dictionary": word.as_ref().is_some_and(|w| env.dictionary.is_guess(w) || env.dictionary.is_answer(w)),
            "dictionary_status": preview.as_ref().map(|p| p.status.describe()),
            "max_guesses": env.config.challenge.max_guesses,
            "solver": solver,
            "rows": preview.as_ref().map(|p| p.rows.iter().map(|r| json!({"guess": r.guess, "emoji": r.emoji, "plain": r.plain})).collect::<Vec<_>>()),
            "grade": preview.as_ref().and_then(|p| p.grade.as_ref()).map_or(serde_json::Value::Null, grade_json),
            "diagnostics": findings.iter().map(|d| diagnostic_json(checked, d)).collect::<Vec<_>>(),
        });
        if let Some(object) = value.as_object_mut() {
            if trial.is_some() {
                object.insert(
                    "current_word".to_owned(),
                    json!(current.as_ref().map(|w| w.to_uppercase())),
                );
            }
            if let Some(suggestions) = &suggestions {
                object.insert(
                    "target_difficulty".to_owned(),
                    json!(env.config.challenge.difficulty.name()),
                );
                let list: Vec<_> = suggestions
                    .iter()
                    .map(|s| {
                        let (path, line) = source_at(s);
                        json!({
                            "word": s.word,
                            "grade": grade_json(&s.grade),
                            "source": {
                                "field": s.source.field.name(),
                                "faq": s.source.faq.map(|i| i + 1),
                                "related": s.source.related,
                                "path": path,
                                "line": line,
                                "excerpt": s.source.excerpt,
                            },
                            "occurrences": s.occurrences,
                        })
                    })
                    .collect();
                object.insert("suggestions".to_owned(), json!(list));
            }
        }
        crate::out::print_or_exit(
            &format!("{}\n", serde_json::to_string_pretty(&value)?),
            exit,
        )?;
        return Ok(exit);
    }

    let mut out = String::new();
    if let Some(suggestions) = &suggestions {
        let target = env.config.challenge.difficulty;
        match (&current, preview.as_ref().and_then(|p| p.grade.as_ref())) {
            (Some(current), Some(grade)) => {
                let _ = writeln!(
                    out,
                    "{name}: the challenge word {} is graded {}",
                    current.to_uppercase(),
                    grade.summary()
                );
            }
            _ => {
                let _ = writeln!(out, "{name}: no playable challenge word yet");
            }
        }
        if suggestions.is_empty() {
            let _ = writeln!(
                out,
                "No word of the page passes every challenge rule (lengths {:?}, in the answer list, target {target})",
                env.config.challenge.lengths
            );
        } else {
            let _ = writeln!(
                out,
                "Suggested words (each passes every challenge rule; ranked by closeness to the target difficulty, {target}):"
            );
            let width = suggestions.iter().map(|s| s.word.len()).max().unwrap_or(0);
            for s in suggestions {
                let (path, line) = source_at(s);
                let _ = writeln!(out, "  {:width$}  {}", s.word, s.grade.summary(),);
                let _ = writeln!(
                    out,
                    "  {:width$}  from the {} ({path}:{line}{}): {}",
                    "",
                    s.source.describe(),
                    if s.occurrences > 1 {
                        format!(", {} times on the page", s.occurrences)
                    } else {
                        String::new()
                    },
                    s.source.excerpt,
                );
                let _ = writeln!(out, "  {:width$}  {}", "", s.grade.scoring_reasons());
            }
            let _ = writeln!(
                out,
                "Try one: gloss challenge {} --word {}",
                checked.file.stem, suggestions[0].word
            );
        }
        crate::out::print_or_exit(&sanitize_keep_newlines(&out), exit)?;
        return Ok(exit);
    }
    if let Some(trial) = &trial {
        let _ = writeln!(
            out,
            "Trying {trial} in place of {} (`{}` is not changed)",
            current
                .as_deref()
                .map_or("no word".to_owned(), str::to_uppercase),
            checked.file.path
        );
    }
    match &preview {
        Some(preview) => out.push_str(&sanitize_keep_newlines(&preview.render_text(args.plain))),
        None if exit == EXIT_FINDINGS => {
            let _ = writeln!(
                out,
                "{name}: no playable challenge word: `{}` has errors",
                checked.file.path
            );
        }
        None => {
            let _ = writeln!(out, "{name}: no playable challenge word");
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if findings.is_empty() {
        out.push_str("Findings: none\n");
    } else {
        out.push_str("Findings:\n");
        for d in &findings {
            out.push_str(&finding_line(checked, d));
        }
    }
    crate::out::print_or_exit(&out, exit)?;
    Ok(exit)
}

/// A grade as JSON: `{"level", "points", "parts", "reasons", "too_hard_because"}`.
fn grade_json(grade: &Grade) -> serde_json::Value {
    json!({
        "level": grade.level.name(),
        "points": grade.points,
        "parts": grade.parts,
        "reasons": grade.reasons(),
        "too_hard_because": grade.too_hard_because,
    })
}

fn sanitize_keep_newlines(text: &str) -> String {
    text.split('\n')
        .map(sanitize)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The best mark seen for each letter, for the keyboard.
fn better(old: Option<Mark>, new: Mark) -> Mark {
    match (old, new) {
        (Some(Mark::Green), _) | (_, Mark::Green) => Mark::Green,
        (Some(Mark::Yellow), _) | (_, Mark::Yellow) => Mark::Yellow,
        _ => Mark::Gray,
    }
}

fn keyboard(state: &[Option<Mark>; 26]) -> String {
    let mut out = String::new();
    for (indent, row) in ["qwertyuiop", "asdfghjkl", "zxcvbnm"].iter().enumerate() {
        out.push_str("  ");
        out.push_str(&" ".repeat(indent * 2));
        for letter in row.bytes() {
            let upper = (letter as char).to_ascii_uppercase();
            let key = match state[usize::from(letter - b'a')] {
                Some(Mark::Green) => format!("[{upper}]"),
                Some(Mark::Yellow) => format!("({upper})"),
                Some(Mark::Gray) => " · ".to_owned(),
                None => format!(" {upper} "),
            };
            out.push_str(&key);
        }
        out.push('\n');
    }
    out
}

fn row_text(guess: &str, marks: &[Mark], plain: bool) -> String {
    if plain {
        guess
            .chars()
            .zip(marks)
            .map(|(letter, mark)| match mark {
                Mark::Green => format!("[{letter}]"),
                Mark::Yellow => format!("({letter})"),
                Mark::Gray => format!(".{letter}."),
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        format!(
            "{} {guess}",
            marks.iter().map(|m| m.emoji()).collect::<String>()
        )
    }
}

pub fn run_play(args: &PlayArgs) -> anyhow::Result<u8> {
    let Some((workspace, report, file)) = find_or_report(args.config.as_deref(), &args.term)?
    else {
        return Ok(EXIT_FAILURE);
    };
    let checked = &report.files[file];
    let term = checked.file.term();
    let name = display_name(checked);
    let errors: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        let mut message = format!(
            "error: cannot play `{name}`: `{}` has {} error{}; fix {} first\n",
            checked.file.path,
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            if errors.len() == 1 { "it" } else { "them" },
        );
        for d in errors {
            message.push_str(&finding_line(checked, d));
        }
        eprint!("{message}");
        return Ok(EXIT_FINDINGS);
    }
    let challenge = term.challenge.as_ref();
    let Some(word) = challenge
        .and_then(|c| c.word.as_ref())
        .map(|w| w.value.trim().to_ascii_uppercase())
        .filter(|w| is_playable(w))
    else {
        crate::out::note!(
            "error: `{name}` has no playable challenge word (`gloss challenge {}` says why)",
            checked.file.stem
        );
        return Ok(EXIT_FAILURE);
    };
    let env = &workspace.env;
    let max = env.config.challenge.max_guesses;
    let length = word.len();
    // A closed stdout ends the game unsolved, as the end of input does.
    let say = |text: String| crate::out::print_or_exit(&text, EXIT_FINDINGS);
    let mut intro = sanitize(&format!(
        "Mastered {name}? Now try to guess the related {length}-letter word!"
    ));
    intro.push('\n');
    if let Some(hint) = challenge.and_then(|c| c.hint.as_ref()) {
        let _ = writeln!(intro, "Hint: {}", sanitize(hint.value.trim()));
    }
    let _ = writeln!(
        intro,
        "{}   ({length} letters, {max} guesses; type a word and press Enter)",
        vec!["_"; length].join(" ")
    );
    say(intro)?;
    let mut state: [Option<Mark>; 26] = [None; 26];
    let mut n_guesses = 0;
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line?;
        let guess = line.trim().to_ascii_uppercase();
        if guess.is_empty() {
            continue;
        }
        if guess.len() != length || !guess.bytes().all(|b| b.is_ascii_uppercase()) {
            say(format!(
                "  refused: `{}` is not a {length}-letter word\n",
                sanitize(line.trim())
            ))?;
            continue;
        }
        if guess != word && !env.dictionary.is_guess(&guess) && !env.dictionary.is_answer(&guess) {
            say(format!("  refused: `{guess}` is not in the word list\n"))?;
            continue;
        }
        n_guesses += 1;
        let feedback = score(&guess, &word);
        for (letter, &mark) in guess.bytes().zip(feedback.marks()) {
            let slot = &mut state[usize::from(letter - b'A')];
            *slot = Some(better(*slot, mark));
        }
        let row = format!(
            "{n_guesses}/{max} {}\n",
            row_text(&guess, feedback.marks(), args.plain)
        );
        if feedback.is_solved() {
            crate::out::print_or_exit(
                &format!("{row}Solved in {n_guesses}/{max}! The word was {word}.\n"),
                EXIT_OK,
            )?;
            return Ok(EXIT_OK);
        }
        say(format!("{row}{}", keyboard(&state)))?;
        if n_guesses == max {
            say(format!("Out of guesses. The word was {word}.\n"))?;
            return Ok(EXIT_FINDINGS);
        }
    }
    say(format!(
        "No more guesses on input ({n_guesses}/{max} used). The word was {word}.\n"
    ))?;
    Ok(EXIT_FINDINGS)
}
