//! What the pages show, taken once from the live glossary: every term
//! with its text, its resolved related terms, its challenge and its
//! findings. Built from a [`Glossary`] snapshot, so `gloss build` and
//! `gloss preview` read the glossary exactly as `gloss lint` and the
//! language server do.

use gloss_core::Severity;
use gloss_core::challenge::is_playable;
use gloss_workspace::Glossary;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Every page of the site.
#[derive(Debug, Clone)]
pub struct Site {
    /// By slug, sorted: the order of the index and of `glossary.json`.
    pub entries: BTreeMap<String, Entry>,
    /// Files that got no page, and why (a slug no URL can carry, a slug
    /// another file already has).
    pub skipped: Vec<(String, String)>,
    /// The game's number of rows (`challenge.max-guesses`).
    pub max_guesses: usize,
    /// A problem with `gloss.toml` (the site then uses the defaults).
    pub config_problem: Option<String>,
}

/// One term page.
#[derive(Debug, Clone)]
pub struct Entry {
    pub slug: String,
    /// The file as `gloss lint` names it.
    pub path: String,
    pub file: PathBuf,
    /// The `term`, or the slug when the file has none.
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: Option<String>,
    pub context: Option<String>,
    pub faqs: Vec<Faq>,
    pub related: Vec<Related>,
    pub challenge: Option<Challenge>,
    /// Errors and warnings, in file order.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone)]
pub struct Faq {
    pub question: String,
    pub answer: String,
}

/// A `related` entry: a link when it names a page of the site.
#[derive(Debug, Clone)]
pub struct Related {
    pub written: String,
    /// The slug and term of the page it names.
    pub page: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Challenge {
    /// Uppercase A–Z, 4–10 letters.
    pub word: String,
    pub hint: Option<String>,
}

/// A finding as the banner shows it.
#[derive(Debug, Clone)]
pub struct Finding {
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub rule: &'static str,
    pub message: String,
}

impl Entry {
    pub fn n_errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
}

impl Site {
    /// Every term file of `glossary`, checked (the check of each version
    /// of a file is cached in the glossary and shared with later calls).
    pub fn from_glossary(glossary: &Glossary) -> Site {
        let mut entries = BTreeMap::new();
        let mut skipped = Vec::new();
        for (id, slot) in glossary.slots() {
            let file = &slot.file;
            let slug = file.stem.clone();
            if !is_url_slug(&slug) {
                skipped.push((
                    file.path.clone(),
                    format!("`{slug}` is not a slug a page URL can carry (a-z, 0-9 and `-`)"),
                ));
                continue;
            }
            if let Some(Entry { path, .. }) = entries.get(&slug) {
                skipped.push((
                    file.path.clone(),
                    format!("`{path}` already has the page `{slug}`"),
                ));
                continue;
            }
            let term = file.term();
            let text = |t: &Option<gloss_core::term::Text>| {
                t.as_ref()
                    .map(|t| t.value.trim().to_owned())
                    .filter(|t| !t.is_empty())
            };
            let findings = glossary
                .diagnostics_of(id, slot)
                .iter()
                .filter(|d| d.severity != Severity::Info)
                .map(|d| {
                    let at = file.line_index.line_col(&file.text, d.range.start);
                    Finding {
                        line: at.line,
                        column: at.column,
                        severity: d.severity,
                        rule: d.rule,
                        message: d.message.clone(),
                    }
                })
                .collect();
            let challenge = term.challenge.as_ref().and_then(|c| {
                let word = c.word.as_ref()?.value.trim().to_ascii_uppercase();
                is_playable(&word).then(|| Challenge {
                    word,
                    hint: text(&c.hint),
                })
            });
            let entry = Entry {
                slug: slug.clone(),
                path: file.path.clone(),
                file: slot.path.clone(),
                term: text(&term.term).unwrap_or_else(|| slug.clone()),
                aliases: term
                    .aliases
                    .iter()
                    .map(|a| a.value.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect(),
                definition: text(&term.definition),
                context: text(&term.context),
                faqs: term
                    .faqs
                    .iter()
                    .filter_map(|faq| {
                        Some(Faq {
                            question: text(&faq.question)?,
                            answer: text(&faq.answer).unwrap_or_default(),
                        })
                    })
                    .collect(),
                related: term
                    .related
                    .iter()
                    .map(|r| r.value.trim().to_owned())
                    .filter(|r| !r.is_empty())
                    .map(|written| Related {
                        written,
                        page: None,
                    })
                    .collect(),
                challenge,
                findings,
            };
            entries.insert(slug, entry);
        }
        // Related entries resolve against the pages: a slug, else the
        // slug of what is written (`related: [Product Manager]`).
        let names: BTreeMap<String, String> = entries
            .iter()
            .map(|(slug, e)| (slug.clone(), e.term.clone()))
            .collect();
        for entry in entries.values_mut() {
            for related in &mut entry.related {
                let slug = if names.contains_key(&related.written) {
                    related.written.clone()
                } else {
                    gloss_core::slug::slug(&related.written)
                };
                related.page = names.get(&slug).map(|term| (slug, term.clone()));
            }
        }
        Site {
            entries,
            skipped,
            max_guesses: glossary.env.config.challenge.max_guesses.max(1),
            config_problem: glossary
                .config_problem
                .as_ref()
                .map(|p| p.message(&gloss_workspace::paths::display(&p.path, &glossary.base))),
        }
    }

    /// The entry a user names on the command line: its slug, term or alias
    /// (case-insensitive).
    pub fn find(&self, query: &str) -> Option<&Entry> {
        let query = query.trim();
        if let Some(entry) = self.entries.get(query) {
            return Some(entry);
        }
        let wanted = gloss_core::index::name_key(query);
        self.entries.values().find(|e| {
            std::iter::once(&e.term)
                .chain(&e.aliases)
                .any(|name| gloss_core::index::name_key(name) == wanted)
        })
    }

    /// The lengths of the challenge words in use (one word list each).
    pub fn word_lengths(&self) -> std::collections::BTreeSet<usize> {
        self.entries
            .values()
            .filter_map(|e| e.challenge.as_ref().map(|c| c.word.len()))
            .collect()
    }

    pub fn n_errors(&self) -> usize {
        self.entries.values().map(Entry::n_errors).sum()
    }
}

/// Whether `slug` can be a directory name and a URL segment as it is:
/// lowercase ASCII letters, digits and `-`, not starting with `-` or `_`
/// (which keeps `_assets` and `_gloss` free for the site itself).
pub fn is_url_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && !slug.starts_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_slugs_are_lowercase_letters_digits_and_inner_dashes() {
        for good in ["sprint", "a-b-testing", "okr-2", "x", &"a".repeat(200)] {
            assert!(is_url_slug(good), "{good}");
        }
        for bad in [
            "",
            "-x",
            "Sprint",
            "a_b",
            "a.b",
            "a b",
            "_assets",
            "..",
            "a/b",
            &"a".repeat(201),
        ] {
            assert!(!is_url_slug(bad), "{bad}");
        }
    }

