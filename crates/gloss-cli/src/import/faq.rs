//! A section heading as an FAQ question (docs/import.md lists the patterns).

/// What a `##` section becomes.
#[derive(Debug, PartialEq, Eq)]
pub enum Section {
    /// An FAQ with this question.
    Question(String),
    /// A list of links ("See also", "Related terms"): its links become
    /// `related`, its text is dropped.
    Links,
}

/// Headings of link lists, compared lowercase.
const LINK_SECTIONS: &[&str] = &[
    "see also",
    "related",
    "related terms",
    "related concepts",
    "learn more",
    "references",
    "further reading",
    "external links",
    "resources",
    "links",
];

/// Heading patterns (lowercase, without a trailing `:`) and their question;
/// `{}` is the term.
const PATTERNS: &[(&[&str], &str)] = &[
    (
        &[
            "problem it addresses",
            "problem it solves",
            "the problem",
            "problems addressed",
            "problem",
        ],
        "What problem does {} address?",
    ),
    (
        &["how it works", "how does it work", "mechanics"],
        "How does {} work?",
    ),
    (
        &["why it matters", "why use it", "importance", "why"],
        "Why does {} matter?",
    ),
    (
        &["benefits", "advantages", "pros"],
        "What are the benefits of {}?",
    ),
    (
        &[
            "limitations",
            "drawbacks",
            "disadvantages",
            "cons",
            "pitfalls",
            "risks",
            "pros and cons",
        ],
        "What are the limitations of {}?",
    ),
    (
        &["example", "examples", "in practice"],
        "What is an example of {}?",
    ),
    (
        &[
            "use cases",
            "when to use",
            "when to use it",
            "usage",
            "applications",
        ],
        "When is {} used?",
    ),
    (
        &["history", "origin", "origins", "background", "etymology"],
        "Where does {} come from?",
    ),
    (
        &[
            "overview",
            "definition",
            "description",
            "what it is",
            "summary",
        ],
        "What is {}?",
    ),
    (
        &[
            "common mistakes",
            "mistakes",
            "anti-patterns",
            "antipatterns",
        ],
        "What are common mistakes with {}?",
    ),
    (
        &[
            "metrics",
            "how to measure",
            "how to measure it",
            "measurement",
        ],
        "How is {} measured?",
    ),
    (
        &["best practices", "tips"],
        "What are best practices for {}?",
    ),
];

/// The question a section heading asks about `term`, in this order: a
/// heading that ends with `?` is kept; a link-list heading is no FAQ; a
/// known heading takes its pattern; `X vs Y` asks for the difference;
/// `How to …` becomes `How do you …?`; anything else is
/// `What about <term>'s <heading>?`.
pub fn question(heading: &str, term: &str) -> Section {
    let heading = heading.trim();
    if heading.ends_with('?') {
        return Section::Question(heading.to_owned());
    }
    let bare = heading.trim_end_matches([':', '.']).trim();
    let lower = bare.to_lowercase();
    if LINK_SECTIONS.contains(&lower.as_str()) {
        return Section::Links;
    }
    for (headings, pattern) in PATTERNS {
        if headings.contains(&lower.as_str()) {
            return Section::Question(pattern.replace("{}", term));
        }
    }
    // ASCII lowercase keeps byte offsets, so they index `bare` too.
    let ascii = bare.to_ascii_lowercase();
    for sep in [" vs. ", " vs ", " versus "] {
        if let Some(at) = ascii.find(sep) {
            let (a, b) = (&bare[..at], &bare[at + sep.len()..]);
            if !a.trim().is_empty() && !b.trim().is_empty() {
                return Section::Question(format!(
                    "What is the difference between {} and {}?",
                    a.trim(),
                    b.trim()
                ));
            }
        }
    }
    if ascii.starts_with("how to ") {
        let rest = &bare["how to ".len()..];
        return Section::Question(format!("How do you {}?", rest.trim()));
    }
    Section::Question(format!("What about {term}'s {}?", lower_first(bare)))
}

/// `Key metrics` → `key metrics`; an acronym (`SLA targets`) keeps its case.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Section, question};

    #[test]
    fn headings_become_questions() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Is it agile?", Some("Is it agile?")),
            (
                "Problem it addresses",
                Some("What problem does Kanban address?"),
            ),
            ("How it works:", Some("How does Kanban work?")),
            ("Examples", Some("What is an example of Kanban?")),
            ("History", Some("Where does Kanban come from?")),
            (
                "Kanban vs Scrum",
                Some("What is the difference between Kanban and Scrum?"),
            ),
            ("How to start a board", Some("How do you start a board?")),
            ("Key metrics", Some("What about Kanban's key metrics?")),
            ("WIP limits", Some("What about Kanban's WIP limits?")),
            ("See also", None),
            ("Related terms", None),
        ];
        for (heading, want) in cases {
            let got = question(heading, "Kanban");
            match want {
                Some(q) => assert_eq!(got, Section::Question((*q).to_owned()), "{heading}"),
                None => assert_eq!(got, Section::Links, "{heading}"),
            }
        }
    }
}
