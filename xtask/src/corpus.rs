//! A deterministic synthetic glossary: realistic term files (2–3 KB, 3–6
//! FAQs, related links, challenge words from the dictionary) with defects
//! planted at known rates, and Markdown docs that mention terms. A
//! [`Shape`] stresses one way real glossaries differ from the plain case.

use anyhow::Context as _;
use gloss_core::challenge::Dictionary;
use serde_json::json;
use std::fmt::Write as _;
use std::path::Path;

/// splitmix64: tiny, deterministic, good enough for content generation.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// True with probability `per_mille`/1000.
    pub fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }
}

const QUALIFIERS: &[&str] = &[
    "Product",
    "Customer",
    "Release",
    "Growth",
    "Platform",
    "Portfolio",
    "Delivery",
    "Discovery",
    "Revenue",
    "Pricing",
    "Onboarding",
    "Feedback",
    "Roadmap",
    "Backlog",
    "Experiment",
    "Launch",
    "Retention",
    "Activation",
    "Insight",
    "Strategy",
    "Design",
    "Research",
    "Quality",
    "Support",
    "Partner",
    "Market",
    "Feature",
    "Usage",
    "Value",
    "Outcome",
    "Capacity",
    "Service",
];
const HEADS: &[&str] = &[
    "Manager",
    "Review",
    "Metric",
    "Framework",
    "Canvas",
    "Plan",
    "Loop",
    "Score",
    "Cadence",
    "Council",
    "Charter",
    "Map",
    "Model",
    "Playbook",
    "Ritual",
    "Signal",
    "Funnel",
    "Board",
    "Budget",
    "Audit",
    "Index",
    "Forecast",
    "Pipeline",
    "Guild",
    "Standard",
    "Matrix",
];
const CATEGORIES: &[&str] = &[
    "role",
    "practice",
    "artifact",
    "metric",
    "framework",
    "concept",
];
const SUBJECTS: &[&str] = &[
    "product teams",
    "engineering leads",
    "designers",
    "the sales organisation",
    "support staff",
    "executives",
    "data analysts",
    "customer success managers",
    "program managers",
];
const VERBS: &[&str] = &[
    "aligns",
    "measures",
    "clarifies",
    "prioritises",
    "documents",
    "connects",
    "simplifies",
    "accelerates",
    "exposes",
    "tracks",
    "shapes",
    "protects",
];
const OBJECTS: &[&str] = &[
    "the roadmap",
    "customer outcomes",
    "delivery risk",
    "quarterly goals",
    "the release train",
    "feature adoption",
    "the discovery backlog",
    "stakeholder expectations",
    "pricing decisions",
    "research insights",
    "team capacity",
    "the launch checklist",
];

/// Defect kinds planted in the corpus, each at a known rate (per mille).
pub const DEFECTS: &[(&str, usize)] = &[
    ("faq-not-a-question", 20),
    ("unknown-related", 20),
    ("missing-faqs", 10),
    ("challenge-word-unrelated", 10),
    ("unknown-field", 10),
    ("invalid-value", 5),
    ("yaml-syntax", 5),
];

fn sentence(rng: &mut Rng, topic: &str) -> String {
    format!(
        "{} {} {} {} when {} {} it.",
        rng.pick(&[
            "In practice,",
            "Day to day,",
            "Over a quarter,",
            "At scale,",
            "Early on,"
        ]),
        topic,
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(SUBJECTS),
        rng.pick(&[
            "review",
            "rely on",
            "invest in",
            "revisit",
            "question",
            "maintain"
        ]),
    )
}

/// Wrap text into a folded block scalar's lines.
fn folded(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + word.len() + 1 > 76 - indent {
            let _ = writeln!(out, "{pad}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{pad}{line}");
    }
    out
}