    /// The site of a glossary (default config) holding `files` (stem,
    /// text) under `glossary/`.
    fn site_of(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().join("glossary");
        std::fs::create_dir_all(&root).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("gloss.toml"), "").unwrap_or_else(|e| panic!("{e}"));
        for (stem, text) in files {
            std::fs::write(root.join(format!("{stem}.yaml")), text)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        Site::from_glossary(&Glossary::load(dir.path(), None))
    }

    #[test]
    fn a_file_whose_stem_is_no_url_slug_gets_no_page() {
        let term = "term: Sprint\ndefinition: A Sprint is short.\n";
        let site = site_of(&[("sprint", term), ("Odd Name", term)]);
        assert_eq!(site.entries.keys().collect::<Vec<_>>(), ["sprint"]);
        assert_eq!(site.skipped.len(), 1, "{:?}", site.skipped);
        assert!(
            site.skipped[0].1.contains("`Odd Name` is not a slug"),
            "{:?}",
            site.skipped
        );
    }

    #[test]
    fn blank_aliases_are_dropped_and_the_others_trimmed() {
        let term =
            "term: Sprint\naliases: ['', '  ', ' iteration ']\ndefinition: A Sprint is short.\n";
        let site = site_of(&[("sprint", term)]);
        let entry = site
            .entries
            .get("sprint")
            .unwrap_or_else(|| panic!("no entry"));
        assert_eq!(entry.aliases, ["iteration"]);
    }
}
