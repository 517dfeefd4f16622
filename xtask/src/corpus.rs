//! A deterministic synthetic glossary: realistic term files (2–3 KB, 3–6
//! FAQs, related links, challenge words from the dictionary) with defects
//! planted at known rates, and Markdown docs that mention terms.

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

pub struct Corpus {
    pub n_terms: usize,
    pub n_docs: usize,
    pub defects: Vec<(String, &'static str)>,
}

/// Bumped whenever the generator's output changes, so that the benchmark
/// regenerates corpora an older generator wrote.
pub const VERSION: u64 = 2;

/// Whether `out` holds a corpus this generator wrote with these settings.
pub fn is_current(out: &Path, n_terms: usize, seed: u64) -> bool {
    let Ok(text) = std::fs::read_to_string(out.join("defects.json")) else {
        return false;
    };
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    manifest["generator"] == VERSION
        && manifest["terms"] == n_terms as u64
        && manifest["seed"] == seed
}

pub fn generate(out: &Path, n_terms: usize, n_docs: usize, seed: u64) -> anyhow::Result<Corpus> {
    let glossary = out.join("glossary");
    let docs = out.join("docs");
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("cannot clear {}", out.display()))?;
    }
    std::fs::create_dir_all(&glossary)?;
    std::fs::create_dir_all(&docs)?;
    std::fs::write(
        out.join("gloss.toml"),
        "# synthetic benchmark glossary (cargo run -p xtask -- gen-corpus)\n[glossary]\nroot = \"glossary\"\ndocs = [\"docs/**/*.md\"]\n\n[challenge]\nlengths = [4, 5, 6, 7, 8, 9, 10]\n\n# The dictionary has ~51k answers: past that a corpus must repeat words,\n# and those repeats are not planted defects.\n[rules]\nchallenge-word-duplicate = \"off\"\n\n[[faqs.topics]]\ncategory = \"role\"\nname = \"responsibilities\"\npattern = \"(?i)responsibilit\"\n",
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
        // A challenge word from the dictionary, not a word of the term.
        let word = loop {
            let w = words[next_word % words.len()];
            next_word += 1;
            if !name.to_lowercase().contains(w) {
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
        let n_related = 2 + rng.below(3);
        let mut related: Vec<String> = (0..n_related)
            .map(|_| slugs[rng.below(n_terms)].clone())
            .filter(|s| s != slug)
            .collect();
        related.dedup();
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
            while gloss_core::text::words(&prose).any(|w| gloss_core::text::is_form_of(w, &word)) {
                word = words[next_word % words.len()].to_uppercase();
                next_word += 1;
            }
        }
        let mut text = format!(
            "term: {name}\ncategory: {category}\n{definition_key}: >-\n{}context: >-\n{}{faqs_block}related: [{}]\nchallenge:\n  word: {word}\n  hint: A word this page uses\n",
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
            defects.push((format!("glossary/{slug}.yaml"), kind));
        }
        std::fs::write(glossary.join(format!("{slug}.yaml")), text)?;
    }

    for doc_idx in 0..n_docs {
        let mut text = format!("# Working notes {doc_idx}\n\n");
        for _ in 0..8 {
            let a = &names[rng.below(n_terms)];
            let b = &names[rng.below(n_terms)];
            let _ = writeln!(
                text,
                "Our {a} depends on the {} and feeds the {b}. {}\n",
                names[rng.below(n_terms)],
                sentence(&mut rng, "This")
            );
        }
        std::fs::write(docs.join(format!("notes-{doc_idx:05}.md")), text)?;
    }
    let manifest = json!({
        "generator": VERSION,
        "terms": n_terms,
        "docs": n_docs,
        "seed": seed,
        "rates_per_mille": DEFECTS.iter().map(|(k, r)| json!({"kind": k, "rate": r})).collect::<Vec<_>>(),
        "defects": defects.iter().map(|(p, k)| json!({"path": p, "kind": k})).collect::<Vec<_>>(),
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