/// What kind of glossary to generate: each stresses the cross-file rules or
/// the docs scan in its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Challenge words drawn without repetition from the built-in answers.
    Distinct,
    /// Every challenge word drawn from the same 10 words.
    SharedWords,
    /// 1,000 terms (all of them below 1,000) share one alias.
    SharedAlias,
    /// 50 `related` slugs per term.
    DenseRelated,
    /// 2,000 Markdown docs of about 20 KB with 50 term mentions each,
    /// plus one 5 MB doc.
    DocsHeavy,
}

impl Shape {
    pub const ALL: [Shape; 5] = [
        Shape::Distinct,
        Shape::SharedWords,
        Shape::SharedAlias,
        Shape::DenseRelated,
        Shape::DocsHeavy,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Distinct => "distinct",
            Shape::SharedWords => "shared-words",
            Shape::SharedAlias => "shared-alias",
            Shape::DenseRelated => "dense-related",
            Shape::DocsHeavy => "docs-heavy",
        }
    }

    pub fn parse(name: &str) -> anyhow::Result<Shape> {
        Shape::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .with_context(|| {
                let names: Vec<&str> = Shape::ALL.iter().map(|s| s.name()).collect();
                format!("unknown shape `{name}` (shapes: {})", names.join(", "))
            })
    }

    /// How many Markdown docs the shape has by default.
    pub fn default_docs(self, n_terms: usize) -> usize {
        match self {
            Shape::DocsHeavy => DOCS_HEAVY_DOCS,
            _ => (n_terms / 20).max(1),
        }
    }
}

/// The alias that [`Shape::SharedAlias`] gives to its first 1,000 terms.
pub const SHARED_ALIAS: &str = "Shared Practice";
const SHARED_ALIAS_TERMS: usize = 1_000;
const SHARED_WORDS: usize = 10;
const DENSE_RELATED: usize = 50;
const DOCS_HEAVY_DOCS: usize = 2_000;
const DOCS_HEAVY_MENTIONS: usize = 50;
/// A docs-heavy doc's size: about a real page's.
const DOCS_HEAVY_DOC_BYTES: usize = 20 * 1024;
const BIG_DOC_BYTES: usize = 5 * 1024 * 1024;

/// Every fixed word the generator writes into a page: a shared challenge
/// word must not be a form of any of them, or a planted
/// `challenge-word-unrelated` page would still use it.
fn template_text() -> String {
    let mut text = [QUALIFIERS, HEADS, CATEGORIES, SUBJECTS, VERBS, OBJECTS]
        .iter()
        .flat_map(|list| list.iter())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    text.push_str(
        " In practice Day to day Over a quarter At scale Early on when review rely on invest in \
         revisit question maintain it It This A is the shared practice by which so that decisions \
         about stay visible and deliberate Teams often describe through word What are \
         responsibilities of Who owns day How does change planning goes wrong with in case \
         retired see team wiki word hint A word this page uses unclosed Our depends on feeds",
    );
    text.push(' ');
    text.push_str(SHARED_ALIAS);
    text
}

/// The 10 challenge words of [`Shape::SharedWords`]: playable answers (6
/// letters, not blocked) that are no form of any word the generator writes,
/// so each is valid for every term and unrelated to a page that omits it.
pub fn shared_words(dict: &Dictionary) -> Vec<&str> {
    let template = template_text();
    let template_words: Vec<String> = gloss_core::text::words(&template)
        .map(str::to_lowercase)
        .collect();
    let mut rng = Rng::new(10);
    let mut answers: Vec<&str> = dict.answers(6).collect();
    for i in (1..answers.len()).rev() {
        let j = rng.below(i + 1);
        answers.swap(i, j);
    }
    answers
        .into_iter()
        .filter(|w| !dict.is_blocked(w))
        .filter(|w| {
            template_words
                .iter()
                .all(|t| !t.contains(*w) && !gloss_core::text::is_form_of(t, w))
        })
        .take(SHARED_WORDS)
        .collect()
}

pub struct Corpus {
    pub n_terms: usize,
    pub n_docs: usize,
    pub defects: Vec<Planted>,
}

/// A planted defect: its file, its kind (the name of the gloss rule that
/// must report it) and the 1-based lines a report of it may start on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    pub path: String,
    pub kind: &'static str,
    pub line: usize,
    pub end_line: usize,
}

/// Where in a generated term file its planted defect is: the first and
/// last line a finding of it may start on. One line for every kind but
/// `yaml-syntax`, whose unclosed `related: [` list is reported where it
/// opens or where the parser gives up on it, on the `challenge:` line.
fn defect_lines(kind: &str, text: &str) -> Option<(usize, usize)> {
    let line_of = |found: &dyn Fn(&str) -> bool| text.lines().position(found).map(|i| i + 1);
    let line = match kind {
        "faq-not-a-question" => line_of(&|l| l.starts_with("  - question: ") && !l.ends_with('?')),
        "unknown-related" => line_of(&|l| l.starts_with("related: ") && l.contains("-retired")),
        // Reported at the `faqs` key: fewer items than `faqs.min`.
        "missing-faqs" => line_of(&|l| l == "faqs:"),
        "challenge-word-unrelated" => line_of(&|l| l.starts_with("  word: ")),
        "unknown-field" => line_of(&|l| l.starts_with("defintion:")),
        "invalid-value" => line_of(&|l| l.starts_with("faqs: see")),
        "yaml-syntax" => {
            let open = line_of(&|l| l.starts_with("related: [unclosed"))?;
            return Some((open, line_of(&|l| l == "challenge:")?));
        }
        _ => None,
    }?;
    Some((line, line))
}

/// Bumped whenever the generator's output changes, so that the benchmark
/// regenerates corpora an older generator wrote.
pub const VERSION: u64 = 5;

/// Whether `out` holds a corpus this generator wrote with these settings.
pub fn is_current(out: &Path, shape: Shape, n_terms: usize, seed: u64) -> bool {
    let Ok(text) = std::fs::read_to_string(out.join("defects.json")) else {
        return false;
    };
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    manifest["generator"] == VERSION
        && manifest["terms"] == n_terms as u64
        && manifest["seed"] == seed
        && manifest["shape"] == shape.name()
}

pub fn generate(
    out: &Path,
    shape: Shape,
    n_terms: usize,
    n_docs: usize,
    seed: u64,
) -> anyhow::Result<Corpus> {
    let glossary = out.join("glossary");
    let docs = out.join("docs");
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("cannot clear {}", out.display()))?;
    }
    std::fs::create_dir_all(&glossary)?;
    std::fs::create_dir_all(&docs)?;
    std::fs::write(
        out.join("gloss.toml"),
        "# synthetic benchmark glossary (cargo run -p xtask -- gen-corpus)\n[glossary]\nroot = \"glossary\"\ndocs = [\"docs/**/*.md\"]\n\n[docs]\nlink = \"/glossary/{slug}/\"\n\n[challenge]\nlengths = [4, 5, 6, 7, 8, 9, 10]\n\n[[faqs.topics]]\ncategory = \"role\"\nname = \"responsibilities\"\npattern = \"(?i)responsibilit\"\n",
    )?;
    let mut rng = Rng::new(seed);
    let dict = Dictionary::builtin();
    // Distinct challenge words (a shuffled draw), so duplicates are only
    // the planted ones.
    // Every length the game supports, so that even 100k terms repeat a word
    // only about twice (the built-in answers number about 51,000).
    let mut words: Vec<&str> = (4..=10).flat_map(|n| dict.answers(n)).collect();
    for i in (1..words.len()).rev() {
        let j = rng.below(i + 1);
        words.swap(i, j);
    }
    if shape == Shape::SharedWords {
        words = shared_words(dict);
        anyhow::ensure!(
            words.len() == SHARED_WORDS,
            "the dictionary has only {} words fit to share",
            words.len()
        );
    }
    let mut next_word = 0;

    // Unique names: qualifier + head + a number suffix once combinations run out.
    let names: Vec<String> = (0..n_terms)
        .map(|i| {
            let q = QUALIFIERS[i % QUALIFIERS.len()];
            let h = HEADS[(i / QUALIFIERS.len()) % HEADS.len()];
            let round = i / (QUALIFIERS.len() * HEADS.len());
            if round == 0 {
                format!("{q} {h}")
            } else {
                format!("{q} {h} {}", round + 1)
            }
        })
        .collect();
    let slugs: Vec<String> = names.iter().map(|n| gloss_core::slug(n)).collect();
    let mut defects = Vec::new();

    for (i, name) in names.iter().enumerate() {
        let slug = &slugs[i];
        let mut defect: Option<&'static str> = None;
        for &(kind, rate) in DEFECTS {
            if defect.is_none() && rng.chance(rate) {
                defect = Some(kind);
            }
        }
        let alias = (shape == Shape::SharedAlias && i < SHARED_ALIAS_TERMS).then_some(SHARED_ALIAS);
        // A challenge word from the dictionary, not a word of the term or
        // its alias.
        let label = format!("{name} {}", alias.unwrap_or_default()).to_lowercase();
        let word = loop {
            let w = words[next_word % words.len()];
            next_word += 1;
            if !label.contains(w)
                && !gloss_core::text::words(&label).any(|l| gloss_core::text::is_form_of(l, w))
            {
                break w.to_uppercase();
            }
        };
        let category = *rng.pick(CATEGORIES);
        let mut definition = format!(
            "A {name} is the shared practice by which {} {} {}, so that decisions about {} stay visible and deliberate.",
            rng.pick(SUBJECTS),
            rng.pick(VERBS).trim_end_matches('s'),
            rng.pick(OBJECTS),
            rng.pick(OBJECTS),
        );
        if defect != Some("challenge-word-unrelated") {
            let _ = write!(
                definition,
                " Teams often describe it through the word {}.",
                word.to_lowercase()
            );
        }
        let context: String = (0..5)
            .map(|_| sentence(&mut rng, name))
            .collect::<Vec<_>>()
            .join(" ");
        let n_faqs = if defect == Some("missing-faqs") {
            2
        } else {
            3 + rng.below(4)
        };
        let mut faqs = String::new();
        for faq_idx in 0..n_faqs {
            let mut question = match (category, faq_idx) {
                ("role", 0) => format!("What are the responsibilities of a {name}?"),
                (_, 0) => format!("What is a {name}?"),
                (_, 1) => format!("Who owns the {name} day to day?"),
                (_, 2) => format!("How does a {name} change planning?"),
                (_, n) => format!("What goes wrong with a {name} in case {n}?"),
            };
            if defect == Some("faq-not-a-question") && faq_idx == 1 {
                question.pop();
            }
            let answer: String = (0..2 + rng.below(2))
                .map(|_| sentence(&mut rng, "It"))
                .collect::<Vec<_>>()
                .join(" ");
            let _ = write!(
                faqs,
                "  - question: {question}\n    answer: >-\n{}",
                folded(&answer, 6)
            );
        }
        let mut related: Vec<String> = if shape == Shape::DenseRelated {
            // Distinct valid slugs, as many as the glossary has.
            let want = DENSE_RELATED.min(n_terms.saturating_sub(1));
            let mut seen = std::collections::HashSet::new();
            let mut related = Vec::with_capacity(want);
            while related.len() < want {
                let other = rng.below(n_terms);
                if other != i && seen.insert(other) {
                    related.push(slugs[other].clone());
                }
            }
            related
        } else {
            let n_related = 2 + rng.below(3);
            let mut related: Vec<String> = (0..n_related)
                .map(|_| slugs[rng.below(n_terms)].clone())
                .filter(|s| s != slug)
                .collect();
            related.dedup();
            related
        };
        if defect == Some("unknown-related") {
            related.push(format!("{slug}-retired"));
        }
        let definition_key = if defect == Some("unknown-field") {
            "defintion"
        } else {
            "definition"
        };
        let faqs_block = if defect == Some("invalid-value") {
            "faqs: see the team wiki\n".to_owned()
        } else {
            format!("faqs:\n{faqs}")
        };
        // A planted unrelated word must be unrelated to the whole page, whose
        // templates may use it in another form (`stay` for STAYING): draw
        // again until no word of the prose is a form of it.
        let mut word = word;
        if defect == Some("challenge-word-unrelated") {
            let prose = format!("{definition} {context} {faqs}");
            let mut tries = 0;
            while gloss_core::text::words(&prose).any(|w| gloss_core::text::is_form_of(w, &word)) {
                tries += 1;
                anyhow::ensure!(
                    tries <= words.len(),
                    "no challenge word is unrelated to the page of `{name}`"
                );
                word = words[next_word % words.len()].to_uppercase();
                next_word += 1;
            }
        }
        let aliases = alias.map_or_else(String::new, |a| format!("aliases: [{a}]\n"));
        let mut text = format!(
            "term: {name}\n{aliases}category: {category}\n{definition_key}: >-\n{}context: >-\n{}{faqs_block}related: [{}]\nchallenge:\n  word: {word}\n  hint: A word this page uses\n",
            folded(&definition, 2),
            folded(&context, 2),
            related.join(", "),
        );
        if defect == Some("yaml-syntax") {
            text = text
                .replacen("related: [", "related: [unclosed, ", 1)
                .replacen("]\nchallenge", "\nchallenge", 1);
        }
        if let Some(kind) = defect {
            let (line, end_line) = defect_lines(kind, &text)
                .with_context(|| format!("no line for the planted `{kind}` in {slug}.yaml"))?;
            defects.push(Planted {
                path: format!("glossary/{slug}.yaml"),
                kind,
                line,
                end_line,
            });
        }
        std::fs::write(glossary.join(format!("{slug}.yaml")), text)?;
    }

    // Three mentions a line: 8 lines in a plain doc, 50 mentions (16 lines
    // and a closing pair) in a docs-heavy one.
    let lines = if shape == Shape::DocsHeavy {
        DOCS_HEAVY_MENTIONS / 3
    } else {
        8
    };
    for doc_idx in 0..n_docs {
        let mut text = format!("# Working notes {doc_idx}\n\n");
        for line in 0..lines {
            let a_idx = rng.below(n_terms);
            let a = &names[a_idx];
            let b = &names[rng.below(n_terms)];
            // Every other line links its first term, as docs that follow
            // a linking policy do; one doc in a hundred has a broken link.
            let a = if line % 2 == 0 {
                let slug = if line == 0 && doc_idx % 100 == 0 {
                    format!("{}-gone", slugs[a_idx])
                } else {
                    slugs[a_idx].clone()
                };
                format!("[{a}](/glossary/{slug}/)")
            } else {
                a.clone()
            };
            let _ = writeln!(
                text,
                "Our {a} depends on the {} and feeds the {b}. {}\n",
                names[rng.below(n_terms)],
                sentence(&mut rng, "This")
            );
        }
        if shape == Shape::DocsHeavy {
            // Prose between the mentions, to the size of a real page.
            while text.len() < DOCS_HEAVY_DOC_BYTES {
                let _ = writeln!(
                    text,
                    "{} {} {}\n",
                    sentence(&mut rng, "This"),
                    sentence(&mut rng, "The team"),
                    sentence(&mut rng, "It")
                );
            }
        }
        if shape == Shape::DocsHeavy {
            let _ = writeln!(
                text,
                "See also the {} and the {}.",
                names[rng.below(n_terms)],
                names[rng.below(n_terms)]
            );
        }
        std::fs::write(docs.join(format!("notes-{doc_idx:05}.md")), text)?;
    }
    if shape == Shape::DocsHeavy {
        // One large handbook, as sites that concatenate their guides have.
        let mut text = String::with_capacity(BIG_DOC_BYTES + 4096);
        let mut section = 0;
        while text.len() < BIG_DOC_BYTES {
            section += 1;
            let _ = writeln!(text, "## Section {section}\n");
            for _ in 0..10 {
                let _ = writeln!(
                    text,
                    "The {} feeds the {}. {}\n",
                    names[rng.below(n_terms)],
                    names[rng.below(n_terms)],
                    sentence(&mut rng, "This")
                );
            }
        }
        std::fs::write(docs.join("handbook.md"), text)?;
    }
    let manifest = json!({
        "generator": VERSION,
        "shape": shape.name(),
        "terms": n_terms,
        "docs": n_docs,
        "seed": seed,
        "rates_per_mille": DEFECTS.iter().map(|(k, r)| json!({"kind": k, "rate": r})).collect::<Vec<_>>(),
        "defects": defects
            .iter()
            .map(|d| json!({"path": d.path, "kind": d.kind, "line": d.line, "end_line": d.end_line}))
            .collect::<Vec<_>>(),
    });
    std::fs::write(
        out.join("defects.json"),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    Ok(Corpus {
        n_terms,
        n_docs,
        defects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use gloss_core::lint::Env;
    use gloss_core::{Config, GlossaryIndex, Severity, TermFile};
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    struct Linted {
        dir: PathBuf,
        files: Vec<TermFile>,
        /// Errors and warnings of each file: rule names and 1-based start lines.
        findings: Vec<Vec<(&'static str, usize)>>,
        planted: BTreeSet<String>,
        manifest: Vec<serde_json::Value>,
    }

    impl Drop for Linted {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    /// Generate a small corpus of `shape` and lint it in process, as
    /// `gloss lint` would (its own gloss.toml, every file against all).
    fn lint_shape(shape: Shape, n: usize) -> anyhow::Result<Linted> {
        // Tests run in parallel: one directory per call.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "gloss-xtask-corpus-{}-{call}-{}",
            std::process::id(),
            shape.name()
        ));
        generate(&dir, shape, n, shape.default_docs(n), 1)?;
        let config = Config::parse(&std::fs::read_to_string(dir.join("gloss.toml"))?)?;
        let env = Env::new(config, &[]);
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir.join("glossary"))? {
            let path = entry?.path();
            let name = format!(
                "glossary/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            files.push(TermFile::from_text(&name, std::fs::read_to_string(&path)?));
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let index = GlossaryIndex::build(
            files
                .iter()
                .map(|f| (f.path.as_str(), f.stem.as_str(), f.term())),
        );
        let findings = files
            .iter()
            .enumerate()
            .map(|(id, f)| {
                f.check(id, &index, &env)
                    .into_iter()
                    .filter(|d| d.severity >= Severity::Warning)
                    .map(|d| (d.rule, f.line_index.line_col(&f.text, d.range.start).line))
                    .collect()
            })
            .collect();
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("defects.json"))?)?;
        let manifest: Vec<serde_json::Value> =
            manifest["defects"].as_array().cloned().unwrap_or_default();
        let planted = manifest
            .iter()
            .filter_map(|d| d["path"].as_str().map(str::to_owned))
            .collect();
        Ok(Linted {
            dir,
            files,
            findings,
            planted,
            manifest,
        })
    }

    /// The rules that fire on files without a planted defect.
    fn unplanted_rules(linted: &Linted) -> BTreeSet<&'static str> {
        linted
            .files
            .iter()
            .zip(&linted.findings)
            .filter(|(f, _)| !linted.planted.contains(&f.path))
            .flat_map(|(_, findings)| findings.iter().map(|&(rule, _)| rule))
            .collect()
    }

    #[test]
    fn only_the_shape_itself_adds_findings_and_no_rule_is_off() -> anyhow::Result<()> {
        for shape in Shape::ALL {
            let linted = lint_shape(shape, 120)?;
            let toml = std::fs::read_to_string(linted.dir.join("gloss.toml"))?;
            assert!(!toml.contains("off"), "{}: {toml}", shape.name());
            let expected: BTreeSet<&str> = match shape {
                Shape::SharedWords => ["challenge-word-duplicate"].into(),
                Shape::SharedAlias => ["duplicate-term"].into(),
                _ => BTreeSet::new(),
            };
            assert_eq!(unplanted_rules(&linted), expected, "{}", shape.name());
            // Every planted defect is found by its rule on its lines.
            assert!(
                !linted.manifest.is_empty(),
                "{}: nothing planted",
                shape.name()
            );
            for defect in &linted.manifest {
                let path = defect["path"].as_str().unwrap_or_default();
                let rule = defect["kind"].as_str().unwrap_or_default();
                let line = defect["line"].as_u64().unwrap_or(0) as usize;
                let end_line = defect["end_line"].as_u64().unwrap_or(0) as usize;
                let found = linted
                    .files
                    .iter()
                    .position(|f| f.path == path)
                    .map(|i| &linted.findings[i]);
                assert!(
                    found.is_some_and(|found| found
                        .iter()
                        .any(|&(r, l)| r == rule && (line..=end_line).contains(&l))),
                    "{}: {path}: no `{rule}` on lines {line}–{end_line}: {found:?}",
                    shape.name()
                );
            }
        }
        Ok(())
    }

    #[test]
    fn shared_words_uses_ten_words_each_on_about_a_tenth_of_the_terms() -> anyhow::Result<()> {
        let linted = lint_shape(Shape::SharedWords, 200)?;
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for file in &linted.files {
            if let Some(word) = file.term().challenge.as_ref().and_then(|c| c.word.as_ref()) {
                *counts.entry(word.value.clone()).or_default() += 1;
            }
        }
        assert_eq!(counts.len(), SHARED_WORDS, "{counts:?}");
        assert!(counts.values().all(|&n| n >= 10), "{counts:?}");
        Ok(())
    }

    #[test]
    fn shared_alias_and_dense_related_have_their_shape() -> anyhow::Result<()> {
        let linted = lint_shape(Shape::SharedAlias, 120)?;
        for file in &linted.files {
            let aliases: Vec<&str> = file
                .term()
                .aliases
                .iter()
                .map(|a| a.value.as_str())
                .collect();
            assert_eq!(aliases, [SHARED_ALIAS], "{}", file.path);
        }
        let linted = lint_shape(Shape::DenseRelated, 120)?;
        let stems: BTreeSet<&str> = linted.files.iter().map(|f| f.stem.as_str()).collect();
        for file in &linted.files {
            if linted.planted.contains(&file.path) {
                continue;
            }
            let related = &file.term().related;
            assert_eq!(related.len(), DENSE_RELATED, "{}", file.path);
            assert!(related.iter().all(|r| stems.contains(r.value.as_str())));
        }
        Ok(())
    }

    #[test]
    fn docs_heavy_writes_two_thousand_docs_and_a_five_megabyte_one() -> anyhow::Result<()> {
        let linted = lint_shape(Shape::DocsHeavy, 100)?;
        let docs = std::fs::read_dir(linted.dir.join("docs"))?.count();
        assert_eq!(docs, DOCS_HEAVY_DOCS + 1);
        let handbook = std::fs::metadata(linted.dir.join("docs/handbook.md"))?.len();
        assert!(handbook >= BIG_DOC_BYTES as u64, "{handbook}");
        let notes = std::fs::read_to_string(linted.dir.join("docs/notes-00000.md"))?;
        let lines = notes
            .lines()
            .filter(|l| l.starts_with("Our ") || l.starts_with("See also"))
            .count();
        assert_eq!(lines, DOCS_HEAVY_MENTIONS / 3 + 1);
        Ok(())
    }
}
